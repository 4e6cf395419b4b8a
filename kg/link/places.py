"""Places: GB/T 2260 codes for place mentions, the document's home, what each item is about,
and what level words (我市, 全省, 省, 区) refer to."""
from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from kg import DATA_DIR
from kg.actors import RANKS_AFTER
from kg.clean import simplify
from kg.gazetteer import Gazetteer, read_tsv
from kg.papers import DELIVERED_RE
from kg.records import Entity, Mention

if TYPE_CHECKING:
    from kg.link import Context

log = logging.getLogger(__name__)

LEVEL_OF_CHAR = {"省": "province", "市": "prefecture", "州": "prefecture", "区": "county", "县": "county",
                 "旗": "county", "地区": "prefecture"}


def _county_short(g: Gazetteer, m: Mention) -> bool:
    """Whether a mention names a county by its short form only (淅川, not 淅川县)."""
    surface = m.attr("simplified") or m.text
    codes = (m.attr("key") or "").split("|")
    return all(c in g.places and g.places[c].level == "county" and g.places[c].name != surface for c in codes)


def link_places(ctx: Context, mentions: list[Mention]) -> None:
    """Pick one code per place mention: unambiguous ones first, then by containment.

    A county named by its short form alone (淅川) counts only when the document also names a
    place in the same province: short county names are often ordinary words elsewhere."""
    sure = {m.attr("key") for m in mentions if "|" not in (m.attr("key") or "") and not _county_short(ctx.g, m)}
    provinces = {c[:2] for c in sure if c}
    pub = first_place(ctx.g, simplified_publisher(ctx) or "")
    if pub:
        provinces.add(pub[:2])
    if series := _series_place(ctx):  # 宜昌市营商环境简报: 宜都 is 宜都市
        provinces.add(series[:2])
    prev_end: dict[tuple[int, int], str] = {}
    # an ambiguous name read by the places listed with it; one reading per document: a name read one
    # way somewhere (美兰区、龙华区) is read so elsewhere
    listed = {(m.start, m.end): _by_list(ctx.g, (m.attr("key") or "").split("|"),
                                         _listed_with(ctx.seg.clean.view, m, mentions))
              for m in mentions if "|" in (m.attr("key") or "")}
    settled = {m.text: code for m in mentions if (code := listed.get((m.start, m.end)))}
    other = _the_other_reading(ctx.g, mentions, sure | {pub})
    for m in sorted(mentions, key=lambda m: m.start):
        codes = (m.attr("key") or "").split("|")
        before = prev_end.get((m.item, m.start))  # the place written right before, in one name
        code = codes[0] if len(codes) == 1 else (
            listed[(m.start, m.end)]
            or _disambiguate(ctx.g, codes, sure | {pub}, before, pub)
            or settled.get(m.text)
            or (other.get(m.text) if before is None else None))
        if before is None:
            surface = m.attr("simplified") or m.text
            code = _namesake(ctx.g, codes, surface, sure | {pub}) or _publishers_own(ctx.g, codes, surface, pub) or code
        if code is None or code not in ctx.g.places:
            log.debug("ambiguous place %r left unlinked: %s", m.text, codes)
            continue
        if _county_short(ctx.g, m) and (code[:2] not in provinces if before is None
                                        else not ctx.g.contains(before, code)):
            # nor right after a place it is not in: 潍坊滨海经济技术开发区 is no 滨海县 (Jiangsu)
            log.debug("short county name %r without its province in the document: not a place", m.text)
            continue
        ctx.place_at[(m.start, m.end)] = code
        prev_end[(m.item, m.end)] = code
        ctx.add(place_entity(ctx.g, code), m)


#: what separates the places of a list (山东、河南、湖北; 河南和海南)
_LIST_SEPARATORS = ("、", "和", "与", "及", "，", ",")


def _listed_with(text: str, m: Mention, mentions: list[Mention]) -> list[Mention]:
    """The places written next to a mention in a list: 山东 and 湖北 for 河南 in 山东、河南、湖北."""
    return [o for o in mentions if o is not m and o.item == m.item
            and (text[o.end:m.start] in _LIST_SEPARATORS or text[m.end:o.start] in _LIST_SEPARATORS)]


def _by_list(g: Gazetteer, codes: list[str], neighbours: list[Mention]) -> str | None:
    """The one reading of an ambiguous name at the level of the unambiguous places listed with it
    (河南 between 山东 and 湖北 is the province, not 河南蒙古族自治县), and in their parent when
    several readings are at that level."""
    levels, parents = set(), set()
    for o in neighbours:
        theirs = (o.attr("key") or "").split("|")
        if len(theirs) == 1 and theirs[0] in g.places:
            levels.add(g.places[theirs[0]].level)
            parents.add(g.places[theirs[0]].parent)
    if len(levels) != 1:
        return None
    fit = [c for c in codes if c in g.places and g.places[c].level in levels]
    if len(fit) > 1:  # 美兰区、龙华区: the 龙华区 of 美兰区's city
        fit = [c for c in fit if g.places[c].parent in parents]
    return fit[0] if len(fit) == 1 else None


def _the_other_reading(g: Gazetteer, mentions: list[Mention], sure: set[str | None]) -> dict[str, str]:
    """For a name several places share, which a document writes once after the city of one of them
    (内蒙古包头市青山区), the reading its bare mentions have: the other one, within a place the
    document names (青山区 on a page of 武汉市's district, which writes 包头市青山区 in full)."""
    at_end = {m.end: m.attr("key") for m in mentions}
    out: dict[str, str] = {}
    for m in mentions:
        codes = (m.attr("key") or "").split("|")
        parent = at_end.get(m.start)
        if len(codes) < 2 or not parent or "|" in parent:
            continue
        qualified = [c for c in codes if g.contains(parent, c)]
        if len(qualified) != 1:
            continue
        # (within a place named other than as the qualified one's province: 江苏省南京市鼓楼区 puts no
        # other 鼓楼区 of 江苏 in play)
        rest = [c for c in codes if c not in qualified
                and any(s and g.contains(s, c) and not g.contains(s, qualified[0]) for s in sure)]
        if len(rest) == 1:
            out[m.text] = rest[0]
    return out


def _namesake(g: Gazetteer, codes: list[str], surface: str, sure: set[str | None]) -> str | None:
    """The district a bare name stands for, instead of the places elsewhere of that name, in a
    document that names the district in full and nothing else in their provinces: 朝阳供电公司 in
    a bulletin of 北京市朝阳区 is the district's, not 朝阳市's or 朝阳县's (Liaoning)."""
    if any(c not in g.places or g.places[c].name == surface for c in codes):
        return None
    others = {s for s in sure if s and s not in codes and s in g.places}
    if any(s[:2] == c[:2] for s in others for c in codes):
        return None
    named = [s for s in others if g.places[s].name[:-1] == surface and g.places[s].level == "county"]
    return named[0] if len(named) == 1 else None


def _publishers_own(g: Gazetteer, codes: list[str], surface: str, pub: str | None) -> str | None:
    """The district of the publisher's own city or province a bare stem names, when every place
    of that name lies in another province: 朝阳 on a page of 北京市发展和改革委员会 is 朝阳区, not
    朝阳市 (Liaoning)."""
    if not pub or any(c[:2] == pub[:2] for c in codes) or any(g.places.get(c, None) is None for c in codes) \
            or any(g.places[c].name == surface for c in codes):
        return None
    for base in reversed(g.chain(pub)):
        found = g.child_named(base.code, surface)
        if found and found[1] == surface and found[0].level == "county":
            return found[0].code
    return None


def _disambiguate(g: Gazetteer, codes: list[str], sure: set[str | None], before: str | None,
                  pub: str | None = None) -> str | None:
    if before:  # 石家庄市新华区: the preceding place contains the right one
        inside = [c for c in codes if g.contains(before, c)]
        if len(inside) == 1:
            return inside[0]
    own = [c for c in codes if pub and g.contains(pub, c)]
    if len(own) == 1:  # 朝阳区 on a page of 北京市发展和改革委员会, though it names 长春市 too
        return own[0]
    near = [c for c in codes if any(s and (g.contains(s, c) or g.contains(c, s)) for s in sure)]
    if len(near) == 1:
        return near[0]
    for digits in (4, 2):  # a sibling of a place the document names for sure: same city, same province
        kin = [c for c in codes if any(s and s[:digits] == c[:digits] for s in sure)]
        if len(kin) == 1:
            return kin[0]
    levels = sorted(codes, key=lambda c: ("province", "prefecture", "county").index(g.places[c].level))
    if len(levels) > 1 and g.places[levels[0]].level != g.places[levels[1]].level:
        return levels[0]  # 海南 is the province before it is 海南藏族自治州
    return None


def find_home(ctx: Context, mentions: list[Mention]) -> str | None:
    """The document's own jurisdiction: the publisher's place, else the most-mentioned place. A
    newspaper's place (佛山日报) gives way to a place inside it the text is mostly about (南海区)."""
    pub = simplified_publisher(ctx)
    code = first_place(ctx.g, pub) if pub else None
    if code is None and pub:
        # a publisher named without its place (来源：高新区营商环境建设局) that the text names with it
        # (大连高新区营商环境建设局)
        text = ctx.seg.clean.view
        code = next((c for (s, e), c in sorted(ctx.place_at.items()) if text.startswith(pub, e)), None)
    if code is None:
        # a publisher named by its level word (县营商办编), or none, is of the place the series is
        # named after (涞水县营商环境工作简报)
        code = _series_place(ctx)
    if code is None and pub and pub[0] in "省市县区州旗" and ctx.seg.masthead.title:
        # an article from 区发展改革委 headed 渝北区召开…: the place of that level the title opens on
        title = simplify(ctx.seg.masthead.title)
        opening = first_place(ctx.g, title)
        if opening and title.startswith(ctx.g.places[opening].name) and ctx.g.places[opening].name.endswith(pub[0]):
            # of a name several places share (鼓楼区), the reading the text gives it most
            readings = Counter(c for c in ctx.place_at.values() if ctx.g.places[c].name == ctx.g.places[opening].name)
            code = max(sorted(readings), key=lambda c: readings[c]) if readings else opening
    if code and not MEDIUM_RE.search(pub or ""):
        # a province's page on one of its places (某省典型经验之五：甲市乙区…) is about that place
        return _dominant(ctx, _narrowest_counts(ctx), code) if ctx.g.places[code].level == "province" else code
    counts = Counter(ctx.place_at[(m.start, m.end)] for m in mentions if (m.start, m.end) in ctx.place_at)
    if not counts:
        return code
    if code is None and pub and pub[0] in "区县旗":
        # a page from 区行政审批局 is a district's: the district it names most, not the city above it
        fit = [c for c in sorted(counts) if ctx.g.places[c].name.endswith(pub[0])]
        if fit:
            return max(fit, key=lambda c: counts[c])

    def score(c: str) -> tuple[float, int]:
        below = sum(n for d, n in counts.items() if d != c and ctx.g.contains(c, d))
        return counts[c] + 0.3 * below, -len(ctx.g.chain(c))

    most = max(sorted(counts), key=score)
    return most if code is None or ctx.g.contains(code, most) else code


def _narrowest_counts(ctx: Context) -> Counter[str]:
    """Place mentions by place, a chain written as one name (毕节市七星关区) counting as its last."""
    starts = {s: code for (s, e), code in ctx.place_at.items()}
    return Counter(code for (s, e), code in ctx.place_at.items()
                   if not (e in starts and ctx.g.contains(code, starts[e])))


def _dominant(ctx: Context, counts: Counter[str], province: str) -> str:
    """The narrowest place inside a province that half a text's place mentions (three at least) are
    of or within, else the province."""
    total = sum(counts.values())
    inside = [c for c in counts if c != province and ctx.g.contains(province, c)]
    for c in sorted(inside, key=lambda c: -len(ctx.g.chain(c))):  # the narrowest first
        share = sum(n for d, n in counts.items() if d == c or ctx.g.contains(c, d))
        if share >= 3 and share >= total / 2:
            return c
    return province


#: a publisher that is a news medium, whose place is where it reports from, not what it reports on
MEDIUM_RE = re.compile(r"(?:报|报社|电视台|广播电视台|融媒体中心|新闻网|新闻中心|网)$")


def first_place(g: Gazetteer, text: str) -> str | None:
    """The most specific place named at the start of a short text (a publisher's name)."""
    found, i = None, 0
    while i < len(text):
        for n in range(min(12, len(text) - i), 1, -1):
            codes = g.forms.get(text[i:i + n])
            if codes:
                # a place inside the one found so far first (北京市通州区: Beijing's, not Nantong's), then
                # the widest, then the lowest code: the same pick whatever order the set iterates in
                pick = min(codes, key=lambda c: (not (found and g.contains(found, c)),
                                                 ("province", "prefecture", "county").index(g.places[c].level), c))
                if found is None or g.contains(found, pick):
                    found = pick
                i += n - 1
                break
        else:
            if found and (named := g.child_named(found, text[i:])) is not None and named[1] == named[0].name:
                found = named[0].code  # 枣庄市市中区: a name common to several cities, after its city's
                i += len(named[1])
                continue
            if found:
                break
        i += 1
    return found


def _series_place(ctx: Context) -> str | None:
    """The place a newsletter's series is named after (涞水县营商环境工作简报), if any."""
    head = ctx.seg.masthead
    return first_place(ctx.g, simplify(head.title)) if head.kind == "newsletter" and head.title else None


def simplified_publisher(ctx: Context) -> str | None:
    """The publisher's name in simplified characters (the masthead keeps it as written)."""
    pub = ctx.seg.masthead.publisher
    return simplify(pub) if pub else None


#: the county-level units a level word does not call so: 县 is no 昆山市 nor 某区, 区 no 某县
_NOT_CALLED = {"县": ("市", "区"), "区": ("县", "市", "旗"), "地区": ("市", "州", "盟")}


def resolve_level(ctx: Context, level: str, item: int) -> str | None:
    """The place a level word (省, 市, 区 …) means inside an item. In a county-level city's bulletin
    (昆山市), 市 is that city even in an item about the prefecture it lies in (这是苏州市首个…。
    市委常委、副市长某某出席)."""
    want = LEVEL_OF_CHAR.get(level)
    subject, home = ctx.subjects.get(item), ctx.home
    if level == "市" and subject and home and subject != home and ctx.g.contains(subject, home) \
            and (h := ctx.g.places.get(home)) is not None and h.level == "county" and h.name.endswith("市"):
        return home
    for base in (subject, home):
        if not base:
            continue
        for p in ctx.g.chain(base):
            if p.level == want and not p.name.endswith(_NOT_CALLED.get(level, ())):
                return p.code
            if level == "市" and p.level == "county" and p.name.endswith("市"):
                return p.code  # 市 in a county-level city's bulletin (晋江市) is that city (州 is not)
            if want == "prefecture" and p.level == "province" and p.code[:2] in ("11", "12", "31", "50"):
                return p.code  # 直辖市: the city is the province-level unit
    return None


def paragraph_label(ctx: Context, level: str, at: int) -> str | None:
    """The place of that level a paragraph is labelled with, where a level word stands in it: 区 in
    海淀区：“免申即享”让政策找企业。…区长某某要求… is 海淀区, whatever the item's place."""
    text, want = ctx.seg.clean.view, LEVEL_OF_CHAR.get(level)
    start = text.rfind("\n", 0, at) + 1
    for (s, e), code in ctx.place_at.items():
        if s == start and text[e:e + 1] in ("：", ":") and (p := ctx.g.places.get(code)) is not None \
                and p.level == want and text[s] not in "我本全该此":
            return code
    return None


def place_before(ctx: Context, level: str, item: int, at: int, *, in_item: bool = False) -> str | None:
    """Where a level word (市 of 市行政审批局, 副市长) has no place of its level in the item's subject
    (a province's page on its cities), the place of that level named last before it in its
    sentence (衡水市成立设区市行政审批局), or with `in_item` earlier in its item (陇南市… 副市长某某)."""
    want = LEVEL_OF_CHAR.get(level)
    it = ctx.seg.item(item)
    if want is None or it is None:
        return None
    sentence = ctx.seg.sentence_at(item, at)
    fits = sorted((s, code) for (s, e), code in ctx.place_at.items() if it.start <= s and e <= at
                  and (p := ctx.g.places.get(code)) is not None and p.level == want)
    if sentence is not None and (same := [f for f in fits if f[0] >= sentence.start]):
        return same[-1][1]
    return fits[-1][1] if fits and in_item else None


def link_contexts(ctx: Context, mentions: list[Mention]) -> None:
    """The place each level word (我市, 全区, 本县, 该市) means. 该市 and 此县 refer back: the place of
    that level named last before them (玉林市在发言中谈到，该市去年… is 玉林市), else the item's."""
    for m in sorted(mentions, key=lambda m: m.start):
        word = m.attr("simplified") or m.text
        level = "省" if word.endswith("自治区") else word[-1]
        back = place_before(ctx, level, m.item, m.start, in_item=True) if word[:1] in "该此" else None
        code = back or resolve_level(ctx, level, m.item)
        if code:
            ctx.place_at[(m.start, m.end)] = code
            ctx.add(place_entity(ctx.g, code), m)


@lru_cache(maxsize=1)
def _section_scopes() -> tuple[tuple[str, str], ...]:
    return tuple((row[0], row[1]) for row in read_tsv(DATA_DIR / "sections.tsv"))


def _section_scope(section: str | None) -> str | None:
    if not section:
        return None
    return next((scope for word, scope in _section_scopes() if word in section), None)


def find_subjects(ctx: Context, by_kind: dict[str, list[Mention]]) -> None:
    """Which place each item reports on: its headline's place, else the first actor, else home."""
    for item in ctx.seg.items:
        head_end = item.start + len(item.headline) if item.headline else item.start
        places = sorted((m for m in by_kind["place"] if m.item == item.position and (m.start, m.end) in ctx.place_at
                         and not _MODEL_BEFORE.search(ctx.seg.clean.view, max(0, m.start - 2), m.start)),
                        key=lambda m: m.start)
        in_head = [m for m in places if m.end <= head_end + 1]
        subject = _most_specific(ctx, in_head) if ctx.seg.masthead.kind == "newsletter" else None
        if subject and (visited := _visited(ctx, in_head, subject)):
            subject = visited
        elif subject and subject != ctx.home and _visits_home(ctx, by_kind, item.position, head_end):
            subject = ctx.home  # 商丘市副市长某某到我市督导…: the home place is visited
        if subject is None and in_head and _most_specific(ctx, in_head) == ctx.home:
            subject = ctx.home  # an article headed by its own place (渝北区召开…推进会) reports on it
        scope = _section_scope(item.section)
        if subject is None and scope != "local":
            note_end = _editor_note_end(ctx.seg.clean.text, item.start)
            first = [s for s in item.sentences if s.start >= note_end][:3]
            limit = first[-1].end if first else item.end
            text = ctx.seg.clean.text
            actors = [m for m in places if note_end <= m.start < limit and not _located(text, m.start)
                      and not _in_brackets(text, item.start, m.start) and not _addressed(text, m.start)
                      and not RANKS_AFTER.match(text[m.end:m.end + 8])]  # 这是苏州市首个…: a scope
            ctxs = sorted((m for m in (*by_kind["context"], *by_kind["agency"], *by_kind["title"])
                           if m.item == item.position and note_end <= m.start < limit and _level_word(m)
                           and not _in_delivery_line(text, m.start) and not _addressed(text, m.start)
                           and (m.kind != "title" or _home_title(ctx, m, item.position))),
                          key=lambda m: m.start)
            if ctxs and (not actors or ctxs[0].start < actors[0].start):
                # 我市…, 市行政审批局与乙市…: the item opens on the publisher's own place
                ctx.subjects[item.position] = ctx.home
                subject = resolve_level(ctx, _level_word(ctxs[0]), item.position)
            elif actors:
                chain = [actors[0]]
                for m in actors[1:]:
                    if m.start == chain[-1].end:
                        chain.append(m)
                subject = _most_specific(ctx, chain)
        if subject and ctx.home and subject != ctx.home and ctx.g.contains(subject, ctx.home) \
                and subject == first_place(ctx.g, simplified_publisher(ctx) or ""):
            subject = ctx.home  # a province's page on one of its places, opening on the province's series title
        ctx.subjects[item.position] = subject or ctx.home


#: a place named as the model another follows (对标长沙 我县推行…), not what an item reports on nor
#: who acts in it
_MODEL_BEFORE = re.compile(r"(?:对标|对照|比照|参照|借鉴|学习|看齐)$")
#: a headline's visitors coming to the publisher's place: 考察团来访
_CALLS_ON_HOME = re.compile(r"来访|来[我本][区市县州旗]|到[我本][区市县州旗]")
#: a visit of inspection, from a higher level's leaders to a place within theirs
_VISITS = re.compile(r"调研|视察|督导|检查|考察|莅临|走访|察看")


def _visited(ctx: Context, in_head: list[Mention], first: str) -> str | None:
    """The place a headline's leaders of a higher level visit, which the item reports on (西安市
    副市长调研雁塔区营商环境工作 → 雁塔区): the first place after a verb of visiting that lies within
    the place the headline opens on."""
    text = ctx.seg.clean.view
    start = in_head[0].start
    for m in in_head[1:]:
        code = ctx.place_at[(m.start, m.end)]
        if code != first and ctx.g.contains(first, code) and _VISITS.search(text, start, m.start):
            return _most_specific(ctx, [o for o in in_head if o.start >= m.start])
    return None


def _home_title(ctx: Context, m: Mention, item: int) -> bool:
    """Whether a title names a leader of the publisher's own place by its level word (区委书记 in a
    district's bulletin), whose item then opens on that place."""
    level = _level_word(m)
    return bool(level) and ctx.home is not None and resolve_level(ctx, level, item) == ctx.home


def _visits_home(ctx: Context, by_kind: dict[str, list[Mention]], item: int, head_end: int) -> bool:
    """Whether a headline has leaders visiting the publisher's own place, named by its level word
    or not at all: 某市副市长到我市督导…, 来我区调研, 某区考察团来访."""
    text = ctx.seg.clean.view
    it = ctx.seg.item(item)
    if it is not None and _CALLS_ON_HOME.search(text, it.start, head_end + 1):
        return True
    return any(m.item == item and m.end <= head_end + 1 and text[m.start:m.start + 1] in "我本"
               and text[m.start - 1:m.start] in ("到", "来", "赴", "临") and _VISITS.search(text, m.end, head_end + 1)
               for m in by_kind["context"])


def _level_word(m: Mention) -> str:
    """The level word a mention stands on: 市 of 我市, of 市行政审批局 (an agency named by its level
    alone, so of the publisher's place); "" for anything else."""
    if m.kind == "context":
        return (m.attr("simplified") or m.text)[-1]
    if m.kind == "title":  # 区委书记, 副区长
        t = (m.attr("simplified") or m.text).removeprefix("副")
        return t[0] if t[:1] in LEVEL_OF_CHAR and t[1:2] in ("委", "长") else ""
    codes, level = ((m.attr("key") or "").rpartition("@")[2].split(";") + ["", ""])[:2]
    return level if not codes and level in LEVEL_OF_CHAR else ""


def _editor_note_end(text: str, start: int) -> int:
    """Where an item's opening editor's note (编者按：…) ends: the note speaks for the publisher
    (全省各级各部门…), the item that follows for its own place.

    >>> _editor_note_end("编者按：全省各地…\\n常德市推行", 0), _editor_note_end("常德市推行", 0)
    (10, 0)
    """
    if not text.startswith("编者按", start):
        return start
    end = text.find("\n", start)
    return end + 1 if end >= 0 else start


def _most_specific(ctx: Context, mentions: list[Mention]) -> str | None:
    if not mentions:
        return None
    first = mentions[0]
    code = ctx.place_at[(first.start, first.end)]
    for m in mentions[1:]:
        nxt = ctx.place_at[(m.start, m.end)]
        if m.start == first.end and ctx.g.contains(code, nxt):
            code, first = nxt, m
        else:
            break
    return code


def _located(text: str, pos: int) -> bool:
    """Whether a place is where something happens (在长沙召开), or where someone goes, with the places
    listed after it (赴江苏昆山、浙江海宁考察学习): not who acts.

    >>> _located("县营商办赴江苏昆山、浙江海宁考察", 10), _located("赴深圳考察。东莞市推行", 6)
    (True, False)
    """
    return text[max(0, pos - 1):pos] in ("在", "赴", "到", "于", "至") or text[max(0, pos - 2):pos] in ("来自", "前往") \
        or re.search(r"(?:赴|前往)[^，,。；;：:\n]{0,30}$", text[max(0, pos - 32):pos]) is not None


def _line_at(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the line that holds a position."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, end if end >= 0 else len(text)


def _in_delivery_line(text: str, pos: int) -> bool:
    """Whether a position is on the line saying where a speech was given (——在全市某会议上的发言):
    the meeting's level word is not what the speech reports on.

    >>> _in_delivery_line("标题\\n——在全市推进会上的发言\\n我县…", 6), _in_delivery_line("标题\\n全市推进", 4)
    (True, False)
    """
    before = text[_line_at(text, pos)[0]:pos]
    return bool(DELIVERED_RE.match(before)) and "在" in before


def _addressed(text: str, pos: int) -> bool:
    """Whether a position is on the line an official paper is addressed on (某市某某办公室：,
    各县（市、区）人民政府：): the bodies a report goes to are not what it reports on.

    >>> _addressed("报告\\n某市某某办公室：\\n一季度，我区…", 5), _addressed("报告\\n某市推行改革：一是…", 5)
    (True, False)
    """
    start, end = _line_at(text, pos)
    line = text[start:end].strip()
    return len(line) <= 80 and line.endswith(("：", ":")) and not re.search(r"[。；;]", line)


def _in_brackets(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("(") > seg.count(")") or seg.count("（") > seg.count("）") or seg.count("《") > seg.count("》")


def place_entity(g: Gazetteer, code: str) -> Entity:
    p = g.places[code]
    return Entity("place", f"place:{code}", p.name, (), (("adcode", code),))
