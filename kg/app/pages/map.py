"""Map: adopting places at their coordinates, sized by adoptions; filter by measure, category, date.

Drawn by pydeck without a base map (no map provider), so it needs no tile server and works offline:
the grey dots are every prefecture seat of the gazetteer, which outline the country.
"""
from __future__ import annotations

import pydeck as pdk
import streamlit as st

from kg.app import data
from kg.app.pages import common as ui


def filters(catalogue) -> tuple[tuple[str, ...] | None, tuple | None]:
    """The chosen measures (None: all) and date range (None: all)."""
    used = catalogue[catalogue["adoptions"] > 0]
    c1, c2, c3 = st.columns([2, 3, 3])
    cats = c1.multiselect("类别 Category", sorted(used["categoryLabel"].unique()))
    if cats:
        used = used[used["categoryLabel"].isin(cats)]
    label = dict(zip(used["measure"], used["label"]))
    chosen = c2.multiselect("举措 Measure", list(label), format_func=lambda i: label[i])
    lo, hi = ui.cached(data.date_range)
    between = None
    if lo and hi and lo < hi:
        picked = c3.slider("日期 Date range", min_value=lo, max_value=hi, value=(lo, hi), format="YYYY-MM-DD")
        between = picked if tuple(picked) != (lo, hi) else None
    if chosen:
        return tuple(chosen), between
    return (tuple(used["measure"]) if cats else None), between


def deck(points, gazetteer) -> pdk.Deck:
    seats = gazetteer[(gazetteer["level"] == "prefecture")].dropna(subset=["lat", "long"])
    background = pdk.Layer("ScatterplotLayer", data=seats[["long", "lat"]], get_position=["long", "lat"],
                           get_radius=14000, get_fill_color=[100, 116, 139, 120], pickable=False)
    adopters = pdk.Layer("ScatterplotLayer", data=points[["long", "lat", "label", "adoptions", "radius"]],
                         get_position=["long", "lat"], get_radius="radius",
                         get_fill_color=[220, 38, 38, 170], get_line_color=[127, 29, 29],
                         line_width_min_pixels=1, stroked=True, pickable=True)
    view = pdk.ViewState(latitude=35.0, longitude=104.0, zoom=3.2)
    # No base map at all: with map_style=None Streamlit would fetch its themed Carto tiles, so the
    # provider is None and the style stays pydeck's "no style" sentinel, which Streamlit honours.
    return pdk.Deck(layers=[background, adopters], initial_view_state=view, map_provider=None,
                    tooltip={"text": "{label}: {adoptions} 次推行 adoptions"})


def main() -> None:
    st.title("推行地图 Map of adoptions")
    ui.require_data()
    measures, between = filters(ui.cached(data.measures))
    gazetteer = ui.cached(data.places)
    adoptions = ui.cached(data.place_adoptions, measures, between)
    points = data.map_points(adoptions, gazetteer)
    st.pydeck_chart(deck(points, gazetteer), height=560)
    missing = len(adoptions) - len(points)
    st.caption(f"{len(points)} 个地方 places, {int(points['adoptions'].sum()) if len(points) else 0} 次推行 "
               f"adoptions" + (f"; {missing} without coordinates" if missing else ""))
    table = points.sort_values("adoptions", ascending=False).head(200).copy()
    table["label"] = ui.links_column(table, "place", "label")
    cols = ["label", "adcode", "level", "adoptions"] + (["measures"] if "measures" in table else [])
    st.dataframe(table[cols], hide_index=True, column_config={
        "label": ui.link_config("地方 Place"), "adcode": "代码 Code", "level": "级别 Level",
        "adoptions": "推行 Adoptions", "measures": "举措 Measures"})


if __name__ == "__main__":
    main()
