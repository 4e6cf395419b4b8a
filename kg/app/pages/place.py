"""Place page: its measures, agencies, officials, the bulletins that mention it, similar places."""
from __future__ import annotations

import streamlit as st

from kg.app import data, entities
from kg.app.pages import common as ui

LEVELS = {"province": "省级 province", "prefecture": "地级 prefecture", "county": "县级 county"}


def index() -> None:
    """No place chosen: the adopting places, most adoptions first."""
    st.title("地方 Places")
    st.caption("在侧栏搜索，或点击地名。Search in the sidebar, or open a place below.")
    df = ui.cached(data.place_adoptions).merge(ui.cached(data.places), on="place", how="left")
    df["label"] = ui.links_column(df, "place", "label")
    st.dataframe(df[["label", "adcode", "level", "adoptions"]], hide_index=True, column_config={
        "label": ui.link_config("地方 Place"), "adcode": "代码 Code", "level": "级别 Level",
        "adoptions": "推行 Adoptions"})


def header(iri: str, facts: dict) -> None:
    label = entities.first(facts, "rdfs:label") or iri
    st.title(label)
    level = entities.first(facts, "pmkg:level")
    parts = [f"**代码 Code:** {entities.first(facts, 'pmkg:adcode') or '—'}",
             f"**级别 Level:** {LEVELS.get(level, level or '—')}"]
    lat, lon = entities.first(facts, "geo:lat"), entities.first(facts, "geo:long")
    if lat is not None and lon is not None:
        parts.append(f"**坐标 Coordinates:** {float(lat):.3f}, {float(lon):.3f}")
    st.markdown("  ·  ".join(parts))
    parent = entities.first(facts, "pmkg:within")
    if parent:
        ui.link("place", parent, f"上级 Within: {ui.names().get(parent, parent)}", icon=":material/north:")
    st.page_link(ui.page_file("explorer"), label="在关系图中查看 Explore in the graph",
                 query_params={"iri": iri}, icon=":material/hub:")


def measures_tab(iri: str) -> None:
    df = ui.cached(entities.place_measures, iri)
    if df.empty:
        st.caption("没有推行记录。No adoptions reported.")
        return
    cat = ui.cached(data.measures)[["measure", "categoryLabel"]]
    df = df.merge(cat, on="measure", how="left")
    df["measureLabel"] = ui.links_column(df, "measure", "measureLabel")
    st.dataframe(df[["measureLabel", "categoryLabel", "firstReported", "reports"]], hide_index=True,
                 column_config={"measureLabel": ui.link_config("举措 Measure"), "categoryLabel": "类别 Category",
                                "firstReported": "最早报道 First reported", "reports": "报道 Reports"})


def people_tab(iri: str) -> None:
    agencies = ui.cached(entities.linked_rows, "app-place-agencies", "place", iri, "agency")
    st.markdown(f"**机构 Agencies ({len(agencies)})**")
    for a, label in zip(agencies.get("agency", []), agencies.get("agencyLabel", [])):
        ui.link("agency", a, label)
    officials = ui.cached(entities.place_officials, iri)
    st.markdown(f"**人物 Officials ({officials['official'].nunique() if len(officials) else 0})**")
    for row in officials.to_dict("records"):
        where = f" · {row['agencyLabel']}" if isinstance(row.get("agency"), str) else ""
        ui.link("official", row["official"], f"{row['officialLabel']} — {row['title']}{where}")


def bulletins_tab(iri: str) -> None:
    df, more = ui.cached(entities.entity_items, iri, 100)
    if df.empty:
        st.caption("没有信息提到这个地方。No news item mentions this place.")
        return
    df = df.copy()
    df["headline"] = ui.links_column(df, "item", "headline")
    st.dataframe(df[["headline", "section", "issued", "sourceFile"]], hide_index=True, column_config={
        "headline": ui.link_config("信息 Item"), "section": "栏目 Section", "issued": "日期 Date",
        "sourceFile": "文件 File"})
    if more:
        st.caption("只显示最近 100 条。Showing the latest 100.")


def similar_tab(iri: str) -> None:
    df = ui.cached(entities.similar_places, iri, 10)
    if df.empty:
        st.caption("没有共同推行举措的地方。No place shares a measure with this one.")
        return
    df = df.copy()
    df["placeLabel"] = ui.links_column(df, "place", "placeLabel")
    st.dataframe(df, hide_index=True, column_order=["placeLabel", "shared", "measures", "jaccard"],
                 column_config={"placeLabel": ui.link_config("地方 Place"), "shared": "共同举措 Shared",
                                "measures": "其举措数 Its measures",
                                "jaccard": st.column_config.NumberColumn("相似度 Jaccard", format="%.2f")})


def main() -> None:
    found = ui.entity_or_index(index, "地方", "place")
    if found is None:
        return
    iri, facts = found
    header(iri, facts)
    tabs = st.tabs(["举措 Measures", "机构与人物 Agencies & officials", "简报 Bulletins",
                    "相似地方 Similar places"])
    for tab, show in zip(tabs, (measures_tab, people_tab, bulletins_tab, similar_tab)):
        with tab:
            show(iri)


if __name__ == "__main__":
    main()
