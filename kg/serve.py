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

import logging
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from kg.errors import KGError, QueryError
from kg.query import QueryResult, with_prefixes
from kg.results import GRAPH_TYPES, RESULT_TYPES, SHORT_NAMES, graph_body, negotiate, results_body

log = logging.getLogger(__name__)

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
        if short is not None and short.lower() not in SHORT_NAMES:
            return _error(HTTPStatus.BAD_REQUEST, f"unknown format {short!r}; use one of {', '.join(SHORT_NAMES)}")
        if short is not None:
            accept = SHORT_NAMES[short.lower()]
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
