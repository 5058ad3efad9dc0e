"""Every screen reads (issue 30): the checks of tests/e2e/readable.py, each shown to find what it
claims on a page made to fail. The pages themselves are checked in Korean at 1366 and 390 px
by test_labels_browser.py's visit of every page and tab (one visit, both checks)."""

from __future__ import annotations

import pytest

from tests.e2e.labels import page_defects
from tests.e2e.readable import page_problems

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def _fixture(page, body: str, width: int = 600) -> None:  # type: ignore[no-untyped-def]
    from visualizer.charts import BROWSER_BUNDLE

    page.set_viewport_size({"width": width, "height": 800})
    page.set_content(f"<html><head><script>{BROWSER_BUNDLE.read_text()}</script></head>"
                     "<body style='margin:0'>"
                     f"<div data-testid='stMain'>{body}</div></body></html>")


def _kinds(page, width: int = 600) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.what for p in page_problems(page, width)]


def test_the_check_finds_small_text(page) -> None:  # type: ignore[no-untyped-def]
    _fixture(page, "<p style='font-size:8px'>합성곱 3×3</p><p style='font-size:14px'>보폭 1</p>")
    assert _kinds(page) == ["small"]
    _fixture(page, "<p style='font-size:9.5px'>합성곱</p>", width=390)
    assert _kinds(page, 390) == []  # a phone's minimum is 9 px
    # A diagram fitted to a narrow column: 14 px text at half scale is 7 px on screen.
    _fixture(page, "<div class='cnnvis-diagram'><svg width='300' height='60' viewBox='0 0 600 120'>"
                   "<text x='10' y='60' font-size='14'>layer1.0</text></svg></div>")
    assert _kinds(page) == ["small"]


def test_the_check_finds_a_formula_cut_by_its_box(page) -> None:  # type: ignore[no-untyped-def]
    code = ("<div data-testid='stCode' style='width:{w}px'><pre style='overflow-x:auto;font-size:14px'>"
            "conv1: floor((224 + 2*0 - 11) / 4) + 1 = 54</pre></div>")
    _fixture(page, code.format(w=200))
    assert _kinds(page) == ["clipped"]
    _fixture(page, code.format(w=560))
    assert _kinds(page) == []


def test_the_check_finds_text_past_the_right_edge(page) -> None:  # type: ignore[no-untyped-def]
    _fixture(page, "<p style='margin-left:560px;white-space:nowrap;font-size:14px'>64×56×56 → 64×56×56</p>")
    assert "cut" in _kinds(page)


def test_the_check_finds_a_line_through_a_label(page) -> None:  # type: ignore[no-untyped-def]
    svg = ("<div class='cnnvis-diagram'><svg width='300' height='100'><g class='edge'>"
           "<path d='M {x} 0 L {x} 100' stroke='black'/>"
           "<text x='100' y='55' font-size='14'>x (항등 연결)</text>"
           "</g></svg></div>")
    _fixture(page, svg.format(x=130))
    assert _kinds(page) == ["crossed"]
    _fixture(page, svg.format(x=60))
    assert _kinds(page) == []


def test_the_check_finds_a_rotated_name_on_a_tick(page) -> None:  # type: ignore[no-untyped-def]
    """The family chart at 390 px: a rotated "ResNet-152" on the right axis's "0" is found (ink
    against ink); moved 18 px down, it is clear."""
    svg = ("<div class='cnnvis-diagram'><svg width='300' height='200'>"
           "<text x='200' y='100' font-size='12'>0</text>"
           "<text x='196' y='{y}' font-size='12' transform='rotate(30 196 {y})'>ResNet-152</text>"
           "</svg></div>")
    _fixture(page, svg.format(y=104))
    assert [d.what for d in page_defects(page)] == ["overlap"]
    _fixture(page, svg.format(y=122))
    assert page_defects(page) == []
