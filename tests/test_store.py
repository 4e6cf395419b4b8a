"""kg.store: the same behaviour from embedded Oxigraph (memory, disk) and a real Oxigraph server."""
from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError
from kg.query import to_python
from kg.store import REFERENCE_GRAPH, DocumentInfo, OxigraphStore, Store, open_store

ID = "https://w3id.org/pmkg/id/"
DOC1 = ID + "doc/714570ef48909b4a"
DOC2 = ID + "doc/05bad28ca313fa75"
HASH1 = "714570ef48909b4a5fe2049df977f426f722ca61921fa29716a33ece2792f3ff"
PMKG = "https://w3id.org/pmkg/ontology#"

EXPECTED_STATS = {
    "triples": 192, "quads": 196, "documents": 2, "items": 2, "mentions": 5, "places": 4,
    "measures": 4, "candidate_measures": 1, "agencies": 2, "officials": 2, "posts": 2,
    "policy_documents": 1, "adoptions": 4, "observations": 1,
}


def by_graph(quads: list[ox.Quad]) -> dict[str, list[ox.Quad]]:
    graphs: dict[str, list[ox.Quad]] = {}
    for q in quads:
        graphs.setdefault(q.graph_name.value, []).append(q)
    return graphs


def load(store: Store, quads: list[ox.Quad]) -> None:
    for graph, part in by_graph(quads).items():
        if graph == REFERENCE_GRAPH:
            store.put_reference(part)
        else:
            store.replace_document(graph, part)


def graph_content(store: Store, graph: str) -> set[tuple[str, str, str]]:
    """What the store holds for a document (its own nodes and its graph), or a graph's triples."""
    if graph != REFERENCE_GRAPH:
        return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.document_content(graph)}
    rows = store.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(graph)})
    return {tuple(str(t) for t in row) for row in rows.rows}


@pytest.fixture(params=["memory", "disk", pytest.param("remote", marks=pytest.mark.server)])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    if request.param == "memory":
        s = open_store(":memory:")
    elif request.param == "disk":
        s = open_store(tmp_path / "store")
    else:
        s = open_store(request.getfixturevalue("oxigraph_server"))
        s.clear()
    yield s
    s.close()


@pytest.fixture()
def loaded(store: Store, small_quads: list[ox.Quad]) -> Store:
    load(store, small_quads)
    return store


# --- writing -------------------------------------------------------------------------------------

def test_stats_count_distinct_nodes_over_the_union(loaded: Store) -> None:
    assert loaded.stats() == EXPECTED_STATS


def test_replace_document_is_idempotent(loaded: Store, small_quads: list[ox.Quad]) -> None:
    before = loaded.stats()
    loaded.replace_document(DOC1, by_graph(small_quads)[DOC1])
    loaded.replace_document(DOC1, by_graph(small_quads)[DOC1])
    assert loaded.stats() == before


def test_replacing_a_document_changes_only_its_graph(loaded: Store, small_quads: list[ox.Quad]) -> None:
    doc2_before = graph_content(loaded, DOC2)
    reference_before = graph_content(loaded, REFERENCE_GRAPH)
    new = [q for q in by_graph(small_quads)[DOC1] if q.predicate.value != PMKG + "mentions"]
    new.append(ox.Quad(ox.NamedNode(DOC1), ox.NamedNode(PMKG + "issueNumber"), ox.Literal("6"),
                       ox.NamedNode(DOC1)))
    loaded.replace_document(DOC1, new)
    assert graph_content(loaded, DOC1) == {(str(q.subject), str(q.predicate), str(q.object)) for q in new}
    assert graph_content(loaded, DOC2) == doc2_before
    assert graph_content(loaded, REFERENCE_GRAPH) == reference_before


def test_triples_and_default_graph_quads_are_the_documents_statements(store: Store) -> None:
    s, p = ox.NamedNode(ID + "item/x-1"), ox.NamedNode(PMKG + "position")
    store.replace_document(DOC1, [ox.Triple(s, p, ox.Literal("1")), ox.Quad(s, p, ox.Literal("2"))])
    assert len(graph_content(store, DOC1)) == 2


def test_a_quad_of_another_graph_is_refused_and_nothing_is_written(loaded: Store,
                                                                   small_quads: list[ox.Quad]) -> None:
    before = graph_content(loaded, DOC1)
    stray = by_graph(small_quads)[DOC2][:1]
    with pytest.raises(StoreError, match="belongs to graph"):
        loaded.replace_document(DOC1, by_graph(small_quads)[DOC1][:3] + stray)
    assert graph_content(loaded, DOC1) == before


def test_the_reference_graph_is_not_a_document(store: Store) -> None:
    with pytest.raises(StoreError, match="put_reference"):
        store.replace_document(REFERENCE_GRAPH, [])


def test_remove_document(loaded: Store) -> None:
    loaded.remove_document(DOC1)
    loaded.remove_document(DOC1)  # absent: no error
    assert [d.iri for d in loaded.documents()] == [DOC2]
    assert loaded.document_hash(DOC1) is None
    stats = loaded.stats()
    assert (stats["documents"], stats["adoptions"], stats["places"]) == (1, 3, 4)


def test_replace_with_no_quads_empties_the_graph(loaded: Store) -> None:
    loaded.replace_document(DOC2, [])
    assert graph_content(loaded, DOC2) == set()
    assert loaded.stats()["documents"] == 1


def test_put_reference_replaces_the_reference_graph(loaded: Store) -> None:
    loaded.put_reference([])
    assert graph_content(loaded, REFERENCE_GRAPH) == set()
    assert loaded.stats()["documents"] == 2


def test_ensure_reference_writes_only_a_new_version(store: Store, small_quads: list[ox.Quad]) -> None:
    reference = by_graph(small_quads)[REFERENCE_GRAPH]
    assert store.ensure_reference(reference) is True
    assert store.ensure_reference(list(reversed(reference))) is False  # same triples, any order
    assert store.stats()["places"] == 4
    assert store.ensure_reference(reference[:-1]) is True
    assert len(graph_content(store, REFERENCE_GRAPH)) == len(reference)  # one triple less + the stamp


def test_clear_removes_everything(loaded: Store) -> None:
    loaded.clear()
    assert loaded.stats()["quads"] == 0


# --- reading -------------------------------------------------------------------------------------

def test_documents_hash_and_file_lookup(loaded: Store) -> None:
    assert loaded.documents() == [
        DocumentInfo(DOC1, "pds-2024-05.txt", "营商环境工作动态"),
        DocumentInfo(DOC2, "zz-news.html", "郑州叶县推行告知承诺制"),
    ]
    assert loaded.document_hash(DOC1) == HASH1
    assert loaded.document_hash(ID + "doc/0000000000000000") is None
    assert loaded.document_for_file("zz-news.html") == [DOC2]
    assert loaded.document_for_file("missing.txt") == []


def test_select_ask_construct_and_bindings(loaded: Store) -> None:
    result = loaded.query(
        "SELECT ?p WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
        {"name": ox.Literal("叶县")})
    assert result.values() == [(ID + "place/410422",)] * 2  # in the reference graph and in doc 2
    assert loaded.query("ASK { ?s ?p ?o }").boolean is True
    triples = loaded.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s <http://purl.org/dc/terms/isPartOf> <{DOC1}> ; "
                           "?p ?o }").triples
    assert len(triples) == 13  # the document's one item


def test_python_values(loaded: Store) -> None:
    result = loaded.query(f"SELECT ?n ?d WHERE {{ <{DOC1}> <{PMKG}issueNumber> ?n ; "
                          f"<http://purl.org/dc/terms/issued> ?d }}")
    assert result.records() == [{"n": 5, "d": __import__("datetime").date(2024, 3, 15)}]
    assert to_python(None) is None


@pytest.mark.parametrize("update", [
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR DEFAULT",
    "INSERT DATA { <http://x.org/a> <http://x.org/b> <http://x.org/c> }",
    "PREFIX x: <http://x.org/>\n# comment\nDELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(loaded: Store, update: str) -> None:
    with pytest.raises(QueryError, match="read-only"):
        loaded.query(update)
    assert loaded.stats() == EXPECTED_STATS


def test_service_is_refused(loaded: Store) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        loaded.query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")


def test_service_in_a_string_or_comment_is_not_a_service_call(loaded: Store) -> None:
    text = 'SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE <http://example.org/>'
    assert loaded.query(text).rows == ()


def test_malformed_query(loaded: Store) -> None:
    with pytest.raises(QueryError, match="malformed"):
        loaded.query("SELECT ?s WHERE { ?s ?p }")


def test_row_limit_truncates_and_says_so(loaded: Store) -> None:
    cut = loaded.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", limit=5)
    assert (len(cut.rows), cut.truncated) == (5, True)
    whole = loaded.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", limit=5)
    assert (len(whole.rows), whole.truncated) == (3, False)


def test_heavy_query_times_out(loaded: Store) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match="exceeded 0.5 s"):
        loaded.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", timeout_s=0.5)
    assert time.monotonic() - started < 3
    assert loaded.query("ASK { ?s ?p ?o }", timeout_s=5).boolean is True  # still usable


# --- dump and load -------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_dump_and_load_round_trip(loaded: Store, tmp_path, fmt: str) -> None:
    path = tmp_path / f"dump.{fmt}"
    loaded.dump(path, fmt)
    with open_store(":memory:") as copy:
        copy.load_file(path)
        assert copy.stats() == EXPECTED_STATS
        assert copy.documents() == loaded.documents()


def test_load_a_triples_file_into_a_graph(loaded: Store, tmp_path) -> None:
    path = tmp_path / "union.ttl"
    loaded.dump(path, "ttl")
    with open_store(":memory:") as copy:
        copy.load_file(path, graph=DOC1)
        assert copy.stats()["triples"] == EXPECTED_STATS["triples"]


def test_unknown_dump_format(loaded: Store, tmp_path) -> None:
    with pytest.raises(StoreError, match="unknown RDF format"):
        loaded.dump(tmp_path / "x.rdf", "rdfxml")


def test_load_a_broken_file(store: Store, tmp_path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("<a> <b> ", encoding="utf-8")
    with pytest.raises(StoreError, match="broken.ttl"):
        store.load_file(path)


# --- opening -------------------------------------------------------------------------------------

def test_on_disk_store_keeps_data_when_reopened(tmp_path, small_quads: list[ox.Quad]) -> None:
    with open_store(tmp_path / "store") as first:
        load(first, small_quads)
    with open_store(tmp_path / "store") as again:
        assert again.stats() == EXPECTED_STATS


def test_default_location_comes_from_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PMKG_STORE", str(tmp_path / "from-env"))
    with open_store() as s:
        assert isinstance(s, OxigraphStore) and s.location == str(tmp_path / "from-env")
    assert (tmp_path / "from-env").is_dir()


def test_a_regular_file_is_not_a_store(tmp_path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match=r"graph\.ttl: is a file"):
        open_store(path)
    with pytest.raises(StoreError, match=r"graph\.ttl"):
        open_store(path / "inside")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc as an unwritable place")
def test_an_unwritable_path() -> None:
    with pytest.raises(StoreError, match="/proc/pmkg-store: cannot open store"):
        open_store("/proc/pmkg-store")


def test_a_store_locked_by_another_process(tmp_path) -> None:
    path = tmp_path / "locked"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
         "print('ready', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=f"{path}: store is in use"):
            open_store(path)
    finally:
        holder.communicate("", timeout=30)


def test_a_closed_store_says_so(tmp_path) -> None:
    s = open_store(":memory:")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.stats()


def test_an_unreachable_endpoint() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError, match=f"127.0.0.1:{port}"):
        open_store(f"http://127.0.0.1:{port}")


# --- the storage layout: a document's own nodes in the default graph (kg.store_base.layout) ------

DCT_PART_OF = "http://purl.org/dc/terms/isPartOf"


def test_a_documents_own_nodes_are_stored_apart_from_what_it_says_of_shared_nodes(loaded: Store) -> None:
    in_graph = f"SELECT ?s WHERE {{ GRAPH <{DOC1}> {{ ?s ?p ?o }} }}"
    subjects = {row[0].value for row in loaded.query(in_graph).rows}
    assert subjects and not any("/item/" in s or "/mention/" in s or "/adoption/" in s for s in subjects)
    assert DOC1 not in subjects
    assert any("/agency/" in s or "/post/" in s or "/place/" in s for s in subjects)
    # queries see the union: the item is found with its document all the same
    assert loaded.query(f"ASK {{ ?item <{DCT_PART_OF}> <{DOC1}> ; a <{PMKG}NewsItem> }}").boolean
    mine = {(str(q.subject), str(q.predicate), str(q.object)) for q in loaded.document_content(DOC1)}
    assert len(mine) == 60 and any("/item/" in s for s, _, _ in mine)


def test_removing_a_document_removes_its_own_nodes_and_its_graph_and_nothing_else(
        loaded: Store, small_quads: list[ox.Quad]) -> None:
    doc2 = graph_content(loaded, DOC2)
    before = loaded.stats()["quads"]
    loaded.remove_document(DOC1)
    assert loaded.document_content(DOC1) == []
    assert loaded.stats()["quads"] == before - 60
    assert graph_content(loaded, DOC2) == doc2
    load(loaded, [q for q in small_quads if q.graph_name.value == DOC1])
    assert loaded.stats()["quads"] == before


def test_a_store_written_before_the_layout_is_upgraded_in_place(store: Store, small_quads: list[ox.Quad]) -> None:
    for graph, part in by_graph(small_quads).items():  # every statement in its document's graph
        lines = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in part)
        store._update(f"INSERT DATA {{ GRAPH <{graph}> {{ {lines} }} }}", graph)
    old = {d: graph_content(store, d) for d in (DOC1, DOC2)}
    stats = store.stats()
    assert store.query(f"ASK {{ GRAPH <{DOC1}> {{ ?i <{DCT_PART_OF}> <{DOC1}> }} }}").boolean
    assert store.upgrade_layout() == 2
    assert store.upgrade_layout() == 0
    assert not store.query(f"ASK {{ GRAPH ?g {{ ?i <{DCT_PART_OF}> ?g }} }}").boolean
    assert {d: graph_content(store, d) for d in (DOC1, DOC2)} == old
    assert store.stats() == stats
    store.remove_document(DOC1)
    assert store.document_content(DOC1) == []


def test_the_n_quads_an_ingest_worker_writes_are_placed_as_layout_places_them(small_quads: list[ox.Quad]) -> None:
    from kg.store_base import layout, layout_nquads

    for graph, part in by_graph(small_quads).items():
        if graph == REFERENCE_GRAPH:
            continue
        doc = ox.NamedNode(graph)
        written = set(map(str, ox.parse(layout_nquads(doc, part), format=ox.RdfFormat.N_QUADS)))
        placed = layout(doc, part)
        assert written == set(map(str, placed))
        assert any(isinstance(q.graph_name, ox.DefaultGraph) for q in placed)
        assert any(q.graph_name == doc for q in placed)
    with pytest.raises(StoreError, match="belongs to graph"):
        layout_nquads(ox.NamedNode(DOC1), small_quads)
