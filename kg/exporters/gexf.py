"""GEXF 1.2 for Gephi, with a timeline: adoptions appear on the date they were first reported.

The entity graph of `graphml` (same nodes, edges and attributes) in GEXF's dynamic mode with
`timeformat="date"`: each ADOPTS edge has `start` = its first adoption date and each measure
node `start` = the first date anyone adopted it, so Gephi's timeline replays the diffusion.
Nodes and edges without a date (places, agencies, undated adoptions …) are present throughout.
Read it back with `networkx.read_gexf(path)`.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.store import Store

NAME, SUFFIX = "gexf", ".gexf"


def write(store: Store, path: Path) -> None:
    """Write the entity graph as dynamic GEXF 1.2 (UTF-8)."""
    import networkx as nx

    from kg.analysis import entity_rows
    from kg.network import entity_graph

    nx.write_gexf(entity_graph(*entity_rows(store), timeline=True), path, version="1.2draft")
