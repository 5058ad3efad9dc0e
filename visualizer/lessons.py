"""The lessons' experiments: the zoo's own blocks traced on their own, beside what they are
compared with (a naive Inception module, a k x k convolution without its 1x1 reduction, an
add beside a concatenation).

Every block comes from ``models``; each is traced on the meta device (no weights, no
arithmetic).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from models.densenet import DenseLayer
from models.googlenet import NaiveInception
from models.resnet import BasicBlock, Bottleneck, ResidualBlock, projection
from visualizer.records import LayerRecord, TraceResult
from visualizer.trace import trace
from visualizer.trace.rules import of


def conv_weights(records: list[LayerRecord] | tuple[LayerRecord, ...]) -> int:
    """Convolution weights (biases and batch norm left out, as the papers count)."""
    return sum(of(r).weights(r) for r in records if of(r).family == "conv")


def _inside(result: TraceResult, name: str) -> list[LayerRecord]:
    return [r for r in result.leaves() if r.name.startswith(name + ".")]


def _meta_trace(module: nn.Module, shape: tuple[int, ...]) -> TraceResult:
    return trace(module, shape, model_name=type(module).__name__)


@dataclass(frozen=True)
class InceptionCost:
    """One Inception module with its 1x1 reductions vs the naive module on the same input."""

    name: str
    size: int
    cin: int
    widths: tuple[int, int, int]  # 1x1, 3x3, 5x5 outputs
    weights: int
    macs: int
    out_channels: int
    naive_weights: int
    naive_macs: int
    naive_out_channels: int

    @property
    def saving(self) -> float:
        """How many times fewer multiply-adds the reductions need."""
        return self.naive_macs / max(self.macs, 1)


def inception_costs(result: TraceResult) -> list[InceptionCost]:
    """For every Inception module of a GoogLeNet trace: reduced (real) vs naive (Fig. 2a)."""
    out = []
    for r in (x for x in result.records if x.type == "Inception"):
        convs = {x.name: x for x in _inside(result, r.name) if of(x).family == "conv"}
        c1 = convs[f"{r.name}.branch1.conv"].channels
        c3 = convs[f"{r.name}.branch2.1.conv"]
        c5 = convs[f"{r.name}.branch3.1.conv"]
        cin, size = r.input_shapes[0][1], r.input_shapes[0][2]
        with torch.device("meta"):
            five = c5.kernel[0] if c5.kernel else 5
            naive = NaiveInception(cin, c1, c3.channels, c5.channels, five_by_five=five)
        n = _meta_trace(naive, (1, cin, size, r.input_shapes[0][3]))
        leaves = _inside(result, r.name)
        out.append(InceptionCost(
            name=r.label, size=size, cin=cin, widths=(c1, c3.channels, c5.channels),
            weights=conv_weights(leaves), macs=r.macs_total, out_channels=r.channels,
            naive_weights=conv_weights(n.leaves()), naive_macs=n.total_macs,
            naive_out_channels=n.output_shape[1]))
    return out


@dataclass(frozen=True)
class ReductionExample:
    """The lecture's example: a k x k convolution with and without a 1x1 reduction first."""

    reduce_shape: tuple[int, ...]
    reduce_weights: int
    reduce_macs: int
    direct_weights: int
    direct_macs: int
    reduced_weights: int  # the 1x1 and the k x k together
    reduced_macs: int
    out_shape: tuple[int, ...]


def reduction_example(h: int, w: int, cin: int, reduce: int, cout: int, k: int) -> ReductionExample:
    """Trace ``cin -> cout`` (k x k) directly and through ``reduce`` 1x1 filters first."""
    with torch.device("meta"):
        direct = nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2, bias=False))
        reduced = nn.Sequential(nn.Conv2d(cin, reduce, 1, bias=False),
                                nn.Conv2d(reduce, cout, k, padding=k // 2, bias=False))
    d = _meta_trace(direct, (1, cin, h, w))
    r = _meta_trace(reduced, (1, cin, h, w))
    first = r.find("0")
    return ReductionExample(
        reduce_shape=first.output_shape, reduce_weights=conv_weights([first]), reduce_macs=first.macs,
        direct_weights=conv_weights(d.leaves()), direct_macs=d.total_macs,
        reduced_weights=conv_weights(r.leaves()), reduced_macs=r.total_macs,
        out_shape=r.output_shape)


@dataclass(frozen=True)
class BlockCost:
    """One residual block traced on a feature map."""

    kind: str
    in_shape: tuple[int, ...]
    out_shape: tuple[int, ...]
    conv_weights: int
    params: int
    macs: int
    widths: tuple[int, ...]  # channels after each convolution of the main path
    projection: bool
    result: TraceResult  # the block's own trace, for its diagram


def block_cost(kind: str, in_channels: int, width: int, size: int = 56) -> BlockCost:
    """A BasicBlock (two 3x3 of ``width``) or a Bottleneck (1x1 to ``width``, 3x3, 1x1 to
    4 x ``width``), with a projection shortcut if the input does not match the output."""
    block_cls = BasicBlock if kind == "basic" else Bottleneck
    out_channels = width * block_cls.expansion
    with torch.device("meta"):
        downsample = projection(in_channels, out_channels, 1) if in_channels != out_channels else None
        block = block_cls(in_channels, width, 1, downsample)
    r = _meta_trace(block, (1, in_channels, size, size))
    main = [x for x in r.leaves() if of(x).family == "conv" and "downsample" not in x.name]
    return BlockCost(kind=kind, in_shape=r.input_shape, out_shape=r.output_shape,
                     conv_weights=conv_weights(r.leaves()), params=r.total_params,
                     macs=r.total_macs, widths=tuple(x.channels for x in main),
                     projection=downsample is not None, result=r)


def add_vs_concat(channels: int, growth: int, size: int = 56) -> tuple[TraceResult, TraceResult]:
    """The same input through the lecture's residual block (adds) and a dense layer
    (concatenates), each alone, as the lecture shows them."""
    with torch.device("meta"):
        res = ResidualBlock(channels, channels, channels, num_classes=None)
        dense = DenseLayer(channels, growth, bn_size=4)
    return (_meta_trace(res, (1, channels, size, size)),
            _meta_trace(dense, (1, channels, size, size)))
