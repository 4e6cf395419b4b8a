"""Crash safety: `kg ingest` killed with SIGKILL mid-batch leaves a valid store in which every
document is whole or absent, and running it again completes the batch as if nothing happened.
`kg dump` / `kg restore` round-trip a store.

The batch is ~30 synthetic bulletins (bench/synth.py). A clean single run into another store is
the reference: after the crash every document graph present must equal the reference's graph
of that document, quad for quad, and hold as many items as `process()` finds in the file.
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from synth import generate  # noqa: E402  (bench/ is not a package)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

DOC = "https://w3id.org/pmkg/id/doc/"
AGGREGATES = "https://w3id.org/pmkg/id/graph/aggregates"


def kg(*args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


def stats(store: Path) -> dict[str, int]:
    result = kg("stats", "--store", store, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def graphs(store: Path) -> dict[str, frozenset[str]]:
    """What a store holds as sets of N-Triples lines: each document's statements (its own nodes
    in the default graph and its named graph, see kg.store_base.layout) under its IRI, every other
    named graph under its name, and under "" what the default graph holds of no document."""
    import pyoxigraph as ox

    from kg.store import open_store

    def line(q: ox.Quad) -> str:
        return f"{q.subject} {q.predicate} {q.object}"

    with open_store(store, read_only=True) as s:
        found: dict[str, set[str]] = {"": set()}
        for q in s.db:
            if isinstance(q.graph_name, ox.DefaultGraph):
                found[""].add(line(q))
            elif not q.graph_name.value.startswith(DOC):
                found.setdefault(q.graph_name.value, set()).add(line(q))
        for d in s.documents():
            found[d.iri] = {line(q) for q in s.document_content(d.iri)}
            found[""] -= found[d.iri]
    return {g: frozenset(lines) for g, lines in found.items()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    files = generate(tmp_path_factory.mktemp("batch"), items=200, seed=3)
    assert 25 <= len(files) <= 40
    return files


@pytest.fixture(scope="module")
def reference(batch: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The batch ingested in one clean run."""
    store = tmp_path_factory.mktemp("reference") / "store"
    result = kg("ingest", batch[0].parent, "--store", store, "-q")
    assert result.returncode == 0, result.stderr
    return store


def _ingest_and_kill(folder: Path, store: Path, after: int, total: int, rng: random.Random,
                    batch_s: str | None = None) -> None:
    """Start `kg ingest`, SIGKILL it once its progress shows `after` files done (plus a moment).
    `batch_s`: how long processed documents wait to be written together (PMKG_INGEST_BATCH_S)."""
    env = {**os.environ, **({"PMKG_INGEST_BATCH_S": batch_s} if batch_s is not None else {})}
    process = subprocess.Popen([sys.executable, "-m", "kg", "ingest", str(folder), "--store", str(store)],
                               stderr=subprocess.PIPE, env=env)
    progress = re.compile(rb"(\d+)/%d" % total)
    done = threading.Event()
    seen = bytearray()

    def pump() -> None:
        assert process.stderr is not None
        while chunk := os.read(process.stderr.fileno(), 4096):
            seen.extend(chunk)
            if any(int(n) >= after for n in progress.findall(bytes(seen))):
                done.set()
        done.set()

    threading.Thread(target=pump, daemon=True).start()
    try:
        assert done.wait(timeout=300), "no progress shown"
        threading.Event().wait(rng.uniform(0, 0.3))  # land anywhere in the next document
        assert process.poll() is None, "the batch ended before it could be killed: " + seen.decode()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL


def _check_whole_or_absent(store: Path, reference: Path, batch: list[Path]) -> set[str]:
    """Validate the store; every document graph in it equals the reference's. Returns them."""
    from kg.pipeline import process
    from kg.query import with_prefixes
    from kg.store import open_store
    from kg.validate import validate_store

    with open_store(store, read_only=True) as s:
        report = validate_store(s)
        assert report.conforms, report.text
        items = {r["g"]: r["n"] for r in s.query(with_prefixes(
            "SELECT ?g (COUNT(?i) AS ?n) WHERE { ?i a pmkg:NewsItem ; dct:isPartOf ?g } GROUP BY ?g"),
            timeout_s=60).records()}
        files = {r["g"]: r["f"] for r in s.query(with_prefixes(
            "SELECT ?g ?f WHERE { ?g a pmkg:SourceDocument ; pmkg:sourceFile ?f }"), timeout_s=60).records()}
        named = {g.value for g in s.db.named_graphs() if g.value.startswith(DOC)}
    crashed, clean = graphs(store), graphs(reference)
    present = {g for g in crashed if g.startswith(DOC)}
    assert present == set(files) and named <= present, "a document's statements without its document record"
    assert crashed[""] == clean[""] == frozenset(), "statements of no document in the default graph"
    by_name = {p.name: p for p in batch}
    for g in present:
        assert crashed[g] == clean[g], f"{files[g]}: half-written ({len(crashed[g])} of {len(clean[g])} quads)"
        assert items[g] == len(process(by_name[files[g]]).seg.items)
    return present


def test_sigkill_mid_batch_leaves_whole_documents_and_a_rerun_completes(
        batch: list[Path], reference: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    rng = random.Random(1)
    folder, total = batch[0].parent, len(batch)
    _ingest_and_kill(folder, store, after=3, total=total, rng=rng, batch_s="0")  # each written at once
    first = _check_whole_or_absent(store, reference, batch)
    assert 3 <= len(first) < total

    # and once more, killed from inside: a few milliseconds into the second load of several
    # documents (progress output comes too seldom to aim a kill at a batch this fast)
    killed = subprocess.run([sys.executable, "-c", KILL_DURING_SECOND_LOAD, "ingest", str(folder),
                             "--store", str(store), "-q"], capture_output=True, text=True, timeout=600,
                            env={**os.environ, "PMKG_KILL_AFTER_MS": f"{rng.uniform(0, 5):.2f}"})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    second = _check_whole_or_absent(store, reference, batch)
    assert first <= second and len(second) < total

    rerun = kg("ingest", folder, "--store", store)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - len(second)} ingested, {len(second)} unchanged, 0 failed" in rerun.stderr
    after, clean = graphs(store), graphs(reference)
    differ = sorted(g for g in set(after) | set(clean) if after.get(g) != clean.get(g))
    assert differ == [], f"graphs differ from a clean run: {differ}"
    counts, reference_counts = stats(store), stats(reference)
    for volatile in ("triples", "quads"):  # these count the aggregates graph too
        counts.pop(volatile), reference_counts.pop(volatile)
    assert counts == reference_counts


KILL_DURING_SECOND_LOAD = """
import os, signal, sys, threading
import kg.writer
from kg.cli import run
loads, write = [0], kg.writer._write_documents
def _write_documents(store, docs):
    loads[0] += 1
    if loads[0] == 2:
        delay = float(os.environ["PMKG_KILL_AFTER_MS"]) / 1000
        threading.Timer(delay, os.kill, (os.getpid(), signal.SIGKILL)).start()
    write(store, docs)
    if loads[0] == 2:
        threading.Event().wait(10)  # the kill lands during or right after this load, never later
kg.writer._write_documents = _write_documents
kg.writer.BATCH_BYTES = 600_000  # about three documents per load
sys.argv = ["kg", *sys.argv[1:]]
run()
"""


KILL_AFTER_THIRD_DOCUMENT = """
import os, signal, sys
import kg.writer
from kg.cli import run
from kg.store import OxigraphStore
written, write, update = [0], kg.writer._write_documents, OxigraphStore._update
def _write_documents(store, docs):
    write(store, docs)
    written[0] += len(docs)
def _update(self, sparql, what):
    if written[0] >= 3:  # three documents are written; the tallies due after them are not
        os.kill(os.getpid(), signal.SIGKILL)
    update(self, sparql, what)
kg.writer._write_documents, OxigraphStore._update = _write_documents, _update
kg.writer.BATCH_BYTES = 1  # one document per load
sys.argv = ["kg", *sys.argv[1:]]
run()
"""


def test_aggregates_are_whole_after_a_kill_between_document_and_aggregates(
        batch: list[Path], reference: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_THIRD_DOCUMENT, "ingest", str(batch[0].parent),
                             "--store", str(store), "-q"], capture_output=True, text=True, timeout=600)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert kg("ingest", batch[0].parent, "--store", store, "-q").returncode == 0
    assert graphs(store).get(AGGREGATES) == graphs(reference).get(AGGREGATES)


# --- dump and restore ----------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["nq", "trig"])
def test_dump_and_restore_round_trip(reference: Path, tmp_path: Path, suffix: str) -> None:
    from kg.backup import quad_count
    from kg.store import open_store

    backup = tmp_path / f"backup.{suffix}"
    dumped = kg("dump", backup, "--store", reference)
    assert dumped.returncode == 0, dumped.stderr
    with open_store(reference, read_only=True) as s:
        count = quad_count(s)
    assert f"wrote {count} quads" in dumped.stderr
    assert not list(tmp_path.glob(".*.part"))

    restored = tmp_path / "restored"
    result = kg("restore", backup, "--store", restored)
    assert result.returncode == 0, result.stderr
    assert f"restored {count} quads" in result.stderr
    assert stats(restored) == stats(reference)
    assert graphs(restored) == graphs(reference)


def test_restore_refuses_a_non_empty_store_unless_replace(reference: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.nq"
    assert kg("dump", backup, "--store", reference).returncode == 0
    store = tmp_path / "store"
    example = ROOT / "examples" / "pingdingshan-2022-42.txt"
    assert kg("ingest", example, "--store", store, "-q").returncode == 0
    before = stats(store)

    refused = kg("restore", backup, "--store", store)
    assert refused.returncode == 1 and "--replace" in refused.stderr and "Traceback" not in refused.stderr
    assert stats(store) == before

    broken = tmp_path / "broken.nq"
    broken.write_text(backup.read_text(encoding="utf-8")[:5000] + "\n<oops", encoding="utf-8")
    failed = kg("restore", broken, "--store", store, "--replace")
    assert failed.returncode == 1 and "nothing restored" in failed.stderr
    assert stats(store) == before  # a broken dump changes nothing

    replaced = kg("restore", backup, "--store", store, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert stats(store) == stats(reference)
    assert graphs(store) == graphs(reference)


def test_dump_needs_a_format_with_graphs_and_an_existing_store(reference: Path, tmp_path: Path) -> None:
    ttl = kg("dump", tmp_path / "backup.ttl", "--store", reference)
    assert ttl.returncode == 1 and ".nq or .trig" in ttl.stderr
    missing = kg("dump", tmp_path / "backup.nq", "--store", tmp_path / "no-store")
    assert missing.returncode == 1 and "no store" in missing.stderr
    assert not (tmp_path / "no-store").exists()  # a dump never creates a store


def test_dump_and_restore_have_help() -> None:
    for command in ("dump", "restore"):
        result = kg(command, "--help")
        assert result.returncode == 0 and "Example:" in result.stdout
