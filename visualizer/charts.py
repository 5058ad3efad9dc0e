"""TraceResult -> plotly figures. The only module that imports plotly."""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from visualizer.analysis import Unit, cost_units, flow_units, stage_label
from visualizer.i18n import number, shape_text, t
from visualizer.records import TraceResult

FONT = "NanumGothic, Noto Sans CJK KR, sans-serif"  # Hangul in the browser and in exports
SIZE_COLOR = "#2F6DB5"
CHANNEL_COLOR = "#C8741F"
PARAM_COLOR = "#C8741F"
MAC_COLOR = "#2F6DB5"
HIGHLIGHT = "#E4572E"
FLAT_COLOR = "#8E6BB8"


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font={"family": FONT, "size": 15},
        height=height, margin={"l": 60, "r": 60, "t": 60, "b": 40},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        hoverlabel={"font": {"family": FONT, "size": 14}},
        plot_bgcolor="white", paper_bgcolor="white",
    )
    return fig


def shape_flow(result: TraceResult, lang: str, selected: int | None = None) -> go.Figure:
    """Two panels sharing the layer axis: spatial size on top, channels below.

    The size panel writes each new size on its point (the lecture's 224, 55, 27, 13, 6);
    the channel panel uses a log scale so 64 and 9216 both stay visible, and draws the
    flattened feature vectors in a second colour. Each point's ``customdata`` is the record
    index, so a click can select the layer.
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
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        row_heights=[0.55, 0.45])
    fig.add_scatter(x=x, y=sizes, name=t("flow.size", lang), mode="lines+markers+text",
                    text=text, textposition="top right", line={"color": SIZE_COLOR, "width": 3},
                    marker={"size": 9}, customdata=index, hovertext=hover, hoverinfo="text",
                    textfont={"size": 16, "color": SIZE_COLOR}, row=1, col=1)
    fig.add_bar(x=x, y=maps, name=t("flow.channels", lang), marker_color=CHANNEL_COLOR,
                customdata=index, hovertext=hover, hoverinfo="text",
                text=[str(m) if m and few else "" for m in maps], textposition="outside",
                row=2, col=1)
    if any(flat):
        fig.add_bar(x=x, y=flat, name=t("flow.features", lang), marker_color=FLAT_COLOR,
                    customdata=index, hovertext=hover, hoverinfo="text",
                    text=[str(f) if f else "" for f in flat], textposition="outside",
                    row=2, col=1)
    if selected is not None and selected in index:
        fig.add_vline(x=index.index(selected), line={"color": HIGHLIGHT, "width": 2, "dash": "dot"})
    step = max(1, len(x) // 30)
    top = max((s for s in sizes if s is not None), default=1)
    fig.update_yaxes(title_text=t("flow.size", lang), range=[0, top * 1.2], gridcolor="#E5E5E5",
                     row=1, col=1)
    biggest = max(m or f or 1 for m, f in zip(maps, flat, strict=True))
    fig.update_yaxes(title_text=t("flow.channels", lang), type="log", dtick=1,
                     range=[0, math.log10(biggest) + 0.5], gridcolor="#E5E5E5", row=2, col=1)
    fig.update_xaxes(tickmode="array", tickvals=x[::step], ticktext=labels[::step], tickangle=-45,
                     row=2, col=1)
    fig.update_layout(bargap=0.25, barmode="overlay")
    return _layout(fig, t("flow.title", lang), 560)


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
    fig = go.Figure()
    fig.add_bar(x=labels, y=params, name=t("cost.params", lang), marker_color=PARAM_COLOR,
                text=[f"{p:.0f}%" if p >= 1 else "" for p in params], textposition="outside",
                hovertext=p_hover, hoverinfo="text")
    fig.add_bar(x=labels, y=macs, name=t("cost.macs", lang), marker_color=MAC_COLOR,
                text=[f"{m:.0f}%" if m >= 1 else "" for m in macs], textposition="outside",
                hovertext=m_hover, hoverinfo="text")
    top = max(params + macs + [1])
    fig.update_layout(barmode="group", yaxis={"title": t("cost.percent", lang),
                                               "range": [0, top * 1.18], "gridcolor": "#E5E5E5"},
                      xaxis={"tickangle": -30})
    return _layout(fig, t("cost.title", lang), 440)
