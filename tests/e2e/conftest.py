"""Start the real app with `streamlit run` and drive Debian's headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.local import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, start_server, stop, wait_healthy

__all__ = ["ROOT", "fixture_page", "free_port", "start_server", "wait_healthy", "wait_idle"]


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    port = free_port()
    proc = start_server(port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1600, "height": 1100}, locale="ko-KR")
    pg = context.new_page()
    yield pg
    context.close()


def wait_idle(page, timeout: float = 30_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished its rerun (no running indicator)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    page.wait_for_timeout(200)


def press_slide_key(page, key: str) -> None:  # type: ignore[no-untyped-def]
    """Press a slide key once the slide's keys listen (the page says so on <html>): a key pressed
    while the slide's script is still loading is lost, as a clicker's would be."""
    page.wait_for_function("() => document.documentElement.dataset.slideKeys === 'on'", timeout=30_000)
    page.keyboard.press(key)


def fixture_page(page, body: str, width: int | None = None, plotly: bool = True) -> None:  # type: ignore[no-untyped-def]
    """``body`` as the page's main area (as Streamlit marks it), plotly.js loaded if the page
    draws a chart (3.5 MB: a page of HTML or SVG alone loads at once without it), and the
    window ``width`` px wide if given: a page made to fail, for the checks' positive controls."""
    from visualizer.charts import BROWSER_BUNDLE

    if width is not None:
        page.set_viewport_size({"width": width, "height": 800})
    script = f"<script>{BROWSER_BUNDLE.read_text()}</script>" if plotly else ""
    page.set_content(f"<html><head>{script}</head>"
                     f"<body style='margin:0'><div data-testid='stMain'>{body}</div></body></html>")
