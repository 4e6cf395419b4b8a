"""Load the curated vocabularies (SKOS files in `ontology/`, TSV lists in `kg/data/`) into plain
lookup tables that extraction and linking use. Extraction patterns are built from these files
only, so there is no second list to drift."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg import DATA_DIR, ONTOLOGY_DIR
from kg.gazetteer import read_tsv

PMKG = Namespace("https://w3id.org/pmkg/ontology#")
_MARKS = str.maketrans("", "", " \t\r\n\u3000“”‘’\"'《》〈〉「」『』")
#: head nouns after a quoted phrase that make it a measure: “五办”模式, “放管服”改革
MEASURE_HEADS = ("改革", "模式", "机制", "举措", "制度", "工作法", "品牌", "专项行动", "行动", "工程", "活动", "平台",
                 "系统", "并驱", "套餐", "清单", "集成服务", "联办", "监管", "审批", "应用场景", "服务", "专班",
                 "移动端", "客户端", "小程序", "APP", "App")
#: a head noun may carry a modifier: “无感智办”服务模式, “某企通”(移动)政务服务平台, “某某”工作机制
#: (a head names a thing done, not a place: “十大商圈”服务点, “某某”服务站)
HEAD_RE = re.compile(rf"^(?:移动|企业)?(?:政务服务|服务|工作|管理|治理|办理|审批|综合|协同)?(?:{'|'.join(MEASURE_HEADS)})(?![点站厅区])")


def norm(text: str) -> str:
    """Normalise a label for matching: NFKC, no spaces, no quote or title marks.

    >>> norm("“放管服” 改革")
    '放管服改革'
    """
    return unicodedata.normalize("NFKC", text).translate(_MARKS).lower()


@dataclass(frozen=True, slots=True)
class Concept:
    iri: str
    label: str
    category: str | None
    category_label: str | None
    labels: tuple[str, ...]  # every label, normalised
    kind: str = "measure"  # measure, policy-tool, campaign or platform


@dataclass(slots=True)
class Vocab:
    measures: dict[str, Concept] = field(default_factory=dict)  # iri → concept
    measure_forms: dict[str, str] = field(default_factory=dict)  # normalised label → iri
    categories: dict[str, str] = field(default_factory=dict)  # iri → label
    titles: dict[str, dict[str, str]] = field(default_factory=dict)  # title (simplified) → props
    not_measures: frozenset[str] = frozenset()
    not_measure_patterns: tuple[re.Pattern[str], ...] = ()
    abbrev: list[tuple[str, str, str | None]] = field(default_factory=list)  # short, full, province
    national: dict[str, tuple[str, str]] = field(default_factory=dict)  # surface → (canonical, kind)


def _zh(values) -> list[str]:
    return [str(v) for v in values if isinstance(v, Literal)]


def _load_measures(v: Vocab, path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    for cat in g.subjects(RDF.type, PMKG.MeasureCategory):
        labels = _zh(g.objects(cat, SKOS.prefLabel))
        zh = [str(x) for x in g.objects(cat, SKOS.prefLabel) if getattr(x, "language", "zh") in (None, "zh")]
        v.categories[str(cat)] = (zh or labels or [str(cat)])[0]
    for c in sorted(g.subjects(RDF.type, PMKG.Measure)):
        pref = _zh(g.objects(c, SKOS.prefLabel))
        if not pref:
            continue
        alts = _zh(g.objects(c, SKOS.altLabel))
        cat = next((str(b) for b in g.objects(c, SKOS.broader) if str(b) in v.categories), None)
        forms = tuple(dict.fromkeys(norm(x) for x in [pref[0], *alts] if len(norm(x)) >= 2))
        kind = str(g.value(c, PMKG.kind) or "measure")
        v.measures[str(c)] = Concept(str(c), pref[0], cat, v.categories.get(cat) if cat else None, forms, kind)
        for f in forms:
            v.measure_forms.setdefault(f, str(c))


def _load_titles(v: Vocab, path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    for c in g.subjects(SKOS.prefLabel, None):
        props = {"iri": str(c)}
        for p in ("level", "headsPlace", "companyTitle", "rank", "afterName"):
            val = g.value(c, PMKG[p])
            if val is not None:
                props[p] = str(val)
        for lab in [*g.objects(c, SKOS.prefLabel), *g.objects(c, SKOS.altLabel)]:
            v.titles.setdefault(str(lab), props)


def _load_not_measures(v: Vocab, path: Path) -> None:
    words, patterns, in_patterns = set(), [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().lower().startswith("# patterns"):
            in_patterns = True
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if in_patterns:
            patterns.append(re.compile(line.strip()))
        else:
            words.add(norm(line.strip()))
    v.not_measures = frozenset(words)
    v.not_measure_patterns = tuple(patterns)


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """The shared vocabularies, loaded once."""
    v = Vocab()
    _load_measures(v, ONTOLOGY_DIR / "measures.ttl")
    _load_titles(v, ONTOLOGY_DIR / "titles.ttl")
    _load_not_measures(v, DATA_DIR / "not_measures.txt")
    for row in read_tsv(DATA_DIR / "agency_abbrev.tsv"):
        if len(row) >= 2:
            v.abbrev.append((row[0], row[1], row[2] if len(row) > 2 and row[2] else None))
    v.abbrev.sort(key=lambda r: -len(r[0]))
    for row in read_tsv(DATA_DIR / "agencies_national.tsv"):
        canonical, kind = row[0], row[1]
        for form in [canonical, *row[2:]]:
            if form:
                v.national[form] = (canonical, kind)
    return v


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Single and compound surnames (kg/data/surnames.txt)."""
    text = (DATA_DIR / "surnames.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def name_parts() -> frozenset[str]:
    """Syllables of Mongolian and Tibetan given names (kg/data/name_parts.txt)."""
    text = (DATA_DIR / "name_parts.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def compound_name_end(text: str, at: int) -> int | None:
    """Where a name of two or more Mongolian or Tibetan syllables starting at `at` ends, if one
    does (孟和巴雅尔一行 → the end of 孟和巴雅尔; 尕藏卓玛); each syllable the longest that fits.

    >>> t = "局长孟和巴雅尔一行"
    >>> t[2:compound_name_end(t, 2)], compound_name_end("局长孟和一行", 2)
    ('孟和巴雅尔', None)
    """
    parts, pos = 0, at
    longest = max(map(len, name_parts()))
    while (n := next((n for n in range(longest, 1, -1) if text[pos:pos + n] in name_parts()), 0)) \
            and pos + n - at <= 8:
        parts, pos = parts + 1, pos + n
    return pos if parts >= 2 else None


def begins_with_surname(text: str) -> bool:
    """Whether text starts with a single or a compound surname.

    >>> begins_with_surname("欧阳明"), begins_with_surname("王红"), begins_with_surname("的确")
    (True, True, False)
    """
    names = surnames()
    return text[:1] in names or text[:2] in names


def is_not_measure(label: str) -> bool:
    """Whether a phrase is a known metaphor or slogan (never a measure)."""
    v = vocab()
    n = norm(label)
    return n in v.not_measures or any(p.search(n) for p in v.not_measure_patterns)


def concept_iri(iri: str) -> URIRef:
    return URIRef(iri)
