"""Read what a page says about itself at its head and its foot, outside any masthead.

- the head of a single article: a title line, date/source lines around it (来源:… 发布时间:…),
  bylines to step over, and a dateline opening the body (吉林日报2月23日讯, 某某网讯);
- the issuer a title starts with (某市某局2023年工作总结, 某局关于…的通知);
- the foot: a signature closing a notice (an agency line, then a date line), and the site's
  sponsor in the page footer (主办单位:…, read by `kg.site`: the cleaner drops it as furniture);
- a report delivered at a meeting or an official document: its title (set on up to three lines) under
  a papers label or a red header, with the lines `kg.papers` reads (delivery and speaker, number).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.clean import is_furniture, simplify
from kg.dates import find_dates
from kg.disclosure import info_table
from kg.papers import (AGENCY_END, DOC_NUMBER_RE, ISSUER_LINE_RE, PAPERS_LABEL_RE, RED_HEADER_RE, TITLE_END_RE,
                       read_delivery)
from kg.records import CleanText
from kg.site import site_sponsor
from kg.vocab import begins_with_surname, vocab

SENTENCE_END = "。！？!?；;"
CLOSERS = "”’」』)）》"
MAX_HEADLINE = 60

META_RE = re.compile(r"(来源|时间|作者|发布|浏览|编辑|点击|字号|首页|当前位置)\s*[:：>]|[>›»]")
#: a line of names only (the byline above an article): 李明 王芳 张伟
BYLINE_RE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:[\s、,，]+[\u4e00-\u9fff]{2,3})+")
#: a person's name alone on a line (traditional characters are simplified before matching)
LONE_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,3}")
#: a line that only carries a date and/or a source: 来源:环球网, 时间:2020/8/27来源:…, --
SOURCE_ONLY_RE = re.compile(r"^(?:来源|发布时间|发布日期|更新时间|转载日期|转载时间|时间|日期|作者)\s*[:：]")
#: a news site's channel over an article's title: 两岸经贸｜政策解读, 大湾区资讯 | 广东
CHANNEL_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}\s*[｜|]\s*[\u4e00-\u9fff]{2,8}$")
#: the name of a government or news portal heading its pages: 北京市某区人民政府, 某省人民政府门户网站, 某某新闻网
SITE_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,16}(?:人民政府|人民政府门户网站|政府门户网站|政府网|门户网站|新闻网|日报网)")
#: a column's name, a dash, then the body whose site it is (工作动态-某市行政审批局)
_SITE_AFTER_COLUMN = re.compile(rf"[\u4e00-\u9fff]{{2,8}}\s*[-_|｜—]+\s*([\u4e00-\u9fff]{{3,30}}{AGENCY_END})")
#: a social-media account's line over its post: the account, the time, the poster's region
#: (某某发布　2023-12-01 18:30　发表于河南)
ACCOUNT_LINE_RE = re.compile(r"^([\u4e00-\u9fffA-Za-z0-9]{2,20})[ \u3000]+(\d{4}-\d{1,2}-\d{1,2})(?:[ \u3000]+\d{1,2}:\d{2})?"
                             r"(?:[ \u3000]+发表于[\u4e00-\u9fff]{2,8})?$")
#: a newspaper's page header above a reprinted story: 《某某日报》2024年6月6日 A05版 某某新闻
PAPER_PAGE_RE = re.compile(r"^《?([\u4e00-\u9fff]{2,12}?(?:日报|晚报|时报|报))》?\s*"
                           r"(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})\s*(?:第?\s*[A-Za-z]?\d{1,3}\s*版)?")
SEPARATOR_LINE_RE = re.compile(r"^[-—–=_*·~\s]+$")
URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|cn|net|org|html?)\b\S*")
NOT_PUBLISHER = ("本站", "本网", "admin", "佚名", "原创")
#: a WeChat article's line under its title: 原创 作者 公众号 2024年03月12日 17:30 江苏 (the account publishes)
WECHAT_META_RE = re.compile(r"^原创\s+(?:\S{1,12}\s+)?(\S{2,20})\s+(?=(?:19|20)\d{2}\s*年|(?:19|20)\d{2}-)")
#: a byline with a role: □记者 张三 李四, 本报通讯员 王五, 文/赵六
ROLE_BYLINE_RE = re.compile(r"^\W*(?:本报|本台|本网)?(?:特约)?(?:记者|通讯员|作者|撰稿|摄影|文\s*[/:])")
#: a news dateline: 某某日报讯, 【某某网讯】, 某某网2月23日讯, 某某社北京2月23日电 — the medium is the publisher
DATELINE_RE = re.compile(r"^[【\[]?([^\s【\[]{2,12}?(?:网|报|社|台|新闻))(?:[\u4e00-\u9fff]{0,4}?(\d{1,2})月(\d{1,2})日)?"
                         r"(?:讯|(?<=日)电)")
#: a byline naming the reporter's medium: 文 |《某刊》新闻周刊记者 张三, 某某社记者 李四 (本报记者 names none)
MEDIUM_BYLINE_RE = re.compile(r"^\W*(?:文\s*[|/｜:]\s*)?((?!本)(?:《[^》]{1,12}》[\u4e00-\u9fff]{0,6}?|[\u4e00-\u9fff]{2,10}?"
                              r"(?:日报|晚报|时报|报|新闻社|通讯社|社|网|电视台|周刊|杂志)))(?:特约|驻\S{1,4})?记者"
                              r"[\s\u4e00-\u9fff、]{2,30}$")  # then names only
#: how far down a page a reporter's byline is looked for
BYLINE_LINES = 8
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
#: an issuer opening a title, before a year or 关于: 某市某局2023年工作总结, 某局关于…的通知
TITLE_ISSUER_RE = re.compile(rf"^(\S{{2,24}}?{AGENCY_END})(?=(?:19|20)\d{{2}}\s*年|关于)")
SIGNATURE_NAME_RE = re.compile(rf"^[^\s,，。:：;；、的]{{3,25}}{AGENCY_END}$")

@dataclass(slots=True)
class Line:
    """One non-blank line of the clean text, stripped, with its offsets."""

    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of `text`, stripped, with offsets.

    >>> [(ln.start, ln.text) for ln in split_lines("甲\\n\\n  乙 ")]
    [(0, '甲'), (5, '乙')]
    """
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def ends_sentence(text: str) -> bool:
    t = text.rstrip(CLOSERS)
    return bool(t) and t[-1] in SENTENCE_END


def title_like(text: str) -> bool:
    """Whether an article's first line is its title: short, not a sentence, not page metadata.

    >>> title_like("某市推行一网通办"), title_like("来源:某市日报"), title_like("见 http://a.cn/1.html 某页")
    (True, False, False)
    >>> title_like("□记者张三李四"), title_like("本报通讯员王五")
    (False, False)
    """
    return (len(text) <= MAX_HEADLINE and not ends_sentence(text) and "," not in text
            and not text.rstrip().endswith((":", "：")) and not META_RE.search(text)
            and not URL_RE.search(text) and not ROLE_BYLINE_RE.match(text)
            and len(re.findall(r"[\u4e00-\u9fff]", text)) >= 4)


def source_name(lead: str) -> str:
    """The publisher's name in a date/source line: 来源:番禺区政务服务和数据管理局 发布时间: → the name;
    某市营商办编印 → 某市营商办 (the name before the verb, as a masthead writes it).

    >>> source_name("来源：某区数据局 发布时间："), source_name("某县行政审批服务局编印\u3000\u3000")
    ('某区数据局', '某县行政审批服务局')
    >>> source_name("某某新闻网讯\u3000")
    '某某新闻网'
    """
    if m := re.fullmatch(r"\s*(\S{3,30}?)\s*(?:编印|编发|主办|编)\s*", lead):
        return m.group(1)
    m = re.search(r"(?:来源|来自|发布单位|发布机构|主办|编印|编)\s*[:：]?\s*(\S+)", lead)
    name = m.group(1) if m else lead
    name = re.sub(r"(发布时间|发布日期|更新时间|转载日期|转载时间|时间|日期)\s*[:：]?$", "", name.strip()).strip(" :：|/")
    name = re.sub(r"^(?:转载|原创)\s*", "", name)  # 转载 某某发布 2023-11-08: a social-media post's mark
    return re.sub(r"(?<=[网报社台闻])讯$", "", name)  # a dateline's medium: 某某新闻网讯 2024年9月12日


@dataclass(slots=True)
class Head:
    """What the top lines of an article say: title, publisher, date, and where the body starts."""

    title: str | None = None
    publisher: str | None = None
    day: str | None = None
    pub_span: tuple[int, int] | None = None
    body_from: int = 0
    #: the first line of the article itself, after a disclosure table heading the page
    item_from: int = 0


def _publisher_in(line: Line, date_start: int) -> tuple[str, tuple[int, int]] | None:
    """The publisher named on a date/source line, with its span, or None (authors and sites' own
    words such as 本站原创 are not publishers).

    >>> line = Line(0, 40, "某省人民政府门户网站 www.x.gov.cn 发布时间: 2020-03-11")
    >>> _publisher_in(line, line.text.find("2020"))[0]
    '某省人民政府门户网站'
    >>> line = Line(0, 30, "发布机构：某市发展和改革委员会　发布日期：2024年3月5日")
    >>> _publisher_in(line, line.text.find("2024"))[0]
    '某市发展和改革委员会'
    >>> line = Line(0, 40, "发布日期:2024-04-12信息来源:某区行政审批局阅读量:1542")
    >>> _publisher_in(line, line.text.find("2024"))[0]
    '某区行政审批局'
    >>> line = Line(0, 26, "作者:admin 更新时间:2021-11-20")
    >>> _publisher_in(line, line.text.find("2021")) is None
    True
    """
    t = line.text
    source = re.search(r"(?:来源|发布机构|发布单位|(?:本文)?转(?:载)?自)\s*[:：]\s*([^\s:：|/]+?)"
                       r"(?=\s|《|(?:19|20)\d\d|发布|时间|作者|阅读|浏览|点击|访问|字号|转载|$)", t)
    if source:
        lead = source.group(1)
    elif re.search(r"作者|记者|编辑|[:：]\s*\S", t[:date_start]):
        return None
    else:
        lead = source_name(URL_RE.sub(" ", t[:date_start]).strip())
    lead = lead.strip(" :：|/")
    if not 2 <= len(lead) <= 20 or not re.search(r"[\u4e00-\u9fff]", lead) or lead.startswith(NOT_PUBLISHER):
        return None
    at = line.start + t.find(lead)
    return lead, (at, at + len(lead))


def _read_source_line(head: Head, line: Line) -> bool:
    """Take date and publisher from a date/source line into `head`; whether the line was one."""
    dates = [d for d in find_dates(line.text) if d.precision == "day"]
    source = re.search(r"(?:来源|发布机构|发布单位|(?:本文)?转(?:载)?自)\s*[:：]", line.text)
    if len(line.text) > 80 or not (dates or source):
        return False
    if dates and head.day is None:
        head.day = dates[0].iso
    if (wx := WECHAT_META_RE.match(line.text)) and head.publisher is None:
        head.publisher, head.pub_span = wx.group(1), (line.start + wx.start(1), line.start + wx.end(1))
    found = _publisher_in(line, dates[0].start if dates else len(line.text))
    if found and head.publisher is None:
        head.publisher, head.pub_span = found
    return True


def is_byline(clean: CleanText, line: Line) -> bool:
    """Whether a line is a byline: a role and names (□记者 张三), or names only, read on the
    original text (cleaning joins 李明 王芳 into one word)."""
    if ROLE_BYLINE_RE.match(line.text) and len(line.text) <= 30:
        return True
    if LONE_NAME_RE.fullmatch(line.text) and begins_with_surname(line.text):
        return True  # an author's name alone on the line above the text
    a, b = clean.span_to_original(line.start, line.end)
    return bool(BYLINE_RE.fullmatch(clean.original[a:b].strip()))


def article_head(clean: CleanText, lines: list[Line]) -> Head:
    """Read an article's title line and the date/source lines around it (a source line may come
    first, a separator such as -- may sit between title and date), step over bylines, then read a
    dateline (某某报讯) opening the body, then an issuer opening the title."""
    head = Head()
    k = head.item_from = _read_info_table(head, lines)
    if len(lines) > k and SOURCE_ONLY_RE.match(lines[k].text) and _read_source_line(head, lines[k]):
        k += 1
    elif len(lines) > k + 1 and (page := _paper_page(lines[k])):
        head.publisher, head.pub_span, head.day = page
        k += 1
    elif len(lines) > k + 1 and (account := ACCOUNT_LINE_RE.match(lines[k].text)):
        head.publisher, head.pub_span = account.group(1), (lines[k].start, lines[k].start + account.end(1))
        head.day = next((d.iso for d in find_dates(account.group(2))), None)
        k = head.item_from = k + 1
    if len(lines) > k + 2 and (red := RED_HEADER_RE.match(lines[k].text) or (
            ISSUER_LINE_RE.match(lines[k].text) if DOC_NUMBER_RE.match(lines[k + 1].text) else None)):
        # an official document's red header (某局文件, or the issuer's name alone over the number)
        # and its number (某政办发〔2024〕12号)
        head.publisher, head.pub_span = red.group(1), (lines[k].start, lines[k].start + red.end(1))
        k += 1
        if DOC_NUMBER_RE.match(lines[k].text):
            k += 1
    site = len(lines) > k + 2 and (SITE_NAME_RE.fullmatch(lines[k].text) or (
        ISSUER_LINE_RE.match(lines[k].text) and len(lines[k + 1].text) > len(lines[k].text)
        and not lines[k + 1].text.startswith("关于")))  # 某市人民政府办公室 / 关于印发…: one title on two lines
    channel = len(lines) > k + 2 and CHANNEL_RE.match(lines[k].text) \
        and not lines[k].text.startswith(("转载", "原创"))  # 转载｜某某: a repost's title, not a channel
    if len(lines) > k + 2 and (site or channel or PAPERS_LABEL_RE.match(lines[k].text)) \
            and title_like(lines[k + 1].text):
        # a portal's name (北京市某区人民政府, 某省某局), a site's channel or a series of papers above the
        # article's own title; the portal's name and the channel are the site's, not the article's: the
        # place they name is not what the article is about
        if (site or channel) and head.item_from == k:
            head.item_from = k + 1
        k += 1
    if len(lines) > k + 1 and title_like(lines[k].text) and not is_byline(clean, lines[k]):
        title, k = lines[k].text, k + 1
        # a title set on two or three lines: 某市人民政府关于2023年度 / …的报告; 某局 / 关于印发… / …的通知
        for n in (1, 2):
            rest = lines[k:k + n]
            if len(rest) == n and not TITLE_END_RE.search(title) and TITLE_END_RE.search(rest[-1].text) \
                    and all(title_like(ln.text) and not TITLE_END_RE.search(ln.text) for ln in rest[:-1]) \
                    and (title_like(rest[-1].text) or len(rest[-1].text) <= 8) \
                    and len(title) + sum(len(ln.text) for ln in rest) <= 100:  # a last line may be short: 的通知
                title, k = title + "".join(ln.text for ln in rest), k + n
                break
        head.title = head.title or title  # a disclosure table's 名称 is the title written whole
        for j in range(k, min(k + 3, len(lines))):
            if SEPARATOR_LINE_RE.match(lines[j].text):
                continue
            if j == k and (after := read_delivery(head, lines, j)):
                k = after  # ——2024年8月27日在某会议上 / 某区人民政府副区长　张三
                if head.publisher is None:
                    continue  # the speaker's body and the date may follow: 某县人民政府 / （2023年11月8日）
            elif page := _paper_page(lines[j]):  # under the title: 某某日报 2024年6月21日 第A03版
                head.publisher = head.publisher or page[0]
                head.pub_span = head.pub_span or page[1]
                head.day = head.day or page[2]
                k = j + 1
            elif _read_source_line(head, lines[j]):
                k = j + 1
                if k < len(lines) and SOURCE_ONLY_RE.match(lines[k].text) and _read_source_line(head, lines[k]):
                    k += 1  # 来源：… / 转载日期：…: a source line, then a date line
            elif j == k and title_like(lines[j].text) and j + 1 < len(lines) \
                    and (SOURCE_ONLY_RE.match(lines[j + 1].text) or PAPER_PAGE_RE.match(lines[j + 1].text)):
                continue  # a subtitle between the title and its source line
            elif head.publisher is None and _read_signature(head, lines[j:j + 2]):
                k = j + 2  # signed under the title: the issuing body, then the date, each on its line
            break
    while k + 1 < len(lines) and is_byline(clean, lines[k]):
        k += 1
    if head.publisher is None and k < len(lines) and DOC_NUMBER_RE.match(lines[k].text):
        _read_notice_signature(head, lines[k + 1:k + 1 + NOTICE_LINES])
    head.body_from = k
    if k < len(lines):
        _read_dateline(head, lines[k])
        if head.publisher is None and k + 1 < len(lines) and title_like(lines[k].text):
            _read_dateline(head, lines[k + 1])  # a subtitle under the title, then the dateline
    if head.publisher is None and head.title:
        _read_title_issuer(head, lines[k - 1] if k else lines[0])
    if head.publisher is None:
        _read_medium_byline(head, lines[:BYLINE_LINES])
    return head


def site_body(publisher: str | None, span: tuple[int, int] | None) -> tuple[str | None, tuple[int, int] | None]:
    """A publisher read from a page's <title>, 工作动态-赣州市行政审批局: the site's body after the
    column's name, with its span; anything else as it is."""
    site = _SITE_AFTER_COLUMN.fullmatch(publisher) if publisher else None
    if site is None:
        return publisher, span
    return site.group(1), (span[0] + site.start(1), span[1]) if span else None


def _paper_page(line: Line) -> tuple[str, tuple[int, int], str | None] | None:
    """Publisher, its span and the date of a newspaper's page header (《某某日报》2024年6月6日 A05版), or None."""
    page = PAPER_PAGE_RE.match(line.text)
    if page is None:
        return None
    dates = find_dates(page.group(0))
    return page.group(1), (line.start + page.start(1), line.start + page.end(1)), dates[0].iso if dates else None


def _read_medium_byline(head: Head, lines: list[Line]) -> None:
    """The medium a reporter's byline names near the top, as publisher: 文|《某某》周刊记者 张三 →
    《某某》周刊 (a reprint keeps the byline of the magazine or agency that wrote the story)."""
    for line in lines:
        m = MEDIUM_BYLINE_RE.match(line.text)
        if m and len(line.text) <= 40:
            at = line.start + m.start(1)
            head.publisher, head.pub_span = m.group(1), (at, at + len(m.group(1)))
            return


def _read_info_table(head: Head, lines: list[Line]) -> int:
    """Title, date and publisher from a disclosure table heading the page (名称, 生成日期, 发布机构 …);
    the index of the line after the table, 0 when there is none."""
    table = info_table(lines)
    if table is None:
        return 0
    head.title, head.day = table.title, table.day
    head.publisher, head.pub_span = table.publisher, table.pub_span
    return table.end


def _read_dateline(head: Head, line: Line) -> None:
    """Publisher and date from a dateline opening the body: 某某日报2月23日讯 (the year is the first
    one the paragraph names: a dateline leaves it out)."""
    m = DATELINE_RE.match(line.text)
    if not m:
        return
    if head.publisher is None:
        head.publisher, head.pub_span = m.group(1), (line.start, line.start + len(m.group(1)))
    year = YEAR_RE.search(line.text, m.end())
    if head.day is None and m.group(2) and year:
        found = find_dates(f"{year.group(1)}年{m.group(2)}月{m.group(3)}日")
        head.day = found[0].iso if found else None


def _read_title_issuer(head: Head, title_line: Line) -> None:
    """The agency a title opens with, as publisher: 某市某局2023年工作总结 → 某市某局."""
    m = TITLE_ISSUER_RE.match(head.title or "")
    if m and title_line.text == head.title:
        head.publisher, head.pub_span = m.group(1), (title_line.start, title_line.start + m.end(1))


@dataclass(slots=True)
class Foot:
    """What the end of a page says: a signature's agency and date, the site's sponsor."""

    publisher: str | None = None
    pub_span: tuple[int, int] | None = None
    day: str | None = None
    sponsor: str | None = None


def page_foot(clean: CleanText, lines: list[Line]) -> Foot:
    """Read the signature closing the text and the sponsor in the (dropped) page footer."""
    foot = Foot(sponsor=site_sponsor(clean.original))
    for k in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
        if _read_signature(foot, lines[:k + 1]):
            break
    return foot


def _read_signature(foot: Head | Foot, lines: list[Line]) -> bool:
    """A signature ending the last of `lines`: an agency then a full date, nothing after the date
    but page furniture (扫一扫…). The agency is the rest of the line, else the line above. Read into
    a page's foot, or into its head where a page is signed under its title."""
    last = lines[-1]
    dates = [d for d in find_dates(last.text) if d.precision == "day"]
    if not dates:
        return False
    date, tail = dates[-1], last.text[dates[-1].end:].strip(" 。.)）")  # a date in brackets: （2024年9月24日）
    if tail and tail != "印发" and not is_furniture(simplify(tail)):  # 某办公室 2024年3月15日印发: the print line
        return False
    before = last.text[:date.start].strip().rstrip("(（")
    if before:
        found = _signature_name(before)
        at = last.start + last.text.find(found) if found else 0
    elif len(lines) > 1 and SIGNATURE_NAME_RE.match(lines[-2].text):
        found, at = lines[-2].text, lines[-2].start
    else:
        return False
    if not found:
        return False
    foot.publisher, foot.pub_span, foot.day = found, (at, at + len(found)), date.iso
    return True


#: the most lines a notice carrying another document (关于印发…的通知) runs before its signature
NOTICE_LINES = 12


def _read_notice_signature(head: Head, lines: list[Line]) -> None:
    """The signature of a notice numbered under its title (某府办发〔2024〕31号): the body and the date
    closing the notice's few lines, before the document it carries (…工作方案) begins."""
    for j in range(len(lines) - 1):
        if SIGNATURE_NAME_RE.match(lines[j].text) and _read_signature(head, lines[j:j + 2]):
            return


def _signature_name(before: str) -> str | None:
    """The agency written right before a signature's date on the same line: from the first place
    or national body whose name reaches the date without a 的 (…的典型经验做法国务院办公厅督查室 →
    国务院办公厅督查室, …清单某省人民政府办公厅 → 某省人民政府办公厅), else the words after the last stop.

    >>> _signature_name("特此通知。某县人民政府办公室")
    '某县人民政府办公室'
    """
    tail = re.split(r"[\s,，。:：;；!！?？)）]", before)[-1]
    heads = _name_heads()
    for i in range(max(0, len(tail) - 28), len(tail) - 3):
        if any(tail.startswith(h, i) for h in heads.get(tail[i], ())) and SIGNATURE_NAME_RE.match(tail[i:]):
            return tail[i:]
    return tail if SIGNATURE_NAME_RE.match(tail) else None


@cache
def _name_heads() -> dict[str, tuple[str, ...]]:
    """Words an agency's name may start with, by first character: national bodies
    (kg/data/agencies_national.tsv), 中共, and the names of provinces, cities and counties."""
    from kg.gazetteer import gazetteer

    words = {"中共", *(w for w in vocab().national if len(w) >= 2)}
    words.update(p.name for p in gazetteer().places.values())
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in out.items()}
