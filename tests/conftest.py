"""Shared test helpers: an independent hooked forward pass to check the tracer against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from torch import nn

DATA = Path(__file__).parent / "data"


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


@pytest.fixture(scope="session")
def torchvision_state_dicts() -> dict[str, dict[str, list[int]]]:
    """state_dict key -> shape of torchvision 0.29.1's models, recorded with torchvision."""
    return json.loads((DATA / "torchvision_state_dicts.json").read_text())["models"]


@pytest.fixture(scope="session")
def torchvision_meta() -> dict[str, dict[str, float]]:
    """torchvision's published parameter counts, GFLOPS (really GMACs) and accuracy."""
    return json.loads((DATA / "torchvision_meta.json").read_text())
