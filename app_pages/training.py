"""Training, live: the teacher starts a run on Fashion-MNIST and every student watches it.

The run is a separate process (``visualizer.runs``) at low priority; this page only starts it,
asks it to stop, and reads its status file every two seconds: the curves, the first layer's
filters and twenty test pictures whose guessed labels turn from wrong to right. Besides the four
lecture networks, the teacher can train a pair of the ResNet paper's Figure 1 (a plain network,
then its residual twin) and the ResNet lesson redraws the figure from them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from app_pages import common, lecture_mode, projector
from app_pages.controls import Controls
from app_pages.live_chart import live_chart
from visualizer import lesson_charts
from visualizer.data import DataError, Split, load_split
from visualizer.i18n import t
from visualizer.images import filter_sheet, gray_picture
from visualizer.runs import RunError, read_status, request_stop, start_run
from visualizer.state import ChoiceParam
from visualizer.train import (
    FIGURE1_ARCHS,
    FIGURE1_MINUTES,
    FIGURE1_PAIRS,
    LECTURE_ARCHS,
    RECIPES,
    eta_text,
)
from visualizer.training.store import read_meta

SEEN_KEY = "train_seen_state"  # the run state this student last saw
CHOICES = (*LECTURE_ARCHS, *FIGURE1_PAIRS)
STATE = Controls("train", {"arch": ChoiceParam(CHOICES, "resnet18")})
ACTIVE = ("starting", "loading", "running", "evaluating")


@st.cache_resource(max_entries=1, show_spinner=False)
def test_set() -> Split:
    """The 10,000 test pictures, read once for every student (7.8 MB)."""
    return load_split("test")


def controls(status: dict[str, Any], lang: str) -> None:
    """The network to train and, for the teacher, the start and stop buttons (a student is told
    that the teacher starts runs and that they appear here)."""
    c = st.columns([2, 3])
    # While a run is under way the picker and the recipe describe it, not the next choice.
    running = status.get("arch") if status.get("state") in ACTIVE else None
    shown = next((p for p, pair in FIGURE1_PAIRS.items() if running in pair), running)
    if shown in CHOICES:
        STATE.set("arch", shown)
    choice = STATE.choice("arch", t("train.arch", lang), widget="select", where=c[0],
                          disabled=shown in CHOICES,
                          format_func=lambda n: t(f"train.{n}" if n in FIGURE1_PAIRS else f"arch.{n}", lang))
    archs = FIGURE1_PAIRS.get(choice, (choice,))
    r = RECIPES[running if running in RECIPES else archs[0]]
    c[1].markdown(t("train.recipe", lang, size=r.input_size, epochs=r.epochs, batch=r.batch_size,
                    optimizer=r.optimizer.upper() if r.optimizer == "sgd" else "AdamW", lr=r.lr))
    if choice in FIGURE1_PAIRS:
        c[1].caption(t("train.pair.note", lang, minutes=FIGURE1_MINUTES[choice]))
    if not common.is_teacher():  # a student watches: no button that only the teacher may press
        st.caption(t("train.who.student", lang))  # as the teacher's own line (train.who)
        return
    b = st.columns([1, 1, 3], vertical_alignment="center")
    if b[0].button(t("train.start", lang), type="primary", icon=":material/play_arrow:",
                   disabled=status.get("state") in ACTIVE):
        if not common.is_teacher():  # signed out since the page was drawn
            st.info(t("train.teacher_only", lang), icon=":material/school:")
        else:
            try:
                start_run(archs)  # writes "starting" before it returns: the page shows it at once
            except RunError as err:
                common.coded_error(err)
    if status.get("state") in ACTIVE and b[1].button(t("train.stop", lang), icon=":material/stop:"):
        if common.is_teacher():
            request_stop()
        else:
            st.info(t("train.teacher_only", lang), icon=":material/school:")
    b[2].caption(t("train.who", lang))


def probe_grid(status: dict[str, Any], lang: str) -> None:
    """The test pictures with the network's guess under each: ✓ and the label when right,
    ✗, the guess and the answer when wrong (never colour alone). One element for all twenty."""
    data = test_set()
    guesses = (status.get("progress") or {}).get("probe") or []
    pics, captions = [], []
    for n, (i, label) in enumerate(zip(status["probe_index"], status["probe_labels"], strict=True)):
        pics.append(gray_picture(data.images[i], side=84))
        guess = guesses[n] if n < len(guesses) else None
        if guess is None:
            captions.append(t("train.probe.wait", lang))
        elif guess == label:
            captions.append(f"✓ {t(f'fashion.{label}', lang)}")
        else:
            captions.append(t("train.probe.wrong", lang, guess=t(f"fashion.{guess}", lang),
                              answer=t(f"fashion.{label}", lang)))
    right = sum(1 for n, g in enumerate(guesses) if g == status["probe_labels"][n])
    st.markdown(f"**{t('train.probe.title', lang, right=right, total=len(pics))}**")
    st.image(pics, caption=captions, width=110)


def live(lang: str) -> None:
    """What a run is doing now: state, figures, curves, filters, the test pictures."""
    status = read_status()
    if status is None:
        st.info(t("train.none", lang), icon=":material/model_training:")
        return
    state = status.get("state", "lost")
    if state != st.session_state.get(SEEN_KEY, state):
        st.rerun()  # a run started or ended: the controls and the saved table change too
    name = t(f"arch.{status['arch']}", lang)
    p = status.get("progress") or {}
    st.markdown(f"#### {t(f'train.state.{state}', lang, arch=name)}")
    if state == "failed":
        code = str(status.get("error", "run.save_failed"))
        st.error(t(code, lang, **status.get("values", {})), icon=":material/error:")
    if p:
        # Two rows of three: six columns cut "469 / 469" to "469 / …" at 1440 px.
        m = [*st.columns(3), *st.columns(3)]
        m[0].metric(t("train.m.step", lang), f"{p['step']:,} / {p['steps']:,}")
        m[1].metric(t("train.m.epoch", lang), f"{p['epoch']:.2f}")
        m[2].metric(t("train.m.loss", lang), f"{p['loss']:.3f}")
        m[3].metric(t("train.m.acc", lang), f"{p['accuracy']:.1%}")
        m[4].metric(t("train.m.speed", lang), f"{p['examples_per_second']:,.0f}")
        # Time left only while it runs: a stopped or lost run has none, rather than 0:00.
        m[5].metric(t("train.m.left", lang), eta_text(p["seconds_left"]) if state == "running" else "–")
    if state == "done":
        st.success(t("train.done", lang, arch=name, acc=status["test_accuracy"],
                     n=int(status.get("test_images", 10_000)), minutes=status["seconds"] / 60),
                   icon=":material/check_circle:")
    if not status.get("curve"):
        return
    left_col, right_col = st.columns([3, 2])
    with left_col:
        live_chart(lesson_charts.training_curve(status["curve"], lang), key="train_curve", static=True)
    with right_col:
        filters = np.asarray(status.get("filters") or [])
        if filters.ndim == 3 and len(filters):
            k = filters.shape[-1]
            st.markdown(f"**{t('train.filters', lang, n=len(filters), k=k)}**")
            st.image(filter_sheet(filters), width="stretch")
            st.caption(t("train.filters.note", lang))
    try:
        probe_grid(status, lang)
    except DataError as err:
        common.coded_error(err)


def finished(lang: str) -> None:
    """The checkpoints this machine has, as ``make weights`` and this page save them."""
    rows = []
    for arch in (*LECTURE_ARCHS, *FIGURE1_ARCHS):
        meta = read_meta(arch)
        rows.append({
            t("train.col.arch", lang): t(f"arch.{arch}", lang),
            t("train.col.acc", lang): f"{meta['test_accuracy']:.2%}" if meta else "-",
            t("train.col.size", lang): f"{meta['input_size']} px" if meta else "-",
            t("train.col.epochs", lang): f"{meta['epochs']:g}" if meta else "-",
            t("train.col.minutes", lang): f"{meta['seconds'] / 60:.1f}" if meta else "-",
            t("train.col.date", lang): str(meta["date"])[:16].replace("T", " ") if meta else "-",
        })
    if not projector.presenting():  # on a slide, the table is in the speaker notes
        st.markdown(f"### {t('train.saved', lang)}")
    lecture_mode.note_table(pd.DataFrame(rows), hide_index=True, width="stretch")
    lecture_mode.note(t("train.saved.note", lang), small=True)


def render() -> None:
    lang = common.header(STATE)
    status = read_status() or {}
    controls(status, lang)
    st.session_state[SEEN_KEY] = status.get("state", "lost")
    every = 2.0 if status.get("state") in ACTIVE else 5.0
    st.fragment(run_every=every)(live)(lang)
    finished(lang)
    STATE.link()


render()
