"""The charts of "why shortcuts matter": the ResNet paper's Figure 1 as trained here, gradient
sizes from input to output, and DenseNet's feature-reuse heatmaps (Huang et al. 2017, Fig. 5).

Colours say one thing each (visualizer/palette.py): vermillion a plain network, green the same
network with shortcuts. Nothing relies on colour alone: depth is the line's width and dash,
and every line has its name in the legend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from visualizer import palette
from visualizer.charts import styled, text_width
from visualizer.i18n import t
from visualizer.names import human_name
from visualizer.shortcuts import LayerGradient, ReuseMap, relative

# Figure 1's four lines: (arch, colour, width, dash). The paper draws 20 layers thin and 56
# thick; here 20 is also dotted, so that the two read apart in gray print too.
FIGURE1_LINES = (("plain20", palette.PLAIN, 2, "dot"), ("plain56", palette.PLAIN, 4, "solid"),
                 ("resnet20", palette.RESIDUAL, 2, "dot"), ("resnet56", palette.RESIDUAL, 4, "solid"))


def figure1(curves: dict[str, list[dict[str, float]]], lang: str, made: str | None = None) -> go.Figure:
    """Training error (left) and test error (right) against epochs; plain networks on top,
    residual ones below, 20 and 56 layers in each panel. ``curves`` maps an arch to its
    ``error_curve`` (points with ``epoch``, ``train_error``, ``test_error``); ``made``: the date
    of the reference results drawn (shipped with the app), or None for this machine's own."""
    fig = make_subplots(rows=2, cols=2, shared_xaxes=True, shared_yaxes=True,
                        horizontal_spacing=0.06, vertical_spacing=0.12,
                        subplot_titles=[t("sc.f1.plain_train", lang), t("sc.f1.plain_test", lang),
                                        t("sc.f1.res_train", lang), t("sc.f1.res_test", lang)])
    for arch, color, width, dash in FIGURE1_LINES:
        points = curves.get(arch)
        if not points:
            continue
        row = 1 if arch.startswith("plain") else 2
        for col, key in ((1, "train_error"), (2, "test_error")):
            fig.add_scatter(x=[p["epoch"] for p in points], y=[100 * p[key] for p in points],
                            mode="lines+markers", name=t(f"arch.{arch}", lang).split(" · ")[0],
                            legendgroup=arch,
                            showlegend=col == 1, line={"color": color, "width": width, "dash": dash},
                            marker={"size": 4 + width}, row=row, col=col,
                            hovertemplate="%{x:.2f} " + t("sc.f1.epochs", lang) + ": %{y:.1f}%")
    fig.update_yaxes(title_text=t("sc.f1.error_axis", lang), col=1)
    # No 0 % tick: it would sit on the epoch axis's 0 at the corner.
    fig.update_yaxes(range=[0, 100], tickvals=[25, 50, 75, 100], ticksuffix="%", gridcolor=palette.GRID)
    fig.update_xaxes(title_text=t("sc.f1.epoch_axis", lang), row=2)
    fig.update_xaxes(rangemode="tozero", gridcolor=palette.GRID)
    title = t("sc.f1.title.reference", lang, date=made) if made else t("sc.f1.title", lang)
    fig = styled(fig, title, 660)
    fig.update_annotations(font_size=15)  # the panel titles
    # The legend under the figure, below the epoch axis's title, placed on the figure's own box
    # in pixels: above the panel titles, at a fraction of the plots' height (1.07), a slide's
    # short chart (1366x768) drew it on "지름길 없음 · 테스트".
    fig.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom", "x": 0.5,
                              "xanchor": "center"}, margin_t=90, margin_b=130)
    # On a phone each panel is ~130 px wide: at 15 px "지름길 없음 · 학습" ran into the next
    # panel's title and onto the "100" tick. The titles there are 11 px (the phone's minimum is 9).
    fig.update_layout(meta={"narrow": {"layout": {"annotations": [
        {**note.to_plotly_json(), "font": {**note.font.to_plotly_json(), "size": PHONE_PANEL_TITLE_PX}}
        for note in fig.layout.annotations]}}})
    return fig


PHONE_PANEL_TITLE_PX = 11


@dataclass(frozen=True)
class GradientLine:
    """One network's gradients for :func:`gradient_lines`."""

    name: str
    grads: Sequence[LayerGradient]
    color: str
    dash: str


def stage_ticks(grads: Sequence[LayerGradient], lang: str) -> tuple[list[int], list[str]]:
    """A tick at the first convolution of each stage, named as the page's language says it
    (``layer1`` is 1단계 / stage 1; GoogLeNet's ``inception3a`` is 3a), positions counted from 1.
    A one-convolution stem (``conv1``) gets a tick only where it leaves a twelfth of the axis
    free: its name and the next ran together."""
    tops = [g.name.split(".")[0] for g in grads]
    starts = [i for i in range(len(tops)) if i == 0 or tops[i] != tops[i - 1]]
    gap = len(grads) / 12
    values: list[int] = []
    texts: list[str] = []
    for n, i in enumerate(starts):
        size = (starts[n + 1] if n + 1 < len(starts) else len(tops)) - i
        if size == 1 and n + 1 < len(starts) and starts[n + 1] - i < gap:
            continue  # a stem too close to the stage after it
        if values and i + 1 - values[-1] < gap:
            continue
        values.append(i + 1)
        top = tops[i]
        texts.append(top.replace("inception", "") if top.startswith("inception")
                     else human_name(top, lang) or top)
    return values, texts


def gradient_lines(lines: Sequence[GradientLine], lang: str, title: str,
                   marks: Sequence[tuple[float, str]] = ()) -> go.Figure:
    """Each convolution's ``||dL/dW||`` from the input (left) to the output (right), on a log
    scale. ``marks`` draws a dotted vertical line with a label at an x position (where
    GoogLeNet's auxiliary classifiers read the main path)."""
    fig = go.Figure()
    for line in lines:
        fig.add_scatter(x=list(range(1, len(line.grads) + 1)), y=[g.norm for g in line.grads],
                        mode="lines+markers", name=line.name, customdata=[g.name for g in line.grads],
                        line={"color": line.color, "width": 3, "dash": line.dash}, marker={"size": 6},
                        hovertemplate="%{customdata}: %{y:.3g}<extra>" + line.name + "</extra>")
    for x, text in marks:
        fig.add_vline(x=x, line={"color": palette.GRAY, "width": 2, "dash": "dot"},
                      annotation={"text": text, "font": {"size": 14, "color": palette.GRAY}},
                      annotation_position="bottom right")
    values, texts = stage_ticks(lines[0].grads, lang) if lines else ([], [])
    # Room left of the first convolution: the first layer's name under the axis clear of the
    # lowest 10⁻ⁿ beside it.
    count = max((len(line.grads) for line in lines), default=1)
    fig.update_xaxes(title_text=t("sc.g.x_axis", lang), tickvals=values, ticktext=texts,
                     gridcolor=palette.GRID, range=[1 - 0.08 * count - 1, count + 1])
    # One tick a decade: plotly's in-between "2" and "5" sat on the raised 10⁻² labels.
    fig.update_yaxes(title_text=t("sc.g.y_axis", lang), type="log", exponentformat="power", dtick=1,
                     gridcolor=palette.GRID)
    return styled(fig, title, 460)


# The heatmap's plot at its narrowest: a 390 px phone's 356 px chart less its colour bar and
# the y axis's names and title (two side by side at 1366x768 are 440 px charts, ~265 px
# plots); and its height (430 px, less the title and the x axis's names and title).
REUSE_PLOT_W, REUSE_PLOT_H, REUSE_TICK_SIZE = 180, 300, 15
TICK_GAP = 6  # px: the least room between two names under an axis


def tick_step(labels: Sequence[str], plot_w: float, size: float) -> int:
    """Every how many categories a name goes under an axis ``plot_w`` px wide, so that no two
    names drawn at ``size`` px come closer than TICK_GAP: at every one, block 2's 13 sources
    at 1366x768 read "입력123456789101112"."""
    if not labels:
        return 1
    cell = plot_w / len(labels)
    step = 1
    while any((text_width(a, size) + text_width(b, size)) / 2 + TICK_GAP > step * cell
              for a, b in zip(labels[::step], labels[step::step], strict=False)):
        step += 1
    return step


REUSE_RANGE = 0.25  # the colour scale spans 1 ± this: a row's source at +25 % is full red


def reuse_heatmap(reuse: ReuseMap, lang: str) -> go.Figure:
    """One dense block as in Figure 5: a row per reading layer (the block's layers, then the
    transition or classifier), a column per source (the block's input, then each layer's new
    maps). The colour is the mean |weight| relative to the row's own mean (red: read more than
    the layer's average, blue: less); the raw value is on hover. Empty where a source comes
    after its reader.

    Divergence from the paper's figure, which colours the raw means: a layer's weights start
    at a scale set by its number of inputs, so after a short run the raw colours would mostly
    show how many inputs each layer has, not which ones it prefers.
    """
    z = relative(reuse)
    names = {"input": t("sc.r.input", lang), "transition": t("sc.r.transition", lang),
             "classifier": t("sc.r.classifier", lang)}
    xs = [names.get(s, s) for s in reuse.sources]
    ys = [names.get(s, s) for s in reuse.targets]
    raw = [[None if w is None else f"{w:.3g}" for w in row] for row in reuse.weights]
    fig = go.Figure(go.Heatmap(
        z=z, x=xs, y=ys, customdata=raw, colorscale="RdBu_r", zmid=1,
        zmin=1 - REUSE_RANGE, zmax=1 + REUSE_RANGE, xgap=1, ygap=1,
        # The middle tick says what the percentages are counted from: a title beside the bar ran
        # into its numbers on a phone and on a slide. As short as "+20%": a longer one took the
        # plot's width on a phone.
        colorbar={"thickness": 14, "tickvals": [0.8, 0.9, 1.0, 1.1, 1.2],
                  "ticktext": ["−20%", "−10%", t("sc.r.mean", lang), "+10%", "+20%"]},
        hovertemplate=t("sc.r.hover", lang) + "<extra></extra>"))
    step = tick_step(xs, REUSE_PLOT_W, REUSE_TICK_SIZE)
    ystep = max(1, math.ceil(REUSE_TICK_SIZE * 1.3 / (REUSE_PLOT_H / len(ys))))
    fig.update_xaxes(title_text=t("sc.r.source_axis", lang), type="category", tickangle=0,
                     tickvals=xs[::step], tickfont={"size": REUSE_TICK_SIZE})
    # the last row (the transition or the classifier) always named, its neighbour left out
    # where the two would touch
    rows = ys[:-1:ystep]
    if rows and len(ys) - 1 - ys.index(rows[-1]) < ystep:
        rows = rows[:-1]
    fig.update_yaxes(title_text=t("sc.r.target_axis", lang), type="category", autorange="reversed",
                     tickvals=[*rows, ys[-1]], tickfont={"size": REUSE_TICK_SIZE})
    title = t("sc.r.title", lang, block=reuse.block.replace("denseblock", ""), layers=len(reuse.targets) - 1)
    fig = styled(fig, title, 430)
    fig.update_layout(margin={"t": 50}, plot_bgcolor=palette.GRID)
    return fig
