"""Every way a path can fail to be read ends in an IngestError naming the file and problem."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.read import SUFFIXES, read


def _refused(path: Path, problem: str) -> IngestError:
    with pytest.raises(IngestError) as err:
        read(path)
    assert err.value.path == str(path)
    assert str(path) in str(err.value)
    assert problem in err.value.problem
    return err.value


def test_suffixes():
    assert set(SUFFIXES) == {".txt", ".pdf", ".docx", ".html", ".htm"}


def test_missing_file(tmp_path):
    _refused(tmp_path / "absent.txt", "no such file")


def test_directory(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    _refused(folder, "directory")


def test_unknown_suffix(write):
    error = _refused(write("notes.xyz", "随便写点什么"), "unsupported file type")
    assert error.problem == "unsupported file type '.xyz' (expected .txt, .pdf, .docx, .html)"


def test_no_suffix(write):
    _refused(write("README", "说明"), "unsupported file type")


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty.html"])
def test_empty_file(write, name):
    _refused(write(name, b""), "empty file")


def test_unreadable_file(write, monkeypatch):
    path = write("locked.txt", "内容")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    error = _refused(path, "cannot read file")
    assert "Permission denied" in error.problem
    assert isinstance(error.__cause__, PermissionError)


def test_unexpected_reader_failure_is_translated(write, monkeypatch):
    import kg.read.txt

    def broken(path: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(kg.read.txt, "read", broken)
    error = _refused(write("x.txt", "内容"), "boom")
    assert isinstance(error.__cause__, RuntimeError)


@pytest.mark.parametrize("module", ["kg.read.txt", "kg.read.pdf", "kg.read.docx", "kg.read.html"])
def test_doctests(module):
    import doctest
    import importlib

    assert doctest.testmod(importlib.import_module(module)).failed == 0
