"""Start the real app with `streamlit run` and drive Debian's headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
        yield Watched(b)
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1600, "height": 1100}, locale="ko-KR")
    pg = context.new_page()
    yield pg
    context.close()


# How a page says Streamlit has answered it (Streamlit 1.67): a click or a key sends a rerun
# request over the websocket (a BackMsg whose first field is rerun_script, number 11: first byte
# 0x5A) and the server answers with a run: it says the script is running (a ForwardMsg
# new_session, field 4, or session_status_changed, field 9, with script_is_running, its field 2,
# set) and then that it finished (script_finished, field 6: 2 is "stopped early for a rerun",
# any other value ends the run). Every page counts, from before Streamlit's own scripts start,
# the requests it sent ("asked"), those a run has started after ("started") and those a
# finished run answered ("answered"): a run that was finishing when a request left answers
# nothing, and a fast run whose "running" and "finished" reach the page together is still seen
# (the stApp element's data-test-script-state can skip "running" then). A widget sends its
# request when React has handled the key or click, a frame or two after it (measured: 1-2
# frames after an Enter in a number box): so the page is idle when everything asked is answered,
# stApp says "notRunning" and no running indicator shows, for QUIET_FRAMES painted frames in a
# row, counted by the page's own clock, not the test machine's milliseconds.
WATCH_RUNS = """
(() => {
  const w = window.__cnnvisRuns = {asked: 0, started: 0, answered: 0, quiet: 0};
  const varint = (b, i) => {
    let v = 0, shift = 0;
    for (;;) { const x = b[i++]; v += (x & 0x7f) * 2 ** shift; shift += 7; if (x < 0x80) return [v, i]; }
  };
  const fields = (b) => {  // the top-level fields of a protobuf message: [number, value or bytes]
    const out = [];
    let i = 0;
    while (i < b.length) {
      let tag, v;
      [tag, i] = varint(b, i);
      const kind = tag & 7;
      if (kind === 0) { [v, i] = varint(b, i); out.push([Math.floor(tag / 8), v]); }
      else if (kind === 2) {
        [v, i] = varint(b, i);
        out.push([Math.floor(tag / 8), b.subarray(i, i + v)]);
        i += v;
      }
      else if (kind === 1) i += 8;
      else if (kind === 5) i += 4;
      else break;
    }
    return out;
  };
  const heard = (event) => {
    if (!(event.data instanceof ArrayBuffer)) return;
    for (const [field, value] of fields(new Uint8Array(event.data))) {
      const running = field === 9 && fields(value).some(([f, v]) => f === 2 && v === 1);
      if (field === 4 || running) w.started = w.asked;
      if (field === 6 && value !== 2) w.answered = w.started;
    }
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!this.__cnnvisHeard) { this.__cnnvisHeard = true; this.addEventListener('message', heard); }
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
    if (bytes && bytes.length && bytes[0] === 0x5a) w.asked += 1;
    return send.call(this, data);
  };
})();
"""
QUIET_FRAMES = 4

# Called once a frame (Playwright's "raf" polling): true when the page has been idle that long.
IDLE = """(frames) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const w = window.__cnnvisRuns;
  if (!w) throw new Error('no WATCH_RUNS in this page: open it from the browser fixture');
  const idle = !!app && app.dataset.testScriptState === 'notRunning' && w.answered >= w.asked
    && !document.querySelector('[data-testid="stStatusWidget"]');
  w.quiet = idle ? w.quiet + 1 : 0;
  return w.quiet >= frames;
}"""


class Watched:
    """The browser, whose every new context runs WATCH_RUNS in each page it opens (tests make
    their own contexts: a phone, a teacher and students)."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    def new_context(self, **kwargs: Any) -> Any:
        context = self._browser.new_context(**kwargs)
        context.add_init_script(WATCH_RUNS)
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


def wait_idle(page, timeout: float = 30_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has answered every rerun the page asked for and is not running (its
    running indicator gone), for QUIET_FRAMES frames in a row: the page's own marks
    (WATCH_RUNS), no guess of the machine's speed in milliseconds."""
    page.evaluate("() => { if (window.__cnnvisRuns) window.__cnnvisRuns.quiet = 0; }")
    page.wait_for_function(IDLE, arg=QUIET_FRAMES, polling="raf", timeout=timeout)


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
