"""Recording: one hooked forward pass on the meta device, written down as a ``Plan``.

Pre- and post-hooks on every module note the call tree, which earlier layer produced each
input, and each leaf's rule and settings (``rules.rule_for``). The hooks are removed in
``finally``; a failed forward is re-raised naming the layer that was running (as torchinfo
does). A computation no hook saw (a tensor operation in a ``forward``) makes the plan opaque.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import torch
from torch import nn

from visualizer.records import Shape
from visualizer.trace.errors import LayerFailed
from visualizer.trace.rules import CONTAINER, TYPES, UNKNOWN, Rule, Settings, rule_for


@dataclass(frozen=True)
class Node:
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
    kind: str  # a leaf's layer type (a key of rules.TYPES); "unknown" or "container" otherwise
    settings: Settings = ()
    recorded: Shape = ()  # the output shape seen while recording

    def get(self, key: str) -> Any:
        return self._settings[key]

    def setting(self, key: str) -> Any:
        """A setting this layer may not have (``None`` then): a pool has no groups."""
        return self._settings.get(key)

    @cached_property  # asked ~100,000 times per DenseNet-201 trace; a dict once per node
    def _settings(self) -> dict[str, Any]:
        return dict(self.settings)

    @cached_property  # asked for every node of every replay
    def rule(self) -> Rule:
        return TYPES.get(self.kind) or (UNKNOWN if self.is_leaf else CONTAINER)


@dataclass(frozen=True)
class Plan:
    """The recorded call tree of one model: replayable for any input shape."""

    model_name: str
    channels: int
    nodes: tuple[Node, ...]
    total_params: int
    opaque: bool  # some computation happened outside a known leaf: replay not possible
    input_shape: Shape = ()  # the shape it was recorded at (all an opaque plan can answer)
    # Leaf layers that hold parameters but did not run (GoogLeNet's auxiliary classifiers
    # at test time): (name, kind, settings), so that a layer change can reach them too.
    idle: tuple[tuple[str, str, Settings], ...] = ()

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


def own_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters(recurse=False))


def idle_layers(model: nn.Module, ran: set[str]) -> tuple[tuple[str, str, Settings], ...]:
    """Leaves with parameters that did not run in the recorded forward."""
    out = []
    for name, m in model.named_modules():
        found = rule_for(m) if name not in ran and next(m.children(), None) is None else None
        if found is not None and own_params(m):
            out.append((name, found[0].key, found[1]))
    return tuple(out)


def display_names(model: nn.Module) -> dict[str, str]:
    """The names a teacher says (``conv1`` for ``features.0``), where the model gives them."""
    names = getattr(model, "display_names", None)
    return dict(names) if isinstance(names, dict) else {}


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


def record_plan(model: nn.Module, input_shape: Shape, model_name: str = "") -> Plan:
    """Run one hooked forward on the meta device and write down the call tree.

    Raises:
        LayerFailed: the forward failed; names the layer that was running.
    """
    labels = display_names(model)
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
        found = rule_for(mod) if is_leaf else None
        if is_leaf and found is None:
            opaque = True
        nodes.append(dict(
            name=name, label=labels.get(name, name or model_name or type(mod).__name__),
            type=type(mod).__name__, depth=len(stack),
            parent=nodes[stack[-1]]["name"] if stack else None, is_leaf=is_leaf,
            params=own_params(mod), inputs=tuple(ins), output=-1,
            kind=found[0].key if found else "unknown" if is_leaf else "container",
            settings=found[1] if found else ()))
        stack.append(len(nodes) - 1)

    def post(name: str, mod: nn.Module, args: tuple[Any, ...], out: Any) -> None:
        nonlocal opaque
        index = stack.pop()
        tensor = _first_tensor(out)
        if tensor is None:
            opaque = True
            return
        nodes[index]["recorded"] = tuple(tensor.shape)
        if nodes[index]["is_leaf"]:
            producer[id(tensor)] = index
            keep.append(tensor)
            nodes[index]["output"] = index
        elif id(tensor) in producer:
            nodes[index]["output"] = producer[id(tensor)]
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
            raise LayerFailed(running, exc) from exc
    return Plan(model_name=model_name, channels=input_shape[1],
                nodes=tuple(Node(**n) for n in nodes),
                total_params=sum(p.numel() for p in model.parameters()), opaque=opaque,
                input_shape=tuple(input_shape), idle=idle_layers(model, {n["name"] for n in nodes}))
