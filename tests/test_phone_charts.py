"""Charts that read on a phone and on a slide (issue 30), from the figures plotly is given: the
spacing of their names worked from the figure's own ticks and font sizes, with the widths of
text estimated as the app's chart does (Hangul square, digits and Latin 0.6 of the size)."""

from __future__ import annotations

import itertools
import math

import pytest

from visualizer import charts, lesson_charts
from visualizer.charts import for_projector, plain, text_width
from visualizer.i18n import t
from visualizer.lessons import inception_costs
from visualizer.shortcut_charts import (
    FIGURE1_LINES,
    REUSE_PLOT_H,
    REUSE_PLOT_W,
    REUSE_TICK_SIZE,
    TICK_GAP,
    GradientLine,
    figure1,
    gradient_lines,
    reuse_heatmap,
    tick_step,
)
from visualizer.shortcuts import LayerGradient, ReuseMap
from visualizer.trace import trace_named

# (name, family, params, MACs, top-1): the comparison's bubbles, from torchvision's documentation
# (its MACs to the digits it prints)
NETWORKS = [("AlexNet", "AlexNet", 61_100_840, 714_206_912, 56.522),
            ("GoogLeNet", "GoogLeNet", 6_624_904, 1_498_000_000, 69.778),
            ("ResNet-18", "ResNet", 11_689_512, 1_814_073_856, 69.758),
            ("ResNet-34", "ResNet", 21_797_672, 3_663_761_408, 73.314),
            ("ResNet-50", "ResNet", 25_557_032, 4_089_184_256, 76.13),
            ("ResNet-101", "ResNet", 44_549_160, 7_801_405_440, 77.374),
            ("ResNet-152", "ResNet", 60_192_808, 11_513_600_000, 78.312),
            ("DenseNet-121", "DenseNet", 7_978_856, 2_834_162_688, 74.434),
            ("DenseNet-161", "DenseNet", 28_681_000, 7_727_907_000, 77.138),
            ("DenseNet-169", "DenseNet", 14_149_480, 3_359_843_000, 75.6),
            ("DenseNet-201", "DenseNet", 20_013_928, 4_291_370_000, 76.896)]


def _bubbles() -> dict:  # type: ignore[type-arg]
    rows: list[dict[str, float | str]] = [
        {"name": n, "short": n, "family": f, "params": p, "macs": m, "top1": top}
        for n, f, p, m, top in NETWORKS]
    return plain(lesson_charts.accuracy_bubbles(rows, "ko"))


def test_the_comparisons_x_axis_writes_each_round_number_whole() -> None:
    """Plotly's own log axis wrote 20 as "2" (between decades it writes only the first digit):
    "…5, 10, 2" on a phone. Ticks at 1, 2 and 5 times a power of ten, written in full, inside
    the axis's range (0.71 to 11.5 G MACs, with room for the bubbles)."""
    axis = _bubbles()["layout"]["xaxis"]
    assert axis["tickvals"] == [0.5, 1, 2, 5, 10, 20]
    assert [float(text) for text in axis["ticktext"]] == axis["tickvals"]
    # on a phone's 260 px plot, 20 is the closest to its neighbour: 10 and 20 are log10(2) of
    # the range's 1.86 decades apart, ~73 px for two 2-digit labels at 15 px (~18 px each)
    low, high = axis["range"]
    px = [(math.log10(v) - low) / (high - low) * lesson_charts.PHONE_PLOT_W for v in axis["tickvals"]]
    widths = [text_width(text, 15) for text in axis["ticktext"]]
    gaps = [b - a - (wa + wb) / 2 for a, b, wa, wb in zip(px, px[1:], widths, widths[1:], strict=False)]
    assert min(gaps) >= 20


def _boxes(notes: list[dict], plot_w: float, plot_h: float, x_range: list[float],  # type: ignore[type-arg]
           y_range: list[float]) -> list[tuple[float, float, float, float]]:
    out = []
    for a in notes:
        x = (a["x"] - x_range[0]) / (x_range[1] - x_range[0]) * plot_w + a["ax"]
        y = (y_range[1] - a["y"]) / (y_range[1] - y_range[0]) * plot_h + a["ay"]
        w, h = text_width(a["text"], a["font"]["size"]), a["font"]["size"] * 1.25
        out.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return out


def test_on_a_phone_every_network_is_named_and_no_two_names_touch() -> None:
    """The phone's variant (layout.meta.narrow): a name per network, short (R101, D161), in the
    phone's taller plot, none within 2 px of another; the bubbles half as wide."""
    figure = _bubbles()
    layout = figure["layout"]
    narrow = layout["meta"]["narrow"]
    notes = narrow["layout"]["annotations"]
    assert sorted(a["text"] for a in notes) == sorted(lesson_charts.short_name(n) for n, *_ in NETWORKS)
    height, margin = narrow["layout"]["height"], narrow["layout"]["margin"]
    plot_h = height - margin["t"] - 21 - margin["b"]  # 21: the title's second line on a phone
    boxes = _boxes(notes, lesson_charts.PHONE_PLOT_W, plot_h, layout["xaxis"]["range"],
                   layout["yaxis"]["range"])
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3])
            assert apart >= 2, (a, b)
    # a leader line (a label away from its point) through no other label: DenseNet-201's ran
    # through "D161" once
    for note, box in zip(notes, boxes, strict=True):
        if note["arrowcolor"].startswith("rgba"):
            continue  # beside its point: no line drawn
        x1, y1 = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        x0, y0 = x1 - note["ax"], y1 - note["ay"]
        for other, (left, top, right, bottom) in zip(notes, boxes, strict=True):
            if other is note:
                continue
            for k in range(201):
                px, py = x0 + (x1 - x0) * k / 200, y0 + (y1 - y0) * k / 200
                assert not (left < px < right and top < py < bottom), (note["text"], other["text"])
    for i, trace in enumerate(figure["data"]):  # half the diameter: four times the sizeref
        assert narrow[str(i)]["marker"]["sizeref"] == pytest.approx(4 * trace["marker"]["sizeref"])
    assert len(layout["annotations"]) == len(NETWORKS)  # the desktop keeps its full names


def _names_on_markers(notes: list[dict], traces: list[dict], plot_w: float, plot_h: float,  # type: ignore[type-arg]
                      x_range: list[float], y_range: list[float], font: float) -> list[str]:
    """Each name drawn on another network's marker or within 2 px of another name, at a plot
    ``plot_w`` x ``plot_h`` px. A marker's diameter in plotly's area mode: the size over the
    sizeref, square-rooted, times sqrt(2) (plotly's documented sizeref = 2 max / diameter²)."""
    markers = []
    for trace in traces:
        ref = trace["marker"]["sizeref"]
        for x, y, size in zip(trace["x"], trace["y"], trace["marker"]["size"], strict=True):
            px = (math.log10(x) - x_range[0]) / (x_range[1] - x_range[0]) * plot_w
            py = (y_range[1] - y) / (y_range[1] - y_range[0]) * plot_h
            markers.append((px, py, max(6.0, math.sqrt(2 * size / ref)) / 2))
    drawn = [{**a, "font": {**a["font"], "size": font}} for a in notes]  # a slide's at 1.4x
    boxes = list(zip((a["text"] for a in notes), _boxes(drawn, plot_w, plot_h, x_range, y_range),
                     strict=True))
    found = []
    for i, (text, (left, top, right, bottom)) in enumerate(boxes):
        ox = (notes[i]["x"] - x_range[0]) / (x_range[1] - x_range[0]) * plot_w
        oy = (y_range[1] - notes[i]["y"]) / (y_range[1] - y_range[0]) * plot_h
        for px, py, r in markers:
            if math.hypot(px - ox, py - oy) < 0.5:
                continue  # its own marker
            if math.hypot(px - max(left, min(px, right)), py - max(top, min(py, bottom))) < r:
                found.append(f"{text} on a marker at ({px:.0f}, {py:.0f})")
        for other, b in boxes[i + 1:]:
            if max(b[0] - right, left - b[2], b[1] - bottom, top - b[3]) < 2:
                found.append(f"{text} on {other}")
    return found


def test_the_comparisons_names_lie_on_no_marker_at_any_width_they_are_drawn_at() -> None:
    """Issue 30: placed for a 560 px plot, the desktop's names were drawn in a 780 px one at a
    1366 px laptop, and DenseNet-161's lay on ResNet-152's bubble (on a phone R101 on R152).
    Every 20 px from each placement's narrowest plot to its widest (the phone's up to its 640 px
    chart, the desktop's to a 1920 px window), and at sizes between a 1366x768 slide's plot and a
    1920x1080 one's (at 1920x1080 ResNet-18's name lay on DenseNet-169's), every name is clear of
    every other network's marker and of every other name."""
    rows: list[dict[str, float | str]] = [{"name": n, "short": n, "family": f, "params": p, "macs": m,
                                           "top1": top} for n, f, p, m, top in NETWORKS]
    figure = _bubbles()
    layout = figure["layout"]
    x_range, y_range = layout["xaxis"]["range"], layout["yaxis"]["range"]
    desk_h = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    narrow = layout["meta"]["narrow"]
    phone_traces = [{**trace, "marker": {**trace["marker"], **narrow[str(i)]["marker"]}}
                    for i, trace in enumerate(figure["data"])]
    phone_margin = narrow["layout"]["margin"]
    phone_h = narrow["layout"]["height"] - phone_margin["t"] - 21 - phone_margin["b"]  # 21: title line 2
    slide = plain(lesson_charts.accuracy_bubbles(rows, "ko", slide=True))
    # a slide's plot, measured in a browser: 1097x302 px at 1366x768, 1623x530 at 1920x1080
    slide_sizes = [(1097 + (1623 - 1097) * k / 10, 302 + (530 - 302) * k / 10) for k in range(11)]
    found = []
    for notes, traces, sizes, font in (
            (narrow["layout"]["annotations"], phone_traces, [(w, phone_h) for w in range(260, 551, 20)], 14),
            (layout["annotations"], figure["data"], [(w, desk_h) for w in range(560, 1701, 20)], 14),
            (slide["layout"]["annotations"], slide["data"], slide_sizes, 14 * 1.4)):
        for w, h in sizes:
            found += [f"{w:.0f}x{h:.0f} px: {p}"
                      for p in _names_on_markers(notes, traces, w, h, x_range, y_range, font)]
    assert not found, found


def test_inceptions_bars_lie_down_on_a_phone_each_with_its_value() -> None:
    """Standing, 18 bars in a phone's ~300 px plot are ~12 px wide and plotly hid every value
    that did not fit its bar. Lying down, each bar is thicker than its value's text, and the
    value is beside it on one line, inside the axis's range."""
    costs = inception_costs(trace_named("googlenet", 224))
    figure = plain(lesson_charts.inception_bars(costs, "ko"))
    narrow = figure["layout"]["meta"]["narrow"]
    height, margin = narrow["layout"]["height"], narrow["layout"]["margin"]
    bars = len(costs) * len(figure["data"])
    thickness = (height - margin["t"] - margin["b"]) / bars * 0.8  # plotly's 20 % gap per group
    top = narrow["layout"]["xaxis"]["range"][1]
    plot_w = 356 - margin["l"] - margin["r"] - 30  # a phone's chart, the module names beside
    for i, trace in enumerate(figure["data"]):
        phone = narrow[str(i)]
        assert phone["orientation"] == "h" and phone["textposition"] == "outside"
        assert thickness >= phone["textfont"]["size"] + 2
        assert list(phone["x"]) == list(trace["y"]) and list(phone["y"]) == list(trace["x"])
        for value, text in zip(phone["x"], phone["text"], strict=True):
            assert "<br>" not in text
            assert value / top * plot_w + 4 + text_width(text, phone["textfont"]["size"]) <= plot_w


def test_alexnets_strip_names_every_block_on_a_phone() -> None:
    """One row of 13 names in a phone's plot kept every third (6 named). In rows of four, each
    block has its name under it, each name narrower than its column, and no name on a box of
    the row below."""
    figure = charts.volumes(trace_named("alexnet", 224), "ko", 0)
    blocks = list(figure.layout.xaxis.ticktext)
    narrow = figure.layout.meta["narrow"]
    notes = narrow["layout"]["annotations"]
    assert [a["text"] for a in notes] == blocks and len(blocks) == 13
    per_unit = charts.STRIP_PHONE_PLOT / narrow["layout"]["xaxis"]["range"][1]
    column = per_unit * 12.5
    for a in notes:
        lines = a["text"].replace("<b>", "").replace("</b>", "").split("<br>")
        assert max(text_width(line, a["font"]["size"]) for line in lines) <= column - 6, a["text"]
    # each name's two lines end above the top of every box drawn lower on the page
    boxes = {int(k): v for k, v in narrow.items() if k != "layout"}
    assert len(boxes) == len(figure.data)
    for a in notes:
        bottom = a["y"] - 2 * a["font"]["size"] * 1.3 / per_unit
        below = [max(b["y"]) for b in boxes.values() if max(b["y"]) < a["y"] - 0.5]
        assert all(top < bottom for top in below if top > bottom - 20), a["text"]


def _reuse(layers: int) -> ReuseMap:
    sources = ("input", *(str(i) for i in range(1, layers + 1)))
    targets = (*(str(i) for i in range(1, layers + 1)), "transition")
    weights = tuple(tuple(1.0 if s <= r else None for s in range(layers + 1)) for r in range(layers + 1))
    return ReuseMap("denseblock2", targets, sources, weights)


def test_tick_step_worked_by_hand() -> None:
    """Block 2 (12 layers, 13 sources) in a 180 px plot: a column is 13.8 px; "10" and "11" at
    15 px are 18 px each, so neighbours need 18 + 6 px: every second one (27.7 px)."""
    labels = ["입력", *(str(i) for i in range(1, 13))]
    assert tick_step(labels, 180, 15) == 2
    assert tick_step(labels, 400, 15) == 1  # 30.8 px a column: all fit
    assert tick_step(["a"], 10, 15) == 1


@pytest.mark.parametrize("layers", [6, 12, 24, 16])
def test_no_two_numbers_under_a_heatmap_touch(layers: int) -> None:
    """DenseNet-121's four blocks (6, 12, 24, 16 layers): the names the figure puts under each
    axis, at its narrowest plot, at least TICK_GAP apart; the row names at least 1.3 lines."""
    figure = reuse_heatmap(_reuse(layers), "ko")
    columns = list(figure.data[0].x)
    shown = list(figure.layout.xaxis.tickvals)
    cell = REUSE_PLOT_W / len(columns)
    for a, b in itertools.pairwise(shown):
        room = (columns.index(b) - columns.index(a)) * cell
        need = (text_width(a, REUSE_TICK_SIZE) + text_width(b, REUSE_TICK_SIZE)) / 2
        assert room - need >= TICK_GAP, (a, b)
    rows = list(figure.data[0].y)
    names = list(figure.layout.yaxis.tickvals)
    assert names[-1] == t("sc.r.transition", "ko")
    row_px = REUSE_PLOT_H / len(rows)
    for a, b in itertools.pairwise(names):
        assert (rows.index(b) - rows.index(a)) * row_px >= REUSE_TICK_SIZE * 1.3, (a, b)


def test_a_slides_y_axis_title_fits_the_smallest_slide_plot() -> None:
    """ResNet ② at 1366x768: a 197 px plot (measured in the browser). Its title at the slide's
    21 px (15 x 1.4) is ~240 px on one line; wrapped, every line fits ("‖∂손실/∂W‖", one word,
    ~118 px). ResNet ①'s "오류율 (%)" (~115 px) beside ~110 px panels goes on two lines."""
    grads = (LayerGradient("conv1.conv", 0.5), LayerGradient("fc", 0.1))
    line = GradientLine("plain", grads, "#000000", "solid")
    figure = for_projector(plain(gradient_lines([line], "ko", "title")))
    size = figure["layout"]["font"]["size"]
    original = t("sc.g.y_axis", "ko")
    assert size == pytest.approx(15 * 1.4) and text_width(original, size) > 197
    wrapped = figure["layout"]["yaxis"]["title"]["text"]
    assert wrapped == "‖∂손실/∂W‖<br>(로그 눈금)"  # a group in brackets stays whole
    assert max(text_width(part, size) for part in wrapped.split("<br>")) < 197
    # off the projector the title stays one line
    assert plain(gradient_lines([line], "ko", "title"))["layout"]["yaxis"]["title"]["text"] == original
    # measured in the browser: "오류율 (%)" ran ~5 px past a 110 px panel (estimated here 107 px)
    lines = charts.wrap_words(t("sc.f1.error_axis", "ko"), size, charts.PROJECTOR_AXIS_TITLE_PX).split("<br>")
    assert len(lines) == 2
    assert all(text_width(part, size) <= charts.PROJECTOR_AXIS_TITLE_PX < 110 for part in lines)


def test_no_leader_line_runs_through_another_networks_marker() -> None:
    """At a laptop's width the labels are placed for a 560 px plot; DenseNet-161 sits inside
    ResNet-101's bubble, so its label goes away from its point. Its leader line ran across
    DenseNet-201's and ResNet-50's markers, and its name read as theirs: no line may pass
    through another network's marker (plotly's bubble of area mode: diameter sqrt(size /
    sizeref) px), its own and one drawn at the very same point excepted."""
    figure = _bubbles()
    layout = figure["layout"]
    margin = layout["margin"]
    plot_w, plot_h = 560, layout["height"] - margin["t"] - margin["b"]
    (x_lo, x_hi), (y_lo, y_hi) = layout["xaxis"]["range"], layout["yaxis"]["range"]
    markers = []
    for trace in figure["data"]:
        m = trace["marker"]
        for x, y, size in zip(trace["x"], trace["y"], m["size"], strict=True):
            markers.append(((math.log10(x) - x_lo) / (x_hi - x_lo) * plot_w,
                            (y_hi - y) / (y_hi - y_lo) * plot_h, math.sqrt(size / m["sizeref"]) / 2))
    lines = 0
    for note in layout["annotations"]:
        if note["arrowcolor"].startswith("rgba"):
            continue  # beside its point: no line drawn
        lines += 1
        x0 = (note["x"] - x_lo) / (x_hi - x_lo) * plot_w
        y0 = (y_hi - note["y"]) / (y_hi - y_lo) * plot_h
        for px, py, r in markers:
            if math.hypot(px - x0, py - y0) < 1:
                continue  # its own marker
            for k in range(201):
                qx, qy = x0 + note["ax"] * k / 200, y0 + note["ay"] * k / 200
                if math.hypot(qx - x0, qy - y0) < r and math.hypot(px - x0, py - y0) < r:
                    continue  # still inside a bubble its point is inside of (ResNet-101's)
                assert math.hypot(qx - px, qy - py) >= r - 1, note["text"]
    assert lines >= 1  # the crowded one is away from its point


def test_figure1s_panel_titles_fit_their_panels_on_a_phone() -> None:
    """ResNet ①'s four panels on a 390 px phone (a 358 px chart, less its side margins): at
    15 px "지름길 없음 · 테스트" was wider than its panel and ran into the next panel's title; the
    phone's titles (layout.meta.narrow) are each narrower than their panel."""
    curve = [{"epoch": e, "train_error": 0.5, "test_error": 0.5} for e in (0, 1, 2)]
    fig = plain(figure1({arch: curve for arch, *_ in FIGURE1_LINES}, "ko"))
    layout = fig["layout"]
    plot_w = 358 - layout["margin"]["l"] - layout["margin"]["r"]
    panel = (layout["xaxis"]["domain"][1] - layout["xaxis"]["domain"][0]) * plot_w
    wide = [text_width(a["text"], a["font"]["size"]) for a in layout["annotations"]]
    assert max(wide) > panel  # the laptop's 15 px titles would not fit
    narrow = layout["meta"]["narrow"]["layout"]["annotations"]
    assert [a["text"] for a in narrow] == [a["text"] for a in layout["annotations"]]
    assert all(a["font"]["size"] >= 9 and text_width(a["text"], a["font"]["size"]) < panel - 4
               for a in narrow)


def test_the_ledgers_transition_names_sit_on_white_ground() -> None:
    """DenseNet ① on a phone: the next block's climb ran through "256 전환 층 2". Each
    transition's label, as the count labels, is drawn on white over the line."""
    rows = [("input", 64, "input"), ("denseblock1.denselayer1", 96, "layer"),
            ("transition1", 48, "transition"), ("denseblock2.denselayer1", 80, "layer")]
    fig = plain(lesson_charts.ledger_line(rows, "ko", 32))
    notes = fig["layout"]["annotations"] + fig["layout"]["meta"]["narrow"]["layout"]["annotations"]
    named = [a for a in notes if "전환 층" in a["text"] or "transition" in a["text"]]
    assert len(named) == 2 and all(a.get("bgcolor", "").startswith("rgba(255,255,255") for a in named)
