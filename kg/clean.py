"""Repair the text a reader returned, keeping a map from every clean character to its source.

What changes, and why:

- full-width ASCII forms become ASCII (，→, ：→: ０→0), non-breaking spaces become spaces,
  and all line separators become "\\n" — one character for one, so offsets do not move;
- zero-width and control characters are dropped;
- page markers (``- 1 -``, ``第3页 共5页``), site furniture (分享到…, 【打印】【关闭】, ICP and
  copyright lines; patterns in ``kg/data/furniture.txt``) and blank lines are dropped whole;
- letter spacing from PDF extraction goes: a single space between two CJK characters, or
  between CJK and a digit, is removed (``2022 年 3 月`` → ``2022年3月``);
- a run of two or more spaces, a tab or an ideographic space (U+3000) inside a line is a
  separator (headline ⟷ body in PDF bulletins) and becomes exactly two spaces;
- spaces at the start and end of lines are removed;
- pinyin glosses after Chinese characters go: ``干预(gānyù)`` → ``干预``.

Lines are never joined by `clean`: the segmenter decides which line breaks are hard wraps and
drops them with `unwrap`, which keeps every character mapped to the original.

Every kept character is appended with its original offset by `_Builder`, which records the
piecewise run map of `CleanText`. The work is done by a few compiled regexes over the whole
text, so cleaning runs at several million characters per second.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from kg.records import CleanText, RawText

__all__ = ["clean"]

# --- one-for-one replacements -------------------------------------------------------------

#: line separators and non-breaking spaces: applied before any pattern is matched
_LAYOUT = str.maketrans(
    {
        "\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ",
    }
)
#: full-width ASCII forms U+FF01–U+FF5E → U+0021–U+007E
_WIDTH = str.maketrans({cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)})
#: the dots a transliterated name is written with between its parts (努尔兰•哈力木别克,
#: 叶尔肯・努尔巴合提, 阿依古丽.马合木提) → the middle dot U+00B7
_NAME_DOT = re.compile(r"(?<=[\u4e00-\u9fff])[•・‧∙⋅.](?=[\u4e00-\u9fff])")

# --- character classes (regex fragments) ----------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: characters that, like Han, take no space around them in Chinese typesetting
_CJK = (
    _HAN + "\u3001-\u303f\u2014\u2026\u2018\u2019\u201c\u201d\u00b7"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
_DIGIT = "0-9\uff10-\uff19"
#: invisible characters: zero-width, bidi marks, soft hyphen, BOM, C0/C1 controls except \t \n
_INVISIBLE = (
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad"
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
)
_BLANK = " \t\u3000" + _INVISIBLE
#: marks a parenthesis as pinyin: tone-marked vowels (and ü, which English never has)
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛÜ\u0300\u0301\u0304\u030c"
_PINYIN = "a-zA-Z'" + _TONED

#: edits inside lines, matched on the text with full-width forms still in place
_EDITS = re.compile(
    rf"""
    (?P<lead>^[{_BLANK}]+)                                  # indentation
    | (?P<trail>[{_BLANK}]+$)                               # trailing spaces
    | (?P<gap>[ \t\u3000]{{2,}}|[\t\u3000])                 # a separator inside a line
    | (?P<single>\ (?:(?<=[{_CJK}]\ )(?=[{_CJK}{_DIGIT}])|(?<=[{_DIGIT}]\ )(?=[{_CJK}])))
    | (?P<gloss>[(（](?<=[{_HAN}][(（])                      # a pinyin gloss after Han
        [{_PINYIN}]*[{_TONED}][{_PINYIN}]*(?:\ [{_PINYIN}]+)*[)）]
        (?:\ (?=[{_CJK}{_DIGIT}]))?)                       # and the space it left between Han
    | (?P<invisible>[{_INVISIBLE}]+)
    """,
    re.MULTILINE | re.VERBOSE,
)

_FURNITURE_FILE = "furniture.txt"


@cache
def _furniture() -> re.Pattern[str]:
    """Compile every pattern of `kg/data/furniture.txt` (one regex a line, `#` comments) as one."""
    text = resources.files("kg").joinpath("data", _FURNITURE_FILE).read_text(encoding="utf-8")
    patterns = [line.strip() for line in text.splitlines()]
    return re.compile("|".join(f"(?:{p})" for p in patterns if p and not p.startswith("#")))


def is_furniture(line: str) -> bool:
    """Whether a line (simplified, full-width forms as ASCII) is page furniture as a whole.

    >>> is_furniture("扫一扫在手机打开当前页"), is_furniture("某市推行一网通办")
    (True, False)
    """
    return bool(_furniture().fullmatch(line.strip(_BLANK_CHARS).replace("\u3000", " ")))


def _expand(ranges: str) -> str:
    """Spell out a character-class body such as ``a-c x`` as the characters it holds.

    >>> _expand("a-cx")
    'abcx'
    """
    chars: list[str] = []
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            chars.extend(map(chr, range(ord(ranges[i]), ord(ranges[i + 2]) + 1)))
            i += 3
        else:
            chars.append(ranges[i])
            i += 1
    return "".join(chars)


_BLANK_CHARS = _expand(_BLANK)


def _dropped_lines(target: str) -> list[tuple[int, int]]:
    """Find the lines to drop whole (blank, page marker, furniture), each with its line break.

    Furniture patterns are matched one line at a time, so no pattern can reach into the next
    line whatever it is written with.
    """
    furniture = _furniture()
    drops: list[tuple[int, int]] = []
    pos = 0
    lines = target.split("\n")
    front = _front_matter(lines)
    for k, line in enumerate(lines):
        end = pos + len(line)
        body = line.strip(_BLANK_CHARS)
        if k < front or not body or furniture.fullmatch(body.replace("\u3000", " ")):  # an ideographic space is a space
            drops.append((pos, min(end + 1, len(target))))
        pos = end + 1
    return [(s, e) for s, e in drops if e > s]


#: a line of a scraper's front matter: url: …, title: …, date: …
_FRONT_LINE = re.compile(r"[a-z_]{2,16}:\s.*|[a-z_]{2,16}:")


def _front_matter(lines: list[str]) -> int:
    """How many lines a block of metadata opening the file takes (url: … / title: … / --- ), as a
    scraper writes it above the page's text; 0 when the file opens otherwise.

    >>> _front_matter(["url: http://a.cn/1", "title: 某市推行一网通办", "---", "", "正文"]), _front_matter(["正文"])
    (3, 0)
    """
    k = 0
    while k < len(lines) and _FRONT_LINE.fullmatch(lines[k].strip()):
        k += 1
    return k + 1 if k >= 2 and k < len(lines) and lines[k].strip() == "---" else 0


# --- the builder ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Builder:
    """Append kept pieces with their original offsets; produce text and the run map.

    >>> b = _Builder()
    >>> b.add("ab", 0); b.add("c", 2); b.add("d", 5)
    >>> b.text, b.clean_starts, b.orig_starts
    ('abcd', [0, 3], [0, 5])
    """

    parts: list[str] = field(default_factory=list)
    clean_starts: list[int] = field(default_factory=list)
    orig_starts: list[int] = field(default_factory=list)
    length: int = 0
    next_orig: int = -1

    def add(self, piece: str, orig: int) -> None:
        """Append `piece`, whose characters come from `orig`, `orig + 1`, … in the original."""
        if not piece:
            return
        if orig != self.next_orig:
            self.clean_starts.append(self.length)
            self.orig_starts.append(orig)
        self.parts.append(piece)
        self.length += len(piece)
        self.next_orig = orig + len(piece)

    @property
    def text(self) -> str:
        return "".join(self.parts)


# --- cleaning -------------------------------------------------------------------------------


def clean(raw: RawText | str) -> CleanText:
    """Clean a reader's text; every clean character maps back to the character it came from.

    Args:
        raw: a reader's `RawText`, or a plain string.

    Returns:
        The clean text, the original, the offset map and a simplified-Chinese view.

    >>> c = clean("- 1 -\\n内 部 交 流\\n干预(gānyù)　依法（试行）")
    >>> c.text
    '内部交流\\n干预  依法(试行)'
    >>> c.original[c.to_original(c.text.index("依"))]
    '依'
    """
    original = raw.text if isinstance(raw, RawText) else str(raw)
    layout = original.translate(_LAYOUT)
    target = _NAME_DOT.sub("·", layout.translate(_WIDTH))
    builder = _Builder()
    pos = 0
    for start, end, replacement in _edits(layout, target):
        builder.add(target[pos:start], pos)
        if replacement:
            _add_separator(builder, start, end)
        pos = end
    builder.add(target[pos:], pos)
    text = builder.text
    if text.endswith("\n"):  # the last line's break ends nothing
        text = text[:-1]
    clean_starts, orig_starts = _trim(builder, len(text))
    return CleanText(
        text=text,
        original=original,
        clean_starts=clean_starts,
        orig_starts=orig_starts,
        simplified=simplify(text).translate(_CORNER_QUOTES),
    )


def _edits(layout: str, target: str) -> list[tuple[int, int, bool]]:
    """List the (start, end, is_separator) spans to remove or replace, in order.

    Whole-line drops are found in the simplified `target` (full-width forms already ASCII and
    traditional characters simplified, so one furniture pattern serves 版权所有 and 版權所有);
    edits inside lines in `layout` (full-width forms still visible, so ``（ 42 ）`` counts as
    CJK spacing). All these strings have the original's offsets. An edit inside a dropped line
    is ignored.
    """
    drops = _dropped_lines(simplify(target))
    result: list[tuple[int, int, bool]] = []
    k = 0
    for m in _EDITS.finditer(layout):
        start = m.start()
        while k < len(drops) and drops[k][1] <= start:
            result.append((*drops[k], False))
            k += 1
        if k < len(drops) and drops[k][0] <= start:
            continue  # inside a dropped line
        result.append((start, m.end(), m.lastgroup == "gap"))
    result.extend((s, e, False) for s, e in drops[k:])
    return result


def _add_separator(builder: _Builder, start: int, end: int) -> None:
    """Write two spaces for the separator run [start, end), mapped onto the run's characters."""
    if end - start >= 2:
        builder.add("  ", start)
    else:  # one tab or ideographic space stands for both spaces
        builder.add(" ", start)
        builder.add(" ", start)


def _trim(builder: _Builder, length: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Return the run map without runs starting at or past `length`; (0,), (0,) when empty."""
    runs = [(c, o) for c, o in zip(builder.clean_starts, builder.orig_starts) if c < length]
    if not runs:
        return (0,), (0,)
    return tuple(c for c, _ in runs), tuple(o for _, o in runs)


# --- the simplified view --------------------------------------------------------------------

#: corner brackets quote as curly quotes do (「安心辦」服務品牌): the view reads them as “”‘’
_CORNER_QUOTES = str.maketrans("「」『』", "“”‘’")

_CONVERTER: Any = None


def _converter() -> Any:
    """Build the OpenCC traditional→simplified converter once."""
    global _CONVERTER
    if _CONVERTER is None:
        import opencc

        _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER


def simplify(text: str) -> str:
    """Convert traditional characters to simplified, keeping the length (and so the offsets).

    Whole text first; where OpenCC changes a line's length (or fails on it, e.g. on a lone
    surrogate), that line is converted character by character instead.

    >>> simplify("營商環境 關於")
    '营商环境 关于'
    """
    converted = _convert(text)
    if converted is not None and len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        whole = _convert(line)
        if whole is not None and len(whole) == len(line):
            lines.append(whole)
        else:
            lines.append("".join(_convert_char(c) for c in line))
    return "\n".join(lines)


def _convert(text: str) -> str | None:
    try:
        converted: str = _converter().convert(text)
    except (UnicodeError, ValueError, RuntimeError):
        return None
    return converted


def _convert_char(char: str) -> str:
    converted = _convert(char)
    return converted if converted is not None and len(converted) == 1 else char


def unwrap(clean: CleanText, drop: list[int]) -> CleanText:
    """A copy of `clean` without the characters at `drop` (soft line breaks), same map to the original."""
    if not drop:
        return clean
    old_cs, old_os = clean.clean_starts, clean.orig_starts
    pieces, sim, cs, os_ = [], [], [], []
    new_pos, prev = 0, 0
    for stop in [*sorted(set(drop)), len(clean.text)]:
        a, b = prev, stop
        prev = stop + 1
        if a >= b:
            continue
        pieces.append(clean.text[a:b])
        if clean.simplified:
            sim.append(clean.simplified[a:b])
        k = bisect_right(old_cs, a) - 1
        cur = a
        while cur < b:
            run_end = old_cs[k + 1] if k + 1 < len(old_cs) else b
            seg_end = min(b, run_end)
            orig = old_os[k] + (cur - old_cs[k])
            if not cs or orig != os_[-1] + (new_pos - cs[-1]):
                cs.append(new_pos)
                os_.append(orig)
            new_pos += seg_end - cur
            cur = seg_end
            k += 1
    return CleanText("".join(pieces), clean.original, tuple(cs) or (0,), tuple(os_) or (0,),
                     "".join(sim))
