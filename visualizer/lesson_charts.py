"""The lesson pages' and tools' own charts: Inception's savings, DenseNet's channel ledger, the
ResNet family, the comparison's accuracy bubbles, the playground's grid, a training run's curve
and a network's guesses. Shared styling (fonts, layout, the projector's variant) is in
visualizer/charts.py; the charts of a trace are there too.
"""

from __future__ import annotations

import functools
import math
import random
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from visualizer import arithmetic as ar
from visualizer import palette
from visualizer.charts import (
    CHANNEL_COLOR,
    HIGHLIGHT,
    MAC_COLOR,
    PARAM_COLOR,
    PROJECTOR_SCALE,
    styled,
    text_width,
)
from visualizer.i18n import number, t
from visualizer.lessons import InceptionCost
from visualizer.names import human_name, named


def inception_bars(costs: list[InceptionCost], lang: str) -> go.Figure:
    """Multiply-adds of each Inception module with 1x1 reductions vs the naive module."""
    names = [c.name.removeprefix("inception") for c in costs]
    fig = go.Figure()
    fig.add_bar(x=names, y=[c.naive_macs / 1e6 for c in costs], name=t("inc.naive", lang),
                marker_color=palette.NAIVE,
                text=[f"{c.naive_macs / 1e6:,.0f}" for c in costs], textposition="outside")
    fig.add_bar(x=names, y=[c.macs / 1e6 for c in costs], name=t("inc.reduced", lang),
                marker_color=MAC_COLOR,
                text=[f"{c.macs / 1e6:,.0f}<br>÷{c.saving:.1f}" for c in costs], textposition="outside")
    top = max(c.naive_macs for c in costs) / 1e6
    fig.update_layout(barmode="group", yaxis={"title": t("inc.macs_m", lang), "range": [0, top * 1.2],
                                               "gridcolor": palette.GRID})
    fig = styled(fig, t("inc.chart", lang), 440)
    fig.update_layout(meta={"narrow": _inception_phone(fig, names, top, lang)})
    return fig


INCEPTION_PHONE_BAR = 16  # px: a bar's thickness on a phone, more than its value's 12 px text


def _inception_phone(fig: go.Figure, names: list[str], top: float, lang: str) -> dict[str, Any]:
    """``layout.meta.narrow`` of :func:`inception_bars`: the bars lying down, each value beside
    its bar on one line. Standing, 18 bars in a phone's 300 px plot are ~12 px wide, and
    plotly hid every value that did not fit its bar's width."""
    narrow: dict[str, Any] = {}
    for i, trace in enumerate(fig.data):
        narrow[str(i)] = {"orientation": "h", "x": list(trace.y), "y": list(trace.x),
                          "text": [str(v).replace("<br>", " ") for v in trace.text],
                          "textposition": "outside", "constraintext": "none",
                          "textfont": {"size": 12}, "cliponaxis": False}
    rows = len(names) * len(fig.data)
    plot = rows * INCEPTION_PHONE_BAR / 0.8  # plotly leaves a fifth of each group as a gap
    narrow["layout"] = {
        "height": round(plot + 110 + 70),
        "xaxis": {"title": {"text": t("inc.macs_m", lang)}, "range": [0, top * 1.45],
                  "gridcolor": palette.GRID, "automargin": True},
        "yaxis": {"autorange": "reversed", "type": "category", "automargin": True},
        "margin": {"l": 40, "r": 10, "t": 110, "b": 70}}
    return narrow


def ledger_line(rows: list[tuple[str, int, str]], lang: str, growth: int | None) -> go.Figure:
    """DenseNet's channel count after every layer: k0 + l*k climbing, halved at transitions."""
    x = list(range(len(rows)))
    colors = [HIGHLIGHT if kind == "transition" else CHANNEL_COLOR for _, _, kind in rows]
    fig = go.Figure()
    fig.add_scatter(x=x, y=[c for _, c, _ in rows], mode="lines+markers",
                    line={"color": CHANNEL_COLOR, "width": 2}, marker={"color": colors, "size": 8},
                    hovertext=[f"<b>{named(label, lang)}</b><br>{c}" for label, c, _ in rows],
                    hoverinfo="text",
                    showlegend=False)
    phone = []
    for i, (label, c, kind) in enumerate(rows):
        if kind == "transition":
            # its count and its name in words (전환 층 1; the code name, transition1, is in the
            # hover text) under its point, where nothing is drawn: the count over the point and
            # the 256 before it hid the drop between them (DenseNet ①, a slide at 1366x768).
            # On a phone, the shorter of the two names: "transition layer 2" reached the 128
            # beside it at 390 px, "transition2" does not (전환 층 2 is the shorter in Korean)
            name = human_name(label, lang) or label
            # on a white ground too: on a phone the climb of the next block ran through it
            note = {"x": i, "y": c, "showarrow": False, "yshift": -18,
                    "font": {"size": 12, "color": HIGHLIGHT}, "bgcolor": "rgba(255,255,255,0.85)"}
            fig.add_annotation(**note, text=f"<b>{c}</b> {name}")
            phone.append({**note, "text": f"<b>{c}</b> {min(name, label, key=len)}"})
        elif kind != "layer" or i + 1 == len(rows) or rows[i + 1][2] != "layer":
            # on a white ground: the line dropping to a transition ran through its count
            note = {"x": i, "y": c, "showarrow": False, "yshift": 14, "font": {"size": 14},
                    "bgcolor": "rgba(255,255,255,0.85)"}
            fig.add_annotation(**note, text=f"<b>{c}</b>")
            phone.append({**note, "text": f"<b>{c}</b>"})
    # Room under the lowest count for a transition's name (below its point): on a slide's short
    # chart "전환 층 1" under 128 sat on the x axis. The room is a share of the range, so it grows
    # with the chart: a sixth of it is 30 px of a 200 px plot.
    top = max(c for _, c, _ in rows) if rows else 1
    # Ticks from 0 up only: that room below 0 had plotly tick "−50" channels (issue 30).
    step = nice_step(top * 1.12, ticks=6)
    ticks = [step * i for i in range(int(top * 1.12 // step) + 1)]
    # no line up the middle at x = 0: it ran through the input's count (64)
    fig.update_layout(xaxis={"title": t("dense.layer_axis", lang), "zeroline": False},
                      yaxis={"title": t("flow.channels", lang), "range": [-top / 6, top * 1.12],
                             "tickmode": "array", "tickvals": ticks,
                             "gridcolor": palette.GRID, "zeroline": False},
                      meta={"narrow": {"layout": {"annotations": phone}}})
    title = t("dense.ledger_title", lang, k=growth if growth is not None else "?")
    return styled(fig, title, 440)


def family_bars(rows: list[dict[str, float | str]], lang: str) -> go.Figure:
    """Parameters and MACs side by side for several models (one bar pair each)."""
    names = [str(r["name"]) for r in rows]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=names, y=[float(r["params"]) / 1e6 for r in rows], name=t("fam.params_m", lang),
                marker_color=PARAM_COLOR, offsetgroup=0)
    fig.add_bar(x=names, y=[float(r["macs"]) / 1e9 for r in rows], name=t("fam.macs_g", lang),
                marker_color=MAC_COLOR, offsetgroup=1, secondary_y=True)
    # Each axis on its own round ticks (plotly would otherwise sync the right axis to the
    # left's grid: 1.91, 3.83, ...).
    for secondary, top, title in ((False, max(float(r["params"]) / 1e6 for r in rows), "fam.params_m"),
                                  (True, max(float(r["macs"]) / 1e9 for r in rows), "fam.macs_g")):
        step = nice_step(top)
        fig.update_yaxes(title_text=t(title, lang), secondary_y=secondary, tickmode="linear", tick0=0,
                         dtick=step, range=[0, step * math.ceil(top * 1.05 / step)],
                         showgrid=not secondary, gridcolor=palette.GRID)
    fig = styled(fig, t("fam.title", lang), 420)
    # the legend over the plot's left end: at its right end it sat on the right axis's top tick
    fig.update_layout(barmode="group", legend={"x": 0, "xanchor": "left"})
    return fig


def nice_step(top: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about ``ticks`` ticks up to
    ``top``."""
    raw = max(top, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


# Where a point's label may go (plotly's textposition), nearest first, and the offset of the
# label's centre in units of (marker radius + label half-size).
_SPOTS = (("top center", 0, -1), ("bottom center", 0, 1), ("middle right", 1, 0),
          ("middle left", -1, 0), ("top right", 0.8, -0.8), ("top left", -0.8, -0.8),
          ("bottom right", 0.8, 0.8), ("bottom left", -0.8, 0.8))


def place_labels(points: list[tuple[float, float, float]], texts: list[str], size: float,
                 width: float, height: float, others: tuple[tuple[float, float], ...] = ()
                 ) -> list[tuple[float, float, float] | None]:
    """Where each point's label goes, as the offset (px right, px down) of its centre from the
    point and how far beyond the marker's side it was moved (0: right beside it), such that
    no two labels touch, none crosses the plot's edge and none lies on a marker; None where
    none fits (the label is dropped: its point keeps it on hover).

    ``points`` are (x px, y px from the top, marker radius px). Beside the point first, then
    further away (the label then has a thin leader line to its point): two networks of almost
    the same cost and accuracy (DenseNet-161 and ResNet-101) cannot both be labelled beside
    their markers. Greedy, nearest spot first; where a label is left without a place or only
    with one on a marker, the labels are placed again with those first (on a phone
    DenseNet-201, last, found every spot near its marker taken), then in other orders, a fixed
    sequence of them, until every label is clear (:data:`TRIES`).

    ``others``: the other plot sizes (width, height) the same chart is drawn at (a larger window
    spreads the points apart; the labels keep their offsets in px and the markers their size):
    a spot is taken only where it is free at every one of them (placed for a 560 px plot alone,
    a 780 px one, a 1366 px laptop's, had DenseNet-161's label on ResNet-152's marker).
    """
    return list(_placed(tuple(points), tuple(texts), size, width, height, tuple(others)))


TRIES = 60  # orders tried at most (a fixed sequence: the same chart gets the same labels)


@functools.lru_cache(maxsize=64)  # the comparison redraws the same chart on every run of its page
def _placed(points: tuple[tuple[float, float, float], ...], texts: tuple[str, ...], size: float,
            width: float, height: float, others: tuple[tuple[float, float], ...]
            ) -> tuple[tuple[float, float, float] | None, ...]:
    """:func:`place_labels`: greedy in the points' order; then with the labels left without a
    place, or on a marker, first; then in other orders (shuffled with a fixed seed), until one
    places every label clear of every marker: the best found."""
    order = list(range(len(points)))
    variants = [list(points)] + [[(x * w / width, y * h / height, r) for x, y, r in points]
                                 for w, h in others]
    sizes = [(width, height), *others]
    out, covers = _place_in_order(variants, list(texts), size, sizes, order)
    best = (_misses(out, covers), out)
    shuffle = random.Random(0)
    for attempt in range(TRIES):
        if best[0] == (0, 0):
            break
        if attempt == 0:  # the ones left without a place, or only on a marker, first
            worse = [i for i in order if out[i] is None or covers[i]]
            tried = worse + [i for i in order if i not in worse]
        else:
            tried = order[:]
            shuffle.shuffle(tried)
        again, again_covers = _place_in_order(variants, list(texts), size, sizes, tried)
        if _misses(again, again_covers) < best[0]:
            best = (_misses(again, again_covers), again)
    return tuple(best[1])


def _misses(out: list[tuple[float, float, float] | None], covers: list[int]) -> tuple[int, int]:
    """How many labels have no place, then how many markers the placed ones lie on."""
    return sum(o is None for o in out), sum(covers)


def _place_in_order(variants: list[list[tuple[float, float, float]]], texts: list[str], size: float,
                    sizes: list[tuple[float, float]], order: list[int]
                    ) -> tuple[list[tuple[float, float, float] | None], list[int]]:
    """:func:`place_labels`, the labels placed in ``order``, each spot tried in every variant
    (the points in a plot of each size of ``sizes``); and how many markers each lies on."""
    placed: list[list[tuple[float, float, float, float]]] = [[] for _ in variants]
    lines: list[list[tuple[float, float, float, float]]] = [[] for _ in variants]  # point to label
    out: list[tuple[float, float, float] | None] = [None] * len(variants[0])
    on_markers = [0] * len(variants[0])
    h = size * 1.25
    for i in order:
        r, text = variants[0][i][2], texts[i]
        w = text_width(text, size) + 4
        best: tuple[int, tuple[float, float, float], list[tuple[float, float, float, float]]] | None = None
        for extra in _DISTANCES:
            for _, dx, dy in _SPOTS:
                norm = math.hypot(dx, dy)
                ox = dx * (r + w / 2 + 2) + dx / norm * extra
                oy = dy * (r + h / 2 + 1) + dy / norm * extra
                covers, boxes = 0, []
                for points, (width, height), taken, drawn in zip(variants, sizes, placed, lines, strict=True):
                    found = _spot_covers(points, i, ox, oy, w, h, extra, width, height, taken, drawn)
                    if found is None:
                        break
                    covers += found[0]
                    boxes.append(found[1])
                else:
                    if best is None or covers < best[0]:
                        best = (covers, (ox, oy, extra), boxes)
                    if covers == 0:
                        break
            if best is not None and best[0] == 0:
                break
        if best is not None:
            out[i], on_markers[i] = best[1], best[0]
            for points, taken, drawn, box in zip(variants, placed, lines, best[2], strict=True):
                taken.append(box)
                if best[1][2] > 0:
                    x, y, _ = points[i]
                    drawn.append((x, y, x + best[1][0], y + best[1][1]))
    return out, on_markers


def _spot_covers(points: list[tuple[float, float, float]], i: int, ox: float, oy: float, w: float,
                 h: float, extra: float, width: float, height: float,
                 placed: list[tuple[float, float, float, float]],
                 lines: list[tuple[float, float, float, float]]
                 ) -> tuple[int, tuple[float, float, float, float]] | None:
    """Point ``i``'s label at offset (``ox``, ``oy``) in one plot: None where it may not go
    (past the plot's edge, on a label, across a leader line, or its own line across a label),
    else how many markers it (or its line) lies on, and its box."""
    x, y, _ = points[i]
    cx, cy = x + ox, y + oy
    box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
        return None
    if any(box[0] < b[2] + _GAP and b[0] < box[2] + _GAP and box[1] < b[3] + _GAP
           and b[1] < box[3] + _GAP for b in placed):
        return None
    # no leader line through a label: DenseNet-201's ran through "D161" on a phone
    line = (x, y, cx, cy)
    if any(_crosses(seg, box) for seg in lines) or (extra > 0 and any(_crosses(line, b) for b in placed)):
        return None
    covers = sum(1 for j, (px, py, pr) in enumerate(points) if j != i
                 and box[0] - pr < px < box[2] + pr and box[1] - pr < py < box[3] + pr)
    # nor through another network's marker: DenseNet-161's line ran across DenseNet-201's and
    # ResNet-50's, and its label read as theirs (a marker its own point lies in excepted: any
    # line from DenseNet-161's point starts inside ResNet-101's marker, 2 px from its centre)
    if extra > 0:
        covers += sum(1 for j, (px, py, pr) in enumerate(points) if j != i and _passes(line, px, py, pr)
                      and math.hypot(px - x, py - y) >= pr)
    return covers, box


def _passes(line: tuple[float, float, float, float], px: float, py: float, r: float) -> bool:
    """Whether the segment ``line`` (x0, y0, x1, y1) passes within ``r`` px of (px, py)."""
    x0, y0, x1, y1 = line
    dx, dy = x1 - x0, y1 - y0
    along = max(0.0, min(1.0, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy or 1.0)))
    return math.hypot(x0 + along * dx - px, y0 + along * dy - py) < r


def _crosses(line: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """Whether the segment ``line`` (x0, y0, x1, y1) passes through ``box`` (left, top, right,
    bottom), its end at the box's own centre excepted: tried at 1 px steps along it."""
    x0, y0, x1, y1 = line
    steps = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0)))
    for i in range(steps + 1):
        px, py = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps
        if box[0] < px < box[2] and box[1] < py < box[3]:
            return True
    return False


_DISTANCES = (0.0, 16.0, 34.0, 56.0, 80.0, 110.0)  # px beyond the marker a label may be moved
_GAP = 2.0  # px between two labels at least


def _callouts(xs: list[float], ys: list[float], texts: list[str],
              offsets: list[tuple[float, float, float] | None], radii: list[float]) -> list[dict[str, Any]]:
    """Plotly annotations for placed labels: the text at its offset, a thin line to its point
    when it is not right beside it."""
    notes = []
    for x, y, text, offset, r in zip(xs, ys, texts, offsets, radii, strict=True):
        if offset is None:
            continue
        far = offset[2] > 0
        notes.append({"x": x, "y": y, "text": text, "ax": offset[0], "ay": offset[1], "axref": "pixel",
                      "ayref": "pixel", "showarrow": True, "arrowhead": 0, "arrowwidth": 1,
                      "arrowcolor": "#777777" if far else "rgba(0,0,0,0)", "standoff": r,
                      "font": {"size": 14}, "xanchor": "center", "yanchor": "middle"})
    return notes


def short_name(name: str) -> str:
    """ResNet-18 -> R18, DenseNet-121 -> D121 (a phone's chart label); GoogLeNet stays."""
    family, _, depth = name.partition("-")
    return f"{family[0]}{depth}" if depth else name


PHONE_PLOT_W = 260  # px: the comparison's plot on a 390 px phone (a 356 px chart less its margins)
# The other plot sizes each placement of the comparison's labels must suit (place_labels's
# ``others``): the phone's placement is drawn up to a 640 px chart (app_pages/live_chart.py), the
# desktop's from there to a 1920 px window without its sidebar (both as tall at every width); a
# slide's plot, fitted to the room under the slide's title, as measured at 1440x900, 1600x900,
# 1920x1080 and 2560x1440 (at 1920x1080, placed for 1366x768 alone, ResNet-18's name lay on
# DenseNet-169's).
PHONE_WIDER = (330.0, 400.0, 480.0, 550.0)
DESKTOP_PLOT_W = 560
DESKTOP_WIDER = (640.0, 720.0, 800.0, 900.0, 1000.0, 1150.0, 1300.0, 1500.0, 1700.0)
SLIDE_OTHERS = ((1097.0, 302.0), (1171.0, 434.0), (1322.0, 406.0), (1623.0, 530.0), (2263.0, 619.0))
# px: the comparison's plot on the smallest slide (1366x768: a 500 px chart less its margins and
# axis titles at the projector's type); a larger screen only spreads the points further apart
SLIDE_PLOT = (1100, 260)
LOG_TICKS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)  # G MACs: the comparison's x axis


def accuracy_bubbles(rows: list[dict[str, float | str]], lang: str, slide: bool = False) -> go.Figure:
    """Top-1 accuracy against MACs, bubble area proportional to parameters.

    Each family has its colour and its marker shape (visualizer/palette.py). Labels are placed
    so that none touch, for a desktop-wide plot with full names and for a phone with short ones
    (``layout.meta.narrow``, applied by the page's chart at phone width); a label that does not
    fit is dropped, and the name stays on hover. ``slide``: placed for a projector's plot and
    its 1.4x type instead of a desktop's (placed for a desktop, "ResNet-101" ran into
    "DenseNet-161" on a slide).
    """
    rows = [r for r in rows if r.get("top1") is not None]
    biggest = max(float(r["params"]) for r in rows)
    sizeref = 2.0 * biggest / 60**2
    logs = [math.log10(float(r["macs"]) / 1e9) for r in rows]
    tops = [float(r["top1"]) for r in rows]  # type: ignore[arg-type]
    # Room for the biggest bubble (AlexNet's 61 M parameters) inside the axes.
    x_range = [min(logs) - 0.35, max(logs) + 0.3]
    y_range = [min(tops) - 6, max(tops) + 4]
    # 640 px tall, as on a phone: in a 340 px plot no placement of the names suited every
    # desktop width (DenseNet-161's lay on ResNet-101's and ResNet-152's markers)
    height, margin = 640, {"l": 70, "r": 20, "t": 110, "b": 70}
    # A phone: taller, smaller bubbles (half the diameter), a top margin for the legend's
    # wrapped lines (the page's chart adds the title's second line). At the desktop's size
    # the five networks between 3 and 12 G MACs piled on each other in a 266 x 320 px plot.
    phone_height, phone_margin, phone_shrink = 640, {"l": 70, "r": 20, "t": 130, "b": 70}, 2.0
    plot_h = height - margin["t"] - margin["b"]

    radii = [max(3.0, math.sqrt(2 * float(r["params"]) / sizeref) / 2) for r in rows]

    def spots(plot_w: float, plot_h: float, names: list[str], radii: list[float], font: float = 14,
              others: tuple[tuple[float, float], ...] = ()) -> list[tuple[float, float, float] | None]:
        points = [((lx - x_range[0]) / (x_range[1] - x_range[0]) * plot_w,
                   (y_range[1] - ty) / (y_range[1] - y_range[0]) * plot_h, radius)
                  for lx, ty, radius in zip(logs, tops, radii, strict=True)]
        return place_labels(points, names, font, plot_w, plot_h, others)

    full = [str(r.get("short", r["name"])) for r in rows]
    short = [short_name(n) for n in full]
    fig = go.Figure()
    for family in dict.fromkeys(str(r["family"]) for r in rows):
        idx = [i for i, r in enumerate(rows) if r["family"] == family]
        color, symbol = palette.FAMILY.get(family, (palette.GRAY, "circle"))
        fig.add_scatter(
            x=[float(rows[i]["macs"]) / 1e9 for i in idx], y=[tops[i] for i in idx],
            mode="markers", name=t(f"family.{family}", lang),
            marker={"size": [float(rows[i]["params"]) for i in idx], "sizemode": "area",
                    "sizeref": sizeref, "sizemin": 6, "opacity": 0.75, "color": color,
                    "symbol": symbol, "line": {"color": "#333333", "width": 1}},
            hovertext=[t("cmp.hover", lang, name=rows[i]["name"], macs=number(float(rows[i]["macs"]), lang),
                         params=number(float(rows[i]["params"]), lang), top1=rows[i]["top1"])
                       for i in idx],
            hoverinfo="text", cliponaxis=False)
    # Labels are annotations (a label may sit away from its point, with a line to it); on a
    # log axis an annotation's x is the logarithm.
    desktop = tuple((w, plot_h) for w in DESKTOP_WIDER)
    wide = _callouts(logs, tops, full, spots(*SLIDE_PLOT, full, radii, 14 * PROJECTOR_SCALE, SLIDE_OTHERS)
                     if slide else spots(DESKTOP_PLOT_W, plot_h, full, radii, others=desktop), radii)
    small = [max(3.0, r / phone_shrink) for r in radii]
    phone_plot_h = phone_height - phone_margin["t"] - 21 - phone_margin["b"]  # the title's 2nd line
    phone_sizes = tuple((w, phone_plot_h) for w in PHONE_WIDER)
    narrow = _callouts(logs, tops, short, spots(PHONE_PLOT_W, phone_plot_h, short, small, others=phone_sizes),
                       small)
    fig.update_layout(annotations=wide)
    # Round numbers under the axis, each written whole: plotly's own log ticks wrote 20 as "2"
    # beside the "5"s and "2"s between decades ("…5, 10, 2" on a phone).
    ticks = [v for v in LOG_TICKS if x_range[0] <= math.log10(v) <= x_range[1]]
    fig.update_layout(xaxis={"title": t("cmp.macs_axis", lang), "type": "log", "gridcolor": palette.GRID,
                             "range": x_range, "tickmode": "array", "tickvals": ticks,
                             "ticktext": [f"{v:g}" for v in ticks]},
                      yaxis={"title": t("cmp.top1_axis", lang), "gridcolor": palette.GRID,
                             "range": y_range})
    phone: dict[str, Any] = {str(i): {"marker": {**trace.marker.to_plotly_json(),
                                                 "sizeref": sizeref * phone_shrink**2}}
                             for i, trace in enumerate(fig.data)}
    phone["layout"] = {"annotations": narrow, "height": phone_height, "margin": phone_margin}
    fig.update_layout(meta={"narrow": phone})
    fig = styled(fig, t("cmp.bubble_title", lang), height)
    fig.update_layout(margin=margin)
    return fig


def conv_grid(n: int, k: int, s: int, p: int, d: int, lang: str, window: int = 0) -> go.Figure:
    """The padded input grid with one kernel window, and the output grid beside it.

    Padding cells are pale, input cells white, input cells no window ever reaches (the floor
    in the formula drops them) red; the window for output cell ``window`` (row-major) is
    outlined, its taps dotted (dilation spreads them), and its output cell lit.
    """
    out = ar.out_size(n, k, s, p, d)
    size = n + 2 * p
    reach = (out - 1) * s + d * (k - 1) + 1 if out > 0 else 0  # padded columns some window covers
    fig = go.Figure()
    shapes: list[dict[str, object]] = []  # one list, set once: adding shapes one by one is slow

    def cell(x: int, y: int, color: str, x0: float = 0.0) -> None:
        shapes.append({"type": "rect", "x0": x0 + x, "y0": -y, "x1": x0 + x + 1, "y1": -y - 1,
                       "fillcolor": color, "line": {"color": "#999999", "width": 1}, "layer": "below"})

    for i in range(size):
        for j in range(size):
            padded = not (p <= i < p + n and p <= j < p + n)
            dropped = not padded and (i >= reach or j >= reach)
            cell(j, i, "#FFF1B8" if padded else ("#F6C1B4" if dropped else "#FFFFFF"))
    if out > 0:
        wi, wj = divmod(min(window, out * out - 1), out)
        top, left = wi * s, wj * s
        span = d * (k - 1) + 1
        window_box = {"type": "rect", "x0": left, "y0": -top, "x1": left + span, "y1": -top - span,
                      "line": {"color": HIGHLIGHT, "width": 4}}
        taps = [(top + a * d, left + b * d) for a in range(k) for b in range(k)]
        fig.add_scatter(x=[c + 0.5 for _, c in taps], y=[-r - 0.5 for r, _ in taps], mode="markers",
                        marker={"color": HIGHLIGHT, "size": 9}, hoverinfo="skip", showlegend=False)
        x0 = size + 2
        for i in range(out):
            for j in range(out):
                cell(j, i, HIGHLIGHT if (i, j) == (wi, wj) else "#DCEAF7", x0)
        fig.add_annotation(x=x0 + out / 2, y=0.9, text=f"<b>{t('play.output', lang)} {out}×{out}</b>",
                           showarrow=False)
    fig.add_annotation(x=size / 2, y=0.9, text=f"<b>{t('play.input', lang)} {n}×{n}</b>"
                       + (f" (+{p} {t('col.padding', lang)})" if p else ""), showarrow=False)
    if out > 0:
        shapes.append(window_box)
    fig.update_layout(shapes=shapes)
    width = size + (out + 2 if out > 0 else 0)
    fig.update_xaxes(visible=False, range=[-0.5, width + 0.5])
    fig.update_yaxes(visible=False, scaleanchor="x", range=[-size - 0.5, 2])
    fig = styled(fig, "", 460)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 20, "b": 10})
    return fig


def training_curve(curve: list[dict[str, float]], lang: str) -> go.Figure:
    """A run's loss (top) and training accuracy (bottom) against epochs, as it goes."""
    x = [p["epoch"] for p in curve]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    fig.add_scatter(x=x, y=[p["loss"] for p in curve], mode="lines", name=t("train.m.loss", lang),
                    line={"color": PARAM_COLOR, "width": 3}, row=1, col=1)
    fig.add_scatter(x=x, y=[100 * p["accuracy"] for p in curve], mode="lines",
                    name=t("train.m.acc", lang), line={"color": MAC_COLOR, "width": 3, "dash": "dot"},
                    row=2, col=1)
    fig.update_yaxes(title_text=t("train.m.loss", lang), rangemode="tozero", gridcolor=palette.GRID,
                     row=1, col=1)
    # No 0 on the accuracy axis: it would sit on the epoch axis's 0 at the corner.
    fig.update_yaxes(title_text=t("train.acc_axis", lang), range=[0, 100], gridcolor=palette.GRID,
                     tickvals=[25, 50, 75, 100], row=2, col=1)
    fig.update_xaxes(title_text=t("train.epoch_axis", lang), rangemode="tozero", row=2, col=1)
    return styled(fig, t("train.curve_title", lang), 460)


def guess_bars(names: list[str], probs: list[float], title: str) -> go.Figure:
    """The network's top guesses, most probable on top, each bar labelled with its percent."""
    fig = go.Figure()
    fig.add_bar(y=names[::-1], x=[100 * p for p in probs[::-1]], orientation="h",
                marker_color=MAC_COLOR, text=[f"{100 * p:.1f}%" for p in probs[::-1]],
                # a long bar carries its number inside (outside it ran past a narrow column's edge)
                textposition=["inside" if p > 0.5 else "outside" for p in probs[::-1]],
                insidetextanchor="end", insidetextfont={"color": "white"}, cliponaxis=False,
                hoverinfo="skip")
    fig.update_layout(xaxis={"range": [0, 125], "visible": False},
                      yaxis={"automargin": True, "tickfont": {"size": 15}})
    fig = styled(fig, title, 90 + 44 * len(names))
    fig.update_layout(margin={"l": 10, "r": 10, "t": 40, "b": 10}, showlegend=False)
    return fig


def notebook_experiment(runs: list[dict[str, Any]], chance: float, lang: str) -> go.Figure:
    """The AlexNet notebook experiment: training loss (top, with ln 10 marked) and test
    accuracy (bottom) against steps, one line per run (the notebook's recipe dashed, red)."""
    names = {"notebook": t("nb.ax.arm.notebook", lang), "lr_1e-4": t("nb.ax.arm.lr_1e-4", lang)}
    # titled by the runs it draws: at 64 px only the notebook's recipe was run, and a title
    # promising "and one change" stood over its one line
    title = "nb.ax.chart.title" if any(r["name"] != "notebook" for r in runs) else "nb.ax.chart.title_one"
    return _notebook_runs(runs, chance, names, "step", lang, title=t(title, lang),
                          loss=t("nb.ax.chart.loss", lang), x_title=t("nb.ax.chart.steps", lang))


def notebook_recipes(runs: list[dict[str, Any]], chance: float, lang: str) -> go.Figure:
    """A notebook's own optimiser against ours on the same pictures (bench/notebook_recipes.py):
    test loss and test accuracy against pictures seen (the two batches differ). A short title:
    the network's name beside it ran to three lines on a phone, into the legend."""
    names = {"notebook": t("nb.rc.arm.notebook", lang), "ours": t("nb.rc.arm.ours", lang)}
    return _notebook_runs(runs, chance, names, "pictures", lang,
                          title=t("nb.rc.chart.title", lang), loss=t("nb.rc.chart.loss", lang),
                          x_title=t("nb.rc.chart.pictures", lang))


def _notebook_runs(runs: list[dict[str, Any]], chance: float, names: dict[str, str], x: str, lang: str, *,
                   title: str, loss: str, x_title: str) -> go.Figure:
    """Loss (top, ln 10 dotted) and test accuracy (bottom) of a notebook's recipe (dashed,
    red) and its alternative (green), against ``x`` (each point's "step" or "pictures")."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1)
    for run in runs:
        color, dash = (palette.VERMILLION, "dash") if run["name"] == "notebook" else (palette.GREEN, "solid")
        name = names[run["name"]]
        pts = [p for p in run["points"] if p.get("loss") is not None]
        fig.add_scatter(x=[p[x] for p in pts], y=[p["loss"] for p in pts], mode="lines+markers",
                        name=name, legendgroup=run["name"], line={"color": color, "width": 3, "dash": dash},
                        row=1, col=1)
        fig.add_scatter(x=[p[x] for p in run["points"]],
                        y=[100 * p["accuracy"] for p in run["points"]], mode="lines+markers",
                        name=name, legendgroup=run["name"], showlegend=False,
                        line={"color": color, "width": 3, "dash": dash}, row=2, col=1)
    # ln 10 named by a tick of its own, not by words on the plot (both runs start on that line)
    # nor in the legend (a third row of it runs into the title on a phone)
    ends = [p[x] for run in runs for p in run["points"]]
    fig.add_scatter(x=[min(ends, default=0), max(ends, default=1)], y=[chance, chance], mode="lines",
                    showlegend=False, hoverinfo="skip",
                    line={"color": palette.GRAY, "width": 1.5, "dash": "dot"}, row=1, col=1)
    top = max((p["loss"] for run in runs for p in run["points"] if p.get("loss") is not None), default=chance)
    ticks = [0.0, 1.0, chance, *range(3, math.ceil(top) + 1)]
    fig.update_yaxes(title_text=loss, rangemode="tozero", gridcolor=palette.GRID, tickvals=ticks,
                     ticktext=["ln 10" if v == chance else f"{v:g}" for v in ticks],
                     row=1, col=1)
    fig.update_yaxes(title_text=t("nb.ax.chart.acc", lang), range=[0, 100], tickvals=[10, 25, 50, 75, 100],
                     gridcolor=palette.GRID, row=2, col=1)
    fig.update_xaxes(title_text=x_title, rangemode="tozero", separatethousands=True, row=2, col=1)
    if lang == "ko":  # plotly's own "5k" and "10k" are English: 5,000 and 1만, as the headlines say counts
        step = nice_step(max(ends, default=1))
        ticks = [step * i for i in range(int(max(ends, default=1) // step) + 1)]
        fig.update_xaxes(tickvals=ticks, ticktext=[number(v, lang) for v in ticks])
    return styled(fig, title, 520)
