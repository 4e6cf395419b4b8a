"""A reader's private snapshot of an on-disk store: hard links to its files, taken consistently.

Why: a read-only RocksDB instance (`pyoxigraph.Store.read_only`) learns the store's table
files (`*.sst`) from the MANIFEST when it opens, but opens only the first 16 of them then; the
others are opened on first use. Meanwhile the writer (`kg ingest`) compacts and deletes table
files, so a reader that touches a file late fails with "No such file or directory" (or, inside
a SPARQL aggregate, never finishes). A snapshot is a folder of hard links to the table files
the MANIFEST names, plus copies of the small files RocksDB recovers from (CURRENT, MANIFEST,
OPTIONS, the write-ahead logs): the writer can delete its names, never the reader's.

Consistency without the writer's help: the MANIFEST is append-only and RocksDB deletes a table
file only after appending the edit that retires it. So the snapshot reads CURRENT and the
MANIFEST, links and copies, then checks that CURRENT names the same MANIFEST and that it has
not grown; otherwise it starts again. Every file the copied MANIFEST names was then linked
before the writer could delete it. A write-ahead log copied in the middle of an append ends
in a torn record, which recovery drops: the reader sees whole transactions only.

Snapshots live in `<store>.readers/<pid>-<random>/` (beside the store, so hard links work)
and are removed when the reader closes, the folder with the last of them; one left by a killed
reader is removed by the next snapshot taken of that store.
"""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

#: beside a store folder `x`: the folder holding its readers' snapshots
READERS = ".readers"
#: tries at a consistent snapshot while the writer keeps changing the MANIFEST
ATTEMPTS = 20
#: files copied rather than linked: small, and appended to (or recycled) by the writer
_COPIED_SUFFIXES = (".log",)
_COPIED_NAMES = ("IDENTITY",)


class SnapshotError(OSError):
    """No consistent snapshot could be taken (the writer kept changing the store)."""


def readers_folder(store: Path) -> Path:
    return store.with_name(store.name + READERS)


def take(store: Path, home: Path | None = None) -> Path:
    """A fresh snapshot folder of `store`, ready to open read-only.

    `home` is the store the snapshot is filed under (`store` itself unless `store` is the
    folder a killed compaction left beside it).

    Raises:
        FileNotFoundError: `store` holds no store (no CURRENT).
        SnapshotError: the writer changed the store during every attempt.
        OSError: the snapshot folder cannot be made (read-only file system …).
    """
    home = home or store
    parent = readers_folder(home)
    remove_abandoned(home)
    for _ in range(ATTEMPTS):
        parent.mkdir(exist_ok=True)
        try:
            folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=parent))
        except FileNotFoundError:  # the last reader out removed the folder meanwhile
            continue
        try:
            if _fill(store, folder):
                return folder
        except FileNotFoundError:  # CURRENT or the MANIFEST replaced under us (writer reopened)
            if not (store / "CURRENT").is_file():
                shutil.rmtree(folder, ignore_errors=True)
                raise
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        shutil.rmtree(folder, ignore_errors=True)
    raise SnapshotError(f"{store}: the writer kept changing the store; no consistent snapshot "
                        f"in {ATTEMPTS} attempts")


def _fill(store: Path, folder: Path) -> bool:
    """Link and copy the store's files into `folder`; True if the result is consistent."""
    current = (store / "CURRENT").read_bytes()
    manifest_name = current.decode("ascii").strip()
    manifest = (store / manifest_name).read_bytes()
    for name in os.listdir(store):
        if name in ("CURRENT", "LOCK", "LOG") or name.startswith(("LOG.old", "MANIFEST-")):
            continue
        source, target = store / name, folder / name
        try:
            if name.endswith(".sst"):
                _link(source, target)
            elif name.endswith(_COPIED_SUFFIXES) or name in _COPIED_NAMES or name.startswith("OPTIONS-"):
                shutil.copyfile(source, target)
        except FileNotFoundError:
            continue  # retired meanwhile: the MANIFEST check below tells whether it mattered
    (folder / manifest_name).write_bytes(manifest)
    (folder / "CURRENT").write_bytes(current)
    try:
        unchanged = ((store / "CURRENT").read_bytes() == current
                     and (store / manifest_name).stat().st_size == len(manifest))
    except FileNotFoundError:
        return False
    return unchanged


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError as e:
        if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copyfile(source, target)  # a file system without hard links: a real copy


def release(folder: Path) -> None:
    """Remove a snapshot folder (its reader has closed); the last reader out removes `<store>.readers`."""
    shutil.rmtree(folder, ignore_errors=True)
    try:
        folder.parent.rmdir()
    except OSError:  # other readers' snapshots are still there
        pass


def remove_abandoned(store: Path) -> int:
    """Remove the snapshots of readers that no longer run; how many were removed."""
    parent = readers_folder(store)
    removed = 0
    try:
        entries = list(parent.iterdir())
    except FileNotFoundError:
        return 0
    for entry in entries:
        pid = entry.name.split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
