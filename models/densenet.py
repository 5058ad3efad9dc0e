"""DenseNet: every layer's maps concatenated onto everything before, growing by k.

Huang, Liu, van der Maaten, Weinberger (2016), "Densely Connected Convolutional Networks",
https://arxiv.org/abs/1608.06993
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from models.ops import Concat
from models.registry import ConfigError, int_list, positive_int, register_model

# Table 1 of the paper (ImageNet): growth rate, layers per dense block, stem width.
DENSENET_CFG = {  # Table 1 (161 from torchvision, which follows the authors' code)
    121: (32, (6, 12, 24, 16), 64),
    161: (48, (6, 12, 36, 24), 96),
    169: (32, (6, 12, 32, 32), 64),
    201: (32, (6, 12, 48, 32), 64),
}


class DenseLayer(nn.Module):
    """BN-ReLU-Conv1x1 (to ``bn_size * k``) then BN-ReLU-Conv3x3 (to ``k``), concatenated.

    torchvision's layer returns only its ``k`` new maps and its block concatenates them all at
    the end; here each layer concatenates its new maps onto its input, so its output shows the
    running channel count k0 + l*k. The arithmetic and the parameters are identical.
    """

    def __init__(self, num_input_features: int, growth_rate: int, bn_size: int,
                 drop_rate: float = 0.0) -> None:
        super().__init__()
        self.norm1 = nn.BatchNorm2d(num_input_features)
        self.relu1 = nn.ReLU()
        self.conv1 = nn.Conv2d(num_input_features, bn_size * growth_rate, kernel_size=1,
                               bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * growth_rate)
        self.relu2 = nn.ReLU()
        self.conv2 = nn.Conv2d(bn_size * growth_rate, growth_rate, kernel_size=3, padding=1,
                               bias=False)
        self.dropout: nn.Module = nn.Dropout(drop_rate) if drop_rate > 0 else nn.Identity()
        self.concat = Concat()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        new = self.conv1(self.relu1(self.norm1(x)))
        new = self.dropout(self.conv2(self.relu2(self.norm2(new))))
        return self.concat(x, new)


class DenseBlock(nn.Module):
    """``num_layers`` dense layers named ``denselayer1`` ... as in torchvision."""

    def __init__(self, num_layers: int, num_input_features: int, bn_size: int,
                 growth_rate: int, drop_rate: float = 0.0) -> None:
        super().__init__()
        # what made it (the builder and codegen read these)
        self.num_layers, self.num_input_features = num_layers, num_input_features
        self.bn_size, self.growth_rate = bn_size, growth_rate
        for i in range(num_layers):
            layer = DenseLayer(num_input_features + i * growth_rate, growth_rate, bn_size,
                               drop_rate)
            self.add_module(f"denselayer{i + 1}", layer)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.children():
            x = layer(x)
        return x


class Transition(nn.Sequential):
    """BN, ReLU, 1x1 conv (compresses channels by theta), 2x2 average pool (halves H and W)."""

    def __init__(self, num_input_features: int, num_output_features: int) -> None:
        super().__init__()
        # what made it (the builder and codegen read these)
        self.num_input_features, self.num_output_features = num_input_features, num_output_features
        self.norm = nn.BatchNorm2d(num_input_features)
        self.relu = nn.ReLU()
        self.conv = nn.Conv2d(num_input_features, num_output_features, kernel_size=1,
                              bias=False)
        self.pool = nn.AvgPool2d(kernel_size=2, stride=2)


class DenseNet(nn.Module):
    """DenseNet-BC with torchvision's attribute names.

    Args:
        growth_rate: k, the maps each layer adds.
        block_config: layers in each dense block.
        num_init_features: k0, channels leaving the stem.
        bn_size: the bottleneck's width as a multiple of k (4 in the paper: 1x1 to 4k).
        compression: theta, the fraction of channels a transition keeps (0.5 in the paper).
        cifar_stem: the paper's CIFAR stem (one 3x3 conv, no pooling) instead of ImageNet's
            (7x7/2 conv, BN, ReLU, 3x3/2 max-pool).
    """

    def __init__(self, *, growth_rate: int = 32, block_config: tuple[int, ...] = (6, 12, 24, 16),
                 num_init_features: int = 64, bn_size: int = 4, compression: float = 0.5,
                 drop_rate: float = 0.0, in_channels: int = 3, num_classes: int = 1000,
                 cifar_stem: bool = False) -> None:
        super().__init__()
        if cifar_stem:
            stem: list[tuple[str, nn.Module]] = [
                ("conv0", nn.Conv2d(in_channels, num_init_features, 3, padding=1, bias=False))]
        else:
            stem = [
                ("conv0", nn.Conv2d(in_channels, num_init_features, 7, stride=2, padding=3,
                                    bias=False)),
                ("norm0", nn.BatchNorm2d(num_init_features)),
                ("relu0", nn.ReLU()),
                ("pool0", nn.MaxPool2d(kernel_size=3, stride=2, padding=1)),
            ]
        self.features = nn.Sequential()
        for name, module in stem:
            self.features.add_module(name, module)
        channels = num_init_features
        for i, num_layers in enumerate(block_config):
            block = DenseBlock(num_layers, channels, bn_size, growth_rate, drop_rate)
            self.features.add_module(f"denseblock{i + 1}", block)
            channels += num_layers * growth_rate
            if i != len(block_config) - 1:
                # floor, as torchvision's num_features // 2 and the paper's floor(theta * m)
                out = int(channels * compression)
                self.features.add_module(f"transition{i + 1}", Transition(channels, out))
                channels = out
        self.features.add_module("norm5", nn.BatchNorm2d(channels))
        # torchvision applies these three with F.relu, F.adaptive_avg_pool2d and torch.flatten
        # in forward; as modules the trace sees them. None has parameters.
        self.relu = nn.ReLU()
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.flatten = nn.Flatten()
        self.classifier = nn.Linear(channels, num_classes)
        # Teachers say "denseblock1", not "features.denseblock1".
        self.display_names = {name: name.removeprefix("features.")
                              for name, _ in self.named_modules() if name.startswith("features.")}
        for m in self.modules():
            if isinstance(m, nn.Conv2d | nn.Linear) and m.weight.is_meta:
                continue  # meta tensors hold no values: initialising them only costs time
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight)
            elif isinstance(m, nn.Linear):
                nn.init.constant_(m.bias, 0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.flatten(self.avgpool(self.relu(self.features(x)))))


def _densenet(cifar_stem: bool = False, *, growth_rate: int = 32,
              block_config: tuple[int, ...] = DENSENET_CFG[121][1], num_init_features: int = 64,
              bn_size: int = 4, compression: float = 0.5, in_channels: int = 3,
              num_classes: int = 1000) -> DenseNet:
    """The family's builder: its keyword-only parameters are every variant's knobs
    (``cifar_stem`` is not a knob: it is what makes DenseNet-BC a CIFAR network)."""
    positive_int("growth_rate", growth_rate, maximum=256)
    blocks = int_list("block_config", block_config)
    if len(blocks) > 6 or sum(blocks) > 400:
        raise ConfigError("too_large", f"block_config {blocks} is too large: use at most 6 blocks "
                          "and 400 layers in all", blocks=len(blocks), layers=sum(blocks))
    positive_int("num_init_features", num_init_features, maximum=1024)
    positive_int("bn_size", bn_size, maximum=16)
    if isinstance(compression, bool) or not isinstance(compression, int | float) or \
            not 0 < compression <= 1:
        raise ConfigError("theta", f"compression (theta) must be a number in (0, 1], got {compression!r}",
                          value=repr(compression)[:40])
    positive_int("in_channels", in_channels, maximum=64)
    positive_int("num_classes", num_classes)
    return DenseNet(growth_rate=growth_rate, block_config=blocks,
                    num_init_features=num_init_features, bn_size=bn_size,
                    compression=float(compression), in_channels=in_channels,
                    num_classes=num_classes, cifar_stem=cifar_stem)


_PAPER = dict(family="DenseNet", title="Densely Connected Convolutional Networks",
              arxiv="https://arxiv.org/abs/1608.06993", year=2016, default_input=(3, 224, 224),
              builder=_densenet)

# One line each, as torchvision's: Table 1's growth rate, blocks and stem width are the variant.


@register_model(**_PAPER, torchvision_name="densenet121")  # type: ignore[arg-type]
def densenet121(**config: Any) -> nn.Module:
    """DenseNet-121 (https://arxiv.org/abs/1608.06993): 7,978,856 params."""
    return _densenet(**config)


@register_model(**_PAPER, torchvision_name="densenet161")  # type: ignore[arg-type]
def densenet161(*, growth_rate: int = 48, block_config: tuple[int, ...] = DENSENET_CFG[161][1],
                num_init_features: int = 96, **config: Any) -> nn.Module:
    """DenseNet-161 (https://arxiv.org/abs/1608.06993): 28,681,000 params."""
    return _densenet(growth_rate=growth_rate, block_config=block_config,
                     num_init_features=num_init_features, **config)


@register_model(**_PAPER, torchvision_name="densenet169")  # type: ignore[arg-type]
def densenet169(*, block_config: tuple[int, ...] = DENSENET_CFG[169][1], **config: Any) -> nn.Module:
    """DenseNet-169 (https://arxiv.org/abs/1608.06993): 14,149,480 params."""
    return _densenet(block_config=block_config, **config)


@register_model(**_PAPER, torchvision_name="densenet201")  # type: ignore[arg-type]
def densenet201(*, block_config: tuple[int, ...] = DENSENET_CFG[201][1], **config: Any) -> nn.Module:
    """DenseNet-201 (https://arxiv.org/abs/1608.06993): 20,013,928 params."""
    return _densenet(block_config=block_config, **config)


@register_model(**{**_PAPER, "default_input": (3, 32, 32)})  # type: ignore[arg-type]
def densenet_bc_100(*, growth_rate: int = 12, block_config: tuple[int, ...] = (16, 16, 16),
                    num_init_features: int = 24, num_classes: int = 10, **config: Any) -> nn.Module:
    """DenseNet-BC (L=100, k=12) for CIFAR, section 3 of https://arxiv.org/abs/1608.06993.

    L=100 counts 3 x 16 layers x 2 convolutions, the stem conv, 2 transitions and the
    classifier. The stem has 2k = 24 maps, as the paper says for DenseNet-BC.
    """
    return _densenet(True, growth_rate=growth_rate, block_config=block_config,
                     num_init_features=num_init_features, num_classes=num_classes, **config)
