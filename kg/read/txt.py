"""Read a plain-text file whose encoding is not declared.

Order of trust: a byte-order mark, then strict UTF-8, then charset-normalizer's best guess.
GBK and GB2312 guesses are decoded as GB18030, their superset, so rarer characters survive.
Line endings become "\\n".
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from kg.errors import IngestError
from kg.records import RawText

#: BOMs in the order they must be tested (UTF-32 LE starts with the UTF-16 LE BOM)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: encodings charset-normalizer may report for Chinese text that GB18030 decodes as well or better
_GB_FAMILY = frozenset({"gbk", "gb2312", "gb18030", "hz", "cp936", "euc_cn"})
_BIG5_FAMILY = frozenset({"big5", "cp950", "big5hkscs"})

#: control characters that do not occur in text (tab, newline, CR, FF, VT are allowed)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")

#: share of control characters above which decoded content counts as binary
_MAX_CONTROL_SHARE = 0.01

_NEWLINES = re.compile(r"\r\n?")

#: OpenCC traditional→simplified converter, built on first use
_CONVERTER: Any = None


def read(path: Path) -> RawText:
    """Read and decode the text file at `path`.

    Raises:
        IngestError: the content is binary or in no encoding we can identify.
    """
    text, encoding = decode(path, path.read_bytes())
    return RawText(path=str(path), text=text, fmt="txt", encoding=encoding)


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode `data` read from `path`; return the text (newlines normalised) and the encoding.

    Raises:
        IngestError: the bytes are not text in any encoding we recognise.
    """
    text, encoding = _decode(path, data)
    if _looks_binary(text):
        raise IngestError(path, "not text: binary content")
    return normalise_newlines(text), encoding


def normalise_newlines(text: str) -> str:
    r"""Turn CRLF and lone CR line endings into LF.

    >>> normalise_newlines("a\r\nb\rc\n")
    'a\nb\nc\n'
    """
    return _NEWLINES.sub("\n", text)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as e:
                problem = f"not text: invalid {encoding} after its byte-order mark"
                raise IngestError(path, problem) from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _mixed(data)
    if mixed is not None:
        return mixed, "utf-8+gb18030"
    encoding = _guess(data)
    if encoding is None:
        raise IngestError(path, "not text: binary content")
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as e:
        raise IngestError(path, f"not text: cannot decode as {encoding}") from e


def _mixed(data: bytes) -> str | None:
    r"""Decode a file pasted together from UTF-8 and GBK/GB18030 lines, one line at a time.

    Returns None unless both encodings occur, each line decoding in one of them. A line valid in
    both is taken in the one that gives more common characters (GB bytes read as UTF-8, by
    chance, give rare ones).

    >>> _mixed("营商环境".encode("utf-8") + b"\n" + "优化服务".encode("gb18030"))
    '营商环境\n优化服务'
    >>> _mixed("只有一种编码".encode("gb18030")) is None
    True
    """
    out: list[str] = []
    found: set[str] = set()
    for line in data.split(b"\n"):
        if line.isascii():
            out.append(line.decode("ascii"))
            continue
        utf8, gb = _try(line, "utf-8"), _try(line, "gb18030")
        if utf8 is not None and (gb is None or _common_share(utf8) >= _common_share(gb)):
            out.append(utf8)
            found.add("utf-8")
        elif gb is not None:
            out.append(gb)
            found.add("gb18030")
        else:
            return None
    return "\n".join(out) if len(found) == 2 else None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _guess(data: bytes) -> str | None:
    """Pick an encoding among charset-normalizer's candidates, preferring Chinese ones.

    On short input charset-normalizer ranks many encodings alike (GB bytes decode as Big5 or
    CP949 without error), so a Chinese candidate wins over a non-Chinese one, and between GB and
    Big5 the decoding made of more common characters wins. On long input there is usually one
    candidate and this changes nothing.
    """
    matches = [m for m in from_bytes(data) if m.encoding]
    if not matches:
        return None
    names = [m.encoding.lower() for m in matches]
    chinese = [e for e in names if e in _GB_FAMILY or e in _BIG5_FAMILY]
    if not chinese:
        return matches[0].encoding
    gb = next((e for e in chinese if e in _GB_FAMILY), None)
    big5 = next((e for e in chinese if e in _BIG5_FAMILY), None)
    if gb and big5:
        gb_score = _common_share(data.decode("gb18030", errors="replace"))
        big5_score = _common_share(data.decode(big5, errors="replace"))
        if gb_score != big5_score:
            return "gb18030" if gb_score > big5_score else big5
    return "gb18030" if chinese[0] in _GB_FAMILY else chinese[0]


def _common_share(text: str) -> float:
    """Share of the Han characters of `text` that are among the 3,755 commonest (GB2312 level 1).

    Traditional characters are simplified first, so Big5 text is judged fairly.

    >>> _common_share("营商環境")
    1.0
    >>> _common_share("abc")
    0.0
    """
    han = [c for c in _t2s(text) if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    return sum(1 for c in han if _is_level1(c)) / len(han)


def _is_level1(char: str) -> bool:
    try:
        lead = char.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xD7


def _t2s(text: str) -> str:
    import opencc  # only needed on the rare GB-versus-Big5 tie

    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = opencc.OpenCC("t2s")
    converted: str = _CONVERTER.convert(text)
    return converted



def _looks_binary(text: str) -> bool:
    """Say whether decoded text holds too many control characters to be text.

    >>> _looks_binary("正文\\n第二行")
    False
    >>> _looks_binary("\\x00\\x01\\x02abc")
    True
    """
    if not text:
        return False
    return len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_SHARE
