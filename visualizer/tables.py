"""The layer table and the text around it: rows in the page's language, the CLI's summary,
the output-size formula filled in, what to notice about a trace.

Pure functions of TraceResult records (and of formulas in ``arithmetic``).
"""

from __future__ import annotations

from typing import Any

from visualizer.i18n import number, shape_text, t
from visualizer.names import human_name, type_name
from visualizer.records import LayerRecord, TraceResult
from visualizer.structure import dense_ledger, growth_rate
from visualizer.trace.rules import of

COLUMNS = ("col.layer", "col.name", "col.type", "col.output", "col.params", "col.macs", "col.kernel",
           "col.stride", "col.padding", "col.rf", "col.formula", "col.flag", "col.module")


def max_depth(result: TraceResult) -> int:
    return max(r.depth for r in result.records)


def table_records(result: TraceResult, depth: int | None = None,
                  minor: bool = False) -> list[LayerRecord]:
    """The records a table shows at ``depth`` (all layers when ``None``)."""
    rows = result.at_depth(max_depth(result) if depth is None else depth)
    return [r for r in rows if minor or not of(r).minor]


def deck_depth(result: TraceResult, max_rows: int = 36) -> int:
    """The deepest table level with at most ``max_rows`` rows (at least level 1)."""
    best = 1
    for depth in range(1, max_depth(result) + 1):
        if len(table_records(result, depth, minor=True)) <= max_rows:
            best = depth
    return best


def size_formula(r: LayerRecord) -> str:
    """The output-size formula of a record with its numbers filled in (its layer type's)."""
    return of(r).size_formula(r)


def dropped(r: LayerRecord) -> int:
    """Pixels the floor in the size formula leaves uncovered (0 where nothing is lost)."""
    return of(r).dropped(r)


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
            "col.name": human_name(r.label, lang),
            "col.type": type_name(r.type, lang),
            "col.output": shape_text(r.output_shape),
            "col.params": r.params_total,
            "col.macs": r.macs_total,
            "col.kernel": "" if r.kernel is None else f"{r.kernel[0]}×{r.kernel[1]}",
            "col.stride": _pair(r.stride),
            "col.padding": _pair(r.padding),
            # Text, so that a layer without one (an addition, the head) shows an empty cell,
            # not Streamlit's "None".
            "col.rf": "" if r.receptive_field is None else str(r.receptive_field),
            "col.formula": size_formula(r),
            "col.flag": t("flag.dropped", lang, n=n_drop) if n_drop else "",
            "col.module": r.name,
        }
        rows.append({t(k, lang): values[k] for k in COLUMNS})
    name = t("col.name", lang)
    if not any(row[name] for row in rows):  # plain names only (AlexNet's conv1, fc6): no column
        for row in rows:
            del row[name]
    return rows


def param_compute_split(result: TraceResult) -> dict[str, float]:
    """Shares of parameters and MACs in convolutions vs fully connected layers."""
    family = {r.index: of(r).family for r in result.leaves()}
    conv_p = sum(r.params for r in result.leaves() if family[r.index] == "conv")
    fc_p = sum(r.params for r in result.leaves() if family[r.index] == "linear")
    conv_m = sum(r.macs for r in result.leaves() if family[r.index] == "conv")
    fc_m = sum(r.macs for r in result.leaves() if family[r.index] == "linear")
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


def notices(result: TraceResult, lang: str) -> list[str]:
    """The 'what to notice' sentences for this trace, every number computed from it."""
    _, c, h, w = result.input_shape
    out = [t("notice.flow", lang, c=c, h=h, w=w, out=result.output_shape[-1],
             depth=result.weighted_depth)]
    leaves = result.leaves()
    types = {r.type for r in result.records}
    first_conv = next((r for r in leaves if of(r).family == "conv"), None)
    if first_conv is not None and first_conv.kernel and first_conv.kernel[0] > 1:
        out.append(t("notice.first_conv", lang, formula=size_formula(first_conv)))
    split = param_compute_split(result)
    if split["fc_params"] > 0.5:
        big = max((r for r in leaves if of(r).family == "linear"), key=lambda r: r.params)
        out.append(t("notice.fc_vs_conv", lang, fc=round(100 * split["fc_params"]), big=big.label,
                     big_params=f"{big.params:,}", conv=round(100 * split["conv_macs"])))
    if "Inception" in types:
        mods = [r for r in result.records if r.type == "Inception"]
        out.append(t("notice.inception", lang, n=len(mods), first=mods[0].label,
                     cin=mods[0].input_shapes[0][1], cout=mods[0].output_shape[1]))
    adds = [r for r in leaves if r.kind == "add"]
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
    lines += of(r).arithmetic(r, lang)
    formula = size_formula(r)
    if formula:
        lines.append(f"{t('col.formula', lang)}: {formula}")
    if r.receptive_field is not None and r.jump is not None and r.kernel is not None:
        lines.append(t("detail.rf", lang, rf=r.receptive_field, jump=r.jump))
    return lines
