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

from app_pages.controls import LANG_KEY
from app_pages.controls import PRESENT_KEY as PRESENT_KEY
from app_pages.controls import presenting as presenting
from visualizer.lecture import BEAT_SECONDS
from visualizer.pages import LECTURE, PAGES

KEY = "cnnvis_projector"
TARGETS = "present_targets"  # {"next": (page, params), "prev": ...} of the step shown

# The room a picture has on a slide, for the components that draw pictures (app_pages/live_chart.py,
# app_pages/diagram_view.py include it in their scripts): from the picture's top to the bottom of
# the screen, less what the page shows below the picture (its sentence, a note) and the page's
# bottom padding, which keeps the floating slide bar clear. A picture drawn that tall leaves the
# slide without scrolling.
ROOM_JS = r"""
const slideRoom = (host) => {
  const main = host.closest('[data-testid="stMain"]');
  const block = main && main.querySelector('[data-testid="stMainBlockContainer"]');
  const content = block && block.firstElementChild;
  if (!content) return window.innerHeight * 0.8;
  const r = host.getBoundingClientRect();
  // what is drawn under the picture (not beside it, in another column; not the floating bar)
  let lowest = r.bottom;
  for (const el of content.querySelectorAll('[data-testid="stElementContainer"]')) {
    const b = el.getBoundingClientRect();
    if (!b.height || b.top < r.bottom - 1 || b.right <= r.left || b.left >= r.right) continue;
    if (!el.closest('.st-key-cnnvis_slide_bar')) lowest = Math.max(lowest, b.bottom);
  }
  const below = lowest - r.bottom;
  const pad = parseFloat(getComputedStyle(block).paddingBottom) || 0;
  const screen = main.getBoundingClientRect();
  const room = screen.bottom - r.top - below - pad;
  // A picture that starts at the fold or below it (a page longer than the screen: the
  // comparison's chart under its table, the feature maps' guesses) is scrolled to: it gets a
  // screen of its own, not the sliver left above the fold (200 px, its labels on each other).
  return screen.bottom - pad - r.top < FOLD ? screen.height - pad - 16 : room;
};
const FOLD = 80;  // px: a picture whose top is this close to the fold starts below it
"""

JS = r"""
const KEYS = { ArrowRight: 'next', ArrowDown: 'next', PageDown: 'next', ' ': 'next',
               ArrowLeft: 'prev', ArrowUp: 'prev', PageUp: 'prev', Escape: 'exit' };
// Letters by the key pressed, not the character it types: a Korean keyboard in Hangul mode
// types ㅣ, ㅓ and ㅡ for L, J and M.
const LETTERS = { KeyL: 'lang', KeyJ: 'join' };
const MENU = '.st-key-slide_menu button';  // the menu's button: M or ? opens it
const menuOpen = () => {
  const body = document.querySelector('[data-testid="stPopoverBody"]');
  return Boolean(body && body.checkVisibility());
};

export default function ({ data, parentElement, setTriggerValue }) {
  if (data.style) {
    // Says once, when the stylesheet below has reached the page, that the slide may be drawn
    // (see style()): Streamlit puts a component's stylesheet on the page after its script
    // file has loaded, and a table drawn before that keeps a laptop's type on the slide.
    if (data.styled || parentElement.cnnvisStyled) return () => {};
    parentElement.cnnvisStyled = true;
    const root = document.documentElement;
    const here = () => getComputedStyle(root).getPropertyValue('--cnnvis-slide').trim() === '1';
    const tell = () => (here() ? setTriggerValue('styled', true) : requestAnimationFrame(tell));
    tell();
    return () => {};
  }
  // A choice in the menu closes it: the slide is seen whole again.
  const onClick = (e) => {
    if (e.target.closest && e.target.closest('[data-testid="stPopoverBody"] button') && menuOpen())
      setTimeout(() => { if (menuOpen()) document.querySelector(MENU).click(); }, 0);
  };
  const onKey = (e) => {
    if (e.key === 'Escape' && menuOpen()) {  // Esc closes the menu first, then the slides
      e.preventDefault();
      document.querySelector(MENU).click();
      return;
    }
    const target = e.target;
    // a slider, a text box or a menu keeps its own keys
    const own = 'input, textarea, select, [role="slider"], [role="listbox"], [role="dialog"]';
    if (target && target.closest && target.closest(own)) return;
    if ((e.code === 'KeyM' || e.key === '?') && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const button = document.querySelector(MENU);
      if (button) { e.preventDefault(); button.click(); }
      return;
    }
    const where = KEYS[e.key] || LETTERS[e.code];
    if (!where || e.ctrlKey || e.metaKey || e.altKey) return;
    if ((where === 'next' || where === 'prev') && !data[where]) return;
    e.preventDefault();
    setTriggerValue('go', where);  // the step changes in place: no page load
  };
  document.addEventListener('keydown', onKey);
  document.addEventListener('click', onClick);
  // the teacher's page says it is still there (a run: the lecture's view written again when
  // old), so a lecture whose projector was closed ends (visualizer/lecture.py, STALE_SECONDS)
  const beat = setInterval(() => setTriggerValue('alive', Date.now()), data.beat_ms);
  // Said on the page once the keys listen (a clicker pressed while the slide is still being
  // drawn is lost); a browser test waits for it before it presses.
  document.documentElement.dataset.slideKeys = 'on';
  return () => {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('click', onClick);
    clearInterval(beat);
    delete document.documentElement.dataset.slideKeys;
  };
}
"""

# Keyed on the style component's own element (Streamlit gives it the class st-key-<key>), not on
# a class its script sets. A table (a canvas: Streamlit's data grid) measures its type once, when
# it first draws, from the page's root size then: the stylesheet itself reaches the page only
# after the component's script file has loaded, which a table could beat (Inception's first
# table, opened from a link, kept a laptop's 15 px on the slide). So a slide is drawn only once
# the stylesheet is on the page (style()); --cnnvis-slide says it is.
ON = "html:has(.st-key-cnnvis_projector_style)"
# A table shown by its rows on a slide (the builder's design), keyed SLIDE_TABLE + …: as tall as
# its rows, and no taller than its header and SLIDE_TABLE_ROWS rows in the slide's own type (a
# row is 2.19 of its root size: 46 px at 1366x768, 61 at 1920x1080), so whole rows fill the room
# above the slide bar at either size; more rows scroll.
SLIDE_TABLE, SLIDE_TABLE_ROWS = "slide_rows_", 6
# The root type follows the screen: 28 px at 1920 px wide, 21 px at 1366 (body text 24.5 and
# 18.4 px, the back row's minimum); the title is smaller than a page's, the space between
# blocks tighter, the page's introduction goes to the speaker notes (lecture_mode.note) and the
# slide bar floats at the bottom right: the step's picture gets the screen.
CSS = f"""
{ON} {{ font-size: clamp(21px, 1.46vw, 28px) !important; --cnnvis-slide: 1; }}
{ON} [data-testid="stMain"] h1 {{ font-size: 1.45rem !important; padding: 0 0 0.2rem !important; }}
{ON} [data-testid="stMain"] h2 {{ font-size: 1.2rem !important; padding: 0.2rem 0 !important; }}
{ON} [data-testid="stMain"] h3, {ON} [data-testid="stMain"] h4 {{ font-size: 1.05rem !important;
  padding: 0.1rem 0 !important; }}
/* Streamlit pulls the block after a heading up by 1rem, to undo the heading's own 1rem of
   padding below; a slide's heading keeps 0.1rem, so a box right after it (an alert, a code
   block, a table, a diagram) covered its lower half, and text right after it (AlexNet's
   "conv1 · 합성곱 (Conv2d)" and its description) had its first line on the heading's last:
   a line's leading above its letters is less than the 0.9rem. A slide pulls text up by
   0.5rem (its letters clear the heading's), anything else not at all. (The page's title
   keeps Streamlit's pull above tabs, which have room of their own; above anything else, the
   explorer's model name, the builder's first button, 0.5rem.) */
{ON} [data-testid="stMain"] [data-testid="stElementContainer"]:has([data-testid="stHeading"] h1):not(:has(
  + [data-testid="stTabs"])) [data-testid="stHeading"] [data-testid="stMarkdownContainer"] {{
  margin-bottom: -0.5rem !important; }}
{ON} [data-testid="stMain"] [data-testid="stElementContainer"]:has([data-testid="stHeading"] :is(h2, h3, h4))
  [data-testid="stHeading"] [data-testid="stMarkdownContainer"] {{ margin-bottom: -0.5rem !important; }}
{ON} [data-testid="stMain"] [data-testid="stElementContainer"]:has([data-testid="stHeading"]
  :is(h2, h3, h4)):not(:has(+ [data-testid="stElementContainer"] [data-testid="stMarkdown"]))
  [data-testid="stHeading"] [data-testid="stMarkdownContainer"] {{ margin-bottom: 0 !important; }}
{ON} [data-testid="stMain"] [data-testid="stVerticalBlock"] {{ gap: 0.45rem !important; }}
{ON} [data-testid="stMain"] code {{ font-size: max(18px, 0.85em) !important; }}
{ON} [data-testid="stMain"] [data-testid="stMetricValue"] {{ font-size: 1.6rem !important; }}
{ON} [class*="st-key-{SLIDE_TABLE}"], {ON} [class*="st-key-{SLIDE_TABLE}"] :is([data-testid="stDataFrame"],
  [data-testid="stDataFrameResizable"]) {{
  max-height: calc({SLIDE_TABLE_ROWS + 1} * 2.19rem + 2px) !important; }}
{ON} .st-key-cnnvis_slide_bar {{ position: fixed; right: 1rem; bottom: 0.6rem; z-index: 1000;
  width: auto !important; background: rgba(255, 255, 255, 0.92); border-radius: 0.6rem;
  padding: 0.2rem 0.4rem; box-shadow: 0 0 0.4rem rgba(0, 0, 0, 0.15); }}
{ON} .st-key-cnnvis_slide_bar button {{ min-height: 2.2rem; }}
{ON} [data-testid="stSidebar"], {ON} [data-testid="stSidebarCollapsedControl"],
{ON} [data-testid="stExpandSidebarButton"], {ON} header[data-testid="stHeader"] {{
  display: none !important; }}
{ON} [data-testid="stMain"] {{ color: #000000; }}
{ON} [data-testid="stMainBlockContainer"] {{ max-width: 100% !important;
  padding: 0.6rem 2rem 3.5rem !important; }}
"""

_component = st.components.v2.component("cnnvis.projector", html="<span></span>", js=JS, css=CSS,
                                        isolate_styles=False)


def read_link(params: Mapping[str, str]) -> None:
    """On a session's first run, ``present=1`` in the link turns projector mode on."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = str(params.get(PRESENT_KEY, "")).strip() == "1"


def steps(page: str, tabs: list[str], tab: str, params: dict[str, str],
          step: tuple[int, int] | None) -> None:
    """The views before and after this step (for the keys and the big buttons of :func:`bar`).

    ``page`` is the page's path, ``tabs`` its tab names in order, ``tab`` the open one,
    ``params`` the link of this view, ``step`` (current, last) where the open tab has steps.
    """
    # Another lesson's link keeps only the language (its controls are its own).
    keep = {"lang": params.get("lang", "ko"), PRESENT_KEY: "1"}
    here = tabs.index(tab)
    nxt = prev = None
    if step is not None and step[0] < step[1]:
        nxt = (page, {**params, "tab": tab, "step": str(step[0] + 1), PRESENT_KEY: "1"})
    elif here + 1 < len(tabs):
        nxt = (page, {**params, "tab": tabs[here + 1], "step": "0", PRESENT_KEY: "1"})
    elif page in LECTURE and LECTURE.index(page) + 1 < len(LECTURE):
        nxt = (LECTURE[LECTURE.index(page) + 1], keep)
    if step is not None and step[0] > 0:
        prev = (page, {**params, "tab": tab, "step": str(step[0] - 1), PRESENT_KEY: "1"})
    elif here > 0:
        prev = (page, {**params, "tab": tabs[here - 1], PRESENT_KEY: "1"})
    elif page in LECTURE and LECTURE.index(page) > 0:
        prev = (LECTURE[LECTURE.index(page) - 1], {**keep, "tab": "last"})
    st.session_state[TARGETS] = {"next": nxt, "prev": prev}


def on_key() -> None:
    result = st.session_state.get(KEY)
    go(getattr(result, "go", None) or "")


def go(where: str) -> None:
    """Step to the next or previous view (in place), or leave projector mode (``exit``)."""
    from app_pages.lecture_mode import open_view

    if where == "exit":
        st.session_state[PRESENT_KEY] = False
        return
    if where == "lang":
        st.session_state[LANG_KEY] = "en" if st.session_state.get(LANG_KEY) == "ko" else "ko"
        return
    if where == "join":
        from app_pages.lecture_mode import ask_join

        ask_join()
        return
    target = (st.session_state.get(TARGETS) or {}).get(where)
    if target is not None:
        open_view(*target)


def new_run() -> None:
    """app.py, before the page runs (after this run's callbacks used them): forget the last
    step's targets; a lesson sets its own with :func:`steps`. Off the projector, forget that
    its stylesheet was on the page (it leaves with its component)."""
    st.session_state.pop(TARGETS, None)
    if not presenting():
        st.session_state.pop(STYLED, None)
        st.session_state.pop(WAITED, None)


def _alive() -> None:
    """The slide's page beat (every BEAT_SECONDS): its run publishes the view again once it is
    old (app_pages/lecture_mode.publish)."""


def bar(lang: str) -> None:
    """The slim bar on every slide (drawn after the page, in a place kept at its top): the keys
    and the big ◀ ▶ that step in place, the join screen, the way out (Esc too)."""
    from app_pages.lecture_mode import ask_join, join_screen
    from visualizer.i18n import t

    targets = st.session_state.get(TARGETS) or {}
    _component(key=KEY, data={"next": bool(targets.get("next")), "prev": bool(targets.get("prev")),
                              "beat_ms": BEAT_SECONDS * 1000},
               on_go_change=on_key, on_alive_change=_alive)
    with st.container(key="cnnvis_slide_bar", horizontal=True, vertical_alignment="center", gap="small"):
        st.button("◀", key="slide_prev", on_click=go, args=("prev",), disabled=not targets.get("prev"),
                  help=t("present.prev", lang))
        st.button("▶", key="slide_next", on_click=go, args=("next",), disabled=not targets.get("next"),
                  type="primary", help=t("present.next", lang))
        menu(lang)
        st.button(t("present.join", lang), key="slide_join", on_click=ask_join, icon=":material/qr_code_2:")
        st.button(t("present.exit", lang), key="slide_exit", on_click=go, args=("exit",),
                  icon=":material/close:")
    join_screen(lang)


# The pages the menu opens while presenting, in the lecture's order (paths; "" is the explorer).
MENU_PAGES = tuple((p.path, p.title) for p in PAGES if p.slides)


MENU = "slide_menu"


def menu(lang: str) -> None:
    """The slide's menu (a click, or M or ? on the keyboard): the language, another lesson or
    page, and every key the slides listen to. Nothing here leaves projector mode."""
    from app_pages.lecture_mode import open_view
    from visualizer.i18n import t

    st.session_state["slide_lang"] = lang  # the language shown, however it was chosen (L, the link)
    with st.popover(t("present.menu", lang), icon=":material/menu:", key=MENU):  # a choice closes it (JS)
        st.segmented_control(t("app.language", lang), ("ko", "en"), key="slide_lang",
                             format_func=lambda code: {"ko": "한국어", "en": "English"}[code],
                             required=True, default=lang, on_change=lambda: st.session_state.update(
                                 {LANG_KEY: st.session_state.get("slide_lang") or lang}))
        st.caption(t("present.menu.pages", lang))
        for path, title in MENU_PAGES:
            view = {"lang": lang, PRESENT_KEY: "1"}
            st.button(t(title, lang), key=f"slide_open_{path or 'explorer'}", width="stretch",
                      on_click=open_view, args=(path, view))
        st.caption(t("present.menu.keys", lang))
        st.markdown(t("present.keys", lang))


STYLED = "cnnvis_projector_styled"  # True once the browser has said the stylesheet is on the page
WAITED = "cnnvis_projector_waited"  # True once a run has stopped to wait for it


def _styled() -> None:
    st.session_state[STYLED] = True


def style() -> None:
    """The projector's style (every page; a lesson adds its steps with :func:`steps`). Until the
    browser says the stylesheet is on the page (once a session, and again after leaving the
    projector), the first run stops here: the slide is drawn in the run that follows, at once,
    with the projector's type from its first frame (see ``ON``)."""
    styled = bool(st.session_state.get(STYLED))
    _component(key="cnnvis_projector_style", data={"style": True, "styled": styled},
               on_styled_change=_styled)
    # One run waits, no more: should the browser never say (its script failed), the next run,
    # whatever starts it, draws the slide.
    if not st.session_state.get(STYLED) and not st.session_state.get(WAITED):
        st.session_state[WAITED] = True
        st.stop()
