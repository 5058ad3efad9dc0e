"""Training for real but tiny: synthetic Fashion-MNIST look-alikes, a few dozen steps.

The real accuracies are benchmarks (bench/train_speed.py, bench/RESULTS.md), never asserted.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from models import build_model
from tests.conftest import make_fashion, meta_of, status_now
from visualizer.data import load_split
from visualizer.features import CheckpointError, load_checkpoint
from visualizer.paths import atomic_write, cache_dir
from visualizer.runs import (
    RunError,
    is_running,
    read_status,
    run_lock,
    run_training,
    start_run,
)
from visualizer.train import RECIPES, Recipe, evaluate, normalisation, to_input
from visualizer.training import runner
from visualizer.training.store import Zoo, checkpoint_paths, read_meta, run_values, save
from visualizer.training.trainer import Pictures, Progress, Watch, train, zoo_model

pytestmark = pytest.mark.slow  # AppTest pages, real training or files: `make check` skips it

ROOT = Path(__file__).resolve().parents[1]
TINY = Recipe(input_size=32, epochs=3, batch_size=32, lr=0.05, flip=False)


# session-wide, not per module (tests/conftest.py says why)
@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = make_fashion(tmp_path_factory.mktemp("fashion"), n_train=320, n_test=100)
    return load_split("train", folder), load_split("test", folder)


@pytest.fixture(scope="session")
def tiny_run(tiny_data):  # type: ignore[no-untyped-def]
    train_set, _ = tiny_data
    mean, std = normalisation(train_set)
    return train(zoo_model("resnet18"), TINY, Pictures(train_set, mean, std),
                 watch=Watch(report_every=1, window=1)), mean, std


def test_loss_falls(tiny_run) -> None:  # type: ignore[no-untyped-def]
    result, _, _ = tiny_run
    losses = [p["loss"] for p in result.curve]
    assert len(losses) == TINY.steps(320) == 30
    assert sum(losses[-5:]) / 5 < 0.5 * sum(losses[:5]) / 5


def test_checkpoint_round_trips_and_its_accuracy_can_be_checked(tiny_run, tiny_data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result, mean, std = tiny_run
    _, test_set = tiny_data
    accuracy = evaluate(result.model, test_set, TINY.input_size, mean, std)
    pt = save(Zoo("resnet18"), result.model, run_values(TINY, result, test_accuracy=accuracy, mean=mean,
                                                        std=std, seed=0, n_train=320), tmp_path)
    js = checkpoint_paths("resnet18", tmp_path)[1]
    assert (pt.name, js.name) == ("fashion-resnet18.pt", "fashion-resnet18.json")
    meta = json.loads(js.read_text())
    for key in ("arch", "input_size", "mean", "std", "resize", "epochs", "seconds", "test_accuracy",
                "seed", "curve"):
        assert key in meta
    # From the two files alone, as anyone would: a fresh model, strict loading, our own
    # preprocessing written out here from the JSON's fields.
    model = build_model("resnet18", device="cpu", in_channels=1, num_classes=10)
    model.load_state_dict(torch.load(pt, weights_only=True), strict=True)
    model.eval()
    x = test_set.images.unsqueeze(1).float() / 255
    x = F.interpolate(x, size=(meta["input_size"],) * 2, mode=meta["resize"], align_corners=False)
    with torch.no_grad():
        pred = model((x - meta["mean"]) / meta["std"]).argmax(1)
    assert (pred == test_set.labels).float().mean().item() == pytest.approx(meta["test_accuracy"])
    assert meta["test_accuracy"] > 0.2  # it learned something after 30 steps: chance is 0.1
    assert meta_of("resnet18", tmp_path)["sha256"] == meta["sha256"]
    with pytest.raises(CheckpointError) as info:  # a Fashion-MNIST file is not for an RGB model
        load_checkpoint(build_model("resnet18", device="cpu"), pt)
    assert info.value.code == "shape"
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(model, pt, sha256="0" * 64)
    assert info.value.code == "changed"


def test_to_input_matches_a_hand_computation() -> None:
    img = torch.tensor([[[0, 255], [255, 0]]], dtype=torch.uint8)
    x = to_input(img, 2, 0.5, 0.5)  # same size: no resize, (v/255 - 0.5) / 0.5
    assert x.tolist() == [[[[-1.0, 1.0], [1.0, -1.0]]]]


def test_stop_on_request_saves_nothing(tiny_data) -> None:  # type: ignore[no-untyped-def]
    train_set, _ = tiny_data
    asked = iter([False, False, True])
    result = train(zoo_model("resnet18"), TINY, Pictures(train_set, 0.1, 0.3),
                   watch=Watch(should_stop=lambda: next(asked)))
    assert result.stopped and result.steps == 2


def test_reports_carry_speed_time_left_and_probe(tiny_data) -> None:  # type: ignore[no-untyped-def]
    train_set, test_set = tiny_data
    seen: list[Progress] = []
    train(zoo_model("resnet18"), TINY, Pictures(train_set, 0.1, 0.3),
          watch=Watch(on_progress=seen.append, report_every=10, probe=test_set.images[:4]))
    assert [p.step for p in seen] == [10, 20, 30]
    assert all(p.examples_per_second > 0 and len(p.probe) == 4 for p in seen)
    assert seen[-1].seconds_left == 0 and seen[0].seconds_left > 0


def test_every_lecture_network_has_a_recipe_that_fits_it() -> None:
    from visualizer.trace import trace_named

    for arch, recipe in RECIPES.items():
        result = trace_named(arch, recipe.input_size, in_channels=1, num_classes=10)
        assert result.records[-1].output_shape == (1, 10)


def test_googlenet_auxiliary_losses_weigh_0_3() -> None:
    from visualizer.training.trainer import loss_of

    y = torch.tensor([1])
    main, aux = torch.zeros(1, 10), torch.randn(1, 10)
    expected = F.cross_entropy(main, y) + 0.3 * F.cross_entropy(aux, y) * 2
    assert loss_of((main, aux, aux), y, 0.0).item() == pytest.approx(expected.item())


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CNNVIS_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "cnn-visualizer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "cnn-visualizer"
    monkeypatch.setenv("CNNVIS_CACHE", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def test_a_write_killed_halfway_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "fashion-x.pt"
    target.write_bytes(b"old checkpoint")
    code = ("import os, signal, sys; from pathlib import Path; from visualizer.paths import atomic_write\n"
            "def half(fh):\n"
            "    fh.write(b'new, half wri'); fh.flush(); os.kill(os.getpid(), signal.SIGKILL)\n"
            f"atomic_write(Path({str(target)!r}), half)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"old checkpoint"


def test_a_full_disk_keeps_the_previous_checkpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.pt"
    target.write_bytes(b"previous")

    def full(_fh: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        atomic_write(target, full)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["f.pt"]  # no temporary file left behind


def test_run_training_under_the_lock(fashion_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(RECIPES, "resnet18", TINY)
    out = run_training("resnet18", threads=1)
    assert out["state"] == "done" and status_now()["state"] == "done"
    meta = meta_of("resnet18")
    assert meta is not None and meta["test_accuracy"] == out["test_accuracy"]
    assert len(status_now()["probe_index"]) == 20  # two test pictures of each class
    with run_lock():  # someone else is training: a second run is refused, kindly
        assert is_running()
        with pytest.raises(RunError) as info:
            run_training("resnet18", threads=1)
        assert info.value.code == "busy"
        with pytest.raises(RunError):
            start_run("resnet18")
    assert not is_running()
    with pytest.raises(RunError) as info:
        run_training("vgg16")
    assert info.value.code == "no_recipe"


def test_a_failed_save_is_reported_and_the_old_checkpoint_stays(fashion_env: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(RECIPES, "resnet18", TINY)
    pt, _ = checkpoint_paths("resnet18")
    run_training("resnet18", threads=1)
    before = pt.read_bytes()

    def no_space(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(torch, "save", no_space)
    with pytest.raises(RunError) as info:
        run_training("resnet18", threads=1, seed=1)
    assert info.value.code == "save_failed"
    assert status_now()["state"] == "failed" and pt.read_bytes() == before
    assert read_meta("resnet18") is not None


def test_unwritable_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CNNVIS_CACHE", str(blocker / "cache"))
    with pytest.raises(RunError) as info:
        run_training("resnet18")
    assert info.value.code == "unwritable"


def test_missing_data_is_reported_in_the_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from visualizer.data import DataError

    monkeypatch.setenv("CNNVIS_FASHION_DIR", str(tmp_path / "nothing"))
    monkeypatch.setenv("CNNVIS_CACHE", str(tmp_path / "cache"))
    with pytest.raises(DataError):
        run_training("resnet18", threads=1)
    assert status_now()["state"] == "failed" and status_now()["error"] == "data.missing"


# One torch thread for the runs these tests start: the suite's workers already fill the two
# cores, and a run's two threads spinning against them made a 0.2-epoch run take minutes.
ONE_THREAD = ("--threads", "1")


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    extra = ONE_THREAD if args and args[0] == "train" else ()
    return subprocess.run([sys.executable, "-m", "visualizer", *args, *extra], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_command_line_trains_with_a_progress_bar(fashion_env: Path) -> None:
    env = {**os.environ}
    proc = cli("train", "resnet18", "--epochs", "0.2", "--limit-test", "50", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "100%" in proc.stderr and "resnet18: test accuracy" in proc.stdout  # tqdm's bar
    meta = meta_of("resnet18")
    assert meta is not None and meta["test_images"] == 50
    again = cli("train", "resnet18", "--epochs", "0.2", "--limit-test", "50", "--skip-done", env=env)
    assert "already trained" in again.stdout
    bad = cli("train", "vgg16", env=env)
    assert bad.returncode == 2 and "no Fashion-MNIST recipe" in bad.stderr


def held_run(fashion_env: Path, **popen: object) -> subprocess.Popen[str]:
    """A run of 16 steps (1,000 pictures, 2 epochs at batch 128) held at its first report, step
    10, with the status saying "running" (``runner.HOLD_ENV``): caught running whatever the
    machine's speed; a stop request lets it go on to honour the stop."""
    make_fashion(fashion_env / "data", n_train=1000, n_test=20)
    proc = subprocess.Popen([sys.executable, "-m", "visualizer", "train", "resnet18", "--quiet", *ONE_THREAD],
                            cwd=ROOT, env={**os.environ, runner.HOLD_ENV: "running"}, text=True,
                            **popen)  # type: ignore[call-overload]
    deadline = time.monotonic() + 120
    while (read_status() or {}).get("state") != "running":
        assert proc.poll() is None and time.monotonic() < deadline, read_status()
        time.sleep(0.05)
    return proc  # type: ignore[no-any-return]


def test_a_killed_run_is_seen_as_lost_and_keeps_the_old_checkpoint(fashion_env: Path) -> None:
    env = {**os.environ}
    assert cli("train", "resnet18", "--epochs", "0.2", "--limit-test", "20", env=env).returncode == 0
    pt, js = checkpoint_paths("resnet18")
    before = (pt.read_bytes(), js.read_text())
    proc = held_run(fashion_env)
    assert is_running() and status_now()["state"] == "running"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert status_now()["state"] == "lost" and not is_running()
    assert (pt.read_bytes(), js.read_text()) == before
    assert read_meta("resnet18") is not None


def test_stop_file_stops_a_run(fashion_env: Path) -> None:
    from visualizer.runs import request_stop

    proc = held_run(fashion_env, stdout=subprocess.PIPE)
    assert status_now()["progress"]["step"] == 10 and status_now()["progress"]["steps"] == 16
    request_stop()
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "stopped at step 10" in out
    assert status_now()["state"] == "stopped" and read_meta("resnet18") is None
