"""The analyst app's side of pmkg: data functions the pages call, and the page list.

    data.py           SPARQL-backed tables (counts, catalogues, map, matrix, diffusion) + pure transforms
    search.py         the search box: Chinese, pinyin or initials
    entities.py       what each entity page shows, with the evidence sentences
    neighbourhood.py  the graph explorer: a bounded neighbourhood and its DOT drawing
    console.py        the SPARQL console: run, link, download
    workspace.py      the folder beside the store: uploads, change history, exports
    pages/            Streamlit pages (the only modules here that import streamlit)

Every data function takes the store first and returns plain values or pandas frames, so the
pages cache them with `st.cache_data` keyed by the store's version (see `data.version`).
"""
from __future__ import annotations

from typing import NamedTuple


class PageSpec(NamedTuple):
    """One page of the app: its file under kg/app/pages, title, icon and URL path."""

    name: str
    title: str
    icon: str
    visible: bool = True

    @property
    def file(self) -> str:
        """The page's script, relative to app.py."""
        return f"kg/app/pages/{self.name}.py"


#: the pages in navigation order; entity pages take `?iri=…`
PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "概览 Overview", ":material/dashboard:"),
    PageSpec("map", "地图 Map", ":material/map:"),
    PageSpec("measure", "举措 Measures", ":material/policy:"),
    PageSpec("place", "地方 Places", ":material/location_city:"),
    PageSpec("agency", "机构 Agencies", ":material/account_balance:"),
    PageSpec("official", "人物 Officials", ":material/person:"),
    PageSpec("explorer", "关系图 Graph explorer", ":material/hub:"),
    PageSpec("matrix", "矩阵与扩散 Matrix & diffusion", ":material/grid_on:"),
    PageSpec("sparql", "SPARQL 查询", ":material/terminal:"),
    PageSpec("upload", "上传与审核 Upload & curation", ":material/upload_file:"),
    PageSpec("export", "导出 Export", ":material/download:"),
    PageSpec("item", "信息条目 News item", ":material/article:", visible=False),
)
