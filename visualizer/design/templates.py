"""The designs a student starts from (besides the empty one and the zoo's networks)."""

from __future__ import annotations

from typing import Any

from visualizer.design.schema import Design, parse

# Small designs to start from, for Fashion-MNIST (one channel, 28 px): a student's first
# network trains in a minute (see visualizer/queue.py).
TEMPLATES: dict[str, dict[str, Any]] = {
    "tiny": {"input": [1, 28], "items": [
        {"type": "conv", "out": 16}, {"type": "relu"}, {"type": "maxpool"},
        {"type": "conv", "out": 32}, {"type": "relu"}, {"type": "maxpool"},
        {"type": "flatten"}, {"type": "linear", "out": 10}]},
    # LeNet-5 as d2l writes it (sigmoid, average pooling, 120-84-10), padded to take 28 px.
    "lenet": {"input": [1, 28], "items": [
        {"type": "conv", "out": 6, "kernel": 5, "padding": 2}, {"type": "sigmoid"}, {"type": "avgpool"},
        {"type": "conv", "out": 16, "kernel": 5, "padding": 0}, {"type": "sigmoid"}, {"type": "avgpool"},
        {"type": "flatten"}, {"type": "linear", "out": 120}, {"type": "sigmoid"},
        {"type": "linear", "out": 84}, {"type": "sigmoid"}, {"type": "linear", "out": 10}]},
    "mini_resnet": {"input": [1, 28], "items": [
        {"type": "conv", "out": 32, "bias": False}, {"type": "batchnorm"}, {"type": "relu"},
        {"type": "residual", "width": 32, "repeat": 2},
        {"type": "residual", "width": 64, "stride": 2, "repeat": 2},
        {"type": "adaptive_avgpool"}, {"type": "flatten"}, {"type": "linear", "out": 10}]},
    "mini_densenet": {"input": [1, 28], "items": [
        {"type": "conv", "out": 24, "bias": False}, {"type": "batchnorm"}, {"type": "relu"},
        {"type": "dense_block", "layers": 4, "growth": 12},
        {"type": "transition"},
        {"type": "dense_block", "layers": 4, "growth": 12},
        {"type": "batchnorm"}, {"type": "relu"},
        {"type": "adaptive_avgpool"}, {"type": "flatten"}, {"type": "linear", "out": 10}]},
}


def template(name: str) -> Design:
    """A template by name (``"empty"`` for no items)."""
    if name == "empty":
        return Design((), 1, 28)
    return parse(TEMPLATES[name] | {"name": name})

