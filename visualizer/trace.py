"""Trace a model: which layer runs, on what shape, with how many parameters and MACs.

Collection is separate from evaluation (as in torchinfo):

1. ``record_plan`` runs one forward pass on the meta device (no memory, no arithmetic) with
   pre- and post-hooks on every module, and writes down the call tree, which earlier layer
   produced each input, and each computing layer's settings. The hooks are removed in
   ``finally``. A failed forward is re-raised naming the layer that was running.
2. ``evaluate`` replays that plan for any input shape with the exact per-layer formulas of
   ``arithmetic``: microseconds instead of a forward pass. ``tests/test_trace.py`` checks the
   replay against a real hooked forward for every model at several sizes.

A plan can be replayed only if every computation happens in a leaf module of a known type
(the zoo makes its adds and concatenations modules for this). Anything else marks the plan
opaque, and ``trace`` then falls back to a hooked meta forward at the requested size.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import torch
from torch import nn

from models import build_model, get_entry
from models.ops import Add, Concat
from visualizer import arithmetic as ar
from visualizer.i18n import t
from visualizer.records import LayerRecord, Shape, TraceResult

MAX_SIDE = 8192  # larger inputs are refused before any work is done
MAX_BATCH = 256
# Sizes tried when the requested one cannot pass, to learn the network's structure anyway.
PROBE_SIDES = (224, 227, 96, 32, 299, 512, 1024)


class ShapeError(ValueError):
    """An input shape that cannot pass through the model.

    Attributes:
        layer: label of the first layer that cannot take its input.
        code: which rule failed (``empty``, ``features``, ...): a key ``err.<code>`` of i18n.
        values: the numbers of the failure, to fill in that message.
        valid: the square input sides that work, as ``(low, high)``; ``high`` is ``None``
            when every larger size works too. ``None`` if no size up to MAX_SIDE works.
    """

    def __init__(self, *, layer: str, code: str, values: dict[str, Any],
                 valid: tuple[int, int | None] | None = None) -> None:
        self.layer = layer
        self.code = code
        self.values = values
        self.valid = valid
        self.before: dict[str, Shape] = {}  # output shapes of the layers that did pass
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """The whole message in ``lang``: what breaks, then the fix."""
        values = dict(self.values)
        if self.code == "empty":
            values["padded"] = t("err.padded", lang, **values) if values["p"] else ""
        return f"{t('err.' + self.code, lang, **values)}; {describe_valid(self.valid, lang)}"

    @property
    def smallest(self) -> int | None:
        """The smallest square input side that works."""
        return self.valid[0] if self.valid else None


class _Refuse(Exception):
    """A layer cannot take its input (raised while replaying a plan).

    ``code`` names the rule (an ``err.<code>`` message of i18n); ``code == "empty"`` means the
    output would have no pixels: the input is too small.
    """

    def __init__(self, index: int, code: str, **values: Any) -> None:
        super().__init__(code)
        self.index = index
        self.code = code
        self.values = values
        self.before: tuple[tuple[str, Shape], ...] = ()  # leaves that passed, and their shapes


@dataclass(frozen=True)
class _Node:
    """One module call as recorded: plain data, so a plan pickles."""

    name: str
    label: str
    type: str
    depth: int
    parent: str | None
    is_leaf: bool
    params: int
    inputs: tuple[int, ...]  # producer node index of each input; -1 is the model input
    output: int  # node that produced the output (itself, for a leaf)
    kind: str  # how to replay a leaf: conv, pool, adaptive, linear, flatten, same, add, cat
    settings: tuple[tuple[str, Any], ...] = ()
    recorded: Shape = ()  # the output shape seen while recording

    def get(self, key: str) -> Any:
        return self._settings[key]

    @cached_property  # asked ~100,000 times per DenseNet-201 trace; a dict once per node
    def _settings(self) -> dict[str, Any]:
        return dict(self.settings)


@dataclass(frozen=True)
class Plan:
    """The recorded call tree of one model: replayable for any input shape."""

    model_name: str
    channels: int
    nodes: tuple[_Node, ...]
    total_params: int
    opaque: bool  # some computation happened outside a known leaf: replay not possible
    input_shape: Shape = ()  # the shape it was recorded at (all an opaque plan can answer)
    # Leaf layers that hold parameters but did not run (GoogLeNet's auxiliary classifiers
    # at test time): (name, kind, settings), so that a layer knob can change them too.
    idle: tuple[tuple[str, str, tuple[tuple[str, Any], ...]], ...] = ()

    @cached_property
    def parents(self) -> tuple[int | None, ...]:
        """Index of each node's enclosing node (``None`` for the model), in one pass: nodes
        are in call order, so the enclosing node is the last shallower one still open."""
        out: list[int | None] = []
        open_nodes: list[int] = []
        for i, node in enumerate(self.nodes):
            while open_nodes and self.nodes[open_nodes[-1]].depth >= node.depth:
                open_nodes.pop()
            out.append(open_nodes[-1] if open_nodes else None)
            open_nodes.append(i)
        return tuple(out)


def _pair(v: Any) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else (int(v[0]), int(v[1]))


def _leaf_kind(m: nn.Module) -> tuple[str, tuple[tuple[str, Any], ...]] | None:
    """How to replay a leaf module, or ``None`` if its shape rule is unknown."""
    if isinstance(m, nn.Conv2d):
        if isinstance(m.padding, str):
            return None
        return "conv", (("kernel", _pair(m.kernel_size)), ("stride", _pair(m.stride)),
                        ("padding", _pair(m.padding)), ("dilation", _pair(m.dilation)),
                        ("groups", m.groups), ("in_channels", m.in_channels),
                        ("out_channels", m.out_channels), ("ceil", False),
                        ("bias", m.bias is not None))
    if isinstance(m, nn.MaxPool2d | nn.AvgPool2d):
        dil = m.dilation if isinstance(m, nn.MaxPool2d) else 1
        return "pool", (("kernel", _pair(m.kernel_size)), ("stride", _pair(m.stride or m.kernel_size)),
                        ("padding", _pair(m.padding)), ("dilation", _pair(dil)),
                        ("ceil", bool(m.ceil_mode)))
    if isinstance(m, nn.AdaptiveAvgPool2d | nn.AdaptiveMaxPool2d):
        return "adaptive", (("size", m.output_size if isinstance(m.output_size, tuple)
                             else (m.output_size, m.output_size)),)
    if isinstance(m, nn.Linear):
        return "linear", (("in_features", m.in_features), ("out_features", m.out_features),
                          ("bias", m.bias is not None))
    if isinstance(m, nn.Flatten):
        return ("flatten", ()) if (m.start_dim, m.end_dim) == (1, -1) else None
    if isinstance(m, nn.BatchNorm2d):
        return "same", (("channels", m.num_features),)
    if isinstance(m, nn.ReLU | nn.Dropout | nn.LocalResponseNorm | nn.Identity | nn.Softmax
                  | nn.Sigmoid | nn.Tanh):
        return "same", ()
    if isinstance(m, Add):
        return "add", ()
    if isinstance(m, Concat):
        return "cat", ()
    return None


def _own_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters(recurse=False))


def _idle(model: nn.Module, ran: set[str]) -> tuple[tuple[str, str, tuple[tuple[str, Any], ...]], ...]:
    out = []
    for name, m in model.named_modules():
        kind = _leaf_kind(m) if name not in ran and next(m.children(), None) is None else None
        if kind is not None and _own_params(m):
            out.append((name, *kind))
    return tuple(out)


@contextmanager
def _hooks(model: nn.Module, on_pre: Any, on_post: Any) -> Iterator[None]:
    handles = []
    try:
        for name, module in model.named_modules():
            handles.append(module.register_forward_pre_hook(
                lambda mod, args, _n=name: on_pre(_n, mod, args)))
            handles.append(module.register_forward_hook(
                lambda mod, args, out, _n=name: on_post(_n, mod, args, out)))
        yield
    finally:
        for h in handles:
            h.remove()


def _first_tensor(out: Any) -> torch.Tensor | None:
    if isinstance(out, torch.Tensor):
        return out
    if isinstance(out, tuple | list) and out and isinstance(out[0], torch.Tensor):
        return out[0]
    return None


class _LayerFailed(RuntimeError):
    def __init__(self, label: str, cause: BaseException) -> None:
        super().__init__(f"{label}: {cause}")
        self.label = label
        self.cause = cause


def _display(model: nn.Module) -> dict[str, str]:
    names = getattr(model, "display_names", None)
    return dict(names) if isinstance(names, dict) else {}


def record_plan(model: nn.Module, input_shape: Shape, model_name: str = "") -> Plan:
    """Run one hooked forward on the meta device and write down the call tree.

    Raises:
        _LayerFailed: the forward failed; names the layer that was running.
    """
    labels = _display(model)
    nodes: list[dict[str, Any]] = []
    producer: dict[int, int] = {}  # id(tensor) -> node index that produced it
    keep: list[torch.Tensor] = []  # holds every tensor so that no id() is reused
    stack: list[int] = []
    opaque = False

    def pre(name: str, mod: nn.Module, args: tuple[Any, ...]) -> None:
        nonlocal opaque
        ins = []
        for a in args:
            if isinstance(a, torch.Tensor):
                if id(a) not in producer:
                    opaque = True  # made by an operation no hook saw
                ins.append(producer.get(id(a), -1))
        is_leaf = next(mod.children(), None) is None
        kind = _leaf_kind(mod) if is_leaf else None
        if is_leaf and kind is None:
            opaque = True
        nodes.append(dict(
            name=name, label=labels.get(name, name or model_name or type(mod).__name__),
            type=type(mod).__name__, depth=len(stack),
            parent=nodes[stack[-1]]["name"] if stack else None, is_leaf=is_leaf,
            params=_own_params(mod), inputs=tuple(ins), output=-1,
            kind=kind[0] if kind else "container", settings=kind[1] if kind else ()))
        stack.append(len(nodes) - 1)

    def post(name: str, mod: nn.Module, args: tuple[Any, ...], out: Any) -> None:
        nonlocal opaque
        index = stack.pop()
        t = _first_tensor(out)
        if t is None:
            opaque = True
            return
        nodes[index]["recorded"] = tuple(t.shape)
        if nodes[index]["is_leaf"]:
            producer[id(t)] = index
            keep.append(t)
            nodes[index]["output"] = index
        elif id(t) in producer:
            nodes[index]["output"] = producer[id(t)]
        else:
            opaque = True  # the container computed something itself

    model_device = next(iter(model.parameters()), torch.empty(0, device="meta")).device
    x = torch.zeros(input_shape, device=model_device)
    producer[id(x)] = -1
    with _hooks(model, pre, post), torch.no_grad():
        try:
            model(x)
        except Exception as exc:
            running = nodes[stack[-1]]["label"] if stack else model_name
            raise _LayerFailed(running, exc) from exc
    return Plan(model_name=model_name, channels=input_shape[1],
                nodes=tuple(_Node(**n) for n in nodes),
                total_params=sum(p.numel() for p in model.parameters()), opaque=opaque,
                input_shape=tuple(input_shape), idle=_idle(model, {n["name"] for n in nodes}))


def _shape_of(shapes: Sequence[Shape | None], i: int, x: Shape) -> Shape:
    if i == -1:
        return x
    s = shapes[i]
    assert s is not None, "plan replay out of order"
    return s


def _spatial_rule(node: _Node, index: int, x: Shape) -> Shape:
    """Output shape of a conv or pooling layer, or _Refuse with the reason."""
    k, s, p, d = (node.get("kernel"), node.get("stride"), node.get("padding"), node.get("dilation"))
    ceil = node.get("ceil")
    if len(x) != 4:
        raise _Refuse(index, "rank", shape=x)
    if node.kind == "conv" and x[1] != node.get("in_channels"):
        raise _Refuse(index, "channels", want=node.get("in_channels"), got=x[1])
    if node.kind == "pool" and (p[0] * 2 > d[0] * (k[0] - 1) + 1 or p[1] * 2 > d[1] * (k[1] - 1) + 1):
        raise _Refuse(index, "pool_pad", p=p[0], k=k[0])
    h = ar.out_size(x[2], k[0], s[0], p[0], d[0], ceil)
    w = ar.out_size(x[3], k[1], s[1], p[1], d[1], ceil)
    if h < 1 or w < 1:
        raise _Refuse(index, "empty", h=x[2], w=x[3], kh=k[0], kw=k[1], p=p[0],
                      ph=x[2] + 2 * p[0], pw=x[3] + 2 * p[1])
    c = node.get("out_channels") if node.kind == "conv" else x[1]
    return (x[0], c, h, w)


def _leaf_shape(node: _Node, index: int, ins: list[Shape]) -> Shape:
    """Replay one leaf: its output shape from its input shapes."""
    x = ins[0]
    kind = node.kind
    if kind in ("conv", "pool"):
        return _spatial_rule(node, index, x)
    if kind == "adaptive":
        if len(x) != 4:
            raise _Refuse(index, "rank", shape=x)
        oh, ow = node.get("size")
        return (x[0], x[1], x[2] if oh is None else oh, x[3] if ow is None else ow)
    if kind == "linear":
        if x[-1] != node.get("in_features"):
            raise _Refuse(index, "features", want=node.get("in_features"), got=x[-1])
        return (*x[:-1], node.get("out_features"))
    if kind == "flatten":
        return (x[0], math.prod(x[1:]))
    if kind == "same":
        if node.settings and x[1] != node.get("channels"):
            raise _Refuse(index, "channels", want=node.get("channels"), got=x[1])
        return x
    if kind == "add":
        if any(s != x for s in ins):
            raise _Refuse(index, "add", shapes=" + ".join("x".join(map(str, s[1:])) for s in ins))
        return x
    if kind == "cat":
        if any(s[0] != x[0] or s[2:] != x[2:] for s in ins):
            raise _Refuse(index, "cat", shapes=", ".join("x".join(map(str, s[2:])) for s in ins))
        return (x[0], sum(s[1] for s in ins), *x[2:])
    raise _Refuse(index, "unknown", type=node.type)


def replay_shapes(plan: Plan, x: Shape) -> list[Shape]:
    """Output shape of every node for input shape ``x``; raises _Refuse at the first failure.

    An opaque plan cannot be replayed: it answers with the shapes it recorded, which is only
    right for the input it was recorded at (``trace`` records again for any other).
    """
    if plan.opaque:
        return [n.recorded for n in plan.nodes]
    shapes: list[Shape | None] = [None] * len(plan.nodes)
    for i, node in enumerate(plan.nodes):
        if node.is_leaf:
            ins = [_shape_of(shapes, j, x) for j in node.inputs]
            try:
                shapes[i] = _leaf_shape(node, i, ins)
            except _Refuse as refuse:
                refuse.before = tuple((plan.nodes[j].label, s) for j, s in enumerate(shapes)
                                      if s is not None)
                raise
    for i, node in enumerate(plan.nodes):
        if not node.is_leaf:
            shapes[i] = _shape_of(shapes, node.output, x)
    return [s for s in shapes if s is not None]


def _receptive_fields(plan: Plan, shapes: list[Shape], x: Shape) -> list[tuple[int | None, int | None]]:
    """Receptive field and jump of every node's output (``None`` once maps are flattened)."""
    rf: list[tuple[int | None, int | None]] = [(None, None)] * len(plan.nodes)

    def of(j: int) -> tuple[int | None, int | None]:
        return (1, 1) if j == -1 else rf[j]

    for i, node in enumerate(plan.nodes):
        if not node.is_leaf:
            continue
        ins = [of(j) for j in node.inputs]
        r, jump = ins[0]
        if r is None or jump is None:
            continue
        if node.kind in ("conv", "pool"):
            rf[i] = ar.receptive_field(r, jump, node.get("kernel")[0], node.get("stride")[0],
                                       node.get("dilation")[0])
        elif node.kind == "adaptive":
            size_in = shapes[node.inputs[0]][2] if node.inputs[0] != -1 else x[2]
            out = shapes[i][2]
            if size_in % out == 0:  # then it is an ordinary pool with kernel = stride
                k = size_in // out
                rf[i] = ar.receptive_field(r, jump, k, k)
        elif node.kind in ("same",):
            rf[i] = (r, jump)
        elif node.kind in ("add", "cat") and all(a is not None for a, _ in ins):
            rf[i] = (max(a for a, _ in ins if a is not None),
                     max(b for _, b in ins if b is not None))
    for i, node in enumerate(plan.nodes):
        if not node.is_leaf and node.output >= 0:
            rf[i] = rf[node.output]
    return rf


def _records(plan: Plan, x: Shape) -> tuple[LayerRecord, ...]:
    shapes = replay_shapes(plan, x)
    fields = _receptive_fields(plan, shapes, x)
    macs: list[int] = []
    for i, node in enumerate(plan.nodes):
        if node.kind == "conv":
            in_ch = node.get("in_channels")
            macs.append(ar.conv_macs(shapes[i], in_ch, node.get("groups"), node.get("kernel")))
        elif node.kind == "linear":
            macs.append(ar.linear_macs(shapes[i], node.get("in_features")))
        else:
            macs.append(0)
    # Subtree totals: a node's subtree is the contiguous run of deeper nodes after it.
    n = len(plan.nodes)
    params_total = [0] * n
    macs_total = [0] * n
    for i in range(n - 1, -1, -1):
        params_total[i] += plan.nodes[i].params
        macs_total[i] += macs[i]
        parent = plan.parents[i]
        if parent is not None:
            params_total[parent] += params_total[i]
            macs_total[parent] += macs_total[i]
    out = []
    for i, node in enumerate(plan.nodes):
        spatial = node.kind in ("conv", "pool")
        out.append(LayerRecord(
            index=i, name=node.name, label=node.label, type=node.type, depth=node.depth,
            parent=node.parent, is_leaf=node.is_leaf,
            input_shapes=tuple(_shape_of(shapes, j, x) for j in node.inputs),
            output_shape=shapes[i], params=node.params, params_total=params_total[i],
            macs=macs[i], macs_total=macs_total[i],
            inputs=node.inputs if node.is_leaf else (),
            kernel=node.get("kernel") if spatial else None,
            stride=node.get("stride") if spatial else None,
            padding=node.get("padding") if spatial else None,
            dilation=node.get("dilation") if spatial else None,
            groups=node.get("groups") if node.kind == "conv" else None,
            receptive_field=fields[i][0], jump=fields[i][1]))
    return tuple(out)


def _check_input(input_shape: Any) -> Shape:
    """Nonsense shapes raise ValueError saying what is allowed."""
    try:
        shape = tuple(input_shape)
    except TypeError:
        raise ValueError(f"input shape must be (N, C, H, W), got {input_shape!r}") from None
    if len(shape) == 3:
        shape = (1, *shape)
    if len(shape) != 4:
        raise ValueError(f"input shape must be (N, C, H, W) or (C, H, W), got {input_shape!r}")
    names = ("batch", "channels", "height", "width")
    limits = (MAX_BATCH, 4096, MAX_SIDE, MAX_SIDE)
    for name, v, hi in zip(names, shape, limits, strict=True):
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"{name} must be a whole number from 1 to {hi}, got {v!r}")
        if not 1 <= v <= hi:
            raise ValueError(f"{name} must be from 1 to {hi}, got {v}")
    return shape


_PLANS: weakref.WeakKeyDictionary[nn.Module, dict[int, Plan]] = weakref.WeakKeyDictionary()
# Hooks live on the module: two threads recording the same model at once would see each
# other's calls. Recording is rare (once per model and channel count), so one lock suffices.
_RECORD_LOCK = threading.RLock()


def get_plan(model: nn.Module, input_shape: Shape, model_name: str = "") -> Plan:
    """The model's plan for this many input channels, recorded once and kept with the model.

    Records at the requested shape; if that cannot pass, at the probe sizes, so that the
    structure (and so the valid sizes) is known even for an input that fails.
    """
    with _RECORD_LOCK:
        return _get_plan_locked(model, input_shape, model_name)


def _get_plan_locked(model: nn.Module, input_shape: Shape, model_name: str) -> Plan:
    per_channels = _PLANS.setdefault(model, {})
    channels = input_shape[1]
    _check_channels(model, channels)
    if channels in per_channels:
        return per_channels[channels]
    key = _structure_key(model, channels)
    twin = _STRUCTURES.get(key)
    if twin is not None:  # same module tree, other settings: no forward pass needed
        plan = _rebase(twin, model, model_name)
        per_channels[channels] = plan
        return plan
    tries = [input_shape] + [(1, channels, s, s) for s in PROBE_SIDES]
    first_error: _LayerFailed | None = None
    for shape in tries:
        try:
            plan = record_plan(model, shape, model_name)
        except _LayerFailed as exc:
            first_error = first_error or exc
            continue
        per_channels[channels] = plan
        if not plan.opaque:
            _STRUCTURES[key] = plan
            while len(_STRUCTURES) > MODEL_CACHE_SIZE:
                _STRUCTURES.pop(next(iter(_STRUCTURES)))
        return plan
    assert first_error is not None
    raise _failed(first_error)


# Plans by module structure: models whose module trees have the same names and classes run
# the same forward code, so they share the call graph; only layer settings differ (a conv1
# kernel, a growth rate). Those are read from the new model's modules: no forward pass.
_STRUCTURES: dict[tuple[object, ...], Plan] = {}


def _structure_key(model: nn.Module, channels: int) -> tuple[object, ...]:
    return (channels, model.training, tuple((n, type(m).__name__) for n, m in model.named_modules()))


def _rebase(twin: Plan, model: nn.Module, model_name: str) -> Plan:
    """``twin``'s call graph with the settings and parameter counts of ``model``'s modules."""
    modules = dict(model.named_modules())
    nodes = []
    for node in twin.nodes:
        m = modules[node.name]
        kind = _leaf_kind(m) if node.is_leaf else None
        nodes.append(replace(node, params=_own_params(m), settings=kind[1] if kind else ()))
    return Plan(model_name=model_name, channels=twin.channels, nodes=tuple(nodes),
                total_params=sum(p.numel() for p in model.parameters()), opaque=False,
                input_shape=twin.input_shape, idle=_idle(model, {n.name for n in twin.nodes}))


def _layer_params(kind: str, settings: dict[str, Any]) -> int:
    """Weights and biases of a convolution or a fully connected layer, from its settings."""
    if kind == "conv":
        kh, kw = settings["kernel"]
        out = settings["out_channels"]
        return out * (settings["in_channels"] // settings["groups"]) * kh * kw + out * settings["bias"]
    if kind == "linear":
        out = settings["out_features"]
        return out * settings["in_features"] + out * settings["bias"]
    raise ValueError(f"a layer knob can only set a convolution or a linear layer, not {kind}")


def with_layers(plan: Plan, changes: dict[str, dict[str, Any]]) -> Plan:
    """``plan`` with some layers' settings changed (a conv's kernel, a classifier's width):
    what a model built with those settings records, without building it.

    Only settings that leave the module tree alone may change; ``models.LayerKnobs`` says
    which. Parameter counts follow from the new settings.
    """
    if plan.opaque:
        raise ValueError("an opaque plan cannot be changed layer by layer")
    delta = 0
    found: set[str] = set()

    def changed(name: str, kind: str, settings: tuple[tuple[str, Any], ...]) -> tuple[tuple[str, Any], ...]:
        nonlocal delta
        old = dict(settings)
        new = dict(old, **changes[name])
        if name not in found:  # a layer called twice holds its parameters once
            found.add(name)
            delta += _layer_params(kind, new) - _layer_params(kind, old)
        return tuple(new.items())

    nodes = list(plan.nodes)
    for i, node in enumerate(nodes):
        if node.name in changes:
            settings = changed(node.name, node.kind, node.settings)
            nodes[i] = replace(node, settings=settings, params=_layer_params(node.kind, dict(settings)))
    idle = tuple((name, kind, changed(name, kind, settings) if name in changes else settings)
                 for name, kind, settings in plan.idle)
    if found != set(changes):
        raise ValueError(f"no layer named {', '.join(sorted(set(changes) - found))} in {plan.model_name}")
    return replace(plan, nodes=tuple(nodes), idle=idle, total_params=plan.total_params + delta)


def _check_channels(model: nn.Module, channels: int) -> None:
    """The first convolution fixes the input's channels: say so before any forward pass."""
    labels = _display(model)
    for name, m in model.named_modules():
        if isinstance(m, nn.Conv2d):
            if m.in_channels != channels:
                raise ValueError(
                    f"{labels.get(name, name)} expects {m.in_channels} input channels but the "
                    f"input has {channels}; feed {m.in_channels} channels or build the model "
                    f"with in_channels={channels}")
            return


def _failed(err: _LayerFailed) -> ShapeError:
    """A forward pass that failed where no formula predicted it: the layer and torch's reason."""
    text = str(err.cause).splitlines()[0] if str(err.cause) else type(err.cause).__name__
    return ShapeError(layer=err.label, code="torch", values={"layer": err.label, "detail": text})


def valid_sides(plan: Plan, batch: int = 1) -> tuple[int, int | None] | None:
    """The square input sides that pass: ``(low, high)``, high ``None`` if unbounded.

    Computed by replaying the plan, not tabled. Output sizes never shrink as the input
    grows, so "some layer gets an empty input" is monotone and is bisected; a fully connected
    layer that needs an exact feature count (no adaptive pooling) then bounds the range from
    above, found by scanning.
    """

    def passes(side: int) -> bool:
        try:
            replay_shapes(plan, (batch, plan.channels, side, side))
        except _Refuse:
            return False
        return True

    def nonempty(side: int) -> bool:
        try:
            replay_shapes(plan, (batch, plan.channels, side, side))
        except _Refuse as r:
            return r.code != "empty"
        return True

    if not nonempty(MAX_SIDE):
        return None
    lo, hi = 1, MAX_SIDE
    while lo < hi:  # smallest side with no empty output
        mid = (lo + hi) // 2
        if nonempty(mid):
            hi = mid
        else:
            lo = mid + 1
    low = lo
    while low <= MAX_SIDE and not passes(low):
        low += 1
        if low - lo > 4096:
            return None
    if low > MAX_SIDE:
        return None
    # Unbounded above when doubling never fails.
    side = low
    while side * 2 <= MAX_SIDE and passes(side * 2):
        side *= 2
    if side * 2 > MAX_SIDE and passes(MAX_SIDE):
        return (low, None)
    high = low
    while high + 1 <= MAX_SIDE and passes(high + 1):
        high += 1
    return (low, high)


def describe_valid(valid: tuple[int, int | None] | None, lang: str = "en") -> str:
    """The fix, in words: ``use an input of at least 63x63`` or ``sizes 227 to 258 work``."""
    if valid is None:
        return t("fix.none", lang, max=MAX_SIDE)
    low, high = valid
    if high is None:
        return t("fix.at_least", lang, low=low)
    if high == low:
        return t("fix.only", lang, low=low)
    return t("fix.range", lang, low=low, high=high)


def trace(model: nn.Module, input_shape: Any, *, model_name: str = "",
          layers: dict[str, dict[str, Any]] | None = None) -> TraceResult:
    """Shapes, parameters, MACs and receptive fields of every layer of ``model``.

    Args:
        model: any module; best on the meta device, where no weight memory is used.
        input_shape: ``(N, C, H, W)`` or ``(C, H, W)``.
        model_name: the registry name, for messages and for the result.
        layers: settings that replace those of some layers (see ``with_layers``): the trace
            of the model as if it had been built with them.

    Returns:
        A picklable TraceResult. MACs count the multiply-accumulates of convolutions and fully
        connected layers only; batch norm, activations, pooling, adds and biases are not
        counted (as in torchvision's published figures; torchinfo's mult-adds also count
        biases and batch-norm parameters, a difference of under 0.1%).

    Raises:
        ShapeError: the input cannot pass; names the first layer that breaks and the fix.
        ValueError: a nonsense shape or a channel count the model was not built for.
    """
    x = _check_input(input_shape)
    name = model_name or type(model).__name__
    plan = get_plan(model, x, name)
    if layers:
        plan = with_layers(plan, layers)
    if plan.opaque and plan.input_shape != x:
        plan = _record_or_raise(model, x, name)
    try:
        records = _records(plan, x)
    except _Refuse as refuse:
        raise _shape_error(plan, refuse, x) from None
    return TraceResult(model_name=name, input_shape=x, records=records,
                       total_params=plan.total_params, total_macs=records[0].macs_total)


def _record_or_raise(model: nn.Module, x: Shape, name: str) -> Plan:
    """The slow path for models the replay cannot handle: a hooked forward at this shape."""
    try:
        with _RECORD_LOCK:
            return record_plan(model, x, name)
    except _LayerFailed as err:
        raise _failed(err) from None


def _shape_error(plan: Plan, refuse: _Refuse, x: Shape) -> ValueError:
    node = plan.nodes[refuse.index]
    label = node.label if node.label == node.name else f"{node.label} ({node.name})"
    values = dict(refuse.values, layer=label)
    err = ShapeError(layer=node.label, code=refuse.code, values=values,
                     valid=valid_sides(plan, x[0]))
    err.before = dict(refuse.before)
    return err


_MODELS: OrderedDict[tuple[str, str], nn.Module] = OrderedDict()
MODEL_CACHE_SIZE = 64  # meta models hold no weights; the bound keeps memory flat anyway


def named_model(name: str, *, train: bool = False, **config: Any) -> nn.Module:
    """A meta-device model from the registry, built once per config and kept (LRU-bounded).

    ``train=True`` gives the training-time graph (GoogLeNet's auxiliary classifiers run).
    """
    key = (name, repr((train, sorted(config.items()))))
    with _RECORD_LOCK:
        model = _MODELS.get(key)
        if model is None:
            model = build_model(name, device="meta", **config).train(train)
            _MODELS[key] = model
            while len(_MODELS) > MODEL_CACHE_SIZE:
                _MODELS.popitem(last=False)
        _MODELS.move_to_end(key)
    return model


def trace_named(name: str, size: int | tuple[int, int] | None = None, *, channels: int | None = None,
                batch: int = 1, train: bool = False, **config: Any) -> TraceResult:
    """Trace a registry model by name: the app's and the CLI's one entry point.

    Args:
        name: a registry name.
        size: square side, or ``(H, W)``; the model's default input if omitted.
        channels: input channels; also passed to the model as ``in_channels``.
        batch: batch size (MACs and activations scale with it).
        train: trace the training-time graph (auxiliary classifiers included).
        **config: the model's knobs (see ``models.get_entry(name).defaults()``).
    """
    entry = get_entry(name)
    c, h, w = entry.default_input
    if channels is not None and "in_channels" in entry.defaults():
        config = dict(config, in_channels=channels)
    c = config.get("in_channels", c)
    if size is not None:
        h, w = (size, size) if isinstance(size, int) else size
    # Layer knobs (conv1's kernel, the classes) need no model of their own: the model with
    # those knobs at their defaults, its plan's layers changed. Built once per other config.
    knobs, layers = entry.layer_knobs, None
    if knobs is not None and knobs.names & config.keys():  # unknown keys stay: the build names them
        defaults = entry.defaults()
        full = {**defaults, **config}
        if any(full[k] != defaults[k] for k in knobs.names):  # else the default model as it is
            layers = knobs.layers(full)
        config = {k: v for k, v in config.items() if k not in knobs.names}
    return trace(named_model(name, train=train, **config), (batch, c, h, w), model_name=name,
                 layers=layers)
