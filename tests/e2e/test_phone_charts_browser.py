"""Charts that read on a 390 px phone, at 1366x768 and on a slide (issue 30), each seen in a real
browser on one page load: the comparison's bubbles and its x axis, Inception's bar values,
AlexNet's strip of blocks, DenseNet's heatmap axes, and the y axis titles of two slides."""

from __future__ import annotations

import itertools

import pytest

from tests.e2e.conftest import fixture_page, wait_idle
from tests.e2e.labels import REDRAWN_JS, page_defects, wait_drawn
from tests.e2e.slides import slide_problems
from visualizer.i18n import t

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

PHONE = {"width": 390, "height": 2400}
LAPTOP = {"width": 1366, "height": 2400}

# The boxes of a chart's texts, each as the page draws it: [text, left, top, right, bottom],
# of each chart whose title starts with ``title`` (a phone wraps a long title onto lines: its
# start stays), every chart where it is empty.
TEXTS_JS = r"""
([selector, title]) => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')]
  .filter(chart => (chart.querySelector('.gtitle') || {}).textContent?.startsWith(title))
  .map(chart => [...chart.querySelectorAll(selector)]
    .filter(el => el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
                  && (el.textContent || '').trim())
    .map(el => {
      const r = el.getBoundingClientRect();
      return [el.textContent.trim(), r.left, r.top, r.right, r.bottom,
              parseFloat(getComputedStyle(el).fontSize)];
    }))
"""


def _open(page, path: str, viewport: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(viewport)
    page.goto(path)
    wait_idle(page, 120_000)
    wait_drawn(page, 120_000)


def _texts(page, selector: str, title: str = "") -> list[list[list[object]]]:  # type: ignore[no-untyped-def]
    return page.evaluate(TEXTS_JS, [selector, title])  # type: ignore[no-any-return]


def _gaps(boxes: list[list[object]]) -> list[float]:
    """The room between each two neighbouring labels of one row, left to right, in px."""
    row = sorted(boxes, key=lambda b: float(b[1]))  # type: ignore[arg-type]
    return [float(b[1]) - float(a[3]) for a, b in itertools.pairwise(row)]  # type: ignore[arg-type]


def test_the_comparison_names_every_network_and_writes_whole_numbers_on_a_phone(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{app_url}/compare?lang=ko", PHONE)
    [ticks] = _texts(page, ".xaxislayer-above .xtick text")
    [notes] = _texts(page, ".annotation-text")
    values = [float(str(b[0])) for b in ticks]  # plotly's own log ticks wrote 20 as "2"
    assert values == sorted(values) and {1.0, 10.0, 20.0} <= set(values), values
    assert min(_gaps(ticks)) >= 6, ticks
    # the eleven networks with a published top-1, each by its short name (R101, D161)
    assert sorted(str(b[0]) for b in notes) == sorted(
        ["AlexNet", "GoogLeNet", "R18", "R34", "R50", "R101", "R152", "D121", "D161", "D169", "D201"])
    assert page_defects(page) == []


def test_inceptions_bars_keep_their_values_on_a_phone(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """Nine modules, two bars each: every bar's value drawn, at least 10 px."""
    _open(page, f"{app_url}/lesson_inception?tab=modules&lang=ko", PHONE)
    [values] = _texts(page, ".bartext", t("inc.chart", "ko")[:10])
    assert len(values) == 18, values
    assert min(float(str(b[5])) for b in values) >= 10, values
    assert page_defects(page) == []


def test_alexnets_strip_names_every_block_on_a_phone(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    from visualizer import charts
    from visualizer.trace import trace_named

    _open(page, f"{app_url}/lesson_alexnet?lang=ko", PHONE)
    # the blocks the strip draws (its desktop names, one per box: input, conv1, …, fc8)
    figure = charts.volumes(trace_named("alexnet", 224), "ko")
    blocks = [str(text).split("<br>")[0].removeprefix("<b>").removesuffix("</b>")
              for text in figure.layout.xaxis.ticktext]
    assert len(blocks) == 13
    [texts] = _texts(page, "text", t("volumes.title", "ko")[:10])
    named = [str(b[0]) for b in texts]
    assert all(any(text.startswith(block) for text in named) for block in blocks), (blocks, named)
    assert min(float(str(b[5])) for b in texts) >= 10
    assert page_defects(page) == []
    # the window made a laptop's and a phone's again (a turned tablet, a resized window): the
    # strip is drawn anew at each width (redrawn in place, it kept the other width's axes)
    for width in (1366, 390):
        page.set_viewport_size({**PHONE, "width": width})
        page.wait_for_function(REDRAWN_JS, timeout=30_000)
        wait_drawn(page)
        assert page_defects(page) == [], width


def test_the_costs_name_every_layer_of_alexnet_on_a_phone(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """Issue 30: on a phone the explorer's costs chart named every second of AlexNet's 8 layers
    (conv1, conv3, conv5, fc7): fc6, with 62 % of the parameters, the chart's point, went
    unnamed. Upright, all 8 names fit; none touches another."""
    from visualizer import charts
    from visualizer.trace import trace_named

    _open(page, f"{app_url}/?lang=ko&tab=cost", PHONE)
    layers = list(charts.cost_bars(trace_named("alexnet", 224), "ko").layout.xaxis.ticktext)
    assert len(layers) == 8
    [texts] = _texts(page, ".xtick text", t("cost.title", "ko")[:10])
    assert [str(b[0]) for b in texts] == layers
    assert page_defects(page) == []


def test_densenets_heatmaps_space_their_numbers_at_1366(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """Block 2's thirteen sources read "입력123456789101112" at 1366x768: the names under each
    heatmap's axis at least 6 px apart, and the rows' names beside it at least 2 px."""
    _open(page, f"{app_url}/lesson_densenet?tab=reuse&lang=ko", LAPTOP)
    charts = _texts(page, ".xaxislayer-above .xtick text")
    assert len(charts) == 4  # the four dense blocks
    for ticks in charts:
        assert min(_gaps(ticks)) >= 6, ticks
    for rows in _texts(page, ".yaxislayer-above .ytick text"):
        ordered = sorted(rows, key=lambda b: float(b[2]))  # type: ignore[arg-type]
        assert min(float(b[2]) - float(a[4]) for a, b in itertools.pairwise(ordered)) >= 2, rows  # type: ignore[arg-type]
    assert page_defects(page) == []


@pytest.mark.parametrize("path", ["lesson_inception?tab=aux", "lesson_resnet?tab=gradients"])
def test_a_slides_axis_titles_fit_their_plots(app_url: str, page, path: str) -> None:  # type: ignore[no-untyped-def]
    """Inception ④ and ResNet ② in projector mode at 1366x768 (at 1920x1080 their plots are
    ~390 px tall, room enough): "‖∂손실/∂W‖ (로그 눈금)", ~280 px, ran past the top of their
    ~220 and ~197 px plots (tests/e2e/labels.py: "long title")."""
    _open(page, f"{app_url}/{path}&lang=ko&present=1", {"width": 1366, "height": 768})
    long = [p for p in slide_problems(page) if p.what == "long title"]
    assert long == [], long


def test_the_check_finds_an_axis_title_longer_than_its_plot(page) -> None:  # type: ignore[no-untyped-def]
    """Positive control of labels.py's "long title": the same title (~280 px at 21 px) beside a
    150 px plot is found, beside a 350 px plot it is not, and on two lines it fits the short one."""
    def found(title: str, height: int) -> list[str]:
        fixture_page(page, "<div id='chart' style='width:500px'></div>")
        layout = ("{width: 500, height: h, font: {size: 21}, margin: {t: 10, b: 40, l: 120}, "
                  "yaxis: {title: {text: t}}}")
        page.evaluate(f"([t, h]) => Plotly.newPlot('chart', [{{y: [1, 2]}}], {layout})", [title, height])
        page.wait_for_selector("#chart .main-svg")
        return [d.what for d in page_defects(page)]

    title = "‖∂손실/∂W‖ (로그 눈금)"
    assert "long title" in found(title, 200)
    assert found(title, 400) == []
    assert found(title.replace(" ", "<br>", 1), 200) == []
