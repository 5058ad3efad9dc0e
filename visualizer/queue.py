"""The class's training queue: students' designs trained one at a time, and the class board.

Everyone gets the same budget (``BUDGET_SECONDS`` of training on this machine, the same
recipe) so the board is a fair contest: "the best network in one minute". The server never
trains: it writes a job file and starts the worker (``python -m visualizer queue``), a
separate process at the lowest priority with its own thread count, as the lecture networks'
runs (``visualizer.runs``). Everything is a file under ``<cache>/queue/``:

- ``jobs/<time>-<id>.json``: a waiting job; the oldest name goes first.
- ``running.json``: the job being trained, with its live curve (rewritten about every second).
- ``done/<id>.json``: how a job ended (done, failed, cancelled or lost), for its student.
- ``cancel-<id>``: asks the worker to drop that job (waiting or running).
- ``worker.lock``: held by the one worker; the machine's training lock (``runs.run_lock``) is
  taken for each job, so a job waits while the teacher's own run goes on.

The board (``<cache>/board.jsonl``) is append-only, one JSON line per finished job, written in
one ``write`` with ``O_APPEND``; a server restart may lose the queue (the worker survives a
restart, being in its own session), never the board.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import IO, Any

import torch
import torch.nn.functional as F

from visualizer import design as ds
from visualizer.data import DataError, load_split
from visualizer.runs import RUN_NICE, RUN_THREADS, RunError, run_lock
from visualizer.train import Progress, Recipe, atomic_write, cache_dir, evaluate, normalisation, train

BUDGET_SECONDS = 60.0  # of training, the same for everyone (the evaluation is not counted)
MAX_EPOCHS = 5  # a tiny network stops here even if the minute is not over
MIN_STEPS = 10
TRAIN_MACS = 100_000_000  # per picture: about 0.8 s a step of 128 pictures here, 75 steps a minute
MAX_WAITING = 60  # jobs in the queue at once (one per student)
CLASSES = 10
# The recipe of every design: AdamW with a one-cycle schedule, as the lecture networks (see
# train.RECIPES); the number of steps is what fits in the budget (measured on the design).
# Its input size and epochs are each design's.
RECIPE = Recipe(input_size=28, epochs=1, batch_size=128, lr=2e-3, optimizer="adamw", weight_decay=0.05,
                flip=False, channels_last=False)
ENDED = ("done", "failed", "cancelled", "lost")
ACTIVE = ("waiting_machine", "loading", "running", "evaluating")  # the states before those


class QueueError(RuntimeError):
    """A job that cannot be queued; ``code`` is an i18n key ``queue.<code>``."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(f"{code}: {values}")
        self.code = code
        self.values = values


def queue_dir(folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / "queue"


def board_path(folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / "board.jsonl"


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda fh: fh.write(json.dumps(data).encode()))


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


# ---- What a design needs to be trained ----------------------------------------------------

def trainable(design: ds.Design, macs: int, output: tuple[int, ...]) -> None:
    """Refuse a design the class cannot train: Fashion-MNIST pictures have one channel and ten
    classes, and the budget needs a small network.

    Raises:
        QueueError: ``channels``, ``classes`` or ``macs``.
    """
    if design.channels != 1:
        raise QueueError("channels", channels=design.channels)
    if tuple(output[1:]) != (CLASSES,):
        raise QueueError("classes", shape="×".join(map(str, output[1:])))
    if macs > TRAIN_MACS:
        raise QueueError("macs", macs=f"{macs:,}", high=f"{TRAIN_MACS:,}")


# ---- The server's side: submit, look, cancel ----------------------------------------------

def waiting(folder: Path | None = None) -> list[dict[str, Any]]:
    """The waiting jobs, first in line first (a damaged file is skipped)."""
    jobs = []
    for path in sorted((queue_dir(folder) / "jobs").glob("*.json")):
        job = _read_json(path)
        if job is not None:
            jobs.append(job | {"file": path.name})
    return jobs


def submit(design: ds.Design, *, owner: str, nickname: str, params: int, macs: int,
           folder: Path | None = None, start: bool = True) -> str:
    """Queue ``design`` for ``owner`` (a student's session) and make sure a worker runs.
    Returns the job's id.

    Raises:
        QueueError: ``busy_owner`` (this student has a job waiting or running) or ``full``.
    """
    jobs = waiting(folder)
    current = running(folder)
    if any(j.get("owner") == owner for j in jobs) or (current and current.get("owner") == owner):
        raise QueueError("busy_owner")
    if len(jobs) >= MAX_WAITING:
        raise QueueError("full", high=MAX_WAITING)
    job_id = secrets.token_hex(6)
    job = {"id": job_id, "design": ds.encode(design), "owner": owner, "nickname": nickname[:30],
           "name": design.name, "params": params, "macs": macs, "submitted": time.time()}
    _write_json(queue_dir(folder) / "jobs" / f"{time.time_ns():020d}-{job_id}.json", job)
    if start:
        ensure_worker(folder)
    return job_id


def running(folder: Path | None = None) -> dict[str, Any] | None:
    """The job being trained and its live status; ``state`` is "lost" if no worker holds the
    lock any more (it was killed)."""
    status = _read_json(queue_dir(folder) / "running.json")
    if status is not None and status.get("state") not in ENDED and not worker_alive(folder):
        status["state"] = "lost"
    return status


def outcome(job_id: str, folder: Path | None = None) -> dict[str, Any] | None:
    """How a job ended, or None if it has not."""
    if not job_id.isalnum():
        return None
    return _read_json(queue_dir(folder) / "done" / f"{job_id}.json")


def cancel(job_id: str, folder: Path | None = None) -> None:
    """Take a waiting job out of the queue, or ask the worker to stop it if it runs."""
    if not job_id.isalnum():
        return
    d = queue_dir(folder)
    for path in (d / "jobs").glob(f"*-{job_id}.json"):
        job = _read_json(path)
        path.unlink(missing_ok=True)
        if job is not None:
            _write_json(d / "done" / f"{job_id}.json", job | {"state": "cancelled"})
        return
    current = running(folder)
    if current and current.get("id") == job_id and current.get("state") not in ENDED:
        (d / f"cancel-{job_id}").touch()


def clear(folder: Path | None = None) -> int:
    """The teacher empties the queue: every waiting job and the one that runs. Returns how
    many jobs were dropped."""
    jobs = waiting(folder)
    for job in jobs:
        cancel(str(job["id"]), folder)
    current = running(folder)
    if current and current.get("state") not in ENDED:
        cancel(str(current["id"]), folder)
        return len(jobs) + 1
    return len(jobs)


# ---- The board ------------------------------------------------------------------------------

def post(entry: dict[str, Any], folder: Path | None = None) -> None:
    """Append one result to the board, in one write (whole lines, even from two processes)."""
    path = board_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode()
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":  # a line cut short stays alone
            line = b"\n" + line
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def board(folder: Path | None = None) -> list[dict[str, Any]]:
    """Every result, best test accuracy first (a damaged line, say from a full disk, is
    skipped)."""
    rows = []
    try:
        lines = board_path(folder).read_text(errors="replace").splitlines()
    except OSError:
        return []
    for line in lines:
        with contextlib.suppress(ValueError):
            row = json.loads(line)
            if isinstance(row, dict) and isinstance(row.get("accuracy"), int | float):
                rows.append(row)
    return sorted(rows, key=lambda r: (-r["accuracy"], r.get("finished", 0)))


def new_board(folder: Path | None = None) -> None:
    """The teacher starts a new contest: the board is kept under a dated name, not deleted."""
    path = board_path(folder)
    if path.exists():
        path.rename(path.with_name(f"board-{time.strftime('%Y%m%d-%H%M%S')}.jsonl"))


# ---- The worker -----------------------------------------------------------------------------

@contextlib.contextmanager
def worker_lock(folder: Path | None = None) -> Iterator[IO[str] | None]:
    """The one worker's lock: yields the open file, or None if another worker holds it."""
    d = queue_dir(folder)
    d.mkdir(parents=True, exist_ok=True)
    with open(d / "worker.lock", "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
            return
        yield fh


def worker_alive(folder: Path | None = None) -> bool:
    with worker_lock(folder) as held:
        return held is None


def ensure_worker(folder: Path | None = None) -> None:
    """Start the worker if jobs wait and none runs (a second one would exit at once)."""
    if not waiting(folder) or worker_alive(folder):
        return
    d = queue_dir(folder)
    env = {**os.environ, "CNNVIS_CACHE": str(folder or cache_dir())}
    with open(d / "log.txt", "ab") as log:
        subprocess.Popen([sys.executable, "-m", "visualizer", "queue"], stdin=subprocess.DEVNULL,
                         stdout=log, stderr=log, env=env, start_new_session=True,
                         cwd=Path(__file__).resolve().parent.parent)


def work(folder: Path | None = None, *, budget: float = BUDGET_SECONDS, limit_train: int | None = None,
         limit_test: int | None = None, nice: int = RUN_NICE, threads: int = RUN_THREADS) -> int:
    """Train the waiting jobs one by one until none is left. Returns how many ran (0 if
    another worker holds the lock)."""
    if nice > os.nice(0):
        os.nice(nice - os.nice(0))
    torch.set_num_threads(max(1, threads))
    d = queue_dir(folder)
    count = 0
    with worker_lock(folder) as held:
        if held is None:
            return 0
        (d / "worker.pid").write_text(str(os.getpid()))
        lost = _read_json(d / "running.json")
        if lost is not None and lost.get("state") not in ENDED:  # a worker was killed mid-job
            _finish(lost | {"state": "lost"}, folder)
        while True:
            jobs = waiting(folder)
            if not jobs:
                return count
            job = jobs[0]
            (d / "jobs" / job.pop("file")).unlink(missing_ok=True)
            _finish(_run_job(job, folder, budget, limit_train, limit_test), folder)
            count += 1


def _finish(status: dict[str, Any], folder: Path | None) -> None:
    d = queue_dir(folder)
    _write_json(d / "done" / f"{status['id']}.json", {k: v for k, v in status.items() if k != "curve"}
                | {"curve": status.get("curve", [])[-200:]})
    _write_json(d / "running.json", status)
    (d / f"cancel-{status['id']}").unlink(missing_ok=True)


def _run_job(job: dict[str, Any], folder: Path | None, budget: float, limit_train: int | None,
             limit_test: int | None) -> dict[str, Any]:
    """One job, start to end; every failure becomes the job's status, never the worker's."""
    d = queue_dir(folder)
    cancelled = d / f"cancel-{job['id']}"
    status: dict[str, Any] = job | {"state": "waiting_machine", "started": time.time()}
    _write_json(d / "running.json", status)
    while True:  # the teacher's own run has the machine first
        if cancelled.exists():
            return status | {"state": "cancelled"}
        try:
            with run_lock(folder):
                return _train_job(status, folder, budget, limit_train, limit_test, cancelled.exists)
        except RunError as err:
            if err.code != "busy":
                return _failed(status, "run", err.code, err.values)
        except DataError as err:
            return _failed(status, "data", err.code, err.values)
        except ds.DesignError as err:
            return _failed(status, "design.err", err.code, err.values)
        except QueueError as err:
            return _failed(status, "queue", err.code, err.values)
        except (RuntimeError, ValueError) as err:  # torch out of memory, a bug: the job fails alone
            detail = (str(err).splitlines() or [type(err).__name__])[0][:160]
            return _failed(status, "queue", "crashed", {"detail": detail})
        time.sleep(2)


def _failed(status: dict[str, Any], prefix: str, code: str, values: dict[str, Any]) -> dict[str, Any]:
    """The job's end when it fails: the message's i18n key ``<prefix>.<code>`` and its values."""
    return status | {"state": "failed", "error": f"{prefix}.{code}",
                     "values": {k: str(v) for k, v in values.items()}}


def steps_in_budget(model: torch.nn.Module, size: int, budget: float, n_train: int) -> int:
    """How many steps of 128 pictures fit in ``budget`` seconds: three steps of a copy of the
    model are timed (after one to warm up)."""
    trial = copy.deepcopy(model).train()
    opt = torch.optim.AdamW(trial.parameters(), lr=1e-3)
    x = torch.randn(RECIPE.batch_size, 1, size, size)
    y = torch.randint(0, CLASSES, (len(x),))
    took = 0.0
    for i in range(4):
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(trial(x), y).backward()  # type: ignore[no-untyped-call]
        opt.step()
        if i:
            took += time.perf_counter() - t0
    per_step = took / 3
    most = max(MIN_STEPS, round(MAX_EPOCHS * n_train / len(x)))
    return int(min(most, max(MIN_STEPS, budget / max(per_step, 1e-4))))


def _train_job(status: dict[str, Any], folder: Path | None, budget: float, limit_train: int | None,
               limit_test: int | None, should_stop: Any) -> dict[str, Any]:
    d = queue_dir(folder)
    design = ds.decode(status["design"])
    found = ds.layers(design)
    trainable(design, int(status["macs"]), found[-1].shape)
    status = status | {"state": "loading"}
    _write_json(d / "running.json", status)
    train_set, test_set = load_split("train"), load_split("test")
    if limit_train:
        train_set = train_set.head(limit_train)
    if limit_test:
        test_set = test_set.head(limit_test)
    mean, std = normalisation(train_set)
    torch.manual_seed(0)  # the same starting weights for the same design
    model = ds.build(design, device="cpu", found=found).train()
    steps = steps_in_budget(model, design.size, budget, len(train_set))
    recipe = replace(RECIPE, input_size=design.size, epochs=steps * RECIPE.batch_size / len(train_set))
    status = status | {"state": "running", "steps": steps}
    points: list[dict[str, float]] = []
    last = [0.0]

    def report(p: Progress) -> None:
        points.append({"step": p.step, "epoch": p.epoch, "loss": p.loss, "accuracy": p.accuracy})
        if time.monotonic() - last[0] >= 1.0 or p.step == p.steps:
            last[0] = time.monotonic()
            _write_json(d / "running.json", status | {"progress": asdict(p), "curve": points})

    result = train("design", recipe, train_set, mean=mean, std=std, model=model, on_progress=report,
                   should_stop=should_stop)
    if result.stopped:
        return status | {"state": "cancelled", "curve": points}
    _write_json(d / "running.json", status | {"state": "evaluating", "curve": points})
    accuracy = evaluate(result.model, test_set, design.size, mean, std)
    entry = {"id": status["id"], "nickname": status["nickname"], "name": status["name"],
             "design": status["design"], "params": status["params"], "macs": status["macs"],
             "accuracy": round(accuracy, 4), "test_images": len(test_set), "steps": result.steps,
             "seconds": round(result.seconds, 1), "finished": time.time()}
    post(entry, folder)
    return status | entry | {"state": "done", "curve": points}
