"""Uploads are untrusted: every bad file becomes an ImageError with a catalogue message."""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch
from PIL import Image

from visualizer.i18n import CATALOGUE
from visualizer.images import FILTERS, ImageError, apply_filter, load_image, make_kernel, sample_images


def png(w: int = 64, h: int = 48) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (h, w, 3), dtype=np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buf, "JPEG")
    return buf.getvalue()


def test_valid_png_and_jpeg() -> None:
    assert load_image(png()).size == (64, 48)
    assert load_image(jpeg()).mode == "RGB"


@pytest.mark.parametrize(("data", "code"), [
    (b"", "empty"),
    (b"hello, this is text renamed to .png", "not_image"),
    (png()[:200], "truncated"),
])
def test_bad_files(data: bytes, code: str) -> None:
    with pytest.raises(ImageError) as info:
        load_image(data)
    assert info.value.code == code


def test_oversized_and_bomb() -> None:
    with pytest.raises(ImageError) as info:
        load_image(png(), max_bytes=100)
    assert info.value.code == "too_big"
    with pytest.raises(ImageError) as info:
        load_image(png(400, 300), max_pixels=100_000)
    assert info.value.code == "pixels"
    buf = io.BytesIO()  # a decompression bomb: tiny file, huge picture
    Image.new("1", (20_000, 20_000)).save(buf, "PNG")
    assert len(buf.getvalue()) < 200_000
    with pytest.raises(ImageError):
        load_image(buf.getvalue())


def test_other_formats_refused() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "GIF")
    with pytest.raises(ImageError) as info:
        load_image(buf.getvalue())
    assert info.value.code == "format"


def test_every_code_has_a_message() -> None:
    for code in ("empty", "too_big", "format", "pixels", "not_image", "truncated"):
        assert f"img.{code}" in CATALOGUE


@pytest.mark.parametrize("name", FILTERS)
def test_filters_run_through_conv2d(name: str) -> None:
    x = torch.rand(1, 3, 32, 32)
    y = apply_filter(x, make_kernel(name, 5), stride=2, padding=2)
    assert y.shape == (1, 3, 16, 16)  # floor((32 + 4 - 5) / 2) + 1


def test_blur_of_constant_is_constant_and_edge_is_zero() -> None:
    x = torch.full((1, 3, 9, 9), 0.5)
    assert torch.allclose(apply_filter(x, make_kernel("blur", 3)), torch.full((1, 3, 7, 7), 0.5))
    assert torch.allclose(apply_filter(x, make_kernel("edge", 3)), torch.zeros(1, 3, 7, 7), atol=1e-6)


def test_samples_are_generated() -> None:
    assert {k: v.size for k, v in sample_images().items()} == {
        "sunset": (256, 256), "poster": (256, 256), "stripes": (256, 256)}
