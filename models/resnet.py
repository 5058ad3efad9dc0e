"""ResNet: residual blocks, F(x) + x, in torchvision's layout.

He, Zhang, Ren, Sun (2015), "Deep Residual Learning for Image Recognition",
https://arxiv.org/abs/1512.03385
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from models.ops import Add
from models.registry import ConfigError, int_list, positive_int, register_model

# Table 1 of the paper: blocks per stage.
RESNET_DEPTHS = {  # Table 1
    18: (2, 2, 2, 2),
    34: (3, 4, 6, 3),
    50: (3, 4, 6, 3),
    101: (3, 4, 23, 3),
    152: (3, 8, 36, 3),
}
STAGE_WIDTHS = (64, 128, 256, 512)  # Table 1: conv2_x ... conv5_x


def projection(in_channels: int, out_channels: int, stride: int) -> nn.Sequential:
    """The projection shortcut (the paper's option B): a strided 1x1 convolution and batch
    norm, where a block changes the map's size or channels."""
    return nn.Sequential(conv1x1(in_channels, out_channels, stride), nn.BatchNorm2d(out_channels))


def stem_padding(kernel: int) -> int:
    """The stem conv's padding: half its kernel (3 for the paper's 7x7)."""
    return kernel // 2


def conv3x3(cin: int, cout: int, stride: int = 1) -> nn.Conv2d:
    return nn.Conv2d(cin, cout, kernel_size=3, stride=stride, padding=1, bias=False)


def conv1x1(cin: int, cout: int, stride: int = 1) -> nn.Conv2d:
    return nn.Conv2d(cin, cout, kernel_size=1, stride=stride, bias=False)


class BasicBlock(nn.Module):
    """Two 3x3 convolutions and the identity: ResNet-18 and -34.

    torchvision calls one ``relu`` module twice; here each call site has its own module so
    each hook fires once. No parameters change.
    """

    expansion = 1

    def __init__(self, inplanes: int, planes: int, stride: int = 1,
                 downsample: nn.Module | None = None) -> None:
        super().__init__()
        # what made it (the builder and codegen read these)
        self.inplanes, self.planes, self.stride = inplanes, planes, stride
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu1 = nn.ReLU()
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.add = Add()
        self.relu2 = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.bn2(self.conv2(self.relu1(self.bn1(self.conv1(x)))))
        return self.relu2(self.add(out, identity))


class Bottleneck(nn.Module):
    """1x1 reduce, 3x3, 1x1 expand (x4), plus the identity: ResNet-50 and deeper.

    The stride sits on the 3x3 convolution (torchvision's "ResNet v1.5"); the paper puts it on
    the first 1x1. v1.5 costs more multiply-adds (4.09 G vs 3.8 G at 224 for ResNet-50).
    """

    expansion = 4

    def __init__(self, inplanes: int, planes: int, stride: int = 1,
                 downsample: nn.Module | None = None) -> None:
        super().__init__()
        # what made it (the builder and codegen read these)
        self.inplanes, self.planes, self.stride = inplanes, planes, stride
        self.conv1 = conv1x1(inplanes, planes)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu1 = nn.ReLU()
        self.conv2 = conv3x3(planes, planes, stride)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu2 = nn.ReLU()
        self.conv3 = conv1x1(planes, planes * self.expansion)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.downsample = downsample
        self.add = Add()
        self.relu3 = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu1(self.bn1(self.conv1(x)))
        out = self.relu2(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu3(self.add(out, identity))


class ResNet(nn.Module):
    """A stem (7x7/2 conv, 3x3/2 max-pool), four stages of residual blocks, a classifier.

    A projection shortcut (1x1 conv + BN, "option B" of the paper) is used wherever a block
    changes the shape; the identity everywhere else.
    """

    def __init__(self, block: type[BasicBlock | Bottleneck], layers: tuple[int, ...], *,
                 in_channels: int = 3, num_classes: int = 1000,
                 widths: tuple[int, ...] = STAGE_WIDTHS, stem_kernel: int = 7,
                 stem_stride: int = 2, stem_pool: bool = True) -> None:
        super().__init__()
        self.inplanes = widths[0]
        self.conv1 = nn.Conv2d(in_channels, self.inplanes, kernel_size=stem_kernel,
                               stride=stem_stride, padding=stem_padding(stem_kernel), bias=False)
        self.bn1 = nn.BatchNorm2d(self.inplanes)
        self.relu = nn.ReLU()
        # d2l's small-image variants drop this pool; torchvision and the paper keep it.
        self.maxpool: nn.Module = (nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
                                   if stem_pool else nn.Identity())
        for i, (depth, width) in enumerate(zip(layers, widths, strict=True)):
            stage = self._make_layer(block, width, depth, stride=1 if i == 0 else 2)
            self.add_module(f"layer{i + 1}", stage)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(widths[-1] * block.expansion, num_classes)
        self.num_stages = len(layers)
        for m in self.modules():
            # Meta tensors hold no values: initialising them only costs time.
            if isinstance(m, nn.Conv2d) and not m.weight.is_meta:
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def _make_layer(self, block: type[BasicBlock | Bottleneck], planes: int, blocks: int,
                    stride: int) -> nn.Sequential:
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = projection(self.inplanes, planes * block.expansion, stride)
        layers: list[nn.Module] = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * block.expansion
        layers += [block(self.inplanes, planes) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        for i in range(self.num_stages):
            x = getattr(self, f"layer{i + 1}")(x)
        return self.fc(self.flatten(self.avgpool(x)))


def _resnet(block: type[BasicBlock | Bottleneck], *, layers: tuple[int, ...], in_channels: int = 3,
            num_classes: int = 1000, widths: tuple[int, ...] = STAGE_WIDTHS, stem_kernel: int = 7,
            stem_stride: int = 2, stem_pool: bool = True) -> ResNet:
    """The family's builder: every variant's knobs are these."""
    positive_int("in_channels", in_channels, maximum=64)
    positive_int("num_classes", num_classes)
    depths = int_list("layers", layers)
    w = int_list("widths", widths, length=len(depths))
    positive_int("stem_kernel", stem_kernel, maximum=15)
    positive_int("stem_stride", stem_stride, maximum=8)
    return ResNet(block, depths, in_channels=in_channels, num_classes=num_classes, widths=w,
                  stem_kernel=stem_kernel, stem_stride=stem_stride, stem_pool=bool(stem_pool))


_PAPER = dict(family="ResNet", title="Deep Residual Learning for Image Recognition",
              arxiv="https://arxiv.org/abs/1512.03385", year=2015, default_input=(3, 224, 224),
              builder=_resnet)

# One line each, as torchvision's: the block type and Table 1's depths are the variant.


@register_model(**_PAPER, torchvision_name="resnet18")  # type: ignore[arg-type]
def resnet18(*, layers: tuple[int, ...] = RESNET_DEPTHS[18], **config: Any) -> nn.Module:
    """ResNet-18, basic blocks (https://arxiv.org/abs/1512.03385): 11,689,512 params."""
    return _resnet(BasicBlock, layers=layers, **config)


@register_model(**_PAPER, torchvision_name="resnet34")  # type: ignore[arg-type]
def resnet34(*, layers: tuple[int, ...] = RESNET_DEPTHS[34], **config: Any) -> nn.Module:
    """ResNet-34, basic blocks (https://arxiv.org/abs/1512.03385): 21,797,672 params."""
    return _resnet(BasicBlock, layers=layers, **config)


@register_model(**_PAPER, torchvision_name="resnet50")  # type: ignore[arg-type]
def resnet50(*, layers: tuple[int, ...] = RESNET_DEPTHS[50], **config: Any) -> nn.Module:
    """ResNet-50, bottleneck blocks (https://arxiv.org/abs/1512.03385): 25,557,032 params."""
    return _resnet(Bottleneck, layers=layers, **config)


@register_model(**_PAPER, torchvision_name="resnet101")  # type: ignore[arg-type]
def resnet101(*, layers: tuple[int, ...] = RESNET_DEPTHS[101], **config: Any) -> nn.Module:
    """ResNet-101, bottleneck blocks (https://arxiv.org/abs/1512.03385): 44,549,160 params."""
    return _resnet(Bottleneck, layers=layers, **config)


@register_model(**_PAPER, torchvision_name="resnet152")  # type: ignore[arg-type]
def resnet152(*, layers: tuple[int, ...] = RESNET_DEPTHS[152], **config: Any) -> nn.Module:
    """ResNet-152, bottleneck blocks (https://arxiv.org/abs/1512.03385): 60,192,808 params."""
    return _resnet(Bottleneck, layers=layers, **config)


# The lecture's code, verbatim (shown beside its trace in the ResNet lesson).
LECTURE_RESIDUAL_BLOCK = """\
class Residual_Block(nn.Module):
    def __init__(self, in_dim, mid_dim, out_dim):
        super(Residual_Block, self).__init__()
        # Residual Block
        self.residual_block = nn.Sequential(
            nn.Conv2d(in_dim, mid_dim, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.Conv2d(mid_dim, out_dim, kernel_size=3, padding=1),
        )
        self.relu = nn.ReLU()

    def forward(self, x):
        out = self.residual_block(x)  # F(x)
        out = out + x  # F(x) + x
        out = self.relu(out)
        return out
"""


class ResidualBlock(nn.Module):
    """The lecture's own ``Residual_Block``: conv3x3 -> ReLU -> conv3x3, + x, ReLU.

    The lecture's block is used alone (``num_classes=None``); to run it as a classifier like
    every other model in the zoo, a small head (global average pool, flatten, linear) follows
    it. The head is our addition, not the lecture's.
    """

    def __init__(self, in_dim: int, mid_dim: int, out_dim: int, num_classes: int | None) -> None:
        super().__init__()
        if in_dim != out_dim:
            raise ConfigError(
                "residual_dims", f"F(x) + x needs out_dim == in_dim (got in_dim={in_dim}, "
                f"out_dim={out_dim}); the lecture's block has no projection shortcut, so set "
                f"out_dim={in_dim}", a=in_dim, b=out_dim)
        # what made it (the builder and codegen read these)
        self.in_dim, self.mid_dim, self.out_dim = in_dim, mid_dim, out_dim
        self.residual_block = nn.Sequential(
            nn.Conv2d(in_dim, mid_dim, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.Conv2d(mid_dim, out_dim, kernel_size=3, padding=1),
        )
        self.add = Add()
        self.relu = nn.ReLU()
        self.head = None if num_classes is None else nn.Sequential(
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(out_dim, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.residual_block(x)  # F(x)
        out = self.relu(self.add(out, x))  # F(x) + x
        return out if self.head is None else self.head(out)


@register_model(family="ResNet", title="Deep Residual Learning for Image Recognition",
                arxiv="https://arxiv.org/abs/1512.03385", year=2015, default_input=(64, 56, 56))
def residual_block(*, in_channels: int = 64, mid_dim: int = 64, out_dim: int | None = None,
                   num_classes: int = 10) -> nn.Module:
    """The lecture's Residual_Block (Fig. 2 of https://arxiv.org/abs/1512.03385), one block.

    ``in_channels`` is the lecture's ``in_dim``; ``out_dim`` defaults to it, as F(x) + x needs.
    """
    out = in_channels if out_dim is None else out_dim
    for name, v in (("in_channels", in_channels), ("mid_dim", mid_dim), ("out_dim", out)):
        positive_int(name, v, maximum=4096)
    positive_int("num_classes", num_classes)
    return ResidualBlock(in_channels, mid_dim, out, num_classes)
