"""SPARQL as text: tokens (strings, IRIs and comments kept apart), the read-only check, and
binding parameters by VALUES blocks (for endpoints without pyoxigraph's substitutions).

These look at the query's words without parsing it: the store's own parser has the last word.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from kg.errors import QueryError

#: an RDF term as pyoxigraph gives it
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


_TOKEN = re.compile(r'''
    (?P<comment>\#[^\n\r]*)
  | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[^\s{}()<>"'\#,;]+)
  | (?P<other>\S)
''', re.VERBOSE | re.DOTALL)

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})


def tokens(sparql: str) -> list[tuple[str, str, int]]:
    """Split SPARQL into (kind, text, offset) tokens, dropping comments.

    >>> [t[1] for t in tokens('SELECT * { ?s ?p "# not a comment }" } # done')]
    ['SELECT', '*', '{', '?s', '?p', '"# not a comment }"', '}']
    """
    return [(m.lastgroup or "other", m.group(), m.start())
            for m in _TOKEN.finditer(sparql) if m.lastgroup != "comment"]


def keywords(sparql: str) -> set[str]:
    return {text.upper() for kind, text, _ in tokens(sparql) if kind == "word"}


def check_read_only(sparql: str, allow_service: bool = False) -> None:
    """Refuse SERVICE (unless allowed); updates are caught when the text fails to parse as a query.

    >>> check_read_only('SELECT * { SERVICE <http://x.org/sparql> { ?s ?p ?o } }')
    Traceback (most recent call last):
    kg.errors.QueryError: SERVICE calls other endpoints and is refused; pass allow_service=True to permit it
    """
    if not allow_service and "SERVICE" in keywords(sparql):
        raise QueryError("SERVICE calls other endpoints and is refused; "
                         "pass allow_service=True to permit it")


def syntax_error(sparql: str, error: Exception) -> QueryError:
    found = sorted(keywords(sparql) & UPDATE_KEYWORDS)
    if found:
        return QueryError(f"refused: {', '.join(found)} is a SPARQL update and the query interface "
                          "is read-only")
    return QueryError(f"malformed SPARQL query: {error}")


def bind_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables by a VALUES block opening the query's WHERE group (terms are escaped), and
    opening the WHERE group of every sub-SELECT that projects one of them: Oxigraph's substitution
    binds a parameter inside such a sub-SELECT too, so both ways of binding mean the same.

    >>> bind_values('SELECT ?s WHERE { ?s ?p ?o }', {"o": ox.Literal('a"}')})
    'SELECT ?s WHERE { VALUES (?o) { ("a\\\\"}") } ?s ?p ?o }'
    >>> bind_values('SELECT ?t ?s { { SELECT ?t ?s { ?s ?p ?o FILTER(?o = ?t) } } }', {"t": ox.Literal("x")})
    'SELECT ?t ?s { VALUES (?t) { ("x") } { SELECT ?t ?s { VALUES (?t) { ("x") } ?s ?p ?o FILTER(?o = ?t) } } }'
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"bad parameter name {name!r}: use letters, digits and _")
    toks = tokens(sparql)
    words = [t[1].upper() for t in toks]
    start = 0
    if "CONSTRUCT" in words:
        k = words.index("CONSTRUCT")
        if k + 1 < len(toks) and words[k + 1] == "WHERE":
            raise QueryError("cannot bind parameters in CONSTRUCT WHERE {…}; "
                             "write CONSTRUCT {…} WHERE {…}")
        start = _skip_group(toks, k + 1)
    brace = next((i for i in range(start, len(toks)) if toks[i][1] == "{"), None)
    if brace is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    inserts = [(toks[brace][2] + 1, list(bindings))]
    for k in (k for k, w in enumerate(words) if w == "SELECT" and k > brace):
        at, names = _sub_select(toks, k, bindings)
        if names:
            inserts.append((at, names))
    out = sparql
    for at, names in sorted(inserts, reverse=True):
        values = " ".join(str(bindings[n]) for n in names)
        out = f"{out[:at]} VALUES ({' '.join(f'?{n}' for n in names)}) {{ ({values}) }}{out[at:]}"
    return out


def _sub_select(toks: list[tuple[str, str, int]], k: int, bindings: Mapping[str, Term]) -> tuple[int, list[str]]:
    """Where the WHERE group of the sub-SELECT at token k opens, and which parameters it projects
    (as plain variables, or by `*` when its group names them) without assigning them itself."""
    depth, projected, star = 0, set(), False
    i = k + 1
    while i < len(toks) and not (depth == 0 and toks[i][1] == "{"):
        text = toks[i][1]
        depth += (text == "(") - (text == ")")
        if depth == 0 and text[:1] in "?$":
            projected.add(text[1:])
        star |= depth == 0 and text == "*"
        i += 1
    if i == len(toks):
        return 0, []
    group = [t[1] for t in toks[i:_skip_group(toks, i)]]
    if star:
        projected |= {t[1:] for t in group if t[:1] in "?$"}
    # a variable the group assigns (BIND(… AS ?x)) cannot be bound before it
    assigned = {b[1:] for a, b in zip(group, group[1:]) if a.upper() == "AS"}
    return toks[i][2] + 1, [n for n in bindings if n in projected and n not in assigned]


def _skip_group(toks: list[tuple[str, str, int]], i: int) -> int:
    """Index just past the balanced {…} group that starts at or after token i."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j][1] == "{":
            depth += 1
        elif toks[j][1] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    raise QueryError("unbalanced braces in the query")
