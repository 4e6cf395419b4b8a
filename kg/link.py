"""Resolution: mentions → entities. Places to GB/T 2260 codes, context words and level prefixes
(我市, 市人大, 省金融局) to the jurisdiction an item is about, agency short forms to canonical names,
officials to posts, measures to thesaurus concepts or candidates, documents to their issuers.

Every merge decision is taken here, in one place: an entity's `key` is its identity across
documents, and the graph stage mints IRIs from keys only."""
from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from kg.adopt import adoptions, observations
from kg.gazetteer import Gazetteer, gazetteer, read_tsv
from kg import DATA_DIR
from kg.records import Entity, Linked, Mention, Post, Ref, Segmented, SourceFile
from kg.vocab import Vocab, norm, vocab

log = logging.getLogger(__name__)

LEVEL_OF_CHAR = {"省": "province", "市": "prefecture", "州": "prefecture", "区": "county", "县": "county"}
PERIODICAL_RE = re.compile(r"^.{1,8}(日报|晚报|时报|周刊|杂志|报|网|频道|栏目|新闻|期刊)$")
GENERIC_TITLES = {"方案", "条例", "意见", "通知", "办法", "规定", "决定", "细则", "清单", "规划", "报告"}


@dataclass(slots=True)
class Context:
    """What linking knows about one document while it works."""

    seg: Segmented
    g: Gazetteer
    v: Vocab
    home: str | None = None
    subjects: dict[int, str | None] = field(default_factory=dict)  # item → adcode
    entities: dict[str, Entity] = field(default_factory=dict)
    refs: list[Ref] = field(default_factory=list)
    place_at: dict[tuple[int, int], str] = field(default_factory=dict)  # mention span → adcode
    agency_at: dict[tuple[int, int], str] = field(default_factory=dict)  # span → agency key
    list_place: str | None = None  # the place a bare department in a list inherits

    def add(self, entity: Entity, m: Mention | None = None, surface: str | None = None) -> str:
        old = self.entities.get(entity.key)
        if old is not None:
            alt = tuple(dict.fromkeys((*old.alt, *entity.alt)))
            entity = Entity(old.kind, old.key, old.label, alt, old.attrs or entity.attrs)
        self.entities[entity.key] = entity
        if m is not None:
            self.refs.append(Ref(entity.key, entity.kind, m.item, m.start, m.end, surface or m.text))
        return entity.key


def place_entity(g: Gazetteer, code: str) -> Entity:
    p = g.places[code]
    return Entity("place", f"place:{code}", p.name, (), (("adcode", code),))


def link(seg: Segmented, mentions: list[Mention], source: SourceFile) -> Linked:
    """Resolve one document's mentions into entities, posts, adoptions and observations."""
    ctx = Context(seg, gazetteer(), vocab())
    by_kind: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_kind[m.kind].append(m)
    _places(ctx, by_kind["place"])
    ctx.home = _home(ctx, by_kind["place"])
    _subjects(ctx, by_kind)
    _contexts(ctx, by_kind["context"])
    publisher = _publisher(ctx)
    _agencies(ctx, by_kind["agency"])
    posts = _officials(ctx, by_kind)
    _measures(ctx, by_kind["measure"])
    issued = _documents(ctx, by_kind["document"], by_kind["agency"])
    adopt = adoptions(ctx, by_kind)
    obs = observations(by_kind["figure"])
    return Linked(seg, source, ctx.home, publisher, tuple(ctx.entities.values()), tuple(ctx.refs),
                  tuple(posts), tuple(adopt), tuple(obs), tuple(issued))


# ---------------------------------------------------------------- places

def _county_short(g: Gazetteer, m: Mention) -> bool:
    """Whether a mention names a county by its short form only (淅川, not 淅川县)."""
    surface = m.attr("simplified") or m.text
    codes = (m.attr("key") or "").split("|")
    return all(c in g.places and g.places[c].level == "county" and g.places[c].name != surface for c in codes)


def _places(ctx: Context, mentions: list[Mention]) -> None:
    """Pick one code per place mention: unambiguous ones first, then by containment.

    A county named by its short form alone (淅川) counts only when the document also names a
    place in the same province: short county names are often ordinary words elsewhere."""
    sure = {m.attr("key") for m in mentions if "|" not in (m.attr("key") or "") and not _county_short(ctx.g, m)}
    provinces = {c[:2] for c in sure if c}
    pub = _first_place(ctx.g, _simplified_publisher(ctx) or "")
    if pub:
        provinces.add(pub[:2])
    prev_end: dict[tuple[int, int], str] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        codes = (m.attr("key") or "").split("|")
        code = codes[0] if len(codes) == 1 else _disambiguate(ctx.g, codes, sure, prev_end.get((m.item, m.start)))
        if code is None or code not in ctx.g.places:
            log.debug("ambiguous place %r left unlinked: %s", m.text, codes)
            continue
        if _county_short(ctx.g, m) and code[:2] not in provinces and prev_end.get((m.item, m.start)) is None:
            log.debug("short county name %r without its province in the document: not a place", m.text)
            continue
        ctx.place_at[(m.start, m.end)] = code
        prev_end[(m.item, m.end)] = code
        ctx.add(place_entity(ctx.g, code), m)


def _disambiguate(g: Gazetteer, codes: list[str], sure: set[str | None], before: str | None) -> str | None:
    if before:  # 石家庄市新华区: the preceding place contains the right one
        inside = [c for c in codes if g.contains(before, c)]
        if len(inside) == 1:
            return inside[0]
    near = [c for c in codes if any(s and (g.contains(s, c) or g.contains(c, s)) for s in sure)]
    if len(near) == 1:
        return near[0]
    levels = sorted(codes, key=lambda c: ("province", "prefecture", "county").index(g.places[c].level))
    if len(levels) > 1 and g.places[levels[0]].level != g.places[levels[1]].level:
        return levels[0]  # 海南 is the province before it is 海南藏族自治州
    return None


def _home(ctx: Context, mentions: list[Mention]) -> str | None:
    """The document's own jurisdiction: the publisher's place, else the most-mentioned place."""
    pub = _simplified_publisher(ctx)
    if pub:
        code = _first_place(ctx.g, pub)
        if code:
            return code
    counts = Counter(ctx.place_at[(m.start, m.end)] for m in mentions if (m.start, m.end) in ctx.place_at)
    if not counts:
        return None

    def score(code: str) -> tuple[float, int]:
        below = sum(n for c, n in counts.items() if c != code and ctx.g.contains(code, c))
        return counts[code] + 0.3 * below, -len(ctx.g.chain(code))

    return max(sorted(counts), key=score)


def _first_place(g: Gazetteer, text: str) -> str | None:
    """The most specific place named at the start of a short text (a publisher's name)."""
    found, i = None, 0
    while i < len(text):
        for n in range(min(12, len(text) - i), 1, -1):
            codes = g.forms.get(text[i:i + n])
            if codes:
                pick = sorted(codes, key=lambda c: ("province", "prefecture", "county").index(g.places[c].level))[0]
                if found is None or g.contains(found, pick):
                    found = pick
                i += n - 1
                break
        else:
            if found:
                break
        i += 1
    return found


def _simplified_publisher(ctx: Context) -> str | None:
    """The publisher's name in simplified characters (the masthead keeps it as written)."""
    from kg.clean import simplify

    pub = ctx.seg.masthead.publisher
    return simplify(pub) if pub else None


def resolve_level(ctx: Context, level: str, item: int) -> str | None:
    """The place a level word (省, 市, 区 …) means inside an item."""
    want = LEVEL_OF_CHAR.get(level)
    for base in (ctx.subjects.get(item), ctx.home):
        if not base:
            continue
        for p in ctx.g.chain(base):
            if p.level == want or (want == "prefecture" and p.level == "county" and p.name.endswith("市")):
                return p.code  # 市 in a county-level city's bulletin (晋江市) is that city
            if want == "prefecture" and p.level == "province" and p.code[:2] in ("11", "12", "31", "50"):
                return p.code  # 直辖市: the city is the province-level unit
    return None


def _contexts(ctx: Context, mentions: list[Mention]) -> None:
    for m in mentions:
        code = resolve_level(ctx, (m.attr("simplified") or m.text)[-1], m.item)
        if code:
            ctx.place_at[(m.start, m.end)] = code
            ctx.add(place_entity(ctx.g, code), m)


@lru_cache(maxsize=1)
def _section_scopes() -> tuple[tuple[str, str], ...]:
    return tuple((row[0], row[1]) for row in read_tsv(DATA_DIR / "sections.tsv"))


@lru_cache(maxsize=1)
def _category_keywords() -> tuple[tuple[str, str], ...]:
    return tuple((row[0], row[1]) for row in read_tsv(DATA_DIR / "category_keywords.tsv"))


def _section_scope(section: str | None) -> str | None:
    if not section:
        return None
    return next((scope for word, scope in _section_scopes() if word in section), None)


def _subjects(ctx: Context, by_kind: dict[str, list[Mention]]) -> None:
    """Which place each item reports on: its headline's place, else the first actor, else home."""
    for item in ctx.seg.items:
        head_end = item.start + len(item.headline) if item.headline else item.start
        places = sorted((m for m in by_kind["place"] if m.item == item.position and (m.start, m.end) in ctx.place_at),
                        key=lambda m: m.start)
        in_head = [m for m in places if m.end <= head_end + 1]
        subject = _most_specific(ctx, in_head) if ctx.seg.masthead.kind == "newsletter" else None
        scope = _section_scope(item.section)
        if subject is None and scope != "local":
            first = item.sentences[:3]
            limit = first[-1].end if first else item.end
            actors = [m for m in places if m.start < limit and not _located(ctx.seg.clean.text, m.start)
                      and not _in_brackets(ctx.seg.clean.text, item.start, m.start)]
            ctxs = [m for m in by_kind["context"] if m.item == item.position and m.start < limit]
            if ctxs and (not actors or ctxs[0].start < actors[0].start):
                ctx.subjects[item.position] = ctx.home
                code = resolve_level(ctx, (ctxs[0].attr("simplified") or ctxs[0].text)[-1], item.position)
                subject = code
            elif actors:
                chain = [actors[0]]
                for m in actors[1:]:
                    if m.start == chain[-1].end:
                        chain.append(m)
                subject = _most_specific(ctx, chain)
        ctx.subjects[item.position] = subject or ctx.home


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
    """Whether a place is where something happens (在长沙召开), not who acts."""
    return text[max(0, pos - 1):pos] in ("在", "赴", "到", "于", "至") or text[max(0, pos - 2):pos] in ("来自", "前往")


def _in_brackets(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("(") > seg.count(")") or seg.count("（") > seg.count("）") or seg.count("《") > seg.count("》")


# ---------------------------------------------------------------- agencies

def _expand(v: Vocab, name: str, province: str | None) -> str:
    """Expand a short agency name (金融局, 市场监管局, 人大) to its full form."""
    for short, full, prov in v.abbrev:
        if prov and prov != province:
            continue
        if name == short:
            return full
        if name.endswith(short) and len(short) >= 2 and not name.endswith(full):
            return name[: -len(short)] + full
        if name.startswith(short) and short in ("人大", "政府") and not name.startswith(full):
            rest = name[len(short):]
            if short == "人大" and rest not in ("常委会",):
                return "人民代表大会" + rest
            return full[: -len(rest)] + rest if full.endswith(rest) and rest else full + rest
    return name


def agency_entity(ctx: Context, key: str, item: int, surface: str, simplified: str,
                  national: bool = False) -> Entity | None:
    company, _, key = key.rpartition("@")
    codes, level, name = (key.split(";") + ["", "", ""])[:3]
    if national:
        canonical, kind = ctx.v.national.get(name, (name, "government"))
        return Entity("agency", f"agency:{canonical}", canonical, (surface, simplified), (("kind", kind),))
    place = None
    if codes:
        chain = [c.split("|")[0] for c in codes.split("+")]
        place = chain[-1] if chain[-1] in ctx.g.places else None
    elif level == "国":
        return Entity("agency", f"agency:{name}", name, (surface, simplified), (("kind", "government"),))
    elif level == "=":
        place = ctx.list_place
        level = ""
    elif level:
        place = resolve_level(ctx, level, item)
    p = ctx.g.places.get(place) if place else None
    province = p.province if p else None
    full = _expand(ctx.v, name, province)
    if p is None:
        if level or key.split(";")[1:2] == ["="]:
            return None  # 市人大 with no city to refer to: do not guess
        return Entity("agency", f"agency:{full}", full, (surface, simplified, name), ())
    party = full.startswith("委")
    canonical = ("中共" + p.name + ("委员会" if full == "委" else full)) if party else company + p.name + full
    alts = [surface, simplified, p.name + name, p.name + full, level + name if level else ""]
    if party:
        alts.append(p.name + full)
    parent = ctx.g.places.get(p.parent) if p.parent else None
    if parent is not None and p.level == "county":
        alts += [parent.name + p.name + full, parent.name + canonical]
    return Entity("agency", f"agency:{canonical}", canonical, tuple(a for a in dict.fromkeys(alts) if a),
                  (("place", p.code),))


def _agencies(ctx: Context, mentions: list[Mention]) -> None:
    text, prev = ctx.seg.clean.view, None
    for m in mentions:
        # a bare department in a list (市发改委、住建局) shares the place of the agency before it
        listed = prev is not None and prev[0] == m.item and text[prev[1]:m.start] in ("、", "和", "及")
        ctx.list_place = prev[2] if listed else None
        e = agency_entity(ctx, m.attr("key") or "", m.item, m.text, m.attr("simplified") or m.text,
                          m.attr("label") == "NATIONAL")
        if e is not None:
            e = _twin(ctx, e)
            ctx.agency_at[(m.start, m.end)] = ctx.add(e, m)
            prev = (m.item, m.end, e.attr("place"))
        else:
            prev = None


def _twin(ctx: Context, e: Entity) -> Entity:
    """One node for two names of one body in a document: 市公共资源交易服务中心 / 市公共资源交易中心."""
    def core(label: str) -> str:
        return label.replace("服务中心", "中心").replace("服务局", "局")

    for other in ctx.entities.values():
        if other.kind == "agency" and other.key != e.key and other.attr("place") == e.attr("place") \
                and core(other.label) == core(e.label):
            return Entity("agency", other.key, other.label, (*e.alt, e.label), other.attrs)
    return e


def _publisher(ctx: Context) -> str | None:
    """The publishing agency named by the masthead, linked as mentioned by the first item."""
    mh = ctx.seg.masthead
    if not mh.publisher:
        return None
    label, simple = mh.publisher.strip(), (_simplified_publisher(ctx) or "").strip()
    place = ctx.home if _first_place(ctx.g, simple) else None
    e = Entity("agency", f"agency:{simple}", label, (label, simple), (("place", place),) if place else ())
    first = ctx.seg.items[0].position if ctx.seg.items else 1
    start, end = mh.publisher_span or (0, 0)
    return ctx.add(e, Mention("agency", first, start, end, label))


# ---------------------------------------------------------------- officials

def _officials(ctx: Context, by_kind: dict[str, list[Mention]]) -> list[Post]:
    titles = defaultdict(dict)
    for t in by_kind["title"]:
        titles[t.item][int(t.attr("index") or 0)] = t
    posts: list[Post] = []
    names: dict[str, str] = {}
    for m in by_kind["official"]:
        chain = [titles[m.item][int(k)] for k in (m.attr("key") or "").split(",") if k]
        found = [_post_place(ctx, t) for t in chain]
        juris = next((pl for pl, _ in found if pl), None)
        # stacked titles share a jurisdiction: 省“万人助万企”第十七组组长、省金融局副局长
        found = [(pl or juris, ag) for pl, ag in found]
        name = m.attr("simplified") or m.text
        scope = juris[:2] if juris else "?"
        key = f"official:{name}@{scope}"
        ctx.add(Entity("official", key, m.text, (name,), ()), m)
        names[name] = key
        for t, (pl, ag) in zip(chain, found):
            title = t.attr("simplified") or t.text
            if pl or ag:  # a post must say where it is held
                posts.append(Post(key, title, pl, ag, m.item))
    _bare_mentions(ctx, names)
    return posts


def _post_place(ctx: Context, title: Mention) -> tuple[str | None, str | None]:
    """Jurisdiction and agency of one title: the agency or place written right before it, or
    the level word the title starts with (市长 → the item's city)."""
    for (s, e), key in ctx.agency_at.items():
        if e == title.start:
            ent = ctx.entities[key]
            return ent.attr("place"), key
    for (s, e), code in ctx.place_at.items():
        if e == title.start or (e == title.start + 1 and title.text[:1] in LEVEL_OF_CHAR):
            return code, None  # 驻马店市市长; 湛河区委书记 (the title's 区 is the place's)
    t = title.attr("simplified") or title.text
    lead = t.lstrip("副常务")
    if lead[:1] in LEVEL_OF_CHAR:
        return resolve_level(ctx, lead[0], title.item), None
    return None, None


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


# ---------------------------------------------------------------- measures and documents

def _category_for(ctx: Context, label: str) -> str | None:
    by_label = {v: k for k, v in ctx.v.categories.items()}
    for word, category in _category_keywords():
        if word in label and category in by_label:
            return by_label[category]
    return by_label.get("政务服务")


def _measures(ctx: Context, mentions: list[Mention]) -> None:
    for m in mentions:
        key, surface = m.attr("key") or "", m.attr("simplified") or m.text
        iri = key if not key.startswith("?") else ctx.v.measure_forms.get(norm(surface))
        if iri:
            c = ctx.v.measures[iri]
            e = Entity("measure", f"measure:{iri}", c.label, (surface, m.text),
                       (("iri", iri), ("category", c.category or ""), ("kind", c.kind)))
        else:
            label = norm(surface)
            twin = next((o for o in ctx.entities.values() if o.kind == "measure" and o.attr("confidence")
                         and _variant(o.label, label)), None)
            if twin is not None:  # “无人机+” and “无人机+交通” in one document: one candidate
                e = Entity("measure", twin.key, twin.label, (surface, m.text), twin.attrs)
            else:
                label = label.replace("、", "") if re.fullmatch(r"(一\w{1,2}、?)+", label) else label
                shown = surface.strip("“”\"' ")  # the key is normalised; the label keeps its case
                e = Entity("measure", f"measure:?{label}", shown, (surface, m.text, label),
                           (("confidence", key[1:]), ("category", _category_for(ctx, label) or "")))
        ctx.add(e, m)


def _variant(a: str, b: str) -> bool:
    """Whether two candidate labels are one phrase with and without a short tail.

    >>> _variant("无人机+", "无人机+交通"), _variant("五办", "五化")
    (True, False)
    """
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) <= 4


def _documents(ctx: Context, mentions: list[Mention], agencies: list[Mention]):
    from kg.dates import find_dates

    by_index = defaultdict(dict)
    for a in agencies:
        by_index[a.item][int(a.attr("index") or 0)] = a
    issued, last_key = [], None
    aliases: dict[str, str] = {}
    for m in mentions:
        issuers_idx, number, alias = ((m.attr("key") or "") + ";;").split(";")[:3]
        title = (m.attr("simplified") or m.text).strip()
        if alias != "" and last_key:  # 以下简称《条例》: another name of the previous document
            aliases[norm(title)] = last_key
        if norm(title) in aliases:
            old = ctx.entities[aliases[norm(title)]]
            ctx.add(Entity("document", old.key, old.label, (title,), old.attrs), m)
            continue
        if title in GENERIC_TITLES or len(title) < 3 or PERIODICAL_RE.search(title):
            continue  # 《人民日报》, 《营商环境周刊》: a periodical, not a policy document
        key = f"document:{norm(title)}"
        last_key = ctx.add(Entity("document", key, m.text.strip(), (title,), ()), m)
        issuers = []
        for k in filter(None, issuers_idx.split(",")):
            a = by_index[m.item].get(int(k))
            if a is not None and (a.start, a.end) in ctx.agency_at:
                issuers.append(ctx.agency_at[(a.start, a.end)])
        day = None
        if issuers:
            sent = next((s for it in ctx.seg.items if it.position == m.item for s in it.sentences
                         if s.start <= m.start < s.end), None)
            if sent is not None:
                dates = [d for d in find_dates(ctx.seg.clean.view[sent.start:m.start], ctx.seg.masthead.date)
                         if d.precision == "day"]
                day = dates[-1].iso if dates else None
        if issuers or number:
            issued.append((key, tuple(dict.fromkeys(issuers)), day, number or None))
    return issued
