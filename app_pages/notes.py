"""The teacher's presenter view: the speaker notes of the slide on the projector.

Opened in a second window or tab on the teacher's own screen (never on the projector, never for
a student: the page is in the teacher's navigation only, and refuses anyone else). It follows
the lecture as a student's page does (it waits at /api/lecture and reruns when she steps) and
shows what the slide left out: the longer explanation, where she is, and what comes next.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common, lecture_mode
from visualizer import lecture
from visualizer.i18n import t


def render() -> None:
    lang = common.lang()
    st.title(t("notes.title", lang))
    if not common.is_teacher():
        st.info(t("notes.teacher_only", lang), icon=":material/school:")
        return
    now = lecture.read()
    lecture_mode.waiter(now.version if now else 0)
    if now is None or not now.live:
        st.info(t("notes.none", lang), icon=":material/co_present:")
        return
    notes = lecture.read_notes()
    params = now.params()
    step = f"{t('notes.step', lang)} {params['step']}" if "step" in params else ""
    where = " · ".join(p for p in (str(notes.get("title", "")), params.get("tab", ""), step) if p)
    st.subheader(where or now.page)
    items = notes.get("notes", []) if notes.get("version") == now.version else []
    for i, item in enumerate(items if isinstance(items, list) else []):
        lecture_mode.show_note(item, key=f"note_{i}")
    st.caption(t("notes.how", lang))


render()
