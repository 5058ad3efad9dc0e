"""Entry point: the shared sidebar (language), st.navigation over app_pages/, and lecture mode's
frame around every page (the slide bar, following the teacher, publishing her view)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from app_pages import common, lecture_mode, projector
from app_pages.page_style import page_style
from visualizer.i18n import LANGS, t
from visualizer.pages import NOTES, PAGES
from visualizer.roles import SIGN_OUT
from visualizer.state import Problem, read_lang

NAV_PAGES = "nav_pages"  # this session's st.Page objects, with the language and role they are for
# Streamlit serves the default page at / only, never at its own path: a student who typed
# /explorer got Streamlit's English "Page not found" (issue 30). A hidden page answers that path
# and sends the browser on to / with the link's parameters; the default page itself takes a path
# nobody links to (a path must be unique, and the hidden page holds "explorer").
ALIAS = next(p.name for p in PAGES if p.default)  # "explorer", as a student types it
DEFAULT_PATH = "explorer-home"


def _to_default() -> None:
    """The hidden page's body: never runs (app.py sends its visitors to / before a page runs)."""


def navigation(lang: str, teacher: bool) -> dict[str, list[StreamlitPage]]:
    """The pages by section (visualizer/pages.py: sections, titles, icons, order), made once per
    session and language: an st.Page finds its script on the disk, and the twelve of them took
    a tenth of each run of a page that follows the teacher (bench/follow.py)."""
    made = st.session_state.get(NAV_PAGES)
    if made is None or made[0] != (lang, teacher):
        pages: dict[str, list[StreamlitPage]] = {}
        for entry in PAGES:
            if entry.teacher and not teacher:  # her presenter view, for a second window
                continue
            section = pages.setdefault(t(entry.section, lang), [])
            section.append(st.Page(entry.script, title=t(entry.title, lang), icon=entry.icon,
                                   default=entry.default, url_path=DEFAULT_PATH if entry.default else None))
            if entry.default:
                section.append(st.Page(_to_default, title=t(entry.title, lang), url_path=ALIAS,
                                       visibility="hidden"))
        made = st.session_state[NAV_PAGES] = ((lang, teacher), pages)
    return made[1]


# The tab's icon from this checkout: a Material icon name is fetched from Google's font server,
# which an offline classroom cannot reach (every page load logged a failed request, no icon).
ICON = Path(__file__).parent / "visualizer" / "resources" / "icon.png"
st.set_page_config(page_title="CNN Visualizer", page_icon=str(ICON), layout="wide")

if common.LANG_KEY not in st.session_state:  # first run of this session: the link decides
    problems: list[Problem] = []
    st.session_state[common.LANG_KEY] = read_lang(st.query_params.to_dict(), problems)
    st.session_state["lang_problems"] = problems
elif st.session_state[common.LANG_KEY] not in LANGS:
    # The browser sent the language box (below) back empty. It did when a click came before the
    # box was drawn (a tab clicked at once, in CI): the next run had no value for it, and the
    # one after it an empty one, and every page crashed (KeyError: 'None'). The box now has its
    # value as its default too (app_pages/controls.py says why); a forged message still can.
    # The link, which every run writes, still names the language.
    st.session_state[common.LANG_KEY] = read_lang(st.query_params.to_dict(), [])

projector.read_link(st.query_params.to_dict())
common.is_teacher()  # decided from the cookie or the link, before anything rewrites the link
if "teacher" in st.query_params:  # the secret never stays in the address bar
    del st.query_params["teacher"]

with st.sidebar:
    st.segmented_control(t("app.language", common.lang()), LANGS, key=common.LANG_KEY,
                         format_func=lambda code: {"ko": "한국어", "en": "English"}[code],
                         required=True, default=common.lang())  # its value again: see controls.py
    st.toggle(t("app.present", common.lang()), key=projector.PRESENT_KEY, value=projector.presenting(),
              help=t("app.present.help", common.lang()))
    if common.is_teacher():
        st.caption(t("teacher.signed_in", common.lang()))
        st.link_button(t("teacher.sign_out", common.lang()), SIGN_OUT, on_click=common.sign_out,
                       icon=":material/logout:")
    common.glossary()  # the 용어집 (issue 30)
    # The page-wide stylesheet (issue 30: Streamlit's own English in the page's language, Korean
    # broken between words, tabs and tables that show all they hold), carried by an element of
    # the sidebar (in the main area it shifted the page: a chart's click was lost).
    page_style(common.lang())


lang = common.lang()
pages = navigation(lang, common.is_teacher())
page = st.navigation(pages)
if page.url_path == ALIAS:  # /explorer: the explorer is at /, with the same link
    st.switch_page(next(p for section in pages.values() for p in section if p.url_path == ""),
                   query_params=st.query_params.to_dict())
by_path = {p.url_path: p for section in pages.values() for p in section if p.url_path != ALIAS}
lecture_mode.apply_pending(page.url_path, by_path)  # a step or the teacher's view, opened in place
projector.new_run()
lecture_mode.new_run()
slide_bar = None
if projector.presenting():
    projector.style()
    slide_bar = st.container()  # filled after the page: the page decides its steps
if not common.is_teacher() and page.url_path != NOTES.path:
    lecture_mode.follow_bar(page.url_path)
page.run()
lecture_mode.done_with_link()
if slide_bar is not None:
    with slide_bar:
        projector.bar(lang)
if common.is_teacher() and page.url_path != NOTES.path:
    lecture_mode.publish(page.url_path, projector.presenting())
    if projector.presenting():
        lecture_mode.publish_notes(page.title)
