"""Golden cases: each tests/data/<case>.txt comes with <case>.json listing the facts it must yield.

The cases are bulletins written for these tests in the shapes real ones take (a PDF text layer
with hard wraps and letter spacing; a web article with a source line; a web newsletter with a
table of contents and bullets). A traditional-character copy must yield the same entities."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.clean import simplify
from kg.pipeline import process, process_text
from kg.vocab import norm

DATA = Path(__file__).parent / "data"
SUFFIXES = (".txt", ".html", ".docx", ".pdf")
CASES = sorted(p.stem for p in DATA.glob("*.json") if any((DATA / f"{p.stem}{s}").exists() for s in SUFFIXES))


def source(name: str) -> Path:
    return next(DATA / f"{name}{s}" for s in SUFFIXES if (DATA / f"{name}{s}").exists())


@pytest.fixture(scope="module", params=CASES)
def case(request):
    name = request.param
    expected = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return name, expected, process(source(name))


def _labels(linked, kind: str) -> set[str]:
    out = set()
    for e in linked.entities:
        if e.kind == kind:
            out |= {norm(x) for x in (e.label, *e.alt)}
    return out


def test_masthead(case):
    _, expected, linked = case
    mh = linked.seg.masthead
    got = {"kind": mh.kind, "title": mh.title, "issue": mh.issue, "publisher": mh.publisher, "date": mh.date}
    assert got == expected["masthead"]


def test_items(case):
    _, expected, linked = case
    items = [(it.section, it.headline) for it in linked.seg.items]
    assert len(items) == len(expected["items"])
    for (section, headline), (want_section, want_head) in zip(items, expected["items"]):
        assert section == want_section
        assert headline.startswith(want_head)


def test_places(case):
    _, expected, linked = case
    assert {e.attr("adcode") for e in linked.entities if e.kind == "place"} >= set(expected["places"])


def test_agencies(case):
    _, expected, linked = case
    labels = _labels(linked, "agency")
    assert {norm(a) for a in expected["agencies"]} <= labels


def test_posts(case):
    _, expected, linked = case
    names = {e.key: e.alt[0] if e.alt else e.label for e in linked.entities if e.kind == "official"}
    posts = {(names[p.official], p.title, p.jurisdiction) for p in linked.posts}
    assert {tuple(p) for p in expected["posts"]} <= posts


def test_measures(case):
    _, expected, linked = case
    labels = _labels(linked, "measure")
    assert {norm(m) for m in expected["measures"]} <= labels
    assert not {norm(m) for m in expected["not_measures"]} & labels


def test_adoptions(case):
    _, expected, linked = case
    by_key = {e.key: {norm(x) for x in (e.label, *e.alt)} for e in linked.entities if e.kind == "measure"}
    got = {(a.place, label) for a in linked.adoptions for label in by_key[a.measure]}
    for place, measure in expected["adoptions"]:
        assert (place, norm(measure)) in got, (place, measure)


def test_documents(case):
    _, expected, linked = case
    assert {norm(d) for d in expected["documents"]} <= _labels(linked, "document")


def test_every_adoption_has_evidence_inside_its_item(case):
    _, _, linked = case
    items = {it.position: it for it in linked.seg.items}
    for a in linked.adoptions:
        it = items[a.item]
        assert it.start <= a.start < a.end <= it.end


def test_traditional_copy_yields_the_same_entities(case):
    name, _, linked = case
    from opencc import OpenCC

    simplified = linked.seg.clean.original
    traditional = OpenCC("s2t").convert(simplified)
    assert traditional != simplified
    assert simplify(traditional) == simplify(simplified) or len(traditional) == len(simplified)
    trad = process_text(traditional, source(name).name)
    keys = {e.key for e in linked.entities if e.kind != "document"}
    trad_keys = {e.key for e in trad.entities if e.kind != "document"}
    assert trad_keys == keys
    assert {(a.place, a.measure) for a in trad.adoptions} == {(a.place, a.measure) for a in linked.adoptions}


def test_the_graph_of_every_case_conforms_to_the_shapes(tmp_path):
    from kg.pipeline import Summary, build
    from kg.validate import validate_file

    out = tmp_path / "cases.ttl"
    summary = Summary()
    for _ in build([source(name) for name in CASES], out, summary):
        pass
    assert summary.count("ingested") == len(CASES)
    report = validate_file(out)
    assert report.conforms, report.text
