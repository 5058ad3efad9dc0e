"""TraceResult -> Graphviz DOT: blocks, repeats, merges and the shape on every edge.

The diagram is made of the units of ``structure.block_units``. Activations, batch norms and
dropouts are folded into the box before them (they change no shape; each layer type says
whether it folds, ``rules.TYPES``); adds and
concatenations are circles, so ResNet's F(x) + x and DenseNet's concatenation stand out.
"""

from __future__ import annotations

import collections
import html
import itertools
import math
import re
from dataclasses import dataclass, field

from visualizer.i18n import number, shape_text, t
from visualizer.names import human_name, named, type_name
from visualizer.palette import BOXES_DARK, BOXES_LIGHT, HIGHLIGHT
from visualizer.records import LayerRecord, TraceResult
from visualizer.structure import BLOCK_TYPES, Unit, block_units, children_of
from visualizer.trace.rules import describe, of

DETAILS = ("overview", "blocks", "layers")
DIRECTIONS = ("TB", "LR")
# Font families, first found wins: Hangul needs NanumGothic or Noto Sans CJK (see Makefile).
FONT = "NanumGothic,Noto Sans CJK KR,sans-serif"
# Graphviz's weight (1 by default) of the main line into a dense block's merge (see _body): dot
# keeps heavier edges shorter and straighter.
MAIN_LINE_WEIGHT = 5

# Fill and border per kind of box (visualizer/palette.py: the same colours on every page).
PALETTE = {
    "light": {**BOXES_LIGHT, "text": "#1A1A1A", "edge": "#555555", "bg": "white", "hl": HIGHLIGHT},
    "dark": {**BOXES_DARK, "text": "#F2F2F2", "edge": "#BBBBBB", "bg": "#111111", "hl": "#FF8A65"},
}
# The circle of a merge says which: + adds (ResNet's F(x) + x), C concatenates on the channels.
MERGE_SYMBOL = {"add": "+", "cat": "C"}
_MERGE_LABEL = re.compile(r"<b>([+C])</b></font>>")  # a merge's label, as _box_label writes it


def legend(dot: str, lang: str) -> str:
    """What the circles of a diagram mean, for a caption under it: one phrase per kind of merge
    it draws (C, +), or "" for a diagram without any."""
    drawn = set(_MERGE_LABEL.findall(dot))
    return "  ·  ".join(t(f"dg.legend.{kind}", lang) for kind, symbol in MERGE_SYMBOL.items()
                        if symbol in drawn)


# pt above and below each line of a block's title (its lines are 1.3 font sizes apart at 14 pt)
TITLE_GAP = 2


@dataclass(frozen=True)
class DiagramOptions:
    """How to draw: level of detail, opened blocks, direction, language and style.

    Attributes:
        detail: ``overview`` (every block closed), ``blocks`` (the first block of each kind
            opened, so one residual add or one concatenation is visible) or ``layers``.
        opened: qualified names of further blocks to open.
        highlight: qualified name of a layer to light up (the lessons' stepper).
        theme: ``light``, ``dark`` or ``transparent`` (light colours, no background).
        font_size: base font size in points; exports raise it for projectors.
    """

    detail: str = "blocks"
    opened: frozenset[str] = frozenset()
    direction: str = "TB"
    lang: str = "ko"
    highlight: str | None = None
    theme: str = "light"
    font_size: int = 14
    wrap: bool = False  # a chain of boxes is laid out in rows, like text, to fit a wide slide
    row_shape: float = 0.75  # with ``wrap``: about sqrt(row_shape x boxes) boxes a row
    # the shapes on the edges as large as the boxes' text (a slide's: 2 pt smaller, they alone
    # held ResNet ③'s rows at 1.125x their size, 59 px past a 1366x768 slide)
    even_text: bool = False


@dataclass
class _Box:
    id: str
    unit: Unit
    kind: str  # conv, pool, linear, block, other, merge
    folded: list[LayerRecord] = field(default_factory=list)
    cluster: str = ""  # label of the opened block this box sits in


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _boxes(result: TraceResult, opt: DiagramOptions) -> list[_Box]:
    """Units in order, with activation-like layers folded into the box before them."""
    opened_names = set(opt.opened)
    if opt.detail == "layers":
        units = block_units(result, opt.opened, open_depth=10_000, group=False)
        opened_names = set()
    else:
        if opt.detail == "blocks":
            opened_names |= _first_of_each_kind(result)
        units = block_units(result, frozenset(opened_names))
    boxes: list[_Box] = []
    for u in units:
        r = u.first(result)
        prev = boxes[-1] if boxes else None
        kind = of(r)
        if kind.box == "none" and prev is not None:  # passes its input on: draw nothing
            prev.unit = Unit(prev.unit.key, prev.unit.records, prev.unit.leaves + u.leaves)
            continue
        if (kind.folds and u.count == 1 and prev is not None
                and prev.kind not in ("merge", "block") and r.inputs
                and r.inputs[0] == result.records[prev.unit.leaves[-1]].index
                and r.parent == prev.unit.first(result).parent):
            prev.folded.append(r)
            prev.unit = Unit(prev.unit.key, prev.unit.records, prev.unit.leaves + u.leaves)
            continue
        box = kind.box if kind.box != "none" else "other"
        boxes.append(_Box(f"n{r.index}", u, box if u.count == 1 else "block",
                          cluster=_opened_parent(result, r, opened_names)))
    return boxes


def _opened_parent(result: TraceResult, r: LayerRecord, opened: set[str]) -> str:
    """The label of the innermost opened block that contains ``r`` ("" if none)."""
    name = r.name
    while "." in name:
        name = name.rsplit(".", 1)[0]
        if name in opened:
            return result.find(name).label
    return ""


def _first_of_each_kind(result: TraceResult) -> set[str]:
    """The first block of every stage and of every block type: opened in ``blocks`` detail."""
    kids = children_of(result)
    seen_types: set[str] = set()
    names: set[str] = set()
    for r in result.records:
        if r.type not in BLOCK_TYPES:
            continue
        siblings = kids.get(r.parent, [])
        first_in_stage = siblings and siblings[0].index == r.index and r.parent
        if r.type not in seen_types or (first_in_stage and all(c.type == r.type for c in siblings)):
            names.add(r.name)
            seen_types.add(r.type)
    return names


def _box_label(result: TraceResult, box: _Box, opt: DiagramOptions, lanes: int = 1) -> str:
    """An HTML-like Graphviz label: bold name, what it does, folded layers, costs."""
    u, lang = box.unit, opt.lang
    r = u.first(result)
    big = opt.font_size + 3
    if box.kind == "merge":
        symbol = MERGE_SYMBOL["add" if r.kind == "add" else "cat"]
        return f'<<font point-size="{big + 4}"><b>{symbol}</b></font>>'
    if u.count > 1:
        tail = u.last(result).label.rsplit(".", 1)[-1]
        title = f"{r.label} … {u.last(result).label if tail.isdigit() else tail}"
        what = t("diagram.repeat", lang, block=type_name(r.type, lang), n=u.count)
    else:
        # Inside an opened block (drawn as a labelled cluster) the local name is enough.
        title = r.label[len(box.cluster) + 1:] if box.cluster else r.label
        human, kind = human_name(r.label, lang), type_name(r.type, lang)
        if human and human.split()[0] in kind:  # 인셉션 3b · 인셉션 모듈: one says it
            human = ""
        what = describe(r, lang, lanes) if r.is_leaf else " · ".join(w for w in (human, kind) if w)
    lines = [f'<font point-size="{big}"><b>{_esc(title)}</b></font>', _esc(what)]
    if u.count == 1 and r.is_leaf and "." in title and _local_name(r.label, box.cluster, lang):
        # a code name alone (head.2; branch2.0 in an opened block) says little: where it sits,
        # in words, under it (issue 30)
        lines.insert(1, _esc(_local_name(r.label, box.cluster, lang)))
    if box.folded:
        lines.append("+ " + " + ".join(_esc(describe(f, lang)) for f in box.folded))
    if (u.params(result) or u.macs(result)) and not r.is_leaf:
        lines.append(f'<font point-size="{opt.font_size - 2}">'
                     + _esc(t("dg.costs", lang, params=number(u.params(result), lang),
                              macs=number(u.macs(result), lang))) + "</font>")
    return "<" + "<br/>".join(lines) + ">"


def _local_name(label: str, cluster: str, lang: str) -> str:
    """Where layer ``label`` sits, in words, inside the opened block ``cluster`` ("" for none):
    the block's own words (its cluster's title) left out, "가지 2의 첫 층" for
    inception3a.branch2.0; "" where the words do not start with the block's."""
    human = human_name(label, lang)
    if not cluster:
        return human
    block = human_name(cluster, lang)
    for joint in ("의 ", ", "):
        if block and human.startswith(block + joint):
            return human[len(block) + len(joint):]
    return ""


def _node_attrs(box: _Box, opt: DiagramOptions, label: str, highlighted: bool) -> str:
    pal = PALETTE["dark" if opt.theme == "dark" else "light"]
    fill, border = pal[box.kind]  # type: ignore[misc]
    width = "3" if highlighted else "1.4"
    color = pal["hl"] if highlighted else border
    if box.kind == "merge":
        return (f'shape=circle, style="filled", fillcolor="{fill}", color="{color}", '
                f'penwidth={width}, width=0.5, fixedsize=true, label={label}')
    style = '"rounded,filled,bold"' if box.unit.count > 1 else '"rounded,filled"'
    peripheries = ", peripheries=2" if box.unit.count > 1 else ""
    return (f'shape=box, style={style}, fillcolor="{fill}", color="{color}", '
            f'penwidth={width}{peripheries}, label={label}')


def to_dot(result: TraceResult, opt: DiagramOptions | None = None) -> str:
    """The DOT source of the diagram."""
    opt = opt or DiagramOptions()
    pal = PALETTE["dark" if opt.theme == "dark" else "light"]
    boxes = _boxes(result, opt)
    owner: dict[int, _Box] = {}
    for b in boxes:
        for leaf in b.unit.leaves:
            owner[leaf] = b
    bg = "transparent" if opt.theme == "transparent" else pal["bg"]
    text = pal["text"]
    out = [
        "digraph G {",
        f'  graph [rankdir={opt.direction if opt.direction in DIRECTIONS else "TB"}, '
        f'bgcolor="{bg}", fontname="{FONT}", nodesep=0.35, ranksep=0.45, pad=0.3];',
        f'  node [fontname="{FONT}", fontsize={opt.font_size}, fontcolor="{text}", margin="0.18,0.08"];',
        f'  edge [fontname="{FONT}", fontsize={opt.font_size - (0 if opt.even_text else 2)}, '
        f'color="{pal["edge"]}", fontcolor="{text}", arrowsize=0.7];',
    ]
    _, c, h, w = result.input_shape
    io_fill, io_border = pal["io"]  # type: ignore[misc]
    out.append(f'  input [shape=box, style="rounded,filled", fillcolor="{io_fill}", '
               f'color="{io_border}", label=<<b>{_esc(t("diagram.input", opt.lang))}</b><br/>'
               f'{c}×{h}×{w}>];')
    lanes = _gpu_lanes(result, boxes)
    if lanes:
        out += _lane_body(result, boxes, opt, lanes)
        # The GPUs side by side, top to bottom, on a slide too: left to right they were one
        # strip of two lanes 3,923 pt long (5.9 px text on a 1920 px slide); this picture is
        # tall (34 px text) and scrolls.
        out[1] = out[1].replace("rankdir=LR", "rankdir=TB") if opt.wrap else out[1]
    else:
        out += _body(result, boxes, owner, opt)
    rows: list[list[str]] = []
    last = owner[_producer_of_output(result)]
    ids = ["input", *(b.id for b in boxes), "output"]
    joined = _joined(result, boxes, owner, ids, last)
    # A chain, or a network with its blocks closed whose shortcuts jump within the top level
    # (the lecture's one residual block and its head: one strip of 13 px text on a slide).
    # Not an opened block: its cluster across rows of equal rank confuses dot's layout.
    if not lanes and opt.wrap and (not joined or not any(b.cluster for b in boxes)):
        out[1] = out[1].replace("rankdir=LR", "rankdir=TB")
        rows = _row_split(ids, joined, opt.row_shape)
        out += _rows(rows)
    out += _side_outputs(result, boxes, owner, last, opt)
    # Only a whole network ends in class scores; a block's output is a feature map that goes on
    # to the next block.
    ends = "diagram.output" if len(result.output_shape) == 2 else "diagram.output_map"
    out.append(f'  output [shape=box, style="rounded,filled", fillcolor="{io_fill}", '
               f'color="{io_border}", label=<<b>{_esc(t(ends, opt.lang))}</b>>];')
    out.append(f'  {last.id} -> output [label="{shape_text(result.output_shape)}"];')
    out.append("}")
    return "\n".join(_over_rows(_below_row_ends(out, rows), rows))


def _side_outputs(result: TraceResult, boxes: list[_Box], owner: dict[int, _Box], last: _Box,
                  opt: DiagramOptions) -> list[str]:
    """Boxes whose output nothing reads (GoogLeNet's auxiliary classifiers in training):
    each gets its own dashed output, labelled with the paper's loss weight."""
    from models.googlenet import AUX_LOSS_WEIGHT

    used = {owner[p].id for b in boxes for leaf in b.unit.leaves
            for p in result.records[leaf].inputs if p != -1 and owner[p].id != b.id}
    lines = []
    for b in boxes:
        if b.id in used or b is last:
            continue
        shape = result.records[b.unit.leaves[-1]].output_shape
        label = _esc(t("dg.aux_out", opt.lang, w=AUX_LOSS_WEIGHT))
        lines.append(f'  {b.id}_out [shape=box, style="rounded,dashed", label="{label}"];')
        lines.append(f'  {b.id} -> {b.id}_out [style=dashed, label="{shape_text(shape)}"];')
    return lines


def _producer_of_output(result: TraceResult) -> int:
    root = result.records[0]
    return [r for r in result.leaves() if r.output_shape == root.output_shape][-1].index


def _body(result: TraceResult, boxes: list[_Box], owner: dict[int, _Box],
          opt: DiagramOptions) -> list[str]:
    lines: list[str] = []
    pal = PALETTE["dark" if opt.theme == "dark" else "light"]
    current = ""
    for b in boxes:
        title_node = ""
        if b.cluster != current:
            if current:
                lines.append("  }")
            if b.cluster:
                block = result.find(b.cluster)
                title, kind = named(block.label, opt.lang), type_name(block.type, opt.lang)
                lines.append(f'  subgraph cluster_{b.id} {{ label=""; style="rounded,dashed"; '
                             f'color="{pal["block"][1]}";')
                # The block's title is a node of its own beside the block's first box: edges
                # are routed around nodes, so none crosses it (a cluster's own label was drawn
                # under the edges entering the block: "layer1.0 · BasicBlock" crossed out).
                # Its two lines as two cells: dot sets lines of a label one font size apart,
                # and "1단계 첫 블록 (layer1.0)" ran into "병목 블록" under it (issue 30).
                title_node = (f'  {b.id}_title [shape=plaintext, fontname="{FONT}", '
                              f'fontsize={opt.font_size}, fontcolor="{pal["text"]}", label=<'
                              f'<table border="0" cellborder="0" cellspacing="0" cellpadding="{TITLE_GAP}">'
                              f'<tr><td><b>{_esc(title)}</b></td></tr><tr><td>{_esc(kind)}</td></tr>'
                              f'</table>>];\n  {{ rank=same; {b.id}_title; {b.id}; }}')
            current = b.cluster
        hl = opt.highlight is not None and any(
            result.records[i].name == opt.highlight for i in b.unit.leaves + b.unit.records)
        lines.append(f"  {b.id} [{_node_attrs(b, opt, _box_label(result, b, opt), hl)}];")
        if title_node:
            lines.append(title_node)
    if current:
        lines.append("  }")
    seen: set[tuple[str, str]] = set()
    labelled: set[str] = set()  # a box's output shape is written on its first edge only
    edges: list[tuple[str, str, str]] = []
    for b in boxes:
        for leaf in b.unit.leaves:
            r = result.records[leaf]
            for pos, p in enumerate(r.inputs):
                src = "input" if p == -1 else owner[p].id
                if src == b.id or (src, b.id) in seen:
                    continue
                seen.add((src, b.id))
                shape = result.input_shape if p == -1 else result.records[p].output_shape
                attrs = f'label="{shape_text(shape)}"'
                if src in labelled:
                    # A dense block sends one output to every later layer: the same words on
                    # each of those lines crowded them ("32×32×32" five times, lines across
                    # them, in the DenseNet notebook's block).
                    attrs = 'label=""'
                elif b.kind == "merge":
                    # Branches converge on a merge slanted, and the next branch's line ran over
                    # the top of a label ("64×12×12" in d2l's opened Inception): a blank first
                    # line keeps it above the text, as for the row ends below.
                    attrs = f'label="\\n{shape_text(shape)}"'
                if r.kind == "add" and pos == 1 and b.kind == "merge":
                    owner_block = r.parent or ""
                    inside = p != -1 and result.records[p].name.startswith(owner_block + ".")
                    kind = ("dg.identity" if not inside else "dg.shortcut_a"
                            if result.records[p].kind == "shortcut_a" else "dg.projection")
                    path = t(kind, opt.lang)
                    # One label beside the dashed line (graphviz keeps an edge's own label off
                    # its line; an xlabel was drawn across it, on the shape's label), under a
                    # blank line: the slanted line still ran over its top corner ("x (투영: 1×1
                    # 합성곱)" in ResNet-50's diagram as a slide).
                    attrs = f'style=dashed, label="\\l   {_esc(path)}\\l   {shape_text(shape)}\\l"'
                labelled.add(src)
                edges.append((src, b.id, attrs))
    # A merge that also reads several earlier boxes' outputs (unlabelled lines: the DenseNet
    # notebook's concatenations, each of every earlier layer) keeps its labelled line from the
    # box just before it short and straight, and the earlier boxes' lines bend around it: they
    # ran across "32×32×32" there. Not every merge: weighted, a ResNet block's line into its +
    # or a torchvision dense layer's into its C (one earlier line besides) pushed the blocks
    # sideways, and ResNet-20's and DenseNet-201's diagrams were a quarter to a third wider.
    unlabelled = collections.Counter(dst for _, dst, attrs in edges if attrs == 'label=""')
    dense = {dst for dst, n in unlabelled.items() if n > 1}
    for src, dst, attrs in edges:
        if dst in dense and attrs.startswith('label="\\n'):
            attrs += f", weight={MAIN_LINE_WEIGHT}"
        lines.append(f"  {src} -> {dst} [{attrs}];")
    return lines


def _joined(result: TraceResult, boxes: list[_Box], owner: dict[int, _Box], ids: list[str],
            last: _Box) -> frozenset[int]:
    """The gaps of ``ids`` (``g``: between ``ids[g]`` and ``ids[g + 1]``) that a line other than
    the one between those two passes over (a branch, a shortcut): a row may not end there. A
    chain (each box reads only the box before it) has none."""
    at = {name: i for i, name in enumerate(ids)}
    spans = [(at["input" if p == -1 else owner[p].id], at[b.id]) for b in boxes
             for leaf in b.unit.leaves for p in result.records[leaf].inputs]
    spans = [(a, z) for a, z in spans if a != z] + [(at[last.id], at["output"])]
    return frozenset(g for a, z in spans if z != a + 1 for g in range(a, z))


def _row_split(ids: list[str], joined: frozenset[int] = frozenset(),
               shape: float = 0.75) -> list[list[str]]:
    """A chain cut into rows: about sqrt(0.75 n) boxes a row (``shape``) gives a grid of
    roughly 16:9 for boxes about 3 times as wide as they are tall; 1.0, a wider one. A row
    ends only where no line but the next box's passes over (``joined``): a shortcut stays in
    its row, arched over the boxes it skips (see ``_over_rows``), and a box left alone before
    a block goes in the block's row."""
    per_row = max(3, round(math.sqrt(shape * len(ids))))
    rows: list[list[str]] = []
    run: list[str] = []  # boxes that must share a row
    for g, name in enumerate(ids):
        run.append(name)
        if g in joined:
            continue
        if rows and (len(rows[-1]) + len(run) <= per_row or len(rows[-1]) == 1):  # none alone
            rows[-1] += run
        else:
            rows.append(run)
        run = []
    return rows


def _rows(rows: list[list[str]]) -> list[str]:
    """Rows of equal rank for a chain, so that it reads left to right, then the next row."""
    lines = ["  { rank=same; " + "; ".join(row) + "; }" for row in rows]
    # Heavy invisible edges stack the rows' first boxes, so every row starts at the left.
    lines += [f"  {a[0]} -> {b[0]} [style=invis, weight=100];" for a, b in itertools.pairwise(rows)]
    return lines


def _below_row_ends(lines: list[str], rows: list[list[str]]) -> list[str]:
    """The edge from a row's last box to the next row's first runs back across the slide; its
    shape label, set beside its middle, had the long slanted line on its top corner ("64×56×56"
    under pool0's edge in DenseNet's slide). A blank first line keeps the line above the text.
    The edge comes down into the top of the next row's first box: into its side, its arrow
    ran over the label beside a narrow box ("64×56×56" after the lecture block's ReLU)."""
    starts = {f"  {a[-1]} -> {b[0]} [label=\"" for a, b in itertools.pairwise(rows)}
    return [line.replace('[label="', '[label="\\n', 1).replace("];", ", headport=n];")
            if any(line.startswith(s) for s in starts) else line for line in lines]


def _over_rows(lines: list[str], rows: list[list[str]]) -> list[str]:
    """A line within a row that skips boxes (the shortcut around the lecture's block) leaves
    its box at the top right and enters its target at the top left, arched over the boxes
    between: drawn flat, its arrow came into the merge over the shape label of the line beside
    it; from the top's middle, it ran down the line coming into a row's first box."""
    at = {name: (r, i) for r, row in enumerate(rows) for i, name in enumerate(row)}
    out = []
    for line in lines:
        ends = line.strip().split(" [", 1)[0].split(" -> ")
        if len(ends) == 2 and ends[0] in at and ends[1] in at:
            (r1, i1), (r2, i2) = at[ends[0]], at[ends[1]]
            if r1 == r2 and abs(i2 - i1) > 1:
                line = line.replace("];", ", tailport=ne, headport=nw];")
        out.append(line)
    return out


def _gpu_lanes(result: TraceResult, boxes: list[_Box]) -> int:
    """Lanes for the paper's two-GPU AlexNet: a chain (no merges) with grouped convs."""
    if any(b.kind == "merge" or b.kind == "block" for b in boxes):
        return 0
    groups = [r.groups or 1 for r in result.leaves() if of(r).family == "conv"]
    return max(groups) if groups and max(groups) > 1 else 0


def _lane_body(result: TraceResult, boxes: list[_Box], opt: DiagramOptions,
               lanes: int) -> list[str]:
    """The 2012 paper's Figure 2: each layer up to the flatten split over the GPUs.

    A grouped conv (groups=2) only reads maps on its own GPU; a full conv (conv3) and the
    fully connected layers read both, which is where the GPUs talked to each other.
    """
    split_end = next((i for i, b in enumerate(boxes) if b.unit.first(result).kind == "flatten"),
                     len(boxes))
    lines: list[str] = []
    for lane in range(lanes):
        lines.append(f'  subgraph cluster_gpu{lane} {{ label="{t("diagram.gpu", opt.lang, n=lane + 1)}"; '
                     f'style="rounded,dashed"; color="#999999"; fontname="{FONT}";')
        for b in boxes[:split_end]:
            hl = opt.highlight == b.unit.first(result).name
            label = _box_label(result, b, opt, lanes)
            lines.append(f"    {b.id}_{lane} [{_node_attrs(b, opt, label, hl)}];")
        lines.append("  }")
    prev: list[str] = ["input"] * lanes
    prev_shape = result.input_shape
    for b in boxes[:split_end]:
        r = b.unit.first(result)
        cross = of(r).family == "conv" and (r.groups or 1) == 1
        for lane in range(lanes):
            sources = prev if cross else [prev[lane]]
            for src in dict.fromkeys(sources):
                shape = prev_shape if src == "input" else _halve(prev_shape, lanes)
                # An edge to the other GPU carries the same maps as the straight one beside it:
                # unlabelled, or its label sits where the two crossing edges meet (a line
                # through "128×13×13").
                across = cross and src != "input" and not src.endswith(f"_{lane}")
                label = "" if across else shape_text(shape)
                lines.append(f'  {src} -> {b.id}_{lane} [label="{label}"];')
        prev = [f"{b.id}_{lane}" for lane in range(lanes)]
        prev_shape = result.records[b.unit.leaves[-1]].output_shape
    for i, b in enumerate(boxes[split_end:]):
        hl = opt.highlight == b.unit.first(result).name
        lines.append(f"  {b.id} [{_node_attrs(b, opt, _box_label(result, b, opt), hl)}];")
        src_shape = prev_shape
        for src in dict.fromkeys(prev):
            shape = _halve(src_shape, lanes) if i == 0 and src != "input" else src_shape
            lines.append(f'  {src} -> {b.id} [label="{shape_text(shape)}"];')
        prev = [b.id]
        prev_shape = result.records[b.unit.leaves[-1]].output_shape
    return lines


def _halve(shape: tuple[int, ...], lanes: int) -> tuple[int, ...]:
    return (shape[0], shape[1] // lanes, *shape[2:]) if len(shape) == 4 else shape
