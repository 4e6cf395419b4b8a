"""Evidence: the sentences behind an entity or an adoption, with the matched span marked."""
from __future__ import annotations

import re

import pyoxigraph as ox


MARK_OPEN, MARK_CLOSE = "【", "】"
_SENTENCE_END = "。！？!?；;\n"

_MENTIONS = """
SELECT ?file ?pos ?section ?headline ?text ?ts ?te ?surface WHERE {
  { ?m pmkg:refersTo ?target } UNION { ?target pmkg:evidence ?m }
  ?m pmkg:inItem ?item ; pmkg:surface ?surface .
  OPTIONAL { ?m pmkg:textStart ?ts ; pmkg:textEnd ?te }
  ?item pmkg:text ?text ; pmkg:position ?pos ; dct:isPartOf ?doc .
  OPTIONAL { ?item dct:title ?headline }
  OPTIONAL { ?item pmkg:section ?section }
  OPTIONAL { ?doc pmkg:sourceFile ?file }
} ORDER BY ?file ?pos ?ts
"""
_ADOPTION = """
SELECT ?placeLabel ?measureLabel ?date ?precision ?stage WHERE {
  ?target a pmkg:Adoption ; pmkg:place ?place ; pmkg:measure ?measure .
  OPTIONAL { ?place rdfs:label ?placeLabel }
  OPTIONAL { ?measure skos:prefLabel ?measureLabel }
  OPTIONAL { ?target dct:date ?date }
  OPTIONAL { ?target pmkg:datePrecision ?precision }
  OPTIONAL { ?target pmkg:stage ?stage }
} LIMIT 1
"""
_LABEL = "SELECT ?label WHERE { ?target rdfs:label|skos:prefLabel ?label } LIMIT 1"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding [start, end), with the span marked.

    >>> sentence_around("第一句。市长赵文峰出席。第三句。", 6, 9)
    '市长【赵文峰】出席。'
    """
    left = max((text.rfind(c, 0, start) for c in _SENTENCE_END), default=-1) + 1
    rights = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return (text[left:start] + MARK_OPEN + text[start:end] + MARK_CLOSE + text[end:right]).strip()


def explain(store, iri: str) -> list[str]:
    """Lines of evidence for an entity or adoption IRI: a heading, then one line per sentence."""
    target = {"target": ox.NamedNode(iri)}
    lines: list[str] = []
    adoption = store.query(_prefixed(_ADOPTION), target).records()
    if adoption:
        a = adoption[0]
        lines.append(f"{a.get('placeLabel')} adopts {a.get('measureLabel')} — {a.get('stage') or 'reported'}, "
                     f"{a.get('date') or 'date unknown'} ({a.get('precision') or '-'})")
    else:
        label = store.query(_prefixed(_LABEL), target).records()
        if label:
            lines.append(str(label[0]["label"]))
    seen = set()
    for row in store.query(_prefixed(_MENTIONS), target).records():
        text, surface = row["text"], row["surface"]
        ts, te = row.get("ts"), row.get("te")
        if ts is None or te is None or text[ts:te] != re.sub(r"\s+", "", surface) and text[ts:te] != surface:
            at = text.find(surface)
            ts, te = (at, at + len(surface)) if at >= 0 else (0, 0)
        line = sentence_around(text, ts, te)
        key = (row.get("file"), row["pos"], line)
        if key in seen:
            continue
        seen.add(key)
        where = f"{row.get('file') or '?'} #{row['pos']}"
        if row.get("section"):
            where += f" [{row['section']}]"
        lines.append(f"  {where} {row.get('headline') or ''}\n    {line}")
    return lines if len(lines) > 1 else []


def _prefixed(text: str) -> str:
    from kg.query import with_prefixes

    return with_prefixes(text)

