"""Whatever an inbox holds, through the real `kg ingest` and `kg build`: one line per bad file
naming it and its problem, the batch goes on, a closing summary, exit 1, nothing stored lost.

Every file is made at test time. Good content in awkward clothes (GB18030 under a wrong meta
charset, UTF-16 without a byte-order mark, UTF-8 and GBK lines in one file, HTML nested ten
thousand deep) must be read correctly, not refused.
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingdingshan-2022-42.txt"
DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(ROOT / "bench"))

from synth import generate  # noqa: E402  (bench/ is not a package)

#: a short bulletin of our own, for the files whose wrapping is the point
BULLETIN = ("营商环境工作简报\n第7期\n2024年5月6日\n【本地速览】\n◆ 驻马店市推行容缺受理\n"
            "5月6日，驻马店市行政审批服务局全面推行“容缺受理”，企业材料不全也可先行办理。\n")


def kg(*args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


def stats(store: Path) -> dict[str, int]:
    result = kg("stats", "--store", store, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- the files ---------------------------------------------------------------------------------

def _pdf(path: Path, **options: object) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), **options)
    pdf.setFont("STSong-Light", 12)
    for n, line in enumerate(BULLETIN.splitlines()):
        pdf.drawString(72, 760 - 18 * n, line)
    pdf.showPage()
    pdf.save()
    return path


def _scanned_pdf(path: Path) -> Path:
    """A page that is one picture of text lines, as a scanner makes it: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in range(60, 760, 24):
        draw.line((40, y, random.Random(y).randint(200, 560), y), fill=0, width=8)
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(image), 0, 0, width=595, height=842)
    pdf.save()
    return path


def _zip_bomb(path: Path) -> Path:
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(1100):  # 1.1 GB of zeros, about a megabyte compressed
                member.write(chunk)
    return path


def _huge_text(path: Path, mb: int = 50) -> Path:
    block = (BULLETIN * 200).encode("utf-8")
    with path.open("wb") as f:
        for _ in range(mb * 2**20 // len(block) + 1):
            f.write(block)
    return path


def _mixed_lines(path: Path, text: str) -> Path:
    """Odd lines in UTF-8, even lines in GBK, as when two files are pasted together."""
    lines = text.split("\n")
    path.write_bytes(b"\n".join(line.encode("utf-8" if k % 2 else "gbk") for k, line in enumerate(lines)))
    return path


#: file name → the problem its error line must state (None: the file must be ingested)
EXPECTED: dict[str, str | None] = {
    "empty.txt": "empty file",
    "noise.txt": "not text",
    "noise.html": "not text",
    "noise.pdf": "not a readable PDF",
    "noise.docx": "not a DOCX file",
    "truncated.pdf": "not a readable PDF",
    "encrypted.pdf": "encrypted",
    "scanned.pdf": "no text layer",
    "letter.docx": "not a DOCX file",
    "bomb.docx": "zip bomb",
    "huge.txt": "file too large (50 MB > 10 MB",
    "deep.html": None,
    "gb18030-meta-utf8.html": None,
    "utf16-no-bom.txt": None,
    "utf8-and-gbk.txt": None,
}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding one file of every kind in EXPECTED."""
    d = tmp_path_factory.mktemp("inbox")
    rng = random.Random(7)
    (d / "empty.txt").write_bytes(b"")
    for suffix in ("txt", "html", "pdf", "docx"):
        (d / f"noise.{suffix}").write_bytes(bytes(rng.randrange(256) for _ in range(20_000)))
    whole = _pdf(d / "whole.pdf").read_bytes()
    (d / "whole.pdf").unlink()
    (d / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    from reportlab.lib import pdfencrypt

    _pdf(d / "encrypted.pdf", encrypt=pdfencrypt.StandardEncryption("user-pw", ownerPassword="owner-pw"))
    _scanned_pdf(d / "scanned.pdf")
    (d / "letter.docx").write_text("这不是 Word 文件，只是改了后缀的文本。", encoding="utf-8")
    _zip_bomb(d / "bomb.docx")
    _huge_text(d / "huge.txt")
    depth = 10_000
    body = "".join(f"<p>{line}</p>" for line in BULLETIN.splitlines())
    (d / "deep.html").write_text("<html><body>" + "<div class='content'>" * depth + body
                                 + "</div>" * depth + "</body></html>", encoding="utf-8")
    page = (DATA / "web_page.html").read_text(encoding="utf-8")
    page = re.sub(r"charset=[\"']?[\w-]+", "charset=utf-8", page, flags=re.I)
    (d / "gb18030-meta-utf8.html").write_bytes(page.encode("gb18030"))
    (d / "utf16-no-bom.txt").write_bytes((DATA / "newsletter_toc.txt").read_text(encoding="utf-8")
                                         .encode("utf-16-le"))
    _mixed_lines(d / "utf8-and-gbk.txt", EXAMPLE.read_text(encoding="utf-8"))
    assert sorted(p.name for p in d.iterdir()) == sorted(EXPECTED)
    return d


def _check_report(result: subprocess.CompletedProcess, failed: dict[str, str], ingested: int) -> None:
    """One error line per bad file naming it and its problem; a summary; exit 1; no traceback."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(failed), "\n".join(errors)
    for name, problem in failed.items():
        mine = [line for line in errors if f"{os.sep}{name}:" in line]
        assert len(mine) == 1, (name, errors)
        assert problem in mine[0], mine[0]
    assert f"{ingested} ingested, 0 unchanged, {len(failed)} failed" in result.stderr


def _headlines(store: Path) -> dict[str, list[str]]:
    """Each stored file's item headlines, in order."""
    result = kg("query", "SELECT ?file ?n ?h WHERE { ?g pmkg:sourceFile ?file . "
                "?i dct:isPartOf ?g ; pmkg:position ?n ; dct:title ?h } ORDER BY ?file ?n",
                "--store", store, "--format", "json")
    assert result.returncode == 0, result.stderr
    found: dict[str, list[str]] = {}
    for row in json.loads(result.stdout)["rows"]:
        found.setdefault(row["file"], []).append(row["h"])
    return found


#: stored before the bad batch, each also hidden in the batch in an awkward encoding
ORIGINALS = {EXAMPLE: "utf8-and-gbk.txt", DATA / "newsletter_toc.txt": "utf16-no-bom.txt",
             DATA / "web_page.html": "gb18030-meta-utf8.html"}


def test_ingest_reports_each_bad_file_keeps_going_and_loses_nothing(inbox: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg("ingest", *ORIGINALS, "--store", store, "-q").returncode == 0
    before, stored = stats(store), _headlines(store)
    started = time.monotonic()
    result = kg("ingest", inbox, "--store", store)
    assert time.monotonic() - started < 300
    failed = {name: problem for name, problem in EXPECTED.items() if problem}
    good = [name for name, problem in EXPECTED.items() if problem is None]
    _check_report(result, failed, ingested=len(good))
    after = stats(store)
    assert after["documents"] == before["documents"] + len(good)
    assert all(after[k] >= before[k] for k in before)
    headlines = _headlines(store)
    for original, disguised in ORIGINALS.items():
        assert headlines[original.name] == stored[original.name]  # nothing stored was lost
        assert headlines[disguised] == stored[original.name]  # decoded right, not mangled
    assert headlines["deep.html"] == ["驻马店市推行容缺受理"]


def test_build_reports_each_bad_file_and_still_writes_the_good_ones(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.nq"
    result = kg("build", inbox, "-o", out)
    failed = {name: problem for name, problem in EXPECTED.items() if problem}
    _check_report(result, failed, ingested=len(EXPECTED) - len(failed))
    written = out.read_text(encoding="utf-8")
    assert "驻马店市" in written and "容缺受理" in written  # from the page nested 10,000 deep
    for name in ("deep.html", "gb18030-meta-utf8.html", "utf16-no-bom.txt", "utf8-and-gbk.txt"):
        assert f'"{name}"' in written


def test_a_file_that_vanishes_mid_batch(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    files = generate(folder, items=240, seed=11)
    doomed = folder / "zz-vanishes.txt"  # sorted last, so it is listed but not yet read
    doomed.write_text(BULLETIN, encoding="utf-8")
    store = tmp_path / "store"
    process = subprocess.Popen([sys.executable, "-m", "kg", "ingest", str(folder), "--store", str(store)],
                               stderr=subprocess.PIPE)
    seen = _watch(process, re.compile(rb"\b([1-9]\d*)/%d\b" % (len(files) + 1)))
    try:
        assert seen.wait(timeout=300), "no progress was shown"
        doomed.unlink()
        process.wait(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    stderr = seen.output.decode("utf-8", "replace")
    errors = [line for line in stderr.replace("\r", "\n").splitlines() if line.startswith("error:")]
    assert errors == [f"error: {doomed}: no such file"], stderr
    assert process.returncode == 1
    assert f"{len(files)} ingested, 0 unchanged, 1 failed" in stderr
    assert stats(store)["documents"] == len(files)


class _Watch(threading.Event):
    output: bytes = b""


def _watch(process: subprocess.Popen, pattern: re.Pattern[bytes]) -> _Watch:
    """Collect a process's stderr in a thread; the event is set once `pattern` shows up."""
    event = _Watch()

    def pump() -> None:
        assert process.stderr is not None
        while chunk := os.read(process.stderr.fileno(), 4096):
            event.output += chunk
            if pattern.search(event.output):
                event.set()
        event.set()  # the process ended; the caller finds out what it missed

    threading.Thread(target=pump, daemon=True).start()
    return event


def test_size_limit_is_per_format(tmp_path: Path) -> None:
    from kg.errors import IngestError
    from kg.read import MAX_MB, read

    assert MAX_MB[".txt"] == MAX_MB[".html"] == 10 and MAX_MB[".pdf"] == MAX_MB[".docx"] == 100
    big = tmp_path / "big.html"
    with big.open("wb") as f:
        f.truncate(11 * 2**20)  # sparse: the size is refused before a byte is read
    with pytest.raises(IngestError, match=r"file too large \(11 MB > 10 MB for \.html files\)"):
        read(big)
    allowed = tmp_path / "allowed.pdf"
    with allowed.open("wb") as f:
        f.truncate(11 * 2**20)
    with pytest.raises(IngestError) as err:
        read(allowed)
    assert "too large" not in err.value.problem  # refused for what it is, not for its size
