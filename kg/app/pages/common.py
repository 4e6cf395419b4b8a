"""Streamlit glue the pages share: the cached store, cached data calls, links, evidence, search.

The store is opened read-only and shared (`st.cache_resource`, reopened every few seconds to see
new writes), so `kg ingest` can write while the app answers; the app's own writes (uploads,
curation, the example) open it for writing only while they write (`writable`). Every data function
runs through `cached`, which keys `st.cache_data` by the function, its arguments and the store's
version, so results are computed once per version and recomputed after an ingest or a curation.
"""
from __future__ import annotations

import html
import importlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from kg.app import data, entities, search
from kg.app.console import page_url
from kg.store import DEFAULT_LOCATION

KIND_NAMES = {"place": "地方", "measure": "举措", "agency": "机构", "official": "人物", "item": "信息"}
STAGES = {"launched": "推行 launched", "extended": "深化 extended", "promoted": "推广 promoted",
          "planned": "计划 planned", "reported": "报道 reported"}


# ---------------------------------------------------------------------------------------------
# Store and cache
# ---------------------------------------------------------------------------------------------

def location() -> str:
    """The store the app reads: $PMKG_STORE, else ./pmkg-store."""
    return os.environ.get("PMKG_STORE") or DEFAULT_LOCATION


def _local(where: str) -> bool:
    return where != ":memory:" and not where.startswith(("http://", "https://"))


@st.cache_resource(ttl=10, show_spinner="打开图谱 Opening the store…")
def _open(where: str) -> Any:
    from kg.store import open_store

    if _local(where) and not Path(where).exists():
        open_store(where).close()  # an empty store, so the app can offer to build the example
    return open_store(where, read_only=_local(where))


def store() -> Any:
    """The shared, read-only store."""
    return _open(location())


@contextmanager
def writable() -> Iterator[Any]:
    """The store opened for writing, for as long as the app writes (an ingest elsewhere holds the
    lock meanwhile: the StoreError it raises says so)."""
    from kg.store import open_store

    if not _local(location()):
        yield store()
    else:
        with open_store(location()) as s:
            yield s
    _open.clear()
    changed()


@st.cache_data(ttl=30, show_spinner=False)
def _version(where: str) -> str:
    return data.version(_open(where))


def version() -> str:
    """The store's version (re-read every 30 s, and at once after the app writes)."""
    return _version(location())


def changed() -> None:
    """Call after the app wrote to the store, so every cached result is recomputed."""
    _version.clear()


@st.cache_data(show_spinner="查询中 Querying…", max_entries=1024)
def _call(qualname: str, version_key: str, where: str, args: tuple, kwargs: tuple) -> Any:
    # every argument is part of the cache key (a leading underscore would leave one out)
    module, _, name = qualname.partition(":")
    fn = getattr(importlib.import_module(module), name)
    return fn(_open(where), *args, **dict(kwargs))


def cached(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`fn(store, *args, **kwargs)`, cached until the store changes."""
    return _call(f"{fn.__module__}:{fn.__qualname__}", version(), location(), args,
                 tuple(sorted(kwargs.items())))


def names() -> dict[str, str]:
    """IRI → label of every labelled node (cached)."""
    return cached(data.labels)


def require_data() -> dict[str, int]:
    """The store's counts; on an empty store, offer to build the example and stop the page."""
    counts = cached(data.counts)
    if counts.get("documents", 0) == 0:
        st.info("图谱为空。The store is empty: build the bundled example bulletin, or upload files.")
        offer_example()
        st.stop()
    return counts


def offer_example() -> None:
    """A button that ingests examples/pingdingshan-2022-42.txt through the pipeline."""
    path = data.example_file()
    if not path.exists():
        st.warning(f"The example bulletin is missing ({path}); upload files instead.")
        return
    if st.button("构建示例图谱 Build the example graph", type="primary", key="build-example"):
        from kg.app.workspace import ingest

        bar = st.progress(0.0, text=f"ingesting {path.name}…")
        with writable() as target:
            steps = list(ingest(target, [path]))
        for step in steps:
            bar.progress(1.0, text=f"{path.name}: {step.status} {step.message}")
            if step.status == "failed":
                st.error(step.message)
        changed()
        st.rerun()


# ---------------------------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------------------------

def page_file(kind: str) -> str:
    return f"kg/app/pages/{kind}.py"


def link(kind: str | None, iri: str, label: str, **kw: Any) -> None:
    """A link to an entity's page (plain text if the node has no page)."""
    if kind in data.PAGE_KINDS:
        st.page_link(page_file(kind), label=label, query_params={"iri": iri}, **kw)
    else:
        st.markdown(md(label))


def links_column(df: pd.DataFrame, iri_col: str, label_col: str) -> pd.Series:
    """Page URLs carrying labels, for a LinkColumn that shows the label."""
    return pd.Series([page_url(i, str(l)) or str(l) for i, l in zip(df[iri_col], df[label_col])],
                     index=df.index, dtype=object)


def link_config(title: str) -> Any:
    """A LinkColumn that shows the `name=` part of a page URL made by `links_column`."""
    return st.column_config.LinkColumn(title, display_text=r"name=(.*)$")


def entity_param() -> str | None:
    """The `?iri=` of the page, if any."""
    iri = st.query_params.get("iri")
    return iri if iri and iri.startswith("http") else None


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$])")


def md(text: Any) -> str:
    """Text made safe for st.markdown: HTML escaped, markdown punctuation backslashed.

    >>> md("a*b <c>")
    'a\\\\*b &lt;c&gt;'
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def when(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else ("日期不详" if value in (None, "") else str(value))


def show_evidence(ev: entities.Evidence, label_of: dict[str, str], *, show_place: bool = True) -> None:
    """One evidence sentence with its span highlighted, what it states, and its source item."""
    facts = []
    if show_place and ev.place:
        facts.append(label_of.get(ev.place, ev.place))
    if ev.date or ev.stage:
        facts.append(when(ev.date))
    if ev.stage:
        facts.append(STAGES.get(ev.stage, ev.stage))
    with st.container(border=True):
        sentence = (f"{md(ev.before)}<mark style='background:#fde68a;padding:0 2px'>{md(ev.span)}</mark>"
                    f"{md(ev.after)}")
        st.markdown(("**" + md(" · ".join(facts)) + "**  \n" if facts else "") + sentence,
                    unsafe_allow_html=True)
        source = " · ".join(str(x) for x in (ev.source_file, when(ev.issued) if ev.issued else None,
                                             ev.headline) if x)
        link("item", ev.item, f"来源 Source: {source or ev.item}", icon=":material/article:")


def show_evidence_list(items: Iterable[entities.Evidence], truncated: bool, label_of: dict[str, str],
                       **kw: Any) -> None:
    items = list(items)
    if not items:
        st.caption("没有证据句。No evidence sentences.")
    for ev in items:
        show_evidence(ev, label_of, **kw)
    if truncated:
        st.caption(f"只显示前 {len(items)} 条。Showing the first {len(items)}; more exist.")


# ---------------------------------------------------------------------------------------------
# Sidebar search
# ---------------------------------------------------------------------------------------------

def sidebar() -> None:
    """The search box (Chinese or pinyin) with links to entity pages, and the store's name."""
    with st.sidebar:
        text = st.text_input("搜索 Search", key="search",
                             placeholder="中文或拼音：一网通办 / yiwangtongban / ywtb")
        if text.strip():
            hits = search.search(cached(search.search_index), text, limit=12)
            for h in hits:
                alias = f"（{h.name}）" if search.fold(h.label) != h.name and not h.name.isascii() else ""
                link(h.kind, h.iri, f"{h.label}{alias} · {KIND_NAMES.get(h.kind, h.kind)}")
            if not hits:
                st.caption("没有匹配。No match.")
        st.caption(f"图谱 Store: `{location()}`")


def entity_or_index(index: Callable[[], None], zh: str, en: str,
                    require: bool = True) -> tuple[str, dict] | None:
    """The entity named by the page's `?iri=` with its facts; without one, the page's index is
    shown (and None returned); an unknown IRI gets one error line."""
    iri = entity_param()
    if iri is None:
        if require:
            require_data()
        index()
        return None
    facts = cached(entities.facts, iri)
    if not facts:
        st.error(f"图谱中没有这个{zh}。No such {en} in the store: {iri}")
        return None
    return iri, facts
