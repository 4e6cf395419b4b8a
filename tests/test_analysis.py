"""kg.network and kg.diffusion: projections, centrality, communities and diffusion on hand-built
rows with known answers; kg.analysis: the store readers and their named queries on the
two-document fixture graph."""
from __future__ import annotations

import doctest
from collections.abc import Iterator
from datetime import date

import networkx as nx
import pyoxigraph as ox
import pytest

from kg import aggregates
from kg import analysis as A
from kg import diffusion as D
from kg import network as N
from kg.query import run_named
from kg.store import REFERENCE_GRAPH, Store, open_store

# --- hand-built rows ------------------------------------------------------------------------------
# 河南 (H, province) ⊃ 郑州 (Z), 平顶山 (P); 平顶山 ⊃ 叶县 (Y), 郏县 (J).
# Measure a: H 2024-01-01 (year), Z 2024-01-10 (day; reported twice), P 2024-02-01 (month),
#            Y 2024-03-05 (day), J undated.  Measure b: P 2023-06-01, Y 2024-03-05.  Measure c: Y 2025.
H, Z, P, Y, J = "河南省", "郑州市", "平顶山市", "叶县", "郏县"
TREE = {H: {"parent": None, "level": "province", "label": H},
        Z: {"parent": H, "level": "prefecture", "label": Z},
        P: {"parent": H, "level": "prefecture", "label": P},
        Y: {"parent": P, "level": "county", "label": Y},
        J: {"parent": P, "level": "county", "label": J}}


def row(place: str, measure: str, day: date | None, precision: str | None = "day") -> dict:
    return {"place": place, "placeLabel": place, "measure": measure, "measureLabel": measure.upper(),
            "date": day, "precision": precision if day else None}


ROWS = [
    row(H, "a", date(2024, 1, 1), "year"),
    row(Z, "a", date(2024, 2, 20)),
    row(Z, "a", date(2024, 1, 10)),
    row(P, "a", date(2024, 2, 1), "month"),
    row(Y, "a", date(2024, 3, 5)),
    row(J, "a", None),
    row(P, "b", date(2023, 6, 1)),
    row(Y, "b", date(2024, 3, 5)),
    row(Y, "c", date(2025, 7, 1)),
]


@pytest.mark.parametrize("module", [A, N, D, "kg.exporters.tables", "kg.exporters.tabular", "kg.exporters.neo4j"])
def test_doctests(module) -> None:
    import importlib

    mod = importlib.import_module(module) if isinstance(module, str) else module
    result = doctest.testmod(mod)
    assert result.failed == 0 and result.attempted > 0


def test_earliest_keeps_the_first_report_of_each_pair() -> None:
    firsts = {(r["place"], r["measure"]): r["date"] for r in A.earliest(ROWS)}
    assert len(firsts) == 8
    assert firsts[(Z, "a")] == date(2024, 1, 10)
    assert firsts[(J, "a")] is None


def test_adoption_order_ranks_ties_together() -> None:
    order = D.adoption_order(ROWS, "a")
    assert [(r["rank"], r["place"]) for r in order] == [(1, H), (2, Z), (3, P), (4, Y)]
    tied = D.adoption_order(ROWS + [row(J, "b", date(2023, 6, 1))], "b")
    assert [(r["rank"], r["place"]) for r in tied] == [(1, P), (1, J), (3, Y)]  # ties by IRI
    assert D.first_adopters(ROWS + [row(J, "b", date(2023, 6, 1))], "b") == [P, J]
    assert D.first_adopters(ROWS, "nothing") == []


def test_same_day_reports_prefer_the_most_precise_date() -> None:
    rows = [row(Z, "x", date(2024, 1, 1), "year"), row(Z, "x", date(2024, 1, 1), "day")]
    assert D.adoption_order(rows, "x")[0]["precision"] == "day"


def test_adoption_curve_is_cumulative() -> None:
    assert D.adoption_curve(ROWS, "a") == [
        (date(2024, 1, 1), 1), (date(2024, 1, 10), 2), (date(2024, 2, 1), 3), (date(2024, 3, 5), 4)]
    assert D.adoption_curve(ROWS, "b") == [(date(2023, 6, 1), 1), (date(2024, 3, 5), 2)]


def test_diffusion_summary() -> None:
    summary = {r["measure"]: r for r in D.diffusion_summary(ROWS)}
    assert summary["a"]["adopters"] == 5 and summary["a"]["dated"] == 4
    assert summary["a"]["firstAdopters"] == [H]
    assert summary["a"]["spanDays"] == (date(2024, 3, 5) - date(2024, 1, 1)).days
    assert [r["measure"] for r in D.diffusion_summary(ROWS)] == ["a", "b", "c"]


def test_lags_behind_parent_province_and_neighbours() -> None:
    lags = {(r["place"], r["measure"]): r for r in D.lags(ROWS, TREE)}
    y = lags[(Y, "a")]
    assert (y["parent"], y["lagParent"]) == (P, 33)          # 2024-02-01 → 2024-03-05
    assert (y["province"], y["lagProvince"]) == (H, 64)      # 2024-01-01 → 2024-03-05 (leap year)
    assert (y["firstNeighbour"], y["lagNeighbours"]) == (None, None)  # 郏县 has no date
    z = lags[(Z, "a")]
    assert (z["lagParent"], z["lagProvince"]) == (9, 9)
    assert (z["firstNeighbour"], z["lagNeighbours"]) == (P, -22)  # 郑州 led 平顶山 by 22 days
    h = lags[(H, "a")]
    assert (h["parent"], h["province"], h["lagProvince"]) == (None, None, None)
    assert lags[(Y, "b")]["lagParent"] == (date(2024, 3, 5) - date(2023, 6, 1)).days
    assert (J, "a") not in lags


def test_keep_precision_drops_coarse_dates() -> None:
    kept = D.keep_precision(ROWS, ("day",))
    assert {r["place"] for r in kept if r["measure"] == "a"} == {Z, Y}


def test_place_year_panel() -> None:
    panel = D.place_year_panel(ROWS)
    years = sorted({r["year"] for r in panel})
    assert years == [2023, 2024, 2025]
    assert len(panel) == 4 * 3 * 3  # dated places × dated measures × years
    cell = {(r["place"], r["measure"], r["year"]): r for r in panel}
    assert [cell[(P, "a", y)]["adopted"] for y in years] == [0, 1, 1]
    assert cell[(P, "a", 2023)]["firstYear"] == 2024
    assert cell[(Z, "c", 2025)] == {"place": Z, "placeLabel": Z, "measure": "c", "measureLabel": "C",
                                    "year": 2025, "adopted": 0, "firstYear": None}
    risk = D.place_year_panel(ROWS, risk_set=True)
    assert [r["year"] for r in risk if (r["place"], r["measure"]) == (P, "b")] == [2023]
    assert [r["year"] for r in risk if (r["place"], r["measure"]) == (Z, "b")] == years
    assert sum(r["adopted"] for r in risk) == 7  # one event per dated first adoption
    assert {r["year"] for r in D.place_year_panel(ROWS, years=[2030])} == {2030}


def test_bipartite_graph() -> None:
    graph = N.bipartite_graph(ROWS)
    assert graph.number_of_nodes() == 5 + 3 and graph.number_of_edges() == 8
    assert nx.is_bipartite(graph)
    assert {n for n, d in graph.nodes(data=True) if d["bipartite"] == 1} == {"a", "b", "c"}
    assert graph.edges[Z, "a"]["date"] == date(2024, 1, 10)


def test_place_similarity_is_jaccard_over_shared_measures() -> None:
    rows = [row(P, "a", None), row(P, "b", None), row(Z, "a", None), row(Y, "b", None), row(Y, "c", None)]
    graph = N.place_similarity(rows, threshold=0.0)
    assert graph.edges[P, Z]["weight"] == 0.5 and graph.edges[P, Z]["shared"] == 1
    assert graph.edges[P, Y]["weight"] == pytest.approx(1 / 3)
    assert not graph.has_edge(Z, Y)  # no measure in common: never compared
    assert set(N.place_similarity(rows, threshold=0.4).edges) == {(P, Z)}
    top = N.place_similarity(rows, threshold=0.0, top_k=1)
    assert {frozenset(e) for e in top.edges} == {frozenset((P, Z)), frozenset((P, Y))}


def test_co_adoption_counts_places() -> None:
    graph = N.co_adoption_graph(ROWS)
    assert graph.edges["a", "b"]["weight"] == 2  # 平顶山 and 叶县
    assert graph.edges["b", "c"]["weight"] == 1 and graph.edges["a", "c"]["weight"] == 1
    assert set(N.co_adoption_graph(ROWS, min_places=2).edges) == {("a", "b")}


def test_attention_graph_drops_self_loops() -> None:
    rows = [{"source": P, "target": P, "items": 3}, {"source": P, "target": Z, "items": 2},
            {"source": Z, "target": P, "items": 1}]
    graph = N.attention_graph(rows)
    assert set(graph.edges) == {(P, Z), (Z, P)} and graph.edges[P, Z]["weight"] == 2
    assert N.attention_graph(rows, self_loops=True).has_edge(P, P)


def test_centrality_on_a_star() -> None:
    star = nx.star_graph(4)
    rows = N.centrality(star)
    assert rows[0]["node"] == 0 and rows[0]["degree"] == 1.0 and rows[0]["betweenness"] == 1.0
    assert rows[0]["eigenvector"] > rows[1]["eigenvector"] > 0
    chain = N.centrality(nx.DiGraph([(1, 2), (2, 3)]))  # acyclic: eigenvector undefined
    assert {r["eigenvector"] for r in chain} == {None}
    assert {r["node"]: r["betweenness"] for r in chain}[2] == 0.5
    assert N.centrality(nx.Graph()) == []


def test_communities_of_two_cliques() -> None:
    graph = nx.union(nx.complete_graph(["a1", "a2", "a3", "a4"]), nx.complete_graph(["b1", "b2", "b3"]))
    graph.add_edge("a1", "b1")
    assert N.communities(graph) == [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3"]]
    assert N.communities(graph) == N.communities(graph)  # fixed seed: the same answer each time
    directed = nx.DiGraph(graph)
    assert N.communities(directed) == [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3"]]


def test_cascade_links_earlier_to_later_related_adopters() -> None:
    graph = D.cascade(ROWS, "a", TREE)
    assert graph.edges[H, Y] == {"via": "hierarchy", "lag": 64}
    assert graph.edges[Z, P]["via"] == "neighbour" and graph.edges[Z, P]["lag"] == 22
    assert graph.edges[P, Y]["via"] == "hierarchy"
    assert not graph.has_edge(Z, Y)  # 郑州 is neither 叶县's ancestor nor its neighbour
    watched = nx.DiGraph([(Y, Z)])   # 叶县's bulletins report on 郑州
    assert D.cascade(ROWS, "a", TREE, watched).edges[Z, Y]["via"] == "attention"


def test_entity_graph_keeps_plain_attributes_and_a_timeline() -> None:
    nodes = [{"node": P, "kind": "place", "label": P, "lat": None},
             {"node": "a", "kind": "measure", "label": "A"}]
    edges = [{"source": P, "relation": "ADOPTS", "target": "a", "weight": 2,
              "date": date(2024, 2, 1), "precision": "month"},
             {"source": P, "relation": "WITHIN", "target": H, "weight": 1}]
    graph = N.entity_graph(nodes, edges, timeline=True)
    assert graph.number_of_edges() == 1  # 河南省 is not a node: that edge is counted and dropped
    data = graph.edges[P, "a", "ADOPTS"]
    assert data["date"] == data["start"] == "2024-02-01" and "lat" not in graph.nodes[P]
    assert graph.nodes["a"]["start"] == "2024-02-01"


def test_to_frame() -> None:
    pd = pytest.importorskip("pandas")
    frame = A.to_frame(D.place_year_panel(ROWS))
    assert isinstance(frame, pd.DataFrame) and len(frame) == 36


# --- the readers and their named queries on the fixture graph ---------------------------------------

ID = "https://w3id.org/pmkg/id/"
PDS, ZZ, YX, HN = ID + "place/410400", ID + "place/410100", ID + "place/410422", ID + "place/410000"
YWTB, GZCN = ID + "measure/yiwangtongban", ID + "measure/gaozhi-chengnuo"


@pytest.fixture()
def store(small_quads: list[ox.Quad]) -> Iterator[Store]:
    s = open_store(":memory:")
    graphs: dict[str, list[ox.Quad]] = {}
    for q in small_quads:
        graphs.setdefault(q.graph_name.value, []).append(q)
    for graph, quads in graphs.items():
        s.put_reference(quads) if graph == REFERENCE_GRAPH else s.replace_document(graph, quads)
    aggregates.rebuild(s)  # as ingest keeps them: the panel reads them
    yield s
    s.close()


EXPECTED = {
    "first-adoptions": [
        (ZZ, "郑州市", "410100", GZCN, "告知承诺制", date(2024, 3, 1), "month", 1),
        (PDS, "平顶山市", "410400", YWTB, "一网通办", date(2024, 3, 10), "day", 1),
        (ZZ, "郑州市", "410100", YWTB, "一网通办", date(2024, 4, 1), "day", 1),
        (YX, "叶县", "410422", GZCN, "告知承诺制", date(2024, 4, 2), "day", 1)],
    "attention-network": [
        (PDS, "平顶山市", PDS, "平顶山市", 1, 1),
        (ZZ, "郑州市", YX, "叶县", 1, 1),
        (ZZ, "郑州市", ZZ, "郑州市", 1, 1)],
    "place-hierarchy": [
        (HN, "河南省", "410000", "province", None),
        (ZZ, "郑州市", "410100", "prefecture", HN),
        (PDS, "平顶山市", "410400", "prefecture", HN),
        (YX, "叶县", "410422", "county", PDS)],
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_named_query_answers(store: Store, name: str) -> None:
    assert run_named(store, name).values() == EXPECTED[name]


def test_adoption_events(store: Store) -> None:
    rows = run_named(store, "adoption-events").records()
    assert [(r["placeLabel"], r["measureLabel"], r["date"], r["precision"], r["stage"]) for r in rows] == [
        ("郑州市", "告知承诺制", date(2024, 3, 1), "month", "extended"),
        ("平顶山市", "一网通办", date(2024, 3, 10), "day", "launched"),
        ("郑州市", "一网通办", date(2024, 4, 1), "day", "launched"),
        ("叶县", "告知承诺制", date(2024, 4, 2), "day", "launched")]
    first = rows[1]
    assert (first["surface"], first["sourceFile"], first["issued"], first["category"]) == (
        "一网通办", "pds-2024-05.txt", date(2024, 3, 15), "审批服务")
    assert first["publisher"] == "平顶山市优化营商环境工作领导小组办公室"


def test_entity_queries(store: Store) -> None:
    nodes, edges = A.entity_rows(store)
    kinds = sorted(r["kind"] for r in nodes)
    assert kinds == (["agency"] * 2 + ["category"] + ["measure"] * 3 + ["official"] * 2 + ["place"] * 4
                     + ["policy_document"] + ["source_document"] * 2)
    relations = sorted(r["relation"] for r in edges)
    assert relations == (["ADOPTS"] * 4 + ["BROADER"] * 3 + ["HOLDS_POST"] * 2 + ["ISSUED_BY"]
                         + ["LOCATED_IN"] * 2 + ["MENTIONS"] * 12 + ["PUBLISHED_BY"] * 2 + ["WITHIN"] * 3)
    by_id = {r["node"]: r for r in nodes}
    assert by_id[ID + "measure/nadi-jikaigong"]["confidence"] is not None
    assert by_id[YWTB]["altLabels"] == "一网通" and by_id[PDS]["adcode"] == "410400"
    adopts = {(r["source"], r["target"]): (r["date"], r["precision"])
              for r in edges if r["relation"] == "ADOPTS"}
    assert adopts[(ZZ, GZCN)] == (date(2024, 3, 1), "month")
    graph = N.entity_graph(nodes, edges)
    assert graph.number_of_nodes() == 15 and graph.number_of_edges() == 29


def test_readers(store: Store) -> None:
    rows = A.adoption_rows(store)
    assert {(r["place"], r["measure"], r["date"]) for r in rows} == {
        (ZZ, GZCN, date(2024, 3, 1)), (PDS, YWTB, date(2024, 3, 10)),
        (ZZ, YWTB, date(2024, 4, 1)), (YX, GZCN, date(2024, 4, 2))}
    tree = A.place_tree(store)
    assert D.province_of(YX, tree) == HN and D.ancestors(YX, tree) == [PDS, HN]
    assert [r["place"] for r in D.adoption_order(rows, YWTB)] == [PDS, ZZ]
    lag = {(r["place"], r["measure"]): r for r in D.lags(rows, tree)}
    assert lag[(YX, GZCN)]["lagNeighbours"] is None and lag[(YX, GZCN)]["lagParent"] is None
    assert lag[(ZZ, YWTB)]["firstNeighbour"] == PDS and lag[(ZZ, YWTB)]["lagNeighbours"] == 22
    attention = N.attention_graph(A.attention_rows(store))
    assert set(attention.edges) == {(ZZ, YX)}


def test_sparql_panel_of_a_measure(store: Store) -> None:
    # places with a dated adoption of anything × the years of first adoptions, for one measure
    assert run_named(store, "place-year-panel", {"measure": "告知承诺制"}).values() == [
        ("告知承诺制", GZCN, "告知承诺制", YX, "叶县", 2024, 1, 2024),
        ("告知承诺制", GZCN, "告知承诺制", PDS, "平顶山市", 2024, 0, None),
        ("告知承诺制", GZCN, "告知承诺制", ZZ, "郑州市", 2024, 1, 2024)]


@pytest.mark.parametrize("measure", [YWTB, GZCN])
def test_python_panel_matches_the_sparql_panel(store: Store, measure: str) -> None:
    sparql = {tuple(r) for r in run_named(store, "place-year-panel", {"measure": measure}).values()}
    python = {(measure, r["measure"], r["measureLabel"], r["place"], r["placeLabel"], r["year"], r["adopted"],
               r["firstYear"]) for r in D.place_year_panel(A.adoption_rows(store)) if r["measure"] == measure}
    assert python and python == sparql
