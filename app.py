"""Entry point: the shared sidebar (language) and st.navigation over app_pages/; nothing else."""

from __future__ import annotations

import streamlit as st

from app_pages import common, projector
from visualizer.i18n import LANGS, t
from visualizer.state import read_lang

st.set_page_config(page_title="CNN Visualizer", page_icon=":material/neurology:", layout="wide")

if common.LANG_KEY not in st.session_state:  # first run of this session: the link decides
    problems: list = []
    st.session_state[common.LANG_KEY] = read_lang(st.query_params.to_dict(), problems)
    st.session_state["lang_problems"] = problems

projector.read_link(st.query_params.to_dict())

with st.sidebar:
    st.segmented_control(t("app.language", common.lang()), LANGS, key=common.LANG_KEY,
                         format_func=lambda code: {"ko": "한국어", "en": "English"}[code],
                         required=True)
    st.toggle(t("app.present", common.lang()), key=projector.PRESENT_KEY,
              help=t("app.present.help", common.lang()))
    common.glossary()  # the 용어집 (issue 30)
common.widget_words()  # Streamlit's own English in the page's language (issue 30)
if projector.presenting():
    projector.style()

lang = common.lang()
pages = {
    t("nav.section.explore", lang): [
        st.Page("app_pages/explorer.py", title=t("nav.explorer", lang), icon=":material/explore:",
                default=True)],
    t("nav.section.lessons", lang): [
        st.Page("app_pages/lesson_alexnet.py", title=t("nav.alexnet", lang), icon=":material/filter_1:"),
        st.Page("app_pages/lesson_inception.py", title=t("nav.inception", lang), icon=":material/filter_2:"),
        st.Page("app_pages/lesson_resnet.py", title=t("nav.resnet", lang), icon=":material/filter_3:"),
        st.Page("app_pages/lesson_densenet.py", title=t("nav.densenet", lang), icon=":material/filter_4:"),
        st.Page("app_pages/training.py", title=t("nav.training", lang), icon=":material/model_training:")],
    t("nav.section.tools", lang): [
        st.Page("app_pages/builder.py", title=t("nav.builder", lang), icon=":material/construction:"),
        st.Page("app_pages/features.py", title=t("nav.features", lang), icon=":material/image_search:"),
        st.Page("app_pages/playground.py", title=t("nav.playground", lang), icon=":material/grid_on:"),
        st.Page("app_pages/export.py", title=t("nav.export", lang), icon=":material/slideshow:"),
        st.Page("app_pages/compare.py", title=t("nav.compare", lang), icon=":material/leaderboard:")],
}
st.navigation(pages).run()
