"""The feature-map page against a stale layer label (issue 30), typed checkpoint paths and
damaged checkpoint descriptions (issue 27, item 6)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import torch

from models import build_model
from tests.pages import open_page, text_of
from visualizer.features import MAX_CHECKPOINT_BYTES, CheckpointError, load_checkpoint
from visualizer.i18n import t
from visualizer.state import shown
from visualizer.training.store import check_meta, checkpoint_paths, read_meta

pytestmark = pytest.mark.slow  # AppTest pages


def as_teacher(monkeypatch: pytest.MonkeyPatch, teacher: bool) -> None:
    from app_pages import common

    monkeypatch.setattr(common, "is_teacher", lambda: teacher)


def stale(widget, label: str) -> None:  # type: ignore[no-untyped-def]
    """Make AppTest send, for this selectbox, the label a browser still shows (the frontend
    keeps its own value while the server's does not change), as the browser's message would."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    class Stale(type(widget)):  # type: ignore[misc]
        @property
        def _widget_state(self) -> WidgetState:
            return WidgetState(id=self.id, string_value=label)

    widget.__class__ = Stale


def test_a_stale_layer_label_after_switching_networks_is_no_crash() -> None:
    """AlexNet, conv3, then GoogLeNet, then ResNet-50. The browser keeps showing AlexNet's
    "conv3" label after the first switch (the server's index did not change, so the page
    sends it no new value); at the second switch it sends that label, which is not among
    GoogLeNet's, and Streamlit's selectbox returns it as text: the page compared the text
    with a number (TypeError at ``STATE.at_most("layer")``)."""
    at = open_page("features", lang="en", arch="alexnet")
    layer = next(s for s in at.selectbox if s.key == "feat_layer")
    label = next(o for o in layer.options if o.startswith("conv3"))
    layer.set_value(layer.options.index(label)).run()
    next(s for s in at.selectbox if s.key == "feat_arch").set_value("googlenet").run()
    assert not at.exception
    layer = next(s for s in at.selectbox if s.key == "feat_layer")
    assert label not in layer.options
    stale(layer, label)
    next(s for s in at.selectbox if s.key == "feat_arch").set_value("resnet50").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["feat_layer"] == 0


def test_only_the_teacher_sees_the_path_box(monkeypatch: pytest.MonkeyPatch) -> None:
    as_teacher(monkeypatch, False)
    at = open_page("features", lang="ko")
    assert not [w for w in at.text_input if w.key == "feat_weights_path"]
    assert t("feat.weights.student", "ko") in text_of(at)
    as_teacher(monkeypatch, True)
    at = open_page("features", lang="ko")
    assert [w for w in at.text_input if w.key == "feat_weights_path"]


def test_a_students_typed_path_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A value for the box sent by a student's session is not read at all."""
    as_teacher(monkeypatch, False)
    bad = tmp_path / "x.pth"
    bad.write_bytes(b"not a checkpoint")
    at = open_page("features", lang="en", weights="imagenet")
    at.session_state["feat_weights_path"] = str(bad)
    at.run()
    assert not at.error and not at.exception


def test_missing_and_damaged_typed_files_read_the_same(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    as_teacher(monkeypatch, True)
    damaged = tmp_path / "damaged.pth"
    damaged.write_bytes(b"\x00" * 100)
    unreadable = tmp_path / "locked.pth"
    torch.save({"a": torch.zeros(1)}, unreadable)
    unreadable.chmod(0)
    # root reads any file: the unreadable one only for other users
    paths = [tmp_path / "missing.pth", damaged] + ([unreadable] if os.geteuid() != 0 else [])
    for path in paths:
        at = open_page("features", lang="en", weights="imagenet")
        at.session_state["feat_weights_path"] = str(path)
        at.run()
        assert not at.exception
        # The path is escaped for Markdown (CodedError.message(markdown=True)): it shows as typed.
        assert [e.value for e in at.error] == [t("ckpt.unusable", "en", path=shown(str(path), 120))]


def test_a_typed_path_keeps_its_tilde(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    torch.save(build_model("alexnet", device="cpu").state_dict(), tmp_path / "a.pth")
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(build_model("alexnet", device="cpu"), "~/a.pth")
    assert info.value.code == "unusable"


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.pth"
    with big.open("wb") as fh:  # sparse: no disk used
        fh.truncate(MAX_CHECKPOINT_BYTES + 1)
    read: list[Path] = []

    def reading(self: Path) -> bytes:
        read.append(self)
        return b""

    monkeypatch.setattr(Path, "read_bytes", reading)
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(build_model("alexnet", device="cpu"), str(big))
    assert info.value.code == "too_big" and not read
    assert f"{MAX_CHECKPOINT_BYTES // 2**20} MB" in t("ckpt.too_big", "en", **info.value.values)


def test_a_failed_file_is_not_read_again_until_it_changes(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.pth"
    bad.write_bytes(b"\x00" * 1000)
    reads: list[Path] = []
    real = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    model = build_model("alexnet", device="cpu")
    for _ in range(3):
        with pytest.raises(CheckpointError):
            load_checkpoint(model, str(bad))
    assert len(reads) == 1
    torch.save(model.state_dict(), bad)  # replaced: a new modification time and size
    load_checkpoint(model, str(bad))
    assert len(reads) == 2


def write_meta(folder: Path, arch: str, meta: object) -> None:
    pt, js = checkpoint_paths(arch, folder)
    folder.mkdir(parents=True, exist_ok=True)
    pt.write_bytes(b"x" * 10)
    js.write_text(json.dumps(meta))


GOOD = {"input_size": 32, "mean": 0.286, "std": 0.353, "test_accuracy": 0.9, "epochs": 2.0,
        "steps": 938, "seconds": 60.0, "seed": 0, "date": "2026-12-05T00:00:00+00:00",
        "sha256": "0" * 64, "weights_bytes": 10,
        "recipe": {"input_size": 32, "epochs": 2, "batch_size": 128, "lr": 2e-3, "weight_decay": 0.05}}


@pytest.mark.parametrize(("change", "why"), [
    ({"std": "0.35"}, "field:std"),
    ({"input_size": 10**9}, "field:input_size"),
    ({"test_accuracy": None}, "field:test_accuracy"),
    ({"recipe": {"epochs": 2}}, "field:recipe"),
    ({"date": 20261205}, "field:date"),
    ({"error_curve": [{"epoch": "1"}]}, "field:error_curve"),
    ({"input_size": True}, "field:input_size"),
])
def test_a_damaged_description_is_skipped_with_a_note(tmp_path: Path, change: dict, why: str) -> None:  # type: ignore[type-arg]
    write_meta(tmp_path, "resnet18", GOOD)
    assert read_meta("resnet18", tmp_path) == GOOD  # the positive control
    write_meta(tmp_path, "resnet18", {**GOOD, **change})
    assert check_meta("resnet18", tmp_path) == (None, why)


def test_missing_keys_not_json_and_huge_descriptions(tmp_path: Path) -> None:
    bad = dict(GOOD)
    del bad["sha256"]
    write_meta(tmp_path, "resnet18", bad)
    assert check_meta("resnet18", tmp_path) == (None, "field:sha256")
    write_meta(tmp_path, "resnet18", [1, 2])
    assert check_meta("resnet18", tmp_path) == (None, "damaged")
    checkpoint_paths("resnet18", tmp_path)[1].write_text("{" * 100_000)
    assert check_meta("resnet18", tmp_path) == (None, "damaged")
    checkpoint_paths("resnet18", tmp_path)[1].write_text(" " * 2_000_000)
    assert check_meta("resnet18", tmp_path) == (None, "too_big")


def test_the_page_says_a_description_is_damaged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CNNVIS_CACHE", str(tmp_path))
    write_meta(tmp_path, "alexnet", {**GOOD, "mean": [0.2]})
    at = open_page("features", lang="ko", arch="alexnet")
    assert not at.exception
    assert t("feat.meta_skipped", "ko", file="fashion-alexnet.json",
             why=t("feat.meta_why.field", "ko", field="mean")) in text_of(at)


def test_the_filters_title_says_how_many_of_them_are_drawn() -> None:
    """AlexNet's first layer has 64 filters (torchvision's count); the page draws the first 48
    and says so under them, in the page's language."""
    at = open_page("features", lang="ko", arch="alexnet")
    text = text_of(at)
    assert "첫 층의 필터 (64개, 11×11×3)" in text
    assert "그중 처음 48개입니다." in text
