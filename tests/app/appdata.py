"""Shared constants and the store builder for the app tests (imported by conftest and tests)."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
FIXTURE = DATA / "xuchang-2023-07.txt"
EXAMPLE = ROOT / "examples" / "pingdingshan-2022-42.txt"
ID = "https://w3id.org/pmkg/id/"
YJSYCB = ID + "measure/yjsycb"  # 一件事一次办
XUCHANG = ID + "place/411000"  # 许昌市


def build_store(folder: Path, *files: Path) -> Path:
    """Ingest copies of `files` into a new store at folder/store; returns the store's path."""
    from kg.pipeline import Summary, ingest
    from kg.store import open_store

    inputs = folder / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    copies = [Path(shutil.copy(f, inputs / f.name)) for f in files]
    summary = Summary()
    with open_store(folder / "store") as store:
        list(ingest(copies, store, summary))
    assert not summary.failed, [s.message for s in summary.failed]
    return folder / "store"
