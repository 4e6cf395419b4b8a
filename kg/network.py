"""Graphs of adoption rows (networkx): projections, centrality and communities.

They take the rows read by `kg.analysis` (see there for their shape). Undated adoptions take part
in the graphs like dated ones.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from decimal import Decimal
from itertools import combinations
from typing import Any

import networkx as nx

from kg.analysis import Row, _labels, earliest

log = logging.getLogger(__name__)


def jaccard(a: Collection[Any], b: Collection[Any]) -> float:
    """Jaccard similarity of two collections: |a ∩ b| / |a ∪ b| (0 when both are empty).

    >>> jaccard({"一网通办", "告知承诺制"}, {"一网通办"})
    0.5
    >>> jaccard(set(), set())
    0.0
    """
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 0.0


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
