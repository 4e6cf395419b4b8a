"""Measures (thesaurus concepts or candidates, filed under a category) and policy documents
(aliases, issuers, dates of issue)."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from kg import DATA_DIR
from kg.dates import find_dates
from kg.extract.documents import ISSUE_VERB_RE
from kg.gazetteer import read_tsv
from kg.papers import CARRYING_NOTICE_RE
from kg.records import Entity, Mention
from kg.vocab import HEAD_RE, norm

if TYPE_CHECKING:
    from kg.link import Context

PERIODICAL_RE = re.compile(r"^.{1,8}(日报|晚报|时报|周刊|杂志|报|网|频道|栏目|新闻|期刊)$")
GENERIC_TITLES = {"方案", "条例", "意见", "通知", "办法", "规定", "决定", "细则", "清单", "规划", "报告"}

@lru_cache(maxsize=1)
def _category_keywords() -> tuple[tuple[str, str], ...]:
    return tuple((row[0], row[1]) for row in read_tsv(DATA_DIR / "category_keywords.tsv"))


def _category_for(ctx: Context, label: str) -> str | None:
    by_label = {v: k for k, v in ctx.v.categories.items()}
    for word, category in _category_keywords():
        if word in label and category in by_label:
            return by_label[category]
    return by_label.get("政务服务")


_QUOTES = re.compile(r"[“”‘’\"'「」『』]")


def unquoted(text: str) -> str:
    """A surface form without the quote marks a span picked up around or inside it.

    >>> unquoted("一件事一次办”升级版"), unquoted("“无人机+”")
    ('一件事一次办升级版', '无人机+')
    """
    return _QUOTES.sub("", text).strip()


def link_measures(ctx: Context, mentions: list[Mention]) -> None:
    view = ctx.seg.clean.view
    for m in mentions:
        key, surface = m.attr("key") or "", m.attr("simplified") or m.text
        forms = (unquoted(surface), unquoted(m.text))
        head = HEAD_RE.match(view[m.end + 1:m.end + 9]) if view[m.end:m.end + 1] in "”’\"" else None
        if head:  # “增值式”改革 is a variant too: 增值式改革
            forms += (unquoted(surface) + head.group(0),)
        iri = key if not key.startswith("?") else (ctx.v.measure_forms.get(norm(surface))
                                                   or _qualified(ctx, norm(surface)))
        if iri:
            c = ctx.v.measures[iri]
            e = Entity("measure", f"measure:{iri}", c.label, forms,
                       (("iri", iri), ("category", c.category or ""), ("kind", c.kind)))
        else:
            label = norm(surface)
            twin = next((o for o in ctx.entities.values() if o.kind == "measure" and o.attr("confidence")
                         and _variant(o.label, label)), None)
            if twin is not None:  # “无人机+” and “无人机+交通” in one document: one candidate
                e = Entity("measure", twin.key, twin.label, forms, twin.attrs)
            else:
                label = label.replace("、", "") if re.fullmatch(r"(一\w{1,2}、?)+", label) else label
                shown = unquoted(surface)  # the key is normalised; the label keeps its case, loses quote marks
                e = Entity("measure", f"measure:?{label}", shown, (*forms, label),
                           (("confidence", key[1:]), ("category", _category_for(ctx, label) or "")))
        ctx.add(e, m)


def _qualified(ctx: Context, label: str) -> str | None:
    """The thesaurus concept a candidate names with a short qualifier before it: 建设项目告知承诺制
    is 告知承诺制 in one field (a form of 4 characters or more, after at most 6)."""
    for cut in range(1, min(6, len(label) - 4) + 1):
        iri = ctx.v.measure_forms.get(label[cut:])
        if iri:
            return iri
    return None


def _variant(a: str, b: str) -> bool:
    """Whether two candidate labels are one phrase with and without a short tail.

    >>> _variant("无人机+", "无人机+交通"), _variant("五办", "五化")
    (True, False)
    """
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) <= 4


#: what may open a sentence before its subject: a short clause of time or transition (与此同时，今年以来，)
_LEAD_RE = re.compile(r"(?:[^，,。；;“”]{1,8}[，,])?")


def _place_subject(ctx: Context, m: Mention) -> list[str]:
    """The place that opens the sentence in which a title is issued, when no body is named in it
    before the title: 与此同时，赛罕区推行…，并制定《某某清单》 → 赛罕区."""
    sent = ctx.seg.sentence_at(m.item, m.start)
    view = ctx.seg.clean.view
    if sent is None or not ISSUE_VERB_RE.search(view[sent.start:m.start].rstrip("《")):
        return []
    if any(sent.start <= s < m.start for s, _ in ctx.agency_at):
        return []
    places = sorted((s, e, code) for (s, e), code in ctx.place_at.items() if sent.start <= s and e <= m.start)
    if not places or not _LEAD_RE.fullmatch(view[sent.start:places[0][0]]):
        return []
    s, e, code = places[0]
    for s2, e2, code2 in places[1:]:  # a chain written as one name: 呼和浩特市赛罕区
        if s2 != e:
            break
        e, code = e2, code2
    return [f"place:{code}"]


def link_documents(ctx: Context, mentions: list[Mention], agencies: list[Mention], publisher: str | None = None):
    by_index = defaultdict(dict)
    carried = CARRYING_NOTICE_RE.search(ctx.seg.masthead.title or "")
    for a in agencies:
        by_index[a.item][int(a.attr("index") or 0)] = a
    issued, last_key = [], None
    aliases: dict[str, str] = {}
    for m in mentions:
        issuers_idx, number, alias = ((m.attr("key") or "") + ";;").split(";")[:3]
        title = (m.attr("simplified") or m.text).strip()
        if alias != "" and last_key:  # 以下简称《条例》: another name of the previous document
            aliases[norm(title)] = last_key
        if norm(title) in aliases:
            old = ctx.entities[aliases[norm(title)]]
            ctx.add(Entity("document", old.key, old.label, (title,), old.attrs), m)
            continue
        if title in GENERIC_TITLES or len(title) < 3 or PERIODICAL_RE.search(title):
            continue  # 《人民日报》, 《营商环境周刊》: a periodical, not a policy document
        key = f"document:{norm(title)}"
        last_key = ctx.add(Entity("document", key, m.text.strip(), (title,), ()), m)
        issuers = []
        for k in filter(None, issuers_idx.split(",")):
            a = by_index[m.item].get(int(k))
            if a is not None and (a.start, a.end) in ctx.agency_at:
                issuers.append(ctx.agency_at[(a.start, a.end)])
        if not issuers:  # 《国务院关于…的意见》: the title names its issuer
            issuers = [key_ for (s, e), key_ in ctx.agency_at.items()
                       if s == m.start and ctx.seg.clean.view.startswith("关于", e)]
        if not issuers and publisher and carried and norm(carried.group(1)) == norm(title):
            issuers = [publisher]  # the page is the notice that issues it
        if not issuers:  # 某区推行…，并制定《…》: the place the sentence is about
            issuers = _place_subject(ctx, m)
        day = None
        if issuers:
            sent = ctx.seg.sentence_at(m.item, m.start)
            if sent is not None:
                dates = [d for d in find_dates(ctx.seg.clean.view[sent.start:m.start], ctx.seg.masthead.date)
                         if d.precision == "day"]
                day = dates[-1].iso if dates else None
        if issuers or number:
            issued.append((key, tuple(dict.fromkeys(issuers)), day, number or None))
    return issued
