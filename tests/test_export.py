"""kg.export: every RDF format is written and reads back with the expected number of triples."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import StoreError
from kg.export import FORMATS, export, format_for_suffix, register, write_quads
from kg.store import Store

UNION_TRIPLES = 192  # distinct triples over all graphs of the fixture
QUADS = 196
GRAPHS = 3


@pytest.fixture()
def store(small_store: Store) -> Store:
    """The small graph in memory and on a real Oxigraph server (tests/conftest.py)."""
    return small_store


@pytest.mark.parametrize(("fmt", "rdflib_format"), [
    ("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_triple_formats_hold_the_union(store: Store, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    path = export(store, tmp_path / f"graph{FORMATS[fmt][0]}")
    graph = rdflib.Graph().parse(path, format=rdflib_format)
    assert len(graph) == UNION_TRIPLES


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nq", "nquads"), ("trig", "trig")])
def test_quad_formats_keep_the_named_graphs(store: Store, tmp_path: Path, fmt: str,
                                            rdflib_format: str) -> None:
    path = export(store, tmp_path / f"graph{FORMATS[fmt][0]}")
    data = rdflib.Dataset().parse(path, format=rdflib_format)
    graphs = {g.identifier: len(g) for g in data.graphs() if len(g)}
    # the two documents' graphs, the reference graph, and the default graph with the documents'
    # own nodes (kg.store_base.layout)
    assert len(graphs) == GRAPHS + 1 and graphs[rdflib.graph.DATASET_DEFAULT_GRAPH_ID] > 0
    assert sum(graphs.values()) == QUADS


def test_turtle_and_jsonld_use_the_pmkg_prefixes(store: Store, tmp_path: Path) -> None:
    turtle = export(store, tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert "@prefix pmkg: <https://w3id.org/pmkg/ontology#>" in turtle
    jsonld = export(store, tmp_path / "g.jsonld").read_text(encoding="utf-8")
    assert '"pmkg": "https://w3id.org/pmkg/ontology#"' in jsonld
    assert "平顶山市" in jsonld  # written as UTF-8, not escaped


def test_explicit_format_overrides_the_suffix(store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path / "sub" / "graph.out", "nt")
    assert len(rdflib.Graph().parse(path, format="nt")) == UNION_TRIPLES


def test_format_for_suffix() -> None:
    assert [format_for_suffix(f"g.{s}") for s in ("ttl", "NT", "nq", "trig", "jsonld", "json")] == [
        "ttl", "nt", "nq", "trig", "jsonld", "jsonld"]
    with pytest.raises(StoreError, match="no exporter"):
        format_for_suffix("g.docx")


def test_unknown_format_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        export(store, tmp_path / "g.ttl", "no-such-format")


def test_others_can_register_a_format(store: Store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(FORMATS, "csv", FORMATS["nt"])  # undone after the test
    register("csv", "csv", lambda s, p: p.write_text(str(s.stats()["documents"]), encoding="utf-8"))
    assert format_for_suffix("x.csv") == "csv"
    assert export(store, tmp_path / "x.csv").read_text(encoding="utf-8") == "2"


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld"])
def test_write_quads_without_a_store(small_quads: list[ox.Quad], tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    assert write_quads(small_quads, path) == path
    if FORMATS[format_for_suffix(path)][0] in {".nq", ".trig"}:
        data = rdflib.Dataset().parse(path, format={".nq": "nquads", ".trig": "trig"}[suffix])
        assert sum(len(g) for g in data.graphs()) == QUADS
    else:
        fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}[suffix]
        assert len(rdflib.Graph().parse(path, format=fmt)) == UNION_TRIPLES
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no partial file left behind


def test_a_failed_export_leaves_the_old_file(store: Store, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "g.ttl"
    path.write_text("old", encoding="utf-8")

    def fail(s: Store, p: Path) -> None:
        p.write_text("half", encoding="utf-8")
        raise StoreError("disk full")

    monkeypatch.setitem(FORMATS, "ttl", (".ttl", fail))
    with pytest.raises(StoreError, match="disk full"):
        export(store, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]
