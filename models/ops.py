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
