"""A remote SPARQL 1.1 endpoint as a `Store` (import it from `kg.store`)."""
from __future__ import annotations

import os
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.query import QueryResult
from kg.sparql import Term, bind_values, keywords, syntax_error
from kg.store_base import Store, _collect, _graph, _rdf_format, format_of


_PARSER = ox.Store()  # empty, in memory: parses queries bound for remote endpoints
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
