"""What a design is: its items' palette and settings, their bounds, and ``parse``, which
checks every value of a design read from plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from visualizer.design.errors import DesignError, brief
from visualizer.trace.rules import Setting, offered, real, whole

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


Field = Setting  # a builder item's setting (the registry's: visualizer/trace/rules.py)


def check(f: Setting, value: Any, item: int) -> Any:
    """``value`` for setting ``f`` of item number ``item``, or a DesignError saying why not."""
    if f.choices:
        if value not in f.choices:
            raise DesignError("choice", item, field=f.name, value=brief(value),
                              choices=", ".join(map(str, f.choices)))
        return value
    if isinstance(f.default, bool):
        if not isinstance(value, bool):
            raise DesignError("bool", item, field=f.name, value=brief(value))
        return value
    number = (int,) if isinstance(f.default, int) else (int, float)
    if isinstance(value, bool) or not isinstance(value, number) or not f.low <= value <= f.high:
        raise DesignError("range", item, field=f.name, value=brief(value), low=f.low, high=f.high)
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
# What the builder says of a design that holds an item of a type (an i18n key), whatever the
# design is called: an Inception block's design has no auxiliary classifiers (GoogLeNet's two
# run only in training; the zoo's import leaves them out, and the builder offers none).
NOTES = {"inception": "builder.note.aux"}
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

    def notes(self) -> tuple[str, ...]:
        """What the builder says of this design for the item types it holds (``NOTES``'s keys,
        each once, in the order of the items)."""
        return tuple(dict.fromkeys(NOTES[it.type] for it in self.items if it.type in NOTES))

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


def parse_item(data: Any, index: int) -> Item:
    """One item from plain data, every value checked."""
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise DesignError("item", index)
    type_ = data["type"]
    if type_ not in PALETTE:
        raise DesignError("type", index, value=brief(type_))
    fields = {f.name: f for f in PALETTE[type_]}
    unknown = [k for k in data if k not in fields and k not in ("type", "repeat")]
    if unknown:
        raise DesignError("field", index, field=brief(unknown[0]), kind=type_)
    repeat = check(whole("repeat", 1, 1, MAX_REPEAT), data.get("repeat", 1), index)
    settings = tuple((name, check(f, data.get(name, f.default), index)) for name, f in fields.items())
    return Item(type_, settings, repeat)


def parse(data: Any) -> Design:
    """A design from plain data (a JSON file's or a link's), every value checked."""
    if not isinstance(data, dict):
        raise DesignError("not_design")
    version = data.get("version", VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > VERSION:
        raise DesignError("version", value=brief(version), ours=VERSION)
    items = data.get("items")
    if not isinstance(items, list):
        raise DesignError("not_design")
    if len(items) > MAX_ITEMS:
        raise DesignError("items", count=len(items), high=MAX_ITEMS)
    shape = data.get("input", [3, 224])
    if not (isinstance(shape, list) and len(shape) == 2):
        raise DesignError("input", value=brief(shape))
    channels = check(whole("channels", 3, *CHANNELS), shape[0], -1)
    size = check(whole("size", 224, *SIDES), shape[1], -1)
    name = data.get("name", "")
    name = "".join(ch for ch in name if ch.isprintable())[:60] if isinstance(name, str) else ""
    return Design(tuple(parse_item(d, i) for i, d in enumerate(items)), channels, size, name)

