"""The diagram's DOT: GPU lanes, merge nodes, identity edges, repeat counts, shapes on edges."""

from __future__ import annotations

import re

from visualizer.diagram import DiagramOptions, to_dot
from visualizer.trace import trace_named


def test_paper_alexnet_has_two_gpu_lanes_with_half_the_filters() -> None:
    dot = to_dot(trace_named("alexnet_paper", 227), DiagramOptions(lang="en"))
    assert "cluster_gpu0" in dot and "cluster_gpu1" in dot
    # 96, 256, 384, 384, 256 filters in all: half on each GPU
    assert re.findall(r"stride \d · (\d+) filters", dot) == ["48", "128", "192", "192", "128"] * 2
    assert 'label="48×55×55"' in dot  # each GPU carries half of conv1's maps


def test_paper_alexnet_on_a_slide_keeps_its_lanes_side_by_side() -> None:
    """Laid out for a wide slide, the two GPUs' 8 boxes each were one strip left to right;
    they stay side by side, top to bottom, as the lesson draws them."""
    from visualizer.export import SlideStyle, diagram_source

    dot = diagram_source(trace_named("alexnet_paper", 227), "en", SlideStyle())
    assert "rankdir=TB" in dot and "cluster_gpu1" in dot and "rank=same" not in dot


def test_residual_add_and_identity_edge() -> None:
    dot = to_dot(trace_named("resnet18", 224), DiagramOptions(lang="en"))
    assert "<b>+</b>" in dot
    # the shortcut's name and shape in one label beside the dashed line, not across it
    assert 'style=dashed, label="\\l   x (identity)\\l   64×56×56\\l"' in dot
    assert 'label="64×56×56"' in dot


def test_dense_concat_and_repeats() -> None:
    dot = to_dot(trace_named("densenet121", 224), DiagramOptions(lang="en"))
    assert "<b>C</b>" in dot
    assert "DenseLayer ×5" in dot  # the first of six layers is drawn open
    closed = to_dot(trace_named("densenet121", 224), DiagramOptions(lang="en", detail="overview"))
    assert "DenseLayer ×6" in closed and "DenseLayer ×24" in closed and "<b>C</b>" not in closed


def test_the_notebooks_dense_block_keeps_its_main_line_straight() -> None:
    """The DenseNet notebook's block: layer k's concatenation reads the k - 1 layers before it
    besides layer k itself (unlabelled lines, their shape written once). Where two or more such
    lines come in (k = 3, 4, 5 of its five), the labelled line from layer k is weighted so the
    others bend around it: 3 in each of the 3 blocks the explorer opens. A merge with one line
    besides (a torchvision dense layer's C, a ResNet block's +) is left as dot draws it."""
    dot = to_dot(trace_named("densenet_notebook", 32), DiagramOptions(lang="en"))
    weighted = re.findall(r'-> (n\d+) \[label="\\n32×(\d+)×\d+", weight=5\]', dot)
    assert [size for _, size in weighted] == ["32"] * 3 + ["16"] * 3 + ["8"] * 3, weighted
    for arch in ("densenet121", "resnet18"):
        assert "weight=5" not in to_dot(trace_named(arch, 224), DiagramOptions(lang="en")), arch


def test_rows_end_only_where_no_shortcut_passes() -> None:
    """A chain of 10 cut into rows of round(sqrt(0.75 x 10)) = 3; a shortcut from the first box
    to the fourth keeps those four in one row, and the rest follow in rows of 3; one from the
    second to the fifth takes the first box along rather than leave it alone in its row."""
    from visualizer.diagram import _row_split

    ids = [str(i) for i in range(10)]
    assert _row_split(ids) == [["0", "1", "2"], ["3", "4", "5"], ["6", "7", "8"], ["9"]]
    assert _row_split(ids, frozenset({0, 1, 2})) == [["0", "1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]]
    assert _row_split(ids, frozenset({1, 2, 3})) == [["0", "1", "2", "3", "4"], ["5", "6", "7"], ["8", "9"]]


def test_the_lectures_block_on_a_slide_is_rows_with_its_shortcut_arched_over() -> None:
    """The lecture's Residual_Block with its head, as the export page draws it for a slide: not
    one strip of nine boxes (13 px text on a 1920 px slide) but rows, the block whole in the
    first (x, conv, conv, +), its identity line leaving x at the top and coming into + from
    above; the next row's first box is entered from above too."""
    from visualizer.export import SlideStyle, diagram_source

    dot = diagram_source(trace_named("residual_block", 56), "en", SlideStyle())
    rows = re.findall(r"\{ rank=same; (.*?) \}", dot)
    assert "rankdir=TB" in dot and len(rows) == 3, rows
    add = re.search(r"(n\d+) \[shape=circle[^\n]*<b>\+</b>", dot)
    assert add and rows[0].split("; ")[0] == "input" and rows[0].split("; ")[-1] == add[1] + ";"
    assert re.search(rf'input -> {add[1]} \[style=dashed, label="[^"]*", tailport=ne, headport=nw\]', dot)


def test_plain_networks_close_their_blocks() -> None:
    """plain56 (Figure 1) has 3 stages of (56 - 2) / 6 = 9 plain blocks: closed in an overview,
    as resnet56's basic blocks are, it is 3 boxes, not a strip of 55 layers."""
    dot = to_dot(trace_named("plain56", 32), DiagramOptions(lang="en", detail="overview"))
    assert dot.count("PlainBlock ×9") == 3 and "conv2" not in dot


def test_code_names_and_the_notebooks_block_types_get_korean_words() -> None:
    """Issue 30: a box named only by its code (head.2, residual_block.0) says where it sits, and
    the DenseNet notebook's blocks are named in Korean (not DenseBlockNotebook, transitionLayer1)."""
    lecture = to_dot(trace_named("residual_block", 56), DiagramOptions(lang="ko", detail="blocks"))
    assert "<b>head.2</b></font><br/>머리(분류기)의 3번째 층<br/>" in lecture
    assert "<b>residual_block.0</b></font><br/>F(x) 경로의 첫 층<br/>" in lecture
    notebook = to_dot(trace_named("densenet_notebook", 32), DiagramOptions(lang="ko", detail="blocks"))
    assert "밀집 블록 (노트북)" in notebook and "전환 층 (노트북)" in notebook
    assert "전환 층 1의 첫 층 (transitionLayer1.0)" in notebook
    assert "DenseBlockNotebook" not in notebook and "TransitionNotebook" not in notebook
    # a closed block's repeats as Korean counts them: 9 of them is 9개 (not "x9")
    plain = to_dot(trace_named("plain56", 32), DiagramOptions(lang="ko", detail="overview"))
    assert plain.count("지름길 없는 블록 9개") == 3 and " x9" not in plain


def test_a_blocks_title_has_room_between_its_two_lines() -> None:
    """Issue 30: dot sets the lines of a label one font size apart, and a block's title ran
    into its kind under it ("1단계 첫 블록 (layer1.0)" over "병목 블록", a Hangul line being
    as tall as its font). In the SVG dot draws, the title's second line sits at least 1.3 font
    sizes below its first."""
    from visualizer.export import render_dot

    svg = render_dot(to_dot(trace_named("resnet50", 224), DiagramOptions(detail="blocks", lang="ko")),
                     "svg").decode()
    node = re.search(r"<title>n\d+_title</title>(.*?)</g>", svg, re.S)
    assert node is not None
    text = r'<text[^>]* y="([-\d.]+)"[^>]* font-size="([\d.]+)"[^>]*>([^<]*)</text>'
    lines = re.findall(text, node.group(1))
    assert [text for _, _, text in lines] == ["1단계 첫 블록 (layer1.0)", "병목 블록"]
    (y1, size, _), (y2, _, _) = lines
    assert float(y2) - float(y1) >= 1.3 * float(size), lines


def test_a_layer_inside_an_opened_block_says_where_it_sits_in_words() -> None:
    """Issue 30: inside an opened block a box was named by its code alone (branch2.0,
    downsample.0). Under its code name it says where it sits, without its block's words (the
    block's title above says them): GoogLeNet's inception3a has four branches, its second a
    1×1 reduction then a 3×3 convolution; ResNet-50's first block has a projection shortcut."""
    googlenet = to_dot(trace_named("googlenet", 224), DiagramOptions(detail="blocks", lang="ko"))
    assert "<b>branch2.0</b></font><br/>가지 2의 첫 층<br/>합성곱 1×1" in googlenet
    assert "<b>branch2.1</b></font><br/>가지 2의 2번째 층<br/>합성곱 3×3" in googlenet
    resnet = to_dot(trace_named("resnet50", 224), DiagramOptions(detail="blocks", lang="en"))
    assert "<b>downsample.0</b></font><br/>projection shortcut, layer 1<br/>" in resnet
