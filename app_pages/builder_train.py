"""The builder's "Train it" section and the class board (the queue itself: visualizer/queue.py).

A student presses Train: the design joins the class's queue; the student sees their place,
then their run live, then the test accuracy. The board lists every result, best first, each
with a link that opens its design. The teacher can empty the queue and start a new contest.
"""

from __future__ import annotations

import contextlib
import secrets
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.live_chart import live_chart
from visualizer import design as ds
from visualizer import lesson_charts
from visualizer import queue as q
from visualizer.i18n import number, t
from visualizer.records import TraceResult
from visualizer.state import shown
from visualizer.train import eta_text

JOB = "b_job"  # this student's job id
OWNER = "b_owner"  # this browser session, as the queue knows it
SEEN = "b_job_seen"  # (job, state) this student last saw ended


def section(d: ds.Design, result: TraceResult | None, lang: str) -> None:
    st.markdown(f"### {t('queue.title', lang)}")
    st.caption(t("queue.rules", lang, seconds=int(q.BUDGET_SECONDS), macs=number(q.TRAIN_MACS, lang)))
    st.session_state.setdefault(OWNER, secrets.token_hex(8))
    jobs = q.waiting()
    if jobs:  # a server restart leaves jobs waiting: the next visitor starts them again (an
        with contextlib.suppress(OSError):  # unwritable cache folder is said when Train is pressed)
            q.ensure_worker()
    submit_row(d, result, lang)
    # Every 2 s while anything trains or waits (the student's place and curve move), else
    # every 10 s: forty idle students cost the server little.
    job = st.session_state.get(JOB)
    busy = bool(jobs) or (q.running() or {}).get("state") in q.ACTIVE or (job and q.outcome(job) is None)
    st.fragment(run_every=2.0 if busy else 10.0)(live)(lang)
    board(lang)


def submit_row(d: ds.Design, result: TraceResult | None, lang: str) -> None:
    problem = None
    if result is None:
        problem = t("queue.fix_first", lang)
    else:
        try:
            q.trainable(d, result.total_macs, result.output_shape)
        except q.QueueError as err:
            problem = t(f"queue.{err.code}", lang, **err.values)
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    row.text_input(t("queue.nickname", lang), key="b_nickname", max_chars=30, width=260,
                   placeholder=t("queue.nickname.placeholder", lang))
    if row.button(t("queue.train", lang), type="primary", icon=":material/model_training:",
                  disabled=problem is not None) and result is not None:
        nickname = "".join(ch for ch in st.session_state.get("b_nickname", "") if ch.isprintable()).strip()
        try:
            st.session_state[JOB] = q.submit(d, owner=st.session_state[OWNER],
                                             nickname=nickname or t("queue.anonymous", lang),
                                             params=result.total_params, macs=result.total_macs)
        except q.QueueError as err:
            st.warning(t(f"queue.{err.code}", lang, **err.values), icon=":material/hourglass:")
        except OSError as exc:
            st.error(t("run.unwritable", lang, folder=str(q.queue_dir()), why=exc.strerror or str(exc)))
    if problem is not None:
        st.info(problem, icon=":material/info:")


def live(lang: str) -> None:
    """This student's job (place in line, live curve, result) and the line itself."""
    jobs = q.waiting()
    current = q.running()
    job_id = st.session_state.get(JOB)
    if job_id:
        mine(job_id, jobs, current, lang)
    line(jobs, current, lang)


def mine(job_id: str, jobs: list[dict[str, Any]], current: dict[str, Any] | None, lang: str) -> None:
    place = next((n for n, j in enumerate(jobs) if j["id"] == job_id), None)
    busy = current is not None and current.get("state") in q.ACTIVE
    if place is not None:
        ahead = place + (1 if busy else 0)
        minutes = max(1, round(ahead * (q.BUDGET_SECONDS + 20) / 60))  # 20 s: loading and the test
        st.info(t("queue.place", lang, n=place + 1, ahead=ahead, minutes=minutes),
                icon=":material/hourglass_top:")
        st.button(t("queue.cancel", lang), on_click=q.cancel, args=(job_id,), icon=":material/close:")
        return
    if current is not None and current.get("id") == job_id and current.get("state") in q.ACTIVE:
        running_view(current, lang)
        st.button(t("queue.cancel", lang), on_click=q.cancel, args=(job_id,), icon=":material/close:")
        return
    ended = q.outcome(job_id)
    if ended is None:
        return
    state = ended.get("state")
    if st.session_state.get(SEEN) != (job_id, state):  # it has just ended: the board is new too
        st.session_state[SEEN] = (job_id, state)
        st.rerun(scope="app")
    if state == "done":
        st.success(t("queue.done", lang, acc=ended["accuracy"], n=ended["test_images"], steps=ended["steps"],
                     seconds=ended["seconds"]), icon=":material/emoji_events:")
        if ended.get("curve"):
            live_chart(lesson_charts.training_curve(ended["curve"], lang), key="b_curve", static=True)
    elif state == "failed":
        st.error(t(str(ended.get("error", "queue.crashed")), lang,
                   **{k: shown(str(v)) for k, v in (ended.get("values") or {}).items()}),
                 icon=":material/error:")
    else:
        st.info(t(f"queue.state.{state}", lang), icon=":material/info:")


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
    """Who trains now and who waits, for everyone (nicknames only)."""
    busy = current is not None and current.get("state") in q.ACTIVE
    if busy and current is not None:
        st.caption(t("queue.now", lang, who=shown(str(current.get("nickname", "")))))
    if jobs:
        st.caption(t("queue.line", lang, n=len(jobs),
                     who=", ".join(shown(str(j.get("nickname", ""))) for j in jobs[:12])
                     + (" …" if len(jobs) > 12 else "")))
    if common.is_teacher() and (jobs or busy):
        st.button(t("queue.clear", lang), on_click=q.clear, icon=":material/clear_all:")


def board(lang: str) -> None:
    st.markdown(f"### {t('board.title', lang)}")
    rows = q.board()
    if not rows:
        st.caption(t("board.empty", lang))
    else:
        frame = pd.DataFrame([{
            t("board.col.rank", lang): n + 1,
            t("board.col.who", lang): r.get("nickname", ""),
            t("board.col.acc", lang): 100 * r["accuracy"],
            t("metric.params", lang): r.get("params"),
            t("metric.macs", lang): r.get("macs"),
            t("board.col.steps", lang): r.get("steps"),
            t("board.col.open", lang): f"./builder?design={r.get('design', '')}",
        } for n, r in enumerate(rows[:200])])
        st.dataframe(frame, hide_index=True, width="stretch", column_config={
            t("board.col.acc", lang): st.column_config.NumberColumn(format="%.1f %%"),
            t("metric.params", lang): st.column_config.NumberColumn(format="localized"),
            t("metric.macs", lang): st.column_config.NumberColumn(format="localized"),
            t("board.col.open", lang): st.column_config.LinkColumn(display_text=t("board.open", lang)),
        })
        st.caption(t("board.note", lang))
    if common.is_teacher():
        st.button(t("board.new", lang), on_click=q.new_board, icon=":material/restart_alt:",
                  help=t("board.new.help", lang))
