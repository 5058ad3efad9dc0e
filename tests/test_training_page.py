"""The training page and the feature-map page with networks trained here (tiny runs)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1.element_tree import Element

from models import build_model
from tests.conftest import meta_of, status_now
from tests.pages import open_page, text_of
from visualizer.data import load_split
from visualizer.features import prepare_fashion, top_k
from visualizer.i18n import t
from visualizer.images import gray_picture
from visualizer.roles import teacher_token
from visualizer.runs import read_status, run_training
from visualizer.train import FIGURE1_MINUTES, RECIPES, Recipe, to_input
from visualizer.training.store import checkpoint_paths, read_meta

pytestmark = pytest.mark.slow  # AppTest pages, real training or files: `make check` skips it

TINY = Recipe(input_size=32, epochs=3, batch_size=32, lr=0.05, flip=False)


@pytest.fixture
def trained(fashion_env: Path, monkeypatch: pytest.MonkeyPatch) -> dict:  # type: ignore[type-arg]
    monkeypatch.setitem(RECIPES, "resnet18", TINY)
    return run_training("resnet18", threads=1)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_run_yet(fashion_env: Path, lang: str) -> None:
    at = open_page("training", lang=lang)
    assert not at.exception
    assert t("train.none", lang) in text_of(at)
    assert t("train.who.student", lang) in text_of(at)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_finished_run_is_shown(trained: dict, lang: str) -> None:  # type: ignore[type-arg]
    at = open_page("training", lang=lang)
    assert not at.exception
    text = text_of(at)
    assert t("train.state.done", lang, arch=t("arch.resnet18", lang)) in text
    assert f"{trained['test_accuracy']:.1%}" in text
    steps = TINY.steps(320)
    assert f"{steps} / {steps}" in text  # the step metric
    images = [img for img in at.get("image") if isinstance(img, Element)]
    captions = max((img.captions for img in images), key=len)  # the grid, not the filters
    assert len(captions) == 20 and sum(c[0] in "✓✗" for c in captions) == 20
    table = at.dataframe[0].value
    assert f"{meta_of('resnet18')['test_accuracy']:.2%}" in table.iloc[:, 1].tolist()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_student_sees_no_start_button_but_who_starts_it(fashion_env: Path, lang: str) -> None:
    """Only the teacher starts a run: a student gets no button that does nothing, but the
    sentence that the teacher starts training and that it shows here, live."""
    at = open_page("training", lang=lang)
    assert not at.exception
    labels = [b.label for b in at.button]
    assert t("train.start", lang) not in labels and t("train.stop", lang) not in labels
    assert t("train.who.student", lang) in [c.value for c in at.caption]
    if lang == "ko":
        assert "선생님이 시작합니다" in t("train.who.student", lang)
    assert read_status() is None  # nothing was started


def test_the_teacher_sees_the_start_button(fashion_env: Path) -> None:
    at = open_page("training", lang="ko", teacher=teacher_token())
    assert t("train.start", "ko") in [b.label for b in at.button]
    assert t("train.who.student", "ko") not in text_of(at)


def test_the_teacher_starts_a_run_and_everyone_sees_it(fashion_env: Path) -> None:
    at = open_page("training", lang="en", teacher=teacher_token())
    assert t("train.who", "en") in text_of(at)
    at.selectbox[0].set_value("resnet18").run()
    at.button[0].click().run()
    deadline = time.monotonic() + 180
    while (read_status() or {}).get("state") != "done" and time.monotonic() < deadline:
        time.sleep(0.5)
    status = status_now()
    assert status["state"] == "done" and status["started_by"] == "page"
    student = open_page("training", lang="en")
    assert t("train.state.done", "en", arch=t("arch.resnet18", "en")) in text_of(student)
    assert read_meta("resnet18") is not None


def test_the_teacher_trains_a_figure1_pair_and_the_lesson_draws_it(fashion_env: Path) -> None:
    at = open_page("training", lang="en", teacher=teacher_token())
    at.selectbox[0].set_value("pair20").run()
    assert t("train.pair.note", "en", minutes=FIGURE1_MINUTES["pair20"]) in text_of(at)
    at.button[0].click().run()
    deadline = time.monotonic() + 240
    while read_meta("resnet20") is None and time.monotonic() < deadline:
        time.sleep(0.5)
    # one process, the plain network first, then its residual twin
    assert read_meta("plain20") is not None and read_meta("resnet20") is not None
    assert meta_of("plain20")["date"] <= meta_of("resnet20")["date"]  # type: ignore[index]
    assert len(meta_of("resnet20")["error_curve"]) > 2  # type: ignore[index]
    missing = ", ".join(t(f"arch.{a}", "en") for a in ("plain56", "resnet56"))
    lesson = text_of(open_page("lesson_resnet", lang="en"))
    assert t("res.f1.missing", "en", missing=missing, minutes=FIGURE1_MINUTES["all"]) in lesson


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_feature_maps_use_the_trained_network(trained: dict, lang: str) -> None:  # type: ignore[type-arg]
    at = open_page("features", lang=lang, arch="resnet18")
    assert not at.exception
    text = text_of(at)
    meta = meta_of("resnet18")
    assert t("feat.fashion", lang, acc=meta["test_accuracy"], date=meta["date"][:10], size=32,
             epochs="3", n=meta["test_images"]) in text  # TINY's 3 epochs, shown as a whole number
    assert "64×16×16" in text  # conv1 of ResNet-18 at the recipe's 32 px: (32 + 6 - 7) // 2 + 1


def test_without_a_checkpoint_the_page_says_how_to_get_one(fashion_env: Path) -> None:
    at = open_page("features", lang="en", arch="resnet18", weights="fashion")
    text = text_of(at)
    assert t("feat.untrained", "en", minutes=3) in text
    fallback = t("feat.fallback", "en", wanted=t("feat.src.fashion", "en"), used=t("feat.src.random", "en"))
    assert fallback in text


def test_a_fashion_picture_reaches_the_network_as_in_training(trained: dict) -> None:  # type: ignore[type-arg]
    """A test picture given to the page is exactly what the trainer fed the network, and the
    guesses are the softmax of the network's scores, computed here on our own."""
    meta = meta_of("resnet18")
    test = load_split("test")
    pic = gray_picture(test.images[3]).convert("RGB")
    prepared = prepare_fashion(pic, meta["input_size"], meta["mean"], meta["std"], invert=False)
    expected = to_input(test.images[3:4], meta["input_size"], meta["mean"], meta["std"])
    assert torch.allclose(prepared.tensor, expected)
    model = build_model("resnet18", device="cpu", in_channels=1, num_classes=10)
    model.load_state_dict(torch.load(checkpoint_paths("resnet18")[0], weights_only=True))
    model.eval()
    with torch.no_grad():
        probs = torch.softmax(model(expected), 1)[0]
    top = top_k(model, prepared.tensor, 3)
    assert [c for c, _ in top] == probs.argsort(descending=True)[:3].tolist()
    assert top[0][1] == pytest.approx(float(probs.max()))


def test_a_dark_drawing_on_white_is_inverted() -> None:
    from PIL import Image, ImageDraw

    from visualizer.features import light_background

    paper = Image.new("RGB", (200, 200), "white")
    ImageDraw.Draw(paper).rectangle((60, 40, 140, 160), fill="black")
    assert light_background(paper)
    inverted = prepare_fashion(paper, 28, 0.0, 1.0, invert=True).tensor
    assert float(inverted[0, 0, 0, 0]) == 0.0 and float(inverted[0, 0, 14, 14]) == 1.0
    assert not light_background(Image.new("RGB", (50, 50), "black"))
