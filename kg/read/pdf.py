"""Read the text layer of a PDF with pdfplumber, page by page, keeping line breaks.

Lines set in a clearly larger font than the page's body text are recorded as candidate
headings: their median character size is at least `HEADING_RATIO` times the page's median.
"""
from __future__ import annotations

from pathlib import Path
from statistics import median
from typing import Any

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
    return _assemble(path, pages)


def _page_lines(page: Any) -> list[tuple[str, bool]]:
    """Return the page's lines, each with whether it is set in a heading-sized font."""
    lines = page.extract_text_lines(return_chars=True, strip=True)
    sizes = [c["size"] for line in lines for c in line["chars"] if not c["text"].isspace()]
    body = median(sizes) if sizes else 0.0
    result = [(_line_text(line["chars"]) or line["text"], _is_heading(line["chars"], body)) for line in lines]
    page.close()  # frees the page's layout cache; long bulletins have many pages
    return result


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
    return "".join(out).strip()


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
