"""The store-writing end of ingest: documents ready to store, and the writer that stores them.

    prepare(path, curation) → Prepared    in a worker: process, curate, quads → N-Quads, tallies
    Writer(store, pending).write(doc)     in the main process: gathered, then bulk-loaded

Workers do everything that can be done without the store, so the one process that writes has
as little left as possible: at 100k items it, not extraction, was the bottleneck."""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A processed file ready to store (made in a worker, so the writer has little left to do):
    its statements as N-Quads, placed by `kg.store_base.layout`, and the adoption tallies the
    aggregates need."""

    name: str  # the file's name (a changed file replaces the document of that name)
    sha256: str
    iri: str
    nquads: bytes
    tallies: dict


def prepare(path: str | Path, curation=None):
    """Process one file and turn it into a `Prepared` (or a `kg.parallel.Failure`), applying
    the analysts' curation decisions (`kg.curation`) on the way."""
    from kg.curation import apply_curation
    from kg.graph import doc_iri, document_quads
    from kg.parallel import Failure, process_one
    from kg.store_base import layout_nquads
    from kg.tally import tallies_in_quads

    linked = process_one(path)
    if isinstance(linked, Failure):
        return linked
    if curation:
        linked = apply_curation(linked, curation)
    quads = document_quads(linked)
    src = linked.source
    iri = doc_iri(src.sha256)
    return Prepared(src.name, src.sha256, iri.value, layout_nquads(iri, quads), tallies_in_quads(quads))


#: most N-Quads bytes per bulk load (~40k quads; Oxigraph loads up to a million quads as one set
#: of files) and the longest a processed document waits for the next load
#: ($PMKG_INGEST_BATCH_S; 0: no waiting)
BATCH_BYTES, BATCH_S = 8_000_000, 1.0


class Writer:
    """Writes new documents to a store, their adoptions to the aggregates' `Pending`.

    On an embedded store, new documents gathered over about a second go in ONE bulk load
    (`ox.Store.bulk_load` of their N-Quads, well under the million quads Oxigraph loads as one
    set of files): RocksDB ingests the files it builds for every index at once, so each
    document is whole or absent, as with a transaction each — at ~60 % of the CPU per quad.
    On a remote store each document is one transaction (`_write_document`). Either way the
    aggregates follow in one update per flush (`kg.aggregates.Pending`).
    A document counts as new when the store has no content hash for its IRI (every document
    graph holds one, written in the same load) and this writer has not written it."""

    def __init__(self, store, pending) -> None:
        self.store, self.pending = store, pending
        db = getattr(store, "db", None)
        self.bulk = db is not None and not getattr(store, "read_only", False)
        self.docs: list[Prepared] = []
        self.names: set[str] = set()
        self.written: set[str] = set()  # IRIs written (or gathered) by this writer
        self.size, self.since = 0, time.monotonic()
        self.wait_s = _seconds(os.environ.get("PMKG_INGEST_BATCH_S"), BATCH_S)

    def write(self, doc: Prepared) -> None:
        self.written.add(doc.iri)
        if self.bulk:
            self.docs.append(doc)
            self.names.add(doc.name)
            self.size += len(doc.nquads)
        else:
            _write_document(self.store, doc)
            self.pending.add(doc.tallies)
        if self.size >= BATCH_BYTES or time.monotonic() - self.since >= self.wait_s:
            self.flush()

    def flush(self) -> None:
        """Write the gathered documents, then bring the aggregates up to date with them."""
        docs, self.docs = self.docs, []
        self.names, self.size, self.since = set(), 0, time.monotonic()
        if docs:
            _write_documents(self.store, docs)
            for doc in docs:
                self.pending.add(doc.tallies)
        self.pending.flush()


def _seconds(text: str | None, default: float) -> float:
    """A number of seconds from an environment variable; the default if unset or not a number.

    >>> _seconds("0", 1.0), _seconds(None, 1.0), _seconds("soon", 1.0)
    (0.0, 1.0, 1.0)
    """
    try:
        return max(0.0, float(text)) if text is not None else default
    except ValueError:
        log.warning("PMKG_INGEST_BATCH_S=%r is not a number of seconds; using %s", text, default)
        return default


def _write_documents(store, docs: list[Prepared]) -> None:
    """Write new documents' graphs in one bulk load into an embedded store."""
    import pyoxigraph as ox

    from kg.errors import StoreError

    try:
        store.db.bulk_load(b"".join(d.nquads for d in docs), format=ox.RdfFormat.N_QUADS)
    except (OSError, SyntaxError, ValueError) as e:
        raise StoreError(f"{store.location}: cannot write {len(docs)} documents "
                         f"({docs[0].iri} …): {e}") from e


def _write_document(store, doc: Prepared) -> None:
    """Write one document's graph in one transaction (replacing a graph of that IRI)."""
    import pyoxigraph as ox

    store.replace_document(doc.iri, ox.parse(doc.nquads, format=ox.RdfFormat.N_QUADS))
