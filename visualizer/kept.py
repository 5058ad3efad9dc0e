"""A student's trained design, kept: its weights with the design that rebuilds them.

The class queue (``visualizer/queue.py``) trains a design for a minute; the weights it learned
are kept here, one file per job, in the cache folder's ``designs/``: a plain dictionary (only
tensors, numbers and strings, so ``torch.load(weights_only=True)`` reads it) that carries the
design's link value, so the file alone rebuilds its network (``load``). ``take_home`` packs the
network's PyTorch code (``codegen.code``) and its weights into one zip a student downloads.
``openable`` lists the kept designs a student may open on the feature-map page or take home:
their own finished jobs and every row of the class board whose weights are kept.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from visualizer import design as ds
from visualizer.codegen import code
from visualizer.features import CheckpointError, load_state
from visualizer.train import atomic_write, cache_dir

FORMAT = "cnnvis-trained-design"
KEEP = 256  # files kept: the oldest go first (a design's weights are a few kB to a few MB)
MAX_BYTES = 400 * 2**20  # a kept file larger than this is not read (MAX_PARAMS float32 is 800 MB)
_JOB = re.compile(r"^[0-9a-f]{6,32}$")


def is_job_id(text: object) -> bool:
    """Whether ``text`` can be a job's id (as a link's ``kept=`` value must be)."""
    return isinstance(text, str) and bool(_JOB.match(text))


def folder(root: Path | None = None) -> Path:
    return (root or cache_dir()) / "designs"


def ids(root: Path | None = None) -> set[str]:
    """The jobs whose weights are kept now."""
    return {p.stem for p in folder(root).glob("*.pt")}


def path(job_id: str, root: Path | None = None) -> Path:
    """Where job ``job_id``'s weights are kept (a job id is hex: no path can be made of it)."""
    if not _JOB.match(job_id):
        raise CheckpointError("unusable", path=job_id[:40])
    return folder(root) / f"{job_id}.pt"


def save(job_id: str, design: ds.Design, model: nn.Module, *, accuracy: float, mean: float,
         std: float, root: Path | None = None) -> Path:
    """Keep ``model``'s weights with the design that rebuilds them; the oldest files beyond
    ``KEEP`` are removed."""
    target = path(job_id, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT, "design": ds.encode(design), "accuracy": float(accuracy),
            "mean": float(mean), "std": float(std),
            "state_dict": {k: v.detach().contiguous().clone().cpu() for k, v in model.state_dict().items()}}
    atomic_write(target, lambda fh: torch.save(data, fh))
    kept = sorted(target.parent.glob("*.pt"), key=lambda p: p.stat().st_mtime)
    for old in kept[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def _read(source: Path) -> dict[str, Any]:
    try:
        size = source.stat().st_size
    except OSError:  # removed with the oldest (KEEP), or never written (a full disk)
        raise CheckpointError("kept_missing", keep=KEEP) from None
    if size > MAX_BYTES:
        raise CheckpointError("kept_too_big", mb=size // 2**20, limit=MAX_BYTES // 2**20)
    try:
        data = torch.load(source, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:  # weights_only names an import a file would make
        blocked = "GLOBAL" in str(exc) or "Unsupported global" in str(exc)
        raise CheckpointError("code" if blocked else "corrupt") from None
    except (RuntimeError, EOFError, zipfile.BadZipFile, ValueError, OSError, IndexError, KeyError,
            TypeError, AttributeError, OverflowError, MemoryError, struct.error):
        # what the weights-only unpickler raises on damaged bytes (as features._load_bytes)
        raise CheckpointError("corrupt") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("design"), str):
        raise CheckpointError("kept_foreign")
    return data


def load(source: Path) -> tuple[ds.Design, nn.Module, dict[str, Any]]:
    """The kept design, its network with the learned weights (in eval mode, on the CPU) and
    what was measured (``accuracy``, the input's ``mean`` and ``std``).

    Raises:
        CheckpointError: the file cannot be read or is not a kept design.
        DesignError: its design cannot be built here (a newer app's).
    """
    data = _read(source)
    design = ds.decode(data["design"])
    model = load_state(ds.build(design, device="cpu"), data["state_dict"]).eval()
    return design, model, {k: data[k] for k in ("accuracy", "mean", "std") if k in data}


def stem(name: str) -> str:
    """A file name for a design's downloads: its name's ASCII letters, digits, - and _."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in name)
    return safe.strip("_")[:40] or "my_network"


def take_home(source: Path, stem: str = "my_network") -> bytes:
    """A zip with ``<stem>.py`` (the network's code, torch alone) and ``<stem>.pt`` (its learned
    weights): ``model = build(); model.load_state_dict(torch.load("<stem>.pt"))``."""
    data = _read(source)
    design = ds.decode(data["design"])
    weights = io.BytesIO()
    torch.save(data["state_dict"], weights)
    usage = (f'\n\n# The weights it learned in class (test accuracy {data.get("accuracy", 0):.1%} on '
             f'Fashion-MNIST; inputs normalised with mean {data.get("mean", 0):.4f}, std '
             f'{data.get("std", 1):.4f}):\n#     model = build()\n#     model.load_state_dict('
             f'torch.load("{stem}.pt"))\n')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{stem}.py", code(design) + usage)
        z.writestr(f"{stem}.pt", weights.getvalue())
    return out.getvalue()


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


# What each finished job's file says, by path, size and time: a file is read once (a job's end
# is written once), the folder listed at every call (a folder's own time is too coarse to tell two
# quick ends apart). Measured here with 256 finished jobs and a 256-row board: openable() 29 ms
# the first time, then 2.5 ms (the listing, the board and the kept folder).
_READ: dict[tuple[str, int, int], dict[str, Any] | None] = {}


def _finished_job(file: os.DirEntry[str]) -> dict[str, Any] | None:
    """What the page needs of one finished job's file (None: not a job that finished well)."""
    from visualizer.training import runner

    try:
        stat = file.stat()
    except OSError:
        return None
    key = (file.path, stat.st_mtime_ns, stat.st_size)
    if key in _READ:
        return _READ[key]
    job = runner.read_status(Path(file.path))
    entry = None
    if (job is not None and job.get("state") == "done" and is_job_id(job.get("id"))
            and isinstance(job.get("owner"), str) and isinstance(job.get("accuracy"), int | float)):
        entry = {k: job.get(k) for k in ("id", "owner", "name", "nickname", "accuracy", "finished")}
    if len(_READ) >= 8192:  # bounded: a server's life of classes
        _READ.clear()
    _READ[key] = entry
    return entry


def _finished_by_owner(root: Path | None) -> dict[str, list[dict[str, Any]]]:
    """Every job that finished well, by owner, newest first."""
    from visualizer import queue as q

    by_owner: dict[str, list[dict[str, Any]]] = {}
    try:
        with os.scandir(q.queue_dir(root) / "done") as files:
            for file in files:
                job = _finished_job(file) if file.name.endswith(".json") else None
                if job is not None:
                    by_owner.setdefault(job["owner"], []).append(job)
    except OSError:  # no job has ended yet
        return {}
    for jobs in by_owner.values():
        jobs.sort(key=lambda j: -float(j.get("finished") or 0))
    return by_owner


def openable(owner: str | None, root: Path | None = None) -> list[Kept]:
    """The kept designs a student may open: their own finished jobs (newest first), then the
    class board's rows (best first), each once, and only those whose weights are still kept."""
    from visualizer import queue as q

    here = ids(root)
    out: list[Kept] = []
    seen: set[str] = set()
    rows = q.board(root)
    rank = {str(r.get("id")): n + 1 for n, r in enumerate(rows)}
    mine = _finished_by_owner(root).get(owner, []) if owner else []
    for job in mine:
        if job["id"] in here and job["id"] not in seen:
            seen.add(job["id"])
            out.append(Kept(job["id"], str(job.get("name") or ""), str(job.get("nickname") or ""),
                            float(job["accuracy"]), rank.get(job["id"]), True))
    for row in rows:
        job_id = row.get("id")
        if is_job_id(job_id) and job_id in here and job_id not in seen:
            seen.add(str(job_id))
            out.append(Kept(str(job_id), str(row.get("name") or ""), str(row.get("nickname") or ""),
                            float(row["accuracy"]), rank[str(job_id)], False))
    return out

