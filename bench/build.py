"""Build throughput on one core: `kg build` end to end beside jieba segmentation of the same text.

    python bench/build.py [--mb 1.0] [--runs 3] [--dir FOLDER]

Generates synthetic bulletins (bench/synth.py) totalling at least --mb megabytes of text (or reads
the .txt files in --dir), then times, --runs times each:
  - `build`: read → clean → segment → extract → link → graph → in-memory store → N-Quads file;
  - `jieba`: `jieba.lcut` over the same texts (dictionary loaded before timing).
Prints a table (min / median / max) and, last, one JSON line. Targets: ≥ 100k chars/s, and no more
than 3× jieba's time. Run it on one core for the figures the targets are about:
`taskset -c 0 python bench/build.py`.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate  # noqa: E402

from kg.pipeline import Summary, build, process  # noqa: E402


def corpus(mb: float, folder: Path | None, tmp: Path) -> list[Path]:
    if folder:
        return sorted(folder.glob("*.txt"))
    files, items = [], 400
    while sum(f.stat().st_size for f in files) / 3 < mb * 1_000_000:  # ~3 bytes per character
        files = generate(tmp / "corpus", items, seed=11)
        items *= 2
    return files


def time_build(files: list[Path], out: Path) -> tuple[float, Summary]:
    from kg.dates import find_dates
    from kg.extract.officials import _cut

    _cut.cache_clear()  # every run starts cold: no name cut or date remembered from the last one
    find_dates.cache_clear()
    summary = Summary()
    t = time.perf_counter()
    for _ in build(files, out, summary):
        pass
    return time.perf_counter() - t, summary


def time_jieba(texts: list[str]) -> float:
    import jieba

    jieba.initialize()
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - t


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        files = corpus(args.mb, args.dir, tmp)
        texts = [f.read_text(encoding="utf-8") for f in files]
        chars = sum(len(t) for t in texts)
        process(files[0])  # load models and vocabularies before timing
        builds, jiebas, items, triples = [], [], 0, 0
        for _ in range(args.runs):
            seconds, summary = time_build(files, tmp / "out.nq")
            builds.append(seconds)
            items = sum(len(s.linked.seg.items) for s in summary.steps if s.linked)
            triples = sum(1 for _ in (tmp / "out.nq").open(encoding="utf-8"))
            jiebas.append(time_jieba(texts))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = [chars / s for s in builds]
    ratio = statistics.median(builds) / statistics.median(jiebas)
    print(f"corpus: {len(files)} files, {chars:,} characters, {items:,} items, {triples:,} quads")
    print(f"{'':24s} median (min–max) over {args.runs} runs")
    print(f"{'build chars/s':24s} {spread(rate)}")
    print(f"{'build items/s':24s} {spread([items / s for s in builds])}")
    print(f"{'build quads/s':24s} {spread([triples / s for s in builds])}")
    print(f"{'jieba chars/s':24s} {spread([chars / s for s in jiebas])}")
    print(f"{'build time / jieba time':24s} {ratio:.2f}")
    print(f"{'peak RSS MB':24s} {peak_mb:,.0f}")
    print(json.dumps({"chars": chars, "items": items, "quads": triples,
                      "build_chars_per_s": round(statistics.median(rate)),
                      "build_chars_per_s_min": round(min(rate)), "build_chars_per_s_max": round(max(rate)),
                      "jieba_chars_per_s": round(chars / statistics.median(jiebas)),
                      "build_vs_jieba_time": round(ratio, 2), "peak_rss_mb": round(peak_mb)}))


if __name__ == "__main__":
    main()
