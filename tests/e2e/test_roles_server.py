"""Classroom roles against a running server, over Streamlit's own websocket protocol: what a
mischievous student sends (forged proxy headers, blank teacher links, sixty tabs) and what the
teacher's browser holds (the sign-in cookie); then the same through deploy/nginx.conf."""

from __future__ import annotations

import asyncio
import http.client
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets

from deploy import protocol
from deploy.failover import nginx
from deploy.local import free_port, start_server, stop
from deploy.protocol import Run, Tab
from tests.conftest import make_fashion
from visualizer import queue as q
from visualizer.roles import COOKIE, SIGN_IN
from visualizer.training import runner

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("roles")]

TEACHER_SAYS = "You are the teacher here"
STUDENT_SAYS = "The teacher starts training"
HOSTILE_HEADERS = [{"X-Forwarded-For": "127.0.0.1"}, {"X-Forwarded-For": "::1, 127.0.0.1"},
                   {"X-Real-IP": "127.0.0.1"}, {"Forwarded": "for=127.0.0.1"},
                   {"Host": "localhost"}, {"Cookie": f"{COOKIE}={'0' * 64}"}]
BLANK_LINKS = ["teacher=%20", "teacher=+", "teacher=%09", "teacher=", "teacher=null"]


# session-wide, not per module (tests/conftest.py says why)
@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("roles")
    make_fashion(root / "data")
    cache = root / "cache"
    cache.mkdir()
    (cache / "teacher-token").write_text("")  # as a full disk once left it: must not be ""
    port = free_port()
    # The first job is held in its loading phase (as a long one would be): it is still in the
    # queue while the other tabs press Train.
    proc = start_server(port, env={"CNNVIS_CACHE": str(cache), "CNNVIS_FASHION_DIR": str(root / "data"),
                                   "CNNVIS_QUEUE_BUDGET": "1", runner.HOLD_ENV: "loading"})
    try:
        yield f"http://127.0.0.1:{port}", cache
    finally:
        stop(proc)


def visit(url: str, page: str, query: str = "lang=en", headers: dict[str, str] | None = None,
          press: str | None = None) -> Run:
    """Open a page in a new tab and, if ``press`` is a button's label, press it."""
    async def go() -> Run:
        async with Tab(url, headers) as tab:
            run = await tab.open(page, query)
            if press is None:
                return run
            return await tab.open(page, query, click=run.buttons[press])
    return protocol.run(go())


def sign_in(url: str, key: str) -> tuple[int, str]:
    """GET the sign-in address (no redirect followed): the status and the cookie set."""
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("GET", f"{SIGN_IN}?key={key}")
    response = conn.getresponse()
    return response.status, (response.getheader("set-cookie") or "").split(";")[0]


@pytest.mark.parametrize("headers", HOSTILE_HEADERS)
def test_forged_headers_make_nobody_the_teacher(server: tuple[str, Path], headers: dict[str, str]) -> None:
    url, cache = server
    run = visit(url, "training", headers=headers)
    assert run.ok and STUDENT_SAYS in run.text and TEACHER_SAYS not in run.text
    assert "Start training" not in run.buttons  # a student gets no button to press
    assert not (cache / "run" / "status.json").exists()  # no run was started
    builder = visit(url, "builder", headers=headers)
    assert "New contest (teacher)" not in builder.buttons


@pytest.mark.parametrize("link", BLANK_LINKS)
def test_a_blank_teacher_link_is_not_the_teacher(server: tuple[str, Path], link: str) -> None:
    url, _ = server
    run = visit(url, "training", f"lang=en&{link}")
    assert STUDENT_SAYS in run.text and TEACHER_SAYS not in run.text


def test_the_sign_in_cookie_makes_the_teachers_browser_the_teacher(server: tuple[str, Path]) -> None:
    url, cache = server
    token = (cache / "teacher-token").read_text()
    assert len(token) >= 24  # the empty file was replaced
    assert sign_in(url, "%20")[0] == 403 and sign_in(url, "guess")[0] == 403
    status, cookie = sign_in(url, token)
    assert status == 303 and cookie.startswith(f"{COOKIE}=")
    for page in ("training", "builder", ""):  # every page, every new tab
        run = visit(url, page, headers={"Cookie": cookie})
        assert "Sign out as the teacher" in run.words
    assert TEACHER_SAYS in visit(url, "training", headers={"Cookie": cookie}).text
    # The secret itself in a link works for that tab, for `streamlit run app.py`.
    assert TEACHER_SAYS in visit(url, "training", f"lang=en&teacher={token}").text


def test_sixty_tabs_of_one_student_queue_one_job(server: tuple[str, Path]) -> None:
    url, cache = server

    async def tabs() -> list[Run]:
        async def one() -> Run:
            async with Tab(url) as tab:
                run = await tab.open("builder", "lang=en")
                return await tab.open("builder", "lang=en", click=run.buttons["Train it"])
        return list(await asyncio.gather(*(one() for _ in range(60))))

    try:
        runs = protocol.run(tabs())
        assert all(r.ok for r in runs)
        refused = sum("Your design is in the queue already" in r.text for r in runs)
        jobs = [json.loads(p.read_text()) for p in (cache / "queue").rglob("*.json")
                if p.parent.name in ("jobs", "done") or p.name in ("running.json", "job.json")]
        owners = {j.get("id"): j.get("owner") for j in jobs}
        assert len(owners) == 1 and set(owners.values()) == {"local"}
        assert refused == 59
    finally:
        q.clear(cache)  # the held job ends (its process is stopped), and with it the worker


def test_through_nginx_a_forged_header_is_overwritten_and_grants_nothing(server: tuple[str, Path]) -> None:
    url, cache = server
    front = free_port()
    prefix = Path(tempfile.mkdtemp(prefix="cnnvis-nginx-"))
    proxy = nginx(front, [int(url.rsplit(":", 1)[1])], prefix)
    try:
        via = f"http://127.0.0.1:{front}"
        for headers in HOSTILE_HEADERS:
            if "Host" in headers:  # a second Host header: nginx refuses the request outright (400)
                with pytest.raises(websockets.InvalidStatus, match="400"):
                    visit(via, "training", headers=headers)
                continue
            run = visit(via, "training", headers=headers)
            assert STUDENT_SAYS in run.text and TEACHER_SAYS not in run.text, headers
        token = (cache / "teacher-token").read_text()
        status, cookie = sign_in(via, token)  # the teacher signs in through the proxy too
        assert status == 303 and TEACHER_SAYS in visit(via, "training", headers={"Cookie": cookie}).text
    finally:
        proxy.terminate()
        proxy.wait(10)
        shutil.rmtree(prefix, ignore_errors=True)
