"""The registry of layer types: everything the app knows about a kind of layer, in one object.

A layer type (``Rule``) says, for the modules it covers:

- for the tracer: which settings to write down while recording (``read``), the output shape
  for given input shapes (``shape``, raising ``Refuse`` with the reason when the input cannot
  pass: the one vocabulary of shape errors, ``err.<code>`` of the catalogue), the receptive
  field and jump after it (``field``) and its multiply-accumulates (``macs``). Parameters are
  counted on the module itself (``record.own_params``), so no formula can drift from the layer;
- for the views: the line the diagram shows (``describe``), its box (``box``), whether it
  folds into the box before it (``folds``) or hides in the tables (``minor``), whether it holds
  weights (``family``: ``conv`` or ``linear``), its size formula and arithmetic for the table
  (``size_formula``, ``arithmetic``) and its kernel weights (``weights``);
- for the builder: its settings with their bounds, how to make it and how to read it back from
  a zoo module, the name prefix of its modules and its settings in a few characters
  (``offer``, an ``Offer``; ``None`` if the builder does not offer it).

Records carry the key of their type (``LayerRecord.kind``); ``of(record)`` gives the object.
Adding a layer type is adding an entry to ``TYPES`` with its catalogue keys (``dg.<Module>``,
and ``item.<key>`` if the builder offers it) and its tests; ``tests/test_trace.py`` checks every
entry against a real forward pass.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from torch import nn

from models.ops import Add, Concat, ShortcutA
from visualizer import arithmetic as ar
from visualizer.i18n import CATALOGUE, t
from visualizer.records import WEIGHTED_KINDS, LayerRecord, Shape
from visualizer.trace.errors import Refuse

Settings = tuple[tuple[str, Any], ...]
Field = tuple[int, int]  # receptive field and jump, in input pixels
# The largest side a layer that grows the map may make: beyond it torch's own sizes overflow
# (and no student's network needs a map of 65,536 x 65,536 pixels).
MAX_MAP = 1 << 16


def pair(v: Any) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else (int(v[0]), int(v[1]))


# ---- What the builder offers ------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    """One setting of a builder item: an int or float within bounds, a yes/no, or a choice."""

    name: str
    default: Any
    low: float = 0
    high: float = 0
    choices: tuple[Any, ...] = ()


def whole(name: str, default: int, low: int, high: int) -> Setting:
    return Setting(name, default, low, high)


def real(name: str, default: float, low: float, high: float) -> Setting:
    return Setting(name, float(default), low, high)


def window(kernel: int, stride: int) -> tuple[Setting, ...]:
    return (whole("kernel", kernel, 1, 15), whole("stride", stride, 1, 8),
            whole("padding", 0, 0, 15), Setting("ceil", False))


def _no_data(m: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Offer:
    """How the builder offers a layer type.

    Attributes:
        settings: what a student sets, with bounds (the builder's fields, in order).
        make: the module for settings ``s`` and ``c`` input channels (or features).
        data: a zoo module's settings (``make``'s inverse: a zoo model becomes a design).
        prefix: its modules' names (``conv1``, ``bn2``, ``pool3``); the key if empty.
        flat: whether it takes a flat vector (after Flatten) instead of a feature map.
    """

    settings: tuple[Setting, ...]
    make: Callable[[dict[str, Any], int], nn.Module]
    data: Callable[[Any], dict[str, Any]] = _no_data
    prefix: str = ""
    flat: bool = False


def _square(k: int, s: int, p: int, lang: str) -> str:
    return f"{k}×{k}/{s}, {t('builder.set.pad', lang, p=p)}"


# ---- Layer types ----------------------------------------------------------------------------

class Rule:
    """A layer type that changes no shape and does no multiply-accumulates (an activation,
    a dropout): the defaults of every layer type."""

    spatial = False  # records carry kernel, stride, padding and dilation
    needs_map = False  # refuses a flat input (C×H×W maps only)

    def __init__(self, key: str, *modules: type[nn.Module], folds: bool = False,
                 minor: bool = False, box: str = "other", family: str = "",
                 offer: Offer | None = None, needs_map: bool | None = None) -> None:
        self.key = key
        self.modules = modules
        self.folds = folds  # drawn inside the box before it (it changes no shape)
        self.minor = minor  # hidden in tables and charts by default
        self.box = box  # the diagram's box: conv, pool, linear, merge, other
        self.family = family  # "conv" or "linear": a weighted layer (the papers' depth)
        self.offer = offer
        if needs_map is not None:
            self.needs_map = needs_map

    def __repr__(self) -> str:
        return f"<layer type {self.key}>"

    # -- tracer

    def read(self, m: nn.Module) -> Settings | None:
        """The settings to write down, or ``None`` if this module cannot be replayed."""
        return ()

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        if self.needs_map and len(ins[0]) != 4:
            raise Refuse(index, "rank", shape=ins[0])
        return ins[0]

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        return ins[0]

    def macs(self, get: Any, out: Shape, x: Shape) -> int:
        """Multiply-accumulates for output ``out`` from (first) input ``x``."""
        return 0

    def takes_channels(self, m: nn.Module) -> int | None:
        """The input channels this module was built for, where it fixes them."""
        return None

    # -- views

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        key = f"dg.{r.type}"
        return t(key, lang) if key in CATALOGUE else r.type

    def size_formula(self, r: LayerRecord) -> str:
        """The output-size formula with its numbers ("" if the layer keeps the size)."""
        return ""

    def dropped(self, r: LayerRecord) -> int:
        """Input pixels no window covers (the floor of the size formula drops them)."""
        return 0

    def arithmetic(self, r: LayerRecord, lang: str) -> list[str]:
        """Its parameters and multiply-adds as formulas with the numbers filled in."""
        return [t("detail.params", lang, formula=f"{r.params_total:,}")] if r.params_total else []

    def weights(self, r: LayerRecord) -> int:
        """Kernel weights (biases left out, as the papers count); 0 for unweighted layers."""
        return 0


class BatchNorm(Rule):
    needs_map = True

    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.BatchNorm2d)
        return (("channels", m.num_features),)

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = super().shape(get, index, ins)
        if x[1] != get("channels"):
            raise Refuse(index, "channels", want=get("channels"), got=x[1])
        return x


class Window(Rule):
    """Convolution and pooling: a window slides with a stride over the (padded) input."""

    spatial = True

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
        k, s, p, d = get("kernel"), get("stride"), get("padding"), get("dilation")
        if len(x) != 4:
            raise Refuse(index, "rank", shape=x)
        self.check(get, index, x)
        h = ar.out_size(x[2], k[0], s[0], p[0], d[0], get("ceil"))
        w = ar.out_size(x[3], k[1], s[1], p[1], d[1], get("ceil"))
        if h < 1 or w < 1:
            raise Refuse(index, "empty", h=x[2], w=x[3], kh=k[0], kw=k[1], p=p[0],
                         ph=x[2] + 2 * p[0], pw=x[3] + 2 * p[1])
        return (x[0], self.channels(get, x), h, w)

    def check(self, get: Any, index: int, x: Shape) -> None:
        """Refuse an input this layer cannot take (beyond a too small one)."""

    def channels(self, get: Any, x: Shape) -> int:
        return x[1]

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        if ins[0] is None:
            return None
        return ar.receptive_field(*ins[0], get("kernel")[0], get("stride")[0], get("dilation")[0])

    def size_formula(self, r: LayerRecord) -> str:
        if r.kernel is None or r.stride is None or r.padding is None or r.dilation is None:
            return ""
        size_in, out = r.input_shapes[0][2], r.output_shape[2]
        text = ar.formula(size_in, r.kernel[0], r.stride[0], r.padding[0], r.dilation[0])
        # Pools in ceil mode (GoogLeNet) round up; the formula shows the rounding that happened.
        if not text.endswith(f"= {out}"):
            text = ar.formula(size_in, r.kernel[0], r.stride[0], r.padding[0], r.dilation[0],
                              ceil_mode=True)
        return text

    def dropped(self, r: LayerRecord) -> int:
        if r.kernel is None or r.stride is None or r.padding is None or r.dilation is None:
            return 0
        if self.size_formula(r).startswith("ceil"):
            return 0
        return ar.dropped_pixels(r.input_shapes[0][2], r.kernel[0], r.stride[0], r.padding[0],
                                 r.dilation[0])


class Conv(Window):
    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.Conv2d | nn.ConvTranspose2d)
        if isinstance(m.padding, str):  # "same" / "valid": not replayed (recorded as it ran)
            return None
        return (("kernel", pair(m.kernel_size)), ("stride", pair(m.stride)),
                ("padding", pair(m.padding)), ("dilation", pair(m.dilation)), ("groups", m.groups),
                ("in_channels", m.in_channels), ("out_channels", m.out_channels), ("ceil", False),
                ("bias", m.bias is not None))

    def check(self, get: Any, index: int, x: Shape) -> None:
        if x[1] != get("in_channels"):
            raise Refuse(index, "channels", want=get("in_channels"), got=x[1])

    def channels(self, get: Any, x: Shape) -> int:
        return int(get("out_channels"))

    def macs(self, get: Any, out: Shape, x: Shape) -> int:
        return ar.conv_macs(out, get("in_channels"), get("groups"), get("kernel"))

    def takes_channels(self, m: nn.Module) -> int | None:
        assert isinstance(m, nn.Conv2d | nn.ConvTranspose2d)
        return m.in_channels

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        assert r.kernel and r.stride
        groups = f" · {t('dg.groups', lang, g=r.groups)}" if r.groups and r.groups > 1 else ""
        # a convolution split over ``lanes`` GPUs shows the filters of one GPU
        return t(f"dg.{self.key}", lang, k=f"{r.kernel[0]}×{r.kernel[1]}", s=r.stride[0],
                 c=r.channels // lanes) + groups

    def weights(self, r: LayerRecord) -> int:
        if not r.kernel:
            return 0
        return r.channels * (r.input_shapes[0][1] // (r.groups or 1)) * r.kernel[0] * r.kernel[1]

    def arithmetic(self, r: LayerRecord, lang: str) -> list[str]:
        if not r.kernel:
            return super().arithmetic(r, lang)
        cin, g = r.input_shapes[0][1], r.groups or 1
        bias = r.params - self.weights(r)
        group = f" / {g}" if g > 1 else ""
        formula = (f"{r.channels} × {cin}{group} × {r.kernel[0]} × {r.kernel[1]}"
                   + (f" + {bias}" if bias else "") + f" = {r.params:,}")
        hw = f"{r.output_shape[2]} × {r.output_shape[3]}"
        return [t("detail.params", lang, formula=formula),
                t("detail.macs", lang, formula=f"{r.channels} × {hw} × {cin // g} × "
                                                f"{r.kernel[0]} × {r.kernel[1]} = {r.macs:,}")]


class ConvTranspose(Conv):
    """A transposed convolution: every input pixel spreads a k×k stamp of its filters over the
    output, ``stride`` pixels apart, so the map grows back (a decoder's upsampling).

    Size (PyTorch's formula): ``(in - 1)*stride - 2*padding + dilation*(k - 1) + output_padding
    + 1``. MACs: every input value meets every weight of its group once,
    ``C_in * C_out/groups * k_h * k_w * H_in * W_in`` (bias adds not counted, as for
    ``Conv2d``). The receptive field: one output pixel gathers ``ceil(k/stride)`` input pixels
    per side; it is given for dilation 1 and a stride that divides the jump (else none).
    """

    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.ConvTranspose2d)
        base = super().read(m)
        return None if base is None else (*base, ("output_padding", pair(m.output_padding)))

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
        k, s, p, d, op = (get("kernel"), get("stride"), get("padding"), get("dilation"),
                          get("output_padding"))
        if len(x) != 4:
            raise Refuse(index, "rank", shape=x)
        self.check(get, index, x)
        if op[0] >= max(s[0], d[0]) or op[1] >= max(s[1], d[1]):
            raise Refuse(index, "output_padding", op=op[0], s=s[0])
        h = ar.transposed_out_size(x[2], k[0], s[0], p[0], d[0], op[0])
        w = ar.transposed_out_size(x[3], k[1], s[1], p[1], d[1], op[1])
        if h < 1 or w < 1:  # padding crops more than the stamps cover
            raise Refuse(index, "crop", h=x[2], w=x[3], p=p[0])
        if max(h, w) > MAX_MAP:
            raise Refuse(index, "huge", h=h, w=w, max=MAX_MAP)
        return (x[0], get("out_channels"), h, w)

    def macs(self, get: Any, out: Shape, x: Shape) -> int:
        k = get("kernel")
        return math.prod(x) * (get("out_channels") // get("groups")) * k[0] * k[1]

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        s, d = get("stride")[0], get("dilation")[0]
        if ins[0] is None or d != 1 or ins[0][1] % s:
            return None
        rf, jump = ins[0]
        return rf + (-(-get("kernel")[0] // s) - 1) * jump, jump // s

    def _output_padding(self, r: LayerRecord) -> int:
        assert r.kernel and r.stride and r.padding and r.dilation
        return r.output_shape[2] - ar.transposed_out_size(
            r.input_shapes[0][2], r.kernel[0], r.stride[0], r.padding[0], r.dilation[0])

    def size_formula(self, r: LayerRecord) -> str:
        if r.kernel is None or r.stride is None or r.padding is None or r.dilation is None:
            return ""
        return ar.transposed_formula(r.input_shapes[0][2], r.kernel[0], r.stride[0], r.padding[0],
                                     r.dilation[0], self._output_padding(r))

    def dropped(self, r: LayerRecord) -> int:
        return 0

    def weights(self, r: LayerRecord) -> int:
        if not r.kernel:
            return 0
        return r.input_shapes[0][1] * (r.channels // (r.groups or 1)) * r.kernel[0] * r.kernel[1]

    def arithmetic(self, r: LayerRecord, lang: str) -> list[str]:
        if not r.kernel:
            return Rule.arithmetic(self, r, lang)
        x = r.input_shapes[0]
        g = r.groups or 1
        bias = r.params - self.weights(r)
        group = f" / {g}" if g > 1 else ""
        k = f"{r.kernel[0]} × {r.kernel[1]}"
        formula = f"{x[1]} × {r.channels}{group} × {k}" + (f" + {bias}" if bias else "") + f" = {r.params:,}"
        return [t("detail.params", lang, formula=formula),
                t("detail.macs", lang, formula=f"{x[1]} × {x[2]} × {x[3]} × {r.channels // g} × {k} "
                                                f"= {r.macs:,}")]


class Pool(Window):
    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.MaxPool2d | nn.AvgPool2d)
        dil = m.dilation if isinstance(m, nn.MaxPool2d) else 1
        return (("kernel", pair(m.kernel_size)), ("stride", pair(m.stride or m.kernel_size)),
                ("padding", pair(m.padding)), ("dilation", pair(dil)), ("ceil", bool(m.ceil_mode)))

    def check(self, get: Any, index: int, x: Shape) -> None:
        k, p, d = get("kernel"), get("padding"), get("dilation")
        if p[0] * 2 > d[0] * (k[0] - 1) + 1 or p[1] * 2 > d[1] * (k[1] - 1) + 1:
            raise Refuse(index, "pool_pad", p=p[0], k=k[0])

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        assert r.kernel and r.stride
        return t(f"dg.{self.key}", lang, k=f"{r.kernel[0]}×{r.kernel[1]}", s=r.stride[0])


class Adaptive(Rule):
    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.AdaptiveAvgPool2d | nn.AdaptiveMaxPool2d)
        size = m.output_size
        return (("size", size if isinstance(size, tuple) else (size, size)),)

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
        if len(x) != 4:
            raise Refuse(index, "rank", shape=x)
        oh, ow = get("size")
        return (x[0], x[1], x[2] if oh is None else oh, x[3] if ow is None else ow)

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        if ins[0] is None or size_in % size_out:
            return None
        k = size_in // size_out  # then it is an ordinary pool with kernel = stride
        return ar.receptive_field(*ins[0], k, k)

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        return t("dg.adaptive", lang, size="×".join(map(str, r.output_shape[2:])))


class Upsample(Rule):
    """``nn.Upsample`` by a scale factor, one layer type per mode: ``nearest`` repeats each pixel
    ``scale`` times per side; ``bilinear`` (``align_corners`` false or true: the same shape)
    blends the two nearest input pixels per side.

    Size: ``floor(in * scale)`` (PyTorch's rule for a scale factor). No parameters, and no MACs
    counted: the bilinear weights are fixed, not learned, and its four multiply-adds per output
    value are left out as the pools' adds are (torchvision's figures count only convolutions
    and fully connected layers). The receptive field: nearest sees the 1 pixel it copies,
    bilinear 2 per side (one jump more); the jump shrinks by the scale, given only where the
    scale divides it (a whole number of input pixels).
    """

    needs_map = True

    def __init__(self, key: str, mode: str, **kw: Any) -> None:
        super().__init__(key, nn.Upsample, box="pool", **kw)
        self.mode = mode

    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.Upsample)
        scale = m.scale_factor
        if m.mode != self.mode or m.size is not None or scale is None:
            return None
        sh, sw = (scale, scale) if isinstance(scale, int | float) else scale
        return (("scale", (float(sh), float(sw))),)

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = super().shape(get, index, ins)
        sh, sw = get("scale")
        if max(x[2] * sh, x[3] * sw) > MAX_MAP:  # before floor(): a float may be infinite
            raise Refuse(index, "huge", h=x[2] * sh, w=x[3] * sw, max=MAX_MAP)
        h, w = math.floor(x[2] * sh), math.floor(x[3] * sw)
        if h < 1 or w < 1:
            raise Refuse(index, "crop", h=x[2], w=x[3], p=0)
        return (x[0], x[1], h, w)

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        scale = get("scale")[0]
        if ins[0] is None or scale != int(scale) or ins[0][1] % int(scale):
            return None
        rf, jump = ins[0]
        return rf + (jump if self.mode == "bilinear" else 0), jump // int(scale)

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        return t(f"dg.{self.key}", lang, h=r.output_shape[2], w=r.output_shape[3])

    def size_formula(self, r: LayerRecord) -> str:
        size_in, out = r.input_shapes[0][2], r.output_shape[2]
        scale = out / size_in
        return f"floor({size_in} × {scale:g}) = {out}" if scale == int(scale) else ""


class Linear(Rule):
    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.Linear)
        return (("in_features", m.in_features), ("out_features", m.out_features),
                ("bias", m.bias is not None))

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
        if x[-1] != get("in_features"):
            raise Refuse(index, "features", want=get("in_features"), got=x[-1])
        return (*x[:-1], get("out_features"))

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        return None  # every output sees every input

    def macs(self, get: Any, out: Shape, x: Shape) -> int:
        return ar.linear_macs(out, get("in_features"))

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        return t("dg.linear", lang, n=r.output_shape[-1])

    def weights(self, r: LayerRecord) -> int:
        return r.input_shapes[0][-1] * r.channels

    def arithmetic(self, r: LayerRecord, lang: str) -> list[str]:
        fin = r.input_shapes[0][-1]
        bias = r.params - self.weights(r)
        return [t("detail.params", lang, formula=f"{fin} × {r.channels}" + (f" + {bias}" if bias else "")
                                                 + f" = {r.params:,}"),
                t("detail.macs", lang, formula=f"{fin} × {r.channels} = {r.macs:,}")]


class Flatten(Rule):
    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.Flatten)
        return () if (m.start_dim, m.end_dim) == (1, -1) else None

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
        return (x[0], math.prod(x[1:]))

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        return None

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        return t("dg.flatten", lang, n=r.output_shape[-1])


class ZeroPad(Rule):
    """Zero padding: the map grows by the padding; the receptive field does not change."""

    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.ZeroPad2d)
        left, right, top, bottom = m.padding
        return (("pad", (int(left), int(right), int(top), int(bottom))),)

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
        if len(x) != 4:
            raise Refuse(index, "rank", shape=x)
        left, right, top, bottom = get("pad")
        h, w = x[2] + top + bottom, x[3] + left + right
        if h < 1 or w < 1:  # negative padding crops
            raise Refuse(index, "empty", h=x[2], w=x[3], kh=1, kw=1, p=0, ph=h, pw=w)
        return (x[0], x[1], h, w)

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        return t("dg.ZeroPad2d", lang, h=r.output_shape[2], w=r.output_shape[3])


class Subsample(Rule):
    """The ResNet paper's option A shortcut: every ``stride``-th pixel, zero channels added."""

    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, ShortcutA)
        return (("in_channels", m.in_channels), ("out_channels", m.out_channels),
                ("stride", m.stride))

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
        if len(x) != 4:
            raise Refuse(index, "rank", shape=x)
        if x[1] != get("in_channels"):
            raise Refuse(index, "channels", want=get("in_channels"), got=x[1])
        s = get("stride")
        return (x[0], get("out_channels"), -(-x[2] // s), -(-x[3] // s))  # x[:, :, ::s, ::s]

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        return None if ins[0] is None else ar.receptive_field(*ins[0], 1, get("stride"))

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        step = max(1, round(r.input_shapes[0][2] / r.output_shape[2]))
        return t("dg.ShortcutA", lang, s=step, c=r.channels)


class Merge(Rule):
    """An add (ResNet's F(x) + x) or a concatenation (DenseNet's, Inception's)."""

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
        if any(s != x for s in ins):
            raise Refuse(index, "add", shapes=" + ".join("x".join(map(str, s[1:])) for s in ins))
        return x

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        if any(f is None for f in ins):
            return None
        return (max(f[0] for f in ins if f), max(f[1] for f in ins if f))


class Cat(Merge):
    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
        if any(s[0] != x[0] or s[2:] != x[2:] for s in ins):
            raise Refuse(index, "cat", shapes=", ".join("x".join(map(str, s[2:])) for s in ins))
        return (x[0], sum(s[1] for s in ins), *x[2:])


class Unknown(Rule):
    """A leaf with no type here (its plan is opaque: shapes come from a recorded forward), or
    a container (a block: its layers are inside it)."""

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        raise Refuse(index, "unknown", type="?")

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        return None


# ---- The registry ---------------------------------------------------------------------------

def _conv_offer(transposed: bool) -> Offer:
    fields: tuple[Setting, ...]
    if transposed:  # a decoder's 2×2 stamp, stride 2: doubles the map
        fields = (whole("out", 32, 1, 4096), whole("kernel", 2, 1, 16), whole("stride", 2, 1, 8),
                  whole("padding", 0, 0, 16), whole("output_padding", 0, 0, 7),
                  whole("groups", 1, 1, 64), Setting("bias", True))
    else:  # wide bounds on purpose: a student may take conv1 far enough to break the network
        fields = (whole("out", 64, 1, 4096), whole("kernel", 3, 1, 64), whole("stride", 1, 1, 32),
                  whole("padding", 1, 0, 32), whole("groups", 1, 1, 64), Setting("bias", True))
    module: type[nn.Conv2d | nn.ConvTranspose2d] = nn.ConvTranspose2d if transposed else nn.Conv2d

    def make(s: dict[str, Any], c: int) -> nn.Module:
        extra = {"output_padding": s["output_padding"]} if transposed else {}
        return module(c, s["out"], s["kernel"], s["stride"], s["padding"], groups=s["groups"],
                      bias=s["bias"], **extra)

    def data(m: Any) -> dict[str, Any]:
        extra = {"output_padding": pair(m.output_padding)[0]} if transposed else {}
        return {"out": m.out_channels, "kernel": pair(m.kernel_size)[0], "stride": pair(m.stride)[0],
                "padding": pair(m.padding)[0], "groups": m.groups, "bias": m.bias is not None, **extra}

    return Offer(fields, make, data, prefix="deconv" if transposed else "conv")


def _pool_offer(module: type[nn.MaxPool2d | nn.AvgPool2d]) -> Offer:
    def data(m: Any) -> dict[str, Any]:
        return {"kernel": pair(m.kernel_size)[0], "stride": pair(m.stride)[0],
                "padding": pair(m.padding)[0], "ceil": bool(m.ceil_mode)}

    return Offer(window(2, 2), lambda s, c: module(s["kernel"], s["stride"], s["padding"],
                                                   ceil_mode=s["ceil"]), data, prefix="pool")


def _simple(module: Callable[[], nn.Module]) -> Offer:
    return Offer((), lambda s, c: module())


def _upsample_offer(mode: str) -> Offer:
    def make(s: dict[str, Any], c: int) -> nn.Module:
        return nn.Upsample(scale_factor=s["scale"], mode=mode,
                           **({"align_corners": False} if mode == "bilinear" else {}))

    return Offer((whole("scale", 2, 2, 8),), make,
                 lambda m: {"scale": int(m.scale_factor if isinstance(m.scale_factor, int | float)
                                         else m.scale_factor[0])}, prefix="up")


def _activation(key: str, module: type[nn.Module], offer: Offer | None = None) -> Rule:
    return Rule(key, module, folds=True, minor=True, offer=offer)


# Every layer type the app knows, the builder's palette in its order first. A module of any
# other type makes its model's plan opaque: traced by a real (meta) forward at each size
# instead of replayed.
TYPES: dict[str, Rule] = {r.key: r for r in (
    Conv("conv", nn.Conv2d, box="conv", family="conv", offer=_conv_offer(False)),
    ConvTranspose("conv_transpose", nn.ConvTranspose2d, box="conv", family="conv",
                  offer=_conv_offer(True)),
    BatchNorm("batchnorm", nn.BatchNorm2d, folds=True, minor=True, offer=Offer(
        (real("eps", 1e-5, 1e-8, 0.1),), lambda s, c: nn.BatchNorm2d(c, eps=s["eps"]),
        lambda b: {"eps": b.eps}, prefix="bn")),
    _activation("relu", nn.ReLU, _simple(nn.ReLU)),
    _activation("leaky_relu", nn.LeakyReLU, Offer(
        (real("slope", 0.01, 0.0, 1.0),), lambda s, c: nn.LeakyReLU(s["slope"]),
        lambda a: {"slope": a.negative_slope}, prefix="relu")),
    _activation("gelu", nn.GELU, _simple(nn.GELU)),
    _activation("sigmoid", nn.Sigmoid, _simple(nn.Sigmoid)),
    _activation("tanh", nn.Tanh, _simple(nn.Tanh)),
    Pool("maxpool", nn.MaxPool2d, box="pool", offer=_pool_offer(nn.MaxPool2d)),
    Pool("avgpool", nn.AvgPool2d, box="pool", offer=_pool_offer(nn.AvgPool2d)),
    Adaptive("adaptive_avgpool", nn.AdaptiveAvgPool2d, box="pool", offer=Offer(
        (whole("size", 1, 1, 32),), lambda s, c: nn.AdaptiveAvgPool2d((s["size"], s["size"])),
        lambda p: {"size": pair(p.output_size)[0]}, prefix="avgpool")),
    Upsample("upsample", "nearest", offer=_upsample_offer("nearest")),
    Upsample("upsample_bilinear", "bilinear", offer=_upsample_offer("bilinear")),
    Rule("lrn", nn.LocalResponseNorm, folds=True, needs_map=True, offer=Offer(
        (whole("size", 5, 1, 15), real("alpha", 1e-4, 0.0, 1.0), real("beta", 0.75, 0.0, 4.0),
         real("k", 1.0, 0.0, 10.0)),
        lambda s, c: nn.LocalResponseNorm(s["size"], s["alpha"], s["beta"], s["k"]),
        lambda n: {"size": n.size, "alpha": n.alpha, "beta": n.beta, "k": n.k}, prefix="norm")),
    _activation("dropout", nn.Dropout, Offer(
        (real("p", 0.5, 0.0, 0.95),), lambda s, c: nn.Dropout(s["p"]), lambda d: {"p": d.p},
        prefix="drop")),
    ZeroPad("zeropad", nn.ZeroPad2d, offer=Offer(
        (whole("padding", 1, 0, 15),), lambda s, c: nn.ZeroPad2d(s["padding"]),
        lambda z: {"padding": z.padding[0]}, prefix="pad")),
    Flatten("flatten", nn.Flatten, offer=_simple(nn.Flatten)),
    Linear("linear", nn.Linear, box="linear", family="linear", offer=Offer(
        (whole("out", 10, 1, 16384), Setting("bias", True)),
        lambda s, c: nn.Linear(c, s["out"], bias=s["bias"]),
        lambda fc: {"out": fc.out_features, "bias": fc.bias is not None}, prefix="fc", flat=True)),
    # Known to the tracer and the views, not offered by the builder.
    Adaptive("adaptive_maxpool", nn.AdaptiveMaxPool2d, box="pool"),
    _activation("softmax", nn.Softmax),
    _activation("dropout2d", nn.Dropout2d),
    _activation("alpha_dropout", nn.AlphaDropout),
    _activation("feature_alpha_dropout", nn.FeatureAlphaDropout),
    Rule("identity", nn.Identity, minor=True, box="none"),  # passes its input on: drawn as nothing
    Subsample("shortcut_a", ShortcutA),
    Merge("add", Add, box="merge"),
    Cat("cat", Concat, box="merge"),
)}
WEIGHTED_KINDS.update(key for key, r in TYPES.items() if r.family)  # TraceResult.weighted_depth
UNKNOWN = Unknown("unknown")
CONTAINER = Unknown("container", box="block")
_BY_TYPE: dict[type[nn.Module], list[Rule]] = {}
for _rule in TYPES.values():
    for _m in _rule.modules:
        _BY_TYPE.setdefault(_m, []).append(_rule)


def rule_for(m: nn.Module) -> tuple[Rule, Settings] | None:
    """The layer type of module ``m`` and its settings, or ``None`` if it cannot be replayed."""
    rules = _BY_TYPE.get(type(m)) or [r for r in TYPES.values() if isinstance(m, r.modules)]
    for rule in rules:
        settings = rule.read(m)
        if settings is not None:
            return rule, settings
    return None


def of(r: LayerRecord) -> Rule:
    """The layer type of a record (``CONTAINER`` for a block, ``UNKNOWN`` for a leaf with none)."""
    return TYPES.get(r.kind) or (UNKNOWN if r.is_leaf else CONTAINER)


def offered() -> dict[str, Offer]:
    """The layer types the builder offers, in the palette's order."""
    return {key: r.offer for key, r in TYPES.items() if r.offer is not None}


def describe(r: LayerRecord, lang: str, lanes: int = 1) -> str:
    """One line saying what a layer does, with its numbers (the diagram's box text)."""
    rule = of(r)
    if rule.spatial and not (r.kernel and r.stride):
        return Rule.describe(rule, r, lang)
    return rule.describe(r, lang, lanes)
