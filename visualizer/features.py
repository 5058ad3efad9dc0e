"""Feature maps of a real image: a real forward pass on the CPU, with hooks on chosen layers.

Preprocessing follows what the models expect: resized to the model's input size, then
ImageNet's mean and standard deviation for RGB models, or plain grayscale in [0, 1] for the
1-channel (Fashion-MNIST) setting, as the lecture's d2l notebooks do.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import re
import struct
import threading
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch import nn

from visualizer.errors import CodedError

IMAGENET_MEAN = (0.485, 0.456, 0.406)  # torchvision's documented normalisation
IMAGENET_STD = (0.229, 0.224, 0.225)
MAX_FORWARD_SIDE = 512  # real forward passes are refused above this (memory and time)
# The largest torchvision file of the zoo's networks is AlexNet's, 233 MB; a typed path to a
# bigger file is refused before a byte of it is read (issue 27).
MAX_CHECKPOINT_BYTES = 300 * 2**20
CHECKPOINT_SUFFIXES = (".pth", ".pt")
WEIGHTS_ENV = "CNNVIS_WEIGHTS"  # a checkpoint path the app loads for the matching model
THUMB = 72  # thumbnails are downsampled to at most this many pixels a side before sending


@dataclass(frozen=True)
class Prepared:
    """An image made ready for a model, with what was done to it."""

    tensor: torch.Tensor  # (1, C, H, W), normalised
    shown: Image.Image  # the resized picture the network sees (before normalisation)
    mean: tuple[float, ...]
    std: tuple[float, ...]


def prepare(img: Image.Image, channels: int, size: int) -> Prepared:
    """Resize to ``size`` x ``size``; normalise with ImageNet statistics (RGB) or keep [0, 1]
    grayscale (1 channel)."""
    if not 1 <= size <= MAX_FORWARD_SIDE:
        raise ValueError(f"input size must be from 1 to {MAX_FORWARD_SIDE} for a real forward pass, "
                         f"got {size}")
    if channels == 1:
        shown = img.convert("L").resize((size, size), Image.Resampling.BILINEAR)
        x = torch.from_numpy(np.asarray(shown, dtype=np.float32) / 255.0)[None, None]
        return Prepared(x.contiguous(), shown, (0.0,), (1.0,))
    shown = img.convert("RGB").resize((size, size), Image.Resampling.BILINEAR)
    x = torch.from_numpy(np.asarray(shown, dtype=np.float32) / 255.0).permute(2, 0, 1)[None]
    mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
    return Prepared(((x - mean) / std).contiguous(), shown, IMAGENET_MEAN, IMAGENET_STD)


FASHION_SIDE = 28


def prepare_fashion(img: Image.Image, size: int, mean: float, std: float, invert: bool) -> Prepared:
    """A picture as a Fashion-MNIST network receives it: gray, shrunk to 28x28 like the
    training pictures (light object on black: ``invert`` a dark drawing on white paper), then
    enlarged and normalised exactly as in training (:func:`visualizer.train.to_input`)."""
    from visualizer.train import to_input

    small = img.convert("L").resize((FASHION_SIDE, FASHION_SIDE), Image.Resampling.BILINEAR)
    arr = np.asarray(small, dtype=np.uint8)
    if invert:
        arr = 255 - arr
    x = to_input(torch.from_numpy(arr.copy())[None], size, mean, std)
    shown = Image.fromarray(arr).resize((FASHION_SIDE * 8, FASHION_SIDE * 8), Image.Resampling.NEAREST)
    return Prepared(x.contiguous(), shown, (mean,), (std,))


def light_background(img: Image.Image) -> bool:
    """Whether the picture's border is mostly light (a drawing on paper, a product photo):
    then it is the opposite of Fashion-MNIST's light objects on black."""
    arr = np.asarray(img.convert("L").resize((FASHION_SIDE, FASHION_SIDE)), dtype=np.float32)
    border = np.concatenate([arr[0], arr[-1], arr[:, 0], arr[:, -1]])
    return float(border.mean()) > 127


# Hooks live on the shared model: one hooked pass at a time (capture, top_k and every step of
# visualizer.imagine take it), so no pass meets another's hook.
FORWARD_LOCK = threading.Lock()


def capture(model: nn.Module, x: torch.Tensor, names: list[str]) -> dict[str, torch.Tensor]:
    """The outputs of the named modules in one real forward pass (no grad, CPU).

    Only the requested outputs are kept, so memory stays that of one forward pass.
    """
    modules = dict(model.named_modules())
    unknown = [n for n in names if n not in modules]
    if unknown:
        raise ValueError(f"no layer named {', '.join(unknown)}")
    out: dict[str, torch.Tensor] = {}
    with FORWARD_LOCK:
        handles = [modules[n].register_forward_hook(
            lambda _m, _a, y, n=n: out.__setitem__(n, y.detach().clone())) for n in names]
        try:
            with torch.no_grad():
                model(x)
        finally:
            for h in handles:
                h.remove()
    return out


def _colour(values: np.ndarray) -> np.ndarray:
    """A perceptually ordered colour map (dark blue -> teal -> yellow), values in [0, 1]."""
    stops = np.array([[0.07, 0.04, 0.25], [0.13, 0.35, 0.55], [0.13, 0.57, 0.55],
                      [0.45, 0.78, 0.35], [0.99, 0.91, 0.15]])
    pos = np.clip(values, 0, 1) * (len(stops) - 1)
    low = np.floor(pos).astype(int).clip(0, len(stops) - 2)
    frac = (pos - low)[..., None]
    return ((stops[low] * (1 - frac) + stops[low + 1] * frac) * 255).astype(np.uint8)


def map_image(fmap: torch.Tensor, side: int | None = THUMB) -> Image.Image:
    """One feature map (H, W) as a colour picture, scaled to its own min and max, at most
    ``side`` pixels (or enlarged to ``side`` with crisp pixels when it is smaller)."""
    arr = fmap.float().numpy()
    lo, hi = float(arr.min()), float(arr.max())
    norm = (arr - lo) / (hi - lo) if hi > lo else np.zeros_like(arr)
    img = Image.fromarray(_colour(norm))
    if side is not None and max(img.size) != side:
        resample = Image.Resampling.NEAREST if max(img.size) < side else Image.Resampling.BILINEAR
        img = img.resize((side, side), resample)
    return img


def top_channels(maps: torch.Tensor, n: int) -> list[int]:
    """Channels with the strongest mean activation, strongest first."""
    strength = maps[0].float().flatten(1).mean(1)
    return [int(i) for i in torch.argsort(strength, descending=True)[:n]]


def first_filters(model: nn.Module, limit: int = 96, side: int = 44) -> list[Image.Image]:
    """The first convolution's filters as small pictures (colour for RGB input)."""
    conv = next(m for m in model.modules() if isinstance(m, nn.Conv2d))
    w = conv.weight.detach().float()[:limit]
    pics = []
    for f in w:
        lo, hi = float(f.min()), float(f.max())
        arr = ((f - lo) / (hi - lo) if hi > lo else f * 0).permute(1, 2, 0).numpy()
        arr = arr[..., 0] if arr.shape[2] != 3 else arr
        img = Image.fromarray((arr * 255).astype(np.uint8))
        pics.append(img.resize((side, side), Image.Resampling.NEAREST))
    return pics


def filter_grid(model: nn.Module, cols: int = 8, scale: int = 4, gap: int = 2) -> Image.Image:
    """Every filter of the first convolution in one picture, ``cols`` a row, each enlarged
    ``scale`` times with crisp pixels and scaled to its own range (in colour for RGB input):
    the picture of the AlexNet paper's Figure 3."""
    conv = next(m for m in model.modules() if isinstance(m, nn.Conv2d))
    w = conv.weight.detach().float()
    n, c, kh, kw = w.shape
    rows = -(-n // cols)
    cell_h, cell_w = kh * scale, kw * scale
    sheet = np.full((rows * (cell_h + gap) + gap, cols * (cell_w + gap) + gap, 3), 255, np.uint8)
    for i, f in enumerate(w):
        lo, hi = float(f.min()), float(f.max())
        arr = ((f - lo) / (hi - lo) if hi > lo else f * 0).permute(1, 2, 0).numpy()
        arr = np.repeat(arr, 3, axis=2) if c != 3 else arr
        big = np.kron((arr * 255).astype(np.uint8), np.ones((scale, scale, 1), np.uint8))
        r, col = divmod(i, cols)
        y, x = gap + r * (cell_h + gap), gap + col * (cell_w + gap)
        sheet[y:y + cell_h, x:x + cell_w] = big
    return Image.fromarray(sheet)


def strip_layers(layers: list[tuple[str, tuple[int, ...]]], k: int = 4) -> list[str]:
    """``k`` layers spread from the first to the last whose maps are still pictures (3 px a
    side or more): the strip "edges, textures, parts" on the feature-map page."""
    seen = [name for name, shape in layers if len(shape) == 4 and min(shape[2:]) >= 3]
    if len(seen) <= k:
        return seen
    return [seen[round(i * (len(seen) - 1) / (k - 1))] for i in range(k)]


class CheckpointError(CodedError, ValueError):
    """A checkpoint that cannot be used; ``code`` is an i18n key ``ckpt.<code>``."""

    family = "ckpt"


# torchvision's DenseNet files predate its current names: "denselayer1.norm.1.weight" for
# "denselayer1.norm1.weight". torchvision renames them on load with this pattern; so do we.
_OLD_DENSENET_KEY = re.compile(
    r"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var|num_batches_tracked))$")


def torchvision_names(state: dict[str, torch.Tensor],
                      ours: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """A torchvision file's keys as the model names them: DenseNet's old keys renamed, and
    GoogLeNet's auxiliary classifiers dropped when the model has none (torchvision builds them
    to load the file, then removes them)."""
    out: dict[str, torch.Tensor] = {}
    for key, value in state.items():
        m = _OLD_DENSENET_KEY.match(key)
        if m and key not in ours:
            key = m.group(1) + m.group(2)
        if key.startswith(("aux1.", "aux2.")) and not any(k.startswith(("aux1.", "aux2.")) for k in ours):
            continue
        out[key] = value
    return out


def hub_dir() -> Path:
    """Where torch keeps downloaded checkpoints: ``$TORCH_HOME/hub/checkpoints`` (by default
    ``~/.cache/torch/hub/checkpoints``)."""
    return Path(torch.hub.get_dir()) / "checkpoints"


def hub_checkpoints() -> dict[str, Path]:
    """The zoo models whose torchvision ImageNet checkpoint is in torch's hub cache."""
    from models.published import TORCHVISION_FILES

    folder = hub_dir()
    found: dict[str, Path] = {}
    for arch, names in TORCHVISION_FILES.items():
        for name in names:
            if (folder / name).is_file():
                found[arch] = folder / name
                break
    return found


@functools.cache
def imagenet_classes() -> tuple[str, ...]:
    """ImageNet's 1,000 class names in torchvision's order (English; from torchvision's own list)."""
    text = (Path(__file__).parent / "resources" / "imagenet_classes.txt").read_text()
    return tuple(text.splitlines())


def top_k(model: nn.Module, x: torch.Tensor, k: int) -> list[tuple[int, float]]:
    """The ``k`` most probable classes and their softmax probabilities, most probable first."""
    with FORWARD_LOCK, torch.no_grad():
        probs = torch.softmax(model(x).float(), dim=1)[0]
    p, i = probs.topk(min(k, probs.numel()))
    return [(int(c), float(v)) for c, v in zip(i, p, strict=True)]


def check_path(path: str) -> Path:
    """A checkpoint path a teacher typed: an existing .pth or .pt file of reasonable size.

    ``~`` is not expanded and nothing but the suffix, the size and the file itself is looked
    at: a missing file and one that cannot be read give the same message (``unusable``), so
    the box says nothing about which files exist on the server."""
    p = Path(path.strip())
    if p.suffix not in CHECKPOINT_SUFFIXES:
        raise CheckpointError("suffix", name=p.name)
    try:
        if not p.is_file():
            raise CheckpointError("unusable", path=str(p))
        size = p.stat().st_size
    except OSError:
        raise CheckpointError("unusable", path=str(p)) from None
    if size > MAX_CHECKPOINT_BYTES:
        raise CheckpointError("too_big", mb=size // 2**20, limit=MAX_CHECKPOINT_BYTES // 2**20)
    return p


# Files that failed to load, by path, modification time and size: a page that reruns (every
# click) does not read a bad 200 MB file again until it changes. Bounded.
_FAILED: dict[tuple[str, int, int], CheckpointError] = {}
_FAILED_LIMIT = 64


def _file_key(path: str) -> tuple[str, int, int] | None:
    try:
        st = os.stat(path.strip())
    except (OSError, ValueError):
        return None
    return (path.strip(), st.st_mtime_ns, st.st_size)


def _read_checkpoint(path: str) -> bytes:
    key = _file_key(path)
    if key is not None and key in _FAILED:
        raise _FAILED[key]
    p = check_path(path)
    try:
        return p.read_bytes()
    except OSError:
        raise CheckpointError("unusable", path=str(p)) from None


def _remember_failure(path: str, err: CheckpointError) -> None:
    key = _file_key(path)
    if key is None:
        return
    if len(_FAILED) >= _FAILED_LIMIT:
        _FAILED.pop(next(iter(_FAILED)))
    _FAILED[key] = err


def load_checkpoint(model: nn.Module, source: str | Path | bytes, sha256: str | None = None) -> nn.Module:
    """Load a state_dict into ``model`` with ``weights_only=True`` and ``strict=True``.

    ``sha256``, when given, must be the file's digest (a description written for these weights).

    Raises:
        CheckpointError: not a checkpoint, a pickle with code in it, or keys and shapes that
            do not match the model (the first few named).
    """
    if isinstance(source, bytes):
        return _load_bytes(model, source, sha256)
    try:
        return _load_bytes(model, _read_checkpoint(str(source)), sha256)
    except CheckpointError as err:
        # Remembered only what the file itself is (damaged, too big, unreadable, code inside):
        # "shape" and "keys" depend on the model asked for, "changed" on a run saving it now.
        if err.code in ("corrupt", "code", "not_state_dict", "too_big", "unusable"):
            _remember_failure(str(source), err)
        raise


def _load_bytes(model: nn.Module, data: bytes, sha256: str | None) -> nn.Module:
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise CheckpointError("changed")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pickle-protocol notices about files we refuse anyway
            state = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        # weights_only names the blocked import ("GLOBAL posix.system") when a file carries code
        if "GLOBAL" in str(exc) or "Unsupported global" in str(exc):
            raise CheckpointError("code") from None
        raise CheckpointError("corrupt") from None
    except (RuntimeError, EOFError, zipfile.BadZipFile, ValueError, OSError, IndexError, KeyError,
            TypeError, AttributeError, OverflowError, MemoryError, struct.error):
        # What torch's weights-only unpickler raises on random bytes, seen in a fuzzing run: about
        # 7% of 2,000-byte random files gave IndexError or KeyError (not one of its own errors).
        raise CheckpointError("corrupt") from None
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]
    return load_state(model, state)


def load_state(model: nn.Module, state: object) -> nn.Module:
    """A loaded state_dict (torchvision's names accepted) into ``model``, strictly."""
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise CheckpointError("not_state_dict")
    ours = model.state_dict()
    state = torchvision_names(state, ours)
    # Files older than PyTorch 0.4.1 have no batch-norm step counters; load_state_dict fills them.
    missing = [k for k in ours if k not in state and not k.endswith("num_batches_tracked")]
    unexpected = [k for k in state if k not in ours]
    if missing or unexpected:
        raise CheckpointError("keys", missing=", ".join(missing[:3]) or "-",
                              unexpected=", ".join(unexpected[:3]) or "-",
                              n_missing=len(missing), n_unexpected=len(unexpected))
    for k, v in state.items():
        if tuple(v.shape) != tuple(ours[k].shape):
            raise CheckpointError("shape", key=k, theirs="×".join(map(str, v.shape)),
                                  ours="×".join(map(str, ours[k].shape)))
    model.load_state_dict(state, strict=True)
    return model.eval()
