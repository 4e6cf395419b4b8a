"""spaCy component: reform measures — every variant in the SKOS thesaurus (`ontology/measures.ttl`),
matched on a view of the text without quote marks and spaces, and new candidate measures
discovered from measure-shaped phrases, each with a confidence. Metaphors and slogans listed in
`kg/data/not_measures.txt` are never measures."""
from __future__ import annotations

import re

import ahocorasick

from spacy.language import Language

from kg.extract.text import text_of
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.vocab import is_not_measure, vocab

_SKIP = "“”‘’\"' \u3000「」『』"
_PART_OF_NAME = ("平台", "系统", "中心", "大厅", "专区")
_CJK = r"\u4e00-\u9fff"
#: quoted phrase followed by a head noun that makes it a measure: “五办”模式, “放管服”改革
HEADS = ("改革", "模式", "机制", "举措", "制度", "工作法", "品牌", "专项行动", "行动", "工程", "活动", "平台",
         "系统", "并驱", "套餐", "清单", "集成服务", "联办", "监管", "审批", "应用场景")
#: a head noun may carry a modifier: “无感智办”服务模式, “某企通”服务平台, “某某”工作机制
HEAD_RE = re.compile(rf"^(?:服务|工作|管理|治理|办理|审批|综合|协同)?(?:{'|'.join(HEADS)})")
QUOTED_RE = re.compile(r"[“\"]([^“”\"]{2,20})[”\"]")
#: what may stand between two quoted phrases of one list: “最多问一次”“最多跑一次”、“最多提交一次”
LIST_GAP_RE = re.compile(r"[、,，和及与]?")
#: shapes that make a phrase a measure by itself
SHAPE_RE = re.compile(
    rf"^(?:[{_CJK}A-Za-z0-9+]{{2,14}}(?:制|机制|工作法|改革|模式|一件事|通办|即办|即享|联办|清单制|工程|专项行动)"
    rf"|一[{_CJK}]一[{_CJK}](?:、?一[{_CJK}]{{1,2}})*"
    rf"|[{_CJK}A-Za-z0-9]{{1,8}}\+[{_CJK}A-Za-z0-9+]{{1,10}}"
    rf"|[{_CJK}]{{2,12}}(?:零[{_CJK}]{{1,3}}、?){{2,}})$"
)
#: unquoted: a verb of doing, then a phrase ending like a measure
VERB_RE = re.compile(
    rf"(?:开展|实行|推行|实施|建立|创新实施|创新|探索|推进|落实|深化|推广|构建|打造|试行|启动|健全|完善)"
    rf"(?P<m>[{_CJK}]{{2,10}}?(?:积分制|负责制|承诺制|责任制|代办制|专员制|首问制|销号制|工作法|服务机制|"
    rf"推进机制|联动机制|协调机制|长效机制))"
)
PLATFORM_RE = re.compile(rf"(?<![{_CJK}])(?P<m>[{_CJK}]{{2,16}}?(?:平台|系统|专区))(?:正式)?(?:上线|启用|开通|投入运行)")
ONE_ONE_RE = re.compile(rf"一[{_CJK}]、?一[{_CJK}](?:、?一[{_CJK}]{{1,2}}){{0,3}}")
ENUM_AFTER = re.compile(r"^[“”]?[^,，。]{0,6}[(（]([^()（）]{4,40}、[^()（）]{2,40})[)）]")
#: a number and one or two characters: a measure only with a head noun or a list behind it (“四办”举措（主动办、…）)
NUMBERED_RE = re.compile(rf"^[一二两三四五六七八九十\d]+[{_CJK}]{{1,2}}$")


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
        found += self._candidates(doc, text, titles)
        found += self._list_mates(doc, text, found, titles)
        doc.spans["measure"] = filter_spans(sorted(found, key=lambda s: (s.kb_id_.startswith("?"), s.start)))
        return doc

    def _thesaurus(self, doc: Doc, text: str) -> list[Span]:
        """Longest thesaurus variants (Aho-Corasick) on the text with quote marks and spaces skipped."""
        keep = [i for i, ch in enumerate(text) if ch not in _SKIP]
        view = "".join(text[i] for i in keep).lower()
        best: dict[int, tuple[int, str]] = {}  # start → (length, iri), longest wins
        for end, (n, iri) in self.automaton.iter(view):
            start = end - n + 1
            if n > best.get(start, (0, ""))[0]:
                best[start] = (n, iri)
        out, taken_to = [], 0
        for start in sorted(best):
            n, iri = best[start]
            if start < taken_to:
                continue
            if view.startswith(_PART_OF_NAME, start + n) and self.kinds[iri] != "platform":
                continue  # 部门协同监管平台: the name of a platform, not the measure
            span = doc.char_span(keep[start], keep[start + n - 1] + 1, label="MEASURE", kb_id=iri,
                                 alignment_mode="expand")
            if span is not None:
                out.append(span)
                taken_to = start + n
        return out

    def _candidates(self, doc: Doc, text: str, titles: list[tuple[int, int]]) -> list[Span]:
        out: list[Span] = []

        def add(s: int, e: int, conf: float) -> None:
            span = _candidate(doc, text, s, e, conf, titles)
            if span is not None:
                out.append(span)

        prev_end = -1
        for m in QUOTED_RE.finditer(text):
            inner = m.group(1).strip()
            after = text[m.end():m.end() + 8]
            enum = ENUM_AFTER.match(text[m.end():m.end() + 50])
            # a head after a list of quoted names (“甲”“乙”服务机制) qualifies the whole list
            listed = prev_end >= 0 and LIST_GAP_RE.fullmatch(text[prev_end:m.start()]) is not None
            headed = bool(HEAD_RE.match(after)) and not listed
            prev_end = m.end()
            if NUMBERED_RE.match(inner):
                if headed or enum:
                    add(m.start(1), m.end(1), 0.7)
            elif SHAPE_RE.match(inner) or headed:
                head = next((h for h in HEADS if after.startswith(h)), "")
                if not re.search(rf"[{_CJK}]", inner) and head:  # “4+2+5+7+6”工作法
                    add(m.start(1), m.end() + len(head), 0.7)
                else:
                    add(m.start(1), m.end(1), 0.7)
        for m in VERB_RE.finditer(text):
            add(m.start("m"), m.end("m"), 0.6)
        for m in PLATFORM_RE.finditer(text):
            s = m.start("m")
            head = doc.char_span(s, m.end("m"))
            places = [p for p in doc.spans["place"] if p.start_char < m.end("m") - 2 and p.end_char > s]
            if places:  # 驻马店市企业服务总入口平台: the place is not part of the measure
                s = places[-1].end_char
            if head is not None and m.end("m") - s >= 4:
                add(s, m.end("m"), 0.6)
        for m in ONE_ONE_RE.finditer(text):
            add(m.start(), m.end(), 0.6)
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


def _titles(text: str) -> list[tuple[int, int]]:
    """Where the 《title》s of a text are: nothing inside one is a measure."""
    return [(t.start(), t.end()) for t in re.finditer(r"《[^》]*》", text)]


def _candidate(doc: Doc, text: str, s: int, e: int, conf: float, titles: list[tuple[int, int]]) -> Span | None:
    """A candidate-measure span over text[s:e], or None inside a 《title》, for a known slogan or
    metaphor, or for a phrase with sentence punctuation."""
    label = text[s:e]
    if any(a <= s < b for a, b in titles) or is_not_measure(label) or re.search(r"[,，。;；:：!?！？]", label):
        return None
    return doc.char_span(s, e, label="MEASURE", kb_id=f"?{conf}")
