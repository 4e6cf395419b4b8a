"""kg.validate: the SHACL shapes accept the contract's shape and name the nodes that break it."""
from __future__ import annotations


import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import ValidationError
from kg.store import REFERENCE_GRAPH, open_store
from kg.validate import Report, validate_file, validate_graph, validate_store

ID = "https://w3id.org/pmkg/id/"
PMKG = rdflib.Namespace("https://w3id.org/pmkg/ontology#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
ITEM1 = rdflib.URIRef(ID + "item/714570ef48909b4a-1")
YX = rdflib.URIRef(ID + "place/410422")


def to_dataset(quads: list[ox.Quad]) -> rdflib.Dataset:
    data = rdflib.Dataset()
    data.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    return data


def union(quads: list[ox.Quad]) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def test_the_fixture_conforms(small_quads: list[ox.Quad]) -> None:
    report = validate_graph(to_dataset(small_quads))
    assert isinstance(report, Report)
    assert report.conforms, report.text
    assert report.violations == ()


def test_missing_adcode_and_position_zero_are_named(small_quads: list[ox.Quad]) -> None:
    graph = union(small_quads)
    graph.remove((YX, PMKG.adcode, None))
    graph.set((ITEM1, PMKG.position, rdflib.Literal(0)))
    report = validate_graph(graph)
    assert not report.conforms
    assert report.focus_nodes() == {str(YX), str(ITEM1)}
    paths = {(f.focus, f.path) for f in report.violations}
    assert (str(YX), str(PMKG.adcode)) in paths
    assert (str(ITEM1), str(PMKG.position)) in paths
    assert "adcode" in report.text


@pytest.mark.parametrize(("change", "focus"), [
    # an adcode that is not 6 digits
    (lambda g: g.set((YX, PMKG.adcode, rdflib.Literal("4104"))), ID + "place/410422"),
    # a county without its parent
    (lambda g: g.remove((YX, PMKG.within, None)), ID + "place/410422"),
    # an adoption whose place lacks the shortcut triple
    (lambda g: g.remove((YX, PMKG.adopts, None)), ID + "adoption/410422-gaozhi-chengnuo-05bad28ca313fa75"),
    # a mention that ends before it starts
    (lambda g: g.set((rdflib.URIRef(ID + "mention/714570ef48909b4a-46-50-place"), PMKG.end,
                      rdflib.Literal(10))), ID + "mention/714570ef48909b4a-46-50-place"),
    # a post with neither jurisdiction nor organisation
    # an official without a post
    (lambda g: g.remove((rdflib.URIRef(ID + "official/li-na"), ORG.holds, None)), ID + "official/li-na"),
    # an issue number that is text
    (lambda g: g.set((rdflib.URIRef(ID + "doc/714570ef48909b4a"), PMKG.issueNumber, rdflib.Literal("五"))),
     ID + "doc/714570ef48909b4a"),
    # a latitude outside China
    (lambda g: g.set((YX, rdflib.URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat"),
                      rdflib.Literal("-33.9", datatype=rdflib.XSD.decimal))), ID + "place/410422"),
])
def test_each_rule_names_its_focus_node(small_quads: list[ox.Quad], change, focus: str) -> None:
    graph = union(small_quads)
    change(graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert report.focus_nodes() == {focus}, report.text


def test_a_post_without_its_place_is_only_a_warning(small_quads: list[ox.Quad]) -> None:
    graph = union(small_quads)
    graph.remove((rdflib.URIRef(ID + "post/410400-shizhang"), PMKG.jurisdiction, None))
    report = validate_graph(graph)
    assert report.conforms
    assert ID + "post/410400-shizhang" in report.focus_nodes() or ID + "post/410400-shizhang" in report.text


def test_a_missing_section_is_only_a_warning(small_quads: list[ox.Quad]) -> None:
    graph = union(small_quads)
    graph.remove((ITEM1, PMKG.section, None))
    report = validate_graph(graph)
    assert report.conforms
    assert [(f.focus, f.severity) for f in report.results] == [(str(ITEM1), "Warning")]


def test_validate_store_and_file(small_quads: list[ox.Quad], tmp_path) -> None:
    with open_store(":memory:") as store:
        graphs: dict[str, list[ox.Quad]] = {}
        for q in small_quads:
            graphs.setdefault(q.graph_name.value, []).append(q)
        for graph, quads in graphs.items():
            (store.put_reference if graph == REFERENCE_GRAPH else
             lambda qs, g=graph: store.replace_document(g, qs))(quads)
        assert validate_store(store).conforms
        store.dump(tmp_path / "graph.trig", "trig")
    assert validate_file(tmp_path / "graph.trig").conforms


def test_validate_file_that_is_not_rdf(tmp_path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ValidationError, match="graph.ttl"):
        validate_file(path)


def test_twenty_thousand_triples_of_many_documents_validate(small_quads: list[ox.Quad]) -> None:
    base = union(small_quads)
    minted = ("/doc/", "/item/", "/mention/", "/adoption/", "/official/", "/post/", "/observation/")

    def copy(term: rdflib.term.Node, k: int) -> rdflib.term.Node:
        if isinstance(term, rdflib.URIRef) and any(m in term for m in minted):
            return rdflib.URIRef(f"{term}-{k}")
        return term

    big = rdflib.Graph()
    for k in range(170):
        for s, p, o in base:
            big.add((copy(s, k), p, copy(o, k)))
    assert len(big) > 20_000
    assert validate_graph(big).conforms  # its speed is a benchmark's business, not a test's
