"""A bulletin's masthead and its section headings.

The masthead is the block of lines above a bulletin's first item: series title (营商环境工作动态),
issue number (第3期, (9), 总第15期), compiler or publisher, date, and furniture such as a printing
permit (准印证, 内部资料). A section heading names a group of items: 【本地速览】, ■ 区内动态,
◆县域动态, 一、重点工作. `kg.segment` reads both with these, and cuts the items itself.
"""
from __future__ import annotations

import re

from kg.dates import find_dates
from kg.head import ROLE_BYLINE_RE, SENTENCE_END, SOURCE_ONLY_RE, Line, source_name
from kg.records import Masthead

SERIES_RE = re.compile(r"(工作)?(动态|简报|快报|专报|周报|月报|通讯|信息|要情|专刊|周刊|情况|导刊|会议纪要)(\s*[(（].*[)）])?$")
#: 第3期, (9), 总第15期, and a bare 第104 (a web copy that lost the 期)
ISSUE_RE = re.compile(r"^[(（]\s*(\d{1,4})\s*[)）]$|第\s*(\d{1,4})\s*期|总第\s*(\d{1,5})\s*期|^第\s*(\d{1,4})$")
#: a number alone on its line (102): under a series title, the issue number
BARE_ISSUE_RE = re.compile(r"^\d{1,4}$")
#: a masthead line that is a printing permit or a circulation note (番府准印证〔2001〕75号, 内部资料)
PERMIT_RE = re.compile(r"准印证|内部资料|内部交流|注意保存")
#: the period a weekly's or monthly's issue covers, in brackets on its own line: （8月5日—8月11日）,
#: （统计周期：11月13日—11月19日）, （2024年第23周　6月3日—6月9日）: its week is the issue
PERIOD_RE = re.compile(r"[(（]\s*(?:[\u4e00-\u9fff]{2,6}[：:]\s*)?(?:(?:\d{4}年)?第\s*(?P<week>\d{1,2})\s*周\s*)?"
                       r"(?:\d{4}年)?\d{1,2}月\d{1,2}日?\s*[—–\-~至到]+\s*(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日?\s*[)）]")
#: a body's name alone on a line above the series title (某市优化营商环境工作领导小组办公室)
_BODY = r"\S{4,28}(?:中心|局|办公室|办公厅|委员会|政府|厅|委|办)"
PUBLISHER_RE = re.compile(rf"^{_BODY}$")
#: a body's name that a masthead gives as a compiler, with the others above it: 某市改革办　联合编印
CO_PUBLISHER_RE = re.compile(rf"^{_BODY}\s*(?:联合)?(?:编印|编发|编制|主办|编)$")
#: a compiler named before the issue on its line: 某市行政审批服务局编印　　第18期
COMPILED_RE = re.compile(rf"^\s*({_BODY})\s*(?:编印|编发|编制|主办|编)\s*$")
#: the words a section's name ends in (本周要闻, 县域动态, 外地经验, 本地速览)
SECTION_WORDS = (r"(?:动态|要闻|经验|借鉴|协同|之窗|聚焦|速递|简讯|快讯|看点|视点|传真|信息|专题|交流|一线|亮点|"
                 r"掠影|集锦|纵横|短波|资讯|之石|速览|要情|看板|案例)")
SECTION_RES = (
    re.compile(r"^【\s*([^】]{2,20}?)\s*】$"),
    re.compile(r"^[■□▌▍◼◎]\s*(.{2,20})$"),
    # a bullet that marks items elsewhere heads a section when what follows it is a section's name:
    # ◆本周要闻, ◆县域动态, ●京津冀协同 (not ◆某区推行一窗受理)
    re.compile(r"^[◆◇●★▲►]\s*([\u4e00-\u9fff]{0,6}" + SECTION_WORDS + ")$"),
    # a name set between two marks: ★ 特别关注 ★, ◆ 改革进行时 ◆
    re.compile(r"^[★☆◆◇■□●]\s*([\u4e00-\u9fff]{2,8})\s*[★☆◆◇■□●]$"),
)
#: a section's name on a line of its own with no mark (本地速览, 外地经验): a section only in a
#: bulletin's body and only over an item's headline, never a masthead's title (营商环境工作动态)
BARE_SECTION_RE = re.compile(r"^([\u4e00-\u9fff]{2,4}" + SECTION_WORDS + ")$")
#: the bars a WeChat article marks its sub-heads with (▍合作再升级): sections only under a masthead
SUBHEAD_MARKS = ("▌", "▍")
NUMBERED_SECTION_RE = re.compile(r"^[一二三四五六七八九十]{1,3}、\s*(.{2,18})$")
#: a speaker's turn in the transcript of a press conference or an interview (【主持人　某某】,
#: 【某某日报记者】, 【发布人】): its bracketed lines name speakers, not sections
TURN_RE = re.compile(r"^[【\[]\s*(?:主持人|发布人|答问人|提问人|[^】\]]{0,12}记者)(?:\s[^】\]]*)?[】\]]\s*$")
#: a table of contents' heading, bare or bracketed (目录, 【本期导读】)
TOC_RE = re.compile(r"^[【\[〔]?\s*(目\s*录|本期目录|本期导读|导\s*读|本期要目)\s*[】\]〕]?$")
#: a highlights heading under the masthead (本期要点): the masthead ends there
HIGHLIGHTS_RE = re.compile(r"^[【\[〔]?\s*(本期焦点|本期要点|本期看点|内容提要|本期提要)\s*[】\]〕]?$")


def section_name(text: str) -> str | None:
    """The name of a section heading line (【本地速览】, ■ 区内动态, 一、重点工作), else None."""
    for rx in (*SECTION_RES, NUMBERED_SECTION_RE):
        m = rx.match(text)
        if m and not any(c in m.group(1) for c in SENTENCE_END + ",，:：") and len(m.group(1)) <= 14 \
                and not ROLE_BYLINE_RE.match(text):  # □记者 张三 is a byline, not a section
            return m.group(1).strip()
    return None


def read_masthead(lines: list[Line]) -> tuple[int, Masthead]:
    """Read series title, issue, publisher and date from the lines before the first item."""
    title = issue = publisher = day = None
    pub_span = None
    end = 0
    posted = False  # the date read is a web page's posting date (发布日期:…), which the issue's own date overrides
    above = False  # the publisher read is the name above the title (某市人民政府 / 专题会议纪要)
    topic, topic_at = "", -1  # the topic a short series title on the next line is of
    for k, ln in enumerate(lines[:12]):
        t = ln.text
        if section_name(t) or TOC_RE.match(t) or HIGHLIGHTS_RE.match(t) or len(t) > 60:
            break
        m = ISSUE_RE.search(t)
        dates = [d for d in find_dates(t) if d.precision == "day"]
        if m and issue is None:
            issue = int(next(g for g in m.groups() if g))
            title = title or _series_before(t[: m.start()])
            end = k + 1
            later = [d for d in dates if d.start >= m.end()]
            if later and day is None:  # 2024年第21期　某市人民政府办公室编　2024年6月28日: all on one line
                day = later[0].iso
                if publisher is None and (found := _compiler(ln, later[0].start, m.end())):
                    publisher, pub_span = found
            if publisher is None and (named := COMPILED_RE.search(t, 0, m.start())):
                # 某市行政审批服务局编印　　第18期: the compiler before the issue
                publisher, pub_span = named.group(1), (ln.start + named.start(1), ln.start + named.end(1))
        elif period := PERIOD_RE.fullmatch(t):
            end = k + 1  # the period an issue covers: （2024年8月5日—8月11日）, not the issue's date
            if issue is None and period.group("week"):
                issue = int(period.group("week"))
        elif (m and int(next(g for g in m.groups() if g)) == issue) or (title and t == title):
            end = k + 1  # the masthead again under a web page's own title line (某某简报（第12期）)
        elif dates and posted and not SOURCE_ONLY_RE.match(t) and not PERMIT_RE.search(t):
            day, posted, end = dates[0].iso, False, k + 1
            if found := _compiler(ln, dates[0].start):
                publisher, pub_span = found
        elif BARE_ISSUE_RE.match(t) and issue is None and title is not None:
            issue, end = int(t), k + 1  # a number alone under the series title is its issue
        elif PERMIT_RE.search(t):
            day, end = day or (dates[0].iso if dates else None), k + 1  # its number is no publisher
        elif dates and day is None:
            day, posted = dates[0].iso, bool(SOURCE_ONLY_RE.match(t))
            if (publisher is None or above) and (found := _compiler(ln, dates[0].start)):
                # the compiler on the date line, over a name above the title
                (publisher, pub_span), above = found, False
            end = k + 1
        elif title is None and len(t) <= 30 and (SERIES_RE.search(t) or (
                issue is None and k + 1 < len(lines) and len(lines[k + 1].text) <= 20
                and ISSUE_RE.search(lines[k + 1].text) and not re.search(r"[。，,；;：:]", t))):
            # a series title, or any title over the issue line (某省营商环境“红黑榜” / （2024年第1期）), after
            # the topic it is of when that stands on the line above (某市工程建设项目审批制度改革 / 工作专报)
            title, end = topic + t if topic_at == k - 1 else t, k + 1
        elif title is None and issue is None and k < 3 and publisher is None and PUBLISHER_RE.search(t):
            publisher, pub_span, end, above = t, (ln.start, ln.end), k + 1, True  # the publisher above the title
        elif title is None and issue is None and k < 3 and (len(t) <= 12 or (
                len(t) <= 30 and k + 1 < len(lines) and len(lines[k + 1].text) <= 12
                and SERIES_RE.search(lines[k + 1].text))):
            # furniture such as 内部交流 above the title, or the topic a short series title is of
            # (梧州市工程建设项目审批制度改革 / 工作专报)
            end = k + 1
            if len(t) > 12:
                topic, topic_at = t, k
        elif publisher is None and (title or issue) and len(t) <= 30:
            name = _without_alias(source_name(t))  # 主办:某某办公室 → 某某办公室
            at = ln.start + max(t.find(name), 0)
            publisher, pub_span, end = name, (at, at + len(name)), k + 1
        elif publisher is not None and not above and len(t) <= 40 and (
                CO_PUBLISHER_RE.search(t) or PUBLISHER_RE.search(t)):
            end = k + 1  # a second compiler under the first (某市营商办 / 某市改革办　联合编印): the first publishes
        else:
            break
    if title is None and issue is None:
        return 0, Masthead("article")
    return end, Masthead("newsletter", title, issue, publisher, day, pub_span)


def _compiler(ln: Line, date_start: int, start: int = 0) -> tuple[str, tuple[int, int]] | None:
    """The body a masthead's date line names before its date (某市营商办编　2024年5月20日), from
    `start` (after the issue, when the line has it too), with its span."""
    lead = source_name(ln.text[start:date_start])
    if not 3 <= len(lead) <= 30 or ISSUE_RE.search(lead):
        return None
    lead = _without_alias(lead)
    at = ln.start + ln.text.find(lead, start)
    return lead, (at, at + len(lead))


#: a second name in brackets after a body's name: 某市数据和政务服务局（市营商办）
_ALIAS_RE = re.compile(r"\s*[（(][^（）()]{2,10}[）)]$")


def _without_alias(name: str) -> str:
    """A body's name without the second name it is also known by, written after it in brackets.

    >>> _without_alias("某市数据和政务服务局（市营商办）"), _without_alias("某市营商办")
    ('某市数据和政务服务局', '某市营商办')
    """
    m = _ALIAS_RE.search(name)
    return name[:m.start()] if m and m.start() >= 3 else name


def _series_before(text: str) -> str | None:
    """The series title written before the issue number (营商环境周刊·第246期 → 营商环境周刊; the
    year opening a bracket round the number, 某市政务服务动态（2024年第3期）, is not the title's).

    A repost's label before it is not the title's either (【转载】某市工作简报（2023年第6期）).

    >>> _series_before("营商环境周刊·"), _series_before("某市政务服务动态（2024年"), _series_before("【转载】某市简报（")
    ('营商环境周刊', '某市政务服务动态', '某市简报')
    >>> _series_before("营商环境周报\\t2024年")  # a masthead's table cells, side by side
    '营商环境周报'
    """
    t = re.sub(r"(?:[(（]|\s)\s*(?:19|20)\d{2}\s*年?\s*$", "", text.strip()).rstrip("·•・|｜-—:：(（ ")
    t = re.sub(r"^[【\[〔]\s*(?:转载|轉載|转发|轉發|原创|原創)\s*[】\]〕]\s*", "", t)
    return t if t and SERIES_RE.search(t) else None
