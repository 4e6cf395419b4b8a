"""Search by Chinese or pinyin: every name of every place, measure, agency and official, with its
pinyin readings (all readings of characters that have several: 长 is chang and zhang) and initials.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.app.data import kind_of, run, table

#: kinds the search box finds, in the order hits of equal quality are listed
SEARCH_KINDS = ("measure", "place", "agency", "official")
_MAX_READINGS = 8


# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the entity, its canonical label, and the name that matched."""

    iri: str
    kind: str
    label: str
    name: str
    rank: int
    mentioned: bool = True


@dataclass(frozen=True, slots=True)
class Entry:
    iri: str
    kind: str
    label: str
    name: str  # lower-cased, NFKC
    readings: tuple[str, ...]  # full pinyin spellings, e.g. ("changgeshi", "zhanggeshi")
    initials: tuple[str, ...]  # e.g. ("cgs", "zgs")
    mentioned: bool = True  # named by some news item (else only reference data, e.g. the gazetteer)


def fold(text: str) -> str:
    """Normalise text for matching: NFKC, lower case, no spaces or apostrophes.

    >>> fold("Yi Wang'Tong Ban")
    'yiwangtongban'
    """
    return re.sub(r"[\s'’·]+", "", unicodedata.normalize("NFKC", text)).lower()


def readings(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Pinyin spellings of a name, every reading of characters that have several (at most 8),
    and their initials.

    >>> full, initials = readings("长葛市")
    >>> "changgeshi" in full and "zhanggeshi" in full, "cgs" in initials
    (True, True)
    """
    options = [_char_readings(c) for c in name]
    spellings = list(itertools.islice(itertools.product(*options), _MAX_READINGS))
    full = tuple(dict.fromkeys("".join(s) for s in spellings))
    first = tuple(dict.fromkeys("".join(p[:1] for p in s) for s in spellings))
    return full, first


@lru_cache(maxsize=None)
def _char_readings(char: str) -> tuple[str, ...]:
    """A character's pinyin readings, most common first (itself if it is not Chinese)."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors=lambda s: [[c] for c in s])
    return tuple(dict.fromkeys(fold(r) for r in found[0][:3])) if found and found[0] else (fold(char),)


def search_index(store: Any) -> list[Entry]:
    """Every name of every place, measure, agency and official, with its pinyin readings."""
    names = table(store, "app-search-names")
    if names.empty:
        return []
    names["kind"] = names["entity"].map(kind_of)
    names = names[names["kind"].isin(SEARCH_KINDS)]
    canonical = dict(zip(names["entity"], names["name"]))
    canonical.update({r[0].value: r[1].value for r in run(store, "app-labels").rows})
    mentioned = {r[0].value for r in run(store, "app-mentioned").rows}
    out = []
    for iri, kind, name in zip(names["entity"], names["kind"], names["name"]):
        full, first = readings(name)
        out.append(Entry(iri, kind, canonical.get(iri, name), fold(name), full, first, iri in mentioned))
    return out


def search(index: Sequence[Entry], text: str, limit: int = 20) -> list[Hit]:
    """Entities whose name contains `text`, in Chinese or pinyin (full or initials), best first.

    Exact names rank first, then names starting with the text, then names containing it, then
    pinyin matches in the same order; among equals, entities the bulletins mention come first,
    then measures before places, agencies and officials.
    """
    q = fold(text)
    if not q:
        return []
    ascii_q = q.isascii()
    best: dict[str, Hit] = {}
    for e in index:
        rank = _rank(e.name, q)
        if rank is None and ascii_q and len(q) >= 2:
            rank = min((r + 3 for s in (*e.readings, *e.initials) if (r := _rank(s, q)) is not None),
                       default=None)
        if rank is None:
            continue
        old = best.get(e.iri)
        alias = e.name != fold(e.label)
        if old is None or (rank, alias) < (old.rank, old.name != fold(old.label)):
            best[e.iri] = Hit(e.iri, e.kind, e.label, e.name, rank, e.mentioned)
    hits = sorted(best.values(), key=lambda h: (h.rank, not h.mentioned, SEARCH_KINDS.index(h.kind),
                                                len(h.label), h.label))
    return hits[:limit]


def _rank(name: str, q: str) -> int | None:
    if name == q:
        return 0
    if name.startswith(q):
        return 1
    return 2 if q in name else None
