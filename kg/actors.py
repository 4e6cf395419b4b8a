"""Who acts in a sentence of a bulletin: the place a measure belongs to, the place or agency a clause
opens with (2020年，常德市坚持…; 如邢台市推出…), the scene a sentence opens on (在某区某镇服务站，…),
and the places and agencies that do not act although named (sources of news, agents of passives,
givers of praise or instructions, proposers of motions)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.records import Mention

if TYPE_CHECKING:
    from kg.link import Context

#: an agency followed by these is a source of news, not an actor (记者从市中心获悉)
_NOT_ACTOR = re.compile(r"^(?:获悉|了解到|得知|(?:发布|印发|公布|评选|评出|遴选|认定|评定|命名)的)")
#: nor is one named as the agent of a passive (被省发改委在全省推广) or as a giver of praise
_PASSIVE_BEFORE = ("被", "获", "受")
_PRAISES = re.compile(r"^[^。；;]{0,80}?给予[^，,。；;]{0,6}(?:肯定|感谢|表扬|表彰|点赞)")
#: nor is one that designates another as a pilot or model (省住建厅确定某县为试点县): the one designated acts
_DESIGNATES = re.compile(r"^(?:确定|批准|同意|列为|命名|认定|授予|评为|选定|遴选)[^，,。；;]{1,20}?为")
#: nor is one that proposes a motion: deputies propose, the government carries out (某区代表团提出
#: 12件议案，合并为“深化某某改革”议案)
_PROPOSES = re.compile(r"^[^，,。；;]{0,16}?(?:提出|提交|领衔)[^，,。；;]{0,16}?(?:议案|提案|建议)")
#: an agency whose clause opens with these gives instructions, it does not act (根据省发改委要求…,
#: 贯彻落实省委、省政府部署)
INSTRUCTED_BY = re.compile(r"根据|按照|依据|依照|遵照|贯彻|落实|对照|对标|参照|比照|对接|响应")
#: nor does one followed by what it asked for (省委、市委的部署要求) or by its leadership (在省委的坚强领导下)
_INSTRUCTION = re.compile(r"^(?:[、和及与][^，,。；;：:]{1,10}?)?的?(?:坚强|正确|大力|悉心|有力|精心)?(?:工作|决策|统一)?"
                          r"(?:部署|要求|精神|指示|批示|领导|指导|关心|支持)")
_CLAUSE_END = "，,；;：:。"
#: a place followed by these ranks the actor, it does not act: 全省率先建立…, 全国首创
RANKS_AFTER = re.compile(r"^(?:范围内)?(?:率先|首个|首家|首批|首创|第一|领先|唯一|最早)")
#: how level words (全省, 我市, 本区, 该县) start, unlike the names of places
_LEVEL_WORD_START = "全我本该此"


def openers(ctx: Context) -> list[tuple[int, int, str | None]]:
    """The places and agencies of a document that may open a clause as its actor, in text order:
    (start, end, place code; "" for a national body or company). Places inside an agency's name
    are the agency's. Computed once per document for `own_actors`."""
    inside = list(ctx.agency_at)
    out = [(s, e, code) for (s, e), code in ctx.place_at.items() if not any(a <= s and e <= b for a, b in inside)]
    out += [(s, e, _place_or_national(ctx.entities[k])) for (s, e), k in ctx.agency_at.items()]
    return sorted(out, key=lambda a: a[:2])


def own_actors(ctx: Context, s_start: int, s_end: int, m: Mention,
               actors: list[tuple[int, int, str | None]] | None = None) -> tuple[str, ...] | None:
    """The places a sentence itself names as carrying out a measure, instead of the item's place:
    the place the measure belongs to (广州“四办”举措, 广州的“四办”), else the actor the sentence opens
    with and those listed with it (2020年，常德市坚持…，推进“五个突破”; 甲区、乙区先行先试，探索…;
    会议指出，南方电网公司…推出了“四办”). Returns the places' codes, "" for a national body or company
    (no place of its own), None when the sentence names no actor, or one whose place is unknown
    (桥南街便民服务中心: the item's place stands). `actors` is `openers(ctx)`, when the caller has it."""
    text = ctx.seg.clean.view
    owner = next((code for (s, e), code in ctx.place_at.items()  # a name, not a level word (全省“一窗受理”)
                  if s_start <= s and e <= m.start and text[e:m.start] in ("", "的", "“", "的“")
                  and text[s] not in _LEVEL_WORD_START), None)
    if owner:
        return (owner,)
    actors = openers(ctx) if actors is None else actors
    # the nearest clause that opens on an actor: 甲市推行“某某”，乙县推出“某某” gives each its own
    for k in reversed(range(len(actors))):
        s, e, code = actors[k]
        if not (s_start <= s and e <= m.start):
            continue
        if _EXAMPLE.fullmatch(text[clause_start(text, s_start, s):s]) and acts(text, s_start, s_end, s, e) \
                and not RANKS_AFTER.match(text[e:e + 6]):
            if code is None:
                return None  # an actor of unknown place: the item's place stands
            return (narrowest(ctx, s, e, code) if code else code, *_listed_with(ctx, actors[k + 1:], e, m.start))
    scene = _scene(ctx, s_start, m)
    return None if scene is None else (scene,)


#: a verb of carrying out right before a measure (or before a list of measures, or a word referring
#: back to one: 推行这一做法), the measure its object or what it qualifies: 推行“某某”, 推行的“某某”
_DIRECT_VERB = re.compile(r"(?:推行|实行|实施|推出|试行|首创|创新推出|探索推行)了?的?[“\"‘]?$")
#: what may stand between the places that carry a measure out and that verb: how many they are or
#: that others are like them (等地, 三市), when (早在2022年, 去年以来), adverbs (即已, 相继, 率先) and
#: how far (在全省率先): 广州、深圳、佛山三市早在2022年即已推行, 上海、浙江等地推行的
_ADVERBS = r"(?:已经|已|均已|都已|先后|相继|率先|先行|陆续|分别|同步|全面|迅速|纷纷|及时|也|均|都|即|就)*"
_SUBJECT_FILL = re.compile(
    r"(?:等(?:[\d一二两三四五六七八九十]+个)?(?:地|城市|地区|省份|省市|县区|县市区|市县)?"
    r"|[两三四五六七八九十](?:市|县|区|地|省|县区|县市))?" + _ADVERBS +
    r"(?:早在|从|自|于)?(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?|去年|今年|前年|近年|此前|先前|早前)?"
    r"(?:起|以来|开始|初|底前|底|前|后|上旬|中旬|下旬)?"
    r"(?:就|即|便)?" + _ADVERBS +
    r"(?:在(?:全国|全省|全市|全区|全州|全县|省内|市内|区内)(?:范围内)?)?(?:率先|先行|首先|首批|全面)?")


def direct_subjects(ctx: Context, s_start: int, s_end: int, pos: int,
                    actors: list[tuple[int, int, str | None]], verb_re: re.Pattern = _DIRECT_VERB) -> tuple[str, ...]:
    """The places a verb of carrying out right before `pos` (a measure, a list of measures, or a
    word referring back to one) belongs to, wherever the verb stands in its sentence: the place or
    agency it follows, with those listed before it (与佛山、中山等地2019年起推行的“拿地即开工”相比 →
    佛山, 中山; 借鉴了西安市高陵区2022年在全省率先推行“某某”的经验 → 高陵区). Empty when no such verb,
    or no actor with a place right before it (a national body, a company): the sentence's opener
    then stands (`own_actors`). `actors` is `openers(ctx)`; `verb_re`, the verb ending at `pos`."""
    text = ctx.seg.clean.view
    clause = clause_start(text, s_start, pos)
    verb = verb_re.search(text, clause, pos)
    if verb is None:
        return ()
    last = None
    for k in reversed(range(len(actors))):
        s, e, code = actors[k]
        if s < clause:
            break
        if e > verb.start() or text[s - 1:s] == "在" or RANKS_AFTER.match(text[e:e + 8]):
            continue  # 在全省率先推行, 全市首创: where, not who
        if _SUBJECT_FILL.fullmatch(text, e, verb.start()):
            last = k
        break
    if last is None or actors[last][2] is None or text[actors[last][0] - 1:actors[last][0]] in _PASSIVE_BEFORE \
            or in_title(text[s_start:actors[last][0]]):
        return ()  # (an actor right before its verb acts, whoever set the model: 对标长沙 我县推行)
    out, k = [], last
    while True:
        s, e, code = actors[k]
        out.append(narrowest(ctx, s, e, code) if code else code)
        while k > 0 and actors[k - 1][1] == actors[k][0] and actors[k - 1][2] and actors[k][2] \
                and ctx.g.contains(actors[k - 1][2], actors[k][2]):
            k -= 1  # 西安市高陵区: a chain of places is one name, its narrowest taken already
        j = k - 1
        if j < 0 or actors[j][0] < clause or actors[j][2] is None or text[actors[j][1]:actors[k][0]] not in _AND:
            break
        k = j
    return tuple(dict.fromkeys(c for c in out if c))


#: what joins the places of a list of actors: 甲区、乙区和丙市
_AND = ("、", "和", "及", "与", "以及")


def _listed_with(ctx: Context, rest: list[tuple[int, int, str | None]], end: int, until: int) -> list[str]:
    """The places listed right after an actor that ends at `end`, joined by 、 和 及 (甲区、乙区和丙市
    先行先试): they act with it."""
    text, out = ctx.seg.clean.view, []
    chained = {a: b for a, b, _ in rest}
    for s, e, code in rest:
        if s < end:
            continue  # inside a name already taken
        if e > until or not code or text[end:s] not in _AND:
            break
        out.append(narrowest(ctx, s, e, code))
        end = e
        while end in chained:  # 鹤壁市淇滨区: a chain of places is one name
            end = chained[end]
    return out


#: what may open a clause before its actor: nothing, a word bringing an example or one of a list
#: (如某市推出…, 其中某县将率先开展…), or the number of a point in a list ((一)某市全面推行…, 一是某县…)
_EXAMPLE = re.compile(r"(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}(?:[.．、]|\s+)|[一二三四五六七八九十]{1,3}是)?"
                      r"(?:如|例如|比如|譬如|像|其中)?")
#: a sentence opening on where it happens: 在某区某镇服务站，“某某办”队员… (not a meeting's venue)
_SCENE = re.compile(r"在([^，,。；;]{2,40})[，,]")
_EVENT = re.compile(r"会|召开|举行|举办|调研|考察|视察|参加|出席|论坛|发布")
#: nor is 在省委…领导下 a scene: it names who leads, a source of instructions
_LED_BY = re.compile(r"领导|指导|支持|帮助|部署|推动|下$")


def _scene(ctx: Context, s_start: int, m: Mention) -> str | None:
    """The place a sentence opens on as its scene, before the clause with the measure: the last of
    the chain of places right after 在 (在甲省乙市丙区某镇服务站，… → 丙区). None when the sentence
    opens otherwise, or the 在 phrase names a level word, an agency, an event (在北京召开的会议上) or
    a leadership (在省委、省政府的领导下)."""
    text = ctx.seg.clean.view
    scene = _SCENE.match(text, s_start, m.start)
    if scene is None or _EVENT.search(scene.group(1)) or _LED_BY.search(scene.group(1)):
        return None
    first = next(((e, code) for (s, e), code in ctx.place_at.items() if s == scene.start(1)), None)
    if first is None or text[scene.start(1)] in _LEVEL_WORD_START \
            or any(a <= scene.start(1) < b for a, b in ctx.agency_at):  # 在省政府…: an agency
        return None
    return narrowest(ctx, scene.start(1), first[0], first[1])


#: a commercial bank (its branches: 甘肃银行武威分行), not the central bank (中国人民银行某市分行): it works
#: with a place's bodies, it does not carry out the place's reforms
COMMERCIAL_BANK = re.compile(r"(?<!人民)银行")
#: a firm: such a bank, or a company, public utilities too (国网某市供电公司, 某市水务集团有限公司). A
#: utility opening a sentence carries out its place's reform (国网某区供电公司推行“三零”服务); one a
#: body works with (区数据局会同国网某市供电公司…) adds no place of its own
FIRM = re.compile(rf"{COMMERCIAL_BANK.pattern}|公司|集团")


def _place_or_national(agency) -> str | None:
    """An agency's place; "" for a national body, a company or a commercial bank (no place of its own
    acts through it)."""
    if COMMERCIAL_BANK.search(agency.label):
        return ""
    return agency.attr("place") or ("" if agency.attr("kind") else None)


def acts(text: str, start: int, end: int, s: int, e: int) -> bool:
    """Whether an agency or place at s:e, in the sentence start:end, acts: it is not a source of news
    (记者从市中心获悉), the agent of a passive, a giver of praise or of instructions."""
    return not _NOT_ACTOR.match(text[e:e + 4]) and text[s - 1:s] not in _PASSIVE_BEFORE \
        and not _PRAISES.match(text[e:end]) and not _PROPOSES.match(text[e:end]) \
        and not _DESIGNATES.match(text[e:end]) and not _instructs(text, start, s, e)


def narrowest(ctx: Context, s: int, e: int, code: str) -> str:
    """The last place of a chain written as one name: 淇滨区 in 鹤壁市淇滨区."""
    starting = {a: (b, c) for (a, b), c in ctx.place_at.items()}  # the place written from each offset
    while e in starting and code and ctx.g.contains(code, starting[e][1]):
        e, code = starting[e]
    return code


def clause_start(text: str, start: int, pos: int) -> int:
    """Where the clause that reaches `pos` begins (after the last ，；：。 since `start`).

    >>> clause_start("甲区，乙市推行", 0, 6)
    3
    """
    before = text[start:pos]
    return start + max(before.rfind(c) for c in _CLAUSE_END) + 1


def in_title(before: str) -> bool:
    """Whether text ending here is inside a 《title》 still open."""
    return before.count("《") > before.count("》")


def _instructs(text: str, start: int, s: int, e: int) -> bool:
    """Whether an agency at s:e is named as a source of instructions or as part of a document title,
    not as an actor: 根据省发改委的工作要求, 贯彻落实省委、省政府部署, 《省政府关于…的通知》.

    >>> _instructs("认真贯彻落实省委、省政府工作部署，深化改革", 0, 6, 8)
    True
    >>> _instructs("按照部署，市发改委推行改革", 0, 5, 9)
    False
    """
    if in_title(text[start:s]):
        return True
    clause = text[clause_start(text, start, s):s]
    return bool(INSTRUCTED_BY.search(clause) or _INSTRUCTION.match(text[e:e + 16]))
