"""Images in and out: safe decoding of uploads, generated samples, filters, display.

Uploads are untrusted: size, format and pixel count are checked before decoding, and every
failure is an ImageError whose ``code`` is an i18n key (``img.<code>``).
"""

from __future__ import annotations

import io
import math
import warnings

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw, UnidentifiedImageError

from visualizer.errors import CodedError

MAX_BYTES = 10 * 2**20  # also server.maxUploadSize in .streamlit/config.toml
MAX_PIXELS = 40_000_000  # a 40-megapixel photo decodes to 120 MB; more is refused
FORMATS = ("PNG", "JPEG")


class ImageError(CodedError, ValueError):
    """An upload that cannot be used; ``code`` names the reason (i18n key ``img.<code>``)."""

    family = "img"


def load_image(data: bytes, *, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Decode an uploaded PNG or JPEG into an RGB image, or raise ImageError.

    The header is read first: dimensions are checked before any pixel is decoded, so a
    decompression bomb (a tiny file that claims a huge picture) is refused cheaply.
    """
    if not data:
        raise ImageError("empty")
    if len(data) > max_bytes:
        raise ImageError("too_big", mb=round(len(data) / 2**20, 1), limit=max_bytes // 2**20)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            if img.format not in FORMATS:
                raise ImageError("format", format=img.format or "?")
            if img.size[0] * img.size[1] > max_pixels:
                raise too_many_pixels(*img.size, max_pixels)
            img.load()
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow refuses pictures past its own limit (89 million pixels, an error past twice
        # that) before saying their size: a valid high-resolution scan is too big, not "not
        # a picture".
        size = claimed_size(data)
        if size is None:
            raise ImageError("not_image") from None
        raise too_many_pixels(*size, max_pixels) from None
    except UnidentifiedImageError:
        raise ImageError("not_image") from None
    except (OSError, SyntaxError, ValueError):
        raise ImageError("truncated") from None
    return img.convert("RGB")


def claimed_size(data: bytes) -> tuple[int, int] | None:
    """The width and height a PNG or JPEG file's header claims, or None: read by the format's
    own reader, which decodes no pixel and, unlike ``Image.open``, does not refuse a size past
    Pillow's decompression-bomb limit."""
    for fmt in FORMATS:
        factory, accept = Image.OPEN[fmt]
        if accept is not None and not accept(data[:16]):
            continue
        try:
            with factory(io.BytesIO(data), "") as img:
                return img.size
        except (OSError, SyntaxError, ValueError, IndexError, TypeError):
            continue
    return None


def fitting_size(w: int, h: int, max_pixels: int = MAX_PIXELS) -> tuple[int, int]:
    """The largest ``w x h`` shrunk to keep its shape and hold at most ``max_pixels`` pixels."""
    scale = math.sqrt(max_pixels / (w * h))
    fw, fh = max(1, math.floor(w * scale)), max(1, math.floor(h * scale))
    while fw * fh > max_pixels:  # a rounding of the square root a pixel too generous
        if fw >= fh:
            fw -= 1
        else:
            fh -= 1
    return fw, fh


def too_many_pixels(w: int, h: int, max_pixels: int) -> ImageError:
    """The error of a picture of more than ``max_pixels`` pixels: its size, the limit and the
    size to shrink it to."""
    fit_w, fit_h = fitting_size(w, h, max_pixels)
    return ImageError("pixels", w=w, h=h, limit=max_pixels, fit_w=fit_w, fit_h=fit_h)


def sample_images() -> dict[str, Image.Image]:
    """A few generated pictures, so the pages work with no upload (no files, no downloads)."""
    size = 256
    yy, xx = np.mgrid[0:size, 0:size] / (size - 1)
    # A sunset: sky gradient, a sun, hills.
    sky = np.stack([0.95 - 0.3 * yy, 0.55 + 0.2 * yy, 0.35 + 0.5 * yy], axis=-1)
    sun = ((xx - 0.7) ** 2 + (yy - 0.35) ** 2) < 0.012
    sky[sun] = [1.0, 0.85, 0.3]
    hills = yy > 0.72 + 0.08 * np.sin(xx * 9)
    sky[hills] = np.stack([0.2 + 0.1 * xx, 0.45 - 0.1 * yy, 0.2 + 0 * xx], axis=-1)[hills]
    sunset = Image.fromarray((np.clip(sky, 0, 1) * 255).astype(np.uint8))
    # Geometric shapes, like a Bauhaus poster: strong edges for edge filters.
    poster = Image.new("RGB", (size, size), (240, 232, 215))
    d = ImageDraw.Draw(poster)
    d.rectangle((20, 30, 120, 200), fill=(200, 40, 40))
    d.ellipse((110, 60, 230, 180), fill=(30, 70, 160))
    d.polygon([(60, 240), (160, 120), (250, 240)], fill=(240, 190, 30))
    d.line((0, 0, 255, 255), fill=(20, 20, 20), width=6)
    # Stripes at several frequencies: what blur removes and stride aliases.
    stripes = (0.5 + 0.5 * np.sin(2 * math.pi * (xx * (4 + 28 * yy)))) * 255
    stripes_img = Image.fromarray(stripes.astype(np.uint8)).convert("RGB")
    return {"sunset": sunset, "poster": poster, "stripes": stripes_img}


FILTERS = ("edge", "blur", "sharpen", "emboss", "random")


def make_kernel(name: str, size: int = 3, seed: int = 0) -> torch.Tensor:
    """A ``size x size`` filter: edge (Laplacian), blur (box), sharpen, emboss or random."""
    if size < 1 or size % 2 == 0:
        raise ValueError(f"filter size must be odd and positive, got {size}")
    c = size // 2
    k = torch.zeros(size, size)
    if name == "edge":
        k -= 1.0
        k[c, c] = size * size - 1.0
    elif name == "blur":
        k += 1.0 / (size * size)
    elif name == "sharpen":
        k -= 1.0 / (size * size)
        k[c, c] += 2.0
    elif name == "emboss":
        for i in range(size):
            for j in range(size):
                k[i, j] = float(np.sign((i - c) + (j - c)))
        k[c, c] = 1.0
    elif name == "random":
        k = torch.randn(size, size, generator=torch.Generator().manual_seed(seed))
    else:
        raise ValueError(f"unknown filter {name!r}; choose one of {', '.join(FILTERS)}")
    return k


def to_tensor(img: Image.Image, max_side: int | None = None) -> torch.Tensor:
    """An RGB image as a (1, 3, H, W) float tensor in [0, 1], shrunk to ``max_side`` if given."""
    if max_side is not None and max(img.size) > max_side:
        img = img.copy()
        img.thumbnail((max_side, max_side))
    arr = np.asarray(img.convert("RGB"), dtype=np.float32) / 255.0
    return torch.from_numpy(arr).permute(2, 0, 1).unsqueeze(0).contiguous()


def apply_filter(x: torch.Tensor, kernel: torch.Tensor, stride: int = 1, padding: int = 0) -> torch.Tensor:
    """The real ``torch.nn.functional.conv2d``, the same filter on each colour channel."""
    channels = x.shape[1]
    weight = kernel.expand(channels, 1, *kernel.shape).contiguous()
    with torch.no_grad():
        return F.conv2d(x, weight, stride=stride, padding=padding, groups=channels)


def to_image(x: torch.Tensor, *, signed: bool = False, outline: bool = False) -> Image.Image:
    """A (1, C, H, W) tensor as a picture: clipped to [0, 1]; for signed filter responses
    (emboss, a random filter), mapped so that zero is mid-grey; for an outline filter's
    response (``outline``), drawn as pencil lines on white paper: its strength in any channel,
    black where strongest, its sign left out.

    A signed or outline response is scaled by its 99th percentile, not its maximum (a few strong
    pixels made the edge picture of a photo 99% mid-grey: blank on a projector), and brightened
    by a square root (weak edges show): stronger than the numbers, as the caption says. Drawn
    around mid-grey, the poster's outlines were thin lines on a grey picture (its median 127),
    which a projector washed out: on white they are what a painter's sketch is.
    """
    y = x[0].detach().float()
    if signed or outline:
        if outline:
            y = y.abs().amax(dim=0, keepdim=True)  # the strength, in whichever channel is strongest
        sample = y.abs().flatten()
        sample = sample[:: max(1, sample.numel() // 200_000)]  # quantile's input is bounded
        scale = float(torch.quantile(sample, 0.99)) or float(y.abs().max()) or 1.0
        v = (y / scale).clamp(-1, 1)
        y = 1 - v.sqrt() if outline else 0.5 + 0.5 * v.sign() * v.abs().sqrt()
    arr = (y.clamp(0, 1).permute(1, 2, 0).numpy() * 255).astype(np.uint8)
    if arr.shape[2] == 1:
        arr = arr[:, :, 0]
    return Image.fromarray(arr)


def gray_picture(pixels: np.ndarray | torch.Tensor, side: int | None = None) -> Image.Image:
    """A (H, W) uint8 picture (a Fashion-MNIST image) as a gray image, enlarged with crisp
    pixels to ``side`` if given."""
    arr = pixels.numpy() if isinstance(pixels, torch.Tensor) else pixels
    img = Image.fromarray(np.asarray(arr, dtype=np.uint8), mode="L")
    return img if side is None else img.resize((side, side), Image.Resampling.NEAREST)


def filter_sheet(filters: np.ndarray, *, cell: int = 40, gap: int = 4, columns: int = 8) -> Image.Image:
    """(N, k, k) filter weights as one picture: each scaled to its own range (black = most
    negative, white = most positive), enlarged with crisp pixels, ``columns`` a row."""
    n = len(filters)
    rows = max(1, math.ceil(n / columns))
    sheet = Image.new("L", (columns * (cell + gap) - gap, rows * (cell + gap) - gap), 255)
    for i, f in enumerate(np.asarray(filters, dtype=np.float32)):
        lo, hi = float(f.min()), float(f.max())
        norm = (f - lo) / (hi - lo) if hi > lo else np.full_like(f, 0.5)
        tile = Image.fromarray((norm * 255).astype(np.uint8)).resize((cell, cell), Image.Resampling.NEAREST)
        sheet.paste(tile, ((i % columns) * (cell + gap), (i // columns) * (cell + gap)))
    return sheet

