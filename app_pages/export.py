"""Export for slides: every picture and table of one architecture as files, and a whole deck.

Files are made only when a button is clicked (the download buttons take callables), so the
page itself stays instant.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages import common
from app_pages.controls import Controls
from app_pages.diagram_view import diagram
from models import get_entry, list_models
from visualizer import charts
from visualizer.diagram import DETAILS
from visualizer.export import (
    PNG_MAX_PX,
    SLIDE_BOX_PX,
    SLIDE_TEXT_MIN,
    THEMES,
    WIDTHS,
    ExportProblem,
    SlideDiagram,
    SlideStyle,
    TooTall,
    export,
    file_name,
    pieces,
    png_height,
    slide_diagram,
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


def _px(v: float | None) -> str:
    """Text size in pixels as said to the teacher: 0.4 px, not 0 px; 19 px, not 19.4 px."""
    return "?" if v is None else f"{v:.1f}" if v < 10 else f"{v:.0f}"


@st.cache_resource(max_entries=64, show_spinner=False)
def _drawn(arch: str, size: int, lang: str, width: int, theme: str, font: int, landscape: bool,
           detail: str) -> SlideDiagram:
    """The diagram as the slides draw it, once per setting for every student (bounded: 64)."""
    style = SlideStyle(width=width, theme=theme, font_floor=font, landscape=landscape, detail=detail)
    return slide_diagram(common.cached_trace(arch, size), lang, style)


def downloads(result: TraceResult, lang: str, style: SlideStyle, one_png: bool = True) -> None:
    """Every file's button; ``one_png`` False: the diagram is too tall for one PNG, and its
    slide-sized PNGs (ZIP) stand in its place."""
    cols = st.columns(4)
    with cols[0]:
        st.markdown(f"**{t('export.diagram', lang)}**")
        for fmt in ("svg", "png", "zip", "pdf", "dot"):
            if fmt == "png" and not one_png:
                continue
            kind = t("export.zip", lang) if fmt == "zip" else fmt.upper()
            common.download(t("export.button", lang, what=t("export.diagram", lang), fmt=kind),
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
    try:
        drawn = _drawn(arch, size, lang, width, theme, font, landscape, detail)
    except ExportProblem as err:  # no dot, or dot failed: the table and the DOT source still work
        downloads(result, lang, style)
        st.subheader(t("export.preview", lang))
        common.coded_error(err, ":material/build:", warn=True)
        STATE.link()
        return
    parts = pieces(drawn.svg, *SLIDE_BOX_PX)
    png_px = png_height(drawn.svg, width)
    downloads(result, lang, style, one_png=png_px <= PNG_MAX_PX)
    st.subheader(t("export.preview", lang))
    px = drawn.px
    if drawn.turned is not None:  # drawn top to bottom, since left to right it would not read
        st.info(t("export.turned", lang, before=_px(drawn.turned), least=SLIDE_TEXT_MIN,
                  px=_px(px), landscape=t("export.landscape", lang)),
                icon=":material/swap_vert:")
    elif px is not None and px < SLIDE_TEXT_MIN:  # said before the picture, with the ways out
        st.warning(t("export.small", lang, px=_px(px), least=SLIDE_TEXT_MIN,
                     closed=t("diagram.detail.overview", lang), landscape=t("export.landscape", lang)),
                   icon=":material/text_decrease:")
    if png_px > PNG_MAX_PX:
        common.coded_error(TooTall("png", px=png_px, slides=len(parts.bands)), ":material/height:", warn=True)
    if len(parts.bands) > 1:
        st.caption(t("export.slides", lang, n=len(parts.bands), px=_px(parts.text_px)))
    # The SVG the files are made from, at a size whose text reads on this screen (a phone's
    # too: it scrolls sideways rather than shrinking to specks, as the PNG preview did).
    diagram(drawn.dot, "exp_preview", svg=drawn.svg)
    STATE.link()


render()
