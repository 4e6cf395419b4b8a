"""Adoptions: which place the text reports as carrying out a measure, when, and at what stage.

The adopter of a measure mention is the place its item reports on (its subject), plus the places
of agencies that act earlier in the same sentence (三门峡市公共资源交易中心作为主场，河南省公共资源
交易中心…共同完成远程异地评标). Places a verb of carrying out right before the measure belongs to
take it instead (上海、浙江等地推行的“一业一证”), and a later sentence referring back to a measure
(这一做法) gives it to the places it names as carrying it out. Places listed after 在 and before
推广 are places a measure is promoted to (stage "promoted")."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from kg.actors import (FIRM, INSTRUCTED_BY, acts, clause_start, direct_subjects, in_title, narrowest,
                       openers, own_actors)
from kg.dates import APPROX_RE, DateValue, find_dates
from kg.papers import AGENCY_END
from kg.records import Adoption, Mention, Observation, Sentence

if TYPE_CHECKING:
    from kg.link import Context

MIN_CONFIDENCE = 0.6
#: how much a mention must stand out before its measure counts as adopted (see `salience`)
MIN_SALIENCE = 2
STRONG_VERB = re.compile(r"(?:实行|推行|实施|构建|推出|打造|建立|创新|探索|试行|启动|上线|完成)(?:了|实施|推行)?$")
#: the same verbs (and 完成, 实现 of a whole) with the field or the levels of government the measure
#: covers between: 推行政务服务容缺受理模式, 完成市县两级行政审批局全覆盖
STRONG_VERB_FIELD = re.compile(r"(?:实行|推行|实施|推出|建立|试行)(?:政务服务|行政审批|涉企|惠企|企业|市场主体|经营主体)$"
                               r"|(?:实行|推行|实施|推出|建立|试行|完成|实现)[省市县区乡镇村]{2,4}[两三四五]级$")
WEAK_VERB = re.compile(r"(?:落实|深化|推广|开展|推动|推进|完善|加强|坚持)(?:了)?$")
STAGES = (
    ("promoted", re.compile(r"推广|复制|推介")),
    ("planned", re.compile(r"计划|拟|将要|将于|筹备|谋划|即将|力争|争取")),
    ("extended", re.compile(r"扩大|拓展|延伸|覆盖|升级|深化|迭代")),
    ("launched", re.compile(r"上线|启动|推出|率先|出台|实施|推行|实行|建立|开展|完成|印发|创新")),
)
#: a measure the place undergoes, as ranked by others: 在世界银行营商环境评价中…排名第12位
_RANKED_BEFORE = re.compile(r"世界银行|世行|获评|迎接|参评")
_RANKED_AFTER = re.compile(r"^[^，,。；;]{0,6}?中[^。；;]{0,30}?(?:排名|排位|位列|位居|名列|居全|满分|得分|获评|"
                           r"第[一二三四五六七八九十\d]+[档名位])")
#: a document title whose issuer is named before 关于 (国务院关于开展…的意见)
_DOC_TITLE = re.compile(r"关于[^。；;]{0,60}?的(?:通知|意见|决定|办法|方案|批复|函|规定|公告)")


def _stage(text: str) -> str:
    for name, rx in STAGES:
        if rx.search(text):
            return name
    return "reported"


def _date(ctx: Context, item: int, sent: Sentence | None) -> tuple[str | None, str | None]:
    """The sentence's date, else the item's first date, else the issue's date (approximate)."""
    view, ref = ctx.seg.clean.view, ctx.seg.masthead.date
    it = ctx.seg.item(item)
    year_ref = ref
    if ref is None:  # no issue date: a year-less 3月21日 takes the year of the item's first full date
        full = next((d for d in find_dates(view[it.start:it.end]) if d.precision == "day"), None)
        year_ref = full.as_date if full else None
    for start, end in ((sent.start, sent.end) if sent else (it.start, it.start), (it.start, it.end)):
        dates = [d for d in find_dates(view[start:end], year_ref) if not _target(view[start:end], d, ref)]
        if dates:
            d = dates[0]
            approx = APPROX_RE.search(view[start:end])
            return d.as_date, "approximate" if approx and d.precision != "day" else d.precision
    if ref:
        return ref, "approximate"
    return None, None


#: a date after these is a goal, not when something was done (力争到2027年底, 至2025年)
_TARGET_BEFORE = re.compile(r"(?:(?<![截止])[到至]|争取|力争|预计)$")


def _target(text: str, d: DateValue, ref: str | None) -> bool:
    """Whether a date is a target rather than a report: written after 到/力争, or later than the
    document's own date.

    >>> _target("力争到2027年底建成", find_dates("力争到2027年底建成")[0], None)
    True
    >>> _target("截至2022年3月已上线", find_dates("截至2022年3月已上线")[0], "2022-06-01")
    False
    """
    if _TARGET_BEFORE.search(text[max(0, d.start - 2):d.start]):
        return True
    return ref is not None and d.as_date > ref


def adoptions(ctx: Context, by_kind: dict[str, list[Mention]]) -> list[Adoption]:
    """Adoptions for every measure mention with a confident concept."""
    text = ctx.seg.clean.view
    out: dict[tuple[str, str, int], Adoption] = {}
    counts: dict[str, int] = {}
    for r in ctx.refs:
        if r.kind == "measure":
            counts[r.key] = counts.get(r.key, 0) + 1
    title_starts = {t.start for t in by_kind["title"]}
    actors = sorted(((s, e, ctx.entities[k].attr("place")) for (s, e), k in ctx.agency_at.items()
                     if ctx.entities[k].attr("place") and e not in title_starts
                     and not FIRM.search(ctx.entities[k].label)), key=lambda a: a[0])
    concept: dict[tuple[int, int], str] = {}  # measure mention span → its concept (the first linked)
    for r in ctx.refs:
        if r.kind == "measure":
            concept.setdefault((r.start, r.end), r.key)
    opening = openers(ctx)
    headings = place_headings(ctx)
    for m in by_kind["measure"]:
        key = concept.get((m.start, m.end))
        if key is None or not _confident(ctx, key) or salience(ctx, m, key, counts) < MIN_SALIENCE:
            continue
        sent = ctx.seg.sentence_at(m.item, m.start)
        s_start, s_end = (sent.start, sent.end) if sent else (m.start, m.end)
        if _not_carried_out(ctx, s_start, m):
            continue
        day, precision = _date(ctx, m.item, sent)
        stage = _stage(text[s_start:m.start])
        places: dict[str, str] = {}
        subject = ctx.subjects.get(m.item)
        part, labelled = _heading_place(ctx, headings, m) or ("", False)
        if part and part != subject and (subject is None or labelled or ctx.g.contains(subject, part)):
            subject = part  # a province's page, a part on each of its cities: 一、天水市：…
        direct = direct_subjects(ctx, s_start, s_end, _list_head(ctx, m), opening)
        own = None if direct else own_actors(ctx, s_start, s_end, m, opening)
        if direct:  # the places the verb before the measure belongs to: 上海、浙江等地推行的“一业一证”
            for code in filter(None, direct):
                places[code] = stage if stage != "promoted" else "launched"
        elif own is not None:  # the sentence names who carries it out: 常德市坚持…推进“五个突破”
            for code in filter(None, own):
                places[code] = stage if stage != "promoted" else "launched"
        elif subject and not _issued_by_other(ctx, s_start, m):
            places[subject] = stage if stage != "promoted" else "launched"
        for s, e, code in actors if not direct else ():
            if s_start <= s and e <= m.start and acts(text, s_start, s_end, s, e):
                places.setdefault(code, stage if stage != "promoted" else "launched")
        for code in _promoted_to(ctx, clause_start(text, s_start, m.start), m.start) + _promoted_after(ctx, m, s_end):
            places.setdefault(code, "promoted")
        for code in _listed_to_act(ctx, s_start, m.start) + _partners(ctx, s_start, m):
            places.setdefault(code, stage if stage != "promoted" else "launched")
        for code, st in places.items():
            k = (code, key, m.item)
            if k not in out:
                out[k] = Adoption(code, key, m.item, m.start, m.end, day, precision, st)
    for a in _pilot_places(ctx, by_kind) + _referred_back(ctx, by_kind, concept, opening):
        out.setdefault((a.place, a.measure, a.item), a)
    return list(out.values())


#: a numbered heading inside an item, opening on the place its part is about: 一、天水市：…, 案例二 某县…
_HEADING = re.compile(r"(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]"
                      r"|案例[一二三四五六七八九十\d]{1,3}[:：、.．]?)[ \t]*")
_HEADING_MAX = 50


#: a row of a table written as text, numbered, its cells parted by bars: 1|某市某县|案例名称|做法…
_ROW = re.compile(r"\d{1,3}[ \t]*\|[ \t]*")


def place_headings(ctx: Context) -> list[tuple[int, str, int, bool]]:
    """(start, place code or "", level, labelled) of each numbered heading line, in text order,
    with the place it opens on: a page presenting several places' practices (一、天水市：…
    二、张掖市：…) under one title. A heading is short and no sentence (no 。；), unless its place
    is followed by a colon (（二）海宁市：以…提升效率。海宁市实施…); a numbered row of a text table
    (1|石家庄市正定县|…) is the heading of its own line, whatever its length. `labelled`: the place
    is set apart as the part's label (by a colon or a table's bar), so the part is that place's
    even when the page is another's (a county's report on the places it visited)."""
    text, out = ctx.seg.clean.view, []
    starts = {s: (e, code) for (s, e), code in ctx.place_at.items()}
    for line in re.finditer(r"(?m)^.+$", text):
        m, level = _HEADING.match(line.group()), 9
        if m is not None:
            level = 0 if m.group()[:1] in "一二三四五六七八九十" else 1 if m.group()[:1] in "(（" else 2
        short = len(line.group()) <= _HEADING_MAX and not re.search(r"[。；;！？]", line.group())
        if m is None and (m := _ROW.match(line.group())):
            short = True
        if m is None:
            continue
        at = line.start() + m.end()
        end, code = starts.get(at, (at, ""))
        chain_end = end
        while chain_end in starts:  # the chain of places written as one name: 嘉兴市海宁市
            chain_end = starts[chain_end][0]
        labelled = bool(code) and (level == 9 or text[chain_end:chain_end + 1] in ("：", ":"))
        if short or labelled:
            out.append((line.start(), narrowest(ctx, at, end, code) if code else "", level, labelled))
    return out


def _heading_place(ctx: Context, headings: list[tuple[int, str, int, bool]], m: Mention) -> tuple[str, bool] | None:
    """The place the last numbered heading above a mention in its item opens on, or where that
    heading names none, the place of the heading it stands under (三、我县下一步工作 / （一）打造…);
    with whether the heading labels its part with it."""
    item = ctx.seg.item(m.item)
    if item is None:
        return None
    k = bisect.bisect_right(headings, (m.start, "\uffff", 99, True)) - 1
    level = 99
    while k >= 0 and headings[k][0] >= item.start:
        _, code, lv, labelled = headings[k]
        if lv < level:
            if code:
                return code, labelled
            level = lv
        k -= 1
    return None


def _not_carried_out(ctx: Context, s_start: int, m: Mention) -> bool:
    """Whether a measure mention reports nothing carried out: it is part of an agency's name
    (省营商环境投诉举报中心), the topic of a document one acts upon (根据《…改革…的通知》), or an
    evaluation the place is ranked in by others (在世界银行营商环境评价中排名第12位).

    >>> from types import SimpleNamespace as N
    >>> c = N(seg=N(clean=N(view="甲区在全省营商环境评价中位列第一档。")), agency_at={})
    >>> _not_carried_out(c, 0, N(start=5, end=11))
    True
    """
    text = ctx.seg.clean.view
    if any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in ctx.agency_at):
        return True
    clause = text[clause_start(text, s_start, m.start):m.start]
    if in_title(text[s_start:m.start]) and INSTRUCTED_BY.search(clause):
        return True
    return bool(_RANKED_BEFORE.search(clause) or _RANKED_AFTER.match(text[m.end:m.end + 48]))


def _issued_by_other(ctx: Context, s_start: int, m: Mention) -> bool:
    """Whether a measure is the topic of a document title whose issuer, named before 关于, is not a
    body of any place (国务院关于开展…试点工作的意见): the item's place did not issue it."""
    text = ctx.seg.clean.view
    begin = clause_start(text, s_start, m.start)
    for t in _DOC_TITLE.finditer(text, begin, min(len(text), m.end + 64)):
        if not (t.start() <= m.start and m.end <= t.end()):
            continue
        issuer = text[begin:t.start()].lstrip("《“\"")
        if not issuer:
            return False
        placed = [(s, e) for (s, e), k in ctx.agency_at.items()
                  if begin <= s and e <= t.start() and ctx.entities[k].attr("place")]
        own = [(s, e) for (s, e) in ctx.place_at if begin <= s and e <= t.start()]
        return not placed and not own
    return False


def salience(ctx: Context, m: Mention, key: str, counts: dict[str, int]) -> int:
    """How much a measure mention stands out: in the headline (3), quoted (2), right after a verb
    of doing (实行 2, 开展 1), named again in the document (1 per repeat, up to 2); a candidate found by its
    shape starts at 2; platforms and systems count only from the headline or quotes."""
    text = ctx.seg.clean.view
    item = ctx.seg.item(m.item)
    e = ctx.entities[key]
    score = 0
    if m.start < item.start + len(item.headline or ""):
        score += 3
    quoted = (text[m.start - 1:m.start] in "“\"'‘「『" or text[m.end:m.end + 1] in "”\"'’」』"
              or "“" in text[m.start:m.end] or _inside_quotes(text, item.start, m))
    if quoted and m.start > 0:
        score += 2
    prominent = score > 0
    first = _list_head(ctx, m)  # 推行“证照联办”和容缺受理: the verb before the list serves each
    before = text[max(item.start, first - 8):first].rstrip("“\"‘")
    own = text[m.start:m.start + 2]  # a thesaurus variant may start with its verb: 构建亲清新型政商关系
    if STRONG_VERB.search(before) or STRONG_VERB.search(own) or STRONG_VERB_FIELD.search(before):
        score += 2
    elif WEAK_VERB.search(before) or WEAK_VERB.search(own):
        score += 1
    score += min(counts.get(key, 1) - 1, 2)
    if e.attr("confidence") or (m.attr("key") or "").startswith("?"):  # found by its shape
        score = max(score, 2)
    if e.attr("kind") == "platform" and not prominent:
        return 0
    return score


def _list_head(ctx: Context, m: Mention) -> int:
    """Where the list of measures a mention closes starts (甲、乙和丙 → 甲, “甲”“乙” → 甲), or the
    mention's own start."""
    text, start = ctx.seg.clean.view, m.start
    spans = sorted({(r.start, r.end) for r in ctx.refs if r.kind == "measure" and r.item == m.item})
    while True:
        prev = next((s for s, e in reversed(spans) if e <= start and (text[e:start].strip("“”\"'")
                     in ("、", "和", "及", "与", "以及") or text[e:start] in ("”“", "\"\""))), None)
        if prev is None:
            return start
        start = prev


def _inside_quotes(text: str, start: int, m: Mention) -> bool:
    """Whether a mention lies inside a pair of quotation marks (“放管服”改革 counts, too)."""
    before = text[start:m.start]
    return before.count("“") > before.count("”")


def _confident(ctx: Context, key: str) -> bool:
    e = ctx.entities[key]
    conf = e.attr("confidence")
    return conf is None or float(conf) >= MIN_CONFIDENCE


def _promoted_to(ctx: Context, start: int, end: int) -> list[str]:
    """Places between 在 and 推广 before the measure: 在南方五省区（广东、广西…）推广."""
    view = ctx.seg.clean.view
    m = re.search(r"在([^。；]{2,60}?)推广", view[start:end])
    if not m:
        return []
    a, b = start + m.start(1), start + m.end(1)
    return [code for (s, e), code in ctx.place_at.items() if a <= s and e <= b]


#: a measure, then where it is promoted: 某市“某某”改革经验在全省复制推广
_PROMOTED_AFTER = re.compile(r"[”\"]?(?:改革|服务|模式)?的?(?:经验做法|经验|做法|模式)?(?:被|已|已被)?[在向]"
                             r"([^。；;，,“”]{2,20}?)(?:复制推广|推广|推开)")


def _promoted_after(ctx: Context, m: Mention, end: int) -> list[str]:
    """The places a measure is promoted to, named after it: 遂宁市“园区事园区办”改革经验在全省复制推广."""
    hit = _PROMOTED_AFTER.match(ctx.seg.clean.view, m.end, end)
    return _places_within(ctx, hit.start(1), hit.end(1)) if hit else []


#: 在 + a list of places + (等)N个城市 + a verb of carrying out: 在北京、上海等6个城市开展…
_LIST_ACTS = re.compile(r"在([^。；;，,]{2,80}?)(?:等)?(?:[\d一二三四五六七八九十]+个)?(?:城市|省份|省区市|地区|地市|县区|地)?"
                        r"(?:率先|先行|同步|创新)?(?:开展|实施|推行|试点|试行|推出)")


_FIRST_IN = re.compile(r"(?:范围内)?(?:率先|首先|首批|首个|首家|首创)")


def _listed_to_act(ctx: Context, start: int, end: int) -> list[str]:
    """The places of a bare list after 在 and before a verb of carrying out, all of them: in
    在北京、上海、重庆6个城市开展营商环境创新试点 each city carries out the pilot, in 在广州创新推出
    “四办” the one city. The list must hold places and separators only, so 在长沙召开会议部署开展…
    names no adopter."""
    view = ctx.seg.clean.view
    out: list[str] = []
    for m in _LIST_ACTS.finditer(view, start, end):
        a, b = m.start(1), m.end(1)
        inside = sorted((s, e, code) for (s, e), code in ctx.place_at.items() if a <= s and e <= b)
        rest, pos = [], a
        for s, e, _ in inside:
            rest.append(view[pos:s])
            pos = e
        rest.append(view[pos:b])
        if inside and all(r in ("", "、", "和", "及", "与") for r in rest) \
                and not (len(inside) == 1 and view[a] == "全" and _FIRST_IN.match(view, b)):
            out += [code for _, _, code in inside]  # but 在全省率先推行 ranks who acts
    return out


#: the partners an agreement on a measure is signed with: 与甲省乙市、丙州签订政务服务“跨省通办”合作协议
_SIGNED_WITH = re.compile(r"与([^。；;，,]{2,60}?)(?:新签|签订|签署|共同签署|签约)了?[^。；;，,“]{0,8}“?$")
_AGREEMENT_AFTER = re.compile(r"^[”\"]?[^。；;，,]{0,6}?(?:协议|备忘录|协定)")
#: a measure carried out jointly with the places after 与: 与贺州首次开展跨省远程异地评标
_JOINT_WITH = re.compile(r"与([^。；;，,]{2,60}?)(?:首次|共同|联合|先后|同步)?(?:开展|实施|推行|实现|启动|完成|建立)了?"
                         r"[^。；;，,“与]{0,10}“?$")


def _partners(ctx: Context, start: int, m: Mention) -> list[str]:
    """The places a measure's agreement is signed with, each a partner that carries it out: the
    list after 与 (places only, a chain such as 甘肃省兰州市 counting as its last place)."""
    view = ctx.seg.clean.view
    clause = clause_start(view, start, m.start)
    signed = _SIGNED_WITH.search(view, clause, m.start)
    if signed is None or not _AGREEMENT_AFTER.match(view[m.end:m.end + 12]):
        signed = _JOINT_WITH.search(view, clause, m.start)  # 永州与贺州首次开展跨省远程异地评标
    if signed is None:
        return []
    a, b = signed.start(1), signed.end(1)
    inside = sorted((s, e, code) for (s, e), code in ctx.place_at.items() if a <= s and e <= b)
    rest, pos, out = [], a, []
    for k, (s, e, code) in enumerate(inside):
        rest.append(view[pos:s])
        pos = e
        nxt = inside[k + 1] if k + 1 < len(inside) else None
        if not (nxt and nxt[0] == e and ctx.g.contains(code, nxt[2])):
            out.append(code)  # 甘肃省兰州市: the city, not the province too
    rest.append(view[pos:b])
    # a short name may leave its level word outside the place found: 临夏|州
    # and the last may be the partners' bodies: 与郴州市、衡阳市公共资源交易中心建立…合作
    return out if inside and all(re.fullmatch(r"[州市县区盟旗]?(?:、|和|及|与)?", r) for r in rest[:-1]) \
        and re.fullmatch(rf"[州市县区盟旗]?(?:[\u4e00-\u9fff]{{0,12}}{AGENCY_END})?", rest[-1]) else []


#: a pilot's places, listed after it is named: 首批试点城市为北京、上海、重庆6个城市
_PILOT_LIST = re.compile(r"试点(?:城市|地区|省份|县|区|单位)?(?:为|是|包括|有)")


def _pilot_places(ctx: Context, by_kind: dict[str, list[Mention]]) -> list[Adoption]:
    """Adoptions of a pilot by the places a later sentence lists as its pilots (选择部分城市开展
    营商环境创新试点。首批试点城市为北京、上海…): each listed place carries out the last pilot named
    before the list in the same item."""
    view, out = ctx.seg.clean.view, []
    for it in ctx.seg.items:
        for hit in _PILOT_LIST.finditer(view, it.start, it.end):
            pilot = next((m for m in reversed(by_kind["measure"]) if m.item == it.position and m.end <= hit.start()
                          and "试点" in view[m.start:m.end]), None)
            key = pilot and next((r.key for r in ctx.refs if r.kind == "measure" and r.start == pilot.start), None)
            if not key or not _confident(ctx, key):
                continue
            day, precision = _date(ctx, it.position, ctx.seg.sentence_at(it.position, hit.start()))
            for code in _list_after(ctx, hit.end()):
                out.append(Adoption(code, key, it.position, pilot.start, pilot.end, day, precision, "launched"))
    return out


#: a word referring back to a measure named before: 这一做法, 该模式, 此项改革; or a verb of following
#: one without an object (乙区、丙区相继跟进, 甲市、乙市已于5月底前完成复制)
_ANAPHOR = re.compile(r"(?:这一|这项|这种|这个|该|此|此项|上述)(?:做法|模式|经验做法|经验|举措|改革|机制|制度|服务)"
                      r"|(?:相继|先后|纷纷|随即|迅速|及时|陆续|也|已|均)(?:跟进|效仿)|完成复制")
#: a verb of carrying out before it (甲市即已推行这一做法), or after it with where or by whom (该做法已在
#: 我区同步推行, 这一做法已由甲市在全市推开)
_ANAPHOR_BEFORE = re.compile(r"(?:推行|实行|实施|引入|引进|采用|复制|沿用|试行)了?$")
_FOLLOWED = re.compile(r"(?:跟进|效仿|完成复制)$")
_ANAPHOR_AFTER = re.compile(r"(?:已经|已|也|均|都|先后|相继|陆续|正|目前)*[在由]([^，,。；;“”]{1,40}?)(?:在[^，,。；;“”]{1,10}?)?"
                            r"(?:同步|全面|先后|相继|陆续|率先)?(?:推行|实行|实施|推开|铺开|落地|试行|复制推广|推广)")


def _referred_back(ctx: Context, by_kind: dict[str, list[Mention]], concept: dict[tuple[int, int], str],
                   opening: list[tuple[int, int, str | None]]) -> list[Adoption]:
    """Adoptions of a measure by places a later sentence of its item names as carrying it out with
    a word referring back to it: 广州、深圳、佛山三市早在2022年即已推行这一做法 (the places before the
    verb), 该做法已在我区同步推行 (the places after 在 or 由), 乙区、丙区今年相继跟进 (the places that
    follow). The measure is the last confident one named before the word in the item; the evidence
    is that mention, the date the later sentence's."""
    view, out = ctx.seg.clean.view, []
    for it in ctx.seg.items:
        for hit in _ANAPHOR.finditer(view, it.start, it.end):
            ante = next((m for m in reversed(by_kind["measure"]) if m.item == it.position and m.end <= hit.start()
                         and concept.get((m.start, m.end)) and _confident(ctx, concept[(m.start, m.end)])), None)
            sent = ctx.seg.sentence_at(it.position, hit.start())
            if ante is None or sent is None:
                continue
            places: list[str] = []
            if _FOLLOWED.search(hit.group()):
                places = list(direct_subjects(ctx, sent.start, sent.end, hit.end(), opening, _FOLLOWED))
            elif _ANAPHOR_BEFORE.search(view, sent.start, hit.start()):
                places = list(direct_subjects(ctx, sent.start, sent.end, hit.start(), opening))
            after = _ANAPHOR_AFTER.match(view, hit.end(), sent.end)
            if not places and after:
                places = _places_within(ctx, after.start(1), after.end(1))
            if not places:
                continue
            day, precision = _date(ctx, it.position, sent)
            stage = _stage(view[sent.start:hit.start()] + (after.group() if after else ""))
            for code in places:
                out.append(Adoption(code, concept[(ante.start, ante.end)], it.position, ante.start, ante.end,
                                    day, precision, stage if stage != "promoted" or after else "launched"))
    return out


def _places_within(ctx: Context, a: int, b: int) -> list[str]:
    """The places of a bare list filling a:b (甲县、乙县和我区), each the narrowest of its chain, or
    none when anything else stands between them."""
    view = ctx.seg.clean.view
    inside = sorted((s, e, code) for (s, e), code in ctx.place_at.items() if a <= s and e <= b)
    ends = {s: e for s, e, _ in inside}
    rest, pos, out = [], a, []
    for s, e, code in inside:
        if s < pos:
            continue
        rest.append(view[pos:s])
        out.append(narrowest(ctx, s, e, code))
        pos = e
        while pos in ends:  # 甲市乙区: one name
            pos = ends[pos]
    rest.append(view[pos:b])
    return out if out and all(r in ("", "、", "和", "及", "与") for r in rest) else []


def _list_after(ctx: Context, pos: int) -> list[str]:
    """The places listed from pos on, one after another with only separators between them."""
    view, out = ctx.seg.clean.view, []
    for (s, e), code in sorted(ctx.place_at.items()):
        if s < pos:
            continue
        if view[pos:s] not in ("", "、", "和", "及", "与"):
            break
        out.append(code)
        pos = e
    return out


def observations(mentions: list[Mention]) -> list[Observation]:
    """Figures kept as observations with their unit (由20%提高到46% → 46 %, from 20)."""
    out = []
    for m in mentions:
        what, from_value, to, unit = ((m.attr("key") or "") + ";;;").split(";")[:4]
        if to:
            out.append(Observation(m.item, m.start, m.end, what, to, unit, from_value or None))
    return out
