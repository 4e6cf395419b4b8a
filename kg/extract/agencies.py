"""spaCy component: agency names — a place or level prefix, a body, and an agency suffix
(局, 委员会, 中心, 人民政府, 人大 …) — plus national bodies and state companies by name.

Only the surface is found here; `kg.link` expands abbreviations and resolves level prefixes
(市人大, 省金融局) to the jurisdiction the item is about."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language

from kg.extract.text import text_of
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg import DATA_DIR
from kg.gazetteer import gazetteer
from kg.vocab import vocab


@lru_cache(maxsize=1)
def departments() -> frozenset[str]:
    """Department names that can stand alone in a list (kg/data/departments.txt)."""
    lines = (DATA_DIR / "departments.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))

SUFFIXES = ("人民代表大会常务委员会", "人大常委会", "常务委员会", "委员会", "人民政府", "办公厅", "办公室",
            "人民法院", "人民检察院", "检察院", "法院", "中院", "高院", "管理局", "总局", "分局", "局", "厅", "供电公司",
            "供电局", "供电所", "中心", "常委会", "人大", "政协", "管委会", "街道办事处", "办事处", "政府", "委",
            "宣传部", "组织部", "统战部", "政法委", "编委办", "编办", "委办", "政府办", "营商办", "职转办", "政务服务办", "政务办", "金融办", "网信办",
            "新闻办", "审改办", "数字办", "外事办", "信访办", "台港澳办", "港澳办", "侨办",
            "督查室", "领导小组",
            "联合会", "工商联", "海关", "大队", "支队", "分行", "中心支行", "支行", "分公司")
#: a bank's name right before the place its branch serves (中国建设银行|唐山曹妃甸支行)
_BANK_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,12}银行$")
#: verbs of visiting right before a suffix: the place visited is named by its kind alone (到中心调研)
_VISITS = ("到", "赴", "来到", "走进", "前往", "深入")
#: a branch of a body, named by the place it serves after the body's name (某局某区分局, 某行某市分行)
BRANCHES = ("分局", "分行", "支行", "中心支行", "分公司")
#: a court after a place or a level word alone is one (长安区法院, 区法院, 市中院, 省高院)
COURTS = ("法院", "中院", "高院")
#: names that are a whole agency after a level word (市人大, 区政协, 市工商联)
WHOLE = ("政府", "人大", "政协", "委", "委办", "工商联")
#: units named after the body that holds them (市公安局出入境管理局, 市场监管总局办公厅,
#: 国务院办公厅督查室, 某市人民政府金融工作办公室): a scan to the left passes the holder's
#: suffix, which ends in one of these
_SUB_UNITS = {"局": "局办", "管理局": "局", "分局": "局", "办公厅": "局部署委院", "督查室": "厅", "办公室": "厅府",
              "委": "大协会", "委员会": "大协会"}
#: the bodies whose special committees are named by any short form ending in 委 (市人大财经委,
#: 市政协社法委, 省人大常委会教科文卫委)
_COMMITTEE_HOLDERS = ("人大", "政协", "常委会")
#: a name ending in 委 must end in one of these (市委, 卫健委 …; not 常委, 编委)
WEI_ENDINGS = ("省委", "市委", "县委", "区委", "州委", "盟委", "旗委", "党委", "纪委", "工委", "卫健委", "发改委",
               "教委", "经信委", "工信委", "科委", "农委", "商委", "侨委", "民委", "建委", "交委", "网信委",
               "国资委", "编委办", "卫计委", "改革委", "发展改革委", "工信委", "经信委", "住建委", "交委")
#: characters that make a word with 办 (办理, 办事, 办件 …): an office's short name is not followed by one
_BAN_WORDS = set("理事件结好成法案公学")
#: a scan to the left stops at another agency's suffix, except these that occur inside names
_INNER_OK = ("人大", "政府", "人民政府", "委")
#: an office's short name ending in 办 is not one where 办 starts a word (政务办理; 政务服务办公室, whose
#: suffix is 办公室, which the match must leave to be found)
_SUFFIX_RE = re.compile("|".join(x + f"(?![{''.join(sorted(_BAN_WORDS))}])" if x.endswith("办") else x
                                 for x in sorted(SUFFIXES, key=len, reverse=True)))
#: verbs that never occur inside an agency name (a scan to the left stops after them)
_VERBS = frozenset(("依托", "通过", "借助", "利用", "会同", "联合", "开通", "上线", "建成", "打造", "推动", "推行"))
#: characters that never occur inside an agency name (a scan to the left stops there)
STOP = set("的在了对向将把被让于从是等及也都已并由以为或而且其之这那个每各了着过吗呢吧啊就还又再很更最把给跟同年月日到赴")
LEVEL_CHARS = "省市县区州镇乡旗"
#: the level word of an autonomous region's own bodies, which are provincial (自治区政府)
REGION = "自治区"
#: the level word of a 地区's own bodies (地区发改委 in a 喀什地区 bulletin), prefectural
PREFECTURE_REGION = "地区"
COMPANY_PREFIXES = ("国家电网", "国网", "南方电网", "南网")
#: words that describe a kind of local unit rather than name one (五星级便民服务中心)
_DESCRIBED = re.compile(r"星级|示范|标准化|规范化|智慧|数字化|一流|新型")
#: a unit named by a class of places, not by one (乡镇便民服务中心, 部分乡镇…, 街道便民服务中心 with no
#: street's name before it, 村级便民服务站)
_KIND_OF_PLACES = re.compile(r"[省市县区旗]?(?:部分|各|全部)?(?:乡镇|镇街|街镇|镇村|村级|街道|村\(社区\)|村（社区）)")
#: a 12345 hotline's name after its place or level word (12345政务服务便民热线, 12345热线中心)
_HOTLINE_RE = re.compile(r"12345[\u4e00-\u9fff]{0,8}?热线(?:中心)?")
#: a water, gas or heat utility's name after its place (水务集团有限公司, 港华燃气有限公司, 水务（集团）有限责任公司)
_UTILITY_RE = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:水务|燃气|热力|供水|自来水|天然气)[\u4e00-\u9fff]{0,8}?"
                         r"(?:[(（]集团[)）])?(?:集团有限公司|有限责任公司|股份有限公司|有限公司|集团|公司)")
#: a town's or a street's name opening a unit's name (小寨街道便民服务中心, 沙河镇便民服务中心)
_TOWN_AHEAD = re.compile(r"[\u4e00-\u9fff]{1,4}?(?<!城)(?:街道|镇|乡)(?=便民服务中心|政务服务中心|人民政府|政府|党委|党工委|办事处)")
#: a count of places before a kind of unit: 七县政务服务中心 (the seven counties' centres)
_COUNTED_PLACES = re.compile(r"[一二两三四五六七八九十]+个?[县区市旗乡镇]")
#: the body running a city's development zone, named by the zone's kind alone (高新区管委会)
ZONE_BODY_RE = re.compile(r"(?:高新区|经开区|开发区|综保区|综合保税区|自贸区|保税区|新区)(?:管委会|管理委员会)")
#: a development zone named by its kind, whose bodies (高新区建设局, 经开区政务服务中心) are the
#: city's, as its 管委会 is
ZONE_WORD_RE = re.compile(r"高新技术产业开发区|经济技术开发区|综合保税区|高新区|经开区|开发区|综保区|自贸区|保税区")
#: units named by a town or street rather than an administrative division
LOCAL_UNITS = ("供电所", "街道办事处", "办事处", "便民服务中心", "司法所", "税务所", "派出所")
CLASSIFIERS = "个家座所支批类"
#: words an agency never ends with although they end with a suffix character
_BAD_ENDINGS = ("格局", "布局", "大局", "开局", "全局", "当局", "结局", "僵局", "时局", "新局", "变局",
                "为中心", "重心", "核心", "中心城", "信心", "用心", "爱心", "放心", "安心", "连心", "同心",
                "省委省政府", "党中央", "大厅", "营业厅", "展厅", "餐厅", "客厅", "服务厅", "专厅")
_NOT_FOLLOWED = ("网", "官网", "门户", "工作报告", "长", "面", "势", "限", "城区", "委员", "常委", "书记")
#: words that end the text before an agency name (根据市人大… → 市人大)
_CUT = re.compile(r"(?:根据|按照|依据|依照|参照|比照|通过|经过|围绕|关于|对于|面向|针对|联合|会同|配合|协调|组织|召开|举行|举办|"
                  r"参加|出席|来到|前往|走进|走访|调研|指导|督导|督查|检查|邀请|委托|授权|要求|获悉|了解|表示|认为|"
                  r"介绍|发布|印发|出台|制定|成立|设立|组建|牵头|推动|推进|开展|实施|完成|包括|其中|以及|记者|"
                  r"日前|近日|今年|目前|同时|此外|期间|以来|贯彻|落实|认真|全面|研究|办理|代表|率领|召集|建议|"
                  r"增加|撰写|进驻|入驻|现有|未能|首家|首个|统一到|提交|报送|报请|会议|审议|批准|带队|率队|带领|深入|陪同|下沉至?|下放至?|延伸至?|"
                  r"(?:据|获|因|经|向|由|对|把|让|给|请|到|赴)(?=[省市县区]|国家))")
#: a level character inside a body starts the name (窗口单位市公安局 → 市公安局) unless it is part
#: of a word (城市管理局, 市场监管局)
_LEVEL_WORDS_AFTER = ("市场", "市监", "市民", "区域", "省级", "市级", "县级", "区级", "县域", "省内", "市内", "省外", "市外",
                      "市政公用", "市政建设", "市政设施", "市政工程", "县乡", "区县", "市县", "省市")
_LEVEL_WORDS_BEFORE = ("城", "都", "社", "园", "街", "辖", "景", "新", "特", "全", "本", "该", "我", "设", "湾", "片", "城乡")
#: a body named for a city's residents belongs to the city (市民服务中心, 市民中心)
_CITIZEN = "市民"
#: party committees and governments are written as pairs (省委省政府, 区委区政府): two agencies
_PARTY_PAIR = re.compile(r"[省市县区州]委$")
#: characters that may stand right before a two-character short name (国办, 中办, 央行): in text cut
#: into characters such a name is otherwise the seam of two words (集中办理, 工作中办事, 全国办税)
_SHORT_NAME_AFTER = set("被是的由经据与和及同将向对把从在为受获令请等、，,。；;：:“”\"（(）)《》 \n")
#: a customs office is a national body named by its port (中山海关, 中山港海关)
CUSTOMS = "海关"
#: the longest body: 航空港区市场监督管理和营商环境 (a development zone's merged bureau)
MAX_BODY = 18
MAX_PLACED_BODY = 16


@Language.factory("pmkg_agencies", assigns=["doc.spans"], requires=["doc.spans"], default_config={})
def make_agencies(nlp: Language, name: str) -> "AgencyFinder":
    return AgencyFinder(nlp)


class AgencyFinder:
    """Set doc.spans["agency"]; each span's kb_id is "<place codes>;<level char>;<body+suffix>"."""

    def __init__(self, nlp: Language) -> None:
        self.national = PhraseMatcher(nlp.vocab)
        forms = sorted(vocab().national)
        self.national.add("NATIONAL", list(nlp.tokenizer.pipe(forms)))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        place_end = {s.end_char: s for s in doc.spans["place"]}
        found: list[Span] = []
        for _, s, e in self.national(doc):
            span = doc[s:e]
            if not _inside_word(text, span.start_char, span.text):
                found.append(Span(doc, s, e, label="NATIONAL", kb_id=";;" + span.text))
        national = list(found)
        for m in _SUFFIX_RE.finditer(text):
            span = self._candidate(doc, text, m.start(), m.end(), place_end)
            if span is not None and ("@" in span.kb_id_  # a branch named after its body: 某行某市分行
                                     or not any(span.start_char < n.start_char < span.end_char for n in national)):
                found.append(span)
        found.extend(self._hotlines(doc, text, place_end))
        found.extend(self._utilities(doc, text))
        # 国家税务总局某市某区税务局 is the local bureau's full name, not the national body beside it
        placed = {a.start_char for a in found if a.label_ == "AGENCY" and a.kb_id_.split(";")[0]}
        found = [a for a in found if not (a.label_ == "NATIONAL" and a.end_char in placed)]
        doc.spans["agency"] = filter_spans(found)
        return doc

    @staticmethod
    def _hotlines(doc: Doc, text: str, place_end: dict[int, Span]) -> list[Span]:
        """A place's 12345 hotline, the service that takes and forwards citizens' and firms' calls
        (顺德区12345政务服务便民热线, 市12345热线): a body, when named with its place or level word.
        Bare, 12345热线 is a channel (依托12345热线), named for no one."""
        out = []
        for m in _HOTLINE_RE.finditer(text):
            j, codes = m.start(), []
            while j in place_end:  # 佛山市顺德区12345…
                codes.insert(0, place_end[j].kb_id_)
                j = place_end[j].start_char
            level = "" if codes or m.start() == 0 or text[m.start() - 1] not in LEVEL_CHARS else text[m.start() - 1]
            if not codes and not level:
                continue
            span = doc.char_span(j if codes else m.start() - 1, m.end(), label="AGENCY",
                                 kb_id=f"{'+'.join(codes)};{level};{m.group()}")
            if span is not None:
                out.append(span)
        return out

    @staticmethod
    def _utilities(doc: Doc, text: str) -> list[Span]:
        """A place's water, gas or heat utility, a public body though named as a firm (南京水务集团有限公司,
        宁波兴光燃气集团有限公司, 西安市热力集团有限责任公司): named right after its place."""
        out = []
        for p in doc.spans["place"]:
            m = _UTILITY_RE.match(text, p.end_char)
            if m is None or "|" in p.kb_id_:
                continue
            span = doc.char_span(p.start_char, m.end(), label="AGENCY", kb_id=f"{p.kb_id_};;{m.group()}")
            if span is not None:
                out.append(span)
        return out

    def _candidate(self, doc: Doc, text: str, s_start: int, s_end: int,
                   place_end: dict[int, Span]) -> Span | None:
        suffix = text[s_start:s_end]
        if text.startswith(_NOT_FOLLOWED, s_end) and suffix not in ("人大", "政协"):
            return None
        if suffix == "委" and text.startswith("员", s_end):
            return None  # 市政协委员: a member, not a committee
        if suffix == "委" and text.startswith(("书记", "副书记", "常委"), s_end):
            return None  # 兰考县委副书记: a post's title; the committee itself is not named
        if suffix == "厅" and text.endswith("分", 0, s_start):
            return None  # “某事通”沈阳分厅: an app's branch for a city, not a department
        j, codes = s_start, []
        while j > 0 and s_start - j < MAX_BODY:  # body: CJK characters up to a stop or a place
            if j in place_end:
                break
            ch = text[j - 1]
            if not ("\u4e00" <= ch <= "\u9fff") or ch in STOP:
                break
            if ch in "和与" and (text[j:j + 1] in LEVEL_CHARS + "一二两三四五六七八九十"
                               or _TOWN_AHEAD.match(text, j)  # 综合窗口和某某街道便民服务中心
                               or any(p.start_char == j for p in place_end.values())
                               or j == s_start or j == 1 or text[j - 2] in STOP or _ends_with_suffix(text, j - 1)
                               or text.endswith(WEI_ENDINGS, 0, j - 1)):  # 区发展改革委与某银行某分行
                break  # 甲局和乙局, 区服务中心和某街道便民服务中心; not 政务服务与数据管理局
            if text[j - 2:j] in _VERBS:
                break  # 某区税务局依托电子税务局: what a body does, not a unit of it
            if j < s_start and _ends_with_suffix(text, j) and text[j - 1] not in _SUB_UNITS.get(suffix, ""):
                break
            if j < s_start and text[j] in LEVEL_CHARS and _PARTY_PAIR.search(text, 0, j):
                break  # 省委省政府: the government starts after the party committee
            j -= 1
        body_start = j
        while j in place_end:  # a chain of places: 内蒙古包头市, 广州市越秀区
            p = place_end[j]
            codes.insert(0, p.kb_id_)
            j = p.start_char
        if suffix in BRANCHES and (served := self._served(doc, text, body_start, s_start, s_end, place_end)):
            return served
        if codes and suffix in BRANCHES and s_start - body_start <= 4:  # (某市某区支行: a district not in the gazetteer)
            branch = self._branch(doc, text, j, s_end, codes, text[body_start:s_end], place_end)
            if branch is not None or body_start == s_start:
                return branch
        span = self._make(doc, text, j, body_start, s_start, s_end, codes, suffix)
        if span is None:
            return None
        # 国网长乐区供电公司; 九三学社德阳市委 is the democratic party's committee, not the CPC's
        owners = COMPANY_PREFIXES if codes else ()
        owner = next((c for c in (*owners, *_parties()) if text.endswith(c, 0, span.start_char)), "")
        if owner:
            span = doc.char_span(span.start_char - len(owner), s_end, label="AGENCY", kb_id=owner + "@" + span.kb_id_)
        return span

    def _served(self, doc: Doc, text: str, body_start: int, s_start: int, s_end: int,
                place_end: dict[int, Span]) -> Span | None:
        """A branch named by a district of its holder's city, written without its level word:
        沈阳市自然资源局浑南分局, 国网沈阳供电公司浑南供电分公司 (浑南 alone names no place, but within
        沈阳 it is 浑南区). The holder is the body whose name ends where the district's starts."""
        m = _SUFFIX_RE.search(text, max(0, body_start - 8), s_start)
        holder = None
        while m is not None and m.end() <= s_start - 2:
            if m.end() >= body_start:
                holder = m
            m = _SUFFIX_RE.search(text, m.start() + 1, s_start)
        if holder is None:
            return None
        held = self._candidate(doc, text, holder.start(), holder.end(), place_end)
        codes = (held.kb_id_.rpartition("@")[2].split(";")[0] if held is not None and held.label_ == "AGENCY"
                 else "")
        if not codes:
            return None
        stem = text[holder.end():s_start]
        named = gazetteer().child_named(codes.split("+")[-1].split("|")[0], stem)
        if named is None or len(stem) - len(named[1]) > 2:
            return None  # (浑南供电分公司: a word of the holder's trade may follow the district)
        return self._branch(doc, text, holder.end(), s_end, [named[0].code], text[holder.end():s_end], place_end)

    def _branch(self, doc: Doc, text: str, start: int, s_end: int, codes: list[str], name: str,
                place_end: dict[int, Span]) -> Span | None:
        """A body's branch named by the place it serves, the body written before the place:
        中国人民银行晋中市分行, 湖州市自然资源和规划局德清分局; `start` is where the place starts, `name`
        what follows it (分行, 曹妃甸支行). The body's name is the owner of the branch's key (as 国网 is
        of 国网长乐区供电公司)."""
        holder = next((f for f in (*_national_forms(), *_state_companies()) if text.endswith(f, 0, start)), None)
        if holder is None and name.endswith("行") and (bank := _BANK_BEFORE.search(text, max(0, start - 14), start)):
            name = bank.group()  # 中国建设银行唐山曹妃甸支行; 某局与甘肃银行武威分行: from after 与
            holder = name[max(name.rfind(c) for c in STOP | set("与和、")) + 1:]
        if holder is None:
            m = _SUFFIX_RE.search(text, max(0, start - 8), start)
            while m is not None and m.end() != start:
                m = _SUFFIX_RE.search(text, m.start() + 1, start)
            held = self._candidate(doc, text, m.start(), m.end(), place_end) if m is not None else None
            if held is None or held.label_ != "AGENCY":
                return None
            holder = held.text
        return doc.char_span(start - len(holder), s_end, label="AGENCY",
                             kb_id=f"{holder}@{'+'.join(codes)};;{name}")

    def _make(self, doc: Doc, text: str, start: int, body_start: int, s_start: int, s_end: int,
              codes: list[str], suffix: str) -> Span | None:
        body = text[body_start:s_start]
        if _COUNTED_PLACES.match(body):
            return None  # 合作市和七县政务服务中心: the units of several places, none named
        if body.endswith(_VISITS):
            return None  # 副区长某某到中心调研: a visit to a centre named by its kind alone
        if body.endswith(("召开", "举行")):
            return None  # 区委召开常委会: a meeting, not a body
        # a verb right before the suffix is part of the name (省情调查研究中心)
        cut = [c for c in _CUT.finditer(body) if c.end() < len(body)]
        if cut:
            body, codes = body[cut[-1].end():], []
        if suffix == CUSTOMS:
            return _customs(doc, text, start if codes else s_start - len(_strip_lead(body)), s_end)
        town = _town(body + suffix) if not codes else None
        if town:  # 沙河镇便民服务中心: a town's unit, named with the town
            start, body, level = s_end - len(town), town[:-len(suffix)], ""
        elif not codes and (zone := ZONE_WORD_RE.search(body)) and zone.end() < len(body):
            start = s_start - len(body) + zone.start()  # 高新区建设局: a zone's bureau, the city's
            body, level = body[zone.start():], "市"
        elif not codes:
            start = s_start - len(_name_from(body))
            body, level = _level_of(body)
        else:
            level = ""
            body = _TERM.sub("", body)
        name = body + suffix
        if not _acceptable(text, start, s_end, body, suffix, codes, level):
            return None
        if _KIND_OF_PLACES.match(body):
            return None  # 全县乡镇便民服务中心: the centres of a county's townships, a kind of unit
        if not codes and not level:
            if name in departments():
                level = "="  # 市发改委、住建局: takes the jurisdiction of the list it stands in
            elif ZONE_BODY_RE.fullmatch(name):
                level = "市"  # 高新区管委会: the city's zone, as a level word names the city's body
            elif not (name.endswith(LOCAL_UNITS) or _town(name)) or any(name == u for u in LOCAL_UNITS):
                return None  # 漳港供电所 names a unit; a bare 街道办事处 does not
        if level and suffix in (*COURTS, "检察院") and start > 0 and text[start - 1] in "全各两":
            return None  # 全市法院: the courts of a city, not one court
        if not codes and not level and start > 0 and text[start - 1] in CLASSIFIERS:
            return None  # 首个零碳数字化供电所: a description, not a name
        if not codes and not level and _DESCRIBED.search(body):
            return None  # 五星级便民服务中心, 标准化司法所: a kind of unit, not one named
        if suffix == "中心" and not codes and not level and not re.search(r"服务|交易|政务|便民|管理|数据", body):
            return None
        return doc.char_span(start, s_end, label="AGENCY", kb_id=f"{'+'.join(codes)};{level};{name}")


#: a town or township before the name of one of its units or its government (沙河镇便民服务中心, 某镇政府)
#: (not 各乡镇便民服务中心, a kind of unit; nor 街道, which is as often a common noun: 下沉至街道)
_TOWN_UNIT = re.compile(r"(?<![各全本该每])[\u4e00-\u9fff]{1,4}(?:[\u4e00-\u9fff]{1,3}族)?(?<!乡)(?:镇|乡)(?:%s)$"
                        % "|".join((*LOCAL_UNITS, "人民政府", "政府")))


def _town(name: str) -> str | None:
    """A local unit's name with the town it is named by, when the town has no code of its own.

    >>> _town("沙河镇便民服务中心"), _town("城关镇司法所"), _town("各乡镇便民服务中心")
    ('沙河镇便民服务中心', '城关镇司法所', None)
    >>> _town("伊车嘎善锡伯族乡便民服务中心")  # an ethnic township
    '伊车嘎善锡伯族乡便民服务中心'
    """
    m = _TOWN_UNIT.search(_strip_lead(name))
    return m.group() if m else None


def _name_from(body: str) -> str:
    """The part of a body without a place that belongs to the name: from a national body's name
    or a level word, without the words that lead into it.

    >>> _name_from("记者日前市公共资源交易服务"), _name_from("经验做法国务院办公厅督查")
    ('市公共资源交易服务', '国务院办公厅督查')
    """
    national = _national_at(body)
    return body[national:] if national is not None else _from_level(_strip_lead(body))


def _level_of(body: str) -> tuple[str, str]:
    """A body without a place: the name's body and its level (国 for a national body, a level
    character, or '').

    >>> _level_of("记者日前市公共资源交易服务"), _level_of("据市场监管总局办公")
    (('公共资源交易服务', '市'), ('市场监管总局办公', '国'))
    >>> _level_of("省市场监管"), _level_of("经验做法国务院办公厅督查"), _level_of("市民服务")
    (('市场监管', '省'), ('国务院办公厅督查', '国'), ('市民服务', '市'))
    >>> _level_of("市十五届人大常委"), _level_of("落实自治区发展改革")
    (('人大常委', '市'), ('发展改革', '省'))
    """
    body = _name_from(body)
    if _national_at(body) == 0:
        return body, "国"
    term = _TERM.sub("", body)  # after the start is fixed: 市十五届人大 is named from 市
    if term.startswith(REGION):
        return term[len(REGION):], "省"  # 自治区党委, 自治区发展改革委: the region's own bodies
    if term.startswith(PREFECTURE_REGION) and len(term) > len(PREFECTURE_REGION):
        return term[len(PREFECTURE_REGION):], PREFECTURE_REGION  # 地区发改委: a 地区's (喀什地区) own body
    if term.startswith(_CITIZEN):
        return term, "市"
    if term and term[0] in LEVEL_CHARS and not _level_word(term):
        return term[1:], term[0]
    if term.startswith("国家") and len(term) > 2:
        return term, "国"  # a national body not in the list: 国家能源局
    return term, ""


def _acceptable(text: str, start: int, s_end: int, body: str, suffix: str, codes: list[str],
                level: str) -> bool:
    """Whether a candidate's body and suffix make a name (not a firm, a reform, a description)."""
    name = body + suffix
    if re.search(r"公司|有限|股份|集团", body) or (codes and len(body) > MAX_PLACED_BODY):
        return False
    if suffix in ("政府", "人民政府") and (body or not (codes or level)) and not (body and _town(name)):
        return False  # 数字政府 is a reform; X级人民政府 is not a name (a town's, 某镇政府, is)
    if name.endswith(_BAD_ENDINGS) or text[start:s_end].endswith(_BAD_ENDINGS):
        return False
    if not body and len(suffix) < 3 and suffix not in WHOLE and suffix not in COURTS:
        return False
    committee = any(h in body for h in _COMMITTEE_HOLDERS)
    return not (suffix == "委" and body and not name.endswith(WEI_ENDINGS) and not committee)


#: a word that may stand right before a customs office's port name, and is not part of it
_BEFORE_PORT = set("据经由向对在从与和及把被给让请到赴")


def _customs(doc: Doc, text: str, start: int, s_end: int) -> Span | None:
    """A customs office named by its port (中山海关): a national body, as written."""
    if text[start] in _BEFORE_PORT and s_end - start > 4:
        start += 1  # 据河口海关关长某某介绍: the port is 河口
    name = text[start:s_end]
    if not 4 <= len(name) <= 6:  # 中山海关 … 乌鲁木齐海关
        return None
    return doc.char_span(start, s_end, label="AGENCY", kb_id=f";国;{name}")


def _national_at(body: str) -> int | None:
    """Where the first national body's name starts inside a body, if one is there.

    >>> _national_at("做法国务院办公厅督查"), _national_at("全国办税服务")
    (2, None)
    """
    found = [k for form in _national_forms() if (k := body.find(form)) >= 0]
    return min(found) if found else None


@lru_cache(maxsize=1)
def _parties() -> tuple[str, ...]:
    """Names of the democratic parties, whose local committees are written 九三学社德阳市委."""
    return tuple(sorted((f for f, (_, kind) in vocab().national.items() if kind == "democratic-party"),
                        key=len, reverse=True))


@lru_cache(maxsize=1)
def _state_companies() -> tuple[str, ...]:
    """Names of state companies, whose local branches are named by place (中国电信某市分公司)."""
    return tuple(sorted((f for f, (_, kind) in vocab().national.items() if kind == "state-company" and len(f) >= 2),
                        key=len, reverse=True))


@lru_cache(maxsize=1)
def _national_forms() -> tuple[str, ...]:
    """Names of national government bodies long enough not to occur inside other words."""
    return tuple(f for f, (_, kind) in vocab().national.items()
                 if len(f) >= 3 and kind not in ("state-company", "democratic-party"))


def _inside_word(text: str, start: int, form: str) -> bool:
    """Whether a two-character national name (国办, 中办) is the seam of two words (全国办税,
    集中办理): it counts only after a boundary, a function word or another name, or before
    punctuation.

    >>> _inside_word("全国办税", 1, "国办"), _inside_word("被国办评为", 1, "国办"), _inside_word("集中办理", 1, "中办")
    (True, False, True)
    >>> _inside_word("中办国办联合印发", 2, "国办"), _inside_word("据了解国办。", 3, "国办")
    (False, False)
    """
    if len(form) != 2 or start == 0:
        return False
    before, after = text[start - 1], text[start + 2:start + 3]
    if before in _SHORT_NAME_AFTER or not "\u4e00" <= before <= "\u9fff" or (after and not "\u4e00" <= after <= "\u9fff"):
        return False
    return not any(text.endswith(f, 0, start) for f in vocab().national)


def _level_word(body: str) -> bool:
    """Whether a body starts with a word whose first character is not a level word (市场,
    市民, 省市); 省市场 is 省 + 市场.

    >>> _level_word("市场监管"), _level_word("省市场监管"), _level_word("省市联动")
    (True, False, True)
    """
    if not body.startswith(_LEVEL_WORDS_AFTER):
        return False
    return not (body[1:2] in LEVEL_CHARS and body[1:].startswith(_LEVEL_WORDS_AFTER))


#: (照, 标, 接 are what is left of 对照, 对标, 对接 when the scan stops at 对)
_LEAD = re.compile(r"^(?:我|全|本|该|照|标|接)(?=[省市县区])|^(?:联合|会同|牵头|组织|依托|通过|推动|指导|督促|协调|要求|"
                   r"获悉|来自|邀请|作为|配合|积极|主动|各级|发布|印发|成立|设立|组建|开展|包括|其中|以及|记者|"
                   r"日前|近日|今年|目前|原|新)+")
_TERM = re.compile(r"第?[一二三四五六七八九十百\d]+届")


def _from_level(body: str) -> str:
    """Start a body at its first level character that is not inside a word.

    >>> _from_level("窗口单位市公安"), _from_level("城市管理"), _from_level("部门认真省")
    ('市公安', '城市管理', '省')
    >>> _from_level("落实自治区发展改革"), _from_level("区市监")
    ('自治区发展改革', '区市监')
    """
    for i, ch in enumerate(body):
        if body.startswith(REGION, i) or (body.startswith(PREFECTURE_REGION, i) and body[i - 1:i] not in STOP):
            return body[i:]
        if ch in LEVEL_CHARS and i > 0 and not body.startswith(_LEVEL_WORDS_AFTER, i) \
                and not body[:i].endswith(_LEVEL_WORDS_BEFORE):
            return body[i:]
    return body


def _ends_with_suffix(text: str, j: int) -> bool:
    """Whether an agency suffix (other than those found inside names) ends at offset j."""
    m = _SUFFIX_RE.search(text, max(0, j - 12), j)
    while m is not None:
        if m.end() == j and m.group(0) not in _INNER_OK:
            return True
        m = _SUFFIX_RE.search(text, m.start() + 1, j)
    return False


def _strip_lead(body: str) -> str:
    """Drop words that precede agency names (联合, 记者, 我 of 我市 …) from the body's start.

    >>> _strip_lead("记者日前市公共资源交易服务"), _strip_lead("我市第十一届人大")
    ('市公共资源交易服务', '市第十一届人大')
    """
    while True:
        m = _LEAD.match(body)
        if not m or not m.group(0):
            return body
        body = body[m.end():]
