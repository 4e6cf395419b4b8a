"""Read one input file into a `RawText`, choosing a reader by the file's suffix.

The registry maps each accepted suffix to the module that reads it; a reader module is imported
only when a file of its kind is read, so reading text never imports pdfplumber.

    .txt            kg.read.txt     encoding detected (UTF-8/UTF-16 BOM, GB18030, Big5 …)
    .pdf            kg.read.pdf     pdfplumber, page by page, headings from font sizes
    .docx           kg.read.docx    python-docx, paragraphs and table rows, heading styles
    .html .htm      kg.read.html    selectolax, main content without site furniture

Each reader module exposes `read(path: Path) -> RawText`. Every failure, whatever its cause,
leaves this module as an `IngestError` naming the file and the problem.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from kg.errors import IngestError
from kg.records import RawText

#: suffix → module holding that format's `read(path) -> RawText`
_READERS: dict[str, str] = {
    ".txt": "kg.read.txt",
    ".pdf": "kg.read.pdf",
    ".docx": "kg.read.docx",
    ".html": "kg.read.html",
    ".htm": "kg.read.html",
}

#: the suffixes `read` accepts
SUFFIXES: tuple[str, ...] = tuple(_READERS)

#: the largest file read, in MB, by suffix. Text and web pages are all text: 10 MB is some
#: 3.5 million Chinese characters (no bulletin comes near; it takes minutes and a gigabyte or
#: more to process). PDF and Word files are mostly fonts and pictures, so they may be bigger.
MAX_MB: dict[str, int] = {".txt": 10, ".html": 10, ".htm": 10, ".pdf": 100, ".docx": 100}

__all__ = ["MAX_MB", "SUFFIXES", "read"]


def read(path: str | Path) -> RawText:
    """Read the file at `path` with the reader registered for its suffix.

    Args:
        path: a .txt, .pdf, .docx, .html or .htm file.

    Returns:
        The file's text as decoded, with its format, encoding and known heading spans.

    Raises:
        IngestError: the file is missing, a directory, empty, too large (`MAX_MB`),
            unreadable, of an unsupported type, or its content cannot be decoded or parsed.
    """
    p = Path(path)
    module_name = _READERS.get(p.suffix.lower())
    _check_file(p, module_name)
    assert module_name is not None  # _check_file refuses unknown suffixes
    reader = importlib.import_module(module_name)
    try:
        raw: RawText = reader.read(p)
    except IngestError:
        raise
    except OSError as e:
        raise IngestError(p, f"cannot read file: {e.strerror or e}") from e
    except Exception as e:  # the boundary: no library exception type leaves the readers
        raise IngestError(p, f"cannot read {p.suffix.lower()} file: {type(e).__name__}: {e}") from e
    return raw


def _check_file(p: Path, module_name: str | None) -> None:
    """Refuse paths that no reader should see: missing, directories, unknown types, empty, too large."""
    try:
        if not p.exists():
            raise IngestError(p, "no such file")
        if p.is_dir():
            raise IngestError(p, "is a directory, not a file")
        if module_name is None:
            shown = p.suffix.lower() or "(none)"
            expected = ", ".join(s for s in SUFFIXES if s != ".htm")
            raise IngestError(p, f"unsupported file type '{shown}' (expected {expected})")
        size = p.stat().st_size
        if size == 0:
            raise IngestError(p, "empty file")
        limit = MAX_MB[p.suffix.lower()]
        if size > limit * 2**20:
            raise IngestError(p, f"file too large ({size / 2**20:.0f} MB > {limit} MB for "
                                 f"{p.suffix.lower()} files); split it into smaller files")
    except OSError as e:
        raise IngestError(p, f"cannot read file: {e.strerror or e}") from e
