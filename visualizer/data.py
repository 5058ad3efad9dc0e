"""Fashion-MNIST from Debian's ``dataset-fashion-mnist`` package: the original IDX files.

Nothing is downloaded. The files are read whole (60,000 + 10,000 pictures of 28x28 bytes,
55 MB) and checked: the IDX magic number, the dimensions, and the byte count. A missing or
damaged file is a :class:`DataError` whose message names the package and the fix.
"""

from __future__ import annotations

import gzip
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from visualizer.errors import CodedError

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")  # where the Debian package puts them
DATA_ENV = "CNNVIS_FASHION_DIR"  # another folder with the same four files (tests use it)
PACKAGE = "dataset-fashion-mnist"
SIDE = 28
NUM_CLASSES = 10
FILES = {  # split: (images, labels), as the package names them
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
IMAGES_MAGIC = 0x00000803  # unsigned bytes, 3 dimensions (LeCun's IDX format)
LABELS_MAGIC = 0x00000801  # unsigned bytes, 1 dimension


class DataError(CodedError, RuntimeError):
    """The data set cannot be read; ``code`` is an i18n key ``data.<code>``."""

    family = "data"

    def __init__(self, code: str, /, **values: object) -> None:
        super().__init__(code, **{"package": PACKAGE, **values})


@dataclass(frozen=True)
class Split:
    """One split of the data set: ``images`` (N, 28, 28) uint8, ``labels`` (N,) int64."""

    images: torch.Tensor
    labels: torch.Tensor

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def head(self, n: int) -> Split:
        """The first ``n`` examples (tests and quick runs)."""
        return Split(self.images[:n], self.labels[:n])


def data_dir() -> Path:
    """``$CNNVIS_FASHION_DIR`` if set, else Debian's folder."""
    env = os.environ.get(DATA_ENV, "").strip()
    return Path(env) if env else DEBIAN_DIR


def _read(folder: Path, stem: str) -> bytes:
    """The file's bytes, gunzipped if it is the package's ``.gz``."""
    for path, opener in ((folder / f"{stem}.gz", gzip.open), (folder / stem, open)):
        if path.is_file():
            try:
                with opener(path, "rb") as fh:
                    return bytes(fh.read())
            except (OSError, EOFError, zlib.error) as exc:
                raise DataError("corrupt", file=str(path), why=type(exc).__name__) from None
    raise DataError("missing", file=str(folder / f"{stem}.gz"))


def parse_idx(raw: bytes, magic: int, name: str) -> np.ndarray:
    """An IDX array of unsigned bytes, after checking its magic number and its size."""
    dims = magic & 0xFF
    if len(raw) < 4 + 4 * dims:
        raise DataError("corrupt", file=name, why=f"{len(raw)} bytes, shorter than its header")
    (found,) = struct.unpack(">I", raw[:4])
    if found != magic:
        raise DataError("corrupt", file=name, why=f"magic number {found:#010x}, expected {magic:#010x}")
    shape = struct.unpack(f">{dims}I", raw[4:4 + 4 * dims])
    body = raw[4 + 4 * dims:]
    if len(body) != int(np.prod(shape)):
        raise DataError("corrupt", file=name,
                        why=f"{len(body):,} bytes of data where its header promises {int(np.prod(shape)):,}")
    return np.frombuffer(body, dtype=np.uint8).reshape(shape)


def load_split(split: str, folder: Path | None = None) -> Split:
    """Read ``"train"`` or ``"test"`` from ``folder`` (default :func:`data_dir`).

    Raises:
        DataError: a file is missing, or damaged (bad magic, size, labels out of range).
    """
    if split not in FILES:
        raise ValueError(f"split must be one of {', '.join(FILES)}, got {split!r}")
    root = folder or data_dir()
    img_stem, lab_stem = FILES[split]
    images = parse_idx(_read(root, img_stem), IMAGES_MAGIC, img_stem)
    labels = parse_idx(_read(root, lab_stem), LABELS_MAGIC, lab_stem)
    if images.shape[1:] != (SIDE, SIDE):
        raise DataError("corrupt", file=img_stem,
                        why=f"pictures of {images.shape[1]}x{images.shape[2]}, not 28x28")
    if len(images) != len(labels):
        raise DataError("corrupt", file=lab_stem, why=f"{len(labels)} labels for {len(images)} pictures")
    if len(labels) and int(labels.max()) >= NUM_CLASSES:
        raise DataError("corrupt", file=lab_stem, why=f"label {int(labels.max())} (classes are 0-9)")
    return Split(torch.from_numpy(images.copy()), torch.from_numpy(labels.astype(np.int64)))
