"""Replay: a recorded plan evaluated for any input shape with each layer's rule.

Microseconds instead of a forward pass; ``tests/test_trace.py`` checks the replay against a
real hooked forward for every model at several sizes. Also here: the sizes that pass
(``valid_sides``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from torch import nn

from visualizer.records import LayerRecord, Shape
from visualizer.trace.errors import MAX_BATCH, MAX_SIDE, InputError, Refuse, ShapeError
from visualizer.trace.record import Plan, display_names
from visualizer.trace.rules import Field, rule_for


def _shape_of(shapes: Sequence[Shape | None], i: int, x: Shape) -> Shape:
    if i == -1:
        return x
    s = shapes[i]
    assert s is not None, "plan replay out of order"
    return s


def replay_shapes(plan: Plan, x: Shape) -> list[Shape]:
    """Output shape of every node for input shape ``x``; raises Refuse at the first failure.

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
                shapes[i] = node.rule.shape(node.get, i, ins)
            except Refuse as refuse:
                refuse.before = tuple((plan.nodes[j].label, s) for j, s in enumerate(shapes)
                                      if s is not None)
                raise
    for i, node in enumerate(plan.nodes):
        if not node.is_leaf:
            shapes[i] = _shape_of(shapes, node.output, x)
    return [s for s in shapes if s is not None]


def receptive_fields(plan: Plan, shapes: list[Shape], x: Shape) -> list[Field | None]:
    """Receptive field and jump of every node's output (``None`` once maps are flattened)."""
    rf: list[Field | None] = [None] * len(plan.nodes)
    for i, node in enumerate(plan.nodes):
        if not node.is_leaf:
            continue
        first = node.inputs[0]
        if first != -1 and rf[first] is None:
            continue
        ins = [(1, 1) if j == -1 else rf[j] for j in node.inputs]
        size_in = shapes[first] if first != -1 else x
        out = shapes[i]
        rf[i] = node.rule.field(node.get, ins, size_in[2] if len(size_in) == 4 else 0,
                                out[2] if len(out) == 4 else 0)
    for i, node in enumerate(plan.nodes):
        if not node.is_leaf and node.output >= 0:
            rf[i] = rf[node.output]
    return rf


def records(plan: Plan, x: Shape) -> tuple[LayerRecord, ...]:
    """Every node's record for input ``x``: shapes, parameters, MACs, receptive fields."""
    shapes = replay_shapes(plan, x)
    fields = receptive_fields(plan, shapes, x)
    macs = [node.rule.macs(node.get, shapes[i], _shape_of(shapes, node.inputs[0], x))
            if node.is_leaf and node.inputs else 0 for i, node in enumerate(plan.nodes)]
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
        spatial = node.is_leaf and node.rule.spatial
        field: tuple[int | None, int | None] = fields[i] or (None, None)
        out.append(LayerRecord(
            index=i, name=node.name, label=node.label, type=node.type, kind=node.kind,
            depth=node.depth,
            parent=node.parent, is_leaf=node.is_leaf,
            input_shapes=tuple(_shape_of(shapes, j, x) for j in node.inputs),
            output_shape=shapes[i], params=node.params, params_total=params_total[i],
            macs=macs[i], macs_total=macs_total[i],
            inputs=node.inputs if node.is_leaf else (),
            kernel=node.get("kernel") if spatial else None,
            stride=node.get("stride") if spatial else None,
            padding=node.get("padding") if spatial else None,
            dilation=node.get("dilation") if spatial else None,
            groups=node.setting("groups") if spatial else None,
            receptive_field=field[0], jump=field[1]))
    return tuple(out)


def check_input(input_shape: Any) -> Shape:
    """Nonsense shapes raise InputError saying what is allowed."""
    try:
        shape = tuple(input_shape)
    except TypeError:
        raise InputError("input_shape", value=repr(input_shape)[:60]) from None
    if len(shape) == 3:
        shape = (1, *shape)
    if len(shape) != 4:
        raise InputError("input_shape", value=repr(input_shape)[:60])
    names = ("batch", "channels", "height", "width")
    limits = (MAX_BATCH, 4096, MAX_SIDE, MAX_SIDE)
    for name, v, hi in zip(names, shape, limits, strict=True):
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= hi:
            raise InputError("input_range", name=(f"err.dim.{name}", {}), high=hi, value=repr(v)[:30])
    return shape


def check_channels(model: nn.Module, channels: int) -> None:
    """The first layer that fixes its input channels (a convolution) fixes the input's: say so
    before any forward pass."""
    labels = display_names(model)
    for name, m in model.named_modules():
        found = rule_for(m)
        want = found[0].takes_channels(m) if found else None
        if want is not None:
            if want != channels:
                raise InputError("input_channels", layer=labels.get(name, name), want=want, got=channels)
            return


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
        except Refuse:
            return False
        return True

    def nonempty(side: int) -> bool:
        try:
            replay_shapes(plan, (batch, plan.channels, side, side))
        except Refuse as r:
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


def shape_error(plan: Plan, refuse: Refuse, x: Shape) -> ShapeError:
    """The public error for a refused input: the layer, the reason and the sizes that work."""
    node = plan.nodes[refuse.index]
    label = node.label if node.label == node.name else f"{node.label} ({node.name})"
    values = dict(refuse.values, layer=label)
    err = ShapeError(layer=node.label, code=refuse.code, values=values,
                     valid=valid_sides(plan, x[0]))
    err.before = dict(refuse.before)
    return err
