"""HTML reading: main content only, blocks as lines, furniture and scripts dropped."""
from __future__ import annotations

import pytest

from kg.errors import IngestError
from kg.read import read
from kg.read.html import extract

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>示范区企业开办一日办结_示范区管委会</title>
<script>var banner = "脚本里的中文不应出现";</script>
<style>.x { color: red }</style></head>
<body>
<div class="site-header"><a href="/">首页</a><a href="/gk">政务公开</a></div>
<nav><ul><li>新闻中心</li><li>互动交流</li></ul></nav>
<div class="breadcrumb">当前位置：首页 &gt; 工作动态</div>
<div class="wrap">
  <div id="zoom" class="article-content">
    <h1>示范区企业开办一日办结</h1>
    <p>今年以来，示范区把企业开办的
       五个环节合并为一个。</p>
    <p>申请人<b>一次提交</b>材料<br>当日领取执照。</p>
    <ul><li>网上申报</li><li>窗口领照</li></ul>
    <table><tr><td>环节</td><td>时限</td></tr><tr><td>登记</td><td>半日</td></tr></table>
    <div class="share-bar">分享到：微信 微博</div>
    <noscript>请启用脚本</noscript>
  </div>
  <aside>热点新闻 推荐阅读</aside>
</div>
<footer>版权所有 示范区管委会 网站标识码0000</footer>
</body></html>"""


def test_main_content_blocks_are_lines(write):
    raw = read(write("page.html", PAGE))
    assert raw.fmt == "html"
    assert raw.encoding == "utf-8"
    assert raw.text.split("\n") == [
        "示范区企业开办一日办结",
        "今年以来，示范区把企业开办的 五个环节合并为一个。",
        "申请人一次提交材料",
        "当日领取执照。",
        "网上申报",
        "窗口领照",
        "环节\t时限",
        "登记\t半日",
    ]


@pytest.mark.parametrize(
    "furniture", ["脚本", "color", "首页", "新闻中心", "当前位置", "分享到", "启用脚本", "热点", "版权所有"]
)
def test_furniture_is_dropped(write, furniture):
    assert furniture not in read(write("page.html", PAGE)).text


def test_title_is_not_prepended_when_there_is_a_headline(write):
    assert "示范区管委会" not in read(write("page.htm", PAGE)).text


def test_title_is_prepended_without_headline():
    markup = "<html><head><title>窗口服务再提速</title></head><body><p>正文一段。</p></body></html>"
    assert extract(markup) == "窗口服务再提速\n正文一段。"


def test_gbk_page(write):
    markup = PAGE.replace('charset="utf-8"', 'charset="gbk"')
    raw = read(write("gbk.html", markup, "gb18030"))
    assert raw.encoding == "gb18030"
    assert raw.text.startswith("示范区企业开办一日办结\n")


def test_page_wrapped_in_a_form_keeps_its_text():
    markup = "<body><form id='form1'><div class='menu'>导航</div><p>整页包在表单里的正文。</p></form></body>"
    assert extract(markup) == "整页包在表单里的正文。"


def test_article_header_with_headline_is_kept():
    markup = (
        "<body><header>站点名称</header><article><header><h1>标题在页眉里</h1></header>"
        "<p>正文内容足够长，才算主要内容。</p></article></body>"
    )
    assert extract(markup) == "标题在页眉里\n正文内容足够长，才算主要内容。"


def test_deep_nesting_does_not_crash(write):
    depth = 5000
    markup = "<div class='content'>" * depth + "<p>深处的正文</p>" + "</div>" * depth
    assert read(write("deep.html", markup)).text == "深处的正文"


def test_page_without_text_is_refused(write):
    path = write("blank.html", "<html><body><script>var a = 1;</script></body></html>")
    with pytest.raises(IngestError) as err:
        read(path)
    assert err.value.path == str(path)
    assert "no visible text" in err.value.problem


def test_binary_named_html_is_refused(write):
    path = write("image.html", bytes(range(256)) * 8)
    with pytest.raises(IngestError, match="not text"):
        read(path)


def test_title_is_not_prepended_when_the_page_shows_it_already():
    # the title repeats the page's first line, or is its headline with the site's name after it
    markup = ("<html><head><title>{}</title></head><body><div class='content'><p>某市人民政府</p>"
              "<p>某区推行帮办代办</p><p>正文一段。</p></div></body></html>")
    assert extract(markup.format("某市人民政府")).startswith("某市人民政府\n某区推行帮办代办")
    assert extract(markup.format("某区推行帮办代办_某市人民政府")).startswith("某市人民政府\n")


STORY = ("<p>近日，某区行政审批局推行拿地即开工改革，项目取得土地当天即可开工建设。</p>"
         "<p>改革以来，已有十二个工业项目受益，平均开工时间提前三个月，企业投资信心明显增强。</p>"
         "<p>下一步，该局将把改革范围扩大到全部工业项目，并推行联合验收和不动产首次登记同步办理。</p>")


@pytest.mark.parametrize("headline", ['<h1>某区推行拿地即开工</h1>', '<div class="news-title">某区推行拿地即开工</div>'])
def test_the_headline_and_date_line_beside_the_texts_container_are_kept(headline):
    # the text sits in its own <div id="zoom">; the headline and the date/source line are its siblings
    page = (f'<html><head><title>某区推行拿地即开工_某市人民政府</title></head><body>'
            f'<div class="nav">首页 政务公开 互动交流 办事服务</div>'
            f'<div class="main"><div class="side-list">热点新闻 推荐阅读</div><div class="article">{headline}'
            '<div class="info">发布时间：2024-03-08　来源：某区行政审批局</div>'
            '<div id="zoom">' + STORY + '</div></div></div>'
            '<div class="footer">版权所有：某市人民政府办公室 主办单位：某市人民政府</div></body></html>')
    lines = extract(page).split("\n")
    assert lines[:2] == ["某区推行拿地即开工", "发布时间：2024-03-08　来源：某区行政审批局"]
    assert not any("热点" in ln or "版权" in ln or "首页" in ln for ln in lines)


def test_a_whole_column_with_its_sidebar_is_not_taken_for_the_articles_head():
    side = "".join(f"<li>其他新闻标题第{n}条很长很长的标题文字</li>" for n in range(2))
    page = ('<html><body><div class="col"><h2>图片新闻</h2><ul class="list">' + side + '</ul>'
            '<div id="zoom">' + STORY + '</div></div></body></html>')
    assert extract(page).startswith("近日")


def test_a_page_of_several_stories_keeps_them_and_drops_the_right_column_and_top_bar():
    stories = "".join(f'<div class="news-item"><h3>某县推行第{n}项改革</h3><p class="meta">发布日期：2024-06-2{n}'
                      f'　来源：某县人民政府</p><p>{STORY}</p></div>' for n in range(1, 4))
    page = ('<html><body><div id="topbar"><span>欢迎访问某市人民政府门户网站</span></div>'
            '<div id="container"><div class="left-col"><h2>县区动态</h2>' + stories + '</div>'
            '<div class="right-col"><div class="box"><h4>专题专栏</h4><ul><li>优化营商环境专题</li>'
            '<li>沿边开发开放专题</li></ul></div></div></div></body></html>')
    text = extract(page)
    assert "某县推行第3项改革" in text and text.count("发布日期") == 3
    assert "专题专栏" not in text and "优化营商环境专题" not in text and "欢迎访问" not in text


def _opens_with_and_lacks(page: str, head: list[str], furniture: tuple[str, ...]) -> None:
    """The page's text opens with these lines (headline, date/source line) and holds none of the
    furniture's words."""
    lines = extract(page).split("\n")
    assert lines[:len(head)] == head
    assert not any(word in ln for ln in lines for word in furniture), lines


def test_an_article_beside_a_list_keeps_its_headline_and_date_line_without_its_prev_next_and_related_links():
    links = "".join(f"<li><a>某区召开第{n}次窗口服务质量点评会议</a><span>2024-06-1{n}</span></li>" for n in range(5))
    page = ('<html><head><title>某市推行一证多址改革-某市政务服务管理办公室</title></head><body>'
            '<div id="left"><h3>工作动态</h3><ul class="list">' + links + '</ul></div>'
            '<div id="main"><h1 class="title">某市推行一证多址改革</h1>'
            '<div class="meta">发布日期：2024-06-18　信息来源：某市政务服务管理办公室</div>'
            '<div class="content"><p>' + STORY + '</p></div>'
            '<div class="prevnext"><p>上一篇：某区召开窗口服务质量点评会议并部署下一阶段工作</p>'
            '<p>下一篇：某市政务服务与金融便企服务专区首发</p></div>'
            '<div class="related"><h4>相关链接</h4><ul><li>某省推行一业一证改革再扩围</li></ul></div></div></body></html>')
    _opens_with_and_lacks(page, ["某市推行一证多址改革", "发布日期：2024-06-18　信息来源：某市政务服务管理办公室"],
                          ("上一篇", "相关链接", "点评会议"))


def test_a_column_of_other_stories_links_in_the_same_wrapper_is_not_the_article():
    # the wrapper the page names "main" holds a left column of linked headlines with their dates
    # and the article on the right: the article's own container is the text
    links = "".join(f'<li><a href="/a{n}.html">某区召开第{n}季度营商环境监督员座谈会并部署工作</a>'
                    f"<span>2024-0{n + 1}-10</span></li>" for n in range(6))
    page = ('<html><body><div id="main"><div class="left"><div class="col-title">工作动态</div>'
            '<ul class="list">' + links + '</ul></div><div class="right">'
            '<h2 class="art-title">某区推行项目管家服务</h2>'
            '<div class="art-info">发布日期：2024年09月12日　来源：某区营商环境建设局</div>'
            '<div class="art-content"><p>' + STORY + '</p></div></div></div></body></html>')
    _opens_with_and_lacks(page, ["某区推行项目管家服务", "发布日期：2024年09月12日　来源：某区营商环境建设局"],
                          ("座谈会", "工作动态"))


def test_a_headline_and_source_line_that_are_children_of_the_body_beside_the_text_are_kept():
    page = ('<html><body><div class="header">某市人民政府　<a>首页</a>　<a>政务公开</a></div>'
            '<div class="title">某市推行综合查一次改革</div>'
            '<div class="source">来源：某市营商环境建设局　　发布时间：2024-04-26 15:40</div>'
            '<div class="text">' + STORY + '</div><div class="footer">主办单位：某市人民政府办公厅</div></body></html>')
    _opens_with_and_lacks(page, ["某市推行综合查一次改革", "来源：某市营商环境建设局　　发布时间：2024-04-26 15:40"],
                          ("主办单位", "首页"))


def test_a_block_of_related_information_closing_the_article_is_not_its_text():
    page = ('<html><body><div id="artibodyTitle"><h1>某区推行电水气暖一件事</h1></div>'
            '<div class="source">信息来源：某区融媒体中心　　发布时间：2024年07月09日 10:32</div>'
            '<div id="artibody">' + STORY + '</div>'
            '<div id="xgxx"><div class="tit">相关信息</div><ul><li>·某县召开优化营商环境推进会(2024-07-08)</li>'
            '<li>·某县开展联合抽查(2024-07-05)</li></ul></div></body></html>')
    text = extract(page)
    assert "推进会" not in text and "联合抽查" not in text and "相关信息" not in text
