"""Why shortcuts matter, measured on this machine: the views three lessons share.

- :func:`figure1_view` (ResNet lesson): the paper's Figure 1 from the four CIFAR networks that
  ``make weights`` trained here, with words computed from the curves.
- :func:`gradients_view` (ResNet lesson): every convolution's gradient at initialisation, plain
  vs residual, at the depth of a slider.
- :func:`aux_gradients_view` (Inception lesson): GoogLeNet's gradients with and without its
  auxiliary losses.
- :func:`reuse_view` (DenseNet lesson): Figure 5 of the DenseNet paper from the trained
  DenseNet-121's weights.

The numbers come from :mod:`visualizer.shortcuts` (no Streamlit there); this module caches
them for every student and says in words what they show.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import torch

from app_pages import common, lecture_mode, projector
from app_pages.live_chart import live_chart
from visualizer import palette, reference
from visualizer.data import DataError, load_split
from visualizer.export import rows_csv
from visualizer.features import CheckpointError
from visualizer.i18n import machine_words, number, t
from visualizer.shortcut_charts import GradientLine, figure1, gradient_lines, reuse_heatmap
from visualizer.shortcuts import (
    AUX_WEIGHT,
    GOOGLENET_BATCH,
    GOOGLENET_SIDE,
    GRADIENT_BATCH,
    GRADIENT_SIDE,
    LayerGradient,
    ReuseMap,
    dense_reuse,
    depth_gradients,
    googlenet_gradients,
    kept_on_disk,
    picture_batch,
    preference,
    relative,
    spread,
)
from visualizer.train import ERROR_SAMPLE, FIGURE1_ARCHS, FIGURE1_MINUTES, WEIGHTS_MINUTES, normalisation
from visualizer.training.store import checkpoint_paths, read_meta

SAME_ERROR = 0.005  # closer than half a point: "about the same" (5,000 pictures' noise is about that)


def chart_files(name: str, make: Callable[[], go.Figure], rows: list[dict[str, Any]], key: str) -> None:
    """The chart as SVG and PNG for slides, and the numbers it draws as CSV, each made when
    clicked (not on a slide itself: the teacher's own screen makes them)."""
    if projector.presenting():
        return
    with st.container(horizontal=True):
        for fmt in ("svg", "png"):
            common.download(fmt.upper(), common.chart_file(make, fmt), f"{name}.{fmt}", fmt,
                            f"{key}_{fmt}", width=120)
        common.download("CSV", lambda: rows_csv(rows), f"{name}.csv", "csv", f"{key}_csv", width=120)


def percent(x: float) -> str:
    return f"{100 * x:.1f}"


def training_link(lang: str) -> None:
    st.page_link("app_pages/training.py", label=t("res.f1.to_training", lang),
                 icon=":material/model_training:", query_params={"lang": lang})


REFERENCE_FILES = {name: f"visualizer/resources/reference/{name}.json"
                   for name in ("figure1", "gradients", "densenet_reuse")}


def reference_note(made: dict[str, str], missing: str, lang: str) -> None:
    """Says that what follows is the shipped reference, whose, and how to get this machine's
    (on a slide, in the speaker notes: the chart's title says "reference results" there)."""
    text = t("ref.used", lang, date=made.get("date", "?"),
             machine=machine_words(made.get("machine", "?"), lang), missing=missing, minutes=WEIGHTS_MINUTES)
    if projector.presenting():
        lecture_mode.note(text)
        return
    st.info(text, icon=":material/inventory_2:")
    training_link(lang)


# --- Figure 1 ------------------------------------------------------------------------------

def figure1_view(lang: str) -> None:
    lecture_mode.note(t("res.f1.seed", lang))
    metas = {arch: read_meta(arch) for arch in FIGURE1_ARCHS}
    ready = {arch: m for arch, m in metas.items() if m and has_curve(m)}
    missing = [t(f"arch.{arch}", lang) for arch in FIGURE1_ARCHS if arch not in ready]
    ref = reference.figure1() if not ready else None
    made = None
    if ref:  # nothing trained here yet: the numbers shipped with the app, said to be so
        ready, made = ref
        reference_note(made, ", ".join(missing), lang)
    elif missing:
        st.info(t("res.f1.missing", lang, missing=", ".join(missing), minutes=FIGURE1_MINUTES["all"]),
                icon=":material/hourglass_empty:")
        training_link(lang)
    if not ready:
        return
    recipes = {json.dumps(m["recipe"], sort_keys=True) for m in ready.values()}
    if len(recipes) > 1:
        st.warning(t("res.f1.mixed", lang, recipes=len(recipes)), icon=":material/warning:")
    curves = {arch: m["error_curve"] for arch, m in ready.items()}
    date = str(made.get("date", "?"))[:10] if made else None  # reference results say so in the title
    live_chart(figure1(curves, lang, date), key="res_figure1")
    chart_files(f"figure1-{lang}", lambda: figure1(curves, lang, date),
                [{"network": arch, **p} for arch, c in curves.items() for p in c], "res_dl_figure1")
    figure1_words(ready, lang)
    rows = [{t("col.model", lang): t(f"arch.{arch}", lang),
             t("res.f1.col.train", lang): f"{percent(m['train_error'])}%",
             t("res.f1.col.test", lang): f"{percent(1 - m['test_accuracy'])}%",
             t("res.f1.col.minutes", lang): round(m["seconds"] / 60, 1)} for arch, m in ready.items()]
    lecture_mode.note_table(pd.DataFrame(rows), hide_index=True)
    first = next(iter(ready.values()))
    r = first["recipe"]
    lecture_mode.note(small=True, text=t("res.f1.setup", lang, epochs=f"{r['epochs']:g}",
                                         size=r["input_size"], batch=r["batch_size"], lr=r["lr"],
                                         wd=r["weight_decay"], seed=first["seed"], sample=ERROR_SAMPLE))
    lecture_mode.note(small=True, text=t("res.f1.divergence", lang))
    if made:
        lecture_mode.note(small=True, text=t("ref.file", lang, file=f"`{REFERENCE_FILES['figure1']}`"))
        return
    files = ", ".join(f"`{checkpoint_paths(arch)[1]}`" for arch in ready)
    lecture_mode.note(small=True, text=t("res.f1.files", lang, files=files))


def has_curve(meta: dict[str, Any]) -> bool:
    """Whether a description carries Figure 1's numbers (a file from before they were kept,
    or edited by hand, is treated as not trained for the figure)."""
    curve = meta.get("error_curve")
    return isinstance(curve, list) and bool(curve) and "train_error" in meta and all(
        isinstance(p, dict) and {"epoch", "train_error", "test_error"} <= p.keys() for p in curve)


def figure1_words(ready: dict[str, dict[str, Any]], lang: str) -> None:
    """What the curves show, from the final errors on all pictures."""
    err = {arch: m["train_error"] for arch, m in ready.items()}
    # With all four, the last sentence says it all: on a slide the other two go to the notes.
    say = lecture_mode.note if "plain56" in err and "resnet56" in err else st.markdown
    if "plain20" in err and "plain56" in err:
        m = ready["plain56"]
        key = "res.f1.plain_worse" if err["plain56"] > err["plain20"] else "res.f1.plain_not_worse"
        say(t(key, lang, deep=percent(err["plain56"]), shallow=percent(err["plain20"]),
              epochs=f"{m['recipe']['epochs']:g}", steps=f"{m['steps']:,}"))
    if "resnet20" in err and "resnet56" in err:
        gap = err["resnet20"] - err["resnet56"]
        key = ("res.f1.res_same" if abs(gap) < SAME_ERROR else
               "res.f1.res_better" if gap > 0 else "res.f1.res_not_better")
        say(t(key, lang, deep=percent(err["resnet56"]), shallow=percent(err["resnet20"])))
    if "plain56" in err and "resnet56" in err:
        st.markdown(t("res.f1.pair", lang, plain=percent(err["plain56"]), res=percent(err["resnet56"])))


# --- gradients at initialisation ---------------------------------------------------------

@st.cache_resource(max_entries=2, show_spinner=False)
def pictures(n: int, side: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The first ``n`` training pictures at ``side`` px, normalised as training does (shared,
    read-only)."""
    train = load_split("train")
    mean, std = normalisation(train)
    return picture_batch(train, n, side, mean, std)


@st.cache_data(max_entries=40, show_spinner=False)
def cifar_gradients(depth: int, residual: bool) -> list[LayerGradient]:
    """One measurement per depth and kind for every student (36 settings in all)."""
    x, y = pictures(GRADIENT_BATCH, GRADIENT_SIDE)
    return kept_on_disk("depth", {"depth": depth, "residual": residual}, x, y,
                        lambda: depth_gradients(depth, residual, x, y))


def ratio(x: float, lang: str) -> str:
    """A factor the way a reader says it: 3.2, 48, 1,850, then 5.01 M (ko: 501만)."""
    if x >= 1e6:
        return number(x, lang)
    return f"{x:,.0f}" if x >= 10 else f"{x:.1f}"


def gradients_view(lang: str, depth: int) -> None:
    lecture_mode.note(t("res.g.intro", lang, batch=GRADIENT_BATCH))
    made = None
    try:
        with st.spinner(t("wait.gradients", lang, depth=depth)):
            plain = cifar_gradients(depth, False)
            res = cifar_gradients(depth, True)
    except DataError as err:
        found = from_reference(err, reference.gradients(depth, False), reference.gradients(depth, True),
                               lang)
        if found is None:
            return
        plain, res, made = found
    lines = [GradientLine(t("res.g.plain", lang), plain, palette.PLAIN, "dot"),
             GradientLine(t("res.g.residual", lang), res, palette.RESIDUAL, "solid")]
    title = t("res.g.title", lang, depth=depth)
    live_chart(gradient_lines(lines, lang, title), key="res_gradients")
    rows = [{"layer": a.name, "plain": a.norm, "residual": b.norm} for a, b in zip(plain, res, strict=True)]
    chart_files(f"gradients-{depth}-{lang}", lambda: gradient_lines(lines, lang, title), rows,
                "res_dl_gradients")
    p, r = spread(plain), spread(res)
    st.markdown(t("res.g.spread", lang, depth=depth, plain=ratio(p, lang), res=ratio(r, lang)))
    if p >= 10:  # on a slide, the sentence above stays; these go to the speaker notes
        lecture_mode.note(t("res.g.explode", lang, plain=ratio(p, lang)))
    elif p <= 0.1:
        lecture_mode.note(t("res.g.vanish", lang))
    else:
        lecture_mode.note(t("res.g.even", lang))
    lecture_mode.note(t("res.g.residual_words", lang, res=ratio(r, lang)))
    lecture_mode.note(small=True, text=t("res.g.note", lang, batch=GRADIENT_BATCH, side=GRADIENT_SIDE))
    if made:
        lecture_mode.note(small=True, text=t("ref.file", lang, file=f"`{REFERENCE_FILES['gradients']}`"))


def from_reference(err: DataError, first: Any, second: Any,
                   lang: str) -> tuple[list[LayerGradient], list[LayerGradient], dict[str, Any]] | None:
    """Without the data set, a measured view draws the pair shipped with the app (``first`` and
    ``second``, each ``(gradients, made)`` or None), saying so; without those either, the error
    is shown and there is nothing to draw (None)."""
    if first is None or second is None:
        common.coded_error(err)
        return None
    (a, made), (b, _) = first, second
    st.info(t("ref.used.data", lang, date=made.get("date", "?"),
              machine=machine_words(made.get("machine", "?"), lang),
              problem=err.message(lang, markdown=True)), icon=":material/inventory_2:")
    return a, b, made


@st.cache_data(max_entries=2, show_spinner=False)
def aux_gradients(aux_weight: float) -> list[LayerGradient]:
    """GoogLeNet's main-path gradients (about a second: once per server)."""
    x, y = pictures(GOOGLENET_BATCH, GOOGLENET_SIDE)
    return kept_on_disk("googlenet", {"aux_weight": aux_weight}, x, y,
                        lambda: googlenet_gradients(x, y, aux_weight))


def aux_gradients_view(lang: str) -> None:
    lecture_mode.note(t("inc.g.intro", lang, batch=GOOGLENET_BATCH, w=AUX_WEIGHT))
    made = None
    try:
        with st.spinner(t("wait.aux", lang)):
            without, with_aux = aux_gradients(0.0), aux_gradients(AUX_WEIGHT)
    except DataError as err:
        found = from_reference(err, reference.googlenet(0.0), reference.googlenet(AUX_WEIGHT), lang)
        if found is None:
            return
        without, with_aux, made = found
    # The auxiliary heads read the outputs of inception4a and 4d: a mark after each one's
    # last convolution.
    names = [g.name for g in without]
    marks = [(max(i for i, n in enumerate(names, start=1) if n.startswith(block)) + 0.5,
              t("inc.g.aux_mark", lang, n=k)) for k, block in ((1, "inception4a"), (2, "inception4d"))]
    lines = [GradientLine(t("inc.g.without", lang), without, palette.NAIVE, "dot"),
             GradientLine(t("inc.g.with", lang, w=AUX_WEIGHT), with_aux, palette.BLUE, "solid")]
    title = t("inc.g.title", lang)
    if projector.presenting():  # on a slide the title goes to the notes: the six decades need its room
        lecture_mode.note(f"**{title}**")
    live_chart(gradient_lines(lines, lang, title, marks), key="inc_aux_gradients", slide_min=300,
               slide_title=False)
    chart_files(f"googlenet-aux-gradients-{lang}", lambda: gradient_lines(lines, lang, title, marks),
                [{"layer": a.name, "main_loss": a.norm, f"main_plus_{AUX_WEIGHT}_aux": b.norm}
                 for a, b in zip(without, with_aux, strict=True)], "inc_dl_gradients")
    above = [(a.norm, b.norm) for a, b in zip(without, with_aux, strict=True)
             if a.name.startswith(("inception4e", "inception5"))]
    worst = max(abs(b - a) / a for a, b in above)
    digits = 6 if worst < 1e-6 else 4 if worst < 1e-4 else 2
    st.markdown(t("inc.g.words", lang, stem=ratio(with_aux[0].norm / without[0].norm, lang),
                  without=f"{without[0].norm:.2g}", with_aux=f"{with_aux[0].norm:.2g}",
                  digits=digits, ratio=ratio(without[-1].norm / without[0].norm, lang)))
    lecture_mode.note(small=True, text=t("inc.g.note", lang))
    if made:
        lecture_mode.note(small=True, text=t("ref.file", lang, file=f"`{REFERENCE_FILES['gradients']}`"))


# --- DenseNet's feature reuse --------------------------------------------------------------

@st.cache_data(max_entries=3, show_spinner=False)
def reuse_of(sha256: str | None) -> list[ReuseMap]:
    """Figure 5's numbers from the checkpoint with this digest (the store's), or (``None``) from
    the same network before training, seeded as every run starts (milliseconds; once per file)."""
    if sha256 is None:
        return dense_reuse(common.shared_model("densenet121", 1, 10, None))
    return dense_reuse(common.trained_model("densenet121", sha256))


def reuse_view(lang: str) -> None:
    meta = read_meta("densenet121")
    st.markdown(t("dense.r.intro", lang))
    if not meta:
        shipped = reference.reuse()
        if shipped is None:
            st.info(t("dense.r.missing", lang), icon=":material/hourglass_empty:")
            training_link(lang)
            return
        maps, before, ref_meta, made = shipped
        reference_note(made, t("arch.densenet121", lang), lang)
        reuse_charts(maps, lang)
        reuse_words(maps, before, ref_meta, lang)
        lecture_mode.note(small=True, text=t("dense.r.divergence", lang))
        lecture_mode.note(small=True, text=t("ref.file", lang, file=f"`{REFERENCE_FILES['densenet_reuse']}`"))
        return
    path = str(checkpoint_paths("densenet121")[0])
    try:
        with st.spinner(t("wait.reuse", lang)):
            maps, before = reuse_of(meta["sha256"]), reuse_of(None)
    except CheckpointError as err:
        common.coded_error(err)
        return
    reuse_charts(maps, lang)
    reuse_words(maps, reuse_of(None), meta, lang)
    lecture_mode.note(small=True, text=t("dense.r.divergence", lang))
    lecture_mode.note(small=True, text=t("dense.r.file", lang, file=f"`{path}`", sha=meta["sha256"][:12],
                 acc=f"{meta['test_accuracy']:.1%}"))


def reuse_charts(maps: list[ReuseMap], lang: str) -> None:
    lecture_mode.note(t("dense.r.read", lang), small=True)
    # A slide has room for one chart: the last block's, whose last row is the classifier's
    # (the page's charts share a slide's height; two side by side left one too flat to read).
    shown = maps[-1:] if projector.presenting() else maps
    for pair in (shown[i:i + 2] for i in range(0, len(shown), 2)):
        for col, reuse in zip(st.columns(2), pair, strict=False):
            with col:
                live_chart(reuse_heatmap(reuse, lang), key=f"dense_reuse_{reuse.block}")
                rows = [{"reader": reader, "source": source, "mean_abs_weight": w, "vs_reader_mean": r}
                        for reader, ws, rs in zip(reuse.targets, reuse.weights, relative(reuse), strict=True)
                        for source, w, r in zip(reuse.sources, ws, rs, strict=True) if w is not None]
                chart_files(f"densenet121-{reuse.block}-reuse-{lang}",
                            partial(reuse_heatmap, reuse, lang), rows, f"dense_dl_{reuse.block}")


MOVED = 1.5  # a block counts as changed by training where its largest preference is 1.5x the start's


def reuse_words(maps: list[ReuseMap], before: list[ReuseMap], meta: dict[str, Any], lang: str) -> None:
    """What the heatmaps show, against the same network before training."""
    def pm(x: float) -> str:
        return f"±{100 * x:.0f}%"

    trained = [preference(m) for m in maps]
    start = [preference(m) for m in before]
    st.markdown(t("dense.r.words", lang, n=len(maps), each=", ".join(pm(x) for x in trained),
                  before=", ".join(pm(x) for x in start)))
    moved = [str(i) for i, (a, b) in enumerate(zip(trained, start, strict=True), start=1) if a > MOVED * b]
    still = [str(i) for i, (a, b) in enumerate(zip(trained, start, strict=True), start=1) if a <= MOVED * b]
    if moved:
        lecture_mode.note(t("dense.r.moved", lang, blocks=", ".join(moved)))
    if still:
        lecture_mode.note(t("dense.r.still", lang, blocks=", ".join(still),
                            epochs=f"{meta['recipe']['epochs']:g}"))
    last = relative(maps[-1])[-1]  # the classifier's row
    values = [v for v in last if v is not None]
    top, low = values.index(max(values)), values.index(min(values))

    def source(i: int) -> str:
        return t("dense.r.source_input", lang) if i == 0 else t("dense.r.source", lang, n=i)

    lecture_mode.note(t("dense.r.classifier", lang, top=source(top), low=source(low),
                        top_pct=f"{100 * (values[top] - 1):+.0f}%",
                        low_pct=f"{100 * (values[low] - 1):+.0f}%"))
