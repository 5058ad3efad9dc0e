# mypy: disable-error-code="union-attr,operator,index,attr-defined"
# (this file reads the zoo blocks' submodules by name, which torch types as Tensor | Module)
"""From the zoo: any zoo model as a design with exactly its parameters and MACs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from torch import nn

from models import get_entry
from models.cifar import PlainBlock
from models.densenet import DenseBlock, Transition
from models.googlenet import Inception
from models.notebooks import D2LInception, D2LResidual, DenseBlockNotebook, TransitionNotebook
from models.ops import ShortcutA
from models.resnet import BasicBlock, Bottleneck, ResidualBlock
from visualizer.design.errors import DesignError
from visualizer.design.schema import Design, Item, parse
from visualizer.trace import named_model, trace_named
from visualizer.trace.rules import rule_for


def block_data(m: Any) -> dict[str, Any] | None:
    """A zoo module as one item's data, or ``None`` if it is a container to look inside."""
    if isinstance(m, PlainBlock | BasicBlock | Bottleneck):
        kind = ("plain" if isinstance(m, PlainBlock) else
                "bottleneck" if isinstance(m, Bottleneck) else "basic")
        strided = m.conv2 if isinstance(m, Bottleneck) else m.conv1
        return {"type": "residual", "block": kind, "width": m.conv1.out_channels,
                "stride": strided.stride[0]}
    if isinstance(m, D2LResidual):
        return {"type": "residual", "block": "d2l", "width": m.conv1.out_channels,
                "stride": m.conv1.stride[0]}
    if isinstance(m, D2LInception):  # the zoo's Inception without batch norm has its numbers
        return {"type": "inception", "c1": m.p1_1.out_channels, "c3r": m.p2_1.out_channels,
                "c3": m.p2_2.out_channels, "c5r": m.p3_1.out_channels, "c5": m.p3_2.out_channels,
                "pool": m.p4_2.out_channels, "five": m.p3_2.kernel_size[0], "batch_norm": False}
    if isinstance(m, DenseBlockNotebook):
        return {"type": "dense_block", "layers": m.num_layers, "growth": m.conv1.out_channels,
                "style": "notebook"}
    if isinstance(m, TransitionNotebook):
        return {"type": "transition", "compression": m.conv.out_channels / m.conv.in_channels,
                "style": "notebook"}
    if isinstance(m, ResidualBlock):  # the lecture's block (its head, if any, is separate)
        return {"type": "residual", "block": "lecture", "width": m.residual_block[0].out_channels}
    if isinstance(m, DenseBlock):
        first = m.denselayer1
        return {"type": "dense_block", "layers": len(list(m.children())), "growth": first.conv2.out_channels,
                "bn_size": first.conv1.out_channels // first.conv2.out_channels}
    if isinstance(m, Transition):
        return {"type": "transition", "compression": m.conv.out_channels / m.conv.in_channels}
    if isinstance(m, Inception):
        b2, b3 = m.branch2, m.branch3
        return {"type": "inception", "c1": m.branch1.conv.out_channels,
                "c3r": b2[0].conv.out_channels, "c3": b2[1].conv.out_channels,
                "c5r": b3[0].conv.out_channels, "c5": b3[1].conv.out_channels,
                "pool": m.branch4[1].conv.out_channels, "five": b3[1].conv.kernel_size[0],
                "batch_norm": not isinstance(m.branch1.bn, nn.Identity)}
    found = rule_for(m)  # a layer: its type's, if the builder offers it
    offer = found[0].offer if found else None
    return None if found is None or offer is None else {"type": found[0].key, **offer.data(m)}


def from_zoo(name: str, **config: Any) -> Design:
    """A zoo model as a design, in the order its forward pass calls its modules.

    The design keeps the model's exact parameters and MACs (the tests check every zoo model):
    blocks become block items, other layers layer items, identities are left out, and a
    stage's blocks become one residual item with a repeat count.
    """
    entry = get_entry(name)
    c, size, _ = entry.default_input
    model = named_model(name, **config)
    modules = dict(model.named_modules())
    done: list[str] = []
    items: list[dict[str, Any]] = []
    if isinstance(model, ResidualBlock):  # the lecture's block is the model, then its head
        items.append(block_data(model) or {})
        done = [n for n, _ in model.named_children() if n != "head"]
    for r in trace_named(name, **config).records[1:]:
        if any(r.name == d or r.name.startswith(d + ".") for d in done):
            continue
        data = block_data(modules[r.name])
        if data is not None:
            done.append(r.name)
            items.append(data)
        elif r.is_leaf and r.kind != "identity":
            raise DesignError("zoo_layer", value=r.type)
    if any(isinstance(m, ShortcutA) for m in modules.values()):  # the paper's option A throughout
        items = [d | {"shortcut": "zeros"} if d["type"] == "residual" else d for d in items]
    design = parse({"name": name, "input": [config.get("in_channels", c), size], "items": items})
    return replace(design, items=tuple(_merged(design.items)))


def _merged(items: tuple[Item, ...]) -> Iterator[Item]:
    """Runs of the same item in a row as one item with a repeat count (a residual item's
    later blocks have stride 1: the first block's stride is the item's)."""
    pending: Item | None = None
    for it in items:
        follows = pending is not None and pending.type == it.type and it.type in ("residual", "conv") and (
            it == pending.with_(repeat=it.repeat) if it.type == "conv"
            else it.settings == pending.with_(stride=1).settings)
        if follows and pending is not None:
            pending = pending.with_(repeat=pending.repeat + it.repeat)
            continue
        if pending is not None:
            yield pending
        pending = it
    if pending is not None:
        yield pending
