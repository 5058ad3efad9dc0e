"""What a network imagines (the feature-map page): seconds per picture, against the bare
forward and backward passes the same number of steps costs, in the same process.

A picture is :func:`visualizer.imagine.imagine` with the page's settings (48 steps over the
scales, 128 px for ImageNet networks); the reference is 48 forward and backward passes of the
same network at the final size with nothing else (no jitter, blur, projection or early stop).
A ratio bare / ours above 1 means the stages at smaller sizes and the early stop at the layer
save more than the regularisers cost. Untrained (seeded) weights: the time does not depend on
the weights.
"""

from __future__ import annotations

import time

import torch

from bench._common import record, table
from models import build_model
from visualizer.features import IMAGENET_MEAN, IMAGENET_STD
from visualizer.imagine import Goal, Settings, imagine

CASES = (("alexnet", "features.10", 4), ("resnet18", "layer4", 4), ("resnet18", None, 1),
         ("googlenet", "inception4d", 4), ("densenet121", "features.denseblock3", 4))


def bare(model: torch.nn.Module, n: int, side: int, steps: int) -> None:
    x = torch.randn(n, 3, side, side, requires_grad=True)
    for _ in range(steps):
        out = model(x)
        (out[0] if isinstance(out, tuple) else out).sum().backward()  # type: ignore[no-untyped-call]


def main() -> None:
    torch.set_num_threads(2)
    rows = []
    for arch, layer, n in CASES:
        torch.manual_seed(0)
        model = build_model(arch, device="cpu").eval()
        s = Settings(size=128, steps=48, jitter=4, min_side=63 if arch == "alexnet" else 1)
        start = time.perf_counter()
        imagine(model, [Goal(layer, c) for c in range(n)], 3, IMAGENET_MEAN, IMAGENET_STD, s)
        ours = time.perf_counter() - start
        start = time.perf_counter()
        bare(model, n, s.size, s.steps)
        ref = time.perf_counter() - start
        rows.append([arch, layer or "class score", n, f"{ours:.1f}", f"{ours / n:.1f}", f"{ref:.1f}",
                     f"{ref / ours:.2f}"])
    record("What a network imagines: seconds per picture (feature-map page)",
           table(["network", "goal", "pictures", "ours s", "s / picture", "bare 48 fwd+bwd s",
                  "bare / ours"], rows)
           + "\n\n48 steps, 128 px (the page's ImageNet settings), 2 threads; one picture per "
             "channel, the channels of a layer grown together as one batch. Each picture is kept "
             "on the server for everyone after its first computation.")


if __name__ == "__main__":
    main()
