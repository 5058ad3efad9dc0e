"""TraceResult -> plotly figures, and what every chart shares: the font, the layout, the plain
JSON the browser takes, and the projector's variant. The lessons' own charts are in
visualizer/lesson_charts.py and visualizer/shortcut_charts.py; only these three import plotly."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import plotly.io as pio

from visualizer import palette
from visualizer.i18n import number, shape_text, t
from visualizer.records import TraceResult
from visualizer.structure import Unit, cost_units, flow_units, stage_label

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


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn at ``size`` px (Hangul is square, Latin narrower)."""
    return sum(size * (1.0 if ord(ch) > 0x2E80 else 0.3 if ch == " " else 0.6) for ch in text)


def wrap_words(text: str, size: float, room: float) -> str:
    """``text`` broken with ``<br>`` at spaces so that no line is wider than ``room`` px at
    ``size`` px; a word, or a group in brackets ("(로그 눈금)"), longer than that keeps its own
    line whole."""
    lines: list[str] = []
    for word in re.findall(r"\([^)]*\)|[^ ]+", text):
        if lines and text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "<br>".join(lines)


PROJECTOR_FONT_MIN = 18  # px: the smallest chart label a projector shows (the back row)
PROJECTOR_SCALE = 1.4
# px: the longest line of a y axis's title on a slide (at 21 px, five Hangul syllables), shorter
# than the plots of the slide charts that have one at 1366x768: ResNet ②'s 197 px, the notebook
# tabs' lower panel ~135 px, ResNet ①'s four panels ~110 px each (its "오류율 (%)", 115 px on
# one line, ran past them)
PROJECTOR_AXIS_TITLE_PX = 105


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
    # a value label plotly would shrink to fit its bar is hidden instead: never under 18 px
    layout["uniformtext"] = {"minsize": PROJECTOR_FONT_MIN, "mode": "hide"}
    layout.setdefault("font", {"size": PROJECTOR_FONT_MIN, "color": "#000000"})
    if isinstance(layout.get("height"), int | float):
        layout["height"] = round(layout["height"] * 1.3)
    margin = layout.get("margin")
    if isinstance(margin, dict) and isinstance(margin.get("t"), int | float):
        margin["t"] = round(margin["t"] * 1.3)
    # A y axis's title on lines no longer than the shortest plot a slide draws: at 1.4x its
    # size "‖∂손실/∂W‖ (로그 눈금)" was ~240 px along a 197 px plot (ResNet ②, 1366x768), and
    # ran past the plot's top. (A single word longer than that keeps its line: ‖∂손실/∂W‖.)
    body = (layout.get("font") or {}).get("size", PROJECTOR_FONT_MIN)
    for key, axis in layout.items():
        title = axis.get("title") if key.startswith("yaxis") and isinstance(axis, dict) else None
        if isinstance(title, dict) and isinstance(title.get("text"), str):
            size = (title.get("font") or {}).get("size", body)
            title["text"] = "<br>".join(wrap_words(part, size, PROJECTOR_AXIS_TITLE_PX)
                                        for part in title["text"].split("<br>"))
            # clear of the tick labels by half a letter: at plotly's own distance the wrapped
            # "(로그 눈금)" ran into "10²" (ResNet ②, 1366x768). A right axis's title is set off
            # from narrower numbers than its widest (measured: "MACs (십억)" 4 px from "15" at
            # half a letter), so by a whole letter.
            title.setdefault("standoff", round(size if axis.get("side") == "right" else size / 2))
    return out  # type: ignore[no-any-return]


def shows_legend(figure: dict[str, Any]) -> bool:
    """Whether plotly.js draws a legend for ``figure`` (plain JSON data), by its own rule: if
    ``layout.showlegend`` does not say, when two or more traces would be in it, or one trace
    asks to be (``showlegend: true``)."""
    layout = figure.get("layout") or {}
    traces = figure.get("data") or []
    entries = [trace for trace in traces if trace.get("showlegend") is not False]
    if layout.get("showlegend") is not None:
        return bool(layout["showlegend"]) and bool(entries)
    return len(entries) >= 2 or any(trace.get("showlegend") is True for trace in traces)


# px above a slide's plot when it has no title and no legend: the top half of its topmost tick
# label (18 px text) and a little air
SLIDE_TOP_BARE = 24
# px above a slide's plot for a legend's row of 18 px names, when the slide has no title
SLIDE_TOP_LEGEND = 70


def slide_top(figure: dict[str, Any], keep_title: bool = True) -> dict[str, Any]:
    """A slide's chart (``figure`` as :func:`for_projector` made it) with the room above its plot
    for what is there, and no more: the title's lines if it keeps its title, and a legend's
    row if it has a legend. The page's layout keeps room for a legend that wraps onto three
    lines on a phone (base_layout); on a slide without a legend that room stood empty (about
    80 px at 1366x768). A slide whose chart has both keeps its page's room."""
    layout = dict(figure.get("layout") or {})
    legend = shows_legend(figure)
    title = layout.get("title") if keep_title else None
    text = title.get("text") if isinstance(title, dict) else None
    if not keep_title:
        layout["title"] = {"text": ""}
        top = SLIDE_TOP_LEGEND if legend else SLIDE_TOP_BARE
    elif text and not legend:
        size = ((title.get("font") or {}).get("size")  # type: ignore[union-attr]
                or (layout.get("font") or {}).get("size") or PROJECTOR_FONT_MIN)
        # the title's lines, set 0.985 of the way up the chart: 1.5 % of a 1080 px slide
        # (16 px) above it, a line and a quarter each, and as much air below them again
        top = round(16 + (text.count("<br>") + 1) * size * 1.25 + 16)
    else:
        return figure
    layout["margin"] = {**(layout.get("margin") or {}), "t": top}
    return {**figure, "layout": layout}


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
        # A bar's value that would be drawn under 10 px (plotly shrinks it to fit a thin bar:
        # 4-5 px on a phone) is left out instead; the hover still says it.
        "uniformtext": {"minsize": 10, "mode": "hide"},
        "plot_bgcolor": "white", "paper_bgcolor": "white",
    }


def styled(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(base_layout(title, height))
    return fig


# A compact flow chart (a slide) is about 1,100 px wide at 1366x768; a size's label (three
# digits at 16 px) about 36 px.
SLIDE_PLOT_WIDTH, SIZE_LABEL_WIDTH = 1100, 36


def _lasting(changes: list[int], points: int) -> list[int]:
    """The points of ``changes`` (where the size changes, the input first) whose label ends
    before the next label on a slide, taken from the last: a size that lasts one point of 55
    (ResNet-152's 112, between its first convolution and its max-pool) would write its number
    over the next one's. The input's label and the last one always stay."""
    gap = math.ceil(SIZE_LABEL_WIDTH * points / SLIDE_PLOT_WIDTH)
    kept = changes[-1:]
    for i in reversed(changes[1:-1]):
        if kept[0] - i >= gap:
            kept.insert(0, i)
    return sorted({changes[0], *kept}) if changes else []


def _part_ticks(labels: list[str], char: int = 11) -> tuple[list[float], list[str]]:
    """Level names under a slide's flow chart: each part of the network (the name before the
    first dot: denseblock2, layer3, conv1) under the middle of its points, the longest parts
    first. A name that would touch one already placed goes on a second line under the first
    (written after a line break); one that touches a name on both lines is left out (``char``:
    px a letter at a slide's 18 px, in a plot about SLIDE_PLOT_WIDTH wide). One line only, AlexNet
    lost "flatten" beside "avgpool": the 9216 the lecture is about had no name (issue 30)."""
    parts: list[tuple[int, int, str]] = []  # (first point, last point, name)
    for i, label in enumerate(labels):
        name = label.split(".")[0]
        if parts and parts[-1][2] == name:
            parts[-1] = (parts[-1][0], i, name)
        else:
            parts.append((i, i, name))
    step = SLIDE_PLOT_WIDTH / max(len(labels), 1)
    lines: tuple[list[tuple[float, float]], ...] = ([], [])  # each line's (left px, right px)
    placed: list[tuple[float, str]] = []  # (middle point, tick text)
    for first, last, name in sorted(parts, key=lambda p: (p[0] - p[1], p[0])):
        middle = (first + last) / 2
        half = len(name) * char / 2 + 6
        left, right = middle * step - half, middle * step + half
        for row, taken in enumerate(lines):
            if all(right <= a or left >= b for a, b in taken):
                taken.append((left, right))
                placed.append((middle, "<br>" * row + name))
                break
    placed.sort()
    return [p[0] for p in placed], [p[1] for p in placed]


def shape_flow(result: TraceResult, lang: str, selected: int | None = None,
               compact: bool = False) -> go.Figure:
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
    if compact:  # a slide's short panel: a size that lasts less than a label's width goes
        shown = _lasting(shown, len(x))
    data.append({"type": "scatter", "mode": "text", "x": shown, "y": [sizes[i] for i in shown],
                 "text": [text[i] for i in shown], "textposition": "top right",
                 "textfont": {"size": 16, "color": SIZE_COLOR}, "hoverinfo": "skip",
                 "showlegend": False, "xaxis": "x", "yaxis": "y"})
    step = math.ceil(len(x) / MAX_TICKS)
    # compact (a slide): the names of the network's parts, level (a tilted
    # "denseblock3.denselayer13" took half of a 1366x768 slide's chart height)
    ticks = _part_ticks(labels) if compact else (x[::step], labels[::step])
    top = max((s for s in sizes if s is not None), default=1)
    counts = [m or f or 1 for m, f in zip(maps, flat, strict=True)]  # each bar's channels or features
    biggest = max(counts)
    # A bar of 1 channel is 0 decades tall on a log axis from 1: a grey picture's input column
    # stood empty (the builder's Fashion-MNIST design). From half a channel, it shows.
    floor = -0.3 if min(counts) == 1 else 0
    # Two rows sharing x: 0.55 and 0.45 of the height left by a 0.08 gap between them.
    layout = {
        # Many steps have long rotated names (denseblock3.denselayer17): a taller chart keeps
        # the panels their height above them.
        **base_layout(t("flow.title", lang), 560 if few else 700), "bargap": 0.25,
        "barmode": "overlay",
        # compact: no legend (its three entries take three lines in a slide's column); the axis
        # titles and the layer names say what each panel shows
        **({"showlegend": False} if compact else {}),
        "xaxis": {"anchor": "y", "matches": "x2", "showticklabels": False},
        # compact (a slide): short axis titles, so that the two fit beside short panels
        "yaxis": {"anchor": "x", "domain": [0.58 if compact else 0.494, 1.0],
                  "title": {"text": t("flow.size.short" if compact else "flow.size", lang)},
                  # compact panels are short: their value labels need more room above the top
                  "range": [0, top * (1.45 if compact else 1.2)], "gridcolor": palette.GRID,
                  "automargin": True},
        "xaxis2": {"anchor": "y2", "tickmode": "array", "tickvals": ticks[0], "ticktext": ticks[1],
                   "tickangle": 0 if compact else -45, "automargin": True},
        "yaxis2": {"anchor": "x2", "domain": [0.0, 0.5 if compact else 0.414],
                   "title": {"text": t("flow.channels.short" if compact else "flow.channels", lang)},
                   "type": "log", "dtick": 1,
                   "range": [floor, math.log10(biggest) + (1.3 if compact else 0.5)],
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
    units = [u for u in flow_units(result) if u.first(result).kind != "flatten"]
    stacks = [(t("diagram.input", lang), result.input_shape, -1)] + [
        (stage_label(result, u), u.last(result).output_shape, u.records[0]) for u in units]
    cur_pos = next((i for i, (_, _, idx) in enumerate(stacks) if idx == current), None)
    fig = go.Figure()
    # Every stack gets the same slot, so their names under the axis are evenly spaced; the
    # biggest box fills most of its slot.
    slot = 12.5
    centers: list[float] = []
    names: list[str] = []
    drawn: list[tuple[range, float]] = []  # each stack's traces and its height in units
    for i, (label, shape, _) in enumerate(stacks):
        color = "#9EC3E6"
        if cur_pos is not None and i == cur_pos:
            color = HIGHLIGHT
        elif cur_pos is not None and i == cur_pos - 1:
            color = palette.BEFORE
        center = i * slot + slot / 2
        first = len(fig.data)
        if len(shape) == 4:
            side = 0.75 * math.sqrt(shape[2])
            depth = 0.5 * math.log2(shape[1] + 1)
            width = side + depth * 0.6
            _box(fig, center - width / 2, 0, side, side, depth, color)
            caption = f"{shape[2]}×{shape[3]}×{shape[1]}"
            drawn.append((range(first, len(fig.data)), side + depth * 0.4))
        else:
            width, height = 0.8, 0.9 * math.log2(shape[-1] + 1)
            _box(fig, center - width / 2, 0, width, height, 0, color)
            caption = str(shape[-1])
            drawn.append((range(first, len(fig.data)), height))
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
    fig.update_layout(margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      meta={"narrow": _volume_grid(fig, centers, names, drawn, slot)})
    return fig


# A phone's strip: the stacks in rows of STRIP_COLUMNS, each named under its box. In one row,
# 14 names in a 340 px plot kept every third (6 of AlexNet's 14 named).
STRIP_COLUMNS = 4
STRIP_PHONE_PLOT = 330  # px: a 390 px phone's chart (356 px), less the margins and a little
STRIP_NAME_SIZE = 12


def _volume_grid(fig: go.Figure, centers: list[float], names: list[str],
                 drawn: list[tuple[range, float]], slot: float) -> dict[str, Any]:
    """``layout.meta.narrow`` for :func:`volumes`: every box moved to its place in the grid (its
    traces' new x and y), a name under each, and the height that holds the rows."""
    per_unit = STRIP_PHONE_PLOT / (STRIP_COLUMNS * slot)
    name_room = (2 * STRIP_NAME_SIZE * 1.3 + 8) / per_unit  # two lines and a gap, in units
    narrow: dict[str, Any] = {}
    notes: list[dict[str, Any]] = []
    base = 0.0  # the current row's floor; rows go downwards
    for start in range(0, len(centers), STRIP_COLUMNS):
        row = range(start, min(start + STRIP_COLUMNS, len(centers)))
        base -= max(drawn[i][1] for i in row) + 0.6
        for col, i in enumerate(row):
            dx = col * slot + slot / 2 - centers[i]
            for j in drawn[i][0]:
                trace = fig.data[j]
                narrow[str(j)] = {"x": [x + dx for x in trace.x], "y": [y + base for y in trace.y]}
            notes.append({"x": col * slot + slot / 2, "y": base - 0.3, "text": names[i], "showarrow": False,
                          "yanchor": "top", "font": {"size": STRIP_NAME_SIZE}})
        base -= name_room
    plot_px = -base * per_unit
    narrow["layout"] = {
        "xaxis": {"visible": False, "range": [0, STRIP_COLUMNS * slot], "constrain": "domain",
                  "fixedrange": True, "domain": [0, 1]},
        "yaxis": {"visible": False, "range": [base, 0], "scaleanchor": "x", "constrain": "domain",
                  "fixedrange": True, "domain": [0, 1]},
        "annotations": notes, "height": round(plot_px + 50 + 10 + 20)}
    return narrow


def volume_pair(before: tuple[int, ...], after: tuple[int, ...], lang: str,
                kernel: int | None = None) -> go.Figure:
    """A layer's input and output stacks side by side, to scale in all three dimensions.

    Width and height are pixels, depth is channels, all with one scale, as in the paper's
    figure; the kernel's window is drawn on the input's front face. Flat vectors are bars.
    """
    dims = [d for s in (before, after) if len(s) == 4 for d in (s[1], s[2], s[3])]
    scale = 10 / max(dims) if dims else 1.0
    # each volume: (width, height, depth) in the picture's units, its width with its depth
    # drawn aside, and its caption
    parts = []
    for shape in (before, after):
        if len(shape) == 4:
            w, h, d = shape[3] * scale, shape[2] * scale, shape[1] * scale
            parts.append((w, h, d, w + d * 0.6, f"{shape[2]}×{shape[3]}×{shape[1]}"))
        else:  # its length only ("4096"): two long vectors side by side (fc6, fc7) wrote their
            # sentences over each other; the step's own text says what the numbers are
            parts.append((10.0, 0.4, 0.0, 10.0, f"{shape[-1]}"))
    top = max(1.0, *(h + d * 0.4 for w, h, d, _, _ in parts))
    # Would the two captions meet when the picture is drawn its smallest (a slide's 200 px at
    # the projector's font, 1.4 x 15 px, an average digit or x 0.62 of it)? Then the second
    # goes a line lower, as two flat vectors' always do: at 1366x768 the captions 224x224x3
    # and 55x55x64 ran into each other. Plotly widens both ranges to keep one scale: about
    # 1.5 x the y range set below is drawn over the plot's 166 px (measured in the browser).
    units_per_px = 1.5 * (1.3 * top + 1) / (200 - 24 - 10)
    captions_px = sum(len(c) for *_, c in parts) / 2 * 15 * PROJECTOR_SCALE * 0.62 + 8
    meet = captions_px * units_per_px > (parts[0][3] + parts[1][3]) / 2 + 3
    fig = go.Figure()
    x = 0.0
    colors = (palette.BEFORE, HIGHLIGHT)
    for i, ((w, h, d, width, caption), color) in enumerate(zip(parts, colors, strict=True)):
        _box(fig, x, 0, w, h, d, color)
        if i == 0 and kernel and d:
            k = kernel * scale
            fig.add_scatter(x=[x, x + k, x + k, x, x], y=[h - k, h - k, h, h, h - k],
                            mode="lines", line={"color": "#111111", "width": 3},
                            hoverinfo="skip", showlegend=False)
        # Two flat vectors side by side: the second's caption a line lower, in pixels, so the two
        # never meet however narrow the chart is drawn (a slide's column at 1366 px did that).
        lower = -26 if i == 1 and (meet or (len(before) != 4 and len(after) != 4)) else 0
        fig.add_annotation(x=x + width / 2, y=-0.6, text=f"<b>{caption}</b>", showarrow=False,
                           yanchor="top", font={"size": 15}, yshift=lower)
        x += width + 3
    fig.update_xaxes(visible=False, range=[-0.5, x - 2.5])
    fig.update_yaxes(visible=False, scaleanchor="x", range=[-0.25 * top - 1, top * 1.05])
    fig = styled(fig, t("volumes.pair", lang), 360)
    # a two-line title; a caption a line lower has that line's pixels below the plot (the room
    # under the boxes is in the picture's units, and a slide's short chart, 10 px lower once its
    # heading kept its space, cut "55×55×64" at its bottom)
    lowered = meet or (len(before) != 4 and len(after) != 4)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 70, "b": 36 if lowered else 10})
    return fig
