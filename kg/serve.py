"""A store as a read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1, for YASGUI, rdflib's
SPARQLStore, notebooks and any other SPARQL client.

    make_server(store, port) → EndpointServer;  server.serve_forever()

    GET  /query?query=…                                   the query in the URL
    POST /query   application/x-www-form-urlencoded       query=… in the body
    POST /query   application/sparql-query                the query is the body
    OPTIONS …                                             CORS preflight (browsers, YASGUI)

Results are negotiated from the Accept header (or `format=`/`output=` in the URL):
SELECT/ASK as application/sparql-results+json (default), +xml, text/csv or
text/tab-separated-values; CONSTRUCT/DESCRIBE as text/turtle (default), application/n-triples,
application/ld+json or application/rdf+xml.

Queries run through `Store.query`, so they see the union of all graphs and get its limits
(pmkg's prefixes — pmkg:, skos:, dct: … — may be used without declaring them):
a time limit (503 past it) and a row limit (rows past it are cut and the response carries
`X-PMKG-Truncated: true`). Updates (and /update) are refused with 403, SERVICE with 403,
malformed queries and unsupported parameters (default-graph-uri, named-graph-uri) with 400.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import re
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import KGError, QueryError
from kg.query import QueryResult, with_prefixes
from kg.sparql import Term

log = logging.getLogger(__name__)

JSON, XML = "application/sparql-results+json", "application/sparql-results+xml"
CSV, TSV = "text/csv", "text/tab-separated-values"
TURTLE, NTRIPLES = "text/turtle", "application/n-triples"
JSONLD, RDFXML = "application/ld+json", "application/rdf+xml"

#: media types offered for SELECT/ASK, preferred first
RESULT_TYPES = (JSON, XML, CSV, TSV)
#: media types offered for CONSTRUCT/DESCRIBE, preferred first, with their pyoxigraph format
GRAPH_TYPES = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES,
               JSONLD: ox.RdfFormat.JSON_LD, RDFXML: ox.RdfFormat.RDF_XML}
#: what clients also say for the same thing
_ALIASES = {"application/json": JSON, "application/xml": XML, "text/xml": XML,
            "text/plain": NTRIPLES, "application/x-turtle": TURTLE, "application/trig": TURTLE}
#: `format=` / `output=` shorthands in the URL
_SHORT = {"json": JSON, "xml": XML, "csv": CSV, "tsv": TSV, "ttl": TURTLE, "turtle": TURTLE,
          "nt": NTRIPLES, "ntriples": NTRIPLES, "jsonld": JSONLD, "json-ld": JSONLD, "rdfxml": RDFXML}

_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, Authorization",
    "Access-Control-Expose-Headers": "X-PMKG-Truncated, X-PMKG-Elapsed-Ms",
    "Access-Control-Max-Age": "86400",
    "Access-Control-Allow-Private-Network": "true",  # a public YASGUI page calling localhost
}
_READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"


@dataclass(frozen=True, slots=True)
class Reply:
    """One HTTP answer."""

    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


# ---------------------------------------------------------------------------------------------
# Content negotiation
# ---------------------------------------------------------------------------------------------

def negotiate(accept: str | None, offered: tuple[str, ...]) -> str | None:
    """The offered media type the Accept header prefers (ties go to the server's order).

    Each offered type takes the q of the most specific range that matches it (RFC 9110).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    'application/sparql-results+xml'
    >>> negotiate("*/*;q=0.1, text/csv", RESULT_TYPES)
    'text/csv'
    >>> negotiate("image/png", RESULT_TYPES) is None
    True
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        kind, _, params = part.strip().partition(";")
        kind = kind.strip().lower()
        m = re.search(r"\bq\s*=\s*([0-9.]+)", params)
        try:
            q = float(m.group(1)) if m else 1.0
        except ValueError:
            q = 0.0
        ranges.append((_ALIASES.get(kind, kind), q))
    best: tuple[float, int] | None = None
    choice = None
    for rank, media in enumerate(offered):
        fits = [(_specificity(kind), q) for kind, q in ranges if _matches(kind, media)]
        if not fits:
            continue
        q = max(fits)[1]
        if q > 0 and (best is None or (q, -rank) > best):
            best, choice = (q, -rank), media
    return choice


def _specificity(pattern: str) -> int:
    return 0 if pattern in {"*/*", "*"} else 1 if pattern.endswith("/*") else 2


def _matches(pattern: str, media: str) -> bool:
    if pattern in {"*/*", "*"}:
        return True
    if pattern.endswith("/*"):
        return media.startswith(pattern[:-1])
    return pattern == media


# ---------------------------------------------------------------------------------------------
# SPARQL results formats (https://www.w3.org/TR/sparql11-results-json/ and friends)
# ---------------------------------------------------------------------------------------------

def results_body(result: QueryResult, media: str) -> bytes:
    """A SELECT or ASK result in one of RESULT_TYPES."""
    writer: Callable[[QueryResult], str] = {JSON: _json, XML: _xml, CSV: _csv, TSV: _tsv}[media]
    return writer(result).encode("utf-8")


def graph_body(result: QueryResult, media: str) -> bytes:
    """A CONSTRUCT or DESCRIBE result in one of GRAPH_TYPES."""
    from kg.query import PREFIXES

    fmt = GRAPH_TYPES[media]
    prefixes = dict(PREFIXES) if fmt in {ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML} else None
    return ox.serialize(result.triples, format=fmt, prefixes=prefixes) if prefixes else \
        ox.serialize(result.triples, format=fmt)


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _json(result: QueryResult) -> str:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [{v: _json_term(t) for v, t in zip(result.vars, row) if t is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return ("<triple>" + "".join(f"<{k}>{_xml_term(getattr(term, k))}</{k}>"
                                 for k in ("subject", "predicate", "object")) + "</triple>")


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.vars]
    out.append("</head>")
    if result.boolean is not None:
        out.append(f"<boolean>{str(result.boolean).lower()}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(result.vars, row) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out)


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.boolean is not None:  # not defined by the spec; Oxigraph's server writes this
        return str(result.boolean).lower()
    writer.writerow(result.vars)
    writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return out.getvalue()


def _tsv(result: QueryResult) -> str:
    if result.boolean is not None:
        return str(result.boolean).lower()
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    # pyoxigraph prints terms in N-Triples syntax, which is what TSV results use
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Answering one request
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Endpoint:
    """What the server answers with: a store and the limits every query runs under."""

    store: object
    timeout_s: float = 30.0
    limit: int = 100_000

    def answer(self, params: dict[str, list[str]], accept: str | None, body_query: str | None = None) -> Reply:
        """Answer one protocol request: its URL/form parameters, Accept header and query body."""
        if "update" in params:
            return _error(HTTPStatus.FORBIDDEN, _READ_ONLY)
        if unsupported := sorted({"default-graph-uri", "named-graph-uri"} & set(params)):
            return _error(HTTPStatus.BAD_REQUEST,
                          f"{', '.join(unsupported)} is not supported here: every query sees the union "
                          "of all graphs; use GRAPH <…> { … } in the query to pick one")
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        if len(queries) != 1 or not queries[0].strip():
            return _error(HTTPStatus.BAD_REQUEST, "give exactly one SPARQL query: ?query=… in the URL, "
                          "query=… in a form body, or the query itself as application/sparql-query")
        short = (params.get("format") or params.get("output") or [None])[0]
        if short is not None and short.lower() not in _SHORT:
            return _error(HTTPStatus.BAD_REQUEST, f"unknown format {short!r}; use one of {', '.join(_SHORT)}")
        if short is not None:
            accept = _SHORT[short.lower()]
        try:
            result = self.store.query(with_prefixes(queries[0]), timeout_s=self.timeout_s, limit=self.limit)
        except QueryError as e:
            status = _status_of(e)
            return _error(status, f"{_READ_ONLY} ({e})" if str(e).startswith("refused:") else str(e))
        except KGError as e:
            log.warning("query failed: %s", e)
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, str(e))
        return _reply(result, accept)


def _status_of(error: QueryError) -> int:
    message = str(error)
    if message.startswith(("refused:", "SERVICE calls")):
        return HTTPStatus.FORBIDDEN
    if "exceeded" in message:
        return HTTPStatus.SERVICE_UNAVAILABLE
    return HTTPStatus.BAD_REQUEST


def _reply(result: QueryResult, accept: str | None) -> Reply:
    graph = result.boolean is None and not result.vars
    offered = tuple(GRAPH_TYPES) if graph else RESULT_TYPES
    media = negotiate(accept, offered)
    if media is None:
        return _error(HTTPStatus.NOT_ACCEPTABLE,
                      f"cannot answer in {accept}; this result comes as {', '.join(offered)}")
    body = graph_body(result, media) if graph else results_body(result, media)
    headers = [("X-PMKG-Elapsed-Ms", f"{result.elapsed_s * 1000:.1f}")]
    if result.truncated:
        headers.append(("X-PMKG-Truncated", "true"))
    return Reply(HTTPStatus.OK, body, f"{media}; charset=utf-8", tuple(headers))


def _error(status: int, message: str) -> Reply:
    return Reply(status, (message.rstrip() + "\n").encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------

class EndpointServer(ThreadingHTTPServer):
    """A threading HTTP server holding the Endpoint its handlers answer from."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        super().__init__(address, _Handler)

    def reopen_every(self, seconds: float, open_store: Callable[[], object]) -> threading.Thread:
        """Swap in a freshly opened store every `seconds`, so a read-only snapshot follows the
        writes another process (kg ingest) makes. Requests under way finish on the store they
        began with; it closes when the last of them lets go of it."""
        def run() -> None:
            while True:
                time.sleep(seconds)
                try:
                    self.endpoint = replace(self.endpoint, store=open_store())
                except KGError as e:  # keep serving the snapshot we have
                    log.warning("cannot reopen the store: %s", e)

        thread = threading.Thread(target=run, name="pmkg-reopen", daemon=True)
        thread.start()
        return thread

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/query"


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    protocol_version = "HTTP/1.1"
    server_version = "pmkg-sparql"

    def do_OPTIONS(self) -> None:  # noqa: N802 (http.server's naming)
        self._send(Reply(HTTPStatus.NO_CONTENT, b""))

    def do_GET(self) -> None:  # noqa: N802
        path, _, qs = self.path.partition("?")
        if path in {"/", ""}:
            return self._send(_home(self.server.url))
        if path == "/update":
            return self._send(_error(HTTPStatus.FORBIDDEN, _READ_ONLY))
        if path not in {"/query", "/sparql"}:
            return self._send(_error(HTTPStatus.NOT_FOUND, f"no such path {path}; the endpoint is /query"))
        self._send(self.server.endpoint.answer(_parse(qs), self.headers.get("Accept")))

    def do_POST(self) -> None:  # noqa: N802
        path, _, qs = self.path.partition("?")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if path == "/update" or kind == "application/sparql-update":
            return self._send(_error(HTTPStatus.FORBIDDEN, _READ_ONLY))
        if path not in {"/query", "/sparql"}:
            return self._send(_error(HTTPStatus.NOT_FOUND, f"no such path {path}; the endpoint is /query"))
        params = _parse(qs)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._send(_error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8"))
        if kind == "application/x-www-form-urlencoded":
            for k, v in _parse(text).items():
                params.setdefault(k, []).extend(v)
            reply = self.server.endpoint.answer(params, self.headers.get("Accept"))
        elif kind == "application/sparql-query":
            reply = self.server.endpoint.answer(params, self.headers.get("Accept"), text)
        else:
            reply = _error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           f"POST a query as application/sparql-query or application/x-www-form-urlencoded, "
                           f"not {kind or 'no content type'}")
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in (*_CORS.items(), *reply.headers):
            self.send_header(name, value)
        if reply.status != HTTPStatus.NO_CONTENT:
            self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (overrides the base)
        log.info("%s %s", self.address_string(), format % args)


def _parse(qs: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(qs, keep_blank_values=True)


def _home(url: str) -> Reply:
    yasgui = "https://yasgui.triply.cc/#endpoint=" + urllib.parse.quote(url, safe="")
    page = (f"<!doctype html><meta charset=utf-8><title>pmkg SPARQL endpoint</title>"
            f"<h1>pmkg SPARQL endpoint</h1><p>Read-only SPARQL 1.1 endpoint: <code>{escape(url)}</code></p>"
            f'<p>Try it in <a href="{escape(yasgui)}">YASGUI</a>, or '
            f'<a href="{escape(url)}?query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20LIMIT%2010">'
            f"ten triples</a>.</p>")
    return Reply(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")


def make_server(store, port: int, *, host: str = "127.0.0.1", timeout_s: float = 30.0,
                limit: int = 100_000) -> EndpointServer:
    """A server answering SPARQL queries on `store` at http://host:port/query (port 0: any free port).

    Raises:
        KGError: the port cannot be bound.
    """
    try:
        return EndpointServer((host, port), Endpoint(store, timeout_s, limit))
    except OSError as e:
        raise KGError(f"cannot listen on {host}:{port}: {e.strerror or e}; pick another --port") from e
