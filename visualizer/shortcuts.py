"""Why shortcuts matter, measured: gradients at initialisation and DenseNet's feature reuse.

No streamlit here. Three measurements for the lessons (issue "Why shortcuts matter"):

- :func:`depth_gradients`: one forward and backward pass of a plain or a residual CIFAR
  network (the ResNet paper's section 4.2, any depth ``6n + 2``) on a batch of real pictures,
  at initialisation, in training mode (batch norm on the batch's statistics, as the first step
  of training sees it); the size of every convolution's weight gradient, input to output.
- :func:`googlenet_gradients`: the same for the paper's GoogLeNet, with and without its two
  auxiliary classifiers' losses (weight 0.3).
- :func:`dense_reuse`: Figure 5 of the DenseNet paper, from a model's weights: how strongly
  each layer of a dense block reads the maps of each earlier layer.

"The size of a gradient" is its Euclidean (Frobenius) norm over the layer's whole weight
tensor, ``||dL/dW||``: the step that layer would take under plain SGD.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import torch
import torch.nn.functional as F
from torch import nn

from models import build_model
from models.cifar import cifar_net
from models.densenet import DenseBlock, DenseLayer, Transition
from visualizer.data import Split
from visualizer.paths import atomic_write, cache_dir
from visualizer.train import to_input

GRADIENT_DEPTHS = tuple(range(8, 111, 6))  # 6n + 2 from 8 to 110 (the paper's deepest CIFAR net)
GRADIENT_BATCH = 32  # pictures in the one batch (enough for batch norm's statistics)
GRADIENT_SIDE = 32  # the CIFAR networks' input size
GOOGLENET_BATCH = 8
GOOGLENET_SIDE = 224  # the paper's auxiliary heads (5x5/3 average pool, fc of 2048) need 224
AUX_WEIGHT = 0.3  # GoogLeNet section 5: "the losses of the auxiliary classifiers were weighted by 0.3"


@dataclass(frozen=True)
class LayerGradient:
    """One convolution's weight gradient: its module name and ``||dL/dW||``."""

    name: str
    norm: float


# Bump when a measurement's code changes: results kept on disk under another version are not read.
MEASURE_VERSION = 1


def kept_on_disk(what: str, key: dict[str, object], x: torch.Tensor, y: torch.Tensor,
                 compute: Callable[[], list[LayerGradient]],
                 folder: Path | None = None) -> list[LayerGradient]:
    """A measurement read back from the cache folder if this machine made it before (any
    earlier server: GoogLeNet's takes ~12 s, 110 layers' ~20 s), else computed and kept.

    The file is named by everything the numbers depend on: the measurement and its settings,
    the pictures themselves (their bytes' SHA-256) and :data:`MEASURE_VERSION`. An unreadable
    or unwritable file is no error: the numbers are computed again.
    """
    digest = hashlib.sha256()
    digest.update(json.dumps({"what": what, "version": MEASURE_VERSION, **key}, sort_keys=True).encode())
    for tensor in (x, y):
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    path = (folder or cache_dir()) / "measured" / f"{what}-{digest.hexdigest()[:24]}.json"
    try:
        return [LayerGradient(str(g["name"]), float(g["norm"])) for g in json.loads(path.read_text())]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    out = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps([{"name": g.name, "norm": g.norm} for g in out])
        atomic_write(path, lambda fh: fh.write(text.encode()))  # readers never see half a file
    except OSError:
        pass
    return out


def conv_gradients(model: nn.Module, x: torch.Tensor,
                   loss_of: Callable[[object], torch.Tensor],
                   skip: Callable[[str], bool] = lambda name: False) -> list[LayerGradient]:
    """One forward and backward pass in training mode; every convolution's gradient norm in
    the order the modules are defined (input to output for the zoo's networks).

    ``skip`` leaves out convolutions by name (GoogLeNet's auxiliary heads). The model's
    gradients are cleared afterwards and its mode restored.
    """
    was_training = model.training
    model.train()
    model.zero_grad(set_to_none=True)
    loss_of(model(x)).backward()  # type: ignore[no-untyped-call]
    out = [LayerGradient(name, float(m.weight.grad.norm()))
           for name, m in model.named_modules()
           if isinstance(m, nn.Conv2d) and m.weight.grad is not None and not skip(name)]
    model.zero_grad(set_to_none=True)
    model.train(was_training)
    return out


def depth_gradients(depth: int, residual: bool, x: torch.Tensor, y: torch.Tensor,
                    seed: int = 0) -> list[LayerGradient]:
    """The gradient of every convolution of the ``depth``-layer CIFAR network at its
    initialisation (seeded: a plain network and its residual twin start from the same weights,
    since option A shortcuts have none)."""
    torch.manual_seed(seed)
    model = cifar_net(depth, residual=residual, in_channels=x.shape[1], num_classes=10)
    return conv_gradients(model, x, lambda out: F.cross_entropy(out, y))  # type: ignore[arg-type]


def googlenet_gradients(x: torch.Tensor, y: torch.Tensor, aux_weight: float,
                        seed: int = 0) -> list[LayerGradient]:
    """The paper's GoogLeNet (Table 1, both auxiliary classifiers) at initialisation: main
    loss plus ``aux_weight`` times each auxiliary loss; the main path's convolutions only."""
    torch.manual_seed(seed)
    model = build_model("googlenet_paper", device="cpu", in_channels=x.shape[1], num_classes=10,
                        aux_logits=True)

    def loss(out: object) -> torch.Tensor:
        main, aux2, aux1 = cast(tuple[torch.Tensor, torch.Tensor, torch.Tensor], out)
        total = F.cross_entropy(main, y)
        if aux_weight:
            total = total + aux_weight * (F.cross_entropy(aux1, y) + F.cross_entropy(aux2, y))
        return total

    return conv_gradients(model, x, loss, skip=lambda name: name.startswith("aux"))


def spread(grads: list[LayerGradient]) -> float:
    """The first convolution's gradient over the last one's (how the size changes from the
    input end to the output end)."""
    return grads[0].norm / grads[-1].norm


@dataclass(frozen=True)
class ReuseMap:
    """Figure 5 of Huang et al. 2017 for one dense block.

    ``weights[t][s]`` is the mean absolute weight that target ``t`` (layers 1..L, then the
    transition or classifier after the block) gives to the maps of source ``s`` (0: the
    block's input, 1..L: the maps layer ``s`` added); ``None`` where ``s`` comes after ``t``.
    """

    block: str
    targets: tuple[str, ...]
    sources: tuple[str, ...]
    weights: tuple[tuple[float | None, ...], ...]


def _source_means(weight: torch.Tensor, c0: int, k: int, n_sources: int) -> list[float]:
    """Mean |w| over each source's input channels: the first ``c0``, then ``k`` at a time."""
    w = weight.detach().abs().flatten(2).mean(2) if weight.dim() == 4 else weight.detach().abs()
    bounds = [0, c0] + [c0 + j * k for j in range(1, n_sources)]
    return [float(w[:, a:b].mean()) for a, b in itertools.pairwise(bounds)]


def dense_reuse(model: nn.Module) -> list[ReuseMap]:
    """One :class:`ReuseMap` per dense block of a DenseNet from the zoo, from its weights.

    A dense layer's first convolution (the 1x1 of DenseNet-BC) reads the concatenation
    [block input, maps of layer 1, ..., maps of layer l-1]; the mean absolute weight on each
    part says how much the layer uses it. The paper normalises by the number of input maps:
    a mean does. After the block, its transition's 1x1 convolution (or, after the last block,
    the classifier, through the global average pool) reads all of them.
    """
    features = cast(nn.Module, model.features)
    children = list(features.named_children())
    maps: list[ReuseMap] = []
    for i, (name, block) in enumerate(children):
        if not isinstance(block, DenseBlock):
            continue
        layers = [m for m in block.children() if isinstance(m, DenseLayer)]
        c0, k = layers[0].conv1.in_channels, layers[0].conv2.out_channels
        rows: list[tuple[float | None, ...]] = []
        for li, layer in enumerate(layers):
            means = _source_means(layer.conv1.weight, c0, k, li + 1)
            rows.append(tuple(means) + (None,) * (len(layers) - li))
        after = next((m for _, m in children[i + 1:] if isinstance(m, Transition)), None)
        reader = after.conv if after is not None else cast(nn.Module, model.classifier)
        final = cast(torch.Tensor, reader.weight)
        rows.append(tuple(_source_means(final, c0, k, len(layers) + 1)))
        numbers = tuple(str(j + 1) for j in range(len(layers)))
        maps.append(ReuseMap(block=name, sources=("input", *numbers), weights=tuple(rows),
                             targets=(*numbers, "classifier" if after is None else "transition")))
    return maps


def picture_batch(split: Split, n: int, side: int, mean: float,
                  std: float) -> tuple[torch.Tensor, torch.Tensor]:
    """The first ``n`` pictures of ``split`` as a network takes them (``side`` px, normalised)
    and their labels: the same batch every time, so the chart changes only with the network."""
    part = split.head(n)
    return to_input(part.images, side, mean, std), part.labels.long()


def relative(reuse: ReuseMap) -> list[list[float | None]]:
    """Each row over its own mean: 1 is what that layer gives its sources on average.

    A layer's weights start at a scale set by its number of inputs (He et al. 2015), so raw
    means differ from row to row before any training; within a row, every source starts
    equal, and what differs there is what training changed.
    """
    out = []
    for row in reuse.weights:
        seen = [w for w in row if w is not None]
        mean = sum(seen) / len(seen)
        out.append([None if w is None else w / mean for w in row])
    return out


def preference(reuse: ReuseMap) -> float:
    """How far the strongest or weakest source of any reading layer is from its row's mean
    (0.05: within ±5 %), over the rows that read more than one source."""
    return max((abs(v - 1) for row in relative(reuse) for v in row if v is not None), default=0.0)
