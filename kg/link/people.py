"""Officials and their posts: the jurisdiction or agency of each title, stacked titles, and later
mentions of an official by name alone."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from kg.extract.agencies import ZONE_WORD_RE
from kg.gazetteer import COUNTRY
from kg.link.places import LEVEL_OF_CHAR, paragraph_label, place_before, resolve_level
from kg.records import Entity, Mention, Post, Ref

if TYPE_CHECKING:
    from kg.link import Context


def link_officials(ctx: Context, by_kind: dict[str, list[Mention]]) -> list[Post]:
    titles = defaultdict(dict)
    for t in by_kind["title"]:
        titles[t.item][int(t.attr("index") or 0)] = t
    posts: list[Post] = []
    names: dict[str, str] = {}
    prev: tuple[int, int, tuple[str | None, str | None]] | None = None  # item, name end, its post
    for m in by_kind["official"]:
        chain = [titles[m.item][int(k)] for k in (m.attr("key") or "").split(",") if k]
        found = [_post_place(ctx, t) for t in chain]
        if chain and prev is not None and prev[0] == m.item \
                and ctx.seg.clean.view[prev[1]:chain[0].start] in _NEXT_IN_LIST:
            if found[0] == (None, None):
                found[0] = prev[2]  # 市人大常委会主任赵广东,秘书长戴恒富: the same body's secretary-general
            elif ctx.seg.clean.view[prev[1]:chain[0].start] == "、" \
                    and _level_of_the_one_before(ctx, chain[0], prev[2][0]):
                found[0] = (prev[2][0], None)  # 海城市委书记某某、市长某某: 海城市's mayor, not 鞍山's
        juris = next((pl for pl, _ in found if pl), None)
        # stacked titles share a jurisdiction: 省“万人助万企”第十七组组长、省金融局副局长
        found = [(pl or juris, ag) for pl, ag in found]
        for k in range(1, len(found)):  # 海宁市委常委、副市长: the city written before the first title
            if found[0][0] and _same_level_place(ctx, chain[0], chain[k], found[0][0]):
                found[k] = (found[0][0], found[k][1])
        name = re.sub(r"\s", "", m.attr("simplified") or m.text)  # a name spaced out in a roster: 李　俊
        scope = juris[:2] if juris else "?"
        key = f"official:{name}@{scope}"
        ctx.add(Entity("official", key, re.sub(r"\s", "", m.text), (name,), ()), m)
        names[name] = key
        for t, (pl, ag) in zip(chain, found):
            title = t.attr("simplified") or t.text
            posts.append(Post(key, title, pl, ag, m.item))  # where unknown, the title alone
        prev = (m.item, m.end, found[-1]) if chain and m.start >= chain[-1].end and found[-1] != (None, None) else None
    _bare_mentions(ctx, names)
    return _fold(posts)


def _level_of_the_one_before(ctx: Context, title: Mention, place: str | None) -> bool:
    """Whether a title named by its level word alone, listed right after an official of a place of
    that level, is that place's (某市委书记甲、市长乙), not the one the level word gives elsewhere."""
    lead = (title.attr("simplified") or title.text).lstrip("副常务")
    p = ctx.g.places.get(place) if place else None
    return p is not None and lead[:1] in ("市", "县", "区", "州", "旗") and p.name.endswith(lead[0]) \
        and not any(e in (title.start, title.start + 1) for (s, e) in (*ctx.place_at, *ctx.agency_at))


def _same_level_place(ctx: Context, first: Mention, title: Mention, place: str) -> bool:
    """Whether a stacked title that names its place by a level word alone (副市长) means the place
    written right before the first title of the stack (海宁市委常委、副市长: 海宁市, a county-level
    city, not the prefecture the level word would otherwise give)."""
    lead = (title.attr("simplified") or title.text).lstrip("副常务")
    p = ctx.g.places.get(place)
    if p is None or lead[:1] not in ("市", "县", "区") or not p.name.endswith(lead[0]):
        return False
    return any(e in (first.start, first.start + 1) for (s, e) in (*ctx.place_at, *ctx.agency_at))


def _fold(posts: list[Post]) -> list[Post]:
    """One post for a title an official is given twice (北京市人民政府副市长王红 … 王红副市长): a
    later mention that states less (no agency, or no place) adds no second post."""
    def fuller(a: Post, b: Post) -> bool:
        return a is not b and a.official == b.official and a.title == b.title \
            and (b.jurisdiction in (None, a.jurisdiction)) and (b.agency in (None, a.agency)) \
            and (a.jurisdiction, a.agency) != (b.jurisdiction, b.agency)
    return [b for b in posts if not any(fuller(a, b) for a in posts)]


#: what separates two officials of one body listed in a row
_NEXT_IN_LIST = (",", "，", "、", ";", "；")

#: titles of the head of a body (not of a division inside it: 处长, 科长)
_HEADS = frozenset(("主任", "副主任", "常务副主任", "局长", "副局长", "厅长", "副厅长", "院长", "副院长", "党组书记",
                    "党组副书记", "党组成员", "党委委员"))
#: an internal division between an agency and a title (监督处, 政府职能转变办公室, 协调局)
#: "this body" before a title: 该局局长某某, 该院院长某某 (the body of that kind named last)
_THIS_BODY = re.compile(r"(?:该|本)(局|院|中心|委|厅|行|办|所)$")
#: a zone named by its kind right before a title, or before its party or managing committee's
_ZONE_BEFORE = re.compile(rf"(?:{ZONE_WORD_RE.pattern})(?:党工委|管委会)?$")
_DIVISION = re.compile(r"[^\W\d的在了与和及对向将把被为是等会]{1,12}?(?:处|科|室|司|股|局)")


def _post_place(ctx: Context, title: Mention) -> tuple[str | None, str | None]:
    """Jurisdiction and agency of one title: the agency or place written right before it, or
    the level word the title starts with (市长 → the item's city)."""
    text = ctx.seg.clean.view
    t = title.attr("simplified") or title.text
    for (s, e), key in ctx.agency_at.items():
        # (or its other name in brackets: 省数据资源局（省政务服务管理局）党组书记)
        if e == title.start or (e < title.start and _DIVISION.fullmatch(text[e:title.start])) \
                or (e == title.start - 1 and text[e] in ")）"):
            ent = ctx.entities[key]  # 省发改委优化营商环境处处长: a division's head serves the agency
            return ent.attr("place"), key
    for (s, e), code in ctx.place_at.items():
        if e == title.start or (e == title.start + 1 and t[:1] in LEVEL_OF_CHAR):
            return code, None  # 驻马店市市长; 湛河区委书记 (the title's 区 is the place's; 區 too)
    if this := _THIS_BODY.search(text, max(0, title.start - 3), title.start):
        agency = _named_last(ctx, title, this.start(), this.group(1))
        if agency is not None:
            return ctx.entities[agency].attr("place"), agency
    if ctx.v.titles.get(t, {}).get("companyTitle") == "true":
        # 某水务集团渝北供排水分公司经理: a utility's head, where the utility's name places it
        near = [(e, code) for (s, e), code in ctx.place_at.items() if title.start - 16 <= s and e <= title.start]
        return (max(near)[1] if near else ctx.subjects.get(title.item) or ctx.home), None
    if zone := _ZONE_BEFORE.search(text, max(0, title.start - 12), title.start):
        # 高新区党工委副书记, 经开区管委会主任: a post of the zone, which is its city's (or the place
        # written before it: 浏阳经开区)
        host = next((code for (s, e), code in ctx.place_at.items() if e == zone.start()), None)
        return host or resolve_level(ctx, "市", title.item), None
    pre = text[max(0, title.start - 2):title.start]
    if pre in ("省局", "市局", "县局", "区局"):  # 县局局长某某: the county's bureau the page is about
        return resolve_level(ctx, pre[0], title.item), None
    if pre.endswith("局") and (title.start < 2 or pre[0] in "，,。；;：:、\n 　"):
        return ctx.subjects.get(title.item) or ctx.home, None  # 局党组书记、局长某某: the page's own bureau
    lead = t.lstrip("副常务")
    if lead.startswith(("行署", "地委", "地区")):  # 行署专员, 地委书记: a 地区's (喀什地区) posts
        return resolve_level(ctx, "地区", title.item), None
    if lead.startswith(("镇", "乡", "街道")):  # 镇党委书记, 街道党工委书记: a town has no code, its county does
        base = ctx.subjects.get(title.item) or ctx.home
        county = next((p.code for p in ctx.g.chain(base) if p.level == "county"), None) if base else None
        return county, None
    if lead[:1] in LEVEL_OF_CHAR:
        place = paragraph_label(ctx, lead[0], title.start) or resolve_level(ctx, lead[0], title.item)
        return place or place_before(ctx, lead[0], title.item, title.start, in_item=True), None
    if t in _HEADS and text[title.start - 1:title.start] in ("，", ","):  # 某中心推行…，主任某某介绍: its head
        opener = _sentence_agency(ctx, title)
        if opener is not None:
            return ctx.entities[opener].attr("place"), opener
    if t in _HEADS and text[title.start - 1:title.start] == "。":  # 某局组建专班…。局长某某介绍: its head
        opener = _sentence_agency(ctx, title, title.start - 1)
        if opener is not None:
            return ctx.entities[opener].attr("place"), opener
    if ctx.v.titles.get(t, {}).get("level") == "national":
        return COUNTRY.code, None  # 习近平总书记, 国务院总理: a post of the country itself
    return None, None


def _named_last(ctx: Context, title: Mention, before: int, kind: str) -> str | None:
    """The body 该局 (该院 …) refers to: of the item's agencies named before `before` whose names
    end in `kind` (局, 院 …), the first of the last sentence that names one (its subject, not a
    partner named after it: 某县市场监管局联合县税务局推出…。该局局长某某), else the last."""
    item = ctx.seg.item(title.item)
    if item is None:
        return None
    text = ctx.seg.clean.view
    found = sorted((s, key) for (s, e), key in ctx.agency_at.items()
                   if item.start <= s and e <= before and text[s:e].endswith(kind))
    if not found:
        return None
    last = ctx.seg.sentence_at(title.item, found[-1][0])
    if last is None:
        return found[-1][1]
    return next(key for s, key in found if last.start <= s)


def _sentence_agency(ctx: Context, title: Mention, at: int | None = None) -> str | None:
    """The one agency a sentence names before a title that opens a later clause of it (the body
    the sentence is about, whose head the title is), or, with `at` (the full stop before a title
    opening a sentence), that the sentence before names; None when there are none or several."""
    sentence = ctx.seg.sentence_at(title.item, title.start if at is None else at)
    if sentence is None:
        return None
    spans = sorted((s, e, key) for (s, e), key in ctx.agency_at.items() if sentence.start <= s and e <= title.start)
    text = ctx.seg.clean.view
    # a body with its other name in brackets is one body: 省数据资源局（省政务服务管理局）
    before = [key for k, (s, e, key) in enumerate(spans)
              if not (k + 1 < len(spans) and text[e:spans[k + 1][0]] in ("(", "（"))]
    return before[0] if len(set(before)) == 1 else None


def _bare_mentions(ctx: Context, names: dict[str, str]) -> None:
    """Later mentions of an official by name alone (牛炎平在讲话中要求)."""
    if not names:
        return
    view, text = ctx.seg.clean.view, ctx.seg.clean.text
    seen = {(r.start, r.end) for r in ctx.refs}
    rx = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    for item in ctx.seg.items:
        for m in rx.finditer(view, item.start, item.end):
            if (m.start(), m.end()) not in seen:
                ctx.refs.append(Ref(names[m.group(0)], "official", item.position, m.start(), m.end(),
                                    text[m.start():m.end()]))
