"""kg.curation: decisions about candidate measures, applied on ingest and to stored documents alike."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.appdata import EXAMPLE, FIXTURE, ID
from kg.curation import (Curation, Decision, apply_curation, curate_quads, curate_store, curation_file,
                         load_curation, save_curation, state_dir)
from kg.errors import StoreError

CANDIDATE = "企业服务直通车"
BBDB = ID + "measure/bbdb"  # 帮办代办
ZWFW = ID + "category/zhengwu-fuwu"
DECISIONS = {
    "accept": Decision(CANDIDATE, "accept"),
    "accept-relabelled": Decision(CANDIDATE, "accept", category=ID + "category/qiye-fuwu", new_label="企业直通车"),
    "merge": Decision(CANDIDATE, "merge", target=BBDB, target_label="帮办代办", category=ZWFW),
    "reject": Decision(CANDIDATE, "reject"),
}


@pytest.fixture(scope="module")
def linked():
    from kg.pipeline import process

    return {p.name: process(p) for p in (FIXTURE, EXAMPLE)}


def triples(quads) -> set:
    return {(q.subject, q.predicate, q.object) for q in quads}


@pytest.mark.parametrize("case", sorted(DECISIONS))
def test_curating_on_ingest_and_in_the_store_give_the_same_graph(linked, case):
    from kg.graph import doc_iri, document_quads

    doc = linked[FIXTURE.name]
    cur = Curation()
    cur.decide(DECISIONS[case])
    on_ingest = triples(document_quads(apply_curation(doc, cur)))
    graph = doc_iri(doc.source.sha256)
    in_store = triples(curate_quads(document_quads(doc), cur, graph))
    assert on_ingest == in_store
    assert on_ingest != triples(document_quads(doc))


def test_every_candidate_of_the_example_round_trips(linked):
    from kg.graph import doc_iri, document_quads

    doc = linked[EXAMPLE.name]
    labels = [e.label for e in doc.entities if e.kind == "measure" and e.attr("confidence")]
    assert len(labels) >= 3
    cur = Curation()
    actions = ("accept", "merge", "reject")
    for k, label in enumerate(labels):
        action = actions[k % 3]
        cur.decide(Decision(label, action, **({"target": BBDB, "target_label": "帮办代办", "category": ZWFW}
                                              if action == "merge" else {})))
    graph = doc_iri(doc.source.sha256)
    assert triples(document_quads(apply_curation(doc, cur))) == \
        triples(curate_quads(document_quads(doc), cur, graph))


def test_what_each_decision_does(linked):
    from kg.graph import document_quads

    doc = linked[FIXTURE.name]
    for case, decision in DECISIONS.items():
        cur = Curation()
        cur.decide(decision)
        out = apply_curation(doc, cur)
        labels = {e.label: e for e in out.entities if e.kind == "measure"}
        text = "\n".join(str(q) for q in document_quads(out))
        assert "CandidateMeasure" not in text, case
        if case == "reject":
            assert CANDIDATE not in labels and all("企业服务直通车" not in r.text for r in out.refs)
        elif case == "merge":
            assert CANDIDATE in labels["帮办代办"].alt
            assert any(a.measure == "measure:" + BBDB for a in out.adoptions)
        elif case == "accept-relabelled":
            assert "企业直通车" in labels and CANDIDATE in labels["企业直通车"].alt
    assert apply_curation(doc, Curation()) is doc


def test_decisions_persist_beside_the_store(tmp_path, monkeypatch):
    monkeypatch.delenv("PMKG_APP_DIR", raising=False)
    store = tmp_path / "store"
    assert curation_file(store) == tmp_path / "store-app" / "curation.json"
    assert not load_curation(store)
    cur = Curation()
    cur.decide(DECISIONS["merge"])
    cur.decide(Decision("五化", "reject"))
    path = save_curation(store, cur)
    again = load_curation(store)
    assert again.decisions[CANDIDATE].target == BBDB and again.decisions["五化"].action == "reject"
    assert again.decisions[CANDIDATE].decided, "a decision carries its time"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    again.undo("五化")
    save_curation(store, again)
    assert set(load_curation(store).decisions) == {CANDIDATE}


def test_bad_decisions_and_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("PMKG_APP_DIR", raising=False)
    with pytest.raises(ValueError, match="unknown action"):
        Decision("x", "maybe")
    with pytest.raises(ValueError, match="merge needs"):
        Decision("x", "merge")
    broken = tmp_path / "store-app" / "curation.json"
    broken.parent.mkdir()
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot read curation"):
        load_curation(tmp_path / "store")


def test_state_dir_for_each_kind_of_store(tmp_path, monkeypatch):
    monkeypatch.delenv("PMKG_APP_DIR", raising=False)
    assert state_dir(":memory:") is None and curation_file(":memory:") is None
    assert state_dir("http://localhost:7878") == Path("pmkg-app").resolve()
    monkeypatch.setenv("PMKG_APP_DIR", str(tmp_path / "elsewhere"))
    assert state_dir(":memory:") == tmp_path / "elsewhere"
    with pytest.raises(StoreError, match="in-memory"):
        monkeypatch.delenv("PMKG_APP_DIR")
        save_curation(":memory:", Curation())


def test_curate_store_rewrites_stored_documents_once(fresh_store, store_of):
    from kg.app.data import place_adoptions
    from kg.query import with_prefixes

    db = store_of(fresh_store)
    cur = Curation()
    cur.decide(DECISIONS["merge"])
    seen = []
    rewritten = curate_store(db, cur, on_replace=lambda doc, old, new: seen.append((doc, len(old), len(new))))
    assert len(rewritten) == 1 and [d for d, _, _ in seen] == rewritten
    assert seen[0][1] != seen[0][2]
    ask = db.query(with_prefixes("ASK { ?c a pmkg:CandidateMeasure }"))
    assert ask.boolean is False
    adopters = place_adoptions(db, [BBDB])
    assert ID + "place/411082" in set(adopters["place"])  # 长葛市 now adopts 帮办代办
    assert curate_store(db, cur) == [], "nothing left to rewrite"
