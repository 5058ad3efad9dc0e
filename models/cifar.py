"""The ResNet paper's CIFAR-10 networks (section 4.2) and their plain twins (Figure 1).

He, Zhang, Ren, Sun (2015), "Deep Residual Learning for Image Recognition",
https://arxiv.org/abs/1512.03385, section 4.2: a 3x3 convolution with 16 filters, then three
stages of ``2n`` 3x3 layers on maps of 32, 16 and 8 px with 16, 32 and 64 filters (the first
layer of stages 2 and 3 has stride 2), global average pooling and a 10-way classifier:
``6n + 2`` weighted layers. Batch norm follows every convolution. The residual networks add
the identity around every pair of layers, with the paper's option A where a stage begins
(every second pixel, zero channels added: no parameters), so a plain network and its residual
twin have exactly the same parameters: 0.27 M at 20 layers, 0.85 M at 56 (the paper's Table 6).
"""

from __future__ import annotations

import torch
from torch import nn

from models.ops import ShortcutA
from models.registry import ConfigError, positive_int, register_model
from models.resnet import BasicBlock, conv3x3

CIFAR_WIDTHS = (16, 32, 64)  # section 4.2: "the numbers of filters are {16, 32, 64}"
MAX_N = 50  # 6 * 50 + 2 = 302 layers: deeper than the paper's 110 (it tried 1202)


class PlainBlock(BasicBlock):
    """A basic block with its shortcut taken away: two 3x3 convolutions, nothing added."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.relu2(self.bn2(self.conv2(self.relu1(self.bn1(self.conv1(x))))))


class CifarResNet(nn.Module):
    """``6n + 2`` layers as section 4.2 describes, with shortcuts (``residual``) or without.

    Names follow torchvision's ResNet (``conv1``, ``layer1`` ... ``fc``); a block's shortcut
    is its ``downsample`` (a :class:`ShortcutA` where the shape changes). The weights start as
    the paper's reference [13] (He et al. 2015) gives them, as torchvision's ResNet does.
    """

    def __init__(self, n: int, *, residual: bool, in_channels: int = 3,
                 num_classes: int = 10) -> None:
        super().__init__()
        self.conv1 = conv3x3(in_channels, CIFAR_WIDTHS[0])
        self.bn1 = nn.BatchNorm2d(CIFAR_WIDTHS[0])
        self.relu = nn.ReLU()
        block = BasicBlock if residual else PlainBlock
        cin = CIFAR_WIDTHS[0]
        stages: list[nn.Sequential] = []
        for i, width in enumerate(CIFAR_WIDTHS):
            stride = 1 if i == 0 else 2
            blocks = []
            for j in range(n):
                s = stride if j == 0 else 1
                short = ShortcutA(cin, width, s) if residual and (s != 1 or cin != width) else None
                blocks.append(block(cin, width, s, short))
                cin = width
            stages.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3 = stages
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(CIFAR_WIDTHS[-1], num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d) and not m.weight.is_meta:
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(self.flatten(self.avgpool(x)))


def cifar_net(depth: int, *, residual: bool, in_channels: int = 3,
              num_classes: int = 10) -> CifarResNet:
    """The ``depth``-layer network of section 4.2 (``depth = 6n + 2``: 8, 14, 20, ... 110)."""
    positive_int("depth", depth, minimum=8, maximum=6 * MAX_N + 2)
    if (depth - 2) % 6:
        low = depth - (depth - 2) % 6
        raise ConfigError("cifar_depth", f"depth must be 6n + 2 (8, 14, 20, ...); "
                          f"{depth} is not: try {low} or {low + 6}", depth=depth, low=low,
                          high=low + 6)
    positive_int("in_channels", in_channels, maximum=64)
    positive_int("num_classes", num_classes)
    return CifarResNet((depth - 2) // 6, residual=residual, in_channels=in_channels,
                       num_classes=num_classes)


_PAPER = dict(family="ResNet", title="Deep Residual Learning for Image Recognition",
              arxiv="https://arxiv.org/abs/1512.03385", year=2015, default_input=(3, 32, 32))


@register_model(**_PAPER)  # type: ignore[arg-type]
def resnet20(*, in_channels: int = 3, num_classes: int = 10) -> nn.Module:
    """ResNet-20 for CIFAR-10 (https://arxiv.org/abs/1512.03385, 4.2): 0.27 M params."""
    return cifar_net(20, residual=True, in_channels=in_channels, num_classes=num_classes)


@register_model(**_PAPER)  # type: ignore[arg-type]
def resnet56(*, in_channels: int = 3, num_classes: int = 10) -> nn.Module:
    """ResNet-56 for CIFAR-10 (https://arxiv.org/abs/1512.03385, 4.2): 0.85 M params."""
    return cifar_net(56, residual=True, in_channels=in_channels, num_classes=num_classes)


@register_model(**_PAPER)  # type: ignore[arg-type]
def plain20(*, in_channels: int = 3, num_classes: int = 10) -> nn.Module:
    """Plain-20 (https://arxiv.org/abs/1512.03385, Figure 1): ResNet-20 with no shortcuts."""
    return cifar_net(20, residual=False, in_channels=in_channels, num_classes=num_classes)


@register_model(**_PAPER)  # type: ignore[arg-type]
def plain56(*, in_channels: int = 3, num_classes: int = 10) -> nn.Module:
    """Plain-56 (https://arxiv.org/abs/1512.03385, Figure 1): ResNet-56 with no shortcuts."""
    return cifar_net(56, residual=False, in_channels=in_channels, num_classes=num_classes)
