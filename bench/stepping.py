"""Stepping in place (issue 28): how long a clicker's key takes to show the next step, in
Chromium, at 1920x1080 in projector mode, as the teacher.

The teacher opens AlexNet's step-through and presses → through its first ``STEPS`` layers once
(each step seen for the first time), then ← and → over them again (each step seen before: the
target is under 300 ms at the median). A step counts as shown when the address names it, the
page's rerun has ended and every chart has been drawn. For each press it also measures how far
the lit picture moved on the screen (the slide's layout stays: the target is 0 px) and whether
the page ever reloaded. The reference, in the same browser: opening the same step's address as
a new page load (what every step cost before steps came in place).

Run: ``python -m bench stepping``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench._common import browser, percentile, record, server, table
from tests.e2e.labels import wait_drawn
from visualizer.roles import SIGN_IN, teacher_token

if TYPE_CHECKING:
    from playwright.sync_api import Page

STEPS = 8  # AlexNet's first layers: conv1 ... conv3 (22 steps in all)
ROUNDS = 3  # back and forth over them, seen before

# The step's position of its pictures: the top of the volumes chart and of the diagram.
WHERE_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] .live-chart, .cnnvis-diagram')]
  .map(e => Math.round(e.getBoundingClientRect().top))"""


# Shown: the address names another step, Streamlit's run has ended, nothing on the page is
# stale (greyed out, waiting for the run) and every chart has been drawn. Looked at every frame.
SHOWN_JS = """(before) => location.href !== before
  && document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state') === 'notRunning'
  && !document.querySelector('[data-stale="true"]')
  && [...document.querySelectorAll('[data-testid="stMain"] .live-chart')]
       .every(h => h.querySelector('.main-svg'))"""


def press(page: Page, key: str) -> float:
    """Press ``key``; seconds until the next step is shown."""
    before = page.url
    start = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(SHOWN_JS, arg=before, timeout=60_000, polling="raf")
    seconds = time.perf_counter() - start
    wait_drawn(page)  # settled before the next press (not timed)
    return seconds


def main() -> None:
    cache = Path(tempfile.mkdtemp(prefix="cnnvis-bench-stepping-"))
    with server(extra_env={"CNNVIS_CACHE": str(cache)}) as (url, _), browser() as b:
        context = b.new_context(viewport={"width": 1920, "height": 1080}, locale="ko-KR")
        page = context.new_page()
        page.goto(f"{url}{SIGN_IN}?key={teacher_token(cache)}&next=lesson_alexnet")
        page.goto(f"{url}/lesson_alexnet?present=1&lang=ko&tab=steps&step=0")
        wait_drawn(page)
        page.evaluate("window.cnnvisNoReload = true")
        first = [press(page, "ArrowRight") for _ in range(STEPS)]
        seen, moved = [], []
        for _ in range(ROUNDS):
            for key in ["ArrowLeft"] * STEPS + ["ArrowRight"] * STEPS:
                where = page.evaluate(WHERE_JS)
                seen.append(press(page, key))
                after = page.evaluate(WHERE_JS)
                moved.append(max((abs(a - b) for a, b in zip(where, after, strict=False)), default=0))
        in_place = page.evaluate("window.cnnvisNoReload === true")
        loads = []
        for step in range(3):  # the reference: the same steps as new page loads
            start = time.perf_counter()
            page.goto(f"{url}/lesson_alexnet?present=1&lang=ko&tab=steps&step={step}")
            wait_drawn(page)
            loads.append(time.perf_counter() - start)
    reference = percentile(loads, 0.5)
    rows = [["first visit", len(first), f"{percentile(first, 0.5) * 1000:.0f}",
             f"{percentile(first, 0.95) * 1000:.0f}", f"{percentile(first, 0.5) / reference:.2f}"],
            ["seen before", len(seen), f"{percentile(seen, 0.5) * 1000:.0f}",
             f"{percentile(seen, 0.95) * 1000:.0f}", f"{percentile(seen, 0.5) / reference:.2f}"],
            ["page load (reference)", len(loads), f"{reference * 1000:.0f}",
             f"{max(loads) * 1000:.0f}", "1.00"]]
    body = table(["step", "n", "p50 ms", "p95 ms", "p50 / page load"], rows)
    body += (f"\n\nTarget: a step seen before under 300 ms at the median. The pictures moved at most "
             f"{max(moved, default=0)} px on the screen between steps (target 0); the page "
             f"{'never reloaded' if in_place else 'RELOADED'} ({len(first) + len(seen)} key presses).")
    record("Stepping in place (projector, AlexNet, 1920x1080)", body)


if __name__ == "__main__":
    main()
