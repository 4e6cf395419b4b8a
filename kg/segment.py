"""Cut clean text into masthead, sections, items and sentences, keeping offsets.

Two document shapes are recognised:
- a *newsletter* (a masthead with series title / issue number, or section headings such as
  【本地速览】, ■ 区内动态): items are headline + body, with the headline either on its own line,
  behind a bullet (◆ ☆ • Ø …), or before two spaces on the first line of the body (PDF layouts);
  hard-wrapped PDF lines are joined back into paragraphs; a table of contents is not an item;
- a single *article* (a web page; also a report or a policy text whose only headings are numbered
  一、 二、): one item whose headline is the title line when there is one, else the opening of the
  first sentence. What the page says about itself at its head and foot (title, date/source
  lines, datelines, signatures, the site's sponsor) is read by `kg.head`; a bulletin's masthead and
  section headings by `kg.masthead`.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kg.clean import unwrap
from kg.head import (MAX_HEADLINE, SIGNATURE_NAME_RE, SOURCE_ONLY_RE, Line, article_head, ends_sentence, page_foot,
                     site_body, split_lines, title_like)
from kg.masthead import (BARE_SECTION_RE, HIGHLIGHTS_RE, NUMBERED_SECTION_RE, SUBHEAD_MARKS, TOC_RE, TURN_RE,
                         read_masthead, section_name)
from kg.papers import DELIVERED_END_RE, DELIVERED_RE, PAPERS_LABEL_RE, SPEAKER_RE, TITLE_END_RE
from kg.records import CleanText, Item, Masthead, Segmented
from kg.sentences import sentences
from kg.site import breadcrumb_issue

#: a bullet; a Wingdings bullet (Ø, ) copied through a lossy encoding is a private-use
#: character or a "?" followed by a space
BULLET_RE = re.compile(r"^\s*([◆◇☆★•●○▲△▶►Ø✦❖■□◎\-－·\ue000-\uf8ff]|\?(?=\s)|\d{1,2}[.、．]"
                       r"|[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）])\s*")
#: a note of who contributed a story, closing it: （某市政务服务管理局供稿）, （供稿：某局　编辑：某某）
CONTRIBUTED_RE = re.compile(r"^[(（](?:[^()（）]{2,30}(?:供稿|供图|提供|报送)|(?:供稿|稿源|来源)\s*[:：][^()（）]{2,60})[)）]$")
#: a line naming an issue's editors or whom to contact (责任编辑:某某, 审核:某某, （联系人：某某，某科）)
EDITOR_LINE_RE = re.compile(r"^[(（]?(?:本期)?(?:责任编辑|编辑|责编|审核|校对|签发|联系人|联系电话)\s*[:：].{1,40}$"
                            # and a printed paper's colophon: 某某办公室　2023年11月6日印发
                            r"|^\S{2,40}?\s*\d{4}年\d{1,2}月\d{1,2}日\s*印发$")
#: a digest's item, opening on the place or body it reports on: 某市：“一业一证”让开店更简单。正文…
LABELLED_RE = re.compile(r"^[^\s:：，,。“”]{1,12}(?:省|市|区|县|州|旗|盟|镇|街道|局|委|办|中心)[:：]\s*\S")
#: a contents entry's section label before its headline: 【工作动态】全市…
SECTION_LABEL_RE = re.compile(r"^【[^】]{2,10}】\s*")
#: the heading of a block of links to other stories closing a web page (新闻推荐, 相关阅读):
#: nothing from it on belongs to the page's own text
RELATED_RE = re.compile(r"^[■□◆●▌]?\s*[【\[]?(?:相关(?:推荐|阅读|新闻|链接|文章|报道|稿件|文件|信息)|(?:新闻|热点|热门|精彩)推荐|推荐阅读|"
                        r"延伸阅读|猜你喜欢|你可能(?:还)?(?:感兴趣|喜欢)|更多(?:新闻|阅读|精彩)|往期(?:推荐|回顾|精选))[】\]]?\s*:?$")
SEPARATOR = "  "
#: a line under a masthead about the bulletin itself: 本刊…, (本期内容…)
SELF_RE = re.compile(r"^[(（]?(?:本刊|本期)")


def _line_width(lines: list[Line]) -> int:
    """The width of a full line when the text keeps a PDF's fixed-width line breaks, else 0."""
    body = [ln for ln in lines if section_name(ln.text) is None and len(ln.text) > 8]
    if len(body) < 6:
        return 0
    lengths = sorted(len(ln.text) for ln in body)
    full = lengths[int(len(lengths) * 0.8)]
    near = [ln for ln in body if abs(len(ln.text) - full) <= max(2, full * 0.12)]
    open_near = sum(not ends_sentence(ln.text) for ln in near)
    prose = sum(bool(re.search(r"[，,、。；;]", ln.text)) for ln in near)
    # most full-width lines stop mid-sentence, and are prose, not the cells of a list (fewer of the
    # lines of a narrow column hold a comma); a bulletin's headlines and short paragraphs make up
    # much of the rest, so they need only be a good share
    if 12 <= full <= 60 and len(near) >= 0.35 * len(body) and open_near >= 0.7 * len(near) \
            and prose >= (0.6 if full >= 20 else 0.45) * len(near):
        return full
    return 0


def _soft_breaks(lines: list[Line], width: int) -> list[int]:
    """Offsets of the line breaks inside paragraphs of hard-wrapped text.

    A line continues on the next when it is (nearly) full width, unless it ends a sentence
    and the next line opens a new item (a headline, a bullet or a section heading)."""
    out = []
    for prev, ln in zip(lines, lines[1:]):
        if section_name(prev.text) or section_name(ln.text) or BULLET_RE.match(ln.text):
            continue
        if TOC_RE.match(prev.text) or HIGHLIGHTS_RE.match(prev.text):
            continue
        if SPEAKER_RE.match(ln.text) or PAPERS_LABEL_RE.match(prev.text) \
                or (DELIVERED_RE.match(prev.text) and DELIVERED_END_RE.search(prev.text)):
            continue  # a report's head: 某会议文件（三） / 标题 / ——某日在某会议上 / 某局局长　某某
        if SIGNATURE_NAME_RE.match(ln.text):
            continue  # a body's name alone on its line: a signature over its date, not a wrapped line
        if len(prev.text) < width - max(2, width * 0.15):
            continue
        if ends_sentence(prev.text) and (_split_headline(ln.text) is not None
                                         or (len(ln.text) < width * 0.8 and not ends_sentence(ln.text))):
            continue  # after a full stop, a headline: run into its body, or a short line of its own
        out.extend(range(prev.end, ln.start))
    return out


def _split_headline(text: str) -> int | None:
    """Offset of the two-space gap after an inline headline, when the paragraph has one; or of
    the full stop after a run-in headline whose subject the body's first sentence repeats
    (某县建立首席服务员制度。某县为全县…).

    >>> _split_headline("甲区推行一窗受理  今年以来…"), _split_headline("平江县建成服务圈。平江县推动政务服务下沉。")
    (8, 8)
    >>> _split_headline("会议强调。要抓好落实，推动工作。") is None
    True
    """
    gap = text.find(SEPARATOR)
    if 2 <= gap <= MAX_HEADLINE and not any(c in text[:gap] for c in "。！？"):
        return gap
    stop = text.find("。")
    if 6 <= stop <= 30 and not re.search(r"[，,；;：:]", text[:stop]) and len(text) > stop + 10 \
            and (text[stop + 1:stop + 3] == text[:2] or _repeats_subject(_subject(text), text[stop + 1:])):
        return stop
    return None


def _subject(headline: str) -> str:
    """A headline's subject as its body would repeat it: the place or body it opens with (乙县 of
    乙县工业项目…), else its first three characters."""
    m = re.match(r"[\u4e00-\u9fff]{1,6}?(?:省|市|区|县|旗|州|局|委|办)", headline)
    return m.group() if m else headline[:3]


def _repeats_subject(subject: str, body: str) -> bool:
    """Whether a body's first sentence names a headline's subject near its start: after a time
    phrase (今年以来，柯城区…) or behind its place (衢州市自然资源和规划局… under 市自然资源和规划局…).

    >>> _repeats_subject("柯城区", "今年以来，柯城区联合…"), _repeats_subject("市自然", "衢州市自然资源和规划局将…")
    (True, True)
    >>> _repeats_subject("柯城区", "今年以来，全区联合柯城区…")
    False
    """
    return re.match(r"(?:[^，,。；;]{0,8}[，,])?[^，,。；;]{0,3}?" + re.escape(subject), body) is not None


def segment(clean: CleanText) -> Segmented:
    """Cut a cleaned document into masthead and items.

    Structure is read on the simplified view (目錄 and 目录 alike); the headlines, sections and
    masthead fields handed on are the text as written."""
    lines = _before_related(split_lines(clean.view))
    head_end, masthead = read_masthead(lines)
    head_end = _after_self_description(lines, head_end, masthead.title)
    if repeats := _running_headers(lines[head_end:], masthead.title):
        clean = unwrap(clean, repeats)  # before the soft breaks: a page break may cut a sentence in two
        lines = _before_related(split_lines(clean.view))
    width = _line_width(lines[head_end:])
    if width:
        clean = unwrap(clean, _soft_breaks(lines[head_end:], width))
        lines = _before_related(split_lines(clean.view))
    body = lines[head_end:]
    seg = None
    if _is_newsletter(masthead, body):
        items = _one_document(clean.view, body) or _newsletter_items(clean.view, body)
        if masthead.title is None and masthead.issue is None:
            # sections only (【…】 headings without a masthead): the page still has a title line
            # and a date/source line above its body
            head = article_head(clean, lines)
            masthead = Masthead("newsletter", head.title, None, head.publisher, head.day, head.pub_span)
        if items:
            seg = Segmented(clean, masthead, tuple(items))
    seg = _with_breadcrumb(_with_foot(seg or _article(clean, lines), lines))
    publisher, span = site_body(seg.masthead.publisher, seg.masthead.publisher_span)
    if publisher != seg.masthead.publisher:
        seg = replace(seg, masthead=replace(seg.masthead, publisher=publisher, publisher_span=span))
    return _as_written(seg)


def _one_document(text: str, body: list[Line]) -> list[Item]:
    """The one item of a periodical whose issue is a single document under its own title, on one to
    three lines (专题会议纪要 〔2024〕第31期 … 关于研究推进某某工作的会议纪要; 工作专报 第4期 …
    我市某某改革工作进展情况): its numbered parts (一、 二、) are the document's, not items. [] when
    the body opens otherwise or has sections."""
    title = ""
    for n, ln in enumerate(body[:3], 1):
        if not title_like(ln.text) or NUMBERED_SECTION_RE.match(ln.text):
            return []  # (一、本周工作情况 opens the first part, it is no title)
        title += ln.text
        if TITLE_END_RE.search(title) or title.endswith("情况"):
            break
    else:
        return []
    if not title.startswith("关于") and not title.endswith("情况"):
        return []
    if any(section_name(ln.text) and not NUMBERED_SECTION_RE.match(ln.text) for ln in body):
        return []
    start, end = body[0].start, body[-1].end
    return [Item(1, None, title, start, end, sentences(text, start, end))]


def _before_related(lines: list[Line]) -> list[Line]:
    """The lines before a block of links to other stories (新闻推荐, 相关阅读) that closes a web
    page: the stories it lists are not the page's, nor is the site's slogan after them."""
    for k, ln in enumerate(lines[1:], 1):
        if RELATED_RE.match(ln.text):
            return lines[:k]
    return lines


def _running_headers(lines: list[Line], title: str | None) -> list[int]:
    """The offsets of the lines a printed bulletin repeats its series title on at the top of each
    page, alone or with its issue (某市工作简报  2024年第6期, 营商环境工作动态(第15期)), or after the
    place or body that issues it (某市优化营商环境工作简报 under the masthead's 优化营商环境工作简报),
    with their line breaks; not a sentence that opens with the title.

    >>> from kg.head import split_lines
    >>> lines = split_lines("某市工作简报(第6期)\\n正文。\\n某市工作简报第6期刊发了经验。\\n某市工作简报  2024年第6期\\n续。")
    >>> _running_headers(lines[1:], "某市工作简报") == list(range(lines[3].start, lines[3].end + 1))
    True
    >>> lines = split_lines("工作简报(第6期)\\n正文，由《某县办法\\n某市工作简报  2024年第6期\\n（试行）》定。")
    >>> _running_headers(lines[1:], "工作简报") == list(range(lines[2].start, lines[2].end + 1))
    True
    """
    if not title:
        return []
    repeat = re.compile(r"(?:[\u4e00-\u9fff]{2,12}?[ \u3000]*)?" + re.escape(title)  # 某市 before the title
                        + r"(?:[ \u3000]+[^。，,；;]{1,24}|[ \u3000]*[(（〔]?(?:\d{4}年)?第\s*\d+\s*期[)）〕]?)?")
    return [pos for ln in lines if repeat.fullmatch(ln.text) for pos in range(ln.start, ln.end + 1)]


#: the longest cell of a table row (a sentence of results: 14个新建商品房项目5120户实现交房即交证),
#: and the longest row
_MAX_CELL, _MAX_ROW = 40, 120


def _table_row(paras: list[Line], k: int) -> bool:
    """Whether `paras[k]` is a row of a table: three short cells or more, or two beside such a row
    (序号  县市区  改革举措 / 1  某区  “某某办”  成效…); not a run-in headline and its story, nor
    two columns of a page read line by line, whose cells are long."""
    def cells(j: int) -> int:
        if not 0 <= j < len(paras):
            return 0
        text = paras[j].text.strip()
        parts = re.split(r"(?<=\S)(?: {2,}|\t)(?=\S)", text)
        fit = len(text) <= _MAX_ROW and all(len(c) <= _MAX_CELL and not c.endswith(("，", ",", "、")) for c in parts)
        return len(parts) if fit else 0
    return cells(k) >= 3 or (cells(k) == 2 and max(cells(k - 1), cells(k + 1)) >= 3)


#: a section heading of four characters without a section word (审批改革, 便民服务)
_BARE_FOUR = re.compile(r"[\u4e00-\u9fff]{4}")


def _over_sourced_story(paras: list[Line], k: int) -> bool:
    """Whether `paras[k]` is a short heading over a story's headline and its source line (a web
    page of several stories: 口岸通关 / 某口岸建设按下快进键 / 发布日期：2024-06-26 来源：某局)."""
    t = paras[k].text
    return len(t) <= 8 and not ends_sentence(t) and not SOURCE_ONLY_RE.match(t) and k + 2 < len(paras) \
        and SOURCE_ONLY_RE.match(paras[k + 2].text) is not None and title_like(paras[k + 1].text) \
        and not SOURCE_ONLY_RE.match(paras[k + 1].text)


def _headline_over(head: str, body: str) -> bool:
    """Whether a line reads as a headline over the paragraph after it: short, no sentence, shorter
    than the paragraph."""
    return len(head) <= MAX_HEADLINE and not ends_sentence(head) and len(body) > len(head)


def _opens_item(paras: list[Line], k: int) -> bool:
    """Whether `paras[k]` opens an item of its own after the numbered parts of another: a headline
    over a longer paragraph, not a labelled line of the item's foot (出席：…, 列席：…)."""
    nxt = paras[k + 1].text if k + 1 < len(paras) else ""
    return _headline_over(paras[k].text, nxt) and not re.match(r"[\u4e00-\u9fff]{2,4}[:：]", paras[k].text)


def _over_headline(paras: list[Line], k: int) -> bool:
    """Whether the line after `paras[k]` is an item's headline (本地速览 / 【某市】某某上线 / 8月18日，…)."""
    return k + 2 < len(paras) and _headline_over(paras[k + 1].text, paras[k + 2].text) \
        and BARE_SECTION_RE.match(paras[k + 1].text) is None


def _is_newsletter(masthead: Masthead, body: list[Line]) -> bool:
    """Whether the page is a bulletin of several items: it has a masthead, or bracketed section
    headings (【本地速览】, ■ 区内动态). Numbered headings alone (一、总体要求) structure one text,
    a report or a policy document, which is a single article; so is a transcript, whose bracketed
    lines name who speaks (【主持人】, 【某某】); and so is a WeChat article whose sub-heads are marked
    with a bar (▍合作再升级)."""
    if masthead.issue is not None or masthead.title is not None:
        return True
    if any(TURN_RE.match(ln.text) for ln in body):
        return False
    return any(section_name(ln.text) and not NUMBERED_SECTION_RE.match(ln.text)
               and not ln.text.startswith(SUBHEAD_MARKS) for ln in body)


def _after_self_description(lines: list[Line], end: int, title: str | None) -> int:
    """Step over the lines under a masthead that describe the bulletin itself (《某某周刊》每周1期…,
    (本期内容含…)): they belong to the masthead, not to an item."""
    def about_itself(t: str) -> bool:
        if len(t) <= 12 or TOC_RE.match(t) or HIGHLIGHTS_RE.match(t):
            return False  # 本期焦点, 本期目录 open the bulletin's content
        return bool(SELF_RE.match(t)) or bool(title and f"《{title}》" in t)

    while end < len(lines) and about_itself(lines[end].text):
        end += 1
    return end


def _with_foot(seg: Segmented, lines: list[Line]) -> Segmented:
    """Fill a publisher or a date the head left open from the page's foot: the signature closing
    an article (an agency and a date), else the site's sponsor named in the page footer."""
    mh = seg.masthead
    if mh.publisher and mh.date:
        return seg
    foot = page_foot(seg.clean, lines)
    publisher, span, day = mh.publisher, mh.publisher_span, mh.date
    if mh.kind == "article" and foot.day:  # a bulletin's last item may close with its own signature
        day = day or foot.day
        if not publisher:
            publisher, span = foot.publisher, foot.pub_span
    if not publisher and foot.sponsor:
        publisher, span = foot.sponsor, None
    return Segmented(seg.clean, Masthead(mh.kind, mh.title, mh.issue, publisher, day, span), seg.items)


def _with_breadcrumb(seg: Segmented) -> Segmented:
    """Take the issue number from the page's breadcrumb (首页 > 公报 > 某某公报2020年 第4号) when
    the page head names none: a gazette's web copy of one report keeps its issue only there."""
    mh = seg.masthead
    issue = mh.issue if mh.issue is not None else breadcrumb_issue(seg.clean.original)
    if issue == mh.issue:
        return seg
    return Segmented(seg.clean, Masthead(mh.kind, mh.title, issue, mh.publisher, mh.date, mh.publisher_span),
                     seg.items)


def _written(clean: CleanText, s: str | None, near: int = 0) -> str | None:
    """A string found on the simplified view, as the document writes it."""
    if not s:
        return s
    i = clean.view.find(s, near)
    if i < 0:
        i = clean.view.find(s)
    return clean.text[i:i + len(s)] if i >= 0 else s


def _as_written(seg: Segmented) -> Segmented:
    c, mh = seg.clean, seg.masthead
    masthead = Masthead(mh.kind, _written(c, mh.title), mh.issue, _written(c, mh.publisher), mh.date,
                        mh.publisher_span)
    items = tuple(Item(it.position, _written(c, it.section), _written(c, it.headline, it.start) or "",
                       it.start, it.end, it.sentences) for it in seg.items)
    return Segmented(c, masthead, items)


def _newsletter_items(text: str, lines: list[Line]) -> list[Item]:
    paras = lines
    items: list[tuple[str | None, str, int, int, int]] = []  # section, headline, start, body, end
    section: str | None = None
    toc: set[str] = set()
    toc_entries: list[tuple[str | None, Line]] = []
    toc_section: str | None = None
    heading_after_toc: str | None = None  # a section heading after the last contents line
    body_after_toc = False
    run_on: dict[int, list[Line]] = {}  # an item with no headline (numbered from 1) → its paragraphs
    parts = False  # inside the numbered parts of an item that listed them (…纪要如下：一、…二、…)
    report = False  # inside the parts of a report under one headline (一、主要做法 二、推进情况 …)
    subtitled = False  # the report's headline has a subtitle under it (——某某改革的做法与启示)
    bare_sections = False  # a section was named on a line of its own with no mark (本周要情)
    mode = "body"
    # under 【】 sections a square marks an item (【本周要闻】 ■ 某某到中心调研), not a section of its own
    squares_mark_items = any(p.text.startswith("【") and section_name(p.text) and not TOC_RE.match(p.text)
                             and not HIGHLIGHTS_RE.match(p.text) for p in paras)
    for k, p in enumerate(paras):
        t = p.text
        sec = section_name(t)
        if sec and squares_mark_items and t.startswith(("■", "□")):
            sec = None
        if sec and squares_mark_items and NUMBERED_SECTION_RE.match(t) and k + 1 < len(paras) \
                and len(paras[k + 1].text) > 30 and ends_sentence(paras[k + 1].text):
            sec = None  # 【一线动态】 一、我市全面叫响某品牌 / its story: a numbered headline, not a section
        if sec is None and BARE_SECTION_RE.match(t) and (_over_headline(paras, k) or bare_sections):
            sec = t  # (over a headline, or in a bulletin whose sections are already named so: 街镇动态)
            bare_sections = True
        if sec is None and _over_sourced_story(paras, k):
            sec = t  # 口岸通关 / a headline / 发布日期：… 来源：…: a page's section over its stories
        if sec is None and _BARE_FOUR.fullmatch(t) and _over_headline(paras, k):
            sec = t  # 审批改革 / 某区高频事项秒批秒办扩至46项 / 某区…: four characters over a headline
        if TOC_RE.match(t):
            mode = "toc"
            continue
        if m := HIGHLIGHTS_RE.match(t):
            mode, section = "highlights", m.group(1)
            continue
        if mode == "toc":
            # an entry may carry its bullet or number and its section: ● 甲, 1. 甲, 【工作动态】甲
            key = SECTION_LABEL_RE.sub("", BULLET_RE.sub("", t))
            bare = re.sub(r"^[一二三四五六七八九十]{1,3}、", "", key)
            if sec is None and (bare in toc - {key} or any(bare.startswith(e) and bare != e for e in toc if len(e) >= 6)):
                # 一、甲 (or 甲 with its subtitle run on) after the contents listed 甲: the body has
                # begun, under the heading read last
                mode, section = "body", heading_after_toc or section
            elif sec is None and len(t) <= MAX_HEADLINE and not ends_sentence(t) and key not in toc:
                toc.add(key)
                toc_entries.append((toc_section, p))
                heading_after_toc = None
                continue
            if sec is not None and sec not in toc:
                toc.add(sec)
                toc_section = heading_after_toc = sec
                continue
            mode = "body"
            if heading_after_toc and any(key.startswith(e) for e in toc if len(e) >= 4):
                # the body opens with a headline the contents listed: the heading just read as
                # the contents' own section was the body's first (本期要目 ◆甲 ◆乙 【工作动态】 甲…)
                section = heading_after_toc
        if k and items and paras[k - 1].text.rstrip().endswith(("如下：", "如下:")):
            parts = True  # 现将会议议定事项纪要如下：the numbered parts after it are the item's own
        if len(items) == 1 and t.startswith(("——", "--")) and k and paras[k - 1].start == items[0][2]:
            items[-1] = (*items[-1][:4], p.end)  # the report's subtitle under its headline: ——某某情况综述
            subtitled = True
            continue
        if len(items) == 1 and items[0][1] and (
                _REPORT_PART_RE.match(t) or subtitled and t.startswith("一、") and _PART_RE.match(t)):
            # 临夏州深化某某改革 / 一、主要做法 (一)… 二、推进情况 三、下一步打算: one report; so are the
            # numbered parts of any report with a subtitle (某县某改革 / ——做法与启示 / 一、三地联动，由点及面)
            report = True
        if report:
            if sec is None or _REPORT_PART_RE.match(t):
                items[-1] = (*items[-1][:4], p.end)
                continue
            report = False
        if parts:
            if NUMBERED_SECTION_RE.match(t) or (sec is None and not _opens_item(paras, k)):
                items[-1] = (*items[-1][:4], p.end)
                continue
            parts = False
        if sec is not None:
            section, mode = sec, "body"
            continue
        if EDITOR_LINE_RE.match(t) or (not items and t.lstrip("【[").startswith(("编者按", "编者的话"))):
            continue  # 责任编辑:某某 closing an issue, 编者按 opening it: no item
        body_after_toc = body_after_toc or bool(toc_entries)
        if items and CONTRIBUTED_RE.match(t):  # （供稿：某局）: the close of the story before it
            items[-1] = (*items[-1][:4], p.end)
            if len(items) in run_on:
                run_on[len(items)].append(p)
            continue
        if items and SOURCE_ONLY_RE.match(t):  # 发布日期：… 来源：… under a story's headline: the story's
            items[-1] = (*items[-1][:4], p.end)
            if len(items) in run_on:
                run_on[len(items)].append(p)
            continue
        if items and items[-1][0] == section and _table_row(paras, k):  # a row of the item's table
            items[-1] = (*items[-1][:4], p.end)
            if len(items) in run_on:
                run_on[len(items)].append(p)
            continue
        bullet = BULLET_RE.match(t)
        after = k + 2 if k + 2 < len(paras) and SOURCE_ONLY_RE.match(paras[k + 1].text) else k + 1
        nxt = paras[after].text if after < len(paras) else ""  # (the story under its source line)
        gap = _split_headline(t)
        if gap is None:  # a paragraph opening with a headline the contents listed: 岳阳楼区开展试点。作为…
            gap = next((len(e) for e in toc if len(e) >= 6 and len(t) > len(e) + 10 and t.startswith(e)), None)
        if bullet and (mode == "highlights" or len(t) > 6):
            head_start = p.start + bullet.end()
            rest = t[bullet.end():]
            g = _split_headline(rest)
            head = rest[:g] if g is not None else _first_clause(rest)
            items.append((section, head, head_start, head_start, p.end))
        elif gap is not None:
            items.append((section, t[:gap].replace("\n", ""), p.start, p.start + gap, p.end))
        elif (len(t) <= MAX_HEADLINE and not ends_sentence(t) and nxt
              and section_name(nxt) is None and (len(nxt) > len(t) or ends_sentence(nxt))):
            items.append((section, t, p.start, p.end, p.end))
        elif items and items[-1][0] == section and not LABELLED_RE.match(t):
            s, h, st, b, _ = items[-1]
            items[-1] = (s, h, st, b, p.end)
            if len(items) in run_on:
                run_on[len(items)].append(p)
        else:
            items.append((section, _first_clause(t), p.start, p.start, p.end))
            run_on[len(items)] = [p]
    for n in sorted(run_on, reverse=True):
        if not _briefs(run_on[n], alone=len(items) == 1):
            continue
        # no paragraph has a headline of its own, and each is a whole story: one brief (简讯) each;
        # a closing （某局供稿） goes with the last
        briefs = [p for p in run_on[n] if not CONTRIBUTED_RE.match(p.text)]
        split = [(items[n - 1][0], _first_clause(p.text), p.start, p.start, p.end) for p in briefs]
        split[-1] = (*split[-1][:4], run_on[n][-1].end)
        items[n - 1:n] = split
    seen = {h for _, h, *_ in items}
    if toc_entries and not body_after_toc and not any(BULLET_RE.sub("", p.text) in seen for _, p in toc_entries):
        # the page stops after its table of contents: keep the entries as headline-only items
        items += [(sec, p.text, p.start, p.end, p.end) for sec, p in toc_entries]
    return [Item(i + 1, s, h, st, e, sentences(text, st, e)) for i, (s, h, st, _, e) in enumerate(items)]


#: the numbered parts of a report on one matter (一、主要做法 二、推进情况 三、下一步打算)
_REPORT_PART_RE = re.compile(r"^[一二三四五六七八九十]{1,2}、\s*(?:[\u4e00-\u9fff]{0,8}(?:做法|成效|进展|情况|举措|亮点|启示|经验)|"
                             r"(?:存在(?:的)?问题|问题和不足)(?:[及和与](?:下一步(?:工作)?(?:打算|计划|建议)|建议))?|"
                             r"下一步(?:工作)?(?:打算|计划|安排|工作|建议))$")
#: a numbered part's heading, whatever it says: 一、示范区三地联动，改革由点及面
_PART_RE = re.compile(r"^[一二三四五六七八九十]{1,2}、[^。；;！？]{2,28}$")
#: how a paragraph that goes on with the story before it opens (据介绍, 下一步, 与此同时 …)
_GOES_ON = re.compile(r"(?:据|下一步|同时|与此同时|此外|另外|其中|为此|对此|目前|截至|此前|该|他|她|这|“)")


def _briefs(paras: list[Line], alone: bool = True) -> bool:
    """Whether a bulletin's paragraphs, none with a headline, are briefs: three or more, each a
    whole story of some length ending a sentence, none a numbered heading or a hard-wrapped line
    (a note of who contributed them aside). Under a section of a bulletin whose other sections
    have stories of their own (not `alone`), none may open as a paragraph going on with the one
    before it does (据介绍, 下一步 …): a story may run over several paragraphs there."""
    paras = [p for p in paras if not CONTRIBUTED_RE.match(p.text)]
    return len(paras) >= 3 and all(len(p.text) >= 40 and ends_sentence(p.text) and not NUMBERED_SECTION_RE.match(p.text)
                                   and not BULLET_RE.match(p.text) and "\n" not in p.text for p in paras) \
        and (alone or not any(_GOES_ON.match(p.text.lstrip("\u3000 ")) for p in paras[1:]))


def _first_clause(text: str) -> str:
    """The opening of a text used as a headline when there is none: up to the first stop."""
    m = re.search(r"[。！？!?；;\n]", text)
    head = text[: m.start()] if m else text
    return head[:MAX_HEADLINE].strip()


def _article(clean: CleanText, lines: list[Line]) -> Segmented:
    """A single web article: optional title line, optional date/source lines, then the body."""
    text = clean.view
    if not lines:
        return Segmented(clean, Masthead("article"), ())
    head = article_head(clean, lines)
    start = lines[head.body_from].start if head.body_from < len(lines) else lines[0].start
    headline = head.title or _first_clause(text[start:lines[-1].end])
    item_start = lines[head.item_from].start if head.item_from < len(lines) else lines[0].start
    item = Item(1, None, headline, item_start, lines[-1].end, sentences(text, item_start, lines[-1].end))
    masthead = Masthead("article", head.title, None, head.publisher, head.day, head.pub_span)
    return Segmented(clean, masthead, _cases(text, lines[head.body_from:]) or (item,))


#: the heading of one case on a page of typical cases: 案例一：某区——以某某改革打造…
CASE_RE = re.compile(r"^案例[一二三四五六七八九十\d]{1,3}(?:\s*[:：、.．]|\s+\S)")


def _cases(text: str, lines: list[Line]) -> tuple[Item, ...]:
    """The items of a page of typical cases, one per 案例N heading (the introduction before the first
    is none); () when the page has fewer than two."""
    heads = [k for k, ln in enumerate(lines) if CASE_RE.match(ln.text)]
    if len(heads) < 2:
        return ()
    ends = [lines[k - 1].end for k in heads[1:]] + [lines[-1].end]
    return tuple(Item(i + 1, None, lines[k].text, lines[k].start, end, sentences(text, lines[k].start, end))
                 for i, (k, end) in enumerate(zip(heads, ends)))
