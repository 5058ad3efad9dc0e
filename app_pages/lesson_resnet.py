"""Lesson: ResNet, F(x) + x.

Six tabs: why (the paper's Figure 1 as trained here, and the gradients of plain and residual
networks at initialisation, both from app_pages/measured.py), the lecture's Residual_Block code
beside its trace, basic vs bottleneck blocks with width sliders, where the projection shortcuts
sit, and ResNet-18 to -152 compared.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import cached, common, lecture_mode, measured, notebook_tab, projector
from app_pages.controls import Controls
from app_pages.diagram_legend import legend
from app_pages.diagram_view import diagram
from app_pages.live_chart import live_chart
from models.resnet import LECTURE_RESIDUAL_BLOCK
from visualizer import lesson_charts
from visualizer.diagram import DiagramOptions, to_dot
from visualizer.i18n import shape_text, t
from visualizer.lessons import BlockCost
from visualizer.names import named, type_name
from visualizer.shortcuts import GRADIENT_DEPTHS
from visualizer.state import ChoiceParam, IntParam
from visualizer.tables import layer_rows
from visualizer.trace import ShapeError

FAMILY = ("resnet18", "resnet34", "resnet50", "resnet101", "resnet152")
STATE = Controls("res", {
    "dim": IntParam(1, 512, 64),
    "mid": IntParam(1, 512, 64),
    "size": IntParam(1, 224, 56),
    "basic": IntParam(1, 512, 64),
    "bn_in": IntParam(1, 2048, 256),
    "bn_mid": IntParam(1, 512, 64),
    "csize": IntParam(1, 224, 56),
    "fsize": IntParam(32, 1024, 224),
    "depth": ChoiceParam(GRADIENT_DEPTHS, 56),
})


def figure1_tab(lang: str) -> None:
    measured.figure1_view(lang)


def gradients_tab(lang: str) -> None:
    measured.gradients_view(lang, STATE.choice("depth", t("res.g.depth", lang), widget="steps"))


def block_tab(lang: str) -> None:
    c = st.columns(3)
    dim = STATE.slider("dim", t("res.in_dim", lang), where=c[0])
    mid = STATE.slider("mid", t("res.mid_dim", lang), where=c[1])
    size = STATE.slider("size", t("res.size", lang), where=c[2])
    result = common.cached_trace("residual_block", size, (("in_channels", dim), ("mid_dim", mid)))
    # The code the width of the page: its lines are ~75 characters (a half column cut them at
    # kernel_size); on a phone they wrap.
    if not projector.presenting():  # on a slide, the code is in the speaker notes
        st.subheader(t("res.code", lang))
    lecture_mode.note_code(LECTURE_RESIDUAL_BLOCK, language="python", wrap_lines=True)
    if not projector.presenting():  # on a slide, the diagram takes the heading's room
        st.subheader(t("res.trace", lang))
    # On a slide the "+" is lit, and the boxes are laid out in rows, like text: top to bottom,
    # the block was 1,197 px tall at the projector's 18 px (the slide showed three of its nine
    # boxes at 1920x1080); in rows it is 627 px and whole. A diagram still taller than the
    # slide (1366x768) opens on its lit box (F(x) + x, the point of the tab).
    slide = projector.presenting()
    dot = to_dot(result, DiagramOptions(detail="layers", lang=lang, highlight="add" if slide else None,
                                        direction="LR" if slide else "TB", wrap=slide, even_text=slide))
    diagram(dot, key="res_block_diagram")
    legend(dot, lang)  # + = 덧셈
    frame = pd.DataFrame(layer_rows(result, lang, minor=True))
    lecture_mode.note_table(frame, hide_index=True,
                 column_config=common.fitted_columns(frame, (t("col.params", lang), t("col.macs", lang)),
                                                     (t("col.formula", lang),)))


def weights_formula(cost: BlockCost) -> str:
    """The block's convolution weights, as a sum of c_in x c_out x k x k terms."""
    cin = cost.in_shape[1]
    terms, prev = [], cin
    kernels = (3, 3) if cost.kind == "basic" else (1, 3, 1)
    for width, k in zip(cost.widths, kernels, strict=True):
        terms.append(f"{prev}×{width}×{k}×{k}" if k > 1 else f"{prev}×{width}")
        prev = width
    if cost.projection:
        terms.append(f"{cin}×{cost.out_shape[1]}")
    return " + ".join(terms) + f" = {cost.conv_weights:,}"


def compare_tab(lang: str) -> None:
    c = st.columns(4)
    basic = STATE.slider("basic", t("res.basic_width", lang), where=c[0])
    bn_in = STATE.slider("bn_in", t("res.bn_in", lang), where=c[1])
    bn_mid = STATE.slider("bn_mid", t("res.bn_mid", lang), where=c[2])
    size = STATE.slider("csize", t("res.size", lang), where=c[3])
    cols = st.columns(2)
    for col, kind, cin, width in ((cols[0], "basic", basic, basic), (cols[1], "bottleneck", bn_in, bn_mid)):
        cost, dot = cached.block_view(kind, cin, width, size, lang)
        if projector.presenting():
            # On a slide the middle convolution is lit: a diagram taller than its room opens on
            # its lit box, and the convolutions are what the slide compares (lit, the "+" showed
            # alone at 1366x768, conv1-conv3 out of view)
            dot = to_dot(cost.result, DiagramOptions(detail="layers", lang=lang, highlight="conv2"))
        with col:
            st.subheader(t(f"res.{kind}", lang))
            st.caption(f"{shape_text(cost.in_shape)} → {shape_text(cost.out_shape)}")
            m = st.container(horizontal=True, gap="medium")  # wraps: two columns cut the exact MACs
            m.metric(t("res.weights", lang), f"{cost.conv_weights:,}", width="content")
            # half a laptop's width holds "231,211,008 · 2.31억" (the defaults), not 11 digits
            m.metric(t("col.macs", lang), common.exact_count(cost.macs, lang, below=10**9), width="content")
            # on a slide, the sum in the speaker notes: the diagram gets its room
            lecture_mode.note_code(weights_formula(cost), language=None, wrap_lines=True)
            diagram(dot, key=f"res_compare_diagram_{kind}")
            legend(dot, lang)
    lecture_mode.note(t("res.compare.note", lang, mid=bn_mid), small=True)


def projection_tab(lang: str) -> None:
    lecture_mode.note(t("res.projection.intro", lang))
    # One table for both networks: two side by side, each half of a projector's width, cut the
    # projection's column, the tab's point ("128×2…"); one above the other, each under its own
    # heading, ran under a 1366×768 slide's bar (issue 30).
    rows = []
    # the networks by their names alone: with "· 병목 블록" too, the table ran past a 1366 px slide
    for arch, name in (("resnet18", "ResNet-18"), ("resnet50", "ResNet-50")):
        result = common.cached_trace(arch, 224)
        for r in result.records:
            if r.name.endswith("downsample"):
                block = result.find(r.parent or "")
                rows.append({t("col.model", lang): name,
                             t("res.col.block", lang): named(block.label, lang),
                             t("res.col.from", lang): shape_text(block.input_shapes[0]),
                             t("res.col.to", lang): shape_text(block.output_shape),
                             t("res.col.proj", lang): r.params_total})
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True,
                 column_config=common.fitted_columns(frame, (t("res.col.proj", lang),)))


def family_tab(lang: str) -> None:
    size = STATE.slider("fsize", t("res.family.size", lang))
    rows: list[dict[str, float | str]] = []
    for arch in FAMILY:
        try:
            result = common.cached_trace(arch, size)
        except ShapeError as err:
            common.shape_error(err)
            return
        stages = [r for r in result.records if r.depth == 1 and r.name.startswith("layer")]
        rows.append({"name": t(f"arch.{arch}", lang), "depth": result.weighted_depth,
                     "params": result.total_params, "macs": result.total_macs,
                     "blocks": "-".join(str(sum(1 for c in result.records if c.parent == s.name))
                                        for s in stages),
                     "block": type_name(next(r.type for r in result.records
                                             if r.type in ("BasicBlock", "Bottleneck")), lang)})
    live_chart(lesson_charts.family_bars(rows, lang), key="res_family")
    table = [{t("col.model", lang): r["name"], t("res.col.depth", lang): r["depth"],
              t("res.col.blocks", lang): r["blocks"], t("res.col.block_type", lang): r["block"],
              t("col.params", lang): r["params"], t("col.macs", lang): r["macs"]} for r in rows]
    frame = pd.DataFrame(table)
    lecture_mode.note_table(frame, hide_index=True,
                 column_config=common.fitted_columns(frame, (t("col.params", lang), t("col.macs", lang))))


common.tabbed_page(STATE, {"figure1": figure1_tab, "gradients": gradients_tab, "block": block_tab,
                                 "compare": compare_tab, "projection": projection_tab, "family": family_tab,
                           "notebook": lambda lang: notebook_tab.show("resnet", lang)})
