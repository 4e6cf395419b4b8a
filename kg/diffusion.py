"""Diffusion of measures over adoption rows: who adopted first, who followed, and how fast.

The measures take the adoption rows and the place tree read by `kg.analysis` (see there for their
shape). Undated adoptions take no part in orders, curves, lags, cascades or panels; the functions
that drop them log how many. Lags are in days between first-report dates: with month, year or
approximate precision a lag is only as good as the coarser of its two dates (`keep_precision`).
"""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from itertools import combinations

import networkx as nx

from kg.analysis import Row, Tree, _labels, _sort_key, earliest

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------
# Dates and the place tree
# ---------------------------------------------------------------------------------------------

def keep_precision(rows: Iterable[Row], keep: Collection[str] = ("day", "month")) -> list[Row]:
    """Rows whose date precision is one of `keep` (drop coarse dates before measuring lags)."""
    return [r for r in rows if r.get("precision") in keep]


def _dated(rows: Iterable[Row], what: str) -> list[Row]:
    rows = list(rows)
    dated = [r for r in rows if r.get("date") is not None]
    if len(dated) < len(rows):
        log.info("%s: %d of %d adoptions have no date and are left out", what, len(rows) - len(dated),
                 len(rows))
    return dated


def ancestors(place: str, tree: Tree) -> list[str]:
    """The chain of parents of `place`, nearest first (cycles are cut).

    >>> ancestors("叶县", {"叶县": {"parent": "平顶山市"}, "平顶山市": {"parent": "河南省"}})
    ['平顶山市', '河南省']
    """
    chain: list[str] = []
    node = tree.get(place, {}).get("parent")
    while node and node not in chain and node != place:
        chain.append(node)
        node = tree.get(node, {}).get("parent")
    return chain


def province_of(place: str, tree: Tree) -> str | None:
    """The province-level ancestor of `place` (None for a province itself or when unknown).

    >>> tree = {"叶县": {"parent": "平顶山市"}, "平顶山市": {"parent": "河南省"},
    ...         "河南省": {"level": "province"}}
    >>> province_of("叶县", tree), province_of("河南省", tree)
    ('河南省', None)
    """
    return next((a for a in ancestors(place, tree) if tree.get(a, {}).get("level") == "province"),
                None)


# ---------------------------------------------------------------------------------------------
# Orders, curves, lags, cascades and panels
# ---------------------------------------------------------------------------------------------

def adoption_order(rows: Iterable[Row], measure: str) -> list[Row]:
    """Adopters of `measure` in order of first report, ranked 1, 1, 3 … (ties share a rank)."""
    firsts = sorted(_dated([r for r in earliest(rows) if r["measure"] == measure], measure),
                    key=_sort_key)
    out: list[Row] = []
    for i, r in enumerate(firsts):
        rank = out[-1]["rank"] if out and out[-1]["date"] == r["date"] else i + 1
        out.append({"rank": rank, "place": r["place"], "placeLabel": r.get("placeLabel") or r["place"],
                    "date": r["date"], "precision": r.get("precision")})
    return out


def first_adopters(rows: Iterable[Row], measure: str) -> list[str]:
    """The places that reported `measure` first (several when they tie)."""
    return [r["place"] for r in adoption_order(rows, measure) if r["rank"] == 1]


def adoption_curve(rows: Iterable[Row], measure: str) -> list[tuple[date, int]]:
    """Cumulative number of adopters of `measure` at each date on which someone adopted it."""
    counts: dict[date, int] = defaultdict(int)
    for r in adoption_order(rows, measure):
        counts[r["date"]] += 1
    total, curve = 0, []
    for day in sorted(counts):
        total += counts[day]
        curve.append((day, total))
    return curve


def diffusion_summary(rows: Iterable[Row]) -> list[Row]:
    """Per measure: adopters, dated adopters, first date and first adopters, span in days."""
    firsts = earliest(rows)
    out = []
    for measure, label in _labels(firsts, "measure").items():
        order = adoption_order(firsts, measure)
        dates = [r["date"] for r in order]
        out.append({"measure": measure, "measureLabel": label,
                    "adopters": sum(r["measure"] == measure for r in firsts), "dated": len(order),
                    "firstDate": dates[0] if dates else None,
                    "firstAdopters": [r["placeLabel"] for r in order if r["rank"] == 1],
                    "spanDays": (dates[-1] - dates[0]).days if dates else None})
    return sorted(out, key=lambda r: (-r["adopters"], str(r["measureLabel"])))


def _lag(first: Mapping[tuple[str, str], Row], row: Row, other: str | None) -> int | None:
    found = first.get((other, row["measure"])) if other else None
    return (row["date"] - found["date"]).days if found else None


def lags(rows: Iterable[Row], tree: Tree) -> list[Row]:
    """For each dated first adoption, days after its parent, its province and its neighbours.

    Neighbours are the places sharing its parent; `lagNeighbours` counts from the earliest of
    them to adopt. A positive lag means the place followed; None means the other never adopted
    (or has no date). Each lag also names the place it is measured against.
    """
    firsts = _dated(earliest(rows), "lags")
    first = {(r["place"], r["measure"]): r for r in firsts}
    children: dict[str, list[str]] = defaultdict(list)
    for place, info in tree.items():
        if info.get("parent"):
            children[info["parent"]].append(place)
    out = []
    for r in sorted(firsts, key=lambda r: (str(r["measure"]), _sort_key(r))):
        parent = tree.get(r["place"], {}).get("parent")
        province = province_of(r["place"], tree)
        peers = [first[(p, r["measure"])] for p in children.get(parent, []) if p != r["place"]
                 and (p, r["measure"]) in first] if parent else []
        lead = min(peers, key=_sort_key)["place"] if peers else None
        out.append({"place": r["place"], "measure": r["measure"], "date": r["date"],
                    "precision": r.get("precision"), "parent": parent,
                    "lagParent": _lag(first, r, parent), "province": province,
                    "lagProvince": _lag(first, r, province), "firstNeighbour": lead,
                    "lagNeighbours": _lag(first, r, lead)})
    return out


def cascade(rows: Iterable[Row], measure: str, tree: Tree,
            attention: nx.DiGraph | None = None) -> nx.DiGraph:
    """Who could have learned `measure` from whom: earlier adopter → later adopter.

    An edge joins two adopters when the earlier one is an ancestor of the later one
    (`via="hierarchy"`), shares its parent (`"neighbour"`), or is reported on by the later one's
    bulletins in `attention` (`"attention"`); edges carry `lag` in days.
    """
    order = adoption_order(rows, measure)
    graph = nx.DiGraph()
    for r in order:
        graph.add_node(r["place"], label=r["placeLabel"], date=r["date"], rank=r["rank"])
    for a, b in combinations(order, 2):
        if a["date"] >= b["date"]:
            continue
        via = _relation(a["place"], b["place"], tree, attention)
        if via:
            graph.add_edge(a["place"], b["place"], via=via, lag=(b["date"] - a["date"]).days)
    return graph


def _relation(early: str, late: str, tree: Tree, attention: nx.DiGraph | None) -> str | None:
    if early in ancestors(late, tree):
        return "hierarchy"
    parent = tree.get(late, {}).get("parent")
    if parent and parent == tree.get(early, {}).get("parent"):
        return "neighbour"
    if attention is not None and attention.has_edge(late, early):
        return "attention"
    return None


def place_year_panel(rows: Iterable[Row], years: Iterable[int] | None = None,
                     risk_set: bool = False) -> list[Row]:
    """A place × measure × year panel: `adopted` (0/1, from the first year on) and `firstYear`.

    Places and measures are those with a dated adoption; `years` defaults to every year from the
    first to the last adoption. With `risk_set`, years after a place's adoption are dropped, as an
    event-history model wants (the adoption year is then the row with `adopted` = 1).
    """
    firsts = _dated(earliest(rows), "panel")
    first_year = {(r["place"], r["measure"]): r["date"].year for r in firsts}
    if years is None:
        found = sorted(first_year.values())
        years = range(found[0], found[-1] + 1) if found else []
    years = list(years)
    places, measures = _labels(firsts, "place"), _labels(firsts, "measure")
    out = []
    for place in sorted(places, key=str):
        for measure in sorted(measures, key=str):
            fy = first_year.get((place, measure))
            for year in years:
                if risk_set and fy is not None and year > fy:
                    break
                out.append({"place": place, "placeLabel": places[place], "measure": measure,
                            "measureLabel": measures[measure], "year": year,
                            "adopted": int(fy is not None and year >= fy), "firstYear": fy})
    return out
