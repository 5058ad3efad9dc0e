"""The shape-flow chart: the numbers it draws are the lecture's, and a click finds its layer."""

from __future__ import annotations

import itertools

import plotly.graph_objects as go
import pytest

from visualizer import charts, lesson_charts
from visualizer.charts import for_projector, plain, shows_legend, slide_top, styled
from visualizer.trace import trace_named


def test_alexnet_flow_draws_the_lectures_sizes_and_channels() -> None:
    result = trace_named("alexnet", 224)
    fig = charts.shape_flow(result, "en")
    size, maps, flat, numbers = fig.data
    # The lecture: 224 -> 55 -> 27 -> 13 -> 6 -> 9216 (= 256 x 6 x 6) -> 4096 -> 4096 -> 1000
    assert list(numbers.text) == ["224", "55", "27", "13", "6"]
    # each number sits on the point whose size it is, where the size changes
    assert [size.y[x] for x in numbers.x] == [224, 55, 27, 13, 6] == list(numbers.y)
    assert list(maps.y) == [3, 64, 64, 192, 192, 384, 256, 256, 256, 256]
    assert list(flat.y) == [9216, 4096, 4096, 1000]
    assert list(flat.text) == ["9216", "4096", "4096", "1000"]
    for bars in (maps, flat):  # a bar stands where its layer's point is
        assert [size.customdata[x] for x in bars.x] == list(bars.customdata)
    # Every point but the input carries the index of the record it stands for.
    for i, label in zip(size.customdata[1:], fig.layout.xaxis2.ticktext[1:], strict=True):
        assert result.records[i].label == label
    assert fig.layout.xaxis.matches == "x2"  # one layer axis for both panels


@pytest.mark.parametrize(("channels", "floor"), [(1, -0.3), (3, 0)])
def test_a_one_channel_input_has_a_bar(channels: int, floor: float) -> None:
    """Issue 30: on the channels' log axis from 1, a grey picture's 1 channel was a bar 0
    decades tall (the builder's Fashion-MNIST design: its input column stood empty). The axis
    starts at half a channel where a bar is 1: that bar is 0.3 decades (log10 2) tall; a colour
    picture's axis still starts at 1."""
    import math

    from models import build_model
    from visualizer.trace import trace

    model = build_model("resnet18", device="cpu", in_channels=channels, num_classes=10)
    fig = charts.shape_flow(trace(model, (1, channels, 32, 32), model_name="resnet18"), "ko")
    axis = fig.layout.yaxis2
    assert axis.type == "log" and axis.range[0] == floor
    maps = fig.data[1]
    assert maps.y[0] == channels and math.log10(channels) - axis.range[0] >= 0.3


def test_a_slides_flow_drops_a_size_that_would_write_over_the_next() -> None:
    """ResNet-152 on a slide: 56 points in about 1,100 px, 20 px a point, a size's label 36 px.
    Its 112 (conv1's output, before the max-pool at the very next point) would be written over
    56; every size that lasts two points or more keeps its number, as does the last."""
    result = trace_named("resnet152", 224)
    page = charts.shape_flow(result, "ko").data[-1]
    slide = charts.shape_flow(result, "ko", compact=True).data[-1]
    assert list(page.text) == ["224", "112", "56", "28", "14", "7", "1"]
    assert list(slide.text) == ["224", "56", "28", "14", "7", "1"]
    points = len(charts.shape_flow(result, "ko").data[0].x)
    assert points * charts.SIZE_LABEL_WIDTH / charts.SLIDE_PLOT_WIDTH > 1  # closer than a label
    gaps = [b - a for a, b in itertools.pairwise(slide.x)]
    assert min(gaps) >= 2
    # AlexNet's twenty points keep the lecture's five sizes on a slide too
    alex = charts.shape_flow(trace_named("alexnet", 224), "ko", compact=True).data[-1]
    assert list(alex.text) == ["224", "55", "27", "13", "6"]


def test_a_slides_flow_names_the_networks_parts_level() -> None:
    """DenseNet-121 on a slide: its four dense blocks by name, level, under their middles (a
    tilted "denseblock3.denselayer13" took half of the chart's height at 1366x768)."""
    result = trace_named("densenet121", 96)
    fig = charts.shape_flow(result, "en", compact=True)
    axis = fig.layout.xaxis2
    assert axis.tickangle == 0
    names = list(axis.ticktext)
    assert {"denseblock1", "denseblock2", "denseblock3", "denseblock4"} <= set(names)
    labels = list(charts.shape_flow(result, "en").layout.xaxis2.ticktext)  # a sample, page view
    assert all("." not in n for n in names) and any("." in n for n in labels)
    points = len(fig.data[0].x)
    px = charts.SLIDE_PLOT_WIDTH / points
    for line in ("first", "second"):  # a name that would touch another goes a line lower
        row = [(x, n) for x, n in zip(axis.tickvals, names, strict=True)
               if n.startswith("<br>") == (line == "second")]
        assert row or line == "second"
        for (a, left), (b, right) in itertools.pairwise(row):
            left, right = left.removeprefix("<br>"), right.removeprefix("<br>")
            assert (b - a) * px >= (len(left) + len(right)) * 11 / 2  # no name touches the next


def test_a_slides_flow_names_every_layer_of_alexnet() -> None:
    """AlexNet on a slide: every layer named under its bar, flatten (the lecture's 9216) too. On
    one line of names, "flatten" touched "avgpool" and was left out (issue 30); the names that
    would touch go on a second line."""
    fig = charts.shape_flow(trace_named("alexnet", 224), "ko", compact=True)
    names = [n.removeprefix("<br>") for n in fig.layout.xaxis2.ticktext]
    # torchvision's AlexNet, in the lecture's names: five convolutions, three max-pools, the
    # adaptive average pool, the flatten and three fully connected layers, after the input
    assert names == ["입력", "conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5",
                     "pool5", "avgpool", "flatten", "fc6", "fc7", "fc8"]
    assert list(fig.layout.xaxis2.tickvals) == list(range(14))
    assert any(n.startswith("<br>") for n in fig.layout.xaxis2.ticktext)  # two lines of names


def test_long_flows_name_at_most_twenty_layers_under_the_chart() -> None:
    fig = charts.shape_flow(trace_named("densenet201", 224), "en")
    steps = len(fig.data[0].x)
    ticks = fig.layout.xaxis2.tickvals
    assert steps > 100 and 15 <= len(ticks) <= charts.MAX_TICKS
    assert ticks[0] == 0 and ticks[1] == -(-steps // charts.MAX_TICKS)  # evenly spaced


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_selected_layer_is_marked_on_both_panels(lang: str) -> None:
    result = trace_named("resnet18", 224)
    conv1 = result.find("conv1").index
    fig = charts.shape_flow(result, lang, selected=conv1)
    at = list(fig.data[0].customdata).index(conv1)
    assert [(s.x0, s.xref, s.yref) for s in fig.layout.shapes] == [(at, "x", "y domain"),
                                                                   (at, "x2", "y2 domain")]
    assert not charts.shape_flow(result, lang).layout.shapes


def test_browser_bundle_is_copied_whole_or_the_plain_chart_is_used(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app_pages import live_chart

    monkeypatch.setattr(live_chart, "STATIC", tmp_path / "static")
    live_chart.bundle_served.cache_clear()
    assert live_chart.bundle_served()
    copied = tmp_path / "static" / "plotly.min.js"
    assert copied.read_bytes() == charts.BROWSER_BUNDLE.read_bytes()
    assert [p.name for p in copied.parent.iterdir()] == ["plotly.min.js"]  # no partial file left

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setattr(live_chart, "STATIC", blocked)
    live_chart.bundle_served.cache_clear()
    assert not live_chart.bundle_served()  # live_chart() then falls back to st.plotly_chart
    live_chart.bundle_served.cache_clear()


def test_projector_figures_have_no_label_under_18_px() -> None:
    """Every font of every chart, in projector mode, is at least 18 px (the back row) and black
    where it is the chart's own text; every axis may grow its margin for it."""
    from visualizer.charts import for_projector, plain

    result = trace_named("googlenet", 224)
    figures = [charts.cost_bars(result, "ko"), charts.shape_flow(result, "en"),
               charts.volumes(trace_named("alexnet", 224), "ko"),
               lesson_charts.training_curve([{"epoch": 0.1, "loss": 2.0, "accuracy": 0.3}], "ko")]
    def font_sizes(node: object, key: str = "") -> list[float]:
        if isinstance(node, dict):
            own = [node["size"]] if key.endswith("font") and "size" in node else []
            return own + [s for k, v in node.items() for s in font_sizes(v, k)]
        if isinstance(node, list):
            return [s for v in node for s in font_sizes(v, key)]
        return []

    for fig in figures:
        out = for_projector(plain(fig))
        sizes = font_sizes(out)
        assert sizes and min(sizes) >= 18, sizes
        axes = [k for k in out["layout"] if k.startswith(("xaxis", "yaxis"))]
        assert axes and all(out["layout"][k].get("automargin") for k in axes)
        assert out["layout"]["font"]["color"] == "#000000"


def test_the_notebook_charts_name_ln10_by_a_tick_not_by_words_on_the_lines() -> None:
    """Both runs start at ln 10, so words written at that line sit on them, and a third legend
    row runs into the title on a phone: the chance line is dotted, spans the runs, and its own
    tick on the loss axis names it."""
    import math

    def run(name: str) -> dict[str, object]:
        return {"name": name, "points": [{"pictures": 0, "loss": 2.3026, "accuracy": 0.1},
                                         {"pictures": 29_952, "loss": 0.6, "accuracy": 0.77}]}

    fig = lesson_charts.notebook_recipes([run("notebook"), run("ours")], math.log(10), "ko")
    chance = [tr for tr in fig.data if tuple(tr.y) == (math.log(10),) * 2]
    assert len(chance) == 1 and chance[0].showlegend is False and tuple(chance[0].x) == (0, 29_952)
    assert not fig.layout.annotations or not [a for a in fig.layout.annotations if "ln" in str(a.text)]
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert ticks[math.log(10)] == "ln 10" and ticks[0.0] == "0" and ticks[1.0] == "1"


@pytest.mark.parametrize("chart", ["notebook_experiment", "notebook_recipes"])
def test_the_notebook_charts_count_steps_in_korean(chart: str) -> None:
    """Issue 30: the notebook tabs' x axes read "5k" and "10k" (plotly's SI letters) on a Korean
    page. Korean counts in 만 (10⁴): 0 to 20,000 reads 0, 5,000, 1만, 1.5만, 2만. English keeps
    plotly's own ticks."""
    import math

    key = "step" if chart == "notebook_experiment" else "pictures"

    def run(name: str) -> dict[str, object]:
        return {"name": name, "points": [{key: 0, "loss": 2.3026, "accuracy": 0.1},
                                         {key: 20_000, "loss": 0.6, "accuracy": 0.77}]}

    arms = ("notebook", "lr_1e-4") if chart == "notebook_experiment" else ("notebook", "ours")
    make = getattr(lesson_charts, chart)
    ko = make([run(a) for a in arms], math.log(10), "ko")
    shown = ko.layout.xaxis2
    assert list(shown.tickvals) == [0, 5_000, 10_000, 15_000, 20_000]
    assert list(shown.ticktext) == ["0", "5,000", "1만", "1.5만", "2만"]
    en = make([run(a) for a in arms], math.log(10), "en")
    assert en.layout.xaxis2.tickvals is None


def test_the_comparisons_hover_says_korean_counts() -> None:
    """Issue 30: the comparison's hover said "0.71 G MACs", "61.1 M" and "top-1" on a Korean
    page. AlexNet's counts (torchvision's published 61,100,840 parameters and 0.71 GMACs, here
    714,188,480 MACs) read in 만 and 억: 6,110만 and 7.14억."""
    row: dict[str, float | str] = {"name": "AlexNet", "short": "AlexNet", "family": "AlexNet",
                                   "params": 61_100_840, "macs": 714_188_480, "top1": 56.522}
    other: dict[str, float | str] = {**row, "name": "ResNet-18", "short": "ResNet-18", "family": "ResNet",
                                     "params": 11_689_512, "macs": 1_814_073_344, "top1": 69.758}
    fig = lesson_charts.accuracy_bubbles([row, other], "ko")
    alex = next(tr.hovertext[0] for tr in fig.data if "AlexNet" in tr.hovertext[0])
    assert "7.14억" in alex and "6,110만" in alex and "1순위 정확도 56.522%" in alex, alex
    assert not [w for w in (" G ", " M", "top-1") if w in alex], alex


def test_the_notebook_experiments_title_names_the_runs_it_draws() -> None:
    """Issue 30: at 64 px only the notebook's recipe was run, under a title promising "the
    notebook's recipe and one change" (AlexNet ⑥). Its title names what it draws."""
    import math

    def run(name: str) -> dict[str, object]:
        return {"name": name, "points": [{"step": 0, "loss": 2.3, "accuracy": 0.1},
                                         {"step": 300, "loss": 1.5, "accuracy": 0.48}]}

    one = lesson_charts.notebook_experiment([run("notebook")], math.log(10), "ko")
    both = lesson_charts.notebook_experiment([run("notebook"), run("lr_1e-4")], math.log(10), "ko")
    assert [len(f.data) > 0 for f in (one, both)] == [True, True]
    assert one.layout.title.text.startswith("AlexNet: 노트북의 방법") and "바꾼" not in one.layout.title.text
    assert "한 가지를 바꾼 방법" in both.layout.title.text


def test_a_legend_is_seen_as_plotly_draws_one() -> None:
    """plotly.js's rule (its reference, layout.showlegend): when the layout does not say, a
    legend is drawn for two or more traces that would be in it, or one trace that asks to be."""
    def fig(*traces: dict, **layout: object) -> dict:  # type: ignore[type-arg]
        return {"data": list(traces), "layout": layout}

    line = {"type": "scatter", "y": [1, 2]}
    assert not shows_legend(fig(line))
    assert shows_legend(fig(line, line))
    assert shows_legend(fig({**line, "showlegend": True}))
    assert not shows_legend(fig(line, {**line, "showlegend": False}))
    assert not shows_legend(fig(line, line, showlegend=False))
    assert shows_legend(fig(line, showlegend=True))


def test_a_slide_keeps_room_above_its_plot_only_for_what_is_there() -> None:
    """A slide's chart without a legend loses the page's room for a three-line legend: its top
    margin holds the title's line (22.4 px on a slide: 16 + 1.25 x 22.4 + 16 = 60 px), where the
    page's 110 px, 1.3x on a slide, were 143. With a legend the room stays; without a title,
    the legend's row or nothing."""
    one = for_projector(plain(styled(go.Figure(go.Bar(x=["a"], y=[1])), "제목", 300)))
    two = for_projector(plain(styled(go.Figure([go.Bar(x=["a"], y=[1], name="가"),
                                                go.Bar(x=["a"], y=[2], name="나")]), "제목", 300)))
    assert one["layout"]["margin"]["t"] == 143 == two["layout"]["margin"]["t"]
    assert slide_top(one)["layout"]["margin"]["t"] == 60
    assert slide_top(two)["layout"]["margin"]["t"] == 143
    assert slide_top(one, keep_title=False)["layout"]["margin"]["t"] == 24
    assert slide_top(two, keep_title=False)["layout"]["margin"]["t"] == 70
    assert slide_top(two, keep_title=False)["layout"]["title"]["text"] == ""
    wrapped = {**one, "layout": {**one["layout"], "title": {**one["layout"]["title"], "text": "가<br>나"}}}
    assert slide_top(wrapped)["layout"]["margin"]["t"] == 88  # 16 + 2 x 28 + 16
