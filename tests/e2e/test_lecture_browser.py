"""Lecture mode in real browsers: one teacher at the projector, three students on their own
laptops (separate browser contexts); the teacher steps with the keys, the students follow; one
leaves to explore and comes back; the server restarts mid-lecture."""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.local import free_port, start_server, stop
from tests.e2e.conftest import press_slide_key, wait_idle
from tests.e2e.labels import wait_drawn
from visualizer.roles import SIGN_IN, teacher_token

# ms a page's run after a key or a click may take: the CI's two cores, shared with another test
# worker, once took over 30 s for the English run after L, and 20 s were too few for the join
# dialog (wait_drawn allows as long); every wait for a run here allows this
RUN = 60_000

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


@pytest.fixture
def classroom() -> Iterator[tuple[str, Path, list]]:  # type: ignore[type-arg]
    cache = Path(tempfile.mkdtemp(prefix="cnnvis-lecture-"))
    port = free_port()
    procs = [start_server(port, env={"CNNVIS_CACHE": str(cache)})]
    try:
        yield f"http://127.0.0.1:{port}", cache, procs
    finally:
        stop(procs[-1])


def step_of(url: str) -> str:
    return next((p.split("=")[1] for p in url.split("?")[-1].split("&") if p.startswith("step=")), "")


def test_the_class_follows_the_teachers_keys(browser, classroom) -> None:  # type: ignore[no-untyped-def]
    url, cache, procs = classroom
    teacher_ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ko-KR")
    teacher = teacher_ctx.new_page()
    students = []
    for _ in range(3):
        ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ko-KR")
        page = ctx.new_page()
        page.goto(f"{url}/?lang=ko")  # they arrive before the lecture starts
        wait_idle(page)
        students.append(page)
    token = teacher_token(cache)  # the server's secret, in the server's cache folder
    teacher.goto(f"{url}{SIGN_IN}?key={token}&next=lesson_alexnet")
    teacher.goto(f"{url}/lesson_alexnet?present=1&lang=ko&tab=steps&step=0")
    wait_idle(teacher)
    assert "key=" not in teacher.url and token not in teacher.url  # the secret left the address bar
    teacher.evaluate("window.cnnvisNoReload = true")  # gone if the page ever reloads

    def follow(page, step: str) -> None:  # type: ignore[no-untyped-def]
        page.wait_for_function("(s) => location.pathname.endsWith('lesson_alexnet') && "
                               "new URLSearchParams(location.search).get('step') === s", arg=step,
                               timeout=RUN)

    for page in students:
        follow(page, step_of(teacher.url))
        # the address changes as the follow begins; the page's words come with the run it starts
        page.wait_for_selector('[data-testid="stMain"] >> text=선생님 화면 따라가기', timeout=RUN)
        wait_idle(page)
        body = page.locator('[data-testid="stMain"]').inner_text()
        assert "선생님 화면 따라가기" in body and "슬라이드 끝내기" not in body  # no teacher controls
        # the page scrolled to the step: the lesson's tabs at the top of a 1366x768 screen, the
        # step's picture (the layer's volumes) starting on it, not below the title and introduction
        page.wait_for_function("""() => {
            const top = (s) => document.querySelector(s)?.getBoundingClientRect().top;
            return top('[data-testid="stMain"] [data-testid="stTabs"]') < 80
                && top('.st-key-alex_pair') < innerHeight - 200;
        }""", timeout=RUN)
    for _ in range(3):
        before = step_of(teacher.url)
        press_slide_key(teacher, "ArrowRight")
        teacher.wait_for_function("(s) => new URLSearchParams(location.search).get('step') !== s",
                                  arg=before, timeout=RUN)
        wait_idle(teacher)
        for page in students:
            follow(page, step_of(teacher.url))
    assert teacher.evaluate("window.cnnvisNoReload") is True  # every step came in place

    # A student leaves to explore, the teacher goes on, the student comes back in one click.
    wanderer = students[0]
    wanderer.get_by_text("선생님 화면 따라가기").click()
    wait_idle(wanderer)
    wanderer.get_by_role("link", name="구조 탐색기").click()
    wait_idle(wanderer)
    press_slide_key(teacher, "ArrowRight")
    wait_idle(teacher)
    now = step_of(teacher.url)
    follow(students[1], now)
    assert "lesson_alexnet" not in wanderer.url
    wanderer.get_by_role("button", name="선생님 화면으로 돌아가기").click()
    follow(wanderer, now)

    # The server restarts mid-lecture: the students' pages reconnect and follow the next step.
    port = int(url.rsplit(":", 1)[1])
    os.kill(procs[-1].pid, signal.SIGKILL)
    procs[-1].wait(10)
    procs.append(start_server(port, env={"CNNVIS_CACHE": str(cache)}))
    teacher.wait_for_selector('[data-testid="stDialog"]', state="detached", timeout=90_000)
    wait_idle(teacher)
    press_slide_key(teacher, "ArrowRight")
    wait_idle(teacher)
    for page in students:
        follow(page, step_of(teacher.url))


def test_the_join_screen_shows_the_address_and_a_qr_code(browser, classroom) -> None:  # type: ignore[no-untyped-def]
    url, cache, _ = classroom
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ko-KR")
    page = ctx.new_page()
    token = teacher_token(cache)  # the server's secret, in the server's cache folder
    page.goto(f"{url}{SIGN_IN}?key={token}")
    page.goto(f"{url}/lesson_resnet?present=1&lang=ko")
    wait_idle(page)
    page.get_by_role("button", name="참여 방법").click()
    dialog = page.locator('[data-testid="stDialog"]')
    dialog.wait_for(timeout=RUN)
    dialog.get_by_text("http://").wait_for(timeout=RUN)
    text = dialog.inner_text()
    assert "노트북이나 휴대폰으로 참여하세요" in text and "http://" in text
    qr = dialog.locator("img").first
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 300  # big enough for the back of the room


def test_the_teacher_changes_language_and_lesson_without_leaving_the_slides(browser, classroom) -> None:  # type: ignore[no-untyped-def]
    """L switches the language (in Hangul mode too); M opens the menu (its keys listed), whose
    lesson opens in place, still on the slides; Esc closes the menu, then ends the slides."""
    url, cache, _ = classroom
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ko-KR")
    page = ctx.new_page()
    page.goto(f"{url}{SIGN_IN}?key={teacher_token(cache)}&next=lesson_alexnet")
    page.goto(f"{url}/lesson_alexnet?present=1&lang=ko&tab=sizes")
    wait_drawn(page)
    page.evaluate("window.cnnvisNoReload = true")
    # L on a Korean keyboard in Hangul mode: the key KeyL types "ㅣ" (sent once the slide's keys
    # listen, as press_slide_key does: the slide is drawn in the run after its stylesheet lands)
    page.wait_for_function("() => document.documentElement.dataset.slideKeys === 'on'", timeout=RUN)
    page.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ㅣ', code: 'KeyL'}))")
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') === 'en'", timeout=RUN)
    wait_drawn(page)
    assert "End the slides" in page.locator(".st-key-cnnvis_slide_bar").inner_text()
    press_slide_key(page, "m")
    menu = page.locator('[data-testid="stPopoverBody"]')
    menu.wait_for(timeout=RUN)
    assert "Esc" in menu.inner_text() and "next step" in menu.inner_text()  # the keys, listed
    menu.get_by_role("button", name="ResNet").click()
    page.wait_for_function("() => location.pathname.endsWith('lesson_resnet')", timeout=RUN)
    wait_drawn(page)
    assert "present=1" in page.url and "lang=en" in page.url
    assert page.evaluate("window.cnnvisNoReload") is True  # all in place
    assert page.locator(".st-key-cnnvis_slide_bar").is_visible()
    assert not menu.is_visible()  # a choice closes the menu
    press_slide_key(page, "m")
    menu.wait_for(timeout=RUN)
    press_slide_key(page, "Escape")  # Esc closes the menu first, the slides stay
    menu.wait_for(state="hidden", timeout=RUN)
    assert "present=1" in page.url
    press_slide_key(page, "Escape")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('present')", timeout=RUN)
    wait_drawn(page)
    assert not page.locator(".st-key-cnnvis_slide_bar").count()
    ctx.close()
