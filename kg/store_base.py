"""The store interface and what every back-end shares: `Store`, query timeouts, RDF file formats.

Storage layout (`layout`): a document's own nodes (the document, its items, and the mentions,
adoptions and observations drawn from its items) are stored in the default graph; what the
document says about shared nodes (an agency's label, an official's post, `?place pmkg:adopts
?measure` …) in the document's named graph. Oxigraph keeps three indexes for the default graph
and six for named graphs, so this halves the store. Queries see the union of all graphs, so
they read both parts alike; removing a document drops its graph and deletes its own nodes.

The back-ends are `kg.store_oxigraph.OxigraphStore` and `kg.store_remote.RemoteStore`; import all of
it from `kg.store`, which also has `open_store` (see its docstring for the design).
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.query import PREFIXES, QueryResult, to_python
from kg.sparql import Term, check_read_only

ID = "https://w3id.org/pmkg/id/"
REFERENCE_GRAPH = ID + "graph/reference"
DEFAULT_LOCATION = "./pmkg-store"

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


#: the links by which a node belongs to a document: item → document, mention/adoption → item
_PART_OF = ox.NamedNode(PREFIXES["dct"] + "isPartOf")
_FROM_ITEM = (ox.NamedNode(PREFIXES["pmkg"] + "inItem"), ox.NamedNode(PREFIXES["prov"] + "wasDerivedFrom"))
_UPDATE_PREFIXES = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("dct", "pmkg", "prov"))


def own_nodes(doc: ox.NamedNode) -> str:
    """A document's own nodes (see `layout`), as a SPARQL group pattern binding ?s."""
    return (f"{{ {{ VALUES ?s {{ {doc} }} }} UNION {{ ?s dct:isPartOf {doc} }} UNION "
            f"{{ ?i dct:isPartOf {doc} . ?s pmkg:inItem|prov:wasDerivedFrom ?i }} }}")


def layout(doc: ox.NamedNode, quads: Iterable[ox.Quad | ox.Triple]) -> list[ox.Quad]:
    """Place one document's statements: its own nodes' in the default graph, the rest in `doc`.

    A node is the document's own if it is the document, an item of it (`dct:isPartOf`), or
    drawn from such an item (`pmkg:inItem`, `prov:wasDerivedFrom`): mentions, adoptions,
    observations. Their IRIs carry the document's hash, so no other document has them.
    Raises:
        StoreError: a quad names a graph other than `doc`.
    """
    quads = list(quads)
    own = _own_subjects(doc, quads)
    return [ox.Quad(q.subject, q.predicate, q.object) if q.subject in own
            else q if isinstance(q, ox.Quad) and q.graph_name == doc
            else ox.Quad(q.subject, q.predicate, q.object, doc) for q in quads]


def layout_nquads(doc: ox.NamedNode, quads: Iterable[ox.Quad | ox.Triple]) -> bytes:
    """`layout` written as N-Quads: the same lines, several times faster (ingest's workers make
    them; the own nodes' lines lose their graph term)."""
    quads = list(quads)
    own = {str(s).encode() for s in _own_subjects(doc, quads)}
    tail = f" {doc} .".encode()
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    return b"".join(line[:-len(tail) - 1] + b" .\n" if line[:line.find(b" ")] in own and line.endswith(tail + b"\n")
                    else line for line in lines)


def _own_subjects(doc: ox.NamedNode, quads: list[ox.Quad | ox.Triple]) -> set[ox.NamedNode]:
    """The document's own nodes among the subjects (see `layout`); checks every quad's graph."""
    graphs = {q.graph_name for q in quads if isinstance(q, ox.Quad)} - {doc, ox.DefaultGraph()}
    if graphs:
        other = next(q for q in quads if isinstance(q, ox.Quad) and q.graph_name in graphs)
        raise StoreError(f"quad {other} belongs to graph {other.graph_name}, not {doc}")
    items = {q.subject for q in quads if q.predicate == _PART_OF and q.object == doc}
    return {doc, *items, *(q.subject for q in quads if q.predicate in _FROM_ITEM and q.object in items)}


def _collect(result: Any, cancel: threading.Event, limit: int | None) -> QueryResult:
    """Pull a pyoxigraph result into a QueryResult, stopping at `limit` or when cancelled."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(boolean=bool(result))
    items: list[Any] = []
    truncated = False
    solutions = isinstance(result, ox.QuerySolutions)
    for item in result:
        if cancel.is_set():
            break
        if limit is not None and len(items) >= limit:
            truncated = True
            break
        # a solution iterates its values in the order of result.variables (None where unbound),
        # several times faster than looking each one up by name
        items.append(tuple(item) if solutions else item)
    if solutions:
        return QueryResult(vars=tuple(v.value for v in result.variables), rows=tuple(items),
                           truncated=truncated)
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

    def compact(self) -> Any:
        """Repack the store's files into a fresh, smaller copy (embedded on-disk store only).

        Returns:
            a `kg.store_oxigraph.Compaction` (sizes before and after), or None where there is
            nothing to repack: in memory, or a server that manages its own storage.
        """
        return None

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
        found = self._select("SELECT ?doc ?hash WHERE { ?doc pmkg:contentHash ?hash }",
                             {"doc": _graph(doc_iri)})
        return to_python(found.rows[0][1]) if found.rows else None

    def document_for_file(self, source_file: str) -> list[str]:
        """IRIs of the documents whose pmkg:sourceFile is this file name."""
        # (led by the file: only documents have one; led by the type, Oxigraph scans every document)
        found = self._select("SELECT DISTINCT ?file ?doc WHERE { ?doc pmkg:sourceFile ?file } ORDER BY ?doc",
                             {"file": ox.Literal(source_file)})
        return sorted({to_python(row[1]) for row in found.rows})

    def document_content(self, doc_iri: str) -> list[ox.Quad]:
        """Everything stored for one document (its own nodes and its graph), as quads in its graph."""
        doc = _graph(doc_iri)
        found = self._select(f"SELECT ?s ?p ?o WHERE {{ {{ GRAPH {doc} {{ ?s ?p ?o }} }} UNION "
                             f"{{ {own_nodes(doc)} ?s ?p ?o }} }}", union=False)
        return sorted({ox.Quad(s, p, o, doc) for s, p, o in found.rows}, key=str)

    def documents(self) -> list[DocumentInfo]:
        """Every document as (iri, source file, title), by file name."""
        found = self._select("""
            SELECT ?g (SAMPLE(?f) AS ?file) (SAMPLE(?t) AS ?title) WHERE {
              ?g a pmkg:SourceDocument
              OPTIONAL { ?g pmkg:sourceFile ?f }
              OPTIONAL { ?g dct:title ?t }
            } GROUP BY ?g ORDER BY ?file ?g""")
        return [DocumentInfo(*row) for row in found.values()]

    def stats(self) -> dict[str, int]:
        """Counts over the union of graphs: distinct triples, quads (every graph), nodes by kind."""
        parts = ["{ SELECT (COUNT(*) AS ?triples) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } }"]
        parts += [f"{{ SELECT (COUNT(DISTINCT ?x) AS ?{name}) WHERE {{ ?x a {cls} }} }}"
                  for name, cls in _STATS.items()]
        found = self._select("SELECT * WHERE {\n" + "\n".join(parts) + "\n}").records()[0]
        quads = self._select("SELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }",
                             union=False).values()[0][0]
        found["quads"] = quads
        return {name: int(found.get(name) or 0) for name in ("triples", "quads", *_STATS)}

    # --- writing ---
    def replace_document(self, doc_iri: str, quads: Iterable[ox.Quad | ox.Triple]) -> None:
        """Replace what the store holds of a document with these quads, in one transaction.

        The quads are the document's statements (triples, or quads in its graph or the default
        graph); `layout` places them: its own nodes' in the default graph, the rest in its graph.
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
        """Drop a document's named graph and its own nodes (nothing happens if it is absent)."""
        graph = _graph(doc_iri)
        self._update(_forget(graph), doc_iri)

    def clear(self) -> None:
        """Remove everything: every named graph and the default graph."""
        self._update("DROP SILENT ALL", self.location)

    def upgrade_layout(self) -> int:
        """Move the own nodes of documents stored before `layout` (all in the document's graph)
        to the default graph, one document per transaction; the number of documents moved."""
        found = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?i dct:isPartOf ?g } }", union=False)
        for (doc,) in found.rows:
            self._update(f"{_UPDATE_PREFIXES}DELETE {{ GRAPH {doc} {{ ?s ?p ?o }} }} INSERT {{ ?s ?p ?o }} "
                         f"WHERE {{ GRAPH {doc} {{ {own_nodes(doc)} ?s ?p ?o }} }}", doc.value)
        return len(found.rows)

    def _replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad | ox.Triple]) -> None:
        """Replace a graph in one update; a document's own nodes go to the default graph (`layout`)."""
        if graph.value == REFERENCE_GRAPH:
            text, placed = f"DROP SILENT GRAPH {graph}", [_in(graph, q) for q in quads]
        else:
            text, placed = _forget(graph), layout(graph, quads)
        own = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in placed
                        if isinstance(q.graph_name, ox.DefaultGraph))
        shared = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in placed
                           if not isinstance(q.graph_name, ox.DefaultGraph))
        if own or shared:
            text += f" ;\nINSERT DATA {{\n{own}\nGRAPH {graph} {{\n{shared}\n}} }}"
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


def _in(graph: ox.NamedNode, q: ox.Quad | ox.Triple) -> ox.Quad:
    """A triple, or a quad of `graph` or the default graph, as a quad of `graph`."""
    if isinstance(q, ox.Quad) and not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != graph:
        raise StoreError(f"quad {q} belongs to graph {q.graph_name}, not {graph}")
    return ox.Quad(q.subject, q.predicate, q.object, graph)


def _forget(doc: ox.NamedNode) -> str:
    """The SPARQL update that removes a document: its graph, then its own nodes (see `layout`).

    An update's pattern without GRAPH reads the default graph only, where the own nodes are.
    """
    return (f"{_UPDATE_PREFIXES}DROP SILENT GRAPH {doc} ;\n"
            f"DELETE {{ ?s ?p ?o }} WHERE {{ {own_nodes(doc)} ?s ?p ?o }}")


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
