"""The formulas against PyTorch itself."""

from __future__ import annotations

import itertools

import pytest
import torch
import torch.nn.functional as F

from visualizer import arithmetic as ar


@pytest.mark.parametrize(("n", "k", "s", "p", "d"), [
    c for c in itertools.product((1, 2, 5, 7, 13, 32), (1, 2, 3, 5), (1, 2, 3), (0, 1, 2), (1, 2))
    if c[0] + 2 * c[3] >= c[4] * (c[1] - 1) + 1])
def test_conv_out_size_equals_conv2d(n: int, k: int, s: int, p: int, d: int) -> None:
    y = F.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, k, k), stride=s, padding=p, dilation=d)
    assert ar.out_size(n, k, s, p, d) == y.shape[-1]
    assert ar.formula(n, k, s, p, d).endswith(f"= {y.shape[-1]}")


@pytest.mark.parametrize(("n", "k", "s", "p"), [
    c for c in itertools.product((1, 2, 3, 6, 7, 14, 15), (2, 3), (1, 2), (0, 1)) if 2 * c[3] <= c[1]
    and c[0] + 2 * c[3] >= c[1]])
@pytest.mark.parametrize("ceil", [False, True])
def test_pool_out_size_equals_max_pool2d(n: int, k: int, s: int, p: int, ceil: bool) -> None:
    y = F.max_pool2d(torch.zeros(1, 1, n, n), k, s, p, ceil_mode=ceil)
    assert ar.out_size(n, k, s, p, ceil_mode=ceil) == y.shape[-1]


def test_hand_worked_values() -> None:
    assert ar.formula(224, 11, 4, 2) == "floor((224 + 2*2 - 11) / 4) + 1 = 55"
    assert ar.out_size(224, 11, 4, 0) == 54 and ar.dropped_pixels(224, 11, 4, 0) == 1
    assert ar.out_size(227, 11, 4, 0) == 55 and ar.dropped_pixels(227, 11, 4, 0) == 0
    assert ar.receptive_field(11, 4, 3, 2) == (19, 8)
    assert ar.conv_params(3, 96, 11, bias=True) == 34_944
    # the smallest input an 11x11 kernel with padding 2 leaves a pixel of: 11 - 2*2 = 7
    assert ar.out_size(7, 11, 1, 2) == 1 and ar.out_size(6, 11, 1, 2) < 1


def test_too_small_is_not_positive() -> None:
    assert ar.out_size(2, 3) < 1
