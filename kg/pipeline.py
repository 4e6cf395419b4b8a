"""The only module that knows the order of the stages:

    read → clean → segment → extract → link → graph → store / file

The CLI and the app call these functions, never the stages' insides. Long work is a generator
that yields one `Step` per file, so callers can show progress."""
from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import IngestError, KGError
from kg.records import Linked, SourceFile

if TYPE_CHECKING:
    from kg.writer import Prepared, Writer

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Step:
    """What happened to one input file."""

    path: str
    status: str  # "ingested", "unchanged", "failed"
    message: str = ""
    doc_iri: str | None = None
    linked: Linked | None = None


@dataclass(slots=True)
class Summary:
    """Counts over a batch, for the closing line of a command."""

    steps: list[Step] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(s.status == status for s in self.steps)

    @property
    def failed(self) -> list[Step]:
        return [s for s in self.steps if s.status == "failed"]

    def line(self) -> str:
        return (f"{self.count('ingested')} ingested, {self.count('unchanged')} unchanged, "
                f"{self.count('failed')} failed")


def source_file(path: Path, data: bytes, fmt: str, encoding: str | None = None) -> SourceFile:
    return SourceFile(str(path), path.name, hashlib.sha256(data).hexdigest(), fmt, encoding)


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as e:
        raise IngestError(path, "no such file") from e
    except IsADirectoryError as e:
        raise IngestError(path, "is a directory, not a file") from e
    except OSError as e:
        raise IngestError(path, f"cannot be read ({e.strerror or e})") from e


def process(path: str | Path) -> Linked:
    """Run one file through read → clean → segment → extract → link."""
    from kg.clean import clean
    from kg.extract import extract
    from kg.link import link
    from kg.read import read
    from kg.segment import segment

    p = Path(path)
    raw = read(p)
    data = _file_bytes(p)
    seg = segment(clean(raw))
    return link(seg, extract(seg), source_file(p, data, raw.fmt, raw.encoding))


def process_text(text: str, name: str = "text.txt") -> Linked:
    """Run a text held in memory through the stages (for the app and tests)."""
    from kg.clean import clean
    from kg.extract import extract
    from kg.link import link
    from kg.segment import segment

    seg = segment(clean(text))
    src = SourceFile(name, name, hashlib.sha256(text.encode("utf-8")).hexdigest(), "txt", "utf-8")
    return link(seg, extract(seg), src)


def _steps(paths: Iterable[str | Path], skip=None) -> Iterator[Step]:
    from kg.graph import doc_iri

    for path in paths:
        p = Path(path)
        try:
            if skip is not None:
                data = _file_bytes(p)
                sha = hashlib.sha256(data).hexdigest()
                if skip(doc_iri(sha).value, sha):
                    yield Step(str(p), "unchanged", "already stored", doc_iri(sha).value)
                    continue
            linked = process(p)
        except KGError as e:
            yield Step(str(p), "failed", str(e))
            continue
        except Exception as e:  # a bug in a stage must not cost the rest of the batch
            log.exception("unexpected failure on %s", p)
            yield Step(str(p), "failed", f"{p}: internal error ({type(e).__name__}: {e})")
            continue
        yield Step(str(p), "ingested", "", doc_iri(linked.source.sha256).value, linked)


def build(paths: Iterable[str | Path], output: str | Path, summary: Summary | None = None) -> Iterator[Step]:
    """Build a fresh graph from files and write it to `output` (format from its suffix).

    Yields one Step per file. Quads are collected in an in-memory Oxigraph store (no SPARQL
    round trip: nothing else reads it) and written once every input has been processed;
    `kg.export` writes to a temporary name first, so a failed run never leaves half a file."""
    from kg.export import export
    from kg.graph import document_quads, reference_quads
    from kg.store import OxigraphStore

    summary = summary if summary is not None else Summary()
    out = Path(output)
    fmt = _format_of(out)
    with OxigraphStore(None) as store:
        store.db.extend(reference_quads())
        for step in _steps(paths):
            if step.linked is not None:
                store.db.extend(document_quads(step.linked))
            summary.steps.append(step)
            yield step
        export(store, out, fmt)  # written under a temporary name, then renamed


def _format_of(path: Path) -> str:
    from kg.export import format_for_suffix

    return format_for_suffix(path)


def ingest(paths: Iterable[str | Path], store, summary: Summary | None = None, *,
           workers: int = 1) -> Iterator[Step]:
    """Add files to a store, each document whole or absent; unchanged files are skipped and a
    changed file replaces the graph of its previous version.

    With `workers` > 1 (0: one per core) files are processed by a pool of processes
    (`kg.parallel`, `kg.writer.prepare`); writes stay here, in input order, several documents
    per bulk load (`kg.writer.Writer`). The materialised aggregates
    (`kg.aggregates`) of the (place, measure) pairs the documents touched are updated about once
    a second, in transactions of their own; they are marked stale for the length of the batch,
    so a crash between a document write and its tallies makes the next ingest rebuild them."""
    from kg import aggregates
    from kg.curation import load_curation
    from kg.graph import REFERENCE_GRAPH, reference_quads
    from kg.parallel import process_many
    from kg.writer import Writer, prepare

    summary = summary if summary is not None else Summary()
    ref = reference_quads()
    if store.document_hash(REFERENCE_GRAPH.value) != ref[-1].object.value:
        store.put_reference(ref)
    store.upgrade_layout()  # a store written before kg.store_base.layout: once
    aggregates.ensure(store)
    aggregates.begin(store)  # a kill before `end` leaves them marked stale: the next run rebuilds
    curation = load_curation(getattr(store, "location", None))  # the analysts' decisions on candidates
    writer = Writer(store, aggregates.Pending(store))
    job = functools.partial(prepare, curation=curation or None)
    for path, result in process_many(paths, workers, check=lambda p: _unchanged(store, p), job=job):
        step = _store_result(writer, path, result)
        summary.steps.append(step)
        yield step
    writer.flush()
    aggregates.end(store)


def _unchanged(store, path: Path) -> Step | None:
    """A Step if `path` needs no processing (already stored, or unreadable), else None."""
    from kg.graph import doc_iri

    try:
        sha = hashlib.sha256(_file_bytes(path)).hexdigest()
    except KGError as e:
        return Step(str(path), "failed", str(e))
    iri = doc_iri(sha).value
    return Step(str(path), "unchanged", "already stored", iri) if store.document_hash(iri) == sha else None


def _store_result(writer: Writer, path: str, result) -> Step:
    """Write one processed file (or pass on its Step or failure)."""
    from kg.parallel import Failure

    if isinstance(result, Step):
        return result
    if isinstance(result, Failure):
        return Step(path, "failed", result.message)
    return _store_document(writer, path, result)


def _store_document(writer: Writer, path: str, doc: Prepared) -> Step:
    """Replace the file's previous document by this one."""
    from kg import aggregates

    store, iri = writer.store, doc.iri
    if iri in writer.written:  # the same content earlier in this batch (`_unchanged` saw the rest)
        return Step(path, "unchanged", "already stored", iri)
    if doc.name in writer.names:
        writer.flush()  # a file of the same name earlier in this batch: this one replaces it
    for old in store.document_for_file(doc.name):
        if old != iri:
            writer.flush()  # documents and tallies first: a removal reads both
            aggregates.remove_document(store, old)  # drops the graph, then takes out its adoptions
            writer.written.discard(old)
    writer.write(doc)
    return Step(path, "ingested", "", iri)


def remove(store, documents: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """Remove documents, each named by file name or document IRI; yields (name, IRIs removed),
    an empty list for a name the store does not hold. The aggregates follow each removal."""
    from kg import aggregates

    store.upgrade_layout()  # a store written before kg.store_base.layout: once
    aggregates.ensure(store)
    aggregates.begin(store)
    for d in documents:
        if d.startswith(("http://", "https://")):
            iris = [d] if store.document_hash(d) is not None else []
        else:
            iris = store.document_for_file(Path(d).name)
        for iri in iris:
            aggregates.remove_document(store, iri)  # drops the graph, then takes out its tallies
        yield d, iris
    aggregates.end(store)
