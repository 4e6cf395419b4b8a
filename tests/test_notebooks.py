"""notebooks/: each runs top to bottom on a fresh store ($PMKG_STORE) and is kept without outputs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.store import open_store

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_the_notebooks_are_there() -> None:
    assert [p.stem for p in NOTEBOOKS] == ["01-getting-started", "02-diffusion", "03-network"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_imports_only_kg_and_plotting(path: Path) -> None:
    allowed = {"kg", "matplotlib", "pandas", "os", "tempfile", "pathlib", "warnings"}
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        for line in "".join(cell["source"]).splitlines():
            words = line.split()
            if cell["cell_type"] == "code" and words[:1] in (["import"], ["from"]):
                assert words[1].split(".")[0] in allowed, line


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    location = tmp_path / "store"
    monkeypatch.setenv("PMKG_STORE", str(location))
    book = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(book, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, naming the cell, on the first failure
    with open_store(location) as store:  # the notebook built the example into $PMKG_STORE
        assert store.documents()
