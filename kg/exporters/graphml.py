"""GraphML: the entity graph for networkx, igraph, yEd, Cytoscape and Gephi.

Nodes are the entities of `kg.network.entity_graph` (places in use and their parents, measures,
categories, agencies, officials, policy and source documents), keyed by IRI, with `kind`,
`label` and, where known, `adcode`, `level`, `lat`/`long`, `category`, `issued`. Edges are
directed and typed by `relation` (ADOPTS place→measure with the first `date` and its
`precision`, MENTIONS document→entity, WITHIN, LOCATED_IN, HOLDS_POST, PUBLISHED_BY, HOME_PLACE,
ISSUED_BY, BROADER) with `weight` = reports, items or 1. Read it back with
`networkx.read_graphml(path, force_multigraph=True)`.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.store import Store

NAME, SUFFIX = "graphml", ".graphml"


def write(store: Store, path: Path) -> None:
    """Write the entity graph as GraphML (UTF-8)."""
    import networkx as nx

    from kg.analysis import entity_rows
    from kg.network import entity_graph

    nx.write_graphml(entity_graph(*entity_rows(store)), path, edge_id_from_attribute="id")
