"""Check a graph against the SHACL shapes of the graph contract (ontology/shapes.ttl).

Validation runs on the union of all graphs (a place's label may sit in the reference graph while
the adoption that points at it sits in a document graph), with the ontology mixed in so `sh:class`
sees subclass links, and without RDFS inference: the contract asks for classes to be asserted
directly, and inference "none" validates a 20k-triple graph in about a second where "rdfs" takes
several times longer. Non-conformance is reported, never raised.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import rdflib
from rdflib.namespace import RDF, SH

from kg import ONTOLOGY_DIR
from kg.errors import ValidationError
from kg.store import Store

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_FILE = ONTOLOGY_DIR / "pmkg.ttl"


class Finding(NamedTuple):
    """One SHACL result: the node that failed, the property path, and what is wrong."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of a validation: `conforms` is False only for violations, not warnings."""

    conforms: bool
    results: tuple[Finding, ...]
    text: str

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.results if f.severity == "Violation")

    def focus_nodes(self) -> set[str]:
        """IRIs of every node with a violation."""
        return {f.focus for f in self.violations}


@lru_cache(maxsize=1)
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES_FILE, format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


def validate_graph(data: rdflib.Dataset | rdflib.Graph, inference: str = "none") -> Report:
    """Validate a graph or a dataset (as the union of its graphs) against the pmkg shapes."""
    import pyshacl  # imported late: it is slow to import and only validation needs it

    conforms, results_graph, text = pyshacl.validate(
        _union(data), shacl_graph=_shapes(), ont_graph=_ontology(), inference=inference,
        advanced=True, allow_warnings=True, abort_on_first=False)
    return Report(bool(conforms), _findings(results_graph), str(text))


def validate_file(path: str | os.PathLike[str]) -> Report:
    """Validate an RDF file (any format rdflib reads; quads formats as the union of graphs).

    Raises:
        ValidationError: the file cannot be read or parsed.
    """
    path = Path(path)
    data = rdflib.Dataset()
    try:
        data.parse(path, format=rdflib.util.guess_format(str(path)) or "turtle")
    except (OSError, ValueError, SyntaxError, rdflib.exceptions.ParserError) as e:
        raise ValidationError(f"{path}: cannot read graph to validate: {e}") from e
    return validate_graph(data)


def validate_store(store: Store) -> Report:
    """Validate everything in a store (the union of its graphs)."""
    graph = rdflib.Graph()
    for t in store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", timeout_s=600).triples:
        graph.add((_term(t.subject), _term(t.predicate), _term(t.object)))
    return validate_graph(graph)


def _union(data: rdflib.Dataset | rdflib.Graph) -> rdflib.Graph:
    if not isinstance(data, rdflib.Dataset):
        return data
    union = rdflib.Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _term(term: object) -> rdflib.term.Node:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise ValidationError(f"cannot validate RDF-star term {term}")


def _findings(results: rdflib.Graph) -> tuple[Finding, ...]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        found.append(Finding(
            focus=str(results.value(result, SH.focusNode)),
            path=_path_text(results, results.value(result, SH.resultPath)),
            message=str(results.value(result, SH.resultMessage) or ""),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation"))
    return tuple(sorted(found))


def _path_text(results: rdflib.Graph, path: rdflib.term.Node | None) -> str:
    if path is None:
        return ""
    return str(path)  # a full IRI; a blank node stands for a complex path
