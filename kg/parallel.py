"""Run files through the stages on several cores, results in input order, memory bounded.

    process_many(paths, workers) → (path, Linked | Failure), one per path, in input order

Each worker is a fresh ("spawn") process that loads the models once, when it starts, then
processes files one at a time. At most `window` files (default 2 × workers) are in flight, so
a corpus of any size streams through in constant memory. Workers return plain picklable
records (`Linked` is built of frozen dataclasses), never RDF terms or store handles: writing
stays with the caller, in the main process.

Spawn rather than fork: the caller usually holds an open Oxigraph store (RocksDB threads) and
forking a threaded process can deadlock the child.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kg.errors import KGError
from kg.records import Linked

log = logging.getLogger(__name__)

T = TypeVar("T")

#: a small bulletin run once per worker so every model and vocabulary is loaded before real work
_WARM_UP = "营商环境工作动态\n第1期\n2024年3月15日\n【本地速览】\n◆ 平顶山市全面推行一网通办\n3月10日，平顶山市全面推行“一网通办”。\n"


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be processed: the one-line message for the user."""

    message: str


def worker_count(workers: int) -> int:
    """The number of processes to use: 0 or less means one per core.

    >>> worker_count(3)
    3
    >>> worker_count(0) == (os.cpu_count() or 1)
    True
    """
    return workers if workers > 0 else (os.cpu_count() or 1)


def process_one(path: str | Path) -> Linked | Failure:
    """Process one file; errors become a `Failure` (a bug in a stage must not stop the batch)."""
    from kg.pipeline import process

    try:
        return process(path)
    except KGError as e:
        return Failure(str(e))
    except Exception as e:
        log.exception("unexpected failure on %s", path)
        return Failure(f"{path}: internal error ({type(e).__name__}: {e})")


def _warm_up() -> None:
    from kg.pipeline import process_text

    try:
        process_text(_WARM_UP, "warm-up.txt")
    except Exception:  # a real file will report the same problem properly
        log.exception("worker warm-up failed")


def process_many(paths: Iterable[str | Path], workers: int, *,
                 check: Callable[[Path], T | None] | None = None,
                 window: int | None = None,
                 job: Callable[[str], object] = process_one) -> Iterator[tuple[str, Linked | Failure | T]]:
    """Process files on `workers` processes; yield (path, result) in input order.

    Args:
        paths: read lazily, so a generator of a million paths is fine.
        workers: processes to start (0: one per core). 1 processes in this process.
        check: called here, in input order, before a file is sent to a worker; a result that
            is not None is yielded in place of processing (e.g. "unchanged").
        window: most files in flight at once (default 2 × workers).
        job: what a worker does with one path (default `process_one`); a module-level function
            (or a functools.partial of one) so that it can be sent to the workers.
    Returns:
        an iterator of (path as str, Linked | Failure | what `check` returned).
    """
    workers = worker_count(workers)
    if workers == 1:
        for path in paths:
            early = check(Path(path)) if check is not None else None
            yield str(path), early if early is not None else job(str(path))
        return
    window = window or 2 * workers
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up) as pool:
        pending: deque[tuple[str, Future | T]] = deque()
        in_flight = 0
        for path in paths:
            early = check(Path(path)) if check is not None else None
            if early is not None:
                pending.append((str(path), early))
            else:
                pending.append((str(path), pool.submit(job, str(path))))
                in_flight += 1
            while in_flight >= window or (pending and _ready(pending[0][1])):
                name, result, was_future = _next(pending)
                in_flight -= was_future
                yield name, result
        while pending:
            name, result, _ = _next(pending)
            yield name, result


def _ready(item: object) -> bool:
    return not isinstance(item, Future) or item.done()


def _next(pending: deque) -> tuple[str, object, bool]:
    """Pop the oldest entry, waiting for it if it is still being processed."""
    name, item = pending.popleft()
    if not isinstance(item, Future):
        return name, item, False
    try:
        return name, item.result(), True
    except Exception as e:  # the worker died (killed, out of memory) or could not pickle
        return name, Failure(f"{name}: worker failed ({type(e).__name__}: {e})"), True
