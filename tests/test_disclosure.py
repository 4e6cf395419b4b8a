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


def test_the_page_s_publication_date_wins_and_the_first_of_several_issuing_bodies_publishes():
    t, _ = table("索  引  号:  11220100MB/2024-00117  主题分类:  市场监管\n"
              "发文机关:  某市营商环境建设局  某市司法局  某市市场监督管理局  成文日期:  2024年04月22日\n"
              "标  题:  关于印发某某办法的通知\n发文字号:  某营商联发〔2024〕3号  发布日期:  2024年04月26日\n"
              "关于印发某某办法的通知\n各县（市）区人民政府：")
    assert (t.title, t.day, t.publisher) == ("关于印发某某办法的通知", "2024-04-26", "某市营商环境建设局")
