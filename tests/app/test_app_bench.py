"""bench/app_bench.py stays runnable: a tiny synthetic store in the graph's shape, every page timed."""
from __future__ import annotations

import importlib.util
import sys

from tests.app.appdata import ROOT


def load_bench():
    spec = importlib.util.spec_from_file_location("app_bench", ROOT / "bench" / "app_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["app_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_bench_builds_a_synthetic_store_and_times_every_page(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("PMKG_APP_DIR", raising=False)
    bench = load_bench()
    store = tmp_path / "bench-store"
    assert bench.main(["--store", str(store), "--items", "150"]) == 0
    out = capsys.readouterr().out
    assert "150 items" in out and "150 adoptions" in out
    for page in bench.PAGES:
        assert f"\n{page} " in out, page
