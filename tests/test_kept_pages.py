"""A design trained in class, opened on the feature-map page and downloaded from the board.

The design is trained by a few tiny queue steps on the synthetic Fashion-MNIST look-alike. The
references are independent of the pages: the kept file read with ``torch.load`` and rebuilt with
the design's own ``ds.build``, a forward hook put on its first convolution by hand, the picture
normalised by hand from the data set's bytes.
"""

from __future__ import annotations

import io
import itertools
import json
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from tests.pages import open_page, text_of
from tests.test_queue import BUDGET, kept_parent, tiny_job
from visualizer import design as ds
from visualizer import queue as q
from visualizer.data import load_split
from visualizer.training import store

pytestmark = pytest.mark.slow  # AppTest pages and a few training steps: `make check` skips it


@pytest.fixture
def trained(fashion_env: Path) -> str:
    """A tiny design trained by the queue in a few steps (its weights kept, a row on the board)."""
    job = tiny_job("10.0.9.1", nickname="**Mina** [x](http://e.com)")
    assert q.work(budget=BUDGET, nice=0, threads=1) == 1
    assert (q.outcome(job) or {}).get("state") == "done"
    return job


def rebuilt(job: str) -> tuple[torch.nn.Module, dict[str, Any]]:
    """The kept network rebuilt by hand: torch.load of the file, the design's own build."""
    data = torch.load(store.design_path(job), map_location="cpu", weights_only=True)
    model = ds.build(ds.decode(data["design"]), device="cpu")
    model.load_state_dict(data["state_dict"])
    return model.eval(), data


def elements(at: AppTest, kind: str) -> list[Any]:
    """Every element of a kind on the page, in page order (images have no AppTest accessor)."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        children = getattr(node, "children", None) or {}
        for child in (children.values() if isinstance(children, dict) else children):
            if getattr(child, "type", None) == kind:
                found.append(child)
            walk(child)

    walk(at._tree)
    return found


def test_a_trained_design_shows_the_maps_a_hook_on_its_first_layer_gives(trained: str) -> None:
    at = open_page("features", arch="kept", kept=trained, lang="en")
    assert not at.exception and not at.error
    assert next(s for s in at.selectbox if s.key == "feat_layer").value == 0  # the first layer

    # By hand: the first test picture of class 9 (the page's default sample), scaled to 0..1 and
    # normalised with the mean and std kept with the weights (28 px: no resizing), through the
    # rebuilt network with a hook on its first convolution.
    model, data = rebuilt(trained)
    test = load_split("test")
    i = int((test.labels == 9).nonzero()[0][0])
    x = (test.images[i].float() / 255 - data["mean"]) / data["std"]
    first = next(m for m in model.modules() if isinstance(m, torch.nn.Conv2d))
    seen: list[torch.Tensor] = []
    handle = first.register_forward_hook(lambda _m, _a, y: seen.append(y.detach()))
    with torch.no_grad():
        logits = model(x[None, None])
    handle.remove()
    maps = seen[0][0]
    strength = maps.flatten(1).mean(1)  # each channel's mean response

    assert f"Output of conv1: {maps.shape[0]}×{maps.shape[1]}×{maps.shape[2]}" in text_of(at)
    captions = [img.caption for e in elements(at, "image") for img in e.proto.imgs]
    shown = [int(c.removeprefix("ch ")) for c in captions if c.startswith("ch ")][-16:]  # the 16 maps
    assert sorted(shown) == list(range(16))  # all sixteen channels of conv1
    # Strongest first; the page keeps maps in float16, so two channels within its rounding may
    # swap places.
    tolerance = 2e-3 * float(strength.abs().max())
    for a, b in itertools.pairwise(shown):
        assert strength[a] >= strength[b] - tolerance, (shown, strength.tolist())
    big = next(c for c in captions if c.startswith("Channel "))
    assert big.startswith(f"Channel {shown[0]} of conv1: a {maps.shape[1]}×{maps.shape[2]} map")
    assert strength[shown[0]] >= strength.max() - tolerance

    # Its three best guesses: the rebuilt network's softmax, in percent.
    chart = next(e for e in elements(at, "bidi_component") if "feat_guess" in e.proto.id)
    bars = json.loads(chart.proto.json)["figure"]["data"][0]
    probs = torch.softmax(logits[0], 0)
    best = probs.topk(3).indices.tolist()
    names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
             "Ankle boot"]
    assert sorted(bars["y"]) == sorted(names[c] for c in best)
    for name, percent in zip(bars["y"], bars["x"], strict=True):
        assert percent == pytest.approx(100 * float(probs[names.index(name)]), abs=1e-3)

    # The nickname is someone's typing: plain text, never Markdown or a link.
    assert any("**Mina** [x](http://e.com)" in e.value for e in at.text)
    assert not any("Mina" in str(e.value) for e in (*at.markdown, *at.caption, *at.success, *at.info))


@pytest.mark.parametrize("damage", ["damaged", "missing", "too_big", "foreign"])
def test_a_kept_file_that_cannot_be_used_is_said_with_a_way_back(fashion_env: Path, damage: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    job = "00c0ffee0001"
    source = store.design_path(job)
    source.parent.mkdir(parents=True)
    if damage == "damaged":  # a kept file cut short (a full disk, a copy that failed)
        d = ds.template("tiny")
        store.save(store.Job(job, d), ds.build(d, device="cpu"), {"accuracy": 0.5, "mean": 0.0, "std": 1.0})
        source.write_bytes(source.read_bytes()[:300])
    elif damage == "too_big":
        source.write_bytes(b"\0" * (2 * 2**20 + 1))
        monkeypatch.setattr(store, "MAX_DESIGN_BYTES", 2**20)
    elif damage == "foreign":  # a real checkpoint, but no design to rebuild it
        torch.save({"w": torch.zeros(1)}, source)
    expected = {"damaged": "The file is damaged", "missing": "no longer on the server",
                "too_big": "file is 2 MB; a kept file larger than 1 MB",
                "foreign": "not a design trained in class"}
    at = open_page("features", arch="kept", kept=job, lang="en")
    assert not at.exception
    assert len(at.error) == 1 and expected[damage] in at.error[0].value, [e.value for e in at.error]
    back = next(b for b in at.button if b.key == "feat_kept_back")
    assert back.label == "Look at a lecture network instead"
    back.click().run()
    assert not at.exception and not at.error
    assert next(s for s in at.selectbox if s.key == "feat_arch").value == "alexnet"


def test_a_link_to_a_kept_design_that_is_not_a_jobs_name_is_a_warning(fashion_env: Path) -> None:
    at = open_page("features", arch="kept", kept="../../etc/passwd", lang="en")
    assert not at.exception
    assert any("is not the name of one" in w.value for w in at.warning)
    assert any("No trained design yet" in i.value for i in at.info)  # and nothing else to show


def recorded_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """The files the page's download buttons would make when clicked, by file name."""
    made: dict[str, Callable[[], Any]] = {}
    add = MediaFileManager.add_deferred

    def record(self: MediaFileManager, data_callable: Callable[[], Any], mimetype: str | None,
               coordinates: str, file_name: str | None = None, **kw: Any) -> str:
        made[str(file_name)] = data_callable
        return add(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made


def test_the_boards_download_runs_alone_with_the_kept_models_logits(trained: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    downloads = recorded_downloads(monkeypatch)
    at = open_page("builder", lang="en")  # another student: the board is everyone's
    assert not at.exception
    pick = next(s for s in at.selectbox if s.key == "b_board_pick")
    assert pick.value == trained
    assert pick.options == [f"#1 · {q.board()[0]['accuracy']:.1%} · **Mina** [x](http://e.com) · tiny"]
    assert next(b for b in elements(at, "download_button") if "b_board_zip" in b.proto.id)
    with zipfile.ZipFile(io.BytesIO(downloads["tiny.zip"]())) as z:
        source, weights = z.read("tiny.py").decode(), z.read("tiny.pt")
    space: dict[str, Any] = {}
    exec(compile(source, "tiny.py", "exec"), space)  # the file a student runs at home
    home = space["build"]().eval()
    home.load_state_dict(torch.load(io.BytesIO(weights), weights_only=True))
    model = store.load(store.Job(trained)).model
    x = torch.randn(4, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        assert torch.equal(home(x), model(x))
    # The board's row links to its maps, in a new tab that opens the design.
    board = next(df for df in at.dataframe if "Who" in df.value.columns)
    assert list(board.value["Feature maps"]) == [f"./features?arch=kept&kept={trained}&lang=en"]
    assert list(board.value["Who"]) == ["**Mina** [x](http://e.com)"]


def test_the_students_finished_job_opens_its_feature_maps(trained: str) -> None:
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.session_state["b_job"] = trained  # this student's own job, finished
    at.switch_page("app_pages/features.py").run()  # the page remembers AlexNet from a first visit
    assert next(s for s in at.selectbox if s.key == "feat_arch").value == "alexnet"
    at.switch_page("app_pages/builder.py").run()
    assert not at.exception
    next(b for b in at.button if b.key == "b_see_maps").click().run()
    assert not at.exception and not at.error
    assert next(s for s in at.selectbox if s.key == "feat_arch").value == "kept"
    assert next(s for s in at.selectbox if s.key == "feat_kept").value == trained
    assert at.query_params["kept"] in (trained, [trained])  # the address bar names it
    # A lecture network: kept= leaves the link, and the page still remembers the design (the
    # browser is on the feature-map page now; AppTest runs the page it was told to).
    at.switch_page("app_pages/features.py").run()
    next(s for s in at.selectbox if s.key == "feat_arch").set_value("alexnet").run()
    assert not at.exception and "kept" not in at.query_params
    next(s for s in at.selectbox if s.key == "feat_arch").set_value("kept").run()
    assert next(s for s in at.selectbox if s.key == "feat_kept").value == trained
    assert at.query_params["kept"] in (trained, [trained])


def test_a_students_own_kept_design_is_trained_further_from_the_page(
        fashion_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from visualizer.i18n import t

    mine = tiny_job("local", nickname="Mina")  # a page run by AppTest is the student "local"
    theirs = tiny_job("10.0.9.4", nickname="Bo")
    assert q.work(budget=BUDGET, nice=0, threads=1) == 2  # both on the board, their weights kept
    monkeypatch.setattr(q, "ensure_worker", lambda folder=None: None)  # the job stays queued here
    at = open_page("features", arch="kept", kept=theirs, lang="ko")
    assert not at.exception and not any(b.key == "feat_further" for b in at.button)  # not theirs to train
    at = open_page("features", arch="kept", kept=mine, lang="ko")
    assert not at.exception
    next(b for b in at.button if b.key == "feat_further").click().run()
    assert not at.exception and not at.error
    queued = q.mine("local")
    assert queued is not None and queued["from"] == mine
    assert ds.decode(queued["design"]) == ds.template("tiny")
    assert t("kept.further.queued", "ko", n=1) in text_of(at)
    assert any(b.key == "feat_further_follow" for b in at.button)


def jobs_queued() -> list[str]:
    """Every job the queue was given: waiting, or written as ended."""
    done = [p.stem for p in (q.queue_dir() / "done").glob("*.json")]
    return sorted([j["id"] for j in q.waiting()] + done)


def test_only_a_click_trains_further_and_the_page_shows_how_it_ended(
        fashion_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loads, reruns and a second tab queue nothing; the click queues one job, in the button's
    callback (before the page's body runs), and a stale second tab's click is refused; once the job
    has ended the page says so and offers the new design, whose entry in the list differs."""
    from visualizer.i18n import t

    monkeypatch.setattr(q, "ensure_worker", lambda folder=None: None)  # the job stays queued here
    parent = "0000000000a1"
    kept_parent(parent, "local", finished=1_000.0)  # a page run by AppTest is the student "local"
    before = jobs_queued()
    order: list[str] = []
    submit = q.submit
    def noted(name: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def run(*a: Any, **k: Any) -> Any:
            order.append(name)
            return call(*a, **k)
        return run

    monkeypatch.setattr(q, "submit", noted("submit", submit))
    tabs = [open_page("features", arch="kept", kept=parent, lang="ko") for _ in range(2)]
    for at in tabs:
        for _ in range(3):  # reruns: a lecture step, a reconnect, a widget elsewhere
            at.run()
        assert not at.exception and jobs_queued() == before
    from app_pages import common
    header = common.header
    monkeypatch.setattr(common, "header", noted("page", header))
    next(b for b in tabs[0].button if b.key == "feat_further").click().run()
    assert order[:2] == ["submit", "page"]  # the click's callback, then the page
    assert not tabs[0].exception and not tabs[0].error
    child = q.mine("local")
    assert child is not None and child["from"] == parent and jobs_queued() == sorted([*before, child["id"]])
    assert t("kept.further.queued", "ko", n=1) in text_of(tabs[0])
    for _ in range(2):
        tabs[0].run()
    next(b for b in tabs[1].button if b.key == "feat_further").click().run()  # the other tab's old button
    assert [w.value for w in tabs[1].warning] == [t("queue.further_queued", "ko")]
    assert jobs_queued() == sorted([*before, child["id"]])

    # The job ends (as the worker ends it: its file gone from the line, its weights kept).
    (q.queue_dir() / "jobs" / child["file"]).unlink()
    kept_parent(child["id"], "local", finished=2_000.0, parent=parent)
    tabs[0].run()
    at = tabs[0]
    assert not at.exception and not any(b.key == "feat_further" for b in at.button)
    done = t("kept.further.done", "ko", acc=0.393, time=time.strftime("%H:%M", time.localtime(2_000.0)))
    assert done in text_of(at)
    pick = next(s for s in at.selectbox if s.key == "feat_kept")
    labels = list(pick.options)  # AppTest holds the options as the browser shows them
    at1, at2 = (time.strftime("%H:%M", time.localtime(x)) for x in (1_000.0, 2_000.0))
    assert labels == [f"내 설계 · 이어서 학습 · {at2} 완료 · 39.3% · tiny",
                      f"내 설계 · {at1} 완료 · 39.3% · tiny"]
    next(b for b in at.button if b.key == "feat_further_open").click().run()
    assert next(s for s in at.selectbox if s.key == "feat_kept").value == child["id"]
    assert any(b.key == "feat_further" for b in at.button)  # the new design may go further still
    assert jobs_queued() == sorted([*before, child["id"]])


def test_two_runs_that_end_in_one_minute_are_told_apart(fashion_env: Path) -> None:
    """The same design, the same accuracy, the same minute: the job's own name tells them apart."""
    for job in ("0000000000c1", "0000000000c2"):
        kept_parent(job, "local", finished=5_000.0)
    at = open_page("features", arch="kept", kept="0000000000c1", lang="en")
    pick = next(s for s in at.selectbox if s.key == "feat_kept")
    when = time.strftime("%H:%M", time.localtime(5_000.0))
    assert sorted(pick.options) == [  # as the browser shows them
        f"Mine · finished {when} · 39.3% · tiny · 0000000000c1",
        f"Mine · finished {when} · 39.3% · tiny · 0000000000c2"]


def test_a_further_job_that_failed_is_said_and_the_button_comes_back(
        fashion_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from visualizer.i18n import t

    monkeypatch.setattr(q, "ensure_worker", lambda folder=None: None)
    kept_parent("0000000000a1", "local", finished=1_000.0)
    at = open_page("features", arch="kept", kept="0000000000a1", lang="en")
    next(b for b in at.button if b.key == "feat_further").click().run()
    child = q.mine("local")
    assert child is not None
    # The worker ends it as failed (over its memory limit), as _finish writes it.
    (q.queue_dir() / "jobs" / child["file"]).unlink()
    (q.queue_dir() / "done" / f"{child['id']}.json").write_text(json.dumps(
        {**{k: v for k, v in child.items() if k != "file"}, "state": "failed", "error": "queue.memory_limit",
         "values": {"gib": "1.2"}}))
    at.run()
    assert not at.exception
    # The page writes the values Markdown-safe (1\.2): the sentence read without its escapes.
    assert [e.value.replace("\\", "") for e in at.error] == [t("queue.memory_limit", "en", gib="1.2")]
    assert any(b.key == "feat_further" for b in at.button) and q.further_of("local", "0000000000a1") is None
