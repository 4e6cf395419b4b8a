"""Materialised adoption aggregates in the store, kept current as documents come and go.

Whole-graph GROUP BYs are Oxigraph's weak spot (about a second at 3 M triples), so the
place × measure adoption table lives, precomputed, in its own named graph `AGGREGATES_GRAPH`:
one row per (place, measure) pair and one per measure, in the `agg:` vocabulary of `kg.tally`.

Keeping it current (`kg remove` after each document, ingest once per second's worth of
documents, through `Pending`):

    change(store, added=tallies_in_quads(new), removed=tallies_in_graph(store, old))

works from the document's own adoptions: counts move by the difference, first dates by MIN.
Only where a removed report may have been the earliest does it recompute, with one SPARQL query
scoped to those (place, measure) pairs (`refresh`) — reading one pair costs as much as the place
or measure has adoptions, so recomputing every touched pair would slow ingest as the store grows.
The rows it touches are rewritten in ONE SPARQL update (one transaction). `rebuild` recomputes
everything; `ensure` rebuilds when the graph is missing or was built by another version of this
module or from another reference graph.

The SPARQL it runs on whole graphs lives in kg/queries/aggregates/ (`$name` slots filled here).
The aggregates assume one writer at a time, as the embedded store's lock ensures.
"""
from __future__ import annotations

import functools
import logging
import string
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from kg.query import PREFIXES
from kg.tally import (AGG, ID, TALLY, Key, Pair, Tally, _least, _measure_triples, _pair_triples,
                      _parse_key, _tallies, _tally, key, measure_iri, pair_iri, tallies_in_quads)

log = logging.getLogger(__name__)

AGGREGATES_GRAPH = ID + "graph/aggregates"
REFERENCE_GRAPH = ID + "graph/reference"
#: the shape of the aggregates graph; bump it when the rows change so stores rebuild them
VERSION = "5"

_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in {**PREFIXES, "agg": AGG}.items())
_CHUNK = 400  # most pairs per VALUES block
SPARQL_DIR = Path(__file__).resolve().parent / "queries" / "aggregates"


# ---------------------------------------------------------------------------------------------
# What one document contributes
# ---------------------------------------------------------------------------------------------

def tallies_in_graph(store, doc_iri: str) -> dict[Pair, Tally]:
    """The (place, measure) tallies of the adoptions one stored document holds."""
    found = _select(store, """
        SELECT ?place ?measure ?a ?d ?prec ?g WHERE {
          ?i dct:isPartOf ?g . ?a prov:wasDerivedFrom ?i ; pmkg:place ?place ; pmkg:measure ?measure .
          FILTER EXISTS { ?a a pmkg:Adoption }
          OPTIONAL { ?a dct:date ?d } OPTIONAL { ?a pmkg:datePrecision ?prec }
        }""", {"g": ox.NamedNode(doc_iri)})
    return _tallies([tuple(_value(t) for t in row[:5]) for row in found.rows])


# ---------------------------------------------------------------------------------------------
# Changing the rows
# ---------------------------------------------------------------------------------------------

def change(store, added: Mapping[Pair, Tally] | None = None,
           removed: Mapping[Pair, Tally] | None = None) -> int:
    """Move the rows by what documents just written (`added`) and dropped (`removed`) held.

    Call it after the documents' own write. Returns the number of pairs touched.
    Raises:
        StoreError: the update failed (the rows stay as they were).
    """
    added, removed = dict(added or {}), dict(removed or {})
    pairs = sorted(set(added) | set(removed))
    if not pairs:
        return 0
    rows = _read(store, pairs)
    new: dict[Pair, Tally | None] = {}
    rescan: list[Pair] = []
    for pair in pairs:
        old = _tally(rows.get(pair_iri(pair)))
        plus, minus = added.get(pair, Tally(0)), removed.get(pair, Tally(0))
        count = (old.count if old else 0) + plus.count - minus.count
        if count < 0 or (minus.count and old is None) or (
                minus.first is not None and old is not None and old.first is not None and minus.first <= old.first):
            rescan.append(pair)  # the earliest report may be gone (or the rows were off): recount
        else:
            new[pair] = Tally(count, _least(old.first if old else None, plus.first)) if count else None
    new.update(_scan(store, rescan))
    _commit(store, rows, new)
    return len(pairs)


class Pending:
    """Tallies of documents already written, not yet counted in the rows.

    Ingest adds each document's tallies here and applies them all in one `change` when its
    writer flushes (about once a second): one read and one update for many documents instead of
    two per document. Between `begin` and `end` the rows count as stale anyway, so a kill before
    `flush` makes the next run rebuild them. Flush before anything that reads the rows (a
    removal), and at the end of the batch.
    """

    def __init__(self, store) -> None:
        self.store = store
        self.added: dict[Pair, Tally] = {}

    def add(self, tallies: Mapping[Pair, Tally]) -> None:
        for pair, t in tallies.items():
            old = self.added.get(pair)
            self.added[pair] = t if old is None else Tally(old.count + t.count, _least(old.first, t.first))

    def flush(self) -> int:
        """Apply what is pending; returns the number of pairs touched."""
        added, self.added = self.added, {}
        return change(self.store, added=added) if added else 0


def refresh(store, pairs: Iterable[Pair]) -> int:
    """Recompute these (place, measure) pairs, and their measures, from the document graphs.

    One SPARQL query scoped to the pairs reads them; one update writes the rows.
    Returns:
        the number of pairs refreshed.
    """
    pairs = sorted(set(pairs))
    if pairs:
        _commit(store, _read(store, pairs), _scan(store, pairs))
    return len(pairs)


def remove_document(store, doc_iri: str) -> int:
    """Drop a document's graph, then take its adoptions out of the rows.

    Returns:
        the number of (place, measure) pairs touched.
    """
    gone = tallies_in_graph(store, doc_iri)
    store.remove_document(doc_iri)
    return change(store, removed=gone)


def replaced(store, doc_iri: str, old: Iterable[ox.Quad], new: Iterable[ox.Quad]) -> int:
    """Follow a document graph rewritten in place (as `kg.curation.curate_store` does: pass
    `functools.partial(replaced, store)` as its `on_replace`)."""
    return change(store, added=tallies_in_quads(new), removed=tallies_in_quads(old))


def _read(store, pairs: list[Pair]) -> dict[str, dict[str, ox.NamedNode | ox.Literal]]:
    """The current rows of these pairs and of their measures: row IRI → predicate → value."""
    iris = [pair_iri(p) for p in pairs] + [measure_iri(m) for m in sorted({m for _, m in pairs})]
    rows: dict[str, dict] = {}
    for k in range(0, len(iris), _CHUNK):
        values = " ".join(f"<{i}>" for i in iris[k:k + _CHUNK])
        found = _select(store, f"SELECT ?t ?p ?o WHERE {{ VALUES ?t {{ {values} }} "
                            f"GRAPH <{AGGREGATES_GRAPH}> {{ ?t ?p ?o }} }}")
        for t, p, o in found.rows:
            if p.value == AGG + "firstAdopter":  # the one predicate with several values
                rows.setdefault(t.value, {}).setdefault(p.value, []).append(o)
            else:
                rows.setdefault(t.value, {})[p.value] = o
    return rows


def _scan(store, pairs: list[Pair]) -> dict[Pair, Tally | None]:
    """Count the pairs' adoptions afresh, from every document graph (None: there are none)."""
    out: dict[Pair, Tally | None] = dict.fromkeys(pairs)
    for k in range(0, len(pairs), _CHUNK):
        found = _select(store, _text("scan.rq", pairs=_values_pairs(pairs[k:k + _CHUNK])))
        for place, measure, n, min_key in found.rows:
            out[(place.value, measure.value)] = Tally(int(n.value), _parse_key(min_key))
    return out


def _commit(store, rows: dict[str, dict], new: Mapping[Pair, Tally | None]) -> None:
    """Rewrite the changed pair rows and their measures' rows in one update."""
    measures: dict[str, dict[Pair, Tally | None]] = {}
    for pair, tally in new.items():
        measures.setdefault(pair[1], {})[pair] = tally
    labels = _labels(store, rows, new)
    triples: list[str] = []
    dirty: list[str] = []
    for pair, tally in new.items():
        iri = pair_iri(pair)
        if tally == _tally(rows.get(iri)):
            continue
        dirty.append(iri)
        if tally is not None:
            triples += _pair_triples(iri, pair, tally, labels)
    for measure, changed in measures.items():
        iri = measure_iri(measure)
        summary = _measure_summary(store, rows, measure, changed)
        dirty.append(iri)
        if summary is not None:
            triples += _measure_triples(iri, measure, *summary, labels.get(measure))
    if not dirty:
        return
    text = (f"DELETE {{ GRAPH <{AGGREGATES_GRAPH}> {{ ?t ?p ?o }} }} WHERE {{ "
            f"VALUES ?t {{ {' '.join(f'<{i}>' for i in dirty)} }} GRAPH <{AGGREGATES_GRAPH}> {{ ?t ?p ?o }} }}")
    if triples:
        text += f" ;\nINSERT DATA {{ GRAPH <{AGGREGATES_GRAPH}> {{\n" + "\n".join(triples) + "\n} }"
    store._update(text, AGGREGATES_GRAPH)  # Store has no public update (yet)


def _measure_summary(store, rows: dict[str, dict], measure: str, changed: Mapping[Pair, Tally | None]
                     ) -> tuple[int, int, Key | None, set[str]] | None:
    """(adopting places, adoptions, first key, first adopters) of a measure after `changed`;
    None if no place adopts it any more."""
    row = rows.get(measure_iri(measure))
    old = {pair: _tally(rows.get(pair_iri(pair))) for pair in changed}
    lost = any(o is not None and o.first is not None and (t is None or t.first is None or t.first > o.first)
               for o, t in ((old[p], changed[p]) for p in changed))
    if (row is None and any(o is not None for o in old.values())) or (row is not None and lost):
        return _measure_scan(store, measure, changed)  # the earliest may be gone: look at all places
    places = sum(t is not None for t in changed.values()) - sum(o is not None for o in old.values())
    total = sum(t.count for t in changed.values() if t) - sum(o.count for o in old.values() if o)
    first, firsts = None, set()
    if row is not None:
        before = _tally(row)
        places += int(row[AGG + "adopterCount"].value)
        total += before.count
        first, firsts = before.first, {n.value for n in row.get(AGG + "firstAdopter", [])}
    for (place, _), tally in changed.items():
        if tally is not None and tally.first is not None:
            if first is None or tally.first < first:
                first, firsts = tally.first, {place}
            elif tally.first == first:
                firsts.add(place)
    return (places, total, first, firsts) if places > 0 else None


def _measure_scan(store, measure: str, changed: Mapping[Pair, Tally | None]) -> tuple | None:
    """A measure's summary from all its pair rows, with the changed pairs' new values."""
    found = _select(store, f"""
        SELECT ?t ?place ?n ?d ?prec ?m WHERE {{ GRAPH <{AGGREGATES_GRAPH}> {{
          ?t agg:ofMeasure ?m ; agg:ofPlace ?place ; agg:adoptionCount ?n .
          OPTIONAL {{ ?t agg:firstAdopted ?d }} OPTIONAL {{ ?t agg:firstPrecision ?prec }} }} }}""",
        {"m": ox.NamedNode(measure)})
    skip = {pair_iri(p) for p in changed}
    tallies = {place.value: Tally(int(n.value), key(_value(d), _value(p)))
               for t, place, n, d, p, _ in found.rows if t.value not in skip}
    tallies.update({place: t for (place, _), t in changed.items() if t is not None})
    if not tallies:
        return None
    first = _least(*(t.first for t in tallies.values()))
    firsts = {place for place, t in tallies.items() if first is not None and t.first == first}
    return len(tallies), sum(t.count for t in tallies.values()), first, firsts


def _labels(store, rows: dict[str, dict], new: Mapping[Pair, Tally | None]) -> dict[str, tuple]:
    """IRI → (label, adcode) for the places and measures of the rows to write: carried over from
    their current rows, else looked up (MIN(STR(rdfs:label)) over all graphs)."""
    out: dict[str, tuple] = {}
    for place, measure in new:
        row = rows.get(pair_iri((place, measure)), {})
        if AGG + "placeLabel" in row:
            out.setdefault(place, (row[AGG + "placeLabel"], row.get(AGG + "placeCode")))
        for source in (row, rows.get(measure_iri(measure), {})):
            if AGG + "measureLabel" in source:
                out.setdefault(measure, (source[AGG + "measureLabel"], None))
    missing = sorted({iri for pair in new for iri in pair} - set(out))
    for k in range(0, len(missing), _CHUNK):
        values = " ".join(f"<{i}>" for i in missing[k:k + _CHUNK])
        found = _select(store, f"""
            SELECT ?x ?label ?code WHERE {{
              VALUES ?x {{ {values} }}
              OPTIONAL {{ SELECT ?x (MIN(STR(?l)) AS ?label) WHERE {{
                  VALUES ?x {{ {values} }} GRAPH ?g {{ ?x rdfs:label ?l }} }} GROUP BY ?x }}
              OPTIONAL {{ GRAPH <{REFERENCE_GRAPH}> {{ ?x pmkg:adcode ?code }} }}
            }}""")
        for x, label, code in found.rows:
            out[x.value] = (label, code)
    return out


def _select(store, sparql: str, bindings: Mapping[str, ox.NamedNode] | None = None):
    """Run one of this module's own queries in this thread (no deadline thread per call: a
    document write makes three or four of them)."""
    return store._select(f"PREFIX agg: <{AGG}>\n" + sparql, bindings)


def _value(term: ox.NamedNode | ox.Literal | None) -> str | None:
    return None if term is None else term.value


@functools.cache
def _template(name: str) -> string.Template:
    return string.Template((SPARQL_DIR / name).read_text(encoding="utf-8"))


def _text(name: str, **slots: str) -> str:
    """One of this module's SPARQL files (kg/queries/aggregates/), its $slots filled."""
    return _template(name).substitute(graph=AGGREGATES_GRAPH, reference=REFERENCE_GRAPH, tally=TALLY,
                                      **slots)


# ---------------------------------------------------------------------------------------------
# Everything at once
# ---------------------------------------------------------------------------------------------

def rebuild(store) -> None:
    """Recompute the whole aggregates graph from the document graphs, in one transaction."""
    stamp = ox.Literal(_stamp(store))
    text = " ;\n".join([f"DROP SILENT GRAPH <{AGGREGATES_GRAPH}>",
                        _text("rebuild-pairs.ru", scan=_text("scan.rq", pairs="")),
                        _text("rebuild-measures.ru"), _text("rebuild-first-adopters.ru"),
                        f"INSERT DATA {{ GRAPH <{AGGREGATES_GRAPH}> {{ <{AGGREGATES_GRAPH}> "
                        f"agg:aggregatesVersion {stamp} }} }}"])
    store._update(_PROLOGUE + text, AGGREGATES_GRAPH)
    log.info("rebuilt %s", AGGREGATES_GRAPH)


def is_current(store) -> bool:
    """True if the store's aggregates were built by this version from its reference graph."""
    found = _select(store, f"SELECT ?v WHERE {{ GRAPH <{AGGREGATES_GRAPH}> "
                        f"{{ <{AGGREGATES_GRAPH}> <{AGG}aggregatesVersion> ?v }} }}")
    return [row[0].value for row in found.rows] == [_stamp(store)]


def ensure(store) -> bool:
    """Rebuild the aggregates unless they are current (see `is_current`); True if it rebuilt."""
    if is_current(store):
        return False
    rebuild(store)
    return True


def begin(store) -> None:
    """Mark the aggregates as being changed: until `end`, they count as not current, so a
    process killed between a document write and its aggregates update leaves a store whose next
    `ensure` rebuilds them (the document and its rows are two transactions)."""
    store._update(_PROLOGUE + f"DELETE WHERE {{ GRAPH <{AGGREGATES_GRAPH}> "
                  f"{{ <{AGGREGATES_GRAPH}> agg:aggregatesVersion ?v }} }}", AGGREGATES_GRAPH)


def end(store) -> None:
    """Mark the aggregates current again, once every change since `begin` has been applied."""
    stamp = ox.Literal(_stamp(store))
    store._update(_PROLOGUE + f"INSERT DATA {{ GRAPH <{AGGREGATES_GRAPH}> {{ <{AGGREGATES_GRAPH}> "
                  f"agg:aggregatesVersion {stamp} }} }}", AGGREGATES_GRAPH)


def _stamp(store) -> str:
    """This module's VERSION and the reference graph's hash (labels come from it)."""
    return f"{VERSION} {store.document_hash(REFERENCE_GRAPH) or '-'}"


def _values_pairs(pairs: list[Pair]) -> str:
    """A VALUES block binding (?place ?measure).

    >>> _values_pairs([("https://x.org/p", "https://x.org/m")])
    'VALUES (?place ?measure) { (<https://x.org/p> <https://x.org/m>) }'
    """
    rows = " ".join(f"({ox.NamedNode(p)} {ox.NamedNode(m)})" for p, m in pairs)
    return f"VALUES (?place ?measure) {{ {rows} }}"
