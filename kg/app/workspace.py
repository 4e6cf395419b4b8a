"""The app's folder beside the store: uploaded files, the change history, exports.

    <store>-app/            (kg.curation.state_dir; $PMKG_APP_DIR overrides)
        curation.json       candidate-measure decisions (kg.curation)
        uploads/            uploaded files, names sanitised, never inside the code tree
        history.jsonl       one line per detected change of the store (documents added/removed)
        snapshot.json       the documents and counts as last seen, to tell what changed
        exports/            files written for download
"""
from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from kg.app.data import counts, documents, frame, kind_of, run
from kg.app.entities import labelled, names_of
from kg.curation import curate_store, load_curation, state_dir
from kg.errors import IngestError, StoreError

log = logging.getLogger(__name__)

#: what the upload page accepts (kg.read has a reader for each)
ALLOWED_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")
MAX_UPLOAD_MB = 20
_NAME_BAD = re.compile(r"[^\w.\-（）()\[\]【】·]+")


def folder(location: str) -> Path:
    """The state folder of a store, created if missing.

    Raises:
        StoreError: an in-memory store has none, or the folder cannot be created.
    """
    path = state_dir(location)
    if path is None:
        raise StoreError("an in-memory store has no folder for uploads; set $PMKG_APP_DIR")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"{path}: cannot create the app's folder: {e}") from e
    return path


# ---------------------------------------------------------------------------------------------
# Uploads
# ---------------------------------------------------------------------------------------------

def sanitise(name: str) -> str:
    """A safe file name: no folders, no control or shell characters, no leading dots.

    >>> sanitise("../../etc/平顶山 简报(42).TXT")
    '平顶山_简报(42).txt'
    >>> sanitise("..\\\\evil.docx")
    'evil.docx'
    """
    base = re.split(r"[\\\\/]", unicodedata.normalize("NFKC", name))[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = _NAME_BAD.sub("_", stem).strip("._-")[:120] or "upload"
    suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())
    return f"{stem}.{suffix}" if suffix else stem


def save_upload(location: str, name: str, data: bytes, max_bytes: int = MAX_UPLOAD_MB << 20) -> Path:
    """Check and save one uploaded file in the uploads folder; returns its path.

    Raises:
        IngestError: the suffix is not accepted, the file is empty or too big.
    """
    safe = sanitise(name)
    suffix = Path(safe).suffix
    if suffix not in ALLOWED_SUFFIXES:
        raise IngestError(name, f"{suffix or 'no suffix'} files are not accepted; upload "
                                f"{', '.join(ALLOWED_SUFFIXES)}")
    if not data:
        raise IngestError(name, "the file is empty")
    if len(data) > max_bytes:
        raise IngestError(name, f"{len(data) / 2**20:.1f} MB is more than the {max_bytes / 2**20:.0f} MB "
                                "limit; split the file")
    target = folder(location) / "uploads" / safe
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as e:
        raise IngestError(name, f"cannot save the upload: {e}") from e
    return target


def ingest(store: Any, paths: Iterable[Path]) -> Iterator[Any]:
    """Ingest files through the pipeline, then apply the curation decisions to what was added.

    Yields the pipeline's Step for each file (so the page can move a progress bar).
    """
    from kg.pipeline import ingest as run_pipeline

    for step in run_pipeline(list(paths), store):
        yield step
    curation = load_curation(store.location)
    if curation:
        curate_store(store, curation)


# ---------------------------------------------------------------------------------------------
# What changed since the last ingest
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Change:
    """One detected change of the store: documents added and removed, counts before and after."""

    at: str
    added: tuple[dict[str, Any], ...]
    removed: tuple[dict[str, Any], ...]
    before: dict[str, int]
    after: dict[str, int]
    #: entities named only by the added documents: (iri, kind, label)
    new_entities: tuple[tuple[str, str, str], ...] = ()

    @property
    def delta(self) -> dict[str, int]:
        """How much each count grew (or shrank)."""
        return {k: self.after.get(k, 0) - self.before.get(k, 0) for k in self.after}


def changes(store: Any, after: dict[str, int] | None = None) -> Change | None:
    """The latest change of the store's documents, recording a new one if the store moved on.

    The store's document list and counts (`after`, from `data.counts` if not given) are compared
    with the snapshot kept in the state folder; a difference is appended to history.jsonl and
    becomes the new snapshot.
    """
    try:
        base = folder(store.location)
    except StoreError:
        return None
    docs = documents(store)
    now = {r["document"]: {"document": r["document"], "sourceFile": _plain(r["sourceFile"]),
                           "title": _plain(r["title"]), "issued": _iso(r["issued"]), "hash": r["hash"]}
           for r in docs.to_dict("records")}
    snapshot = _read_json(base / "snapshot.json") or {"documents": {}, "counts": {}}
    before = snapshot["documents"]
    if set(now) == set(before) and all(now[d]["hash"] == before[d]["hash"] for d in now):
        return last_change(store.location)
    added = [now[d] for d in now if d not in before or now[d]["hash"] != before[d]["hash"]]
    removed = [before[d] for d in before if d not in now]
    after = after if after is not None else counts(store)
    change = Change(datetime.now(timezone.utc).isoformat(timespec="seconds"), tuple(added), tuple(removed),
                    snapshot.get("counts", {}), after, _first_seen(store, [d["document"] for d in added]))
    _append(base / "history.jsonl", change)
    _write_json(base / "snapshot.json", {"documents": now, "counts": after})
    return change


def last_change(location: str) -> Change | None:
    """The latest recorded change, or None if none was recorded."""
    path = state_dir(location)
    if path is None or not (path / "history.jsonl").exists():
        return None
    lines = (path / "history.jsonl").read_text(encoding="utf-8").strip().splitlines()
    if not lines:
        return None
    raw = json.loads(lines[-1])
    return Change(raw["at"], tuple(raw["added"]), tuple(raw["removed"]), raw["before"], raw["after"],
                  tuple(tuple(e) for e in raw.get("new_entities", [])))


#: above this many added documents (a first look at a big store) first-seen entities are not listed
FIRST_SEEN_MAX_DOCS = 20


def _first_seen(store: Any, added: list[str], limit: int = 200) -> tuple[tuple[str, str, str], ...]:
    """Entities that the added documents name and no other document does (for small batches)."""
    if not added or len(added) > FIRST_SEEN_MAX_DOCS:
        return ()
    named = {r[1].value for r in run(store, "app-document-entities", values={"document": added}).rows}
    named = sorted(n for n in named if kind_of(n) in {"place", "measure", "agency", "official"})[:limit]
    if not named:
        return ()
    elsewhere = {r[0].value for r in run(store, "app-entity-graphs", values={"entity": named}).rows
                 if r[1].value not in set(added)}
    fresh = [n for n in named if n not in elsewhere]
    names = names_of(store, fresh)
    return tuple((n, kind_of(n) or "", names.get(n, n)) for n in fresh)


def _plain(value: Any) -> Any:
    """None for pandas' missing values (NaN, NaT), the value otherwise."""
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _iso(value: Any) -> str | None:
    value = _plain(value)
    return value.isoformat() if hasattr(value, "isoformat") else (None if value is None else str(value))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    tmp.replace(path)


def _append(path: Path, change: Change) -> None:
    record = {"at": change.at, "added": change.added, "removed": change.removed, "before": change.before,
              "after": change.after, "new_entities": change.new_entities}
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


# ---------------------------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------------------------

def export_bytes(store: Any, fmt: str) -> bytes:
    """The whole graph in one of kg.export.FORMATS, as bytes for a download button.

    Raises:
        StoreError: unknown format or the export failed.
    """
    from kg.export import FORMATS, export

    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    target = folder(store.location) / "exports" / f"pmkg{FORMATS[fmt][0]}"
    export(store, target, fmt)
    return target.read_bytes()


def document_summary(store: Any, document: str) -> dict[str, Any]:
    """What one document names, by kind, and the adoptions it reports (labels attached)."""
    named = [r[1].value for r in run(store, "app-document-entities", {"document": document}).rows]
    adoptions = frame(run(store, "app-document-adoptions", {"document": document}))
    names = names_of(store, [*named, *adoptions.get("place", []), *adoptions.get("measure", [])])
    entities = pd.DataFrame([(n, kind_of(n) or "other", names.get(n, n)) for n in named],
                            columns=["entity", "kind", "label"]).sort_values(["kind", "label"])
    return {"entities": entities.reset_index(drop=True),
            "adoptions": labelled(adoptions, names, "place", "measure")}
