"""The builder's "Train it" section and the class board (the queue itself: visualizer/queue.py).

A student presses Train: the design joins the class's queue; the student sees their place,
then their run live, then the test accuracy, the trained network to take home and a way to its
feature maps. A student is their network address: one job at a time in all their tabs. The board
lists every result, best first, each with a link that opens its design and, when its weights are
kept (visualizer.training.store), one to its feature maps; any kept row can be downloaded (code + weights).
The teacher sees the queue by student, can remove any job, empty the queue and start a new contest.
Nicknames and design names are shown as plain text, never as Markdown.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from torch import nn

from app_pages import common, lecture_mode
from app_pages.controls import Controls, Kept
from app_pages.live_chart import live_chart
from visualizer import cost, lesson_charts
from visualizer import design as ds
from visualizer import queue as q
from visualizer.errors import StoredError
from visualizer.features import CheckpointError
from visualizer.i18n import number, t
from visualizer.pages import by_prefix
from visualizer.records import TraceResult
from visualizer.train import eta_text
from visualizer.training import runner, store

# The section's state, the session's alone (never in the link): the id of the job this session
# last queued (its result stays shown), and the (job, state) this student last saw ended.
STATE = Controls("b", {"job": Kept(None), "job_seen": Kept(None)})
# Loading, the test on 10,000 pictures and the process's start, on top of the minute of work.
OVERHEAD_SECONDS = 30


def section(d: ds.Design, result: TraceResult | None, net: nn.Module | None, lang: str,
            on_fix: Callable[[int, str, int], None]) -> None:
    """``on_fix(-1, "size", value)`` is the builder's own way to apply a fix (its input size)."""
    st.markdown(f"### {t('queue.title', lang)}")
    st.caption(t("queue.rules", lang, budget=number(cost.WORK_BUDGET, lang),
                 most=f"{cost.MAX_PICTURES:,}", least=f"{cost.MIN_PICTURES:,}"))
    jobs = q.waiting()
    if jobs:  # a server restart leaves jobs waiting: the next visitor starts them again (an
        with contextlib.suppress(OSError):  # unwritable cache folder is said when Train is pressed)
            q.ensure_worker()
    STATE.start()
    submit_row(d, result, net, lang, on_fix)
    # Every 2 s while anything trains or waits (the student's place and curve move), else
    # every 10 s: forty idle students cost the server little.
    job = STATE["job"]
    busy = bool(jobs) or (q.running() or {}).get("state") in q.ACTIVE or (job and q.outcome(job) is None)
    st.fragment(run_every=2.0 if busy else 10.0)(live)(lang)
    board(lang)


def submit_row(d: ds.Design, result: TraceResult | None, net: nn.Module | None, lang: str,
               on_fix: Callable[[int, str, int], None]) -> None:
    problem: str | None = None
    refused: q.QueueError | None = None
    need = None
    if result is None:
        problem = t("queue.fix_first", lang)
    else:
        try:
            need = q.trainable(d, result, net)
        except q.QueueError as err:
            refused = err
            problem = err.message(lang, markdown=True)
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    row.text_input(t("queue.nickname", lang), key="b_nickname", max_chars=30, width=260,
                   placeholder=t("queue.nickname.placeholder", lang))
    if row.button(t("queue.train", lang), type="primary", icon=":material/model_training:",
                  disabled=need is None) and result is not None and need is not None:
        nickname = "".join(ch for ch in st.session_state.get("b_nickname", "") if ch.isprintable()).strip()
        try:
            STATE.set("job", q.submit(d, owner=common.student(),
                                      nickname=nickname or t("queue.anonymous", lang),
                                      params=result.total_params, macs=result.total_macs, need=need))
        except q.QueueError as err:
            common.coded_error(err, ":material/hourglass:", warn=True)
        except OSError as exc:
            why = exc.strerror or str(exc)
            common.coded_error(q.QueueError("unwritable", why=why, io=runner.io_code(exc)))
    if problem is not None:
        st.info(problem, icon=":material/info:")
    if refused is not None and refused.code in ("work", "memory"):
        size = fitting_size(ds.encode(d))
        if size is None:
            st.caption(t("queue.fix.none", lang))
        else:
            st.button(t("queue.fix.size", lang, size=size), on_click=on_fix, args=(-1, "size", size),
                      icon=":material/build:", type="primary")


@st.cache_data(max_entries=64, show_spinner=False)
def fitting_size(link: str) -> int | None:
    """The nearest input size that the class can train (cached: a bisection of ~10 traces)."""
    return q.fitting_size(ds.decode(link))


def live(lang: str) -> None:
    """This student's job (place in line, live curve, result) and the line itself."""
    jobs = q.waiting()
    current = q.running()
    me = common.student()
    job = q.mine(me)
    if job is not None:
        STATE.set("job", job["id"])
    job_id = STATE["job"]
    if job_id:
        mine(job_id, jobs, current, lang)
    line(jobs, current, lang)


def mine(job_id: str, jobs: list[dict[str, Any]], current: dict[str, Any] | None, lang: str) -> None:
    place = next((n for n, j in enumerate(jobs) if j["id"] == job_id), None)
    busy = current is not None and current.get("state") in q.ACTIVE
    if place is not None:
        ahead = place + (1 if busy else 0)
        minutes = max(1, round(ahead * (60 + OVERHEAD_SECONDS) / 60))
        st.info(t("queue.place", lang, n=place + 1, ahead=ahead, minutes=minutes),
                icon=":material/hourglass_top:")
        st.button(t("queue.cancel", lang), on_click=q.cancel, args=(job_id,), icon=":material/close:")
        return
    if current is not None and current.get("id") == job_id and current.get("state") in q.ACTIVE:
        running_view(current, lang)
        st.button(t("queue.cancel", lang), on_click=q.cancel, args=(job_id,), icon=":material/close:")
        return
    ended = q.outcome(job_id)
    if ended is None and (current or {}).get("id") == job_id and (current or {}).get("state") == "lost":
        ended = current  # the worker was killed: said at once, and the student may queue again
    if ended is None:
        return
    state = ended.get("state")
    if STATE["job_seen"] != (job_id, state):  # it has just ended: the board is new too
        STATE.set("job_seen", (job_id, state))
        st.rerun(scope="app")
    if state == "done":
        st.success(t("queue.done", lang, acc=ended["accuracy"], n=ended["test_images"], steps=ended["steps"],
                     seconds=ended["seconds"]), icon=":material/emoji_events:")
        if ended.get("curve"):
            live_chart(lesson_charts.training_curve(ended["curve"], lang), key="b_curve", static=True)
        take_home(job_id, str(ended.get("name") or ""), lang)
    elif state == "failed":
        common.coded_error(StoredError.of(ended))
    else:
        st.info(t(f"queue.state.{state}", lang), icon=":material/info:")


def take_home(job_id: str, name: str, lang: str) -> None:
    """The trained network to take home (its code and the weights it learned, in one zip), and
    the way to its feature maps."""
    try:
        source = store.design_path(job_id)
    except CheckpointError:
        return
    if not source.is_file():
        return
    take_home_row(st.container(horizontal=True, gap="small"), job_id, source, name, lang,
                  label="queue.take_home", keys=("b_take_home", "b_see_maps"))


def take_home_row(row: DeltaGenerator, job_id: str, source: Path, name: str, lang: str, *, label: str,
                  keys: tuple[str, str]) -> None:
    """In ``row``: a kept design's zip (its code and its weights, ``label``) and the way to its
    feature maps; ``keys``: the two buttons' widget keys."""
    common.take_home_button(row, source, name, lang, label=label, key=keys[0])
    if row.button(t("kept.see_maps", lang), key=keys[1], icon=":material/image_search:"):
        open_maps(job_id, lang)


FEATURES = by_prefix("feat")


def maps_view(job_id: str, lang: str) -> tuple[str, dict[str, str]]:
    """The feature-map page's view of job ``job_id``'s kept design: the page's path and its link
    (``arch=kept&kept=<job>``, read by the page's controls as any link is)."""
    return FEATURES.path, {"arch": "kept", "kept": job_id, "lang": lang}


def maps_link(job_id: str, lang: str) -> str:
    """The feature-map page's address for a kept design (opens in a new tab: a new session)."""
    path, params = maps_view(job_id, lang)
    return f"./{path}?{urlencode(params)}"


def open_maps(job_id: str, lang: str) -> None:
    """Go to the feature-map page showing job ``job_id``'s kept design, in this tab: opened as
    any view is opened in place (lecture_mode.open_view), so the page's controls take the link's
    values over those the session remembers; the whole app runs again to open it (the button
    may be in a fragment)."""
    lecture_mode.open_view(*maps_view(job_id, lang))
    st.rerun(scope="app")


def running_view(status: dict[str, Any], lang: str) -> None:
    state = status["state"]
    st.markdown(f"#### {t(f'queue.state.{state}', lang)}")
    p = status.get("progress") or {}
    if p:
        row = st.container(horizontal=True, gap="medium")
        row.metric(t("train.m.step", lang), f"{p['step']:,} / {p['steps']:,}")
        row.metric(t("train.m.loss", lang), f"{p['loss']:.3f}")
        row.metric(t("train.m.acc", lang), f"{p['accuracy']:.1%}")
        row.metric(t("train.m.left", lang), eta_text(p["seconds_left"]) if state == "running" else "–")
    if status.get("curve"):
        live_chart(lesson_charts.training_curve(status["curve"], lang), key="b_curve", static=True)


def line(jobs: list[dict[str, Any]], current: dict[str, Any] | None, lang: str) -> None:
    """Who trains now and who waits, for everyone (nicknames only, as plain text)."""
    busy = current is not None and current.get("state") in q.ACTIVE
    if busy and current is not None:
        common.plain(t("queue.now", lang, who=str(current.get("nickname", ""))))
    if jobs:
        common.plain(t("queue.line", lang, n=len(jobs),
                       who=", ".join(str(j.get("nickname", "")) for j in jobs[:12])
                       + (" …" if len(jobs) > 12 else "")))
    if common.is_teacher() and (jobs or busy):
        teacher_queue(jobs, current if busy else None, lang)


def teacher_queue(jobs: list[dict[str, Any]], current: dict[str, Any] | None, lang: str) -> None:
    """The teacher's view: every job with its student's address, and a way to remove any."""
    st.markdown(f"**{t('queue.by_student', lang)}**")
    listed = ([current] if current is not None else []) + jobs
    st.dataframe(pd.DataFrame([{
        t("board.col.who", lang): str(j.get("nickname", "")),
        t("queue.col.address", lang): str(j.get("owner", "")),
        t("queue.col.design", lang): str(j.get("name", "")),
        t("queue.col.state", lang): t(f"queue.state.{'waiting' if j is not current else 'running'}", lang),
    } for j in listed]), hide_index=True, width="stretch")
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    ids = [str(j["id"]) for j in listed]
    names = {str(j["id"]): f"{j.get('nickname', '')} · {j.get('owner', '')}" for j in listed}
    row.selectbox(t("queue.remove.pick", lang), ids, key="b_remove", format_func=names.__getitem__, width=320)
    row.button(t("queue.remove", lang), on_click=remove, icon=":material/delete:")
    st.button(t("queue.clear", lang), on_click=clear, icon=":material/clear_all:")


def remove() -> None:
    if common.is_teacher() and st.session_state.get("b_remove"):
        q.cancel(str(st.session_state.b_remove))


def new_board() -> None:
    if common.is_teacher():
        q.new_board()


def clear() -> None:
    if common.is_teacher():
        q.clear()


def board(lang: str) -> None:
    st.markdown(f"### {t('board.title', lang)}")
    rows, skipped = q.read_board()
    here = store.design_ids()  # the rows whose weights are kept
    if not rows:
        st.caption(t("board.empty", lang))
    else:
        frame = pd.DataFrame([{
            t("board.col.rank", lang): n + 1,
            t("board.col.who", lang): str(r.get("nickname", "")),
            t("board.col.acc", lang): 100 * r["accuracy"],
            t("metric.params", lang): r.get("params"),
            t("metric.macs", lang): r.get("macs"),
            t("board.col.pictures", lang): r.get("pictures"),
            t("board.col.open", lang): f"./builder?design={r.get('design', '')}",
            t("board.col.maps", lang): maps_link(str(r["id"]), lang) if str(r.get("id")) in here else None,
        } for n, r in enumerate(rows[:200])])
        st.dataframe(frame, hide_index=True, width="stretch", column_config={
            t("board.col.acc", lang): st.column_config.NumberColumn(format="%.1f %%"),
            t("metric.params", lang): st.column_config.NumberColumn(format="localized"),
            t("metric.macs", lang): st.column_config.NumberColumn(format="localized"),
            t("board.col.pictures", lang): st.column_config.NumberColumn(format="localized"),
            t("board.col.open", lang): st.column_config.LinkColumn(display_text=t("board.open", lang)),
            t("board.col.maps", lang): st.column_config.LinkColumn(display_text=t("board.maps", lang)),
        })
        st.caption(t("board.note", lang, budget=number(cost.WORK_BUDGET, lang)))
        board_kept(rows, here, lang)
    if skipped:
        st.caption(t("board.skipped", lang, n=skipped))
    if common.is_teacher():
        st.button(t("board.new", lang), on_click=new_board, icon=":material/restart_alt:",
                  help=t("board.new.help", lang))


def board_kept(rows: list[dict[str, Any]], here: set[str], lang: str) -> None:
    """Any board row whose weights are kept, for anyone: its code and weights in one zip, and
    its feature maps. The list says who as plain text (a selectbox's options are not Markdown)."""
    ranked = {str(r["id"]): (n + 1, r) for n, r in enumerate(rows) if str(r.get("id")) in here}
    if not ranked:
        st.caption(t("board.kept.none", lang))
        return
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    if st.session_state.get("b_board_pick") not in ranked:
        st.session_state["b_board_pick"] = next(iter(ranked))
    job = str(row.selectbox(t("board.kept.pick", lang), list(ranked), key="b_board_pick", width=360,
                            format_func=lambda j: t("kept.option.board", lang, rank=ranked[j][0],
                                                    who=str(ranked[j][1].get("nickname", "")),
                                                    name=str(ranked[j][1].get("name", "")),
                                                    acc=float(ranked[j][1]["accuracy"]))))
    try:
        source = common.opened_kept(job)[0]
    except (CheckpointError, ds.DesignError) as err:
        common.coded_error(err, icon=":material/broken_image:")
        return
    take_home_row(row, job, source, str(ranked[job][1].get("name", "")), lang, label="kept.take_home",
                  keys=("b_board_zip", "b_board_maps"))
