"""The Fashion-MNIST loader: Debian's real files, and damaged or missing ones made here."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import make_fashion, write_idx
from visualizer.data import DEBIAN_DIR, DataError, load_split, parse_idx
from visualizer.i18n import t
from visualizer.train import normalisation


def test_debian_files_are_the_published_data_set() -> None:
    """Zalando's published facts: 60,000 + 10,000 pictures of 28x28, 6,000 / 1,000 of each
    class, the first training picture an ankle boot (9) and the first test one too, pixel
    mean 0.2860 and standard deviation 0.3530 (the figures every tutorial normalises with)."""
    train, test = load_split("train", DEBIAN_DIR), load_split("test", DEBIAN_DIR)
    assert tuple(train.images.shape) == (60_000, 28, 28) and tuple(test.images.shape) == (10_000, 28, 28)
    assert np.bincount(train.labels.numpy()).tolist() == [6000] * 10
    assert np.bincount(test.labels.numpy()).tolist() == [1000] * 10
    assert int(train.labels[0]) == 9 and int(test.labels[0]) == 9
    assert normalisation(train) == (0.2860, 0.3530)


def test_small_files_round_trip(tmp_path: Path) -> None:
    make_fashion(tmp_path, n_train=50, n_test=20)
    train = load_split("train", tmp_path)
    assert len(train) == 50 and train.images.dtype.is_floating_point is False
    assert len(train.head(7)) == 7
    assert len(load_split("test", tmp_path)) == 20


def test_uncompressed_files_are_read_too(tmp_path: Path) -> None:
    make_fashion(tmp_path, n_train=10, n_test=10)
    for gz in tmp_path.glob("*.gz"):
        gz.with_suffix("").write_bytes(gzip.decompress(gz.read_bytes()))
        gz.unlink()
    assert len(load_split("train", tmp_path)) == 10


def test_missing_file_names_the_package(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        load_split("train", tmp_path)
    err = info.value
    assert err.code == "missing"
    for lang in ("en", "ko"):
        text = t(f"data.{err.code}", lang, **err.values)
        assert "apt-get install dataset-fashion-mnist" in text and "train-images-idx3-ubyte" in text


@pytest.mark.parametrize("damage", ["magic", "short", "labels", "count", "gzip"])
def test_damaged_files_are_named(tmp_path: Path, damage: str) -> None:
    make_fashion(tmp_path, n_train=10, n_test=10)
    images = tmp_path / "train-images-idx3-ubyte.gz"
    labels = tmp_path / "train-labels-idx1-ubyte.gz"
    if damage == "magic":
        write_idx(images, np.zeros((10, 28, 28)), 0x801)
    elif damage == "short":
        raw = gzip.decompress(images.read_bytes())
        images.write_bytes(gzip.compress(raw[:-5]))
    elif damage == "labels":
        write_idx(labels, np.full(10, 12), 0x801)
    elif damage == "count":
        write_idx(labels, np.zeros(9), 0x801)
    else:
        images.write_bytes(b"not gzip at all")
    with pytest.raises(DataError) as info:
        load_split("train", tmp_path)
    assert info.value.code == "corrupt"
    text = t("data.corrupt", "ko", **info.value.values)
    assert "idx" in text and "--reinstall dataset-fashion-mnist" in text


def test_idx_header_is_checked_before_the_body() -> None:
    with pytest.raises(DataError, match="shorter than its header"):
        parse_idx(b"\x00\x00", 0x803, "x")
    with pytest.raises(ValueError, match="split"):
        load_split("validation")
