"""Exporters for the tools analysts use next to the graph: Gephi, Neo4j, Excel, pandas.

    format   suffix     what is written                                        module
    graphml  .graphml   the entity graph (networkx `write_graphml`)             graphml
    gexf     .gexf      the entity graph, dynamic: adoptions dated for Gephi   gexf
    neo4j    .zip/dir   neo4j-admin import CSVs + load.cypher for LOAD CSV      neo4j
    csv      .zip/dir   adoptions, entities, relations, data dictionary (BOM)  tabular
    xlsx     .xlsx      the same tables as sheets of one workbook              tabular

Multi-file formats (csv, neo4j) write a zip archive when the output's name has a `.zip` suffix
(`kg export --format csv -o tables.zip`) and a folder otherwise (`-o tables`). Each module
has `NAME`, `SUFFIX` and `write(store, path)`; `register_all()` adds them to `kg.export.FORMATS`.
Heavy libraries (networkx, openpyxl) are imported when a format is written, not when registered.
"""
from __future__ import annotations


def register_all() -> None:
    """Add graphml, gexf, csv, neo4j and xlsx to the export formats (csv wins a bare .zip)."""
    from kg.export import register
    from kg.exporters import gexf, graphml, neo4j, tabular

    for name, suffix, writer in (
            (graphml.NAME, graphml.SUFFIX, graphml.write),
            (gexf.NAME, gexf.SUFFIX, gexf.write),
            ("csv", ".zip", tabular.write_csv),
            (neo4j.NAME, neo4j.SUFFIX, neo4j.write),
            ("xlsx", ".xlsx", tabular.write_xlsx)):
        register(name, suffix, writer)
