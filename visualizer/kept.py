"""A student's trained design, kept: its weights with the design that rebuilds them.

The class queue (``visualizer/queue.py``) trains a design for a minute; the weights it learned
are kept here, one file per job, in the cache folder's ``designs/``: a plain dictionary (only
tensors, numbers and strings, so ``torch.load(weights_only=True)`` reads it) that carries the
design's link value, so the file alone rebuilds its network (``load``). ``take_home`` packs the
network's PyTorch code (``codegen.code``) and its weights into one zip a student downloads.
"""

from __future__ import annotations

import io
import pickle
import re
import struct
import zipfile
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


def folder(root: Path | None = None) -> Path:
    return (root or cache_dir()) / "designs"


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
    except OSError:
        raise CheckpointError("unusable", path=source.name) from None
    if size > MAX_BYTES:
        raise CheckpointError("too_big", mb=size // 2**20, limit=MAX_BYTES // 2**20)
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
        raise CheckpointError("unusable", path=source.name)
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
