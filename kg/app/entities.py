"""What the entity pages show: facts, adopters, officials, similar places, evidence sentences.

Evidence is the sentence of a news item around a mention's span (`pmkg:textStart`/`textEnd`
inside the item's `pmkg:text`), cut by `kg.explain.sentence_around`, so the app and `kg explain`
mark the same words.
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kg.app.data import frame, iris, run, table
from kg.explain import MARK_CLOSE, MARK_OPEN, sentence_around
from kg.query import PREFIXES

PMKG = PREFIXES["pmkg"]
ORG = PREFIXES["org"]

# ---------------------------------------------------------------------------------------------
# Names and facts
# ---------------------------------------------------------------------------------------------

def names_of(store: Any, nodes: Iterable[str]) -> dict[str, str]:
    """IRI → label or title for these nodes only (one query with a VALUES block)."""
    wanted = iris(nodes)
    if not wanted:
        return {}
    rows = run(store, "app-node-labels", values={"node": wanted}).rows
    return {r[0].value: r[1].value for r in rows}


def short(iri: str) -> str:
    """A property IRI as a prefixed name.

    >>> short("http://www.w3.org/2004/02/skos/core#altLabel")
    'skos:altLabel'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def facts_table(store: Any, nodes: Iterable[str], properties: Iterable[str] = ()) -> pd.DataFrame:
    """entity, property, value for these nodes (optionally only these properties); one pattern."""
    values: dict[str, list[str]] = {"entity": iris(nodes)}
    if props := list(properties):
        values["property"] = props
    if not values["entity"]:
        return pd.DataFrame(columns=["entity", "property", "value"])
    return frame(run(store, "app-entity-facts", values=values))


def backlinks(store: Any, nodes: Iterable[str], properties: Iterable[str]) -> pd.DataFrame:
    """entity, property, subject: the nodes that point at these nodes through these properties."""
    wanted = iris(nodes)
    if not wanted:
        return pd.DataFrame(columns=["entity", "property", "subject"])
    return frame(run(store, "app-entity-backlinks", values={"entity": wanted, "property": list(properties)}))


def posts(store: Any, post_iris: Iterable[str]) -> pd.DataFrame:
    """Posts with their title, jurisdiction, agency and holder(s), all labelled.

    Built from single-pattern lookups: a post stated in many documents would otherwise multiply
    its rows once per document and per property.
    """
    post_iris = iris(post_iris)
    f = facts_table(store, post_iris, [PMKG + "title", PMKG + "jurisdiction", ORG + "postIn"])
    holders = backlinks(store, post_iris, [ORG + "holds"])
    rows = []
    for post in post_iris:
        mine = f[f["entity"] == post]
        value = lambda prop: next(iter(mine[mine["property"] == prop]["value"]), None)  # noqa: E731
        for official in holders[holders["entity"] == post]["subject"]:
            rows.append((post, official, value(PMKG + "title"), value(PMKG + "jurisdiction"),
                         value(ORG + "postIn")))
    df = pd.DataFrame(rows, columns=["post", "official", "title", "place", "agency"])
    names = names_of(store, [*df["official"], *df["place"].dropna(), *df["agency"].dropna()])
    return labelled(df, names, "official", "place", "agency").sort_values(["officialLabel", "title"],
                                                                           ignore_index=True)


def official_posts(store: Any, official: str) -> pd.DataFrame:
    """The posts an official holds: post, official, title, place, agency (+ labels)."""
    held = facts_table(store, [official], [ORG + "holds"])["value"]
    df = posts(store, held)
    return df[df["official"] == official].reset_index(drop=True)


def place_officials(store: Any, place: str) -> pd.DataFrame:
    """Officials with a post in a place or in one of its agencies, with their titles."""
    agencies = backlinks(store, [place], [PMKG + "locatedIn"])["subject"]
    found = backlinks(store, [place, *agencies], [PMKG + "jurisdiction", ORG + "postIn"])["subject"]
    return posts(store, found)


def agency_officials(store: Any, agency: str) -> pd.DataFrame:
    """Officials with a post in an agency, with their titles."""
    return posts(store, backlinks(store, [agency], [ORG + "postIn"])["subject"])


def facts(store: Any, iri: str) -> dict[str, list[Any]]:
    """Everything stated about a node: prefixed property → distinct values (plain Python)."""
    out: dict[str, list[Any]] = {}
    for rec in run(store, "app-entity-facts", {"entity": iri}).records():
        values = out.setdefault(short(rec["property"]), [])
        value = rec["value"]
        if value not in values:
            values.append(value)
    return out


def first(values: Mapping[str, list[Any]], *props: str) -> Any:
    """The first value of the first property that has one."""
    return next((v[0] for p in props if (v := values.get(p))), None)


def labelled(df: pd.DataFrame, names: Mapping[str, str], *columns: str) -> pd.DataFrame:
    """Add `<column>Label` beside each IRI column, from `names` (the IRI itself if unnamed)."""
    df = df.copy()
    for col in columns:
        df[col + "Label"] = df[col].map(lambda v: names.get(v, v) if isinstance(v, str) else v)
    return df


# ---------------------------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence behind a fact, split around the words that state it."""

    before: str
    span: str
    after: str
    item: str
    headline: str | None
    document: str
    source_file: str | None
    issued: dt.date | None
    place: str | None = None
    date: dt.date | None = None
    stage: str | None = None


def split_sentence(text: str, start: int | None, end: int | None, surface: str = "") -> tuple[str, str, str]:
    """The sentence around [start, end) as (before, span, after); falls back to finding `surface`.

    >>> split_sentence("第一句。市长赵文峰出席。第三句。", 6, 9)
    ('市长', '赵文峰', '出席。')
    """
    if start is None or end is None or not (0 <= start < end <= len(text)):
        at = text.find(surface) if surface else -1
        if at < 0:
            return text[:160], "", ""
        start, end = at, at + len(surface)
    marked = sentence_around(text, start, end)
    span = text[start:end]
    at = marked.find(MARK_OPEN + span + MARK_CLOSE)
    if at < 0:
        return marked, "", ""
    return marked[:at], span, marked[at + len(span) + 2:]


def evidence(rows: Iterable[Mapping[str, Any]]) -> list[Evidence]:
    """Evidence from rows of app-adoption-evidence or app-entity-mentions, one per sentence."""
    out, seen = [], set()
    for r in rows:
        before, span, after = split_sentence(r["text"], r.get("start"), r.get("end"), r.get("surface") or "")
        key = (r["item"], before, span, after, r.get("place"))
        if key in seen:
            continue
        seen.add(key)
        out.append(Evidence(before, span, after, r["item"], r.get("headline"), r["document"],
                            r.get("sourceFile"), r.get("issued"), r.get("place"), r.get("date"),
                            r.get("stage")))
    return out


def adoption_evidence(store: Any, measure: str, limit: int = 100) -> tuple[list[Evidence], bool]:
    """Evidence of a measure's adoptions, earliest first; and whether more existed."""
    result = run(store, "app-adoption-evidence", {"measure": measure}, limit=limit)
    return evidence(result.records()), result.truncated


def mention_evidence(store: Any, entity: str, limit: int = 50) -> tuple[list[Evidence], bool]:
    """Sentences naming an entity, latest bulletin first; and whether more existed."""
    result = run(store, "app-entity-mentions", {"entity": entity}, limit=limit)
    return evidence(result.records()), result.truncated


def marked_segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """Cut a text into (piece, entity IRI or None), keeping the first of overlapping spans.

    >>> marked_segments("甲推行乙。", [(0, 1, "p"), (3, 4, "m")])
    [('甲', 'p'), ('推行', None), ('乙', 'm'), ('。', None)]
    """
    out: list[tuple[str, str | None]] = []
    at = 0
    for start, end, iri in sorted(spans):
        if start < at or not (0 <= start < end <= len(text)):
            continue
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], iri))
        at = end
    if at < len(text):
        out.append((text[at:], None))
    return out


# ---------------------------------------------------------------------------------------------
# Entity pages
# ---------------------------------------------------------------------------------------------

def measure_adopters(store: Any, measure: str) -> pd.DataFrame:
    """Places that adopted a measure, in order of first report: place, placeLabel, firstReported, reports."""
    df = table(store, "app-measure-adopters", {"measure": measure})
    return labelled(df, names_of(store, df["place"]), "place")[
        ["place", "placeLabel", "firstReported", "reports"]]


def measure_timeline(store: Any, measure: str) -> pd.DataFrame:
    """Adoptions of a measure per date: date, adoptions."""
    return table(store, "app-measure-dates", {"measure": measure})[["date", "adoptions"]]


def place_measures(store: Any, place: str) -> pd.DataFrame:
    """Measures a place adopted: measure, measureLabel, firstReported, reports."""
    df = table(store, "app-place-measures", {"place": place})
    return labelled(df, names_of(store, df["measure"]), "measure")[
        ["measure", "measureLabel", "firstReported", "reports"]]


def similar_places(store: Any, place: str, n: int = 10) -> pd.DataFrame:
    """The places most alike by adopted measures (Jaccard index of their measure sets).

    Columns: place, placeLabel, shared, measures, jaccard.
    """
    shared = table(store, "app-similar-places", {"place": place})
    sizes = table(store, "app-place-measure-counts")
    size = dict(zip(sizes["place"], sizes["measures"]))
    if shared.empty:
        return pd.DataFrame(columns=["place", "placeLabel", "shared", "measures", "jaccard"])
    own = size.get(place, 0)
    df = shared.rename(columns={"place": "self", "other": "place"})
    df["measures"] = df["place"].map(size).fillna(0).astype(int)
    df["jaccard"] = df["shared"] / (own + df["measures"] - df["shared"]).clip(lower=1)
    df = df.sort_values(["jaccard", "shared"], ascending=False).head(n)
    return labelled(df, names_of(store, df["place"]), "place")[
        ["place", "placeLabel", "shared", "measures", "jaccard"]].reset_index(drop=True)


def jaccard(a: set, b: set) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets).

    >>> jaccard({"m1", "m2"}, {"m2", "m3"})
    0.3333333333333333
    """
    return len(a & b) / len(a | b) if a or b else 0.0


def entity_items(store: Any, entity: str, limit: int = 100) -> tuple[pd.DataFrame, bool]:
    """News items that mention an entity, latest first; and whether more existed."""
    result = run(store, "app-entity-items", {"entity": entity}, limit=limit)
    return frame(result), result.truncated


def linked_rows(store: Any, name: str, param: str, iri: str, *columns: str) -> pd.DataFrame:
    """Run a one-parameter app query and name the IRIs in `columns`."""
    df = table(store, name, {param: iri})
    return labelled(df, names_of(store, itertools.chain.from_iterable(df[c] for c in columns)), *columns)


def listing(store: Any, name: str, column: str) -> pd.DataFrame:
    """Run a listing query (app-agencies, app-officials) and name its `column`."""
    df = table(store, name)
    return labelled(df, names_of(store, df[column]), column)


def item_view(store: Any, item: str) -> dict[str, Any] | None:
    """A news item: its fields, mentions (with labels) and the adoptions it reports."""
    rec = run(store, "app-item", {"item": item}).records()
    if not rec:
        return None
    mentions = table(store, "app-item-mentions", {"item": item})
    adoptions = table(store, "app-item-adoptions", {"item": item})
    names = names_of(store, [*mentions.get("entity", []), *adoptions.get("place", []),
                             *adoptions.get("measure", [])])
    return {**rec[0], "mentions": labelled(mentions, names, "entity"),
            "adoptions": labelled(adoptions, names, "place", "measure")}
