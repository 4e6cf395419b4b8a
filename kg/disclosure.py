"""Read the table heading a government information-disclosure page (政府信息公开).

Such a page opens with a table of the text's metadata before the text itself: 索引号, 名称,
信息分类, 发布机构, 生成日期, 文号, 是否有效 … each label followed by its value on the same line or,
when the page lost its table layout, on the next line. The labels and what each gives are in
``kg/data/info_table.tsv``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg import DATA_DIR
from kg.dates import find_dates

if TYPE_CHECKING:
    from kg.head import Line

#: how far down a page the table may start (a site's toolbar and breadcrumb may come first)
TABLE_SEARCH_LINES = 20
#: a longer 名称 value is not a title (the table swallowed the text)
MAX_TITLE = 120
#: bullets a table's cells keep from the page's list markup
CELL_MARKS = "•·・●▪◦-— "


@dataclass(slots=True)
class InfoTable:
    """What a disclosure table gives, and the index of the first line after it."""

    end: int
    title: str | None = None
    day: str | None = None
    publisher: str | None = None
    pub_span: tuple[int, int] | None = None


@cache
def _table_labels() -> tuple[dict[str, str], re.Pattern[str]]:
    """The labels of a disclosure table (kg/data/info_table.tsv) by what they give, and a pattern
    finding any of them before its colon, letter-spaced or not (名  称:, 索 引 号:)."""
    from kg.gazetteer import read_tsv

    fields = {row[0]: row[1] for row in read_tsv(DATA_DIR / "info_table.tsv")}
    spaced = sorted((r"\s*".join(map(re.escape, label)) for label in fields), key=len, reverse=True)
    return fields, re.compile(rf"({'|'.join(spaced)})\s*[:：]")


def _table_cells(lines: Sequence[Line], k: int) -> tuple[list[tuple[str, str, Line]], int]:
    """The (label, value, line) cells of a table row at lines[k], and the index after it: values
    follow their label on the line, or stand alone on the next line when the label ends it."""
    fields, label_re = _table_labels()
    t = lines[k].text.lstrip(CELL_MARKS)
    found = list(label_re.finditer(t))
    if not found or found[0].start() > 0:
        return [], k
    cells = []
    for m, nxt in zip(found, [*found[1:], None]):
        value = t[m.end():nxt.start() if nxt else len(t)].strip()
        cells.append((fields[re.sub(r"\s", "", m.group(1))], value, lines[k]))
    k += 1
    if not cells[-1][1] and k < len(lines) and not _table_cells(lines, k)[0]:
        value = lines[k].text.lstrip(CELL_MARKS).strip()
        cells[-1], k = (cells[-1][0], value, lines[k]), k + 1
    return cells, k


def info_table(lines: Sequence[Line]) -> InfoTable | None:
    """Read the table heading a government information-disclosure page (索引号, 名称, 发布机构,
    生成日期 …), or None when the page opens with no such table (fewer than three of its labels
    in a run)."""
    for start in range(min(len(lines), TABLE_SEARCH_LINES)):
        cells, k = _table_cells(lines, start)
        while cells and k < len(lines):
            more, k2 = _table_cells(lines, k)
            if not more:
                break
            cells, k = cells + more, k2
        if len(cells) >= 3:
            return _from_cells(cells, k)
    return None


def _from_cells(cells: list[tuple[str, str, Line]], end: int) -> InfoTable:
    """The fields a table's cells fill; the first value of a field wins, an empty value is none."""
    table = InfoTable(end)
    for field, value, line in cells:
        if field == "title" and value and table.title is None and len(value) <= MAX_TITLE:
            table.title = value
        elif field in ("date", "published") and (table.day is None or field == "published"):
            days = [d for d in find_dates(value) if d.precision == "day"]
            table.day = days[0].iso if days else table.day  # 发布日期 over 成文日期: the page's own
        elif field == "publisher" and value and table.publisher is None and len(value) <= 30:
            value = re.split(r"\s{2,}|、", value)[0]  # 发文机关: 甲局　乙局: the first of the bodies
            at = line.start + line.text.find(value)
            table.publisher, table.pub_span = value, (at, at + len(value))
    field, value, _ = cells[-1]
    if field != "title" and value and value == table.title:
        table.end -= 1  # the last label was empty: the line after it is the text's title line
    return table


