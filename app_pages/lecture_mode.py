"""Lecture mode: the teacher steps, the class follows, in place (no page reloads).

- **Opening a view** (a page with its link's settings) happens inside the session: a callback
  asks for it (:func:`open_view`), app.py opens it on the next run (:func:`apply_pending`) by
  setting the link and letting the page's controls read it (``LINK_WINS``), switching page if
  needed. Nothing reloads: the step changes in a few hundred milliseconds, where it stays.
- **The teacher publishes** the view she shows while she presents (:func:`publish`, from app.py):
  one small file in the cache folder (visualizer/lecture.py).
- **A student follows** (:func:`follow_bar`): a bar says so, on by default; a tiny script waits
  at ``/api/lecture`` (deploy/lecture.py) and wakes the page only when the teacher's view has
  changed; then the page opens that view. One click leaves to explore, one click comes back.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

import streamlit as st

from app_pages import controls
from app_pages.controls import LINK_WINS, presenting
from app_pages.controls import link_wins as link_wins
from visualizer import lecture
from visualizer.i18n import t

PENDING = "view_pending"  # (page path, params): the view to open on this run
FOLLOW = "follow_teacher"  # the student's "following the teacher" toggle
SEEN = "follow_seen"  # the lecture version this student's page last opened
NOTES = "slide_notes"  # what this run put in the speaker notes instead of on the slide

# One waiting loop per page, whatever Streamlit does with the component between runs: each run
# tells it which version the page shows (``data.version``); while the lecture's version differs,
# it wakes the page, and again every few seconds until the page shows it (a run cut short by
# the next click cannot strand a student).
FOLLOW_JS = r"""
export default function ({ data, setTriggerValue }) {
  const w = window.cnnvisFollow || (window.cnnvisFollow = { active: false });
  w.shown = data.version;
  w.wake = setTriggerValue;
  // This run opened the teacher's view: the page scrolls to its tabs, so a laptop shows the
  // step (its picture), not the page's title and introduction.
  // Once the run has drawn the new page (the old page's tabs may still be on the screen while
  // it runs), and again twice after, in case what was drawn last moved them.
  if (data.opened && w.scrolled !== data.opened) {
    w.scrolled = data.opened;
    const started = Date.now();
    let seen = 0;
    const seek = () => {
      const app = document.querySelector('[data-testid="stApp"]');
      const running = !app || app.dataset.testScriptState !== 'notRunning';
      const tabs = document.querySelector('[data-testid="stMain"] [data-testid="stTabs"]');
      if (tabs && !running) {  // below Streamlit's header bar, which stays on a phone's screen
        const header = document.querySelector('[data-testid="stHeader"]');
        const pad = header ? header.getBoundingClientRect().height : 0;
        if (Math.abs(tabs.getBoundingClientRect().top - pad) > 4) {
          tabs.style.scrollMarginTop = pad + 'px';
          tabs.scrollIntoView({ block: 'start' });
        }
        seen += 1;
      }
      if (seen < 3 && Date.now() - started < 15000) setTimeout(seek, 150);
    };
    setTimeout(seek, 150);
  }
  if (!w.active) {
    w.active = true;
    w.stop = new AbortController();
    (async () => {
      let count = 0;
      while (w.active) {
        try {
          const url = new URL('/api/lecture?after=' + w.shown, document.baseURI);
          const r = await fetch(url, { cache: 'no-store', signal: w.stop.signal });
          const j = await r.json();
          if (j.version !== w.shown) {
            w.wake('lecture', j.version * 1000 + (count++ % 1000));
            await new Promise((ok) => setTimeout(ok, 3000));
          }
        } catch (e) {
          if (!w.active) return;
          await new Promise((ok) => setTimeout(ok, 2000));  // the server restarts: try again
        }
      }
    })();
  }
  return () => { w.active = false; w.stop.abort(); };
}
"""
_follower = st.components.v2.component("cnnvis.follow", html="<span></span>", js=FOLLOW_JS)


def waiter(version: int, opened: int | None = None) -> None:
    """Wake this page when the lecture's version is no longer ``version``. ``opened``: the
    teacher's version this run opens (the page then scrolls to the step)."""
    _follower(key="cnnvis_follow", data={"version": version, "opened": opened}, on_lecture_change=_woken)


def _woken() -> None:
    """The waiting script woke the page: the teacher's new view is asked for in this callback,
    so the run it starts opens it (asked for by the page's script instead, it took a second run
    of the whole frame: 200 followers' pages, 200 runs more per step)."""
    if st.session_state.get(FOLLOW, True):
        _ask_for_teachers_view(lecture.read())


def _ask_for_teachers_view(now: lecture.Lecture | None) -> bool:
    """Open the teacher's view on this run if she presents one this page has not shown yet
    (and is not opening already). Whether it was asked for."""
    pending, opened = st.session_state.get(PENDING), st.session_state.get(LINK_WINS)
    opening = pending[2] if pending else opened[0] if opened else None  # asked for already
    if now is None or not now.live or now.version in (st.session_state.get(SEEN), opening):
        return False
    params = {**now.params(), "lang": controls.lang()}  # the student keeps their own language
    open_view(now.page, params, now.version)
    return True


def open_view(page: str, params: dict[str, str], version: int | None = None) -> None:
    """Open ``page`` (its path, "" for the explorer) with ``params`` on the next run; from a
    callback or before the page runs. ``version``: the lecture's, when following the teacher."""
    st.session_state[PENDING] = (page, dict(params), version)


def apply_pending(current: str, pages: dict[str, Any]) -> None:
    """app.py, before the page runs: open the view asked for, if any (``pages``: path -> page)."""
    pending = st.session_state.pop(PENDING, None)
    if pending is None:
        return
    page, params, version = pending
    if page not in pages:  # not a page of this app (another version's): nothing to open
        if version is not None:
            st.session_state[SEEN] = version
        return
    st.query_params.from_dict(params)
    st.session_state[LINK_WINS] = (version,)
    if page != current:
        st.switch_page(pages[page], query_params=params)


def done_with_link() -> None:
    """app.py, after the page ran to its end: a view opened for the teacher's version counts as
    seen only now (a run cut short by a newer click opens it again)."""
    opened = st.session_state.pop(LINK_WINS, None)
    if opened and opened[0] is not None:
        st.session_state[SEEN] = opened[0]


def publish(current: str, presenting: bool) -> None:
    """The teacher's view, for the class to follow, while she presents (and "over" when she
    stops). A folder that cannot be written is said once, on the teacher's screen only."""
    try:
        if presenting:
            lecture.publish(current, st.query_params.to_dict())
        else:
            now = lecture.read()
            if now is not None and now.live:
                lecture.publish(now.page, now.params(), live=False)
    except OSError as exc:
        st.toast(t("lecture.unwritable", controls.lang(), why=exc.strerror or str(exc)),
                 icon=":material/error:")


def follow_bar(current: str) -> None:
    """For a student: while the teacher presents, the bar and the view she shows. Whether she
    presents or not, the page waits (at no cost) for her next change, so a student who came
    early follows as soon as she starts."""
    now = lecture.read()
    live = now is not None and now.live
    st.session_state.setdefault(FOLLOW, True)
    if live:
        lang = controls.lang()
        with st.container(key="cnnvis_follow_bar", horizontal=True, vertical_alignment="center", gap="small"):
            st.toggle(t("lecture.follow", lang), key=FOLLOW, value=st.session_state[FOLLOW],
                      help=t("lecture.follow.help", lang))
            if not st.session_state[FOLLOW]:
                st.button(t("lecture.back", lang), on_click=back, icon=":material/school:", type="primary")
    if not st.session_state[FOLLOW]:
        return
    opening = st.session_state.get(LINK_WINS)
    waiter(int(st.session_state.get(SEEN) or (now.version if now and not live else 0)),
           opening[0] if opening else None)
    if _ask_for_teachers_view(now):  # she moved on before the page was woken (or it just opened)
        st.rerun()


def back() -> None:
    """The student comes back to the teacher's current view."""
    st.session_state[FOLLOW] = True
    st.session_state.pop(SEEN, None)


JOIN = "show_join"


def ask_join() -> None:
    st.session_state[JOIN] = True


def join_screen(lang: str) -> None:
    """On request, the projector shows how to join: the address and a QR code, big."""
    if st.session_state.pop(JOIN, False):
        _join_dialog(lang)


@st.dialog(" ", width="large")
def _join_dialog(lang: str) -> None:
    address = lecture.join_address(int(st.get_option("server.port")))
    st.markdown(f"## {t('join.title', lang)}")
    left, right = st.columns([3, 2], vertical_alignment="center")
    left.markdown(t("join.body", lang))
    left.title(address, anchor=False)  # big enough to read and type from the back row
    if "localhost" in address:
        left.warning(t("join.local", lang), icon=":material/wifi_off:")
    right.image(lecture.qr_png(address), width="stretch", caption=t("join.qr", lang))


def note(text: str, small: bool = False) -> None:
    """A longer explanation (``small``: a caption): on the page as usual; on a slide, in the
    teacher's speaker notes (the presenter view, app_pages/notes.py) instead, so the slide keeps
    its picture."""
    _aside(text, lambda: st.caption(text) if small else st.markdown(text))


def note_table(frame: Any, **dataframe_args: Any) -> None:
    """A table (a pandas DataFrame): on the page as ``st.dataframe``; on a slide, in the speaker
    notes (a slide holds a step's picture and its sentence, never a table to read)."""
    _aside(lambda: {"table": json.loads(frame.to_json(orient="split", index=False, force_ascii=False))},
           lambda: st.dataframe(frame, **dataframe_args))


def note_code(code: str, language: str | None = "python", **code_args: Any) -> None:
    """Code or a printout: on the page as ``st.code``; on a slide, in the speaker notes."""
    _aside({"code": code, "language": language}, lambda: st.code(code, language=language, **code_args))


def note_chart(fig: Any, key: str, **chart_args: Any) -> None:
    """A second chart of a step: on the page as usual; on a slide, in the speaker notes (the
    slide keeps its one picture)."""
    from app_pages.live_chart import SharedFigure, live_chart
    from visualizer.charts import plain

    _aside(lambda: {"figure": fig.figure if isinstance(fig, SharedFigure) else fig if isinstance(fig, dict)
                    else plain(fig)},
           lambda: live_chart(fig, key=key, **chart_args))


def note_diagram(dot: str, key: str) -> None:
    """A second diagram of a step (Graphviz DOT): on the page as usual; on a slide, in the
    speaker notes."""
    from app_pages.diagram_view import diagram

    _aside({"dot": dot}, lambda: diagram(dot, key=key))


def _aside(item: Any, show: Callable[[], object]) -> None:
    """``item`` (or what ``item()`` gives, made only for a slide) to the speaker notes on a
    slide; else ``show()`` on the page."""
    if presenting():
        st.session_state.setdefault(NOTES, []).append(item() if callable(item) else item)
    else:
        show()


def show_note(item: Any, key: str) -> None:
    """One speaker note as the presenter view shows it (items written by the functions above;
    anything else, as from a damaged file, is shown as plain text)."""
    if isinstance(item, str):
        st.markdown(item)
    elif isinstance(item, dict) and isinstance(item.get("code"), str):
        language = item.get("language")
        st.code(item["code"], language=language if isinstance(language, str) else None, wrap_lines=True)
    elif isinstance(item, dict) and isinstance(item.get("table"), dict):
        import pandas as pd

        table = item["table"]
        try:
            st.dataframe(pd.DataFrame(table.get("data"), columns=table.get("columns")), hide_index=True)
        except (TypeError, ValueError):
            st.text(str(table))
    elif isinstance(item, dict) and isinstance(item.get("dot"), str):
        from app_pages.diagram_view import diagram

        diagram(item["dot"], key=key)
    elif isinstance(item, dict) and isinstance(item.get("figure"), dict):
        from app_pages.live_chart import live_chart

        live_chart(item["figure"], key=key, static=True)
    else:
        st.text(str(item))


def new_run() -> None:
    """app.py, before the page runs: this run's notes start empty."""
    st.session_state[NOTES] = []


def publish_notes(title: str) -> None:
    """The teacher's slide's notes, for her presenter view (never on the projector, never for a
    student: only the teacher's pages read them)."""
    with contextlib.suppress(OSError):  # said by publish() already
        lecture.write_notes(title, st.session_state.get(NOTES) or [])
