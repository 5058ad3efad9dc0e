"""GoogLeNet (Inception v1): torchvision's layout and the 2014 paper's Table 1.

Szegedy et al. (2014), "Going Deeper with Convolutions", https://arxiv.org/abs/1409.4842
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import torch
from torch import nn

from models.ops import Concat
from models.registry import ConfigError, positive_int, register_model

# Table 1 of the paper: for each Inception module, the input channels and the six widths
# (#1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj).
INCEPTION_CFG: dict[str, tuple[int, int, int, int, int, int, int]] = {  # Table 1
    "inception3a": (192, 64, 96, 128, 16, 32, 32),
    "inception3b": (256, 128, 128, 192, 32, 96, 64),
    "inception4a": (480, 192, 96, 208, 16, 48, 64),
    "inception4b": (512, 160, 112, 224, 24, 64, 64),
    "inception4c": (512, 128, 128, 256, 24, 64, 64),
    "inception4d": (512, 112, 144, 288, 32, 64, 64),
    "inception4e": (528, 256, 160, 320, 32, 128, 128),
    "inception5a": (832, 256, 160, 320, 32, 128, 128),
    "inception5b": (832, 384, 192, 384, 48, 128, 128),
}
# Table 1's "params" (in K = 1024 weights, biases not counted) and "ops" (in M = 10^6
# multiply-adds at 224x224) columns, kept for tests and for the lesson's side-by-side.
TABLE1_PARAMS_K = {"inception3a": 159, "inception3b": 380, "inception4a": 364,
                   "inception4b": 437, "inception4c": 463, "inception4d": 580,
                   "inception4e": 840, "inception5a": 1072, "inception5b": 1388}  # Table 1
TABLE1_OPS_M = {"inception3a": 128, "inception3b": 304, "inception4a": 73,
                "inception4b": 88, "inception4c": 100, "inception4d": 119,
                "inception4e": 170, "inception5a": 54, "inception5b": 71}  # Table 1
# Section 5: "the losses of the auxiliary classifiers were weighted by 0.3".
AUX_LOSS_WEIGHT = 0.3
# The Caffe reference model's LRN (local_size 5, alpha 1e-4, beta 0.75).
PAPER_LRN = {"size": 5, "alpha": 1e-4, "beta": 0.75}


class BasicConv2d(nn.Module):
    """Conv, then BatchNorm, then ReLU (torchvision). BatchNorm is not in the 2014 paper."""

    def __init__(self, in_channels: int, out_channels: int, batch_norm: bool = True,
                 **kwargs: int) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=not batch_norm, **kwargs)  # type: ignore[arg-type]
        # eps=0.001 as in torchvision, whose weights were ported from TensorFlow.
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001) if batch_norm else nn.Identity()
        self.relu = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.relu(self.bn(self.conv(x)))


class Inception(nn.Module):
    """Four parallel branches concatenated along channels.

    Args:
        five_by_five: kernel of the "5x5" branch. The paper uses 5; torchvision uses 3, a
            known bug kept for compatibility with its pretrained checkpoint.
    """

    def __init__(self, in_channels: int, ch1x1: int, ch3x3red: int, ch3x3: int,
                 ch5x5red: int, ch5x5: int, pool_proj: int, *, five_by_five: int = 3,
                 batch_norm: bool = True) -> None:
        super().__init__()
        # what made it (the builder and codegen read these)
        self.in_channels, self.ch1x1, self.ch3x3red, self.ch3x3 = in_channels, ch1x1, ch3x3red, ch3x3
        self.ch5x5red, self.ch5x5, self.pool_proj = ch5x5red, ch5x5, pool_proj
        self.five_by_five, self.batch_norm = five_by_five, batch_norm
        bn = batch_norm
        self.branch1 = BasicConv2d(in_channels, ch1x1, bn, kernel_size=1)
        self.branch2 = nn.Sequential(
            BasicConv2d(in_channels, ch3x3red, bn, kernel_size=1),
            BasicConv2d(ch3x3red, ch3x3, bn, kernel_size=3, padding=1),
        )
        self.branch3 = nn.Sequential(
            BasicConv2d(in_channels, ch5x5red, bn, kernel_size=1),
            BasicConv2d(ch5x5red, ch5x5, bn, kernel_size=five_by_five,
                        padding=five_by_five // 2),
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=True),
            BasicConv2d(in_channels, pool_proj, bn, kernel_size=1),
        )
        self.concat = Concat()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.concat(self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x))


class NaiveInception(nn.Module):
    """The paper's Figure 2(a): 1x1, 3x3 and 5x5 convolutions and a 3x3 max-pool, all on the
    full input, concatenated. No 1x1 reductions, so the pooling branch passes every input
    channel on: the module the lesson compares Inception against."""

    def __init__(self, in_channels: int, ch1x1: int, ch3x3: int, ch5x5: int,
                 five_by_five: int = 5) -> None:
        super().__init__()
        self.branch1 = nn.Conv2d(in_channels, ch1x1, kernel_size=1, bias=False)
        self.branch2 = nn.Conv2d(in_channels, ch3x3, kernel_size=3, padding=1, bias=False)
        self.branch3 = nn.Conv2d(in_channels, ch5x5, kernel_size=five_by_five,
                                 padding=five_by_five // 2, bias=False)
        self.branch4 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.concat = Concat()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.concat(self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x))


class InceptionAux(nn.Module):
    """Auxiliary classifier on 4a and 4d: a training-time helper, removed at test time.

    torchvision pools adaptively to 4x4; the paper uses a 5x5 average pool with stride 3,
    which gives the same 4x4 at 224x224 (14 -> 4).
    """

    def __init__(self, in_channels: int, num_classes: int, *, paper: bool = False,
                 dropout: float = 0.7) -> None:
        super().__init__()
        self.pool: nn.Module = (nn.AvgPool2d(5, stride=3) if paper
                                else nn.AdaptiveAvgPool2d((4, 4)))
        self.conv = BasicConv2d(in_channels, 128, not paper, kernel_size=1)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(2048, 1024)
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(p=dropout)
        self.fc2 = nn.Linear(1024, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.flatten(self.conv(self.pool(x)))
        return self.fc2(self.dropout(self.relu(self.fc1(x))))


class GoogLeNet(nn.Module):
    """GoogLeNet with torchvision's attribute names.

    ``paper=True`` gives Table 1 of the paper: real 5x5 convolutions, biases and no
    BatchNorm, LRN after the stem's first pool and after conv3, 3x3/2 max-pools throughout
    (torchvision uses 2x2/2 before 5a), a fixed 7x7 average pool and 40% dropout.
    In training mode with ``aux_logits`` the forward returns ``(logits, aux2, aux1)``;
    in eval mode only ``logits``, as the paper drops the auxiliary classifiers at test time.
    """

    def __init__(self, *, in_channels: int = 3, num_classes: int = 1000,
                 aux_logits: bool = False, paper: bool = False,
                 cfg: dict[str, Sequence[int]] | None = None) -> None:
        super().__init__()
        cfg = dict(INCEPTION_CFG if cfg is None else cfg)
        bn = not paper
        five = 5 if paper else 3
        self.aux_logits = aux_logits
        self.conv1 = BasicConv2d(in_channels, 64, bn, kernel_size=7, stride=2, padding=3)
        self.maxpool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.norm1: nn.Module = nn.LocalResponseNorm(**PAPER_LRN) if paper else nn.Identity()  # type: ignore[arg-type]
        self.conv2 = BasicConv2d(64, 64, bn, kernel_size=1)
        self.conv3 = BasicConv2d(64, 192, bn, kernel_size=3, padding=1)
        self.norm2: nn.Module = nn.LocalResponseNorm(**PAPER_LRN) if paper else nn.Identity()  # type: ignore[arg-type]
        self.maxpool2 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception3a = Inception(*cfg["inception3a"], five_by_five=five, batch_norm=bn)
        self.inception3b = Inception(*cfg["inception3b"], five_by_five=five, batch_norm=bn)
        self.maxpool3 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception4a = Inception(*cfg["inception4a"], five_by_five=five, batch_norm=bn)
        self.inception4b = Inception(*cfg["inception4b"], five_by_five=five, batch_norm=bn)
        self.inception4c = Inception(*cfg["inception4c"], five_by_five=five, batch_norm=bn)
        self.inception4d = Inception(*cfg["inception4d"], five_by_five=five, batch_norm=bn)
        self.inception4e = Inception(*cfg["inception4e"], five_by_five=five, batch_norm=bn)
        self.maxpool4 = (nn.MaxPool2d(3, stride=2, ceil_mode=True) if paper
                         else nn.MaxPool2d(2, stride=2, ceil_mode=True))
        self.inception5a = Inception(*cfg["inception5a"], five_by_five=five, batch_norm=bn)
        self.inception5b = Inception(*cfg["inception5b"], five_by_five=five, batch_norm=bn)
        self.aux1: nn.Module | None = None
        self.aux2: nn.Module | None = None
        if aux_logits:
            self.aux1 = InceptionAux(_out_channels(cfg["inception4a"]), num_classes, paper=paper)
            self.aux2 = InceptionAux(_out_channels(cfg["inception4d"]), num_classes, paper=paper)
        # The paper: "average pooling 7x7/1", so only inputs that end at 7x7 fit the FC layer.
        self.avgpool: nn.Module = nn.AvgPool2d(7, stride=1) if paper else nn.AdaptiveAvgPool2d((1, 1))
        self.flatten = nn.Flatten()
        self.dropout = nn.Dropout(p=0.4 if paper else 0.2)
        self.fc = nn.Linear(_out_channels(cfg["inception5b"]), num_classes)
        # A BasicConv2d's convolution is named after the BasicConv2d: "conv1", not "conv1.conv".
        self.display_names = {f"{name}.conv": name for name, m in self.named_modules()
                              if isinstance(m, BasicConv2d)}

    def forward(self, x: torch.Tensor) -> torch.Tensor | tuple[torch.Tensor, ...]:
        x = self.maxpool2(self.norm2(self.conv3(self.conv2(self.norm1(self.maxpool1(self.conv1(x)))))))
        x = self.maxpool3(self.inception3b(self.inception3a(x)))
        x = self.inception4a(x)
        aux1 = self.aux1(x) if self.aux1 is not None and self.training else None
        x = self.inception4d(self.inception4c(self.inception4b(x)))
        aux2 = self.aux2(x) if self.aux2 is not None and self.training else None
        x = self.maxpool4(self.inception4e(x))
        x = self.inception5b(self.inception5a(x))
        x = self.fc(self.dropout(self.flatten(self.avgpool(x))))
        if aux1 is not None and aux2 is not None:
            return x, aux2, aux1
        return x


def _out_channels(widths: Sequence[int]) -> int:
    """Channels leaving an Inception module: 1x1 + 3x3 + 5x5 + pool proj."""
    return widths[1] + widths[3] + widths[5] + widths[6]


def _check_cfg(cfg: dict[str, Sequence[int]] | None) -> dict[str, tuple[int, ...]]:
    """Validate per-module branch widths; a module's input must be the previous one's output."""
    merged = {k: tuple(v) for k, v in INCEPTION_CFG.items()}
    for key, widths in (cfg or {}).items():
        if key not in merged:
            raise ConfigError("inception_unknown",
                              f"unknown Inception module {key!r}; valid: {', '.join(merged)}",
                              name=str(key)[:40], valid=", ".join(merged))
        vals = tuple(widths)
        if len(vals) != 6:
            raise ConfigError("inception_widths", f"{key} takes six widths (1x1, 3x3 reduce, 3x3, "
                              f"5x5 reduce, 5x5, pool proj), got {len(vals)}", name=key, got=len(vals))
        for name, v in zip(("1x1", "3x3 reduce", "3x3", "5x5 reduce", "5x5", "pool proj"), vals,
                           strict=True):
            positive_int(f"{key} {name}", v, maximum=4096)
        merged[key] = (merged[key][0], *vals)
    # Input channels follow from the previous module, so changing one width flows on.
    names = list(merged)
    for prev, cur in itertools.pairwise(names):
        merged[cur] = (_out_channels(merged[prev]), *merged[cur][1:])
    return merged


def _googlenet(in_channels: int, num_classes: int, aux_logits: bool, paper: bool,
               cfg: dict[str, Sequence[int]] | None) -> nn.Module:
    positive_int("in_channels", in_channels, maximum=64)
    positive_int("num_classes", num_classes)
    if not isinstance(aux_logits, bool):
        raise ConfigError("aux_bool", f"aux_logits must be True or False, got {aux_logits!r}",
                          value=repr(aux_logits)[:40])
    return GoogLeNet(in_channels=in_channels, num_classes=num_classes, aux_logits=aux_logits,
                     paper=paper, cfg=dict(_check_cfg(cfg)))


@register_model(family="GoogLeNet", title="Going Deeper with Convolutions",
                arxiv="https://arxiv.org/abs/1409.4842", year=2014,
                default_input=(3, 224, 224), torchvision_name="googlenet")
def googlenet(*, in_channels: int = 3, num_classes: int = 1000, aux_logits: bool = False,
              inception: dict[str, Sequence[int]] | None = None) -> nn.Module:
    """GoogLeNet as torchvision builds it (https://arxiv.org/abs/1409.4842): 6,624,904 params.

    Args:
        inception: per-module branch widths overriding Table 1, e.g.
            ``{"inception3a": (64, 96, 128, 16, 32, 32)}``.
    """
    return _googlenet(in_channels, num_classes, aux_logits, False, inception)


@register_model(family="GoogLeNet", title="Going Deeper with Convolutions",
                arxiv="https://arxiv.org/abs/1409.4842", year=2014,
                default_input=(3, 224, 224))
def googlenet_paper(*, in_channels: int = 3, num_classes: int = 1000, aux_logits: bool = True,
                    inception: dict[str, Sequence[int]] | None = None) -> nn.Module:
    """GoogLeNet as Table 1 of https://arxiv.org/abs/1409.4842 gives it, aux classifiers on."""
    return _googlenet(in_channels, num_classes, aux_logits, True, inception)
