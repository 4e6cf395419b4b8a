from __future__ import annotations

import pytest

from kg.dates import find_dates


@pytest.mark.parametrize("text, ref, iso, precision", [
    ("2022年3月16日", None, "2022-03-16", "day"),
    ("2022 年 3 月 16 日", None, "2022-03-16", "day"),
    ("2020-08-25 06:44", None, "2020-08-25", "day"),
    ("二○二五年五月十四日", None, "2025-05-14", "day"),
    ("二〇二三年十二月三十一日", None, "2023-12-31", "day"),
    ("3月11日", "2022-03-16", "2022-03-11", "day"),
    ("2021年以来", None, "2021", "year"),
    ("2023年6月", None, "2023-06", "month"),
])
def test_dates(text, ref, iso, precision):
    found = find_dates(text, ref)
    assert (found[0].iso, found[0].precision) == (iso, precision)


def test_year_less_date_without_reference_is_not_guessed():
    assert find_dates("3月11日") == ()


def test_impossible_dates_are_dropped():
    assert [d.iso for d in find_dates("2023年2月30日与2023年2月28日")] == ["2023-02-28"]
