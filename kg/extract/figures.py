"""spaCy component: figures — changes such as 问题发现比率由20%提高到46%, and counts with units."""
from __future__ import annotations

import re

from spacy.language import Language

from kg.extract.text import text_of
from spacy.tokens import Doc

UNITS = r"(?:%|个百分点|个工作日|万元|亿元|元|万宗|宗|万件|件|万户|户|家|项|个|天|小时|分钟|次|人次|万人次|人|台|笔|份|倍)"
NUM = r"\d+(?:\.\d+)?"
CHANGE_RE = re.compile(
    rf"(?P<what>[\u4e00-\u9fff]{{2,12}}?)(?:由|从)(?P<from>{NUM})(?P<u1>{UNITS})?"
    rf"(?:提高|提升|增加|增长|上升|下降|降低|压缩|缩短|减少|减至|提速)(?:到|至|为)?(?:目前的|现在的)?"
    rf"(?P<to>{NUM})(?P<unit>{UNITS})")
COUNT_RE = re.compile(rf"(?P<to>{NUM})(?P<unit>{UNITS})")
WHAT_RE = re.compile(r"([\u4e00-\u9fff]{2,10}?)(?:达|达到|为|共|累计|超过|完成)?$")
HAS_CHANGE = re.compile(r"由|从")


@Language.factory("pmkg_figures", assigns=["doc.spans"], default_config={})
def make_figures(nlp: Language, name: str) -> "FigureFinder":
    return FigureFinder()


class FigureFinder:
    """Set doc.spans["figure"]: kb_id "<what>;<from>;<to>;<unit>"."""

    def __call__(self, doc: Doc) -> Doc:
        text, out, taken = text_of(doc), [], []
        changes = CHANGE_RE.finditer(text) if HAS_CHANGE.search(text) else iter(())
        for rx, matches in ((CHANGE_RE, changes), (COUNT_RE, COUNT_RE.finditer(text))):
            for m in matches:
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                g = dict(m.groupdict())
                start = m.start()
                if rx is COUNT_RE:
                    what = WHAT_RE.search(text, max(0, start - 14), start)
                    if what is None:
                        continue
                    g["what"], start = what.group(1), what.start()
                span = doc.char_span(start, m.end(), label="FIGURE",
                                     kb_id=f"{g['what']};{g.get('from') or ''};{g['to']};{g['unit']}")
                if span is not None:
                    out.append(span)
                    taken.append((start, m.end()))
        doc.spans["figure"] = out
        return doc
