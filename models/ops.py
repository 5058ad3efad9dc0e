"""Merge operations as modules, so that hooks see every step of a forward pass.

torchvision writes ``out += identity`` and ``torch.cat(...)`` inline in ``forward``. Inline
operations are invisible to module hooks, so the trace could not show where ResNet adds and
DenseNet concatenates. These modules have no parameters, so state_dict keys are unchanged and
torchvision checkpoints still load with ``strict=True``.
"""

from __future__ import annotations

import torch
from torch import nn


class Add(nn.Module):
    """Element-wise sum of two tensors: the ``F(x) + x`` of a residual block."""

    def forward(self, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return a + b  # not in-place: the trace needs both inputs intact


class Concat(nn.Module):
    """Concatenation along the channel axis: Inception's branches and DenseNet's growth."""

    def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
        return torch.cat(tensors, dim=1)


class ShortcutA(nn.Module):
    """The ResNet paper's shortcut "option A" (section 3.3, used for CIFAR-10 in section 4.2):
    where a block halves the map and widens it, the identity keeps every ``stride``-th pixel
    and adds zero channels for the new ones. No parameters.

    The paper says only "extra zero entries padded for increasing dimensions"; the zeros go
    after the existing channels here (some code pads on both sides; the counts are the same).
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int) -> None:
        super().__init__()
        if out_channels < in_channels:
            raise ValueError("option A only adds channels")
        self.in_channels, self.out_channels, self.stride = in_channels, out_channels, stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x[:, :, ::self.stride, ::self.stride]
        return nn.functional.pad(x, (0, 0, 0, 0, 0, self.out_channels - self.in_channels))

    def extra_repr(self) -> str:
        return f"{self.in_channels}, {self.out_channels}, stride={self.stride}"
