"""The diagram's DOT: GPU lanes, merge nodes, identity edges, repeat counts, shapes on edges."""

from __future__ import annotations

import re

from visualizer.diagram import DiagramOptions, to_dot
from visualizer.trace import trace_named


def test_paper_alexnet_has_two_gpu_lanes_with_half_the_filters() -> None:
    dot = to_dot(trace_named("alexnet_paper", 227), DiagramOptions(lang="en"))
    assert "cluster_gpu0" in dot and "cluster_gpu1" in dot
    # 96, 256, 384, 384, 256 filters in all: half on each GPU
    assert re.findall(r"stride \d · (\d+) filters", dot) == ["48", "128", "192", "192", "128"] * 2
    assert 'label="48×55×55"' in dot  # each GPU carries half of conv1's maps


def test_residual_add_and_identity_edge() -> None:
    dot = to_dot(trace_named("resnet18", 224), DiagramOptions(lang="en"))
    assert "<b>+</b>" in dot
    # the shortcut's name and shape in one label beside the dashed line, not across it
    assert 'style=dashed, label="\\l   x (identity)\\l   64×56×56\\l"' in dot
    assert 'label="64×56×56"' in dot


def test_dense_concat_and_repeats() -> None:
    dot = to_dot(trace_named("densenet121", 224), DiagramOptions(lang="en"))
    assert "<b>C</b>" in dot
    assert "DenseLayer x5" in dot  # the first of six layers is drawn open
    closed = to_dot(trace_named("densenet121", 224), DiagramOptions(lang="en", detail="overview"))
    assert "DenseLayer x6" in closed and "DenseLayer x24" in closed and "<b>C</b>" not in closed
