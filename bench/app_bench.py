"""Time the app's data functions, page by page, on a large synthetic store (a benchmark, not a test).

    python bench/app_bench.py                      # 100k items in /tmp/pmkg-bench-store (built once)
    python bench/app_bench.py --items 20000 --store /tmp/small-bench --rebuild

The synthetic store has the graph shape `kg/graph.py` writes: one named graph per bulletin of 50
items; each item reports one place adopting one thesaurus measure, with Mention nodes for the place
and the measure (offsets inside `pmkg:text`), an Adoption with its evidence, an official and an
agency; a few candidate measures. The reference graph is the real one (gazetteer and thesaurus).

Each page's data functions are timed twice: cold (what the first visitor after an ingest waits
for) and warm (a rerun, served from the app's cache, here a dict). The target is < 2 s per page.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

from kg.app import console, data, entities, neighbourhood, workspace
from kg.app import search as finder
from kg.graph import BASE, DCT, ORG, PMKG, PROV, RDFS, SKOS, XSD, doc_iri, entity_iri, reference_quads
from kg.gazetteer import gazetteer
from kg.query import load_query
from kg.store import OxigraphStore
from kg.vocab import vocab

ITEMS_PER_DOC = 50
TARGET_S = 2.0
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国文"
TITLES = ("市长", "副市长", "县长", "副县长", "局长", "副局长", "主任", "区长")
STAGES = ("launched", "extended", "promoted", "planned", "reported")


def _nt(value: str, dtype: str | None = None) -> str:
    lit = ox.Literal(value, datatype=ox.NamedNode(XSD + dtype)) if dtype else ox.Literal(value)
    return str(lit)


class _Writer:
    """N-Quads lines for one graph."""

    def __init__(self, graph: str) -> None:
        self.g = f"<{graph}>"
        self.lines: list[str] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"<{s}> <{p}> {o} {self.g} .")

    def iri(self, s: str, p: str, o: str) -> None:
        self.add(s, p, f"<{o}>")


def _world(rng: random.Random, n_officials: int, n_agencies: int, n_candidates: int) -> dict:
    places = [p for p in gazetteer().places.values() if p.lat is not None and p.level != "province"]
    measures = [c for c in vocab().measures.values() if c.kind == "measure"]
    officials = []
    for k in range(n_officials):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) + str(k % 7 or "")
        officials.append((entity_iri(f"official:{name}@{k}").value, name, rng.choice(TITLES),
                          rng.choice(places)))
    agencies = []
    for k in range(n_agencies):
        place = rng.choice(places)
        label = f"{place.name}营商环境建设服务中心{k}"
        agencies.append((entity_iri(f"agency:{label}").value, label, place))
    candidates = [(entity_iri(f"measure:?候选举措{k}").value, f"候选举措{k}") for k in range(n_candidates)]
    return {"places": places, "measures": measures, "officials": officials, "agencies": agencies,
            "candidates": candidates}


def _document(w: dict, rng: random.Random, k: int) -> Iterator[str]:
    sha = hashlib.sha256(f"synthetic-{k}".encode()).hexdigest()
    g = doc_iri(sha).value
    out = _Writer(g)
    issued = date(2018, 1, 1) + timedelta(days=rng.randrange(365 * 7))
    agency_iri, agency_label, agency_place = rng.choice(w["agencies"])
    for t in ("SourceDocument", "Newsletter"):
        out.iri(g, RDF_TYPE, PMKG + t)
    out.add(g, PMKG + "sourceFile", _nt(f"synthetic-{k:05d}.txt"))
    out.add(g, PMKG + "contentHash", _nt(sha))
    out.add(g, DCT + "title", _nt("营商环境工作动态"))
    out.add(g, DCT + "issued", _nt(issued.isoformat(), "date"))
    out.add(g, PMKG + "issueNumber", _nt(str(k), "integer"))
    out.iri(g, DCT + "publisher", agency_iri)
    out.iri(agency_iri, RDF_TYPE, PMKG + "Agency")
    out.iri(agency_iri, RDF_TYPE, ORG + "Organization")
    out.add(agency_iri, RDFS + "label", _nt(agency_label))
    out.iri(agency_iri, PMKG + "locatedIn", entity_iri(f"place:{agency_place.code}").value)
    for pos in range(1, ITEMS_PER_DOC + 1):
        _item(out, w, rng, sha[:16], g, pos, issued, agency_iri)
    yield from out.lines


def _item(out: _Writer, w: dict, rng: random.Random, d16: str, g: str, pos: int, issued: date,
          agency: str) -> None:
    """One news item: one place adopting one measure, one official present; with its mentions."""
    item = g.replace("/doc/", "/item/") + f"-{pos}"
    place = rng.choice(w["places"])
    cand = rng.random() < 0.02
    m_iri, m_label = rng.choice(w["candidates"]) if cand else (lambda c: (c.iri, c.label))(
        rng.choice(w["measures"]))
    official = rng.choice(w["officials"])
    when = issued - timedelta(days=rng.randrange(30))
    head = f"{when.month}月{when.day}日，"
    text = f"{head}{place.name}全面推行{m_label}。{official[2]}{official[1]}出席。"
    out.iri(item, RDF_TYPE, PMKG + "NewsItem")
    out.iri(item, DCT + "isPartOf", g)
    out.add(item, DCT + "title", _nt(f"{place.name}推行{m_label}"))
    out.add(item, PMKG + "section", _nt(rng.choice(("本地速览", "外市动态", "外埠信息"))))
    out.add(item, PMKG + "position", _nt(str(pos), "integer"))
    out.add(item, PMKG + "text", _nt(text))
    place_iri = entity_iri(f"place:{place.code}").value
    for target in (place_iri, m_iri, official[0], agency):
        out.iri(item, PMKG + "mentions", target)
    m0 = len(head) + len(place.name) + 4
    _mention(out, d16, pos, item, place_iri, "place", len(head), place.name)
    evidence = _mention(out, d16, pos, item, m_iri, "measure", m0, m_label)
    _mention(out, d16, pos, item, official[0], "official", m0 + len(m_label) + 1 + len(official[2]), official[1])
    _measure(out, m_iri, m_label, cand)
    _adoption(out, rng, f"{d16}|{pos}|{place.code}|{m_iri}", place_iri, m_iri, item, when, evidence)
    _official(out, *official)


def _measure(out: _Writer, iri: str, label: str, candidate: bool) -> None:
    out.iri(iri, RDF_TYPE, PMKG + "Measure")
    out.add(iri, RDFS + "label", _nt(label))
    out.add(iri, SKOS + "prefLabel", _nt(label))
    if candidate:
        out.iri(iri, RDF_TYPE, PMKG + "CandidateMeasure")
        out.add(iri, PMKG + "confidence", _nt("0.6", "decimal"))
        out.iri(iri, SKOS + "broader", BASE + "category/other")


def _adoption(out: _Writer, rng: random.Random, key: str, place: str, measure: str, item: str, when: date,
              evidence: str) -> None:
    adoption = entity_iri(f"adoption:{key}").value
    out.iri(adoption, RDF_TYPE, PMKG + "Adoption")
    out.iri(adoption, PMKG + "place", place)
    out.iri(adoption, PMKG + "measure", measure)
    out.iri(adoption, PROV + "wasDerivedFrom", item)
    out.add(adoption, PMKG + "stage", _nt(rng.choice(STAGES)))
    out.add(adoption, DCT + "date", _nt(when.isoformat(), "date"))
    out.add(adoption, PMKG + "datePrecision", _nt("day"))
    out.iri(adoption, PMKG + "evidence", evidence)
    out.iri(place, PMKG + "adopts", measure)


def _official(out: _Writer, iri: str, name: str, title: str, place) -> None:
    out.iri(iri, RDF_TYPE, PMKG + "Official")
    out.add(iri, RDFS + "label", _nt(name))
    post = entity_iri(f"post:{iri}|{title}").value
    out.iri(iri, ORG + "holds", post)
    out.iri(post, RDF_TYPE, ORG + "Post")
    out.add(post, PMKG + "title", _nt(title))
    out.iri(post, PMKG + "jurisdiction", entity_iri(f"place:{place.code}").value)


def _mention(out: _Writer, d16: str, pos: int, item: str, target: str, kind: str, start: int,
             surface: str) -> str:
    end = start + len(surface)
    m = f"{BASE}mention/{d16}-{pos}-{start}-{end}-{kind}"
    out.iri(m, RDF_TYPE, PMKG + "Mention")
    out.iri(m, PMKG + "inItem", item)
    out.add(m, PMKG + "surface", _nt(surface))
    out.iri(m, PMKG + "refersTo", target)
    out.add(m, PMKG + "textStart", _nt(str(start), "integer"))
    out.add(m, PMKG + "textEnd", _nt(str(end), "integer"))
    return m


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def build(path: Path, items: int, seed: int = 42) -> None:
    """Write a synthetic store of about `items` news items at `path`."""
    rng = random.Random(seed)
    docs = max(1, items // ITEMS_PER_DOC)
    w = _world(rng, n_officials=max(50, items // 50), n_agencies=max(20, docs // 5),
               n_candidates=max(10, items // 1000))
    store = OxigraphStore(path)
    store.put_reference(reference_quads())
    started = time.perf_counter()
    batch: list[str] = []
    for k in range(docs):
        batch.extend(_document(w, rng, k))
        if len(batch) > 400_000 or k == docs - 1:
            store.db.bulk_load(("\n".join(batch) + "\n").encode("utf-8"), ox.RdfFormat.N_QUADS)
            batch = []
    store.optimize()
    store.close()
    print(f"built {docs} documents, {docs * ITEMS_PER_DOC} items in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Timing the pages' data functions
# ---------------------------------------------------------------------------------------------

class Cache:
    """The app's cache, reduced to a dict: the first call of a function with its arguments is
    timed as cold; later calls are served from the dict, as `st.cache_data` serves reruns."""

    def __init__(self, store) -> None:
        self.store = store
        self.memo: dict = {}
        self.calls: list[tuple[str, float]] = []

    def get(self, fn: Callable, *args):
        key = (fn.__module__, fn.__qualname__, repr(args))  # st.cache_data hashes by value too
        started = time.perf_counter()
        if key not in self.memo:
            self.memo[key] = fn(self.store, *args)
        self.calls.append((fn.__qualname__, time.perf_counter() - started))
        return self.memo[key]

    def pure(self, fn: Callable, *args, **kwargs):
        """A transform that runs on every rerun (not cached)."""
        started = time.perf_counter()
        out = fn(*args, **kwargs)
        self.calls.append((fn.__qualname__, time.perf_counter() - started))
        return out


def _samples(c: Cache) -> dict[str, str]:
    """The busiest measure, place, agency and official, an item and a candidate, to open pages on."""
    cat = c.get(data.measures)
    used = cat[cat["adoptions"] > 0]
    agencies = c.get(entities.listing, "app-agencies", "agency")
    officials = c.get(entities.listing, "app-officials", "official")
    measure = used.iloc[0]["measure"]
    evidence, _ = c.get(entities.adoption_evidence, measure, 50)
    return {"measure": measure, "place": c.get(data.place_adoptions).iloc[0]["place"],
            "agency": agencies.iloc[0]["agency"], "official": officials.iloc[0]["official"],
            "item": evidence[0].item, "candidate": cat[cat["candidate"]].iloc[0]["measure"],
            "top": tuple(used["measure"].head(15)), "top5": tuple(used["measure"].head(5))}


def _common(c: Cache) -> None:
    """What every page runs: the store version, the counts and the labels."""
    c.get(data.version)
    c.get(data.counts)
    c.get(data.labels)


def overview(c: Cache, s: dict) -> None:
    c.pure(data.by_category, c.get(data.measures))
    c.get(data.latest_documents)
    c.get(workspace.changes, c.get(data.counts))


def map_(c: Cache, s: dict, measures: tuple | None = None, half: bool = False) -> None:
    c.get(data.measures)
    lo, hi = c.get(data.date_range)
    between = (lo, lo + (hi - lo) / 2) if half else None
    c.pure(data.map_points, c.get(data.place_adoptions, measures, between), c.get(data.places))


def measure(c: Cache, s: dict) -> None:
    c.get(entities.facts, s["measure"])
    c.get(entities.measure_adopters, s["measure"])
    c.get(entities.measure_timeline, s["measure"])
    c.get(entities.adoption_evidence, s["measure"], 50)


def place(c: Cache, s: dict) -> None:
    c.get(entities.facts, s["place"])
    c.get(entities.place_measures, s["place"])
    c.get(data.measures)
    c.get(entities.linked_rows, "app-place-agencies", "place", s["place"], "agency")
    c.get(entities.place_officials, s["place"])
    c.get(entities.entity_items, s["place"], 100)
    c.get(entities.similar_places, s["place"], 10)


def agency(c: Cache, s: dict) -> None:
    c.get(entities.listing, "app-agencies", "agency")
    c.get(entities.facts, s["agency"])
    c.get(entities.agency_officials, s["agency"])
    c.get(entities.linked_rows, "app-agency-documents", "agency", s["agency"])
    c.get(entities.mention_evidence, s["agency"], 30)


def official(c: Cache, s: dict) -> None:
    c.get(entities.listing, "app-officials", "official")
    c.get(entities.facts, s["official"])
    c.get(entities.official_posts, s["official"])
    c.get(entities.mention_evidence, s["official"], 30)


def item(c: Cache, s: dict) -> None:
    c.get(entities.item_view, s["item"])


def explorer(c: Cache, s: dict) -> None:
    kinds = ("place", "measure", "category", "agency", "official", "document")
    c.get(neighbourhood.neighbourhood, s["measure"], kinds, 2, 60)
    c.get(neighbourhood.neighbourhood, s["place"], kinds, 2, 60)


def matrix(c: Cache, s: dict) -> None:
    names = c.get(data.labels)
    c.pure(data.matrix, c.get(data.first_adoptions, s["top"]), names, "reports", 40)
    c.pure(data.diffusion, c.get(data.first_adoptions, s["top5"]), names)


def sparql(c: Cache, s: dict) -> None:
    """The console's default query, and the latest bulletins."""
    for name in ("app-counts", "app-latest-documents"):
        c.pure(console.execute, c.store, load_query(name).text, {}, limit=1000)


def search(c: Cache, s: dict) -> None:
    """The sidebar search box, typed into on a page already shown."""
    c.pure(finder.search, c.get(finder.search_index), "yijianshi")


def upload(c: Cache, s: dict) -> None:
    c.get(data.measures)
    c.get(entities.mention_evidence, s["candidate"], 3)


#: page → what it runs; `page:change` is a filter change on a page already shown
PAGES: dict[str, Callable[[Cache, dict], None]] = {
    "overview": overview, "map": map_, "map:measure": lambda c, s: map_(c, s, (s["measure"],)),
    "map:dates": lambda c, s: map_(c, s, None, True), "measure": measure, "place": place,
    "agency": agency, "official": official, "item": item, "explorer": explorer, "matrix": matrix,
    "sparql": sparql, "overview:search": search, "upload": upload,
}


def bench(store, verbose: bool = False) -> list[tuple[str, float, float]]:
    """Time each page cold (a fresh cache, as after an ingest) and warm (a rerun).

    `page:change` rows time a filter change on a page already shown (its cache already filled).
    """
    samples = _samples(Cache(store))
    rows = []
    caches: dict[str, Cache] = {}
    for name, page in PAGES.items():
        # an interaction (page:change) starts from its page's cache, as a user changes a filter
        parent = caches.get(name.split(":")[0])
        c = Cache(store)
        if parent is not None:
            c.memo = dict(parent.memo)
        caches[name] = c
        started = time.perf_counter()
        _common(c)
        page(c, samples)
        cold = time.perf_counter() - started
        slowest = sorted(c.calls, key=lambda x: -x[1])[:3]
        c.calls.clear()
        started = time.perf_counter()
        _common(c)
        page(c, samples)
        warm = time.perf_counter() - started
        rows.append((name, cold, warm))
        if verbose:
            print(f"  {name}: slowest cold calls " + ", ".join(f"{n} {t:.2f}s" for n, t in slowest),
                  file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", default="/tmp/pmkg-bench-store", help="where the synthetic store lives")
    parser.add_argument("--items", type=int, default=100_000, help="news items to generate")
    parser.add_argument("--rebuild", action="store_true", help="generate the store again")
    parser.add_argument("-v", "--verbose", action="store_true", help="name the slowest calls per page")
    args = parser.parse_args(argv)
    path = Path(args.store)
    if args.rebuild and path.exists():
        import shutil

        shutil.rmtree(path)
        shutil.rmtree(path.with_name(path.name + "-app"), ignore_errors=True)
    if not path.exists():
        build(path, args.items)
    store = OxigraphStore(path)
    try:
        counts = data.counts(store)
        print(f"store {path}: {counts['documents']:,} documents, {counts['items']:,} items, "
              f"{counts['adoptions']:,} adoptions")
        rows = bench(store, args.verbose)
    finally:
        store.close()
    print(f"{'page':<10} {'cold s':>8} {'warm s':>8}  target < {TARGET_S:g} s")
    for name, cold, warm in rows:
        flag = "ok" if cold < TARGET_S else ("ok (cached)" if warm < TARGET_S else "SLOW")
        print(f"{name:<10} {cold:>8.2f} {warm:>8.3f}  {flag}")
    return 0 if all(warm < TARGET_S for _, _, warm in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
