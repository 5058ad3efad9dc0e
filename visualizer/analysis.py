"""Teaching numbers derived from a trace: the layer table, where parameters and compute sit.

Pure functions of TraceResult records (and of formulas in ``arithmetic``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from models.densenet import DenseLayer
from models.googlenet import NaiveInception
from models.ops import Add
from models.resnet import BasicBlock, Bottleneck, ResidualBlock
from visualizer import arithmetic as ar
from visualizer.i18n import number, shape_text, t
from visualizer.records import LayerRecord, TraceResult
from visualizer.trace import trace

# Layers that change neither the shape nor the parameter story; hidden in tables by default.
MINOR_TYPES = frozenset({"ReLU", "BatchNorm2d", "Dropout", "Identity"})

COLUMNS = ("col.layer", "col.type", "col.output", "col.params", "col.macs", "col.kernel",
           "col.stride", "col.padding", "col.rf", "col.formula", "col.flag", "col.module")


def max_depth(result: TraceResult) -> int:
    return max(r.depth for r in result.records)


def table_records(result: TraceResult, depth: int | None = None,
                  minor: bool = False) -> list[LayerRecord]:
    """The records a table shows at ``depth`` (all layers when ``None``)."""
    rows = result.at_depth(max_depth(result) if depth is None else depth)
    return [r for r in rows if minor or r.type not in MINOR_TYPES]


def deck_depth(result: TraceResult, max_rows: int = 36) -> int:
    """The deepest table level with at most ``max_rows`` rows (at least level 1)."""
    best = 1
    for depth in range(1, max_depth(result) + 1):
        if len(table_records(result, depth, minor=True)) <= max_rows:
            best = depth
    return best


def size_formula(r: LayerRecord, ceil: bool = False) -> str:
    """The output-size formula of a conv or pool record with its numbers filled in."""
    if r.kernel is None or r.stride is None or r.padding is None or r.dilation is None:
        return ""
    size_in = r.input_shapes[0][2]
    out = r.output_shape[2]
    text = ar.formula(size_in, r.kernel[0], r.stride[0], r.padding[0], r.dilation[0])
    # Pools in ceil mode (GoogLeNet) round up; the formula shows the rounding that happened.
    if not text.endswith(f"= {out}"):
        text = ar.formula(size_in, r.kernel[0], r.stride[0], r.padding[0], r.dilation[0],
                          ceil_mode=True)
    return text


def dropped(r: LayerRecord) -> int:
    """Pixels the floor in the size formula leaves uncovered (0 where nothing is lost)."""
    if r.kernel is None or r.stride is None or r.padding is None or r.dilation is None:
        return 0
    if size_formula(r).startswith("ceil"):
        return 0
    return ar.dropped_pixels(r.input_shapes[0][2], r.kernel[0], r.stride[0], r.padding[0],
                             r.dilation[0])


def _pair(p: tuple[int, int] | None) -> str:
    if p is None:
        return ""
    return str(p[0]) if p[0] == p[1] else f"{p[0]}×{p[1]}"


def layer_rows(result: TraceResult, lang: str, depth: int | None = None,
               minor: bool = False) -> list[dict[str, Any]]:
    """The layer table as rows of plain values, keyed by the localized column names."""
    rows = []
    for r in table_records(result, depth, minor):
        n_drop = dropped(r)
        values: dict[str, Any] = {
            "col.layer": r.label,
            "col.type": r.type,
            "col.output": shape_text(r.output_shape),
            "col.params": r.params_total,
            "col.macs": r.macs_total,
            "col.kernel": "" if r.kernel is None else f"{r.kernel[0]}×{r.kernel[1]}",
            "col.stride": _pair(r.stride),
            "col.padding": _pair(r.padding),
            "col.rf": r.receptive_field,
            "col.formula": size_formula(r),
            "col.flag": t("flag.dropped", lang, n=n_drop) if n_drop else "",
            "col.module": r.name,
        }
        rows.append({t(k, lang): values[k] for k in COLUMNS})
    return rows


def param_compute_split(result: TraceResult) -> dict[str, float]:
    """Shares of parameters and MACs in convolutions vs fully connected layers."""
    conv_p = sum(r.params for r in result.leaves() if r.type == "Conv2d")
    fc_p = sum(r.params for r in result.leaves() if r.type == "Linear")
    conv_m = sum(r.macs for r in result.leaves() if r.type == "Conv2d")
    fc_m = sum(r.macs for r in result.leaves() if r.type == "Linear")
    params = max(result.total_params, 1)
    macs = max(result.total_macs, 1)
    return {"conv_params": conv_p / params, "fc_params": fc_p / params,
            "conv_macs": conv_m / macs, "fc_macs": fc_m / macs}


def summary_text(result: TraceResult, lang: str = "en", depth: int | None = None) -> str:
    """The layer table and totals as plain text (the CLI's ``summary``)."""
    head = [t(k, lang) for k in ("col.layer", "col.type", "col.output", "col.params",
                                  "col.macs", "col.rf")]
    body = [[r.label, r.type, shape_text(r.output_shape), f"{r.params_total:,}",
             f"{r.macs_total:,}", "" if r.receptive_field is None else str(r.receptive_field)]
            for r in table_records(result, depth, minor=True)]
    widths = [max(len(str(row[i])) for row in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True))
             for row in [head, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    n, c, h, w = result.input_shape
    lines += ["", f"{result.model_name}  input {n}x{c}x{h}x{w}",
              f"{t('metric.params', lang)}: {result.total_params:,} ({number(result.total_params, lang)})",
              f"{t('metric.macs', lang)}: {result.total_macs:,} ({number(result.total_macs, lang)}); "
              f"FLOPs = 2 x MACs = {number(2 * result.total_macs, lang)}",
              f"{t('metric.output', lang)}: {shape_text(result.output_shape)}"]
    return "\n".join(lines)


# --- structure: blocks, repeats and stages -------------------------------------------------

# Modules drawn as one box until opened: the building blocks the papers name.
BLOCK_TYPES = frozenset({"BasicBlock", "Bottleneck", "DenseLayer", "Inception", "InceptionAux",
                         "Transition"})


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
            if u.first(result).type not in MINOR_TYPES | {"LocalResponseNorm"}]


def cost_units(result: TraceResult, limit: int = 24) -> list[Unit]:
    """Bars of the parameters-vs-compute chart: weighted units, or whole stages if too many."""
    units = [u for u in block_units(result, group=False)
             if (u.params(result) or u.macs(result)) and u.first(result).type not in MINOR_TYPES]
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


# --- teaching facts ------------------------------------------------------------------------

def growth_rate(result: TraceResult) -> int | None:
    """k: the channels one dense layer adds (read off the trace, not the config)."""
    layer = next((r for r in result.records if r.type == "DenseLayer"), None)
    return None if layer is None else layer.output_shape[1] - layer.input_shapes[0][1]


def notices(result: TraceResult, lang: str) -> list[str]:
    """The 'what to notice' sentences for this trace, every number computed from it."""
    _, c, h, w = result.input_shape
    out = [t("notice.flow", lang, c=c, h=h, w=w, out=result.output_shape[-1],
             depth=result.weighted_depth)]
    leaves = result.leaves()
    types = {r.type for r in result.records}
    first_conv = next((r for r in leaves if r.type == "Conv2d"), None)
    if first_conv is not None and first_conv.kernel and first_conv.kernel[0] > 1:
        out.append(t("notice.first_conv", lang, formula=size_formula(first_conv)))
    split = param_compute_split(result)
    if split["fc_params"] > 0.5:
        big = max((r for r in leaves if r.type == "Linear"), key=lambda r: r.params)
        out.append(t("notice.fc_vs_conv", lang, fc=round(100 * split["fc_params"]), big=big.label,
                     big_params=f"{big.params:,}", conv=round(100 * split["conv_macs"])))
    if "Inception" in types:
        mods = [r for r in result.records if r.type == "Inception"]
        out.append(t("notice.inception", lang, n=len(mods), first=mods[0].label,
                     cin=mods[0].input_shapes[0][1], cout=mods[0].output_shape[1]))
    adds = [r for r in leaves if r.type == "Add"]
    if adds:
        proj = sum(1 for r in result.records if r.name.endswith("downsample"))
        out.append(t("notice.residual", lang, adds=len(adds), proj=proj))
    ledger = dense_ledger(result, per_layer=False)
    if ledger:
        out.append(t("notice.ledger", lang, ledger=" → ".join(str(n) for _, n, _ in ledger),
                     k=growth_rate(result)))
    widest = max(leaves, key=lambda r: r.activations)
    out.append(t("notice.memory", lang, layer=widest.label, values=f"{widest.activations:,}"))
    return out


def layer_arithmetic(r: LayerRecord, lang: str) -> list[str]:
    """How a layer's numbers come about, as sentences with the formulas filled in."""
    lines = [t("detail.shapes", lang, inp=" + ".join(shape_text(s) for s in r.input_shapes),
               out=shape_text(r.output_shape))]
    if r.type == "Conv2d" and r.kernel:
        cin = r.input_shapes[0][1]
        g = r.groups or 1
        bias = r.params - r.channels * (cin // g) * r.kernel[0] * r.kernel[1]
        group = f" / {g}" if g > 1 else ""
        formula = (f"{r.channels} × {cin}{group} × {r.kernel[0]} × {r.kernel[1]}"
                   + (f" + {bias}" if bias else "") + f" = {r.params:,}")
        lines.append(t("detail.params", lang, formula=formula))
        hw = f"{r.output_shape[2]} × {r.output_shape[3]}"
        lines.append(t("detail.macs", lang, formula=f"{r.channels} × {hw} × {cin // g} × "
                                               f"{r.kernel[0]} × {r.kernel[1]} = {r.macs:,}"))
    elif r.type == "Linear":
        fin = r.input_shapes[0][-1]
        lines.append(t("detail.params", lang, formula=f"{fin} × {r.channels} + {r.channels} = "
                                                 f"{r.params:,}"))
        lines.append(t("detail.macs", lang, formula=f"{fin} × {r.channels} = {r.macs:,}"))
    elif r.params_total:
        lines.append(t("detail.params", lang, formula=f"{r.params_total:,}"))
    formula = size_formula(r)
    if formula:
        lines.append(f"{t('col.formula', lang)}: {formula}")
    if r.receptive_field is not None and r.jump is not None and r.kernel is not None:
        lines.append(t("detail.rf", lang, rf=r.receptive_field, jump=r.jump))
    return lines


# --- lessons: every number comes from tracing real modules ---------------------------------

def conv_weights(records: list[LayerRecord] | tuple[LayerRecord, ...]) -> int:
    """Convolution weights (biases and batch norm left out, as the papers count)."""
    total = 0
    for r in records:
        if r.type == "Conv2d" and r.kernel:
            total += r.channels * (r.input_shapes[0][1] // (r.groups or 1)) * r.kernel[0] * r.kernel[1]
    return total


def _inside(result: TraceResult, name: str) -> list[LayerRecord]:
    return [r for r in result.leaves() if r.name.startswith(name + ".")]


def _meta_trace(module: nn.Module, shape: tuple[int, ...]) -> TraceResult:
    return trace(module, shape, model_name=type(module).__name__)


@dataclass(frozen=True)
class InceptionCost:
    """One Inception module with its 1x1 reductions vs the naive module on the same input."""

    name: str
    size: int
    cin: int
    widths: tuple[int, int, int]  # 1x1, 3x3, 5x5 outputs
    weights: int
    macs: int
    out_channels: int
    naive_weights: int
    naive_macs: int
    naive_out_channels: int

    @property
    def saving(self) -> float:
        """How many times fewer multiply-adds the reductions need."""
        return self.naive_macs / max(self.macs, 1)


def inception_costs(result: TraceResult) -> list[InceptionCost]:
    """For every Inception module of a GoogLeNet trace: reduced (real) vs naive (Fig. 2a)."""
    out = []
    for r in (x for x in result.records if x.type == "Inception"):
        convs = {x.name: x for x in _inside(result, r.name) if x.type == "Conv2d"}
        c1 = convs[f"{r.name}.branch1.conv"].channels
        c3 = convs[f"{r.name}.branch2.1.conv"]
        c5 = convs[f"{r.name}.branch3.1.conv"]
        cin, size = r.input_shapes[0][1], r.input_shapes[0][2]
        with torch.device("meta"):
            five = c5.kernel[0] if c5.kernel else 5
            naive = NaiveInception(cin, c1, c3.channels, c5.channels, five_by_five=five)
        n = _meta_trace(naive, (1, cin, size, r.input_shapes[0][3]))
        leaves = _inside(result, r.name)
        out.append(InceptionCost(
            name=r.label, size=size, cin=cin, widths=(c1, c3.channels, c5.channels),
            weights=conv_weights(leaves), macs=r.macs_total, out_channels=r.channels,
            naive_weights=conv_weights(n.leaves()), naive_macs=n.total_macs,
            naive_out_channels=n.output_shape[1]))
    return out


@dataclass(frozen=True)
class ReductionExample:
    """The lecture's example: a k x k convolution with and without a 1x1 reduction first."""

    reduce_shape: tuple[int, ...]
    reduce_weights: int
    reduce_macs: int
    direct_weights: int
    direct_macs: int
    reduced_weights: int  # the 1x1 and the k x k together
    reduced_macs: int
    out_shape: tuple[int, ...]


def reduction_example(h: int, w: int, cin: int, reduce: int, cout: int, k: int) -> ReductionExample:
    """Trace ``cin -> cout`` (k x k) directly and through ``reduce`` 1x1 filters first."""
    with torch.device("meta"):
        direct = nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2, bias=False))
        reduced = nn.Sequential(nn.Conv2d(cin, reduce, 1, bias=False),
                                nn.Conv2d(reduce, cout, k, padding=k // 2, bias=False))
    d = _meta_trace(direct, (1, cin, h, w))
    r = _meta_trace(reduced, (1, cin, h, w))
    first = r.find("0")
    return ReductionExample(
        reduce_shape=first.output_shape, reduce_weights=conv_weights([first]), reduce_macs=first.macs,
        direct_weights=conv_weights(d.leaves()), direct_macs=d.total_macs,
        reduced_weights=conv_weights(r.leaves()), reduced_macs=r.total_macs,
        out_shape=r.output_shape)


@dataclass(frozen=True)
class BlockCost:
    """One residual block traced on a feature map."""

    kind: str
    in_shape: tuple[int, ...]
    out_shape: tuple[int, ...]
    conv_weights: int
    params: int
    macs: int
    widths: tuple[int, ...]  # channels after each convolution of the main path
    projection: bool
    result: TraceResult  # the block's own trace, for its diagram


def block_cost(kind: str, in_channels: int, width: int, size: int = 56) -> BlockCost:
    """A BasicBlock (two 3x3 of ``width``) or a Bottleneck (1x1 to ``width``, 3x3, 1x1 to
    4 x ``width``), with a projection shortcut if the input does not match the output."""
    block_cls = BasicBlock if kind == "basic" else Bottleneck
    out_channels = width * block_cls.expansion
    with torch.device("meta"):
        downsample = None
        if in_channels != out_channels:
            downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, bias=False),
                                       nn.BatchNorm2d(out_channels))
        block = block_cls(in_channels, width, 1, downsample)
    r = _meta_trace(block, (1, in_channels, size, size))
    main = [x for x in r.leaves() if x.type == "Conv2d" and "downsample" not in x.name]
    return BlockCost(kind=kind, in_shape=r.input_shape, out_shape=r.output_shape,
                     conv_weights=conv_weights(r.leaves()), params=r.total_params,
                     macs=r.total_macs, widths=tuple(x.channels for x in main),
                     projection=downsample is not None, result=r)


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


def add_vs_concat(channels: int, growth: int, size: int = 56) -> tuple[TraceResult, TraceResult]:
    """The same input through a residual block (adds) and a dense layer (concatenates)."""
    with torch.device("meta"):
        residual = ResidualBlock(channels, channels, channels, num_classes=10).residual_block
        res = nn.Sequential()
        res.add_module("block", _AddOnInput(residual))
        dense = DenseLayer(channels, growth, bn_size=4)
    return (_meta_trace(res, (1, channels, size, size)),
            _meta_trace(dense, (1, channels, size, size)))


class _AddOnInput(nn.Module):
    """F(x) + x around any body: the residual half of the add-vs-concat comparison."""

    def __init__(self, body: nn.Module) -> None:
        super().__init__()
        self.body = body
        self.add = Add()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.add(self.body(x), x)


def nearest_valid(check: Callable[[int], object], value: int, low: int, high: int) -> int | None:
    """The setting closest to ``value`` in [low, high] for which ``check`` raises no ValueError."""
    for d in range(1, high - low + 1):
        for v in (value - d, value + d):
            if low <= v <= high:
                try:
                    check(v)
                except ValueError:
                    continue
                return v
    return None
