"""Export for slides: every picture and table of one architecture as files, and a whole deck.

Files are made only when a button is clicked (the download buttons take callables), so the
page itself stays instant.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages import common
from app_pages.controls import Controls
from models import get_entry, list_models
from visualizer import charts
from visualizer.diagram import DETAILS
from visualizer.export import (
    SLIDE_TEXT_MIN,
    THEMES,
    WIDTHS,
    MissingTool,
    SlideStyle,
    export,
    file_name,
    preview,
)
from visualizer.i18n import t
from visualizer.records import TraceResult
from visualizer.state import ChoiceParam, IntParam
from visualizer.trace import MAX_SIDE, ShapeError

STATE = Controls("exp", {
    "arch": ChoiceParam(tuple(list_models()), "alexnet", problem="url.bad_arch"),
    "size": IntParam(1, MAX_SIDE, 224),
    "width": ChoiceParam(WIDTHS, 1920),
    "theme": ChoiceParam(THEMES, "light"),
    "font": IntParam(8, 48, 14),
    "detail": ChoiceParam(DETAILS, "overview"),
})


def downloads(result: TraceResult, lang: str, style: SlideStyle) -> None:
    cols = st.columns(4)
    with cols[0]:
        st.markdown(f"**{t('export.diagram', lang)}**")
        for fmt in ("svg", "png", "pdf", "dot"):
            common.download(t("export.button", lang, what=t("export.diagram", lang), fmt=fmt.upper()),
                   partial(export, result, fmt, lang, style),
                   file_name(result, "diagram", fmt), fmt, f"exp_diagram_{fmt}")
    with cols[1]:
        st.markdown(f"**{t('export.charts', lang)}**")
        for what, make_fig in (("flow", charts.shape_flow), ("cost", charts.cost_bars)):
            for fmt in ("svg", "png"):
                common.download(t("export.button", lang, what=t(f"export.{what}", lang), fmt=fmt.upper()),
                       common.chart_file(partial(make_fig, result, lang), fmt, style),
                       file_name(result, what, fmt), fmt, f"exp_{what}_{fmt}")
    with cols[2]:
        st.markdown(f"**{t('export.table', lang)}**")
        for fmt in ("csv", "md"):
            common.download(t("export.button", lang, what=t("export.table", lang), fmt=fmt.upper()),
                   partial(export, result, fmt, lang, style),
                   file_name(result, "layers", fmt), fmt, f"exp_table_{fmt}")
    with cols[3]:
        st.markdown(f"**{t('export.deck', lang)}**")
        common.download(t("export.button", lang, what=t("export.deck", lang), fmt="PPTX"),
               partial(export, result, "pptx", lang, style), file_name(result, "deck", "pptx"), "pptx",
               "exp_deck")
        st.caption(t("export.deck.help", lang))


def render() -> None:
    lang = common.header(STATE, prefix="export")
    c = st.columns([3, 2, 3])
    arch = STATE.choice("arch", t("side.arch", lang), widget="select", where=c[0],
                        format_func=lambda n: t("arch.option", lang, title=t(f"arch.{n}", lang),
                                                year=get_entry(n).year))
    size = STATE.number("size", t("side.size", lang), where=c[1])
    width = STATE.choice("width", t("export.width", lang), where=c[2],
                         format_func=lambda w: t(f"export.width.{w}", lang))
    c = st.columns([3, 2, 3])
    theme = STATE.choice("theme", t("export.theme", lang), where=c[0],
                         format_func=lambda th: t(f"export.theme.{th}", lang))
    font = STATE.slider("font", t("export.font", lang), where=c[1])
    detail = STATE.choice("detail", t("export.detail", lang), widget="select", where=c[2],
                          format_func=lambda d: t(f"diagram.detail.{d}", lang))
    landscape = st.toggle(t("export.landscape", lang), value=True, key="exp_landscape")
    style = SlideStyle(width=width, theme=theme, font_floor=font, landscape=landscape, detail=detail)
    try:
        result = common.cached_trace(arch, size)
    except ShapeError as err:
        common.shape_error(err)
        STATE.link()
        return
    downloads(result, lang, style)
    st.subheader(t("export.preview", lang))
    try:
        png, px = preview(result, lang, style)
        if px is not None and px < SLIDE_TEXT_MIN:  # said before the picture, with the ways out
            st.warning(t("export.small", lang, px=f"{px:.0f}", least=SLIDE_TEXT_MIN,
                         closed=t("diagram.detail.overview", lang), landscape=t("export.landscape", lang)),
                       icon=":material/text_decrease:")
        st.image(png, width="stretch")
    except MissingTool as err:
        common.coded_error(err, ":material/build:", warn=True)
    STATE.link()


render()
