"""Agencies: canonical names from surfaces (abbreviations expanded, level words resolved to the
jurisdiction), one node for two names of one body, and the publisher named by the masthead."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.agencies import CUSTOMS
from kg.gazetteer import short_form
from kg.link.places import first_place, place_before, resolve_level, simplified_publisher
from kg.records import Entity, Mention, Ref
from kg.vocab import Vocab

if TYPE_CHECKING:
    from kg.link import Context


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
                  national: bool = False, at: int | None = None) -> Entity | None:
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
        unit = _national_unit(ctx.v, name, surface, simplified)
        port = _port(ctx, name[:-len(CUSTOMS)]) if name.endswith(CUSTOMS) else None
        # a customs office lies where its port is (河口海关 in a 云南 bulletin: 河口瑶族自治县)
        return unit if port is None else Entity(unit.kind, unit.key, unit.label, unit.alt, (*unit.attrs, ("place", port)))
    elif level == "=":
        place = ctx.list_place
        level = ""
    elif level in _TOWN_LEVELS and at is not None:
        return _town_body(ctx, level, name, item, at, surface, simplified)
    elif level:
        place = resolve_level(ctx, level, item) or (place_before(ctx, level, item, at) if at else None)
    p = ctx.g.places.get(place) if place else None
    province = p.province if p else None
    full = _expand(ctx.v, name, province)
    if p is None:
        if level or key.split(";")[1:2] == ["="]:
            return None  # 市人大 with no city to refer to: do not guess
        return Entity("agency", f"agency:{full}", full, (surface, simplified, name), ())
    if not company and any(z in simplified[:len(z) + 3] for z in ctx.g.zones):
        # a body of a zone named without its host (两江新区规划和自然资源局): named as written, in the host
        return Entity("agency", f"agency:{simplified}", simplified, tuple(dict.fromkeys((surface, simplified))),
                      (("place", p.code),))
    party = full.startswith("委") or full == "党委"  # 市委, 市委办公室; 自治区党委
    owner, owner_kind = ctx.v.national.get(company, (company, ""))
    # a district whose name many cities share and that has no form of its own (城区, 郊区) is named
    # with its city: 阳泉市城区政务服务中心
    named = p.name if p.name in ctx.g.forms or p.parent not in ctx.g.places else ctx.g.places[p.parent].name + p.name
    if owner_kind == "democratic-party":  # 九三学社德阳市委: the party's committee, not the CPC's
        canonical = owner + named + ("委员会" if full in ("委", "党委") else full)
        party = False
    elif party:
        canonical = "中共" + named + ("委员会" if full in ("委", "党委") else full)
    elif company and not owner_kind and simplified.startswith(company):
        # a branch of a local body or a bank, named as written (某市某局某某分局, 某银行某某支行)
        return Entity("agency", f"agency:{simplified}", simplified, tuple(dict.fromkeys((surface, simplified))),
                      (("place", p.code),))
    else:
        canonical = company + named + full
    # the level word as written (市人大); 省 stands for 自治区, which the surface keeps
    alts = [surface, simplified, p.name + name, p.name + full,
            level + name if level and simplified.startswith(level) and not name.startswith(level) else ""]
    if party:
        alts.append(p.name + full)
    if owner_kind == "democratic-party":  # every name keeps the party: 德阳市委 alone is the CPC's
        alts = [a if a.startswith(company) else company + a for a in alts if a]
    parent = ctx.g.places.get(p.parent) if p.parent else None
    if parent is not None and p.level == "county":
        # (a party committee keeps 中共 in front: 中共上海市松江区委员会, not 上海市中共松江区委员会)
        alts += [parent.name + p.name + full,
                 "中共" + parent.name + canonical[2:] if party else parent.name + canonical]
    kind = (("kind", owner_kind),) if owner_kind == "democratic-party" else ()
    return Entity("agency", f"agency:{canonical}", canonical, tuple(a for a in dict.fromkeys(alts) if a),
                  (("place", p.code), *kind))


#: the level words of towns and sub-districts, which have no code of their own
_TOWN_LEVELS = ("镇", "乡", "街道")
#: a town or sub-district named at the start of a clause: 羊口镇依托…, 高营镇党委副书记…
_TOWN_NAMED = re.compile(r"(?:^|(?<=[，,。；;：:、\s]))([\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))(?=[\u4e00-\u9fff])")


def _town_body(ctx: Context, level: str, name: str, item: int, at: int, surface: str,
               simplified: str) -> Entity | None:
    """A town's body named by its level word (镇便民服务中心) after the town is named in its sentence
    (羊口镇依托镇便民服务中心…): that town's, in the county the item is about. None when no town of
    that level is named before it."""
    view = ctx.seg.clean.view
    sent = ctx.seg.sentence_at(item, at)
    start = sent.start if sent else max(0, at - 60)
    town = next((m.group(1) for m in reversed(list(_TOWN_NAMED.finditer(view, start, at)))
                 if m.group(1).endswith(level)), None)
    base = ctx.subjects.get(item) or ctx.home
    county = next((p for p in ctx.g.chain(base) if p.level == "county"), None) if base else None
    if town is None or county is None:
        return None
    label = county.name + town + name
    return Entity("agency", f"agency:{label}", label, tuple(dict.fromkeys((town + name, surface, simplified))),
                  (("place", county.code),))


def _port(ctx: Context, name: str) -> str | None:
    """The place a customs office's port is named by: of the places so named, the one in the
    bulletin's own province, else the only one."""
    # (by the places' own names: a port's name may be a common word the gazetteer's forms leave out, 河口)
    codes = sorted(c for c, p in ctx.g.places.items()
                   if p.name == name or (p.name.startswith(name) and short_form(p.name, p.level) == name)
                   or (len(name) >= 2 and p.name in (name + "区", name + "新区")))  # 浦东海关: 浦东新区
    home = ctx.g.places.get(ctx.home) if ctx.home else None
    if home is not None:
        province = home.province
        codes = [c for c in codes if ctx.g.contains(province, c)] or (codes if len(codes) == 1 else [])
    return codes[0] if len(codes) == 1 else None


def _national_unit(v: Vocab, name: str, surface: str, simplified: str) -> Entity:
    """A national body or one of its units, named from the body's full name: 市场监管总局办公厅 →
    国家市场监督管理总局办公厅; 国家能源局南方监管局 stays as written."""
    holder = max((f for f in v.national if name.startswith(f)), key=len, default="")
    canonical, kind = v.national.get(holder, (holder, "government"))
    full = canonical + name[len(holder):]
    return Entity("agency", f"agency:{full}", full, tuple(dict.fromkeys((surface, simplified, name))),
                  (("kind", kind),))


def link_agencies(ctx: Context, mentions: list[Mention]) -> None:
    text, prev = ctx.seg.clean.view, None
    for m in mentions:
        # a bare department in a list (市发改委、住建局) shares the place of the agency before it
        listed = prev is not None and prev[0] == m.item and text[prev[1]:m.start] in ("、", "和", "及")
        ctx.list_place = prev[2] if listed else None
        e = agency_entity(ctx, _placed_key(ctx, m), m.item, m.text, m.attr("simplified") or m.text,
                          m.attr("label") == "NATIONAL", m.start)
        if e is not None:
            e = _twin(ctx, e)
            ctx.agency_at[(m.start, m.end)] = ctx.add(e, m)
            prev = (m.item, m.end, e.attr("place"))
        else:
            prev = None


def _placed_key(ctx: Context, m: Mention) -> str:
    """An agency's key, without the place its name starts with when the place linker did not read
    that name as a place (潍坊滨海开发区行政审批服务局: 滨海 is no 滨海县 of Jiangsu): it is then
    named as written; with the place the linker read where the name is several places' (城关区)."""
    key = m.attr("key") or ""
    owner, at, rest = key.rpartition("@")
    codes, _, tail = rest.partition(";")
    if not codes:
        return key
    read = {code for (s, e), code in ctx.place_at.items() if m.start <= s and e <= m.end}
    chain = codes.split("+")
    # or a district its city's body names its branch after, without the level word (沈阳市某局浑南分局)
    chosen = [c for c in chain[-1].split("|") if c in read
              or ((p := ctx.g.get(c)) is not None and p.parent in read)]
    if chosen:  # of a name several places share (城关区: 兰州's and 拉萨's), the one the linker read
        return f"{owner}{at}{'+'.join((*chain[:-1], chosen[0]))};{tail}"
    if len(chain) == 1 and len(read) == 1:  # the linker read a namesake (朝阳 of 北京市朝阳区, not 朝阳市)
        return f"{owner}{at}{next(iter(read))};{tail}"
    return f"{owner}{at};;{m.attr('simplified') or m.text}"


def _twin(ctx: Context, e: Entity) -> Entity:
    """One node for two names of one body in a document: 市公共资源交易服务中心 / 市公共资源交易中心."""
    def core(label: str) -> str:  # a word typed twice (市政务政务服务中心) is a slip
        return re.sub(r"(..)\1", r"\1", label).replace("服务中心", "中心").replace("服务局", "局")

    for other in ctx.entities.values():
        if other.kind != "agency" or other.key == e.key:
            continue
        if (other.attr("place") == e.attr("place") and core(other.label) == core(e.label)) \
                or (not e.attrs and other.attr("place") and other.label.endswith(e.label)):
            # nor for a town's unit named with and then without its county (南康区唐江镇便民服务中心)
            return Entity("agency", other.key, other.label, (*e.alt, e.label), other.attrs)
    return e


def merge_short_names(ctx: Context, publisher: str | None) -> None:
    """One node for a body a document names both in full and by a short name of its own:
    市营商办 beside 衢州市营商环境建设办公室, 市审批局 beside 晋城市行政审批服务管理局. The short
    name alone was expanded from the abbreviation table (营商办 → 优化营商环境办公室), a guess the
    document's full name corrects. Only when the full name is the one body of that place the
    short name can stand for."""
    bodies = [e for e in ctx.entities.values() if e.kind == "agency" and e.attr("place") in ctx.g.places]
    for e in bodies:
        if e.key == publisher:  # the masthead's name for the body stays; a short one may join it
            continue
        place = ctx.g.places[e.attr("place")]
        shorts = {_bare(a, place.name) for a in (e.label, *e.alt)}
        fulls = [o for o in bodies if o.key != e.key and o.key in ctx.entities
                 and o.attr("place") == place.code
                 and any(_shortens(s, _bare(o.label, place.name)) for s in shorts)]
        if len(fulls) != 1 or e.key not in ctx.entities:
            continue
        full, guess = fulls[0], _bare(e.label, place.name)
        _merge_into(ctx, e, full, tuple(a for a in e.alt if _bare(a, place.name) != guess))
    _merge_national_prefixed(ctx)


def _merge_into(ctx: Context, e: Entity, full: Entity, alt: tuple[str, ...]) -> None:
    """Make `e` the same node as `full`: its references and spans point at `full`, its names
    (`alt`) join `full`'s."""
    del ctx.entities[e.key]
    ctx.add(Entity("agency", full.key, full.label, alt, ()))
    ctx.refs[:] = [Ref(full.key, r.kind, r.item, r.start, r.end, r.text) if r.key == e.key else r
                   for r in ctx.refs]
    for span, key in ctx.agency_at.items():
        if key == e.key:
            ctx.agency_at[span] = full.key


def _merge_national_prefixed(ctx: Context) -> None:
    """One node for a local office of a national body written with and without the body's name
    in front: 国家税务总局保定市税务局 and 保定市税务局 (the tax offices' full names)."""
    national = ctx.v.national
    agencies = [e for e in ctx.entities.values() if e.kind == "agency"]
    for e in agencies:
        full = next((o for o in agencies if o.key != e.key and o.key in ctx.entities
                     and o.label.endswith(e.label) and o.label[:-len(e.label)] in national), None)
        if full is not None and e.key in ctx.entities:
            _merge_into(ctx, e, full, (e.label, *e.alt))


def _bare(name: str, place: str) -> str:
    """An agency's name without its place or level word: 衢州市营商办, 市营商办 → 营商办."""
    at = name.rfind(place)
    if at >= 0:
        return name[at + len(place):]
    return name[1:] if name[:1] in "省市县区州旗" else name


#: a body's name inside a longer name: the longer one names a unit of it (…常委会财政经济工作委员会)
_UNIT_OF_BODY = re.compile("局|委员会|常委会|政府|厅|办公室")


def _shortens(short: str, full: str) -> bool:
    """Whether `short` is a short name of the body named `full` (both without their place):
    its characters in order, the same last word, and not the full name's own beginning or a
    part of it (税务局 is not 税务局稽查局; 数据局 is not 大数据局), nor a unit inside another body
    (人大常委会 is not 人民代表大会常委会财政经济工作委员会).

    >>> _shortens("营商办", "优化营商环境工作领导小组办公室"), _shortens("审批局", "行政审批服务管理局")
    (True, True)
    >>> _shortens("税务局", "税务局稽查局"), _shortens("营商办", "营商环境局"), _shortens("数据局", "大数据局")
    (False, False, False)
    """
    if len(short) < 3 or len(short) >= len(full) or short in full or _UNIT_OF_BODY.search(full[:-1]):
        return False
    if not (short[-1] == full[-1] or (short.endswith("办") and full.endswith("办公室"))):
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def merge_publisher(ctx: Context, publisher: str | None) -> str | None:
    """The publisher named by the masthead as the body's agency it is (南宁市兴宁区人民政府办公室 is
    兴宁区人民政府办公室): one node, keyed by the body's canonical name as in every other document."""
    pub = ctx.entities.get(publisher) if publisher else None
    if pub is None:
        return publisher
    # (a publisher named by its level word, 来源：县行政审批局, has no place of its own: the body the
    # text names so is the one)
    same = next((e for e in ctx.entities.values() if e.kind == "agency" and e.key != pub.key
                 and (e.attr("place") == pub.attr("place") or pub.attr("place") is None)
                 and pub.label in (e.label, *e.alt)), None) \
        or next((e for e in ctx.entities.values() if e.kind == "agency" and e.key != pub.key
                 and e.attr("place") == pub.attr("place") and _abbreviates(pub.label, e.label)), None)
    if same is None:
        return publisher
    del ctx.entities[pub.key]
    ctx.add(Entity("agency", same.key, same.label, pub.alt, ()))
    ctx.refs[:] = [Ref(same.key, r.kind, r.item, r.start, r.end, r.text) if r.key == pub.key else r
                   for r in ctx.refs]
    return same.key


#: how the names of bodies end: a publisher named so is a body, not a short name of one
_BODY_ENDS = ("局", "委", "办", "厅", "中心", "政府", "院", "室", "处", "所", "会", "部", "站", "队")


def _abbreviates(short: str, full: str) -> bool:
    """Whether a publisher's name is a short form of a body's full name, as a WeChat account is
    named (银川审批服务 for 银川市审批服务管理局): not a body's name itself, same first character,
    and every character in order in the full name.

    >>> _abbreviates("银川审批服务", "银川市审批服务管理局"), _abbreviates("银川市政府", "银川市政府办公室")
    (True, False)
    """
    if len(short) < 4 or len(short) >= len(full) or short.endswith(_BODY_ENDS) or short[0] != full[0]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def link_publisher(ctx: Context) -> str | None:
    """The publishing agency named by the masthead, linked as mentioned by the first item."""
    mh = ctx.seg.masthead
    if not mh.publisher:
        return None
    label, simple = mh.publisher.strip(), (simplified_publisher(ctx) or "").strip()
    place = ctx.home if first_place(ctx.g, simple) else None
    e = Entity("agency", f"agency:{simple}", label, (label, simple), (("place", place),) if place else ())
    first = ctx.seg.items[0].position if ctx.seg.items else 1
    start, end = mh.publisher_span or (0, 0)
    return ctx.add(e, Mention("agency", first, start, end, label))
