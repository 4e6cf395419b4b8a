"""Official page: the posts a person holds, where, and the sentences naming them."""
from __future__ import annotations

import streamlit as st

from kg.app import entities
from kg.app.pages import common as ui


def index() -> None:
    st.title("人物 Officials")
    st.caption("在侧栏搜索，或点击姓名。Search in the sidebar, or open an official below.")
    df = ui.cached(entities.listing, "app-officials", "official")
    df["officialLabel"] = ui.links_column(df, "official", "officialLabel")
    st.dataframe(df[["officialLabel", "items"]], hide_index=True, column_config={
        "officialLabel": ui.link_config("人物 Official"), "items": "提及条目 Items"})


def main() -> None:
    found = ui.entity_or_index(index, "人物", "official")
    if found is None:
        return
    iri, facts = found
    st.title(entities.first(facts, "rdfs:label") or iri)
    posts = ui.cached(entities.official_posts, iri)
    st.subheader("职务 Posts")
    if posts.empty:
        st.caption("没有记录的职务。No post recorded.")
    for row in posts.to_dict("records"):
        st.markdown(f"**{ui.md(row['title'])}**")
        if isinstance(row.get("place"), str):
            ui.link("place", row["place"], f"辖区 Jurisdiction: {row['placeLabel']}", icon=":material/location_on:")
        if isinstance(row.get("agency"), str):
            ui.link("agency", row["agency"], f"机构 Agency: {row['agencyLabel']}", icon=":material/account_balance:")
    st.page_link(ui.page_file("explorer"), label="在关系图中查看 Explore in the graph",
                 query_params={"iri": iri}, icon=":material/hub:")
    st.subheader("提到他/她的句子 Sentences naming this official")
    found, more = ui.cached(entities.mention_evidence, iri, 30)
    ui.show_evidence_list(found, more, ui.names(), show_place=False)


if __name__ == "__main__":
    main()
