"""Resolution on short invented texts: which place, agency, post and adoption a mention becomes."""
from __future__ import annotations

from kg.pipeline import process_text
from kg.records import Linked


def labels(linked: Linked, kind: str) -> list[str]:
    return [e.label for e in linked.entities if e.kind == kind]


def test_an_ambiguous_name_in_a_list_takes_the_level_of_its_neighbours():
    linked = process_text("青海省召开会议。山东、河南、湖北、广东、海南等省份开展了优化营商环境试点。")
    places = labels(linked, "place")
    assert "河南省" in places and "海南省" in places
    assert "河南蒙古族自治县" not in places and "海南藏族自治州" not in places


def test_a_literary_province_name_is_the_province():
    linked = process_text("读懂龙江丨黑龙江省持续优化营商环境,创新开展“龙江政商沙龙”活动。")
    places = labels(linked, "place")
    assert places == ["黑龙江省"]
