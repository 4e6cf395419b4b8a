"""Export: download the whole graph in each format kg.export knows."""
from __future__ import annotations

import streamlit as st

from kg.app import workspace
from kg.app.pages import common as ui
from kg.export import FORMATS

ABOUT = {"ttl": "Turtle — 全部图合并 union of all graphs", "nt": "N-Triples — union of all graphs",
         "nq": "N-Quads — 每份文档一个命名图 one named graph per document",
         "trig": "TriG — one named graph per document", "jsonld": "JSON-LD — union, compact with pmkg prefixes"}
MIMES = {"ttl": "text/turtle", "nt": "application/n-triples", "nq": "application/n-quads",
         "trig": "application/trig", "jsonld": "application/ld+json"}


def main() -> None:
    st.title("导出 Export")
    counts = ui.require_data()
    st.caption(f"{counts['documents']} 份文档 documents, {counts['items']} 条信息 items. "
               "文件在点击时生成。Each file is written when you click.")
    store = ui.store()
    for fmt, (suffix, _) in FORMATS.items():
        c1, c2 = st.columns([1, 3])
        c1.download_button(f"{fmt} ({suffix})", data=lambda fmt=fmt: workspace.export_bytes(store, fmt),
                           file_name=f"pmkg{suffix}", mime=MIMES.get(fmt, "application/octet-stream"),
                           key=f"export-{fmt}", icon=":material/download:")
        c2.markdown(ABOUT.get(fmt, fmt))


if __name__ == "__main__":
    main()
