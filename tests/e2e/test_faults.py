"""Faults in a real browser: the server is killed and comes back; a replica dies behind nginx."""

from __future__ import annotations

import os
import signal

import pytest

from tests.e2e.conftest import free_port, start_server, wait_idle

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]  # one server, one worker
VIEW = "/?arch=densenet121&size=96&channels=1&classes=10&lang=en"
MARK = "floor((96 + 2*3 - 7) / 2) + 1 = 48"


def test_killed_server_comes_back_with_the_same_view(page) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    proc = start_server(port)
    sockets: list[object] = []
    page.on("websocket", lambda ws: sockets.append(ws))
    try:
        page.goto(f"http://127.0.0.1:{port}{VIEW}")
        page.wait_for_selector(f"text={MARK}", timeout=60_000)
        wait_idle(page)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        page.wait_for_selector('[data-testid="stDialog"]', timeout=30_000)  # "connection lost"
        proc = start_server(port)
        # The page reconnects by itself (a new websocket, the dialog gone); its URL still holds
        # the view, so the new server shows the same view again.
        page.wait_for_selector('[data-testid="stDialog"]', state="detached", timeout=90_000)
        assert len(sockets) >= 2
        page.wait_for_function(
            "(m) => document.body.innerText.includes(m) && "
            "!document.querySelector('[data-testid=\"stStatusWidget\"]')", arg=MARK, timeout=90_000)
        body = page.locator('[data-testid="stMain"]').inner_text()
        assert "DenseNet-121" in body and "Traceback" not in body
        assert "arch=densenet121" in page.url and "size=96" in page.url
    finally:
        proc.kill()
        proc.wait(10)


def test_two_replicas_behind_nginx_survive_a_dead_replica(browser) -> None:  # type: ignore[no-untyped-def]
    """deploy/failover.py: students on a killed replica come back on the other with their view."""
    from deploy.failover import run

    lines: list[str] = []
    assert run(lines.append, browser), lines
    assert any("back on" in line for line in lines)
