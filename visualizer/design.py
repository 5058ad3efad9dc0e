# mypy: disable-error-code="union-attr,operator,index,attr-defined"
# (these files read the zoo blocks' submodules by name, which torch types as Tensor | Module)
"""A network a student designs: a list of layers and blocks, as data, never as code.

A design is an input (channels and a square side) and a list of items. An item is a type
from ``PALETTE`` (a layer type the registry offers, ``visualizer/trace/rules.py``, or one of the
lecture's blocks), its settings (numbers and choices within bounds) and a repeat count. Nothing
a user types is executed or imported:

- ``parse`` reads a design from plain data (a JSON file, a link) and checks every value;
  ``encode``/``decode`` put a design into a link (``1.`` + base64url of zlib'd JSON, so it is
  compact and versioned), ``to_json``/``from_json`` into a small file.
- ``layers`` works out, item by item, the modules and the shape each one outputs (channels
  and flattened features are inferred, as a student would expect); ``build`` makes the
  PyTorch module from the zoo's own blocks (``models.resnet.Bottleneck``,
  ``models.densenet.DenseBlock``, ``models.googlenet.Inception``, ...).
- ``from_zoo`` turns any zoo model into a design with exactly its parameters and MACs.

Every problem is a ``DesignError`` (the project's ``CodedError``): a code (``design.err.<code>``
in the catalogue, so either language), the item it concerns and the numbers of it. A layer
that cannot take the shape it gets is a ``LayerRefused``, said in the tracer's words
(``err.<code>``), so the builder and the explorer say a shape error the same way.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import torch
from torch import nn

from models import get_entry
from models.cifar import PlainBlock
from models.densenet import DenseBlock, Transition
from models.googlenet import Inception
from models.notebooks import D2LInception, D2LResidual, DenseBlockNotebook, TransitionNotebook
from models.ops import ShortcutA
from models.resnet import BasicBlock, Bottleneck, ResidualBlock, projection
from visualizer.errors import CodedError
from visualizer.i18n import t
from visualizer.trace import InputError, ShapeError, named_model, trace, trace_named
from visualizer.trace.errors import Refuse
from visualizer.trace.rules import TYPES, Setting, offered, real, rule_for, whole

VERSION = 1
FORMAT = "cnnvis-design"
# Limits, so that a design (or a hostile link) cannot tie up the server that every student
# shares. The largest zoo model (ResNet-152: 155 weighted layers, 60 M parameters, 11.6 G
# MACs; DenseNet-201: 201 weighted layers) fits in each with room to spare.
MAX_ITEMS = 64
MAX_REPEAT = 64
MAX_WEIGHTED = 400  # convolutions and linear layers, repeats and blocks counted out
MAX_PARAMS = 200_000_000
MAX_MACS = 40_000_000_000
MAX_LINK = 8000  # characters of a design= link value
MAX_JSON = 64_000  # bytes of a design once unpacked (a link's zlib cannot bomb past this)
SIDES = (8, 1024)  # input side
CHANNELS = (1, 64)


class DesignError(CodedError, ValueError):
    """A design that cannot be read or built.

    Attributes:
        code: the rule (``design.err.<code>`` in the catalogue).
        item: index of the item it concerns, or ``None`` for the design as a whole.
        values: the numbers of it, to fill in the message.
    """

    family = "design.err"
    shown_limit = 40  # characters of a user's text in a message (a name, a value)

    def __init__(self, code: str, item: int | None = None, **values: Any) -> None:
        super().__init__(code, **values)
        self.item = item
        where = "" if item is None else f"item {item + 1}: "
        Exception.__init__(self, f"{where}{code} {values}")

    def message(self, lang: str, markdown: bool = False) -> str:
        """The problem in ``lang``, the item's number first; with ``markdown``, a user's text
        in it is escaped (a page shows it as Markdown: ``**x**`` typed in a file must not
        turn bold)."""
        text = super().message(lang, markdown)
        return text if self.item is None else t("design.err.at", lang, n=self.item + 1, text=text)


class LayerRefused(DesignError):
    """An item whose layer cannot take the input it gets, said in the tracer's words: ``code``
    is a shape error's (``err.<code>`` in the catalogue: ``empty``, ``rank``, ``pool_pad``...),
    and ``values["layer"]`` the module's name in the design (``pool2``, ``layer1.0.conv1``)."""

    family = "err"


Field = Setting  # a builder item's setting (the registry's: visualizer/trace/rules.py)


def check(f: Setting, value: Any, item: int) -> Any:
    """``value`` for setting ``f`` of item number ``item``, or a DesignError saying why not."""
    if f.choices:
        if value not in f.choices:
            raise DesignError("choice", item, field=f.name, value=_short(value),
                              choices=", ".join(map(str, f.choices)))
        return value
    if isinstance(f.default, bool):
        if not isinstance(value, bool):
            raise DesignError("bool", item, field=f.name, value=_short(value))
        return value
    number = (int,) if isinstance(f.default, int) else (int, float)
    if isinstance(value, bool) or not isinstance(value, number) or not f.low <= value <= f.high:
        raise DesignError("range", item, field=f.name, value=_short(value), low=f.low, high=f.high)
    return type(f.default)(value)


# Every item type and its settings: the palette of the builder page (its order). The layers
# are the registry's (visualizer/trace/rules.py: each layer type says whether and how the
# builder offers it); the lecture's blocks are the builder's own.
BLOCK_SETTINGS: dict[str, tuple[Setting, ...]] = {
    # A residual item of n blocks: the first has the stride (and a shortcut that changes shape
    # where needed), the others keep the shape, as torchvision's _make_layer. "plain" is a
    # basic block without its shortcut (the paper's Figure 1); "lecture" is the lecture's
    # Residual_Block (biases, no batch norm, same channels); "d2l" is the ResNet notebook's
    # Residual (biases and batch norm; its projection shortcut is a bare 1x1 convolution, no
    # batch norm).
    "residual": (Setting("block", "basic", choices=("basic", "bottleneck", "plain", "lecture", "d2l")),
                 whole("width", 64, 1, 1024), whole("stride", 1, 1, 4),
                 Setting("shortcut", "projection", choices=("projection", "zeros"))),
    # "notebook": the DenseNet notebook's block (one BN, then 3x3 conv-ReLU layers; its input
    # is not passed on; no bottleneck, so bn_size is not used) and transition (1x1 conv,
    # ReLU, BN, 2x2 average pool).
    "dense_block": (whole("layers", 6, 1, 64), whole("growth", 32, 1, 256), whole("bn_size", 4, 1, 16),
                    Setting("style", "bc", choices=("bc", "notebook"))),
    "transition": (real("compression", 0.5, 0.05, 1.0), Setting("style", "bc", choices=("bc", "notebook"))),
    "inception": (whole("c1", 64, 1, 1024), whole("c3r", 96, 1, 1024), whole("c3", 128, 1, 1024),
                  whole("c5r", 16, 1, 1024), whole("c5", 32, 1, 1024), whole("pool", 32, 1, 1024),
                  Setting("five", 3, choices=(3, 5)), Setting("batch_norm", True)),
}
LAYERS = offered()
PALETTE: dict[str, tuple[Setting, ...]] = {
    **{key: offer.settings for key, offer in LAYERS.items()}, **BLOCK_SETTINGS}
BLOCKS = tuple(BLOCK_SETTINGS)
# The name each module of an item gets (torchvision's style: conv1, bn1, layer1, fc1, ...).
PREFIX = {**{key: offer.prefix for key, offer in LAYERS.items() if offer.prefix},
          "residual": "layer", "dense_block": "denseblock", "inception": "inception"}


@dataclass(frozen=True)
class Item:
    """One entry of a design: a type, every one of its settings, and how many in a row."""

    type: str
    settings: tuple[tuple[str, Any], ...]
    repeat: int = 1

    def __getitem__(self, name: str) -> Any:
        return dict(self.settings)[name]

    def with_(self, **changes: Any) -> Item:
        """This item with some settings (or ``repeat``) changed; not checked (see ``parse``)."""
        repeat = changes.pop("repeat", self.repeat)
        return Item(self.type, tuple((k, changes.get(k, v)) for k, v in self.settings), repeat)


@dataclass(frozen=True)
class Design:
    """A whole network: what goes in (channels, a square side) and the items in order."""

    items: tuple[Item, ...]
    channels: int = 3
    size: int = 224
    name: str = ""

    def to_data(self) -> dict[str, Any]:
        """Plain data (JSON's types), settings at their defaults left out."""
        out = []
        for it in self.items:
            defaults = {f.name: f.default for f in PALETTE[it.type]}
            entry: dict[str, Any] = {"type": it.type}
            entry |= {k: v for k, v in it.settings if v != defaults[k]}
            if it.repeat != 1:
                entry["repeat"] = it.repeat
            out.append(entry)
        return {"format": FORMAT, "version": VERSION, "name": self.name,
                "input": [self.channels, self.size], "items": out}


def _short(value: Any, limit: int = 30) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def parse_item(data: Any, index: int) -> Item:
    """One item from plain data, every value checked."""
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise DesignError("item", index)
    type_ = data["type"]
    if type_ not in PALETTE:
        raise DesignError("type", index, value=_short(type_))
    fields = {f.name: f for f in PALETTE[type_]}
    unknown = [k for k in data if k not in fields and k not in ("type", "repeat")]
    if unknown:
        raise DesignError("field", index, field=_short(unknown[0]), kind=type_)
    repeat = check(whole("repeat", 1, 1, MAX_REPEAT), data.get("repeat", 1), index)
    settings = tuple((name, check(f, data.get(name, f.default), index)) for name, f in fields.items())
    return Item(type_, settings, repeat)


def parse(data: Any) -> Design:
    """A design from plain data (a JSON file's or a link's), every value checked."""
    if not isinstance(data, dict):
        raise DesignError("not_design")
    version = data.get("version", VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > VERSION:
        raise DesignError("version", value=_short(version), ours=VERSION)
    items = data.get("items")
    if not isinstance(items, list):
        raise DesignError("not_design")
    if len(items) > MAX_ITEMS:
        raise DesignError("items", count=len(items), high=MAX_ITEMS)
    shape = data.get("input", [3, 224])
    if not (isinstance(shape, list) and len(shape) == 2):
        raise DesignError("input", value=_short(shape))
    channels = check(whole("channels", 3, *CHANNELS), shape[0], -1)
    size = check(whole("size", 224, *SIDES), shape[1], -1)
    name = data.get("name", "")
    name = "".join(ch for ch in name if ch.isprintable())[:60] if isinstance(name, str) else ""
    return Design(tuple(parse_item(d, i) for i, d in enumerate(items)), channels, size, name)


def to_json(design: Design) -> str:
    return json.dumps(design.to_data(), indent=1, ensure_ascii=False) + "\n"


def from_json(raw: bytes | str) -> Design:
    """A design from a JSON file's bytes: checked like a link (size, encoding, every value)."""
    if len(raw) > MAX_JSON:
        raise DesignError("too_big", high=MAX_JSON)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise DesignError("not_json") from None
    return parse(data)


def encode(design: Design) -> str:
    """The design as a link value: ``1.`` and base64url (no padding) of zlib'd compact JSON."""
    data = design.to_data()
    del data["format"], data["version"]
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    packed = base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode()
    return f"{VERSION}.{packed}"


def decode(value: str) -> Design:
    """A design from a link value; a bad, hostile or outdated value raises DesignError."""
    if len(value) > MAX_LINK:
        raise DesignError("link_long", high=MAX_LINK)
    version, _, packed = value.partition(".")
    if not (version.isascii() and version.isdigit() and len(version) < 4):
        raise DesignError("link")
    if int(version) != VERSION:
        raise DesignError("version", value=_short(version), ours=VERSION)
    try:
        raw = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        unpacker = zlib.decompressobj()
        text = unpacker.decompress(raw, MAX_JSON)
        if unpacker.unconsumed_tail:
            raise DesignError("too_big", high=MAX_JSON)
        data = json.loads(text)
    except (binascii.Error, zlib.error, ValueError, RecursionError) as err:
        if isinstance(err, DesignError):
            raise
        raise DesignError("link") from None
    if isinstance(data, dict):
        data["version"] = VERSION
    return parse(data)


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


# ---- From items to modules ------------------------------------------------------------

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
    block: Any = {"basic": BasicBlock, "plain": PlainBlock, "bottleneck": Bottleneck}[kind]
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


# ---- From the zoo -----------------------------------------------------------------------

def _block_data(m: Any) -> dict[str, Any] | None:
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
        items.append(_block_data(model) or {})
        done = [n for n, _ in model.named_children() if n != "head"]
    for r in trace_named(name, **config).records[1:]:
        if any(r.name == d or r.name.startswith(d + ".") for d in done):
            continue
        data = _block_data(modules[r.name])
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
