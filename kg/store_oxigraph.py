"""Embedded Oxigraph: `OxigraphStore` on disk or in memory (import it from `kg.store`)."""
from __future__ import annotations

import fcntl
import logging
import os
import shutil
import sys
import threading
import time
import weakref
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from kg import snapshot
from kg.errors import QueryError, StoreError
from kg.query import PREFIXES, QueryResult
from kg.sparql import Term, bind_values, syntax_error
from kg.store_base import Store, _collect, _graph, _rdf_format, format_of, layout

log = logging.getLogger(__name__)

#: a writer flushes its write buffer at most this often, so read-only readers open quickly
FLUSH_EVERY_S = 1.0
#: tries at opening read-only while a writer may be replacing files
READ_ONLY_ATTEMPTS = 6


_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SOURCE_DOCUMENT = ox.NamedNode("https://w3id.org/pmkg/ontology#SourceDocument")

#: beside a store folder `x` while it is compacted: the fresh copy, the folder it replaces, the lock
COMPACT_TMP, COMPACT_OLD, COMPACT_LOCK = ".compact-tmp", ".compact-old", ".compact-lock"


class Compaction(NamedTuple):
    """What `OxigraphStore.compact` did."""

    quads: int
    bytes_before: int
    bytes_after: int
    seconds: float

    def line(self) -> str:
        """One line for people: sizes and bytes per quad before and after."""
        per = lambda size: size / self.quads if self.quads else 0.0  # noqa: E731
        return (f"{self.bytes_before / 2**20:,.1f} MiB → {self.bytes_after / 2**20:,.1f} MiB, "
                f"{per(self.bytes_before):,.0f} → {per(self.bytes_after):,.0f} bytes/quad "
                f"({self.quads:,} quads, {self.seconds:.1f} s)")


class OxigraphStore(Store):
    """pyoxigraph on disk (`path`) or in memory (`path=None`).

    `read_only` opens an existing folder without taking its lock, so it can be read while
    another process (`kg ingest`) holds it for writing. The reader opens its own snapshot of
    the folder (`kg.snapshot`: hard links, removed on close), so files the writer deletes
    stay readable to it. It sees the store as it was when opened (RocksDB replays the
    writer's log up to its last whole transaction, so every document is whole or absent);
    reopen it to see later writes. Writes are refused.
    `must_exist` refuses a folder with no store in it instead of creating one.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
                 must_exist: bool = False) -> None:
        self.location = ":memory:" if path is None else str(path)
        self.read_only = read_only
        self._last_flush = time.monotonic()
        self._release: weakref.finalize | None = None
        if path is None:
            self._db: ox.Store | None = ox.Store()
        elif read_only:
            self._db, folder = _open_read_only(Path(path))
            if folder is not None:  # removed on close, or when this object is collected
                self._release = weakref.finalize(self, snapshot.release, folder)
        else:
            self._db = _open_disk(Path(path), must_exist=must_exist)

    @property
    def db(self) -> ox.Store:
        """The pyoxigraph store, for hot paths that need it directly."""
        if self._db is None:
            raise StoreError(f"{self.location}: store is closed")
        return self._db

    def _execute(self, sparql: str, bindings: Mapping[str, Term] | None, cancel: threading.Event,
                 limit: int | None, *, union: bool = True, timeout_s: float = 30.0,
                 checked: bool = False) -> QueryResult:
        subs = {ox.Variable(k): v for k, v in bindings.items()} if bindings else None
        try:
            try:
                result = self.db.query(sparql, use_default_graph_as_union=union, substitutions=subs)
            except RuntimeError as e:
                if "projection" not in str(e):
                    raise
                # Oxigraph substitutes only projected variables; bind the others by VALUES.
                result = self.db.query(bind_values(sparql, bindings or {}),
                                       use_default_graph_as_union=union)
            return _collect(result, cancel, limit)
        except SyntaxError as e:
            raise syntax_error(sparql, e) from e
        except OSError as e:
            raise StoreError(f"{self.location}: query failed: {e}") from e
        except (RuntimeError, ValueError) as e:
            raise QueryError(f"query failed: {e}") from e

    def _update(self, sparql: str, what: str) -> None:
        self._writable(what)
        try:
            self.db.update(sparql)
        except (OSError, SyntaxError, ValueError, RuntimeError) as e:
            raise StoreError(f"{self.location}: cannot write {what}: {e}") from e
        self._flush_now_and_then()

    def _writable(self, what: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: store is open read-only; cannot write {what}")

    def _flush_now_and_then(self) -> None:
        """Flush the write buffer to disk at most every FLUSH_EVERY_S seconds.

        A read-only reader replays the writer's unflushed log when it opens; flushing now and
        then keeps that log short, so readers open in milliseconds, not seconds.
        """
        if self._db is None or self.location == ":memory:":
            return
        now = time.monotonic()
        if now - self._last_flush >= FLUSH_EVERY_S:
            self._last_flush = now
            try:
                self._db.flush()
            except OSError as e:  # the write itself is committed; only the flush failed
                log.warning("%s: flush failed: %s", self.location, e)

    def _quads(self) -> Iterable[ox.Quad]:
        return self.db

    def _union_triples(self) -> Iterable[ox.Triple]:
        # streamed from Oxigraph; CONSTRUCT drops the duplicates the union of graphs has
        return self.db.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)

    def clear(self) -> None:
        self._writable(self.location)
        try:
            self.db.clear()
        except OSError as e:
            raise StoreError(f"{self.location}: cannot clear: {e}") from e

    def dump(self, path: str | os.PathLike[str], fmt: str) -> None:
        rdf_format, with_graphs = _rdf_format(fmt)
        if not with_graphs:
            return super().dump(path, fmt)
        try:  # Oxigraph's own dump streams the dataset straight from storage
            self.db.dump(str(path), rdf_format, prefixes=PREFIXES)
        except (OSError, ValueError) as e:
            raise StoreError(f"{path}: cannot write {fmt}: {e}") from e

    def load_file(self, path: str | os.PathLike[str], graph: str | None = None) -> None:
        rdf_format, _ = _rdf_format(format_of(path))
        self._writable(str(path))
        try:
            self.db.load(path=str(path), format=rdf_format,
                         to_graph=_graph(graph) if graph else None)
        except (OSError, SyntaxError, ValueError) as e:
            raise StoreError(f"{path}: cannot load: {e}") from e

    def optimize(self) -> None:
        if self.read_only:
            return
        try:
            self.db.optimize()
        except OSError as e:
            raise StoreError(f"{self.location}: cannot optimize: {e}") from e

    def compact(self) -> Compaction | None:
        """Repack the store: copy every quad into a fresh folder, then swap the folders.

        Stores written by many small transactions keep RocksDB's uncompressed compaction
        output even after `optimize()`; a copy made by `bulk_extend` is written as sorted,
        LZ4-compressed files and is about half the size. Steps, each safe to be killed in
        (the next open for writing finishes or undoes it, see `_recover`):

        1. copy into `<path>.compact-tmp`, `optimize()`, flush, check it holds every quad, close;
        2. close this store; rename `<path>` → `<path>.compact-old`, the copy → `<path>`;
        3. reopen `<path>`; delete `<path>.compact-old`.

        `<path>.compact-lock` (flock) keeps other pmkg processes from opening the store
        meanwhile. The state folder beside the store (`<path>-app`) is not touched.
        Returns:
            sizes before and after; None for an in-memory store.
        Raises:
            StoreError: read-only, too little free disk space, held by another process or by
                another reference in this one, or the copy failed (the store is left as it was).
        """
        if self.location == ":memory:":
            return None
        if self.read_only:
            raise StoreError(f"{self.location}: store is open read-only; cannot compact it")
        started = time.perf_counter()
        path = Path(self.location).absolute()
        tmp, old = _sibling(path, COMPACT_TMP), _sibling(path, COMPACT_OLD)
        before = folder_bytes(path)
        _check_space(path, before)
        with _compaction_lock(path):
            quads = _copy(self.db, tmp)
            if sys.getrefcount(self._db) > 2:  # this attribute and getrefcount's argument
                _remove(tmp)
                raise StoreError(f"{path}: cannot compact: the store is still used elsewhere in this "
                                 "process (a reference to its `db`); the store is unchanged")
            self.close()
            try:
                os.rename(path, old)
            except OSError as e:
                _remove(tmp)
                self._db = _open_rocksdb(path)
                raise StoreError(f"{path}: cannot compact: {e}; the store is unchanged") from e
            try:
                os.rename(tmp, path)
            except OSError as e:
                os.rename(old, path)
                _remove(tmp)
                self._db = _open_rocksdb(path)
                raise StoreError(f"{path}: cannot compact: {e}; the store is unchanged") from e
            _fsync_dir(path.parent)
            self._db = _open_rocksdb(path)
            self._last_flush = time.monotonic()
            _remove(old)
        return Compaction(quads, before, folder_bytes(path), time.perf_counter() - started)

    def close(self) -> None:
        if self._db is not None and not self.read_only:
            try:
                self._db.flush()
            except OSError as e:
                log.warning("%s: flush on close failed: %s", self.location, e)
        self._db = None  # dropping the last reference closes RocksDB and frees its lock
        if self._release is not None:
            self._release()  # a read-only reader's snapshot folder


def _open_disk(path: Path, must_exist: bool = False) -> ox.Store:
    _recover(path)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder; give a folder path")
    if must_exist and not (path / "CURRENT").is_file():
        raise StoreError(f"{path}: no store here; ingest something first")
    return _open_rocksdb(path)


def _open_rocksdb(path: Path) -> ox.Store:
    try:
        return ox.Store(str(path))
    except OSError as e:
        message = str(e)
        if "lock" in message.lower():
            raise StoreError(f"{path}: store is in use by another process (its LOCK is held); "
                             "close that process or use another folder") from e
        raise StoreError(f"{path}: cannot open store: {message}") from e


def _open_read_only(path: Path) -> tuple[ox.Store, Path | None]:
    """Open an existing store folder read-only, on a snapshot of it; the store and the snapshot.

    The snapshot (`kg.snapshot`) keeps the files this reader may open later from being
    deleted by a writer. Where no snapshot can be made beside the store (a read-only file
    system), the folder itself is opened (snapshot None). A compaction swapping the folders
    at that moment is waited for; a folder left by one killed mid-swap is read instead.
    """
    for attempt in range(READ_ONLY_ATTEMPTS):
        where = path
        if not (path / "CURRENT").is_file():
            old = _sibling(path, COMPACT_OLD)
            if not (old / "CURRENT").is_file():
                raise StoreError(f"{path}: no store here to open read-only; ingest something first")
            if attempt + 1 < READ_ONLY_ATTEMPTS:  # a compaction is swapping the folders
                time.sleep(0.05 * (attempt + 1))
                continue
            where = old  # left by a compaction killed mid-swap; the next writer puts it back
        try:
            folder: Path | None = snapshot.take(where, home=path)
        except FileNotFoundError:  # the folder went away meanwhile (a compaction's swap)
            if attempt + 1 == READ_ONLY_ATTEMPTS:
                raise StoreError(f"{path}: no store here to open read-only") from None
            time.sleep(0.05 * (attempt + 1))
            continue
        except snapshot.SnapshotError as e:
            raise StoreError(f"{path}: cannot open store read-only: {e}") from e
        except OSError as e:  # nowhere to put a snapshot: read the folder itself
            log.debug("%s: no snapshot (%s); reading the folder in place", path, e)
            folder = None
        try:
            return ox.Store.read_only(str(folder or where)), folder
        except (OSError, RuntimeError) as e:  # RocksDB reports the race as "Corruption"
            if folder is not None:
                snapshot.release(folder)
            if attempt + 1 == READ_ONLY_ATTEMPTS:
                raise StoreError(f"{path}: cannot open store read-only: {e}") from e
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


# ---------------------------------------------------------------------------------------------
# Compaction: a fresh copy swapped in (OxigraphStore.compact)
# ---------------------------------------------------------------------------------------------

def folder_bytes(path: Path) -> int:
    """Bytes in the files under a folder (0 if it is missing). A file RocksDB deletes while the
    folder is read (its background compaction replaces files at any time) counts for nothing."""
    total = 0
    for f in Path(path).rglob("*"):
        try:
            total += f.stat().st_size if f.is_file() else 0
        except FileNotFoundError:
            continue
    return total


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _check_space(path: Path, size: int) -> None:
    """Refuse unless the disk has room for a second copy (the copy is never bigger than the store)."""
    free = shutil.disk_usage(path.parent).free
    need = size + 16 * 2**20  # and room for RocksDB's own files
    if free < need:
        raise StoreError(f"{path}: not enough free disk space to compact: a copy needs up to "
                         f"{need / 2**20:,.0f} MiB beside the store, {free / 2**20:,.0f} MiB free")


def _copy(db: ox.Store, tmp: Path) -> int:
    """Write every quad of `db` into a fresh store at `tmp`, optimized and closed; the quad count.

    On failure `tmp` is removed and StoreError raised; `db` is untouched either way.
    """
    try:
        _remove(tmp)
        quads = len(db)
        copy = ox.Store(str(tmp))
        copy.bulk_extend(_laid_out(db))
        copy.optimize()
        copy.flush()
        copied = len(copy)
        del copy  # closes it
    except (OSError, RuntimeError, ValueError) as e:
        _remove(tmp)
        raise StoreError(f"{tmp.with_name(tmp.name.removesuffix(COMPACT_TMP))}: cannot compact: {e}; "
                         "the store is unchanged") from e
    if copied != quads:
        _remove(tmp)
        raise StoreError(f"{tmp}: the compacted copy holds {copied} of {quads} quads; the store is unchanged")
    return quads


def _laid_out(db: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of `db`, documents' own nodes moved to the default graph (`layout`), so that
    compacting a store written before that layout also upgrades it."""
    docs = {q.subject for q in db.quads_for_pattern(None, _TYPE, _SOURCE_DOCUMENT, None)
            if isinstance(q.subject, ox.NamedNode)}
    for q in db.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        yield q
    for graph in db.named_graphs():
        quads = db.quads_for_pattern(None, None, None, graph)
        yield from layout(graph, quads) if graph in docs else quads


@contextmanager
def _compaction_lock(path: Path) -> Iterator[None]:
    """Hold `<path>.compact-lock` (flock), so no other pmkg process opens or compacts the store."""
    lock = _sibling(path, COMPACT_LOCK)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(f"{path}: another process is compacting this store; "
                             "try again when it has finished") from None
        try:
            yield
        finally:
            lock.unlink(missing_ok=True)
    finally:
        os.close(fd)


def _recover(path: Path) -> None:
    """Finish or undo a compaction that was killed, before the store is opened for writing.

    `<path>` missing but `<path>.compact-old` there: killed between the two renames, so the
    old folder goes back. Both there: the copy was already in place, so the old one goes.
    A `<path>.compact-tmp` is an unfinished (or unswapped) copy: removed.
    """
    path = path.absolute()
    tmp, old = _sibling(path, COMPACT_TMP), _sibling(path, COMPACT_OLD)
    if not (tmp.exists() or old.exists() or _sibling(path, COMPACT_LOCK).exists()):
        return
    with _compaction_lock(path):
        if old.is_dir() and not path.exists():
            log.warning("%s: a compaction was interrupted while swapping folders; "
                        "putting the store back from %s", path, old.name)
            os.rename(old, path)
            _fsync_dir(path.parent)
        elif old.exists():
            log.warning("%s: removing %s left by an interrupted compaction", path, old.name)
            _remove(old)
        if tmp.exists():
            log.warning("%s: removing the unfinished copy %s of an interrupted compaction", path, tmp.name)
            _remove(tmp)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _fsync_dir(folder: Path) -> None:
    """Make renames in `folder` durable (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
