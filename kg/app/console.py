"""The SPARQL console: the named-query gallery, running a query within limits, links, downloads.

Read-only comes from the store: `Store.query` refuses updates and SERVICE. Prefixes are added by
`kg.query.with_prefixes`, so the gallery's queries and the analyst's own need no PREFIX lines.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import pandas as pd

from kg.app.data import PAGE_KINDS, kind_of
from kg.query import NamedQuery, QueryResult, format_result, list_queries, run_query

MAX_ROWS = 100_000
MAX_TIMEOUT_S = 120.0


def gallery() -> list[NamedQuery]:
    """The named queries, pmkg's analyst queries first, then the app's own (app-*)."""
    queries = list_queries()
    return sorted(queries, key=lambda q: (q.name.startswith("app-"), q.name))


def execute(store: Any, text: str, params: Mapping[str, str] | None = None, *, limit: int = 1000,
            timeout_s: float = 15.0) -> QueryResult:
    """Run SPARQL text with parameters, clamped to the console's row and time limits.

    Raises:
        QueryError: malformed, an update, too slow, or a parameter problem.
    """
    limit = max(1, min(int(limit), MAX_ROWS))
    timeout_s = max(1.0, min(float(timeout_s), MAX_TIMEOUT_S))
    bound = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    return run_query(store, text, bound, timeout_s=timeout_s, limit=limit)


def page_url(iri: str, label: str | None = None) -> str | None:
    """The app URL of a node's page, or None if it has none; a label rides along as `name=`
    (unescaped but for URL syntax) so a link column can show it.

    >>> page_url("https://w3id.org/pmkg/id/place/410400", "平顶山市")
    './place?iri=https://w3id.org/pmkg/id/place/410400&name=平顶山市'
    """
    kind = kind_of(iri)
    if kind not in PAGE_KINDS:
        return None
    url = f"./{kind}?iri={quote(iri, safe=':/')}"
    if label:
        url += "&name=" + re.sub(r"[&#%?=+\s]", lambda m: quote(m.group()), label)
    return url


def result_frame(result: QueryResult) -> tuple[pd.DataFrame, list[str]]:
    """A result as a table of text, with pmkg IRIs turned into page URLs; and the link columns."""
    if result.boolean is not None:
        return pd.DataFrame({"boolean": [result.boolean]}), []
    if not result.vars and result.triples:
        rows = [(str(t.subject), str(t.predicate), str(t.object)) for t in result.triples]
        return pd.DataFrame(rows, columns=["subject", "predicate", "object"]), []
    df = pd.DataFrame(result.values(), columns=list(result.vars))
    links = []
    for col in df.columns:
        urls = df[col].map(lambda v: page_url(v) if isinstance(v, str) else None)
        if len(df) and urls.notna().any() and urls.notna().sum() == df[col].notna().sum():
            df[col] = [u or v for u, v in zip(urls, df[col])]
            links.append(col)
    return df, links


def csv_bytes(result: QueryResult) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel opens Chinese text correctly.

    >>> csv_bytes(QueryResult(vars=("n",), rows=()))[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    return ("\ufeff" + format_result(result, "csv")).encode("utf-8")


def json_bytes(result: QueryResult) -> bytes:
    """The result as JSON (vars, rows, truncated), UTF-8."""
    text = format_result(result, "json")
    json.loads(text)  # fail here, not in the browser, if the writer ever produced bad JSON
    return text.encode("utf-8")
