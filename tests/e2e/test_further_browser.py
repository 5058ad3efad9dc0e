"""A kept design trained further, in real browsers: page loads, reloads and a second tab queue
nothing; one click queues one job; the page that queued it shows its end by itself (no click, no
reload), and the other tab's old button is refused, not queued."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from deploy.local import free_port, start_server, stop
from tests.conftest import make_fashion
from tests.e2e.conftest import wait_idle
from tests.test_queue import kept_parent
from visualizer import queue as q

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]
PARENT = "0000000000a1"


def queued(cache: Path) -> list[str]:
    """Every job the queue was given (waiting, training or ended), but the kept design's own."""
    d = cache / "queue"
    ids = {p.stem.split("-")[-1] for p in (d / "jobs").glob("*.json")}
    ids |= {p.stem for p in (d / "done").glob("*.json")} - {PARENT}
    current = q.running()  # the last job trained stays there, ended
    if current is not None:
        ids.add(str(current.get("id")))
    return sorted(ids)


def test_only_the_click_queues_and_the_page_sees_the_job_end(browser, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CNNVIS_CACHE", str(cache))
    make_fashion(cache / "data")
    kept_parent(PARENT, "local", finished=time.time() - 600)  # every browser here is the student "local"
    port = free_port()
    proc = start_server(port, env={"CNNVIS_CACHE": str(cache), "CNNVIS_FASHION_DIR": str(cache / "data"),
                                   "CNNVIS_QUEUE_BUDGET": "1"})  # one step of training
    link = f"http://127.0.0.1:{port}/features?arch=kept&kept={PARENT}&lang=ko"
    try:
        tabs = [browser.new_context(viewport={"width": 1366, "height": 1400}, locale="ko-KR").new_page()
                for _ in range(2)]
        for page in tabs:
            page.goto(link)
            wait_idle(page, timeout=90_000)
            page.reload()
            wait_idle(page, timeout=90_000)
        assert queued(cache) == []
        tabs[0].get_by_role("button", name="이어서 더 학습하기").click()
        # The job trains (one step) and ends; the page that queued it says so by itself.
        tabs[0].get_by_text("이어서 학습을 마쳤습니다").wait_for(timeout=120_000)
        assert tabs[0].get_by_role("button", name="이어서 학습한 설계 열기").is_visible()
        assert len(queued(cache)) == 1
        child = queued(cache)[0]
        assert (q.outcome(child) or {}).get("from") == PARENT
        # The second tab still shows the button it drew before: its click is refused, not queued.
        tabs[1].get_by_role("button", name="이어서 더 학습하기").click()
        tabs[1].get_by_text("이 가중치는 이미 이어서 학습했습니다").wait_for(timeout=30_000)
        assert queued(cache) == [child]
    finally:
        stop(proc)
