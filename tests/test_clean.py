"""Text repair: each operation, the offset map, the simplified view, and properties."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.clean import _furniture, clean, simplify
from kg.records import CleanText, RawText


def _text(source: str) -> str:
    return clean(source).text


def _maps_back(c: CleanText) -> None:
    """Every clean character comes from an equal, NFKC-equal or whitespace original character, or
    is the middle dot a transliterated name's dot is written as (努尔兰•哈力木别克 → ·)."""
    previous = -1
    for i, char in enumerate(c.text):
        o = c.to_original(i)
        assert 0 <= o < len(c.original)
        assert o >= previous  # offsets never go back
        previous = o
        source = c.original[o]
        assert (
            char == source
            or unicodedata.normalize("NFKC", source) == char
            or (char.isspace() and source.isspace())
            or (char == "·" and source in "•・‧∙⋅.．")
        ), (i, char, source)


# --- page markers -------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["- 1 -", "—2—", "— 12 —", "－３－", "第 3 页", "第3页 共5页", "  - 7 -  "])
def test_page_marker_lines_are_dropped(marker):
    assert _text(f"上一页的正文\n{marker}\n下一页的正文") == "上一页的正文\n下一页的正文"


def test_page_words_inside_a_sentence_stay():
    assert _text("详见第3页的附表。") == "详见第3页的附表。"


# --- spacing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spaced", "joined"),
    [
        ("内 部 资 料", "内部资料"),
        ("2023 年 7 月 9 日", "2023年7月9日"),
        ("省道 318 线", "省道318线"),
        ("“ 一 网 通 办 ”", "“一网通办”"),
        ("（ 15 ）", "(15)"),
        ("２０２３ 年", "2023年"),
    ],
)
def test_letter_spacing_is_removed(spaced, joined):
    assert _text(spaced) == joined


@pytest.mark.parametrize("kept", ["GIS data system", "2023 2024", "上线 GIS 平台", "A 级"])
def test_single_spaces_between_latin_stay(kept):
    assert _text(kept) == kept


@pytest.mark.parametrize("gap", ["  ", "      ", "\u3000", "\u3000\u3000", "\t", " \t "])
def test_wide_gaps_become_two_spaces(gap):
    assert _text(f"办事更便捷{gap}本市推出新举措") == "办事更便捷  本市推出新举措"


def test_leading_and_trailing_spaces_go():
    assert _text("\u3000\u3000首行缩进的段落。   \n  第二段。\t") == "首行缩进的段落。\n第二段。"


# --- width and invisible characters ---------------------------------------------------------


def test_full_width_forms_become_ascii():
    assert _text("（一）比上年增长１２％，达到ＡＢＣ：甲；乙！") == "(一)比上年增长12%,达到ABC:甲;乙!"


def test_cjk_punctuation_and_curly_quotes_stay():
    kept = "《条例》规定：“首违不罚”、【要点】。"
    assert _text(kept) == "《条例》规定:“首违不罚”、【要点】。"


def test_a_scrapers_front_matter_is_dropped_and_offsets_still_map_back():
    source = "url: http://example.com/a.html\ntitle: 某市推行一网通办\ndate: unknown\ncomplete: partial\n---\n\n某市推行一网通办。"
    c = clean(source)
    assert c.text == "某市推行一网通办。"
    assert c.original[c.to_original(0):].startswith("某市推行一网通办。")
    assert clean("title: 不是元数据\n正文第一段。").text == "title: 不是元数据\n正文第一段。"  # no closing ---


def test_corner_brackets_stay_in_the_text_and_quote_in_the_view():
    c = clean("以「安心辦」服務品牌為抓手，推行『多評合一』")
    assert c.text == "以「安心辦」服務品牌為抓手,推行『多評合一』"
    assert c.view == "以“安心办”服务品牌为抓手,推行‘多评合一’"


def test_non_breaking_space_and_zero_width():
    assert _text("party\u00a0A signs\u200b here\ufeff.") == "party A signs here."


# --- pinyin glosses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glossed", "plain"),
    [
        ("减少干预(gānyù)", "减少干预"),
        ("办(bàn)事(shì)", "办事"),
        ("便利（biànlì）", "便利"),
        ("綠(lǜ)色", "綠色"),
        ("女(nü)士", "女士"),
        ("長(cháng) 安(ān)", "長安"),
    ],
)
def test_pinyin_glosses_are_removed(glossed, plain):
    assert _text(glossed) == plain


@pytest.mark.parametrize("kept", ["平台(GIS)", "型号(M0)", "方案(2023)", "办法(试行)", "词(ganyu)", "Wang(wáng)"])
def test_other_parentheses_stay(kept):
    assert _text(kept) == kept


# --- furniture ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "分享到：微信 微博 QQ空间",
        "打印此文",
        "【打印本页】 【关闭窗口】",
        "【打印】【关闭】",
        "【字体：大 中 小】",
        "字体：大中小",
        "扫一扫在手机打开当前页",
        "photo_2023.jpg",
        "![](images/a.png)",
        "![]()",
        "浙ICP备12345678号-1",
        "版权所有：某某市人民政府办公室",
        "网站标识码：0000000000",
        "浙公网安备 33000000000000号",
        "您当前所在位置：首页 > 政务公开 > 工作动态",
        "主办单位：某某市人民政府办公室  承办单位：某某市大数据中心",
        "版權所有：某某市人民政府",
        "閩ICP備00000000號",
        "某某皮肤病专科医院 http://example.com/a/1.html",
        "点击进入www.example.com",
        "• 关怀版",
        "无障碍",
        "简体 | 繁体 | 登录",
        "·",
        "• •",
        "【资料图】",
        "[图片]",
        "报：市委、市政府领导",  # a bulletin's distribution list
        "送：各县（市、区）人民政府，市直各部门",
        "（本期编辑：某某某　审核：某某）",
        "（报：区委、区政府领导　送：区级各部门）",
        "首页   政务公开   政务服务   互动交流   专题专栏",  # a portal's menu
        "搜索 请输入关键词",
        "━━━━━━━━━━━━━━━━━━━━",  # a rule of box-drawing characters
        "首页\u3000政务公开\u3000政务服务\u3000互动交流\u3000走进某区",  # a menu set with ideographic spaces
        "相关链接：中国政府网\u3000某省人民政府\u3000某市人民政府",  # a footer's links to other sites
        "主办：某区人民政府办公室\u3000\u3000承办：某区数字建设服务中心",  # the site's organiser and builder
        "首页 | 政务公开 | 政务服务 | 互动交流 | 走进某市",  # a menu with bars between
        "无障碍浏览\u3000\u3000长者模式\u3000\u3000English",  # a toolbar spaced out
        "无障碍浏览 | 长者模式 | 繁体版 | 登录 | 注册",
        "【打印本页】\u3000\u3000【关闭窗口】",  # tools set apart with ideographic spaces
        "网站首页  政务公开  政务服务  互动交流  走进某区",  # a menu opening on 网站首页
        "某某日报 | 数字报 | 某报客户端",  # a newspaper site's bar of channels
        "点击蓝字\u3000关注我们",  # a WeChat article's call to follow, above its title
        "阅读原文",
        "分享\u3000收藏\u3000点赞\u3000在看",
        "发：各县（市、区）优化营商环境工作领导小组办公室",  # a bulletin's distribution list
        "————————————————————",  # a rule of dashes
        "某某新闻网 > 市县新闻 > 某市",  # a breadcrumb opening on the site's name
        "【收藏本站】 【设为首页】  搜索 ______ [检索]",  # a portal's tools and its search box
        "🔍 搜索",
        "【相关链接】 某市人民政府  某省人民政府  中国政府网",  # a footer's links, the label in brackets
        "请输入关键词                                搜索",  # the search box, the button after it
        "欢迎访问某市人民政府门户网站 壮文版 | English | 无障碍 | 手机版",  # a portal's welcome line
        "网站支持IPv6  |  手机版  |  简 / 繁  |  无障碍浏览",  # a toolbar, a tool with spaces inside
        "--------------------",  # a rule of hyphens
    ],
)
def test_furniture_lines_are_dropped(line):
    assert _text(f"正文第一段。\n{line}\n正文第二段。") == "正文第一段。\n正文第二段。"


@pytest.mark.parametrize("line", ["责任编辑：李四", "窗口提供免费打印服务。", "报送材料须在周五前完成。",
                                  "首页办理的事项有三项。", "搜索引擎优化培训班开班。", "市政府关闭了三个临时窗口。",
                                  "来源：某某新闻网 http://example.com/a.html", "详见某市政府网站 http://example.com 的公告。",
                                  "全市新建无障碍通道十二处。", "• 推行适老化改造",
                                  "【图片直播】", "主办：某区优化营商环境工作领导小组办公室",
                                  "企业开办|市市场监管局|已完成", "点击率同比增长三成。", "分享经验做法。",
                                  "——在全市优化营商环境推进会上的发言", "发展改革委推行承诺制。",
                                  "收入增长>10%的企业占六成。", "设为首页的栏目有三个。", "检索系统上线。",
                                  "欢迎企业来某区投资兴业。", "全市新建无障碍通道12处 | 完成率100% | 年度目标"])
def test_content_lines_are_kept(line):
    assert line.replace("：", ":") in _text(f"正文。\n{line}")


def test_traditional_content_is_not_simplified_in_the_text():
    assert _text("版權所有\n營商環境持續優化。") == "營商環境持續優化。"


def test_furniture_patterns_compile():
    assert _furniture().pattern


# --- lines --------------------------------------------------------------------------------


def test_blank_lines_go_and_lines_are_not_joined():
    source = "\n\n第一行没有结束\n   \n\u200b\n接着的一行。\n\n"
    assert _text(source) == "第一行没有结束\n接着的一行。"


def test_all_line_separators_become_newlines():
    assert _text("一\r\n二\r三\u2028四\x0c五") == "一\n二\n三\n四\n五"


@pytest.mark.parametrize("blank", ["", " ", "\n\n", "\u3000\n\t", "- 1 -"])
def test_nothing_left(blank):
    c = clean(blank)
    assert c.text == ""
    assert c.simplified == ""
    assert (c.clean_starts, c.orig_starts) == ((0,), (0,))


# --- offsets ------------------------------------------------------------------------------


def test_offsets_map_back_to_the_source_characters():
    source = "- 1 -\n内 部 交 流\n办(bàn)事指南（２０２３）　正文"
    c = clean(source)
    assert c.text == "内部交流\n办事指南(2023)  正文"
    for char in "内部交流办事指南正文":
        assert source[c.to_original(c.text.index(char))] == char
    assert source[c.to_original(c.text.index("("))] == "（"
    assert source[c.to_original(c.text.index("2"))] == "２"
    gap = c.text.index("  ")
    assert source[c.to_original(gap)] == source[c.to_original(gap + 1)] == "\u3000"
    start, end = c.span_to_original(c.text.index("指南"), c.text.index("指南") + 2)
    assert source[start:end] == "指南"
    _maps_back(c)


def test_runs_merge_while_contiguous():
    c = clean("没有任何需要修改的内容。")
    assert (c.clean_starts, c.orig_starts) == ((0,), (0,))


def test_raw_text_input():
    raw = RawText(path="x.txt", text="营商 环境\n", fmt="txt", encoding="utf-8")
    c = clean(raw)
    assert c.original == raw.text
    assert c.text == "营商环境"


# --- simplified view ----------------------------------------------------------------------


def test_simplified_view_has_the_same_length():
    c = clean("優化營商環境，推進「一網通辦」。")
    assert c.text == "優化營商環境,推進「一網通辦」。"
    assert c.simplified == "优化营商环境,推进“一网通办”。"  # corner brackets quote as “” do
    assert c.view == c.simplified


def test_simplify_keeps_lone_surrogates():
    assert simplify("營\ud800業") == "营\ud800业"
    assert clean("營 \ud800 業\udfff").text == "營 \ud800 業\udfff"


# --- properties ---------------------------------------------------------------------------

_PIECES = st.one_of(
    st.sampled_from(list("营商环境優化營業執照办事内部交流")),
    st.sampled_from([" ", "  ", "   ", "\u3000", "\n", "\n\n", "\t", "\u00a0", "\u200b"]),
    st.sampled_from(list("0123456789")),
    st.sampled_from(["(gānyù)", "（bàn）", "(GIS)", "(2023)", "(试行)", "- 1 -", "第3页"]),
    st.sampled_from(list("，：（）０１ＡＢ；！％")),
    st.sampled_from(list("abcXY.,。、《》“”【】")),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_property_every_character_maps_back(source):
    c = clean(source)
    _maps_back(c)
    assert len(c.simplified) == len(c.text)
    assert "\n\n" not in c.text
    assert not c.text.startswith(("\n", " ")) and not c.text.endswith(("\n", " "))
    assert all(line == line.strip(" ") for line in c.text.split("\n"))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_property_never_raises(source):
    c = clean(source)
    assert len(c.simplified) == len(c.text)
    assert list(c.clean_starts) == sorted(c.clean_starts)


def test_doctests():
    import doctest

    import kg.clean

    assert doctest.testmod(kg.clean).failed == 0


def test_the_copies_printed_and_the_distribution_on_one_line_are_furniture():
    assert clean("某区推行一网通办。\n本期共印50份　　送：区委、区人大常委会、区政府\n").text == "某区推行一网通办。"
