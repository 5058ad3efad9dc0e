"""What the pages compute once for the whole class: the figures, tables and diagrams of a view,
cached by Streamlit for every session. The figures are resources (``st.cache_resource``): every
session gets the same :class:`~app_pages.live_chart.SharedFigure`, never changed, instead of
an unpickled copy.

They live here, not in the page files, because a page file runs anew on every rerun and
``st.cache_data`` reads a function's source each time it decorates it: for a page that follows
the teacher, 200 students' pages per step, that was a tenth of each run (bench/follow.py).
Imported once, they are decorated once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.common import cached_trace
from app_pages.live_chart import SharedFigure, share
from models.googlenet import INCEPTION_CFG, Inception
from visualizer import charts
from visualizer import design as ds
from visualizer import queue as q
from visualizer.diagram import DiagramOptions, to_dot
from visualizer.lessons import BlockCost, InceptionCost, block_cost, inception_costs
from visualizer.records import TraceResult
from visualizer.structure import flow_units
from visualizer.tables import layer_rows, notices, table_records
from visualizer.trace import trace

View = tuple[tuple[str, Any], ...]  # the explorer's view as a hashable key of its caches


# ---- AlexNet: a step's two charts --------------------------------------------------------------
# Built once for the class: a class following the teacher reruns the page forty or two hundred
# times per step, and building the two charts took about 10 and 19 ms of each run.

@dataclass(frozen=True)
class AlexNetStep:
    """What a step of AlexNet's walk-through draws: the layer's two volumes, the network's
    diagram with the layer lit, and the whole network's strip with its box lit."""

    pair: SharedFigure
    dot: str
    strip: SharedFigure


@st.cache_resource(max_entries=256, show_spinner=False)
def alexnet_step(_result: TraceResult, layout: str, lang: str, index: int) -> AlexNetStep:
    """Step ``index`` (a record's) of ``layout``'s trace ``_result`` at its size (so not hashed:
    ``layout`` names it). One cached call for the step's three pictures."""
    r = _result.records[index]
    kernel = r.kernel[0] if r.kernel else None
    boxes = [u.records[0] for u in flow_units(_result)]
    stack = max((b for b in boxes if b <= r.index), default=-1)  # its box, or the one before it
    return AlexNetStep(pair=share(charts.volume_pair(r.input_shapes[0], r.output_shape, lang, kernel)),
                       dot=to_dot(_result, DiagramOptions(lang=lang, highlight=r.name)),
                       strip=share(charts.volumes(_result, lang, stack)))


# ---- Inception ----------------------------------------------------------------------------------

@st.cache_data(max_entries=8, show_spinner=False)
def costs(layout: str) -> list[InceptionCost]:
    return inception_costs(cached_trace(layout, 224))


@st.cache_data(max_entries=32, show_spinner=False)
def module_dot(name: str, paper: bool, lang: str, lit: bool = False) -> str:
    """Inception module ``name`` laid out top to bottom; ``lit``: its concatenation lit (on a
    slide, a diagram taller than the slide opens on its lit box)."""
    import torch

    cin = INCEPTION_CFG[name][0]
    size = 28 if name.startswith("inception3") else (14 if name.startswith("inception4") else 7)
    with torch.device("meta"):
        module = Inception(*INCEPTION_CFG[name], five_by_five=5 if paper else 3, batch_norm=not paper)
    result = trace(module, (1, cin, size, size), model_name=name)
    return to_dot(result, DiagramOptions(detail="layers", lang=lang, direction="TB",
                                         highlight="concat" if lit else None))


# ---- ResNet -------------------------------------------------------------------------------------

@st.cache_data(max_entries=64, show_spinner=False)
def block_view(kind: str, cin: int, width: int, size: int, lang: str,
               lit: bool = False) -> tuple[BlockCost, str]:
    """A basic or bottleneck block's cost and diagram; ``lit``: its "+" lit (a slide's)."""
    cost = block_cost(kind, cin, width, size)
    return cost, to_dot(cost.result, DiagramOptions(detail="layers", lang=lang,
                                                    highlight="add" if lit else None))


# ---- The explorer -------------------------------------------------------------------------------

@st.cache_resource(max_entries=256, show_spinner=False)  # a view seen before costs no figure
def flow_figure(_result: TraceResult, v: View, lang: str, selected: int | None,
                compact: bool = False) -> SharedFigure:
    """The flow chart of view ``v``; ``_result`` is that view's trace (so not hashed: the view
    already names it). ``compact``: for a slide."""
    return share(charts.shape_flow(_result, lang, selected, compact))


@st.cache_data(max_entries=256, show_spinner=False)
def layer_table(_result: TraceResult, v: View, lang: str, depth: int,
                minor: bool) -> tuple[pd.DataFrame, list[int]]:
    """The layer table of view ``v`` and the record index of each row (``_result`` is that
    view's trace, so not hashed). Cached: 15 ms for DenseNet-201, 2 ms to unpickle."""
    records = table_records(_result, depth, minor)
    return pd.DataFrame(layer_rows(_result, lang, depth, minor)), [r.index for r in records]


@st.cache_data(max_entries=256, show_spinner=False)
def view_notices(_result: TraceResult, v: View, lang: str) -> list[str]:
    """What to notice in view ``v`` (``_result`` is its trace)."""
    return notices(_result, lang)


# ---- A design trained in class (the feature-map page) ------------------------------------------

@st.cache_resource(max_entries=32, show_spinner=False)
def kept_trace(link: str) -> TraceResult:
    """A kept design's trace (its network is the one the queue traced before training it)."""
    return q.measure(ds.decode(link))[0]
