"""Export for slides: every picture and table of one architecture as files, and a whole deck.

Files are made only when a button is clicked (the download buttons take callables), so the
page itself stays instant.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common
from models import get_entry, list_models
from visualizer import charts
from visualizer.diagram import DETAILS
from visualizer.export import THEMES, WIDTHS, MissingTool, SlideStyle, chart_image, export, file_name
from visualizer.i18n import t
from visualizer.records import TraceResult
from visualizer.state import ChoiceParam, IntParam
from visualizer.trace import MAX_SIDE, ShapeError

PAGE = "exp"
SPECS: common.Specs = {
    "arch": ChoiceParam(tuple(list_models()), "alexnet"),
    "size": IntParam(1, MAX_SIDE, 224),
    "width": ChoiceParam(WIDTHS, 1920),
    "theme": ChoiceParam(THEMES, "light"),
    "font": IntParam(8, 48, 14),
    "detail": ChoiceParam(DETAILS, "overview"),
}


def downloads(result: TraceResult, lang: str, style: SlideStyle) -> None:
    cols = st.columns(4)
    with cols[0]:
        st.markdown(f"**{t('export.diagram', lang)}**")
        for fmt in ("svg", "png", "pdf", "dot"):
            common.download(t("export.button", lang, what=t("export.diagram", lang), fmt=fmt.upper()),
                   lambda fmt=fmt: export(result, fmt, lang, style),
                   file_name(result, "diagram", fmt), fmt, f"exp_diagram_{fmt}")
    with cols[1]:
        st.markdown(f"**{t('export.charts', lang)}**")
        for what, make_fig in (("flow", charts.shape_flow), ("cost", charts.cost_bars)):
            for fmt in ("svg", "png"):
                common.download(t("export.button", lang, what=t(f"export.{what}", lang), fmt=fmt.upper()),
                       lambda fmt=fmt, make_fig=make_fig: chart_image(make_fig(result, lang), fmt, style),
                       file_name(result, what, fmt), fmt, f"exp_{what}_{fmt}")
    with cols[2]:
        st.markdown(f"**{t('export.table', lang)}**")
        for fmt in ("csv", "md"):
            common.download(t("export.button", lang, what=t("export.table", lang), fmt=fmt.upper()),
                   lambda fmt=fmt: export(result, fmt, lang, style),
                   file_name(result, "layers", fmt), fmt, f"exp_table_{fmt}")
    with cols[3]:
        st.markdown(f"**{t('export.deck', lang)}**")
        common.download(t("export.button", lang, what=t("export.deck", lang), fmt="PPTX"),
               lambda: export(result, "pptx", lang, style), file_name(result, "deck", "pptx"), "pptx",
               "exp_deck")
        st.caption(t("export.deck.help", lang))


def render() -> None:
    lang = common.header(PAGE, SPECS, prefix="export")
    c = st.columns([3, 2, 3])
    c[0].selectbox(t("side.arch", lang), list_models(), key=f"{PAGE}_arch",
                   format_func=lambda n: t("arch.option", lang, title=t(f"arch.{n}", lang),
                                           year=get_entry(n).year))
    c[1].number_input(t("side.size", lang), 1, MAX_SIDE, key=f"{PAGE}_size")
    c[2].segmented_control(t("export.width", lang), WIDTHS, key=f"{PAGE}_width", required=True,
                           format_func=lambda w: t(f"export.width.{w}", lang))
    c = st.columns([3, 2, 3])
    c[0].segmented_control(t("export.theme", lang), THEMES, key=f"{PAGE}_theme", required=True,
                           format_func=lambda th: t(f"export.theme.{th}", lang))
    c[1].slider(t("export.font", lang), 8, 48, key=f"{PAGE}_font")
    c[2].selectbox(t("export.detail", lang), DETAILS, key=f"{PAGE}_detail",
                   format_func=lambda d: t(f"diagram.detail.{d}", lang))
    landscape = st.toggle(t("export.landscape", lang), value=True, key=f"{PAGE}_landscape")
    style = SlideStyle(width=st.session_state[f"{PAGE}_width"], theme=st.session_state[f"{PAGE}_theme"],
                       font_floor=st.session_state[f"{PAGE}_font"], landscape=landscape,
                       detail=st.session_state[f"{PAGE}_detail"])
    try:
        result = common.cached_trace(st.session_state[f"{PAGE}_arch"], int(st.session_state[f"{PAGE}_size"]))
    except ShapeError as err:
        common.shape_error(err)
        common.link(PAGE, SPECS)
        return
    downloads(result, lang, style)
    st.subheader(t("export.preview", lang))
    try:
        st.image(export(result, "png", lang, style), width="stretch")
    except MissingTool as err:
        st.warning(t(f"export.missing.{err.tool}", lang), icon=":material/build:")
    common.link(PAGE, SPECS)


render()
