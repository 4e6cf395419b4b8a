"""OxigraphStore.compact / `kg compact`: a store repacked into a fresh copy keeps every quad, gets
smaller, still answers queries and takes ingests; a kill at any point of it loses nothing.

The store is a real on-disk one: ~100 synthetic items (bench/synth.py) ingested by
kg.pipeline.ingest, copied per test. Kills are real: a child process runs compact() with one
step replaced by `os._exit(9)` and the parent reopens what it left.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.aggregates import AGGREGATES_GRAPH
from kg.cli import main
from kg.errors import StoreError
from kg.pipeline import ingest
from kg.query import run_named
from kg.store import Compaction, OxigraphStore, open_store
from kg.store_oxigraph import COMPACT_LOCK, COMPACT_OLD, COMPACT_TMP, folder_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingdingshan-2022-42.txt"
sys.path.insert(0, str(ROOT / "bench"))

from synth import generate  # noqa: E402  (bench/ is not a package)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock and kills are POSIX")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store written by ingest (many small transactions), closed."""
    files = generate(tmp_path_factory.mktemp("corpus"), items=100, seed=11)
    path = tmp_path_factory.mktemp("template") / "store"
    with open_store(path) as store:
        steps = list(ingest(files, store))
    assert steps and all(s.status == "ingested" for s in steps)
    return path


@pytest.fixture()
def path(template: Path, tmp_path: Path) -> Path:
    """A copy of the template store, with a state folder beside it (`<store>-app`)."""
    target = tmp_path / "store"
    shutil.copytree(template, target)
    app = tmp_path / "store-app"
    app.mkdir()
    (app / "curation.json").write_text('{"decisions": []}', encoding="utf-8")
    return target


def quads(store_or_path) -> set[str]:
    if isinstance(store_or_path, Path):
        with OxigraphStore(store_or_path, read_only=True) as store:
            return quads(store)
    return {str(q) for q in store_or_path.db}


def outside_aggregates(lines: set[str]) -> set[str]:
    return {line for line in lines if not line.endswith(f"<{AGGREGATES_GRAPH}>")}


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + ".compact"))


def app_folder(path: Path) -> dict[str, bytes]:
    folder = path.with_name(path.name + "-app")
    return {f.name: f.read_bytes() for f in folder.iterdir()}


# --- what compaction does --------------------------------------------------------------------------

def test_compaction_keeps_every_quad_and_shrinks_the_folder(path: Path) -> None:
    before_files = folder_bytes(path)
    app = app_folder(path)
    with OxigraphStore(path) as store:
        before = quads(store)
        result = store.compact()
        assert isinstance(result, Compaction)
        assert quads(store) == before  # the reopened store, at once
    assert result.quads == len(before) > 10_000
    assert result.bytes_after < result.bytes_before
    assert folder_bytes(path) < before_files
    assert " bytes/quad" in result.line()
    assert quads(path) == before  # and after closing
    assert siblings(path) == []
    assert app_folder(path) == app


def test_queries_writes_and_ingests_work_after_compaction(path: Path) -> None:
    with OxigraphStore(path) as store:
        stats, documents = store.stats(), store.documents()
        matrix = run_named(store, "place-measure-matrix").rows
        store.compact()
        assert store.stats() == stats
        assert store.documents() == documents
        assert run_named(store, "place-measure-matrix").rows == matrix
        steps = list(ingest([EXAMPLE], store))
        assert [s.status for s in steps] == ["ingested"]
        assert store.stats()["documents"] == stats["documents"] + 1
    with OxigraphStore(path) as store:  # the write survived closing
        assert store.stats()["documents"] == stats["documents"] + 1
        assert [s.status for s in ingest([EXAMPLE], store)] == ["unchanged"]


def test_a_compacted_store_compacts_again(path: Path) -> None:
    with OxigraphStore(path) as store:
        before = quads(store)
        store.compact()
        store.compact()
        assert quads(store) == before
    assert siblings(path) == []


def test_memory_and_remote_have_nothing_to_compact() -> None:
    with open_store(":memory:") as store:
        store.db.add(ox.Quad(ox.NamedNode("x:s"), ox.NamedNode("x:p"), ox.Literal("o")))
        assert store.compact() is None
        assert len(store.db) == 1


def test_read_only_store_is_refused(path: Path) -> None:
    with open_store(path, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only; cannot compact"):
            store.compact()
    assert siblings(path) == []


def test_too_little_disk_space_is_refused_before_any_work(path: Path, monkeypatch) -> None:
    before = quads(path)
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=1_000_000))
    with OxigraphStore(path) as store:
        with pytest.raises(StoreError, match=r"not enough free disk space to compact: .* MiB free$"):
            store.compact()
        assert quads(store) == before
    assert siblings(path) == []


def test_a_failed_copy_leaves_the_store_as_it_was(path: Path, monkeypatch) -> None:
    real_store = ox.Store

    class Failing:
        """ox.Store whose bulk_extend writes part of the quads, then fails like a full disk."""

        def __init__(self, *args):
            self.db = real_store(*args)

        def bulk_extend(self, source):
            self.db.extend(q for _, q in zip(range(100), source))
            raise OSError("No space left on device")

    with OxigraphStore(path) as store:
        before = quads(store)
        monkeypatch.setattr(ox, "Store", Failing)
        with pytest.raises(StoreError, match="No space left on device; the store is unchanged"):
            store.compact()
        monkeypatch.setattr(ox, "Store", real_store)
        assert quads(store) == before
        list(ingest([EXAMPLE], store))  # still open for writing
    assert siblings(path) == []


def test_a_reference_to_the_db_held_elsewhere_is_refused(path: Path) -> None:
    with OxigraphStore(path) as store:
        before = quads(store)
        held = store.db
        with pytest.raises(StoreError, match="still used elsewhere in this process"):
            store.compact()
        assert len(held) == len(before)
        del held
        assert store.compact() is not None
        assert quads(store) == before


# --- kills at every step -----------------------------------------------------------------------

CHILD = """
import os, shutil, sys
from pathlib import Path
import pyoxigraph as ox
import kg.store_oxigraph as so
from kg.store import open_store

path, point = Path(sys.argv[1]).absolute(), sys.argv[2]
old = so._sibling(path, so.COMPACT_OLD)
renames, real_rename, real_remove = [], os.rename, so._remove

def die():
    os._exit(9)

def rename(a, b):
    renames.append(a)
    if (point == "before-swap" and len(renames) == 1) or (point == "mid-swap" and len(renames) == 2):
        die()
    real_rename(a, b)

def remove(p):
    if p == old and point == "after-swap":
        die()
    if p == old and point == "mid-delete":
        for f in sorted(p.iterdir())[::2]:
            f.unlink()
        die()
    real_remove(p)
    if p == old and point == "after-delete":
        die()  # the lock file is left behind

def copy(db, tmp):
    if point == "copy":
        partial = ox.Store(str(tmp))
        partial.extend(q for _, q in zip(range(len(db) // 2), db))
        partial.flush()
        die()
    return real_copy(db, tmp)

real_copy = so._copy
os.rename, so._remove, so._copy = rename, remove, copy
store = open_store(path)
store.compact()
sys.exit(3)  # the kill point was never reached
"""

POINTS = ["copy", "before-swap", "mid-swap", "after-swap", "mid-delete", "after-delete"]


def kill_compaction(path: Path, point: str) -> None:
    child = subprocess.run([sys.executable, "-c", textwrap.dedent(CHILD), str(path), point],
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == 9, child.stderr


@pytest.mark.parametrize("point", POINTS)
def test_a_kill_at_any_step_loses_nothing(path: Path, point: str) -> None:
    before, app = quads(path), app_folder(path)
    kill_compaction(path, point)
    left = siblings(path)
    assert left, "a kill leaves something to clean up"
    if point == "mid-swap":  # the store folder is gone for now; a reader finds the old one
        assert not path.exists()
        assert quads(path) == before
    with OxigraphStore(path) as store:  # opening for writing finishes or undoes the compaction
        assert quads(store) == before
        assert store.stats()["documents"] > 0
        assert [s.status for s in ingest([EXAMPLE], store)] == ["ingested"]
    assert siblings(path) == []
    assert app_folder(path) == app
    with OxigraphStore(path) as store:  # and it compacts as usual afterwards
        after = quads(store)
        assert outside_aggregates(before) < outside_aggregates(after)  # the tallies moved on
        assert store.compact() is not None
        assert quads(store) == after


def test_the_store_cannot_be_opened_while_another_process_compacts(path: Path) -> None:
    lock = path.with_name(path.name + COMPACT_LOCK)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        (path.with_name(path.name + COMPACT_TMP)).mkdir()
        with pytest.raises(StoreError, match="another process is compacting this store"):
            OxigraphStore(path)
        assert (path.with_name(path.name + COMPACT_TMP)).exists()  # not cleaned under its feet
        with OxigraphStore(path, read_only=True) as reader:  # readers are not held up
            assert len(reader.db) > 0
    finally:
        os.close(fd)
    with OxigraphStore(path):
        pass
    assert siblings(path) == []


def test_a_read_only_open_mid_swap_finds_the_old_folder(path: Path) -> None:
    before = quads(path)
    os.rename(path, path.with_name(path.name + COMPACT_OLD))
    assert quads(path) == before
    assert not path.exists()  # a reader does not repair


# --- the command -------------------------------------------------------------------------------

def kg(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def one_error_line(result: subprocess.CompletedProcess, match: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and match in lines[0], result.stderr


def test_kg_compact_prints_sizes_and_bytes_per_quad(path: Path) -> None:
    before = quads(path)
    result = kg("compact", "--store", path)
    assert result.returncode == 0, result.stderr
    assert f"compacted {path}: " in result.stderr and " bytes/quad (" in result.stderr
    assert " MiB → " in result.stderr
    assert quads(path) == before


def test_kg_compact_on_a_missing_store_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    one_error_line(kg("compact", "--store", missing), "no store here")
    assert not missing.exists()


def test_kg_compact_on_a_store_in_use_is_one_line(path: Path) -> None:
    with OxigraphStore(path):
        one_error_line(kg("compact", "--store", path), "in use by another process")


def test_kg_compact_on_a_store_being_compacted_is_one_line(path: Path) -> None:
    fd = os.open(path.with_name(path.name + COMPACT_LOCK), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        one_error_line(kg("compact", "--store", path), "another process is compacting")
    finally:
        os.close(fd)


def test_kg_compact_without_disk_space_is_one_line(path: Path, monkeypatch, capsys) -> None:
    from kg.cli import run  # the entry point, in this process so disk_usage can be faked

    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=0))
    monkeypatch.setattr(sys, "argv", ["kg", "compact", "--store", str(path)])
    with pytest.raises(SystemExit) as exit_:
        run()
    assert exit_.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {path}: not enough free disk space"), err
    assert siblings(path) == []


def test_kg_compact_on_memory_says_there_is_nothing_to_do() -> None:
    result = CliRunner().invoke(main, ["compact", "--store", ":memory:"], catch_exceptions=False)
    assert result.exit_code == 0 and "nothing to compact" in result.output


def test_kg_ingest_compact_compacts_after_the_batch(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE), "--store", str(store), "-q", "--compact"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"compacted {store}: " in result.output and "bytes/quad" in result.output
    with OxigraphStore(store) as s:
        assert s.stats()["documents"] == 1
    assert siblings(store) == []


def test_kg_ingest_compact_still_compacts_when_a_file_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE), str(bad), "--store", str(store), "-q",
                                       "--compact"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "compacted" in result.output and "bad.pdf" in result.output


def test_a_file_removed_while_the_folder_is_measured_counts_for_nothing(tmp_path, monkeypatch):
    # RocksDB's background compaction deletes .sst files at any time: between listing and stat
    (tmp_path / "000001.sst").write_bytes(b"x" * 100)
    (tmp_path / "000002.sst").write_bytes(b"y" * 40)
    real_stat, seen = Path.stat, []

    def vanishing(self, *args, **kwargs):  # there when listed and checked, gone when measured
        if self.name == "000002.sst":
            seen.append(self)
            if len(seen) > 1:
                raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", vanishing)
    assert folder_bytes(tmp_path) == 100


def test_compacting_a_store_written_before_the_layout_moves_documents_own_nodes_out(path: Path) -> None:
    from kg.store_base import _UPDATE_PREFIXES, own_nodes

    part_of = "ASK { GRAPH ?g { ?i <http://purl.org/dc/terms/isPartOf> ?g } }"
    with open_store(path) as store:
        docs = [d.iri for d in store.documents()]
        for doc in docs:  # as stores were written before kg.store_base.layout: all in the graph
            store.db.update(f"{_UPDATE_PREFIXES}DELETE {{ ?s ?p ?o }} INSERT {{ GRAPH <{doc}> {{ ?s ?p ?o }} }} "
                            f"WHERE {{ {own_nodes(ox.NamedNode(doc))} ?s ?p ?o }}")
        assert store.query(part_of).boolean
        content = {d: store.document_content(d) for d in docs}
        total = len(store.db)
        assert store.compact() is not None
        assert not store.query(part_of).boolean
        assert {d: store.document_content(d) for d in docs} == content
        assert len(store.db) == total
        in_graphs = sum(1 for d in docs for _ in store.db.quads_for_pattern(None, None, None, ox.NamedNode(d)))
        in_default = sum(1 for _ in store.db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        assert in_default == sum(map(len, content.values())) - in_graphs > in_graphs
