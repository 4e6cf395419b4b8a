"""SPARQL results in the protocol's media types, and choosing one from an Accept header.

    negotiate(accept, RESULT_TYPES) → media type;  results_body(result, media) → bytes
    negotiate(accept, tuple(GRAPH_TYPES)) → media type;  graph_body(result, media) → bytes

SELECT/ASK: application/sparql-results+json, +xml, text/csv, text/tab-separated-values
(https://www.w3.org/TR/sparql11-results-json/ and friends). CONSTRUCT/DESCRIBE: Turtle,
N-Triples, JSON-LD, RDF/XML, written by pyoxigraph.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.query import PREFIXES, QueryResult
from kg.sparql import Term

JSON, XML = "application/sparql-results+json", "application/sparql-results+xml"
CSV, TSV = "text/csv", "text/tab-separated-values"
TURTLE, NTRIPLES = "text/turtle", "application/n-triples"
JSONLD, RDFXML = "application/ld+json", "application/rdf+xml"

#: media types offered for SELECT/ASK, preferred first
RESULT_TYPES = (JSON, XML, CSV, TSV)
#: media types offered for CONSTRUCT/DESCRIBE, preferred first, with their pyoxigraph format
GRAPH_TYPES = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES,
               JSONLD: ox.RdfFormat.JSON_LD, RDFXML: ox.RdfFormat.RDF_XML}
#: what clients also say for the same thing
_ALIASES = {"application/json": JSON, "application/xml": XML, "text/xml": XML,
            "text/plain": NTRIPLES, "application/x-turtle": TURTLE, "application/trig": TURTLE}
#: `format=` / `output=` shorthands in the URL
SHORT_NAMES = {"json": JSON, "xml": XML, "csv": CSV, "tsv": TSV, "ttl": TURTLE, "turtle": TURTLE,
          "nt": NTRIPLES, "ntriples": NTRIPLES, "jsonld": JSONLD, "json-ld": JSONLD, "rdfxml": RDFXML}


# ---------------------------------------------------------------------------------------------
# Content negotiation
# ---------------------------------------------------------------------------------------------

def negotiate(accept: str | None, offered: tuple[str, ...]) -> str | None:
    """The offered media type the Accept header prefers (ties go to the server's order).

    Each offered type takes the q of the most specific range that matches it (RFC 9110).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    'application/sparql-results+xml'
    >>> negotiate("*/*;q=0.1, text/csv", RESULT_TYPES)
    'text/csv'
    >>> negotiate("image/png", RESULT_TYPES) is None
    True
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        kind, _, params = part.strip().partition(";")
        kind = kind.strip().lower()
        m = re.search(r"\bq\s*=\s*([0-9.]+)", params)
        try:
            q = float(m.group(1)) if m else 1.0
        except ValueError:
            q = 0.0
        ranges.append((_ALIASES.get(kind, kind), q))
    best: tuple[float, int] | None = None
    choice = None
    for rank, media in enumerate(offered):
        fits = [(_specificity(kind), q) for kind, q in ranges if _matches(kind, media)]
        if not fits:
            continue
        q = max(fits)[1]
        if q > 0 and (best is None or (q, -rank) > best):
            best, choice = (q, -rank), media
    return choice


def _specificity(pattern: str) -> int:
    return 0 if pattern in {"*/*", "*"} else 1 if pattern.endswith("/*") else 2


def _matches(pattern: str, media: str) -> bool:
    if pattern in {"*/*", "*"}:
        return True
    if pattern.endswith("/*"):
        return media.startswith(pattern[:-1])
    return pattern == media


# ---------------------------------------------------------------------------------------------
# SPARQL results formats (https://www.w3.org/TR/sparql11-results-json/ and friends)
# ---------------------------------------------------------------------------------------------

def results_body(result: QueryResult, media: str) -> bytes:
    """A SELECT or ASK result in one of RESULT_TYPES."""
    writer: Callable[[QueryResult], str] = {JSON: _json, XML: _xml, CSV: _csv, TSV: _tsv}[media]
    return writer(result).encode("utf-8")


def graph_body(result: QueryResult, media: str) -> bytes:
    """A CONSTRUCT or DESCRIBE result in one of GRAPH_TYPES."""
    fmt = GRAPH_TYPES[media]
    prefixes = dict(PREFIXES) if fmt in {ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML} else None
    return ox.serialize(result.triples, format=fmt, prefixes=prefixes) if prefixes else \
        ox.serialize(result.triples, format=fmt)


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _json(result: QueryResult) -> str:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [{v: _json_term(t) for v, t in zip(result.vars, row) if t is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return ("<triple>" + "".join(f"<{k}>{_xml_term(getattr(term, k))}</{k}>"
                                 for k in ("subject", "predicate", "object")) + "</triple>")


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.vars]
    out.append("</head>")
    if result.boolean is not None:
        out.append(f"<boolean>{str(result.boolean).lower()}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(result.vars, row) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out)


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.boolean is not None:  # not defined by the spec; Oxigraph's server writes this
        return str(result.boolean).lower()
    writer.writerow(result.vars)
    writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return out.getvalue()


def _tsv(result: QueryResult) -> str:
    if result.boolean is not None:
        return str(result.boolean).lower()
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    # pyoxigraph prints terms in N-Triples syntax, which is what TSV results use
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"
