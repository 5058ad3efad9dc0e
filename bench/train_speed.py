"""The trainer against a bare PyTorch loop over the same model and the same batches, and the
accuracies of the checkpoints `make weights` wrote.

Throughput: both sides train the same network from the same seed on the same Fashion-MNIST
batches, taking turns in blocks of steps (so a noisy machine weighs on both alike); the bare
loop is forward, loss, backward, step and nothing else. The ratio is ours / bare: at least 0.9
means progress reporting (loss, accuracy, probe pictures, the status file) costs under 10%.
"""

from __future__ import annotations

import dataclasses
import time

import torch
import torch.nn.functional as F

from bench._common import record, table
from models import build_model
from visualizer.data import load_split
from visualizer.runs import probe_indices
from visualizer.train import FIGURE1_ARCHS, LECTURE_ARCHS, RECIPES, normalisation, to_input
from visualizer.training.store import read_meta
from visualizer.training.trainer import Pictures, Watch, augment, make_optimizer, train, zoo_model

BLOCK = 12  # steps per turn
TURNS = 3


def bare_steps(arch: str, batches: list[tuple[torch.Tensor, torch.Tensor]]) -> float:
    """Seconds per step of the plainest loop there is (building the model counted, as ours)."""
    recipe = RECIPES[arch]
    start = time.perf_counter()
    torch.manual_seed(0)
    model = build_model(arch, device="cpu", in_channels=1, num_classes=10).train()
    model = model.to(memory_format=torch.channels_last)  # type: ignore[call-overload]
    opt = make_optimizer(model, recipe)
    for x, y in batches:
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x.contiguous(memory_format=torch.channels_last)), y).backward()  # type: ignore[no-untyped-call]
        opt.step()
    return (time.perf_counter() - start) / len(batches)


def throughput() -> list[list[object]]:
    data = load_split("train")
    test = load_split("test")
    mean, std = normalisation(data)
    probe = test.images[probe_indices(test)]
    rows: list[list[object]] = []
    torch.set_num_threads(2)
    for arch in ("resnet18", "alexnet"):
        recipe = RECIPES[arch]
        n = recipe.batch_size
        gen = torch.Generator().manual_seed(0)
        batches = []
        for i in range(BLOCK):
            idx = torch.arange(i * n, (i + 1) * n)
            x = to_input(augment(data.images[idx], recipe, gen), recipe.input_size, mean, std)
            batches.append((x, data.labels[idx]))
        ours_t, bare_t = [], []
        for _ in range(TURNS):
            short = data.head(BLOCK * n)
            r = dataclasses.replace(recipe, epochs=1.0)
            start = time.perf_counter()
            train(zoo_model(arch), r, Pictures(short, mean, std),
                  watch=Watch(probe=probe, on_progress=lambda p: None))
            ours_t.append((time.perf_counter() - start) / BLOCK)
            bare_t.append(bare_steps(arch, batches))
        ours, bare = min(ours_t), min(bare_t)
        rows.append([arch, f"{n / ours:.0f}", f"{n / bare:.0f}", f"{bare / ours:.2f}"])
    return rows


def accuracies() -> list[list[object]]:
    rows: list[list[object]] = []
    for arch in (*LECTURE_ARCHS, *FIGURE1_ARCHS):
        meta = read_meta(arch)
        if meta is None:
            rows.append([arch, "not trained (run `make weights`)", "", "", "", ""])
            continue
        train_error = f"{meta['train_error']:.4f}" if "train_error" in meta else ""
        rows.append([arch, f"{meta['test_accuracy']:.4f}", train_error, meta["input_size"],
                     meta["epochs"], f"{meta['seconds'] / 60:.1f}"])
    return rows


def main() -> None:
    record("Training: the trainer vs a bare PyTorch loop",
           table(["network", "ours (pictures/s)", "bare loop (pictures/s)", "ours / bare"], throughput())
           + "\n\nEach side's best of three turns of 12 steps; ours includes building the model, "
             "the optimizer and the report of every 10th step with the probe pictures; the bare loop builds "
             "its model and optimizer inside its clock too.")
    record("Training: test accuracy of the checkpoints `make weights` wrote",
           table(["network", "test accuracy (10,000 pictures)", "training error (60,000, Figure 1)",
                  "input px", "epochs", "minutes"], accuracies()))


if __name__ == "__main__":
    main()
