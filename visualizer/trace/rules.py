"""One rule per layer type: everything the tracer knows about a kind of layer, in one place.

A rule says, for the modules it covers: which settings to write down while recording
(``read``), the output shape for given input shapes (``shape``, raising ``Refuse`` with the
reason when the input cannot pass), the receptive field and jump after it (``field``), its
multiply-accumulates (``macs``), and the line the diagram shows for it (``describe``).
Parameters are not a rule's business: they are counted on the module itself
(``record.own_params``), so no formula can drift from the real layer.

Adding a layer type is adding a rule to ``RULES``; ``tests/test_trace.py`` checks every rule
against a real forward pass.
"""

from __future__ import annotations

import math
from typing import Any

from torch import nn

from models.ops import Add, Concat, ShortcutA
from visualizer import arithmetic as ar
from visualizer.i18n import CATALOGUE, t
from visualizer.records import LayerRecord, Shape
from visualizer.trace.errors import Refuse

Settings = tuple[tuple[str, Any], ...]
Field = tuple[int, int]  # receptive field and jump, in input pixels


def pair(v: Any) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else (int(v[0]), int(v[1]))


class Rule:
    """A layer type that changes no shape and does no multiply-accumulates (an activation,
    a dropout): the defaults of every rule."""

    kind = "same"
    modules: tuple[type[nn.Module], ...] = (
        nn.ReLU, nn.LeakyReLU, nn.GELU, nn.Sigmoid, nn.Tanh, nn.Softmax, nn.Identity,
        nn.Dropout, nn.Dropout2d, nn.AlphaDropout, nn.FeatureAlphaDropout, nn.LocalResponseNorm)
    spatial = False  # records carry kernel, stride, padding and dilation

    def read(self, m: nn.Module) -> Settings | None:
        """The settings to write down, or ``None`` if this module cannot be replayed."""
        return ()

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        return ins[0]

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        return ins[0]

    def macs(self, get: Any, out: Shape) -> int:
        return 0

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        key = f"dg.{r.type}"
        return t(key, lang) if key in CATALOGUE else r.type


class BatchNorm(Rule):
    kind = "norm"
    modules = (nn.BatchNorm2d,)

    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.BatchNorm2d)
        return (("channels", m.num_features),)

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
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


class Conv(Window):
    kind = "conv"
    modules = (nn.Conv2d,)

    def read(self, m: nn.Module) -> Settings | None:
        assert isinstance(m, nn.Conv2d)
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

    def macs(self, get: Any, out: Shape) -> int:
        return ar.conv_macs(out, get("in_channels"), get("groups"), get("kernel"))

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        assert r.kernel and r.stride
        groups = f" · {t('dg.groups', lang, g=r.groups)}" if r.groups and r.groups > 1 else ""
        # a convolution split over ``lanes`` GPUs shows the filters of one GPU
        return t("dg.conv", lang, k=f"{r.kernel[0]}×{r.kernel[1]}", s=r.stride[0],
                 c=r.channels // lanes) + groups


class Pool(Window):
    kind = "pool"
    modules = (nn.MaxPool2d, nn.AvgPool2d)

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
        key = "dg.maxpool" if r.type == "MaxPool2d" else "dg.avgpool"
        return t(key, lang, k=f"{r.kernel[0]}×{r.kernel[1]}", s=r.stride[0])


class Adaptive(Rule):
    kind = "adaptive"
    modules = (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)

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


class Linear(Rule):
    kind = "linear"
    modules = (nn.Linear,)

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

    def macs(self, get: Any, out: Shape) -> int:
        return ar.linear_macs(out, get("in_features"))

    def describe(self, r: LayerRecord, lang: str, lanes: int = 1) -> str:
        return t("dg.linear", lang, n=r.output_shape[-1])


class Flatten(Rule):
    kind = "flatten"
    modules = (nn.Flatten,)

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

    kind = "pad"
    modules = (nn.ZeroPad2d,)

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

    kind = "subsample"
    modules = (ShortcutA,)

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

    kind = "add"
    modules: tuple[type[nn.Module], ...] = (Add,)

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
    kind = "cat"
    modules = (Concat,)

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        x = ins[0]
        if any(s[0] != x[0] or s[2:] != x[2:] for s in ins):
            raise Refuse(index, "cat", shapes=", ".join("x".join(map(str, s[2:])) for s in ins))
        return (x[0], sum(s[1] for s in ins), *x[2:])


class Unknown(Rule):
    """A leaf with no rule (its plan is opaque: shapes come from a recorded forward)."""

    kind = "unknown"
    modules = ()

    def shape(self, get: Any, index: int, ins: list[Shape]) -> Shape:
        raise Refuse(index, "unknown", type="?")

    def field(self, get: Any, ins: list[Field | None], size_in: int, size_out: int) -> Field | None:
        return None


UNKNOWN = Unknown()
# Every layer type the tracer can replay. A module of any other type makes its model's plan
# opaque: traced by a real (meta) forward at each size instead of replayed.
RULES: tuple[Rule, ...] = (Conv(), Pool(), Adaptive(), Linear(), Flatten(), BatchNorm(), ZeroPad(),
                           Subsample(), Merge(), Cat(), Rule())
BY_KIND: dict[str, Rule] = {r.kind: r for r in RULES}
_BY_TYPE: dict[type[nn.Module], Rule] = {m: r for r in RULES for m in r.modules}
_BY_NAME: dict[str, Rule] = {m.__name__: r for r in RULES for m in r.modules}


def rule_for(m: nn.Module) -> tuple[Rule, Settings] | None:
    """The rule for module ``m`` and its settings, or ``None`` if it cannot be replayed."""
    rule = _BY_TYPE.get(type(m))
    if rule is None:
        rule = next((r for r in RULES if isinstance(m, r.modules)), None)
    if rule is None:
        return None
    settings = rule.read(m)
    return None if settings is None else (rule, settings)


def describe(r: LayerRecord, lang: str, lanes: int = 1) -> str:
    """One line saying what a layer does, with its numbers (the diagram's box text)."""
    rule = _BY_NAME.get(r.type)
    if rule is None or (rule.spatial and not (r.kernel and r.stride)):
        return Rule().describe(r, lang)
    return rule.describe(r, lang, lanes)
