"""Cut clean text into masthead, sections, items and sentences, keeping offsets.

Two document shapes are recognised:
- a *newsletter* (a masthead with series title / issue number, or section headings such as
  【本地速览】, ■ 区内动态): items are headline + body, with the headline either on its own line,
  behind a bullet (◆ ☆ • Ø …), or before two spaces on the first line of the body (PDF layouts);
  hard-wrapped PDF lines are joined back into paragraphs; a table of contents is not an item;
- a single *article* (web page): one item whose headline is the title line when there is one,
  else the opening of the first sentence; a date/source line under the title gives its date
  and publisher.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from kg.dates import find_dates
from kg.records import CleanText, Item, Masthead, Segmented, Sentence

SERIES_RE = re.compile(r"(工作)?(动态|简报|快报|专报|周报|月报|通讯|信息|要情|专刊|周刊|情况|导刊)(\s*[(（].*[)）])?$")
ISSUE_RE = re.compile(r"^[(（]\s*(\d{1,4})\s*[)）]$|第\s*(\d{1,4})\s*期|总第\s*(\d{1,5})\s*期")
SECTION_RES = (
    re.compile(r"^【\s*([^】]{2,20}?)\s*】$"),
    re.compile(r"^[■□▌▍◼]\s*(.{2,20})$"),
)
NUMBERED_SECTION_RE = re.compile(r"^[一二三四五六七八九十]{1,3}、\s*(.{2,18})$")
BULLET_RE = re.compile(r"^\s*([◆◇☆★•●○▲△▶►Ø✦❖■□\-－·]|\d{1,2}[.、．]|[(（]\d{1,2}[)）])\s*")
TOC_RE = re.compile(r"^(目\s*录|本期目录|本期导读|导\s*读|本期要目)$")
HIGHLIGHTS_RE = re.compile(r"^(本期焦点|本期要点|本期看点|内容提要|本期提要)$")
PUBLISHER_RE = re.compile(r"^\S{4,28}(中心|局|办公室|办公厅|委员会|政府|厅|委|办)$")
SOURCE_LINE_RE = re.compile(r"(来源|发布时间|发布日期|时间|作者|浏览|点击|字号|大字|中字|小字)")
SENTENCE_END = "。！？!?；;"
CLOSERS = "”’」』)）》"
SEPARATOR = "  "
MAX_HEADLINE = 60


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _section(text: str) -> str | None:
    """The name of a section heading line (【本地速览】, ■ 区内动态, 一、重点工作), else None."""
    for rx in (*SECTION_RES, NUMBERED_SECTION_RE):
        m = rx.match(text)
        if m and not any(c in m.group(1) for c in SENTENCE_END + ",，:：") and len(m.group(1)) <= 14:
            return m.group(1).strip()
    return None


def _ends_sentence(text: str) -> bool:
    t = text.rstrip(CLOSERS)
    return bool(t) and t[-1] in SENTENCE_END


def _line_width(lines: list[_Line]) -> int:
    """The width of a full line when the text keeps a PDF's fixed-width line breaks, else 0."""
    body = [ln for ln in lines if _section(ln.text) is None and len(ln.text) > 8]
    if len(body) < 6:
        return 0
    lengths = sorted(len(ln.text) for ln in body)
    full = lengths[int(len(lengths) * 0.8)]
    near_full = sum(abs(n - full) <= max(2, full * 0.12) for n in lengths)
    open_ends = sum(not _ends_sentence(ln.text) for ln in body)
    if 12 <= full <= 60 and near_full > 0.6 * len(body) and open_ends > 0.5 * len(body):
        return full
    return 0


def _soft_breaks(lines: list[_Line], width: int) -> list[int]:
    """Offsets of the line breaks inside paragraphs of hard-wrapped text.

    A line continues on the next when it is (nearly) full width, unless it ends a sentence
    and the next line opens a new item (a headline, a bullet or a section heading)."""
    out = []
    for prev, ln in zip(lines, lines[1:]):
        if _section(prev.text) or _section(ln.text) or BULLET_RE.match(ln.text):
            continue
        if TOC_RE.match(prev.text) or HIGHLIGHTS_RE.match(prev.text):
            continue
        if len(prev.text) < width - max(2, width * 0.15):
            continue
        if _ends_sentence(prev.text) and _split_headline(ln.text) is not None:
            continue
        out.extend(range(prev.end, ln.start))
    return out


def unwrap(clean: CleanText, drop: list[int]) -> CleanText:
    """A copy of `clean` without the characters at `drop` (soft line breaks), same map to the original."""
    if not drop:
        return clean
    old_cs, old_os = clean.clean_starts, clean.orig_starts
    pieces, sim, cs, os_ = [], [], [], []
    new_pos, prev = 0, 0
    for stop in [*sorted(set(drop)), len(clean.text)]:
        a, b = prev, stop
        prev = stop + 1
        if a >= b:
            continue
        pieces.append(clean.text[a:b])
        if clean.simplified:
            sim.append(clean.simplified[a:b])
        k = bisect_right(old_cs, a) - 1
        cur = a
        while cur < b:
            run_end = old_cs[k + 1] if k + 1 < len(old_cs) else b
            seg_end = min(b, run_end)
            orig = old_os[k] + (cur - old_cs[k])
            if not cs or orig != os_[-1] + (new_pos - cs[-1]):
                cs.append(new_pos)
                os_.append(orig)
            new_pos += seg_end - cur
            cur = seg_end
            k += 1
    return CleanText("".join(pieces), clean.original, tuple(cs) or (0,), tuple(os_) or (0,),
                     "".join(sim))


def _split_headline(text: str) -> int | None:
    """Offset of the two-space gap after an inline headline, when the paragraph has one."""
    gap = text.find(SEPARATOR)
    if 2 <= gap <= MAX_HEADLINE and not any(c in text[:gap] for c in "。！？"):
        return gap
    return None


def sentences(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    """Sentences of text[start:end], split after 。！？；(and closing quotes) and at line breaks."""
    out, s = [], start
    i = start
    while i < end:
        ch = text[i]
        if ch in SENTENCE_END or ch == "\n":
            j = i + 1
            while j < end and text[j] in CLOSERS:
                j += 1
            if text[s:j].strip():
                out.append(_trim(text, s, j))
            s, i = j, j
            continue
        i += 1
    if text[s:end].strip():
        out.append(_trim(text, s, end))
    return tuple(out)


def _trim(text: str, s: int, e: int) -> Sentence:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Sentence(s, e)


def segment(clean: CleanText) -> Segmented:
    """Cut a cleaned document into masthead and items.

    Structure is read on the simplified view (目錄 and 目录 alike); the headlines, sections and
    masthead fields handed on are the text as written."""
    lines = _lines(clean.view)
    head_end, masthead = _masthead(lines)
    width = _line_width(lines[head_end:])
    if width:
        clean = unwrap(clean, _soft_breaks(lines[head_end:], width))
        lines = _lines(clean.view)
    body = lines[head_end:]
    newsletter = masthead.issue is not None or masthead.title is not None or any(
        _section(ln.text) for ln in body)
    seg = None
    if newsletter:
        items = _newsletter_items(clean.view, body)
        if masthead.title is None and masthead.issue is None:
            # sections only (一、… headings of a report or a policy text): the page is still an
            # article with a title line and a date/source line above its body
            head = _article_head(clean, lines)
            masthead = Masthead("newsletter", head.title, None, head.publisher, head.day, head.pub_span)
        if items:
            seg = Segmented(clean, Masthead("newsletter", masthead.title, masthead.issue,
                                            masthead.publisher, masthead.date,
                                            masthead.publisher_span), tuple(items))
    return _as_written(seg or _article(clean, lines))


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


def _masthead(lines: list[_Line]) -> tuple[int, Masthead]:
    """Read series title, issue, publisher and date from the lines before the first item."""
    title = issue = publisher = day = None
    pub_span = None
    end = 0
    for k, ln in enumerate(lines[:12]):
        t = ln.text
        if _section(t) or TOC_RE.match(t) or HIGHLIGHTS_RE.match(t) or len(t) > 60:
            break
        m = ISSUE_RE.search(t)
        dates = [d for d in find_dates(t) if d.precision == "day"]
        if m and issue is None:
            issue = int(next(g for g in m.groups() if g))
            title = title or _series_before(t[: m.start()])
            end = k + 1
        elif dates and day is None:
            day = dates[0].iso
            lead = _source_name(t[: dates[0].start])
            if publisher is None and 3 <= len(lead) <= 30 and not ISSUE_RE.search(lead):
                publisher = lead
                pub_span = (ln.start + t.find(lead), ln.start + t.find(lead) + len(lead))
            end = k + 1
        elif title is None and SERIES_RE.search(t) and len(t) <= 30:
            title, end = t, k + 1
        elif title is None and issue is None and k < 3 and publisher is None and PUBLISHER_RE.search(t):
            publisher, pub_span, end = t, (ln.start, ln.end), k + 1  # the publisher above the title
        elif title is None and issue is None and len(t) <= 12 and k < 3:
            end = k + 1  # furniture such as 内部交流 or 内部资料 above the title
        elif publisher is None and (title or issue) and len(t) <= 30:
            publisher, pub_span, end = t, (ln.start, ln.end), k + 1
        else:
            break
    if title is None and issue is None:
        return 0, Masthead("article")
    return end, Masthead("newsletter", title, issue, publisher, day, pub_span)


META_RE = re.compile(r"(来源|时间|作者|发布|浏览|编辑|点击|字号|首页|当前位置)\s*[:：>]|[>›»]")
#: a line of names only (the byline above an article): 李明 王芳 张伟
BYLINE_RE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:[\s、,，]+[\u4e00-\u9fff]{2,3})+")
#: a line that only carries a date and/or a source: 来源:环球网, 时间:2020/8/27来源:…, --
SOURCE_ONLY_RE = re.compile(r"^(?:来源|发布时间|发布日期|更新时间|时间|日期|作者)\s*[:：]")
SEPARATOR_LINE_RE = re.compile(r"^[-—–=_*·~\s]+$")
URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|cn|net|org|html?)\b\S*")
NOT_PUBLISHER = ("本站", "本网", "admin", "佚名", "原创")
#: a byline with a role: □记者 张三 李四, 本报通讯员 王五, 文/赵六
ROLE_BYLINE_RE = re.compile(r"^\W*(?:本报|本台|本网)?(?:特约)?(?:记者|通讯员|作者|撰稿|摄影|文\s*[/:])")


def _title_like(text: str) -> bool:
    """Whether an article's first line is its title: short, not a sentence, not page metadata.

    >>> _title_like("某市推行一网通办"), _title_like("来源:某市日报"), _title_like("见 http://a.cn/1.html 某页")
    (True, False, False)
    >>> _title_like("□记者张三李四"), _title_like("本报通讯员王五")
    (False, False)
    """
    return (len(text) <= MAX_HEADLINE and not _ends_sentence(text) and "," not in text
            and not text.rstrip().endswith((":", "：")) and not META_RE.search(text)
            and not URL_RE.search(text) and not ROLE_BYLINE_RE.match(text)
            and len(re.findall(r"[\u4e00-\u9fff]", text)) >= 4)


def _source_name(lead: str) -> str:
    """The publisher's name in a date/source line: 来源:番禺区政务服务和数据管理局 发布时间: → the name."""
    m = re.search(r"(?:来源|来自|发布单位|发布机构|主办|编印|编)\s*[:：]?\s*(\S+)", lead)
    name = m.group(1) if m else lead
    return re.sub(r"(发布时间|发布日期|更新时间|时间|日期)\s*[:：]?$", "", name).strip(" :：|/")


@dataclass(slots=True)
class _Head:
    """What the top lines of an article say: title, publisher, date, and where the body starts."""

    title: str | None = None
    publisher: str | None = None
    day: str | None = None
    pub_span: tuple[int, int] | None = None
    body_from: int = 0


def _publisher_in(line: _Line, date_start: int) -> tuple[str, tuple[int, int]] | None:
    """The publisher named on a date/source line, with its span, or None (authors and sites' own
    words such as 本站原创 are not publishers).

    >>> line = _Line(0, 40, "某省人民政府门户网站 www.x.gov.cn 发布时间: 2020-03-11")
    >>> _publisher_in(line, line.text.find("2020"))[0]
    '某省人民政府门户网站'
    >>> line = _Line(0, 26, "作者:admin 更新时间:2021-11-20")
    >>> _publisher_in(line, line.text.find("2021")) is None
    True
    """
    t = line.text
    source = re.search(r"来源\s*[:：]\s*([^\s:：|/]+?)(?=\s|(?:19|20)\d\d|发布|时间|作者|$)", t)
    if source:
        lead = source.group(1)
    elif re.search(r"作者|记者|编辑|[:：]\s*\S", t[:date_start]):
        return None
    else:
        lead = _source_name(URL_RE.sub(" ", t[:date_start]).strip())
    lead = lead.strip(" :：|/")
    if not 2 <= len(lead) <= 20 or not re.search(r"[\u4e00-\u9fff]", lead) or lead.startswith(NOT_PUBLISHER):
        return None
    at = line.start + t.find(lead)
    return lead, (at, at + len(lead))


def _read_source_line(head: _Head, line: _Line) -> bool:
    """Take date and publisher from a date/source line into `head`; whether the line was one."""
    dates = [d for d in find_dates(line.text) if d.precision == "day"]
    source = re.search(r"来源\s*[:：]", line.text)
    if len(line.text) > 80 or not (dates or source):
        return False
    if dates and head.day is None:
        head.day = dates[0].iso
    found = _publisher_in(line, dates[0].start if dates else len(line.text))
    if found and head.publisher is None:
        head.publisher, head.pub_span = found
    return True


def _is_byline(clean: CleanText, line: _Line) -> bool:
    """Whether a line is names only, read on the original text (cleaning joins 李明 王芳 into one word)."""
    a, b = clean.span_to_original(line.start, line.end)
    return bool(BYLINE_RE.fullmatch(clean.original[a:b].strip()))


def _article_head(clean: CleanText, lines: list[_Line]) -> _Head:
    """Read an article's title line and the date/source lines around it (a source line may come
    first, a separator such as -- may sit between title and date), then 某某报讯 as publisher."""
    text = clean.view
    head, k = _Head(), 0
    if lines and SOURCE_ONLY_RE.match(lines[0].text) and _read_source_line(head, lines[0]):
        k = 1
    if len(lines) > k + 1 and _title_like(lines[k].text) and not _is_byline(clean, lines[k]):
        head.title, k = lines[k].text, k + 1
        for j in range(k, min(k + 2, len(lines))):
            if SEPARATOR_LINE_RE.match(lines[j].text):
                continue
            if _read_source_line(head, lines[j]):
                k = j + 1
            break
    head.body_from = k
    start = lines[k].start if k < len(lines) else 0
    m = re.match(r"^(\S{2,12}?(?:网|报|社|台|新闻))讯", text[start:start + 20])
    if m and head.publisher is None:
        head.publisher, head.pub_span = m.group(1), (start, start + len(m.group(1)))
    return head


def _series_before(text: str) -> str | None:
    """The series title written before the issue number (营商环境周刊·第246期 → 营商环境周刊)."""
    t = text.strip().rstrip("·•・|｜-—:： ")
    return t if t and SERIES_RE.search(t) else None


def _newsletter_items(text: str, lines: list[_Line]) -> list[Item]:
    paras = lines
    items: list[tuple[str | None, str, int, int, int]] = []  # section, headline, start, body, end
    section: str | None = None
    toc: set[str] = set()
    toc_entries: list[tuple[str | None, _Line]] = []
    toc_section: str | None = None
    body_after_toc = False
    mode = "body"
    for k, p in enumerate(paras):
        t = p.text
        sec = _section(t)
        if TOC_RE.match(t):
            mode = "toc"
            continue
        if HIGHLIGHTS_RE.match(t):
            mode, section = "highlights", t
            continue
        if mode == "toc":
            if sec is None and len(t) <= MAX_HEADLINE and not _ends_sentence(t) and t not in toc:
                toc.add(BULLET_RE.sub("", t))
                toc_entries.append((toc_section, p))
                continue
            if sec is not None and sec not in toc:
                toc.add(sec)
                toc_section = sec
                continue
            mode = "body"
        if sec is not None:
            section, mode = sec, "body"
            continue
        body_after_toc = body_after_toc or bool(toc_entries)
        bullet = BULLET_RE.match(t)
        nxt = paras[k + 1].text if k + 1 < len(paras) else ""
        gap = _split_headline(t)
        if bullet and (mode == "highlights" or len(t) > 6):
            head_start = p.start + bullet.end()
            rest = t[bullet.end():]
            g = _split_headline(rest)
            head = rest[:g] if g is not None else _first_clause(rest)
            items.append((section, head, head_start, head_start, p.end))
        elif gap is not None:
            items.append((section, t[:gap].replace("\n", ""), p.start, p.start + gap, p.end))
        elif (len(t) <= MAX_HEADLINE and not _ends_sentence(t) and nxt
              and _section(nxt) is None and (len(nxt) > len(t) or _ends_sentence(nxt))):
            items.append((section, t, p.start, p.end, p.end))
        elif items and items[-1][0] == section:
            s, h, st, b, _ = items[-1]
            items[-1] = (s, h, st, b, p.end)
        else:
            items.append((section, _first_clause(t), p.start, p.start, p.end))
    seen = {h for _, h, *_ in items}
    if toc_entries and not body_after_toc and not any(BULLET_RE.sub("", p.text) in seen for _, p in toc_entries):
        # the page stops after its table of contents: keep the entries as headline-only items
        items += [(sec, p.text, p.start, p.end, p.end) for sec, p in toc_entries]
    return [Item(i + 1, s, h, st, e, sentences(text, st, e)) for i, (s, h, st, _, e) in enumerate(items)]


def _first_clause(text: str) -> str:
    """The opening of a text used as a headline when there is none: up to the first stop."""
    m = re.search(r"[。！？!?；;\n]", text)
    head = text[: m.start()] if m else text
    return head[:MAX_HEADLINE].strip()


def _article(clean: CleanText, lines: list[_Line]) -> Segmented:
    """A single web article: optional title line, optional date/source lines, then the body."""
    text = clean.view
    if not lines:
        return Segmented(clean, Masthead("article"), ())
    head = _article_head(clean, lines)
    start = lines[head.body_from].start if head.body_from < len(lines) else lines[0].start
    headline = head.title or _first_clause(text[start:lines[-1].end])
    item_start = lines[0].start
    item = Item(1, None, headline, item_start, lines[-1].end, sentences(text, item_start, lines[-1].end))
    return Segmented(clean, Masthead("article", head.title, None, head.publisher, head.day, head.pub_span),
                     (item,))
