"""SPARQL console: the named-query gallery, prefixes added for you, limits, links and downloads.

Read-only: the store refuses updates (INSERT, DELETE, LOAD, CLEAR, DROP …) and SERVICE calls.
"""
from __future__ import annotations

import streamlit as st

from kg.app import console
from kg.app.pages import common as ui
from kg.errors import KGError

ID_DISPLAY = r"iri=https://w3id.org/pmkg/id/(.*)$"
#: the query shown first: quick on any size of graph
DEFAULT = "app-counts"


def editor() -> tuple[str, dict[str, str], int, float, bool]:
    queries = console.gallery()
    by_name = {q.name: q for q in queries}
    names = list(by_name)
    name = st.selectbox("示例查询 Example queries", names, index=names.index(DEFAULT) if DEFAULT in names else 0,
                        format_func=lambda n: f"{by_name[n].title} ({n})")
    q = by_name[name]
    st.markdown(f"**{ui.md(q.question_zh)}**  \n{ui.md(q.question_en)}")
    params = {}
    if q.params:
        cols = st.columns(len(q.params))
        for col, (p, help_text) in zip(cols, q.params):
            params[p] = col.text_input(f"?{p}", key=f"param-{name}-{p}", help=help_text)
    text = st.text_area("SPARQL（前缀自动添加 PREFIXes are added for you）", value=q.text, height=280,
                        key=f"text-{name}")
    c1, c2, c3 = st.columns([1, 1, 2])
    limit = c1.number_input("行数上限 Row limit", 1, console.MAX_ROWS, 1000, step=100)
    timeout = c2.number_input("时限（秒）Time limit (s)", 1.0, console.MAX_TIMEOUT_S, 15.0, step=5.0)
    run = c3.button("运行 Run", type="primary", icon=":material/play_arrow:")
    return text, params, int(limit), float(timeout), run


def results(result) -> None:
    df, links = console.result_frame(result)
    note = f"{len(df)} 行 rows in {result.elapsed_s:.2f} s" if result.elapsed_s else f"{len(df)} 行 rows"
    if result.truncated:
        note += " — 已截断 truncated at the row limit"
    st.caption(note)
    st.dataframe(df, hide_index=True, width="stretch",
                 column_config={c: st.column_config.LinkColumn(c, display_text=ID_DISPLAY) for c in links})
    c1, c2 = st.columns(2)
    c1.download_button("下载 CSV (Excel) Download CSV", console.csv_bytes(result), file_name="pmkg-query.csv",
                       mime="text/csv", icon=":material/download:")
    c2.download_button("下载 JSON Download JSON", console.json_bytes(result), file_name="pmkg-query.json",
                       mime="application/json", icon=":material/download:")


def main() -> None:
    st.title("SPARQL 查询 SPARQL console")
    st.caption("只读。Read-only: updates and SERVICE calls are refused.")
    text, params, limit, timeout, run = editor()
    if run:
        try:
            st.session_state["sparql-result"] = console.execute(ui.store(), text, params, limit=limit,
                                                                timeout_s=timeout)
        except KGError as e:
            st.session_state.pop("sparql-result", None)
            st.error(str(e))
    if (result := st.session_state.get("sparql-result")) is not None:
        results(result)


if __name__ == "__main__":
    main()
