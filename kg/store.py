"""One store interface over embedded Oxigraph (on disk or in memory) and remote SPARQL endpoints.

    open_store(location) → Store
    ├── OxigraphStore   pyoxigraph.Store on disk (default ./pmkg-store or $PMKG_STORE) or ":memory:"
    └── RemoteStore     a SPARQL 1.1 Query + Update endpoint (Oxigraph server, Fuseki …) over HTTP

Modules: `kg.store_base` (the `Store` interface, timeouts, file formats), `kg.store_oxigraph`
and `kg.store_remote` (the back-ends); import everything from here.

Layout (`kg.store_base.layout`): a source document's own nodes (the document, its items, their
mentions, adoptions and observations) are stored in the default graph; what it says about shared
nodes (agencies, officials, places, measures) in its own named graph (the graph IRI is the
document IRI). Reference data (gazetteer, measure thesaurus) lives in `REFERENCE_GRAPH`. Queries
see the union of all graphs. `Store.document_content(doc)` reads a document back whole.

Atomicity: `replace_document` sends ONE SPARQL update, `DROP SILENT GRAPH <g> ; DELETE {its own
nodes} … ; INSERT DATA {…}`, to either back-end. Oxigraph applies an update request in one transaction, so readers see the old
document or the new one, never a half-written or missing one, and a failure leaves the old graph.
(`Store.extend` alone is transactional but `clear_graph` + `extend` are two transactions, and
`bulk_extend` is not transactional at all.)

Readers beside a writer: an on-disk store has one writer process (RocksDB's LOCK). Other
processes open it with `open_store(path, read_only=True)` and see it as it was when opened; the
writer flushes its write buffer at most every `FLUSH_EVERY_S`, so such an open replays a short
log and takes milliseconds. Each such reader opens a private snapshot of the folder (`kg.snapshot`:
hard links), because RocksDB opens a read-only store's table files lazily and the writer deletes
the ones it compacts away. (pyoxigraph 0.5 has no secondary mode that follows the writer.)

Compaction: a store written by many small transactions stays ~2× bigger than the same quads
bulk-loaded, even after `optimize()`. `OxigraphStore.compact()` (`kg compact`) copies it with
`bulk_extend` into `<path>.compact-tmp` and swaps the folders; a kill at any point is finished
or undone by the next open for writing.

Timeouts: pyoxigraph has no query timeout, so queries run in a daemon worker thread that stops
pulling results once the deadline passes; the caller gets `QueryError` at the deadline. An
evaluation that blocks inside Oxigraph (a big aggregate) keeps its thread busy until it finishes.
"""
from __future__ import annotations

import os

from kg.store_base import (DEFAULT_LOCATION, ID, PROLOGUE, RDF_FORMATS, REFERENCE_GRAPH, DocumentInfo,
                           Store, format_of)
from kg.store_oxigraph import FLUSH_EVERY_S, READ_ONLY_ATTEMPTS, Compaction, OxigraphStore
from kg.store_remote import RemoteStore

__all__ = ["DEFAULT_LOCATION", "FLUSH_EVERY_S", "ID", "PROLOGUE", "RDF_FORMATS", "READ_ONLY_ATTEMPTS",
           "REFERENCE_GRAPH", "Compaction", "DocumentInfo", "OxigraphStore", "RemoteStore", "Store",
           "format_of", "open_store"]


def open_store(location: str | os.PathLike[str] | None = None, *, read_only: bool = False,
               must_exist: bool = False) -> Store:
    """Open the store at `location`.

    None → `$PMKG_STORE` or ./pmkg-store (on disk); ":memory:" → in memory;
    http(s)://… → a remote SPARQL endpoint; anything else → a folder on disk.
    With `read_only` an existing folder is opened without its lock, so it can be read while
    another process writes it (see `OxigraphStore`); every write through the store is refused.
    With `must_exist` a folder without a store is refused instead of made into an empty one.
    Raises:
        StoreError: the folder is a file, unwritable or locked, or the endpoint does not answer;
            read-only or `must_exist`: there is no store in the folder.
    """
    where = str(location) if location is not None else os.environ.get("PMKG_STORE") or DEFAULT_LOCATION
    if where == ":memory:":
        return OxigraphStore(None, read_only=read_only)
    if where.startswith(("http://", "https://")):
        store = RemoteStore(where)
        store.read_only = read_only
        return store
    return OxigraphStore(where, read_only=read_only, must_exist=must_exist)
