"""spaCy component: policy documents — 《…》 titles (with nested 《》 and 〈〉), their document
numbers (〔2021〕24号), the issuing agencies written before a verb of issuing, and short-title
aliases (以下简称《条例》)."""
from __future__ import annotations

import re

from spacy.language import Language

from kg.extract.text import text_of
from spacy.tokens import Doc, Span

TITLE_RE = re.compile(r"《((?:[^《》]|《[^《》]*》)+)》")
NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{0,6}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")
ISSUE_VERB_RE = re.compile(r"(?:联合)?(?:印发|发布|出台|制定|下发|公布|颁布|发出)了?(?:关于征求)?$")
#: what may stand between an issuer and its verb: 某局关于印发《…》的通知, 某局于2月24日印发, 某局近日发布
ISSUER_GAP_RE = re.compile(r"(?:和|与|及|、|联合|会同)?(?:关于|于?\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前|近期|正式|于近日)?")


@Language.factory("pmkg_documents", assigns=["doc.spans"], requires=["doc.spans"], default_config={})
def make_documents(nlp: Language, name: str) -> "DocumentFinder":
    return DocumentFinder()


class DocumentFinder:
    """Set doc.spans["document"]: kb_id "<issuer span indices>;<number>;<alias-of index or ''>"."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        agencies = list(doc.spans.get("agency", []))
        out: list[Span] = []
        for m in TITLE_RE.finditer(text):
            alias_of = ""
            before = text[max(0, m.start() - 8):m.start()]
            if "简称" in before:
                alias_of = str(len(out) - 1) if out else ""
            issuers = _issuers(text, m.start(), agencies)
            number = NUMBER_RE.search(text[m.end():m.end() + 30])
            span = doc.char_span(m.start(1), m.end(1), label="DOCUMENT",
                                 kb_id=f"{','.join(map(str, issuers))};{number.group(0) if number else ''};{alias_of}")
            if span is not None:
                out.append(span)
        doc.spans["document"] = out
        return doc


def _issuers(text: str, start: int, agencies: list[Span]) -> list[int]:
    """Agencies written right before a verb of issuing that precedes the title."""
    head = text[max(0, start - 60):start]
    verb = ISSUE_VERB_RE.search(head)
    if verb is None:
        return []
    verb_at = start - len(head) + verb.start()
    out = []
    for k in range(len(agencies) - 1, -1, -1):
        a = agencies[k]
        if a.end_char > verb_at:
            continue
        between = text[a.end_char:verb_at]
        if between and not ISSUER_GAP_RE.fullmatch(between) and not out:
            break
        if out and not re.fullmatch(r"(和|与|及|、)", text[a.end_char:agencies[out[-1]].start_char]):
            break
        out.append(k)
        verb_at = a.start_char
    return out
