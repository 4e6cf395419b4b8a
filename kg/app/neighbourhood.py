"""The graph explorer: a bounded neighbourhood of one node, and a DOT drawing of it.

Type filters and the node limit go into the queries (a VALUES block on the neighbour's kind and
a row limit), so a measure named in ten thousand items costs a bounded query and a bounded
drawing, never a frozen browser.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.app.data import KINDS, kind_of, run
from kg.app.entities import names_of

#: node colours by kind (fill, border)
COLOURS = {"place": ("#dbeafe", "#1d4ed8"), "measure": ("#dcfce7", "#15803d"),
           "category": ("#f0fdf4", "#4d7c0f"), "agency": ("#fef3c7", "#b45309"),
           "official": ("#fce7f3", "#be185d"), "document": ("#ede9fe", "#6d28d9"),
           "doc": ("#f3f4f6", "#374151"), "item": ("#ffffff", "#6b7280")}
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, WenQuanYi Micro Hei, sans-serif"
#: (query, direction, kinds of node it starts from); one direction per query keeps each a short
#: walk from the bound node (a UNION of both directions made Oxigraph scan every post)
_QUERIES = (("app-links-out", "out", None), ("app-links-in", "in", None),
            ("app-posts-out", "out", {"official"}), ("app-posts-in", "in", {"place", "agency"}))


@dataclass(slots=True)
class Neighbourhood:
    """Nodes (IRI → (label, kind)), edges (source, relation, target) and whether the limit cut it."""

    centre: str
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    truncated: bool = False


def neighbourhood(store: Any, centre: str, kinds: Iterable[str] = tuple(KINDS), depth: int = 1,
                  limit: int = 60) -> Neighbourhood:
    """The nodes within `depth` (1 or 2) links of `centre`, of the given kinds, at most `limit`.

    Each hop asks only for neighbours of the allowed kinds and at most as many rows as there is
    room for; the second hop starts from the first hop's nodes.
    """
    kinds = [k for k in kinds if k in KINDS]
    found: dict[str, None] = {centre: None}
    edges: list[tuple[str, str, str]] = []
    frontier, truncated = [centre], False
    for _ in range(max(1, min(depth, 2))):
        room = limit - len(found)
        if room <= 0 or not frontier or not kinds:
            truncated = truncated or room <= 0
            break
        new: list[str] = []
        for name, direction, starts in _QUERIES:
            nodes = [n for n in frontier if starts is None or kind_of(n) in starts]
            if not nodes:
                continue
            result = run(store, name, values={"node": nodes, "otherKind": [ox.Literal(k) for k in kinds]},
                         limit=4 * room + 10)
            truncated = truncated or result.truncated
            for rec in result.records():
                node, other = rec["node"], rec["other"]
                if other not in found:
                    if len(found) >= limit:
                        truncated = True
                        continue
                    found[other] = None
                    new.append(other)
                edges.append((node, rec["relation"], other) if direction == "out" else
                             (other, rec["relation"], node))
        frontier = new
    names = names_of(store, found)
    nb = Neighbourhood(centre, truncated=truncated)
    nb.nodes = {n: (names.get(n, n.rsplit("/", 1)[-1]), kind_of(n) or "other") for n in found}
    nb.edges = list(dict.fromkeys(e for e in edges if e[0] in found and e[2] in found))
    return nb


def _quote(text: str) -> str:
    """A DOT string literal.

    >>> _quote('say "hi"')
    '"say \\\\"hi\\\\""'
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(nb: Neighbourhood, href: Callable[[str, str], str | None] = lambda iri, kind: None,
           max_label: int = 18) -> str:
    """Draw a neighbourhood in DOT: nodes coloured by kind, the centre bold, links as hrefs."""
    lines = ["digraph G {", "  graph [layout=neato, overlap=false, splines=true, sep=\"+8\", size=\"11,8\", "
             "bgcolor=transparent];",
             f"  node [shape=box, style=\"rounded,filled\", fontname={_quote(FONT)}, fontsize=11];",
             f"  edge [fontname={_quote(FONT)}, fontsize=9, color=\"#9ca3af\", fontcolor=\"#6b7280\"];"]
    ids = {iri: f"n{k}" for k, iri in enumerate(nb.nodes)}
    for iri, (label, kind) in nb.nodes.items():
        fill, border = COLOURS.get(kind, ("#ffffff", "#6b7280"))
        text = label if len(label) <= max_label else label[: max_label - 1] + "…"
        attrs = [f"label={_quote(text)}", f"tooltip={_quote(f'{label} ({KINDS.get(kind, kind)})')}",
                 f"fillcolor={_quote(fill)}", f"color={_quote(border)}"]
        if iri == nb.centre:
            attrs.append("penwidth=3")
        link = href(iri, kind)
        if link:
            attrs += [f"href={_quote(link)}", 'target="_self"']
        lines.append(f"  {ids[iri]} [{', '.join(attrs)}];")
    for s, relation, o in nb.edges:
        lines.append(f"  {ids[s]} -> {ids[o]} [label={_quote(relation.split(' ')[0])}];")
    lines.append("}")
    return "\n".join(lines)
