"""One store interface over embedded Oxigraph (on disk or in memory) and remote SPARQL endpoints.

    open_store(location) → Store
    ├── OxigraphStore   pyoxigraph.Store on disk (default ./pmkg-store or $PMKG_STORE) or ":memory:"
    └── RemoteStore     a SPARQL 1.1 Query + Update endpoint (Oxigraph server, Fuseki …) over HTTP

Each source document lives in its own named graph (the graph IRI is the document IRI); reference
data (gazetteer, measure thesaurus) lives in `REFERENCE_GRAPH`. Queries see the union of all graphs.

Atomicity: `replace_document` sends ONE SPARQL update, `DROP SILENT GRAPH <g> ; INSERT DATA {…}`,
to either back-end. Oxigraph applies an update request in one transaction, so readers see the old
document or the new one, never a half-written or missing one, and a failure leaves the old graph.
(`Store.extend` alone is transactional but `clear_graph` + `extend` are two transactions, and
`bulk_extend` is not transactional at all.)

Readers beside a writer: an on-disk store has one writer process (RocksDB's LOCK). Other
processes open it with `open_store(path, read_only=True)` and see it as it was when opened; the
writer flushes its write buffer at most every `FLUSH_EVERY_S`, so such an open replays a short
log and takes milliseconds. (pyoxigraph 0.5 has no secondary mode that follows the writer.)

Timeouts: pyoxigraph has no query timeout, so queries run in a daemon worker thread that stops
pulling results once the deadline passes; the caller gets `QueryError` at the deadline. An
evaluation that blocks inside Oxigraph (a big aggregate) keeps its thread busy until it finishes.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.query import (PREFIXES, QueryResult, Term, bind_values, check_read_only, keywords,
                      syntax_error, to_python)

log = logging.getLogger(__name__)

ID = "https://w3id.org/pmkg/id/"
REFERENCE_GRAPH = ID + "graph/reference"
DEFAULT_LOCATION = "./pmkg-store"
#: a writer flushes its write buffer at most this often, so read-only readers open quickly
FLUSH_EVERY_S = 1.0
#: tries at opening read-only while a writer may be replacing files
READ_ONLY_ATTEMPTS = 6

#: the PREFIX lines for pmkg's own queries
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

#: dump/load formats: name → (pyoxigraph format, holds named graphs)
RDF_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, False),
}


class DocumentInfo(NamedTuple):
    """One document graph in the store."""

    iri: str
    source_file: str | None
    title: str | None


def _collect(result: Any, cancel: threading.Event, limit: int | None) -> QueryResult:
    """Pull a pyoxigraph result into a QueryResult, stopping at `limit` or when cancelled."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(boolean=bool(result))
    items: list[Any] = []
    truncated = False
    for item in result:
        if cancel.is_set():
            break
        if limit is not None and len(items) >= limit:
            truncated = True
            break
        items.append(item)
    if isinstance(result, ox.QuerySolutions):
        names = tuple(v.value for v in result.variables)
        rows = tuple(tuple(sol[n] for n in names) for sol in items)
        return QueryResult(vars=names, rows=rows, truncated=truncated)
    triples = tuple(t if isinstance(t, ox.Triple) else t.triple for t in items)
    return QueryResult(triples=triples, truncated=truncated)


def _with_deadline(work: Callable[[threading.Event], QueryResult], timeout_s: float) -> QueryResult:
    """Run `work(cancel)` in a daemon thread; raise QueryError if it passes `timeout_s`."""
    box: dict[str, Any] = {}
    cancel = threading.Event()

    def run() -> None:
        try:
            box["value"] = work(cancel)
        except BaseException as e:  # re-raised in the caller's thread
            box["error"] = e

    started = time.perf_counter()
    worker = threading.Thread(target=run, name="pmkg-query", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        cancel.set()
        raise QueryError(f"query exceeded {timeout_s:g} s; narrow it, add LIMIT, or raise the timeout")
    if "error" in box:
        raise box["error"]
    result: QueryResult = box["value"]
    return QueryResult(result.vars, result.rows, result.boolean, result.triples, result.truncated,
                       time.perf_counter() - started)


# ---------------------------------------------------------------------------------------------
# The interface
# ---------------------------------------------------------------------------------------------

_STATS = {
    "documents": "pmkg:SourceDocument", "items": "pmkg:NewsItem", "mentions": "pmkg:Mention",
    "places": "pmkg:Place", "measures": "pmkg:Measure", "candidate_measures": "pmkg:CandidateMeasure",
    "agencies": "pmkg:Agency", "officials": "pmkg:Official", "posts": "org:Post",
    "policy_documents": "pmkg:PolicyDocument", "adoptions": "pmkg:Adoption",
    "observations": "pmkg:Observation",
}


class Store(ABC):
    """A pmkg graph store: documents in named graphs, reference data, read-only queries."""

    location: str
    #: writes are refused (see `open_store`)
    read_only: bool = False

    # --- back-end primitives ---
    @abstractmethod
    def _execute(self, sparql: str, bindings: Mapping[str, Term] | None, cancel: threading.Event,
                 limit: int | None, *, union: bool = True, timeout_s: float = 30.0,
                 checked: bool = False) -> QueryResult:
        """Evaluate a query (over the union of graphs when `union`)."""

    @abstractmethod
    def _update(self, sparql: str, what: str) -> None:
        """Apply one SPARQL update as one transaction; `what` names the target in errors."""

    @abstractmethod
    def _quads(self) -> Iterable[ox.Quad]:
        """Every quad, named graphs and default graph."""

    @abstractmethod
    def load_file(self, path: str | os.PathLike[str], graph: str | None = None) -> None:
        """Add a file's triples/quads (to `graph` for triple formats, else the default graph)."""

    def close(self) -> None:
        """Release the store."""

    def optimize(self) -> None:
        """Compact storage after a big load (no-op where the back-end does its own)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ---
    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None, timeout_s: float = 30,
              limit: int | None = None, *, allow_service: bool = False) -> QueryResult:
        """Run a read-only SPARQL query over the union of all graphs.

        Args:
            bindings: variable name (without ?) → RDF term, bound without touching the text.
            timeout_s: wall-clock limit; past it QueryError is raised.
            limit: keep at most this many rows/triples; `truncated` says whether more existed.
            allow_service: permit SERVICE calls to other endpoints.
        Raises:
            QueryError: malformed, an update, SERVICE without permission, or too slow.
            StoreError: the store could not be read.
        """
        check_read_only(sparql, allow_service)
        for name in bindings or {}:
            if not re.fullmatch(r"\w+", name):
                raise QueryError(f"bad parameter name {name!r}: use letters, digits and _")
        return _with_deadline(
            lambda cancel: self._execute(sparql, bindings, cancel, limit, timeout_s=timeout_s),
            timeout_s)

    def _select(self, sparql: str, bindings: Mapping[str, Term] | None = None,
                union: bool = True) -> QueryResult:
        """Run one of pmkg's own queries (trusted text), in this thread."""
        return self._execute(PROLOGUE + sparql, bindings, threading.Event(), None, union=union,
                             checked=True)

    def document_hash(self, doc_iri: str) -> str | None:
        """The pmkg:contentHash stored for a document, or None if it is not in the store."""
        found = self._select("SELECT ?doc ?hash WHERE { GRAPH ?doc { ?doc pmkg:contentHash ?hash } }",
                             {"doc": _graph(doc_iri)})
        return to_python(found.rows[0][1]) if found.rows else None

    def document_for_file(self, source_file: str) -> list[str]:
        """IRIs of the documents whose pmkg:sourceFile is this file name."""
        found = self._select("SELECT DISTINCT ?file ?doc WHERE { GRAPH ?doc { ?doc pmkg:sourceFile ?file } }"
                             " ORDER BY ?doc", {"file": ox.Literal(source_file)})
        return sorted({to_python(row[1]) for row in found.rows})

    def documents(self) -> list[DocumentInfo]:
        """Every document graph as (iri, source file, title), by file name."""
        found = self._select(f"""
            SELECT ?g (SAMPLE(?f) AS ?file) (SAMPLE(?t) AS ?title) WHERE {{
              GRAPH ?g {{ }}
              FILTER(?g != <{REFERENCE_GRAPH}>)
              OPTIONAL {{ GRAPH ?g {{ ?g pmkg:sourceFile ?f }} }}
              OPTIONAL {{ GRAPH ?g {{ ?g dct:title ?t }} }}
            }} GROUP BY ?g ORDER BY ?file ?g""")
        return [DocumentInfo(*row) for row in found.values()]

    def stats(self) -> dict[str, int]:
        """Counts over the union of graphs: distinct triples, quads in named graphs, nodes by kind."""
        parts = ["{ SELECT (COUNT(*) AS ?triples) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } }",
                 "{ SELECT (COUNT(*) AS ?quads) WHERE { GRAPH ?g { ?s ?p ?o } } }"]
        parts += [f"{{ SELECT (COUNT(DISTINCT ?x) AS ?{name}) WHERE {{ ?x a {cls} }} }}"
                  for name, cls in _STATS.items()]
        found = self._select("SELECT * WHERE {\n" + "\n".join(parts) + "\n}").records()[0]
        return {name: int(found.get(name) or 0) for name in ("triples", "quads", *_STATS)}

    # --- writing ---
    def replace_document(self, doc_iri: str, quads: Iterable[ox.Quad | ox.Triple]) -> None:
        """Replace a document's named graph with these quads, in one transaction.

        Triples, and quads in the default graph, go into the document's graph.
        Raises:
            StoreError: a quad names another graph, or the write failed.
        """
        if doc_iri == REFERENCE_GRAPH:
            raise StoreError(f"{doc_iri} is the reference graph; use put_reference()")
        self._replace_graph(_graph(doc_iri), quads)

    def put_reference(self, quads: Iterable[ox.Quad | ox.Triple]) -> None:
        """Replace the reference graph (gazetteer, thesaurus) with these quads."""
        self._replace_graph(ox.NamedNode(REFERENCE_GRAPH), quads)

    def ensure_reference(self, quads: Iterable[ox.Quad | ox.Triple]) -> bool:
        """Put the reference graph unless the store already holds this very version of it.

        The graph carries `<graph/reference> pmkg:contentHash "<sha256 of its sorted triples>"`.
        Returns:
            True if the reference graph was (re)written.
        """
        quads = list(quads)
        lines = sorted(f"{q.subject} {q.predicate} {q.object}" for q in quads)
        digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
        if self.document_hash(REFERENCE_GRAPH) == digest:
            return False
        graph = ox.NamedNode(REFERENCE_GRAPH)
        stamp = ox.Quad(graph, ox.NamedNode(PREFIXES["pmkg"] + "contentHash"), ox.Literal(digest), graph)
        self.put_reference([*quads, stamp])
        return True

    def remove_document(self, doc_iri: str) -> None:
        """Drop a document's named graph (nothing happens if it is absent)."""
        graph = _graph(doc_iri)
        self._update(f"DROP SILENT GRAPH {graph}", doc_iri)

    def clear(self) -> None:
        """Remove everything: every named graph and the default graph."""
        self._update("DROP SILENT ALL", self.location)

    def _replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad | ox.Triple]) -> None:
        body = _triples_text(graph, quads)
        text = f"DROP SILENT GRAPH {graph}"
        if body:
            text += f" ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"
        self._update(text, graph.value)

    # --- files ---
    def dump(self, path: str | os.PathLike[str], fmt: str) -> None:
        """Write the store to a file: ttl/nt/jsonld hold the union, nq/trig every named graph."""
        rdf_format, with_graphs = _rdf_format(fmt)
        try:
            if with_graphs:
                ox.serialize(self._quads(), str(path), rdf_format, prefixes=PREFIXES)
            elif fmt == "jsonld":
                _write_jsonld(self._union_triples(), Path(path))
            else:
                ox.serialize(self._union_triples(), str(path), rdf_format, prefixes=PREFIXES)
        except (OSError, ValueError, TypeError) as e:
            raise StoreError(f"{path}: cannot write {fmt}: {e}") from e

    def _union_triples(self) -> Iterable[ox.Triple]:
        return self._execute("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", None, threading.Event(),
                             None, checked=True).triples


def _graph(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as e:
        raise StoreError(f"not a valid graph IRI: {iri!r} ({e})") from e


def _triples_text(graph: ox.NamedNode, quads: Iterable[ox.Quad | ox.Triple]) -> str:
    """N-Triples-style lines for INSERT DATA; pyoxigraph's term printer does the escaping."""
    lines = []
    for q in quads:
        if isinstance(q, ox.Quad):
            if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != graph:
                raise StoreError(f"quad {q} belongs to graph {q.graph_name}, not {graph}")
        lines.append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(lines)


def _rdf_format(fmt: str) -> tuple[ox.RdfFormat, bool]:
    try:
        return RDF_FORMATS[fmt]
    except KeyError:
        raise StoreError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}") from None


def format_of(path: str | os.PathLike[str]) -> str:
    """The RDF format name for a file suffix.

    >>> format_of("out/graph.TTL")
    'ttl'
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    name = {"json": "jsonld", "turtle": "ttl", "n3": "ttl"}.get(suffix, suffix)
    if name not in RDF_FORMATS:
        raise StoreError(f"{path}: unknown RDF suffix; use one of "
                         f"{', '.join('.' + f for f in RDF_FORMATS)}")
    return name


def _write_jsonld(triples: Iterable[ox.Triple], path: Path) -> None:
    """Compact JSON-LD with pmkg's prefixes as @context, written by rdflib."""
    import rdflib  # only needed here; rdflib's writer gives compact, readable JSON-LD

    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    graph.serialize(destination=str(path), format="json-ld", context=dict(PREFIXES),
                    auto_compact=True, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Embedded Oxigraph
# ---------------------------------------------------------------------------------------------

_PARSER = ox.Store()  # empty, in memory: parses queries bound for remote endpoints


class OxigraphStore(Store):
    """pyoxigraph on disk (`path`) or in memory (`path=None`).

    `read_only` opens an existing folder without taking its lock, so it can be read while
    another process (`kg ingest`) holds it for writing. The reader sees the store as it was
    when opened (RocksDB replays the writer's log up to its last whole transaction, so every
    document is whole or absent); reopen it to see later writes. Writes are refused.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        self.location = ":memory:" if path is None else str(path)
        self.read_only = read_only
        self._last_flush = time.monotonic()
        if path is None:
            self._db: ox.Store | None = ox.Store()
        else:
            self._db = _open_read_only(Path(path)) if read_only else _open_disk(Path(path))

    @property
    def db(self) -> ox.Store:
        """The pyoxigraph store, for hot paths that need it directly."""
        if self._db is None:
            raise StoreError(f"{self.location}: store is closed")
        return self._db

    def _execute(self, sparql: str, bindings: Mapping[str, Term] | None, cancel: threading.Event,
                 limit: int | None, *, union: bool = True, timeout_s: float = 30.0,
                 checked: bool = False) -> QueryResult:
        subs = {ox.Variable(k): v for k, v in bindings.items()} if bindings else None
        try:
            try:
                result = self.db.query(sparql, use_default_graph_as_union=union, substitutions=subs)
            except RuntimeError as e:
                if "projection" not in str(e):
                    raise
                # Oxigraph substitutes only projected variables; bind the others by VALUES.
                result = self.db.query(bind_values(sparql, bindings or {}),
                                       use_default_graph_as_union=union)
            return _collect(result, cancel, limit)
        except SyntaxError as e:
            raise syntax_error(sparql, e) from e
        except OSError as e:
            raise StoreError(f"{self.location}: query failed: {e}") from e
        except (RuntimeError, ValueError) as e:
            raise QueryError(f"query failed: {e}") from e

    def _update(self, sparql: str, what: str) -> None:
        self._writable(what)
        try:
            self.db.update(sparql)
        except (OSError, SyntaxError, ValueError, RuntimeError) as e:
            raise StoreError(f"{self.location}: cannot write {what}: {e}") from e
        self._flush_now_and_then()

    def _writable(self, what: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: store is open read-only; cannot write {what}")

    def _flush_now_and_then(self) -> None:
        """Flush the write buffer to disk at most every FLUSH_EVERY_S seconds.

        A read-only reader replays the writer's unflushed log when it opens; flushing now and
        then keeps that log short, so readers open in milliseconds, not seconds.
        """
        if self._db is None or self.location == ":memory:":
            return
        now = time.monotonic()
        if now - self._last_flush >= FLUSH_EVERY_S:
            self._last_flush = now
            try:
                self._db.flush()
            except OSError as e:  # the write itself is committed; only the flush failed
                log.warning("%s: flush failed: %s", self.location, e)

    def _quads(self) -> Iterable[ox.Quad]:
        return self.db

    def _union_triples(self) -> Iterable[ox.Triple]:
        # streamed from Oxigraph; CONSTRUCT drops the duplicates the union of graphs has
        return self.db.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)

    def clear(self) -> None:
        self._writable(self.location)
        try:
            self.db.clear()
        except OSError as e:
            raise StoreError(f"{self.location}: cannot clear: {e}") from e

    def dump(self, path: str | os.PathLike[str], fmt: str) -> None:
        rdf_format, with_graphs = _rdf_format(fmt)
        if not with_graphs:
            return super().dump(path, fmt)
        try:  # Oxigraph's own dump streams the dataset straight from storage
            self.db.dump(str(path), rdf_format, prefixes=PREFIXES)
        except (OSError, ValueError) as e:
            raise StoreError(f"{path}: cannot write {fmt}: {e}") from e

    def load_file(self, path: str | os.PathLike[str], graph: str | None = None) -> None:
        rdf_format, _ = _rdf_format(format_of(path))
        self._writable(str(path))
        try:
            self.db.load(path=str(path), format=rdf_format,
                         to_graph=_graph(graph) if graph else None)
        except (OSError, SyntaxError, ValueError) as e:
            raise StoreError(f"{path}: cannot load: {e}") from e

    def optimize(self) -> None:
        if self.read_only:
            return
        try:
            self.db.optimize()
        except OSError as e:
            raise StoreError(f"{self.location}: cannot optimize: {e}") from e

    def close(self) -> None:
        if self._db is not None and not self.read_only:
            try:
                self._db.flush()
            except OSError as e:
                log.warning("%s: flush on close failed: %s", self.location, e)
        self._db = None  # dropping the last reference closes RocksDB and frees its lock


def _open_disk(path: Path) -> ox.Store:
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder; give a folder path")
    try:
        return ox.Store(str(path))
    except OSError as e:
        message = str(e)
        if "lock" in message.lower():
            raise StoreError(f"{path}: store is in use by another process (its LOCK is held); "
                             "close that process or use another folder") from e
        raise StoreError(f"{path}: cannot open store: {message}") from e


def _open_read_only(path: Path) -> ox.Store:
    """Open an existing store folder read-only, retrying while a writer swaps its files.

    A writer compacting at the moment of opening can delete a file the reader was about to
    open ("No such file"); a moment later the folder is consistent again.
    """
    if not (path / "CURRENT").is_file():
        raise StoreError(f"{path}: no store here to open read-only; ingest something first")
    for attempt in range(READ_ONLY_ATTEMPTS):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as e:  # RocksDB reports the race as "Corruption"
            if attempt + 1 == READ_ONLY_ATTEMPTS:
                raise StoreError(f"{path}: cannot open store read-only: {e}") from e
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


# ---------------------------------------------------------------------------------------------
# Remote SPARQL endpoint
# ---------------------------------------------------------------------------------------------

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint: `<base>/query` and `<base>/update` (Oxigraph and Fuseki layout).

    The union of graphs is asked for with Oxigraph's `union-default-graph` parameter; other
    servers must be set to use the union as their default graph (Fuseki: unionDefaultGraph).
    """

    def __init__(self, url: str, timeout_s: float = 30.0) -> None:
        base = url.rstrip("/")
        for suffix in ("/query", "/sparql"):
            base = base.removesuffix(suffix)
        self.location = base
        self.query_url, self.update_url = base + "/query", base + "/update"
        self.timeout_s = timeout_s
        try:
            self._execute("ASK {}", None, threading.Event(), None, timeout_s=10, checked=True)
        except (QueryError, StoreError) as e:
            raise StoreError(f"{base}: cannot reach the SPARQL endpoint: {e}") from e

    def _post(self, url: str, data: bytes, content_type: str, timeout_s: float,
              rejected: type[Exception] = QueryError) -> Any:
        request = urllib.request.Request(url, data=data, headers={
            "Content-Type": content_type, "Accept": _ACCEPT, "User-Agent": "pmkg"})
        try:
            return urllib.request.urlopen(request, timeout=timeout_s)
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip().splitlines()
            message = f"{url}: HTTP {e.code}: {detail[0] if detail else e.reason}"
            raise (rejected if e.code == 400 else StoreError)(message) from e
        except (urllib.error.URLError, OSError) as e:
            raise StoreError(f"{url}: {getattr(e, 'reason', e)}") from e

    def _execute(self, sparql: str, bindings: Mapping[str, Term] | None, cancel: threading.Event,
                 limit: int | None, *, union: bool = True, timeout_s: float = 30.0,
                 checked: bool = False) -> QueryResult:
        # SERVICE got past check_read_only only if allowed; a dry run would call it, so skip that.
        if not checked and "SERVICE" not in keywords(sparql):
            try:  # parse here so errors and refusals read the same as the embedded store's
                _PARSER.query(sparql)
            except SyntaxError as e:
                raise syntax_error(sparql, e) from e
        if bindings:
            sparql = bind_values(sparql, bindings)
        url = self.query_url + ("?union-default-graph" if union else "")
        data = urllib.parse.urlencode({"query": sparql}).encode()
        with self._post(url, data, "application/x-www-form-urlencoded", timeout_s) as response:
            kind = response.headers.get_content_type()
            try:
                if kind == "application/sparql-results+json":
                    parsed = ox.parse_query_results(response, ox.QueryResultsFormat.JSON)
                elif kind in {"application/n-triples", "text/plain"}:
                    parsed = ox.parse(response, ox.RdfFormat.N_TRIPLES)
                else:
                    raise StoreError(f"{url}: unexpected response type {kind}")
                return _collect(parsed, cancel, limit)
            except (SyntaxError, OSError) as e:
                raise StoreError(f"{url}: bad response: {e}") from e

    def _update(self, sparql: str, what: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: store is open read-only; cannot write {what}")
        try:
            with self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update",
                            self.timeout_s, StoreError):
                pass
        except StoreError as e:
            raise StoreError(f"cannot write {what}: {e}") from e

    def _quads(self) -> Iterable[ox.Quad]:
        # A server that always serves the union as its default graph repeats every named quad here.
        named = self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        default = self._select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", union=False).rows
        return [ox.Quad(*row) for row in default] + [ox.Quad(*row) for row in named]

    def load_file(self, path: str | os.PathLike[str], graph: str | None = None) -> None:
        rdf_format, _ = _rdf_format(format_of(path))
        target = _graph(graph) if graph else None
        try:
            quads = list(ox.parse(path=str(path), format=rdf_format))
        except (OSError, SyntaxError, ValueError) as e:
            raise StoreError(f"{path}: cannot load: {e}") from e
        blocks: dict[str, list[str]] = {}
        for q in quads:
            g = target if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name
            key = "" if g is None else str(g)
            blocks.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
        body = "\n".join(("\n".join(lines) if not g else f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}")
                         for g, lines in blocks.items())
        if body:
            self._update(f"INSERT DATA {{\n{body}\n}}", str(path))


def open_store(location: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
    """Open the store at `location`.

    None → `$PMKG_STORE` or ./pmkg-store (on disk); ":memory:" → in memory;
    http(s)://… → a remote SPARQL endpoint; anything else → a folder on disk.
    With `read_only` an existing folder is opened without its lock, so it can be read while
    another process writes it (see `OxigraphStore`); every write through the store is refused.
    Raises:
        StoreError: the folder is a file, unwritable or locked, or the endpoint does not answer;
            read-only: there is no store in the folder.
    """
    where = str(location) if location is not None else os.environ.get("PMKG_STORE") or DEFAULT_LOCATION
    if where == ":memory:":
        return OxigraphStore(None, read_only=read_only)
    if where.startswith(("http://", "https://")):
        store = RemoteStore(where)
        store.read_only = read_only
        return store
    return OxigraphStore(where, read_only=read_only)
