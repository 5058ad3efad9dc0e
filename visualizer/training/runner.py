"""Every training job's runner (the teacher's runs, the class queue's worker and its jobs):
its lock, its spawn under limits, its status file, stop, and the detection of a lost job.

A job runs in a process of its own at the lowest priority (``nice 19``), with its own thread
count (set by the job) and a hard memory limit (``RLIMIT_AS``): a design that asks for more
than the machine can give fails alone, with a message, instead of swapping the teacher's
laptop or waking the out-of-memory killer mid-lecture. :func:`stop` ends a job within a few
seconds in any phase (loading, timing, training, testing).

Whoever runs a job holds an exclusive lock file (:func:`take_lock`) for its whole life (the
kernel drops it when the process dies, however it dies) and writes its progress to a status
file in one rename (:func:`write_status`). A reader that finds a status saying the job goes on
while nobody holds its lock knows the job's process was killed: :func:`mark_lost`.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import IO, Any

from visualizer.paths import atomic_write

ROOT = Path(__file__).resolve().parents[2]  # the repository: `python -m visualizer` runs there


def _setting(name: str, default: int, low: int, high: int) -> int:
    """A whole number from the environment within [low, high]; the default if unset or not a number."""
    try:
        return min(high, max(low, int(os.environ.get(name) or default)))
    except ValueError:
        return default


# Every training process (the teacher's runs, the queue's worker and its jobs) runs at this
# priority with this many torch threads. 19 and 2 in a classroom: the server and forty browsers
# first. The test suite sets CNNVIS_JOB_NICE=0 and CNNVIS_JOB_THREADS=1: its own browsers and
# servers run at 0, so a job at 19 got a sliver of a core and one test waited 345 s for it.
NICE = _setting("CNNVIS_JOB_NICE", 19, 0, 19)
THREADS = _setting("CNNVIS_JOB_THREADS", 2, 1, os.cpu_count() or 1)
_PR_SET_PDEATHSIG = 1
# For the tests only: a job stops in this phase (loading, running, evaluating) as if a step
# took forever, so that a stop, a cancel, a kill and the time limit are each shown to work in
# that phase whatever the machine's speed.
HOLD_ENV = "CNNVIS_TEST_HOLD_PHASE"


def _limits(memory: int | None, nice: int, die_with_parent: bool) -> None:
    """Runs in the child between fork and exec."""
    if memory is not None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    if nice > os.nice(0):
        os.nice(nice - os.nice(0))
    if die_with_parent:  # a job dies with the worker that watches it (Linux)
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def spawn(args: Sequence[str], *, log: IO[bytes], env: dict[str, str] | None = None,
          memory: int | None = None, nice: int = NICE, die_with_parent: bool = False,
          detach: bool = True) -> subprocess.Popen[bytes]:
    """``python -m visualizer <args>`` in a new session (it outlives the server's restarts),
    at priority ``nice``, with at most ``memory`` bytes of address space."""
    return subprocess.Popen(
        [sys.executable, "-m", "visualizer", *args], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        env={**os.environ, **(env or {})}, cwd=ROOT, start_new_session=detach,
        preexec_fn=lambda: _limits(memory, nice, die_with_parent))


def io_code(exc: OSError) -> str:
    """Why a file could not be written, as an i18n key ``io.<code>``: a full disk, a read-only
    folder, no permission, or ``other`` (then the system's own words are shown)."""
    return {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EROFS: "read_only",
            errno.EACCES: "denied", errno.EPERM: "denied"}.get(exc.errno or 0, "other")


def alive(pid: object) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] not in ("Z", "X")


def stop(proc: subprocess.Popen[bytes], grace: float = 2.0) -> None:
    """End a job now: a polite signal, then, after ``grace`` seconds, a kill."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def wait(proc: subprocess.Popen[bytes], *, cancelled: Path, deadline: float,
         poll: float = 0.25) -> str:
    """Watch a job until it ends (``"ended"``), is cancelled (the file ``cancelled`` appears)
    or runs past ``deadline`` (``time.monotonic()``; ``"timeout"``); the last two stop it."""
    while proc.poll() is None:
        if cancelled.exists():
            stop(proc)
            return "cancelled"
        if time.monotonic() > deadline:
            stop(proc)
            return "timeout"
        time.sleep(poll)
    return "ended"


def hold(phase: str, release: Callable[[], bool] | None = None) -> None:
    """Tests only (:data:`HOLD_ENV`): never leave ``phase``, as a step that takes forever
    would, unless ``release()`` says so (a stop the job honours between its steps)."""
    while os.environ.get(HOLD_ENV) == phase and not (release is not None and release()):
        time.sleep(0.05)


# ---- The lock, the status file and a lost job ------------------------------------------------

def take_lock(path: Path) -> IO[str] | None:
    """The exclusive lock on ``path`` (created with its folder): the open file, which holds the
    lock until it is closed or the process dies; None if another process holds it.

    Raises:
        OSError: the folder or the file cannot be created or opened.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+")  # noqa: SIM115 - held for the job's whole life
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        return None
    return fh


def locked(path: Path) -> bool:
    """True while some process holds the lock on ``path`` (False if it cannot even be opened:
    no job can run there either)."""
    try:
        fh = take_lock(path)
    except OSError:
        return False
    if fh is None:
        return True
    fh.close()
    return False


def write_status(path: Path, status: dict[str, Any]) -> None:
    """Replace a status (or job) file in one rename: readers never see half a file.

    Raises:
        OSError: the folder cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda fh: fh.write(json.dumps(status).encode()))


def read_status(path: Path) -> dict[str, Any] | None:
    """The status last written to ``path``; None if there is none or it is not a JSON object."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def mark_lost(status: dict[str, Any], *, lock: Path, ended: Collection[str],
              starting: Collection[str] = ()) -> dict[str, Any]:
    """``status`` with ``state`` "lost" if its job's process died: a state in ``starting``
    (the process is importing torch and holds no lock yet) whose ``pid`` is not alive, or any
    other state not in ``ended`` while nobody holds ``lock``."""
    state = status.get("state")
    if state in starting:
        if not alive(status.get("pid")):
            return status | {"state": "lost"}
    elif state not in ended and not locked(lock):
        return status | {"state": "lost"}
    return status
