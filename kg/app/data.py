"""SPARQL-backed tables for the app's pages, and the pure transforms between them.

The store keeps each document in its own named graph and queries see their union, so a label or a
type stated in a thousand documents comes back a thousand times. The queries here (kg/queries/
app-*.rq) therefore aggregate on IRIs with short joins, and names are attached afterwards from
two small cached tables: `labels` (IRI → name) and `measures` (the measure catalogue).

Functions that take a `store` run queries and are what the pages cache; functions that take
frames are cheap and run on every rerun.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyoxigraph as ox

from kg.curation import curation_file
from kg.errors import QueryError
from kg.query import XSD, QueryResult, load_query, param_term, with_prefixes
from kg.sparql import tokens

log = logging.getLogger(__name__)

ID = "https://w3id.org/pmkg/id/"
#: time limit of the app's own queries, in seconds
TIMEOUT_S = 60.0
#: kinds of node, by the IRI path segment graph.py mints them under
KINDS = {"place": "地方 place", "measure": "举措 measure", "category": "类别 category",
         "agency": "机构 agency", "official": "人物 official", "document": "文件 document",
         "doc": "简报 bulletin", "item": "信息 item"}
#: kinds that have an entity page
PAGE_KINDS = ("place", "measure", "agency", "official", "item")


# ---------------------------------------------------------------------------------------------
# Running the app's named queries
# ---------------------------------------------------------------------------------------------

def with_values(sparql: str, values: Mapping[str, Sequence[ox.NamedNode | ox.Literal]]) -> str:
    """Open the query's outer WHERE group with one VALUES block per variable.

    Terms are written by pyoxigraph, so they are escaped; they never come from raw text.

    >>> with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": [ox.Literal("a"), ox.Literal("b")]})
    'SELECT ?s WHERE { VALUES ?o { "a" "b" } ?s ?p ?o }'
    """
    if not values:
        return sparql
    toks = tokens(sparql)
    at = next((toks[i + 1][2] + 1 for i in range(len(toks) - 1)
               if toks[i][1].upper() == "WHERE" and toks[i + 1][1] == "{"), None)
    if at is None:
        raise QueryError("cannot add VALUES: the query has no 'WHERE {'")
    blocks = " ".join(f"VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}"
                      for name, terms in values.items())
    return f"{sparql[:at]} {blocks}{sparql[at:]}"


def run(store: Any, name: str, params: Mapping[str, Any] | None = None, *,
        values: Mapping[str, Sequence[Any]] | None = None, limit: int | None = None,
        timeout_s: float = TIMEOUT_S) -> QueryResult:
    """Run kg/queries/<name>.rq with parameters bound and optional VALUES blocks.

    A parameter may be given in `values` instead, to ask for several at once. The query should
    use its parameters at the top level of its WHERE group (kg/queries/app-*.rq all do).

    Raises:
        QueryError: unknown query, a missing parameter, or the query failed or was too slow.
    """
    query = load_query(name)
    given = dict(params or {})
    if missing := [p for p, _ in query.params if p not in given and p not in (values or {})]:
        raise QueryError(f"{name}: missing parameter(s) {', '.join(missing)}")
    # Parameters are bound by VALUES too: Oxigraph plans the query knowing the value, where a
    # substitution is only seen at evaluation (a 30 s plan instead of a 0.5 s one, on 100k items).
    blocks = {k: [term(v)] for k, v in given.items()}
    blocks.update({k: [term(v) for v in vs] for k, vs in (values or {}).items()})
    return store.query(with_prefixes(with_values(query.text, blocks)), timeout_s=timeout_s, limit=limit)


def term(value: Any) -> ox.NamedNode | ox.Literal:
    """An RDF term for a Python value: IRIs stay IRIs, dates become xsd:date.

    >>> term(date(2022, 3, 16)).value, term("https://w3id.org/pmkg/id/place/410400").value
    ('2022-03-16', 'https://w3id.org/pmkg/id/place/410400')
    """
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return param_term("value", str(value))


def frame(result: QueryResult) -> pd.DataFrame:
    """A query result as a DataFrame of plain Python values (decimals as floats)."""
    df = pd.DataFrame(result.records(), columns=list(result.vars))
    for col in df.columns:
        if df[col].map(lambda v: v.__class__.__name__ == "Decimal").any():
            df[col] = df[col].astype(float)
    return df


def table(store: Any, name: str, params: Mapping[str, Any] | None = None, **kw: Any) -> pd.DataFrame:
    """`run` then `frame`."""
    return frame(run(store, name, params, **kw))


def kind_of(iri: str) -> str | None:
    """The kind of a pmkg node from its IRI path, or None for other IRIs.

    >>> kind_of("https://w3id.org/pmkg/id/place/410400"), kind_of("http://example.org/x")
    ('place', None)
    """
    if not isinstance(iri, str) or not iri.startswith(ID):
        return None
    kind = iri[len(ID):].split("/", 1)[0]
    return kind if kind in KINDS else None


# ---------------------------------------------------------------------------------------------
# Version and catalogues (cached by the pages; each is one short query)
# ---------------------------------------------------------------------------------------------

def version(store: Any) -> str:
    """A value that changes whenever the app's view of the store changes.

    It digests every document graph's content hash (an ingest or a removal changes it) and the
    curation file's time and size (a curation decision rewrites graphs without new hashes).
    """
    rows = run(store, "app-document-hashes").rows
    digest = hashlib.sha256("\n".join(sorted(f"{r[0]} {r[1]}" for r in rows)).encode()).hexdigest()[:16]
    path = curation_file(store.location)
    stamp = ""
    if path is not None and path.exists():
        st = path.stat()
        stamp = f"-{st.st_mtime_ns}-{st.st_size}"
    return f"{len(rows)}-{digest}{stamp}"


def labels(store: Any) -> dict[str, str]:
    """IRI → name of every labelled node (places, measures, categories, agencies, officials…)."""
    return {row[0].value: row[1].value for row in run(store, "app-labels").rows}


def counts(store: Any) -> dict[str, int]:
    """Documents, items, mentioned places and measures, candidates, agencies, officials, adoptions."""
    return {r["what"]: int(r["count"]) for r in run(store, "app-counts").records()}


def measures(store: Any) -> pd.DataFrame:
    """The measure catalogue: one row per measure with its category and adoption counts.

    Columns: measure, label, category, categoryLabel, candidate, confidence, adoptions, places.
    """
    cat = table(store, "app-measure-catalogue")
    stats = table(store, "app-adoptions-by-measure")
    wide = (stats.pivot_table(index="measure", columns="what", values="count", aggfunc="sum")
            if len(stats) else pd.DataFrame(columns=["adoptions", "places"]))
    cat = cat.merge(wide, left_on="measure", right_index=True, how="left")
    for col in ("adoptions", "places"):
        cat[col] = cat.get(col, pd.Series(dtype=float)).fillna(0).astype(int)
    cat["label"] = cat["label"].fillna(cat["measure"])
    cat["categoryLabel"] = cat["categoryLabel"].fillna("其他")
    cat["candidate"] = cat["confidence"].notna()
    columns = ["measure", "label", "category", "categoryLabel", "candidate", "confidence",
               "adoptions", "places"]
    return cat[columns].sort_values(["places", "adoptions", "label"], ascending=[False, False, True],
                                    ignore_index=True)


def places(store: Any) -> pd.DataFrame:
    """Every place of the gazetteer: place, label, adcode, level, parent, lat, long."""
    return table(store, "app-place-coordinates")


def date_range(store: Any) -> tuple[date | None, date | None]:
    """The first and last adoption dates in the graph."""
    rec = run(store, "app-date-range").records()
    return (rec[0].get("first"), rec[0].get("last")) if rec else (None, None)


def documents(store: Any) -> pd.DataFrame:
    """Every document graph: document, sourceFile, title, issued, hash."""
    return table(store, "app-documents")


# ---------------------------------------------------------------------------------------------
# Overview
# ---------------------------------------------------------------------------------------------

def by_category(catalogue: pd.DataFrame) -> pd.DataFrame:
    """Adoptions and adopted measures per measure category, most adopted first."""
    used = catalogue[catalogue["adoptions"] > 0]
    out = used.groupby(["category", "categoryLabel"], dropna=False).agg(
        adoptions=("adoptions", "sum"), measures=("measure", "count")).reset_index()
    return out.sort_values(["adoptions", "categoryLabel"], ascending=[False, True], ignore_index=True)


def latest_documents(store: Any) -> pd.DataFrame:
    """The 20 most recent documents with their publisher's name and number of items."""
    from kg.app.entities import names_of

    df = table(store, "app-latest-documents")
    if df.empty:
        return df.assign(publisherLabel=[], items=[])
    items = table(store, "app-document-items", values={"document": list(df["document"])})
    df = df.merge(items[["document", "items"]], on="document", how="left")
    df["items"] = df["items"].fillna(0).astype(int)
    df["publisherLabel"] = df["publisher"].map(names_of(store, df["publisher"].dropna()))
    return df


# ---------------------------------------------------------------------------------------------
# Map
# ---------------------------------------------------------------------------------------------

def place_adoptions(store: Any, measure_iris: Sequence[str] | None = None,
                    between: tuple[date, date] | None = None) -> pd.DataFrame:
    """Adoptions per place, optionally only of some measures and within a date range.

    Returns columns place, adoptions (and measures when filtered), most adoptions first.
    """
    if measure_iris is None:
        if between is None:
            return table(store, "app-map")
        return table(store, "app-map-between", {"from": between[0], "to": between[1]})[["place", "adoptions"]]
    lo, hi = between or (date(1, 1, 1), date(9999, 12, 31))  # no range: undated adoptions count too
    if not measure_iris:
        return pd.DataFrame(columns=["place", "adoptions", "measures"])
    return table(store, "app-map-filtered", {"from": lo, "to": hi}, values={"measure": list(measure_iris)})[
        ["place", "adoptions", "measures"]]


def map_points(adoptions: pd.DataFrame, gazetteer: pd.DataFrame) -> pd.DataFrame:
    """Adopting places with coordinates and a radius that grows with the square root of adoptions.

    Places without coordinates are dropped (the caller reports how many).
    """
    pts = adoptions.merge(gazetteer[["place", "label", "adcode", "level", "lat", "long"]],
                          on="place", how="left")
    pts = pts.dropna(subset=["lat", "long"]).copy()
    top = max(int(pts["adoptions"].max()), 1) if len(pts) else 1
    pts["radius"] = 6000 + 60000 * (pts["adoptions"] / top) ** 0.5
    return pts.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Place × measure matrix and diffusion
# ---------------------------------------------------------------------------------------------

def first_adoptions(store: Any, measure_iris: Sequence[str]) -> pd.DataFrame:
    """First report and number of reports per (place, measure), for the given measures."""
    if not measure_iris:
        return pd.DataFrame(columns=["place", "measure", "firstReported", "reports"])
    return table(store, "app-first-adoptions", values={"measure": list(measure_iris)})


def matrix(first: pd.DataFrame, names: Mapping[str, str], value: str = "reports",
           max_places: int = 40) -> pd.DataFrame:
    """Pivot (place, measure) rows into a place × measure table of `value` (reports or year).

    Rows are the `max_places` places with the most adopted measures; columns keep their order.
    """
    if first.empty:
        return pd.DataFrame()
    df = first.copy()
    if value == "year":
        df["year"] = df["firstReported"].map(lambda d: d.year if isinstance(d, date) else None)
    df["placeLabel"] = df["place"].map(names).fillna(df["place"])
    df["measureLabel"] = df["measure"].map(names).fillna(df["measure"])
    top = df.groupby("placeLabel")["measure"].nunique().sort_values(ascending=False).head(max_places)
    df = df[df["placeLabel"].isin(top.index)]
    wide = df.pivot_table(index="placeLabel", columns="measureLabel", values=value, aggfunc="min")
    return wide.reindex(top.index)


def diffusion(first: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Cumulative number of adopting places over time, per measure (one row per first report).

    >>> first = pd.DataFrame({"place": ["a", "b", "a"], "measure": ["m", "m", "n"],
    ...     "firstReported": [date(2022, 1, 1), date(2022, 2, 1), date(2021, 5, 1)], "reports": [1, 1, 1]})
    >>> diffusion(first, {"m": "M"})[["measureLabel", "adopters"]].values.tolist()
    [['M', 1], ['M', 2], ['n', 1]]
    """
    df = first.dropna(subset=["firstReported"]).copy()
    if df.empty:
        return pd.DataFrame(columns=["measure", "measureLabel", "date", "adopters", "place"])
    df["date"] = pd.to_datetime(df["firstReported"])
    df = df.sort_values(["measure", "date", "place"])
    df["adopters"] = df.groupby("measure").cumcount() + 1
    df["measureLabel"] = df["measure"].map(names).fillna(df["measure"])
    df["placeLabel"] = df["place"].map(names).fillna(df["place"])
    return df[["measure", "measureLabel", "date", "adopters", "place", "placeLabel"]].reset_index(drop=True)


def iris(values: Iterable[Any]) -> list[str]:
    """The distinct IRIs among values, in first-seen order."""
    return list(dict.fromkeys(v for v in values if isinstance(v, str) and v.startswith("http")))


def example_file() -> Path:
    """The bundled example bulletin (examples/pingdingshan-2022-42.txt in the repository)."""
    return Path(__file__).resolve().parents[2] / "examples" / "pingdingshan-2022-42.txt"
