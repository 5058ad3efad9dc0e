"""TraceResult -> plotly figures. The only module that imports plotly."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from visualizer import arithmetic as ar
from visualizer import palette
from visualizer.analysis import InceptionCost, Unit, cost_units, flow_units, stage_label
from visualizer.i18n import number, shape_text, t
from visualizer.records import TraceResult

# Plotly's own browser bundle, shipped inside the plotly package: the app serves it to charts
# that redraw in place (app_pages/live_chart.py), so it always matches this plotly version.
BROWSER_BUNDLE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
FONT = "NanumGothic, Noto Sans CJK KR, sans-serif"  # Hangul in the browser and in exports
SIZE_COLOR = palette.SIZE
CHANNEL_COLOR = palette.CHANNELS
PARAM_COLOR = palette.PARAMS
MAC_COLOR = palette.MACS
HIGHLIGHT = palette.HIGHLIGHT
FLAT_COLOR = palette.FLAT
MAX_TICKS = 20  # layer names under the flow chart: more overlap, and each costs ~1 ms a redraw


def plain(fig: go.Figure) -> dict[str, Any]:
    """The figure as plain JSON data (lists and dicts), as plotly.js takes it."""
    return json.loads(pio.to_json(fig, validate=False))  # type: ignore[no-any-return]


PROJECTOR_FONT_MIN = 18  # px: the smallest chart label a projector shows (the back row)
PROJECTOR_SCALE = 1.4


def for_projector(figure: dict[str, Any]) -> dict[str, Any]:
    """The figure (plain JSON data) for a projector: every font 1.4x, at least 18 px, black;
    lines 1.5x as thick, a darker grid, and 1.3x the height for the larger text."""
    def walk(node: Any, key: str = "") -> Any:
        if isinstance(node, dict):
            out = {k: walk(v, k) for k, v in node.items()}
            if key.endswith("font") or key == "font":
                size = out.get("size")
                out["size"] = (max(PROJECTOR_FONT_MIN, size * PROJECTOR_SCALE)
                               if isinstance(size, int | float) else PROJECTOR_FONT_MIN)
                if "color" not in out or key in ("font", "tickfont"):
                    out["color"] = "#000000"
            if key == "line" and isinstance(out.get("width"), int | float):
                out["width"] = out["width"] * 1.5
            if key.startswith(("xaxis", "yaxis")):
                out.setdefault("tickfont", {"size": PROJECTOR_FONT_MIN, "color": "#000000"})
                out.setdefault("automargin", True)  # room for the larger labels and titles
                if "gridcolor" in out:
                    out["gridcolor"] = "#BDBDBD"
            return out
        if isinstance(node, list):
            return [walk(v, key) for v in node]
        return node

    out = walk(figure)
    layout = out.setdefault("layout", {})
    layout.setdefault("font", {"size": PROJECTOR_FONT_MIN, "color": "#000000"})
    if isinstance(layout.get("height"), int | float):
        layout["height"] = round(layout["height"] * 1.3)
    margin = layout.get("margin")
    if isinstance(margin, dict) and isinstance(margin.get("t"), int | float):
        margin["t"] = round(margin["t"] * 1.3)
    return out  # type: ignore[no-any-return]


def base_layout(title: str, height: int) -> dict[str, Any]:
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "y": 0.985, "yanchor": "top",
                  "font": {"size": 16, "weight": "bold"}},
        "font": {"family": FONT, "size": 15},
        # The title at the very top; below it, room for a legend that wraps onto three lines on
        # a phone (it grows upwards from the plot). Axes grow their margin to fit their labels
        # (long rotated layer names).
        "height": height, "margin": {"l": 60, "r": 60, "t": 110, "b": 40},
        "xaxis": {"automargin": True}, "yaxis": {"automargin": True},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        "hoverlabel": {"font": {"family": FONT, "size": 14}},
        "plot_bgcolor": "white", "paper_bgcolor": "white",
    }


def styled(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(base_layout(title, height))
    return fig


def shape_flow(result: TraceResult, lang: str, selected: int | None = None) -> go.Figure:
    """Two panels sharing the layer axis: spatial size on top, channels below.

    The size panel writes each new size on its point (the lecture's 224, 55, 27, 13, 6);
    the channel panel uses a log scale so 64 and 9216 both stay visible, and draws the
    flattened feature vectors in a second colour. Each point's ``customdata`` is the record
    index, so a click can select the layer.

    The figure is written as one dictionary and validated once: the page redraws it on every
    size change, and building it call by call (``make_subplots``, ``add_*``, ``update_*``)
    took four times as long (58 ms against 14 ms for DenseNet-201).
    """
    units: list[Unit] = flow_units(result)
    labels = [t("diagram.input", lang)] + [stage_label(result, u) for u in units]
    outs = [result.input_shape] + [u.last(result).output_shape for u in units]
    index = [-1] + [u.records[0] for u in units]
    types = [""] + [u.first(result).type for u in units]
    sizes = [s[2] if len(s) == 4 else None for s in outs]
    hover = [f"<b>{label}</b> {typ}<br>{shape_text(s)}"
             for label, typ, s in zip(labels, types, outs, strict=True)]
    text = [str(s) if s is not None and (i == 0 or s != sizes[i - 1]) else ""
            for i, s in enumerate(sizes)]
    x = list(range(len(outs)))
    maps = [s[1] if len(s) == 4 else None for s in outs]
    flat = [s[-1] if len(s) != 4 else None for s in outs]
    few = len(x) <= 30  # numbers on bars only where they stay legible
    common = {"x": x, "customdata": index, "hovertext": hover, "hoverinfo": "text"}

    def bars(values: list[int | None], name: str, color: str, labelled: bool) -> dict[str, Any]:
        """A bar trace of the points that have a value; text only where it is drawn (plotly
        lays out a text element per point, even an empty one: 25 ms for DenseNet-201)."""
        keep = [i for i, v in enumerate(values) if v is not None]
        trace: dict[str, Any] = {k: [v[i] for i in keep] for k, v in common.items()
                                 if isinstance(v, list)}
        trace.update(type="bar", y=[values[i] for i in keep], name=name, marker={"color": color},
                     hoverinfo="text", xaxis="x2", yaxis="y2")
        if labelled:
            trace.update(text=[str(values[i]) for i in keep], textposition="outside")
        return trace

    data = [
        {**common, "type": "scatter", "y": sizes, "name": t("flow.size", lang),
         "mode": "lines+markers", "line": {"color": SIZE_COLOR, "width": 3}, "marker": {"size": 9},
         "xaxis": "x", "yaxis": "y"},
        bars(maps, t("flow.channels", lang), CHANNEL_COLOR, few),
    ]
    if any(flat):
        data.append(bars(flat, t("flow.features", lang), FLAT_COLOR, True))
    # The new sizes as numbers on their points: a text-only trace of just those points.
    shown = [i for i, label in enumerate(text) if label]
    data.append({"type": "scatter", "mode": "text", "x": shown, "y": [sizes[i] for i in shown],
                 "text": [text[i] for i in shown], "textposition": "top right",
                 "textfont": {"size": 16, "color": SIZE_COLOR}, "hoverinfo": "skip",
                 "showlegend": False, "xaxis": "x", "yaxis": "y"})
    step = math.ceil(len(x) / MAX_TICKS)
    top = max((s for s in sizes if s is not None), default=1)
    biggest = max(m or f or 1 for m, f in zip(maps, flat, strict=True))
    # Two rows sharing x: 0.55 and 0.45 of the height left by a 0.08 gap between them.
    layout = {
        # Many steps have long rotated names (denseblock3.denselayer17): a taller chart keeps
        # the panels their height above them.
        **base_layout(t("flow.title", lang), 560 if few else 700), "bargap": 0.25,
        "barmode": "overlay",
        "xaxis": {"anchor": "y", "matches": "x2", "showticklabels": False},
        "yaxis": {"anchor": "x", "domain": [0.494, 1.0], "title": {"text": t("flow.size", lang)},
                  "range": [0, top * 1.2], "gridcolor": palette.GRID, "automargin": True},
        "xaxis2": {"anchor": "y2", "tickmode": "array", "tickvals": x[::step],
                   "ticktext": labels[::step], "tickangle": -45, "automargin": True},
        "yaxis2": {"anchor": "x2", "domain": [0.0, 0.414], "title": {"text": t("flow.channels", lang)},
                   "type": "log", "dtick": 1, "range": [0, math.log10(biggest) + 0.5],
                   "gridcolor": palette.GRID, "automargin": True},
    }
    if selected is not None and selected in index:
        at = index.index(selected)
        line = {"type": "line", "x0": at, "x1": at, "y0": 0, "y1": 1,
                "line": {"color": HIGHLIGHT, "width": 2, "dash": "dot"}}
        layout["shapes"] = [{**line, "xref": "x", "yref": "y domain"},
                            {**line, "xref": "x2", "yref": "y2 domain"}]
    return go.Figure({"data": data, "layout": layout})


def cost_bars(result: TraceResult, lang: str) -> go.Figure:
    """Share of parameters vs share of MACs per weighted layer (or per stage)."""
    units = cost_units(result)
    labels = [stage_label(result, u) + (f" ×{u.count}" if u.count > 1 else "") for u in units]
    params = [100 * u.params(result) / max(result.total_params, 1) for u in units]
    macs = [100 * u.macs(result) / max(result.total_macs, 1) for u in units]
    p_hover = [f"<b>{lab}</b><br>{number(u.params(result), lang)} ({p:.1f}%)"
               for lab, u, p in zip(labels, units, params, strict=True)]
    m_hover = [f"<b>{lab}</b><br>{number(u.macs(result), lang)} MACs ({m:.1f}%)"
               for lab, u, m in zip(labels, units, macs, strict=True)]
    x = list(range(len(labels)))
    fig = go.Figure()
    fig.add_bar(x=x, y=params, name=t("cost.params", lang), marker_color=PARAM_COLOR,
                text=[f"{p:.0f}%" if p >= 1 else "" for p in params], textposition="outside",
                hovertext=p_hover, hoverinfo="text")
    fig.add_bar(x=x, y=macs, name=t("cost.macs", lang), marker_color=MAC_COLOR,
                text=[f"{m:.0f}%" if m >= 1 else "" for m in macs], textposition="outside",
                hovertext=m_hover, hoverinfo="text")
    top = max(params + macs + [1])
    fig.update_layout(barmode="group", yaxis={"title": t("cost.percent", lang),
                                               "range": [0, top * 1.18], "gridcolor": palette.GRID},
                      # Names as array ticks: plotly tilts them as needed, and a phone-wide chart
                      # keeps every second or third (app_pages/live_chart.py).
                      xaxis={"tickmode": "array", "tickvals": x, "ticktext": labels})
    return styled(fig, t("cost.title", lang), 440)


def _box(fig: go.Figure, x: float, y: float, w: float, h: float, d: float, color: str) -> None:
    """An oblique 3-D box: front face w x h at (x, y), depth d drawn up and to the right."""
    dx, dy = d * 0.6, d * 0.4
    front = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    top = [(x, y + h), (x + w, y + h), (x + w + dx, y + h + dy), (x + dx, y + h + dy)]
    right = [(x + w, y), (x + w + dx, y + dy), (x + w + dx, y + h + dy), (x + w, y + h)]
    for poly, shade in ((front, 1.0), (top, 0.8), (right, 0.65)):
        xs, ys = zip(*[*poly, poly[0]], strict=True)
        fig.add_scatter(x=xs, y=ys, fill="toself", mode="lines", fillcolor=color, opacity=shade,
                        line={"color": "#333333", "width": 1}, hoverinfo="skip", showlegend=False)


def volumes(result: TraceResult, lang: str, current: int | None = None) -> go.Figure:
    """Every feature-map stack as a box, like Figure 2 of the AlexNet paper, from the trace.

    An overview, not to scale: a box's side grows with the square root of its height in
    pixels and its depth with the logarithm of its channels, so 227 and 6 pixels, 3 and 384
    channels all stay visible. Flat vectors are thin bars. Record ``current`` is highlighted.
    """
    units = [u for u in flow_units(result) if u.first(result).type != "Flatten"]
    stacks = [(t("diagram.input", lang), result.input_shape, -1)] + [
        (stage_label(result, u), u.last(result).output_shape, u.records[0]) for u in units]
    cur_pos = next((i for i, (_, _, idx) in enumerate(stacks) if idx == current), None)
    fig = go.Figure()
    # Every stack gets the same slot, so their names under the axis are evenly spaced; the
    # biggest box fills most of its slot.
    slot = 12.5
    centers: list[float] = []
    names: list[str] = []
    for i, (label, shape, _) in enumerate(stacks):
        color = "#9EC3E6"
        if cur_pos is not None and i == cur_pos:
            color = HIGHLIGHT
        elif cur_pos is not None and i == cur_pos - 1:
            color = palette.BEFORE
        center = i * slot + slot / 2
        if len(shape) == 4:
            side = 0.75 * math.sqrt(shape[2])
            depth = 0.5 * math.log2(shape[1] + 1)
            width = side + depth * 0.6
            _box(fig, center - width / 2, 0, side, side, depth, color)
            caption = f"{shape[2]}×{shape[3]}×{shape[1]}"
        else:
            width, height = 0.8, 0.9 * math.log2(shape[-1] + 1)
            _box(fig, center - width / 2, 0, width, height, 0, color)
            caption = str(shape[-1])
        centers.append(center)
        names.append(f"<b>{label}</b><br>{caption}")
    # The names are the x axis's tick labels: plotly tilts them when they would touch, and a
    # phone-wide chart keeps every second or third (app_pages/live_chart.py).
    fig.update_xaxes(range=[0, len(stacks) * slot], tickmode="array", tickvals=centers, ticktext=names,
                     showgrid=False, zeroline=False, showline=False, ticks="", tickfont={"size": 13},
                     automargin=True, constrain="domain")
    # One scale for both axes keeps the boxes' shape; the plot area shrinks to fit, never the
    # axes' ranges (that would leave the boxes specks in a wide blank).
    fig.update_yaxes(visible=False, scaleanchor="x", range=[-0.3, 13], constrain="domain")
    fig = styled(fig, t("volumes.title", lang), 230)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return fig


def volume_pair(before: tuple[int, ...], after: tuple[int, ...], lang: str,
                kernel: int | None = None) -> go.Figure:
    """A layer's input and output stacks side by side, to scale in all three dimensions.

    Width and height are pixels, depth is channels, all with one scale, as in the paper's
    figure; the kernel's window is drawn on the input's front face. Flat vectors are bars.
    """
    dims = [d for s in (before, after) if len(s) == 4 for d in (s[1], s[2], s[3])]
    scale = 10 / max(dims) if dims else 1.0
    fig = go.Figure()
    x = 0.0
    top = 1.0
    for i, (shape, color) in enumerate(((before, palette.BEFORE), (after, HIGHLIGHT))):
        if len(shape) == 4:
            w, h, d = shape[3] * scale, shape[2] * scale, shape[1] * scale
            _box(fig, x, 0, w, h, d, color)
            top = max(top, h + d * 0.4)
            if i == 0 and kernel:
                k = kernel * scale
                fig.add_scatter(x=[x, x + k, x + k, x, x], y=[h - k, h - k, h, h, h - k],
                                mode="lines", line={"color": "#111111", "width": 3},
                                hoverinfo="skip", showlegend=False)
            caption = f"{shape[2]}×{shape[3]}×{shape[1]}"
            width = w + d * 0.6
        else:
            width = 10.0
            _box(fig, x, 0, width, 0.4, 0, color)
            caption = t("shape.flat", lang, n=shape[-1])
        fig.add_annotation(x=x + width / 2, y=-0.6, text=f"<b>{caption}</b>", showarrow=False,
                           yanchor="top", font={"size": 15})
        x += width + 3
    fig.update_xaxes(visible=False, range=[-0.5, x - 2.5])
    fig.update_yaxes(visible=False, scaleanchor="x", range=[-0.25 * top - 1, top * 1.05])
    fig = styled(fig, t("volumes.pair", lang), 360)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 70, "b": 10})  # a two-line title
    return fig


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
    return styled(fig, t("inc.chart", lang), 440)


def ledger_line(rows: list[tuple[str, int, str]], lang: str, growth: int | None) -> go.Figure:
    """DenseNet's channel count after every layer: k0 + l*k climbing, halved at transitions."""
    x = list(range(len(rows)))
    colors = [HIGHLIGHT if kind == "transition" else CHANNEL_COLOR for _, _, kind in rows]
    fig = go.Figure()
    fig.add_scatter(x=x, y=[c for _, c, _ in rows], mode="lines+markers",
                    line={"color": CHANNEL_COLOR, "width": 2}, marker={"color": colors, "size": 8},
                    hovertext=[f"<b>{label}</b><br>{c}" for label, c, _ in rows], hoverinfo="text",
                    showlegend=False)
    for i, (label, c, kind) in enumerate(rows):
        if kind != "layer" or i + 1 == len(rows) or rows[i + 1][2] != "layer":
            fig.add_annotation(x=i, y=c, text=f"<b>{c}</b>", showarrow=False, yshift=14,
                               font={"size": 14})
        if kind == "transition":
            fig.add_annotation(x=i, y=c, text=label, showarrow=False, yshift=-18,
                               font={"size": 12, "color": HIGHLIGHT})
    fig.update_layout(xaxis={"title": t("dense.layer_axis", lang)},
                      yaxis={"title": t("flow.channels", lang), "rangemode": "tozero",
                             "gridcolor": palette.GRID})
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
    fig.update_yaxes(title_text=t("fam.params_m", lang), secondary_y=False, gridcolor=palette.GRID)
    fig.update_yaxes(title_text=t("fam.macs_g", lang), secondary_y=True, showgrid=False)
    fig.update_layout(barmode="group")
    return styled(fig, t("fam.title", lang), 420)


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn at ``size`` px (Hangul is square, Latin narrower)."""
    return sum(size * (1.0 if ord(ch) > 0x2E80 else 0.3 if ch == " " else 0.6) for ch in text)


# Where a point's label may go (plotly's textposition), nearest first, and the offset of the
# label's centre in units of (marker radius + label half-size).
_SPOTS = (("top center", 0, -1), ("bottom center", 0, 1), ("middle right", 1, 0),
          ("middle left", -1, 0), ("top right", 0.8, -0.8), ("top left", -0.8, -0.8),
          ("bottom right", 0.8, 0.8), ("bottom left", -0.8, 0.8))


def place_labels(points: list[tuple[float, float, float]], texts: list[str], size: float,
                 width: float, height: float) -> list[str | None]:
    """A textposition for each point's label such that no two labels touch and none crosses
    the plot's edge, at a plot area of ``width`` x ``height`` px; None where none fits (the
    label is dropped: its point keeps it on hover).

    ``points`` are (x px, y px from the top, marker radius px). A label is also kept off other
    markers where it can be. Greedy, nearest spot first: a dozen points need nothing cleverer.
    Placements that fit a narrow plot fit every wider one (points only move apart in x).
    """
    placed: list[tuple[float, float, float, float]] = []
    out: list[str | None] = []
    h = size * 1.25
    for (x, y, r), text in zip(points, texts, strict=True):
        w = text_width(text, size) + 4
        best: tuple[int, str, tuple[float, float, float, float]] | None = None
        for spot, dx, dy in _SPOTS:
            cx, cy = x + dx * (r + w / 2 + 2), y + dy * (r + h / 2 + 1)
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                continue
            covers = sum(1 for px, py, pr in points if (px, py) != (x, y)
                         and box[0] - pr < px < box[2] + pr and box[1] - pr < py < box[3] + pr)
            if best is None or covers < best[0]:
                best = (covers, spot, box)
            if covers == 0:
                break
        if best is None:
            out.append(None)
        else:
            out.append(best[1])
            placed.append(best[2])
    return out


def short_name(name: str) -> str:
    """ResNet-18 -> R18, DenseNet-121 -> D121 (a phone's chart label); GoogLeNet stays."""
    family, _, depth = name.partition("-")
    return f"{family[0]}{depth}" if depth else name


def accuracy_bubbles(rows: list[dict[str, float | str]], lang: str) -> go.Figure:
    """Top-1 accuracy against MACs, bubble area proportional to parameters.

    Each family has its colour and its marker shape (visualizer/palette.py). Labels are placed
    so that none touch, for a desktop-wide plot with full names and for a phone with short ones
    (``layout.meta.narrow``, applied by the page's chart at phone width); a label that does not
    fit is dropped, and the name stays on hover.
    """
    rows = [r for r in rows if r.get("top1") is not None]
    biggest = max(float(r["params"]) for r in rows)
    sizeref = 2.0 * biggest / 60**2
    logs = [math.log10(float(r["macs"]) / 1e9) for r in rows]
    tops = [float(r["top1"]) for r in rows]  # type: ignore[arg-type]
    # Room for the biggest bubble (AlexNet's 61 M parameters) inside the axes.
    x_range = [min(logs) - 0.35, max(logs) + 0.3]
    y_range = [min(tops) - 6, max(tops) + 4]
    height, margin = 520, {"l": 70, "r": 20, "t": 110, "b": 70}
    plot_h = height - margin["t"] - margin["b"]

    def spots(plot_w: float, names: list[str]) -> list[str | None]:
        points = [((lx - x_range[0]) / (x_range[1] - x_range[0]) * plot_w,
                   (y_range[1] - ty) / (y_range[1] - y_range[0]) * plot_h,
                   max(3.0, math.sqrt(2 * float(r["params"]) / sizeref) / 2))
                  for lx, ty, r in zip(logs, tops, rows, strict=True)]
        return place_labels(points, names, 14, plot_w, plot_h)

    full = [str(r.get("short", r["name"])) for r in rows]
    short = [short_name(n) for n in full]
    wide, narrow = spots(560, full), spots(250, short)
    fig = go.Figure()
    narrow_traces: dict[int, dict[str, Any]] = {}
    for family in dict.fromkeys(str(r["family"]) for r in rows):
        idx = [i for i, r in enumerate(rows) if r["family"] == family]
        color, symbol = palette.FAMILY.get(family, (palette.GRAY, "circle"))
        narrow_traces[len(fig.data)] = {
            "text": [short[i] if narrow[i] else "" for i in idx],
            "textposition": [narrow[i] or "top center" for i in idx]}
        fig.add_scatter(
            x=[float(rows[i]["macs"]) / 1e9 for i in idx], y=[tops[i] for i in idx],
            mode="markers+text", name=t(f"family.{family}", lang),
            text=[full[i] if wide[i] else "" for i in idx],
            textposition=[wide[i] or "top center" for i in idx], textfont={"size": 14},
            marker={"size": [float(rows[i]["params"]) for i in idx], "sizemode": "area",
                    "sizeref": sizeref, "sizemin": 6, "opacity": 0.75, "color": color,
                    "symbol": symbol, "line": {"color": "#333333", "width": 1}},
            hovertext=[f"<b>{rows[i]['name']}</b><br>{float(rows[i]['macs']) / 1e9:.2f} G MACs<br>"
                       f"{float(rows[i]['params']) / 1e6:.1f} M<br>top-1 {rows[i]['top1']}%"
                       for i in idx],
            hoverinfo="text", cliponaxis=False)
    fig.update_layout(xaxis={"title": t("cmp.macs_axis", lang), "type": "log", "gridcolor": palette.GRID,
                             "range": x_range},
                      yaxis={"title": t("cmp.top1_axis", lang), "gridcolor": palette.GRID,
                             "range": y_range},
                      meta={"narrow": {str(k): v for k, v in narrow_traces.items()}})
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
