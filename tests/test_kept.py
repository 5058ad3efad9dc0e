"""A trained design is kept: its weights with the design that rebuilds them, a zip to take home."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
import torch

from visualizer import design as ds
from visualizer import queue as q
from visualizer.features import CheckpointError
from visualizer.training import store


def keep(job: str, design: ds.Design, model: torch.nn.Module, accuracy: float, root: Path,
         mean: float = 0.0, std: float = 1.0) -> Path:
    return store.save(store.Job(job, design), model, {"accuracy": accuracy, "mean": mean, "std": std}, root)


def _trained(tmp_path: Path) -> tuple[ds.Design, torch.nn.Module, Path]:
    design = ds.template("tiny")
    torch.manual_seed(1)
    model = ds.build(design, device="cpu")
    return design, model, keep("0123abcd", design, model, 0.8125, tmp_path, mean=0.28, std=0.35)


def test_a_kept_design_rebuilds_its_network_with_its_weights(tmp_path: Path) -> None:
    design, model, path = _trained(tmp_path)
    assert path == tmp_path / "designs" / "0123abcd.pt"
    opened = store.load(store.Job("0123abcd"), tmp_path)
    assert opened.path == path and opened.arch is None
    assert opened.design == design and opened.values == {"accuracy": 0.8125, "mean": 0.28, "std": 0.35}
    x = torch.randn(2, 1, 28, 28)
    assert torch.equal(opened.model(x), model.eval()(x))


def test_the_zip_holds_code_and_weights_that_run_alone(tmp_path: Path) -> None:
    _, model, path = _trained(tmp_path)
    with zipfile.ZipFile(io.BytesIO(store.take_home(path, "mina"))) as z:
        assert sorted(z.namelist()) == ["mina.pt", "mina.py"]
        source, weights = z.read("mina.py").decode(), z.read("mina.pt")
    assert 'model.load_state_dict(torch.load("mina.pt"))' in source and "81.2%" in source
    space: dict[str, Any] = {}
    exec(compile(source, "mina.py", "exec"), space)  # the file a student runs at home
    home = space["build"]().eval()
    home.load_state_dict(torch.load(io.BytesIO(weights), weights_only=True))
    x = torch.randn(1, 1, 28, 28)
    assert torch.equal(home(x), model.eval()(x))


@pytest.mark.parametrize("content", [b"", b"not a checkpoint", None])
def test_a_file_that_is_not_a_kept_design_is_refused(tmp_path: Path, content: bytes | None) -> None:
    path = store.design_path("0123abcd", tmp_path)
    path.parent.mkdir(parents=True)
    if content is None:  # a real checkpoint, but a bare state_dict: no design to rebuild it
        torch.save({"w": torch.zeros(1)}, path)
    else:
        path.write_bytes(content)
    with pytest.raises(CheckpointError) as info:
        store.load(store.Job("0123abcd"), tmp_path)
    assert info.value.code in ("corrupt", "kept_foreign") and info.value.message("ko")


def test_a_job_id_cannot_name_a_path(tmp_path: Path) -> None:
    with pytest.raises(CheckpointError):
        store.design_path("../../etc/passwd", tmp_path)


def test_only_the_newest_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "KEEP", 2)
    design = ds.template("tiny")
    model = ds.build(design, device="cpu")
    for i, job in enumerate(("aaaaaa01", "aaaaaa02", "aaaaaa03")):
        path = keep(job, design, model, 0.5, tmp_path)
        stamp = 1_000_000 + i  # distinct times, oldest first
        os.utime(path, (stamp, stamp))
    kept = sorted(p.name for p in store.design_folder(tmp_path).glob("*.pt"))
    assert kept == ["aaaaaa02.pt", "aaaaaa03.pt"]


def test_a_student_may_open_their_own_finished_jobs_then_the_boards_kept_rows(tmp_path: Path) -> None:
    import json

    design = ds.template("tiny")
    model = ds.build(design, device="cpu")
    done = q.queue_dir(tmp_path) / "done"
    done.mkdir(parents=True)
    jobs = {"aaaaaa01": ("ann", 0.5, 1.0), "aaaaaa02": ("ann", 0.6, 2.0), "bbbbbb01": ("bo", 0.9, 3.0),
            "bbbbbb02": ("bo", 0.7, 4.0)}
    for job, (owner, acc, finished) in jobs.items():
        if job != "bbbbbb02":  # its weights were never kept (a full disk)
            keep(job, design, model, acc, tmp_path)
        entry = {"id": job, "nickname": owner.title(), "name": "tiny", "accuracy": acc, "finished": finished}
        (done / f"{job}.json").write_text(json.dumps(entry | {"owner": owner, "state": "done"}))
        if job != "aaaaaa01":  # posted before a new contest began: not on today's board
            q.post(entry, tmp_path)
    (done / "cccccc01.json").write_text(json.dumps({"id": "cccccc01", "owner": "ann", "state": "cancelled"}))
    listed = q.openable("ann", tmp_path)
    # Ann's own, newest first (the one off the board too), then the board's other kept rows, best
    # first; a rank is the place on the board (bbbbbb02, second, has no weights to open).
    assert [(k.id, k.mine, k.rank) for k in listed] == [("aaaaaa02", True, 3), ("aaaaaa01", True, None),
                                                       ("bbbbbb01", False, 1)]
    assert [k.id for k in q.openable(None, tmp_path)] == ["bbbbbb01", "aaaaaa02"]
    # A job that ends later is listed at once (the folder changed).
    keep("aaaaaa03", design, model, 0.1, tmp_path)
    (done / "aaaaaa03.json").write_text(json.dumps({"id": "aaaaaa03", "owner": "ann", "state": "done",
                                                    "accuracy": 0.1, "finished": 5.0}))
    assert q.openable("ann", tmp_path)[0].id == "aaaaaa03"
