from __future__ import annotations

import pytest

from kg.gazetteer import gazetteer, short_form


@pytest.mark.parametrize("code, name, level, parent", [
    ("410400", "平顶山市", "prefecture", "410000"),
    ("511504", "叙州区", "county", "511500"),
    ("500156", "武隆区", "county", "500000"),
    ("350112", "长乐区", "county", "350100"),
    ("110000", "北京市", "province", None),
    ("500105", "江北区", "county", "500000"),  # in force, though the source table lists 两江新区 for it
])
def test_current_codes(code, name, level, parent):
    p = gazetteer().get(code)
    assert (p.name, p.level, p.parent) == (name, level, parent)


def test_zones_are_no_divisions_but_name_their_host():
    g = gazetteer()
    assert g.get("500157") is None and g.get("320576") is None  # 两江新区, 苏州工业园区
    assert g.forms["两江新区"] == {"500000"} and g.forms["江北区"] == {"330205", "500105"}


def test_coordinates_where_known():
    p = gazetteer().get("410400")
    assert 33 < p.lat < 34 and 113 < p.lon < 114


@pytest.mark.parametrize("form, code", [("平顶山", "410400"), ("包头", "150200"), ("淅川", "411326"),
                                        ("鹰城", "410400"), ("内蒙古", "150000"), ("广西", "450000")])
def test_surface_forms(form, code):
    assert code in gazetteer().forms[form]


@pytest.mark.parametrize("word", ["资源", "公安", "比如", "会同", "老城区"])
def test_common_words_are_not_place_forms(word):
    assert word not in gazetteer().forms


def test_short_forms():
    assert short_form("张家川回族自治县", "county") == "张家川"
    assert short_form("卫东区", "county") is None


def test_a_division_the_source_table_lacks_is_in_the_gazetteer():
    from kg.pipeline import process_text
    linked = process_text("某市简报\n\n渝北区政务服务管理办公室推出“拿地即开工”，企业拿地后当天即可开工。")
    assert ("place:500112", "渝北区") in {(e.key, e.label) for e in linked.entities}
    assert gazetteer().places["500112"].parent == "500000"
