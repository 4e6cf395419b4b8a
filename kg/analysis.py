"""Network projections and diffusion measures over the adoption graph (networkx).

Two layers, so the arithmetic can be tested on rows written by hand:

    store ──(named queries)──▶ plain rows ──(pure functions)──▶ graphs, orders, lags, panel

Readers (`adoption_rows`, `place_tree`, `attention_rows`, `entity_rows`) run the named queries in
kg/queries and return lists of dicts. Everything else takes those rows. An *adoption row* is a
dict with `place`, `measure`, `date` (a `datetime.date` or None) and optionally `precision`
("day", "month", "year", "approximate"), `placeLabel`, `measureLabel`, `reports`; a place may
appear several times for one measure (`earliest` keeps its first report). A *place tree* maps a
place to `{"parent", "level", "label"}`.

Undated adoptions take part in the graphs but not in orders, curves, lags or panels; the functions
that drop them log how many. Lags are in days between first-report dates: with month, year or
approximate precision a lag is only as good as the coarser of its two dates (`keep_precision`).
"""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from decimal import Decimal
from itertools import combinations
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from kg.store import Store

log = logging.getLogger(__name__)

Row = dict[str, Any]
Tree = Mapping[str, Mapping[str, Any]]

#: lower is more precise; unknown precisions rank last
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "approximate": 3}


# ---------------------------------------------------------------------------------------------
# Reading the store (thin: one named query each)
# ---------------------------------------------------------------------------------------------

def _named(store: Store, name: str) -> list[Row]:
    from kg.query import table

    return table(store, name)


def adoption_rows(store: Store) -> list[Row]:
    """First reported adoption of each measure by each place: the table kept current at ingest
    (`agg-place-measure`) where the store has it, else computed (`first-adoptions`)."""
    from kg import aggregates

    if aggregates.is_current(store):  # the same columns as first-adoptions'
        rows = [{("firstDate" if k == "firstReported" else k): v for k, v in r.items()}
                for r in _named(store, "agg-place-measure")]
    else:
        rows = _named(store, "first-adoptions")
    return [{**r, "date": r["firstDate"]} for r in rows]


def place_tree(store: Store) -> dict[str, dict[str, Any]]:
    """Adopting places and their ancestors: place → parent, level, label (`place-hierarchy`)."""
    return {r["place"]: {"parent": r["parent"], "level": r["level"], "label": r["label"]}
            for r in _named(store, "place-hierarchy")}


def attention_rows(store: Store) -> list[Row]:
    """Publisher's home place → place reported on, with item counts (`attention-network`)."""
    return _named(store, "attention-network")


def entity_rows(store: Store) -> tuple[list[Row], list[Row]]:
    """Nodes and edges of the entity graph (`entity-nodes`, `entity-edges`)."""
    return _named(store, "entity-nodes"), _named(store, "entity-edges")


# ---------------------------------------------------------------------------------------------
# Small pure helpers
# ---------------------------------------------------------------------------------------------

def jaccard(a: Collection[Any], b: Collection[Any]) -> float:
    """Jaccard similarity of two collections: |a ∩ b| / |a ∪ b| (0 when both are empty).

    >>> jaccard({"一网通办", "告知承诺制"}, {"一网通办"})
    0.5
    >>> jaccard(set(), set())
    0.0
    """
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 0.0


def _sort_key(row: Row) -> tuple[Any, ...]:
    return (row.get("date") or date.max, PRECISION_RANK.get(row.get("precision") or "", 9),
            str(row["place"]))


def earliest(rows: Iterable[Row]) -> list[Row]:
    """One row per (place, measure): its earliest dated report, the most precise on a tie.

    >>> rows = [{"place": "p", "measure": "m", "date": date(2024, 3, 1), "precision": "month"},
    ...         {"place": "p", "measure": "m", "date": date(2024, 3, 1), "precision": "day"}]
    >>> earliest(rows)[0]["precision"]
    'day'
    """
    best: dict[tuple[str, str], Row] = {}
    for row in rows:
        key = (row["place"], row["measure"])
        if key not in best or _sort_key(row) < _sort_key(best[key]):
            best[key] = row
    return list(best.values())


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


def _labels(rows: Iterable[Row], node: str) -> dict[str, str]:
    return {r[node]: r.get(f"{node}Label") or r[node] for r in rows}


# ---------------------------------------------------------------------------------------------
# Projections
# ---------------------------------------------------------------------------------------------

def bipartite_graph(rows: Iterable[Row]) -> nx.Graph:
    """Places and measures as the two sides (`bipartite` 0/1, `kind`), one edge per adoption.

    Edges carry `weight` (reports, default 1) and `date` (first report, may be None).
    """
    graph = nx.Graph()
    for r in earliest(rows):
        graph.add_node(r["place"], bipartite=0, kind="place", label=r.get("placeLabel") or r["place"])
        graph.add_node(r["measure"], bipartite=1, kind="measure",
                       label=r.get("measureLabel") or r["measure"])
        graph.add_edge(r["place"], r["measure"], weight=r.get("reports") or 1, date=r.get("date"))
    return graph


def _sets(rows: Iterable[Row], key: str, of: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        out[r[key]].add(r[of])
    return out


def place_similarity(rows: Iterable[Row], threshold: float = 0.1, top_k: int | None = None) -> nx.Graph:
    """Places linked by the Jaccard similarity of their measure sets.

    Only pairs sharing a measure are compared (through an index of adopters per measure), an edge
    is kept when `weight` (Jaccard) ≥ `threshold`, and with `top_k` each place keeps only its k
    most similar neighbours: the full projection is dense on a big graph. Edges carry `shared`.
    """
    rows = list(rows)
    measures = _sets(rows, "place", "measure")
    adopters = _sets(rows, "measure", "place")
    graph = nx.Graph()
    graph.add_nodes_from((p, {"kind": "place", "label": l}) for p, l in _labels(rows, "place").items())
    pairs = {tuple(sorted(pair)) for ps in adopters.values() for pair in combinations(ps, 2)}
    for a, b in sorted(pairs):
        weight = jaccard(measures[a], measures[b])
        if weight >= threshold and weight > 0:
            graph.add_edge(a, b, weight=weight, shared=len(measures[a] & measures[b]))
    if top_k is not None:
        keep = {tuple(sorted((n, m))) for n in graph for m in
                sorted(graph[n], key=lambda m: (-graph[n][m]["weight"], m))[:top_k]}
        graph.remove_edges_from([e for e in list(graph.edges) if tuple(sorted(e)) not in keep])
    return graph


def co_adoption_graph(rows: Iterable[Row], min_places: int = 1) -> nx.Graph:
    """Measures linked when the same places adopt both; `weight` = number of such places."""
    rows = list(rows)
    graph = nx.Graph()
    graph.add_nodes_from((m, {"kind": "measure", "label": l})
                         for m, l in _labels(rows, "measure").items())
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for ms in _sets(rows, "place", "measure").values():
        for pair in combinations(sorted(ms), 2):
            counts[pair] += 1
    graph.add_edges_from((a, b, {"weight": n}) for (a, b), n in counts.items() if n >= min_places)
    return graph


def attention_graph(rows: Iterable[Row], self_loops: bool = False) -> nx.DiGraph:
    """Home place of a publisher → each place its bulletins report on; `weight` = news items."""
    graph = nx.DiGraph()
    for r in rows:
        if r["source"] == r["target"] and not self_loops:
            continue
        for end in ("source", "target"):
            graph.add_node(r[end], kind="place", label=r.get(f"{end}Label") or r[end])
        graph.add_edge(r["source"], r["target"], weight=r.get("items") or 1)
    return graph


def entity_graph(nodes: Iterable[Row], edges: Iterable[Row], timeline: bool = False) -> nx.MultiDiGraph:
    """The entity graph as a MultiDiGraph keyed by relation (ADOPTS, MENTIONS, WITHIN …).

    Attributes are plain strings and numbers (dates as ISO text; None left out) so every
    networkx writer takes them. With `timeline`, ADOPTS edges and measure nodes get a `start`
    (first adoption date) for GEXF's dynamic mode.
    """
    graph = nx.MultiDiGraph()
    for n in nodes:
        graph.add_node(n["node"], **_plain({k: v for k, v in n.items() if k != "node"}))
    missing = 0
    for i, e in enumerate(edges):
        if e["source"] not in graph or e["target"] not in graph:
            missing += 1
            continue
        attrs = _plain({k: v for k, v in e.items() if k not in {"source", "target"}})
        # `id`: unique, for the GraphML and GEXF edge ids (the key repeats across node pairs)
        graph.add_edge(e["source"], e["target"], key=e["relation"], id=f"e{i}", **attrs)
    if missing:
        log.warning("entity graph: %d edges point outside the node set and are left out", missing)
    if timeline:
        _add_timeline(graph)
    return graph


def _plain(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes every networkx writer accepts: no None or '', dates as ISO text, decimals as float.

    >>> _plain({"lat": Decimal("33.77"), "issued": date(2024, 3, 15), "adcode": "410400", "x": None})
    {'lat': 33.77, 'issued': '2024-03-15', 'adcode': '410400'}
    """
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None or value == "":
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = float(value)
        elif not isinstance(value, (int, float, str)):
            value = str(value)
        out[key] = value
    return out


def _add_timeline(graph: nx.MultiDiGraph) -> None:
    for _, measure, key, data in graph.edges(keys=True, data=True):
        if key == "ADOPTS" and "date" in data:
            data["start"] = data["date"]
            node = graph.nodes[measure]
            node["start"] = min(node.get("start", data["date"]), data["date"])


# ---------------------------------------------------------------------------------------------
# Centrality and communities
# ---------------------------------------------------------------------------------------------

def centrality(graph: nx.Graph, weight: str | None = None) -> list[Row]:
    """Degree, betweenness and eigenvector centrality of every node, most central first.

    Eigenvector centrality is None where it is undefined (a directed graph without cycles) or
    does not converge. `weight` is used by eigenvector centrality only: the weights here are
    strengths, not distances, so betweenness counts hops.
    """
    if not graph:
        return []
    degree = nx.degree_centrality(graph)
    between = nx.betweenness_centrality(graph)
    eigen: dict[Any, float] | None = None
    if not (graph.is_directed() and nx.is_directed_acyclic_graph(graph)):  # else all eigenvalues are 0
        try:
            eigen = nx.eigenvector_centrality(graph, max_iter=1000, weight=weight)
        except (nx.PowerIterationFailedConvergence, nx.NetworkXException, ZeroDivisionError):
            eigen = None
    rows = [{"node": n, "label": graph.nodes[n].get("label", n), "degree": degree[n],
             "betweenness": between[n], "eigenvector": eigen[n] if eigen else None} for n in graph]
    return sorted(rows, key=lambda r: (-r["degree"], -r["betweenness"], str(r["node"])))


def communities(graph: nx.Graph, seed: int = 42, weight: str | None = "weight") -> list[list[Any]]:
    """Louvain communities (fixed seed, so reruns agree), largest first, members sorted.

    A directed graph is made undirected first, adding the weights of opposite edges.
    """
    if graph.is_directed():
        graph = _undirected(graph, weight)
    found = nx.community.louvain_communities(graph, weight=weight, seed=seed)
    return sorted((sorted(c, key=str) for c in found), key=lambda c: (-len(c), str(c[0])))


def _undirected(graph: nx.DiGraph, weight: str | None) -> nx.Graph:
    key = weight or "weight"
    out = nx.Graph()
    out.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        before = out.edges[u, v][key] if out.has_edge(u, v) else 0
        out.add_edge(u, v, **{key: before + (data.get(key, 1) if weight else 1)})
    return out


# ---------------------------------------------------------------------------------------------
# Diffusion
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


def to_frame(rows: list[Row]) -> Any:
    """Rows as a pandas DataFrame when pandas is installed, else the rows unchanged."""
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows)
