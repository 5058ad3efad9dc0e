"""Every screen reads (issue 30): the checks of tests/e2e/readable.py, each shown to find what it
claims on a page made to fail and to pass the same page made right. The app's pages are checked
by test_labels_browser.py's visit of every page and tab (one visit, both checks); the pictures
exported for slides are checked here, from the SVG each PNG is made from."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import fixture_page, free_port, start_server, wait_idle
from tests.e2e.labels import page_defects, wait_drawn
from tests.e2e.readable import page_problems, picture_problems

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def _kinds(page, width: int = 600) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.what for p in page_problems(page, width)]


CODE = ("<div data-testid='stCode' style='width:{}px'><pre style='overflow-x:auto;font-size:14px'>"
        "conv1: floor((224 + 2*0 - 11) / 4) + 1 = 54</pre></div>")
EDGE = ("<div class='cnnvis-diagram'><svg width='300' height='100'><g class='edge'>"
        "<path d='M {} 0 L {} 100' stroke='black'/>"
        "<text x='100' y='55' font-size='14'>x (항등 연결)</text></g></svg></div>")
# A diagram fitted to a narrow column: 14 px text at half scale is 7 px on screen.
HALF = ("<div class='cnnvis-diagram'><svg width='300' height='60' viewBox='0 0 {}'>"
        "<text x='10' y='40' font-size='14'>layer1.0</text></svg></div>")


# The lecture's ResidualBlock on a phone: its Conv2d line wraps, to the box's left edge (bad) or
# hanging under where the line starts (good, as the app's stylesheet draws it).
WRAP = ("<div data-testid='stCode' style='width:260px'><pre><code style='white-space:pre-wrap;"
        "font-size:14px'><span{}>            nn.Conv2d(in_dim, mid_dim, kernel_size=3, padding=1),\n"
        "</span></code></pre></div>")
# The AlexNet lesson's title on a phone: Korean's default breaks "픽셀에/서" at the line's end.
SPLIT = ("<div data-testid='stMarkdownContainer' style='width:300px;word-break:{}'>"
         "<h1 style='font-size:40px'>AlexNet: 224×224 픽셀에서 숫자 9216개로</h1></div>")
# DenseNet's strip in a phone's column: a box's title runs under the scrolling box's right edge,
# cut there at full strength (bad) or fading out as the app's stylesheet draws it (good).
WIDE = ("<div class='cnnvis-diagram' style='overflow:auto;width:300px{}'><svg width='600' height='60'>"
        "<rect x='200' y='5' width='200' height='50' fill='none' stroke='black'/>"
        "<text x='210' y='36' font-size='16'>denseblock1 · 밀집 블록 1</text></svg></div>")
FADED = ";mask-image:linear-gradient(to left, transparent, #000 3rem)"
HANG = " style='display:block;padding-left:14ch;text-indent:-14ch'"


@pytest.mark.parametrize(("case", "bad", "good", "width", "kinds"), [
    ("small text", "<p style='font-size:8px'>합성곱 3×3</p><p style='font-size:14px'>보폭 1</p>",
     "<p style='font-size:14px'>합성곱 3×3</p>", 600, ["small"]),
    ("small on a phone", "<p style='font-size:8.5px'>합성곱</p>", "<p style='font-size:9.5px'>합성곱</p>",
     390, ["small"]),  # a phone's minimum is 9 px
    ("a picture's text shrunk", HALF.format("600 120"), HALF.format("300 60"), 600, ["small"]),
    ("a formula cut by its box", CODE.format(200), CODE.format(560), 600, ["clipped"]),
    ("text past the right edge",
     "<p style='margin-left:560px;white-space:nowrap;font-size:14px'>64×56×56 → 64×56×56</p>",
     "<p style='margin-left:60px;white-space:nowrap;font-size:14px'>64×56×56 → 64×56×56</p>", 600, ["cut"]),
    ("a line through a label", EDGE.format(130, 130), EDGE.format(60, 60), 600, ["crossed"]),
    ("code wrapped to the left edge", WRAP.format(""), WRAP.format(HANG), 390, ["wrapped"]),
    ("a Korean word split", SPLIT.format("normal"), SPLIT.format("keep-all"), 390, ["split"]),
    ("a diagram cut at its box's edge", WIDE.format(""), WIDE.format(FADED), 390, ["cut"]),
], ids=lambda v: v if isinstance(v, str) and len(v) < 30 and "<" not in v else "")
def test_the_check_finds(page, case: str, bad: str, good: str, width: int, kinds: list[str]) -> None:  # type: ignore[no-untyped-def]
    fixture_page(page, bad, width, plotly=False)
    assert _kinds(page, width) == kinds, case
    fixture_page(page, good, width, plotly=False)
    assert _kinds(page, width) == [], case


def test_the_check_finds_a_rotated_name_on_a_tick(page) -> None:  # type: ignore[no-untyped-def]
    """The family chart at 390 px: a rotated "ResNet-152" on the right axis's "0" is found (ink
    against ink); moved 18 px down, it is clear."""
    svg = ("<div class='cnnvis-diagram'><svg width='300' height='200'>"
           "<text x='200' y='100' font-size='12'>0</text>"
           "<text x='196' y='{y}' font-size='12' transform='rotate(30 196 {y})'>ResNet-152</text>"
           "</svg></div>")
    fixture_page(page, svg.format(y=104), 600, plotly=False)
    assert [d.what for d in page_defects(page)] == ["overlap"]
    fixture_page(page, svg.format(y=122), 600, plotly=False)
    assert page_defects(page) == []


# --- a table's cells, by the pixels drawn ---------------------------------------------------

# session-wide, not per module (tests/conftest.py says why)
@pytest.fixture(scope="session")
def table_url() -> Iterator[str]:
    """tests/e2e/table_fixture_app.py served by Streamlit: real glide-data-grid tables."""
    from deploy.local import stop

    port = free_port()
    proc = start_server(port, script="tests/e2e/table_fixture_app.py")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


def test_the_check_finds_a_number_cut_in_a_table_cell(table_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """115,605,504 in a 70 px column is drawn "605,504" (the grid clips a right-aligned number
    at the left) and AdaptiveAvgPool2d in 80 px "AdaptiveA": both are found by their ink at the
    column's border; the same texts in columns wide enough are not. So is the number in row 31
    of 40, below the ten or so rows the grid draws until it is scrolled (the check scrolls it
    down), and not in the same table with a column wide enough."""
    page.set_viewport_size({"width": 1000, "height": 800})
    page.goto(table_url)
    wait_idle(page)
    wait_drawn(page)
    found = page_problems(page, 1000)
    assert sorted((p.what, p.text) for p in found) == [
        ("clipped", "MACs"), ("clipped", "later"), ("clipped", "name")], found
    assert all("70 px" in p.detail for p in found if p.text in ("MACs", "later")), found
    assert "row 31 of 40" in next(p.detail for p in found if p.text == "later"), found


def test_the_check_finds_a_number_cut_at_a_scrolling_tables_edge(table_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """A table wider than its 300 px box scrolls sideways, and the box's edge cuts its third
    column's 115,605,504 mid-way: the check sees the cut ink in the box's last pixels, as a
    student would read it ("115,6"); with the app's stylesheet that edge fades under an
    arrow, and the cut is not drawn."""
    page.set_viewport_size({"width": 800, "height": 600})
    for style, expected in (("", ["cut"]), ("&style=1", [])):
        page.goto(f"{table_url}/?wide=1{style}")
        wait_idle(page)
        wait_drawn(page)
        found = [p for p in page_problems(page, 800) if p.what == "cut"]
        assert [p.what for p in found] == expected, (style, found)
        assert all("right edge" in p.detail for p in found), found


# --- pictures exported for slides (the SVG each PNG is made from) -----------------------------

def _chart_svg(figure: dict) -> str:  # type: ignore[type-arg]
    import plotly.graph_objects as go

    from visualizer.export import SlideStyle, chart_image

    return chart_image(go.Figure(figure), "svg", SlideStyle()).decode("utf-8")


def _bars(**layout: object) -> dict:  # type: ignore[type-arg]
    return {"data": [{"type": "bar", "x": ["conv1", "conv2", "fc6"], "y": [35, 307, 37_748]}],
            "layout": {"title": {"text": "파라미터 수"}, **layout}}


def test_the_slide_check_finds_small_text_in_an_exported_chart(page) -> None:  # type: ignore[no-untyped-def]
    """The export raises the chart's fonts to the slide's floor, but not an axis's own tick
    font: 6 px ticks on a 1920 px slide are found; the same chart without them is clean."""
    bad = picture_problems(page, _chart_svg(_bars(xaxis={"tickfont": {"size": 6}})))
    assert {p.what for p in bad} == {"small"} and {"conv1", "fc6"} <= {p.text for p in bad}, bad
    assert picture_problems(page, _chart_svg(_bars())) == []


def test_the_slide_check_finds_text_cut_at_an_exported_charts_edge(page) -> None:  # type: ignore[no-untyped-def]
    note = {"text": "ResNet-152: 60,192,808", "xref": "paper", "yref": "paper", "y": 0.5,
            "showarrow": False, "xanchor": "left"}
    bad = picture_problems(page, _chart_svg(_bars(annotations=[{**note, "x": 1.02}])))
    assert [(p.what, p.text) for p in bad] == [("edge", "ResNet-152: 60,192,808")], bad
    assert picture_problems(page, _chart_svg(_bars(annotations=[{**note, "x": 0.5}]))) == []


def test_the_slide_check_finds_text_on_text_in_an_exported_chart(page) -> None:  # type: ignore[no-untyped-def]
    """Two notes written at one spot of the exported chart are on each other; set apart, not."""
    def notes(second_y: float) -> list[dict]:  # type: ignore[type-arg]
        return [{"text": text, "xref": "paper", "yref": "paper", "x": 0.5, "y": y, "showarrow": False}
                for text, y in (("ResNet-18", 0.5), ("GoogLeNet", second_y))]

    bad = picture_problems(page, _chart_svg(_bars(annotations=notes(0.51))))
    assert [(p.what, p.text) for p in bad] == [("overlap", "ResNet-18 | GoogLeNet")], bad
    assert picture_problems(page, _chart_svg(_bars(annotations=notes(0.7)))) == []


def test_the_slide_check_finds_small_and_crossed_text_in_an_exported_diagram(page) -> None:  # type: ignore[no-untyped-def]
    """Graphviz's own drawing: a label of 5 points in a picture at its natural width is small on
    the slide; an edge drawn through a box's text (as a graphviz SVG has it) is crossed."""
    from visualizer.export import render_dot

    small = render_dot('digraph { a [label="합성곱", fontsize=5, width=26]; }', "svg").decode()
    assert [p.what for p in picture_problems(page, small)] == ["small"]
    fine = render_dot('digraph { a [label="합성곱", fontsize=20, width=26]; }', "svg").decode()
    assert picture_problems(page, fine) == []
    svg = ("<svg width='{w}pt' height='200pt' viewBox='0 0 {w} 200'><g class='edge'>"
           "<path d='M {x} 0 L {x} 200' stroke='black'/></g>"
           "<g class='node'><text x='300' y='110' font-size='14'>64×56×56</text></g></svg>")
    assert [p.what for p in picture_problems(page, svg.format(w=960, x=330))] == ["crossed"]
    assert picture_problems(page, svg.format(w=960, x=250)) == []


# The lecture's networks, the crowded ones first to fail: each exported as the export page makes
# its diagram (a slide's layout: left to right in rows) and as the explorer's download makes its
# own (the explorer's view, blocks top to bottom), and their two charts.
# The notebooks' networks too, and the lessons': the lecture's one block (one strip of 13 px
# text on a slide, before its rows), Figure 1's plain56 (55 layers in rows, 12.5 px) and the
# paper's two-GPU AlexNet (one strip of two lanes, 5.9 px).
EXPORTED = (("alexnet", "ko"), ("googlenet", "ko"), ("resnet50", "ko"), ("densenet201", "ko"),
            ("resnet20", "ko"), ("alexnet", "en"), ("googlenet_d2l", "ko"), ("resnet18_d2l", "ko"),
            ("densenet_notebook", "ko"), ("residual_block", "ko"), ("plain56", "ko"),
            ("alexnet_paper", "ko"))


def _exports(arch: str, lang: str) -> dict[str, str]:
    from models import get_entry
    from visualizer import charts
    from visualizer.diagram import DiagramOptions, to_dot
    from visualizer.export import SlideStyle, chart_image, export, render_dot
    from visualizer.trace import trace_named

    # 224 (the 2012 paper's 227), the notebooks' own 96 or 32, CIFAR's 32, the lecture block's 56
    result = trace_named(arch, get_entry(arch).default_input[-1])
    files = {"export page's diagram": export(result, "svg", lang, SlideStyle()),
             "explorer's diagram": render_dot(to_dot(result, DiagramOptions(lang=lang)), "svg")}
    if arch in ("densenet201", "alexnet"):
        for what, chart in (("flow", charts.shape_flow), ("cost", charts.cost_bars)):
            files[f"{what} chart"] = chart_image(chart(result, lang), "svg", SlideStyle())
    return {what: data.decode("utf-8") for what, data in files.items()}


def test_exported_pictures_read_on_a_slide(page) -> None:  # type: ignore[no-untyped-def]
    """Every picture a teacher takes to her slides, 1920 px wide as on a full-HD projector: no
    text under 18 px, none crossed by a line, on another or cut at the picture's edge."""
    found = [f"{arch} ({lang}) {what}: {p}" for arch, lang in EXPORTED
             for what, svg in _exports(arch, lang).items() for p in picture_problems(page, svg)]
    assert not found, "\n".join(found)


# The export page's other detail levels: left to right the first block of each kind opened
# (GoogLeNet, ResNet-50, DenseNet-121) or every layer was a strip of 2-4 px text; they are now
# drawn top to bottom (visualizer/export.slide_diagram), each to be read 1920 px wide.
DETAILED = (("googlenet", "blocks"), ("resnet50", "blocks"), ("densenet121", "blocks"),
            ("resnet18", "layers"), ("googlenet_d2l", "layers"), ("densenet_notebook", "blocks"))


def test_exported_diagrams_read_on_a_slide_at_every_detail(page) -> None:  # type: ignore[no-untyped-def]
    from visualizer.export import SlideStyle, export
    from visualizer.trace import trace_named

    found = [f"{arch} ({detail}): {p}" for arch, detail in DETAILED
             for p in picture_problems(page, export(trace_named(arch), "svg", "ko",
                                                    SlideStyle(detail=detail)).decode("utf-8"))]
    assert not found, "\n".join(found)
