"""Lesson: AlexNet, how 224 becomes 9216.

Five tabs: step through the layers (volumes and the diagram lit), change conv1 and see every
shape follow, the 224-vs-227 story, the two-GPU split, and where the parameters sit.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import cached, common, lecture_mode, notebook_tab, projector
from app_pages.controls import Controls
from app_pages.diagram_view import diagram
from app_pages.live_chart import live_chart
from visualizer import arithmetic as ar
from visualizer import charts
from visualizer.diagram import DiagramOptions, to_dot
from visualizer.i18n import shape_text, t
from visualizer.names import type_name
from visualizer.records import LayerRecord, TraceResult
from visualizer.state import ChoiceParam, IntParam
from visualizer.tables import param_compute_split, size_formula
from visualizer.trace import ShapeError

LAYOUTS = ("alexnet", "alexnet_paper")
STATE = Controls("alex", {
    # The title's story (224 -> 9216) is torchvision's layout; the step-through opens on conv1.
    "layout": ChoiceParam(LAYOUTS, "alexnet"),
    # its real last step, in the layout read before it
    "step": IntParam(0, lambda values: len(step_layers(layout_trace(values["layout"]))) - 1, 0),
    "size": IntParam(1, 1024, 224),
    "k": IntParam(1, 15, 11),
    "s": IntParam(1, 8, 4),
    "p": IntParam(0, 7, 2),
})


def layout_trace(layout: str) -> TraceResult:
    """AlexNet in ``layout`` at its own input size (the 2012 paper's 227, torchvision's 224)."""
    return common.cached_trace(layout, 227 if layout == "alexnet_paper" else 224)


def step_layers(result: TraceResult) -> list[LayerRecord]:
    """The step-through's steps: every layer of a layout's trace, ReLUs and dropouts included
    (each gets named where it acts)."""
    return [r for r in result.leaves() if r.kind != "identity"]


def op_text(r: LayerRecord, lang: str) -> str:
    """What this kind of layer does, with its numbers."""
    key = f"op.{r.type}"
    if r.kind == "flatten":
        _, c, h, w = r.input_shapes[0]
        return t(key, lang, c=c, h=h, w=w, n=r.output_shape[-1])
    if r.kind == "linear":
        return t(key, lang, fin=r.input_shapes[0][-1], fout=r.output_shape[-1])
    if r.kind == "conv":
        return t(key, lang, c=r.channels)
    if r.kind == "adaptive_avgpool":
        return t(key, lang, hw="×".join(map(str, r.output_shape[2:])))
    return t(key, lang)


def steps_tab(lang: str) -> None:
    slide = projector.presenting()
    layout = STATE.choice("layout", t("alex.layout", lang), format_func=lambda n: t(f"alex.layout.{n}", lang),
                          label_visibility="collapsed" if slide else "visible")
    result = layout_trace(layout)
    layers = step_layers(result)
    last = len(layers) - 1
    STATE.at_most("step", last)
    c1, c2, c3 = st.columns([3, 13, 3])  # at [1, 6, 1] "◀ Previous" was cut at 1366 px
    c1.button(t("alex.prev", lang), on_click=_move, args=(-1, last), width="stretch")
    step = STATE.choice("step", t("alex.step", lang), widget="steps", where=c2, options=range(last + 1),
                        format_func=lambda i: f"{i + 1}. {layers[i].label}", label_visibility="collapsed")
    c3.button(t("alex.next", lang), on_click=_move, args=(1, last), width="stretch")
    r = layers[step]
    common.lesson_step(step, last)
    # on a slide, the volumes get the wider column (the diagram scrolls to the lit box)
    left, right = st.columns([3, 2] if slide else [1, 1])
    with left:
        # on a slide, the volumes first: they stay where they are on the screen from step to step
        # (the text under them is one line longer or shorter)
        picture = st.container() if slide else None
        st.subheader(f"{r.label} · {type_name(r.type, lang, code=True)}")
        st.markdown(op_text(r, lang))
        formula = size_formula(r)
        if formula:
            st.code(formula, language=None, wrap_lines=True)
        st.markdown(f"**{shape_text(r.input_shapes[0])} → {shape_text(r.output_shape)}**"
                    + (f" · {t('col.params', lang)} {r.params:,}" if r.params else ""))
        pictures = cached.alexnet_step(result, layout, lang, r.index)
        if slide:  # on a slide, the volumes get the title's room; it goes to the notes
            lecture_mode.note(t("volumes.pair", lang).replace("<br>", " "))
        with picture or st.container():
            live_chart(pictures.pair, key="alex_pair", static=True, slide_title=False)
        if r.index == layers[-1].index:
            st.info(t("op.softmax", lang, n=r.output_shape[-1]))
    with right:
        diagram(pictures.dot, key="alex_steps_diagram")
    # The whole network, the width of the page: its thirteen names side by side (on a slide, in
    # the speaker notes: the slide keeps the layer's volumes and the lit diagram).
    lecture_mode.note_chart(pictures.strip, key="alex_strip", static=True)


def _move(delta: int, last: int) -> None:
    STATE.set("step", min(max(STATE["step"] + delta, 0), last))


def conv1_tab(lang: str) -> None:
    st.caption(t("alex.conv1.note", lang))
    c = st.columns(4)
    size = STATE.slider("size", t("alex.size", lang), where=c[0])
    k = STATE.slider("k", t("alex.kernel", lang), where=c[1])
    s = STATE.slider("s", t("alex.stride", lang), where=c[2])
    p = STATE.slider("p", t("alex.padding", lang), where=c[3])

    def attempt(size: int = size, k: int = k, s: int = s, p: int = p) -> TraceResult:
        config = (("conv1_kernel", k), ("conv1_padding", p), ("conv1_stride", s))
        return common.cached_trace("alexnet", size, config)

    try:
        result = attempt()
    except ShapeError as err:
        # The nearest input size that works for these conv1 settings.
        fix = common.nearest_valid(lambda v: attempt(size=v), size, 1, 1024)
        label = t("fix.nearest", lang, value=fix) if fix else None
        common.shape_error(err, label, lambda: STATE.set("size", fix))
        return
    conv1 = result.find("conv1")
    st.code(size_formula(conv1), language=None, wrap_lines=True)  # 1024 px: wider than a phone
    # in a row that wraps, as the explorer's headline: three equal columns cut "61,100,840 · 6,110만"
    m = st.container(horizontal=True, gap="medium")
    m.metric(t("metric.params", lang), common.exact_count(result.total_params, lang), width="content")
    m.metric(t("metric.macs", lang), common.exact_count(result.total_macs, lang), width="content")
    m.metric(t("metric.output", lang), shape_text(result.output_shape), width="content")
    rows = [{t("col.layer", lang): r.label, t("col.output", lang): shape_text(r.output_shape),
             t("col.params", lang): r.params, t("col.macs", lang): r.macs,
             t("col.formula", lang): size_formula(r)}
            for r in result.leaves() if r.kind in ("conv", "maxpool", "flatten", "linear")]
    frame = pd.DataFrame(rows)
    lecture_mode.note_table(frame, hide_index=True, height="content",
                 column_config=common.fitted_columns(frame, (t("col.params", lang), t("col.macs", lang)),
                                                     (t("col.formula", lang),)))


def sizes_tab(lang: str) -> None:
    lecture_mode.note(t("alex.sizes.intro", lang))
    cols = st.columns(3)
    for col, (layout, size) in zip(cols, (("alexnet", 224), ("alexnet_paper", 224),
                                          ("alexnet_paper", 227)), strict=True):
        with col:
            st.subheader(t("alex.sizes.case", lang, layout=t(f"arch.{layout}", lang), size=size))
            try:
                result = common.cached_trace(layout, size)
            except ShapeError as err:
                # conv1's settings from a size that works; its formula at the size that does not.
                ok = common.cached_trace(layout, err.valid[0]) if err.valid else None
                if ok is not None:
                    c1 = ok.find("conv1")
                    assert c1.kernel and c1.stride and c1.padding
                    formula = ar.formula(size, c1.kernel[0], c1.stride[0], c1.padding[0])
                    st.code(t("alex.sizes.conv1", lang, formula=formula), language=None, wrap_lines=True)
                pool5 = err.before.get("pool5")
                if pool5 is not None:
                    st.markdown(t("alex.sizes.reaches", lang, n=pool5[1] * pool5[2] * pool5[3],
                                  shape=shape_text(pool5)))
                common.coded_error(err, ":material/block:")
                continue
            conv1_r = result.find("conv1")
            st.code(t("alex.sizes.conv1", lang, formula=size_formula(conv1_r)), language=None,
                    wrap_lines=True)
            pool5_r = result.find("pool5")
            st.markdown(t("alex.sizes.reaches", lang, n=result.find("flatten").output_shape[-1],
                          shape=shape_text(pool5_r.output_shape)))
            st.success(t("alex.sizes.works", lang, n=result.output_shape[-1]))


def gpus_tab(lang: str) -> None:
    lecture_mode.note(t("alex.gpus.intro", lang))
    split = common.cached_trace("alexnet_paper", 227)
    single = common.cached_trace("alexnet_paper", 227, (("groups", 1),))
    rows = [{t("alex.gpus.col.layer", lang): r.label,
             t("alex.gpus.col.split", lang): r.params,
             t("alex.gpus.col.single", lang): single.find(r.name).params}
            for r in split.leaves() if r.kind == "conv"]
    frame = pd.DataFrame(rows)
    lecture_mode.note_table(frame, hide_index=True, column_config=common.fitted_columns(
        frame, (t("alex.gpus.col.split", lang), t("alex.gpus.col.single", lang))))
    saved = single.total_params - split.total_params
    st.markdown(t("alex.gpus.total", lang, split=f"{split.total_params:,}", single=f"{single.total_params:,}",
                  saved=f"{saved:,}", pct=f"{100 * saved / single.total_params:.1f}"))
    # on a slide conv3 is lit, where the two GPUs read each other's maps: the diagram, taller
    # than the slide, opens there (it was cut at pool2, before the crossing)
    diagram(to_dot(split, DiagramOptions(lang=lang, highlight="conv3" if projector.presenting() else None)),
            key="alex_gpus_diagram")


def params_tab(lang: str) -> None:
    result = common.cached_trace("alexnet", 224)
    split = param_compute_split(result)
    st.markdown(t("alex.params.intro", lang, fc6=f"{result.find('fc6').params:,}",
                  fc=round(100 * split["fc_params"]), conv=round(100 * split["conv_macs"])))
    live_chart(charts.cost_bars(result, lang), key="alex_cost")


common.tabbed_page(STATE, {"steps": steps_tab, "conv1": conv1_tab, "sizes": sizes_tab, "gpus": gpus_tab,
                           "params": params_tab,
                           "notebook": lambda lang: notebook_tab.show("alexnet", lang)})
