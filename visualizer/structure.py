"""A trace's structure: blocks, runs of equal blocks and stages, as the diagram and the charts
draw them; DenseNet's growth and its channel ledger.

Pure functions of TraceResult records.
"""

from __future__ import annotations

from dataclasses import dataclass

from visualizer.records import LayerRecord, TraceResult
from visualizer.trace.rules import of

# Modules drawn as one box until opened: the building blocks the papers name (Figure 1's plain
# twin of the basic block too: plain56 was one strip of 55 layers on a slide), and the lecture
# notebooks' own Inception and residual blocks (models/notebooks.py).
BLOCK_TYPES = frozenset({"BasicBlock", "Bottleneck", "PlainBlock", "DenseLayer", "Inception",
                         "InceptionAux", "Transition", "D2LInception", "D2LResidual",
                         "DenseBlockNotebook", "TransitionNotebook"})


@dataclass(frozen=True)
class Unit:
    """One box of a diagram or one step of a chart: a layer, a block, or a run of equal blocks.

    Attributes:
        key: unique id (the first record's qualified name).
        records: indices of the top records covered (one, or several for a run).
        leaves: indices of every leaf record inside, in execution order.
        count: how many equal blocks a run stands for (1 otherwise).
    """

    key: str
    records: tuple[int, ...]
    leaves: tuple[int, ...]
    count: int = 1

    def first(self, result: TraceResult) -> LayerRecord:
        return result.records[self.records[0]]

    def last(self, result: TraceResult) -> LayerRecord:
        return result.records[self.records[-1]]

    def params(self, result: TraceResult) -> int:
        return sum(result.records[i].params_total for i in self.records)

    def macs(self, result: TraceResult) -> int:
        return sum(result.records[i].macs_total for i in self.records)


def children_of(result: TraceResult) -> dict[str | None, list[LayerRecord]]:
    """Direct children of every module, in call order (``None`` holds the root)."""
    kids: dict[str | None, list[LayerRecord]] = {}
    for r in result.records:
        kids.setdefault(r.parent, []).append(r)
    return kids


def _leaves_under(result: TraceResult, r: LayerRecord) -> tuple[int, ...]:
    """Leaves inside ``r``: records are in call order, so its subtree is the contiguous run of
    deeper records right after it."""
    if r.is_leaf:
        return (r.index,)
    leaves = []
    for x in result.records[r.index + 1:]:
        if x.depth <= r.depth:
            break
        if x.is_leaf:
            leaves.append(x.index)
    return tuple(leaves)


def _signature(r: LayerRecord, kids: dict[str | None, list[LayerRecord]]) -> tuple[str, ...]:
    """Blocks with the same class and the same child names repeat the same structure."""
    return (r.type, *(c.name.rsplit(".", 1)[-1] for c in kids.get(r.name, [])))


def _in_stage(r: LayerRecord, kids: dict[str | None, list[LayerRecord]]) -> bool:
    """Whether ``r`` sits in a stage: a container (not the model) of blocks of one type,
    like ResNet's ``layer1`` or DenseNet's ``denseblock1``."""
    if r.is_leaf or not r.parent:
        return False
    return all(c.type == r.type for c in kids.get(r.parent, []))


def block_units(result: TraceResult, opened: frozenset[str] = frozenset(),
                open_depth: int = 0, group: bool = True) -> list[Unit]:
    """The network as a sequence of units: blocks closed, plain containers opened.

    Args:
        opened: qualified names of blocks to draw layer by layer.
        open_depth: blocks at this depth or shallower are opened too.
        group: merge consecutive equal blocks into one run ("Bottleneck x3").
    """
    kids = children_of(result)

    def visit(r: LayerRecord) -> list[Unit]:
        if r.is_leaf:
            return [Unit(r.name, (r.index,), (r.index,))]
        is_block = r.type in BLOCK_TYPES and r.name not in opened and r.depth > open_depth
        if is_block and r.depth > 0:
            return [Unit(r.name, (r.index,), _leaves_under(result, r))]
        out: list[Unit] = []
        for c in kids.get(r.name, []):
            out.extend(visit(c))
        return out

    units = visit(result.records[0])
    if not group:
        return units
    grouped: list[Unit] = []
    for u in units:
        prev = grouped[-1] if grouped else None
        r = u.first(result)
        if (prev is not None and len(u.records) == 1 and _in_stage(r, kids)
                and prev.first(result).parent == r.parent
                and _signature(prev.first(result), kids) == _signature(r, kids)):
            grouped[-1] = Unit(prev.key, prev.records + u.records, prev.leaves + u.leaves,
                               prev.count + 1)
        else:
            grouped.append(u)
    return grouped


def flow_units(result: TraceResult) -> list[Unit]:
    """Steps of the shape-flow chart: every block and every layer that changes the shape."""
    return [u for u in block_units(result, group=False)
            if not (of(u.first(result)).minor or of(u.first(result)).folds)]


def cost_units(result: TraceResult, limit: int = 24) -> list[Unit]:
    """Bars of the parameters-vs-compute chart: weighted units, or whole stages if too many."""
    units = [u for u in block_units(result, group=False)
             if (u.params(result) or u.macs(result)) and not of(u.first(result)).minor]
    if len(units) <= limit:
        return units
    kids = children_of(result)
    by_parent: list[Unit] = []
    for u in units:
        r = u.first(result)
        stage = r.parent if _in_stage(r, kids) and r.parent else r.name
        if by_parent and by_parent[-1].key == stage:
            last = by_parent[-1]
            by_parent[-1] = Unit(stage, last.records + u.records, last.leaves + u.leaves,
                                 last.count + 1)
        else:
            by_parent.append(Unit(stage, u.records, u.leaves))
    return by_parent


def stage_label(result: TraceResult, unit: Unit) -> str:
    """A short name for a unit: its label, or its stage's name for a grouped stage."""
    r = unit.first(result)
    if unit.key != r.name:
        return unit.key.rsplit(".", 1)[-1]
    return r.label


def growth_rate(result: TraceResult) -> int | None:
    """k: the channels one dense layer adds (read off the trace, not the config)."""
    layer = next((r for r in result.records if r.type == "DenseLayer"), None)
    return None if layer is None else layer.output_shape[1] - layer.input_shapes[0][1]


def dense_ledger(result: TraceResult, per_layer: bool = True) -> list[tuple[str, int, str]]:
    """DenseNet's channels entering the first block, then after every dense layer (or, with
    ``per_layer=False``, every dense block) and every transition: (label, channels, kind)."""
    grows = "DenseLayer" if per_layer else "DenseBlock"
    steps = [r for r in result.records if r.type in (grows, "Transition")]
    if not steps:
        return []
    rows = [("stem", steps[0].input_shapes[0][1], "stem")]
    rows += [(r.label, r.channels, "layer" if r.type == grows else "transition") for r in steps]
    return rows
