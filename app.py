"""The analyst app: `kg app`, or `PMKG_STORE=./pmkg-store streamlit run app.py`.

It holds no logic: pages live in kg/app/pages and call kg functions through the cache in
kg/app/pages/common.py; the store is $PMKG_STORE (default ./pmkg-store).
"""
from __future__ import annotations

import streamlit as st

from kg.app import PAGES
from kg.app.pages import common

st.set_page_config(page_title="pmkg 营商环境知识图谱", page_icon="🏛️", layout="wide")
navigation = st.navigation([
    st.Page(p.file, title=p.title, icon=p.icon, url_path=p.name, default=(k == 0),
            visibility="visible" if p.visible else "hidden")
    for k, p in enumerate(PAGES)])
common.sidebar()
navigation.run()
