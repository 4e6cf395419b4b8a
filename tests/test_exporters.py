"""kg.exporters: every format written from a store and re-read by the library its users use.

Expected counts come from SPARQL written here, independently of the exporters' own queries, on
two stores: the bundled example bulletin run through the pipeline, and the hand-written fixture.
"""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.export import FORMATS, export, format_for_suffix
from kg.exporters import register_all
from kg.exporters.tables import TABLES, bundle
from kg.store import REFERENCE_GRAPH, Store, open_store

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "pingdingshan-2022-42.txt"
REF = f"<{REFERENCE_GRAPH}>"


@pytest.fixture(autouse=True, scope="module")
def registered() -> Iterator[None]:
    """The formats registered for these tests only (kg.export may or may not register them)."""
    before = dict(FORMATS)
    register_all()
    yield
    FORMATS.clear()
    FORMATS.update(before)

# --- independent counts ----------------------------------------------------------------------------

_USED_PLACE = """{ ?i a pmkg:NewsItem ; pmkg:mentions ?u } UNION { ?a a pmkg:Adoption ; pmkg:place ?u }
  UNION { ?x pmkg:jurisdiction|pmkg:locatedIn|pmkg:homePlace|pmkg:issuedBy ?u }
  ?u a pmkg:Place ; pmkg:within* ?x0 ."""
_USED_MEASURE = "{ ?i pmkg:mentions ?m } UNION { ?a a pmkg:Adoption ; pmkg:measure ?m } ?m a pmkg:Measure ."

NODE_COUNTS = {
    "place": f"SELECT DISTINCT ?x0 WHERE {{ {_USED_PLACE} }}",
    "measure": f"SELECT DISTINCT ?m WHERE {{ {_USED_MEASURE} }}",
    "category": f"SELECT DISTINCT ?c WHERE {{ {_USED_MEASURE} ?m skos:broader ?c }}",
    "agency": "SELECT DISTINCT ?x WHERE { ?x a pmkg:Agency }",
    "official": "SELECT DISTINCT ?x WHERE { ?x a pmkg:Official }",
    "policy_document": "SELECT DISTINCT ?x WHERE { ?x a pmkg:PolicyDocument }",
    "source_document": "SELECT DISTINCT ?x WHERE { ?x a pmkg:SourceDocument }",
}
EDGE_COUNTS = {
    "ADOPTS": "SELECT DISTINCT ?p ?m WHERE { ?a a pmkg:Adoption ; pmkg:place ?p ; pmkg:measure ?m }",
    "MENTIONS": "SELECT DISTINCT ?d ?e WHERE { ?i a pmkg:NewsItem ; dct:isPartOf ?d ; pmkg:mentions ?e }",
    "PUBLISHED_BY": "SELECT DISTINCT ?d ?a WHERE { ?d a pmkg:SourceDocument ; dct:publisher ?a }",
    "HOME_PLACE": "SELECT DISTINCT ?d ?p WHERE { ?d a pmkg:SourceDocument ; pmkg:homePlace ?p }",
    "LOCATED_IN": "SELECT DISTINCT ?a ?p WHERE { ?a a pmkg:Agency ; pmkg:locatedIn ?p }",
    "HOLDS_POST": "SELECT DISTINCT ?o ?t WHERE { ?o org:holds ?post . "
                  "{ ?post pmkg:jurisdiction ?t } UNION { ?post org:postIn ?t } }",
    "ISSUED_BY": "SELECT DISTINCT ?d ?t WHERE { ?d pmkg:issuedBy ?t }",
    "BROADER": f"SELECT DISTINCT ?m ?c WHERE {{ {_USED_MEASURE} ?m skos:broader ?c }}",
    "WITHIN": f"SELECT DISTINCT ?x0 ?up WHERE {{ {_USED_PLACE} ?x0 pmkg:within ?up }}",
}
DATED_ADOPTS = ("SELECT DISTINCT ?p ?m WHERE { ?a a pmkg:Adoption ; pmkg:place ?p ; pmkg:measure ?m ;"
                " dct:date ?d }")
ADOPTIONS = "SELECT DISTINCT ?a WHERE { ?a a pmkg:Adoption }"


def count(store: Store, select: str) -> int:
    from kg.query import with_prefixes

    return len(store.query(with_prefixes(select)).rows)


@pytest.fixture(scope="module")
def example_store() -> Iterator[Store]:
    from kg.pipeline import ingest

    store = open_store(":memory:")
    steps = list(ingest([EXAMPLE], store))
    assert [s.status for s in steps] == ["ingested"]
    yield store
    store.close()


@pytest.fixture(params=["example", "fixture"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "example":
        yield request.getfixturevalue("example_store")
        return
    s = open_store(":memory:")
    graphs: dict[str, list[ox.Quad]] = {}
    for q in request.getfixturevalue("small_quads"):
        graphs.setdefault(q.graph_name.value, []).append(q)
    for graph, quads in graphs.items():
        s.put_reference(quads) if graph == REFERENCE_GRAPH else s.replace_document(graph, quads)
    yield s
    s.close()


@pytest.fixture()
def expected(store: Store) -> dict:
    nodes = {kind: count(store, q) for kind, q in NODE_COUNTS.items()}
    edges = {rel: count(store, q) for rel, q in EDGE_COUNTS.items()}
    assert nodes["place"] and nodes["measure"] and edges["ADOPTS"]  # the store is not empty
    return {"nodes": nodes, "edges": edges, "dated": count(store, DATED_ADOPTS),
            "adoptions": count(store, ADOPTIONS)}


def test_formats_are_registered() -> None:
    assert {"graphml", "gexf", "neo4j", "csv", "xlsx"} <= set(FORMATS)
    assert [format_for_suffix(f"g.{s}") for s in ("graphml", "gexf", "xlsx", "zip")] == [
        "graphml", "gexf", "xlsx", "csv"]


# --- graphml, gexf --------------------------------------------------------------------------------

def test_graphml_reads_back_in_networkx(store: Store, expected: dict, tmp_path: Path) -> None:
    graph = nx.read_graphml(export(store, tmp_path / "g.graphml"), force_multigraph=True)
    assert Counter(k for _, k in graph.nodes(data="kind")) == +Counter(expected["nodes"])
    assert Counter(r for *_, r in graph.edges(data="relation")) == +Counter(expected["edges"])
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert "平顶山市" in labels
    places = [d for _, d in graph.nodes(data=True) if d["kind"] == "place"]
    assert all(len(d["adcode"]) == 6 for d in places)


def test_gexf_has_a_timeline_of_adoptions(store: Store, expected: dict, tmp_path: Path) -> None:
    path = export(store, tmp_path / "g.gexf")
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == sum(expected["nodes"].values())
    assert graph.number_of_edges() == sum(expected["edges"].values())
    adopts = [d for *_, d in graph.edges(data=True) if d["relation"] == "ADOPTS"]
    assert len(adopts) == expected["edges"]["ADOPTS"]
    assert sum("start" in d for d in adopts) == expected["dated"]
    assert all(d["start"] == d["date"] for d in adopts if "start" in d)
    root = ET.parse(path).getroot()
    element = root.find("{http://www.gexf.net/1.2draft}graph")
    assert (element.get("mode"), element.get("timeformat")) == ("dynamic", "date")


# --- neo4j ----------------------------------------------------------------------------------------

def _read_bundle(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in path.iterdir()}
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("name", ["neo4j.zip", "neo4j"])
def test_neo4j_import_files(store: Store, expected: dict, tmp_path: Path, name: str) -> None:
    files = _read_bundle(export(store, tmp_path / name, "neo4j"))
    tables = {n: list(csv.reader(io.StringIO(data.decode("utf-8")))) for n, data in files.items()
              if n.endswith(".csv")}
    ids, labels, types = set(), Counter(), Counter()
    for n, (header, *rows) in tables.items():
        if n.startswith("nodes_"):
            assert header[:3] == ["id:ID", ":LABEL", "label"]
            ids |= {r[0] for r in rows}
            labels.update(r[1].split(";")[1] for r in rows)
        else:
            assert n.startswith("relationships_") and header[:3] == [":START_ID", ":END_ID", ":TYPE"]
            types.update(r[2] for r in rows)
    ends = {e for n, (_, *rows) in tables.items() if n.startswith("rel") for r in rows for e in r[:2]}
    assert ends <= ids
    kinds = {"place": "Place", "measure": "Measure", "category": "Category", "agency": "Agency",
             "official": "Official", "policy_document": "PolicyDocument", "source_document": "SourceDocument"}
    assert labels == +Counter({kinds[k]: n for k, n in expected["nodes"].items()})
    assert types == +Counter(expected["edges"])
    script = files["load.cypher"].decode("utf-8")
    assert all(f"'file:///{n}'" in script for n in tables)
    assert not files[next(iter(tables))].startswith(b"\xef\xbb\xbf")  # neo4j-admin wants no BOM


# --- csv, xlsx ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["tables.zip", "tables"])
def test_csv_tables_read_back_with_utf8_sig(store: Store, expected: dict, tmp_path: Path, name: str) -> None:
    files = _read_bundle(export(store, tmp_path / name, "csv"))
    assert set(files) == {"adoptions.csv", "entities.csv", "relations.csv", "data_dictionary.csv"}
    assert all(data.startswith(b"\xef\xbb\xbf") for data in files.values())
    read = {n: list(csv.DictReader(io.StringIO(d.decode("utf-8-sig")))) for n, d in files.items()}
    adoptions = read["adoptions.csv"]
    assert len(adoptions) == expected["adoptions"]
    assert list(adoptions[0]) == [c for c, *_ in TABLES["adoptions"]]
    assert len(read["entities.csv"]) == sum(expected["nodes"].values())
    assert len(read["relations.csv"]) == sum(expected["edges"].values())
    assert len(read["data_dictionary.csv"]) == sum(len(cols) for cols in TABLES.values())
    assert "平顶山市" in {r["place_label"] for r in adoptions}
    for r in adoptions:
        assert r["source_file"] and r["evidence_sentence"].count("【") == 1, r
        assert r["date"] == "" or date.fromisoformat(r["date"])


def test_xlsx_sheets(store: Store, expected: dict, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(export(store, tmp_path / "tables.xlsx"))
    assert book.sheetnames == ["adoptions", "entities", "relations", "data dictionary"]
    sizes = {name: book[name].max_row - 1 for name in book.sheetnames}
    assert sizes == {"adoptions": expected["adoptions"], "entities": sum(expected["nodes"].values()),
                     "relations": sum(expected["edges"].values()),
                     "data dictionary": sum(len(cols) for cols in TABLES.values())}
    sheet = book["adoptions"]
    header = [c.value for c in sheet[1]]
    assert header == [c for c, *_ in TABLES["adoptions"]]
    rows = [dict(zip(header, (c.value for c in r))) for r in sheet.iter_rows(min_row=2)]
    assert "平顶山市" in {r["place_label"] for r in rows}
    assert all(isinstance(r["date"], datetime) for r in rows if r["date"] is not None)
    assert any(r["date"] is not None for r in rows)
    assert all("【" in r["evidence_sentence"] for r in rows)


# --- bundles --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["out.zip", "out"])
def test_a_failed_bundle_leaves_nothing(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    with pytest.raises(RuntimeError), bundle(target) as put:
        put("a.csv", b"x")
        raise RuntimeError("stop")
    assert not target.exists()
