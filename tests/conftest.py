"""Shared test helpers: an independent hooked forward pass to check the tracer against."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from torch import nn

from tests.xdist_groups import pytest_collection_modifyitems as pytest_collection_modifyitems

DATA = Path(__file__).parent / "data"

# A test module's expensive fixtures (a server, a training run) are session-wide, not per
# module: xdist hands a worker tests of several modules in turn, and a module fixture is set up
# again each time its module comes back. An `xdist_group` keeps its tests on one worker, so a
# group's server starts, and the measured pages' training runs, once in the whole suite
# (with pytest 9.2, only with tests/xdist_groups.py's hook, imported above for pytest to find).

# The suite never reads or writes a teacher's real checkpoints or torch's hub cache: both point
# into a folder of this test process (servers started by browser tests inherit it).
_ISOLATED = Path(tempfile.mkdtemp(prefix="cnnvis-tests-"))
os.environ["CNNVIS_CACHE"] = str(_ISOLATED / "cache")
os.environ["TORCH_HOME"] = str(_ISOLATED / "torch")
# Two test workers share two cores with the servers and browsers they start: one torch thread
# each (and in every process they start). With two, their threads spun against each other and
# thirty training steps of a tiny ResNet took 270 s instead of seconds.
os.environ["OMP_NUM_THREADS"] = "1"
torch.set_num_threads(1)
# Training processes the tests start run at the tests' own priority with one thread: at the
# classroom's nice 19 they starved behind the suite's browsers (a queue test waited 345 s in CI).
os.environ["CNNVIS_JOB_NICE"] = "0"
os.environ["CNNVIS_JOB_THREADS"] = "1"


def real_shapes(model: nn.Module, x: torch.Tensor) -> dict[str, tuple[int, ...]]:
    """Output shape of every module, from a real forward pass with plain forward hooks.

    Deliberately independent of visualizer.trace: no plan, no formulas, just what torch does.
    """
    shapes: dict[str, tuple[int, ...]] = {}
    handles = []
    for name, module in model.named_modules():
        def hook(_m: nn.Module, _a: object, out: object, name: str = name) -> None:
            if isinstance(out, torch.Tensor):
                shapes[name] = tuple(out.shape)
        handles.append(module.register_forward_hook(hook))
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return shapes


def status_now(folder: Path | None = None) -> dict[str, Any]:
    """The training run's status file, which the test expects to exist."""
    from visualizer.runs import read_status

    status = read_status(folder)
    assert status is not None, "no run has written a status"
    return status


def meta_of(arch: str, folder: Path | None = None) -> dict[str, Any]:
    """A trained network's description, which the test expects to exist."""
    from visualizer.training.store import read_meta

    meta = read_meta(arch, folder)
    assert meta is not None, f"{arch} has no checkpoint description"
    return meta


@pytest.fixture(scope="session")
def torchvision_state_dicts() -> dict[str, dict[str, list[int]]]:
    """state_dict key -> shape of torchvision 0.29.1's models, recorded with torchvision."""
    return json.loads((DATA / "torchvision_state_dicts.json").read_text())["models"]


@pytest.fixture(scope="session")
def torchvision_meta() -> dict[str, dict[str, float]]:
    """torchvision's published parameter counts, GFLOPS (really GMACs) and accuracy."""
    return json.loads((DATA / "torchvision_meta.json").read_text())


def write_idx(path: Path, array: np.ndarray, magic: int) -> None:
    """An IDX file (gzipped like Debian's) holding ``array`` of unsigned bytes."""
    import gzip
    import struct

    header = struct.pack(">I", magic) + struct.pack(f">{array.ndim}I", *array.shape)
    with gzip.open(path, "wb") as fh:
        fh.write(header + array.astype("uint8").tobytes())


def make_fashion(folder: Path, n_train: int = 320, n_test: int = 100, seed: int = 0) -> Path:
    """A small Fashion-MNIST look-alike a network can learn in a few steps: class c is a bright
    horizontal bar at row 2c + 4 of a noisy dark 28x28 picture. Same file names and format."""
    import numpy as np

    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", n_train), ("t10k", n_test)):
        labels = rng.integers(0, 10, n).astype("uint8")
        images = rng.integers(0, 40, (n, 28, 28)).astype("uint8")
        for i, c in enumerate(labels):
            images[i, 2 * c + 4: 2 * c + 6, 4:24] = 230
        write_idx(folder / f"{split}-images-idx3-ubyte.gz", images, 0x803)
        write_idx(folder / f"{split}-labels-idx1-ubyte.gz", labels, 0x801)
    return folder


@pytest.fixture
def fashion_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A synthetic data set and an empty cache folder, for code that reads the environment.

    The pages' data caches are emptied before and after: they are keyed by what a page asks
    (the first test picture of class 9), not by the folder it came from, which a server never
    changes but this fixture does (a feature-map page showed Debian's picture to a test that
    had given it the synthetic one)."""
    import streamlit as st

    st.cache_data.clear()
    make_fashion(tmp_path / "data")
    monkeypatch.setenv("CNNVIS_FASHION_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CNNVIS_CACHE", str(tmp_path / "cache"))
    # A builder page that sees jobs waiting starts the class's worker, which outlives the test:
    # one step of training per job, not the class's minute of it.
    monkeypatch.setenv("CNNVIS_QUEUE_BUDGET", "1")
    yield tmp_path
    st.cache_data.clear()
