"""The flat tables behind the csv, xlsx and neo4j exports, their data dictionary, and bundles.

    adoptions   one row per reported adoption, with its evidence sentence, source file and date
    entities    one row per node of the entity graph (see `kg.network.entity_graph`)
    relations   one row per edge of the entity graph

`TABLES` names every column with an English and a Chinese description; the data dictionary
written beside the tables is made from it, so the two cannot drift. `bundle(path)` collects
named files into a folder, or into a zip archive when the name has a `.zip` suffix.
"""
from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.store import Store

Row = dict[str, Any]

#: table → [(column, key in the query's rows, description, 说明)]
TABLES: dict[str, list[tuple[str, str, str, str]]] = {
    "adoptions": [
        ("adoption", "adoption", "IRI of the adoption record", "推行记录的 IRI"),
        ("place", "place", "IRI of the adopting place", "推行地的 IRI"),
        ("place_label", "placeLabel", "official name of the place", "推行地名称"),
        ("adcode", "adcode", "GB/T 2260 administrative code of the place", "推行地行政区划代码"),
        ("measure", "measure", "IRI of the measure", "举措的 IRI"),
        ("measure_label", "measureLabel", "canonical name of the measure", "举措规范名称"),
        ("category", "category", "category of the measure", "举措类别"),
        ("date", "date", "date of the adoption as reported (YYYY-MM-DD)", "推行日期（按报道）"),
        ("date_precision", "precision", "precision of the date: day, month, year or approximate",
         "日期精度：日、月、年或约略"),
        ("stage", "stage", "stage reported: planned, launched, extended, promoted, reported …",
         "推行阶段：计划、启动、推广、深化、报道等"),
        ("evidence", "surface", "the words naming the measure, as written",
         "原文中指称该举措的字样"),
        ("evidence_sentence", "sentence", "the sentence stating the adoption, the measure in 【】",
         "陈述该推行事实的原句，举措以【】标出"),
        ("headline", "headline", "headline of the news item", "信息标题"),
        ("item", "item", "IRI of the news item", "信息条目的 IRI"),
        ("source_file", "sourceFile", "name of the input file", "来源文件名"),
        ("document", "document", "IRI of the source document", "来源文件的 IRI"),
        ("issued", "issued", "date the source document was issued", "来源文件印发日期"),
        ("publisher", "publisher", "agency that published the source document", "来源文件发布机构"),
    ],
    "entities": [
        ("id", "node", "IRI of the entity", "实体的 IRI"),
        ("kind", "kind", "place, measure, category, agency, official, policy_document or "
         "source_document", "实体类型"),
        ("label", "label", "canonical name (file name for source documents)", "规范名称"),
        ("alt_labels", "altLabels", "other names seen, separated by |", "别称，以 | 分隔"),
        ("adcode", "adcode", "GB/T 2260 administrative code (places)", "行政区划代码（地方）"),
        ("level", "level", "province, prefecture or county (places)", "行政级别（地方）"),
        ("lat", "lat", "latitude, WGS84 (places)", "纬度（地方）"),
        ("long", "long", "longitude, WGS84 (places)", "经度（地方）"),
        ("category", "category", "category of a measure", "举措类别"),
        ("confidence", "confidence", "confidence of a candidate measure not in the thesaurus",
         "候选举措的置信度"),
        ("issued", "issued", "date a document was issued", "文件印发日期"),
        ("source_file", "sourceFile", "input file name (source documents)", "来源文件名"),
    ],
    "relations": [
        ("source", "source", "IRI of the entity the relation starts from", "关系起点实体的 IRI"),
        ("relation", "relation", "ADOPTS, MENTIONS, WITHIN, LOCATED_IN, HOLDS_POST, PUBLISHED_BY, "
         "HOME_PLACE, ISSUED_BY or BROADER", "关系类型"),
        ("target", "target", "IRI of the entity the relation points to", "关系终点实体的 IRI"),
        ("weight", "weight", "adoption reports (ADOPTS), news items (MENTIONS), posts "
         "(HOLDS_POST), else 1", "报道次数、信息条数或任职数，其余为 1"),
        ("date", "date", "first adoption date (ADOPTS) or issue date (ISSUED_BY)",
         "最早推行日期或发文日期"),
        ("date_precision", "precision", "precision of that date (ADOPTS)", "日期精度"),
        ("title", "title", "post titles held (HOLDS_POST), separated by |", "所任职务，以 | 分隔"),
    ],
}


def columns(table: str) -> list[str]:
    """The column names of a table.

    >>> columns("relations")[:3]
    ['source', 'relation', 'target']
    """
    return [c for c, *_ in TABLES[table]]


def dictionary() -> list[Row]:
    """The data dictionary: one row per (table, column)."""
    return [{"table": t, "column": c, "description": en, "说明": zh}
            for t, spec in TABLES.items() for c, _, en, zh in spec]


def _project(table: str, rows: list[Row]) -> list[Row]:
    return [{c: row.get(key) for c, key, *_ in TABLES[table]} for row in rows]


def evidence_sentence(text: str | None, start: int | None, end: int | None, surface: str | None) -> str:
    """The sentence of an item's text that holds the evidence span, the span in 【】.

    Falls back to the first occurrence of the surface form when the offsets do not fit.

    >>> evidence_sentence("前言。郑州市推行一网通办。后记。", 8, 12, "一网通办")
    '郑州市推行【一网通办】。'
    """
    from kg.explain import sentence_around

    if not text:
        return ""
    if start is None or end is None or not 0 <= start < end <= len(text):
        at = text.find(surface) if surface else -1
        if at < 0:
            return ""
        start, end = at, at + len(surface or "")
    return sentence_around(text, start, end)


def adoption_table(store: Store) -> list[Row]:
    """Every reported adoption with its evidence sentence (query `adoption-events`)."""
    from kg.query import table

    rows = table(store, "adoption-events")
    for r in rows:
        r["sentence"] = evidence_sentence(r.get("text"), r.get("textStart"), r.get("textEnd"),
                                          r.get("surface"))
    return _project("adoptions", rows)


def entity_tables(store: Store) -> tuple[list[Row], list[Row]]:
    """The entities and relations tables (queries `entity-nodes`, `entity-edges`)."""
    from kg.analysis import entity_rows

    nodes, edges = entity_rows(store)
    return _project("entities", nodes), _project("relations", edges)


def text(value: Any) -> str:
    """A cell as text: ISO dates, plain decimals, '' for None.

    >>> text(date(2024, 3, 1)), text(Decimal("113.19")), text(None)
    ('2024-03-01', '113.19', '')
    """
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def is_zip(path: Path) -> bool:
    """Whether a multi-file export goes into a zip archive (a `.zip` anywhere in its suffixes).

    >>> is_zip(Path(".tables.partial.zip")), is_zip(Path("tables.zip.part")), is_zip(Path("out"))
    (True, True, False)
    """
    return ".zip" in (s.lower() for s in path.suffixes)


@contextmanager
def bundle(path: Path) -> Iterator[Callable[[str, bytes], None]]:
    """Yield `put(name, data)` that adds a file to a folder or zip at `path`.

    On an error the half-written folder or archive is removed before the error propagates.
    """
    path = Path(path)
    try:
        if is_zip(path):
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                yield archive.writestr
        else:
            path.mkdir(parents=True, exist_ok=True)
            yield lambda name, data: (path / name).write_bytes(data)
    except BaseException:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        raise
