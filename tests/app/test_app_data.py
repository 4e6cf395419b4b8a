"""The app's data functions (kg.app.*) on the small store, without Streamlit."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pyoxigraph as ox
import pytest

from tests.app.appdata import ID, XUCHANG, YJSYCB
from kg.app import console, data, entities, neighbourhood, search, workspace
from kg.errors import IngestError, QueryError, StoreError

GAOZHI = ID + "measure/gzcnz"
LUOYANG = ("营商环境工作动态\n\n（3）\n\n洛阳市营商环境建设服务中心        2023 年 6 月 1 日\n\n【本地速览】\n\n"
           "洛阳市推行“一网通办”  5 月 30 日，洛阳市全面推行“一网通办”，企业办事更便捷。\n")


# --- running queries ---------------------------------------------------------------------------

def test_with_values_needs_a_where_group():
    with pytest.raises(QueryError, match="WHERE"):
        data.with_values("ASK { ?s ?p ?o }", {"s": [ox.NamedNode("http://x.org/a")]})


def test_run_asks_for_declared_parameters(app_db):
    with pytest.raises(QueryError, match="missing parameter"):
        data.run(app_db, "app-measure-adopters")


def test_every_app_query_has_the_named_query_header():
    from kg.query import list_queries

    app_queries = [q for q in list_queries() if q.name.startswith("app-")]
    assert len(app_queries) >= 30
    for q in app_queries:
        assert q.title != q.name and q.question_zh and q.question_en, q.name


# --- catalogues, map, matrix --------------------------------------------------------------------

def test_counts_and_measure_catalogue(app_db):
    counts = data.counts(app_db)
    assert counts["documents"] == 2 and counts["candidates"] >= 1
    cat = data.measures(app_db).set_index("measure")
    assert cat.at[YJSYCB, "label"] == "一件事一次办"
    assert cat.at[YJSYCB, "categoryLabel"] == "政务服务"
    assert cat.at[YJSYCB, "places"] == 2
    candidate = cat[cat["label"] == "企业服务直通车"]
    assert candidate["candidate"].all() and (candidate["confidence"] > 0).all()
    by_cat = data.by_category(cat.reset_index())
    assert by_cat["adoptions"].sum() == cat["adoptions"].sum()


def test_place_adoptions_by_measure_and_date(app_db):
    everything = data.place_adoptions(app_db)
    assert XUCHANG in set(everything["place"])
    only = data.place_adoptions(app_db, [GAOZHI])
    assert list(only["place"]) == [ID + "place/411081"]  # 禹州市
    may = data.place_adoptions(app_db, None, (date(2023, 5, 1), date(2023, 5, 31)))
    assert set(may["place"]) == {XUCHANG, ID + "place/411082"}
    points = data.map_points(may, data.places(app_db))
    assert set(points["label"]) == {"许昌市", "长葛市"} and points["radius"].gt(0).all()


def test_matrix_and_diffusion_from_first_adoptions(app_db):
    first = data.first_adoptions(app_db, [YJSYCB, GAOZHI])
    names = data.labels(app_db)
    wide = data.matrix(first, names, "year")
    assert wide.loc["许昌市", "一件事一次办"] == 2023
    curve = data.diffusion(first, names)
    yj = curve[curve["measure"] == YJSYCB]
    assert list(yj["placeLabel"]) == ["平顶山市", "许昌市"] and list(yj["adopters"]) == [1, 2]
    assert data.first_adoptions(app_db, []).empty


def test_version_moves_with_ingest_and_curation(fresh_store, store_of):
    from kg.curation import Curation, Decision, save_curation

    db = store_of(fresh_store)
    v1 = data.version(db)
    assert data.version(db) == v1
    cur = Curation()
    cur.decide(Decision("企业服务直通车", "reject"))
    save_curation(db.location, cur)
    v2 = data.version(db)
    assert v2 != v1
    path = workspace.save_upload(db.location, "luoyang.txt", LUOYANG.encode())
    list(workspace.ingest(db, [path]))
    assert data.version(db) != v2


# --- search and entity pages ------------------------------------------------------------------

def test_search_chinese_pinyin_initials_and_heteronyms(app_db):
    index = search.search_index(app_db)
    assert search.search(index, "一件事一次办")[0].iri == YJSYCB
    assert search.search(index, "Yi Jian Shi")[0].iri == YJSYCB
    initials = search.search(index, "xc")
    assert XUCHANG in [h.iri for h in initials[:3]], "mentioned places before gazetteer-only ones"
    assert all(h.mentioned for h in initials[:3]) and not initials[-1].mentioned
    assert any(h.label == "长葛市" for h in search.search(index, "changge"))  # 长 read chang, not zhang
    assert search.search(index, "  ") == []
    hits = search.search(index, "许昌")
    assert hits[0].rank <= hits[-1].rank


def test_evidence_marks_the_span_in_its_sentence(app_db):
    found, more = entities.adoption_evidence(app_db, YJSYCB)
    xuchang = next(e for e in found if e.place == XUCHANG)
    assert xuchang.span == "一件事一次办" and xuchang.before.endswith("我市全面推行“")
    assert xuchang.source_file == "xuchang-2023-07.txt" and not more


def test_split_sentence_falls_back_to_the_surface():
    assert entities.split_sentence("甲。市长王建国出席。乙。", None, None, "王建国") == ("市长", "王建国", "出席。")
    assert entities.split_sentence("没有", 5, 9, "") == ("没有", "", "")


def test_place_page_data(app_db):
    measures = entities.place_measures(app_db, XUCHANG)
    assert "一件事一次办" in set(measures["measureLabel"])
    similar = entities.similar_places(app_db, XUCHANG).set_index("placeLabel")
    own = set(measures["measure"])
    other = set(entities.place_measures(app_db, ID + "place/410400")["measure"])
    assert similar.at["平顶山市", "jaccard"] == pytest.approx(entities.jaccard(own, other))
    items, more = entities.entity_items(app_db, XUCHANG)
    assert len(items) >= 1 and not more
    officials = entities.place_officials(app_db, XUCHANG)
    assert ("王建国", "副市长") in set(zip(officials["officialLabel"], officials["title"]))
    wang = officials.set_index("officialLabel").at["王建国", "official"]
    posts = entities.official_posts(app_db, wang)
    assert list(posts["placeLabel"]) == ["许昌市"]


def test_facts_and_item_view(app_db):
    facts = entities.facts(app_db, YJSYCB)
    assert "一件事一次办" in facts["skos:prefLabel"] and facts["skos:broader"]
    found, _ = entities.adoption_evidence(app_db, YJSYCB)
    view = entities.item_view(app_db, found[-1].item)
    assert view["text"].startswith("我市全面推行") and YJSYCB in set(view["mentions"]["entity"])
    assert entities.item_view(app_db, ID + "item/none-1") is None


# --- graph explorer -------------------------------------------------------------------------------

def test_neighbourhood_obeys_kinds_depth_and_limit(app_db):
    nb = neighbourhood.neighbourhood(app_db, XUCHANG, kinds=["measure"], depth=1, limit=50)
    assert {k for i, (_, k) in nb.nodes.items() if i != XUCHANG} == {"measure"}
    small = neighbourhood.neighbourhood(app_db, XUCHANG, depth=2, limit=5)
    assert len(small.nodes) <= 5 and small.truncated
    wide = neighbourhood.neighbourhood(app_db, XUCHANG, depth=2, limit=300)
    assert "王建国" in {label for label, _ in wide.nodes.values()}
    assert all(s in wide.nodes and o in wide.nodes for s, _, o in wide.edges)
    dot = neighbourhood.to_dot(wide, href=lambda iri, kind: console.page_url(iri))
    assert dot.startswith("digraph") and 'href="./place?iri=' in dot and "penwidth=3" in dot


# --- console --------------------------------------------------------------------------------------

def test_console_limits_links_and_downloads(app_db):
    result = console.execute(app_db, "SELECT ?p ?l WHERE { ?p a pmkg:Place ; rdfs:label ?l }", limit=3)
    assert len(result.rows) == 3 and result.truncated
    df, links = console.result_frame(result)
    assert links == ["p"] and df["p"].str.startswith("./place?iri=").all()
    assert console.csv_bytes(result).startswith("\ufeffp,l".encode("utf-8"))
    assert b'"truncated": true' in console.json_bytes(result)
    with pytest.raises(QueryError, match="read-only"):
        console.execute(app_db, "DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError):
        console.execute(app_db, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    named = console.execute(app_db, console.gallery()[0].text, {}, limit=10)
    assert named.vars
    assert console.gallery()[-1].name.startswith("app-")


# --- workspace ----------------------------------------------------------------------------------

def test_save_upload_checks_suffix_size_and_name(fresh_store):
    location = str(fresh_store)
    with pytest.raises(IngestError, match="not accepted"):
        workspace.save_upload(location, "evil.exe", b"MZ")
    with pytest.raises(IngestError, match="empty"):
        workspace.save_upload(location, "a.txt", b"")
    with pytest.raises(IngestError, match="limit"):
        workspace.save_upload(location, "a.txt", b"x" * 2048, max_bytes=1024)
    path = workspace.save_upload(location, "../../../tmp/简报 1.TXT", "内容".encode())
    assert path.parent == fresh_store.with_name("store-app") / "uploads" and path.name == "简报_1.txt"


def test_changes_record_added_documents_and_first_seen_entities(fresh_store, store_of):
    db = store_of(fresh_store)
    first = workspace.changes(db)
    assert [d["sourceFile"] for d in first.added] == ["xuchang-2023-07.txt"]
    assert workspace.changes(db) == first, "no new change without an ingest"
    path = workspace.save_upload(db.location, "luoyang.txt", LUOYANG.encode())
    list(workspace.ingest(db, [path]))
    change = workspace.changes(db)
    assert [d["sourceFile"] for d in change.added] == ["luoyang.txt"]
    assert change.delta["documents"] == 1
    assert "洛阳市" in {label for _, _, label in change.new_entities}
    assert "一网通办" not in {label for _, _, label in change.new_entities}, "郑州 already named it"
    assert workspace.last_change(db.location) == change


def test_document_summary_and_exports(fresh_store, store_of):
    from kg.export import FORMATS

    db = store_of(fresh_store)
    doc = data.documents(db)["document"].iloc[0]
    summary = workspace.document_summary(db, doc)
    assert {"place", "measure", "official", "agency"} <= set(summary["entities"]["kind"])
    assert "许昌市" in set(summary["adoptions"]["placeLabel"])
    for fmt in FORMATS:
        blob = workspace.export_bytes(db, fmt)
        assert blob, fmt
        if fmt in {"ttl", "nt", "nq", "trig", "jsonld"}:
            assert "许昌市".encode() in blob, fmt
    with pytest.raises(StoreError, match="unknown export format"):
        workspace.export_bytes(db, "xlsx-nope")


def test_memory_store_has_no_workspace(monkeypatch):
    from kg.store import open_store

    monkeypatch.delenv("PMKG_APP_DIR", raising=False)
    with open_store(":memory:") as db:
        assert workspace.changes(db) is None
        with pytest.raises(StoreError, match="in-memory"):
            workspace.save_upload(db.location, "a.txt", b"x")


def test_frame_turns_decimals_into_floats(app_db):
    df = data.places(app_db)
    assert pd.api.types.is_float_dtype(df["lat"])
