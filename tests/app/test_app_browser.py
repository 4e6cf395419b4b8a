"""End to end in a real browser: start `streamlit run app.py` on a small store, search for a measure
in Debian's headless chromium (driven by Playwright), open its page and see an evidence sentence;
then open the map, and check that nothing was fetched from anywhere but the app (it works offline).

Needs /usr/bin/chromium (apt-get install -y chromium) and `pip install playwright`; Playwright's own
browser download is not used. Missing either is a failure, not a skip.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.appdata import FIXTURE, ROOT, build_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def served_app(tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` on a fresh store, on a free port; yields its URL, stops it after."""
    store = build_store(tmp_path, FIXTURE)
    port = _free_port()
    env = {**os.environ, "PMKG_STORE": str(store), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    env.pop("PMKG_APP_DIR", None)
    log = (tmp_path / "streamlit.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start on {url}:\n"
                                + (tmp_path / "streamlit.log").read_text(errors="replace"))
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.mark.browser
def test_search_a_measure_open_its_page_and_see_the_evidence(served_app: str, tmp_path: Path):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: pip install playwright (no `playwright install`)")

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            hosts: set[str] = set()
            page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
            page.goto(served_app, wait_until="domcontentloaded")
            search = page.get_by_label("搜索 Search")
            expect(search).to_be_visible(timeout=60_000)
            search.fill("yijianshi")
            search.press("Enter")
            result = page.get_by_role("link", name=re.compile(r"^一件事一次办"))
            expect(result.first).to_be_visible(timeout=30_000)
            result.first.click()
            expect(page).to_have_url(re.compile(r"/measure\?iri=https"), timeout=30_000)
            expect(page.get_by_role("heading", name="一件事一次办")).to_be_visible(timeout=30_000)
            mark = page.locator("mark", has_text="一件事一次办").first
            expect(mark).to_be_visible(timeout=30_000)
            sentence = mark.locator("xpath=..").inner_text()
            assert "我市全面推行" in sentence, sentence
            shot = tmp_path / "measure-page.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            page.goto(f"{served_app}/map", wait_until="domcontentloaded")
            expect(page.locator("canvas").first).to_be_visible(timeout=30_000)
            expect(page.get_by_text(re.compile(r"^4 个地方 places"))).to_be_visible(timeout=30_000)
            page.screenshot(path=str(tmp_path / "map-page.png"), full_page=True)
            assert hosts == {urlsplit(served_app).netloc}, f"the app fetched from elsewhere: {hosts}"
        finally:
            browser.close()
