"""Read the text layer of a PDF with pdfplumber, page by page, keeping line breaks.

A page set in two columns is read column by column, band by band between the rows set across the
page (a masthead, a section in one column); other pages line by line, so a table keeps its rows. Running heads
and feet (the series title and issue atop every page, page numbers) are left out.

Lines set in a clearly larger font than the page's body text are recorded as candidate
headings: their median character size is at least `HEADING_RATIO` times the page's median.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from statistics import median
from typing import Any, NamedTuple

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from kg.errors import IngestError
from kg.records import RawText

#: a line is a heading when its median char size is at least this many times the page's
HEADING_RATIO = 1.15


def read(path: Path) -> RawText:
    """Extract the text of every page of the PDF at `path`, pages joined by "\\n".

    Raises:
        IngestError: the file is not a PDF, is damaged, is encrypted, or has no text layer.
    """
    try:
        with pdfplumber.open(path) as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise IngestError(path, "PDF is encrypted (password required); decrypt it first") from e
        raise IngestError(path, f"not a readable PDF: {_describe(cause)}") from e
    except (ValueError, TypeError, KeyError, AttributeError, AssertionError) as e:
        # pdfminer reports some kinds of damage as plain Python errors
        raise IngestError(path, f"not a readable PDF: {_describe(e)}") from e
    if not any(text.strip() for lines in pages for text, _ in lines):
        raise IngestError(path, "PDF has no text layer (scanned image?); run OCR first")
    return _assemble(path, _without_running_heads(pages))


def _page_lines(page: Any) -> list[tuple[str, bool]]:
    """Return the page's lines in reading order, each with whether it is set in a heading-sized font."""
    ink = [c for c in page.chars if not c["text"].isspace()]
    gutter = _gutter(ink, page.width)
    if gutter is None:
        lines = [line["chars"] for line in page.extract_text_lines(return_chars=True, strip=True)]
    else:
        lines = _column_lines(page.chars, gutter)
    # (a page number set at the foot, wherever it falls among the lines)
    lines = [chars for chars in lines if chars and not (
        chars[0]["top"] > _FOOT * page.height and _PAGE_NUMBER_RE.match("".join(c["text"] for c in chars)))]
    sizes = [c["size"] for chars in lines for c in chars if not c["text"].isspace()]
    body = median(sizes) if sizes else 0.0
    result = []
    for chars in lines:
        heading = _is_heading(chars, body)
        if heading and result and result[-1][1] and _wrapped(result[-1][2], chars):
            chars = result.pop()[2] + chars  # a headline set over two lines
        # (a gap inside a headline is a space, not the gap between an inline headline and its body)
        text = _line_text(chars).replace("  ", " ") if heading else _line_text(chars)
        result.append((text, heading, chars))
    page.close()  # frees the page's layout cache; long bulletins have many pages
    return [(text, heading) for text, heading, _ in result]


def _wrapped(first: list[dict[str, Any]], then: list[dict[str, Any]]) -> bool:
    """Whether two heading lines in a row are one headline wrapped: set in one size, close under each
    other, the first long (not a section's name) and open (no stop at its end)."""
    size = median(c["size"] for c in first)
    return abs(median(c["size"] for c in then) - size) < 0.5 and then[0]["top"] - first[0]["top"] <= 1.8 * size \
        and len(first) >= _WRAPPED_MIN and first[-1]["text"] not in "。！？；：:" \
        and not then[0]["text"] in "【■◆●▲（(一二三四五六七八九十"


#: the shortest first line of a headline wrapped over two (a shorter one names a section)
_WRAPPED_MIN = 12
#: a page number: 3, — 3 —, - 3 -, 第 3 页
_PAGE_NUMBER_RE = re.compile(r"^[\s\-—–－]*(?:第\s*)?\d{1,3}(?:\s*[页頁])?[\s\-—–－]*$")
#: how far down a page its foot begins, as a share of the page's height
_FOOT = 0.85
#: a page is in two columns when at least this many rows, and this share of them, run up to the
#: gutter from the left and as many start right after it
_COLUMN_ROWS = 5
_COLUMN_SHARE = 0.2
#: at most this many stretches of rows between the rows set across the page, on a page in columns
_BLOCKS = 3
#: how close to the gutter, in characters, a column's lines run
_REACH = 3
#: the width, in points, of a gap between characters too narrow to be a gutter
_NARROW = 3


class Gutter(NamedTuple):
    """Where a page's two columns part: the gutter's middle and edges (where most left lines end,
    most right lines start), and the margins the columns' lines reach (left start, right end)."""
    middle: float
    left: float
    right: float
    margin_l: float
    margin_r: float


def _rows(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into rows set at one height, top to bottom, each row left to right."""
    rows: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if rows and c["top"] - rows[-1][0]["top"] <= 0.3 * max(c.get("size") or 0.0, 1.0):
            rows[-1].append(c)
        else:
            rows.append([c])
    return [sorted(row, key=lambda c: c["x0"]) for row in rows]


def _crosses(row: list[dict[str, Any]], x: float) -> bool:
    return any(c["x0"] < x < c["x1"] for c in row)


def _gutter(ink: list[dict[str, Any]], width: float) -> Gutter | None:
    """Where a page set in two columns parts them, or None
    for a page in one column: the stretch in the middle of the page the fewest rows cross (a masthead
    or a section across the page may), where many rows of text run up to it from the left and as
    many start right after it.

    >>> line = lambda x, y, n: [{"text": "字", "x0": x + 10 * k, "x1": x + 10 * k + 9, "top": y, "bottom": y + 9,
    ...                          "size": 9} for k in range(n)]  # a line of n characters, 1 point apart
    >>> head = line(100, 10, 30)
    >>> two = [c for y in range(40, 400, 12) for c in line(50, y, 20) + line(320, y, 20)]
    >>> _gutter(head + two, 600)[:3]
    (284.5, 249, 320)
    >>> _gutter(head + [c for y in range(40, 400, 12) for c in line(50, y, 50)], 600) is None
    True
    """
    if len(ink) < 100:
        return None
    rows = _rows(ink)
    crossing = [0] * (int(width) + 2)
    for row in rows:
        covered: set[int] = set()
        for c in row:  # (a gap narrower than a gutter, between letters, is covered too)
            covered.update(range(max(int(c["x0"]) - _NARROW + 1, 0), min(int(c["x1"]) + _NARROW, len(crossing))))
        for x in covered:
            crossing[x] += 1
    middle = range(int(width * 0.3), int(width * 0.7) + 1)
    least = min(crossing[x] for x in middle)
    run = [x for x in middle if crossing[x] == least]
    widest, start, first = 0, run[0], run[0]  # the middle of the widest stretch of that count
    for a, b in zip(run, run[1:] + [-1]):
        if b != a + 1:
            if a - start >= widest:
                widest, first = a - start, start
            start = b
    middle_x = first + widest / 2
    size = median(c.get("size") or 10.0 for c in ink)
    free = [row for row in rows if not _crosses(row, middle_x)]
    lefts = [[c for c in row if c["x1"] <= middle_x] for row in free]
    rights = [[c for c in row if c["x0"] >= middle_x] for row in free]
    ends = sorted(part[-1]["x1"] for part in lefts if part)
    starts = sorted(part[0]["x0"] for part in rights if part)
    if not ends or not starts:
        return None
    # the gutter's edges: where most of the left column's lines end, most of the right's start
    edges = Gutter(middle_x, ends[int(len(ends) * 0.8)], starts[int(len(starts) * 0.2)], 0.0, 0.0)
    # a column's lines run from its margin to the gutter, or from the gutter to its margin (the
    # margin its lines reach farthest; a table's cells do not all reach it)
    lefts = [part for part in lefts if part and _reaches(part[-1], edges, size)]
    rights = [part for part in rights if part and _starts(part[0], edges, size)]
    if not lefts or not rights:
        return None
    gutter = edges._replace(margin_l=min(part[0]["x0"] for part in lefts),
                            margin_r=max(part[-1]["x1"] for part in rights))
    left = sum(1 for part in lefts if part[0]["x0"] <= gutter.margin_l + _REACH * size)
    right = sum(1 for part in rights if part[-1]["x1"] >= gutter.margin_r - _REACH * size)
    # and the rows across the gutter come in a few blocks (a masthead, a section set across the page),
    # not one every paragraph as a page in one column has them, its last lines short of the gutter
    across = [_crosses(row, middle_x) for row in rows]
    blocks = sum(1 for before, now in zip([True, *across], across) if before and not now)
    if min(left, right) < max(_COLUMN_ROWS, _COLUMN_SHARE * len(rows)) or blocks > _BLOCKS:
        return None
    return gutter


def _reaches(c: dict[str, Any], gutter: Gutter, size: float) -> bool:
    """Whether a character ends a left column's line: close before the gutter."""
    return gutter.left - _REACH * size <= c["x1"] <= gutter.middle


def _starts(c: dict[str, Any], gutter: Gutter, size: float) -> bool:
    """Whether a character starts a right column's line: close after the gutter."""
    return gutter.middle <= c["x0"] <= gutter.right + _REACH * size


def _column_lines(chars: list[dict[str, Any]], edges: Gutter) -> list[list[dict[str, Any]]]:
    """A two-column page's lines in reading order: bands of rows across the gutter (a masthead, a
    section set across the page) as they come, and in each band between them the left column's
    rows, then the right's."""
    lines: list[list[dict[str, Any]]] = []
    band: list[list[dict[str, Any]]] = []
    gutter = edges.middle

    def above(row: list[dict[str, Any]]) -> bool:
        # a row set across the page above the columns, not the start of both: one with a part set
        # far after the gutter (某市营商办　　　2023年9月18日), or with no line of a column (专　　报)
        size = median(c.get("size") or 10.0 for c in row)
        left = [c for c in row if not c["text"].isspace() and c["x1"] <= gutter]
        right = [c for c in row if not c["text"].isspace() and c["x1"] > gutter]
        if left and right and not _starts(right[0], edges, size):
            return True
        return not (left and left[0]["x0"] <= edges.margin_l + _REACH * size and _reaches(left[-1], edges, size)
                    or right and right[-1]["x1"] >= edges.margin_r - _REACH * size and _starts(right[0], edges, size))

    def flush() -> None:
        while band and above(band[0]):
            lines.append(band.pop(0))
        lines.extend(left for row in band if (left := [c for c in row if c["x1"] <= gutter]))
        lines.extend(right for row in band if (right := [c for c in row if c["x1"] > gutter]))
        band.clear()

    for row in _rows(chars):
        if _crosses(row, gutter):
            flush()
            lines.append(row)
        else:
            band.append(row)
    flush()
    return [_trimmed(line) for line in lines if any(not c["text"].isspace() for c in line)]


def _trimmed(line: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A line without the blanks at its end (an indent of ideographic spaces at its start stays)."""
    while line and line[-1]["text"].isspace():
        line = line[:-1]
    return line


def _without_running_heads(pages: list[list[tuple[str, bool]]]) -> list[list[tuple[str, bool]]]:
    """The pages without their running heads and feet: a first or last line that opens or closes
    at least two pages and half of them, the same but for its numbers (内部资料　某某简报（第3期）,
    第 2 页). Pages keep their other lines.

    >>> pages = [[("某某简报（第3期）", False), ("甲", False), ("— 1 —", False)],
    ...          [("某某简报（第3期）", False), ("乙", False), ("— 2 —", False)]]
    >>> _without_running_heads(pages)
    [[('甲', False)], [('乙', False)]]
    """
    if len(pages) < 2:
        return pages
    shape = lambda text: re.sub(r"\d+", "#", re.sub(r"\s+", "", text))  # noqa: E731
    running = set()
    for end in (0, -1):
        counts = Counter(shape(lines[end][0]) for lines in pages if lines)
        running |= {k for k, n in counts.items() if k and n >= 2 and n * 2 >= len(pages)}
    out = []
    for lines in pages:
        keep = list(lines)
        if keep and shape(keep[0][0]) in running:
            keep = keep[1:]
        if keep and shape(keep[-1][0]) in running:
            keep = keep[:-1]
        out.append(keep)
    return out


def _line_text(chars: list[dict[str, Any]]) -> str:
    """A line's text rebuilt from its characters, keeping wide gaps as two spaces.

    Bulletins set a headline and its body on one line with a wide gap between them; pdfplumber's
    own text collapses the gap to nothing, which would glue headline and body together.

    >>> _line_text([{"text": "标", "x0": 0, "x1": 10, "size": 10}, {"text": "正", "x0": 25, "x1": 35, "size": 10}])
    '标  正'
    """
    out: list[str] = []
    prev = None
    for c in chars:
        if prev is not None:
            gap = c["x0"] - prev["x1"]
            size = max(c.get("size") or 0, 1.0)
            if gap >= 0.4 * size:  # two spaces or more (a space is 0.2–0.33 em in CJK fonts)
                out.append("  ")
            elif gap >= 0.15 * size and not out[-1].endswith(" "):
                out.append(" ")
        out.append(c["text"])
        prev = c
    return "".join(out).rstrip().lstrip(" ")  # an indent of ideographic spaces opens a paragraph


def _is_heading(chars: list[dict[str, Any]], body: float) -> bool:
    """Say whether a line's characters are clearly bigger than the body size.

    >>> _is_heading([{"text": "标", "size": 16.0}, {"text": "题", "size": 16.0}], 12.0)
    True
    >>> _is_heading([{"text": "正", "size": 12.5}], 12.0)
    False
    """
    sizes = [c["size"] for c in chars if not c["text"].isspace()]
    return bool(sizes) and body > 0 and median(sizes) >= HEADING_RATIO * body


def _assemble(path: Path, pages: list[list[tuple[str, bool]]]) -> RawText:
    """Join lines with "\\n" and pages with "\\n", noting the offsets of heading lines."""
    parts: list[str] = []
    headings: list[tuple[int, int]] = []
    pos = 0
    for page_no, lines in enumerate(pages):
        if page_no:
            parts.append("\n")
            pos += 1
        for line_no, (text, heading) in enumerate(lines):
            if line_no:
                parts.append("\n")
                pos += 1
            if heading and text:
                headings.append((pos, pos + len(text)))
            parts.append(text)
            pos += len(text)
    return RawText(path=str(path), text="".join(parts), fmt="pdf", headings=tuple(headings))


def _describe(e: BaseException) -> str:
    """Name an exception briefly for a user.

    >>> _describe(ValueError("bad xref"))
    'bad xref'
    >>> _describe(KeyError())
    'KeyError'
    """
    return str(e).strip() or type(e).__name__
