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


def block_data(m: nn.Module) -> dict[str, Any] | None:
    """A zoo module as one item's data, or ``None`` if it is a container to look inside.
    A block is read by the arguments it was made with (each zoo block keeps them)."""
    if isinstance(m, PlainBlock | BasicBlock | Bottleneck):
        kind = ("plain" if isinstance(m, PlainBlock) else
                "bottleneck" if isinstance(m, Bottleneck) else "basic")
        return {"type": "residual", "block": kind, "width": m.planes, "stride": m.stride}
    if isinstance(m, D2LResidual):
        return {"type": "residual", "block": "d2l", "width": m.num_channels, "stride": m.strides}
    if isinstance(m, D2LInception):  # the zoo's Inception without batch norm has its numbers
        # (d2l's third branch is always a real 5x5 convolution)
        return {"type": "inception", "c1": m.c1, "c3r": m.c2[0], "c3": m.c2[1], "c5r": m.c3[0],
                "c5": m.c3[1], "pool": m.c4, "five": 5, "batch_norm": False}
    if isinstance(m, DenseBlockNotebook):
        return {"type": "dense_block", "layers": m.num_layers, "growth": m.growth, "style": "notebook"}
    if isinstance(m, TransitionNotebook):
        return {"type": "transition", "compression": m.out_channels / m.in_channels, "style": "notebook"}
    if isinstance(m, ResidualBlock):  # the lecture's block (its head, if any, is separate)
        return {"type": "residual", "block": "lecture", "width": m.mid_dim}
    if isinstance(m, DenseBlock):
        return {"type": "dense_block", "layers": m.num_layers, "growth": m.growth_rate, "bn_size": m.bn_size}
    if isinstance(m, Transition):
        return {"type": "transition", "compression": m.num_output_features / m.num_input_features}
    if isinstance(m, Inception):
        return {"type": "inception", "c1": m.ch1x1, "c3r": m.ch3x3red, "c3": m.ch3x3, "c5r": m.ch5x5red,
                "c5": m.ch5x5, "pool": m.pool_proj, "five": m.five_by_five, "batch_norm": m.batch_norm}
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
