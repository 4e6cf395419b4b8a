"""Upload: add bulletins (txt, pdf, docx, html), ingest them with progress, see what was found;
then curate candidate measures (accept, merge into a concept, reject), kept for the next ingest."""
from __future__ import annotations

import streamlit as st

from kg import aggregates

from kg.app import data, entities, workspace
from kg.app.pages import common as ui
from kg.curation import Decision, curate_store, load_curation, save_curation
from kg.errors import KGError

ACTIONS = {"accept": "接受为新举措 Accept as a new concept", "merge": "并入已有举措 Merge into a concept",
           "reject": "不是举措 Reject"}


def upload() -> None:
    st.subheader("上传 Upload")
    files = st.file_uploader(
        f"简报文件 Bulletin files ({', '.join(workspace.ALLOWED_SUFFIXES)}; ≤ {workspace.MAX_UPLOAD_MB} MB each)",
        type=[s.lstrip(".") for s in workspace.ALLOWED_SUFFIXES], accept_multiple_files=True,
        max_upload_size=workspace.MAX_UPLOAD_MB)
    if files and st.button("导入 Ingest", type="primary", icon=":material/input:"):
        ingest([(f.name, f.getvalue()) for f in files])
    for path, status, message, doc in st.session_state.get("upload-steps", []):
        found(path, status, message, doc)


def ingest(files: list[tuple[str, bytes]]) -> None:
    """Save the files beside the store, ingest them with a progress bar, remember the outcome."""
    saved = []
    for name, content in files:
        try:
            saved.append(workspace.save_upload(ui.location(), name, content))
        except KGError as e:
            st.error(str(e))
    if not saved:
        return
    bar = st.progress(0.0, text="导入中 Ingesting…")
    steps = []
    try:
        with ui.writable() as target:
            for k, step in enumerate(workspace.ingest(target, saved), start=1):
                bar.progress(min(k / len(saved), 1.0),
                             text=f"{k}/{len(saved)} {step.path.rsplit('/', 1)[-1]}: {step.status}")
                steps.append((step.path.rsplit("/", 1)[-1], step.status, step.message, step.doc_iri))
    except KGError as e:  # e.g. `kg ingest` is writing the store right now
        st.error(str(e))
    st.session_state["upload-steps"] = steps


def found(name: str, status: str, message: str, doc: str | None) -> None:
    """What one ingested file holds: entities by kind and the adoptions it reports."""
    icon = {"ingested": "✅", "unchanged": "⏸️", "failed": "❌"}.get(status, "")
    with st.expander(f"{icon} {name} — {status} {message}", expanded=status != "failed"):
        if doc is None or status == "failed":
            return
        summary = ui.cached(workspace.document_summary, doc)
        ents, adoptions = summary["entities"], summary["adoptions"]
        counts = ents["kind"].value_counts()
        cols = st.columns(5)
        for col, kind in zip(cols, ("place", "measure", "agency", "official", "document")):
            col.metric(ui.KIND_NAMES.get(kind, "文件 documents"), int(counts.get(kind, 0)))
        for kind in ("measure", "place", "agency", "official"):
            rows = ents[ents["kind"] == kind]
            if len(rows):
                st.markdown(f"**{ui.KIND_NAMES[kind]}**")
                cols = st.columns(4)
                for k, row in enumerate(rows.to_dict("records")):
                    with cols[k % 4]:
                        ui.link(kind, row["entity"], row["label"])
        if len(adoptions):
            st.markdown("**推行 Adoptions**")
            df = adoptions.copy()
            df["placeLabel"] = ui.links_column(df, "place", "placeLabel")
            df["measureLabel"] = ui.links_column(df, "measure", "measureLabel")
            st.dataframe(df[["placeLabel", "measureLabel", "date", "stage"]], hide_index=True, column_config={
                "placeLabel": ui.link_config("地方 Place"), "measureLabel": ui.link_config("举措 Measure"),
                "date": "日期 Date", "stage": "阶段 Stage"})


def curation() -> None:
    st.subheader("候选举措审核 Curate candidate measures")
    if note := st.session_state.pop("curation-note", None):
        st.success(note)
    catalogue = ui.cached(data.measures)
    candidates = catalogue[catalogue["candidate"]]
    if candidates.empty:
        st.caption("没有待审核的候选举措。No candidate measures to review.")
    else:
        decide(candidates, catalogue)
    decisions()


def decide(candidates, catalogue) -> None:
    label = dict(zip(candidates["measure"], candidates["label"]))
    pick = st.selectbox("候选举措 Candidate", list(label), key="candidate",
                        format_func=lambda i: f"{label[i]}（{candidates.set_index('measure').at[i, 'confidence']:.2f}）")
    found, _ = ui.cached(entities.mention_evidence, pick, 3)
    ui.show_evidence_list(found, False, ui.names(), show_place=False)
    action = st.radio("决定 Decision", list(ACTIONS), format_func=ACTIONS.get, horizontal=True, key="action")
    row = candidates.set_index("measure").loc[pick]
    decision = None
    if action == "accept":
        cats = categories(catalogue)
        new = st.text_input("名称 Label", value=label[pick], key=f"new-label-{pick}")
        current = row["category"] if row["category"] in cats else next(iter(cats), None)
        cat = st.selectbox("类别 Category", list(cats), index=list(cats).index(current) if current in cats else 0,
                           format_func=cats.get, key=f"category-{pick}")
        decision = Decision(label[pick], "accept", category=cat, new_label=new if new and new != label[pick] else None)
    elif action == "merge":
        concepts = catalogue[~catalogue["candidate"]].sort_values("label")
        names = dict(zip(concepts["measure"], concepts["label"]))
        target = st.selectbox("并入 Merge into", list(names), format_func=names.get, key=f"target-{pick}")
        category = concepts.set_index("measure").at[target, "category"] if target else None
        decision = Decision(label[pick], "merge", target=target, target_label=names.get(target),
                            category=category if isinstance(category, str) else None)
    else:
        decision = Decision(label[pick], "reject")
    if st.button("保存决定 Save decision", type="primary"):
        save(decision)


def categories(catalogue) -> dict[str, str]:
    names = ui.names()
    cats = {c: names.get(c, c) for c in catalogue["category"].dropna().unique()}
    cats.update({i: n for i, n in names.items() if data.kind_of(i) == "category"})
    return dict(sorted(cats.items(), key=lambda kv: kv[1]))


def save(decision: Decision) -> None:
    """Keep the decision beside the store and apply it to the stored documents at once."""
    cur = load_curation(ui.location())
    cur.decide(decision)
    path = save_curation(ui.location(), cur)
    with ui.writable() as target:
        aggregates.begin(target)
        rewritten = curate_store(target, cur, on_replace=lambda doc, old, new: aggregates.replaced(
            target, doc, old, new))  # the materialised tallies follow the rewritten documents
        aggregates.end(target)
    st.session_state["curation-note"] = (f"已保存 Saved “{decision.label}”: {decision.action} "
                                         f"({len(rewritten)} documents updated; kept in {path})")
    st.rerun()


def decisions() -> None:
    cur = load_curation(ui.location())
    if not cur:
        return
    st.markdown("**已有决定 Decisions** (applied to every later ingest)")
    rows = [{"candidate": d.label, "action": d.action, "target": d.target_label or d.new_label or "",
             "decided": d.decided} for d in cur.decisions.values()]
    st.dataframe(rows, hide_index=True)
    c1, c2 = st.columns([3, 1])
    undo = c1.selectbox("撤销 Undo", [d.label for d in cur.decisions.values()], key="undo")
    if c2.button("撤销 Undo"):
        cur.undo(undo)
        save_curation(ui.location(), cur)
        ui.changed()
        st.session_state["curation-note"] = (f"已撤销 Undone “{undo}” for later ingests; documents already "
                                             "stored keep it until they are ingested again.")
        st.rerun()


def main() -> None:
    st.title("上传与审核 Upload & curation")
    upload()
    curation()


if __name__ == "__main__":
    main()
