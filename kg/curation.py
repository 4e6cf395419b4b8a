"""Analysts' decisions about candidate measures, kept beside the store and applied on ingest.

A candidate measure is a phrase the extractor took for a reform measure that the thesaurus does
not know (`pmkg:CandidateMeasure`, with a `pmkg:confidence`). graph.py mints its IRI from its
normalised label, so the label is its identity across documents, and decisions are keyed by it:

    accept   it is a measure: drop the candidate flag (optionally relabel or re-categorise it)
    merge    it is a variant of an existing concept: every mention, adoption and shortcut now
             points at that concept, and the phrase becomes one of its skos:altLabels
    reject   it is not a measure: its node, mentions and adoptions go

Decisions live in `curation.json` in the store's state folder (`state_dir`), and are applied two
ways that give the same graph:

    apply_curation(linked, curation)   on a document being ingested (the pipeline calls it)
    curate_store(store, curation)      on documents already in the store (the app calls it)
"""
from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.records import Entity, Linked

log = logging.getLogger(__name__)

ACTIONS = ("accept", "merge", "reject")
FILE_NAME = "curation.json"
PMKG = "https://w3id.org/pmkg/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS = "http://www.w3.org/2004/02/skos/core#"
CANDIDATE = ox.NamedNode(PMKG + "CandidateMeasure")
CONFIDENCE = ox.NamedNode(PMKG + "confidence")
PREF, ALT, BROADER = (ox.NamedNode(SKOS + n) for n in ("prefLabel", "altLabel", "broader"))


def state_dir(location: str | os.PathLike[str] | None) -> Path | None:
    """The folder beside a store for what is not RDF: curation, the app's uploads and history.

    `$PMKG_APP_DIR` wins; a store folder `x` gets `x-app` next to it; a remote store gets
    `./pmkg-app`; an in-memory store gets none.

    >>> state_dir("/data/pmkg-store").as_posix() if "PMKG_APP_DIR" not in os.environ else None
    '/data/pmkg-store-app'
    """
    if os.environ.get("PMKG_APP_DIR"):
        return Path(os.environ["PMKG_APP_DIR"])
    where = str(location) if location is not None else os.environ.get("PMKG_STORE") or "./pmkg-store"
    if where == ":memory:":
        return None
    if where.startswith(("http://", "https://")):
        return Path("pmkg-app").resolve()
    p = Path(where).expanduser().resolve()
    return p.with_name(p.name + "-app")


def curation_file(location: str | os.PathLike[str] | None) -> Path | None:
    """Where a store's curation decisions are kept (None for an in-memory store)."""
    folder = state_dir(location)
    return folder / FILE_NAME if folder is not None else None


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one candidate measure, named by its label."""

    label: str
    action: str
    #: merge: the concept's IRI, label and category IRI
    target: str | None = None
    target_label: str | None = None
    #: accept: a category IRI to use (None keeps the guessed one); merge: the target's category
    category: str | None = None
    #: accept: a better label (None keeps the phrase)
    new_label: str | None = None
    decided: str = ""

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"candidate {self.label!r}: unknown action {self.action!r}; "
                             f"use one of {', '.join(ACTIONS)}")
        if self.action == "merge" and not (self.target and self.target_label):
            raise ValueError(f"candidate {self.label!r}: merge needs the target concept's IRI and label")


@dataclass(slots=True)
class Curation:
    """Every decision, by candidate label."""

    decisions: dict[str, Decision] = field(default_factory=dict)

    def decide(self, decision: Decision) -> None:
        """Record a decision (replacing any earlier one for the same candidate), time-stamped."""
        stamp = decision.decided or datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.decisions[decision.label] = replace(decision, decided=stamp)

    def undo(self, label: str) -> None:
        """Forget the decision about a candidate (later ingests treat it as a candidate again)."""
        self.decisions.pop(label, None)

    def __bool__(self) -> bool:
        return bool(self.decisions)


def load_curation(location: str | os.PathLike[str] | None) -> Curation:
    """Read a store's decisions (none if the file or the state folder does not exist).

    Raises:
        StoreError: the file exists but is not a readable decision list.
    """
    path = curation_file(location)
    if path is None or not path.exists():
        return Curation()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Curation({d["label"]: Decision(**d) for d in raw.get("decisions", [])})
    except (OSError, ValueError, TypeError, KeyError) as e:
        raise StoreError(f"{path}: cannot read curation decisions ({e}); fix or delete the file") from e


def save_curation(location: str | os.PathLike[str] | None, curation: Curation) -> Path:
    """Write a store's decisions atomically; returns the file written."""
    path = curation_file(location)
    if path is None:
        raise StoreError("an in-memory store keeps no curation file; set $PMKG_APP_DIR")
    data = {"version": 1, "decisions": [asdict(d) for d in sorted(curation.decisions.values(),
                                                                  key=lambda d: d.label)]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as e:
        raise StoreError(f"{path}: cannot write curation decisions: {e}") from e
    return path


# ---------------------------------------------------------------------------------------------
# On a document being ingested
# ---------------------------------------------------------------------------------------------

def apply_curation(linked: Linked, curation: Curation) -> Linked:
    """Apply the decisions to one linked document before graph.py turns it into quads."""
    if not curation:
        return linked
    rename: dict[str, str] = {}
    drop: set[str] = set()
    entities: dict[str, Entity] = {}
    for e in linked.entities:
        d = curation.decisions.get(e.label) if e.kind == "measure" and e.attr("confidence") else None
        if d is None:
            _add(entities, e)
        elif d.action == "reject":
            drop.add(e.key)
        elif d.action == "accept":
            _add(entities, _accepted(e, d))
        else:
            rename[e.key] = "measure:" + str(d.target)
            attrs = (("category", d.category or ""), ("iri", str(d.target)), ("kind", "measure"))
            _add(entities, Entity("measure", rename[e.key], str(d.target_label), (*e.alt, e.label), attrs))
    refs = tuple(replace(r, key=rename.get(r.key, r.key)) for r in linked.refs if r.key not in drop)
    adoptions = tuple(replace(a, measure=rename.get(a.measure, a.measure))
                      for a in linked.adoptions if a.measure not in drop)
    return replace(linked, entities=tuple(entities.values()), refs=refs, adoptions=adoptions)


def _accepted(e: Entity, d: Decision) -> Entity:
    attrs = tuple((k, v) for k, v in e.attrs if k not in {"confidence", "category"})
    category = d.category or e.attr("category") or ""
    label = d.new_label or e.label
    alt = (*e.alt, e.label) if label != e.label else e.alt
    return Entity(e.kind, e.key, label, alt, tuple(sorted((*attrs, ("category", category)))))


def _add(entities: dict[str, Entity], e: Entity) -> None:
    old = entities.get(e.key)
    if old is not None:  # a merged candidate meets its concept: one entity, every variant
        e = Entity(old.kind, old.key, old.label, tuple(dict.fromkeys((*old.alt, *e.alt))), old.attrs)
    entities[e.key] = e


# ---------------------------------------------------------------------------------------------
# On documents already in the store
# ---------------------------------------------------------------------------------------------

def curate_quads(quads: Iterable[ox.Quad], curation: Curation, graph: ox.NamedNode) -> list[ox.Quad]:
    """Rewrite one document graph's quads as `apply_curation` would have written them."""
    from kg.graph import entity_iri

    quads = list(quads)
    typed = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object == CANDIDATE}
    candidates = {q.subject: q.object.value for q in quads
                  if q.predicate == RDFS_LABEL and q.subject in typed}
    plan = {iri: curation.decisions[label] for iri, label in candidates.items()
            if label in curation.decisions}
    if not plan:
        return quads
    doomed = _doomed(quads, {i for i, d in plan.items() if d.action == "reject"})
    targets = {i: ox.NamedNode(str(d.target)) for i, d in plan.items() if d.action == "merge"}
    renamed = _renamed_adoptions(quads, targets, entity_iri)
    out: list[ox.Quad] = []
    for q in quads:
        if q.subject in doomed or q.object in doomed:
            continue
        if q.subject in plan:
            out.extend(_subject_quads(q, plan[q.subject], graph))
            continue
        s, o = renamed.get(q.subject, q.subject), targets.get(q.object, renamed.get(q.object, q.object))
        out.append(ox.Quad(s, q.predicate, o, graph))
    for iri, d in plan.items():
        label = candidates[iri]
        if d.action == "merge":
            out.extend(_target_quads(targets[iri], d, label, graph))
        elif d.action == "accept" and d.new_label and d.new_label != label:
            out.append(ox.Quad(iri, ALT, ox.Literal(label), graph))
    return list(dict.fromkeys(out))


def _doomed(quads: list[ox.Quad], rejected: set) -> set:
    """Rejected candidates plus the mentions and adoptions that point at them."""
    refers, measure = ox.NamedNode(PMKG + "refersTo"), ox.NamedNode(PMKG + "measure")
    return rejected | {q.subject for q in quads if q.predicate in (refers, measure) and q.object in rejected}


def _renamed_adoptions(quads: list[ox.Quad], targets: dict, entity_iri) -> dict:
    """Adoption IRIs of merged candidates, re-minted with the concept's key as graph.py does."""
    place_p, measure_p = ox.NamedNode(PMKG + "place"), ox.NamedNode(PMKG + "measure")
    derived = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    by_adoption: dict = {}
    for q in quads:
        if q.predicate in (place_p, measure_p, derived):
            by_adoption.setdefault(q.subject, {})[q.predicate.value] = q.object
    out = {}
    for node, facts in by_adoption.items():
        target = targets.get(facts.get(measure_p.value))
        item, place = facts.get(derived.value), facts.get(place_p.value)
        if target is None or item is None or place is None:
            continue
        m = re.search(r"/item/([0-9a-f]+)-(\d+)$", item.value)
        if m:
            code = place.value.rsplit("/", 1)[-1]
            out[node] = entity_iri(f"adoption:{m.group(1)}|{m.group(2)}|{code}|measure:{target.value}")
    return out


def _subject_quads(q: ox.Quad, d: Decision, graph: ox.NamedNode) -> list[ox.Quad]:
    """What becomes of one quad about a curated candidate."""
    if d.action == "merge":
        if q.predicate == ALT and not _known_form(str(d.target), q.object.value):
            return [ox.Quad(ox.NamedNode(str(d.target)), ALT, q.object, graph)]  # now the concept's
        return []
    if q.predicate == CONFIDENCE or (q.predicate == RDF_TYPE and q.object == CANDIDATE):
        return []
    if q.predicate == BROADER and d.category:
        return [ox.Quad(q.subject, BROADER, ox.NamedNode(d.category), graph)]
    if q.predicate in (RDFS_LABEL, PREF) and d.new_label:
        return [ox.Quad(q.subject, q.predicate, ox.Literal(d.new_label), graph)]
    if q.predicate == ALT and d.new_label and q.object.value == d.new_label:
        return []
    return [q]


def _known_form(concept: str, label: str) -> bool:
    """Whether `label` is already one of a thesaurus concept's labels (reference data)."""
    from kg.graph import concept_forms
    from kg.vocab import norm

    forms = concept_forms(concept)
    return forms is not None and norm(label) in forms


def _target_quads(target: ox.NamedNode, d: Decision, label: str, graph: ox.NamedNode) -> list[ox.Quad]:
    """The concept's own quads in this document, as graph.py writes a measure: a thesaurus
    concept gets only the variants it does not know, anything else its class and labels too."""
    from kg.graph import concept_forms

    if concept_forms(target.value) is not None:
        return [] if _known_form(target.value, label) else [ox.Quad(target, ALT, ox.Literal(label), graph)]
    category = d.category or "https://w3id.org/pmkg/id/category/other"
    out = [ox.Quad(target, RDF_TYPE, ox.NamedNode(PMKG + "Measure"), graph),
           ox.Quad(target, RDF_TYPE, ox.NamedNode(SKOS + "Concept"), graph),
           ox.Quad(target, RDFS_LABEL, ox.Literal(str(d.target_label)), graph),
           ox.Quad(target, PREF, ox.Literal(str(d.target_label)), graph),
           ox.Quad(target, BROADER, ox.NamedNode(category), graph)]
    if label != d.target_label:
        out.append(ox.Quad(target, ALT, ox.Literal(label), graph))
    return out


_CANDIDATE_GRAPHS = """
SELECT DISTINCT ?g ?label WHERE { GRAPH ?g { ?c a pmkg:CandidateMeasure ; rdfs:label ?label } }
"""


def curate_store(store, curation: Curation,
                 on_replace: Callable[[str, list[ox.Quad], list[ox.Quad]], None] | None = None) -> list[str]:
    """Rewrite every stored document that names a decided candidate; returns their IRIs.

    Each document is replaced in one transaction; `on_replace(doc, old_quads, new_quads)` is
    called after each, for whatever is derived from documents (e.g. materialised aggregates).
    """
    from kg.query import with_prefixes

    store.upgrade_layout()  # a store written before kg.store_base.layout: once
    found = store.query(with_prefixes(_CANDIDATE_GRAPHS), timeout_s=120)
    graphs = sorted({row[0].value for row in found.rows if row[1].value in curation.decisions})
    for g in graphs:
        node = ox.NamedNode(g)
        old = store.document_content(g)
        new = curate_quads(old, curation, node)
        store.replace_document(g, new)
        if on_replace is not None:
            on_replace(g, old, new)
        log.info("curated %s", g)
    return graphs
