"""The rows of the materialised adoption aggregates, and the arithmetic of their tallies.

`kg.aggregates` keeps the place × measure adoption table in the store, in a small vocabulary of
its own (`agg:` = https://w3id.org/pmkg/aggregates#: a rebuildable cache, not part of the
ontology's contract):

    <tally/{sha1(place measure)}>  a agg:AdoptionTally ;
        agg:ofPlace <place> ; agg:ofMeasure <measure> ;
        agg:adoptionCount 3 ;                       # distinct pmkg:Adoption nodes
        agg:firstAdopted "2021-05-01"^^xsd:date ;   # earliest dct:date, when any is known
        agg:firstPrecision "day" ;                  # the precision of that earliest report
        agg:placeLabel "平顶山市" ; agg:placeCode "410400" ; agg:measureLabel "一网通办" .
    <tally/{sha1(measure)}>  a agg:MeasureTally ;
        agg:ofMeasure <measure> ; agg:measureLabel "一网通办" ;
        agg:adopterCount 12 ;                       # places with at least one adoption
        agg:adoptionCount 30 ;                      # adoptions over all places
        agg:firstAdopted "2019-03-01"^^xsd:date ; agg:firstPrecision "month" ;
        agg:firstAdopter <place> .                  # every place reported on that first date

Of same-day reports the most precise counts as the first. Labels are MIN(STR(rdfs:label)) over
all graphs, taken when a row is created.

Row IRIs are a hash of the place and measure IRIs, the same in Python and in SPARQL (SHA1).
Everything here is pure: a document's tallies from its quads, tallies added and compared, rows
read back into tallies and tallies written as N-Triples text; `kg.aggregates` talks to the store.
A change to the rows' shape needs `kg.aggregates.VERSION` bumped, so that stores rebuild them.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from kg.query import PREFIXES

ID = "https://w3id.org/pmkg/id/"
TALLY = ID + "tally/"
PMKG, XSD = PREFIXES["pmkg"], PREFIXES["xsd"]
#: the rows' own small vocabulary: a rebuildable cache, not part of the ontology's contract
AGG = "https://w3id.org/pmkg/aggregates#"
_RDF_TYPE = PREFIXES["rdf"] + "type"

Pair = tuple[str, str]  # (place IRI, measure IRI)
#: (date "YYYY-MM-DD", rank of its precision, precision): the least is the earliest, most precise
Key = tuple[str, str, str]
_RANK = {"day": "0", "month": "1", "year": "2"}


@dataclass(frozen=True, slots=True)
class Tally:
    """Adoptions of one (place, measure) pair: how many, and the earliest report's key."""

    count: int
    first: Key | None = None


def key(date: str | None, precision: str | None) -> Key | None:
    """The sort key of a report date.

    >>> key("2024-03-01", "month") < key("2024-03-01", None) < key("2024-03-02", "day")
    True
    """
    return None if date is None else (date, _RANK.get(precision or "", "3"), precision or "")


def _least(*keys: Key | None) -> Key | None:
    present = [k for k in keys if k is not None]
    return min(present) if present else None


def pair_iri(pair: Pair) -> str:
    """The IRI of a pair's row (SPARQL mints the same one in `kg.aggregates.rebuild`)."""
    return TALLY + hashlib.sha1(f"{pair[0]} {pair[1]}".encode("utf-8")).hexdigest()[:20]


def measure_iri(measure: str) -> str:
    return TALLY + hashlib.sha1(measure.encode("utf-8")).hexdigest()[:20]


# ---------------------------------------------------------------------------------------------
# What one document contributes
# ---------------------------------------------------------------------------------------------

def tallies_in_quads(quads: Iterable[ox.Quad | ox.Triple]) -> dict[Pair, Tally]:
    """The (place, measure) tallies of the pmkg:Adoption nodes among these quads."""
    facts: dict[str, dict[str, str]] = {}
    adoptions: set[str] = set()
    wanted = {PMKG + "place": "place", PMKG + "measure": "measure",
              PREFIXES["dct"] + "date": "date", PMKG + "datePrecision": "precision"}
    for q in quads:
        pred = q.predicate.value
        if pred == _RDF_TYPE and q.object.value == PMKG + "Adoption":
            adoptions.add(q.subject.value)
        elif pred in wanted:
            facts.setdefault(q.subject.value, {})[wanted[pred]] = q.object.value
    rows = [(f["place"], f["measure"], a, f.get("date"), f.get("precision"))
            for a in adoptions if "place" in (f := facts.get(a, {})) and "measure" in f]
    return _tallies(rows)


def _tallies(rows: Iterable[tuple]) -> dict[Pair, Tally]:
    """Tallies from (place, measure, adoption, date, precision) rows."""
    seen: dict[Pair, set[str]] = {}
    first: dict[Pair, Key | None] = {}
    for place, measure, adoption, date, precision in rows:
        pair = (place, measure)
        seen.setdefault(pair, set()).add(adoption)
        first[pair] = _least(first.get(pair), key(date, precision))
    return {pair: Tally(len(a), first[pair]) for pair, a in seen.items()}


# ---------------------------------------------------------------------------------------------
# Rows read back and written
# ---------------------------------------------------------------------------------------------

def _tally(row: Mapping[str, ox.Literal] | None) -> Tally | None:
    if not row or AGG + "adoptionCount" not in row:
        return None
    date, precision = row.get(AGG + "firstAdopted"), row.get(AGG + "firstPrecision")
    return Tally(int(row[AGG + "adoptionCount"].value),
                 key(date.value if date else None, precision.value if precision else None))


def _parse_key(term: ox.Literal | None) -> Key | None:
    """A key from its SPARQL text: date, rank digit, "|", precision."""
    if term is None or term.value == "~":
        return None
    head, _, precision = term.value.partition("|")
    return (head[:-1], head[-1], precision)


def _pair_triples(iri: str, pair: Pair, tally: Tally, labels: Mapping[str, tuple]) -> list[str]:
    place_label, code = labels.get(pair[0], (None, None))
    measure_label = labels.get(pair[1], (None, None))[0]
    body = [("a", f"<{AGG}AdoptionTally>"), (f"<{AGG}ofPlace>", f"<{pair[0]}>"),
            (f"<{AGG}ofMeasure>", f"<{pair[1]}>"), (f"<{AGG}adoptionCount>", _int(tally.count)),
            *_first(tally.first)]
    body += [(f"<{AGG}{name}>", str(ox.Literal(v.value))) for name, v in
             (("placeLabel", place_label), ("placeCode", code), ("measureLabel", measure_label))
             if v is not None]
    return [f"<{iri}> {p} {o} ." for p, o in body]


def _measure_triples(iri: str, measure: str, places: int, total: int, first: Key | None,
                     firsts: set[str], label: tuple | None) -> list[str]:
    body = [("a", f"<{AGG}MeasureTally>"), (f"<{AGG}ofMeasure>", f"<{measure}>"),
            (f"<{AGG}adopterCount>", _int(places)), (f"<{AGG}adoptionCount>", _int(total)),
            *_first(first), *((f"<{AGG}firstAdopter>", f"<{p}>") for p in sorted(firsts))]
    if label is not None and label[0] is not None:
        body.append((f"<{AGG}measureLabel>", str(ox.Literal(label[0].value))))
    return [f"<{iri}> {p} {o} ." for p, o in body]


def _first(first: Key | None) -> list[tuple[str, str]]:
    if first is None:
        return []
    out = [(f"<{AGG}firstAdopted>", str(ox.Literal(first[0], datatype=ox.NamedNode(XSD + "date"))))]
    if first[2]:
        out.append((f"<{AGG}firstPrecision>", str(ox.Literal(first[2]))))
    return out


def _int(n: int) -> str:
    return f'"{n}"^^<{XSD}integer>'
