"""Agency page: names, where it sits, its officials, documents it issued, sentences naming it."""
from __future__ import annotations

import streamlit as st

from kg.app import entities
from kg.app.pages import common as ui


def index() -> None:
    st.title("机构 Agencies")
    st.caption("在侧栏搜索，或点击机构名称。Search in the sidebar, or open an agency below.")
    df = ui.cached(entities.listing, "app-agencies", "agency")
    df["agencyLabel"] = ui.links_column(df, "agency", "agencyLabel")
    st.dataframe(df[["agencyLabel", "items"]], hide_index=True, column_config={
        "agencyLabel": ui.link_config("机构 Agency"), "items": "提及条目 Items"})


def main() -> None:
    found = ui.entity_or_index(index, "机构", "agency")
    if found is None:
        return
    iri, facts = found
    label = entities.first(facts, "rdfs:label") or iri
    st.title(label)
    alts = sorted({str(v) for v in facts.get("skos:altLabel", [])} - {label})
    if alts:
        st.markdown("**简称 Short forms:** " + "、".join(ui.md(a) for a in alts))
    if kind := entities.first(facts, "pmkg:agencyKind"):
        st.markdown(f"**类型 Kind:** {ui.md(kind)}")
    if place := entities.first(facts, "pmkg:locatedIn"):
        ui.link("place", place, f"位于 Located in: {ui.names().get(place, place)}", icon=":material/location_on:")
    officials = ui.cached(entities.agency_officials, iri)
    docs = ui.cached(entities.linked_rows, "app-agency-documents", "agency", iri)
    left, right = st.columns(2)
    with left:
        st.subheader(f"人物 Officials ({len(officials)})")
        for row in officials.to_dict("records"):
            ui.link("official", row["official"], f"{row['officialLabel']} — {row['title']}")
    with right:
        st.subheader(f"文件与简报 Documents ({len(docs)})")
        if len(docs):
            st.dataframe(docs[["kind", "title", "issued", "number"]], hide_index=True, column_config={
                "kind": "类型 Kind", "title": "标题 Title", "issued": "日期 Date", "number": "文号 Number"})
    st.subheader("提到它的句子 Sentences naming it")
    found, more = ui.cached(entities.mention_evidence, iri, 30)
    ui.show_evidence_list(found, more, ui.names(), show_place=False)


if __name__ == "__main__":
    main()
