"""Read a Word document with python-docx: paragraphs and table rows, in document order.

Each paragraph is one line; each table row is one line with its cells separated by a tab.
Headings are paragraphs in a heading style ("Heading 1", "标题 1", "Title") or short paragraphs
whose runs are all bold. The zip directory is checked before anything is unpacked, so a
zip bomb is refused without inflating it.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from kg.errors import IngestError
from kg.records import RawText

#: the most word/document.xml may unpack to
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024
#: the most the whole archive may unpack to (images included)
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
#: a bold paragraph longer than this is emphasis, not a heading
MAX_BOLD_HEADING_CHARS = 40

_HEADING_STYLES = ("heading", "标题", "title")


def read(path: Path) -> RawText:
    """Extract the paragraphs and table rows of the DOCX at `path`.

    Raises:
        IngestError: the file is not a zip archive, not a Word document, or unpacks too large.
    """
    _check_archive(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile) as e:
        # python-docx reports missing parts as KeyError, broken XML as lxml's XMLSyntaxError
        detail = e.args[0] if isinstance(e, KeyError) and e.args else e
        raise IngestError(path, f"not a DOCX file ({detail})") from e
    lines: list[str] = []
    headings: list[tuple[int, int]] = []
    pos = 0
    for text, heading in _blocks(document):
        if heading and text:
            headings.append((pos, pos + len(text)))
        lines.append(text)
        pos += len(text) + 1
    return RawText(path=str(path), text="\n".join(lines), fmt="docx", headings=tuple(headings))


def _check_archive(path: Path) -> None:
    """Refuse files that are not zip archives or whose parts would unpack too large."""
    if not zipfile.is_zipfile(path):
        raise IngestError(path, "not a DOCX file (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as e:
        raise IngestError(path, f"not a DOCX file (damaged zip archive: {e})") from e
    sizes = {info.filename: info.file_size for info in infos}
    if "word/document.xml" not in sizes:
        raise IngestError(path, "not a DOCX file (no word/document.xml in the archive)")
    document_size = sizes["word/document.xml"]
    if document_size > MAX_DOCUMENT_BYTES:
        raise IngestError(path, _too_large("word/document.xml", document_size, MAX_DOCUMENT_BYTES))
    total = sum(sizes.values())
    if total > MAX_TOTAL_BYTES:
        raise IngestError(path, _too_large("the archive", total, MAX_TOTAL_BYTES))


def _too_large(what: str, size: int, limit: int) -> str:
    """Say that a zip member is too large to unpack.

    >>> _too_large("word/document.xml", 300 * 2**20, 200 * 2**20)
    'refused: word/document.xml would unpack to 300 MB (limit 200 MB; zip bomb?)'
    """
    mb, limit_mb = size // 2**20, limit // 2**20
    return f"refused: {what} would unpack to {mb} MB (limit {limit_mb} MB; zip bomb?)"


def _blocks(document: Any) -> Iterator[tuple[str, bool]]:
    """Yield (line, is_heading) for paragraphs and table rows in document order."""
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text, _is_heading(block)
        elif isinstance(block, Table):
            for row in block.rows:
                yield _row_text(row), False


def _row_text(row: Any) -> str:
    """Join a table row's cells with tabs, counting a merged cell once."""
    cells: list[str] = []
    previous = None
    for cell in row.cells:
        if cell._tc is previous:  # a merged cell repeats in row.cells
            continue
        previous = cell._tc
        cells.append(" ".join(cell.text.split("\n")))
    return "\t".join(cells)


def _is_heading(paragraph: Paragraph) -> bool:
    """Say whether a paragraph is a heading by its style, or by being short and all bold."""
    style = paragraph.style
    name = (style.name or "").lower() if style is not None else ""
    if name.startswith(_HEADING_STYLES):
        return True
    text = paragraph.text.strip()
    if not text or len(text) > MAX_BOLD_HEADING_CHARS:
        return False
    style_bold = bool(style is not None and style.font.bold)
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)
