"""Reference results: the measured lessons' numbers, shipped so a fresh clone shows them at once.

No streamlit here. ``make weights`` trains the four networks of the ResNet paper's Figure 1 and
a DenseNet-121 on Fashion-MNIST (about 40 minutes on two cores); until a machine has done so,
the measured lessons draw these files instead, and say so ("reference results, <date>,
<machine>"). They are small data files (numbers, not weights), written by
``python -m visualizer.reference`` from a cache folder that ``make weights`` filled:

- ``figure1.json``: each Figure 1 network's ``error_curve``, ``train_error``,
  ``test_accuracy``, time and recipe (copied from its ``fashion-<arch>.json``);
- ``gradients.json``: every convolution's gradient norm at initialisation, plain and
  residual, at every depth of the ResNet lesson's slider, and GoogLeNet's with and without
  its auxiliary losses (:mod:`visualizer.shortcuts`, on Debian's Fashion-MNIST);
- ``densenet_reuse.json``: Figure 5 of the DenseNet paper from the trained DenseNet-121's
  weights, and from the same network before training.

Each file carries ``made``: the date, the machine (CPU model and cores), torch's version and
the command. A file that is missing or damaged is no reference (the lesson says what to run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import torch

from visualizer.shortcuts import (
    AUX_WEIGHT,
    GOOGLENET_BATCH,
    GOOGLENET_SIDE,
    GRADIENT_BATCH,
    GRADIENT_DEPTHS,
    GRADIENT_SIDE,
    LayerGradient,
    ReuseMap,
)

FOLDER = Path(__file__).parent / "resources" / "reference"
FIGURE1_KEYS = ("error_curve", "train_error", "test_accuracy", "seconds", "steps", "epochs",
                "recipe", "seed", "date", "sha256")
MAX_BYTES = 2_000_000


def machine() -> str:
    """The CPU model and its cores, as /proc/cpuinfo and the OS give them."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores"


def stamp(command: str) -> dict[str, str]:
    return {"date": datetime.now(UTC).date().isoformat(), "machine": machine(),
            "torch": torch.__version__.split("+")[0], "command": command}


def _read(name: str, folder: Path | None = None) -> dict[str, Any] | None:
    path = (folder or FOLDER) / name
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("made"), dict):
        return None
    return data


# --- Figure 1 ---------------------------------------------------------------------------

def figure1(folder: Path | None = None) -> tuple[dict[str, dict[str, Any]], dict[str, str]] | None:
    """The reference Figure 1 networks' descriptions (the keys the lesson reads) and the
    file's stamp, or None."""
    from visualizer.train import FIGURE1_ARCHS
    from visualizer.training.store import META_CHECKS, META_OPTIONAL

    data = _read("figure1.json", folder)
    nets = data.get("networks") if data else None
    if not data or not isinstance(nets, dict):
        return None
    checks = {k: META_CHECKS.get(k) or META_OPTIONAL[k]
              for k in FIGURE1_KEYS if k not in ("date", "sha256", "epochs")}
    ok = {arch: m for arch, m in nets.items() if arch in FIGURE1_ARCHS and isinstance(m, dict)
          and all(k in m and check(m[k]) for k, check in checks.items()) and m["error_curve"]}
    return (ok, data["made"]) if ok else None


def write_figure1(cache: Path, out: Path, command: str) -> Path | None:
    """``figure1.json`` from the descriptions in ``cache`` (only networks trained there)."""
    from visualizer.train import FIGURE1_ARCHS
    from visualizer.training.store import read_meta

    nets = {}
    for arch in FIGURE1_ARCHS:
        meta = read_meta(arch, cache)
        if meta and "error_curve" in meta:
            nets[arch] = {k: meta[k] for k in FIGURE1_KEYS if k in meta}
    if not nets:
        return None
    path = out / "figure1.json"
    path.write_text(json.dumps({"made": stamp(command), "networks": nets}, indent=1) + "\n")
    return path


# --- gradients at initialisation ----------------------------------------------------------

def gradient_rows(grads: list[LayerGradient]) -> list[list[Any]]:
    return [[g.name, g.norm] for g in grads]


def as_gradients(rows: object) -> list[LayerGradient] | None:
    if not isinstance(rows, list) or not rows:
        return None
    out = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 2 and isinstance(row[0], str)
                and isinstance(row[1], int | float) and not isinstance(row[1], bool)):
            return None
        out.append(LayerGradient(row[0], float(row[1])))
    return out


def write_gradients(out: Path, command: str, depths: tuple[int, ...] = GRADIENT_DEPTHS) -> Path:
    """``gradients.json``: computed here, on the first pictures of Debian's Fashion-MNIST."""
    from visualizer.data import load_split
    from visualizer.shortcuts import depth_gradients, googlenet_gradients, picture_batch
    from visualizer.train import normalisation

    train = load_split("train")
    mean, std = normalisation(train)
    x, y = picture_batch(train, GRADIENT_BATCH, GRADIENT_SIDE, mean, std)
    cifar = {str(d): {kind: gradient_rows(depth_gradients(d, kind == "residual", x, y))
                      for kind in ("plain", "residual")} for d in depths}
    gx, gy = picture_batch(train, GOOGLENET_BATCH, GOOGLENET_SIDE, mean, std)
    google = {str(w): gradient_rows(googlenet_gradients(gx, gy, w)) for w in (0.0, AUX_WEIGHT)}
    data = {"made": stamp(command), "batch": GRADIENT_BATCH, "side": GRADIENT_SIDE,
            "googlenet_batch": GOOGLENET_BATCH, "googlenet_side": GOOGLENET_SIDE,
            "cifar": cifar, "googlenet": google}
    path = out / "gradients.json"
    path.write_text(json.dumps(data) + "\n")
    return path


def gradients(depth: int, residual: bool, folder: Path | None = None
              ) -> tuple[list[LayerGradient], dict[str, str]] | None:
    """The reference gradients of the ``depth``-layer CIFAR network, and the file's stamp."""
    data = _read("gradients.json", folder)
    if data is None or not isinstance(data.get("cifar"), dict):
        return None
    entry = data["cifar"].get(str(depth))
    rows = as_gradients(entry.get("residual" if residual else "plain")) if isinstance(entry, dict) else None
    return (rows, data["made"]) if rows else None


def googlenet(aux_weight: float, folder: Path | None = None
              ) -> tuple[list[LayerGradient], dict[str, str]] | None:
    data = _read("gradients.json", folder)
    if data is None or not isinstance(data.get("googlenet"), dict):
        return None
    rows = as_gradients(data["googlenet"].get(str(float(aux_weight))))
    return (rows, data["made"]) if rows else None


# --- DenseNet's feature reuse --------------------------------------------------------------

def write_reuse(cache: Path, out: Path, command: str) -> Path | None:
    """``densenet_reuse.json`` from the DenseNet-121 trained in ``cache``."""
    from models import build_model
    from visualizer.shortcuts import dense_reuse
    from visualizer.training import store

    if not store.read_meta("densenet121", cache):
        return None
    torch.manual_seed(0)  # as common.shared_model builds it: the same network before training
    before = dense_reuse(build_model("densenet121", device="cpu", in_channels=1, num_classes=10))
    trained = store.load(store.Zoo("densenet121"), cache)
    model, meta = trained.model, trained.values
    data = {"made": stamp(command),
            "meta": {k: meta[k] for k in ("test_accuracy", "recipe", "epochs", "sha256", "date", "seed")},
            "trained": [asdict(m) for m in dense_reuse(model)], "before": [asdict(m) for m in before]}
    path = out / "densenet_reuse.json"
    path.write_text(json.dumps(data) + "\n")
    return path


def _as_reuse(items: object) -> list[ReuseMap] | None:
    if not isinstance(items, list) or not items:
        return None
    out = []
    for m in items:
        try:
            weights = tuple(tuple(None if v is None else float(v) for v in row) for row in m["weights"])
            reuse = ReuseMap(block=str(m["block"]), targets=tuple(map(str, m["targets"])),
                             sources=tuple(map(str, m["sources"])), weights=weights)
        except (KeyError, TypeError, ValueError):
            return None
        sides_ok = all(len(r) == len(reuse.sources) for r in reuse.weights)
        if len(reuse.weights) != len(reuse.targets) or not sides_ok:
            return None
        out.append(reuse)
    return out


def reuse(folder: Path | None = None
          ) -> tuple[list[ReuseMap], list[ReuseMap], dict[str, Any], dict[str, str]] | None:
    """The reference reuse maps (trained, and before training), the network's description
    (test accuracy, recipe, digest) and the file's stamp."""
    data = _read("densenet_reuse.json", folder)
    if data is None or not isinstance(data.get("meta"), dict):
        return None
    trained, before = _as_reuse(data.get("trained")), _as_reuse(data.get("before"))
    if not trained or not before or len(trained) != len(before):
        return None
    return trained, before, data["meta"], data["made"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m visualizer.reference",
                                     description="Write the reference results the measured lessons draw.")
    parser.add_argument("--cache", type=Path, required=True,
                        help="the cache folder `make weights` wrote (CNNVIS_CACHE)")
    parser.add_argument("--out", type=Path, default=FOLDER)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    command = "python -m visualizer.reference --cache <folder of make weights>"
    paths = [write_figure1(args.cache, args.out, command)]
    paths.append(write_gradients(args.out, command))
    paths.append(write_reuse(args.cache, args.out, command))
    for path in paths:
        print(f"{path}: {path.stat().st_size:,} bytes" if path else "skipped: not trained in that folder")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
