"""Uploads are untrusted: every bad file becomes an ImageError with a catalogue message."""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch
from PIL import Image

from visualizer.i18n import CATALOGUE
from visualizer.images import (
    FILTERS,
    MAX_PIXELS,
    ImageError,
    apply_filter,
    fitting_size,
    load_image,
    make_kernel,
    sample_images,
)


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


def test_a_valid_picture_past_pillows_bomb_limit_is_said_too_big_with_its_size() -> None:
    """An art student's high-resolution scan: a real PNG of 20000 x 20000 pixels (400 million,
    past Pillow's error limit) and one of 10000 x 10000 (past its warning) are too big, with
    their size and the size to shrink them to, not "not a picture"."""
    for w, h in ((20_000, 20_000), (10_000, 10_000)):
        buf = io.BytesIO()
        Image.new("1", (w, h)).save(buf, "PNG")  # one bit a pixel, all zero: a few KB
        assert len(buf.getvalue()) < 100_000
        with pytest.raises(ImageError) as info:
            load_image(buf.getvalue())
        v = info.value.values
        assert info.value.code == "pixels" and (v["w"], v["h"]) == (w, h)
        # By hand: 6324 x 6324 = 39,992,976 fits in 40 million; 6325 x 6325 = 40,005,625 does not.
        assert MAX_PIXELS == 40_000_000 and (v["fit_w"], v["fit_h"]) == (6324, 6324)
        ko, en = info.value.message("ko"), info.value.message("en")
        assert f"{w}×{h}픽셀" in ko and "6324×6324픽셀 이하로 줄여서" in ko and "40,000,000픽셀" in ko
        assert f"{w}×{h} pixels" in en and "6324×6324" in en and "40,000,000 pixels" in en


def test_a_jpeg_claiming_a_huge_size_is_said_too_big_with_that_size() -> None:
    """A JPEG header past the bomb limit: its start-of-frame says the height, then the width."""
    data = bytearray(jpeg())
    sof = data.index(b"\xff\xc0")  # marker, length (2 bytes), precision (1), height (2), width (2)
    data[sof + 5:sof + 9] = (15_000).to_bytes(2, "big") + (30_000).to_bytes(2, "big")
    with pytest.raises(ImageError) as info:
        load_image(bytes(data))
    v = info.value.values
    assert info.value.code == "pixels" and (v["w"], v["h"]) == (30_000, 15_000)
    # Half as high as wide, 40 million pixels: about sqrt(20e6) = 4472.1 high, twice that wide.
    assert (v["fit_w"], v["fit_h"]) == (8944, 4472) and 8944 * 4472 <= 40_000_000 < 8946 * 4473


def test_the_size_to_shrink_to_keeps_the_shape_and_fits() -> None:
    assert fitting_size(8000, 6000, 12_000_000) == (4000, 3000)  # exactly half of each side
    assert fitting_size(100, 100, 10_000) == (100, 100)
    assert fitting_size(3000, 1, 1000) == (1000, 1)  # a thin strip keeps one row, never none


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
