"""Lesson: GoogLeNet / Inception, what a 1x1 convolution buys.

Four tabs: the lecture's 100x100x60 example with sliders, all nine modules reduced vs naive,
one module drawn with its four branches and concatenation, the auxiliary classifiers (with the
gradients they add at initialisation, measured in app_pages/measured.py).
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from app_pages import cached, common, lecture_mode, measured, notebook_tab, projector
from app_pages.controls import Controls
from app_pages.diagram_legend import legend
from app_pages.diagram_view import diagram
from app_pages.live_chart import live_chart
from models.googlenet import AUX_LOSS_WEIGHT, INCEPTION_CFG, TABLE1_OPS_M, TABLE1_PARAMS_K
from visualizer import lesson_charts
from visualizer.diagram import DiagramOptions, to_dot
from visualizer.i18n import number, shape_text, t
from visualizer.lessons import reduction_example
from visualizer.state import ChoiceParam, IntParam

LAYOUTS = ("googlenet_paper", "googlenet")
STATE = Controls("inc", {
    "hw": IntParam(1, 512, 100),
    "cin": IntParam(1, 1024, 60),
    "reduce": IntParam(1, 1024, 20),
    "cout": IntParam(1, 1024, 64),
    "k": ChoiceParam((3, 5), 5),
    "layout": ChoiceParam(LAYOUTS, "googlenet_paper"),
    "module": ChoiceParam(tuple(INCEPTION_CFG), "inception3a"),
})


def example_tab(lang: str) -> None:
    c = st.columns(5)
    hw = STATE.slider("hw", t("inc.hw", lang), where=c[0])
    cin = STATE.slider("cin", t("inc.cin", lang), where=c[1])
    r = STATE.slider("reduce", t("inc.reduce", lang), where=c[2])
    cout = STATE.slider("cout", t("inc.cout", lang), where=c[3])
    k = STATE.choice("k", t("inc.k", lang), where=c[4], format_func=lambda k: f"{k}×{k}")
    ex = reduction_example(hw, hw, cin, r, cout, k)
    st.markdown(t("inc.example.reduce", lang, h=ex.reduce_shape[2], w=ex.reduce_shape[3], cin=cin,
                  r=ex.reduce_shape[1], weights=f"{ex.reduce_weights:,}", macs=f"{ex.reduce_macs:,}"))
    rows = [
        {"": t("inc.example.direct", lang, k=k, cin=cin), t("inc.col.weights", lang): ex.direct_weights,
         t("inc.col.macs", lang): ex.direct_macs},
        {"": t("inc.example.reduced", lang, k=k, r=r), t("inc.col.weights", lang): ex.reduced_weights,
         t("inc.col.macs", lang): ex.reduced_macs},
    ]
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True,
                 column_config=common.fitted_columns(frame, (t("inc.col.weights", lang),
                                                             t("inc.col.macs", lang))))
    st.success(t("inc.example.saving", lang, times=ex.direct_macs / max(ex.reduced_macs, 1),
                 shape=shape_text(ex.out_shape)))


def table1_cell(module: str, lang: str) -> str:
    """Table 1's params and ops of ``module`` as the paper writes them ("463K / 100M"), or in
    Korean counts ("47만 / 1억": its K is 1,024 weights, its M 10^6 multiply-adds)."""
    params, ops = TABLE1_PARAMS_K[module], TABLE1_OPS_M[module]
    if lang == "ko":
        return f"{number(params * 1024, lang)} / {number(ops * 10**6, lang)}"
    return f"{params}K / {ops}M"


def modules_tab(lang: str) -> None:
    layout = STATE.choice("layout", t("inc.layout", lang), format_func=lambda n: t(f"inc.layout.{n}", lang))
    if layout == "googlenet":
        st.info(t("inc.torchvision_note", lang))
    rows_costs = cached.costs(layout)
    live_chart(lesson_charts.inception_bars(rows_costs, lang), key="inc_bars")
    rows = []
    for c in rows_costs:
        row = {t("inc.col.module", lang): c.name,
               t("inc.col.input", lang): shape_text((1, c.cin, c.size, c.size)),  # C×H×W, as everywhere
               t("inc.col.widths", lang): " / ".join(map(str, c.widths)),
               t("inc.col.reduced_w", lang): c.weights, t("inc.col.naive_w", lang): c.naive_weights,
               t("inc.col.reduced_m", lang): c.macs, t("inc.col.naive_m", lang): c.naive_macs,
               t("inc.col.saving", lang): f"÷{c.saving:.1f}",
               t("inc.col.out", lang): f"{c.out_channels} ({c.naive_out_channels})"}
        if layout == "googlenet_paper":
            row[t("inc.col.table1", lang)] = table1_cell(c.name, lang)
        rows.append(row)
    numbers = ("inc.col.reduced_w", "inc.col.naive_w", "inc.col.reduced_m", "inc.col.naive_m")
    frame = pd.DataFrame(rows)
    lecture_mode.note_table(frame, hide_index=True, height="content",
                 column_config=common.fitted_columns(frame, tuple(t(k, lang) for k in numbers)))
    naive = sum(c.naive_macs for c in rows_costs)
    reduced = sum(c.macs for c in rows_costs)
    st.markdown(t("inc.total", lang, naive=number(naive, lang), reduced=number(reduced, lang),
                  times=naive / reduced))
    if layout == "googlenet_paper":
        st.caption(t("inc.table1_note", lang))


def without_arrow_labels(dot: str) -> str:
    """The diagram with its arrows unlabelled: on a slide the four branches at 18 px type are
    wider than a 1366 px projector with the shapes written on every arrow; each box still says
    its filters, and the shapes are in the speaker notes (the layer table)."""
    return "\n".join(re.sub(r'\blabel="[^"]*"', 'label=""', line) if "->" in line else line
                     for line in dot.splitlines())


def inside_tab(lang: str) -> None:
    name = STATE.choice("module", t("inc.module", lang), widget="select")
    st.markdown(t("inc.inside.note", lang, cin=INCEPTION_CFG[name][0]))
    paper = STATE["layout"] == "googlenet_paper"
    dot = cached.module_dot(name, paper, lang, lit=projector.presenting())
    diagram(without_arrow_labels(dot) if projector.presenting() else dot, key="inc_module_diagram")
    legend(dot, lang)  # C = 연결


def aux_tab(lang: str) -> None:
    lecture_mode.note(t("inc.aux.intro", lang, w=AUX_LOSS_WEIGHT))
    st.code(t("inc.aux.loss", lang, w=AUX_LOSS_WEIGHT), language=None, wrap_lines=True)
    result = common.cached_trace("googlenet_paper", 224, (("train", True),))
    aux = sum(r.params_total for r in result.records if r.type == "InceptionAux")
    # on a slide, in the speaker notes: at 1366x768 the gradients need the room (their log ticks
    # ran into each other)
    lecture_mode.note(t("inc.aux.params", lang, aux=f"{aux:,}", total=f"{result.total_params:,}",
                        pct=f"{100 * aux / result.total_params:.0f}"))
    measured.aux_gradients_view(lang)
    # on a slide, in the speaker notes: the slide keeps the gradients (its picture)
    lecture_mode.note_diagram(to_dot(result, DiagramOptions(detail="overview", lang=lang)),
                              key="inc_aux_diagram")


common.tabbed_page(STATE, {"example": example_tab, "modules": modules_tab, "inside": inside_tab,
                           "aux": aux_tab,
                           "notebook": lambda lang: notebook_tab.show("inception", lang)})
