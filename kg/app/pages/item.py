"""News item page: the full text with every mention marked, what it names, what it reports."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from kg.app import entities
from kg.app.console import page_url
from kg.app.data import kind_of
from kg.app.pages import common as ui

COLOURS = {"place": "#dbeafe", "measure": "#fde68a", "agency": "#fed7aa", "official": "#fbcfe8",
           "document": "#ddd6fe"}


def marked_text(text: str, mentions) -> str:
    """The item's text as markdown, each mention a coloured link to its entity's page."""
    spans = [(int(r["start"]), int(r["end"]), r["entity"]) for r in mentions.to_dict("records")
             if pd.notna(r.get("start")) and pd.notna(r.get("end"))]
    out = []
    for piece, iri in entities.marked_segments(text, spans):
        if iri is None:
            out.append(ui.md(piece))
            continue
        kind = kind_of(iri)
        style = f"background:{COLOURS.get(kind, '#e5e7eb')};padding:0 2px;border-radius:3px"
        url = page_url(iri)
        inner = f"<mark style='{style}'>{ui.md(piece)}</mark>"
        out.append(f"<a href='{url}' target='_self' style='text-decoration:none'>{inner}</a>" if url else inner)
    return "".join(out).replace("\n", "  \n")


def main() -> None:
    iri = ui.entity_param()
    if iri is None:
        st.info("打开简报中的一条信息（来自证据链接）。Open a news item from an evidence link.")
        return
    view = ui.cached(entities.item_view, iri)
    if view is None:
        st.error(f"图谱中没有这条信息。No such news item in the store: {iri}")
        return
    st.title(view.get("headline") or "(untitled)")
    meta = [view.get("title"), f"第 {view['issue']} 期" if view.get("issue") else None,
            ui.when(view.get("issued")) if view.get("issued") else None, view.get("section"),
            f"#{view['position']}" if view.get("position") else None, view.get("sourceFile")]
    st.caption(" · ".join(str(m) for m in meta if m))
    with st.container(border=True):
        st.markdown(marked_text(view["text"], view["mentions"]), unsafe_allow_html=True)
    adoptions = view["adoptions"]
    if len(adoptions):
        st.subheader("报道的推行 Adoptions reported")
        for row in adoptions.to_dict("records"):
            c1, c2, c3 = st.columns([2, 2, 2])
            with c1:
                ui.link("place", row["place"], row["placeLabel"])
            with c2:
                ui.link("measure", row["measure"], row["measureLabel"])
            c3.write(f"{ui.when(row.get('date'))} · {ui.STAGES.get(row.get('stage'), row.get('stage') or '')}")
    mentions = view["mentions"]
    if len(mentions):
        st.subheader("提及 Mentions")
        seen = mentions.drop_duplicates("entity")
        cols = st.columns(3)
        for k, row in enumerate(seen.to_dict("records")):
            kind = kind_of(row["entity"])
            with cols[k % 3]:
                ui.link(kind, row["entity"], f"{row['entityLabel']} · {ui.KIND_NAMES.get(kind, kind or '')}")


if __name__ == "__main__":
    main()
