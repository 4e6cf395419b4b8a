"""spaCy component: policy documents — 《…》 titles (with nested 《》 and 〈〉), their document
numbers (〔2021〕24号), the issuing agencies written before a verb of issuing, and short-title
aliases (以下简称《条例》)."""
from __future__ import annotations

import re

from spacy.language import Language

from kg.extract.text import text_of
from kg.papers import CARRYING_NOTICE_RE
from spacy.tokens import Doc, Span

TITLE_RE = re.compile(r"《((?:[^《》]|《[^《》]*》)+)》")
NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{0,6}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")
ISSUE_VERB_RE = re.compile(r"(?:联合)?(?:印发|发布|出台|制定|下发|公布|颁布|发出|会签|签订|签署|编制|修订|(?:审议|讨论|原则)并?通过)了?的?(?:关于征求)?$")
#: a meeting that adopts a document speaks for the body that held it (省政府2018年第3次常务会议)
MEETING_RE = re.compile(r"(?:\d{4}年)?(?:第[\d一二三四五六七八九十]+次)?(?:常务会议|全体会议|常委会会议|党组会议)")
#: a document named without 《》 on a line of its own: 某局关于…的通知
BARE_TITLE_RE = re.compile(r"^(?:\d{1,2}[.、]|[一二三四五六七八九十]+、)?(.{2,40}?关于.{4,80}的(?:意见|通知|决定|办法|规定|"
                           r"方案|批复|函|报告|公告|通告|实施细则))$", re.M)
#: words before an agency that make it an object, not the subject that issues (根据省政府…, 在市委领导下)
_NOT_SUBJECT = ("根据", "按照", "依据", "在", "对", "向", "经", "由", "据", "受", "被", "为", "给", "同", "跟", "与", "和")
#: what may stand between an issuer and its verb: 某局关于印发《…》的通知, 某局于2月24日印发, 某局近日发布,
#: 国务院2019年10月22日公布的《…》, 某厅2023年6月印发的《…》
ISSUER_GAP_RE = re.compile(r"(?:和|与|及|、|联合|会同)?(?:关于|于?\s*(?:\d{4}\s*年)?(?:\d{1,2}\s*月)?(?:\d{1,2}\s*日)?|近日|日前|近期|"
                           r"正式|于近日)?")


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
            issuers = _issuers(text, m.start(), agencies) or _issued_after(text, m.end(), agencies) \
                or _coordinated(text, m.start(), out) \
                or _possessor(text, m.start(), agencies) \
                or (_signed(text, agencies) if _alone_on_line(text, m.start(), m.end()) else [])
            span = _document(doc, m.start(1), m.end(1), issuers, _number_after(text, m.end()), alias_of)
            if span is not None:
                out.append(span)
        out += _bare_titles(doc, text, agencies)
        doc.spans["document"] = out
        return doc


def _issuers(text: str, start: int, agencies: list[Span]) -> list[int]:
    """Agencies that issue the title: right before a verb of issuing, else the sentence's subject,
    else the body whose meeting adopted it."""
    head = text[max(0, start - 60):start]
    verb = ISSUE_VERB_RE.search(head)
    if verb is None:
        return []
    verb_at = start - len(head) + verb.start()
    return _adjacent(text, verb_at, agencies) or _subject(text, verb_at, agencies) \
        or (_meeting(text, verb_at, agencies) if verb.group(0).endswith("通过") else [])


#: a title's issuers named after it: 《…》，会后由县委办、县政府办联合印发; 会议同意以区政府办公室名义印发;
#: 《…》落实情况。该措施由市委、市政府于今年3月印发
_BY_AFTER = re.compile(r"[^。；;！？\n]{0,24}?(?:[。；;][^。；;！？\n]{0,4}?(?:该|此|上述|这一?)[\u4e00-\u9fff]{1,4})?(?:由|以)$")
_ISSUED_AFTER = re.compile(r"(?:名义)?(?:于[^，,。；;]{1,10}?)?(?:联合|共同)?(?:印发|发布|出台|下发|制定)")


def _issued_after(text: str, end: int, agencies: list[Span]) -> list[int]:
    """The agencies a sentence names after a title, or the next sentence names of it, as issuing it:
    由甲、乙联合印发, 以甲名义印发."""
    for k, a in enumerate(agencies):
        if a.start_char < end or a.start_char > end + 40:
            continue
        if not _BY_AFTER.fullmatch(text, end, a.start_char):
            return []
        group, last = [k], a
        for j in range(k + 1, len(agencies)):
            if text[last.end_char:agencies[j].start_char] in ("、", "和", "与", "及", "，"):
                group.append(j)
                last = agencies[j]
            else:
                break
        return group if _ISSUED_AFTER.match(text, last.end_char) else []
    return []


def _adjacent(text: str, verb_at: int, agencies: list[Span]) -> list[int]:
    """Agencies written right before the verb (某局和某委联合印发, 某局于2月24日印发)."""
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


def _possessor(text: str, start: int, agencies: list[Span]) -> list[int]:
    """The agencies written right before a title, whose document it is (贯彻国务院《某某条例》,
    根据省委、省政府的《某某意见》).

    >>> from types import SimpleNamespace as A
    >>> _possessor("贯彻国务院《条例》", 5, [A(start_char=2, end_char=5)]), _possessor("贯彻《条例》", 2, [])
    ([0], [])
    """
    k = next((k for k, a in enumerate(agencies) if a.end_char <= start and text[a.end_char:start] in ("", "的")), None)
    return [] if k is None else _group_before(text, k, agencies)


def _group_before(text: str, k: int, agencies: list[Span]) -> list[int]:
    """Agency k and the agencies written next to it before (省委省政府, 市发改委、市财政局)."""
    out = [k]
    while out[-1] > 0 and text[agencies[out[-1] - 1].end_char:agencies[out[-1]].start_char] in ("", "、", "和", "与", "及"):
        out.append(out[-1] - 1)
    return out


def _subject(text: str, verb_at: int, agencies: list[Span]) -> list[int]:
    """The agencies that are the subject of the verb's sentence: the last ones before the verb in
    the sentence, unless a preposition makes them an object (省委省政府就…审议出台《…》).

    A clause of their own may stand between (就系统谋划、周密部署,), but no 。 or line break."""
    before = [k for k, a in enumerate(agencies) if a.end_char <= verb_at]
    if not before:
        return []
    group = _group_before(text, before[-1], agencies)
    first = agencies[group[-1]]
    if re.search(r"[。！？；;!?\n]", text[first.start_char:verb_at]) or verb_at - first.end_char > 40:
        return []
    if text[max(0, first.start_char - 2):first.start_char].endswith(_NOT_SUBJECT):
        return []
    return group


#: a date line under a signature (2020年10月20日)
_DATE_LINE = re.compile(r"\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether a title stands on a line of its own, as a page's headline does (• 解读《…》).

    >>> _alone_on_line("• 解读《某某通知》", 4, 11), _alone_on_line("根据《某某通知》要求", 2, 8)
    (True, False)
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) % (len(text) + 1)
    return not text[line_start:start].strip(" •·-\t").removeprefix("解读").strip() and not text[end:line_end].strip()


def _signed(text: str, agencies: list[Span]) -> list[int]:
    """The agency that signs the text (a line of its own, then a date line): the issuer of the
    document its headline names (解读《关于公布…的通知》 … 某区审改办 / 2020年10月20日).
    """
    for k, a in enumerate(agencies):
        line_start = text.rfind("\n", 0, a.start_char) + 1
        line_end = text.find("\n", a.end_char)
        if line_end < 0 or text[line_start:a.start_char].strip() or text[a.end_char:line_end].strip():
            continue
        rest = text[line_end + 1:].lstrip("\n")
        if _DATE_LINE.match(rest.split("\n", 1)[0]):
            return [k]
    return []


def _meeting(text: str, verb_at: int, agencies: list[Span]) -> list[int]:
    """The body whose meeting adopted a document (省政府常务会议 … 会议讨论并通过《…》)."""
    for k, a in enumerate(agencies):
        if a.end_char < verb_at and MEETING_RE.match(text, a.end_char):
            return [k]
    return []


def _coordinated(text: str, start: int, documents: list[Span]) -> list[int]:
    """The issuers of the title this one is coordinated with (出台《A》和《B》)."""
    if not documents or not re.fullmatch(r"》(?:和|与|及|、)《", text[documents[-1].end_char:start + 1]):
        return []
    issuers = documents[-1].kb_id_.split(";")[0]
    return [int(i) for i in issuers.split(",") if i]


def _bare_titles(doc: Doc, text: str, agencies: list[Span]) -> list[Span]:
    """Documents named on a line of their own without 《》 (国务院关于…的意见), issued by the
    agencies their title starts with."""
    out = []
    for m in BARE_TITLE_RE.finditer(text):
        about = m.start(1) + m.group(1).index("关于")
        issuers = [k for k, a in enumerate(agencies) if m.start(1) <= a.start_char and a.end_char <= about]
        if not issuers or agencies[issuers[0]].start_char != m.start(1) or "《" in m.group(1):
            continue  # a title line starts with its issuer
        span = _document(doc, m.start(1), m.end(1), issuers, _number_after(text, m.end()))
        if span is not None:
            out.append(span)
            out += _issued_inside(doc, span, issuers)
    return out




def _issued_inside(doc: Doc, notice: Span, issuers: list[int]) -> list[Span]:
    """The document a notice on its own title line issues (某局关于印发2020年某区实施方案的通知 →
    2020年某区实施方案), issued by the same agencies. A notice cited in a text (根据《…关于印发…的通知》)
    stays one document: only the page that carries the document names it as well."""
    m = CARRYING_NOTICE_RE.search(notice.text)
    if m is None:
        return []
    span = _document(doc, notice.start_char + m.start(1), notice.start_char + m.end(1), issuers)
    return [span] if span is not None else []


def _number_after(text: str, end: int) -> str:
    """The document number written just after a title (〔2021〕24号), or ""."""
    number = NUMBER_RE.search(text[end:end + 30])
    return number.group(0) if number else ""


def _document(doc: Doc, start: int, end: int, issuers: list[int], number: str = "", alias_of: str = "") -> Span | None:
    """A DOCUMENT span with its kb_id "<issuer indices>;<number>;<alias-of index>" (None off tokens)."""
    return doc.char_span(start, end, label="DOCUMENT", kb_id=f"{','.join(map(str, issuers))};{number};{alias_of}")
