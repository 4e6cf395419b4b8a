"""Fixture texts and file builders for the reader tests; every file is made at test time."""
from __future__ import annotations

from pathlib import Path

import pytest

#: simplified fixture sentences, written for these tests
_SIMPLIFIED = (
    "示范区推行企业开办“一窗通办”，审批时限由五个工作日压缩至一个工作日。\n"
    "市场监管部门上线电子营业执照自助打印服务，群众办事少跑腿。"
)
#: the same sentences in traditional characters
_TRADITIONAL = (
    "示範區推行企業開辦「一窗通辦」，審批時限由五個工作日壓縮至一個工作日。\n"
    "市場監管部門上線電子營業執照自助列印服務，群眾辦事少跑腿。"
)


@pytest.fixture
def write(tmp_path: Path):
    """Write bytes or text to a file named `name` under a temporary directory."""

    def _write(name: str, content: bytes | str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        data = content.encode(encoding) if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def simplified() -> str:
    return _SIMPLIFIED


@pytest.fixture
def traditional() -> str:
    return _TRADITIONAL
