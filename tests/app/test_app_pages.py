"""Every page of the app, run by streamlit's AppTest on a small store, asserting on what it shows."""
from __future__ import annotations

import json
from datetime import date
from urllib.parse import unquote

import pandas as pd
import pytest

from tests.app.appdata import ID, ROOT, XUCHANG, YJSYCB

GAOZHI = ID + "measure/gzcnz"  # 告知承诺制


def texts(at) -> str:
    """Every piece of text the page shows (titles, markdown, captions, link labels, alerts)."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                                  "error", "success") for e in getattr(at, kind)]
    parts += [p.proto.label for p in at.get("page_link")]
    return "\n".join(str(p) for p in parts).replace("\\", "")  # markdown escapes


def frame(at, column: str) -> pd.DataFrame:
    """The first table on the page that has `column`."""
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with column {column!r}; tables: {[list(d.value.columns) for d in at.dataframe]}")


def link_targets(at) -> list[tuple[str, str, str]]:
    """(label, page, iri) of every page link."""
    out = []
    for p in at.get("page_link"):
        query = unquote(p.proto.query_string)
        out.append((p.proto.label, p.proto.page, query.removeprefix("iri=")))
    return out


def iri_of(db, label: str) -> str:
    from kg.app.data import labels

    return next(i for i, name in labels(db).items() if name == label)


# ---------------------------------------------------------------------------------------------

def test_overview_counts_categories_latest_bulletins_and_changes(open_app, app_store):
    at = open_app(app_store)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["简报 Documents"] == "2"
    assert int(metrics["推行 Adoptions"].replace(",", "")) >= 5
    assert int(metrics["人物 Officials"]) >= 2
    categories = frame(at, "categoryLabel")
    assert "政务服务" in set(categories["categoryLabel"])
    latest = frame(at, "publisherLabel")
    assert set(latest["issue"].dropna().astype(int)) >= {7, 42}
    assert "许昌市营商环境建设服务中心" in set(latest["publisherLabel"])
    shown = texts(at)
    assert "xuchang-2023-07.txt" in shown and "pingdingshan-2022-42.txt" in shown


def test_empty_store_offers_the_example_and_builds_it(open_app, tmp_path):
    at = open_app(tmp_path / "empty")
    assert "The store is empty" in texts(at)
    at.button(key="build-example").click().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["简报 Documents"] == "1"
    assert "pingdingshan-2022-42.txt" in texts(at)


def test_map_sizes_places_and_filters_by_measure_category_and_date(open_app, app_store):
    at = open_app(app_store, "map")
    assert at.get("deck_gl_json_chart"), "the pydeck map is drawn"
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec, "no base map, no tile server"
    places = frame(at, "label")
    assert any("许昌市" in v for v in places["label"])
    at.multiselect[1].select(GAOZHI).run()
    places = frame(at, "label")
    assert [v.split("name=")[-1] for v in places["label"]] == ["禹州市"]
    at.multiselect[1].unselect(GAOZHI).run()
    at.slider[0].set_range(date(2023, 5, 1), date(2023, 5, 8)).run()
    names = {v.split("name=")[-1] for v in frame(at, "label")["label"]}
    assert {"许昌市", "长葛市"} <= names and "郑州市" not in names


def test_measure_page_category_adopters_timeline_and_evidence(open_app, app_store):
    at = open_app(app_store, "measure", YJSYCB)
    shown = texts(at)
    assert at.title[0].value == "一件事一次办"
    assert "政务服务" in shown
    adopters = frame(at, "placeLabel")
    order = [v.split("name=")[-1] for v in adopters["placeLabel"]]
    assert order.index("平顶山市") < order.index("许昌市"), "adopters in order of first report"
    assert at.get("vega_lite_chart"), "a timeline chart"
    assert "我市全面推行“<mark style='background:#fde68a;padding:0 2px'>一件事一次办</mark>”" in shown
    sources = [t for t in link_targets(at) if t[1] == "item"]
    assert any("xuchang-2023-07.txt" in label for label, _, _ in sources)


def test_measure_index_lists_adopted_measures(open_app, app_store):
    at = open_app(app_store, "measure")
    labels = [v.split("name=")[-1] for v in frame(at, "label")["label"]]
    assert "一件事一次办" in labels and "告知承诺制" in labels


def test_place_page_measures_agencies_officials_bulletins_and_similar_places(open_app, app_store):
    at = open_app(app_store, "place", XUCHANG)
    assert at.title[0].value == "许昌市"
    shown = texts(at)
    assert "411000" in shown and "河南省" in shown
    measures = frame(at, "measureLabel")
    assert any("一件事一次办" in v for v in measures["measureLabel"])
    assert "许昌市政务服务和大数据管理局" in shown
    assert "王建国 — 副市长" in shown
    items = frame(at, "headline")
    assert any("一件事一次办" in v for v in items["headline"])
    similar = frame(at, "jaccard")
    assert "平顶山市" in {v.split("name=")[-1] for v in similar["placeLabel"]}


def test_agency_page(open_app, app_store, app_db):
    agency = iri_of(app_db, "许昌市政务服务和大数据管理局")
    at = open_app(app_store, "agency", agency)
    assert at.title[0].value == "许昌市政务服务和大数据管理局"
    shown = texts(at)
    assert "Located in: 许昌市" in shown
    assert "<mark" in shown and "许昌市政务服务和大数据管理局" in shown


def test_official_page_posts_and_evidence(open_app, app_store, app_db):
    official = iri_of(app_db, "王建国")
    at = open_app(app_store, "official", official)
    shown = texts(at)
    assert at.title[0].value == "王建国"
    assert "副市长" in shown and "Jurisdiction: 许昌市" in shown
    assert "<mark style='background:#fde68a;padding:0 2px'>王建国</mark>" in shown


def test_official_and_agency_indexes(open_app, app_store):
    at = open_app(app_store, "official")
    assert "王建国" in {v.split("name=")[-1] for v in frame(at, "officialLabel")["officialLabel"]}
    at = open_app(app_store, "agency")
    assert "许昌市政务服务和大数据管理局" in {v.split("name=")[-1] for v in frame(at, "agencyLabel")["agencyLabel"]}


def test_item_page_marks_mentions_and_lists_adoptions(open_app, app_store):
    at = open_app(app_store, "measure", YJSYCB)
    item = next(iri for label, page, iri in link_targets(at) if page == "item" and "xuchang" in label)
    at = open_app(app_store, "item", item)
    shown = texts(at)
    assert "营商环境工作动态" in shown
    assert "<mark" in shown and "./measure?iri=" in shown
    targets = link_targets(at)
    assert any(page == "measure" and label for label, page, _ in targets)


def test_search_box_finds_chinese_pinyin_and_initials(open_app, app_store):
    at = open_app(app_store)
    for text, label, iri in (("一件事", "一件事一次办", YJSYCB), ("yijianshi", "一件事一次办", YJSYCB),
                             ("xuchang", "许昌市", XUCHANG), ("wjg", "王建国", None)):
        at.text_input(key="search").input(text).run()
        found = [t for t in link_targets(at) if t[0].split(" · ")[0].split("（")[0] == label]
        assert found, f"{text!r} finds {label}"
        if iri:
            assert found[0][2] == iri


def test_explorer_neighbourhood_limit_and_links(open_app, app_store):
    at = open_app(app_store, "explorer", XUCHANG)
    assert at.get("graphviz_chart")
    dot = at.get("graphviz_chart")[0].proto.spec
    assert "许昌市" in dot and "一件事一次办" in dot and "王建国" in dot
    assert "href=\"./measure?iri=" in dot
    at.slider[0].set_value(10).run()
    assert "node limit (10) was reached" in texts(at)
    assert at.get("graphviz_chart")[0].proto.spec.count("[label=") <= 10 + 20  # nodes + edges
    nodes = [line for line in at.get("graphviz_chart")[0].proto.spec.splitlines() if "tooltip=" in line]
    assert len(nodes) <= 10


def test_matrix_and_diffusion(open_app, app_store):
    at = open_app(app_store, "matrix")
    wide = at.dataframe[0].value
    assert "许昌市" in set(wide.index) and "一件事一次办" in set(wide.columns)
    assert wide.loc["许昌市", "一件事一次办"] == 1
    summary = frame(at, "adopters")
    row = summary.set_index("measureLabel")
    assert row.loc["一件事一次办", "adopters"] == 2  # 平顶山市, then 许昌市


def test_sparql_console_runs_links_downloads_and_refuses_updates(open_app, app_store):
    at = open_app(app_store, "sparql")
    at.selectbox[0].select("app-measure-adopters").run()
    assert "哪些地方推行了某项举措" in texts(at)
    at.text_input(key="param-app-measure-adopters-measure").input(YJSYCB).run()
    at.button[0].click().run()
    result = frame(at, "place")
    assert any(v.startswith("./place?iri=") for v in result["place"])
    assert len(at.get("download_button")) == 2
    at.text_area[0].input("INSERT DATA { <x:a> <x:b> <x:c> }").run()
    at.button[0].click().run()
    assert any("read-only" in e.value for e in at.error)


def test_upload_ingests_and_shows_what_it_found(open_app, fresh_store):
    at = open_app(fresh_store, "upload")
    text = ("营商环境工作动态\n\n（3）\n\n洛阳市营商环境建设服务中心        2023 年 6 月 1 日\n\n【本地速览】\n\n"
            "洛阳市推行“一网通办”  5 月 30 日，洛阳市全面推行“一网通办”，企业办事更便捷。\n")
    assert at.file_uploader[0].allowed_type == [".txt", ".pdf", ".docx", ".html", ".htm"]
    at.file_uploader[0].set_value([("../../洛阳 简报.txt", text.encode("utf-8"), "text/plain")]).run()
    at.button[0].click().run()
    assert not at.exception
    shown = texts(at)
    assert any("洛阳_简报.txt — ingested" in e.label for e in at.expander)
    assert "洛阳市" in shown and "一网通办" in shown
    adoptions = frame(at, "measureLabel")
    assert any("一网通办" in v for v in adoptions["measureLabel"])
    uploads = fresh_store.with_name("store-app") / "uploads"
    assert (uploads / "洛阳_简报.txt").exists()
    assert ROOT not in uploads.parents, "uploads are kept outside the code tree"


@pytest.mark.parametrize("action", ["merge", "reject", "accept"])
def test_curation_decisions_apply_now_and_persist(open_app, fresh_store, action):
    at = open_app(fresh_store, "upload")
    assert "企业服务直通车" in at.selectbox(key="candidate").format_func(at.selectbox(key="candidate").value)
    at.radio(key="action").set_value(action).run()
    if action == "merge":
        target = ID + "measure/bbdb"  # 帮办代办
        at.selectbox(key=f"target-{at.selectbox(key='candidate').value}").select(target).run()
    next(b for b in at.button if b.proto.label.startswith("保存决定")).click().run()
    assert not at.exception
    assert any("Saved “企业服务直通车”" in s.value for s in at.success)
    saved = json.loads((fresh_store.with_name("store-app") / "curation.json").read_text(encoding="utf-8"))
    assert saved["decisions"][0]["label"] == "企业服务直通车" and saved["decisions"][0]["action"] == action
    assert "No candidate measures to review" in texts(at)
    place = open_app(fresh_store, "place", ID + "place/411082")  # 长葛市
    measures = {v.split("name=")[-1] for v in frame(place, "measureLabel")["measureLabel"]} \
        if any("measureLabel" in d.value.columns for d in place.dataframe) else set()
    expected = {"merge": "帮办代办", "accept": "企业服务直通车", "reject": None}[action]
    if expected:
        assert expected in measures
    else:
        assert "企业服务直通车" not in measures


def test_export_offers_every_format(open_app, app_store):
    from kg.export import FORMATS

    at = open_app(app_store, "export")
    labels = [b.proto.label for b in at.get("download_button")]
    for fmt, (suffix, _) in FORMATS.items():
        assert f"{fmt} ({suffix})" in labels


def test_hidden_item_page_without_iri_explains_itself(open_app, app_store):
    at = open_app(app_store, "item")
    assert "Open a news item from an evidence link" in texts(at)


def test_unknown_entity_says_so(open_app, app_store):
    at = open_app(app_store, "measure", ID + "measure/no-such-thing")
    assert any("No such measure" in e.value for e in at.error)
