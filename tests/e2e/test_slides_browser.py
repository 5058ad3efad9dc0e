"""Every slide fits its screen (issue 28): the teacher walks the whole lecture in projector mode
with the clicker's key, AlexNet's first step to DenseNet's last, then opens the explorer, the
training page, the builder, the comparison and the playground; each step is measured at
1920x1080 and at 1366x768 (a common classroom projector): nothing below the fold, nothing past
the right edge, no control's label cut short, no text under 18 px (tests/e2e/slides.py)."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.local import free_port, start_server, stop
from tests.e2e.conftest import press_slide_key
from tests.e2e.labels import REFIT_JS, wait_drawn, wait_refit
from tests.e2e.slides import slide_problems, table_type_problems
from visualizer.lecture import publish
from visualizer.roles import SIGN_IN, teacher_token

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

SIZES = ((1920, 1080), (1366, 768))


# session-wide, not per module (tests/conftest.py says why)
@pytest.fixture(scope="session")
def lecture() -> Iterator[tuple[str, Path]]:
    cache = Path(tempfile.mkdtemp(prefix="cnnvis-slides-"))
    port = free_port()
    proc = start_server(port, env={"CNNVIS_CACHE": str(cache)})
    try:
        yield f"http://127.0.0.1:{port}", cache
    finally:
        stop(proc)


def where(url: str) -> str:
    path, _, query = url.partition("?")
    keep = [p for p in query.split("&") if p.startswith(("tab=", "step="))]
    return path.rsplit("/", 1)[-1] + ("?" + "&".join(keep) if keep else "")


def measure(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The slide's problems at each size."""
    found = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate(REFIT_JS)
        wait_drawn(page)
        wait_refit(page)
        problems = slide_problems(page)
        if problems:
            found[f"{width}x{height}"] = [str(p) for p in problems]
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    return found


def test_every_step_of_the_lecture_fits_its_screen(browser, lecture) -> None:  # type: ignore[no-untyped-def]
    url, cache = lecture
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ko-KR")
    page = ctx.new_page()
    page.goto(f"{url}{SIGN_IN}?key={teacher_token(cache)}&next=lesson_alexnet")
    page.goto(f"{url}/lesson_alexnet?present=1&lang=ko&tab=steps&step=0")
    wait_drawn(page)
    failures: dict[str, dict[str, list[str]]] = {}
    seen: list[str] = []
    while True:
        here = where(page.url)
        seen.append(here)
        found = measure(page)
        if found:
            failures[here] = found
        step_on = page.locator(".st-key-slide_next button").first
        step_on.wait_for(timeout=90_000)  # the slide bar is drawn after the page
        if step_on.is_disabled():
            break  # DenseNet's last step: the lecture's end
        before = page.url
        press_slide_key(page, "ArrowRight")
        page.wait_for_function("(u) => location.href !== u", arg=before, timeout=60_000)
        print("step", where(page.url), flush=True)  # where a timeout happened, in the test's output
        wait_drawn(page)
        assert len(seen) < 200, "the steps never end"
    # the explorer, the training page, the builder, the comparison and the playground
    for other in ("", "training", "builder", "compare", "playground"):
        page.goto(f"{url}/{other}?present=1&lang=ko")
        wait_drawn(page)
        found = measure(page)
        if found:
            failures[other or "explorer"] = found
    # the whole lecture was walked: every lesson, and AlexNet's layers one by one
    lessons = {s.split("?")[0] for s in seen}
    assert lessons == {"lesson_alexnet", "lesson_inception", "lesson_resnet", "lesson_densenet"}, seen
    assert sum(s.startswith("lesson_alexnet?") and "tab=steps" in s for s in seen) >= 20, seen
    report = "\n".join(f"{step} @ {size}: {p}" for step, sizes in failures.items()
                       for size, problems in sizes.items() for p in problems)
    assert not failures, f"{len(failures)} of {len(seen) + 5} slides do not fit:\n{report}"
    ctx.close()


# The first run of a slide opened from its link has been drawn (the stylesheet's script file held
# back): its table's canvas is there, or the run is over with the page not drawn (the slide waits
# for its stylesheet: only the style's element, no title).
FIRST_RUN_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const app = document.querySelector('[data-testid="stApp"]');
  if (!main || !app) return false;
  if (main.querySelector('canvas[data-testid="data-grid-canvas"]')) return true;
  return app.getAttribute('data-test-script-state') === 'notRunning'
    && Boolean(main.querySelector('.st-key-cnnvis_projector_style')) && !main.querySelector('h1');
}"""


def test_a_slide_table_has_the_projectors_type_however_late_its_stylesheet(  # type: ignore[no-untyped-def]
        browser, lecture) -> None:
    """Issue 30: a table measures its type once, when it first draws; opened from its link, the
    slide of Inception's first tab drew its table before the projector's stylesheet reached the
    page (a component's stylesheet comes with its script file), at a laptop's 15 px. Here that
    script file is held back until the page's first run has drawn what it draws: the table must
    still be drawn at the projector's type (at least 18 px, measured by its pixels)."""
    url, cache = lecture
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ko-KR")
    page = ctx.new_page()
    page.goto(f"{url}{SIGN_IN}?key={teacher_token(cache)}&next=lesson_inception")
    held: list = []  # type: ignore[type-arg]

    def hold(route) -> None:  # type: ignore[no-untyped-def]
        held.append(route)

    page.route("**/BidiComponent*.js", hold)
    # The page asks for the script file a moment after the stylesheet's element is drawn: waited
    # for as a request (the first run could look over before it, and did on a loaded CI machine).
    with page.expect_request("**/BidiComponent*.js", timeout=60_000):
        page.goto(f"{url}/lesson_inception?present=1&lang=ko&tab=example")
    page.wait_for_function(FIRST_RUN_JS, timeout=60_000)
    assert held, "the stylesheet's script file was asked for but not held back"
    for route in held:
        route.continue_()
    page.unroute("**/BidiComponent*.js")
    wait_drawn(page)
    page.wait_for_selector('[data-testid="stMain"] canvas[data-testid="data-grid-canvas"]')
    page.evaluate(REFIT_JS)
    assert table_type_problems(page) == []
    ctx.close()


def test_the_fit_check_sees_a_page_that_does_not_fit(browser, lecture) -> None:  # type: ignore[no-untyped-def]
    """Positive control: the same page off the projector (its introduction, its tables, the whole
    diagram) is taller than the screen, a label squeezed into 40 px is seen as cut short, a
    chart whose box is 0 px tall spills, text pulled up onto the heading above it is seen, a
    table drawn in a laptop's type (Inception's, off the projector: 15 px) is small, and one
    squeezed narrower than its columns scrolls sideways."""
    url, cache = lecture
    publish("", {}, live=False, folder=cache)  # no lecture to follow: this page stays where it is
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ko-KR")
    page = ctx.new_page()
    page.goto(f"{url}/lesson_alexnet?lang=ko&tab=steps&step=4")
    wait_drawn(page)
    kinds = {p.what for p in slide_problems(page)}
    assert "fold" in kinds
    layouts = page.locator('[data-testid="stMain"] button').filter(has_text="torchvision").first
    layouts.evaluate("(b) => { b.style.width = '40px'; b.style.maxWidth = '40px'; }")
    shortened = [p for p in slide_problems(page) if p.what == "shortened"]
    assert shortened and "torchvision" in shortened[0].text
    # a chart whose box lost its height (as one did when the window shrank): drawn over by the text
    page.locator('[data-testid="stMain"] .live-chart').first.evaluate("(h) => { h.style.height = '0px'; }")
    assert "spill" in {p.what for p in slide_problems(page)}
    # the block after the layer's heading pulled up onto it (as Streamlit's 1rem pull did on a slide)
    assert "heading" not in {p.what for p in slide_problems(page)}
    heading = page.locator('[data-testid="stMain"] [data-testid="stHeading"]:has(h3)').first
    heading.locator('[data-testid="stMarkdownContainer"]').first.evaluate(
        "(m) => { m.style.setProperty('margin-bottom', '-3rem', 'important'); }")
    assert "heading" in {p.what for p in slide_problems(page)}
    page.goto(f"{url}/lesson_inception?lang=ko&tab=example")
    wait_drawn(page)
    page.wait_for_selector('[data-testid="stMain"] canvas[data-testid="data-grid-canvas"]')
    small = table_type_problems(page)
    assert small and all(p.what == "small" for p in small), small
    assert 14 < float(small[0].detail.split("about ")[1].split(" px")[0]) < 16, small  # 0.875 x 17 px
    # the table squeezed into half the page, as ResNet ⑤'s two side by side were: it scrolls
    assert "sideways" not in {p.what for p in slide_problems(page)}
    page.locator('[data-testid="stMain"] [data-testid="stDataFrameResizable"]').first.evaluate(
        "(t) => { t.style.width = '200px'; t.style.maxWidth = '200px'; }")
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-testid=\"stMain\"] .dvn-scroller');"
        " return s && s.scrollWidth > s.clientWidth + 2; }", timeout=30_000)
    assert "sideways" in {p.what for p in slide_problems(page)}
    ctx.close()


# Where a chart's labels are, on a slide: each annotation's and the legend's box on the screen,
# the plot areas' boxes, and the line's points (its path's corners) of a one-line chart.
CHART_BOXES_JS = """() => {
  const chart = document.querySelector('[data-testid="stMain"] .js-plotly-plot');
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const legend = chart.querySelector('g.legend');
  return {
    notes: [...chart.querySelectorAll('g.annotation')].map(a => [a.textContent,
                                                                box(a.querySelector('text'))]),
    legend: legend ? box(legend.querySelector('.scrollbox') || legend) : null,
    plots: [...chart.querySelectorAll('.draglayer .nsewdrag')].map(box),  // the plot areas
  };
}"""


def _open_slide(page, url: str, cache: Path, path: str, tab: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}{SIGN_IN}?key={teacher_token(cache)}&next={path}")
    page.goto(f"{url}/{path}?present=1&lang=ko" + (f"&tab={tab}" if tab else ""))
    wait_drawn(page)
    # a picture measured on a fresh server first (ResNet's gradients, DenseNet's ledger: a
    # progress bar, then the chart) is drawn in a later run: the slide is measured once it is
    page.locator('[data-testid="stMain"] :is(.live-chart .main-svg, .cnnvis-diagram svg)').first.wait_for(
        timeout=120_000)
    wait_drawn(page)
    page.evaluate(REFIT_JS)


def test_figure1s_legend_clears_its_panel_titles_on_a_slide(browser, lecture) -> None:  # type: ignore[no-untyped-def]
    """Issue 30: at 1366x768 ResNet ①'s legend sat on the panel title '지름길 없음 · 테스트' (its
    place was a share of the plots' height). Its box is at least 4 px from every panel title's."""
    url, cache = lecture
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ko-KR")
    page = ctx.new_page()
    _open_slide(page, url, cache, "lesson_resnet", "figure1")
    found = page.evaluate(CHART_BOXES_JS)
    left, top, right, bottom = found["legend"]
    titles = [(text, b) for text, b in found["notes"] if "·" in text]
    assert len(titles) == 4, found["notes"]  # the four panels' titles
    for text, (l2, t2, r2, b2) in titles:
        apart = max(l2 - right, left - r2, t2 - bottom, top - b2)
        assert apart >= 4, (text, apart)
    ctx.close()


def test_the_ledgers_transition_labels_sit_in_the_plot_on_a_slide(browser, lecture) -> None:  # type: ignore[no-untyped-def]
    """Issue 30: at 1366x768 DenseNet ①'s '전환 층 1' sat on the x axis, and the counts 256 and
    128 hid the drop between them. Each label is inside the plot area (above its bottom edge),
    and no label covers the middle of a drop (the line from a block's last count to its
    transition's: their points' boxes on the screen)."""
    url, cache = lecture
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ko-KR")
    page = ctx.new_page()
    _open_slide(page, url, cache, "lesson_densenet", "ledger")
    found = page.evaluate(CHART_BOXES_JS)
    plot = found["plots"][0]
    names = [(text, b) for text, b in found["notes"] if "전환 층" in text]
    assert len(names) == 3, found["notes"]
    for text, (_, _, _, bottom) in found["notes"]:
        assert bottom <= plot[3] - 2, (text, bottom, plot[3])
    points = page.evaluate("""() => [...document.querySelectorAll(
      '[data-testid="stMain"] .js-plotly-plot .scatterlayer .point')].map(p => {
        const r = p.getBoundingClientRect();
        return [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; })""")
    assert len(points) > 10
    # the drops: a point drawn lower on the screen than the one before it (a block's counts only
    # climb); the middle of the line between them is covered by no label
    drops = [((x0 + x1) / 2, (y0 + y1) / 2) for (x0, y0), (x1, y1) in itertools.pairwise(points)
             if y1 - y0 > 8]
    assert len(drops) == 3, drops
    for x, y in drops:
        for text, (left, top, right, bottom) in found["notes"]:
            assert not (left <= x <= right and top <= y <= bottom), (text, (x, y))
    ctx.close()


# The lit box of the slide's diagram and the diagram's box on the screen, with how far the
# diagram's box scrolls each way.
LIT_JS = """() => {
  const host = document.querySelector('[data-testid="stMain"] .cnnvis-diagram');
  const lit = host.querySelector('svg [stroke-width="3"]').closest('g.node');
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {lit: box(lit), host: box(host), wide: host.scrollWidth - host.clientWidth,
          tall: host.scrollHeight - host.clientHeight, left: host.scrollLeft,
          more: host.dataset.more || ''};
}"""


def test_the_lectures_block_is_whole_on_a_projector_and_its_sum_in_view_on_a_laptop(  # type: ignore[no-untyped-def]
        browser, lecture) -> None:
    """Issue 30: ResNet ③'s block, drawn top to bottom, was 1,197 px tall at the projector's
    18 px: at 1920x1080 its box showed three of its nine boxes and scrolled. On a slide its boxes
    are laid out in rows: the whole block shows at 1920x1080 (its box scrolls neither way). At
    1366x768 the rows fit the slide's width but not its height: its box opens with the lit "+"
    (F(x) + x) whole in view, clear of an edge's 40 px fade and arrow (drawn where more of the
    diagram lies)."""
    url, cache = lecture
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ko-KR")
    page = ctx.new_page()
    _open_slide(page, url, cache, "lesson_resnet", "block")
    found = page.evaluate(LIT_JS)
    assert found["wide"] <= 1 and found["tall"] <= 1, found
    page.set_viewport_size({"width": 1366, "height": 768})
    wait_refit(page)
    found = page.evaluate(LIT_JS)
    (left, top, right, bottom), (h_left, h_top, h_right, h_bottom) = found["lit"], found["host"]
    assert found["wide"] <= 1 and found["tall"] > 0, found  # only taller than the slide
    assert h_left + ("left" in found["more"]) * 40 <= left, found
    assert right <= h_right - ("right" in found["more"]) * 40, found
    assert h_top <= top and bottom <= h_bottom, found
    assert not [p for p in slide_problems(page) if p.what == "small"]
    ctx.close()


# The boxes and shapes of a slide's diagram that its box's bottom edge runs through.
BOTTOM_CUT_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] .cnnvis-diagram')]
  .flatMap(host => {
  const edge = host.getBoundingClientRect().bottom;
  return [...host.querySelectorAll('g.node, g.edge text')]
    .map(el => [el.textContent.trim(), el.getBoundingClientRect()])
    .filter(([, b]) => b.top < edge - 1 && b.bottom > edge + 1).map(([text]) => text.slice(0, 30));
})"""


def test_the_explorers_diagram_gets_the_slide_and_its_controls_one_click_away(  # type: ignore[no-untyped-def]
        browser, lecture) -> None:
    """Issue 30: on a 1366x768 slide the explorer's diagram began 520 px down, under two rows of
    the network's controls, the headline, the tabs and the diagram's own controls: 175 px of it,
    a box and a half of AlexNet. With the diagram open, the network's controls fold into one
    button: the diagram's box gets at least a third of the screen (it showed 23 %), ending
    between two boxes (not through pool1), the slide passes every check of the slide walk; so
    does the costs' chart (it was 100 px tall, its "62%" cut at the top), and the shape-flow tab
    has its slider back."""
    url, cache = lecture
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ko-KR")
    page = ctx.new_page()
    _open_slide(page, url, cache, "")
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('[data-testid="stSlider"]').is_visible()  # the size demo, on the slide
    main.get_by_role("tab", name="구조도").click()
    page.wait_for_selector(".cnnvis-diagram svg", timeout=60_000)
    page.locator(".st-key-ex_controls").wait_for(timeout=60_000)
    wait_drawn(page)
    page.evaluate(REFIT_JS)
    box = page.locator(".cnnvis-diagram").bounding_box()
    # a third of the screen at least; its bottom edge in a gap between boxes (it was through
    # pool1), so up to a box and its arrow less than the room left (2/5 of the screen)
    assert box is not None and box["height"] >= 768 / 3, box
    assert page.evaluate(BOTTOM_CUT_JS) == []
    assert not main.locator('[data-testid="stSlider"]').is_visible()
    assert not slide_problems(page), slide_problems(page)
    page.locator(".st-key-ex_controls button").first.click()  # the controls, one click away
    page.locator('[data-testid="stPopoverBody"] [data-testid="stSlider"]').wait_for(timeout=60_000)
    page.keyboard.press("Escape")
    # the costs too: with the controls on the slide their chart was 100 px tall, "62%" cut
    main.get_by_role("tab", name="파라미터와 연산량").click()
    page.wait_for_selector('[data-testid="stMain"] .live-chart .main-svg', timeout=60_000)
    wait_drawn(page)
    page.evaluate(REFIT_JS)
    assert page.locator(".st-key-ex_controls").is_visible()
    chart = main.locator(".live-chart").first.bounding_box()
    assert chart is not None and chart["height"] >= 0.4 * 768, chart
    assert not slide_problems(page), slide_problems(page)
    main.get_by_role("tab", name="모양 변화와 층 표").click()
    main.locator('[data-testid="stSlider"]').first.wait_for(timeout=60_000)
    assert not page.locator(".st-key-ex_controls").count()
    ctx.close()


# For each chart: each y axis title's distance (px) from its own tick labels (left axis: its right
# edge to the ticks' left edge; right axis: its left edge to the ticks' right edge).
Y_TITLE_GAPS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] .live-chart')].flatMap(h =>
  [['.g-ytitle', '.ytick text', true], ['.g-y2title', '.y2tick text', false]].flatMap(([t, k, left]) => {
    const title = h.querySelector(t), ticks = [...h.querySelectorAll(k)].map(e => e.getBoundingClientRect())
      .filter(r => r.width);
    if (!title || !title.getBoundingClientRect().width || !ticks.length) return [];
    const b = title.getBoundingClientRect();
    return [left ? Math.min(...ticks.map(r => r.left)) - b.right
                 : b.left - Math.max(...ticks.map(r => r.right))];
  }))"""


def test_a_slides_axis_titles_keep_clear_of_their_numbers(browser, lecture) -> None:  # type: ignore[no-untyped-def]
    """Issue 30: on a 1366x768 slide ResNet ②'s y axis title, wrapped onto two lines, ended 2 px
    from its numbers ("(로그 눈금)10²"). Every y axis title on the slides with two axes or a
    wrapped title is at least 8 px (half a letter at the projector's 18 px) from its numbers."""
    url, cache = lecture
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ko-KR")
    page = ctx.new_page()
    for path, tab in (("lesson_resnet", "gradients"), ("lesson_resnet", "family"), ("compare", "")):
        _open_slide(page, url, cache, path, tab)
        gaps = page.evaluate(Y_TITLE_GAPS_JS)
        assert gaps and min(gaps) >= 8, (path, tab, gaps)
    ctx.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_builders_table_shows_whole_rows_on_a_slide(browser, lecture, width: int,  # type: ignore[no-untyped-def]
                                                        height: int) -> None:
    """Issue 30: the builder's design table was 320 px tall on a slide, whatever its type: at
    1920x1080 (61 px rows) it showed 4½ of the design's 8 rows over an empty half of the screen.
    It shows its header and 6 whole rows at either size (a row is 2.19 of the slide's root type),
    and the slide passes every check of the slide walk."""
    url, cache = lecture
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="ko-KR")
    page = ctx.new_page()
    _open_slide(page, url, cache, "builder")
    page.wait_for_selector('[data-testid="stMain"] canvas[data-testid="data-grid-canvas"]')
    # in the grid's own rows: its scroll height is its header and the design's 8 rows
    shown = page.evaluate("""() => {
      const box = document.querySelector('[data-testid="stMain"] [data-testid="stDataFrameResizable"]');
      const row = box.querySelector('.dvn-scroller').scrollHeight / (1 + 8);
      return (box.getBoundingClientRect().height - 2) / row;
    }""")
    assert abs(shown - (1 + 6)) < 0.1, shown  # the header and 6 whole rows
    assert not slide_problems(page), slide_problems(page)
    ctx.close()
