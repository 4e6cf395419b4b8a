"""Dates as bulletins write them: 2022年3月16日, 2022 年 3 月 16 日, 2020-08-25, 二○二五年五月十四日,
year-less 3月11日 (resolved from the issue date), and approximate 近日/今年/日前."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇○零O一二三四五六七八九十"

DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?|"
    r"[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2})(?!\d)|年)"
    rf"|(?P<cy>[{_CN}]{{4}})年(?:(?P<cm>[{_CN}]{{1,2}})月(?:(?P<cd>[{_CN}]{{1,3}})日)?)?"
    r"|(?<![\d年])(?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*[日号]"
    r"|(?<![\d年])(?P<m4>\d{1,2})月份?(?![\d日])"
)
APPROX_RE = re.compile(r"近日|日前|近期|今年以来|今年|本月|上月|去年|近年来|目前")


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as found: ISO value (yyyy, yyyy-mm or yyyy-mm-dd) and its precision."""

    iso: str
    precision: str  # "day", "month", "year" or "approximate"
    start: int
    end: int

    @property
    def as_date(self) -> str:
        """A full yyyy-mm-dd, first day of the month/year where the day is unknown."""
        parts = self.iso.split("-") + ["01", "01"]
        return "-".join(parts[:3])


def cn_number(text: str) -> int:
    """Read a small Chinese numeral (digit by digit, or with 十).

    >>> cn_number("二○二五"), cn_number("十四"), cn_number("五"), cn_number("二十")
    (2025, 14, 5, 20)
    """
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS.get(ch, 0)
    return value


def _valid(y: int, m: int | None, d: int | None) -> bool:
    try:
        date(y, m or 1, d or 1)
    except ValueError:
        return False
    return True


def _value(m: re.Match[str], ref_year: int | None) -> tuple[int | None, int | None, int | None]:
    g = m.groupdict()
    if g["y"]:
        mo, d = g["m"] or g["m2"], g["d"] or g["d2"]
        return int(g["y"]), int(mo) if mo else None, int(d) if d else None
    if g["cy"]:
        return (cn_number(g["cy"]), cn_number(g["cm"]) if g["cm"] else None,
                cn_number(g["cd"]) if g["cd"] else None)
    if g["m3"]:
        return ref_year, int(g["m3"]), int(g["d3"])
    return ref_year, int(g["m4"]), None


@lru_cache(maxsize=4096)
def find_dates(text: str, ref: str | None = None, offset: int = 0) -> tuple[DateValue, ...]:
    """Every date in `text`; year-less ones take the year of `ref` (an ISO date) or are dropped.

    >>> [d.iso for d in find_dates("2022年3月16日与3月11日", ref="2022-03-16")]
    ['2022-03-16', '2022-03-11']
    >>> [d.iso for d in find_dates("二○二五年五月十四日")]
    ['2025-05-14']
    """
    ref_year = int(ref[:4]) if ref else None
    out = []
    for m in DATE_RE.finditer(text):
        y, mo, d = _value(m, ref_year)
        if y is None or not _valid(y, mo, d):
            continue
        iso = f"{y:04d}" + (f"-{mo:02d}" if mo else "") + (f"-{d:02d}" if mo and d else "")
        precision = "day" if mo and d else "month" if mo else "year"
        out.append(DateValue(iso, precision, m.start() + offset, m.end() + offset))
    return tuple(out)


def first_full_date(text: str) -> DateValue | None:
    """The first date with year, month and day, or None."""
    return next((d for d in find_dates(text) if d.precision == "day"), None)
