"""Lesson: DenseNet, concatenate, grow, compress.

Five tabs: the channel ledger with sliders for k, layers per block and theta; one dense layer
and one transition drawn; addition vs concatenation on the same input; the lecture's
three-block DenseNet-BC; which earlier features the trained DenseNet-121 reads (Figure 5 of the
paper, from app_pages/measured.py).
"""

from __future__ import annotations

import streamlit as st

from app_pages import common, lecture_mode, measured, notebook_tab, projector
from app_pages.controls import Controls
from app_pages.diagram_legend import legend
from app_pages.diagram_view import diagram
from app_pages.live_chart import live_chart
from models import ConfigError, get_entry
from visualizer import lesson_charts
from visualizer.diagram import DiagramOptions, to_dot
from visualizer.i18n import shape_text, t
from visualizer.lessons import add_vs_concat
from visualizer.state import ChoiceParam, IntParam
from visualizer.structure import dense_ledger, growth_rate
from visualizer.trace import ShapeError

BASES = ("densenet121", "densenet_bc_100")
MAX_BLOCKS = 4
STATE = Controls("dense", {
    "base": ChoiceParam(BASES, "densenet121"),
    "k": IntParam(1, 64, 32),
    "theta": IntParam(10, 100, 50),  # percent, so that a link stays a whole number
    **{f"b{i}": IntParam(1, 48, d) for i, d in enumerate((6, 12, 24, 16), start=1)},
    "c": IntParam(1, 512, 64),
    "g": IntParam(1, 64, 32),
    # On a slide, the parts tab shows one part a step (a dense layer, then a transition): side
    # by side, the two diagrams do not fit a projector's width at a readable size.
    "step": IntParam(0, 1, 0),
})


def on_base() -> None:
    """A new base network brings its own defaults for k and the block sizes."""
    defaults = get_entry(STATE["base"]).defaults()
    STATE.set("k", defaults["growth_rate"])
    STATE.set("theta", round(100 * defaults["compression"]))
    for i, n in enumerate(defaults["block_config"], start=1):
        STATE.set(f"b{i}", n)


def ledger_tab(lang: str) -> None:
    base = STATE.choice("base", t("dense.base", lang), on_change=on_base,
                        format_func=lambda n: t(f"arch.{n}", lang))
    blocks = len(get_entry(base).defaults()["block_config"])
    c = st.columns(2 + blocks)
    k = STATE.slider("k", t("dense.k", lang), where=c[0])
    theta = STATE.slider("theta", t("dense.theta", lang), where=c[1], format="%d%%")
    sizes = tuple(STATE.slider(f"b{i}", t("dense.blocks", lang, i=i), where=c[1 + i])
                  for i in range(1, blocks + 1))
    config = (("block_config", sizes), ("compression", theta / 100), ("growth_rate", k))
    try:
        result = common.cached_trace(base, get_entry(base).default_input[1], config)
    except ShapeError as err:
        common.shape_error(err)
        return
    except ConfigError as err:  # more layers than the zoo builds
        common.config_error(err)
        return
    rows = dense_ledger(result)
    grown = growth_rate(result)  # k read off the trace (the slider's, if the network is built right)
    # on a slide the tab's name is the title: at 1366x768 the title's room left the line so flat
    # that its numbers ran into each other and into the axis
    live_chart(lesson_charts.ledger_line(rows, lang, grown), key="dense_ledger", slide_min=300,
               slide_title=False)
    k0 = rows[0][1]
    first_block = sizes[0]
    st.caption(t("dense.ledger_rule", lang, k0=k0, l=first_block, k=grown, total=rows[first_block][1]))


def parts_tab(lang: str) -> None:
    result = common.cached_trace("densenet121", 224)
    layer = result.find("denseblock1.denselayer1")
    transition = result.find("transition1")
    k = growth_rate(result) or 0
    if projector.presenting():
        common.lesson_step(STATE["step"], 1)
        left, right = (st.container(), None) if STATE["step"] == 0 else (None, st.container())
    else:
        left, right = st.columns(2)
    if left is not None:
        with left:
            st.markdown(t("dense.parts.layer", lang, four_k=4 * k, k=k))
            # on a slide its concatenation is lit: the diagram, taller than the slide, opens on it
            cat = next(r.name for r in result.records if r.kind == "cat" and r.parent == layer.name)
            dot = to_dot(result, DiagramOptions(detail="overview", lang=lang, opened=frozenset({layer.name}),
                                                highlight=cat if projector.presenting() else None))
            diagram(dot, key="dense_layer_diagram")
            legend(dot, lang)  # C = 연결
    if right is None:
        return
    with right:
        _, cin, h, _ = transition.input_shapes[0]
        st.markdown(t("dense.parts.transition", lang, cin=cin, cout=transition.channels, h=h,
                      h2=transition.output_shape[2]))
        # on a slide its pooling (where the map halves) is lit, and the diagram opens on it
        pool = next(r.name for r in result.records if r.kind.endswith("pool") and r.parent == transition.name)
        diagram(to_dot(result, DiagramOptions(detail="overview", lang=lang,
                                              opened=frozenset({transition.name}),
                                              highlight=pool if projector.presenting() else None)),
                key="dense_transition_diagram")


def add_cat_tab(lang: str) -> None:
    c = st.columns(2)
    channels = STATE.slider("c", t("dense.channels", lang), where=c[0])
    growth = STATE.slider("g", t("dense.k", lang), where=c[1])
    added, concatenated = add_vs_concat(channels, growth, size=56)
    x = shape_text(added.input_shape)
    left, right = st.columns(2)
    with left:
        new = added.find("residual_block").output_shape
        st.subheader(t("dense.add_result", lang, a=x, b=shape_text(new), out=shape_text(added.output_shape)))
        # on a slide the merge is lit, and a diagram taller than the slide opens on it
        lit = projector.presenting()
        dot = to_dot(added, DiagramOptions(detail="layers", lang=lang, highlight="add" if lit else None))
        diagram(dot, key="dense_add_diagram")
        legend(dot, lang)
    with right:
        new = concatenated.find("conv2").output_shape
        st.subheader(t("dense.cat_result", lang, a=x, b=shape_text(new),
                       out=shape_text(concatenated.output_shape)))
        dot = to_dot(concatenated, DiagramOptions(detail="layers", lang=lang,
                                                  highlight="concat" if lit else None))
        diagram(dot, key="dense_cat_diagram")
        legend(dot, lang)
    if projector.presenting():  # the slide keeps the two diagrams
        lecture_mode.note(t("dense.add_cat.note", lang))
    else:
        st.info(t("dense.add_cat.note", lang))


def bc_tab(lang: str) -> None:
    lecture_mode.note(t("dense.bc.intro", lang))
    result = common.cached_trace("densenet_bc_100", 32)
    live_chart(lesson_charts.ledger_line(dense_ledger(result), lang, growth_rate(result)),
               key="dense_bc_ledger")
    # on a slide, in the speaker notes: its 100 layers side by side do not fit at a readable size
    lecture_mode.note_diagram(to_dot(result, DiagramOptions(detail="overview", lang=lang, direction="LR")),
                              key="dense_bc_diagram")


common.tabbed_page(STATE, {"ledger": ledger_tab, "parts": parts_tab, "add_cat": add_cat_tab,
                                 "bc": bc_tab, "reuse": measured.reuse_view,
                           "notebook": lambda lang: notebook_tab.show("densenet", lang)})
