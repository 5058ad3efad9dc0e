"""Projector mode, for the teacher at the front (``?present=1``, or the sidebar's toggle).

The navigation and the language switch are hidden (the link keeps the language); the page's
root type size is 28 px, so everything sized in rem grows with it (body text, which Streamlit
sets at 0.875 rem, is 24.5 px); chart labels are at least 18 px (``charts.for_projector``) and
diagram text too (app_pages/diagram_view.py); text is black on white. The teacher steps through
the lecture with the keyboard: Right, Down, Space or Page Down (what a presentation clicker
sends) goes to the next step, Left, Up or Page Up to the one before. A lesson's steps are its
tabs, in order, and, where a tab has them, its own steps (AlexNet's layers); after a lesson's
last tab comes the next lesson. Each step is a link (``?tab=...&step=...&present=1``), so
students who open it land on the same step.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

PRESENT_KEY = "present"
# The lessons in the order of the lecture (their page paths).
LECTURE = ("lesson_alexnet", "lesson_inception", "lesson_resnet", "lesson_densenet")

JS = r"""
const KEYS = { ArrowRight: 'next', ArrowDown: 'next', PageDown: 'next', ' ': 'next',
               ArrowLeft: 'prev', ArrowUp: 'prev', PageUp: 'prev' };

export default function ({ data }) {
  if (!data.style) window.cnnvisSteps = data;
  if (!window.cnnvisKeys) {
    window.cnnvisKeys = true;
    document.addEventListener('keydown', (e) => {
      const target = e.target;
      // a slider, a text box or a menu keeps its own keys
      const own = 'input, textarea, select, [role="slider"], [role="listbox"]';
      if (target && target.closest && target.closest(own)) return;
      const where = KEYS[e.key];
      const steps = window.cnnvisSteps;
      if (!where || !steps || !steps[where]) return;
      e.preventDefault();
      window.location.href = new URL(steps[where], document.baseURI).href;
    });
  }
  return () => {};
}
"""

# Keyed on the style component's own element (Streamlit gives it the class st-key-<key>), not on
# a class its script sets: tables measure their type when they first draw, which can be before
# a script has run.
ON = "html:has(.st-key-cnnvis_projector_style)"
CSS = f"""
{ON} {{ font-size: 28px !important; }}
{ON} [data-testid="stSidebar"], {ON} [data-testid="stSidebarCollapsedControl"],
{ON} [data-testid="stExpandSidebarButton"], {ON} header[data-testid="stHeader"] {{
  display: none !important; }}
{ON} [data-testid="stMain"] {{ color: #000000; }}
{ON} [data-testid="stMainBlockContainer"] {{ max-width: 100% !important;
  padding: 1.5rem 2.5rem 4rem !important; }}
"""

_component = st.components.v2.component("cnnvis.projector", html="<span></span>", js=JS, css=CSS,
                                        isolate_styles=False)


def presenting() -> bool:
    """Whether this session shows the page in projector mode."""
    return bool(st.session_state.get(PRESENT_KEY, False))


def read_link(params: Mapping[str, str]) -> None:
    """On a session's first run, ``present=1`` in the link turns projector mode on."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = str(params.get(PRESENT_KEY, "")).strip() == "1"


def _link(page: str, params: dict[str, str]) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"./{page}?{query}"


def steps(page: str, tabs: list[str], tab: str, params: dict[str, str],
          step: tuple[int, int] | None) -> None:
    """Turn the page into a slide: the style, and the links of the steps before and after.

    ``page`` is the page's path, ``tabs`` its tab names in order, ``tab`` the open one,
    ``params`` the link of this view, ``step`` (current, last) where the open tab has steps.
    """
    # Another lesson's link keeps only the language (its controls are its own).
    keep = {"lang": params.get("lang", "ko"), PRESENT_KEY: "1"}
    here = tabs.index(tab)
    nxt = prev = None
    if step is not None and step[0] < step[1]:
        nxt = _link(page, {**params, "tab": tab, "step": str(step[0] + 1), PRESENT_KEY: "1"})
    elif here + 1 < len(tabs):
        nxt = _link(page, {**params, "tab": tabs[here + 1], "step": "0", PRESENT_KEY: "1"})
    elif page in LECTURE and LECTURE.index(page) + 1 < len(LECTURE):
        nxt = _link(LECTURE[LECTURE.index(page) + 1], keep)
    if step is not None and step[0] > 0:
        prev = _link(page, {**params, "tab": tab, "step": str(step[0] - 1), PRESENT_KEY: "1"})
    elif here > 0:
        prev = _link(page, {**params, "tab": tabs[here - 1], PRESENT_KEY: "1"})
    elif page in LECTURE and LECTURE.index(page) > 0:
        prev = _link(LECTURE[LECTURE.index(page) - 1], {**keep, "tab": "last"})
    _component(key="cnnvis_projector", data={"next": nxt, "prev": prev})


def style() -> None:
    """The projector's style (every page; a lesson adds its steps with :func:`steps`)."""
    _component(key="cnnvis_projector_style", data={"style": True})
