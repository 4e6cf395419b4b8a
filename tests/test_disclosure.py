"""The table heading a government information-disclosure page: labels, values, where it ends."""
from __future__ import annotations

from kg.clean import clean
from kg.disclosure import info_table
from kg.head import split_lines


def table(text: str):
    lines = split_lines(clean(text).view)
    return info_table(lines), lines


def test_values_on_the_label_lines_and_two_cells_on_one_line():
    t, lines = table("索引号: 00456/2021-1  主题分类: 政务公开\n标题: 某市优化营商环境若干措施\n"
                     "成文日期: 2021年3月4日  发文字号: 某政发〔2021〕3号\n第一条 为优化营商环境，制定本措施。")
    assert (t.title, t.day, t.publisher) == ("某市优化营商环境若干措施", "2021-03-04", None)
    assert lines[t.end].text.startswith("第一条")


def test_an_empty_label_does_not_take_the_next_label_as_its_value():
    t, _ = table("名称:\n某县容缺受理办法\n发布机构:\n生成日期:\n2020-06-01\n文号:\n正文。")
    assert (t.title, t.publisher, t.day) == ("某县容缺受理办法", None, "2020-06-01")


def test_the_title_line_after_a_last_empty_label_starts_the_text():
    t, lines = table("名称: 某县容缺受理办法\n索引号: 0001\n是否有效:\n某县容缺受理办法\n正文。")
    assert lines[t.end].text == "某县容缺受理办法"


def test_two_labelled_lines_are_no_table():
    t, _ = table("关于推行容缺受理的通知\n名称: 容缺受理\n生成日期: 2022-05-06\n正文开始，各乡镇。")
    assert t is None
