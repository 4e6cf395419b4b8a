"""Rewritten named queries (kg/queries) answer as their straightforward first versions did.

The first versions (tests/data/reference-queries/*.rq) state each question plainly but time out on
millions of quads; the rewrites lead with the parameter and avoid joins on facts repeated in every
document graph. Both are run here on a store built by `kg ingest` from the bundled example and
`kg synth` output (a few hundred items, where the same agencies, officials and candidate measures
appear in many documents), and on the two-document fixture, with parameters bound both ways the
stores bind them (Oxigraph substitution, and a VALUES block as for remote endpoints).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query import list_queries, load_query, read_query_file, with_prefixes
from kg.sparql import bind_values

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(__file__).resolve().parent / "data" / "reference-queries"
REWRITTEN = sorted(p.stem for p in REFERENCE.glob("*.rq"))


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory: pytest.TempPathFactory):
    from kg.store import open_store

    base = tmp_path_factory.mktemp("scale")
    corpus, location = base / "corpus", base / "store"
    run = lambda *a: subprocess.run([sys.executable, "-m", "kg", *a], cwd=ROOT, check=True,  # noqa: E731
                                    capture_output=True)
    run("synth", str(corpus), "--items", "300", "--seed", "3")
    for example in (ROOT / "examples").glob("*.txt"):
        (corpus / example.name).write_bytes(example.read_bytes())
    run("ingest", str(corpus), "--store", str(location), "-q")
    store = open_store(location, read_only=True)
    yield store
    store.close()


def _rows(store, text: str, params: dict, how: str) -> list[tuple]:
    terms = {k: v if not isinstance(v, str) else (ox.NamedNode(v) if v.startswith("http") else ox.Literal(v))
             for k, v in params.items()}
    if how == "values":
        result = store.query(bind_values(with_prefixes(text), terms), timeout_s=120)
    else:
        result = store.query(with_prefixes(text), terms, timeout_s=120)
    return sorted(result.values(), key=repr)


def _day(text: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))


def _first(store, sparql: str, n: int) -> list:
    return [row[0] for row in store.query(with_prefixes(sparql)).rows[:n]]


def _cases(store) -> dict[str, list[dict]]:
    """Parameters in every form a caller may give them: IRI, name (plain or the thesaurus' @zh
    label as a plain string), adcode, variant; busy places and measures, and ones with no answer."""
    places = _first(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?a pmkg:place ?p } GROUP BY ?p ORDER BY DESC(?n) ?p", 3)
    measures = _first(store, "SELECT ?m (COUNT(*) AS ?n) WHERE { ?a pmkg:measure ?m } GROUP BY ?m ORDER BY DESC(?n) ?m", 3)
    candidates = _first(store, "SELECT DISTINCT ?m WHERE { ?a pmkg:measure ?m . ?m a pmkg:CandidateMeasure } ORDER BY ?m", 2)
    place_forms = []
    for p in places:
        label, code = store.query(with_prefixes(
            f"SELECT ?l ?c WHERE {{ <{p.value}> rdfs:label ?l ; pmkg:adcode ?c }} LIMIT 1")).rows[0]
        place_forms += [p.value, label.value, code.value]
    measure_forms = []
    for m in [*measures, *candidates]:
        labels = store.query(with_prefixes(
            f"SELECT DISTINCT ?l WHERE {{ <{m.value}> rdfs:label|skos:prefLabel|skos:altLabel ?l }} ORDER BY ?l")).rows
        measure_forms += [m.value, *(row[0].value for row in labels[:3])]
    unknown = ["无此地", "https://w3id.org/pmkg/id/place/999999"]
    official_places = []
    for p in _first(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { { ?post pmkg:jurisdiction ?p } UNION "
                           "{ ?post org:postIn/pmkg:locatedIn ?p } } GROUP BY ?p ORDER BY DESC(?n) ?p", 3):
        label, code = store.query(with_prefixes(
            f"SELECT ?l ?c WHERE {{ <{p.value}> rdfs:label ?l ; pmkg:adcode ?c }} LIMIT 1")).rows[0]
        official_places += [p.value, label.value, code.value]
    agencies = _first(store, "SELECT ?a (COUNT(*) AS ?n) WHERE { { ?d dct:publisher ?a } UNION { ?d pmkg:issuedBy ?a } } "
                             "GROUP BY ?a ORDER BY DESC(?n) ?a", 3)
    agency_forms = []
    for a in agencies:
        labels = store.query(with_prefixes(
            f"SELECT DISTINCT ?l WHERE {{ <{a.value}> rdfs:label|skos:altLabel ?l }} ORDER BY ?l")).rows
        agency_forms += [a.value, *(row[0].value for row in labels[:3])]
    pairs = store.query(with_prefixes(
        "SELECT DISTINCT ?m ?p WHERE { ?a pmkg:measure ?m ; pmkg:place ?p } ORDER BY ?m ?p LIMIT 4")).rows
    evidence = []
    for m, p in pairs:
        ml = store.query(with_prefixes(f"SELECT ?l WHERE {{ <{m.value}> skos:prefLabel ?l }} ORDER BY ?l LIMIT 1")).rows
        pl = store.query(with_prefixes(f"SELECT ?l ?c WHERE {{ <{p.value}> rdfs:label ?l ; pmkg:adcode ?c }} LIMIT 1")).rows
        evidence += [{"measure": m.value, "place": p.value},
                     {"measure": ml[0][0].value, "place": pl[0][0].value},
                     {"measure": ml[0][0].value, "place": pl[0][1].value},
                     {"measure": m.value, "place": "无此地"}]
    return {
        "measures-of-place": [{"place": v} for v in [*place_forms, *unknown]],
        "adopters-of-measure": [{"measure": v} for v in [*measure_forms, "无此举措"]],
        "evidence-of-adoption": evidence,
        "documents-by-agency": [{"agency": v} for v in [*agency_forms, "无此机构"]],
        "search-entities": [{"text": v} for v in ["市", "平顶山", "办", "ZZZ", "一网通", "Starting"]],
        "app-map-between": [{"from": _day(a), "to": _day(b)} for a, b in
                            [("2000-01-01", "2030-12-31"), ("2022-01-01", "2022-06-30"),
                             ("2023-03-01", "2023-03-01"), ("2031-01-01", "2032-01-01")]],
        "officials-of-place": [{"place": v} for v in [*official_places, *place_forms[:3], *unknown]],
    }


def test_every_rewritten_query_is_covered() -> None:
    assert set(REWRITTEN) == {"measures-of-place", "adopters-of-measure", "evidence-of-adoption",
                             "documents-by-agency", "officials-of-place",
                             "place-measure-matrix", "candidate-measures",
                             "co-adoption", "first-adoptions",
                             "attention-network", "latest-documents",
                             "place-hierarchy", "search-entities",
                             "adoption-events", "entity-nodes", "entity-edges",
                             "agg-place-measure", "app-counts", "app-map-between",
                             "app-place-coordinates", "app-latest-documents"}
    for name in REWRITTEN:  # same header, same parameters
        assert load_query(name).params == read_query_file(REFERENCE / f"{name}.rq").params


@pytest.mark.parametrize("how", ["substitution", "values"])
@pytest.mark.parametrize("name", REWRITTEN)
def test_rewrite_answers_as_the_reference_on_a_synthetic_store(synth_store, name: str, how: str) -> None:
    new, old = load_query(name).text, (REFERENCE / f"{name}.rq").read_text(encoding="utf-8")
    cases = _cases(synth_store).get(name, [{}])
    answered = 0
    for params in cases:
        expected = _rows(synth_store, old, params, "substitution")
        assert _rows(synth_store, new, params, how) == expected, params
        answered += bool(expected)
    assert answered >= len(cases) // 2  # the cases are not all empty
    if not load_query(name).params and "ORDER BY" in new:  # a whole table: same rows, same order
        rows = lambda text: synth_store.query(with_prefixes(text), timeout_s=120).values()  # noqa: E731
        assert rows(new) == rows(old)


@pytest.mark.parametrize("how", ["substitution", "values"])
def test_rewrites_on_the_fixture(small_store, how: str) -> None:
    cases = {"search-entities": ["平顶山", "承诺", "市营商", "Z"],
             "measures-of-place": ["平顶山市", "410100", "https://w3id.org/pmkg/id/place/410422", "河南省"],
             "officials-of-place": ["平顶山市", "410100", "https://w3id.org/pmkg/id/place/410400", "叶县"],
             "adopters-of-measure": ["一网通办", "一网通", "告知承诺制", "https://w3id.org/pmkg/id/measure/yiwangtongban",
                                     "拿地即开工"]}
    cases = {name: [{load_query(name).params[0][0]: v} for v in values] for name, values in cases.items()}
    cases["evidence-of-adoption"] = [{"measure": m, "place": p} for m, p in [
        ("一网通", "平顶山市"), ("一网通办", "叶县"), ("告知承诺制", "410100"),
        ("https://w3id.org/pmkg/id/measure/gaozhi-chengnuo", "https://w3id.org/pmkg/id/place/410422")]]
    cases["documents-by-agency"] = [{"agency": v} for v in [
        "市营商办", "平顶山市优化营商环境工作领导小组办公室", "https://w3id.org/pmkg/id/agency/zz-zhengwu", "平顶山市"]]
    cases["place-measure-matrix"] = cases["candidate-measures"] = cases["co-adoption"] = cases["first-adoptions"] = \
        cases["attention-network"] = cases["latest-documents"] = \
        cases["place-hierarchy"] = [{}]
    for name, params in cases.items():
        old = (REFERENCE / f"{name}.rq").read_text(encoding="utf-8")
        for p in params:
            assert _rows(small_store, load_query(name).text, p, how) == \
                _rows(small_store, old, p, "substitution"), (name, p)


def _plain_ordered_tables() -> list[str]:
    from kg.query import _TRAILING_ORDER

    return [q.name for q in list_queries() if not q.params and _TRAILING_ORDER.search(q.text.rstrip())]


def test_some_tables_are_sorted_in_python() -> None:
    assert {"entity-edges", "entity-nodes", "first-adoptions"} <= set(_plain_ordered_tables())


@pytest.mark.parametrize("name", _plain_ordered_tables())
def test_a_table_sorted_in_python_keeps_the_query_order(synth_store, name: str) -> None:
    from kg.query import _TRAILING_ORDER, run_named, table

    keys = [v[1:] for v in _TRAILING_ORDER.search(load_query(name).text.rstrip()).group(1).split()]
    by_store = run_named(synth_store, name, timeout_s=120).records()
    here = table(synth_store, name)
    assert by_store, name
    assert [[r[k] for k in keys] for r in here] == [[r[k] for k in keys] for r in by_store]
    assert sorted(map(repr, here)) == sorted(map(repr, by_store))


def test_adoption_rows_from_the_aggregates_match_the_computed_ones(synth_store) -> None:
    from kg import aggregates
    from kg.analysis import adoption_rows
    from kg.query import table

    assert aggregates.is_current(synth_store)  # kg ingest keeps them
    computed = [{**r, "date": r.pop("firstDate")} for r in table(synth_store, "first-adoptions")]
    kept = adoption_rows(synth_store)
    assert len(kept) == len(computed) > 100
    assert sorted(map(repr, (dict(sorted(r.items())) for r in kept))) == \
        sorted(map(repr, (dict(sorted(r.items())) for r in computed)))
