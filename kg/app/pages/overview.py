"""Overview: what the graph holds, adoptions by category, the latest bulletins, what changed."""
from __future__ import annotations

import altair as alt
import streamlit as st

from kg.app import data, workspace
from kg.app.pages import common as ui

METRICS = (("documents", "简报 Documents"), ("items", "信息 Items"), ("places", "地方 Places"),
           ("measures", "举措 Measures"), ("officials", "人物 Officials"), ("agencies", "机构 Agencies"),
           ("adoptions", "推行 Adoptions"), ("candidates", "候选举措 Candidates"))


def metrics(counts: dict[str, int]) -> None:
    cols = st.columns(len(METRICS))
    for col, (key, title) in zip(cols, METRICS):
        col.metric(title, f"{counts.get(key, 0):,}")
    st.caption("地方、举措为被信息提及者。Places and measures count those the items mention.")


def categories() -> None:
    st.subheader("各类举措推行次数 Adoptions by measure category")
    by_cat = data.by_category(ui.cached(data.measures))
    if by_cat.empty:
        st.caption("尚无推行记录。No adoptions yet.")
        return
    chart = alt.Chart(by_cat).mark_bar().encode(
        x=alt.X("adoptions:Q", title="推行次数 adoptions"),
        y=alt.Y("categoryLabel:N", sort="-x", title=None),
        tooltip=["categoryLabel", "adoptions", "measures"])
    st.altair_chart(chart, width="stretch")
    st.dataframe(by_cat[["categoryLabel", "adoptions", "measures"]], hide_index=True,
                 column_config={"categoryLabel": "类别 Category", "adoptions": "推行 Adoptions",
                                "measures": "举措 Measures"})


def latest() -> None:
    st.subheader("最新简报 Latest bulletins")
    df = ui.cached(data.latest_documents)
    if df.empty:
        return
    st.dataframe(df[["title", "issue", "issued", "publisherLabel", "items", "sourceFile"]], hide_index=True,
                 column_config={"title": "标题 Title", "issue": "期 Issue", "issued": "日期 Date",
                                "publisherLabel": "编发 Publisher", "items": "条目 Items",
                                "sourceFile": "文件 File"})


def change(counts: dict[str, int]) -> None:
    st.subheader("自上次导入以来的变化 Since the last ingest")
    c = ui.cached(workspace.changes, counts)
    if c is None:
        st.caption("No change history (in-memory store).")
        return
    st.caption(f"检测于 Detected {c.at}")
    delta = {k: v for k, v in c.delta.items() if v}
    if delta:
        st.write("  ·  ".join(f"{k} {v:+,}" for k, v in delta.items()))
    for d in c.added:
        st.markdown(f":material/add_circle: {ui.md(d.get('sourceFile') or d['document'])} — "
                    f"{ui.md(d.get('title') or '')} {ui.md(d.get('issued') or '')}")
    for d in c.removed:
        st.markdown(f":material/remove_circle: {ui.md(d.get('sourceFile') or d['document'])}")
    if c.new_entities:
        st.markdown("**首次出现 First seen:**")
        cols = st.columns(3)
        for k, (iri, kind, label) in enumerate(c.new_entities[:30]):
            with cols[k % 3]:
                ui.link(kind, iri, f"{label} · {ui.KIND_NAMES.get(kind, kind)}")


def main() -> None:
    st.title("营商环境知识图谱 Business-environment knowledge graph")
    counts = ui.require_data()
    metrics(counts)
    left, right = st.columns([3, 2])
    with left:
        categories()
    with right:
        change(counts)
    latest()


if __name__ == "__main__":  # Streamlit runs a page as __main__
    main()
