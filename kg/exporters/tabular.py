"""CSV and Excel exports of the adoption, entity and relation tables, with a data dictionary.

csv (`kg export --format csv -o tables.zip`, or `-o tables` for a folder):

    adoptions.csv         one row per reported adoption: place, measure, date and precision,
                          stage, evidence sentence (measure in 【】), headline, source file
    entities.csv          one row per entity (places in use and their parents, measures,
                          categories, agencies, officials, policy and source documents)
    relations.csv         one row per typed relation between entities
    data_dictionary.csv   table, column, description, 说明

Every file is UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly; dates are
YYYY-MM-DD and missing values are empty.

xlsx (`kg export --format xlsx -o tables.xlsx`): one workbook with the sheets `adoptions`,
`entities`, `relations` and `data dictionary`, a frozen bold header row with filters, and real
date cells. Needs openpyxl.
"""
from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError
from kg.exporters.tables import adoption_table, bundle, columns, dictionary, entity_tables, text

if TYPE_CHECKING:
    from kg.store import Store

Row = dict[str, Any]
DICTIONARY_COLUMNS = ["table", "column", "description", "说明"]


def _tables(store: Store) -> dict[str, tuple[list[str], list[Row]]]:
    entities, relations = entity_tables(store)
    return {"adoptions": (columns("adoptions"), adoption_table(store)),
            "entities": (columns("entities"), entities),
            "relations": (columns("relations"), relations),
            "data dictionary": (DICTIONARY_COLUMNS, dictionary())}


def csv_bytes(header: list[str], rows: list[Row]) -> bytes:
    """Rows as CSV text in UTF-8 with a BOM (what Excel needs to read Chinese).

    >>> csv_bytes(["地方"], [{"地方": "平顶山市"}])[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([text(row.get(c)) for c in header] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def write_csv(store: Store, path: Path) -> None:
    """Write the tables as UTF-8-with-BOM CSV files into a folder or a .zip."""
    with bundle(path) as put:
        for name, (header, rows) in _tables(store).items():
            put(name.replace(" ", "_") + ".csv", csv_bytes(header, rows))


def write_xlsx(store: Store, path: Path) -> None:
    """Write the tables as the sheets of one Excel workbook."""
    try:
        from openpyxl import Workbook
    except ImportError as e:
        raise StoreError("the xlsx export needs openpyxl: pip install openpyxl") from e
    book = Workbook()
    book.remove(book.active)
    for name, (header, rows) in _tables(store).items():
        _sheet(book.create_sheet(name), header, rows)
    try:
        book.save(path)
    except (OSError, ValueError) as e:
        raise StoreError(f"{path}: cannot write the workbook: {e}") from e


def _sheet(sheet: Any, header: list[str], rows: list[Row]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(row.get(c)) for c in header])
    for k, name in enumerate(header, start=1):
        widest = max([len(name)] + [len(text(r.get(name))) for r in rows[:200]])
        sheet.column_dimensions[get_column_letter(k)].width = min(60, max(8, widest * 1.6))
        if name in {"date", "issued"}:
            for cell in sheet[get_column_letter(k)][1:]:
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _cell(value: Any) -> Any:
    """A value openpyxl can store: dates and numbers as such, text without control characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, (int, float, date)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))
