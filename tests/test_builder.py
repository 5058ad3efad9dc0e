"""The builder page (AppTest) and the class's training queue and board.

Numbers are checked against hand-worked sums, torchvision's published counts and torch itself
(a real forward pass or ``numel`` of a model built on the CPU), never against the page's own
tracer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from models import build_model
from tests.conftest import make_fashion
from tests.pages import open_page, text_of
from visualizer import design as ds
from visualizer import queue as q
from visualizer.data import load_split
from visualizer.train import evaluate
from visualizer.training import store

pytestmark = pytest.mark.slow  # AppTest pages, real training or files: `make check` skips it


def shown_design(at) -> ds.Design:  # type: ignore[no-untyped-def]
    """The design the page put in the address bar."""
    return ds.decode(at.query_params["design"][0] if isinstance(at.query_params["design"], list)
                     else at.query_params["design"])


def metric_exact(at, index: int) -> int:  # type: ignore[no-untyped-def]
    """The exact number in a headline metric's help (``... (61,100,840)``)."""
    help_text = at.metric[index].proto.help
    return int(help_text[help_text.rindex("(") + 1:help_text.rindex(")")].replace(",", ""))


def cpu_params(d: ds.Design) -> int:
    return sum(p.numel() for p in ds.build(d, device="cpu").parameters())


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_default_template_has_its_hand_worked_numbers(lang: str) -> None:
    at = open_page("builder", lang=lang)
    assert not at.exception
    # conv 1->16 3x3: 9*16+16; conv 16->32: 16*9*32+32; linear 32*7*7 -> 10: 1568*10+10
    assert metric_exact(at, 0) == 160 + 4_640 + 15_690
    # MACs: 16*9*28*28 + 32*16*9*14*14 + 1568*10
    assert metric_exact(at, 1) == 112_896 + 903_168 + 15_680
    assert len(shown_design(at).items) == 8


@pytest.mark.parametrize(("name", "published"), [
    ("alexnet", 61_100_840), ("googlenet", 6_624_904), ("resnet50", 25_557_032),
    ("densenet121", 7_978_856), ("alexnet_paper", 60_965_224)])
def test_a_zoo_network_opens_with_its_published_numbers(name: str, published: int,
                                                        torchvision_meta: dict) -> None:  # type: ignore[type-arg]
    at = open_page("builder", **{"from": name})
    assert not at.exception
    assert metric_exact(at, 0) == published
    if name in torchvision_meta:
        assert metric_exact(at, 0) == torchvision_meta[name]["num_params"]
        assert abs(metric_exact(at, 1) / 1e9 - torchvision_meta[name]["gflops"]) < 0.006


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_conv1_breaks_the_network_and_the_fix_makes_it_pass(lang: str) -> None:
    at = open_page("builder", lang=lang, **{"from": "alexnet"})
    stride = next(n for n in at.number_input
                  if n.key and n.key.startswith("b_f_") and n.key.endswith("_stride"))
    stride.set_value(32).run()
    # 224 -> conv1 (11/32, pad 2) 7 -> pool 3 -> conv2..5 3 -> pool 1 -> the last pool (3x3) breaks
    assert shown_design(at).items[0]["stride"] == 32
    zoo = build_model("alexnet")
    conv1 = zoo.get_submodule("features.0")
    assert isinstance(conv1, torch.nn.Conv2d)
    conv1.stride = (32, 32)
    with pytest.raises(RuntimeError):  # torch agrees: the real AlexNet cannot run like this
        zoo(torch.zeros(1, 3, 224, 224))
    assert len(at.error) == 1
    assert "13" in at.error[0].value and "MaxPool2d" in at.error[0].value
    fix = next(b for b in at.button if "15" in b.label)  # the nearest stride that passes (by hand: 15)
    fix.click().run()
    assert not at.error and not at.exception
    fixed = shown_design(at)
    assert fixed.items[0]["stride"] == 15
    out = ds.build(fixed, device="cpu")(torch.zeros(1, 3, 224, 224))
    assert out.shape == (1, 1000)
    assert metric_exact(at, 0) == cpu_params(fixed)


def test_adding_a_residual_block_adds_its_hand_worked_parameters() -> None:
    at = open_page("builder", lang="en")
    at.session_state["b_sel"] = 5  # after the second pooling (32 channels, 7x7), as a click
    at.session_state["b_nonce"] += 1  # on its row does (the table takes the new selection)
    at.run()
    next(s for s in at.selectbox if s.key == "b_add").set_value("residual").run()
    next(b for b in at.button if b.label == "Add").click().run()
    d = shown_design(at)
    assert [it.type for it in d.items][5:8] == ["maxpool", "residual", "flatten"]
    # basic block 32 -> 64: 3x3 convs 32*9*64 + 64*9*64, two batch norms 2*128, and a projection
    # (the shape changes): 1x1 conv 32*64 and its batch norm 128; then the linear layer sees
    # 64*7*7 = 3136 inputs: 3136*10 + 10.
    block = 18_432 + 36_864 + 2 * 128 + 2_048 + 128
    assert metric_exact(at, 0) == 160 + 4_640 + block + 31_370 == cpu_params(d)


def test_move_duplicate_and_remove() -> None:
    at = open_page("builder", lang="en")

    def click(label: str) -> list[str]:
        next(b for b in at.button if b.label == label).click().run()
        return [it.type for it in shown_design(at).items]

    types = [it.type for it in shown_design(at).items]
    assert click("Move down") == [types[1], types[0], *types[2:]]
    assert click("Move up") == types
    assert click("Duplicate") == [types[0], *types]
    assert click("Remove") == types
    assert not at.exception


def test_a_design_link_opens_the_same_design() -> None:
    d = ds.template("mini_resnet")
    at = open_page("builder", design=ds.encode(d), lang="en")
    assert shown_design(at) == d
    assert metric_exact(at, 0) == cpu_params(d)


def test_the_auxiliary_classifiers_note_follows_the_inception_blocks_not_the_name() -> None:
    from dataclasses import replace

    aux = "no auxiliary classifiers"
    renamed = replace(ds.from_zoo("googlenet"), name="my network")
    at = open_page("builder", design=ds.encode(renamed), lang="en")
    assert not at.exception
    assert sum(aux in c.value for c in at.caption) == 1
    impostor = replace(ds.template("tiny"), name="googlenet")
    at = open_page("builder", design=ds.encode(impostor), lang="en")
    assert not at.exception
    assert not any(aux in c.value for c in at.caption)


def test_the_link_holds_only_the_design_and_a_rerun_reads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """``from=`` opens a network; the address bar then holds the design alone (not ``from``, not
    the selected item), and a rerun decodes no link: the design is the session's value and its
    trace is cached by its link."""
    decoded: list[str] = []
    real = ds.decode
    def counted(value: str) -> ds.Design:
        decoded.append(value)
        return real(value)

    monkeypatch.setattr(ds, "decode", counted)
    at = open_page("builder", lang="en", **{"from": "lenet"})
    assert not at.exception
    assert sorted(at.query_params) == ["design", "lang"]
    link = at.query_params["design"]
    link = link[0] if isinstance(link, list) else link
    assert real(link) == ds.template("lenet")
    decoded.clear()
    at.run()
    assert decoded == []
    assert metric_exact(at, 0) == cpu_params(ds.template("lenet"))


@pytest.mark.parametrize(("params", "words"), [
    ({"design": "1.nonsense"}, "damaged"), ({"design": "7.abc"}, "reads version 1"),
    ({"from": "resnet1000"}, "resnet1000"), ({"design": "x" * 9000}, "longer than 8000")])
def test_a_bad_link_says_why_and_shows_a_template(params: dict[str, str], words: str) -> None:
    at = open_page("builder", lang="en", **params)
    assert not at.exception
    assert any(words in w.value for w in at.warning), [w.value for w in at.warning]
    assert shown_design(at) == ds.template("tiny")


def test_an_empty_design_says_what_to_do() -> None:
    at = open_page("builder", lang="en", **{"from": "empty"})
    assert "The design is empty" in text_of(at)
    next(b for b in at.button if b.label == "Add").click().run()
    assert [it.type for it in shown_design(at).items] == ["conv"]
    assert not at.exception


def test_a_design_too_costly_is_refused_with_the_limit() -> None:
    big = ds.parse({"input": [3, 1024], "items": [{"type": "conv", "out": 4096, "kernel": 3},
                                                   {"type": "conv", "out": 4096, "kernel": 3}]})
    at = open_page("builder", design=ds.encode(big), lang="en")
    assert not at.exception
    assert any("the limit is 200,000,000" in e.value or "the limit is 40,000,000,000" in e.value
               for e in at.error), [e.value for e in at.error]


# ---- The queue ------------------------------------------------------------------------------

# A few steps' worth of work: the tiny CNN (4.4 M MAC-equivalents a picture) sees 680 pictures.
BUDGET = 3 * 10**9


def submit(name: str, owner: str, folder: Path | None = None) -> str:
    d = ds.template(name)
    result, net = q.measure(d)
    return q.submit(d, owner=owner, nickname=owner, params=result.total_params, macs=result.total_macs,
                    need=q.trainable(d, result, net), folder=folder, start=False)


def test_jobs_run_in_the_order_they_came_one_per_student(fashion_env: Path) -> None:
    first, second = submit("tiny", "ann"), submit("lenet", "bo")
    with pytest.raises(q.QueueError, match="busy_owner"):
        submit("tiny", "ann")
    assert [j["id"] for j in q.waiting()] == [first, second]
    assert q.work(budget=BUDGET, nice=0, threads=1) == 2
    a, b = q.outcome(first), q.outcome(second)
    assert a is not None and b is not None and a["state"] == b["state"] == "done"
    assert a["finished"] < b["finished"]
    assert 0 <= a["accuracy"] <= 1 and a["test_images"] == 100
    # The board: both, best first, each with the link that opens its design.
    rows = q.board()
    assert {r["id"] for r in rows} == {first, second}
    assert rows[0]["accuracy"] >= rows[1]["accuracy"]
    assert ds.decode(next(r for r in rows if r["id"] == first)["design"]) == ds.template("tiny")
    # Each design's learned weights are kept with it: loaded back, they score what the job said.
    assert a["weights"] and b["weights"]
    opened = store.load(store.Job(first))
    design = opened.design
    assert design == ds.template("tiny")
    again = evaluate(opened.model, load_split("test"), design.size, opened.mean, opened.std)
    assert round(again, 4) == a["accuracy"]


def test_a_waiting_job_can_be_cancelled(fashion_env: Path) -> None:
    first, second = submit("tiny", "ann"), submit("lenet", "bo")
    q.cancel(second)
    assert [j["id"] for j in q.waiting()] == [first]
    assert q.outcome(second)["state"] == "cancelled"  # type: ignore[index]
    assert q.board() == []


def test_the_teacher_empties_the_queue(fashion_env: Path) -> None:
    for owner in ("a", "b", "c"):
        submit("tiny", owner)
    assert q.clear() == 3
    assert q.waiting() == []


def test_a_job_that_fails_says_why_and_the_next_one_runs(fashion_env: Path) -> None:
    rgb = ds.Design(ds.template("tiny").items, 3, 28, "rgb")  # Fashion-MNIST has one channel
    tiny = ds.template("tiny")
    bad = q.submit(rgb, owner="x", nickname="x", params=1, macs=1, need=q.trainable(tiny, *q.measure(tiny)),
                   start=False)  # as if the page's check had been passed by: the worker checks again
    good = submit("tiny", "y")
    assert q.work(budget=BUDGET, nice=0, threads=1) == 2
    failed = q.outcome(bad)
    assert failed is not None and failed["state"] == "failed" and failed["error"] == "queue.channels"
    assert q.outcome(good)["state"] == "done"  # type: ignore[index]
    assert [r["id"] for r in q.board()] == [good]


def test_a_missing_data_set_fails_the_job_with_the_install_hint(fashion_env: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CNNVIS_FASHION_DIR", str(fashion_env / "nowhere"))
    job = submit("tiny", "z")
    q.work(budget=BUDGET, nice=0, threads=1)
    assert q.outcome(job)["error"] == "data.missing"  # type: ignore[index]


def test_a_killed_worker_loses_its_job_but_never_the_board(fashion_env: Path) -> None:
    done = submit("tiny", "a")
    q.work(budget=BUDGET, nice=0, threads=1)
    # A worker killed mid-job leaves running.json saying "running" with no lock held.
    (q.queue_dir() / "running.json").write_text(json.dumps({"id": "dead1", "state": "running",
                                                             "nickname": "b"}))
    assert q.running()["state"] == "lost"  # type: ignore[index]
    waiting = submit("lenet", "c")  # the queue's files survive a restart of the server
    # A new process (the server after a restart) reads the same board and restarts the work.
    code = ("from visualizer import queue as q; import json; "
            "print(json.dumps([r['id'] for r in q.board()]));"
            f"print(q.work(budget={BUDGET}, nice=0, threads=1))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
                         check=True).stdout.splitlines()
    assert json.loads(out[0]) == [done]
    assert out[1] == "1"
    assert q.outcome("dead1")["state"] == "lost"  # type: ignore[index]
    assert {r["id"] for r in q.board()} == {done, waiting}


def test_a_damaged_board_line_is_skipped(fashion_env: Path) -> None:
    q.post({"id": "a", "accuracy": 0.5})
    with open(q.board_path(), "a") as fh:
        fh.write('{"id": "half", "accur')  # a write cut short (a full disk)
    q.post({"id": "b", "accuracy": 0.7})
    assert [r["id"] for r in q.board()] == ["b", "a"]


def test_a_student_trains_a_design_and_sees_it_on_the_board(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    make_fashion(tmp_path / "data")
    monkeypatch.setenv("CNNVIS_FASHION_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CNNVIS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CNNVIS_QUEUE_BUDGET", "1")  # the worker the page starts inherits it
    at = open_page("builder", lang="en")
    at.text_input(key="b_nickname").input("Mina")
    next(b for b in at.button if b.label == "Train it").click().run()
    assert not at.exception
    job = at.session_state["b_job"]
    deadline = time.monotonic() + 240
    while (q.outcome(job) or {}).get("state") != "done":
        assert time.monotonic() < deadline, (q.running(), (q.queue_dir() / "log.txt").read_text())
        time.sleep(0.5)
    at.run()
    text = text_of(at)
    assert "Test accuracy" in text and "on the class board" in text
    board = next(df for df in at.dataframe if "Who" in df.value.columns)
    assert list(board.value["Who"]) == ["Mina"]


def test_an_input_too_small_offers_the_smallest_that_works() -> None:
    at = open_page("builder", lang="en", **{"from": "alexnet"})
    at.number_input(key="b_size").set_value(50).run()
    assert len(at.error) == 1 and "MaxPool2d" in at.error[0].value
    # By hand: 63 -> conv1 (11/4, pad 2) 15 -> pool 7 -> pool 3 -> pool 1 passes; 62 -> 14 -> 6 ->
    # 2, and the last 3x3 pooling does not fit.
    next(b for b in at.button if b.label == "Use an input of 63×63").click().run()
    assert not at.error
    assert shown_design(at).size == 63
    assert ds.build(shown_design(at), device="cpu")(torch.zeros(1, 3, 63, 63)).shape == (1, 1000)


def test_start_from_opens_a_network_with_its_numbers() -> None:
    at = open_page("builder", lang="en")
    next(s for s in at.selectbox if s.key == "b_from").set_value("resnet50").run()
    next(b for b in at.button if b.label == "Open").click().run()
    assert metric_exact(at, 0) == 25_557_032  # torchvision's published count


def test_a_korean_slide_shows_each_items_shape_in_its_half_of_the_screen() -> None:
    """On a 1366 px slide (root type 21 px: app_pages/projector.py) the items table has half the
    page beside the shape chart: the page's padding is 2 rem a side, the columns 1 rem apart, the
    grid's row checkbox about 2 rem. AlexNet's names with their English class names in
    parentheses ("적응형 평균 풀링 (AdaptiveAvgPool2d)") made the item column 540 px wide and
    pushed the output shapes out of sight ("64×5")."""
    at = open_page("builder", lang="ko", present="1", **{"from": "alexnet"})
    grid = at.dataframe[0]
    columns = json.loads(grid.proto.columns)
    shown = {name: c["width"] for name, c in columns.items() if not c.get("hidden")}
    assert set(shown) == {"항목", "출력 (C×H×W)"}
    root = 21
    half = (1366 - 4 * root - root) / 2
    assert sum(shown.values()) + 2 * root <= half
    items = grid.value["항목"].tolist()
    assert items[:3] == ["합성곱", "ReLU", "최대 풀링"] and "적응형 평균 풀링" in items


def test_the_teacher_empties_the_queue_and_starts_a_new_contest(fashion_env: Path) -> None:
    from visualizer.roles import teacher_token

    for owner in ("a", "b"):
        submit("tiny", owner)
    q.post({"id": "old", "accuracy": 0.9, "nickname": "last week"})
    student = open_page("builder", lang="en")
    assert not any(b.label.startswith(("Empty the queue", "New contest")) for b in student.button)
    at = open_page("builder", lang="en", teacher=teacher_token())
    next(b for b in at.button if b.label == "Empty the queue (teacher)").click().run()
    assert q.waiting() == []
    next(b for b in at.button if b.label == "New contest (teacher)").click().run()
    assert q.board() == []
    kept = list(q.board_path().parent.glob("board-*.jsonl"))
    assert len(kept) == 1 and "last week" in kept[0].read_text()  # kept, not deleted


def test_the_page_says_what_alexnet_needs_to_join_the_class_contest() -> None:
    """From AlexNet to a design the class can train, one message at a time."""
    d = ds.from_zoo("alexnet")

    def refusal(design: ds.Design) -> str | None:
        try:
            q.trainable(design, *q.measure(design))
        except q.QueueError as err:
            return err.code
        return None

    assert refusal(d) == "channels"  # RGB; Fashion-MNIST is gray
    gray = ds.Design(d.items, 1, 224, d.name)
    assert refusal(gray) == "classes"  # 1000 ImageNet classes
    ten = ds.Design((*gray.items[:-1], gray.items[-1].with_(out=10)), 1, 224, d.name)
    assert refusal(ten) == "work"  # ~0.66 G MACs a picture at 224 px, more with the other layers
    assert refusal(ds.Design(ten.items, 1, 63, d.name)) is None  # its smallest input fits
