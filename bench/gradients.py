"""Gradients at initialisation (the ResNet and Inception lessons): how long one measurement
takes, against a bare forward and backward pass of the same network in the same process.

The lesson's number is :func:`visualizer.shortcuts.depth_gradients` (build the seeded network,
one forward and backward pass in training mode, one norm per convolution); the reference is
the same network built the same way, ``loss.backward()`` and nothing else. The ratio bare /
ours near 1 says the measurement costs no more than the pass itself; the absolute times say
whether the chart can follow the slider (the issue asks for under a second at 56 layers), and
how long DenseNet's feature-reuse maps take from the weights (milliseconds, it asks).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

import torch
import torch.nn.functional as F

from bench._common import record, table
from models import build_model
from models.cifar import cifar_net
from visualizer.data import load_split
from visualizer.shortcuts import (
    AUX_WEIGHT,
    GOOGLENET_BATCH,
    GOOGLENET_SIDE,
    GRADIENT_BATCH,
    GRADIENT_SIDE,
    dense_reuse,
    depth_gradients,
    googlenet_gradients,
    picture_batch,
    spread,
)
from visualizer.train import normalisation

REPEATS = 3


def best(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bare(depth: int, residual: bool, x: torch.Tensor, y: torch.Tensor) -> None:
    torch.manual_seed(0)
    model = cifar_net(depth, residual=residual, in_channels=1).train()
    F.cross_entropy(model(x), y).backward()  # type: ignore[no-untyped-call]


def main() -> None:
    torch.set_num_threads(2)
    train = load_split("train")
    mean, std = normalisation(train)
    x, y = picture_batch(train, GRADIENT_BATCH, GRADIENT_SIDE, mean, std)
    rows = []
    for depth in (8, 20, 56, 110):
        for residual in (False, True):
            ours = best(partial(depth_gradients, depth, residual, x, y))
            ref = best(partial(bare, depth, residual, x, y))
            rows.append([depth, "residual" if residual else "plain", f"{1000 * ours:.0f}",
                         f"{1000 * ref:.0f}", f"{ref / ours:.2f}",
                         f"{spread(depth_gradients(depth, residual, x, y)):.3g}"])
    dense = build_model("densenet121", device="cpu", in_channels=1, num_classes=10)
    reuse_ms = 1000 * best(lambda: dense_reuse(dense))
    xg, yg = picture_batch(train, GOOGLENET_BATCH, GOOGLENET_SIDE, mean, std)
    g = {w: googlenet_gradients(xg, yg, w) for w in (0.0, AUX_WEIGHT)}
    ours_g = best(lambda: googlenet_gradients(xg, yg, AUX_WEIGHT))
    record("Gradients at initialisation: one measurement vs a bare backward pass",
           table(["layers", "network", "ours ms", "bare fwd+bwd ms", "bare / ours",
                  "first conv / last conv"], rows)
           + f"\n\nBatch of {GRADIENT_BATCH} Fashion-MNIST training pictures at {GRADIENT_SIDE} px, "
             f"2 threads, best of {REPEATS}; each number is cached per depth on the server, so "
             "only the first student at a depth waits for it. GoogLeNet (paper layout, both "
             f"auxiliary classifiers, {GOOGLENET_BATCH} pictures at {GOOGLENET_SIDE} px): "
             f"{1000 * ours_g:.0f} ms; conv1's gradient {g[AUX_WEIGHT][0].norm / g[0.0][0].norm:.0f}x "
             f"larger with the auxiliary losses (x {AUX_WEIGHT}). DenseNet-121's feature-reuse "
             f"maps from its weights (all four blocks): {reuse_ms:.1f} ms.")


if __name__ == "__main__":
    main()
