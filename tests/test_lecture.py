"""The lecture's shared state (visualizer/lecture.py) and the address followers wait at
(deploy/lecture.py)."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

import pytest
from PIL import Image
from starlette.requests import Request

from deploy import lecture as route
from deploy import protocol
from visualizer import lecture


def test_only_changes_make_a_new_version_and_private_values_stay_home(tmp_path: Path) -> None:
    first = lecture.publish("lesson_alexnet", {"tab": "steps", "step": "1", "present": "1",
                                               "teacher": "secret-secret-secret-secret"}, folder=tmp_path)
    assert first.version == 1 and first.params() == {"tab": "steps", "step": "1"}
    assert lecture.publish("lesson_alexnet", {"tab": "steps", "step": "1"}, folder=tmp_path).version == 1
    assert lecture.publish("lesson_alexnet", {"tab": "steps", "step": "2"}, folder=tmp_path).version == 2
    ended = lecture.publish("lesson_alexnet", {"tab": "steps", "step": "2"}, live=False, folder=tmp_path)
    assert ended.version == 3 and lecture.read(tmp_path) == ended and not ended.live


@pytest.mark.parametrize("text", ["", "{", "[]", '{"version": "x"}', '{"version": 1, "page": "a/b", '
                                  '"query": "", "live": true, "updated": 1e12}'])
def test_a_damaged_lecture_file_is_no_lecture(tmp_path: Path, text: str) -> None:
    (tmp_path / "lecture.json").write_text(text)
    assert lecture.read(tmp_path) is None and lecture.version(tmp_path) == 0


def test_a_lecture_left_for_hours_is_over(tmp_path: Path) -> None:
    now = lecture.publish("", {"arch": "alexnet"}, folder=tmp_path)
    stale = {**now.__dict__, "updated": time.time() - lecture.STALE_SECONDS - 1}
    (tmp_path / "lecture.json").write_text(json.dumps(stale))
    assert lecture.read(tmp_path) is None


def _wait(after: int) -> dict:  # type: ignore[type-arg]
    scope = {"type": "http", "method": "GET", "path": route.PATH,
             "query_string": f"after={after}".encode(), "headers": []}
    return json.loads(protocol.run(route.wait(Request(scope))).body)  # type: ignore[attr-defined]


def _held(after: int) -> tuple[threading.Thread, list[dict]]:  # type: ignore[type-arg]
    """A follower's request, held at the waiting address; its answer goes in the list."""
    answered: list[dict] = []  # type: ignore[type-arg]
    waiting = threading.Thread(target=lambda: answered.append(_wait(after)))
    waiting.start()
    deadline = time.monotonic() + 10
    while route._watcher.task is None and time.monotonic() < deadline:
        time.sleep(0.01)  # until the request is held
    return waiting, answered


def test_a_follower_waits_for_the_teachers_next_step_and_not_longer(fashion_env: Path) -> None:
    route._watcher = route._Watcher()  # a fresh watcher for this test's folder and event loop
    now = lecture.publish("lesson_resnet", {"tab": "figure1"})
    assert _wait(now.version - 1)["version"] == now.version  # behind already: answered at once
    route._watcher = route._Watcher()
    waiting, answered = _held(now.version)
    assert answered == []
    lecture.publish("lesson_resnet", {"tab": "blocks"})
    waiting.join(timeout=route.WAIT)
    assert answered and answered[0]["version"] == now.version + 1 and answered[0]["query"] == "tab=blocks"


def test_the_teachers_publish_wakes_her_class_at_once_in_her_own_server(
        fashion_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Her page publishes in the followers' own server process: they are answered without the
    watcher's next look at the file (made an hour away here: only the publish can wake them)."""
    monkeypatch.setattr(route, "POLL", 3600.0)
    route._watcher = route._Watcher()
    now = lecture.publish("lesson_densenet", {"tab": "growth"})
    waiting, answered = _held(now.version)
    lecture.publish("lesson_densenet", {"tab": "blocks"})
    waiting.join(timeout=route.WAIT)
    assert answered and answered[0]["version"] == now.version + 1 and answered[0]["query"] == "tab=blocks"


def test_the_waiting_address_is_answered_before_streamlits_layers(fashion_env: Path) -> None:
    """serve.py's outermost layer answers /api/lecture itself (the class's two hundred requests
    a step skip Streamlit's layers); any other address goes on to Streamlit; a POST is refused."""
    route._watcher = route._Watcher()
    now = lecture.publish("lesson_alexnet", {"tab": "steps", "step": "4"})
    passed_on: list[str] = []

    async def streamlit(scope: dict, receive: object, send: object) -> None:  # type: ignore[type-arg]
        passed_on.append(scope["path"])

    async def call(method: str, path: str, query: bytes = b"") -> tuple[int, bytes]:
        sent: list[dict] = []  # type: ignore[type-arg]

        async def receive() -> dict:  # type: ignore[type-arg]
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:  # type: ignore[type-arg]
            sent.append(message)

        scope = {"type": "http", "method": method, "path": path, "query_string": query, "headers": []}
        await route.Poll(streamlit)(scope, receive, send)  # type: ignore[arg-type]
        status = next((m["status"] for m in sent if m["type"] == "http.response.start"), 0)
        return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")

    status, body = protocol.run(call("GET", route.PATH, f"after={now.version - 1}".encode()))
    assert status == 200 and json.loads(body)["query"] == "tab=steps&step=4" and passed_on == []
    assert protocol.run(call("POST", route.PATH))[0] == 405 and passed_on == []
    protocol.run(call("GET", "/lesson_alexnet"))
    assert passed_on == ["/lesson_alexnet"]


def test_the_join_address_and_its_qr_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CNNVIS_PUBLIC_URL", "http://10.20.30.40:8501")
    assert lecture.join_address(8501) == "http://10.20.30.40:8501"
    monkeypatch.delenv("CNNVIS_PUBLIC_URL")
    assert lecture.join_address(8123).endswith(":8123") and "127.0.0.1" not in lecture.join_address(8123)
    picture = Image.open(io.BytesIO(lecture.qr_png("http://10.20.30.40:8501", scale=10)))
    assert picture.width == picture.height and picture.width >= 25 * 10  # version 2+: 25 modules a side


# --- What leaves a slide for the speaker notes (issue 28) -----------------------------------
def test_a_slide_sends_its_code_and_table_to_the_speaker_notes(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """ResNet's block tab: on the page, the lecture's code and the layer table; on a slide, the
    diagram stays and the code and the table are in the notes, not on the projector."""
    from models.resnet import LECTURE_RESIDUAL_BLOCK
    from tests.pages import open_page

    monkeypatch.setenv("CNNVIS_CACHE", str(tmp_path))
    page = open_page("lesson_resnet", lang="ko", tab="block")
    code = LECTURE_RESIDUAL_BLOCK.strip()
    assert any(c.value.strip() == code for c in page.code) and len(page.dataframe) == 1
    slide = open_page("lesson_resnet", lang="ko", tab="block", present="1")
    assert not any(c.value.strip() == code for c in slide.code) and not slide.dataframe
    notes = slide.session_state["slide_notes"]
    assert {"code": LECTURE_RESIDUAL_BLOCK, "language": "python"} in notes
    tables = [n["table"] for n in notes if isinstance(n, dict) and "table" in n]
    assert len(tables) == 1 and tables[0]["columns"] == list(page.dataframe[0].value.columns)
    assert len(tables[0]["data"]) == len(page.dataframe[0].value)


def test_the_presenter_view_shows_every_kind_of_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text, a table, code, and a damaged item (shown as plain text, never as Markdown)."""
    from tests.pages import open_page
    from visualizer.roles import teacher_token

    monkeypatch.setenv("CNNVIS_CACHE", str(tmp_path))
    lecture.publish("lesson_resnet", {"tab": "block", "lang": "ko"}, live=True)
    lecture.write_notes("ResNet", ["**굵은** 설명", {"code": "x = F(x) + x", "language": "python"},
                                  {"table": {"columns": ["층", "MACs"], "data": [["conv1", 118013952]]}},
                                  {"weird": "[link](http://evil.example)"}])
    at = open_page("notes", lang="ko", teacher=teacher_token(tmp_path))
    assert "**굵은** 설명" in [m.value for m in at.markdown]
    assert [c.value for c in at.code] == ["x = F(x) + x"]
    table = at.dataframe[0].value
    assert list(table.columns) == ["층", "MACs"] and table.iloc[0, 1] == 118013952
    assert any("evil.example" in x.value for x in at.text)  # as text, not a link
    student = open_page("notes", lang="ko")
    assert "x = F(x) + x" not in [c.value for c in student.code]  # never for a student
    assert "**굵은** 설명" not in [m.value for m in student.markdown]


def test_a_slide_lights_the_merge_its_diagram_is_about(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """On a slide, each diagram lights what the slide is about (a diagram taller than the slide
    opens on its lit box: F(x) + x, the C, the GPUs' crossing were below the box's fold at
    1366x768); on the page nothing is lit."""
    from app_pages import diagram_view
    from tests.pages import open_page

    monkeypatch.setenv("CNNVIS_CACHE", str(tmp_path))
    drawn: dict[str, str] = {}
    monkeypatch.setattr(diagram_view, "diagram", lambda dot, key, svg=None: drawn.__setitem__(key, dot))

    def lit(dot: str) -> list[str]:  # the lit boxes' labels (penwidth 3: visualizer/diagram.py)
        return [line.split("<b>")[1].split("</b>")[0] for line in dot.splitlines()
                if "penwidth=3" in line and "<b>" in line]

    for present in ("", "1"):
        drawn.clear()
        slide = {"present": present} if present else {}
        open_page("lesson_resnet", lang="ko", tab="block", **slide)
        open_page("lesson_densenet", lang="ko", tab="add_cat", **slide)
        open_page("lesson_alexnet", lang="ko", tab="gpus", **slide)
        for step in ("0", "1"):  # a slide shows the dense layer, then the transition
            open_page("lesson_densenet", lang="ko", tab="parts", step=step, **slide)
        open_page("lesson_resnet", lang="ko", tab="compare", **slide)
        open_page("lesson_inception", lang="ko", tab="inside", **slide)
        merges = [lit(drawn[key]) for key in ("res_block_diagram", "dense_add_diagram", "dense_cat_diagram",
                                              "alex_gpus_diagram", "dense_layer_diagram",
                                              "dense_transition_diagram", "res_compare_diagram_basic",
                                              "res_compare_diagram_bottleneck", "inc_module_diagram")]
        # the crossing between the GPUs is conv3 (one box per GPU); a transition halves at its pool
        # (ResNet ④ on a slide lights each block's middle convolution: what the slide compares)
        want = [["+"], ["+"], ["C"], ["conv3", "conv3"], ["C"], ["pool"], ["conv2"], ["conv2"], ["C"]]
        assert merges == (want if present else [[]] * 9)


def test_a_presenting_page_keeps_its_lecture_and_a_closed_one_ends_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A lecture whose projector was closed without Esc stayed on for 4 hours: a student who
    opened the builder after class was pulled to the last slide. The presenting page beats
    (publishes its view again) every BEAT_SECONDS: over three hours of one slide the lecture stays
    on; twenty minutes after the last beat it is over."""
    clock = [1_000_000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    lecture.publish("lesson_alexnet", {"tab": "steps", "step": "3"}, folder=tmp_path)
    for _ in range(3 * 3600 // lecture.BEAT_SECONDS):
        clock[0] += lecture.BEAT_SECONDS
        assert lecture.read(tmp_path) is not None
        lecture.publish("lesson_alexnet", {"tab": "steps", "step": "3"}, folder=tmp_path)  # a beat's run
    clock[0] += 20 * 60  # the projector closed: no beat for twenty minutes
    assert lecture.read(tmp_path) is None
