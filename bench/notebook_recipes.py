"""The lecture notebooks' own recipes, measured here, against the recipe `make notebooks` uses.

`python -m bench notebook_recipes [--only ARCH ...] [--threads T]`
`python -m bench notebook_recipes --only ARCH --full` (the notebook's recipe for as many epochs as
`make notebooks` trains ARCH, tested on all 10,000 test pictures)

Issue 31 asks to start from each notebook's own optimiser, learning rate and batch, and where
that does not learn within this CPU's budget, to keep its result as measured and name the
change that does. For each of d2l's GoogLeNet and ResNet-18 and the DenseNet notebook's network
(models/notebooks.py), two runs on the same pictures, from the same seeded weights:

- ``notebook``: the notebook's optimiser, learning rate, momentum and batch at a constant rate,
  without weight decay (d2l's ``train_ch6``: plain SGD, lr 0.1 at batch 128 for GoogLeNet and
  0.05 at batch 256 for ResNet-18; the DenseNet notebook: SGD lr 0.001, momentum 0.95,
  batch 10);
- ``ours``: the recipe of ``visualizer.train.RECIPES`` (AdamW, one-cycle), its schedule fitted
  to the same number of pictures.

What stays ours in both runs, named in the lesson: the input side (48 px for GoogLeNet, 32 for
the other two, as `make notebooks`), Fashion-MNIST normalised with its own mean and standard
deviation (d2l feeds 0..1, the DenseNet notebook 0.5/0.5), and the pictures' order. A run
covers :data:`PICTURES` pictures (a part of one epoch: the notebooks train 10), and is measured
at :data:`POINTS` evenly spaced steps on the first :data:`EVAL_N` test pictures (eval mode): the
test loss, the accuracy and the most-guessed class's share. The curves go to
``visualizer/resources/notebooks/recipes.json``, which each lesson's notebook tab draws.

With ``--full``, the notebook's recipe instead trains for the epochs of ``RECIPES[ARCH]`` and is
tested on every test picture: whether it reaches what `make notebooks` reaches with ours, in the
same pictures (stored as the network's ``full`` entry beside its curves).
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from visualizer.data import Split, load_split
from visualizer.reference import machine
from visualizer.train import NOTEBOOK_ARCHS, RECIPES, Recipe, evaluate, logits, normalisation, to_input
from visualizer.training.trainer import Pictures, Watch, train, zoo_model

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "visualizer" / "resources" / "notebooks" / "recipes.json"
EVAL_N = 1000
POINTS = 6
# Pictures per run: half an epoch for the d2l networks; a sixth for the DenseNet notebook's,
# whose batch of 10 makes a step cost nearly as much as one of 128 on this CPU.
PICTURES = {"googlenet_d2l": 30_000, "resnet18_d2l": 30_000, "densenet_notebook": 10_000}
# The notebooks' own optimisers (../shared/seed/notebooks.md), at our input side.
NOTEBOOK_RECIPES = {
    "googlenet_d2l": {"lr": 0.1, "batch_size": 128, "momentum": 0.0},
    "resnet18_d2l": {"lr": 0.05, "batch_size": 256, "momentum": 0.0},
    "densenet_notebook": {"lr": 0.001, "batch_size": 10, "momentum": 0.95},
}


def notebook_recipe(arch: str, pictures: int) -> Recipe:
    """The notebook's optimiser at a constant rate, for ``pictures`` pictures."""
    own = NOTEBOOK_RECIPES[arch]
    return Recipe(input_size=RECIPES[arch].input_size, epochs=pictures / 60_000,
                  batch_size=int(own["batch_size"]), lr=float(own["lr"]), optimizer="sgd",
                  weight_decay=0.0, momentum=float(own["momentum"]), nesterov=False,
                  schedule="constant", flip=False)


def our_recipe(arch: str, pictures: int) -> Recipe:
    """`make notebooks`' recipe, its one-cycle schedule fitted to ``pictures`` pictures."""
    return replace(RECIPES[arch], epochs=pictures / 60_000)


@functools.cache
def data() -> tuple[Split, Split, float, float]:
    """Fashion-MNIST's training and test pictures and the training set's normalisation, read
    once for every run."""
    train_set = load_split("train")
    return (train_set, load_split("test"), *normalisation(train_set))


def run(arch: str, name: str, recipe: Recipe, eval_n: int = EVAL_N, points: int = POINTS) -> dict[str, Any]:
    train_set, test, mean, std = data()
    x_eval, y_eval = to_input(test.images[:eval_n], recipe.input_size, mean, std), test.labels[:eval_n]

    def measure(model: torch.nn.Module) -> dict[str, float]:
        out = torch.cat([logits(model(x_eval[i:i + 100])) for i in range(0, eval_n, 100)])
        guesses = out.argmax(1)
        counts = torch.bincount(guesses, minlength=10)
        return {"loss": round(float(F.cross_entropy(out, y_eval)), 4),
                "accuracy": round(float((guesses == y_eval).float().mean()), 4),
                "top_class": int(counts.argmax()), "top_share": round(float(counts.max()) / eval_n, 4)}

    wall, cpu = time.perf_counter(), time.process_time()
    result = train(zoo_model(arch), recipe, Pictures(train_set, mean, std),
                   watch=Watch(measure=measure, measure_points=points, report_every=10**9))
    pts = [{"step": int(p["step"]), "pictures": int(p["step"]) * recipe.batch_size,
            **{k: p[k] for k in ("loss", "accuracy", "top_class", "top_share")}} for p in result.errors]
    print(f"{arch} {name}: {pts[-1]}", flush=True)
    return {"name": name, "recipe": asdict(recipe), "points": pts,
            "train_seconds": round(result.seconds, 1), "wall_seconds": round(time.perf_counter() - wall, 1),
            "cpu_seconds": round(time.process_time() - cpu, 1)}


def full_run(arch: str) -> dict[str, Any]:
    """The notebook's recipe for as many pictures as `make notebooks` trains ``arch`` with ours,
    tested on all 10,000 test pictures."""
    pictures = round(RECIPES[arch].epochs * 60_000)
    recipe = notebook_recipe(arch, pictures)
    train_set, test, mean, std = data()
    result = train(zoo_model(arch), recipe, Pictures(train_set, mean, std), watch=Watch(report_every=10**9))
    accuracy = evaluate(result.model, test, recipe.input_size, mean, std)
    print(f"{arch} notebook recipe, {recipe.epochs:g} epochs: test accuracy {accuracy:.4f}, "
          f"{result.seconds:.0f} s training", flush=True)
    return {"date": datetime.now(UTC).isoformat(timespec="seconds"), "recipe": asdict(recipe),
            "epochs": recipe.epochs, "test_accuracy": round(accuracy, 4), "test_pictures": len(test),
            "train_seconds": round(result.seconds, 1),
            "command": f"python -m bench notebook_recipes --only {arch} --full"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench notebook_recipes")
    parser.add_argument("--only", nargs="+", choices=NOTEBOOK_ARCHS, default=list(NOTEBOOK_ARCHS))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--output", type=Path, default=OUT)
    parser.add_argument("--full", action="store_true",
                        help="the notebook's recipe for make notebooks' epochs, on every test picture")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    try:  # one entry per network: a run of some replaces only theirs
        data = json.loads(args.output.read_text(encoding="utf-8"))
        networks = data["networks"] if isinstance(data.get("networks"), dict) else {}
    except (OSError, ValueError, AttributeError, KeyError):
        networks = {}
    for arch in args.only:
        if args.full:
            networks.setdefault(arch, {})["full"] = full_run(arch)
            continue
        pictures = PICTURES[arch]
        started = datetime.now(UTC).isoformat(timespec="seconds")
        runs = [run(arch, "notebook", notebook_recipe(arch, pictures)),
                run(arch, "ours", our_recipe(arch, pictures))]
        networks[arch] = {
            "date": started, "pictures": pictures, "eval_pictures": EVAL_N,
            "machine": f"{machine()}, torch {torch.__version__}, {args.threads} threads, nice {os.nice(0)}",
            "command": f"python -m bench notebook_recipes --only {arch}", "runs": runs,
            **({"full": networks[arch]["full"]} if "full" in networks.get(arch, {}) else {})}
    out = {"what": "The lecture notebooks' own optimisers against make notebooks' recipe, same pictures, "
                   "same seeded weights (bench/notebook_recipes.py)",
           "chance_loss": round(math.log(10), 4),
           "networks": {a: networks[a] for a in NOTEBOOK_ARCHS if a in networks}}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    for arch in args.only:
        for r in networks[arch].get("runs", []):
            last = r["points"][-1]
            print(f"{arch} {r['name']}: test loss {last['loss']}, accuracy {last['accuracy']}, "
                  f"most-guessed {last['top_share']:.0%}; {r['train_seconds']} s training")
    print(f"-> {args.output}")


if __name__ == "__main__":
    main()
