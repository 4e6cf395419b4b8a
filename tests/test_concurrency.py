"""Concurrent use: readers keep answering, and `kg dump` takes a consistent backup, while
`kg ingest` writes the store in another process.

An embedded Oxigraph store has one writer process (it holds the RocksDB LOCK). Readers open it
with `open_store(path, read_only=True)`, which takes no lock: each such handle sees the store
as it was when opened, documents whole or absent; reopening shows later writes.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingdingshan-2022-42.txt"
sys.path.insert(0, str(ROOT / "bench"))

from synth import generate  # noqa: E402  (bench/ is not a package)

from kg.errors import StoreError  # noqa: E402
from kg.store import open_store  # noqa: E402

#: the most a reader may wait for an answer (opening included) while the writer works
ANSWER_WITHIN_S = 10.0
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
#: the quads of every named graph, and of each document's own nodes (kg.store_base.layout) under
#: the document's IRI
PER_DOCUMENT = """PREFIX dct: <http://purl.org/dc/terms/> PREFIX pmkg: <https://w3id.org/pmkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?g (COUNT(*) AS ?n) WHERE {
  { GRAPH ?g { ?s ?p ?o } }
  UNION { ?g a pmkg:SourceDocument . ?g ?p ?o }
  UNION { ?s dct:isPartOf ?g ; ?p ?o }
  UNION { ?i dct:isPartOf ?g . ?s pmkg:inItem|prov:wasDerivedFrom ?i . ?s ?p ?o }
} GROUP BY ?g"""
DOCUMENTS = ("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE "
             "{ ?d a <https://w3id.org/pmkg/ontology#SourceDocument> }")


def kg(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True,
                          text=True, timeout=600)


@pytest.fixture()
def seeded(tmp_path: Path) -> Path:
    """A store holding one document."""
    store = tmp_path / "store"
    assert kg("ingest", EXAMPLE, "--store", store, "-q").returncode == 0
    return store


def _read(store: Path) -> tuple[int, dict[str, int], float]:
    """Open read-only, count documents and the quads of every graph and document; return with the
    time taken."""
    started = time.monotonic()
    with open_store(store, read_only=True) as s:
        documents = s.query(DOCUMENTS, timeout_s=ANSWER_WITHIN_S).values()[0][0]
        graphs = {g: n for g, n in s.query(PER_DOCUMENT, timeout_s=ANSWER_WITHIN_S).values()}
    return documents, graphs, time.monotonic() - started


def test_readers_keep_answering_while_ingest_writes(seeded: Path, tmp_path: Path) -> None:
    files = generate(tmp_path / "batch", items=480, seed=5)
    held = open_store(seeded, read_only=True)
    held_before = held.query(DOCUMENTS).values()[0][0]
    writer = subprocess.Popen([sys.executable, "-m", "kg", "ingest", str(tmp_path / "batch"),
                               "--store", str(seeded), "-q"], stderr=subprocess.PIPE, text=True)
    seen: list[tuple[int, dict[str, int], float]] = []
    backup = tmp_path / "mid-ingest.nq"
    dumped = None
    try:
        while writer.poll() is None:
            seen.append(_read(seeded))
            assert held.query(DOCUMENTS, timeout_s=ANSWER_WITHIN_S).values()[0][0] == held_before
            if dumped is None and seen[-1][0] > 5:  # a backup taken while the writer works
                dumped = kg("dump", backup, "--store", seeded)
        _, stderr = writer.communicate(timeout=600)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        held.close()
    assert writer.returncode == 0, stderr
    final_documents, final_graphs, _ = _read(seeded)
    assert final_documents == 1 + len(files)

    assert len(seen) >= 5, "too few reads while the writer ran to show anything"
    counts = [documents for documents, _, _ in seen]
    assert counts == sorted(counts), f"a reader saw documents disappear: {counts}"
    assert counts[0] < counts[-1], "the readers never saw the writer's progress"
    slowest = max(elapsed for _, _, elapsed in seen)
    assert slowest < ANSWER_WITHIN_S, f"a read took {slowest:.1f} s"
    restored = tmp_path / "restored"
    assert dumped is not None and dumped.returncode == 0, dumped and dumped.stderr
    assert kg("restore", backup, "--store", restored).returncode == 0
    _, backed_up, _ = _read(restored)
    for graphs in [g for _, g, _ in seen] + [backed_up]:  # every document seen was whole
        for graph, quads in graphs.items():
            if "/doc/" in graph:
                assert quads == final_graphs[graph], f"{graph}: {quads} of {final_graphs[graph]} quads"
    assert sum("/doc/" in g for g in backed_up) > 5


def test_a_reader_keeps_reading_the_files_a_writer_deletes(seeded: Path) -> None:
    # RocksDB opens 16 table files when a read-only reader opens, the others on first use
    assert len(list(seeded.glob("*.sst"))) > 16, "the store has too few table files to show anything"
    with open_store(seeded, read_only=True) as reader:
        expected = reader.stats()
        quads = list(reader.db.quads_for_pattern(None, None, None, None))
        # `kg compact` writes a fresh copy of the store, swaps it in and deletes the old folder
        compacted = kg("compact", "--store", seeded)
        assert compacted.returncode == 0, compacted.stderr
        assert not seeded.with_name(seeded.name + ".compact-old").exists()
        graphs = reader.query(PER_GRAPH, timeout_s=ANSWER_WITHIN_S).values()
        assert sum(n for _, n in graphs) == sum(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
        assert reader.stats() == expected
        # every quad again, through each of the store's indexes (by subject, predicate, object)
        for position in range(3):
            keys = {q[position] for q in quads}
            found = [q for key in keys for q in reader.db.quads_for_pattern(
                *(key if i == position else None for i in range(3)), None)]
            assert sorted(map(str, found)) == sorted(map(str, quads))
        named = {q.graph_name for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
        assert set(reader.db.named_graphs()) == named  # the graph list has table files of its own


def test_a_reader_removes_its_snapshot_when_closed_and_one_left_by_a_killed_reader(seeded: Path) -> None:
    readers = seeded.with_name(seeded.name + ".readers")
    killed = subprocess.run(  # a reader killed without closing leaves its snapshot behind
        [sys.executable, "-c", "import os, sys; from kg.store import open_store; "
         "s = open_store(sys.argv[1], read_only=True); os._exit(0)", str(seeded)],
        cwd=ROOT, timeout=120)
    assert killed.returncode == 0
    assert len(list(readers.iterdir())) == 1
    with open_store(seeded, read_only=True) as reader:
        assert reader.stats()["documents"] == 1
        assert len(list(readers.iterdir())) == 1  # its own; the killed reader's is gone
    assert not readers.exists()  # the last reader out removes the folder


def test_read_only_opens_beside_a_writer_that_holds_the_lock(seeded: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
         "print('ready', flush=True); sys.stdin.read()", str(seeded)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use"):
            open_store(seeded)
        with open_store(seeded, read_only=True) as reader:
            assert reader.stats()["documents"] == 1
    finally:
        holder.communicate("", timeout=30)


def test_a_read_only_store_refuses_every_write(seeded: Path, tmp_path: Path) -> None:
    graph = tmp_path / "one.nt"
    graph.write_text("<http://x.org/a> <http://x.org/b> <http://x.org/c> .\n", encoding="utf-8")
    triple = ox.Triple(ox.NamedNode("http://x.org/a"), ox.NamedNode("http://x.org/b"), ox.Literal("c"))
    with open_store(seeded, read_only=True) as s:
        before = s.stats()
        doc = s.documents()[0].iri
        attempts = [lambda: s.replace_document(doc, [triple]), lambda: s.remove_document(doc),
                    lambda: s.put_reference([triple]), s.clear, lambda: s.load_file(graph, "http://x.org/g")]
        for attempt in attempts:
            with pytest.raises(StoreError, match="read-only"):
                attempt()
        assert s.stats() == before


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "nothing", read_only=True)
    assert not (tmp_path / "nothing").exists()
