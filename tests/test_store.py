"""The checkpoint store: a zoo network and a student's design through the same save and load.

The references are independent of the store: the model's own state_dict and its own forward
pass, the file's SHA-256 and size computed here with hashlib and os, and files written by hand
in the formats the app has always written (a plain state_dict with its JSON description, and
the designs' dictionary), as caches from before the store hold them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import torch
from torch import nn

from models import build_model
from visualizer import design as ds
from visualizer import features
from visualizer.features import CheckpointError
from visualizer.train import Recipe
from visualizer.training import store
from visualizer.training.trainer import RunResult

RECIPE = Recipe(input_size=28, epochs=1, batch_size=32, lr=0.05, flip=False)
ARCH = "resnet20"  # the smallest zoo network (0.27 M weights): milliseconds to save and load


def zoo_net(seed: int = 3) -> nn.Module:
    torch.manual_seed(seed)
    return build_model(ARCH, device="cpu", in_channels=1, num_classes=10).eval()


def design_net(seed: int = 3) -> tuple[ds.Design, nn.Module]:
    design = ds.template("tiny")
    torch.manual_seed(seed)
    return design, ds.build(design, device="cpu").eval()


def save_zoo(model: nn.Module, folder: Path, accuracy: float = 0.8125) -> Path:
    result = RunResult(model, stopped=False, seconds=12.34, steps=40, curve=[{"step": 40, "loss": 0.5}])
    values = store.run_values(RECIPE, result, test_accuracy=accuracy, mean=0.286, std=0.353, seed=7,
                              n_train=1280, extra={"test_images": 100})
    return store.save(store.Zoo(ARCH), model, values, folder)


def same_weights(a: nn.Module, b: nn.Module) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


@pytest.mark.parametrize("kind", ["zoo", "design"])
def test_zoo_and_design_round_trip_through_one_save_and_one_load(tmp_path: Path, kind: str) -> None:
    if kind == "zoo":
        model = zoo_net()
        path = save_zoo(model, tmp_path)
        what: store.Zoo | store.Job = store.Zoo(ARCH)
        expected = {"test_accuracy": 0.8125, "mean": 0.286, "std": 0.353}
    else:
        design, model = design_net()
        values = {"accuracy": 0.8125, "mean": 0.286, "std": 0.353}
        path = store.save(store.Job("0123abcd", design), model, values, tmp_path)
        what = store.Job("0123abcd")
        expected = {"accuracy": 0.8125, "mean": 0.286, "std": 0.353}
    # a fresh network, other weights: what comes back is the file's, not a leftover
    loaded = store.load(what, tmp_path)
    assert loaded.path == path and path.is_file()
    assert not loaded.model.training  # eval mode, whichever kind
    assert same_weights(loaded.model, model)
    assert all(loaded.values[k] == v for k, v in expected.items())
    assert (loaded.accuracy, loaded.mean, loaded.std) == (0.8125, 0.286, 0.353)
    x = torch.randn(3, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        assert torch.equal(loaded.model(x), model(x))
    if kind == "zoo":
        assert loaded.arch == ARCH and loaded.design is None
    else:
        assert loaded.design == design and loaded.arch is None


def test_a_zoo_description_names_its_weights_by_size_and_digest(tmp_path: Path) -> None:
    pt = save_zoo(zoo_net(), tmp_path)
    meta = json.loads((tmp_path / f"fashion-{ARCH}.json").read_text())
    assert pt.name == f"fashion-{ARCH}.pt"
    assert meta["weights_bytes"] == pt.stat().st_size
    assert meta["sha256"] == hashlib.sha256(pt.read_bytes()).hexdigest()
    assert meta["arch"] == ARCH and meta["epochs"] == round(40 * 32 / 1280, 3) == 1.0
    assert meta["recipe"]["lr"] == 0.05 and meta["test_images"] == 100 and meta["seconds"] == 12.3
    # The weights file alone is a plain state_dict, as before the store.
    plain = torch.load(pt, weights_only=True)
    assert set(plain) == set(zoo_net().state_dict())


def test_files_in_the_old_formats_are_read(tmp_path: Path) -> None:
    """Written here by hand as train.save and kept.save wrote them (a cache from `make weights`
    and a class's designs folder from before the store)."""
    model = zoo_net(5)
    pt, js = tmp_path / f"fashion-{ARCH}.pt", tmp_path / f"fashion-{ARCH}.json"
    torch.save({k: v.clone() for k, v in model.state_dict().items()}, pt)
    data = pt.read_bytes()
    js.write_text(json.dumps({
        "arch": ARCH, "dataset": "fashion-mnist", "input_size": 28, "in_channels": 1, "num_classes": 10,
        "mean": 0.286, "std": 0.353, "resize": "bilinear", "align_corners": False, "epochs": 1.0,
        "steps": 40, "seconds": 9.5, "test_accuracy": 0.75, "seed": 0,
        "recipe": {"input_size": 28, "epochs": 1, "batch_size": 32, "lr": 0.05, "weight_decay": 5e-4},
        "torch": "2.5.0", "date": "2026-12-03T10:00:00+00:00", "weights_bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(), "curve": []}, indent=1))
    zoo = store.load(store.Zoo(ARCH), tmp_path)
    assert same_weights(zoo.model, model) and zoo.accuracy == 0.75

    design, net = design_net(6)
    kept = tmp_path / "designs" / "00c0ffee01.pt"
    kept.parent.mkdir()
    torch.save({"format": "cnnvis-trained-design", "design": ds.encode(design), "accuracy": 0.5,
                "mean": 0.2, "std": 0.3, "state_dict": net.state_dict()}, kept)
    opened = store.load(store.Job("00c0ffee01"), tmp_path)
    assert opened.design == design and same_weights(opened.model, net)
    assert opened.values == {"accuracy": 0.5, "mean": 0.2, "std": 0.3}


class Gadget:
    """Not a tensor: a file that holds one makes torch.load import this class to read it."""


def design_file(tmp_path: Path) -> Path:
    design, net = design_net()
    values = {"accuracy": 0.5, "mean": 0.0, "std": 1.0}
    return store.save(store.Job("0123abcd", design), net, values, tmp_path)


@pytest.mark.parametrize(("damage", "code"), [
    ("cut", "corrupt"),  # a copy that stopped halfway
    ("bare", "kept_foreign"),  # a real checkpoint, but no design to rebuild it
    ("code", "code"),  # a pickle that would import something: never run
    ("too_big", "kept_too_big"),
    ("gone", "kept_missing"),  # removed with the oldest
])
def test_a_design_file_that_cannot_be_used_is_refused_with_its_code(
        tmp_path: Path, damage: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = design_file(tmp_path)
    if damage == "cut":
        path.write_bytes(path.read_bytes()[:300])
    elif damage == "bare":
        torch.save({"w": torch.zeros(1)}, path)
    elif damage == "code":
        torch.save({"format": store.FORMAT, "design": "x", "state_dict": Gadget()}, path)
    elif damage == "too_big":
        monkeypatch.setattr(store, "MAX_DESIGN_BYTES", path.stat().st_size - 1)
    else:
        path.unlink()
    with pytest.raises(CheckpointError) as info:
        store.load(store.Job("0123abcd"), tmp_path)
    assert info.value.code == code and info.value.message("ko") and info.value.message("en")
    if damage not in ("gone",):
        with pytest.raises(CheckpointError) as again:  # the zip to take home reads it the same way
            store.take_home(path)
        assert again.value.code == code


def describe_as(tmp_path: Path, arch: str, data: bytes) -> None:
    """``data`` as ``arch``'s weights, with a description that names it (size and digest)."""
    save_zoo(zoo_net(), tmp_path)
    meta = json.loads((tmp_path / f"fashion-{ARCH}.json").read_text())
    pt, js = store.checkpoint_paths(arch, tmp_path)
    pt.write_bytes(data)
    js.write_text(json.dumps({**meta, "arch": arch, "weights_bytes": len(data),
                              "sha256": hashlib.sha256(data).hexdigest()}))


@pytest.mark.parametrize(("damage", "code"), [
    ("swapped", "changed"),  # other bytes of the same size: the digest tells
    ("garbage", "corrupt"),  # described, but not a checkpoint
    ("code", "code"),
    ("other_arch", "keys"),  # resnet20's weights under resnet56's name: foreign to it
    ("too_big", "too_big"),
    ("description", "corrupt"),  # a description cut short
    ("none", "unusable"),  # no description: nothing to say what the weights are
])
def test_a_zoo_file_that_cannot_be_used_is_refused_with_its_code(
        tmp_path: Path, damage: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    arch = ARCH
    pt = save_zoo(zoo_net(), tmp_path)
    js = store.checkpoint_paths(ARCH, tmp_path)[1]
    if damage == "swapped":
        pt.write_bytes(bytes(b ^ 0xFF for b in pt.read_bytes()))
    elif damage == "garbage":
        describe_as(tmp_path, ARCH, b"not a checkpoint at all" * 10)
    elif damage == "code":
        buf = tmp_path / "gadget.pt"
        torch.save({"w": Gadget()}, buf)
        describe_as(tmp_path, ARCH, buf.read_bytes())
    elif damage == "other_arch":
        arch = "resnet56"
        describe_as(tmp_path, arch, pt.read_bytes())
    elif damage == "too_big":
        monkeypatch.setattr(features, "MAX_CHECKPOINT_BYTES", pt.stat().st_size - 1)
    elif damage == "description":
        js.write_text(js.read_text()[:100])
    else:
        js.unlink()
    with pytest.raises(CheckpointError) as info:
        store.load(store.Zoo(arch), tmp_path)
    assert info.value.code == code and info.value.message("ko") and info.value.message("en")


def test_weights_saved_after_the_description_was_read_are_refused(tmp_path: Path) -> None:
    save_zoo(zoo_net(), tmp_path)
    seen = store.read_meta(ARCH, tmp_path)
    assert seen is not None
    save_zoo(zoo_net(seed=4), tmp_path)  # a run saved again since
    with pytest.raises(CheckpointError) as info:
        store.load(store.Zoo(ARCH), tmp_path, sha256=seen["sha256"])
    assert info.value.code == "changed"


def test_a_design_is_saved_with_the_design_that_rebuilds_it(tmp_path: Path) -> None:
    _, net = design_net()
    with pytest.raises(ValueError, match="design"):
        store.save(store.Job("0123abcd"), net, {"accuracy": 0.5, "mean": 0.0, "std": 1.0}, tmp_path)
    assert not store.design_folder(tmp_path).exists()


@pytest.mark.slow  # three tiny queue jobs, each in a process of its own (~15 s)
def test_a_kept_design_trained_further_starts_from_its_kept_weights(fashion_env: Path) -> None:
    from tests.test_queue import BUDGET, tiny_job
    from visualizer import queue as q

    first = tiny_job("10.0.9.2")
    assert q.work(budget=BUDGET, nice=0, threads=1) == 1
    kept = store.load(store.Job(first))
    design = ds.template("tiny")
    result, net = q.measure(design)
    need = q.trainable(design, result, net)

    def queue(parent: str | None) -> str:
        job = q.submit(design, owner="10.0.9.2", nickname="m", params=result.total_params,
                       macs=result.total_macs, need=need, start=False, parent=parent)
        assert q.work(budget=BUDGET, nice=0, threads=1) == 1
        assert (q.outcome(job) or {}).get("state") == "done"
        return job

    again = store.load(store.Job(queue(None)))
    further = store.load(store.Job(queue(first)))
    # The control: trained from the start again, the same design learns the very same weights.
    assert same_weights(again.model, kept.model) and "from" not in again.values
    # Trained further it starts elsewhere, from what the first job kept, and says so.
    assert not same_weights(further.model, kept.model)
    assert further.values["from"] == first and further.design == design
    with pytest.raises(q.QueueError) as twice:  # the same start again would give the same weights
        q.submit(design, owner="10.0.9.2", nickname="m", params=result.total_params,
                 macs=result.total_macs, need=need, start=False, parent=first)
    assert twice.value.code == "further_again"
    # A kept checkpoint of another design, or one that is gone, is refused when queued.
    other = ds.template("lenet")
    with pytest.raises(q.QueueError) as info:
        q.submit(other, owner="10.0.9.3", nickname="x", params=1, macs=1, need=need, start=False,
                 parent=first)
    assert info.value.code == "further_other" and info.value.message("ko")
    with pytest.raises(CheckpointError) as gone:
        q.submit(design, owner="10.0.9.3", nickname="x", params=1, macs=1, need=need, start=False,
                 parent="0badc0ffee")
    assert gone.value.code == "kept_missing"
