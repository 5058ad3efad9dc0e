"""Trace a model: which layer runs, on what shape, with how many parameters and MACs.

This file is the tracer's public API: ``trace`` (any module) and ``trace_named`` (a registry
model by name), and ``ShapeError``, what they raise for an input that cannot pass. Inside:

- ``record.py``: one hooked forward on the meta device (no memory, no arithmetic) written
  down as a ``Plan``: the call tree, which layer produced each input, each leaf's settings.
- ``rules.py``: the registry of layer types, one object each: its output shape, receptive
  field, MACs, how the views draw and explain it, how the builder offers it. Adding a layer
  type is adding an entry there (with its catalogue keys and its tests).
- ``replay.py``: a plan evaluated for any input shape with those rules (microseconds instead
  of a forward pass), the sizes that pass, a plan with some layers' settings changed.
- ``caches.py``: every cache with its bound, and the lock that recording needs.
- ``errors.py``: ``ShapeError`` and the tracer's own exceptions.

A plan can be replayed only if every computation happens in a leaf module with a rule (the zoo
makes its adds and concatenations modules for this). Anything else marks the plan opaque, and
``trace`` then falls back to a hooked meta forward at the requested size.
"""

from __future__ import annotations

from typing import Any

from torch import nn

from models import ConfigError, get_entry
from visualizer.errors import SettingError
from visualizer.records import TraceResult
from visualizer.trace.caches import get_plan, named_model, record_or_raise
from visualizer.trace.errors import MAX_BATCH, MAX_SIDE, InputError, Refuse, ShapeError, describe_valid
from visualizer.trace.replay import check_input, records, shape_error, valid_sides

__all__ = ["MAX_BATCH", "MAX_SIDE", "InputError", "SettingError", "ShapeError", "describe_valid",
           "get_plan", "named_model", "trace", "trace_named", "valid_sides"]


def trace(model: nn.Module, input_shape: Any, *, model_name: str = "") -> TraceResult:
    """Shapes, parameters, MACs and receptive fields of every layer of ``model``.

    Args:
        model: any module; best on the meta device, where no weight memory is used.
        input_shape: ``(N, C, H, W)`` or ``(C, H, W)``.
        model_name: the registry name, for messages and for the result.

    Returns:
        A picklable TraceResult. MACs count the multiply-accumulates of convolutions and fully
        connected layers only; batch norm, activations, pooling, adds and biases are not
        counted (as in torchvision's published figures; torchinfo's mult-adds also count
        biases and batch-norm parameters, a difference of under 0.1%).

    Raises:
        ShapeError: the input cannot pass; names the first layer that breaks and the fix.
        InputError: a nonsense shape or a channel count the model was not built for.
        (Both are the project's ``CodedError``, and ``ValueError``.)
    """
    x = check_input(input_shape)
    name = model_name or type(model).__name__
    plan = get_plan(model, x, name)
    if plan.opaque and plan.input_shape != x:
        plan = record_or_raise(model, x, name)
    try:
        out = records(plan, x)
    except Refuse as refuse:
        raise shape_error(plan, refuse, x) from None
    return TraceResult(model_name=name, input_shape=x, records=out,
                       total_params=plan.total_params, total_macs=out[0].macs_total)


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

    Raises:
        ShapeError, InputError: as ``trace``.
        SettingError: a name or a setting the zoo cannot build (a ``models.ConfigError``).
    """
    try:
        entry = get_entry(name)
    except ConfigError as err:
        raise SettingError(err) from None
    c, h, w = entry.default_input
    if channels is not None and "in_channels" in entry.defaults():
        config = dict(config, in_channels=channels)
    c = config.get("in_channels", c)
    if size is not None:
        h, w = (size, size) if isinstance(size, int) else size
    # A knob that only changes layer settings (conv1's kernel, the classes) builds a model,
    # but records nothing: its module tree is a twin's, whose call graph is reused
    # (caches.STRUCTURES). 3 ms for AlexNet, 12 for ResNet-18, 68 for DenseNet-121, once per
    # value for the whole class (bench/RESULTS.md).
    return trace(named_model(name, train=train, **config), (batch, c, h, w), model_name=name)
