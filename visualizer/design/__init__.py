"""A network a student designs: a list of layers and blocks, as data, never as code.

A design is an input (channels and a square side) and a list of items. An item is a type
from ``PALETTE`` (a layer type the registry offers, ``visualizer/trace/rules.py``, or one of the
lecture's blocks), its settings (numbers and choices within bounds) and a repeat count. Nothing
a user types is executed or imported. This file is the package's public API; inside, one module
for each job:

- ``schema.py``: what a design is (``Design``, ``Item``, the ``PALETTE`` of item types and
  their settings, the limits); ``parse`` reads a design from plain data (a JSON file, a link)
  and checks every value.
- ``codec.py``: ``encode``/``decode`` put a design into a link (``1.`` + base64url of zlib'd
  JSON, so it is compact and versioned), ``to_json``/``from_json`` into a small file.
- ``templates.py``: the small designs a student starts from (``TEMPLATES``, ``template``).
- ``building.py``: ``layers`` works out, item by item, the modules and the shape each one
  outputs (channels and flattened features are inferred, as a student would expect); ``build``
  makes the PyTorch module from the zoo's own blocks (``models.resnet.Bottleneck``,
  ``models.densenet.DenseBlock``, ``models.googlenet.Inception``, ...).
- ``zoo.py``: ``from_zoo`` turns any zoo model into a design with exactly its parameters and
  MACs.
- ``errors.py``: every problem is a ``DesignError`` (the project's ``CodedError``): a code
  (``design.err.<code>`` in the catalogue, so either language), the item it concerns and the
  numbers of it. A layer that cannot take the shape it gets is a ``LayerRefused``, said in the
  tracer's words (``err.<code>``), so the builder and the explorer say a shape error the same
  way.
"""

from __future__ import annotations

from visualizer.design.building import DesignedNet, Layer, Make, Shape, build, item_of, layers
from visualizer.design.codec import decode, encode, from_json, to_json
from visualizer.design.errors import DesignError, LayerRefused
from visualizer.design.schema import (
    BLOCK_SETTINGS,
    BLOCKS,
    CHANNELS,
    FORMAT,
    LAYERS,
    MAX_ITEMS,
    MAX_JSON,
    MAX_LINK,
    MAX_MACS,
    MAX_PARAMS,
    MAX_REPEAT,
    MAX_WEIGHTED,
    NOTES,
    PALETTE,
    PREFIX,
    SIDES,
    VERSION,
    Design,
    Field,
    Item,
    check,
    parse,
    parse_item,
)
from visualizer.design.templates import TEMPLATES, template
from visualizer.design.zoo import from_zoo

__all__ = ["BLOCKS", "BLOCK_SETTINGS", "CHANNELS", "FORMAT", "LAYERS", "MAX_ITEMS", "MAX_JSON",
           "MAX_LINK", "MAX_MACS", "MAX_PARAMS", "MAX_REPEAT", "MAX_WEIGHTED", "NOTES", "PALETTE", "PREFIX",
           "SIDES", "TEMPLATES", "VERSION", "Design", "DesignError", "DesignedNet", "Field", "Item",
           "Layer", "LayerRefused", "Make", "Shape", "build", "check", "decode", "encode",
           "from_json", "from_zoo", "item_of", "layers", "parse", "parse_item", "template",
           "to_json"]
