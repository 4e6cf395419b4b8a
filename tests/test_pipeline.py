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
    found = store.query(with_prefixes("SELECT DISTINCT ?f ?l WHERE { GRAPH ?g { ?g pmkg:sourceFile ?f . "
                                      "?i pmkg:mentions ?m . ?m a pmkg:CandidateMeasure ; rdfs:label ?l } }"))
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
