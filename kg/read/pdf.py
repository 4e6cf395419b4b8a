"""Read the text layer of a PDF with pdfplumber, page by page, keeping line breaks.

A page set in two columns is read column by column in the order pdfminer's layout analysis gives
(a masthead across both first); other pages line by line, so a table keeps its rows. Running heads
and feet (the series title and issue atop every page, page numbers) are left out.

Lines set in a clearly larger font than the page's body text are recorded as candidate
headings: their median character size is at least `HEADING_RATIO` times the page's median.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from statistics import median
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTTextBox, LTTextLine
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
        with pdfplumber.open(path, laparams=LAPARAMS) as pdf:
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


#: pdfminer's layout analysis groups lines into blocks and orders the blocks, so that a page set
#: in two columns is read column by column, under a masthead across both; used on such pages only,
#: as it reads a table column by column too
LAPARAMS: dict[str, Any] = {}


def _page_lines(page: Any) -> list[tuple[str, bool]]:
    """Return the page's lines in reading order, each with whether it is set in a heading-sized font."""
    if _columns(page.chars, page.width) is None:
        lines = [line["chars"] for line in page.extract_text_lines(return_chars=True, strip=True)]
    else:
        lines = [[{"text": c.get_text(), "x0": c.x0, "x1": c.x1, "size": c.size, "top": page.height - c.y1}
                  for c in line if isinstance(c, LTChar)]
                 for box in page.layout if isinstance(box, LTTextBox) for line in box if isinstance(line, LTTextLine)]
    # (a page number set at the foot, wherever the layout puts it among the lines)
    lines = [chars for chars in lines if chars and not (
        chars[0]["top"] > _FOOT * page.height and _PAGE_NUMBER_RE.match("".join(c["text"] for c in chars)))]
    sizes = [c["size"] for chars in lines for c in chars if not c["text"].isspace()]
    body = median(sizes) if sizes else 0.0
    result = [(_line_text(chars), _is_heading(chars, body)) for chars in lines]
    page.close()  # frees the page's layout cache; long bulletins have many pages
    return result


#: a page number: 3, — 3 —, - 3 -, 第 3 页
_PAGE_NUMBER_RE = re.compile(r"^[\s\-—–－]*(?:第\s*)?\d{1,3}(?:\s*[页頁])?[\s\-—–－]*$")
#: how far down a page its foot begins, as a share of the page's height
_FOOT = 0.85

#: a page is read in two columns when at least this share of its characters lies below the lines
#: that cross the gutter, and each column holds at least `_COLUMN_SHARE` of them
_BELOW_SHARE = 0.5
_COLUMN_SHARE = 0.15
#: half the width, in points, of a gap between characters too narrow to be a gutter
_NARROW = 3


def _columns(chars: list[dict[str, Any]], width: float) -> float | None:
    """Where a page set in two columns parts them, or None for a page in one column: a point in
    the middle of the page that, below the lines across it (a masthead), no character crosses,
    with text on both sides of it.

    >>> line = lambda x, y, n: [{"text": "字", "x0": x + 10 * k, "x1": x + 10 * k + 9, "top": y, "bottom": y + 9}
    ...                         for k in range(n)]  # a line of n characters, 1 point apart
    >>> head = line(100, 10, 30)
    >>> two = [c for y in range(40, 400, 12) for c in line(50, y, 20) + line(320, y, 20)]
    >>> _columns(head + two, 600)
    285.0
    >>> _columns(head + [c for y in range(40, 400, 12) for c in line(50, y, 50)], 600) is None
    True
    """
    ink = [c for c in chars if not c["text"].isspace()]
    if len(ink) < 100:
        return None
    lowest = [0.0] * (int(width) + 2)  # for each x, the lowest bottom of a character across it
    for c in ink:
        for x in range(max(int(c["x0"]) + 1, 0), min(int(c["x1"]) + 1, len(lowest))):
            lowest[x] = max(lowest[x], c["bottom"])
    # gaps narrower than a gutter (letter spacing) do not part columns
    lowest = [max(lowest[max(x - _NARROW, 0):x + _NARROW + 1]) for x in range(len(lowest))]
    middle = range(int(width * 0.3), int(width * 0.7) + 1)
    top = min(lowest[x] for x in middle)
    run = [x for x in middle if lowest[x] == top]
    widest, start, first = 0, run[0], run[0]  # the middle of the widest stretch of that height
    for a, b in zip(run, run[1:] + [-1]):
        if b != a + 1:
            if a - start >= widest:
                widest, first = a - start, start
            start = b
    gutter = first + widest / 2
    below = [c for c in ink if c["top"] >= top]
    left = sum(1 for c in below if c["x1"] <= gutter)
    right = sum(1 for c in below if c["x0"] >= gutter)
    if len(below) < _BELOW_SHARE * len(ink) or min(left, right) < _COLUMN_SHARE * len(below):
        return None
    return gutter


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
