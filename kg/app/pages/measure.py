"""Measure page: category, variants, adopters in order of first report, timeline, evidence."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from kg.app import data, entities
from kg.app.pages import common as ui


def index() -> None:
    """No measure chosen: the catalogue, most adopted first."""
    st.title("举措 Measures")
    st.caption("在侧栏搜索，或点击举措名称。Search in the sidebar, or open a measure below.")
    cat = ui.cached(data.measures)
    only_used = st.toggle("只看有推行记录的 Only measures with adoptions", value=True)
    if only_used:
        cat = cat[cat["adoptions"] > 0]
    cat = cat.copy()
    cat["label"] = ui.links_column(cat, "measure", "label")
    st.dataframe(cat[["label", "categoryLabel", "places", "adoptions", "candidate"]], hide_index=True,
                 column_config={"label": ui.link_config("举措 Measure"), "categoryLabel": "类别 Category",
                                "places": "地方 Places", "adoptions": "推行 Adoptions",
                                "candidate": "候选 Candidate"})


def header(iri: str, facts: dict) -> str:
    label = entities.first(facts, "skos:prefLabel", "rdfs:label") or iri
    st.title(f"{label}")
    cat_iri = entities.first(facts, "skos:broader")
    cat = ui.names().get(cat_iri, "其他") if cat_iri else "其他"
    variants = sorted({str(v) for v in facts.get("skos:altLabel", [])} - {label})
    st.markdown(f"**类别 Category:** {ui.md(cat)}")
    if variants:
        st.markdown("**别称 Variants:** " + "、".join(ui.md(v) for v in variants))
    if "https://w3id.org/pmkg/ontology#CandidateMeasure" in facts.get("rdf:type", []):
        conf = entities.first(facts, "pmkg:confidence")
        st.warning(f"候选举措（置信度 {conf}），尚未收入词表。A candidate measure, not in the thesaurus: "
                   "accept, merge or reject it on the Upload & curation page.")
    st.page_link(ui.page_file("explorer"), label="在关系图中查看 Explore in the graph",
                 query_params={"iri": iri}, icon=":material/hub:")
    return label


def timeline(adopters: pd.DataFrame, dates: pd.DataFrame) -> None:
    st.subheader("时间线 Timeline")
    if dates.empty:
        st.caption("没有带日期的推行记录。No dated adoptions.")
        return
    curve = adopters.dropna(subset=["firstReported"]).sort_values("firstReported")
    curve = curve.assign(date=pd.to_datetime(curve["firstReported"]), adopters=range(1, len(curve) + 1))
    bars = alt.Chart(dates.assign(date=pd.to_datetime(dates["date"]))).mark_bar(color="#93c5fd", size=8).encode(
        x=alt.X("date:T", title="日期 date"), y=alt.Y("adoptions:Q", title="推行 adoptions"),
        tooltip=["date:T", "adoptions:Q"])
    line = alt.Chart(curve).mark_line(interpolate="step-after", color="#dc2626", point=True).encode(
        x="date:T", y=alt.Y("adopters:Q", title="累计地方 cumulative adopters"),
        tooltip=["placeLabel", "date:T", "adopters"])
    st.altair_chart(alt.layer(bars, line).resolve_scale(y="independent"), width="stretch")


def adopters_table(adopters: pd.DataFrame) -> None:
    st.subheader(f"推行地方 Adopters ({len(adopters)})")
    st.caption("按最早报道时间排序。In order of first report.")
    df = adopters.copy()
    df["placeLabel"] = ui.links_column(df, "place", "placeLabel")
    st.dataframe(df[["placeLabel", "firstReported", "reports"]], hide_index=True, column_config={
        "placeLabel": ui.link_config("地方 Place"), "firstReported": "最早报道 First reported",
        "reports": "报道 Reports"})


def main() -> None:
    found = ui.entity_or_index(index, "举措", "measure", require=False)
    if found is None:
        return
    iri, facts = found
    header(iri, facts)
    adopters = ui.cached(entities.measure_adopters, iri)
    c1, c2, c3 = st.columns(3)
    c1.metric("地方 Places", len(adopters))
    c2.metric("推行 Adoptions", int(adopters["reports"].sum()) if len(adopters) else 0)
    first = adopters["firstReported"].dropna().min() if len(adopters) else None
    c3.metric("最早报道 First report", ui.when(first) if first else "—")
    left, right = st.columns([2, 3])
    with left:
        adopters_table(adopters)
    with right:
        timeline(adopters, ui.cached(entities.measure_timeline, iri))
    st.subheader("证据 Evidence")
    found, more = ui.cached(entities.adoption_evidence, iri, 50)
    names = ui.names()
    if found:
        ui.show_evidence_list(found, more, names)
    else:
        mentions, more = ui.cached(entities.mention_evidence, iri, 30)
        ui.show_evidence_list(mentions, more, names, show_place=False)


if __name__ == "__main__":
    main()
