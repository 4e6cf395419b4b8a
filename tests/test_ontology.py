"""ontology/: the OWL ontology declares every contract term, and the shapes and queries use no other."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg import ONTOLOGY_DIR
from kg.query import QUERY_DIR

PMKG = rdflib.Namespace("https://w3id.org/pmkg/ontology#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
SCHEMA = rdflib.Namespace("http://schema.org/")
ONTOLOGY = rdflib.URIRef("https://w3id.org/pmkg/ontology")

CONTRACT_CLASSES = ["SourceDocument", "Newsletter", "NewsItem", "Place", "Agency", "Official",
                    "Measure", "PolicyDocument", "Adoption"]
EXTRA_CLASSES = ["Mention", "CandidateMeasure", "MeasureCategory", "Observation"]
CONTRACT_PROPERTIES = ["sourceFile", "issueNumber", "section", "position", "text", "mentions",
                       "adcode", "level", "within", "locatedIn", "title", "jurisdiction", "issuedBy",
                       "place", "measure", "adopts"]
EXTRA_PROPERTIES = ["contentHash", "start", "end", "inItem", "surface", "refersTo", "confidence",
                    "documentNumber", "datePrecision", "stage", "evidence", "measureText", "value",
                    "unit", "fromValue"]


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "pmkg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def test_ontology_header(ontology: rdflib.Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    for prop in (OWL.versionInfo, OWL.versionIRI, DCTERMS.title, RDFS.comment):
        assert ontology.value(ONTOLOGY, prop) is not None, prop


@pytest.mark.parametrize("name", CONTRACT_CLASSES + EXTRA_CLASSES)
def test_classes_are_declared_and_labelled(ontology: rdflib.Graph, name: str) -> None:
    term = PMKG[name]
    assert (term, RDF.type, OWL.Class) in ontology
    assert {l.language for l in ontology.objects(term, RDFS.label)} >= {"en", "zh"}
    assert ontology.value(term, RDFS.comment) is not None


@pytest.mark.parametrize("name", CONTRACT_PROPERTIES + EXTRA_PROPERTIES)
def test_properties_are_declared_and_labelled(ontology: rdflib.Graph, name: str) -> None:
    term = PMKG[name]
    kinds = set(ontology.objects(term, RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
    assert {l.language for l in ontology.objects(term, RDFS.label)} >= {"en", "zh"}
    assert ontology.value(term, RDFS.comment) is not None


@pytest.mark.parametrize(("sub", "sup"), [
    (PMKG.Agency, ORG.Organization), (PMKG.Official, SCHEMA.Person), (PMKG.Place, SCHEMA.AdministrativeArea),
    (PMKG.Measure, SKOS.Concept), (PMKG.Newsletter, PMKG.SourceDocument), (PMKG.SourceDocument, PROV.Entity),
    (PMKG.SourceDocument, SCHEMA.CreativeWork), (PMKG.NewsItem, SCHEMA.NewsArticle),
    (PMKG.Adoption, PROV.Entity), (PMKG.CandidateMeasure, PMKG.Measure), (PMKG.MeasureCategory, SKOS.Concept),
])
def test_reused_vocabularies(ontology: rdflib.Graph, sub: rdflib.URIRef, sup: rdflib.URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in ontology


def test_reused_properties(ontology: rdflib.Graph) -> None:
    assert (PMKG.within, RDFS.subPropertyOf, SCHEMA.containedInPlace) in ontology
    assert (PMKG.mentions, RDFS.subPropertyOf, SCHEMA.mentions) in ontology


def _pmkg_terms(text: str) -> set[str]:
    full = re.findall(r"https://w3id\.org/pmkg/ontology#(\w+)", text)
    short = re.findall(r"\bpmkg:(\w+)", text)
    return set(full) | set(short)


def test_shapes_queries_and_fixture_use_only_declared_terms(ontology: rdflib.Graph,
                                                            small_quads: list[ox.Quad]) -> None:
    declared = {str(t).removeprefix(str(PMKG)) for t in ontology.subjects() if str(t).startswith(str(PMKG))}
    texts = {"shapes.ttl": (ONTOLOGY_DIR / "shapes.ttl").read_text(encoding="utf-8")}
    texts |= {p.name: p.read_text(encoding="utf-8") for p in Path(QUERY_DIR).glob("*.rq")}
    texts["small_quads"] = "\n".join(str(q) for q in small_quads)
    for name, text in texts.items():
        assert _pmkg_terms(text) <= declared, (name, _pmkg_terms(text) - declared)


def test_shapes_are_valid_shacl(shapes: rdflib.Graph) -> None:
    import pyshacl

    conforms, _, text = pyshacl.validate(rdflib.Graph(), shacl_graph=shapes, meta_shacl=True, advanced=True)
    assert conforms, text


def test_every_contract_class_has_a_shape(shapes: rdflib.Graph) -> None:
    targeted = set(shapes.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#targetClass")))
    assert {PMKG[c] for c in CONTRACT_CLASSES} | {ORG.Post, PMKG.Mention} <= targeted
