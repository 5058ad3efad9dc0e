"""The trainer: a model (a zoo network from :func:`zoo_model`, or a student's design), a
:class:`visualizer.train.Recipe` and the :class:`Pictures` in; a trained model and what it did
out (:class:`RunResult`), with :class:`Progress` reported to a :class:`Watch` along the way and
a clean stop when asked. Every training job runs it: the teacher's runs and the class queue's
jobs alike (each in a process of :mod:`visualizer.training.runner`'s)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from models import build_model
from visualizer.data import SIDE, Split
from visualizer.train import ERROR_POINTS, Recipe, logits, to_input


@dataclass(frozen=True)
class Progress:
    """What the trainer reports during a run (plain numbers, for a callback or a JSON file)."""

    step: int
    steps: int
    epoch: float
    loss: float  # mean over the last ``window`` steps
    accuracy: float  # of the training pictures of the last ``window`` steps (augmented)
    examples_per_second: float
    elapsed: float
    seconds_left: float
    probe: tuple[int, ...] = ()  # predicted class of each probe picture (eval mode)


@dataclass
class RunResult:
    """A finished (or stopped) run."""

    model: nn.Module
    stopped: bool
    seconds: float
    steps: int
    curve: list[dict[str, float]] = field(default_factory=list)
    errors: list[dict[str, float]] = field(default_factory=list)  # what ``measure`` returned


def augment(images: torch.Tensor, recipe: Recipe, gen: torch.Generator) -> torch.Tensor:
    """Random left-right mirror and shift of (N, 28, 28) uint8 pictures (zero-filled edges)."""
    if recipe.flip:
        mirror = torch.rand(len(images), generator=gen) < 0.5
        images = torch.where(mirror[:, None, None], images.flip(-1), images)
    if recipe.shift:
        s = recipe.shift
        padded = F.pad(images, (s, s, s, s))
        dx, dy = (int(v) for v in torch.randint(0, 2 * s + 1, (2,), generator=gen))
        images = padded[:, dy:dy + SIDE, dx:dx + SIDE]  # one shift per batch: cheap, and enough
    return images


def make_optimizer(model: nn.Module, recipe: Recipe) -> torch.optim.Optimizer:
    """SGD (with Nesterov momentum unless the recipe says otherwise), AdamW or Adam; no weight
    decay on biases and batch-norm weights."""
    decay = [p for p in model.parameters() if p.ndim > 1]
    rest = [p for p in model.parameters() if p.ndim <= 1]
    groups = [{"params": decay, "weight_decay": recipe.weight_decay},
              {"params": rest, "weight_decay": 0.0}]
    if recipe.optimizer == "adamw":
        # fused: one kernel for all of AdamW's arithmetic. AlexNet's 57 M classifier weights
        # took 0.56 s a step with the default (foreach) kernels here, 0.05 s fused.
        return torch.optim.AdamW(groups, lr=recipe.lr, fused=True)
    if recipe.optimizer == "sgd":
        return torch.optim.SGD(groups, lr=recipe.lr, momentum=recipe.momentum,
                               nesterov=recipe.nesterov and recipe.momentum > 0)
    if recipe.optimizer == "adam":  # the AlexNet notebook's torch.optim.Adam (L2, not decoupled)
        return torch.optim.Adam(groups, lr=recipe.lr)
    raise ValueError(f"optimizer must be 'sgd' or 'adamw', got {recipe.optimizer!r}")


def loss_of(output: Any, target: torch.Tensor, smoothing: float) -> torch.Tensor:
    """Cross-entropy of the main scores, plus 0.3 x each auxiliary classifier's (GoogLeNet's
    paper weight, as the lecture says)."""
    if isinstance(output, tuple):
        main, *aux = (o for o in output if o is not None)
        loss = F.cross_entropy(main, target, label_smoothing=smoothing)
        for a in aux:
            loss = loss + 0.3 * F.cross_entropy(a, target, label_smoothing=smoothing)
        return loss
    return F.cross_entropy(output, target, label_smoothing=smoothing)


@dataclass(frozen=True)
class Pictures:
    """What a run learns from: the training pictures and their normalisation (from
    :func:`normalisation`, as every checkpoint records it)."""

    images: Split
    mean: float
    std: float


@dataclass(frozen=True)
class Watch:
    """What a run reports and asks along the way; every field may be left out.

    Attributes:
        on_progress: called every ``report_every`` steps and at the end.
        should_stop: asked before every step; ``True`` ends the run early (``stopped``).
        probe: (P, 28, 28) uint8 pictures whose predictions each report carries.
        report_every: steps between reports.
        window: steps the reported loss and accuracy are averaged over.
        measure: called with the model in eval mode before the first step and at
            ``measure_points`` evenly spaced steps (the last one the end); what it returns,
            with the step and epoch, makes ``RunResult.errors``. Its time is not counted in
            the run's speed or its seconds.
        measure_points: see ``measure``.
    """

    on_progress: Callable[[Progress], None] | None = None
    should_stop: Callable[[], bool] | None = None
    probe: torch.Tensor | None = None
    report_every: int = 10
    window: int = 50
    measure: Callable[[nn.Module], dict[str, float]] | None = None
    measure_points: int = ERROR_POINTS


def zoo_model(arch: str, seed: int = 0) -> nn.Module:
    """The zoo's ``arch`` for Fashion-MNIST (``in_channels=1, num_classes=10``), its weights
    drawn from ``seed``, ready for :func:`train`."""
    torch.manual_seed(seed)
    return build_model(arch, device="cpu", in_channels=1, num_classes=10)


def train(model: nn.Module, recipe: Recipe, pictures: Pictures, *, seed: int = 0,
          watch: Watch | None = None) -> RunResult:
    """Train ``model`` (a zoo network from :func:`zoo_model`, or a student's design) on
    ``pictures`` following ``recipe``, in place; ``watch`` says what to report and when to stop.

    ``seed`` seeds the order of the pictures and their augmentation; the starting weights and
    torch's own generator (dropout) are the caller's, seeded before the model was built.
    """
    watch = watch or Watch()
    train_set, mean, std = pictures.images, pictures.mean, pictures.std
    on_progress, should_stop, report_every, window = (watch.on_progress, watch.should_stop,
                                                      watch.report_every, watch.window)
    measure, measure_points, probe = watch.measure, watch.measure_points, watch.probe
    gen = torch.Generator().manual_seed(seed)
    model = model.train()
    fmt = torch.channels_last if recipe.channels_last else torch.contiguous_format
    model = model.to(memory_format=fmt)  # type: ignore[call-overload]
    opt = make_optimizer(model, recipe)
    steps = recipe.steps(len(train_set))
    sched: torch.optim.lr_scheduler.LRScheduler = (
        torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=recipe.lr, total_steps=steps, pct_start=0.15)
        if recipe.schedule == "onecycle" else torch.optim.lr_scheduler.LambdaLR(opt, lambda _: 1.0))
    probe_x = None if probe is None else to_input(probe, recipe.input_size, mean, std)
    losses: list[float] = []
    hits: list[float] = []
    curve: list[dict[str, float]] = []
    order = torch.randperm(len(train_set), generator=gen)
    n = recipe.batch_size
    marks = {round(steps * (i + 1) / measure_points) for i in range(measure_points)}
    errors: list[dict[str, float]] = []

    def take_measure(step: int) -> float:
        """Measure in eval mode, back to training mode; returns the seconds it took."""
        if measure is None:
            return 0.0
        t0 = time.perf_counter()
        model.eval()
        with torch.no_grad():
            errors.append({"step": step, "epoch": round(step * n / len(train_set), 3),
                           **measure(model)})
        model.train()
        return time.perf_counter() - t0

    take_measure(0)
    cursor, step, start, stopped = 0, 0, time.perf_counter(), False
    while step < steps:
        if should_stop is not None and should_stop():
            stopped = True
            break
        if cursor + n > len(order):  # a new epoch: a new order (the last partial batch is dropped)
            order, cursor = torch.randperm(len(train_set), generator=gen), 0
        idx = order[cursor:cursor + n]
        cursor += n
        x = to_input(augment(train_set.images[idx], recipe, gen), recipe.input_size, mean, std)
        x = x.contiguous(memory_format=fmt)
        y = train_set.labels[idx]
        opt.zero_grad(set_to_none=True)
        out = model(x)
        loss = loss_of(out, y, recipe.label_smoothing)
        loss.backward()  # type: ignore[no-untyped-call]
        opt.step()
        sched.step()
        step += 1
        if step in marks:
            start += take_measure(step)  # the clock runs for training only
        losses.append(float(loss.detach()))
        hits.append(float((logits(out).argmax(1) == y).float().mean()))
        if step % report_every == 0 or step == steps:
            elapsed = time.perf_counter() - start
            point = {"step": step, "epoch": round(step * n / len(train_set), 3),
                     "loss": round(sum(losses[-window:]) / len(losses[-window:]), 4),
                     "accuracy": round(sum(hits[-window:]) / len(hits[-window:]), 4)}
            curve.append(point)
            if on_progress is not None:
                on_progress(Progress(
                    step=step, steps=steps, epoch=point["epoch"], loss=point["loss"],
                    accuracy=point["accuracy"], examples_per_second=step * n / elapsed,
                    elapsed=elapsed, seconds_left=elapsed / step * (steps - step),
                    probe=() if probe_x is None else predict(model, probe_x)))
    return RunResult(model.eval(), stopped, time.perf_counter() - start, step, curve, errors)


def predict(model: nn.Module, x: torch.Tensor) -> tuple[int, ...]:
    """Predicted classes in eval mode; the model is put back in the mode it was in."""
    was_training = model.training
    model.eval()
    with torch.no_grad():
        pred = logits(model(x)).argmax(1)
    model.train(was_training)
    return tuple(int(p) for p in pred)
