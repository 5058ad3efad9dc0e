"""The lecture's four notebooks beside the app: their code, what they printed, and the same
printout worked out here from the tracer's records (never copied).

No streamlit here (app_pages/notebook_tab.py draws it). The notebooks' networks are in
``models/notebooks.py``; their code as the notebooks write it, and what they printed (verbatim),
are in ``visualizer/resources/notebooks/``; the AlexNet experiment's curves
(``python -m bench alexnet_notebook``) and the d2l and DenseNet notebooks' own recipes against
ours (``python -m bench notebook_recipes``) too.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import torch

from models.notebooks import (
    LESSON_NOTEBOOKS,
    NOTEBOOK_ALEXNET,
    NOTEBOOK_LINKS,
    PYTORCH_EDITION_LINKS,
    D2LResidual,
)
from visualizer.i18n import t
from visualizer.records import LayerRecord, TraceResult
from visualizer.trace import trace, trace_named

RESOURCES = Path(__file__).parent / "resources" / "notebooks"
EXPERIMENT = RESOURCES / "alexnet_experiment.json"
RECIPE_RUNS = RESOURCES / "recipes.json"  # python -m bench notebook_recipes
# What the networks trained here should reach on Fashion-MNIST's test set: d2l's own result for
# its GoogLeNet (0.876, its MXNet run), and 0.90 for the ResNet and DenseNet notebooks' networks.
TARGETS = {"googlenet_d2l": 0.876, "resnet18_d2l": 0.90, "densenet_notebook": 0.90}

# Gluon names a layer after its class, counting from 0 per class (``conv5``, ``batchnorm4``,
# ``sequential1``): the torch class each Gluon class of the d2l notebooks corresponds to.
GLUON_PREFIX = {"Conv2d": "conv", "BatchNorm2d": "batchnorm", "ReLU": "relu", "MaxPool2d": "pool",
                "AvgPool2d": "pool", "AdaptiveAvgPool2d": "pool", "Sequential": "sequential",
                "Linear": "dense"}


@dataclass(frozen=True)
class GluonPrintout:
    """How the MXNet edition's ``for layer in net: print(layer.name, 'output shape:\\t', X.shape)``
    names its lines, compared with our PyTorch-edition layout.

    Attributes:
        expand: our blocks whose layers sit directly in the MXNet network (ResNet's stem:
            d2l's PyTorch edition wraps them in ``b1``, the MXNet edition adds them one by one).
        start: Gluon's counters where the printout's cell begins: earlier cells of the notebook
            made layers of the same classes (the counters are global in Gluon).
    """

    expand: tuple[str, ...] = ()
    start: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Notebook:
    """One lecture notebook: which zoo network it runs, at what input, and where it is."""

    lesson: str
    arch: str
    config: tuple[tuple[str, Any], ...]
    input: tuple[int, int, int]  # what the notebook trains on (C, H, W)
    link: str
    mxnet: bool = False  # the lecture ran the MXNet edition (the code shown is PyTorch's)
    pytorch_link: str | None = None
    print_size: int | None = None  # the side of the input of its shape printout
    gluon: GluonPrintout | None = None


NOTEBOOKS: dict[str, Notebook] = {
    "alexnet": Notebook("alexnet", NOTEBOOK_ALEXNET["arch"],  # type: ignore[arg-type]
                        tuple(NOTEBOOK_ALEXNET["config"].items()),  # type: ignore[attr-defined]
                        NOTEBOOK_ALEXNET["input"], NOTEBOOK_LINKS["alexnet"]),  # type: ignore[arg-type]
    # b1-b5 are sequential0-4 (made before the network, which is sequential5); nothing
    # earlier in the notebook makes a Sequential or a Dense.
    "inception": Notebook("inception", "googlenet_d2l", (), (1, 96, 96),
                          NOTEBOOK_LINKS["googlenet_d2l"], True,
                          PYTORCH_EDITION_LINKS["googlenet_d2l"], 96, GluonPrintout()),
    # The network is sequential0 and takes the stem's layers directly; the stages are
    # sequential1-4. Two cells earlier, Residual(3) made conv0-1 and batchnorm0-1, and
    # Residual(6, use_1x1conv=True) conv2-4 and batchnorm2-3: the stem's are conv5, batchnorm4.
    "resnet": Notebook("resnet", "resnet18_d2l", (), (1, 96, 96), NOTEBOOK_LINKS["resnet18_d2l"],
                       True, PYTORCH_EDITION_LINKS["resnet18_d2l"], 224,
                       GluonPrintout(expand=("b1",), start={"conv": 5, "batchnorm": 4, "sequential": 1})),
    "densenet": Notebook("densenet", "densenet_notebook", (), (3, 32, 32),
                         NOTEBOOK_LINKS["densenet_notebook"]),
}
assert {n.lesson: n.arch for n in NOTEBOOKS.values()} == LESSON_NOTEBOOKS


# A comment of the app's own in the code files: ``#: <key>`` on a line of its own or after the
# code, filled in from the catalogue in the page's language (the notebooks' own comments are
# left out of the files; their code, names and printed words stay as the notebooks write them).
_COMMENT = re.compile(r"^(?P<code>.*?)#: (?P<key>nbc\.[\w.]+)[ \t]*$", re.MULTILINE)


def comment_keys(arch: str) -> list[str]:
    """The catalogue keys of the comments in ``arch``'s code file, in order."""
    return [m["key"] for m in _COMMENT.finditer(_code_file(arch))]


def _code_file(arch: str) -> str:
    return (RESOURCES / f"{arch}.code.txt").read_text(encoding="utf-8")


def code(arch: str, lang: str = "en") -> str:
    """The notebook's network code (PyTorch), as the lesson shows it, its comments in ``lang``:
    a comment on a line of its own keeps its indent on every line of its text; one after code
    is one line."""
    def fill(m: re.Match[str]) -> str:
        before, text = m["code"], t(m["key"], lang)
        if before.strip():
            return f"{before}# {' '.join(text.splitlines())}"
        return "\n".join(f"{before}# {line}" for line in text.splitlines())

    return _COMMENT.sub(fill, _code_file(arch))


@cache
def printouts() -> dict[str, Any]:
    """What the notebooks printed, verbatim (``printouts.json``)."""
    return json.loads((RESOURCES / "printouts.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def notebook_trace(nb: Notebook, size: int | None = None) -> TraceResult:
    """The notebook's network traced at ``size`` (default: its training input)."""
    c, side, _ = nb.input
    return trace_named(nb.arch, size or side, channels=c, **dict(nb.config))


def _children(result: TraceResult, parent: str) -> list[LayerRecord]:
    return [r for r in result.records if r.parent == parent]


def gluon_lines(result: TraceResult, how: GluonPrintout) -> list[str]:
    """The MXNet edition's shape printout, from our trace: one line per layer of the network,
    named as Gluon names it, with the shape it outputs as Gluon prints it.

    The MXNet network has no Flatten (Gluon's Dense flattens by itself): a block that ends in
    one prints the shape before it, and a Flatten of the network itself prints no line.
    """
    counters = dict(how.start)
    rows: list[LayerRecord] = []
    for r in _children(result, ""):
        rows += _children(result, r.name) if r.name in how.expand else [r]
    lines = []
    for r in rows:
        if r.type == "Flatten":
            continue
        prefix = GLUON_PREFIX[r.type]
        n = counters.get(prefix, 0)
        counters[prefix] = n + 1
        shape = r.output_shape
        if r.type == "Sequential":
            inner = [c for c in _children(result, r.name) if c.type != "Flatten"]
            shape = inner[-1].output_shape
        lines.append(f"{prefix}{n} output shape:\t {shape}")
    return lines


def pytorch_lines(result: TraceResult) -> list[str]:
    """The PyTorch edition's printout (``layer.__class__.__name__, 'output shape:\\t', X.shape``)."""
    return [f"{r.type} output shape:\t torch.Size({list(r.output_shape)})"
            for r in _children(result, "")]


def residual_demo_lines() -> list[str]:
    """The ResNet notebook's first printout: ``Residual(3)`` and ``Residual(6, use_1x1conv=True,
    strides=2)`` on a (4, 3, 6, 6) input, traced here."""
    x = (4, 3, 6, 6)
    with torch.device("meta"):
        blocks = (D2LResidual(3, 3), D2LResidual(3, 6, use_1x1conv=True, strides=2))
    return [str(trace(b.eval(), x).output_shape) for b in blocks]


def shape_printout(nb: Notebook) -> tuple[list[str], list[str]] | None:
    """(the notebook's printed shape lines, the same lines worked out here), or None for a
    notebook that printed no shapes."""
    printed = printouts()[nb.arch].get("shapes")
    if printed is None or nb.gluon is None:
        return None
    return printed.splitlines(), gluon_lines(notebook_trace(nb, nb.print_size), nb.gluon)


def experiments() -> list[dict[str, Any]]:
    """The AlexNet notebook experiment's measured curves, one experiment per input size (the
    largest first); none if the file is missing or not readable."""
    try:
        data = json.loads(EXPERIMENT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    found = data.get("experiments") if isinstance(data, dict) else None
    return [e for e in found if isinstance(e, dict) and isinstance(e.get("runs"), list)] \
        if isinstance(found, list) else []


CHANCE_LOSS = math.log(10)  # a uniform guess over ten classes


def verdict(loss: float, accuracy: float, top_share: float) -> tuple[bool, bool, bool]:
    """(near chance, collapsed, learned) of a run's last point, for the lessons' sentences: its
    loss within 0.05 of ln 10; nine in ten pictures or more given the same guess; an accuracy
    at least twice chance (0.2)."""
    return abs(loss - CHANCE_LOSS) < 0.05, top_share >= 0.9, accuracy >= 0.2


@dataclass(frozen=True)
class ArmSummary:
    """One run of the AlexNet experiment in numbers for the lesson's sentences."""

    name: str
    lr: float
    steps: int
    pictures: int
    first_loss: float
    last_loss: float
    min_loss: float
    last_accuracy: float
    best_accuracy: float
    top_class: int
    top_share: float
    near_chance: bool  # the three of verdict(), at the end
    collapsed: bool
    learned: bool
    cpu_seconds: float
    dead_features: float  # conv channels that output zero for every evaluation picture, at the end
    dead_classifier: float  # fc6 and fc7 units that do


def summarise(data: dict[str, Any]) -> list[ArmSummary]:
    """The experiment's runs as sentences need them (computed from the stored curves)."""
    chance = CHANCE_LOSS
    out = []
    for run in data["runs"]:
        pts = [p for p in run["points"] if p.get("loss") is not None]
        last = run["points"][-1]
        near, collapsed, learned = verdict(float(last.get("loss") or chance), float(last["accuracy"]),
                                           float(last["top_share"]))
        out.append(ArmSummary(
            name=run["name"], lr=float(run["lr"]), steps=int(last["step"]),
            pictures=int(last["step"]) * int(run["batch"]),
            first_loss=float(pts[0]["loss"]) if pts else chance,
            last_loss=float(last["loss"]) if last.get("loss") is not None else chance,
            min_loss=min((float(p["loss"]) for p in pts), default=chance),
            last_accuracy=float(last["accuracy"]),
            best_accuracy=max(float(p["accuracy"]) for p in run["points"]),
            top_class=int(last["top_class"]), top_share=float(last["top_share"]),
            near_chance=near, collapsed=collapsed, learned=learned,
            cpu_seconds=float(run.get("cpu_seconds", 0.0)),
            dead_features=float(last.get("dead_features", 0.0)),
            dead_classifier=float(last.get("dead_classifier", 0.0))))
    return out


@dataclass(frozen=True)
class RecipeRun:
    """One run of ``python -m bench notebook_recipes`` (the notebook's optimiser, or ours on
    the same pictures) in numbers for the lesson's sentences."""

    name: str  # "notebook" or "ours"
    pictures: int
    loss: float  # test loss at the end
    accuracy: float
    top_share: float
    train_seconds: float
    near_chance: bool  # the three of verdict(), at the end
    collapsed: bool
    learned: bool


def recipe_runs(arch: str) -> tuple[dict[str, Any], dict[str, RecipeRun]] | None:
    """The measured comparison for ``arch`` (its file entry, and its two runs by name), or None
    if the file is missing, unreadable or has no complete entry for it (every point of both runs
    with its pictures, loss and accuracy)."""
    try:
        data = json.loads(RECIPE_RUNS.read_text(encoding="utf-8"))
        entry = data["networks"][arch]
        runs = {}
        for run in entry["runs"]:
            if run["name"] not in ("notebook", "ours"):
                continue
            if not all(isinstance(p.get(k), int | float)  # what the chart draws, at every point
                       for p in run["points"] for k in ("pictures", "loss", "accuracy")):
                return None
            last = run["points"][-1]
            loss = float(last["loss"])
            near, collapsed, learned = verdict(loss, float(last["accuracy"]), float(last["top_share"]))
            runs[str(run["name"])] = RecipeRun(
                name=str(run["name"]), pictures=int(last["pictures"]), loss=loss,
                accuracy=float(last["accuracy"]), top_share=float(last["top_share"]),
                train_seconds=float(run["train_seconds"]),
                near_chance=near, collapsed=collapsed, learned=learned)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
    if not {"notebook", "ours"} <= runs.keys():
        return None
    return entry, runs
