"""What a network imagines: the picture that most excites a class or a channel, grown from noise.

No streamlit here. Feature visualisation by gradient ascent on the input (Erhan et al. 2009,
Simonyan et al. 2013, Olah et al. 2017, "Feature Visualization", Distill): start from faint
noise, and step by step change the picture in the direction that raises the chosen unit's
activation (a class's score before the softmax, or a channel's mean over its map). Left alone,
the ascent finds high-frequency patterns no eye would call a picture, so the usual regularisers
are applied (Olah et al. 2017, section "The Enemy of Feature Visualization"):

- *jitter*: the picture is shifted by a few random pixels before every step, so the result
  must work wherever it sits;
- *blur*: a light Gaussian blur every few steps, a penalty on high frequencies;
- *total variation*: a penalty on differences between neighbouring pixels (the same, as a
  term of the objective);
- *scales*: the picture is grown at a quarter, then half, then full size (each stage starting
  from the previous one enlarged), so large shapes form before fine detail;
- a bound on the picture's size (its Euclidean norm, in the network's normalised units) and
  the range of real pixels, so the picture cannot win by growing without end.

Divergence from Olah et al.: no decorrelated colour space and no Fourier parameterisation (the
picture is optimised pixel by pixel), and a few dozen steps rather than thousands, so that a
picture costs seconds on a CPU. The results are rougher than the Distill article's.

The step is normalised gradient ascent: ``x += lr * g / mean(|g|)`` per picture, which makes
the step size independent of the network's scale.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn

from visualizer.features import FORWARD_LOCK


@dataclass(frozen=True)
class Goal:
    """What to excite: channel ``index`` of the module named ``layer`` (its mean over the
    map), or, with ``layer=None``, the score of class ``index`` (the network's output)."""

    layer: str | None
    index: int


@dataclass(frozen=True)
class Settings:
    """How the picture is grown (see the module's docstring)."""

    size: int = 64  # the final side, in pixels
    steps: int = 60  # in all, shared among the scales
    scales: int = 3  # quarter, half, full size (fewer when the network needs a larger input)
    min_side: int = 1  # the smallest input the network accepts
    lr: float = 0.05
    jitter: int = 2  # pixels at the full size (scaled down with the picture)
    blur_every: int = 4  # steps between blurs (0: none)
    blur_sigma: float = 0.5
    tv: float = 0.0  # weight of the total variation penalty
    bound: float = 1.0  # the picture's norm at most ``bound * sqrt(its number of values)``
    clamp: bool = True  # keep pixels within what a real picture can be
    seed: int = 0


class _Reached(Exception):
    """Raised by a hook once the chosen layer has computed: the rest of the network is skipped."""


_LOCK = threading.Lock()  # one ascent at a time (it turns the shared model's gradients off and on)


def scale_sides(s: Settings) -> list[int]:
    """The sides of the stages, smallest first, ending at ``size``: never below ``min_side``,
    and a stage less than 1.25 times the one before it is dropped (63 then 64 px is one stage)."""
    wanted = [max(s.min_side, math.ceil(s.size / 2**k)) for k in reversed(range(max(1, s.scales)))]
    sides: list[int] = []
    for side in sorted(set(wanted)):
        if sides and side < 1.25 * sides[-1]:
            sides[-1] = side if side == s.size else sides[-1]
            continue
        sides.append(side)
    return sides


def _blur(x: torch.Tensor, sigma: float) -> torch.Tensor:
    """A 3x3 Gaussian blur of every channel (edges replicated)."""
    r = torch.arange(-1, 2, dtype=x.dtype)
    k1 = torch.exp(-(r**2) / (2 * sigma**2))
    k1 = k1 / k1.sum()
    kernel = (k1[:, None] * k1[None, :]).expand(x.shape[1], 1, 3, 3)
    return F.conv2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), kernel, groups=x.shape[1])


def _total_variation(x: torch.Tensor) -> torch.Tensor:
    return (x[..., 1:, :] - x[..., :-1, :]).abs().mean() + (x[..., :, 1:] - x[..., :, :-1]).abs().mean()


def _objective(model: nn.Module, x: torch.Tensor, goals: Sequence[Goal]) -> torch.Tensor:
    """Each picture's activation of its own goal (all goals on one layer): shape (N,)."""
    layer = goals[0].layer
    idx = torch.tensor([g.index for g in goals])
    rows = torch.arange(len(goals))
    if layer is None:
        out = model(x)
        out = out[0] if isinstance(out, tuple) else out
        return out[rows, idx]
    seen: dict[str, torch.Tensor] = {}

    def hook(_m: nn.Module, _a: object, y: torch.Tensor) -> None:
        seen["y"] = y
        raise _Reached

    handle = dict(model.named_modules())[layer].register_forward_hook(hook)
    try:
        model(x)
    except _Reached:
        pass
    finally:
        handle.remove()
    y = seen["y"]
    return y[rows, idx].flatten(1).mean(1) if y.dim() == 4 else y[rows, idx]


def imagine(model: nn.Module, goals: Sequence[Goal], channels: int, mean: Sequence[float],
            std: Sequence[float], settings: Settings = Settings(),
            on_step: Callable[[int, int], None] | None = None) -> torch.Tensor:
    """One picture per goal (all on the same layer, or all classes), in the network's
    normalised input units: a tensor (N, channels, size, size).

    ``mean`` and ``std`` are the network's input normalisation (ImageNet's, or Fashion-MNIST's
    one value): they say which values are real pixels. ``on_step(done, total)`` reports
    progress. The model is used in eval mode and left as it was; its weights do not change.
    """
    if not goals or len({g.layer for g in goals}) != 1:
        raise ValueError("goals must be one or more, all on the same layer")
    s = settings
    gen = torch.Generator().manual_seed(s.seed)
    sides = scale_sides(s)
    m = torch.tensor(mean, dtype=torch.float32).view(1, -1, 1, 1)
    sd = torch.tensor(std, dtype=torch.float32).view(1, -1, 1, 1)
    low, high = (0 - m) / sd, (1 - m) / sd
    x = 0.1 * torch.randn(len(goals), channels, sides[0], sides[0], generator=gen)
    total = max(s.steps, len(sides))
    per_scale = [total // len(sides) + (1 if i < total % len(sides) else 0) for i in range(len(sides))]
    done = 0
    with _LOCK:
        was_training = model.training
        model.eval()
        wanted = [p.requires_grad for p in model.parameters()]
        for p in model.parameters():
            p.requires_grad_(False)
        try:
            for side, n in zip(sides, per_scale, strict=True):
                if x.shape[-1] != side:
                    x = F.interpolate(x, size=(side, side), mode="bilinear", align_corners=False)
                jitter = max(0, round(s.jitter * side / s.size))
                limit = s.bound * math.sqrt(channels * side * side)
                for step in range(n):
                    x = x.detach().requires_grad_(True)
                    dy, dx = (torch.randint(-jitter, jitter + 1, (2,), generator=gen).tolist()
                              if jitter else (0, 0))
                    shifted = torch.roll(x, shifts=(dy, dx), dims=(2, 3)) if jitter else x
                    with FORWARD_LOCK:  # the model is shared: no other pass meets our hook
                        gain = _objective(model, shifted, goals).sum()
                    if s.tv:
                        gain = gain - s.tv * _total_variation(x) * len(goals)
                    (grad,) = torch.autograd.grad(gain, x)
                    with torch.no_grad():
                        scale = grad.abs().flatten(1).mean(1).clamp_min(1e-12).view(-1, 1, 1, 1)
                        x = x + s.lr * grad / scale
                        if s.blur_every and (step + 1) % s.blur_every == 0:
                            x = _blur(x, s.blur_sigma)
                        norms = x.flatten(1).norm(dim=1).clamp_min(1e-12).view(-1, 1, 1, 1)
                        x = x * torch.clamp(limit / norms, max=1.0)
                        if s.clamp:
                            x = torch.maximum(torch.minimum(x, high), low)
                    done += 1
                    if on_step is not None:
                        on_step(done, total)
        finally:
            for p, w in zip(model.parameters(), wanted, strict=True):
                p.requires_grad_(w)
            model.train(was_training)
    return x.detach()


def to_picture(x: torch.Tensor, mean: Sequence[float], std: Sequence[float], side: int | None = None
               ) -> Image.Image:
    """One imagined picture (C, H, W, normalised units) as a picture: back to pixel values,
    then stretched so its darkest and brightest 1 % span the whole range (the network's
    pictures are faint), enlarged to ``side`` with smooth pixels."""
    m = torch.tensor(mean, dtype=torch.float32).view(-1, 1, 1)
    sd = torch.tensor(std, dtype=torch.float32).view(-1, 1, 1)
    arr = (x.float() * sd + m).permute(1, 2, 0).numpy()
    lo, hi = np.percentile(arr, 1), np.percentile(arr, 99)
    arr = np.clip((arr - lo) / (hi - lo), 0, 1) if hi > lo else np.zeros_like(arr)
    arr = (arr * 255).astype(np.uint8)
    img = Image.fromarray(arr[..., 0] if arr.shape[2] == 1 else arr)
    if side is not None and img.size[0] != side:
        img = img.resize((side, side), Image.Resampling.BICUBIC)
    return img
