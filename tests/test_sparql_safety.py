"""The query interface cannot change the store, call out, run forever or return without bound.

Through `kg query` as a user runs it (a subprocess, so the error line and exit status are the
real ones), and through the Store API for what tests/test_store.py and tests/test_query.py do
not cover already: every SPARQL Update form is refused, SERVICE is refused without opening a
connection, every query has a time limit and a row limit, and named-query parameters holding
quotes, braces, `#`, newlines or `} ; DROP ALL ; {` are bound as values: zero rows, no error,
store unchanged.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query import run_named, run_query
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingdingshan-2022-42.txt"

UPDATES = [
    "DROP ALL",
    "drop all",
    "DROP SILENT GRAPH <https://w3id.org/pmkg/id/graph/reference>",
    "CLEAR ALL",
    "CLEAR DEFAULT",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "LOAD SILENT <file:///etc/passwd> INTO GRAPH <http://x.org/g>",
    "INSERT DATA { <http://x.org/a> <http://x.org/b> <http://x.org/c> }",
    "DELETE DATA { <http://x.org/a> <http://x.org/b> <http://x.org/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "WITH <https://w3id.org/pmkg/id/graph/reference> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CREATE GRAPH <http://x.org/g>",
    "ADD DEFAULT TO <http://x.org/g>",
    "MOVE <https://w3id.org/pmkg/id/graph/reference> TO <http://x.org/g>",
    "COPY <https://w3id.org/pmkg/id/graph/reference> TO DEFAULT",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "ASK { ?s ?p ?o } DROP ALL",
    "PREFIX x: <http://x.org/>\n# a comment first\nDROP ALL",
]

ATTACKS = [
    'a"b',
    "a'b",
    '平顶山市" } ',
    "{ } }",
    "平顶山市 # comment",
    "#",
    "平顶山市\nDROP ALL",
    "\n} ; DROP ALL ; {\n",
    "} ; DROP ALL ; {",
    '" } ; DROP ALL ; { "',
    "') } DROP ALL #",
    "http://x.org/a> } ; DROP ALL ; { <http://x.org/b",
]

#: named queries whose parameter is free text from the user, with the parameter's name
NAMED = {"adopters-of-measure": "measure", "measures-of-place": "place",
         "documents-by-agency": "agency", "search-entities": "text"}


def kg(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("safety") / "store"
    result = kg("ingest", EXAMPLE, "--store", path, "-q")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def fingerprint(store: Path) -> str:
    """The whole store as sorted N-Quads: what every test must leave as it found."""
    return _fingerprint(store)


def _fingerprint(store: Path) -> str:
    with open_store(store, read_only=True) as s:
        return "\n".join(sorted(str(q) for q in s.db))


def _one_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


# --- updates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("update", UPDATES)
def test_kg_query_refuses_updates(store: Path, fingerprint: str, update: str) -> None:
    line = _one_error(kg("query", update, "--store", store))
    assert "refused" in line and "read-only" in line
    assert _fingerprint(store) == fingerprint


def test_an_update_in_a_query_file_is_refused(store: Path, fingerprint: str, tmp_path: Path) -> None:
    evil = tmp_path / "tidy-up.rq"
    evil.write_text("# title: Tidy up\nDROP ALL\n", encoding="utf-8")
    assert "refused" in _one_error(kg("query", evil, "--store", store))
    assert _fingerprint(store) == fingerprint


@pytest.mark.parametrize("update", UPDATES)
def test_store_api_refuses_updates(store: Path, fingerprint: str, update: str) -> None:
    with open_store(store, read_only=True) as s:
        with pytest.raises(QueryError, match="read-only"):
            s.query(update)
        with pytest.raises(QueryError, match="read-only"):
            run_query(s, update)
    assert _fingerprint(store) == fingerprint


# --- SERVICE -------------------------------------------------------------------------------------

@pytest.fixture()
def listener():
    """A local socket that records whether anything connected to it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(0.5)
        yield server


def _connected(server: socket.socket) -> bool:
    try:
        conn, _ = server.accept()
    except (TimeoutError, socket.timeout):
        return False
    conn.close()
    return True


@pytest.mark.parametrize("form", ["SERVICE", "service", "SERVICE SILENT"])
def test_service_is_off_and_never_connects(store: Path, listener: socket.socket, form: str) -> None:
    port = listener.getsockname()[1]
    sparql = f"SELECT * WHERE {{ {form} <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    line = _one_error(kg("query", sparql, "--store", store))
    assert "SERVICE" in line
    with open_store(store, read_only=True) as s:
        with pytest.raises(QueryError, match="SERVICE"):
            run_query(s, sparql)
    assert not _connected(listener), "the query called out to another endpoint"


# --- limits --------------------------------------------------------------------------------------

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_kg_query_stops_at_its_time_limit(store: Path) -> None:
    started = time.monotonic()
    line = _one_error(kg("query", HEAVY, "--store", store, "--timeout", "1"))
    assert "exceeded 1 s" in line
    assert time.monotonic() - started < 20


def test_every_query_has_a_default_time_and_row_limit() -> None:
    text = kg("query", "--help").stdout
    assert "--limit INTEGER" in text and "[default: 10000]" in text
    assert "--timeout FLOAT" in text and "[default: 30.0]" in text


def _many_rows(n_a: int, n_b: int) -> str:
    a = " ".join(map(str, range(n_a)))
    b = " ".join(map(str, range(n_b)))
    return f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {a} }} VALUES ?b {{ {b} }} }}"


def test_kg_query_stops_at_its_row_limit(store: Path) -> None:
    sparql = _many_rows(200, 100)  # 20,000 rows
    default = kg("query", sparql, "--store", store, "--format", "json")
    assert default.returncode == 0, default.stderr
    answer = json.loads(default.stdout)
    assert len(answer["rows"]) == 10_000 and answer["truncated"] is True
    five = kg("query", sparql, "--store", store, "--limit", "5")
    assert five.returncode == 0 and "(5 rows)" in five.stdout and "truncated" in five.stdout


def test_named_queries_have_the_same_limits(store: Path) -> None:
    with open_store(store, read_only=True) as s:
        cut = run_named(s, "search-entities", {"text": "市"}, limit=3)
        assert len(cut.rows) == 3 and cut.truncated
        with pytest.raises(QueryError, match="exceeded"):
            run_query(s, HEAVY, timeout_s=0.5)


# --- bound parameters ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(NAMED))
def test_kg_query_binds_hostile_parameters(store: Path, fingerprint: str, name: str) -> None:
    param = NAMED[name]
    for value in ATTACKS:
        result = kg("query", name, "--param", f"{param}={value}", "--store", store, "--format", "json")
        assert result.returncode == 0, (value, result.stderr)
        assert json.loads(result.stdout)["rows"] == [], value
    assert _fingerprint(store) == fingerprint


def test_kg_query_binds_parameters_of_query_text(store: Path, fingerprint: str) -> None:
    sparql = "SELECT ?label WHERE { ?x rdfs:label ?label }"
    for value in ATTACKS:
        result = kg("query", sparql, "--param", f"label={value}", "--store", store, "--format", "json")
        assert result.returncode == 0, (value, result.stderr)
        assert json.loads(result.stdout)["rows"] == [], value
    assert _fingerprint(store) == fingerprint


def test_a_parameter_binds_a_value_that_exists(store: Path) -> None:
    """The control: the same route finds what is there, so zero rows above means 'bound'."""
    result = kg("query", "measures-of-place", "--param", "place=平顶山市", "--store", store, "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["rows"]


@pytest.mark.parametrize("name", ["measure) { } DROP ALL", "a b", "x;y", "#"])
def test_hostile_parameter_names_are_refused(store: Path, fingerprint: str, name: str) -> None:
    line = _one_error(kg("query", "adopters-of-measure", "--param", f"{name}=x", "--store", store))
    assert "parameter" in line
    sparql = "SELECT ?s WHERE { ?s ?p ?o }"
    line = _one_error(kg("query", sparql, "--param", f"{name}=x", "--store", store))
    assert "parameter" in line
    assert _fingerprint(store) == fingerprint
