"""spaCy component: reform measures — every variant in the SKOS thesaurus (`ontology/measures.ttl`),
matched on a view of the text without quote marks and spaces, and new candidate measures
discovered from measure-shaped phrases, each with a confidence. Metaphors and slogans listed in
`kg/data/not_measures.txt` are never measures."""
from __future__ import annotations

import re
from bisect import bisect_left

import ahocorasick

from spacy.language import Language

from kg.extract.text import text_of
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.vocab import HEAD_RE, MEASURE_HEADS as HEADS, is_not_measure, norm, vocab

_SKIP = "“”‘’\"' \u3000「」『』"
_PART_OF_NAME = ("平台", "系统", "中心", "大厅", "专区")
_CJK = r"\u4e00-\u9fff"
#: single quotes too: a name quoted inside a quoted title (“创优‘四最’营商环境”专题调研)
QUOTED_RE = re.compile(r"[“\"‘]([^“”\"‘’]{2,20})[”\"’]")
#: a quoted name, for the thesaurus: a variant may fill it, never cut it in two
NAME_IN_QUOTES_RE = re.compile(r"[“‘]([^“”‘’]{1,24})[”’]")
#: what may stand between two quoted phrases of one list: “最多问一次”“最多跑一次”、“最多提交一次”
LIST_GAP_RE = re.compile(r"[、,，和及与]?")
#: shapes that make a phrase a measure by itself
SHAPE_RE = re.compile(
    rf"^(?:[{_CJK}A-Za-z0-9+]{{2,14}}(?:制|机制|工作法|改革|模式|一件事|通办|即办|即享|联办|清单制|工程|专项行动|一[{_CJK}]办)"
    # a policy package named by its issuer and its count of articles: 苏政50条, 稳经济十条
    rf"|(?!第)[{_CJK}]{{1,6}}(?:\d{{1,3}}|[一二三四五六七八九十百]{{1,3}})条"
    rf"|一(?!对一)[{_CJK}]一[{_CJK}](?:、?一[{_CJK}]{{1,2}})*"
    # three steps of one or two characters each: 一项目一管家一台账
    rf"|一[{_CJK}]{{1,2}}一[{_CJK}]{{1,2}}一[{_CJK}]{{1,2}}"
    # done in one day, one window, one go: 一日办结, 一窗通办, 一次办好
    rf"|一[日次窗网站证码件门](?:办结|办好|办成|通办|联办|办理)"
    # one step done at once with the next: 拿地即开工, 验收即拿证, 准入即准营
    rf"|[{_CJK}]{{2,3}}即[{_CJK}]{{2,3}}"
    # a team set up to serve an industry, quoted: 茶企服务专班, 花炮产业链服务专班
    rf"|[{_CJK}]{{2,10}}服务专班"
    # a service post or zone a place sets up, quoted: 侨商服务驿站, 企业服务驿站, 税费服务专区
    rf"|[{_CJK}]{{2,10}}(?:服务驿站|服务专区)"
    # how a service is done, quoted: 错时办, 延时办, 就近办, 掌上办 (not 企业开办, a field; nor 一次办 alone)
    rf"|(?!一次办$)[{_CJK}]{{2,3}}(?<!开)办"
    # a level's affairs done at that level: 园区的事园区办, 镇里事镇里办
    rf"|(?P<at>[{_CJK}]{{1,4}})的?事(?P=at)办"
    rf"|[{_CJK}A-Za-z0-9]{{1,8}}\+[{_CJK}A-Za-z0-9+]{{1,10}}"
    rf"|[{_CJK}]{{2,12}}(?:零[{_CJK}]{{1,3}}、?){{2,}})$"
)
#: unquoted: a verb of doing (or two: 探索推行; 推行的 before it), then a phrase ending like a measure; a long reform
#: name may gloss a word in brackets and end in 制度改革: 落实某某住所(经营场所)申报承诺制度改革
#: (not 落实情况开展专项督查: 落实情况 is how far a task is done)
VERB_RE = re.compile(
    rf"(?:(?:开展|实行|推行|实施|建立|创新实施|创新|探索|推进|落实|深化|推广|构建|打造|试行|启动|健全|完善)了?)+的?"
    rf"(?!情况|要求|工作)(?P<m>[{_CJK}]{{2,12}}?(?:[(（][{_CJK}]{{2,8}}[)）][{_CJK}]{{0,10}}?)?"
    rf"(?:积分制|负责制|承诺制|责任制|代办制|专员制|首问制|销号制|清单制度|清单制|工作法|服务机制|制度改革|"
    rf"推进机制|联动机制|协调机制|长效机制|专项行动|专项督查|专项整治)(?:度改革|改革)?)"
)
#: what a body launched, named before 举措/做法: 某局推出的工程建设项目企业报建（办理）服务举措 (not a
#: count: 推出的多项便民举措)
LAUNCHED_RE = re.compile(rf"(?:推出|推行|首创|探索)的(?![一二三四五六七八九十两多各若这该此系])"
                         rf"(?P<m>[{_CJK}()（）]{{6,24}}?)(?:举措|做法)")
#: a pilot a place is chosen for: 被确定为政务服务线上线下融合和向基层延伸试点城市
PILOT_RE = re.compile(rf"(?:确定为|列为|列入|入选|获批|批准为)(?:全国|国家|全省|首批|第[一二三四五]批)*"
                      rf"(?P<m>[{_CJK}]{{4,24}}?试点)(?:城市|地区|县|区|单位|省份)")
#: the hall a zone is set up in, before the zone's name: 政务服务中心|涉企服务专区
HALL_RE = re.compile(rf"[{_CJK}]{{0,10}}(?:中心|大厅)(?=[{_CJK}]{{2,}}专区)")
PLATFORM_RE = re.compile(rf"(?<![{_CJK}])(?P<m>[{_CJK}]{{2,16}}?(?:平台|系统|专区))(?:正式)?(?:上线|启用|开通|投入运行)")
#: 一业一证, 一窗一网、一码一档 (not 一对一, "one to one": 一对一联系企业)
#: (not 一是一般: 一是 opens the first of a text's points; nor 一事一清单、一事一流程, whose last step
#: is a word of two characters: a list and a procedure for each matter, not a named formula);
#: a quote that holds nothing else holds the whole formula (“一月一公开”)
ONE_ONE_RE = re.compile(rf"(?<=[“「‘])一[{_CJK}]一[{_CJK}]{{2}}(?=[”」’])"
                        rf"|一(?!对一|是)[{_CJK}]、?一[{_CJK}](?:、?一(?!一)[{_CJK}](?:(?![一单程案账])[{_CJK}])?){{0,3}}"
                        r"(?![单程案账一])")
#: after a quoted name, the rest of a list of the scenarios of 高效办成一件事: “开办餐饮店”“企业破产信息核查”等
#: 13个“一件事” (each named as a measure only with its 一件事: 开办餐饮店一件事)
SCENARIO_AFTER = re.compile(r"(?:、?[“「][^”」]{2,16}[”」])*、?等(?:\d+|[一二三四五六七八九十两]+)?个?[“「]?一件事")
ENUM_AFTER = re.compile(r"^[“”]?[^,，。]{0,6}[(（]([^()（）]{4,40}、[^()（）]{2,40})[)）]")
#: a number and one to three characters (四办, 五个突破, 三走进): the short name of a reform, or a
#: count of the text's own points (四大优势); `_numbered_name` tells them apart
NUMBERED_RE = re.compile(rf"^([一二两三四五六七八九十\d]+)个?[{_CJK}]{{1,3}}$")
#: a numbered name spelt out after it: “三零”，即零上门、零审批、零投资 / “两清”：清单、清零
EXPANSION_AFTER = re.compile(r"^[”’\"]?[^,，。：:；;]{0,6}?(?:[：:]|[,，]?即)([^。；;：:]{4,60})")
#: verbs of doing whose quoted object is the name of a reform: 着力推进“五个突破”, 推行“四办”
DOING_BEFORE = re.compile(r"(?:推行|实施|推进|开展|打造|探索|建立|创新|推出|深化|落实|构建|创优|争创)$")
#: a quoted formula of three to five parallel steps (“一次告知、一表申请、一窗受理”), named whole after
#: a verb of doing (DOING_BEFORE) or of achieving
PRINCIPLES_RE = re.compile(rf"[{_CJK}]{{2,7}}(?:、[{_CJK}]{{2,7}}){{2,4}}")
ACHIEVED_BEFORE = re.compile(r"(?:实行|实现|做到)$")
#: verbs that put a named reform in force: the quoted phrase right after is its name (推行“某某办”)
LAUNCH_BEFORE = re.compile(r"(?:推行|实行|试行|推出|创新推出|启用|探索|上线|开通|开设)$")
#: a quoted name a reform is pursued by: 以“某某办”为抓手, 以“极简审批”为牵引
LEVER_BEFORE, LEVER_AFTER = re.compile(r"以$"), re.compile(rf"^[{_CJK}]{{0,6}}为(?:抓手|牵引|突破口|主线|载体|引领)")
#: a team set up under a quoted name: 组建“红色代办员”队伍, 成立“某某”服务队
TEAM_BEFORE, TEAM_AFTER = re.compile(r"(?:组建|成立|组织|打造)$"), re.compile(r"^(?:服务|志愿)?(?:队伍|团队|服务队|专班)")
#: a brand the quoted phrase before it names: “古城管家”帮办代办品牌 (not “家门口”社区品牌“某某家”)
BRAND_AFTER = re.compile(rf"^[{_CJK}]{{0,8}}品牌(?![“\"])")
#: a head noun of a system a few words after the quoted name: “政企面对面”常态化沟通机制,
#: “某办快”帮办代办网络 (not a place's, 的: “某某”的工作机制 is someone's)
FAR_HEAD_RE = re.compile(r"[^\W\d的_]{1,5}?(?:机制|制度|模式|工作法|套餐|网络|专班|服务平台)")
#: a numbered name qualifying 营商环境 names the kind of environment a place builds: 打造“六最”营商环境
ENVIRONMENT_AFTER = re.compile(r"^营商环境")
_HEAD_PATTERN = HEAD_RE.pattern[1:]
#: an unquoted numbered name right after the quoted list it abbreviates: “甲、乙、丙”三走进活动
NUMBERED_AFTER_LIST = re.compile(rf"^(?P<m>[一二两三四五六七八九十]个?[{_CJK}]{{1,3}}?)(?={_HEAD_PATTERN})")
#: an unquoted formula with a head noun: 成立1+N工作专班, 推行“2+2”模式 is caught by its quotes
FORMULA_RE = re.compile(r"(?<![A-Za-z0-9+＋])(?P<m>[0-9A-Za-z]{1,3}(?: ?\+ ?[0-9A-Za-z]{1,3})+"
                        r"(?:服务|工作|管理)?(?:专班|模式|机制|工作法|服务))")
#: a counted set of campaigns, named by its count: 五大专项行动, 四个专项治理, 十大攻坚行动 (unquoted)
COUNTED_CAMPAIGN_RE = re.compile(r"(?<![第\d])(?P<m>[一二两三四五六七八九十]{1,2}(?:大|个|项)(?:专项|攻坚)(?:行动|治理|整治|攻坚|督查))")
#: a reform pursued as the lever of a place's work, unquoted: 以政务服务增值化改革为牵引
LEVER_RE = re.compile(rf"以(?P<m>[{_CJK}]{{2,12}}?改革)为(?:抓手|牵引|突破口|主线|引领)")
#: a local hotline launched under its number: 推出961890服务热线平台 (the 12345 hotline itself is a channel, not a measure)
HOTLINE_RE = re.compile(rf"(?:推出|开通|上线|设立|建立|打造|开设|启用)了?(?P<m>\d{{5,8}}[{_CJK}]{{0,8}}?热线(?:平台)?)")
#: a head noun naming what the quoted phrase after it is, in a clause that makes it: 打造社区服务品牌
#: “某某家”, 上线政务服务平台“某某办” (not 在平台“点单”, a metaphor)
HEAD_BEFORE = re.compile(r"(?:打造|推出|创新|创建|创设|上线|开通|建成|搭建|开发|培育|擦亮|推行|打出|叫响)"
                         r"[^，,。；;：:“”]{0,16}(?:“[^“”]{1,8}”[^，,。；;：:“”]{0,10})?(?:品牌|平台|小程序|APP|专区)$")
#: a platform named in quotes right after what it is, going live: 移动端平台“某某e办通”正式上线
APP_BEFORE = re.compile(r"(?:平台|移动端|客户端|小程序|APP|App|系统)$")
LIVE_AFTER = re.compile(r"^(?:正式|全面|已)?(?:上线|启用|开通|投入使用|投入运行)")
#: a model place's experience others learn from: 学习“某某经验”
LEARNED_RE = re.compile(r"(?:学习|借鉴|推广|复制|学习借鉴|推广复制)$")
EXPERIENCE_RE = re.compile(rf"^[{_CJK}]{{2,6}}经验$")
#: the points of a list spelt out one by one after the name that counts them: 一是…二是…三是…
POINT_RE = re.compile(r"([一二三四五六七八九十])是")
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}


@Language.factory("pmkg_measures", assigns=["doc.spans"], default_config={})
def make_measures(nlp: Language, name: str) -> "MeasureFinder":
    return MeasureFinder()


class MeasureFinder:
    """Set doc.spans["measure"]: kb_id is a concept IRI, or "?<confidence>" for a candidate."""

    def __init__(self) -> None:
        v = vocab()
        self.forms = v.measure_forms
        self.kinds = {iri: c.kind for iri, c in v.measures.items()}
        self.automaton = ahocorasick.Automaton()
        for form, iri in self.forms.items():
            self.automaton.add_word(form, (len(form), iri))
        self.automaton.make_automaton()

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        known = self._thesaurus(doc, text)
        found = list(known)
        titles = _titles(text)
        found += [c for c in self._candidates(doc, text, titles) if not _known_parts(c, known)]
        found += self._list_mates(doc, text, found, titles)
        doc.spans["measure"] = filter_spans(sorted(found, key=lambda s: (s.kb_id_.startswith("?"), s.start)))
        return doc

    def _thesaurus(self, doc: Doc, text: str) -> list[Span]:
        """Longest thesaurus variants (Aho-Corasick) on the text with quote marks and spaces skipped.

        A variant may not cut a quoted name in two (职工退休“一件事智慧一次办”: not 退休一件事), and
        one that fills a short quoted name but for a few characters stands for the whole name
        (“龙江政商沙龙活动” is the province's 政商沙龙)."""
        keep = [i for i, ch in enumerate(text) if ch not in _SKIP]
        view = "".join(text[i] for i in keep).lower()
        found: dict[int, list[tuple[int, str]]] = {}  # start → [(length, iri)], longest first
        for end, (n, iri) in self.automaton.iter(view):
            found.setdefault(end - n + 1, []).append((n, iri))
        quotes = [(q.start(1), q.end(1)) for q in NAME_IN_QUOTES_RE.finditer(text)]
        out, taken_to = [], 0
        for start in sorted(found):
            if start < taken_to:
                continue
            for n, iri in sorted(found[start], reverse=True):
                if view.startswith(_PART_OF_NAME, start + n) and self.kinds[iri] != "platform":
                    continue  # 部门协同监管平台: the name of a platform, not the measure
                s, e = keep[start], keep[start + n - 1] + 1
                if any(_cuts(s, e, q) for q in quotes) or _ban_word(text, e) or _a_window(text, s, e):
                    continue
                if any(qs == s and qe < e and self.forms.get(norm(text[qs:qe])) not in (None, iri)
                       for qs, qe in quotes):
                    continue  # “首违不罚”清单制度: the quoted name is the measure, not the list it heads
                if any(qs <= s and e <= qe and (s, e) != (qs, qe) and PRINCIPLES_RE.fullmatch(text[qs:qe])
                       for qs, qe in quotes):
                    continue  # “一次告知、一表申请、一窗受理”: a step of a quoted formula, not a measure alone
                s, e = next(((qs, qe) for qs, qe in quotes if qs <= s and e <= qe and _stands_for(text, qs, qe, s, e)),
                            (s, e))
                span = doc.char_span(s, e, label="MEASURE", kb_id=iri, alignment_mode="expand")
                if span is not None:
                    out.append(span)
                    taken_to = bisect_left(keep, e)  # a name a variant stands for is taken whole
                    break
        return out

    def _candidates(self, doc: Doc, text: str, titles: list[tuple[int, int]]) -> list[Span]:
        out: list[Span] = []

        def add(s: int, e: int, conf: float, named: bool = False) -> None:
            span = _candidate(doc, text, s, e, conf, titles, named)
            if span is not None:
                out.append(span)

        prev_end, run = -1, []  # run: the quoted phrases listed so far, right before this one
        for m in QUOTED_RE.finditer(text):
            inner = m.group(1).strip()
            if SCENARIO_AFTER.match(text, m.end()):
                prev_end, run = -1, []
                continue  # a scenario of 一件事, listed
            after, before = text[m.end():m.end() + 8], text[max(0, m.start() - 4):m.start()]
            enum = ENUM_AFTER.match(text[m.end():m.end() + 50])
            # a head after a list of quoted names (“甲”“乙”服务机制) qualifies the whole list
            listed = prev_end >= 0 and LIST_GAP_RE.fullmatch(text[prev_end:m.start()]) is not None
            headed = bool(HEAD_RE.match(after) or FAR_HEAD_RE.match(text, m.end(), m.end() + 10)) and not listed
            run = run + [m] if listed or (prev_end >= 0 and text[prev_end:m.start()] == "的") else [m]
            prev_end = m.end()
            if "、" in inner:  # “走进政府、走进企业、走进现场”三走进活动
                tail = NUMBERED_AFTER_LIST.match(text[m.end():m.end() + 12])
                if tail and _numeral(tail.group("m")) == inner.count("、") + 1:
                    add(m.end(), m.end() + tail.end("m"), 0.7)
                elif PRINCIPLES_RE.fullmatch(inner) and (DOING_BEFORE.search(before)
                                                         or ACHIEVED_BEFORE.search(before)):
                    add(m.start(1), m.end(1), 0.7)  # 实现“一次告知、一表申请、一窗受理、一证准营”: one formula
            if NUMBERED_RE.match(inner):
                if _spelt_out(text, m, inner, run):  # “三项机制”：一是…二是…三是…: a name, not a count
                    add(m.start(1), m.end(1), 0.7, named=True)
                elif headed or enum or _numbered_name(text, m, inner) or inner.endswith(HEADS) or SHAPE_RE.match(inner):
                    add(m.start(1), m.end(1), 0.7)  # … or a numbered name with its head noun: “五有套餐”
            elif HEAD_BEFORE.search(text[max(0, m.start() - 40):m.start()]) or (
                    EXPERIENCE_RE.match(inner) and LEARNED_RE.search(before)) or (
                    APP_BEFORE.search(before) and LIVE_AFTER.match(after)):
                add(m.start(1), m.end(1), 0.7)  # 服务品牌“某某家”, 学习“某地经验”, 平台“某某办”上线
            elif SHAPE_RE.match(inner.replace(" ", "")) or headed:
                head = next((h for h in HEADS if after.startswith(h)), "")
                if not re.search(rf"[{_CJK}]", inner) and head:  # “4+2+5+7+6”工作法
                    add(m.start(1), m.end() + len(head), 0.7)
                else:
                    add(m.start(1), m.end(1), 0.7)
            elif 3 <= len(inner) <= 10 and "、" not in inner and (
                    LAUNCH_BEFORE.search(before)
                    or BRAND_AFTER.match(text[m.end():m.end() + 12])
                    or (LEVER_BEFORE.search(before) and LEVER_AFTER.match(text[m.end():m.end() + 12]))
                    or (TEAM_BEFORE.search(before) and TEAM_AFTER.match(after))):
                add(m.start(1), m.end(1), 0.6)  # 推行“园区事园区办”; “古城管家”帮办代办品牌: a name
        for rx in (VERB_RE, LAUNCHED_RE, PILOT_RE):
            for m in rx.finditer(text):
                add(m.start("m"), m.end("m"), 0.6)
        for m in PLATFORM_RE.finditer(text):
            s = m.start("m")
            head = doc.char_span(s, m.end("m"))
            places = [p for p in doc.spans["place"] if p.start_char < m.end("m") - 2 and p.end_char > s]
            if places:  # 驻马店市企业服务总入口平台: the place is not part of the measure
                s = places[-1].end_char
            hall = HALL_RE.match(text, s, m.end("m"))
            if hall and m.end("m") - hall.end() >= 4:  # 政务服务中心涉企服务专区: the zone, not its hall
                s = hall.end()
            if head is not None and m.end("m") - s >= 4:
                add(s, m.end("m"), 0.6)
        for m in ONE_ONE_RE.finditer(text):
            steps = re.findall(rf"一([{_CJK}])", m.group())
            if len(set(steps)) == len(steps):  # not a word said twice: 只跑一次、一次办好
                add(m.start(), m.end(), 0.6)
        for rx in (FORMULA_RE, COUNTED_CAMPAIGN_RE, HOTLINE_RE, LEVER_RE):
            for m in rx.finditer(text):
                add(m.start("m"), m.end("m"), 0.6)
        return out

    def _list_mates(self, doc: Doc, text: str, found: list[Span],
                    titles: list[tuple[int, int]]) -> list[Span]:
        """Quoted phrases listed right beside a quoted measure are measures of the same kind.

        “最多问一次”“最多跑一次”“最多提交一次”: one of them is in the thesaurus, so the others
        are candidates too (unless they are known slogans or read like a sentence). A list
        followed by a head noun (“甲”“乙”服务机制) names one compound mechanism and is left alone."""
        quoted = list(QUOTED_RE.finditer(text))
        runs: list[list[re.Match[str]]] = []
        for m in quoted:
            if runs and LIST_GAP_RE.fullmatch(text[runs[-1][-1].end():m.start()]):
                runs[-1].append(m)
            else:
                runs.append([m])

        def covered(m: re.Match[str]) -> bool:
            return any(sp.start_char < m.end(1) and sp.end_char > m.start(1) for sp in found)

        out: list[Span] = []
        for run in runs:
            headed = HEAD_RE.match(text[run[-1].end():run[-1].end() + 8])
            if len(run) < 2 or headed or not any(covered(m) for m in run):
                continue
            for m in run:
                if not covered(m) and len(m.group(1).strip()) <= 12:
                    span = _candidate(doc, text, m.start(1), m.end(1), 0.6, titles)
                    if span is not None:
                        out.append(span)
        return out


def _numeral(name: str) -> int | None:
    """The number a numbered name starts with.

    >>> _numeral("三个一次"), _numeral("12345热线"), _numeral("办电")
    (3, 12345, None)
    """
    digits = re.match(r"\d+", name)
    if digits:
        return int(digits.group())
    return _NUMERALS.get(name[:1])


def _count(listing: str) -> int:
    """How many things a spelt-out list names: 零上门、零审批、零投资 → 3."""
    return len([p for p in re.split(r"[、，,]|和|及", listing) if p.strip("“”‘’ ")])


def _numbered_name(text: str, m: re.Match[str], inner: str) -> bool:
    """Whether a quoted numbered phrase (“四最”, “五个突破”) is the short name of a reform rather
    than a count of things: it is what a verb of doing carries out (推进“五个突破”) or the kind of
    营商环境 being built (打造“六最”营商环境). See `_spelt_out` for the other signs."""
    before = text[max(0, m.start() - 4):m.start()]
    return bool(DOING_BEFORE.search(before) or ENVIRONMENT_AFTER.match(text[m.end():m.end() + 4]))


def _spelt_out(text: str, m: re.Match[str], inner: str, run: list[re.Match[str]]) -> bool:
    """Whether a quoted numbered phrase abbreviates a list of as many things, spelt out before it
    (“甲”“乙”“丙”的“三个一次”), after it (“三零”，即零上门、零审批、零投资) or point by point in the
    text that follows (“三项机制”。一是…二是…三是…). Spelt out, even a counted generic noun
    (三项机制) names something of the text's own."""
    n = _numeral(inner)
    if len(run) > 1 and run[-1] is m and len(run) - 1 == n:
        return True
    spelt = EXPANSION_AFTER.match(text[m.end():m.end() + 70])
    return bool(spelt) and _count(spelt.group(1)) == n or _points_after(text, m.end()) == n


def _points_after(text: str, pos: int) -> int:
    """How many points 一是, 二是 … number, in order, from just after pos on (0 if none starts soon).

    >>> _points_after("”：一是甲。二是乙。三是丙。", 0), _points_after("”。三是丙", 0)
    (3, 0)
    """
    first = POINT_RE.search(text, pos, pos + 40)
    if first is None or first.group(1) != "一":
        return 0
    n, at = 1, first.end()
    for nxt in POINT_RE.finditer(text, at, at + 1500):
        if _NUMERALS.get(nxt.group(1)) == n + 1:
            n += 1
    return n


def _cuts(s: int, e: int, quote: tuple[int, int]) -> bool:
    """Whether text[s:e] takes part of a quoted name and part of what stands outside it.

    >>> _cuts(0, 6, (5, 13)), _cuts(2, 6, (2, 4)), _cuts(5, 8, (5, 13))
    (True, False, False)
    """
    qs, qe = quote
    overlap = s < qe and qs < e
    return overlap and not (s <= qs and qe <= e) and not (qs <= s and e <= qe)


def _stands_for(text: str, qs: int, qe: int, s: int, e: int) -> bool:
    """Whether a variant at s:e stands for the whole quoted name at qs:qe around it: the name adds a
    few characters (a place, 活动) and lists nothing."""
    name = text[qs:qe]
    return (qe - qs) - (e - s) <= 4 and not re.search(r"[、，,；;和与及]", name)


def _ban_word(text: str, e: int) -> bool:
    """Whether a variant ending in 办 at e is the head of the word 办事 (掌上办事事项: not 掌上办);
    办事项 is 办 and 事项 (一网通办事项).

    >>> _ban_word("掌上办事事项", 3), _ban_word("一网通办事项", 4)
    (True, False)
    """
    return text[e - 1:e + 1] == "办事" and text[e + 1:e + 2] != "项"


def _a_window(text: str, s: int, e: int) -> bool:
    """Whether a variant ending in 窗口 at s:e names windows of a hall rather than the reform: the
    window of a quoted service (设立“某某办”综合窗口) or counted ones (安排12个综合窗口).

    >>> _a_window("设立“甲办”综合窗口", 6, 10), _a_window("安排12个综合窗口", 5, 9), _a_window("推行综合窗口改革", 2, 6)
    (True, True, False)
    """
    counted = re.search(r"[\d一二三四五六七八九十两]+个$", text[max(0, s - 4):s]) is not None
    return text.endswith("窗口", s, e) and (text[s - 1:s] == "”" or counted)


def _titles(text: str) -> list[tuple[int, int]]:
    """Where the 《title》s of a text are: nothing inside one is a measure."""
    return [(t.start(), t.end()) for t in re.finditer(r"《[^》]*》", text)]


def _known_parts(candidate: Span, known: list[Span]) -> bool:
    """Whether a candidate lists measures the thesaurus knows, each part one of them: “接诉即办、
    未诉先办”闭环机制 names two measures, not a third."""
    if "、" not in candidate.text:
        return False
    inside = {(k.start_char, k.end_char) for k in known
              if candidate.start_char <= k.start_char and k.end_char <= candidate.end_char}
    start, parts = candidate.start_char, []
    for part in candidate.text.split("、"):
        parts.append((start, start + len(part)))
        start += len(part) + 1
    return all(p in inside for p in parts)


def _candidate(doc: Doc, text: str, s: int, e: int, conf: float, titles: list[tuple[int, int]],
               named: bool = False) -> Span | None:
    """A candidate-measure span over text[s:e], or None inside a 《title》, for a known slogan or
    metaphor, or for a phrase with sentence punctuation. A phrase the text itself shows to be a name
    (`named`) is held only to the listed phrases, not to the shapes of slogans."""
    label = text[s:e]
    unwanted = norm(label) in vocab().not_measures if named else is_not_measure(label)
    if any(a <= s < b for a, b in titles) or unwanted or re.search(r"[,，。;；:：!?！？]", label):
        return None
    return doc.char_span(s, e, label="MEASURE", kb_id=f"?{conf}")
