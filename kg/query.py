"""Named SPARQL queries from kg/queries/*.rq, run with safely bound parameters.

Also the `QueryResult` record every query returns, its conversion to Python values and its
formatting for people and programs. The SPARQL text helpers the stores share (tokens, the
read-only check, VALUES binding) are in `kg.sparql`.

Each .rq file opens with a comment header:

    # title: Measures of a place
    # question-zh: 某地推行了哪些改革举措？
    # question-en: Which measures has a place adopted?
    # param: place — the place's name, 6-digit adcode or IRI

A parameter `name` binds the query variable `?name`. Values never enter the query text: the store
binds them as RDF terms (pyoxigraph substitutions, or an escaped VALUES block for remote
endpoints), so a value is only ever compared, never parsed as SPARQL. Parameters should appear in
the SELECT projection (Oxigraph substitutes projected variables only); a sub-SELECT that projects
a parameter sees it bound too (the VALUES block is repeated there), unless it assigns it itself.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.sparql import Term, tokens

if TYPE_CHECKING:
    from kg.store import Store

#: Prefixes every pmkg query may use; also written into Turtle/TriG/JSON-LD dumps.
PREFIXES: dict[str, str] = {
    "pmkg": "https://w3id.org/pmkg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

XSD = PREFIXES["xsd"]

_ID = "https://w3id.org/pmkg/id/"

QUERY_DIR = Path(__file__).resolve().parent / "queries"

_HEADER = re.compile(r"#\s*(title|question-zh|question-en|param)\s*:\s*(.*)")
_PARAM = re.compile(r"(\w+)\s*(?:—|–|--|-|:)\s*(.*)")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One .rq file: its header and its SPARQL text."""

    name: str
    title: str
    question_zh: str
    question_en: str
    #: (parameter name, description) in header order
    params: tuple[tuple[str, str], ...]
    text: str


def list_queries() -> list[NamedQuery]:
    """Every named query, by name."""
    return [load_query(p.stem) for p in sorted(QUERY_DIR.glob("*.rq"))]


def load_query(name: str) -> NamedQuery:
    """Read kg/queries/<name>.rq and its header.

    Raises:
        QueryError: there is no such query.
    """
    path = QUERY_DIR / f"{name}.rq"
    if not re.fullmatch(r"[\w-]+", name) or not path.is_file():
        known = ", ".join(p.stem for p in sorted(QUERY_DIR.glob("*.rq")))
        raise QueryError(f"no named query {name!r}; known: {known}")
    return read_query_file(path)


def read_query_file(path: str | os.PathLike[str]) -> NamedQuery:
    """Read any .rq file with the named-query header (the header may be absent).

    Raises:
        QueryError: the file cannot be read or has a malformed param line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read query: {e}") from e
    header: dict[str, str] = {}
    params: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m and m.group(1) == "param":
            p = _PARAM.match(m.group(2))
            if p is None:
                raise QueryError(f"{path}: bad param line {line!r}; write '# param: name — description'")
            params.append((p.group(1), p.group(2).strip()))
        elif m:
            header[m.group(1)] = m.group(2).strip()
    return NamedQuery(path.stem, header.get("title", path.stem), header.get("question-zh", ""),
                      header.get("question-en", ""), tuple(params), text)


def with_prefixes(text: str) -> str:
    """Prepend the PREFIX declarations of pmkg's namespaces that `text` does not declare.

    >>> with_prefixes("PREFIX pmkg: <x:>\\nASK {}").count("PREFIX pmkg:")
    1
    >>> "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>" in with_prefixes("ASK {}")
    True
    """
    toks = [t[1] for t in tokens(text)]
    declared = {toks[i + 1].rstrip(":") for i, t in enumerate(toks[:-1]) if t.upper() == "PREFIX"}
    missing = [f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared]
    return "".join(missing) + text


def param_term(name: str, value: str | Term) -> Term:
    """The RDF term a parameter value stands for: an IRI if it is one, else a plain string.

    >>> param_term("place", "https://w3id.org/pmkg/id/place/410400")
    <NamedNode value=https://w3id.org/pmkg/id/place/410400>
    >>> param_term("adcode", "410400")
    <Literal value=410400 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    if not isinstance(value, str):
        return value
    if re.match(r"https?://", value):
        try:
            return ox.NamedNode(value)
        except ValueError:
            pass  # not a valid IRI: compare it as text, which matches nothing harmful
    return ox.Literal(value)  # adcodes too stay strings: pmkg:adcode is xsd:string


def run_named(store: Store, name: str, params: Mapping[str, str | Term] | None = None, *,
              timeout_s: float = 30, limit: int | None = None) -> QueryResult:
    """Run a named query with its parameters bound.

    Raises:
        QueryError: unknown query, a missing or unknown parameter, or the query failed.
    """
    return _run(store, load_query(name), params, timeout_s, limit)


def run_query(store: Store, query: str, params: Mapping[str, str | Term] | None = None, *,
              timeout_s: float = 30, limit: int | None = None) -> QueryResult:
    """Run a named query, a .rq file, or SPARQL text; `params` bind ?name in any of them.

    Raises:
        QueryError: unknown query name, a missing/unknown parameter, or the query failed.
    """
    if re.fullmatch(r"[\w-]+", query):
        return run_named(store, query, params, timeout_s=timeout_s, limit=limit)
    if query.endswith(".rq") and "\n" not in query and Path(query).is_file():
        return _run(store, read_query_file(query), params, timeout_s, limit)
    bindings = {p: param_term(p, v) for p, v in (params or {}).items()}
    return store.query(with_prefixes(query), bindings or None, timeout_s=timeout_s, limit=limit)


def _run(store: Store, query: NamedQuery, params: Mapping[str, str | Term] | None,
         timeout_s: float, limit: int | None) -> QueryResult:
    given = dict(params or {})
    declared = [p for p, _ in query.params]
    if unknown := sorted(set(given) - set(declared)):
        raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(unknown)}; "
                         f"it takes {', '.join(declared) or 'none'}")
    if missing := [p for p in declared if p not in given]:
        raise QueryError(f"{query.name}: missing parameter(s) {', '.join(missing)}")
    bindings = {p: param_term(p, v) for p, v in given.items()}
    return store.query(with_prefixes(query.text), bindings or None, timeout_s=timeout_s, limit=limit)


#: a query's closing ORDER BY when it is plain ascending variables, and nothing follows it
_TRAILING_ORDER = re.compile(r"\bORDER\s+BY((?:\s+\?\w+)+)\s*$", re.IGNORECASE)


def table(store: Store, name: str, *, timeout_s: float = 300) -> list[dict[str, Any]]:
    """A whole named table (no parameters) as records, in the query's order.

    Where the query ends with `ORDER BY ?a ?b …`, the rows are sorted here instead: Oxigraph
    decodes long IRIs and labels at every comparison (entity-edges at 3M quads: 12 s sorted by
    the store, 4.7 s sorted here). Unbound values come first, as in SPARQL.
    """
    query = load_query(name)
    text = query.text.rstrip()
    m = _TRAILING_ORDER.search(text)
    if m is None:
        return _run(store, query, None, timeout_s, None).records()
    rows = _run(store, replace(query, text=text[:m.start()]), None, timeout_s, None).records()
    keys = [v[1:] for v in m.group(1).split()]
    try:
        rows.sort(key=lambda r: [(r[k] is not None, r[k] if r[k] is not None else "") for k in keys])
    except TypeError:  # a column mixing kinds of values: compare their text
        rows.sort(key=lambda r: [(r[k] is not None, str(r[k])) for k in keys])
    return rows


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------

def _boolean(value: str) -> bool:
    return value in {"true", "1"}


#: how a literal of each XSD datatype becomes a Python value; other datatypes stay strings
_FROM_XSD: dict[str, Callable[[str], Any]] = {
    **{XSD + k: int for k in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")},
    XSD + "decimal": Decimal, XSD + "double": float, XSD + "float": float, XSD + "boolean": _boolean,
    XSD + "date": date.fromisoformat, XSD + "dateTime": datetime.fromisoformat,
}


def to_python(term: Term | None) -> Any:
    """Turn an RDF term into a plain Python value (IRIs and strings stay `str`).

    >>> to_python(ox.Literal("7", datatype=ox.NamedNode(XSD + "integer")))
    7
    >>> to_python(ox.NamedNode("https://w3id.org/pmkg/id/place/410400"))
    'https://w3id.org/pmkg/id/place/410400'
    >>> to_python(ox.Literal("2024-02-30", datatype=ox.NamedNode(XSD + "date")))
    '2024-02-30'
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        value = term.value
        convert = _FROM_XSD.get(term.datatype.value)
        if convert is None:
            return value
        try:
            return convert(value)
        except (ValueError, InvalidOperation):
            return value  # an ill-typed literal is shown as written
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """What a query returned: rows for SELECT, `boolean` for ASK, `triples` for CONSTRUCT/DESCRIBE."""

    vars: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    #: True when `limit` cut rows (or triples) off
    truncated: bool = False
    elapsed_s: float = 0.0

    def values(self) -> list[tuple[Any, ...]]:
        """Rows as tuples of plain Python values."""
        return [tuple(to_python(t) for t in row) for row in self.rows]

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of plain Python values, keyed by variable name."""
        return [dict(zip(self.vars, row)) for row in self.values()]

    def column(self, name: str) -> list[Any]:
        """One column as plain Python values."""
        k = self.vars.index(name)
        return [to_python(row[k]) for row in self.rows]


# ---------------------------------------------------------------------------------------------
# Formatting results for people (table) and programs (csv, json)
# ---------------------------------------------------------------------------------------------

def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned text table, CSV or JSON.

    >>> print(format_result(QueryResult(vars=("n",), rows=((ox.Literal("1"),),)), "csv").strip())
    n
    1
    """
    if fmt not in {"table", "csv", "json"}:
        raise QueryError(f"unknown result format {fmt!r}; choose table, csv or json")
    if result.boolean is not None:
        return json.dumps({"boolean": result.boolean}) if fmt == "json" else str(result.boolean).lower()
    if not result.vars and result.triples:
        lines = [f"{t.subject} {t.predicate} {t.object} ." for t in result.triples]
        return "\n".join(lines) + _truncation_note(result, fmt)
    if fmt == "json":
        return json.dumps({"vars": list(result.vars), "rows": result.records(),
                           "truncated": result.truncated}, ensure_ascii=False, default=_json_value)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.vars)
        writer.writerows([["" if v is None else _text(v) for v in row] for row in result.values()])
        return out.getvalue()
    return _table(result) + _truncation_note(result, fmt)


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _truncation_note(result: QueryResult, fmt: str) -> str:
    return f"\n(truncated: more rows than the limit of {len(result.rows) or len(result.triples)})" \
        if result.truncated and fmt == "table" else ""


def _shorten(value: Any) -> str:
    """IRIs as prefixed names where a pmkg prefix fits, for reading."""
    text = _text(value)
    if text.startswith(_ID):
        return "id:" + text[len(_ID):]
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and re.fullmatch(r"[\w-]+", text[len(ns):]):
            return f"{prefix}:{text[len(ns):]}"
    return text


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(result: QueryResult) -> str:
    cells = [list(result.vars)] + [
        ["" if v is None else _shorten(v).replace("\n", " ") for v in row] for row in result.values()]
    widths = [max(_width(row[k]) for row in cells) for k in range(len(result.vars))]
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + f"\n({len(result.rows)} rows)"
