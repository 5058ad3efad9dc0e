"""Why the lecture's AlexNet notebook never learned (10.0 % before and after), measured here.

`python -m bench alexnet_notebook` (`--steps N --size S --threads T` to change the scale)

The notebook (pytorch/xla, single-core-alexnet-fashion-mnist) trains torchvision's
``alexnet(num_classes=10)`` (3 channels, PyTorch's default initialisation) on Fashion-MNIST
resized to 224 px and copied into 3 channels, normalised with ImageNet's mean and standard
deviation, with ``torch.optim.Adam`` at its default rate (1e-3) and batch 8, for one epoch.
Here: the same network, data handling, optimiser and batch, scaled down only as this CPU needs:

- 64 px instead of 224, the smallest side AlexNet takes but one (63): 94 M multiply-adds a
  picture instead of 710 M, 55 M of them the classifier's, which is unchanged (conv1-pool5
  end at 15, 7, 3 and 1 px; the adaptive pool then makes the same 6 x 6 x 256 = 9,216
  features). The zoo's AlexNet learns at this size (0.89 at 63 px with AdamW, bench/RESULTS.md);
- a few hundred steps instead of 7,500 (one epoch at batch 8).

Then the same run with one change, Adam's learning rate at 1e-4, measured the same way.
Each run is evaluated (eval mode, no dropout) on the first 500 test pictures every
``EVAL_EVERY`` steps: accuracy, and the share of the most-guessed class (1.0: every picture
gets the same guess). The curves go to ``visualizer/resources/notebooks/alexnet_experiment.json``,
which the AlexNet lesson draws.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from models import build_model
from visualizer.data import load_split

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "visualizer" / "resources" / "notebooks" / "alexnet_experiment.json"
IMAGENET_MEAN = (0.485, 0.456, 0.406)  # the notebook's transforms.Normalize
IMAGENET_STD = (0.229, 0.224, 0.225)
SIZE = 64
STEPS = 300
BATCH = 8  # the notebook's
EVAL_EVERY = 50
EVAL_N = 500
LOSS_WINDOW = 25  # training loss: mean over this many steps
# The notebook's recipe, then the one change.
ARMS: dict[str, dict[str, Any]] = {
    "notebook": {"optimizer": "adam", "lr": 1e-3, "batch": BATCH},
    "lr_1e-4": {"optimizer": "adam", "lr": 1e-4, "batch": BATCH},
}


def notebook_input(images: torch.Tensor, size: int) -> torch.Tensor:
    """(N, 28, 28) uint8 -> (N, 3, size, size) as the notebook feeds them: resized (bilinear,
    as torchvision's Resize), grey copied into R, G and B, ImageNet's normalisation."""
    x = images.unsqueeze(1).float().div_(255)
    x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False).repeat(1, 3, 1, 1)
    mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
    return (x - mean) / std


def evaluate(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> dict[str, float]:
    """Accuracy, the most-guessed class's share, and the share of dead ReLU units (zero for
    every evaluation picture: conv channels of features, units of fc6 and fc7), in eval mode
    (back to train mode after)."""
    model.eval()
    peaks: dict[str, torch.Tensor] = {}

    def hook(name: str) -> Any:
        def keep(_m: torch.nn.Module, _i: Any, out: torch.Tensor) -> None:
            dims = [0, 2, 3] if out.ndim == 4 else [0]
            peak = out.amax(dim=dims)
            peaks[name] = peak if name not in peaks else torch.maximum(peaks[name], peak)
        return keep

    relus = [(n, m) for n, m in model.named_modules() if isinstance(m, torch.nn.ReLU)]
    handles = [m.register_forward_hook(hook(n)) for n, m in relus]
    try:
        with torch.no_grad():
            guesses = torch.cat([model(x[i:i + 100]).argmax(1) for i in range(0, len(x), 100)])
    finally:
        for h in handles:
            h.remove()
    model.train()
    counts = torch.bincount(guesses, minlength=10)

    def dead(prefix: str) -> float:
        units = [peaks[n] for n, _ in relus if n.startswith(prefix)]
        total = sum(len(u) for u in units)
        return round(sum(int((u <= 0).sum()) for u in units) / max(1, total), 4)

    return {"accuracy": round(float((guesses == y).float().mean()), 4),
            "top_class": int(counts.argmax()), "top_share": round(float(counts.max()) / len(y), 4),
            "dead_features": dead("features"), "dead_classifier": dead("classifier")}


def run_arm(name: str, arm: dict[str, Any], size: int, steps: int, seed: int = 0) -> dict[str, Any]:
    train, test = load_split("train"), load_split("test")
    x_eval, y_eval = notebook_input(test.images[:EVAL_N], size), test.labels[:EVAL_N]
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = build_model("alexnet", device="cpu", num_classes=10).train()  # 3 channels
    opt = torch.optim.Adam(model.parameters(), lr=arm["lr"])
    order = torch.randperm(len(train), generator=gen)
    losses: list[float] = []
    points = [{"step": 0, "loss": None, **evaluate(model, x_eval, y_eval)}]
    wall, cpu = time.perf_counter(), time.process_time()
    for step in range(1, steps + 1):
        idx = order[(step - 1) * arm["batch"]:step * arm["batch"]]
        x, y = notebook_input(train.images[idx], size), train.labels[idx]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()  # type: ignore[no-untyped-call]
        opt.step()
        losses.append(float(loss.detach()))
        if step % EVAL_EVERY == 0:
            window = losses[-LOSS_WINDOW:]
            points.append({"step": step, "loss": round(sum(window) / len(window), 4),
                           **evaluate(model, x_eval, y_eval)})
            print(f"{name}: step {step}: {points[-1]}", flush=True)
    return {"name": name, **arm, "points": points,
            "losses": [round(v, 4) for v in losses],
            "wall_seconds": round(time.perf_counter() - wall, 1),
            "cpu_seconds": round(time.process_time() - cpu, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench alexnet_notebook")
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    runs = [run_arm(name, arm, args.size, args.steps) for name, arm in ARMS.items()]
    data = {
        "what": "AlexNet notebook (pytorch/xla single-core Colab): torchvision alexnet, 10 classes, "
                "3 channels, ImageNet normalisation, batch 8; the notebook's Adam 1e-3, then Adam 1e-4",
        "date": started, "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, "
                                    f"{platform.processor() or 'unknown CPU'}, torch {torch.__version__}, "
                                    f"{args.threads} threads",
        "size": args.size, "steps": args.steps, "batch": BATCH, "eval_every": EVAL_EVERY,
        "eval_pictures": EVAL_N, "loss_window": LOSS_WINDOW, "chance_loss": round(math.log(10), 4),
        "command": "python -m bench alexnet_notebook", "runs": runs,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    for r in runs:
        last = r["points"][-1]
        print(f"{r['name']}: lr {r['lr']}: loss {last['loss']}, accuracy {last['accuracy']}, "
              f"most-guessed class {last['top_class']} ({last['top_share']:.0%}); "
              f"{r['wall_seconds']} s wall, {r['cpu_seconds']} s CPU")
    print(f"-> {args.output}")


if __name__ == "__main__":
    main()
