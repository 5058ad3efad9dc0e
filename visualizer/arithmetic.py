"""The arithmetic of convolution and pooling: output sizes, receptive fields, MACs.

Every number the app prints about a single layer comes from these functions, and every
function is a formula one can check by hand.
"""

from __future__ import annotations

import math


def out_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1,
             ceil_mode: bool = False) -> int:
    """Output length of a convolution or pooling along one axis (PyTorch's formula).

    ``floor((size + 2*padding - dilation*(kernel-1) - 1) / stride) + 1``; with ``ceil_mode``
    the division rounds up, but a last window that would start in the right padding is
    dropped, as PyTorch does. Zero or negative means the input is too small.
    """
    span = size + 2 * padding - dilation * (kernel - 1) - 1
    # Python's // rounds toward minus infinity, like PyTorch's div_rtn.
    out = (span + (stride - 1 if ceil_mode else 0)) // stride + 1
    if ceil_mode and (out - 1) * stride >= size + padding:
        out -= 1
    return out


def dropped_pixels(size: int, kernel: int, stride: int = 1, padding: int = 0,
                   dilation: int = 1) -> int:
    """Input pixels (of the padded input) that no window covers because the floor drops them."""
    span = size + 2 * padding - dilation * (kernel - 1) - 1
    return span % stride if span >= 0 else 0


def formula(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1,
            ceil_mode: bool = False) -> str:
    """The output-size formula with the numbers filled in.

    >>> formula(224, 11, 4, 2)
    'floor((224 + 2*2 - 11) / 4) + 1 = 55'
    """
    k = f"{dilation}*({kernel} - 1) - 1" if dilation != 1 else f"{kernel}"
    rounding = "ceil" if ceil_mode else "floor"
    return (f"{rounding}(({size} + 2*{padding} - {k}) / {stride}) + 1 = "
            f"{out_size(size, kernel, stride, padding, dilation, ceil_mode)}")


def transposed_out_size(size: int, kernel: int, stride: int = 1, padding: int = 0,
                        dilation: int = 1, output_padding: int = 0) -> int:
    """Output length of a transposed convolution along one axis (PyTorch's formula):
    ``(size - 1)*stride - 2*padding + dilation*(kernel - 1) + output_padding + 1``."""
    return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1


def transposed_formula(size: int, kernel: int, stride: int = 1, padding: int = 0,
                       dilation: int = 1, output_padding: int = 0) -> str:
    """The transposed convolution's size formula with the numbers filled in.

    >>> transposed_formula(7, 2, 2)
    '(7 - 1)*2 - 2*0 + 1*(2 - 1) + 0 + 1 = 14'
    """
    out = transposed_out_size(size, kernel, stride, padding, dilation, output_padding)
    return (f"({size} - 1)*{stride} - 2*{padding} + {dilation}*({kernel} - 1) + "
            f"{output_padding} + 1 = {out}")


def receptive_field(rf_in: int, jump_in: int, kernel: int, stride: int,
                    dilation: int = 1) -> tuple[int, int]:
    """Receptive field and jump after a layer: ``r + (k_eff - 1) * j`` and ``j * s``."""
    return rf_in + dilation * (kernel - 1) * jump_in, jump_in * stride


def conv_macs(out_shape: tuple[int, ...], in_channels: int, groups: int,
              kernel: tuple[int, int]) -> int:
    """Multiply-accumulates of a convolution: every output value sums ``C_in/g * k_h * k_w``
    products. The bias adds are not counted (as in torchvision's published figures)."""
    return math.prod(out_shape) * (in_channels // groups) * kernel[0] * kernel[1]


def linear_macs(out_shape: tuple[int, ...], in_features: int) -> int:
    """Multiply-accumulates of a fully connected layer: ``in * out`` per sample."""
    return math.prod(out_shape) * in_features


def conv_params(in_channels: int, out_channels: int, kernel: int | tuple[int, int],
                groups: int = 1, bias: bool = False) -> int:
    """Weights (and biases) of a convolution, by formula."""
    kh, kw = (kernel, kernel) if isinstance(kernel, int) else kernel
    return out_channels * (in_channels // groups) * kh * kw + (out_channels if bias else 0)
