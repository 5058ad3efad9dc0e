"""One training run at a time for the whole machine, outside the server's process.

A run is ``python -m visualizer train ARCH`` (from a terminal, ``make weights`` or the training
page). Whoever runs holds an exclusive lock on ``<cache>/run/lock`` for its whole life, writes
its progress to ``<cache>/run/status.json`` (atomically, a few times a second at most), and
stops when ``<cache>/run/stop`` appears. The server only starts the process, reads the status
and creates the stop file, so forty students watching cost one small file read each.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

import torch

from visualizer.data import DataError, Split, load_split
from visualizer.errors import CodedError
from visualizer.paths import CACHE_ENV, cache_dir
from visualizer.train import ERROR_SAMPLE, FIGURE1_ARCHS, RECIPES, Recipe, evaluate, normalisation
from visualizer.training import runner, store
from visualizer.training.trainer import Pictures, Progress, Watch, train, zoo_model

RUN_THREADS = runner.THREADS  # intra-op threads of a run; a low priority keeps the server first in line
RUN_NICE = runner.NICE
STATES = ("starting", "loading", "running", "evaluating", "done", "stopped", "failed")
ENDED = ("done", "stopped", "failed")
RUN_MEMORY = 8 * 2**30  # address space of a run started from the page (DenseNet-121 needs ~3 GB)
STATUS_EVERY = 1.0  # seconds between status files
FILTERS_SHOWN = 32  # first-layer filters carried in the status, for the live page


class RunError(CodedError, RuntimeError):
    """A run that cannot start or finish; ``code`` is an i18n key ``run.<code>``."""

    family = "run"


def run_dir(folder: Path | None = None) -> Path:
    """Where the lock, the status and the stop request live."""
    return (folder or cache_dir()) / "run"


@contextlib.contextmanager
def run_lock(folder: Path | None = None) -> Iterator[IO[str]]:
    """Hold the machine's one training lock, or raise ``RunError("busy")``."""
    d = run_dir(folder)
    try:
        fh = runner.take_lock(d / "lock")
    except OSError as exc:
        raise RunError("unwritable", folder=str(d), why=exc.strerror or str(exc)) from None
    if fh is None:
        raise RunError("busy")
    with fh:  # closing releases the lock, also when the process is killed
        yield fh


def is_running(folder: Path | None = None) -> bool:
    """True while some process holds the training lock."""
    return runner.locked(run_dir(folder) / "lock")


def write_status(status: dict[str, Any], folder: Path | None = None) -> None:
    """Replace the status file in one rename (readers never see half a file)."""
    runner.write_status(run_dir(folder) / "status.json", status)


def read_status(folder: Path | None = None) -> dict[str, Any] | None:
    """The last status written, with ``state`` "lost" if it says running but no process
    holds the lock (the run was killed); None if no run ever wrote one."""
    status = runner.read_status(run_dir(folder) / "status.json")
    if status is None or status.get("arch") not in RECIPES \
            or status.get("state") not in STATES:  # damaged, or written by another version
        return None
    # "starting": the process is importing torch; lost if it has died
    return runner.mark_lost(status, lock=run_dir(folder) / "lock", ended=ENDED, starting=("starting",))


def probe_indices(test: Split, per_class: int = 2) -> list[int]:
    """Test pictures for the live grid: the first ``per_class`` of each class, in order."""
    chosen: list[int] = []
    for c in range(10):
        chosen += [int(i) for i in (test.labels == c).nonzero().flatten()[:per_class]]
    return sorted(chosen)[: max(1, 10 * per_class)]


def first_conv_filters(model: torch.nn.Module, limit: int = FILTERS_SHOWN) -> list[list[list[float]]]:
    """The first convolution's filters (first input channel), rounded, for the status file."""
    conv = next(m for m in model.modules() if isinstance(m, torch.nn.Conv2d))
    w = conv.weight.detach()[:limit, 0].float()
    return [[[round(float(v), 4) for v in row] for row in f] for f in w]


def run_training(arch: str, *, recipe: Recipe | None = None, folder: Path | None = None,
                 seed: int = 0, limit_train: int | None = None, limit_test: int | None = None,
                 threads: int = RUN_THREADS, nice: int = 0, started_by: str = "terminal",
                 on_progress: Callable[[Progress], None] | None = None) -> dict[str, Any]:
    """Train ``arch`` on Fashion-MNIST under the lock, keeping the status file current, and
    save the checkpoint. Returns the checkpoint's description (or the stopped status).

    Raises:
        RunError: another run holds the lock, or the cache folder cannot be written.
        DataError: the data set is missing or damaged.
    """
    if arch not in RECIPES and recipe is None:
        raise RunError("no_recipe", arch=arch, known=", ".join(RECIPES))
    recipe = recipe or RECIPES[arch]
    if nice > os.nice(0):
        os.nice(nice - os.nice(0))  # to that level, not by it: a second network in one process
    threads_before = torch.get_num_threads()
    torch.set_num_threads(max(1, threads))
    try:
        return _locked_run(arch, recipe, folder, seed, limit_train, limit_test, started_by, on_progress)
    finally:
        torch.set_num_threads(threads_before)


def _locked_run(arch: str, recipe: Recipe, folder: Path | None, seed: int, limit_train: int | None,
                limit_test: int | None, started_by: str,
                on_progress: Callable[[Progress], None] | None) -> dict[str, Any]:
    with run_lock(folder):
        stop_file = run_dir(folder) / "stop"
        stop_file.unlink(missing_ok=True)
        base = {"arch": arch, "pid": os.getpid(), "started": time.time(), "started_by": started_by,
                "recipe": asdict(recipe)}
        write_status({**base, "state": "loading"}, folder)
        try:
            train_set, test_set = load_split("train"), load_split("test")
        except DataError as err:
            write_status({**base, "state": "failed", "error": f"data.{err.code}",
                          "values": {k: str(v) for k, v in err.values.items()}}, folder)
            raise
        if limit_train:
            train_set = train_set.head(limit_train)
        if limit_test:
            test_set = test_set.head(limit_test)
        mean, std = normalisation(train_set)
        probe = probe_indices(test_set)
        base.update(mean=mean, std=std, probe_index=probe,
                    probe_labels=[int(test_set.labels[i]) for i in probe])
        last = [0.0]
        points: list[dict[str, float]] = []

        latest: dict[str, Any] = {}
        model = zoo_model(arch, seed)

        def report(p: Progress) -> None:
            latest["progress"] = asdict(p)
            points.append({"step": p.step, "epoch": p.epoch, "loss": p.loss, "accuracy": p.accuracy})
            if on_progress is not None:
                on_progress(p)
            now = time.monotonic()
            if now - last[0] >= STATUS_EVERY or p.step == p.steps:
                last[0] = now
                write_status({**base, **latest, "state": "running", "curve": points,
                              "filters": first_conv_filters(model)},
                             folder)
                runner.hold("running", release=stop_file.exists)  # tests only

        measure = error_measure(train_set, test_set, recipe.input_size, mean, std) \
            if arch in FIGURE1_ARCHS else None
        result = train(model, recipe, Pictures(train_set, mean, std), seed=seed,
                       watch=Watch(on_progress=report, should_stop=stop_file.exists,
                                   probe=test_set.images[probe], measure=measure))
        if result.stopped:
            stop_file.unlink(missing_ok=True)
            status = {**base, **latest, "state": "stopped", "curve": points, "step": result.steps}
            write_status(status, folder)
            return status
        write_status({**base, **latest, "state": "evaluating", "curve": points}, folder)
        accuracy = evaluate(result.model, test_set, recipe.input_size, mean, std)
        extra: dict[str, Any] = {"train_images": len(train_set), "test_images": len(test_set)}
        if result.errors:
            train_error = 1 - evaluate(result.model, train_set, recipe.input_size, mean, std)
            final_point = {**result.errors[-1], "train_error": round(train_error, 4),
                    "test_error": round(1 - accuracy, 4), "train_pictures": len(train_set),
                    "test_pictures": len(test_set)}
            extra.update(train_error=round(train_error, 4),
                         error_curve=[*result.errors[:-1], final_point])
        try:
            store.save(store.Zoo(arch), result.model,
                       store.run_values(recipe, result, test_accuracy=accuracy, mean=mean, std=std,
                                        seed=seed, n_train=len(train_set), extra=extra), folder)
        except OSError as exc:
            write_status({**base, "state": "failed", "error": "run.save_failed",
                          "values": {"why": exc.strerror or str(exc)}}, folder)
            raise RunError("save_failed", why=exc.strerror or str(exc)) from None
        done = {**base, **latest, "state": "done", "curve": points, "test_accuracy": accuracy,
                "test_images": len(test_set),
                "seconds": round(result.seconds, 1), "filters": first_conv_filters(result.model)}
        write_status(done, folder)
        return done


def error_measure(train_set: Split, test_set: Split, size: int, mean: float,
                  std: float) -> Callable[[torch.nn.Module], dict[str, float]]:
    """Training and test error on the first :data:`ERROR_SAMPLE` pictures of each set (the
    Figure 1 curves' points along the way; the last point is measured again on all of them)."""
    train_part, test_part = train_set.head(ERROR_SAMPLE), test_set.head(ERROR_SAMPLE)

    def measure(model: torch.nn.Module) -> dict[str, float]:
        return {"train_error": round(1 - evaluate(model, train_part, size, mean, std), 4),
                "test_error": round(1 - evaluate(model, test_part, size, mean, std), 4),
                "train_pictures": len(train_part), "test_pictures": len(test_part)}

    return measure


def start_run(arch: str | tuple[str, ...], folder: Path | None = None) -> int:
    """Start ``python -m visualizer train ARCH...`` in its own session at low priority (several
    networks one after the other, such as a plain network and its residual twin); returns its
    pid. The child takes the lock itself: if another run holds it, the child exits at once and
    the status stays that of the run going on.

    Raises:
        RunError: a run is going already (checked here first, to answer kindly).
    """
    archs = (arch,) if isinstance(arch, str) else arch
    unknown = [a for a in archs if a not in RECIPES]
    if unknown or not archs:
        raise RunError("no_recipe", arch=", ".join(unknown), known=", ".join(RECIPES))
    if is_running(folder):
        raise RunError("busy")
    d = run_dir(folder)
    try:  # said now, on the teacher's Start, if the folder cannot take the run's files
        d.mkdir(parents=True, exist_ok=True)
        starting = {"arch": archs[0], "state": "starting", "started": time.time(), "started_by": "page"}
        write_status(starting, folder)
        with open(d / "log.txt", "ab") as log:
            proc = runner.spawn(["train", *archs, "--quiet", "--nice", str(RUN_NICE), "--started-by", "page"],
                                log=log, env={CACHE_ENV: str(folder or cache_dir())}, memory=RUN_MEMORY)
        write_status(starting | {"pid": proc.pid}, folder)  # until the run writes its own
    except OSError as exc:
        raise RunError("unwritable", folder=str(d), why=exc.strerror or str(exc),
                       io=runner.io_code(exc)) from None
    return proc.pid


def request_stop(folder: Path | None = None) -> None:
    """Ask the running run to stop after its current step (it keeps no half result)."""
    d = run_dir(folder)
    d.mkdir(parents=True, exist_ok=True)
    (d / "stop").touch()
