"""Graph explorer: the neighbourhood of an entity, filtered by kind, depth 1–2, with a node limit.

The filters and the limit go into the queries, so the drawing never holds more than the limit.
Nodes link to their pages (click a node, or use the list below the drawing).
"""
from __future__ import annotations

import streamlit as st

from kg.app import search
from kg.app.console import page_url
from kg.app.data import KINDS
from kg.app.neighbourhood import neighbourhood, to_dot
from kg.app.pages import common as ui

DEFAULT_KINDS = ("place", "measure", "category", "agency", "official", "document")


def pick_centre() -> str | None:
    """The entity to explore: ?iri=…, or one found with the search box here."""
    iri = ui.entity_param()
    text = st.text_input("实体 Entity (中文或拼音 Chinese or pinyin)", key="explorer-search",
                         placeholder="平顶山 / pingdingshan / 一网通办")
    if text.strip():
        hits = search.search(ui.cached(search.search_index), text, limit=20)
        if hits:
            choice = st.selectbox("选择 Choose", hits, format_func=lambda h: f"{h.label} · {ui.KIND_NAMES[h.kind]}")
            return choice.iri
        st.caption("没有匹配。No match.")
    return iri


def main() -> None:
    st.title("关系图 Graph explorer")
    ui.require_data()
    centre = pick_centre()
    c1, c2, c3 = st.columns([4, 1, 2])
    kinds = c1.multiselect("类型 Kinds of neighbour", list(KINDS), default=list(DEFAULT_KINDS),
                           format_func=lambda k: KINDS[k])
    depth = c2.radio("深度 Depth", [1, 2], horizontal=True)
    limit = c3.slider("节点上限 Node limit", min_value=10, max_value=300, value=60, step=10)
    if centre is None:
        st.info("输入实体名称，或从实体页面打开。Type a name above, or open the explorer from an entity page.")
        return
    nb = ui.cached(neighbourhood, centre, tuple(kinds), depth, limit)
    if nb.truncated:
        st.warning(f"已达到 {limit} 个节点上限。The node limit ({limit}) was reached: narrow the kinds or raise it.")
    st.caption(f"{len(nb.nodes)} 个节点 nodes, {len(nb.edges)} 条边 edges")
    st.graphviz_chart(to_dot(nb, href=lambda iri, kind: page_url(iri)))
    with st.expander("节点列表 Nodes", expanded=len(nb.nodes) <= 15):
        cols = st.columns(3)
        for k, (iri, (label, kind)) in enumerate(nb.nodes.items()):
            with cols[k % 3]:
                ui.link(kind, iri, f"{label} · {KINDS.get(kind, kind)}")


if __name__ == "__main__":
    main()
