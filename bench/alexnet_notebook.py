"""Why the lecture's AlexNet notebook never learned (10.0 % before and after), measured here.

`python -m bench alexnet_notebook --size S --steps N [--eval-every E --eval-pictures P --threads T]`

The notebook (pytorch/xla, single-core-alexnet-fashion-mnist) trains torchvision's
``alexnet(num_classes=10)`` (3 channels, PyTorch's default initialisation) on Fashion-MNIST
resized to 224 px and copied into 3 channels, normalised with ImageNet's mean and standard
deviation, with ``torch.optim.Adam`` at its default rate (1e-3) and batch 8, for one epoch.
Here: the same network, data handling, optimiser and batch, scaled down only as this CPU needs,
in the input side and the number of steps (one epoch at batch 8 is 7,500 steps):

- 128 px: 267 M multiply-adds a picture instead of 710 M at 224 (conv1-pool5 end at 31, 15,
  7 and 3 px; the adaptive pool then makes the same 6 x 6 x 256 = 9,216 features);
- 64 px, the smallest side AlexNet takes but one (63): 94 M, 55 M of them the classifier's,
  which is unchanged (conv1-pool5 end at 15, 7, 3 and 1 px). The zoo's AlexNet learns at
  this size (0.89 at 63 px with AdamW, bench/RESULTS.md).

Then the same run with one change, Adam's learning rate at 1e-4, measured the same way.
Each run is evaluated (eval mode, no dropout) on the first test pictures every few steps:
accuracy, the share of the most-guessed class (1.0: every picture gets the same guess), and
the share of ReLU units that are zero for every one of those pictures ("dead"). The curves go
to ``visualizer/resources/notebooks/alexnet_experiment.json`` (one experiment per input size:
a run replaces the earlier one of its size), which the AlexNet lesson draws.
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


def run_arm(name: str, arm: dict[str, Any], size: int, steps: int, seed: int = 0,
            eval_every: int = EVAL_EVERY, eval_n: int = EVAL_N) -> dict[str, Any]:
    train, test = load_split("train"), load_split("test")
    x_eval, y_eval = notebook_input(test.images[:eval_n], size), test.labels[:eval_n]
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
        if step % eval_every == 0:
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
    parser.add_argument("--eval-every", type=int, default=EVAL_EVERY)
    parser.add_argument("--eval-pictures", type=int, default=EVAL_N)
    parser.add_argument("--arms", nargs="+", choices=list(ARMS), default=list(ARMS),
                        help="which runs (default both); a run replaces the same run of the same size")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    runs = [run_arm(name, ARMS[name], args.size, args.steps, eval_every=args.eval_every,
                    eval_n=args.eval_pictures) for name in args.arms]
    experiment = {
        "date": started, "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, "
                                    f"{platform.processor() or 'unknown CPU'}, torch {torch.__version__}, "
                                    f"{args.threads} threads, nice {os.nice(0)}",
        "size": args.size, "steps": args.steps, "batch": BATCH, "eval_every": args.eval_every,
        "eval_pictures": args.eval_pictures, "loss_window": LOSS_WINDOW,
        "chance_loss": round(math.log(10), 4),
        "command": f"python -m bench alexnet_notebook --size {args.size} --steps {args.steps} "
                   f"--eval-every {args.eval_every} --eval-pictures {args.eval_pictures}",
        "runs": runs,
    }
    # One experiment per input size in the file: this one replaces an earlier one of its size.
    try:
        old = json.loads(args.output.read_text(encoding="utf-8")).get("experiments", [])
    except (OSError, ValueError, AttributeError):
        old = []
    kept = [e for e in old if isinstance(e, dict) and e.get("size") != args.size]
    same = [e for e in old if isinstance(e, dict) and e.get("size") == args.size]
    if same and set(args.arms) != set(ARMS):  # one run of several: keep the others of that size
        others = [r for r in same[0].get("runs", []) if r.get("name") not in args.arms]
        experiment["runs"] = sorted([*others, *runs], key=lambda r: list(ARMS).index(r["name"]))
        arms = " ".join(args.arms)
        experiment["command"] = f"{same[0].get('command', '')}; {experiment['command']} --arms {arms}"
    data = {"what": "AlexNet notebook (pytorch/xla single-core Colab): torchvision alexnet, 10 classes, "
                    "3 channels, ImageNet normalisation, batch 8; the notebook's Adam 1e-3, then Adam 1e-4",
            "experiments": sorted([*kept, experiment], key=lambda e: -int(e["size"]))}
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
