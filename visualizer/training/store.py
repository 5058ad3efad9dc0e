"""The checkpoint store: every network trained on this machine, the zoo's and the students'
designs alike, behind one :func:`save` and one :func:`load`.

A checkpoint is named by what rebuilds its model, :class:`Zoo` (a zoo network's name) or
:class:`Job` (a class job, whose design is kept in the file), and carries what was measured.
:func:`load` returns the rebuilt network in eval mode on the CPU with those values
(:class:`Loaded`), whichever kind it is. Every file is written atomically (``paths.atomic_write``:
a run killed mid-write leaves the previous file as it was) and read defensively: a size limit
before a byte is read, ``torch.load(weights_only=True)``, and every damaged, foreign or too big
file a :class:`CheckpointError` with its code (``ckpt.<code>``), never a traceback.

The two formats are the ones the app has always written (old files load as they are):

- a zoo network (``make weights``, the training page): ``fashion-<arch>.pt``, a plain
  state_dict, and ``fashion-<arch>.json``, its description (the name in ``arch``, what it
  measured, the recipe, and the weights' size and SHA-256, so a description is never read with
  other weights), in the cache folder.
- a design trained in the class queue: ``designs/<job>.pt``, one plain dictionary (only
  tensors, numbers and strings) with ``format``, the design's link value in ``design``, the
  measured ``accuracy``, ``mean`` and ``std``, and the ``state_dict``; a design trained further
  from a kept checkpoint also names that checkpoint's job in ``from`` (files without it read as
  before).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import pickle
import re
import struct
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
from torch import nn

from models import build_model
from visualizer import design as ds
from visualizer.codegen import code
from visualizer.features import CheckpointError, load_checkpoint, load_state
from visualizer.paths import atomic_write, cache_dir
from visualizer.train import RESIZE_MODE, Recipe

if TYPE_CHECKING:
    from visualizer.training.trainer import RunResult


@dataclass(frozen=True)
class Zoo:
    """A zoo network trained on Fashion-MNIST (1 channel in, 10 classes out), rebuilt from its name."""

    arch: str


@dataclass(frozen=True)
class Job:
    """A student's design trained by the class queue's job ``id``. Saving needs the ``design``
    that rebuilds it; loading reads it from the file."""

    id: str
    design: ds.Design | None = None


@dataclass(frozen=True)
class Loaded:
    """A checkpoint read back: the network, rebuilt and in eval mode on the CPU, with what was
    measured (``values``: a zoo network's whole description, or a design's ``accuracy``,
    ``mean`` and ``std``) and what rebuilt it (``arch`` or ``design``)."""

    model: nn.Module
    values: dict[str, Any]
    path: Path  # the weights file
    arch: str | None = None
    design: ds.Design | None = None

    @property
    def accuracy(self) -> float:
        """Its accuracy on the test pictures (a zoo description's ``test_accuracy``)."""
        return float(self.values.get("test_accuracy", self.values.get("accuracy", 0.0)))

    @property
    def mean(self) -> float:
        """The mean its inputs are normalised with."""
        return float(self.values.get("mean", 0.0))

    @property
    def std(self) -> float:
        """The standard deviation its inputs are normalised with."""
        return float(self.values.get("std", 1.0))


def save(what: Zoo | Job, model: nn.Module, values: Mapping[str, Any], folder: Path | None = None) -> Path:
    """Keep ``model``'s weights with what rebuilds it and ``values`` (what was measured: for a
    zoo network its description, :func:`run_values`; for a design ``accuracy``, ``mean`` and
    ``std``) in the cache folder (or ``folder``); returns the weights file's path.

    Raises:
        OSError: the folder cannot be written (a full disk): the previous file is kept.
    """
    # contiguous: a plain state_dict whatever memory format the run trained in
    state = {k: v.detach().contiguous().clone().cpu() for k, v in model.state_dict().items()}
    if isinstance(what, Zoo):
        return _save_zoo(what.arch, state, values, folder)
    if what.design is None:
        raise ValueError("a design's checkpoint is saved with the design that rebuilds it")
    return _save_design(what.id, what.design, state, values, folder)


def load(what: Zoo | Job, folder: Path | None = None, *, sha256: str | None = None) -> Loaded:
    """The checkpoint of ``what``: its network rebuilt, with the kept weights, in eval mode on the
    CPU, and what was measured. ``sha256``, when given, is the zoo description the caller read:
    weights saved since are refused (``changed``) rather than shown under the old numbers.

    Raises:
        CheckpointError: no such checkpoint, or a file that is too big, damaged, foreign or
            carries code (``ckpt.<code>``).
        DesignError: a kept design this app cannot build (a newer app's).
    """
    if isinstance(what, Zoo):
        return _load_zoo(what.arch, folder, sha256)
    source = design_path(what.id, folder)
    data = _read_design(source)
    design = ds.decode(data["design"])
    model = load_state(ds.build(design, device="cpu"), data["state_dict"]).eval()
    values = {k: data[k] for k in DESIGN_VALUES if k in data}
    if is_job_id(data.get("from")):
        values["from"] = data["from"]
    return Loaded(model, values, source, design=design)


def design_of(job_id: str, folder: Path | None = None) -> ds.Design:
    """The design job ``job_id``'s kept checkpoint rebuilds (its file read as :func:`load` reads
    it, without building the network).

    Raises:
        CheckpointError: as :func:`load`.
        DesignError: a design this app cannot read (a newer app's).
    """
    return ds.decode(_read_design(design_path(job_id, folder))["design"])


# ---- Zoo networks: fashion-<arch>.pt and fashion-<arch>.json ------------------------------

def checkpoint_paths(arch: str, folder: Path | None = None) -> tuple[Path, Path]:
    """``fashion-<arch>.pt`` and ``fashion-<arch>.json`` in the cache folder."""
    root = folder or cache_dir()
    return root / f"fashion-{arch}.pt", root / f"fashion-{arch}.json"


def run_values(recipe: Recipe, result: RunResult, *, test_accuracy: float, mean: float, std: float,
               seed: int, n_train: int, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A finished run's description, everything needed to check its accuracy (:func:`save`
    adds the network's name, the date, torch's version and the weights' size and digest)."""
    return {
        "dataset": "fashion-mnist", "input_size": recipe.input_size, "in_channels": 1,
        "num_classes": 10, "mean": mean, "std": std, "resize": RESIZE_MODE, "align_corners": False,
        "epochs": round(result.steps * recipe.batch_size / n_train, 3), "steps": result.steps,
        "seconds": round(result.seconds, 1), "test_accuracy": test_accuracy, "seed": seed,
        "recipe": asdict(recipe), "curve": result.curve, **(extra or {}),
    }


def _save_zoo(arch: str, state: dict[str, torch.Tensor], values: Mapping[str, Any],
              folder: Path | None) -> Path:
    """The weights first, then the description that names their size and digest: a reader
    never takes a description for weights it was not written for (:func:`check_meta`)."""
    pt, js = checkpoint_paths(arch, folder)
    pt.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(pt, lambda fh: torch.save(state, fh))
    digest = hashlib.sha256()
    with open(pt, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    meta = {"arch": arch, **values, "torch": torch.__version__,
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "weights_bytes": pt.stat().st_size, "sha256": digest.hexdigest()}
    atomic_write(js, lambda fh: fh.write(json.dumps(meta, indent=1).encode()))
    return pt


def _load_zoo(arch: str, folder: Path | None, sha256: str | None) -> Loaded:
    pt, js = checkpoint_paths(arch, folder)
    meta, note = check_meta(arch, folder)
    if meta is None:  # no description for these weights, or one that cannot be used
        raise CheckpointError("unusable", path=str(js)) if note is None else CheckpointError("corrupt")
    if sha256 is not None and meta["sha256"] != sha256:
        raise CheckpointError("changed")
    model = build_model(arch, device="cpu", in_channels=1, num_classes=10)
    return Loaded(load_checkpoint(model, pt, sha256=meta["sha256"]).eval(), meta, pt, arch=arch)


MAX_META_BYTES = 1_000_000  # a description is a few kB; a bigger file is not read at all
_REAL = (int, float)


def _real(v: object, low: float = -math.inf, high: float = math.inf) -> bool:
    """A finite number (not a bool) within [low, high]."""
    return isinstance(v, _REAL) and not isinstance(v, bool) and math.isfinite(v) and low <= v <= high


def _whole(v: object, low: int = 0, high: int = 2**62) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


# What the pages read from a description, and what each value may be. A description with any of
# these missing or of the wrong type (edited by hand, cut by a full disk, written by another
# program) is skipped with a note, never a crashed page (issue 27).
META_CHECKS: dict[str, Callable[[object], bool]] = {
    "input_size": lambda v: _whole(v, 1, 512),
    "mean": lambda v: _real(v, -10, 10),
    "std": lambda v: _real(v, 1e-6, 10),
    "test_accuracy": lambda v: _real(v, 0, 1),
    "epochs": lambda v: _real(v, 0, 10_000),
    "steps": lambda v: _whole(v),
    "seconds": lambda v: _real(v, 0),
    "seed": lambda v: _whole(v, -(2**62)),
    "date": lambda v: isinstance(v, str) and 10 <= len(v) <= 64,
    "sha256": lambda v: isinstance(v, str) and len(v) == 64 and all(c in "0123456789abcdef" for c in v),
    "weights_bytes": lambda v: _whole(v),
    "recipe": lambda v: isinstance(v, dict) and all(
        _real(v.get(k)) for k in ("input_size", "epochs", "batch_size", "lr", "weight_decay")),
}
META_OPTIONAL: dict[str, Callable[[object], bool]] = {
    "test_images": lambda v: _whole(v, 1),
    "train_error": lambda v: _real(v, 0, 1),
    "error_curve": lambda v: isinstance(v, list) and len(v) <= 10_000 and all(
        isinstance(p, dict) and all(_real(p.get(k)) for k in ("epoch", "train_error", "test_error"))
        for p in v),
}


def check_meta(arch: str, folder: Path | None = None) -> tuple[dict[str, Any] | None, str | None]:
    """``arch``'s description and, when a description is there but cannot be used, why
    (``"too_big"``, ``"damaged"`` or ``"field:<name>"``). A description written for other
    weights (a run saving right now) is no description, without a note."""
    pt, js = checkpoint_paths(arch, folder)
    try:
        if js.stat().st_size > MAX_META_BYTES:
            return None, "too_big"
        text = js.read_bytes()[:MAX_META_BYTES]
    except OSError:
        return None, None
    try:
        meta = json.loads(text)
    except (ValueError, RecursionError):
        return None, "damaged"
    if not isinstance(meta, dict):
        return None, "damaged"
    for key, ok in META_CHECKS.items():
        if not ok(meta.get(key)):
            return None, f"field:{key}"
    for key, ok in META_OPTIONAL.items():
        if key in meta and not ok(meta[key]):
            return None, f"field:{key}"
    try:
        size = pt.stat().st_size
    except OSError:
        return None, None
    if meta["weights_bytes"] != size:
        return None, None
    return meta, None


def read_meta(arch: str, folder: Path | None = None) -> dict[str, Any] | None:
    """The description of ``arch``'s Fashion-MNIST checkpoint, or None if there is none that
    matches its weights file (missing, unreadable, written for other weights, or damaged:
    :func:`check_meta` says why)."""
    return check_meta(arch, folder)[0]


# ---- Designs trained in class: designs/<job>.pt --------------------------------------------

FORMAT = "cnnvis-trained-design"
KEEP = 256  # files kept: the oldest go first (a design's weights are a few kB to a few MB)
MAX_DESIGN_BYTES = 400 * 2**20  # a kept file larger than this is not read (MAX_PARAMS float32 is 800 MB)
DESIGN_VALUES = ("accuracy", "mean", "std")  # what a design's file carries beside its weights
_JOB = re.compile(r"^[0-9a-f]{6,32}$")


def is_job_id(text: object) -> bool:
    """Whether ``text`` can be a job's id (as a link's ``kept=`` value must be)."""
    return isinstance(text, str) and bool(_JOB.match(text))


def design_folder(root: Path | None = None) -> Path:
    return (root or cache_dir()) / "designs"


def design_ids(root: Path | None = None) -> set[str]:
    """The jobs whose weights are kept now."""
    return {p.stem for p in design_folder(root).glob("*.pt")}


def design_path(job_id: str, root: Path | None = None) -> Path:
    """Where job ``job_id``'s weights are kept (a job id is hex: no path can be made of it)."""
    if not _JOB.match(job_id):
        raise CheckpointError("unusable", path=job_id[:40])
    return design_folder(root) / f"{job_id}.pt"


def _save_design(job_id: str, design: ds.Design, state: dict[str, torch.Tensor],
                 values: Mapping[str, Any], root: Path | None) -> Path:
    """One plain dictionary (``from``: the job whose kept weights it started from, if any); the
    oldest files beyond ``KEEP`` are removed."""
    target = design_path(job_id, root)
    parent = values.get("from")
    if parent is not None and not is_job_id(parent):
        raise ValueError(f"'from' must be a job's id, got {parent!r}")
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT, "design": ds.encode(design),
            **{k: float(values[k]) for k in DESIGN_VALUES}, **({"from": parent} if parent else {}),
            "state_dict": state}
    atomic_write(target, lambda fh: torch.save(data, fh))
    kept = sorted(target.parent.glob("*.pt"), key=lambda p: p.stat().st_mtime)
    for old in kept[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def _read_design(source: Path) -> dict[str, Any]:
    try:
        size = source.stat().st_size
    except OSError:  # removed with the oldest (KEEP), or never written (a full disk)
        raise CheckpointError("kept_missing", keep=KEEP) from None
    if size > MAX_DESIGN_BYTES:
        raise CheckpointError("kept_too_big", mb=size // 2**20, limit=MAX_DESIGN_BYTES // 2**20)
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


def stem(name: str) -> str:
    """A file name for a design's downloads: its name's ASCII letters, digits, - and _."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in name)
    return safe.strip("_")[:40] or "my_network"


def take_home(source: Path, stem: str = "my_network") -> bytes:
    """A zip with ``<stem>.py`` (the network's code, torch alone) and ``<stem>.pt`` (its learned
    weights): ``model = build(); model.load_state_dict(torch.load("<stem>.pt"))``."""
    data = _read_design(source)
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
