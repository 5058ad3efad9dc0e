"""The class's training queue: students' designs trained one at a time, and the class board.

Everyone gets the same budget of work (``cost.WORK_BUDGET`` MAC-equivalents of training, the
same recipe), not the same seconds on a machine whose load changes by the minute, so the board
is a fair contest: a small network sees more pictures, a large one fewer. A design is measured
before it is queued (``visualizer.cost``: every layer's work, the memory of the forward and
backward pass, the optimizer's state) and refused over a bound. A student is counted by their
network address (``visualizer.roles.student_key``): one job at a time, however many tabs.

The server never trains: it writes a job file and starts the worker (``python -m visualizer
queue``). The worker runs each job in a process of its own (``visualizer.training.runner``: lowest
priority, its own threads, a hard memory limit) and watches it: a cancel or the job's wall-clock
limit ends it within seconds in any phase. Everything is a file under ``<cache>/queue/``:

- ``jobs/<time>-<id>.json``: a waiting job; the oldest name goes first.
- ``running.json``: the job being trained, with its live curve (rewritten about every second).
- ``result-<id>.json``: what a job's process reports when it ends (the worker reads it).
- ``done/<id>.json``: how a job ended (done, failed, cancelled or lost), for its student.
- ``cancel-<id>``: asks the worker to drop that job (waiting or running).
- ``worker.lock``: held by the one worker; the machine's training lock (``runs.run_lock``) is
  taken for each job, so a job waits while the teacher's own run goes on.
- ``submit.lock``: taken while a job is checked and written, so twenty tabs of one student
  pressing Train at once queue one job.

The board (``<cache>/board.jsonl``) is append-only, one JSON line per finished job, written in
one ``write`` with ``O_APPEND``; a server restart may lose the queue (the worker survives a
restart, being in its own session), never the board.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import resource
import secrets
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import IO, Any

import torch

from visualizer import cost
from visualizer import design as ds
from visualizer.data import load_split
from visualizer.errors import CodedError, StoredError
from visualizer.paths import CACHE_ENV, cache_dir
from visualizer.records import TraceResult
from visualizer.runs import RUN_NICE, RUN_THREADS, RunError, run_lock
from visualizer.trace import trace
from visualizer.train import Recipe, evaluate, normalisation
from visualizer.training import runner, store
from visualizer.training.trainer import Pictures, Progress, Watch, train

MAX_WAITING = 60  # jobs in the queue at once (one per student)
CLASSES = 10
JOB_SECONDS = 600  # the wall-clock limit of everything a job does (loading, training, testing)
JOB_MEMORY = 6 * 2**30  # address space of a job's process: cost.MAX_MEMORY and torch's own ~1 GB
# The recipe of every design: AdamW with a one-cycle schedule, as the lecture networks (see
# train.RECIPES); how many pictures a design sees is what its cost buys of the budget. Its
# input size and epochs are each design's.
RECIPE = Recipe(input_size=28, epochs=1, batch_size=cost.BATCH, lr=2e-3, optimizer="adamw",
                weight_decay=0.05, flip=False, channels_last=False)
ENDED = ("done", "failed", "cancelled", "lost")
ACTIVE = ("starting", "waiting_machine", "loading", "running", "evaluating")  # the states before those


class QueueError(CodedError, RuntimeError):
    """A job that cannot be queued; ``code`` is an i18n key ``queue.<code>``."""

    family = "queue"


def queue_dir(folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / "queue"


def board_path(folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / "board.jsonl"


# ---- What a design needs to be trained ----------------------------------------------------

def trainable(design: ds.Design, result: TraceResult, model: torch.nn.Module | None = None, *,
              budget: int = cost.WORK_BUDGET) -> cost.TrainingCost:
    """Refuse a design the class cannot train, or return what training it costs: Fashion-MNIST
    pictures have one channel and ten classes, and the machine is shared by the whole class.

    Raises:
        QueueError: ``channels``, ``classes``, ``work`` or ``memory``.
    """
    if design.channels != 1:
        raise QueueError("channels", channels=design.channels)
    if tuple(result.output_shape[1:]) != (CLASSES,):
        raise QueueError("classes", shape="×".join(map(str, result.output_shape[1:])))
    need = cost.training_cost(result, model, budget=budget)
    if need.work > cost.MAX_WORK:
        raise QueueError("work", work=f"{need.work:,}", high=f"{cost.MAX_WORK:,}",
                         pictures=f"{cost.MIN_PICTURES:,}")
    if need.memory > cost.MAX_MEMORY:
        raise QueueError("memory", memory=f"{need.memory / 2**30:.1f}", high=f"{cost.MAX_MEMORY / 2**30:.0f}",
                         batch=cost.BATCH)
    return need


def measure(design: ds.Design) -> tuple[TraceResult, torch.nn.Module]:
    """The design's trace and its model on the meta device (no weights), for :func:`trainable`.

    Raises:
        DesignError: the design cannot be built.
        ShapeError: the trace fails (the builder shows this before anyone can queue).
    """
    found = ds.layers(design)
    net = ds.build(design, found=found)
    return trace(net, (1, design.channels, design.size, design.size)), net


def fitting_size(design: ds.Design) -> int | None:
    """The largest input size, below the design's own, at which it works and the class can train
    it (the nearest change that fits, for a design refused for its work or memory); None if no
    size does. Work and memory grow with the size, so a bisection finds it in ~10 traces."""
    def fits(size: int) -> bool:
        trial = ds.Design(design.items, design.channels, size, design.name)
        try:
            trainable(trial, *measure(trial))
        except CodedError:  # every refusal the project documents (a shape, a design, the queue)
            return False
        return True

    low, high = ds.SIDES[0], design.size - 1
    best = None
    while low <= high:
        mid = (low + high) // 2
        if fits(mid):
            best, low = mid, mid + 1
        else:
            high = mid - 1
    return best


# ---- The server's side: submit, look, cancel ----------------------------------------------

def waiting(folder: Path | None = None) -> list[dict[str, Any]]:
    """The waiting jobs, first in line first (a damaged file is skipped)."""
    jobs = []
    for path in sorted((queue_dir(folder) / "jobs").glob("*.json")):
        job = runner.read_status(path)
        if job is not None and isinstance(job.get("id"), str) and job["id"].isalnum():
            jobs.append(job | {"file": path.name})
    return jobs


@contextlib.contextmanager
def _submit_lock(folder: Path | None) -> Iterator[None]:
    d = queue_dir(folder)
    d.mkdir(parents=True, exist_ok=True)
    with open(d / "submit.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # held for a few milliseconds: the check and the write
        yield


def submit(design: ds.Design, *, owner: str, nickname: str, params: int, macs: int,
           need: cost.TrainingCost, folder: Path | None = None, start: bool = True,
           parent: str | None = None) -> str:
    """Queue ``design`` for ``owner`` (a student, by network address) and make sure a worker
    runs. Returns the job's id. ``parent``: the job whose kept checkpoint (``design``, trained
    in class) this job trains further, starting from its weights; the new checkpoint names it.

    Raises:
        QueueError: ``busy_owner`` (this student has a job waiting or running), ``full``,
            ``further_other`` (``parent``'s checkpoint holds another design), ``further_queued``
            (a job from ``parent`` waits or trains already, whoever asked: a second click, a
            second tab) or ``further_again`` (this student trained ``parent`` further already:
            the same start gives the same weights, so a second run would only take the class's
            machine).
        CheckpointError: ``parent``'s checkpoint is gone or cannot be read.
        OSError: the cache folder cannot be written (a full disk, a read-only folder).
    """
    if parent is not None and store.design_of(parent, folder) != design:
        raise QueueError("further_other")
    with _submit_lock(folder):  # the check and the write together: a flood of tabs queues one job
        if parent is not None and any(j.get("from") == parent for j in _active(folder)):
            raise QueueError("further_queued")
        if mine(owner, folder) is not None:
            raise QueueError("busy_owner")
        done = _finished_by_owner(folder).get(owner, []) if parent is not None else []
        if any(j.get("from") == parent for j in done):
            raise QueueError("further_again")
        jobs = waiting(folder)
        if len(jobs) >= MAX_WAITING:
            raise QueueError("full", high=MAX_WAITING)
        job_id = secrets.token_hex(6)
        job = {"id": job_id, "design": ds.encode(design), "owner": owner, "nickname": nickname[:30],
               "name": design.name, "params": params, "macs": macs, "work": need.work,
               "memory": need.memory, "pictures": need.pictures, "submitted": time.time(),
               **({"from": parent} if parent is not None else {})}
        runner.write_status(queue_dir(folder) / "jobs" / f"{time.time_ns():020d}-{job_id}.json", job)
    if start:
        ensure_worker(folder)
    return job_id


def mine(owner: str, folder: Path | None = None) -> dict[str, Any] | None:
    """The job ``owner`` has waiting or training now, if any (the same in all their tabs)."""
    for job in waiting(folder):
        if job.get("owner") == owner:
            return job
    current = running(folder)
    if current is not None and current.get("owner") == owner and current.get("state") in ACTIVE:
        return current
    return None


def _active(folder: Path | None) -> list[dict[str, Any]]:
    """The jobs waiting, and the one training now if it is still going."""
    current = running(folder)
    return [*waiting(folder), *([current] if current is not None and current.get("state") in ACTIVE else [])]


def further_of(owner: str, parent: str, folder: Path | None = None) -> dict[str, Any] | None:
    """The newest job of ``owner`` that trained ``parent`` further and finished well (what the
    finished-jobs listing keeps of it: id, name, accuracy, finished, from), if any."""
    return next((j for j in _finished_by_owner(folder).get(owner, []) if j.get("from") == parent), None)


def running(folder: Path | None = None) -> dict[str, Any] | None:
    """The job being trained and its live status; ``state`` is "lost" if no worker holds the
    lock any more (it was killed)."""
    status = runner.read_status(queue_dir(folder) / "running.json")
    if status is None:
        return None
    return runner.mark_lost(status, lock=queue_dir(folder) / "worker.lock", ended=ENDED)


def outcome(job_id: str, folder: Path | None = None) -> dict[str, Any] | None:
    """How a job ended, or None if it has not."""
    if not job_id.isalnum():
        return None
    return runner.read_status(queue_dir(folder) / "done" / f"{job_id}.json")


def cancel(job_id: str, folder: Path | None = None) -> None:
    """Take a waiting job out of the queue, or ask the worker to stop it if it runs."""
    if not job_id.isalnum():
        return
    d = queue_dir(folder)
    with _submit_lock(folder):  # waiting or taken by the worker, never both (see work())
        for path in (d / "jobs").glob(f"*-{job_id}.json"):
            job = runner.read_status(path)
            path.unlink(missing_ok=True)
            if job is not None:
                runner.write_status(d / "done" / f"{job_id}.json", job | {"state": "cancelled"})
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


# A board row's fields and their types; a line with anything else is skipped, never shown.
_ROW: dict[str, tuple[type, ...]] = {"id": (str,), "nickname": (str,), "name": (str,), "design": (str,),
                                     "params": (int,), "macs": (int,), "steps": (int,), "pictures": (int,),
                                     "finished": (int, float), "test_images": (int,), "seconds": (int, float)}
MAX_BOARD_LINE = 20_000  # characters: a design link is at most ds.MAX_LINK


def _board_row(line: str) -> dict[str, Any] | None:
    if len(line) > MAX_BOARD_LINE:
        return None
    try:
        row = json.loads(line)
    except ValueError:
        return None
    if not isinstance(row, dict):
        return None
    acc = row.get("accuracy")
    if isinstance(acc, bool) or not isinstance(acc, int | float) or not 0 <= acc <= 1:
        return None
    for key, types in _ROW.items():
        value = row.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, types)):
            return None
    return row


def read_board(folder: Path | None = None) -> tuple[list[dict[str, Any]], int]:
    """Every result, best test accuracy first (the earlier of two equal ones first), and how
    many lines were skipped as damaged (a full disk, a hand edit, a wrong type)."""
    try:
        lines = board_path(folder).read_text(errors="replace").splitlines()
    except OSError:
        return [], 0
    rows, skipped = [], 0
    for line in lines:
        if not line.strip():
            continue
        row = _board_row(line)
        if row is None:
            skipped += 1
        else:
            rows.append(row)
    rows.sort(key=lambda r: (-float(r["accuracy"]), float(r.get("finished") or 0)))
    return rows, skipped


def board(folder: Path | None = None) -> list[dict[str, Any]]:
    """Every result, best first (damaged lines skipped: :func:`read_board` counts them)."""
    return read_board(folder)[0]


def new_board(folder: Path | None = None) -> None:
    """The teacher starts a new contest: the board is kept under a dated name, not deleted."""
    path = board_path(folder)
    if path.exists():
        path.rename(path.with_name(f"board-{time.strftime('%Y%m%d-%H%M%S')}.jsonl"))


# ---- The kept designs a student may open ----------------------------------------------------

@dataclass(frozen=True)
class Kept:
    """A kept design a student may open: the job's id and what the class sees of it (the
    nickname and the design's name are what someone typed: shown as plain text only)."""

    id: str
    name: str
    nickname: str
    accuracy: float
    rank: int | None  # its place on the class board, if it is there
    mine: bool  # this student's own job
    finished: float | None = None  # when it finished (seconds since the epoch), for the student's own
    parent: str | None = None  # the job whose weights it started from, when it was trained further


# What each finished job's file says, by path, size and time: a file is read once (a job's end
# is written once), the folder listed at every call (a folder's own time is too coarse to tell two
# quick ends apart). Measured here with 256 finished jobs and a 256-row board: openable() 29 ms
# the first time, then 2.5 ms (the listing, the board and the kept folder).
_READ: dict[tuple[str, int, int], dict[str, Any] | None] = {}


def _finished_job(file: os.DirEntry[str]) -> dict[str, Any] | None:
    """What the page needs of one finished job's file (None: not a job that finished well)."""
    try:
        stat = file.stat()
    except OSError:
        return None
    key = (file.path, stat.st_mtime_ns, stat.st_size)
    if key in _READ:
        return _READ[key]
    job = runner.read_status(Path(file.path))
    entry = None
    if (job is not None and job.get("state") == "done" and store.is_job_id(job.get("id"))
            and isinstance(job.get("owner"), str) and isinstance(job.get("accuracy"), int | float)):
        entry = {k: job.get(k) for k in ("id", "owner", "name", "nickname", "accuracy", "finished", "from")}
    if len(_READ) >= 8192:  # bounded: a server's life of classes
        _READ.clear()
    _READ[key] = entry
    return entry


def _finished_by_owner(folder: Path | None) -> dict[str, list[dict[str, Any]]]:
    """Every job that finished well, by owner, newest first."""
    by_owner: dict[str, list[dict[str, Any]]] = {}
    try:
        with os.scandir(queue_dir(folder) / "done") as files:
            for file in files:
                job = _finished_job(file) if file.name.endswith(".json") else None
                if job is not None:
                    by_owner.setdefault(job["owner"], []).append(job)
    except OSError:  # no job has ended yet
        return {}
    for jobs in by_owner.values():
        jobs.sort(key=lambda j: -float(j.get("finished") or 0))
    return by_owner


def openable(owner: str | None, folder: Path | None = None) -> list[Kept]:
    """The kept designs a student may open: their own finished jobs (newest first), then the
    class board's rows (best first), each once, and only those whose weights are still kept
    (``store.design_ids``)."""
    here = store.design_ids(folder)
    out: list[Kept] = []
    seen: set[str] = set()
    rows = board(folder)
    rank = {str(r.get("id")): n + 1 for n, r in enumerate(rows)}
    mine = _finished_by_owner(folder).get(owner, []) if owner else []
    for job in mine:
        if job["id"] in here and job["id"] not in seen:
            seen.add(job["id"])
            finished, parent = job.get("finished"), job.get("from")
            out.append(Kept(job["id"], str(job.get("name") or ""), str(job.get("nickname") or ""),
                            float(job["accuracy"]), rank.get(job["id"]), True,
                            float(finished) if isinstance(finished, int | float) else None,
                            parent if store.is_job_id(parent) else None))
    for row in rows:
        job_id = row.get("id")
        if store.is_job_id(job_id) and job_id in here and job_id not in seen:
            seen.add(str(job_id))
            out.append(Kept(str(job_id), str(row.get("name") or ""), str(row.get("nickname") or ""),
                            float(row["accuracy"]), rank[str(job_id)], False))
    return out


# ---- The worker -----------------------------------------------------------------------------

@contextlib.contextmanager
def worker_lock(folder: Path | None = None) -> Iterator[IO[str] | None]:
    """The one worker's lock: yields the open file, or None if another worker holds it."""
    fh = runner.take_lock(queue_dir(folder) / "worker.lock")
    if fh is None:
        yield None
        return
    with fh:
        yield fh


def worker_alive(folder: Path | None = None) -> bool:
    return runner.locked(queue_dir(folder) / "worker.lock")


def ensure_worker(folder: Path | None = None) -> None:
    """Start the worker if jobs wait and none runs (a second one would exit at once)."""
    if not waiting(folder) or worker_alive(folder):
        return
    d = queue_dir(folder)
    with open(d / "log.txt", "ab") as log:
        runner.spawn(["queue"], log=log, env={CACHE_ENV: str(folder or cache_dir())})


def work(folder: Path | None = None, *, budget: int = cost.WORK_BUDGET, limit_train: int | None = None,
         limit_test: int | None = None, nice: int = RUN_NICE, threads: int = RUN_THREADS) -> int:
    """Train the waiting jobs one by one, each in a process of its own, until none is left.
    Returns how many ran (0 if another worker holds the lock). A job's failure, even a disk
    that fills up, is that job's; the worker goes on to the next."""
    if nice > os.nice(0):
        os.nice(nice - os.nice(0))
    d = queue_dir(folder)
    count = 0
    with worker_lock(folder) as held:
        if held is None:
            return 0
        with contextlib.suppress(OSError):
            (d / "worker.pid").write_text(str(os.getpid()))
        lost = runner.read_status(d / "running.json")
        if lost is not None and lost.get("state") not in ENDED:  # a worker was killed mid-job
            _finish(lost | {"state": "lost"}, folder)
        options = {"budget": budget, "limit_train": limit_train, "limit_test": limit_test,
                   "threads": threads}
        while True:
            jobs = waiting(folder)
            if not jobs:
                return count
            job = jobs[0]
            path = d / "jobs" / job.pop("file")
            try:
                # Taken in one step under the queue's lock, as submit checks and cancel takes a
                # job out: the job is never in neither place. Taken out of jobs/ before it was
                # written as running, a student's second tab saw no job of theirs and queued
                # another (the sixty-tabs test, in a fresh clone's CI run).
                with _submit_lock(folder):
                    if not path.exists():  # cancelled a moment ago
                        continue
                    with contextlib.suppress(OSError):  # said by _run_job, which writes it again
                        runner.write_status(d / "running.json",
                                            job | {"state": "starting", "started": time.time()})
                    path.unlink()
            except OSError as exc:  # a job that cannot be taken would be taken forever
                _log(folder, f"cannot take job {job['id']}: {exc}; the worker stops")
                return count
            _finish(_run_job(job, folder, options), folder)
            count += 1


def _log(folder: Path | None, text: str) -> None:
    with contextlib.suppress(OSError), open(queue_dir(folder) / "log.txt", "a") as fh:
        fh.write(f"{time.strftime('%H:%M:%S')} {text}\n")


def _finish(status: dict[str, Any], folder: Path | None) -> None:
    """Record how a job ended, for its student and the board. A disk that cannot take it is
    said in the log and the worker goes on: the student then sees the job as lost."""
    d = queue_dir(folder)
    ended = {k: v for k, v in status.items() if k not in ("curve", "entry")}
    ended["curve"] = status.get("curve", [])[-200:]
    try:
        if status.get("state") == "done" and "entry" in status:
            post(status["entry"], folder)
        runner.write_status(d / "done" / f"{status['id']}.json", ended)
        runner.write_status(d / "running.json", status)
    except OSError as exc:
        _log(folder, f"job {status['id']} ended {status.get('state')} but could not be recorded: {exc}")
        with contextlib.suppress(OSError):
            (d / "running.json").unlink()
    with contextlib.suppress(OSError):
        (d / f"cancel-{status['id']}").unlink(missing_ok=True)
        (d / f"result-{status['id']}.json").unlink(missing_ok=True)


def _failed(status: dict[str, Any], prefix: str, code: str, values: dict[str, Any]) -> dict[str, Any]:
    """The job's end when it fails: the message's i18n key ``<prefix>.<code>`` and its values
    (``errors.StoredError.of`` says it again)."""
    return status | {"state": "failed", **StoredError(prefix, code, values).stored()}


def _run_job(job: dict[str, Any], folder: Path | None, options: dict[str, Any]) -> dict[str, Any]:
    """One job, start to end, in a process of its own that this worker watches; every failure
    becomes the job's status, never the worker's."""
    d = queue_dir(folder)
    cancelled = d / f"cancel-{job['id']}"
    # "starting" until the job's process says "loading"; "waiting_machine" (the teacher's run
    # has the machine) only while the run lock is really held by another. Written as waiting
    # before the lock was tried, every job told its student so for the seconds its process
    # took to start, with no teacher's run at all.
    status: dict[str, Any] = job | {"state": "starting", "started": time.time()}
    try:
        runner.write_status(d / "running.json", status)
    except OSError as exc:
        return _failed(status, "queue", "io", {"why": exc.strerror or str(exc), "io": runner.io_code(exc)})
    while True:  # the teacher's own run has the machine first
        if cancelled.exists():
            return status | {"state": "cancelled"}
        try:
            with run_lock(folder):
                if status["state"] != "starting":  # it waited: the machine is its own now
                    status = status | {"state": "starting"}
                    with contextlib.suppress(OSError):  # _watch writes the job's file next
                        runner.write_status(d / "running.json", status)
                return _watch(status, folder, options, cancelled)
        except RunError as err:
            if err.code != "busy":
                return _failed(status, "run", err.code, err.values)
        if status["state"] != "waiting_machine":
            status = status | {"state": "waiting_machine"}
            with contextlib.suppress(OSError):  # a disk that cannot take it leaves "starting" shown
                runner.write_status(d / "running.json", status)
        time.sleep(1)


def _watch(status: dict[str, Any], folder: Path | None, options: dict[str, Any],
           cancelled: Path) -> dict[str, Any]:
    d = queue_dir(folder)
    result_file = d / f"result-{status['id']}.json"
    result_file.unlink(missing_ok=True)
    args = ["queue", "--job", status["id"], "--budget", str(options["budget"]),
            "--threads", str(options["threads"])]
    for flag in ("limit_train", "limit_test"):
        if options[flag]:
            args += [f"--{flag.replace('_', '-')}", str(options[flag])]
    runner.write_status(d / "job.json", status)
    with open(d / "log.txt", "ab") as log:
        memory = int(float(os.environ.get("CNNVIS_TEST_JOB_MEMORY") or JOB_MEMORY))  # tests only
        proc = runner.spawn(args, log=log, memory=memory, die_with_parent=True, detach=False,
                            env={CACHE_ENV: str(folder or cache_dir())})
    limit = float(os.environ.get("CNNVIS_TEST_JOB_SECONDS") or JOB_SECONDS)  # tests only
    how = runner.wait(proc, cancelled=cancelled, deadline=time.monotonic() + limit)
    last = runner.read_status(d / "running.json") or status
    curve = last.get("curve", []) if last.get("id") == status["id"] else []
    if how == "cancelled":
        return status | {"state": "cancelled", "curve": curve}
    if how == "timeout":
        return _failed(status | {"curve": curve}, "queue", "timeout", {"minutes": max(1, round(limit / 60))})
    result = runner.read_status(result_file)
    if result is None:
        why = f"signal {-proc.returncode}" if proc.returncode < 0 else f"exit {proc.returncode}"
        return _failed(status | {"curve": curve}, "queue", "crashed", {"detail": why})
    return result


# ---- One job's process --------------------------------------------------------------------

def run_one(job_id: str, folder: Path | None = None, *, budget: int = cost.WORK_BUDGET,
            limit_train: int | None = None, limit_test: int | None = None,
            threads: int = RUN_THREADS) -> int:
    """``python -m visualizer queue --job ID``: train the job the worker handed over in
    ``job.json`` and write how it ended to ``result-<id>.json``. Returns the exit code."""
    torch.set_num_threads(max(1, threads))
    d = queue_dir(folder)
    status = runner.read_status(d / "job.json")
    if status is None or status.get("id") != job_id:
        return 2
    try:
        ended = _train_job(status, folder, budget, limit_train, limit_test)
    except CodedError as err:  # the data set, the design, the queue: said as it was raised
        ended = status | {"state": "failed", **err.stored()}
    except MemoryError:
        ended = _failed(status, "queue", "memory_limit", {"gib": _gib()})
    except OSError as exc:
        ended = _failed(status, "queue", "io", {"why": exc.strerror or str(exc), "io": runner.io_code(exc)})
    except Exception as exc:  # torch's own errors (an allocation over the limit among them)
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:160]
        if "alloc" in first.lower() or "memory" in first.lower():
            ended = _failed(status, "queue", "memory_limit", {"gib": _gib()})
        else:
            ended = _failed(status, "queue", "crashed", {"detail": first})
    try:
        runner.write_status(d / f"result-{job_id}.json", ended)
    except OSError:
        return 3
    return 0


def _gib() -> str:
    """The memory limit this job's process runs under, in GiB, for its message."""
    limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    return f"{(limit if limit > 0 else JOB_MEMORY) / 2**30:.1f}"


def _train_job(status: dict[str, Any], folder: Path | None, budget: int, limit_train: int | None,
               limit_test: int | None) -> dict[str, Any]:
    d = queue_dir(folder)
    design = ds.decode(status["design"])
    need = trainable(design, *measure(design), budget=budget)
    status = status | {"state": "loading", "pid": os.getpid()}
    runner.write_status(d / "running.json", status)
    runner.hold("loading")
    train_set, test_set = load_split("train"), load_split("test")
    if limit_train:
        train_set = train_set.head(limit_train)
    if limit_test:
        test_set = test_set.head(limit_test)
    mean, std = normalisation(train_set)
    parent = status.get("from")
    torch.manual_seed(0)  # the same starting weights for the same design, and the same dropout
    model: torch.nn.Module
    if parent is None:
        model = ds.build(design, device="cpu")
    else:  # trained further: from the weights its earlier job kept (the recipe starts again)
        start = store.load(store.Job(str(parent)), folder)
        if start.design != design:
            raise QueueError("further_other")
        model = start.model
    torch.manual_seed(0)  # (as before the trainer took a model: the design's numbers stay)
    steps = max(1, need.pictures // RECIPE.batch_size)
    recipe = replace(RECIPE, input_size=design.size, epochs=steps * RECIPE.batch_size / len(train_set))
    status = status | {"state": "running", "steps": steps, "pictures": steps * RECIPE.batch_size}
    points: list[dict[str, float]] = []
    last = [0.0]

    def report(p: Progress) -> None:
        points.append({"step": p.step, "epoch": p.epoch, "loss": p.loss, "accuracy": p.accuracy})
        if time.monotonic() - last[0] >= 1.0 or p.step == p.steps:
            last[0] = time.monotonic()
            runner.write_status(d / "running.json", status | {"progress": asdict(p), "curve": points})
            runner.hold("running")

    result = train(model, recipe, Pictures(train_set, mean, std), watch=Watch(on_progress=report))
    runner.write_status(d / "running.json", status | {"state": "evaluating", "curve": points})
    runner.hold("evaluating")
    accuracy = evaluate(result.model, test_set, design.size, mean, std)
    try:  # the weights it learned, kept with the design: the student takes them home
        store.save(store.Job(status["id"], design), result.model,
                   {"accuracy": accuracy, "mean": mean, "std": std, "from": parent}, folder)
        weights = True
    except OSError:  # a full disk costs the download, not the result
        weights = False
    entry = {"id": status["id"], "nickname": status["nickname"], "name": status["name"],
             "design": status["design"], "params": status["params"], "macs": status["macs"],
             "accuracy": round(accuracy, 4), "test_images": len(test_set), "steps": result.steps,
             "pictures": result.steps * RECIPE.batch_size, "seconds": round(result.seconds, 1),
             "finished": time.time(), **({"from": parent} if parent is not None else {})}
    return status | entry | {"state": "done", "curve": points, "entry": entry, "weights": weights}
