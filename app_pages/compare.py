"""Compare: every architecture in one table and one bubble chart, at the chosen input size."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common, lecture_mode, projector
from app_pages.controls import Controls
from app_pages.live_chart import live_chart
from models import get_entry, list_models
from models.published import IMAGENET_TOP1, TORCHVISION_DOCS
from visualizer import lesson_charts
from visualizer.i18n import t
from visualizer.records import TraceResult
from visualizer.state import IntParam
from visualizer.trace import ShapeError

STATE = Controls("cmp", {"size": IntParam(32, 1024, 224)})


def _trace(name: str, size: int) -> TraceResult | ShapeError:
    try:
        return common.cached_trace(name, size)
    except ShapeError as err:
        return err


def render() -> None:
    lang = common.lang()
    problems = STATE.start()
    st.title(t("cmp.title", lang))
    lecture_mode.note(t("cmp.intro", lang, docs=TORCHVISION_DOCS))  # on a slide, in the notes
    common.show_problems(problems)
    size = STATE.slider("size", t("cmp.size", lang))
    rows: list[dict[str, float | str]] = []  # the bubbles: the networks with a published top-1
    table: list[dict[str, object]] = []
    failed: list[tuple[str, ShapeError]] = []  # the networks that do not run at this size, and why
    # The first visit traces every network (~7 s on a fresh server): it says so meanwhile.
    with st.spinner(t("wait.compare", lang, size=size)):
        traced = {name: _trace(name, size) for name in list_models() if get_entry(name).takes_images}
    for name in list_models():
        entry = get_entry(name)
        if not entry.takes_images:
            continue
        result = traced[name]
        if isinstance(result, ShapeError):
            failed.append((t(f"arch.{name}", lang), result))
            continue
        top1 = IMAGENET_TOP1.get(name)
        if top1 is not None:
            rows.append({"name": t(f"arch.{name}", lang), "short": t(f"arch.{name}", lang).split(" · ")[0],
                         "family": entry.family, "params": result.total_params,
                         "macs": result.total_macs, "top1": top1})
        table.append({t("col.model", lang): t(f"arch.{name}", lang), t("cmp.col.year", lang): entry.year,
                      t("metric.depth", lang): result.weighted_depth,
                      t("col.params", lang): result.total_params, t("col.macs", lang): result.total_macs,
                      t("cmp.col.top1", lang): top1})
    # On a slide the chart is the picture, fitted to the screen, and the table goes to the
    # speaker notes with the intro, as on every slide: under the table the chart was left the
    # room below 14 rows (200 px at 1920x1080, its names on each other).
    slide = projector.presenting()
    if rows and slide:
        # its names are placed for a slide's plot (lesson_charts.SLIDE_PLOT: 260 px tall in a
        # 500 px chart); much shorter, they run into each other (at 1366x768 the room is ~480 px)
        live_chart(lesson_charts.accuracy_bubbles(rows, lang, slide=True), key="cmp_bubbles",
                   slide_min=500)
    frame = pd.DataFrame(table)
    # Every column fitted, the year's too, and the accuracy's header short (ImageNet is in its
    # tooltip and the introduction): the table fits a 1366 px laptop's page beside the sidebar
    # (it was 60 px wider, its last column, the accuracy, faded out at the right edge).
    year, accuracy = t("cmp.col.year", lang), t("cmp.col.top1", lang)
    columns = common.fitted_columns(frame, (t("col.params", lang), t("col.macs", lang)))
    columns[year] = st.column_config.NumberColumn(format="%d", width=columns[year]["width"])
    columns[accuracy] = st.column_config.NumberColumn(width=columns[accuracy]["width"],
                                                      help=t("cmp.col.top1.help", lang))
    # As tall as its rows: a height worked out for 36 px rows cut its last row short (the grid
    # draws them 37 px tall here: 20 rows, 12 px short)
    lecture_mode.note_table(frame, hide_index=True, placeholder="", height="content",
                            column_config=columns)
    # Under the table, in words: as a row, its empty cells said nothing, and the reason sat in a
    # last column off the screen's right edge.
    for model, err in failed:  # on a slide, in the notes with the table
        lecture_mode.note(f"**{t('cmp.col.fails', lang)}: {model}** · {err.message(lang, markdown=True)}",
                          small=True)
    if rows and not slide:
        live_chart(lesson_charts.accuracy_bubbles(rows, lang), key="cmp_bubbles")
    STATE.link()


render()
