"""kg.aggregates (with kg.tally): the materialised tallies equal a from-scratch GROUP BY after every change."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import aggregates, tally
from kg.cli import main
from kg.pipeline import Summary, ingest
from kg.query import run_named
from kg.store import REFERENCE_GRAPH, Store, open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingdingshan-2022-42.txt"
GOLDEN = sorted((ROOT / "tests" / "data").glob("*.txt"))
ID = "https://w3id.org/pmkg/id/"
PMKG = "https://w3id.org/pmkg/ontology#"
PDS, ZZ, YX = ID + "place/410400", ID + "place/410100", ID + "place/410422"
YWTB, GZCN = ID + "measure/yiwangtongban", ID + "measure/gaozhi-chengnuo"
DOC1, DOC2 = ID + "doc/714570ef48909b4a", ID + "doc/05bad28ca313fa75"


def from_scratch(store: Store) -> dict[tuple[str, str], tuple]:
    """(place, measure) → (reports, first date, precision, place label, adcode), by GROUP BY."""
    rows = run_named(store, "first-adoptions").records()
    return {(r["place"], r["measure"]): (r["reports"], r["firstDate"], r["precision"] or None,
                                         r["placeLabel"], r["adcode"]) for r in rows}


def materialised(store: Store) -> dict[tuple[str, str], tuple]:
    rows = run_named(store, "agg-place-measure").records()
    table = {(r["place"], r["measure"]): (r["reports"], r["firstReported"], r["precision"],
                                          r["placeLabel"], r["adcode"]) for r in rows}
    assert len(table) == len(rows), "one row per (place, measure)"
    return table


def measures_from_scratch(store: Store) -> dict[str, tuple]:
    """measure → (adopting places, reports, first date, first adopters' labels)."""
    out: dict[str, tuple] = {}
    for (place, measure), (reports, first, _, label, _) in from_scratch(store).items():
        places, total, earliest, firsts = out.get(measure, (0, 0, None, set()))
        if first is not None and (earliest is None or first < earliest):
            earliest, firsts = first, set()
        if first is not None and first == earliest:
            firsts = firsts | {label}
        out[measure] = (places + 1, total + reports, earliest, firsts)
    return out


def materialised_measures(store: Store) -> dict[str, tuple]:
    rows = run_named(store, "agg-first-adoptions").records()
    return {r["measure"]: (r["places"], r["reports"], r["firstAdopted"],
                           set(r["firstPlaces"].split("、")) if r["firstPlaces"] else set())
            for r in rows}


def assert_current(store: Store) -> None:
    assert materialised(store) == from_scratch(store)
    assert materialised_measures(store) == measures_from_scratch(store)
    assert aggregates.is_current(store)


def graph_of(store: Store) -> set[tuple[str, str, str]]:
    found = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{aggregates.AGGREGATES_GRAPH}> {{ ?s ?p ?o }} }}")
    return {tuple(str(t) for t in row) for row in found.rows}


def assert_same_as_rebuilt(store: Store) -> None:
    """The rows kept up by `change` are, triple for triple, what `rebuild` writes."""
    kept = graph_of(store)
    aggregates.rebuild(store)
    assert graph_of(store) == kept


def tally_rows(store: Store) -> int:
    found = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{aggregates.AGGREGATES_GRAPH}> "
                        f"{{ ?t <{tally.AGG}adoptionCount> ?c }} }}")
    return found.values()[0][0]


def _load(store: Store, quads: list[ox.Quad]) -> dict[str, list[ox.Quad]]:
    graphs: dict[str, list[ox.Quad]] = {}
    for q in quads:
        graphs.setdefault(q.graph_name.value, []).append(q)
    store.put_reference(graphs.pop(REFERENCE_GRAPH))
    return graphs


def _ingested(store: Store, quads: list[ox.Quad]) -> dict[str, list[ox.Quad]]:
    """`_load`, then each document written and counted as ingest does, one at a time."""
    docs = _load(store, quads)
    aggregates.ensure(store)
    for graph, doc in docs.items():
        store.replace_document(graph, doc)
        aggregates.change(store, added=tally.tallies_in_quads(doc))
    return docs


@pytest.fixture(params=["memory", pytest.param("remote", marks=pytest.mark.server)])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "memory":
        s = open_store(":memory:")
    else:
        s = open_store(request.getfixturevalue("oxigraph_server"))
        s.clear()
    yield s
    s.close()


# --- on the two-document fixture (embedded and a real Oxigraph server) ---------------------------

def test_rebuild_equals_the_group_by(store: Store, small_quads: list[ox.Quad]) -> None:
    for graph, quads in _load(store, small_quads).items():
        store.replace_document(graph, quads)
    assert not aggregates.is_current(store)
    assert aggregates.ensure(store) is True
    assert aggregates.ensure(store) is False
    assert_current(store)
    assert materialised(store) == {
        (ZZ, YWTB): (1, date(2024, 4, 1), "day", "郑州市", "410100"),
        (ZZ, GZCN): (1, date(2024, 3, 1), "month", "郑州市", "410100"),
        (PDS, YWTB): (1, date(2024, 3, 10), "day", "平顶山市", "410400"),
        (YX, GZCN): (1, date(2024, 4, 2), "day", "叶县", "410422")}
    assert materialised_measures(store) == {
        YWTB: (2, 2, date(2024, 3, 10), {"平顶山市"}), GZCN: (2, 2, date(2024, 3, 1), {"郑州市"})}


def test_refresh_follows_documents_in_and_out(store: Store, small_quads: list[ox.Quad]) -> None:
    docs = _load(store, small_quads)
    aggregates.ensure(store)
    assert tally_rows(store) == 0
    for graph in (DOC1, DOC2):
        store.replace_document(graph, docs[graph])
        assert aggregates.change(store, added=tally.tallies_in_quads(docs[graph])) > 0
        assert_current(store)
        assert_same_as_rebuilt(store)
    assert aggregates.tallies_in_graph(store, DOC2) == tally.tallies_in_quads(docs[DOC2]) == {
        (ZZ, YWTB): tally.Tally(1, ("2024-04-01", "0", "day")),
        (ZZ, GZCN): tally.Tally(1, ("2024-03-01", "1", "month")),
        (YX, GZCN): tally.Tally(1, ("2024-04-02", "0", "day"))}

    # a new version of DOC2 without 叶县's adoption and with 郑州's 一网通办 a year earlier
    def edit(q: ox.Quad) -> ox.Quad | None:
        if "410422-gaozhi" in q.subject.value:
            return None
        if q.object == ox.Literal("2024-04-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")):
            return ox.Quad(q.subject, q.predicate, ox.Literal("2023-04-01", datatype=q.object.datatype), q.graph_name)
        return q
    new = [e for q in docs[DOC2] if (e := edit(q)) is not None]
    gone = aggregates.tallies_in_graph(store, DOC2)
    store.replace_document(DOC2, new)
    aggregates.change(store, added=tally.tallies_in_quads(new), removed=gone)
    assert_current(store)
    assert_same_as_rebuilt(store)
    assert (YX, GZCN) not in materialised(store)
    assert materialised(store)[(ZZ, YWTB)][1] == date(2023, 4, 1)
    assert materialised_measures(store)[YWTB] == (2, 2, date(2023, 4, 1), {"郑州市"})

    assert aggregates.remove_document(store, DOC1) == 1
    assert_current(store)
    assert_same_as_rebuilt(store)
    assert aggregates.remove_document(store, DOC2) == 2
    assert tally_rows(store) == 0
    assert aggregates.is_current(store)


def test_refresh_recounts_pairs_from_the_documents(store: Store, small_quads: list[ox.Quad]) -> None:
    docs = _load(store, small_quads)
    aggregates.ensure(store)
    assert aggregates.refresh(store, [(PDS, ID + "measure/none")]) == 1
    assert aggregates.refresh(store, []) == 0
    assert tally_rows(store) == 0
    for graph, quads in docs.items():  # written behind the aggregates' back …
        store.replace_document(graph, quads)
    # … so the rows are off until the touched pairs are recounted
    assert aggregates.refresh(store, [(ZZ, YWTB), (PDS, YWTB)]) == 2
    assert materialised_measures(store)[YWTB] == (2, 2, date(2024, 3, 10), {"平顶山市"})
    assert GZCN not in materialised_measures(store)
    assert aggregates.refresh(store, [(ZZ, GZCN), (YX, GZCN)]) == 2
    assert_current(store)
    assert_same_as_rebuilt(store)


# --- through the pipeline and the CLI ------------------------------------------------------------

def test_ingest_replace_and_kg_remove_keep_the_tallies(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    files = [Path(shutil.copy(p, src / p.name)) for p in [EXAMPLE, *GOLDEN]]
    location = tmp_path / "store"
    with open_store(location) as store:
        summary = Summary()
        list(ingest(files, store, summary))
        assert summary.count("ingested") == len(files)
        assert_current(store)
        assert_same_as_rebuilt(store)
        before = materialised(store)
        # a shorter version of the example: its later items, and their adoptions, are gone
        text = EXAMPLE.read_text(encoding="utf-8")
        files[0].write_text(text[: len(text) // 2], encoding="utf-8")
        summary = Summary()
        list(ingest(files, store, summary))
        assert (summary.count("ingested"), summary.count("unchanged")) == (1, len(files) - 1)
        assert store.stats()["documents"] == len(files)
        assert_current(store)
        assert_same_as_rebuilt(store)
        assert materialised(store) != before
    result = CliRunner().invoke(main, ["remove", files[0].name, "--store", str(location)])
    assert result.exit_code == 0, result.output
    with open_store(location) as store:
        assert store.stats()["documents"] == len(files) - 1
        assert_current(store)
        assert_same_as_rebuilt(store)


def test_an_undated_report_counts_but_does_not_hide_the_dated_one(store: Store, small_quads: list[ox.Quad]) -> None:
    _ingested(store, small_quads)
    doc3, adoption, item = ID + "doc/3", ox.NamedNode(ID + "adoption/undated"), ox.NamedNode(ID + "item/3-1")
    quads = [ox.Quad(adoption, ox.NamedNode(p), o, ox.NamedNode(doc3)) for p, o in [
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(PMKG + "Adoption")),
        (PMKG + "place", ox.NamedNode(PDS)), (PMKG + "measure", ox.NamedNode(YWTB)),
        ("http://www.w3.org/ns/prov#wasDerivedFrom", item)]]
    quads.append(ox.Quad(item, ox.NamedNode("http://purl.org/dc/terms/isPartOf"), ox.NamedNode(doc3),
                         ox.NamedNode(doc3)))
    store.replace_document(doc3, quads)
    aggregates.change(store, added=tally.tallies_in_quads(quads))
    assert materialised(store)[(PDS, YWTB)] == (2, date(2024, 3, 10), "day", "平顶山市", "410400")
    assert materialised_measures(store)[YWTB] == (2, 3, date(2024, 3, 10), {"平顶山市"})
    assert_same_as_rebuilt(store)
    aggregates.remove_document(store, DOC1)  # the dated report goes: the pair stays, undated
    assert materialised(store)[(PDS, YWTB)] == (1, None, None, "平顶山市", "410400")
    assert materialised_measures(store)[YWTB] == (2, 2, date(2024, 4, 1), {"郑州市"})
    assert_same_as_rebuilt(store)


def test_replaced_follows_a_document_rewritten_in_place(store: Store, small_quads: list[ox.Quad]) -> None:
    docs = _ingested(store, small_quads)
    # a curator decides that 郑州's 一网通办 was really 免申即享
    mianshen = ID + "measure/mianshen-jixiang"
    new = [ox.Quad(q.subject, q.predicate, ox.NamedNode(mianshen), q.graph_name)
           if q.object == ox.NamedNode(YWTB) and q.predicate == ox.NamedNode(PMKG + "measure") else q
           for q in docs[DOC2]]
    store.replace_document(DOC2, new)
    aggregates.replaced(store, DOC2, docs[DOC2], new)
    assert (ZZ, mianshen) in materialised(store) and (ZZ, YWTB) not in materialised(store)
    assert_current(store)
    assert_same_as_rebuilt(store)
