"""`kg serve` as a real process, queried with urllib and rdflib's SPARQLStore; and the CLI
against a real `oxigraph serve` (the remote store)."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.pipeline import ingest
from kg.query import run_named
from kg.results import RESULT_TYPES, negotiate
from kg.store import open_store

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingdingshan-2022-42.txt"
PMKG = "https://w3id.org/pmkg/ontology#"
ADOPTIONS = f"SELECT ?a ?place ?measure WHERE {{ ?a a <{PMKG}Adoption> ; <{PMKG}place> ?place ; " \
            f"<{PMKG}measure> ?measure }} ORDER BY ?a"
LIMIT = 500


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    with open_store(path) as store:
        list(ingest([EXAMPLE], store))
    return path


@pytest.fixture(scope="module")
def expected(store_path: Path) -> dict:
    """What the store answers in this process, to compare the endpoint's answers with."""
    with open_store(store_path) as store:
        rows = store.query(ADOPTIONS).rows
        return {"adoptions": [tuple(t.value for t in row) for row in rows],
                "matrix": run_named(store, "agg-place-measure").values()}


def start(store_path: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """Start `kg serve` on a free port; return the process and the endpoint URL it printed."""
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store_path),
                                "--port", "0", *args], stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    match = re.search(r"at (http://127\.0\.0\.1:\d+/query)", line)
    if not match:
        process.kill()
        pytest.fail(f"kg serve did not start: {line}{process.stderr.read()}")
    return process, match.group(1)


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        _, err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return err


@pytest.fixture(scope="module")
def endpoint(store_path: Path, expected: dict) -> Iterator[str]:
    process, url = start(store_path, "--limit", str(LIMIT), "--timeout", "20")
    try:
        yield url
    finally:
        assert "stopped" in stop(process)
        assert process.returncode == 0


def call(url: str, query: str | None = None, *, method: str = "GET", accept: str | None = None,
         body: bytes | None = None, content_type: str | None = None,
         params: dict | None = None) -> tuple[int, dict, bytes]:
    fields = dict(params or {})
    if query is not None and method == "GET":
        fields["query"] = query
    if query is not None and method == "POST" and body is None:
        body, content_type = urllib.parse.urlencode({"query": query}).encode(), \
            "application/x-www-form-urlencoded"
    full = url + ("?" + urllib.parse.urlencode(fields) if fields else "")
    headers = {k: v for k, v in (("Accept", accept), ("Content-Type", content_type)) if v}
    request = urllib.request.Request(full, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def rows_of(body: bytes, media: str) -> list[tuple]:
    if media == "text/csv":  # pyoxigraph does not parse CSV results (they are lossy)
        if body in {b"true", b"false"}:  # ASK, as Oxigraph's server writes it
            return [(body == b"true",)]
        header, *rows = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
        return [tuple(v or None for v in row) for row in rows]
    fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/csv": ox.QueryResultsFormat.CSV,
           "text/tab-separated-values": ox.QueryResultsFormat.TSV}[media]
    parsed = ox.parse_query_results(body, fmt)
    if isinstance(parsed, ox.QueryBoolean):
        return [(bool(parsed),)]
    names = [v.value for v in parsed.variables]
    return [tuple(sol[n].value if sol[n] is not None else None for n in names) for sol in parsed]


# --- the protocol, with urllib --------------------------------------------------------------------

@pytest.mark.parametrize("media", RESULT_TYPES)
@pytest.mark.parametrize("method", ["GET", "POST", "POST-body"])
def test_select_in_every_results_format(endpoint: str, expected: dict, media: str, method: str) -> None:
    if method == "POST-body":
        status, headers, body = call(endpoint, method="POST", accept=media, body=ADOPTIONS.encode(),
                                     content_type="application/sparql-query")
    else:
        status, headers, body = call(endpoint, ADOPTIONS, method=method, accept=media)
    assert status == 200, body
    assert headers["Content-Type"].startswith(media)
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert rows_of(body, media) == expected["adoptions"]
    assert expected["adoptions"]


@pytest.mark.parametrize("media", RESULT_TYPES)
def test_ask(endpoint: str, media: str) -> None:
    for query, answer in [("ASK { ?s a pmkg:Adoption }", True), ("ASK { ?s a pmkg:Nothing }", False)]:
        status, _, body = call(endpoint, query, accept=media)
        assert status == 200, body
        assert rows_of(body, media) == [(answer,)]


@pytest.mark.parametrize("media, fmt", [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML)])
def test_construct_in_every_rdf_format(endpoint: str, expected: dict, media: str, fmt) -> None:
    query = f"CONSTRUCT {{ ?a <{PMKG}place> ?p }} WHERE {{ ?a a <{PMKG}Adoption> ; <{PMKG}place> ?p }}"
    status, headers, body = call(endpoint, query, accept=media)
    assert status == 200, body
    assert headers["Content-Type"].startswith(media)
    triples = {(t.subject.value, t.object.value) for t in ox.parse(body, fmt)}
    assert triples == {(a, p) for a, p, _ in expected["adoptions"]}


def test_format_parameter_and_default_answer(endpoint: str) -> None:
    status, headers, body = call(endpoint, "SELECT (1 AS ?x) {}", params={"format": "csv"})
    assert (status, body) == (200, b"x\r\n1\r\n")
    status, headers, _ = call(endpoint, "SELECT (1 AS ?x) {}")
    assert headers["Content-Type"].startswith("application/sparql-results+json")


def test_named_query_from_the_materialised_aggregates(endpoint: str, expected: dict) -> None:
    text = (ROOT / "kg" / "queries" / "agg-place-measure.rq").read_text(encoding="utf-8")
    status, _, body = call(endpoint, text, accept="application/sparql-results+json")
    assert status == 200, body
    rows = json.loads(body)["results"]["bindings"]
    assert len(rows) == len(expected["matrix"]) > 0


def test_row_limit_cuts_and_says_so(endpoint: str) -> None:
    status, headers, body = call(endpoint, "SELECT * WHERE { ?s ?p ?o }", accept="text/csv")
    assert status == 200
    assert headers["X-PMKG-Truncated"] == "true"
    assert len(list(csv.reader(io.StringIO(body.decode())))) == LIMIT + 1  # values may hold line breaks


@pytest.mark.parametrize("how", ["query-text", "form-update", "sparql-update", "update-path"])
def test_updates_are_refused(endpoint: str, store_path: Path, how: str) -> None:
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    if how == "query-text":
        status, _, body = call(endpoint, update, method="POST")
    elif how == "form-update":
        status, _, body = call(endpoint, method="POST", body=urllib.parse.urlencode({"update": update}).encode(),
                               content_type="application/x-www-form-urlencoded")
    elif how == "sparql-update":
        status, _, body = call(endpoint, method="POST", body=update.encode(),
                               content_type="application/sparql-update")
    else:
        status, _, body = call(endpoint.replace("/query", "/update"), method="POST", body=update.encode(),
                               content_type="application/sparql-update")
    assert status == 403
    assert b"read-only" in body
    status, _, body = call(endpoint, "ASK { <http://example.org/a> ?p ?o }", accept="text/csv")
    assert body == b"false"


@pytest.mark.parametrize("query, status, words", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403, "SERVICE"),
    ("SELECT * WHERE { ?s ?p }", 400, "malformed"),
    (None, 400, "give exactly one SPARQL query"),
])
def test_refusals_and_errors(endpoint: str, query: str | None, status: int, words: str) -> None:
    got, _, body = call(endpoint, query)
    assert got == status
    assert words in body.decode()


def test_unsupported_requests(endpoint: str) -> None:
    assert call(endpoint, "ASK {}", accept="image/png")[0] == 406
    assert call(endpoint, "ASK {}", params={"default-graph-uri": "http://example.org/g"})[0] == 400
    assert call(endpoint, method="POST", body=b"ASK {}", content_type="text/plain")[0] == 415
    assert call(endpoint.replace("/query", "/elsewhere"))[0] == 404


def test_cors_preflight_and_home_page(endpoint: str) -> None:
    status, headers, _ = call(endpoint, method="OPTIONS")
    assert status == 204
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in headers["Access-Control-Allow-Headers"]
    status, headers, body = call(endpoint.removesuffix("query"))
    assert status == 200 and b"yasgui" in body


def test_time_limit(store_path: Path) -> None:
    # a second server on the same store (both read it read-only): the slow query keeps one of
    # its threads busy until the server is stopped
    process, url = start(store_path, "--timeout", "0.5")
    try:
        slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . FILTER(STRLEN(CONCAT(STR(?c), STR(?f))) < 0) }"
        started = time.monotonic()
        status, _, body = call(url, slow)
        assert status == 503
        assert b"exceeded" in body
        assert time.monotonic() - started < 10
    finally:
        stop(process)


def test_negotiation_prefers_quality_then_server_order() -> None:
    assert negotiate("text/csv;q=0.9, application/sparql-results+xml;q=0.9", RESULT_TYPES) == \
        "application/sparql-results+xml"
    assert negotiate("application/json", RESULT_TYPES) == "application/sparql-results+json"
    assert negotiate("text/*", RESULT_TYPES) == "text/csv"
    assert negotiate("text/csv;q=0", RESULT_TYPES) is None


def test_kg_ingest_writes_while_serving_and_reopen_shows_it(tmp_path: Path) -> None:
    location = tmp_path / "store"
    assert kg("ingest", str(EXAMPLE), "--store", str(location)).returncode == 0
    process, url = start(location, "--reopen", "0.3")
    documents = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?d a <{PMKG}SourceDocument> }}"
    try:
        assert call(url, documents, accept="text/csv")[2] == b"n\r\n1\r\n"
        other = ROOT / "tests" / "data" / "article_web.txt"
        done = kg("ingest", str(other), "--store", str(location))  # the server holds no lock
        assert done.returncode == 0, done.stderr
        deadline = time.monotonic() + 20
        while call(url, documents, accept="text/csv")[2] != b"n\r\n2\r\n":
            assert time.monotonic() < deadline, "the server never saw the second document"
            time.sleep(0.2)
    finally:
        stop(process)


# --- rdflib's SPARQLStore as the client -----------------------------------------------------------

@pytest.mark.parametrize("method, fmt", [("GET", "xml"), ("POST_FORM", "json"), ("POST", "csv")])
def test_rdflib_sparqlstore(endpoint: str, expected: dict, method: str, fmt: str) -> None:
    from rdflib import Graph, Namespace
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    pmkg = Namespace(PMKG)
    graph = Graph(SPARQLStore(endpoint, method=method, returnFormat=fmt))
    rows = [tuple(str(v) for v in row) for row in graph.query(ADOPTIONS)]
    assert rows == expected["adoptions"]
    if fmt != "csv":  # rdflib reads no ASK answer from CSV
        assert graph.query(f"ASK {{ ?a a <{PMKG}Adoption> }}").askAnswer is True
    if fmt == "xml":  # CONSTRUCT comes back as RDF/XML, triples() as SELECT
        built = graph.query(f"CONSTRUCT {{ ?a <{PMKG}place> ?p }} WHERE {{ ?a <{PMKG}place> ?p }}")
        assert len(built.graph) == len(expected["adoptions"])
        assert len(list(graph.triples((None, pmkg.measure, None)))) == len(expected["adoptions"])


def test_rdflib_update_store_is_refused(endpoint: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    store = SPARQLUpdateStore(endpoint, endpoint.replace("/query", "/update"))
    with pytest.raises(urllib.error.HTTPError) as raised:
        store.update("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
    assert raised.value.code == 403


# --- the CLI against a real Oxigraph server (the remote store) -------------------------------------

def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def test_kg_ingest_and_query_against_oxigraph_server(oxigraph_server: str, tmp_path: Path) -> None:
    with open_store(oxigraph_server) as store:
        store.clear()
    done = kg("ingest", str(EXAMPLE), "--store", oxigraph_server)
    assert done.returncode == 0, done.stderr
    assert "1 ingested" in done.stderr
    again = kg("ingest", str(EXAMPLE), "--store", oxigraph_server)
    assert "1 unchanged" in again.stderr
    local = tmp_path / "local"
    with open_store(local) as store:
        list(ingest([EXAMPLE], store))
    for name, params in [("measures-of-place", ["--param", "place=平顶山市"]), ("agg-place-measure", []),
                         ("agg-first-adoptions", [])]:
        remote = kg("query", name, *params, "--format", "json", "--store", oxigraph_server)
        assert remote.returncode == 0, remote.stderr
        here = kg("query", name, *params, "--format", "json", "--store", str(local))
        assert json.loads(remote.stdout)["rows"] == json.loads(here.stdout)["rows"]
        assert json.loads(remote.stdout)["rows"], name
    with open_store(oxigraph_server) as store:
        with pytest.raises(QueryError, match="refused"):
            store.query("DROP ALL")
        store.clear()
