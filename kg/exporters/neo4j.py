"""Neo4j: CSV files for `neo4j-admin database import` and a `load.cypher` for LOAD CSV.

`kg export --format neo4j -o graph.zip` (or `-o graph` for a folder) writes:

    nodes_<Label>.csv               id:ID, :LABEL, label, then the typed properties that label
                                    uses (adcode, level, lat:float, long:float, issued:date …)
    relationships_<TYPE>.csv        :START_ID, :END_ID, :TYPE, weight:int, date:date, precision, title
    load.cypher                     the same files through LOAD CSV, for a running database

Labels are Place, Measure (plus CandidateMeasure), Category, Agency, Official, PolicyDocument and
SourceDocument, and every node also carries `Entity`, whose `id` (the IRI) is unique. Arrays
(altLabels:string[]) use neo4j-admin's default `;` delimiter. Files are UTF-8 without a BOM and
without line breaks inside fields. Import into an empty database with

    neo4j-admin database import full --nodes=import/nodes_Place.csv … \\
        --relationships=import/relationships_ADOPTS.csv … neo4j

or copy the files into the database's import folder and run load.cypher (cypher-shell -f).
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.exporters.tables import bundle, entity_tables, text

if TYPE_CHECKING:
    from kg.store import Store

Row = dict[str, Any]
NAME, SUFFIX = "neo4j", ".zip"

LABELS = {"place": "Place", "measure": "Measure", "category": "Category", "agency": "Agency",
          "official": "Official", "policy_document": "PolicyDocument",
          "source_document": "SourceDocument"}
#: entity/relation column → neo4j-admin header (name:type)
NODE_PROPERTIES = {"label": "label", "alt_labels": "altLabels:string[]", "adcode": "adcode",
                   "level": "level", "lat": "lat:float", "long": "long:float",
                   "category": "category", "confidence": "confidence:float", "issued": "issued:date",
                   "source_file": "sourceFile"}
EDGE_PROPERTIES = {"weight": "weight:int", "date": "date:date", "date_precision": "precision",
                   "title": "title"}
#: how LOAD CSV turns a typed column back into a value
_CONVERT = {"float": "toFloat({})", "int": "toInteger({})", "date": "date({})",
            "string[]": "split({}, ';')"}


def _value(column: str, value: Any) -> str:
    """A field for neo4j-admin: arrays joined by ';', no line breaks.

    >>> _value("alt_labels", "市营商办|营商办"), _value("label", "第一行\\n第二行")
    ('市营商办;营商办', '第一行 第二行')
    """
    out = text(value).replace("\r", " ").replace("\n", " ")
    return out.replace("|", ";") if column == "alt_labels" else out


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _used(rows: list[Row], spec: dict[str, str]) -> list[str]:
    return [c for c in spec if any(r.get(c) not in (None, "") for r in rows)]


def node_files(entities: list[Row]) -> dict[str, tuple[list[str], list[list[str]]]]:
    """File name → (header, rows) for each node label."""
    by_kind: dict[str, list[Row]] = defaultdict(list)
    for e in entities:
        by_kind[e["kind"]].append(e)
    files = {}
    for kind, rows in sorted(by_kind.items()):
        label = LABELS.get(kind, kind.title().replace("_", ""))
        props = _used(rows, NODE_PROPERTIES)
        header = ["id:ID", ":LABEL"] + [NODE_PROPERTIES[c] for c in props]
        body = [[r["id"], ";".join(["Entity", label] + (["CandidateMeasure"] if r.get("confidence") else []))]
                + [_value(c, r.get(c)) for c in props] for r in rows]
        files[f"nodes_{label}.csv"] = (header, body)
    return files


def relationship_files(relations: list[Row]) -> dict[str, tuple[list[str], list[list[str]]]]:
    """File name → (header, rows) for each relationship type."""
    by_type: dict[str, list[Row]] = defaultdict(list)
    for r in relations:
        by_type[r["relation"]].append(r)
    files = {}
    for kind, rows in sorted(by_type.items()):
        props = _used(rows, EDGE_PROPERTIES)
        header = [":START_ID", ":END_ID", ":TYPE"] + [EDGE_PROPERTIES[c] for c in props]
        body = [[r["source"], r["target"], kind] + [_value(c, r.get(c)) for c in props] for r in rows]
        files[f"relationships_{kind}.csv"] = (header, body)
    return files


def _assign(var: str, header: list[str], skip: int) -> str:
    parts = []
    for column in header[skip:]:
        name, _, kind = column.partition(":")
        field = f"row.`{column}`"
        parts.append(f"{var}.{name} = " + _CONVERT.get(kind, "{}").format(field))
    return ", ".join(parts)


def cypher(nodes: dict[str, tuple[list[str], Any]], edges: dict[str, tuple[list[str], Any]]) -> str:
    """The LOAD CSV script for these files: constraint, nodes, then relationships."""
    lines = ["// pmkg graph for Neo4j 5: copy the CSV files into the import folder, then",
             "//   cypher-shell -f load.cypher", "",
             "CREATE CONSTRAINT pmkg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;", ""]
    for name, (header, _) in nodes.items():
        label = name.removeprefix("nodes_").removesuffix(".csv")
        statement = [f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
                     "MERGE (n:Entity {id: row.`id:ID`})",
                     f"SET n:{label}" + (f", {_assign('n', header, 2)}" if len(header) > 2 else "")]
        if label == "Measure":
            statement.append("FOREACH (_ IN CASE WHEN row.`:LABEL` CONTAINS 'CandidateMeasure' "
                             "THEN [1] ELSE [] END | SET n:CandidateMeasure)")
        lines += ["\n".join(statement) + ";", ""]
    for name, (header, _) in edges.items():
        kind = name.removeprefix("relationships_").removesuffix(".csv")
        statement = [f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
                     "MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})",
                     f"MERGE (a)-[r:{kind}]->(b)"]
        if len(header) > 3:
            statement.append(f"SET {_assign('r', header, 3)}")
        lines += ["\n".join(statement) + ";", ""]
    return "\n".join(lines)


def write(store: Store, path: Path) -> None:
    """Write the node and relationship CSVs and load.cypher into a folder or a .zip."""
    entities, relations = entity_tables(store)
    nodes, edges = node_files(entities), relationship_files(relations)
    with bundle(path) as put:
        for name, (header, rows) in {**nodes, **edges}.items():
            put(name, _csv(header, rows))
        put("load.cypher", cypher(nodes, edges).encode("utf-8"))
