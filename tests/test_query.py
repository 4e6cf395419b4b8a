"""kg.query: named queries, their headers, their answers on the fixture, and safe parameters."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.query import (QueryResult, format_result, list_queries, load_query, param_term,
                      run_named, run_query, with_prefixes)
from kg.sparql import bind_values
from kg.store import Store

ID = "https://w3id.org/pmkg/id/"
PDS, ZZ, YX = ID + "place/410400", ID + "place/410100", ID + "place/410422"
YWTB, GZCN = ID + "measure/yiwangtongban", ID + "measure/gaozhi-chengnuo"
DOC1, DOC2 = ID + "doc/714570ef48909b4a", ID + "doc/05bad28ca313fa75"
XSD = "http://www.w3.org/2001/XMLSchema#"

QUERY_NAMES = {
    "measures-of-place", "adopters-of-measure", "officials-of-place", "documents-by-agency",
    "co-adoption", "place-measure-matrix", "evidence-of-adoption", "latest-documents",
    "candidate-measures", "search-entities",
}


@pytest.fixture()
def store(small_store: Store) -> Store:
    """The small graph in memory and on a real Oxigraph server (tests/conftest.py)."""
    return small_store


# --- the catalogue -------------------------------------------------------------------------------

def test_every_query_is_listed_with_its_header() -> None:
    queries = {q.name: q for q in list_queries()}
    assert QUERY_NAMES <= set(queries)  # analysis and app queries are tested beside their users
    for q in queries.values():
        assert q.title and q.question_zh and q.question_en, q.name
    assert [p for p, _ in queries["evidence-of-adoption"].params] == ["measure", "place"]
    assert queries["measures-of-place"].params[0][0] == "place"
    assert "adcode" in queries["measures-of-place"].params[0][1]
    assert queries["co-adoption"].params == ()


@pytest.mark.parametrize("name", ["no-such-query", "../store", ""])
def test_unknown_query(name: str) -> None:
    with pytest.raises(QueryError, match="no named query"):
        load_query(name)


def test_with_prefixes_adds_only_what_is_missing() -> None:
    text = with_prefixes("PREFIX pmkg: <https://w3id.org/pmkg/ontology#>\nASK { ?s a pmkg:Place }")
    assert text.count("PREFIX pmkg:") == 1
    for prefix in ("rdfs", "skos", "org", "prov", "dct", "geo", "xsd"):
        assert f"PREFIX {prefix}: <" in text
    assert with_prefixes("# PREFIX rdfs: in a comment\nASK {}").count("PREFIX rdfs:") == 2


def test_param_terms() -> None:
    assert param_term("place", PDS) == ox.NamedNode(PDS)
    assert param_term("adcode", "410400") == ox.Literal("410400")
    assert param_term("place", "平顶山市") == ox.Literal("平顶山市")
    assert param_term("place", 'http://x.org/a> } DROP ALL') == ox.Literal('http://x.org/a> } DROP ALL')


def test_bind_values_opens_the_where_group() -> None:
    name = ox.Literal('x" } #')
    select = bind_values('SELECT ?s { { SELECT ?s WHERE { ?s ?p ?o } } }', {"o": name})
    assert select == 'SELECT ?s { VALUES (?o) { ("x\\" } #") } { SELECT ?s WHERE { ?s ?p ?o } } }'
    construct = bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"o": name})
    assert construct.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o)")
    with pytest.raises(QueryError, match="CONSTRUCT WHERE"):
        bind_values("CONSTRUCT WHERE { ?s ?p ?o }", {"o": name})
    with pytest.raises(QueryError, match="bad parameter name"):
        bind_values("SELECT * { ?s ?p ?o }", {"o) { } DROP ALL": name})


def test_parameters_are_checked(store: Store) -> None:
    with pytest.raises(QueryError, match="missing parameter"):
        run_named(store, "measures-of-place", {})
    with pytest.raises(QueryError, match="unknown parameter"):
        run_named(store, "co-adoption", {"place": "平顶山市"})


# --- answers on the fixture ----------------------------------------------------------------------

EXPECTED = {
    ("measures-of-place", (("place", "平顶山市"),)): [
        ("平顶山市", PDS, YWTB, "一网通办", date(2024, 3, 10), 1)],
    ("measures-of-place", (("place", "410100"),)): [
        ("410100", ZZ, GZCN, "告知承诺制", date(2024, 3, 1), 1),
        ("410100", ZZ, YWTB, "一网通办", date(2024, 4, 1), 1)],
    ("measures-of-place", (("place", YX),)): [
        (YX, YX, GZCN, "告知承诺制", date(2024, 4, 2), 1)],
    ("adopters-of-measure", (("measure", "一网通办"),)): [
        ("一网通办", YWTB, PDS, "平顶山市", "410400", date(2024, 3, 10), 1),
        ("一网通办", YWTB, ZZ, "郑州市", "410100", date(2024, 4, 1), 1)],
    ("adopters-of-measure", (("measure", "告知承诺制"),)): [
        ("告知承诺制", GZCN, ZZ, "郑州市", "410100", date(2024, 3, 1), 1),
        ("告知承诺制", GZCN, YX, "叶县", "410422", date(2024, 4, 2), 1)],
    ("officials-of-place", (("place", "平顶山市"),)): [
        ("平顶山市", ID + "official/zhang-wei", "张伟", "市长", None, None)],
    ("officials-of-place", (("place", "410100"),)): [
        ("410100", ID + "official/li-na", "李娜", "副局长", ID + "agency/zz-zhengwu",
         "郑州市政务服务和大数据管理局")],
    ("documents-by-agency", (("agency", "市营商办"),)): [
        ("市营商办", DOC1, "bulletin", "营商环境工作动态", date(2024, 3, 15), None),
        ("市营商办", ID + "document/pds-tiaoli", "policy", "平顶山市优化营商环境条例",
         date(2024, 1, 1), "平政〔2024〕1号")],
    ("co-adoption", ()): [(GZCN, "告知承诺制", YWTB, "一网通办", 1)],
    ("place-measure-matrix", ()): [
        (ZZ, "郑州市", "410100", YWTB, "一网通办", 1, date(2024, 4, 1)),
        (ZZ, "郑州市", "410100", GZCN, "告知承诺制", 1, date(2024, 3, 1)),
        (PDS, "平顶山市", "410400", YWTB, "一网通办", 1, date(2024, 3, 10)),
        (YX, "叶县", "410422", GZCN, "告知承诺制", 1, date(2024, 4, 2))],
    ("evidence-of-adoption", (("measure", "一网通"), ("place", "平顶山市"))): [
        ("一网通", "平顶山市", ID + "adoption/410400-yiwangtongban-714570ef48909b4a",
         date(2024, 3, 10), "day", "launched", ID + "item/714570ef48909b4a-1", "我市全面推行一网通办",
         "3月10日，平顶山市全面推行一网通办。市长张伟出席。", "一网通办", 54, 58, "pds-2024-05.txt")],
    ("evidence-of-adoption", (("measure", "一网通办"), ("place", "叶县"))): [],
    ("latest-documents", ()): [
        (DOC2, "郑州叶县推行告知承诺制", date(2024, 4, 2), None, "zz-news.html",
         "郑州市政务服务和大数据管理局", 1),
        (DOC1, "营商环境工作动态", date(2024, 3, 15), 5, "pds-2024-05.txt",
         "平顶山市优化营商环境工作领导小组办公室", 1)],
    ("candidate-measures", ()): [
        (ID + "measure/nadi-jikaigong", "拿地即开工", Decimal("0.6"), "审批服务", 1)],
    ("search-entities", (("text", "平顶山"),)): [
        ("平顶山", ID + "agency/pds-yingshangban", "agency", "平顶山市优化营商环境工作领导小组办公室"),
        ("平顶山", ID + "document/pds-tiaoli", "document", "平顶山市优化营商环境条例"),
        ("平顶山", PDS, "place", "平顶山市")],
    ("search-entities", (("text", "承诺"),)): [
        ("承诺", GZCN, "measure", "告知承诺制")],
}


@pytest.mark.parametrize("case", list(EXPECTED), ids=lambda c: "-".join([c[0], *(v for _, v in c[1])]))
def test_named_query_answers(store: Store, case: tuple) -> None:
    name, params = case
    assert run_named(store, name, dict(params)).values() == EXPECTED[case]


def test_every_named_query_has_an_expected_answer() -> None:
    assert {name for name, _ in EXPECTED} == QUERY_NAMES


def test_named_query_limit(store: Store) -> None:
    result = run_named(store, "place-measure-matrix", limit=2)
    assert len(result.rows) == 2 and result.truncated


def test_run_query_takes_a_name_a_file_or_text(store: Store, tmp_path) -> None:
    by_name = run_query(store, "measures-of-place", {"place": "平顶山市"})
    path = tmp_path / "mine.rq"
    path.write_text(load_query("measures-of-place").text, encoding="utf-8")
    assert run_query(store, str(path), {"place": "平顶山市"}).values() == by_name.values()
    text = "SELECT ?p WHERE { ?p a pmkg:Place ; pmkg:adcode ?code }"  # prefixes added
    assert run_query(store, text, {"code": "410422"}).values() == [(YX,)]
    with pytest.raises(QueryError, match="no named query"):
        run_query(store, "no-such-query")


def test_format_result() -> None:
    result = QueryResult(vars=("place", "first", "n"), rows=(
        (ox.NamedNode(PDS), ox.Literal("2024-03-10", datatype=ox.NamedNode(XSD + "date")),
         ox.Literal("0.6", datatype=ox.NamedNode(XSD + "decimal"))),
        (ox.Literal("叶县"), None, None)), truncated=True)
    table = format_result(result, "table").splitlines()
    assert table[0].split() == ["place", "first", "n"]
    assert table[2].split() == ["id:place/410400", "2024-03-10", "0.6"]
    assert table[3] == "叶县"
    assert table[-1].startswith("(truncated")
    assert format_result(result, "csv").splitlines() == [
        "place,first,n", f"{PDS},2024-03-10,0.6", "叶县,,"]
    assert json.loads(format_result(result, "json")) == {
        "vars": ["place", "first", "n"], "truncated": True,
        "rows": [{"place": PDS, "first": "2024-03-10", "n": 0.6},
                 {"place": "叶县", "first": None, "n": None}]}
    assert format_result(QueryResult(boolean=True), "table") == "true"
    with pytest.raises(QueryError, match="unknown result format"):
        format_result(result, "xml")


# --- injection -----------------------------------------------------------------------------------

ATTACKS = [
    '平顶山市"',
    '平顶山市" } ',
    "平顶山市 # comment",
    "平顶山市\nDROP ALL",
    '} ; DROP ALL ; {',
    '" } ; DROP ALL ; { "',
    "') } DROP ALL #",
    "http://x.org/a> } ; DROP ALL ; { <http://x.org/b",
    "<https://w3id.org/pmkg/id/place/410400>",
]
PARAMETRISED = sorted(q.name for q in list_queries() if q.params)


@pytest.mark.parametrize("name", PARAMETRISED)
def test_injection_attempts_match_nothing_and_change_nothing(store: Store, name: str) -> None:
    before = store.stats()
    declared = [p for p, _ in load_query(name).params]
    for value in ATTACKS:
        result = run_named(store, name, {p: value for p in declared})
        assert result.rows == (), (name, value)
    assert store.stats() == before
