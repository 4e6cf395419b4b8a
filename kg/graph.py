"""Records → RDF quads. The ONLY module that mints IRIs.

Each source document gets its own named graph (its document IRI); the gazetteer and the measure
thesaurus go to the reference graph. IRIs are derived from content hashes and entity keys only,
so the same input always gives the same graph."""
from __future__ import annotations

import hashlib
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg import ONTOLOGY_DIR
from kg.gazetteer import COUNTRY, gazetteer
from kg.records import Entity, Linked
from kg.vocab import norm, vocab

#: kinds of the national bodies (kg/data/agencies_national.tsv) that sit in the country itself:
#: state organs, the party centre, the NPC, the courts. State companies and parties do not.
NATIONAL_KINDS = frozenset({"government", "party", "congress", "court", "procuratorate"})

BASE = "https://w3id.org/pmkg/id/"
PMKG = "https://w3id.org/pmkg/ontology#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
XSD = "http://www.w3.org/2001/XMLSchema#"
REFERENCE_GRAPH = NamedNode(BASE + "graph/reference")
CATEGORY_OTHER = BASE + "category/other"


@lru_cache(maxsize=None)
def p(ns: str, local: str) -> NamedNode:
    """A vocabulary term (cached: the same few dozen terms are used for every quad)."""
    return NamedNode(ns + local)


def _slug(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _lit(value: object, dtype: str | None = None, lang: str | None = None) -> Literal:
    if dtype:
        return Literal(str(value), datatype=NamedNode(XSD + dtype))
    if lang:
        return Literal(str(value), language=lang)
    return Literal(str(value))


def doc_iri(sha256: str) -> NamedNode:
    return NamedNode(f"{BASE}doc/{sha256[:16]}")


def entity_iri(key: str) -> NamedNode:
    """The IRI of an entity key: places by code, thesaurus measures by their concept IRI."""
    kind, _, ident = key.partition(":")
    if kind == "place":
        return NamedNode(f"{BASE}place/{ident}")
    if kind == "measure" and not ident.startswith("?"):
        return NamedNode(ident)
    return NamedNode(f"{BASE}{kind}/{_slug(key)}")


class _Quads:
    """A small helper that collects quads into one named graph."""

    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.out: list[Quad] = []

    def add(self, s, pred: NamedNode, o) -> None:
        self.out.append(Quad(s, pred, o, self.graph))

    def type(self, s, *classes: NamedNode) -> None:
        for c in classes:
            self.add(s, RDF_TYPE, c)


def document_quads(doc: Linked) -> list[Quad]:
    """Every quad of one source document, in its own named graph."""
    g = doc_iri(doc.source.sha256)
    q = _Quads(g)
    _source(q, doc, g)
    items = _items(q, doc, g)
    for e in doc.entities:
        _entity(q, e)
    _mentions(q, doc, items)
    _posts(q, doc)
    _documents(q, doc)
    _adoptions(q, doc, items)
    _observations(q, doc, items)
    return q.out


def _source(q: _Quads, doc: Linked, g: NamedNode) -> None:
    mh, src = doc.seg.masthead, doc.source
    q.type(g, p(PMKG, "SourceDocument"))
    if mh.kind == "newsletter":
        q.type(g, p(PMKG, "Newsletter"))
    q.add(g, p(PMKG, "sourceFile"), _lit(src.name))
    q.add(g, p(PMKG, "contentHash"), _lit(src.sha256))
    q.add(g, p(PMKG, "format"), _lit(src.fmt))
    if mh.title:
        q.add(g, p(DCT, "title"), _lit(mh.title))
    if mh.issue is not None:
        q.add(g, p(PMKG, "issueNumber"), _lit(mh.issue, "integer"))
    if mh.date:
        q.add(g, p(DCT, "issued"), _lit(mh.date, "date"))
    if doc.publisher:
        q.add(g, p(DCT, "publisher"), entity_iri(doc.publisher))
    if doc.home:
        q.add(g, p(PMKG, "homePlace"), entity_iri(f"place:{doc.home}"))


def _items(q: _Quads, doc: Linked, g: NamedNode) -> dict[int, NamedNode]:
    clean, out = doc.seg.clean, {}
    for it in doc.seg.items:
        node = NamedNode(f"{g.value.replace('/doc/', '/item/')}-{it.position}")
        out[it.position] = node
        start, end = clean.span_to_original(it.start, it.end)
        q.type(node, p(PMKG, "NewsItem"))
        q.add(node, p(DCT, "isPartOf"), g)
        q.add(node, p(DCT, "title"), _lit(it.headline or "(untitled)"))
        if it.section:
            q.add(node, p(PMKG, "section"), _lit(it.section))
        q.add(node, p(PMKG, "position"), _lit(it.position, "integer"))
        q.add(node, p(PMKG, "text"), _lit(clean.text[it.start:it.end]))
        q.add(node, p(PMKG, "start"), _lit(start, "integer"))
        q.add(node, p(PMKG, "end"), _lit(end, "integer"))
    return out


_CLASSES = {
    "agency": ("Agency", ORG + "Organization"),
    "official": ("Official",),
    "measure": ("Measure", SKOS + "Concept"),
    "document": ("PolicyDocument",),
}


def _entity(q: _Quads, e: Entity) -> None:
    node = entity_iri(e.key)
    if e.kind == "place":
        return  # places are reference data
    known = concept_forms(node.value) if e.kind == "measure" else None
    if known is not None:
        _concept_variants(q, node, known, e)
        return
    for c in _CLASSES[e.kind]:
        q.type(node, NamedNode(c) if c.startswith("http") else p(PMKG, c))
    q.add(node, p(RDFS, "label"), _lit(e.label))
    for a in e.alt:
        if a and a != e.label:
            q.add(node, p(SKOS, "altLabel"), _lit(a))
    if e.kind == "agency" and (e.attr("place") or e.attr("kind") in NATIONAL_KINDS):
        q.add(node, p(PMKG, "locatedIn"), entity_iri(f"place:{e.attr('place') or COUNTRY.code}"))
    if e.kind == "agency" and e.attr("kind"):
        q.add(node, p(PMKG, "agencyKind"), _lit(e.attr("kind")))
    if e.kind == "measure":
        q.add(node, p(SKOS, "prefLabel"), _lit(e.label))
        q.add(node, p(SKOS, "broader"), NamedNode(e.attr("category") or CATEGORY_OTHER))
        if e.attr("confidence"):
            q.type(node, p(PMKG, "CandidateMeasure"))
            q.add(node, p(PMKG, "confidence"), _lit(e.attr("confidence"), "decimal"))


@lru_cache(maxsize=None)
def concept_forms(iri: str) -> frozenset[str] | None:
    """The normalised labels of a thesaurus concept (None for any other IRI)."""
    concept = vocab().measures.get(iri)
    return frozenset(concept.labels) if concept is not None else None


def _concept_variants(q: _Quads, node: NamedNode, labels: frozenset[str], e: Entity) -> None:
    """A thesaurus measure: its class, labels and category are reference data (written once, in
    the reference graph), so a document adds only the variants the thesaurus does not know.
    Repeating them per document would make every join on a measure's label return one row per
    document that names it (a union of graphs keeps duplicates)."""
    known = set(labels)
    for a in (e.label, *e.alt):
        if a and norm(a) not in known:
            known.add(norm(a))
            q.add(node, p(SKOS, "altLabel"), _lit(a))


def _mentions(q: _Quads, doc: Linked, items: dict[int, NamedNode]) -> None:
    clean, d16 = doc.seg.clean, doc.source.sha256[:16]
    item_start = {it.position: it.start for it in doc.seg.items}
    for r in doc.refs:
        item = items.get(r.item)
        if item is None:
            continue
        target = entity_iri(r.key)
        q.add(item, p(PMKG, "mentions"), target)
        start, end = clean.span_to_original(r.start, r.end)
        if end <= start:
            continue
        m = NamedNode(f"{BASE}mention/{d16}-{start}-{end}-{r.kind}")
        q.type(m, p(PMKG, "Mention"))
        q.add(m, p(PMKG, "inItem"), item)
        q.add(m, p(PMKG, "start"), _lit(start, "integer"))
        q.add(m, p(PMKG, "end"), _lit(end, "integer"))
        q.add(m, p(PMKG, "surface"), _lit(clean.original[start:end]))
        q.add(m, p(PMKG, "refersTo"), target)
        if r.start >= item_start[r.item]:  # where the span sits in the item's pmkg:text
            q.add(m, p(PMKG, "textStart"), _lit(r.start - item_start[r.item], "integer"))
            q.add(m, p(PMKG, "textEnd"), _lit(r.end - item_start[r.item], "integer"))


def _posts(q: _Quads, doc: Linked) -> None:
    for post in doc.posts:
        node = entity_iri(f"post:{post.official}|{post.title}|{post.jurisdiction}|{post.agency}")
        q.add(entity_iri(post.official), p(ORG, "holds"), node)
        q.type(node, p(ORG, "Post"))
        q.add(node, p(PMKG, "title"), _lit(post.title))
        q.add(node, p(RDFS, "label"), _lit(post.title))
        if post.jurisdiction:
            q.add(node, p(PMKG, "jurisdiction"), entity_iri(f"place:{post.jurisdiction}"))
        if post.agency:
            q.add(node, p(ORG, "postIn"), entity_iri(post.agency))


def _documents(q: _Quads, doc: Linked) -> None:
    for key, issuers, day, number in doc.issued:
        node = entity_iri(key)
        for i in issuers:
            q.add(node, p(PMKG, "issuedBy"), entity_iri(i))
        if day:
            q.add(node, p(DCT, "issued"), _lit(day, "date"))
        if number:
            q.add(node, p(PMKG, "documentNumber"), _lit(number))


def _adoptions(q: _Quads, doc: Linked, items: dict[int, NamedNode]) -> None:
    clean, d16 = doc.seg.clean, doc.source.sha256[:16]
    for a in doc.adoptions:
        node = entity_iri(f"adoption:{d16}|{a.item}|{a.place}|{a.measure}")
        place, measure = entity_iri(f"place:{a.place}"), entity_iri(a.measure)
        q.type(node, p(PMKG, "Adoption"))
        q.add(node, p(PMKG, "place"), place)
        q.add(node, p(PMKG, "measure"), measure)
        q.add(node, p(PROV, "wasDerivedFrom"), items[a.item])
        q.add(node, p(PMKG, "stage"), _lit(a.stage))
        if a.date:
            q.add(node, p(DCT, "date"), _lit(a.date, "date"))
            q.add(node, p(PMKG, "datePrecision"), _lit(a.precision))
        start, end = clean.span_to_original(a.start, a.end)
        q.add(node, p(PMKG, "evidence"), NamedNode(f"{BASE}mention/{d16}-{start}-{end}-measure"))
        q.add(place, p(PMKG, "adopts"), measure)


def _observations(q: _Quads, doc: Linked, items: dict[int, NamedNode]) -> None:
    clean, d16 = doc.seg.clean, doc.source.sha256[:16]
    for o in doc.observations:
        start, end = clean.span_to_original(o.start, o.end)
        node = NamedNode(f"{BASE}observation/{d16}-{start}-{end}")
        q.type(node, p(PMKG, "Observation"))
        q.add(node, p(PROV, "wasDerivedFrom"), items[o.item])
        q.add(node, p(PMKG, "measureText"), _lit(o.what))
        q.add(node, p(PMKG, "value"), _lit(o.value, "decimal"))
        q.add(node, p(PMKG, "unit"), _lit(o.unit))
        if o.from_value:
            q.add(node, p(PMKG, "fromValue"), _lit(o.from_value, "decimal"))
        q.add(node, p(PMKG, "surface"), _lit(clean.original[start:end]))
        q.add(node, p(PMKG, "start"), _lit(start, "integer"))
        q.add(node, p(PMKG, "end"), _lit(end, "integer"))


@lru_cache(maxsize=1)
def reference_quads() -> tuple[Quad, ...]:
    """The gazetteer and the measure thesaurus, in the reference graph, with a content hash
    (`pmkg:contentHash` on the graph's IRI) so a store can tell whether its copy is current."""
    quads = _reference()
    digest = hashlib.sha256("\n".join(sorted(str(x) for x in quads)).encode("utf-8")).hexdigest()
    return (*quads, Quad(REFERENCE_GRAPH, p(PMKG, "contentHash"), _lit(digest), REFERENCE_GRAPH))


def _reference() -> list[Quad]:
    q = _Quads(REFERENCE_GRAPH)
    for place in (*gazetteer().places.values(), COUNTRY):
        node = entity_iri(f"place:{place.code}")
        q.type(node, p(PMKG, "Place"))
        q.add(node, p(PMKG, "adcode"), _lit(place.code))
        q.add(node, p(RDFS, "label"), _lit(place.name))
        q.add(node, p(PMKG, "level"), _lit(place.level))
        if place.parent:
            q.add(node, p(PMKG, "within"), entity_iri(f"place:{place.parent}"))
        if place.lat is not None and place.lon is not None:
            q.add(node, p(GEO, "lat"), _lit(place.lat, "decimal"))
            q.add(node, p(GEO, "long"), _lit(place.lon, "decimal"))
    other = NamedNode(CATEGORY_OTHER)
    q.type(other, p(SKOS, "Concept"), p(PMKG, "MeasureCategory"))
    q.add(other, p(SKOS, "prefLabel"), _lit("其他", lang="zh"))
    for name in ("measures.ttl", "titles.ttl", "agency-kinds.ttl"):
        path = ONTOLOGY_DIR / name
        if path.exists():
            with path.open("rb") as fh:
                for t in parse(fh, format=RdfFormat.TURTLE):
                    q.out.append(Quad(t.subject, t.predicate, t.object, REFERENCE_GRAPH))
    return q.out
