"""Starting a training process and holding it to its limits: the one way every training job
(the teacher's runs, the class queue's worker and its jobs) is spawned.

A job runs in a process of its own at the lowest priority (``nice 19``), with its own thread
count (set by the job) and a hard memory limit (``RLIMIT_AS``): a design that asks for more
than the machine can give fails alone, with a message, instead of swapping the teacher's
laptop or waking the out-of-memory killer mid-lecture. :func:`stop` ends a job within a few
seconds in any phase (loading, timing, training, testing).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent


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
