"""spaCy component: places named by GB/T 2260 name, short form or nickname, and context words
(我市, 全省, 本区 …) that point at the document's own jurisdiction."""
from __future__ import annotations

import re

from spacy.language import Language

from kg.extract.text import text_of
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg import DATA_DIR
from kg.gazetteer import gazetteer

CONTEXT_RE = re.compile(r"(?:我|全|本|该)(省|市|区|县|州)(?![长委政级场区县])|(?:我|全|本|该)?(?<![、各])(自治区)(?![长委政、])")
#: a place name followed by these is part of a street, school or company name
_NOT_AFTER = ("路", "大道", "大街", "大学", "银行", "晚报", "日报")
#: a short name (no 市/县/区) followed by these names a town, a village or a street of that name
#: (沙河镇, 城关乡 are not 沙河市, 城关区), unless another place's name starts there (南阳镇平县)
_TOWN_AFTER = ("镇", "乡", "街道", "村", "社区")
_LEVEL_ENDS = tuple("省市区县州旗盟")
#: nor is a place name preceded by these (e.g. 新华区 in 石家庄新华区 is handled by the chain)
_LEVEL_OF = {"省": "province", "市": "prefecture", "州": "prefecture", "区": "county", "县": "county",
             "自治区": "province"}  # 获批自治区试点: the region (not 各省、自治区、直辖市, a kind)
#: characters after which a one-character place stem may start (在道县, 和县、含山县); after any other
#: character the stem usually ends a word: 最佳县, 报道县, 市和县(市)区
_BOUNDARY = set("在于到赴至从对由向与和及、是为将把的了有")


@Language.factory("pmkg_places", assigns=["doc.spans"], default_config={})
def make_places(nlp: Language, name: str) -> "PlaceFinder":
    return PlaceFinder(nlp)


class PlaceFinder:
    """Set doc.spans["place"] (kb_id: codes joined by |) and doc.spans["context"] (label: level)."""

    def __init__(self, nlp: Language) -> None:
        g = gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab)
        self.codes: dict[str, str] = {}
        for form, codes in g.forms.items():
            self.codes[form] = "|".join(sorted(codes))
        patterns = list(nlp.tokenizer.pipe(sorted(self.codes)))
        self.matcher.add("PLACE", patterns)
        self.idioms = re.compile("|".join(map(re.escape, _idioms())))

    @staticmethod
    def _generic_children(doc: Doc, text: str, spans: list[Span], starts: set[int]) -> list[Span]:
        """A district right after its city's name, where its own name gives no place or the wrong
        one: a name many cities share and no form of its own (阳泉市城区 is 140302), a district
        without its level word (上海浦东 is 浦东新区), or that stem read as another place (北京朝阳
        is Beijing's 朝阳区, not 朝阳市 of 辽宁)."""
        g, out = gazetteer(), []
        at = {s.start_char: s for s in spans}
        for span in list(spans):
            code = span.kb_id_
            if "|" in code or span not in spans:
                continue
            named = g.child_named(code, text[span.end_char:span.end_char + 8])
            if named is None:
                continue
            child, form = named
            there = at.get(span.end_char)
            if there is None and span.end_char not in starts:
                end = span.end_char + len(form)  # 阳泉市城区; 上海浦东: the name, or it without the level word
            elif there is not None and child.code not in there.kb_id_.split("|") \
                    and not any(g.contains(code, c) for c in there.kb_id_.split("|")):
                end = there.end_char  # 北京朝阳: Beijing's 朝阳区, not 朝阳市 of Liaoning
                spans.remove(there)
            else:
                continue
            extra = doc.char_span(span.end_char, end, label="PLACE", kb_id=child.code)
            if extra is not None:
                out.append(extra)
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        spans = []
        idioms = [(m.start(), m.end()) for m in self.idioms.finditer(text)]
        matches = self.matcher(doc)
        starts = {doc[s].idx for _, s, _ in matches}
        for _, s, e in matches:
            span = doc[s:e]
            if text.startswith(_TOWN_AFTER, span.end_char) and not span.text.endswith(_LEVEL_ENDS) \
                    and span.end_char not in starts:
                continue
            if text.startswith(_NOT_AFTER, span.end_char) or _glued(text, span, spans) \
                    or any(a <= span.start_char and span.end_char <= b for a, b in idioms):
                continue
            spans.append(Span(doc, s, e, label="PLACE", kb_id=self.codes[span.text]))
        spans += self._generic_children(doc, text, spans, starts)
        doc.spans["place"] = filter_spans(spans)
        ctx = []
        for m in CONTEXT_RE.finditer(text):
            if any(p.start_char < m.end() and m.start() < p.end_char for p in doc.spans["place"]):
                continue  # 广西壮族自治区 names the place itself
            span = doc.char_span(m.start(), m.end(), label=_LEVEL_OF[m.group(1) or m.group(2)])
            if span is not None:
                ctx.append(span)
        doc.spans["context"] = ctx
        return doc


def _idioms() -> list[str]:
    """Set phrases that contain a place name without naming it (kg/data/place_idioms.txt)."""
    lines = (DATA_DIR / "place_idioms.txt").read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def _glued(text: str, span: Span, before: list[Span]) -> bool:
    """Whether a two-character name (道县, 佳县, 和县) is the tail of a longer word, not a place.

    Its stem is a single character, so it counts only at the start of the text, after a place
    (永州市道县), or after a character that ends a word (在, 和, punctuation)."""
    s = span.start_char
    if len(span.text) != 2 or span.text[-1] not in "县区市旗" or s == 0 or any(p.end_char == s for p in before):
        return False
    prev = text[s - 1]
    return "\u4e00" <= prev <= "\u9fff" and prev not in _BOUNDARY
