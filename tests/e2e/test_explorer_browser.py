"""The explorer in a real browser: numbers on the page, controls that change them, Korean."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, wait_idle

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]  # one server, one worker
SCREENSHOT = ROOT / "docs" / "explorer.png"


def chart_text(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text label drawn in the plotly charts (the size labels on the flow chart)."""
    page.wait_for_selector(".js-plotly-plot text", timeout=30_000)
    texts = page.locator(".js-plotly-plot .textpoint text, .js-plotly-plot text.bartext")
    return [t.strip() for t in texts.all_text_contents()]


def enter_size(page, size: int, conv1_side: int) -> None:  # type: ignore[no-untyped-def]
    """Type a size into the exact-size box; wait until the chart labels conv1's new side."""
    box = page.get_by_label("Exact size")
    box.fill(str(size))
    box.press("Enter")
    page.wait_for_function(
        "side => [...document.querySelectorAll('.js-plotly-plot .textpoint text')]"
        ".some(t => t.textContent.trim() === String(side))", arg=conv1_side, timeout=30_000)
    wait_idle(page)


def test_alexnet_shapes_size_control_and_korean(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/?arch=alexnet&size=224&lang=en")
    wait_idle(page)
    labels = chart_text(page)
    for size in ("224", "55", "27", "13", "6", "9216"):
        assert size in labels, (size, labels)
    assert "floor((224 + 2*2 - 11) / 4) + 1 = 55" in page.inner_text("body")

    enter_size(page, 227, conv1_side=56)  # floor((227 + 4 - 11) / 4) + 1 = 56
    assert "56" in chart_text(page)
    assert "size=227" in page.url

    page.get_by_role("radio", name="한국어").click()
    page.wait_for_selector("text=파라미터 수", timeout=30_000)
    wait_idle(page)
    body = page.inner_text("body")
    assert "눈여겨볼 점" in body and "합성곱" in body
    assert "lang=ko" in page.url

    page.goto(f"{app_url}/?arch=alexnet&size=224&lang=ko")
    wait_idle(page)
    chart_text(page)
    page.wait_for_timeout(800)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert Path(SCREENSHOT).stat().st_size > 50_000


def test_bad_link_shows_message_not_traceback(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/?arch=alexnet&size=-5&lang=en")
    page.wait_for_selector("text=is not allowed", timeout=60_000)
    wait_idle(page)
    assert "Traceback" not in page.inner_text("body")
    page.goto(f"{app_url}/?arch=alexnet&size=20&lang=en")
    page.wait_for_selector("text=at least 63x63", timeout=60_000)
    wait_idle(page)
    page.get_by_role("button", name="Use 63 x 63").click()
    page.wait_for_function("() => location.search.includes('size=63')", timeout=30_000)
    page.wait_for_selector("text=floor((63 + 2*2 - 11) / 4) + 1 = 15", timeout=60_000)  # 63 works
    wait_idle(page)
    assert "cannot pass" not in page.inner_text("body")


def test_flow_chart_redraws_in_place_and_a_click_selects_the_layer(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/?arch=alexnet&size=224&lang=en")
    points = page.locator(".js-plotly-plot .scatterlayer .points path")
    points.first.wait_for(timeout=30_000)
    wait_idle(page)
    page.evaluate("() => { document.querySelector('.js-plotly-plot').dataset.mark = 'first' }")

    enter_size(page, 227, conv1_side=56)  # floor((227 + 4 - 11) / 4) + 1 = 56
    # The same chart took the new numbers: it was not thrown away and drawn again.
    assert page.evaluate("() => document.querySelector('.js-plotly-plot').dataset.mark") == "first"

    # Points: the input, conv1, pool1, conv2, ... A click on the fourth selects conv2 (the
    # chart may start below the window's fold: the headline's exact counts take a line more).
    points.nth(3).scroll_into_view_if_needed()
    target = points.nth(3).bounding_box()
    x, y = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_selector("text=conv2 · Conv2d", timeout=30_000)
    wait_idle(page)
    body = page.inner_text("body")
    assert "MACs: 192 × 27 × 27 × 64 × 5 × 5 = 223,948,800" in body  # worked by hand
    assert page.locator(".js-plotly-plot .shapelayer path").count() == 2  # the mark on both panels


def test_chart_says_so_when_plotly_cannot_load_and_recovers(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.route("**/app/static/plotly.min.js", lambda route: route.abort())
    page.goto(f"{app_url}/?arch=alexnet&size=224&lang=en")
    page.wait_for_selector("text=The chart could not be drawn", timeout=30_000)
    assert "Traceback" not in page.inner_text("body")

    page.unroute("**/app/static/plotly.min.js")
    enter_size(page, 227, conv1_side=56)  # the next redraw loads plotly.js and draws
    assert "could not be drawn" not in page.inner_text("body")


def test_on_a_phone_the_flow_chart_names_fewer_layers_and_hides_its_toolbar(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    """DenseNet-201 has 107 steps; 20 rotated names in a phone-wide chart ran into each other."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{app_url}/?arch=densenet201&size=224&lang=ko")
        page.wait_for_selector(".js-plotly-plot .x2tick text", state="attached", timeout=60_000)
        wait_idle(page)
        width = page.evaluate("() => document.querySelector('.js-plotly-plot').clientWidth")
        names = page.locator(".js-plotly-plot .xaxislayer-above .x2tick text").all_text_contents()
        assert 3 <= len(names) <= width // 30, (width, names)
        assert names[0] == "입력"  # the first step, then every k-th
        assert page.locator(".js-plotly-plot .modebar").count() == 0
        # the size labels are all still drawn: 224 -> 112 -> 56 -> 28 -> 14 -> 7 -> 1
        assert chart_text(page)[:7] == ["224", "112", "56", "28", "14", "7", "1"]
    finally:
        context.close()


def test_streamlit_s_scripts_reach_the_browser_compressed(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    """The server `make run` starts (serve.py): a first visit receives Streamlit's scripts
    gzip-compressed (deploy/compressed_static.py), and the page still works."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"{app_url}/?arch=alexnet&size=224&lang=en")
        wait_idle(page)
        assert "55" in chart_text(page)
        scripts = page.evaluate("""() => performance.getEntriesByType('resource')
            .filter(r => r.name.includes('/static/js/') && r.decodedBodySize > 20000)
            .map(r => [r.name, r.encodedBodySize, r.decodedBodySize])""")
        assert len(scripts) >= 10, scripts  # 20 on Streamlit 1.67
        for name, sent, size in scripts:
            assert sent < 0.6 * size, (name, sent, size)
    finally:
        context.close()


def test_on_a_phone_the_diagram_is_on_the_screen_that_opens_on_the_tabs(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """Issue 30 (a classroom run): a student following the teacher's diagram on a phone lands
    with the tabs at the top of the screen (app_pages/lecture_mode.py scrolls there); four
    download buttons stacked above the diagram left its top 699 px below the tabs, most of an
    844 px screen. Under the diagram, in a row, they leave it in the upper two thirds."""
    from tests.e2e.labels import wait_drawn

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/?arch=resnet18&tab=diagram&lang=ko")
    wait_drawn(page)
    tabs, picture = page.evaluate("""() => [
        document.querySelector('[data-testid="stMain"] [data-testid="stTabs"]'),
        document.querySelector('.cnnvis-diagram')].map(e => e.getBoundingClientRect().top)""")
    assert picture - tabs < 844 * 2 / 3, (tabs, picture)
    assert page.get_by_role("button", name="SVG").first.is_visible()  # the downloads still there
