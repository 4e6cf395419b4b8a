"""Exporters by format name: a small registry others extend (graphml, gexf, csv, xlsx …).

    FORMATS["ttl"] = (".ttl", writer)      writer(store, path) -> None

RDF formats delegate to `Store.dump`: ttl, nt and jsonld hold the union of all graphs as one
graph; nq and trig keep each document in its named graph. Every export is written to a
temporary file beside the target and moved into place when complete, so a failure never leaves
half a file.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store import OxigraphStore, Store

Writer = Callable[[Store, Path], None]


def _rdf_writer(fmt: str) -> Writer:
    def write(store: Store, path: Path) -> None:
        store.dump(path, fmt)

    write.__doc__ = f"Write the store as {fmt}."
    return write


#: format name → (file suffix, writer)
FORMATS: dict[str, tuple[str, Writer]] = {
    "ttl": (".ttl", _rdf_writer("ttl")),
    "nt": (".nt", _rdf_writer("nt")),
    "nq": (".nq", _rdf_writer("nq")),
    "trig": (".trig", _rdf_writer("trig")),
    "jsonld": (".jsonld", _rdf_writer("jsonld")),
}


def register(name: str, suffix: str, writer: Writer) -> None:
    """Add (or replace) an export format."""
    FORMATS[name] = (suffix if suffix.startswith(".") else f".{suffix}", writer)


def format_for_suffix(path: str | os.PathLike[str]) -> str:
    """The format name whose suffix `path` ends with.

    >>> format_for_suffix("out/graph.trig")
    'trig'
    >>> format_for_suffix("graph.json")
    'jsonld'

    Raises:
        StoreError: no format has that suffix.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        suffix = ".jsonld"
    for name, (fmt_suffix, _) in FORMATS.items():
        if fmt_suffix == suffix:
            return name
    known = ", ".join(s for s, _ in FORMATS.values())
    raise StoreError(f"{path}: no exporter for suffix {suffix or '(none)'!r}; use one of {known}")


def export(store: Store, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write the store to `path` in `fmt` (default: the format its suffix names).

    Returns:
        The path written.
    Raises:
        StoreError: unknown format, or the file cannot be written.
    """
    path = Path(path)
    name = fmt or format_for_suffix(path)
    try:
        _, writer = FORMATS[name]
    except KeyError:
        raise StoreError(f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"{path}: cannot create its folder: {e}") from e
    partial = path.with_name(f".{path.stem}.partial{path.suffix}")
    try:
        writer(store, partial)
        os.replace(partial, path)
    except OSError as e:
        raise StoreError(f"{path}: cannot write: {e}") from e
    finally:
        if partial.is_dir():  # folder layouts (csv, neo4j without .zip)
            shutil.rmtree(partial, ignore_errors=True)
        else:
            partial.unlink(missing_ok=True)
    return path


def write_quads(quads: Iterable[ox.Quad], path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write quads to a file without a persistent store (what `kg build` does).

    Raises:
        StoreError: unknown format, bad quads, or the file cannot be written.
    """
    with OxigraphStore(None) as store:
        try:
            store.db.extend(quads)
        except (OSError, TypeError, ValueError) as e:
            raise StoreError(f"{path}: cannot collect the graph to write: {e}") from e
        return export(store, path, fmt)


from kg.exporters import register_all  # noqa: E402  (the exporters register into FORMATS above)

register_all()
