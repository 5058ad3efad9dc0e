"""The class queue as a playful or unlucky room meets it: one student with twenty tabs, a design
that would eat the machine, a cancel in every phase of a job, a full disk, a read-only folder,
a damaged board, nicknames that look like links."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pages import open_page
from visualizer import cost
from visualizer import design as ds
from visualizer import queue as q
from visualizer.training import runner

BUDGET = 3 * 10**9  # a few steps of the tiny CNN


def tiny_job(owner: str, nickname: str | None = None, name: str = "tiny") -> str:
    d = ds.template(name)
    result, net = q.measure(d)
    return q.submit(d, owner=owner, nickname=nickname or owner, params=result.total_params,
                    macs=result.total_macs, need=q.trainable(d, result, net), start=False)


# ---- What a design costs ---------------------------------------------------------------------

def pools_design(size: int, pools: int) -> ds.Design:
    """The issue's design: one 1x1 convolution at ``size`` px, then 15x15 max-pools that keep
    the size (stride 1, padding 7)."""
    return ds.parse({"input": [1, size], "items": [
        {"type": "conv", "out": 1, "kernel": 1, "padding": 0},
        *[{"type": "maxpool", "kernel": 15, "stride": 1, "padding": 7}] * pools,
        {"type": "adaptive_avgpool"}, {"type": "flatten"}, {"type": "linear", "out": 10}]})


def test_a_costly_design_of_few_macs_is_refused_for_what_it_really_costs() -> None:
    """1.05 M MACs, yet about 17 GiB at batch 128 and two billion window looks a picture."""
    d = pools_design(1024, 8)
    result, net = q.measure(d)
    assert result.total_macs == 1024 * 1024 + 1 * 10  # the 1x1 convolution, then a linear of 1 -> 10
    assert result.total_params == (1 + 1) + (10 + 10)
    need = cost.training_cost(result, net)
    side = 1024 * 1024
    # By hand: the outputs of the convolution, the eight max-pools, the average pool, flatten and
    # the linear layer, each kept with its gradient (4 + 4 bytes); the positions of each max-pool's
    # maxima (8 bytes); at batch 128; then the 22 parameters four times (4 bytes each).
    kept = 8 * (side + 8 * side + 1 + 1 + 10) + 8 * 8 * side
    assert need.memory == 128 * kept + 16 * 22
    assert 16.5 < need.memory / 2**30 < 17.5
    # Each max-pool: values in and out at VALUE each, and 225 window looks at WINDOW each.
    pool_work = cost.VALUE * 2 * side + cost.WINDOW * 225 * side
    assert need.work > 8 * pool_work > cost.MAX_WORK
    with pytest.raises(q.QueueError) as refused:
        q.trainable(d, result, net)
    assert refused.value.code == "work" and refused.value.values["high"] == f"{cost.MAX_WORK:,}"


def test_the_nearest_input_that_fits_is_found_and_fits() -> None:
    d = pools_design(1024, 8)
    size = q.fitting_size(d)
    assert size is not None
    fits = ds.Design(d.items, d.channels, size, d.name)
    q.trainable(fits, *q.measure(fits))  # no refusal
    bigger = ds.Design(d.items, d.channels, size + 1, d.name)
    with pytest.raises(q.QueueError):
        q.trainable(bigger, *q.measure(bigger))


def test_every_design_gets_the_same_work_not_the_same_seconds() -> None:
    """A small network sees more pictures than a large one, and neither depends on the load."""
    small, large = (cost.training_cost(*q.measure(ds.template(n))) for n in ("lenet", "mini_resnet"))
    assert small.pictures == cost.MAX_PICTURES  # LeNet stops after one pass over the data
    assert large.pictures == cost.WORK_BUDGET // large.work < small.pictures
    assert large.pictures >= cost.MIN_PICTURES


# ---- One student, one job ---------------------------------------------------------------------

def test_twenty_tabs_of_one_student_queue_one_job(fashion_env: Path) -> None:
    errors: list[str] = []
    barrier = threading.Barrier(20)

    def tab() -> None:
        barrier.wait()
        try:
            tiny_job("10.0.0.7")
        except q.QueueError as err:
            errors.append(err.code)

    threads = [threading.Thread(target=tab) for _ in range(20)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert [j["owner"] for j in q.waiting()] == ["10.0.0.7"]
    assert errors == ["busy_owner"] * 19
    tiny_job("10.0.0.8")  # another student still gets in


def test_a_job_being_taken_by_the_worker_is_still_the_students(fashion_env: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker takes the waiting job and starts it: from the moment it leaves jobs/, the
    student's job is the running one, so a second tab is refused (busy_owner). It was taken out
    of jobs/ first and written as running later, and in between a second tab of the same student
    saw no job and queued another (the sixty-tabs browser test, once in a fresh clone's CI)."""
    job_id = tiny_job("10.0.0.9")
    seen: list[object] = []

    def start(job: dict, folder: Path | None, options: dict) -> dict:  # type: ignore[type-arg]
        if seen:  # a second job, had one been queued: ended at once
            return job | {"state": "cancelled"}
        # the moment the job is handed over to be run: the same student's second tab now
        seen.append((q.mine("10.0.0.9") or {}).get("id"))
        try:
            tiny_job("10.0.0.9")
            seen.append("queued a second job")
        except q.QueueError as err:
            seen.append(err.code)
        return job | {"state": "cancelled"}

    monkeypatch.setattr(q, "_run_job", start)
    q.work()
    assert seen == [job_id, "busy_owner"]


def test_a_killed_workers_job_is_lost_at_once_and_its_student_may_queue_again(fashion_env: Path) -> None:
    q.queue_dir().mkdir(parents=True, exist_ok=True)
    (q.queue_dir() / "running.json").write_text(json.dumps(
        {"id": "dead1", "state": "running", "owner": "10.0.0.9", "nickname": "b"}))
    assert q.running()["state"] == "lost"  # type: ignore[index]  # no worker holds the lock
    assert q.mine("10.0.0.9") is None
    tiny_job("10.0.0.9")


# ---- A cancel in every phase, and the time limit ------------------------------------------------

def run_worker_until(state: str, job: str, ran: list[int]) -> threading.Thread:
    thread = threading.Thread(target=lambda: ran.append(q.work(budget=BUDGET, nice=0, threads=1)),
                              daemon=True)
    thread.start()
    deadline = time.monotonic() + 180
    while (q.running() or {}).get("state") != state or (q.running() or {}).get("id") != job:
        assert time.monotonic() < deadline, (q.running(), (q.queue_dir() / "log.txt").read_text())
        time.sleep(0.05)
    return thread


@pytest.mark.slow  # starts a Python process that imports torch: in `make test`, not `make check`
@pytest.mark.parametrize("phase", ["loading", "running", "evaluating"])
def test_a_cancel_stops_a_job_in_every_phase(fashion_env: Path, monkeypatch: pytest.MonkeyPatch,
                                             phase: str) -> None:
    """The job's process is held in ``phase`` as if a step never ended: the cancel still ends it."""
    monkeypatch.setenv(runner.HOLD_ENV, phase)
    job = tiny_job("10.0.0.1")
    ran: list[int] = []
    thread = run_worker_until(phase, job, ran)
    pid = q.running()["pid"]  # type: ignore[index]
    assert runner.alive(pid)
    q.cancel(job)
    thread.join(timeout=30)
    assert not thread.is_alive() and ran == [1]
    assert q.outcome(job)["state"] == "cancelled"  # type: ignore[index]
    assert not runner.alive(pid) and q.board() == []


def test_a_job_waiting_for_the_teachers_run_can_be_cancelled(fashion_env: Path) -> None:
    from visualizer.runs import run_lock

    job = tiny_job("10.0.0.2")
    with run_lock():  # the teacher's own run has the machine
        ran: list[int] = []
        thread = run_worker_until("waiting_machine", job, ran)
        q.cancel(job)
        thread.join(timeout=30)
    assert q.outcome(job)["state"] == "cancelled"  # type: ignore[index]


def watched_states(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """Every state the worker writes to running.json, and the state running.json shows when the
    job's process would be spawned (``_watch`` replaced: no process, the job ends cancelled)."""
    written: list[str] = []
    at_spawn: list[str] = []
    write = runner.write_status

    def recording(path: Path, status: dict[str, object]) -> None:
        if path.name == "running.json":
            written.append(str(status["state"]))
        write(path, status)

    def watch(status: dict[str, object], *_: object) -> dict[str, object]:
        at_spawn.append(str((q.running() or {}).get("state")))
        return status | {"state": "cancelled"}

    monkeypatch.setattr(runner, "write_status", recording)
    monkeypatch.setattr(q, "_watch", watch)
    return written, at_spawn


def test_a_job_with_the_machine_free_never_says_the_teacher_has_it(
        fashion_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe: every job said "the teacher's training has the machine" while its process
    started, with no teacher's run at all."""
    written, at_spawn = watched_states(monkeypatch)
    tiny_job("10.0.0.4")
    assert q.work(budget=BUDGET, nice=0, threads=1) == 1
    assert at_spawn == ["starting"]
    assert "waiting_machine" not in written and written[0] == "starting"


def test_a_job_says_the_teacher_has_the_machine_only_while_the_lock_is_held(
        fashion_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from visualizer.runs import run_lock

    written, at_spawn = watched_states(monkeypatch)
    job = tiny_job("10.0.0.5")
    ran: list[int] = []
    with run_lock():  # the teacher's own run has the machine
        thread = run_worker_until("waiting_machine", job, ran)
    thread.join(timeout=30)
    assert ran == [1] and at_spawn == ["starting"]  # the lock released: starting again, then spawned
    assert written[:3] == ["starting", "starting", "waiting_machine"]  # taken, tried, found busy


def test_a_job_past_its_time_limit_is_stopped_and_says_so(fashion_env: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(runner.HOLD_ENV, "running")
    monkeypatch.setenv("CNNVIS_TEST_JOB_SECONDS", "1")
    job = tiny_job("10.0.0.3")
    assert q.work(budget=BUDGET, nice=0, threads=1) == 1
    ended = q.outcome(job)
    assert ended is not None and ended["state"] == "failed" and ended["error"] == "queue.timeout"


# ---- Disks that fail -------------------------------------------------------------------------

@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    folder = tmp_path / "mnt"
    folder.mkdir()
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_said_on_queueing(mounted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mounted)], check=True)
    monkeypatch.setenv("CNNVIS_CACHE", str(mounted))
    q.queue_dir().mkdir(parents=True)
    (mounted / "filler").write_bytes(b"x" * (64 * 1024 - 8192))
    with pytest.raises(OSError) as full:
        for n in range(40):  # until the disk has no room for another job file
            tiny_job(f"10.0.1.{n}")
    assert runner.io_code(full.value) == "full"


def test_a_read_only_cache_folder_is_said_on_queueing_and_on_the_teachers_start(
        mounted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from visualizer.runs import RunError, start_run

    subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(mounted)], check=True)
    monkeypatch.setenv("CNNVIS_CACHE", str(mounted))
    with pytest.raises(OSError) as refused:
        tiny_job("10.0.2.1")
    assert runner.io_code(refused.value) == "read_only"
    with pytest.raises(RunError) as start:
        start_run("resnet18")
    assert start.value.code == "unwritable" and start.value.values["io"] == "read_only"


@pytest.mark.slow  # starts a Python process that imports torch: in `make test`, not `make check`
def test_the_worker_goes_on_when_a_job_cannot_be_recorded(fashion_env: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A job whose result cannot be written (the disk filled up) is that job's problem: the
    worker says so in its log and trains the next one."""
    first, second = tiny_job("10.0.3.1"), tiny_job("10.0.3.2", name="lenet")
    real = runner.write_status

    def full_for_first(path: Path, data: dict) -> None:  # type: ignore[type-arg]
        if path.name == f"{first}.json":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(runner, "write_status", full_for_first)
    assert q.work(budget=BUDGET, nice=0, threads=1) == 2
    assert q.outcome(second)["state"] == "done"  # type: ignore[index]
    assert "could not be recorded" in (q.queue_dir() / "log.txt").read_text()


# ---- The board --------------------------------------------------------------------------------

def test_damaged_board_lines_are_skipped_and_counted(fashion_env: Path) -> None:
    """Equal accuracies with a malformed 'finished' once crashed the page for everyone."""
    q.post({"id": "a", "accuracy": 0.8, "finished": 2.0, "nickname": "Ann"})
    q.post({"id": "b", "accuracy": 0.8, "finished": "yesterday", "nickname": "Bo"})
    q.post({"id": "c", "accuracy": 0.8, "finished": 1.0, "nickname": "Cy"})
    q.post({"id": "d", "accuracy": "high"})
    q.post({"id": "e", "accuracy": 7})
    q.post({"id": "f", "accuracy": 0.5, "params": "many"})
    with open(q.board_path(), "a") as fh:
        fh.write("[1, 2]\n" + "{" * 30_000 + "\n")
    rows, skipped = q.read_board()
    assert [r["id"] for r in rows] == ["c", "a"]  # equal accuracies: the earlier first
    assert skipped == 6
    at = open_page("builder", lang="en")
    assert not at.exception
    assert any("6 damaged lines" in c.value for c in at.caption)


# ---- What a student types ----------------------------------------------------------------------

@pytest.mark.parametrize("nickname", ["www.example.com", "http://3232235777/x", "user@example.com",
                                      ":material/lock:", "**bold** [x](http://e.com)", ":red[hi]"])
def test_nicknames_are_plain_text_on_everyones_page(fashion_env: Path, nickname: str) -> None:
    tiny_job("10.0.4.1", nickname=nickname)
    at = open_page("builder", lang="en")
    assert not at.exception
    lines = [e.value for e in at.text]
    assert any(nickname in line for line in lines), lines  # shown whole, in a text element
    markdown = [str(e.value) for e in (*at.markdown, *at.caption, *at.info)]
    assert not any(nickname in m for m in markdown)  # never where Markdown would act on it


def test_the_teacher_sees_the_queue_by_student_and_removes_any_job(fashion_env: Path) -> None:
    from visualizer.roles import teacher_token

    ann, bo = tiny_job("10.0.5.1", "Ann"), tiny_job("10.0.5.2", "Bo")
    # The worker is busy with a job before these two (this test holds its lock): the page's
    # ensure_worker must not start one that would take Ann's job while the teacher looks.
    with q.worker_lock() as held:
        assert held is not None
        student = open_page("builder", lang="en")
        assert not any(b.label == "Remove the chosen job" for b in student.button)
        assert not any("10.0.5.1" in str(df.value) for df in student.dataframe)  # addresses are private
        at = open_page("builder", lang="en", teacher=teacher_token())
        table = next(df.value for df in at.dataframe if "Address" in df.value.columns)
        assert list(table["Who"]) == ["Ann", "Bo"] and list(table["Address"]) == ["10.0.5.1", "10.0.5.2"]
        next(s for s in at.selectbox if s.key == "b_remove").set_value(bo).run()
        next(b for b in at.button if b.label == "Remove the chosen job").click().run()
        assert [j["id"] for j in q.waiting()] == [ann]
    assert q.outcome(bo)["state"] == "cancelled"  # type: ignore[index]


# Slow (~20 s): the refused job's process imports torch and builds 134 M parameters before the
# limit stops it, and the next job trains for real; a smaller design would not reach the limit
# torch itself nearly fills.
@pytest.mark.slow
def test_a_job_over_its_memory_limit_fails_alone_and_says_so(fashion_env: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A design whose weights alone take 0.5 GiB (134 M parameters: within the class's bounds)
    cannot even be built under a 1.2 GiB limit (instead of the class's 6; torch itself takes
    ~0.8): the job fails with the limit named, and the next job trains."""
    monkeypatch.setenv("CNNVIS_TEST_JOB_MEMORY", str(int(1.2 * 2**30)))
    wide = ds.parse({"input": [1, 28], "name": "wide", "items": [
        {"type": "flatten"}, {"type": "linear", "out": 16384}, {"type": "relu"},
        {"type": "linear", "out": 8192}, {"type": "relu"}, {"type": "linear", "out": 10}]})
    result, net = q.measure(wide)
    assert result.total_params == 784 * 16384 + 16384 + 16384 * 8192 + 8192 + 8192 * 10 + 10
    big = q.submit(wide, owner="10.0.6.1", nickname="w", params=result.total_params, macs=result.total_macs,
                   need=q.trainable(wide, result, net), start=False)
    small = tiny_job("10.0.6.2", name="lenet")
    assert q.work(budget=BUDGET, nice=0, threads=1) == 2
    ended = q.outcome(big)
    assert ended is not None and ended["state"] == "failed", ended
    assert ended["error"] == "queue.memory_limit" and ended["values"]["gib"] == "1.2"
    assert q.outcome(small)["state"] == "done"  # type: ignore[index]


# ---- A kept design trained further: one job from one kept design at a time -------------------

def kept_parent(job: str, owner: str, finished: float, parent: str | None = None) -> ds.Design:
    """A finished job of ``owner`` with its weights kept, written as the worker writes them (an
    untrained network: what is tested here is the queue's bookkeeping, not the weights)."""
    from visualizer.training import store

    d = ds.template("tiny")
    store.save(store.Job(job, d), ds.build(d, device="cpu"), {"accuracy": 0.393, "mean": 0.2, "std": 0.3})
    done = q.queue_dir() / "done"
    done.mkdir(parents=True, exist_ok=True)
    (done / f"{job}.json").write_text(json.dumps(
        {"id": job, "state": "done", "owner": owner, "name": "tiny", "nickname": "Mina", "accuracy": 0.393,
         "finished": finished, **({"from": parent} if parent else {})}))
    return d


def further(d: ds.Design, owner: str, parent: str) -> str:
    result, net = q.measure(d)
    return q.submit(d, owner=owner, nickname=owner, params=result.total_params, macs=result.total_macs,
                    need=q.trainable(d, result, net), start=False, parent=parent)


def test_one_kept_design_is_trained_further_once_at_a_time_whoever_asks(fashion_env: Path) -> None:
    """A second job from the same kept design is refused while the first waits or trains: from
    the same student (a second click, a second tab) and from another address (a phone on the
    mobile network, a forged request) alike; the queue holds one job from it."""
    d = kept_parent("0000000000a1", "10.0.7.1", finished=1_000.0)
    first = further(d, "10.0.7.1", "0000000000a1")
    for owner in ("10.0.7.1", "10.0.7.2"):
        with pytest.raises(q.QueueError) as refused:
            further(d, owner, "0000000000a1")
        assert refused.value.code == "further_queued"
        assert "대기열" in refused.value.message("ko") and "queue" in refused.value.message("en")
    assert [(j["id"], j["from"]) for j in q.waiting()] == [(first, "0000000000a1")]
    # Training now (the worker took it): still refused.
    job = q.waiting()[0]
    (q.queue_dir() / "jobs" / job["file"]).unlink()
    runner.write_status(q.queue_dir() / "running.json", {k: v for k, v in job.items() if k != "file"}
                        | {"state": "running"})
    with q.worker_lock():  # a live worker holds the lock: the job is not "lost"
        with pytest.raises(q.QueueError) as refused:
            further(d, "10.0.7.2", "0000000000a1")
        assert refused.value.code == "further_queued"


def test_the_students_kept_designs_say_when_they_finished_and_where_they_started(fashion_env: Path) -> None:
    """openable() gives each of the student's own designs its end and its parent (the picker tells
    two runs of one design apart by them); further_of() finds the run trained from a design."""
    kept_parent("0000000000a1", "10.0.7.1", finished=1_000.0)
    kept_parent("0000000000a2", "10.0.7.1", finished=2_000.0, parent="0000000000a1")
    kept_parent("0000000000b1", "10.0.7.9", finished=3_000.0)
    mine = [k for k in q.openable("10.0.7.1") if k.mine]
    assert [(k.id, k.finished, k.parent) for k in mine] == [("0000000000a2", 2_000.0, "0000000000a1"),
                                                           ("0000000000a1", 1_000.0, None)]
    assert (q.further_of("10.0.7.1", "0000000000a1") or {}).get("id") == "0000000000a2"
    assert q.further_of("10.0.7.1", "0000000000a2") is None
    assert q.further_of("10.0.7.9", "0000000000a1") is None  # another student's runs are theirs
