"""The pipeline's own behaviour: curation decisions are applied on ingest."""
from __future__ import annotations

from pathlib import Path

from kg.curation import Curation, Decision, save_curation
from kg.pipeline import ingest
from kg.query import with_prefixes
from kg.store import open_store

DATA = Path(__file__).parent / "data"


def candidate_labels(store, source: str = "") -> set[str]:
    """Labels of candidate measures mentioned in the documents (from one file, if named)."""
    found = store.query(with_prefixes("SELECT DISTINCT ?f ?l WHERE { ?g pmkg:sourceFile ?f . "
                                      "?i dct:isPartOf ?g ; pmkg:mentions ?m . "
                                      "?m a pmkg:CandidateMeasure ; rdfs:label ?l }"))
    return {row[1].value for row in found.rows if not source or row[0].value == source}


def test_a_rejected_candidate_is_left_out_of_later_ingests(tmp_path):
    location = str(tmp_path / "store")
    with open_store(location) as store:
        list(ingest([DATA / "newsletter_pdf_layout.txt"], store))
        assert "三联办" in candidate_labels(store)
    curation = Curation()
    curation.decide(Decision(label="三联办", action="reject"))
    save_curation(location, curation)
    with open_store(str(tmp_path / "store2")) as other:  # a store without decisions keeps it
        list(ingest([DATA / "newsletter_pdf_layout.txt"], other))
        assert "三联办" in candidate_labels(other)
    fresh = tmp_path / "copy.txt"
    fresh.write_text((DATA / "newsletter_pdf_layout.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with open_store(location) as store:
        steps = list(ingest([fresh], store))
        assert [s.status for s in steps] == ["ingested"]
        assert "三联办" not in candidate_labels(store, "copy.txt")


def test_content_replaced_earlier_in_a_batch_is_stored_again_under_another_name(tmp_path):
    """a/x.txt (A), then b/x.txt (B) replaces it, then y.txt holds A again: A must be stored."""
    text_a = (DATA / "newsletter_pdf_layout.txt").read_text(encoding="utf-8")
    text_b = (DATA / "county_numbered.txt").read_text(encoding="utf-8")
    files = [tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", tmp_path / "y.txt"]
    for f, text in zip(files, (text_a, text_b, text_a)):
        f.parent.mkdir(exist_ok=True)
        f.write_text(text, encoding="utf-8")
    with open_store(":memory:") as store:
        steps = list(ingest(files, store))
        assert [s.status for s in steps] == ["ingested", "ingested", "ingested"]
        assert {d.source_file for d in store.documents()} - {None} == {"x.txt", "y.txt"}
        assert steps[2].doc_iri == steps[0].doc_iri
