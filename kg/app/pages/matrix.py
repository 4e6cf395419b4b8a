"""Place × measure matrix and diffusion timeline (cumulative adopters over time, per measure)."""
from __future__ import annotations

import altair as alt
import streamlit as st

from kg.app import data
from kg.app.pages import common as ui


def chosen_measures(catalogue, key: str, default_n: int) -> list[str]:
    used = catalogue[catalogue["adoptions"] > 0]
    cats = st.multiselect("类别 Category", sorted(used["categoryLabel"].unique()), key=f"{key}-cat")
    if cats:
        used = used[used["categoryLabel"].isin(cats)]
    label = dict(zip(used["measure"], used["label"]))
    return st.multiselect("举措 Measures", list(label), default=list(label)[:default_n],
                          format_func=lambda i: label[i], key=f"{key}-measures")


def matrix_tab(catalogue) -> None:
    measures = chosen_measures(catalogue, "matrix", 15)
    c1, c2 = st.columns(2)
    value = c1.radio("数值 Value", ["reports", "year"], horizontal=True,
                     format_func=lambda v: {"reports": "报道次数 reports", "year": "最早年份 first year"}[v])
    max_places = c2.slider("地方数 Places (most measures first)", 5, 200, 40, step=5)
    first = ui.cached(data.first_adoptions, tuple(measures))
    wide = data.matrix(first, ui.names(), value, max_places)
    if wide.empty:
        st.caption("没有推行记录。No adoptions for these measures.")
        return
    long = wide.reset_index().melt(id_vars="placeLabel", var_name="measureLabel", value_name="v").dropna()
    chart = alt.Chart(long).mark_rect().encode(
        x=alt.X("measureLabel:N", title=None, sort=list(wide.columns),
                axis=alt.Axis(labelAngle=-60, labelLimit=240, orient="top")),
        y=alt.Y("placeLabel:N", title=None, sort=list(wide.index)),
        color=alt.Color("v:Q", title=value, scale=alt.Scale(scheme="oranges")),
        tooltip=["placeLabel", "measureLabel", "v"])
    st.altair_chart(chart, width="stretch")
    st.dataframe(wide, width="stretch")
    st.download_button("下载 CSV Download CSV", ("\ufeff" + wide.to_csv()).encode("utf-8"),
                       file_name="place-measure-matrix.csv", mime="text/csv")


def diffusion_tab(catalogue) -> None:
    measures = chosen_measures(catalogue, "diffusion", 5)
    first = ui.cached(data.first_adoptions, tuple(measures))
    curve = data.diffusion(first, ui.names())
    if curve.empty:
        st.caption("没有带日期的推行记录。No dated adoptions for these measures.")
        return
    chart = alt.Chart(curve).mark_line(interpolate="step-after", point=True).encode(
        x=alt.X("date:T", title="最早报道 first report"), y=alt.Y("adopters:Q", title="累计地方 cumulative adopters"),
        color=alt.Color("measureLabel:N", title="举措 measure"),
        tooltip=["measureLabel", "placeLabel", "date:T", "adopters"])
    st.altair_chart(chart, width="stretch")
    summary = curve.groupby("measureLabel").agg(adopters=("adopters", "max"), first=("date", "min"),
                                                last=("date", "max")).reset_index()
    st.dataframe(summary.sort_values("adopters", ascending=False), hide_index=True, column_config={
        "measureLabel": "举措 Measure", "adopters": "地方 Adopters", "first": "首次 First", "last": "最近 Latest"})


def main() -> None:
    st.title("矩阵与扩散 Place × measure matrix & diffusion")
    ui.require_data()
    catalogue = ui.cached(data.measures)
    tab1, tab2 = st.tabs(["矩阵 Matrix", "扩散 Diffusion"])
    with tab1:
        matrix_tab(catalogue)
    with tab2:
        diffusion_tab(catalogue)


if __name__ == "__main__":
    main()
