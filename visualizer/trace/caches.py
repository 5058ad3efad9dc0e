"""Every cache of the tracer, each with its bound, and the one lock that recording needs.

- ``PLANS``: a model's plan per input channel count, kept with the model (weak keys: it goes
  when the model goes).
- ``STRUCTURES``: plans by module tree (at most ``STRUCTURE_CACHE_SIZE``). Models whose module
  trees have the same names and classes run the same forward code, so they share the call
  graph; only layer settings differ (a conv1 kernel, a growth rate), and those are read from the
  new model's modules: no forward pass.
- ``MODELS``: meta-device models by registry name and config (at most ``MODEL_CACHE_SIZE``,
  least recently used first out).

``COUNTS`` counts what the caches spared or did not (``recorded``, ``rebased``, ``built``), so a
test can tell a hit from a miss even when a full cache evicts as it adds.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter, OrderedDict
from dataclasses import replace
from typing import Any

from torch import nn

from models import ConfigError, build_model
from visualizer.errors import SettingError
from visualizer.records import Shape
from visualizer.trace.errors import LayerFailed, failed
from visualizer.trace.record import Plan, idle_layers, own_params, record_plan
from visualizer.trace.replay import check_channels
from visualizer.trace.rules import rule_for

# Sizes tried when the requested one cannot pass, to learn the network's structure anyway.
PROBE_SIDES = (224, 227, 96, 32, 299, 512, 1024)
STRUCTURE_CACHE_SIZE = 64
MODEL_CACHE_SIZE = 64  # meta models hold no weights; the bound keeps memory flat anyway

PLANS: weakref.WeakKeyDictionary[nn.Module, dict[int, Plan]] = weakref.WeakKeyDictionary()
STRUCTURES: dict[tuple[object, ...], Plan] = {}
MODELS: OrderedDict[tuple[str, str], nn.Module] = OrderedDict()
COUNTS: Counter[str] = Counter()
_HERE = threading.local()  # the same counts, for the calling thread only (see ``counts_here``)


def _count(what: str) -> None:
    COUNTS[what] += 1
    here = getattr(_HERE, "counts", None)
    if here is None:
        here = _HERE.counts = Counter()
    here[what] += 1


def counts_here() -> Counter[str]:
    """What the caches spared or did not for this thread's own traces: a test counts its own
    work, not that of a page's thread another test left running."""
    here = getattr(_HERE, "counts", None)
    return Counter(here) if here is not None else Counter()
# Hooks live on the module: two threads recording the same model at once would see each
# other's calls. Recording is rare (once per model and channel count), so one lock suffices.
RECORD_LOCK = threading.RLock()


def get_plan(model: nn.Module, input_shape: Shape, model_name: str = "") -> Plan:
    """The model's plan for this many input channels, recorded once and kept with the model.

    Records at the requested shape; if that cannot pass, at the probe sizes, so that the
    structure (and so the valid sizes) is known even for an input that fails.
    """
    with RECORD_LOCK:
        return _get_plan_locked(model, input_shape, model_name)


def _get_plan_locked(model: nn.Module, input_shape: Shape, model_name: str) -> Plan:
    per_channels = PLANS.setdefault(model, {})
    channels = input_shape[1]
    check_channels(model, channels)
    if channels in per_channels:
        return per_channels[channels]
    key = _structure_key(model, channels)
    twin = STRUCTURES.get(key)
    if twin is not None:  # same module tree, other settings: no forward pass needed
        plan = _rebase(twin, model, model_name)
        if plan is not None:
            _count("rebased")
            per_channels[channels] = plan
            return plan
    tries = [input_shape] + [(1, channels, s, s) for s in PROBE_SIDES]
    first_error: LayerFailed | None = None
    for shape in tries:
        try:
            _count("recorded")
            plan = record_plan(model, shape, model_name)
        except LayerFailed as exc:
            first_error = first_error or exc
            continue
        per_channels[channels] = plan
        if not plan.opaque:
            STRUCTURES[key] = plan
            while len(STRUCTURES) > STRUCTURE_CACHE_SIZE:
                STRUCTURES.pop(next(iter(STRUCTURES)))
        return plan
    assert first_error is not None
    raise failed(first_error)


def record_or_raise(model: nn.Module, x: Shape, name: str) -> Plan:
    """The slow path for models the replay cannot handle: a hooked forward at this shape."""
    try:
        with RECORD_LOCK:
            _count("recorded")
            return record_plan(model, x, name)
    except LayerFailed as err:
        raise failed(err) from None


def _structure_key(model: nn.Module, channels: int) -> tuple[object, ...]:
    return (channels, model.training, tuple((n, type(m).__name__) for n, m in model.named_modules()))


def _rebase(twin: Plan, model: nn.Module, model_name: str) -> Plan | None:
    """``twin``'s call graph with the settings and parameter counts of ``model``'s modules."""
    modules = dict(model.named_modules())
    nodes = []
    for node in twin.nodes:
        m = modules[node.name]
        found = rule_for(m) if node.is_leaf else None
        if node.is_leaf and (found is None or found[0].key != node.kind):
            return None  # a layer of another type (an upsample of another mode): record anew
        nodes.append(replace(node, params=own_params(m), settings=found[1] if found else ()))
    return Plan(model_name=model_name, channels=twin.channels, nodes=tuple(nodes),
                total_params=sum(p.numel() for p in model.parameters()), opaque=False,
                input_shape=twin.input_shape, idle=idle_layers(model, {n.name for n in twin.nodes}))


def named_model(name: str, *, train: bool = False, **config: Any) -> nn.Module:
    """A meta-device model from the registry, built once per config and kept (LRU-bounded).

    ``train=True`` gives the training-time graph (GoogLeNet's auxiliary classifiers run).

    Raises:
        SettingError: a name or a setting the zoo cannot build.
    """
    key = (name, repr((train, sorted(config.items()))))
    with RECORD_LOCK:
        model = MODELS.get(key)
        if model is None:
            _count("built")
            try:
                model = build_model(name, device="meta", **config).train(train)
            except ConfigError as err:  # the zoo's own error, as the app's
                raise SettingError(err) from None
            MODELS[key] = model
            while len(MODELS) > MODEL_CACHE_SIZE:
                MODELS.popitem(last=False)
        MODELS.move_to_end(key)
    return model
