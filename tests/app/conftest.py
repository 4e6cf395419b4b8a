"""Fixtures for the app: a small store built from a fixture bulletin, and AppTest runs on it.

The fixture bulletin (data/xuchang-2023-07.txt) is a short 许昌 bulletin in the seed's shape:
    许昌市 一件事一次办 (2023-05-08; 副市长王建国), 禹州市 告知承诺制 (2023-04-20),
    长葛市 企业服务直通车 (a candidate measure, 2023-05-05), 郑州市 一网通办 + 最多跑一次 (2023-04-01).
The session store also holds the bundled example (examples/pingdingshan-2022-42.txt).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.app.appdata import EXAMPLE, FIXTURE, ROOT, build_store


@pytest.fixture(scope="session")
def app_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the fixture bulletin and the example, shared by the read-only page tests."""
    return build_store(tmp_path_factory.mktemp("app"), FIXTURE, EXAMPLE)


@pytest.fixture()
def fresh_store(tmp_path: Path) -> Path:
    """A store of its own (the fixture bulletin only), for tests that write."""
    return build_store(tmp_path, FIXTURE)


@pytest.fixture()
def open_app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """Run app.py on a store: open_app(store, page=None, iri=None) → AppTest after one run."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("PMKG_APP_DIR", raising=False)

    def run(store: Path, page: str | None = None, iri: str | None = None):
        monkeypatch.setenv("PMKG_STORE", str(store))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        if page:
            if iri:
                at.query_params["iri"] = iri
            at.switch_page(f"kg/app/pages/{page}.py")
            at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return run


@pytest.fixture()
def store_of() -> Iterator[Callable[[Path], object]]:
    """Open a store folder directly (closed at the end of the test)."""
    from kg.store import open_store

    opened = []

    def open_(path: Path):
        opened.append(open_store(path))
        return opened[-1]

    yield open_
    for s in opened:
        s.close()


@pytest.fixture()
def app_db(app_store: Path):
    """The session store, through the app's own cached handle (one open handle per process:
    Oxigraph locks a store folder, and the AppTest runs keep theirs open)."""
    from kg.app.pages.common import _open

    return _open(str(app_store))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: end-to-end tests that drive a real headless browser")
