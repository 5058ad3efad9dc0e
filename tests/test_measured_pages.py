"""The measured lesson views (issue "Why shortcuts matter"): Figure 1, gradients at
initialisation and DenseNet's feature reuse, on pages, from files the trainer wrote.

The networks are trained for real but tiny (synthetic look-alike pictures, a few steps); the
numbers on the page are checked against the files and against values recomputed here from the
checkpoints, never against the lesson's own code path.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
import torch
import torch.nn.functional as F

from models import build_model
from tests.conftest import make_fashion
from tests.pages import open_page, open_tab, slider, text_of
from visualizer.data import load_split
from visualizer.i18n import t
from visualizer.runs import run_training
from visualizer.shortcut_charts import figure1
from visualizer.shortcuts import depth_gradients, picture_batch, spread
from visualizer.train import (
    ERROR_POINTS,
    FIGURE1_ARCHS,
    FIGURE1_MINUTES,
    RECIPES,
    Recipe,
    normalisation,
    to_input,
)
from visualizer.training.store import checkpoint_paths, read_meta

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("measured")]  # slow: `make check` skips it;
# one group (tests/xdist_groups.py): the fixture trains five networks (50-100 s) on one worker, once

TINY = Recipe(input_size=28, epochs=2, batch_size=32, lr=0.05, flip=False, weight_decay=1e-4)
TINY_DENSE = Recipe(input_size=32, epochs=1, batch_size=32, lr=2e-3, optimizer="adamw", flip=False)


# session-wide, not per module (tests/conftest.py says why)
@pytest.fixture(scope="session")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A synthetic data set and a cache with the four Figure 1 networks and a DenseNet-121,
    trained by the real trainer (a few steps each)."""
    root = tmp_path_factory.mktemp("measured")
    data, cache = make_fashion(root / "data"), root / "cache"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CNNVIS_FASHION_DIR", str(data))
        mp.setenv("CNNVIS_CACHE", str(cache))
        for arch in FIGURE1_ARCHS:
            mp.setitem(RECIPES, arch, TINY)
            run_training(arch, threads=1)
        mp.setitem(RECIPES, "densenet121", TINY_DENSE)
        run_training("densenet121", threads=1)
    yield data, cache


@pytest.fixture
def trained(folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    data, cache = folders
    monkeypatch.setenv("CNNVIS_FASHION_DIR", str(data))
    monkeypatch.setenv("CNNVIS_CACHE", str(cache))
    st.cache_data.clear()  # the pages' caches are per process: none from another data set
    st.cache_resource.clear()
    return cache


def error_by_hand(arch: str, split: str) -> float:
    """The checkpoint's error on a whole split, recomputed here from the saved files."""
    meta = read_meta(arch)
    assert meta is not None
    model = build_model(arch, device="cpu", in_channels=1, num_classes=10)
    model.load_state_dict(torch.load(checkpoint_paths(arch)[0], weights_only=True), strict=True)
    model.eval()
    part = load_split(split)
    x = F.interpolate(part.images[:, None].float() / 255, size=(28, 28), mode="bilinear",
                      align_corners=False)
    with torch.no_grad():
        guess = model((x - meta["mean"]) / meta["std"]).argmax(1)
    return float((guess != part.labels).float().mean())


def test_the_files_hold_figure1_curves_that_can_be_checked(trained: Path) -> None:
    for arch in FIGURE1_ARCHS:
        meta = json.loads(checkpoint_paths(arch)[1].read_text())
        curve = meta["error_curve"]
        steps = [p["step"] for p in curve]
        assert steps[0] == 0 and steps[-1] == meta["steps"] == TINY.steps(320)
        assert len(curve) == ERROR_POINTS + 1 and steps == sorted(set(steps))
        # the last point is on every picture: the same as the final numbers, and as recomputed
        assert curve[-1]["train_pictures"] == 320 and curve[-1]["test_pictures"] == 100
        assert curve[-1]["train_error"] == meta["train_error"]
        assert curve[-1]["test_error"] == pytest.approx(1 - meta["test_accuracy"], abs=1e-4)
        assert meta["train_error"] == pytest.approx(error_by_hand(arch, "train"), abs=1e-4)
        assert meta["test_accuracy"] == pytest.approx(1 - error_by_hand(arch, "test"), abs=1e-4)


def test_figure1_chart_draws_the_curves_of_the_files(trained: Path) -> None:
    curves = {a: read_meta(a)["error_curve"] for a in FIGURE1_ARCHS}  # type: ignore[index]
    fig = figure1(curves, "en")
    for trace in fig.data:
        arch = next(a for a in FIGURE1_ARCHS if trace.legendgroup == a)
        key = "train_error" if trace.xaxis in ("x", "x3") else "test_error"
        assert list(trace.y) == pytest.approx([100 * p[key] for p in curves[arch]])
        # plain networks in the top row, residual ones below
        assert (trace.yaxis in ("y", "y2")) == arch.startswith("plain")


def test_figure1_title_says_whose_results_it_draws() -> None:
    """This machine's runs are "measured here"; the results shipped with the app are reference
    results, with their date (issue 32)."""
    from visualizer import reference

    shipped = reference.figure1()
    assert shipped is not None
    nets, made = shipped
    curves = {a: m["error_curve"] for a, m in nets.items()}
    for lang, here, ref in (("ko", "여기서 측정", "기준 결과"), ("en", "measured here", "reference results")):
        own = figure1(curves, lang).layout.title.text
        theirs = figure1(curves, lang, str(made["date"])[:10]).layout.title.text
        assert here in own and ref not in own
        assert ref in theirs and str(made["date"])[:10] in theirs and here not in theirs


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_figure1_page_says_what_was_measured(trained: Path, lang: str) -> None:
    at = open_page("lesson_resnet", lang=lang)
    assert not at.exception, at.exception
    text = text_of(at)
    err = {a: read_meta(a)["train_error"] for a in FIGURE1_ARCHS}  # type: ignore[index]
    worse = err["plain56"] > err["plain20"]
    key = "res.f1.plain_worse" if worse else "res.f1.plain_not_worse"
    assert t(key, lang, deep=f"{100 * err['plain56']:.1f}", shallow=f"{100 * err['plain20']:.1f}",
             epochs="2", steps=f"{TINY.steps(320):,}") in text
    gap = err["resnet20"] - err["resnet56"]  # half a point or less is "about the same"
    key = ("res.f1.res_same" if abs(gap) < 0.005 else
           "res.f1.res_better" if gap > 0 else "res.f1.res_not_better")
    assert t(key, lang, deep=f"{100 * err['resnet56']:.1f}", shallow=f"{100 * err['resnet20']:.1f}") in text
    assert str(checkpoint_paths("plain56")[1]) in text  # where the numbers can be checked
    table = at.dataframe[0].value
    assert f"{100 * err['plain56']:.1f}%" in table.iloc[:, 1].tolist()
    assert [b.proto.label for b in at.get("download_button")] == ["SVG", "PNG", "CSV"]  # for slides


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_without_files_the_pages_say_how_to_get_them(fashion_env: Path, lang: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing trained here and no reference shipped (a clone without its resources): each
    measured lesson names what to run."""
    from visualizer import reference

    monkeypatch.setattr(reference, "FOLDER", fashion_env / "no-reference")
    st.cache_data.clear()
    at = open_page("lesson_resnet", lang=lang)
    assert not at.exception
    text = text_of(at)
    assert "make weights" in text
    assert all(t(f"arch.{a}", lang) in text for a in FIGURE1_ARCHS)
    at = open_page("lesson_densenet", lang=lang, tab="reuse")
    assert not at.exception
    assert t("dense.r.missing", lang) in text_of(at)


def test_gradients_follow_the_slider(trained: Path) -> None:
    train = load_split("train")
    mean, std = normalisation(train)
    x, y = picture_batch(train, 32, 32, mean, std)
    assert torch.equal(x, to_input(train.images[:32], 32, mean, std))
    at = open_tab(open_page("lesson_resnet", lang="en"), "res_tab", "② Gradients at the start")
    for depth in (56, 20):
        if depth != 56:
            slider(at, "res_depth").set_value(depth).run()
        assert not at.exception
        plain, res = (spread(depth_gradients(depth, r, x, y)) for r in (False, True))
        text = text_of(at)
        shown = f"At {depth} layers the first convolution's gradient is **{plain:,.0f}×**" \
            if plain >= 10 else f"**{plain:.1f}×**"
        assert shown in text, text
        assert (f"**{res:.1f}×**" if res < 10 else f"**{res:,.0f}×**") in text


def test_feature_reuse_from_the_trained_densenet(trained: Path) -> None:
    at = open_page("lesson_densenet", lang="en", tab="reuse")
    assert not at.exception, at.exception
    text = text_of(at)
    # Block 1 by hand from the checkpoint: layer l's 1x1 reads 64 input maps, then 32 per
    # earlier layer, and transition1 all 64 + 6 x 32; each source's mean |w| over the row's mean,
    # and the farthest from 1 of the block.
    state = torch.load(checkpoint_paths("densenet121")[0], weights_only=True)
    keys = [f"features.denseblock1.denselayer{n}.conv1.weight" for n in range(1, 7)]
    farthest = 0.0
    for n, key in enumerate([*keys, "features.transition1.conv.weight"], start=1):
        w = state[key].abs().flatten(1)
        bounds = [0, 64] + [64 + 32 * j for j in range(1, n)]
        means = [float(w[:, a:b].mean()) for a, b in itertools.pairwise(bounds)]
        farthest = max(farthest, *(abs(m / (sum(means) / len(means)) - 1) for m in means))
    assert f"**±{100 * farthest:.0f}%, " in text, text
    assert read_meta("densenet121")["sha256"][:12] in text  # type: ignore[index]


def test_a_damaged_description_counts_as_not_trained(trained: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A description edited by hand (no final error, a curve point without numbers) is not
    drawn: the page names that network as missing and draws the other three."""
    cache = tmp_path / "cache"
    shutil.copytree(trained, cache)
    monkeypatch.setenv("CNNVIS_CACHE", str(cache))
    js = checkpoint_paths("plain56")[1]
    meta = json.loads(js.read_text())
    meta["error_curve"] = [{"epoch": "soon"}]
    del meta["train_error"]
    js.write_text(json.dumps(meta))
    at = open_page("lesson_resnet", lang="ko")
    assert not at.exception, at.exception
    missing = t("res.f1.missing", "ko", missing=t("arch.plain56", "ko"), minutes=FIGURE1_MINUTES["all"])
    assert missing in text_of(at)
    assert len(at.dataframe[0].value) == 3
