"""kg.graph: records → quads."""
from __future__ import annotations

from kg.graph import PMKG, document_quads, reference_quads
from kg.pipeline import process_text

COUNTRY = "https://w3id.org/pmkg/id/place/100000"


def objects(quads, predicate: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate.value == PMKG + predicate:
            out.setdefault(q.subject.value, set()).add(q.object.value)
    return out


def test_the_country_is_reference_data_that_national_bodies_sit_in_but_no_item_names():
    country = [q for q in reference_quads() if q.subject.value == COUNTRY]
    assert {(q.predicate.value.rsplit("#", 1)[-1], q.object.value) for q in country} >= {
        ("adcode", "100000"), ("level", "country")}
    quads = document_quads(process_text(
        "某市召开推进会\n\n会议要求落实李强总理部署。国家发展改革委副主任张建国出席,平顶山市发改委主任李文华讲话。"))
    city = "https://w3id.org/pmkg/id/place/410400"
    # 国家发展和改革委员会 sits in the country, 平顶山市发展和改革委员会 in its city
    assert sorted(map(sorted, objects(quads, "locatedIn").values())) == [[COUNTRY], [city]]
    # 总理 is a post of the country, 主任 of the city's commission
    assert sorted(map(sorted, objects(quads, "jurisdiction").values())) == [[COUNTRY], [city]]
    assert COUNTRY not in {o for os in objects(quads, "mentions").values() for o in os}
