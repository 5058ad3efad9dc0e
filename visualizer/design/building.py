"""From items to modules: each item's modules, the shape each one outputs (by the tracer's
rules), and the PyTorch module the design makes, from the zoo's own blocks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import torch
from torch import nn

from models.cifar import PlainBlock
from models.densenet import DenseBlock, Transition
from models.googlenet import Inception
from models.notebooks import D2LResidual, DenseBlockNotebook, TransitionNotebook
from models.ops import ShortcutA
from models.resnet import BasicBlock, Bottleneck, ResidualBlock, projection
from visualizer.design.errors import DesignError, LayerRefused
from visualizer.design.schema import LAYERS, MAX_WEIGHTED, PREFIX, Design, Item
from visualizer.trace import InputError, ShapeError, trace
from visualizer.trace.errors import Refuse
from visualizer.trace.rules import TYPES, rule_for

Shape = tuple[int, ...]
Make = Callable[[], nn.Module]


@dataclass(frozen=True)
class Layer:
    """A module of the built network: its name, the item it comes from, how to make it,
    and the shape it outputs (for a batch of one)."""

    name: str
    item: int
    make: Make = field(compare=False)
    shape: Shape


def _weighted(it: Item) -> int:
    """Convolutions and linear layers an item holds (its repeats counted out)."""
    if it.type in TYPES:
        return (1 if TYPES[it.type].family else 0) * it.repeat
    per = {"transition": 1, "inception": 6,
           "dense_block": (it["layers"] if it["style"] == "notebook" else 2 * it["layers"])
           if it.type == "dense_block" else 0,
           "residual": {"basic": 2, "plain": 2, "lecture": 2, "d2l": 3, "bottleneck": 3}.get(
               it["block"] if it.type == "residual" else "", 0)}.get(it.type, 0)
    return per * it.repeat


def _module(it: Item, i: int, x: Shape, first: bool) -> Make:
    """How to make one module of item ``it`` (number ``i``) for an input of shape ``x``;
    ``first`` is whether it is the first of the item's repeats. Refuses what cannot be built
    (the shapes it cannot take are its layer type's to say: ``_output``)."""
    s = dict(it.settings)
    c = x[1]
    offer = LAYERS.get(it.type)
    if offer is not None:
        if offer.flat and len(x) != 2:
            raise DesignError("flatten_first", i)
        g = s.get("groups", 1)
        if g > 1 and (c % g or s["out"] % g):
            raise DesignError("groups", i, groups=g, cin=c, cout=s["out"])
        return lambda: offer.make(s, c)
    if it.type == "residual":
        return _residual(s, i, x, first)
    if it.type == "dense_block":
        if s["style"] == "notebook":
            return lambda: DenseBlockNotebook(c, s["layers"], s["growth"])
        return lambda: DenseBlock(s["layers"], c, s["bn_size"], s["growth"])
    if it.type == "transition":
        out = max(1, int(c * s["compression"]))  # floor, as the zoo's DenseNet
        if s["style"] == "notebook":
            return lambda: TransitionNotebook(c, out)
        return lambda: Transition(c, out)
    return lambda: Inception(c, s["c1"], s["c3r"], s["c3"], s["c5r"], s["c5"], s["pool"],
                             five_by_five=s["five"], batch_norm=s["batch_norm"])


def _output(module: nn.Module, x: Shape, i: int, name: str) -> Shape:
    """The shape ``module`` (item ``i``'s, named ``name``) outputs for input ``x``, by the
    tracer's rules; what it cannot take is a LayerRefused in the tracer's words."""
    found = rule_for(module)
    if found is not None:  # a layer: its type's shape rule (microseconds)
        rule, settings = found
        try:
            return rule.shape(dict(settings).__getitem__, 0, [x])
        except Refuse as refuse:
            raise LayerRefused(refuse.code, i, **dict(refuse.values, layer=name)) from None
    if len(x) != 4:  # a block works on feature maps
        raise LayerRefused("rank", i, layer=name, shape=x)
    try:  # a block: traced on its own (its plan is replayed, no forward pass once known)
        return trace(module, x, model_name=name).output_shape
    except ShapeError as err:
        inner = err.layer if err.layer == name else f"{name}.{err.layer}"
        raise LayerRefused(err.code, i, **dict(err.values, layer=inner)) from None
    except InputError as err:  # a map past the tracer's limits (upsampled too far)
        raise LayerRefused(err.code, i, **err.values) from None


def _residual(s: dict[str, Any], i: int, x: Shape, first: bool) -> Make:
    c, kind = x[1], s["block"]
    stride = s["stride"] if first else 1
    if kind == "lecture":
        if stride != 1:
            raise DesignError("lecture_stride", i)
        return lambda: ResidualBlock(c, s["width"], c, None)
    if kind == "d2l":  # d2l's Residual makes its own shortcut: a 1x1 convolution, no BN
        if s["shortcut"] == "zeros":
            raise DesignError("d2l_zeros", i)
        use_1x1 = stride != 1 or c != s["width"]
        return lambda: D2LResidual(c, s["width"], use_1x1conv=use_1x1, strides=stride)
    blocks: dict[str, type[BasicBlock | Bottleneck]] = {
        "basic": BasicBlock, "plain": PlainBlock, "bottleneck": Bottleneck}
    block = blocks[kind]
    out = s["width"] * block.expansion
    short: Callable[[], nn.Module | None] = lambda: None  # noqa: E731
    if kind != "plain" and (stride != 1 or c != out):
        if s["shortcut"] == "zeros":
            if out < c:
                raise DesignError("zeros_shrink", i, cin=c, cout=out)
            short = lambda: ShortcutA(c, out, stride)  # noqa: E731
        else:
            short = lambda: projection(c, out, stride)  # noqa: E731
    return lambda: block(c, s["width"], stride, short())


def layers(design: Design) -> list[Layer]:
    """The modules of the design in order, with their names and output shapes.

    Shapes are worked out item by item by each layer type's shape rule (a block by the
    tracer, on the meta device: no memory, no arithmetic), so every channel count and a linear
    layer's inputs follow from what comes before. A residual item is one ``nn.Sequential`` of
    its blocks (``layer1``), as torchvision's stages.

    Raises:
        LayerRefused: a layer cannot take the shape it gets (the tracer's words).
        DesignError: anything else that cannot be built (groups, limits, shortcuts).
    """
    if not design.items:
        raise DesignError("empty")
    weighted = sum(_weighted(it) for it in design.items)
    if weighted > MAX_WEIGHTED:
        raise DesignError("depth", count=weighted, high=MAX_WEIGHTED)
    counters: dict[str, int] = {}
    x: Shape = (1, design.channels, design.size, design.size)
    out: list[Layer] = []

    def name(type_: str) -> str:
        prefix = PREFIX.get(type_, type_)
        counters[prefix] = counters.get(prefix, 0) + 1
        return f"{prefix}{counters[prefix]}"

    for i, it in enumerate(design.items):
        makes: list[Make] = []
        stage = name(it.type) if it.type == "residual" else ""
        for r in range(it.repeat):
            make = _module(it, i, x, r == 0)
            with torch.device("meta"):
                module = make().eval()
            own = f"{stage}.{r}" if stage else name(it.type)
            x = _output(module, x, i, own)
            if not stage:
                out.append(Layer(own, i, make, x))
            makes.append(make)
        if stage:
            out.append(Layer(stage, i, _sequential(makes), x))
    # One global pool and one flatten are "avgpool" and "flatten", as in torchvision.
    single = {p for p in ("avgpool", "flatten") if counters.get(p) == 1}
    return [replace(layer, name=layer.name[:-1]) if layer.name[:-1] in single else layer
            for layer in out]


def _sequential(makes: list[Make]) -> Make:
    return lambda: nn.Sequential(*(m() for m in makes))


class DesignedNet(nn.Module):
    """A built design: its modules in order, each run on the output of the one before.

    ``items`` maps each module's name to the design item it comes from, so an error met in a
    layer (``layer1.0.conv2``) can name the item a student sees.
    """

    def __init__(self, named: list[tuple[str, nn.Module]], items: dict[str, int]) -> None:
        super().__init__()
        for n, module in named:
            self.add_module(n, module)
        self.items = items

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for module in self.children():
            x = module(x)
        return x


def build(design: Design, device: str | torch.device = "meta",
          found: list[Layer] | None = None) -> DesignedNet:
    """The design as a PyTorch module in eval mode (on the meta device unless asked: no
    memory used).

    Weights start as PyTorch's defaults (the zoo's ResNet and DenseNet start from He et
    al.'s initialisation instead; the numbers, parameters and MACs are the same).
    """
    found = layers(design) if found is None else found  # the caller's, if it has them
    with torch.device(device):
        named = [(layer.name, layer.make()) for layer in found]
    return DesignedNet(named, {layer.name: layer.item for layer in found}).eval()


def item_of(net: DesignedNet, layer: str) -> int | None:
    """The design item a layer label (``layer2.0.conv1``) belongs to."""
    return net.items.get(layer.split(".")[0])

