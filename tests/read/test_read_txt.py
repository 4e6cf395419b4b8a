"""Plain-text reading: encodings, BOMs, line endings, binary content."""
from __future__ import annotations

import random

import pytest

from kg.errors import IngestError
from kg.read import read


def test_utf8(write, simplified):
    raw = read(write("a.txt", simplified))
    assert raw.text == simplified
    assert raw.encoding == "utf-8"
    assert raw.fmt == "txt"
    assert raw.path.endswith("a.txt")


def test_utf8_bom_is_stripped(write, simplified):
    raw = read(write("bom.txt", simplified, "utf-8-sig"))
    assert raw.text == simplified
    assert not raw.text.startswith("\ufeff")
    assert raw.encoding == "utf-8-sig"


def test_gb18030(write, simplified):
    raw = read(write("gb.txt", simplified, "gb18030"))
    assert raw.text == simplified
    assert raw.encoding == "gb18030"


def test_gb18030_beyond_gbk(write, simplified):
    # 䶮 (U+4DAE) and 𠀀 (U+20000) are in GB18030 but not in GBK
    text = simplified + "\n生僻字䶮与𠀀也要保留。"
    raw = read(write("gb_rare.txt", text, "gb18030"))
    assert raw.text == text
    assert raw.encoding == "gb18030"


def test_short_gb18030_is_not_taken_for_big5(write):
    raw = read(write("short.txt", "短文本", "gb18030"))
    assert raw.text == "短文本"


def test_big5(write, traditional):
    raw = read(write("big5.txt", traditional, "big5"))
    assert raw.text == traditional
    assert raw.encoding in ("big5", "cp950", "big5hkscs")


def test_utf16_with_bom(write, simplified):
    raw = read(write("u16.txt", simplified, "utf-16"))
    assert raw.text == simplified
    assert raw.encoding == "utf-16"


def test_utf16_be_with_bom(write, simplified):
    raw = read(write("u16be.txt", b"\xfe\xff" + simplified.encode("utf-16-be")))
    assert raw.text == simplified


def test_line_endings_become_newlines(write):
    raw = read(write("crlf.txt", "第一行\r\n第二行\r第三行\n"))
    assert raw.text == "第一行\n第二行\n第三行\n"


def test_uppercase_suffix(write, simplified):
    assert read(write("UPPER.TXT", simplified)).text == simplified


def test_binary_garbage_is_refused(write):
    data = random.Random(7).randbytes(4096) + bytes(64)
    path = write("garbage.txt", data)
    with pytest.raises(IngestError) as err:
        read(path)
    assert err.value.path == str(path)
    assert "not text: binary content" in str(err.value)
    assert str(path) in str(err.value)


def test_nul_bytes_in_ascii_are_refused(write):
    path = write("nul.txt", b"abc\x00\x00\x00\x01\x02" * 50)
    with pytest.raises(IngestError, match="binary content"):
        read(path)
