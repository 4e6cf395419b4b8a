"""Dump a whole store to one file and restore it, every named graph included.

    dump(store, "backup.nq")                  N-Quads or TriG, by suffix; returns the quad count
    restore(store, "backup.nq")               into an empty store
    restore(store, "backup.nq", replace=True) over a store that holds data

A dump is written under a temporary name and renamed when complete, so a failed or killed dump
never leaves half a file where the last good one was. A restore parses the whole file before it
touches the store and then writes it in ONE update (`DROP SILENT ALL ; INSERT DATA {…}` with
`replace`), so a broken file changes nothing and a killed restore leaves the old contents.
"""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store import Store, format_of

#: formats that keep named graphs: a dump in any other loses which document a triple came from
FORMATS = ("nq", "trig")

__all__ = ["FORMATS", "dump", "quad_count", "restore"]


def dump(store: Store, path: str | os.PathLike[str]) -> int:
    """Write every quad of `store` (named graphs and default graph) to `path`.

    Returns:
        The number of quads written.
    Raises:
        StoreError: the suffix is not .nq or .trig, or the file cannot be written.
    """
    target = Path(path)
    fmt = _backup_format(target)
    partial = target.with_name(f".{target.name}.part")
    try:
        store.dump(partial, fmt)
        os.replace(partial, target)
    except OSError as e:
        raise StoreError(f"{target}: cannot write the dump: {e.strerror or e}") from e
    finally:
        partial.unlink(missing_ok=True)
    return quad_count(store)


def restore(store: Store, path: str | os.PathLike[str], *, replace: bool = False) -> int:
    """Load a dump written by `dump` into `store`, in one transaction.

    Args:
        replace: drop everything the store holds first; without it a non-empty store is refused.
    Returns:
        The number of quads in the store afterwards.
    Raises:
        StoreError: the file is missing, not .nq/.trig or malformed (the store is untouched),
            or the store holds data and `replace` is not set.
    """
    source = Path(path)
    fmt = _backup_format(source)
    held = quad_count(store)
    if held and not replace:
        raise StoreError(f"{store.location}: store is not empty ({held} quads); "
                         "restore into an empty store, or pass --replace to overwrite it")
    quads = _parse(source, fmt)
    body = _insert_data(quads)
    update = ("DROP SILENT ALL" if replace else "") + (" ;\n" if replace and body else "") + body
    if update:
        store._update(update, str(source))
    return quad_count(store)


def quad_count(store: Store) -> int:
    """Count the quads of a store: the default graph's triples plus every named graph's."""
    found = store._select("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
                          union=False)
    return int(found.values()[0][0])


def _backup_format(path: Path) -> str:
    fmt = format_of(path)
    if fmt not in FORMATS:
        raise StoreError(f"{path}: a dump must keep named graphs; use a .nq or .trig file")
    return fmt


def _parse(path: Path, fmt: str) -> list[ox.Quad]:
    rdf_format = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}[fmt]
    try:
        return list(ox.parse(path=str(path), format=rdf_format))
    except FileNotFoundError as e:
        raise StoreError(f"{path}: no such file") from e
    except (OSError, SyntaxError, ValueError) as e:
        raise StoreError(f"{path}: not a readable {fmt} dump, nothing restored: {e}") from e


def _insert_data(quads: list[ox.Quad]) -> str:
    """One INSERT DATA holding every quad, grouped by graph (empty text for no quads)."""
    blocks: dict[str, list[str]] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        blocks.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    if not blocks:
        return ""
    parts = ["\n".join(lines) if not g else f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}"
             for g, lines in blocks.items()]
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}"
