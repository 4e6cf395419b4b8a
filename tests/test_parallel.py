"""kg.parallel and `ingest(workers=…)`: same results as in one process, in input order, bounded."""
from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.parallel import Failure, process_many
from kg.pipeline import Summary, ingest, process
from kg.records import Linked
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingdingshan-2022-42.txt"
GOLDEN = sorted((ROOT / "tests" / "data").glob("*.txt"))


def test_linked_records_pickle() -> None:
    linked = process(EXAMPLE)
    assert pickle.loads(pickle.dumps(linked)) == linked


def test_results_come_in_input_order_with_failures_in_place(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    paths = [GOLDEN[0], missing, EXAMPLE, *GOLDEN[1:], EXAMPLE]
    pulled, most_ahead = 0, 0

    def feed():
        nonlocal pulled
        for p in paths:
            pulled += 1
            yield p

    results = []
    for name, result in process_many(feed(), workers=2, window=2):
        most_ahead = max(most_ahead, pulled - len(results))
        results.append((name, result))
    assert [name for name, _ in results] == [str(p) for p in paths]
    assert most_ahead <= 2  # never more than `window` files in flight
    assert isinstance(results[1][1], Failure) and "no such file" in results[1][1].message
    for path, (_, result) in zip(paths, results):
        if path != missing:
            assert isinstance(result, Linked)
            assert result == process(path)  # the same records as in this process


def test_check_answers_in_place_of_processing() -> None:
    seen = []

    def check(path: Path) -> str | None:
        seen.append(path.name)
        return "skipped" if path == EXAMPLE else None

    out = list(process_many([EXAMPLE, GOLDEN[0]], workers=1, check=check))
    assert out[0] == (str(EXAMPLE), "skipped")
    assert isinstance(out[1][1], Linked)
    assert seen == [EXAMPLE.name, GOLDEN[0].name]


def test_ingest_with_workers_writes_what_one_process_writes(tmp_path: Path) -> None:
    files = [EXAMPLE, *GOLDEN, tmp_path / "missing.txt", EXAMPLE]
    stores = {}
    for workers in (1, 2):
        store = open_store(":memory:")
        summary = Summary()
        steps = list(ingest(files, store, summary, workers=workers))
        assert [s.path for s in steps] == [str(f) for f in files]
        assert [s.status for s in steps] == ["ingested"] * (len(GOLDEN) + 1) + ["failed", "unchanged"]
        stores[workers] = store
    assert set(stores[1].db) == set(stores[2].db)
    again = Summary()
    list(ingest(files, stores[2], again, workers=2))
    assert again.line() == f"0 ingested, {len(GOLDEN) + 2} unchanged, 1 failed"


def test_kg_ingest_workers_option(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for p in [EXAMPLE, *GOLDEN]:
        shutil.copy(p, src / p.name)
    location = str(tmp_path / "store")
    result = CliRunner().invoke(main, ["ingest", str(src), "--workers", "2", "--store", location])
    assert result.exit_code == 0, result.output
    assert f"{len(GOLDEN) + 1} ingested" in result.output
    with open_store(location) as store:
        assert store.stats()["documents"] == len(GOLDEN) + 1


@pytest.mark.parametrize("bad", ["-1", "x"])
def test_kg_ingest_rejects_a_bad_worker_count(bad: str) -> None:
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE), "--workers", bad, "--store", ":memory:"])
    assert result.exit_code == 2
    assert "--workers" in result.output
