"""Adoption rows, the place tree and the entity graph's rows, read from the store.

Analysis comes in two layers, so the arithmetic can be tested on rows written by hand:

    store ──(named queries)──▶ plain rows ──(pure functions)──▶ graphs, orders, lags, panel

The readers here (`adoption_rows`, `place_tree`, `attention_rows`, `entity_rows`) run the named
queries in kg/queries and return lists of dicts; `kg.network` makes graphs of them (projections,
centrality, communities) and `kg.diffusion` measures how each measure spread (orders, curves, lags,
cascades, panels).

An *adoption row* is a dict with `place`, `measure`, `date` (a `datetime.date` or None) and
optionally `precision` ("day", "month", "year", "approximate"), `placeLabel`, `measureLabel`,
`reports`; a place may appear several times for one measure (`earliest` keeps its first report).
A *place tree* maps a place to `{"parent", "level", "label"}`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.store import Store

Row = dict[str, Any]
Tree = Mapping[str, Mapping[str, Any]]

#: lower is more precise; unknown precisions rank last
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "approximate": 3}


# ---------------------------------------------------------------------------------------------
# Reading the store (thin: one named query each)
# ---------------------------------------------------------------------------------------------

def _named(store: Store, name: str) -> list[Row]:
    from kg.query import table

    return table(store, name)


def adoption_rows(store: Store) -> list[Row]:
    """First reported adoption of each measure by each place: the table kept current at ingest
    (`agg-place-measure`) where the store has it, else computed (`first-adoptions`)."""
    from kg import aggregates

    if aggregates.is_current(store):  # the same columns as first-adoptions'
        rows = [{("firstDate" if k == "firstReported" else k): v for k, v in r.items()}
                for r in _named(store, "agg-place-measure")]
    else:
        rows = _named(store, "first-adoptions")
    return [{**r, "date": r["firstDate"]} for r in rows]


def place_tree(store: Store) -> dict[str, dict[str, Any]]:
    """Adopting places and their ancestors: place → parent, level, label (`place-hierarchy`)."""
    return {r["place"]: {"parent": r["parent"], "level": r["level"], "label": r["label"]}
            for r in _named(store, "place-hierarchy")}


def attention_rows(store: Store) -> list[Row]:
    """Publisher's home place → place reported on, with item counts (`attention-network`)."""
    return _named(store, "attention-network")


def entity_rows(store: Store) -> tuple[list[Row], list[Row]]:
    """Nodes and edges of the entity graph (`entity-nodes`, `entity-edges`)."""
    return _named(store, "entity-nodes"), _named(store, "entity-edges")


# ---------------------------------------------------------------------------------------------
# Small pure helpers
# ---------------------------------------------------------------------------------------------

def _sort_key(row: Row) -> tuple[Any, ...]:
    return (row.get("date") or date.max, PRECISION_RANK.get(row.get("precision") or "", 9),
            str(row["place"]))


def earliest(rows: Iterable[Row]) -> list[Row]:
    """One row per (place, measure): its earliest dated report, the most precise on a tie.

    >>> rows = [{"place": "p", "measure": "m", "date": date(2024, 3, 1), "precision": "month"},
    ...         {"place": "p", "measure": "m", "date": date(2024, 3, 1), "precision": "day"}]
    >>> earliest(rows)[0]["precision"]
    'day'
    """
    best: dict[tuple[str, str], Row] = {}
    for row in rows:
        key = (row["place"], row["measure"])
        if key not in best or _sort_key(row) < _sort_key(best[key]):
            best[key] = row
    return list(best.values())


def _labels(rows: Iterable[Row], node: str) -> dict[str, str]:
    return {r[node]: r.get(f"{node}Label") or r[node] for r in rows}


def to_frame(rows: list[Row]) -> Any:
    """Rows as a pandas DataFrame when pandas is installed, else the rows unchanged."""
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows)
