"""The reference results shipped in visualizer/resources/reference: they load, they are what
the code computes, and the lessons draw them (saying so) in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st

from tests.pages import open_page, open_tab, text_of
from visualizer import reference
from visualizer.data import DataError, load_split
from visualizer.i18n import machine_words, t
from visualizer.shortcuts import (
    GRADIENT_BATCH,
    GRADIENT_DEPTHS,
    GRADIENT_SIDE,
    depth_gradients,
    picture_batch,
)
from visualizer.train import FIGURE1_ARCHS, normalisation


def shipped(name: str) -> dict:  # type: ignore[type-arg]
    data = json.loads((reference.FOLDER / name).read_text())
    assert set(data["made"]) == {"date", "machine", "torch", "command"}
    return data  # type: ignore[no-any-return]


def test_the_shipped_files_load_and_are_small() -> None:
    sizes = {p.name: p.stat().st_size for p in reference.FOLDER.glob("*.json")}
    assert {"figure1.json", "gradients.json", "densenet_reuse.json"} <= set(sizes)
    assert sum(sizes.values()) < 500_000  # numbers, not weights
    nets, made = reference.figure1()  # type: ignore[misc]
    assert set(nets) == set(FIGURE1_ARCHS)  # all four of Figure 1
    assert made == shipped("figure1.json")["made"]
    for meta in nets.values():
        curve = meta["error_curve"]
        # the last point is on all 60,000 training pictures: the same number as train_error
        assert curve[-1]["train_error"] == meta["train_error"]
        assert curve[-1]["test_error"] == pytest.approx(1 - meta["test_accuracy"], abs=1e-4)
        assert [p["step"] for p in curve] == sorted({p["step"] for p in curve})
    for depth in GRADIENT_DEPTHS:
        for residual in (False, True):
            grads, _ = reference.gradients(depth, residual)  # type: ignore[misc]
            assert len(grads) == depth - 1  # 6n + 1 convolutions (option A shortcuts have none)
    assert reference.googlenet(0.0) and reference.googlenet(0.3)
    trained, before, meta, _ = reference.reuse()  # type: ignore[misc]
    assert len(trained) == len(before) == 4 and 0 < meta["test_accuracy"] <= 1


@pytest.mark.parametrize("depth", [8, 20])
def test_the_shipped_gradients_are_what_the_code_computes(depth: int) -> None:
    """At initialisation the measurement is cheap: recomputed here from Debian's Fashion-MNIST
    with the same seed, it must give the shipped numbers (to float rounding across CPUs)."""
    try:
        train = load_split("train")
    except DataError:
        pytest.skip("Debian's Fashion-MNIST is not installed (make system installs it)")
    mean, std = normalisation(train)
    x, y = picture_batch(train, GRADIENT_BATCH, GRADIENT_SIDE, mean, std)
    for residual in (False, True):
        fresh = depth_gradients(depth, residual, x, y)
        ref, _ = reference.gradients(depth, residual)  # type: ignore[misc]
        assert [g.name for g in fresh] == [g.name for g in ref]
        assert [g.norm for g in fresh] == pytest.approx([g.norm for g in ref], rel=1e-3)


def test_a_damaged_reference_is_none(tmp_path: Path) -> None:
    (tmp_path / "figure1.json").write_text('{"made": {}, "networks": {"plain20": {"train_error": "x"}}}')
    (tmp_path / "gradients.json").write_text("[1, 2")
    (tmp_path / "densenet_reuse.json").write_text('{"made": {}, "meta": {}, "trained": [{"block": 1}]}')
    assert reference.figure1(tmp_path) is None
    assert reference.gradients(20, False, tmp_path) is None
    assert reference.reuse(tmp_path) is None


@pytest.mark.slow  # AppTest pages
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_fresh_clone_draws_figure1_from_the_reference(fashion_env: Path, lang: str) -> None:
    st.cache_data.clear()
    at = open_page("lesson_resnet", lang=lang)
    assert not at.exception
    made = shipped("figure1.json")["made"]
    text = text_of(at)
    missing = ", ".join(t(f"arch.{a}", lang) for a in FIGURE1_ARCHS)
    assert t("ref.used", lang, date=made["date"], machine=machine_words(made["machine"], lang),
             missing=missing,
             minutes=reference_minutes()) in text
    assert t("ref.file", lang, file="`visualizer/resources/reference/figure1.json`") in text
    rows = at.dataframe[0].value
    assert len(rows) == len(shipped("figure1.json")["networks"])
    if lang == "ko":
        assert "기준 결과" in text


def reference_minutes() -> int:
    from visualizer.train import WEIGHTS_MINUTES

    return WEIGHTS_MINUTES


@pytest.mark.slow  # AppTest pages
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_without_the_data_set_the_gradients_come_from_the_reference(tmp_path: Path, lang: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CNNVIS_FASHION_DIR", str(tmp_path / "nothing"))
    monkeypatch.setenv("CNNVIS_CACHE", str(tmp_path / "cache"))
    st.cache_data.clear()
    st.cache_resource.clear()
    label = t("res.tab.gradients", lang)
    at = open_tab(open_page("lesson_resnet", lang=lang), "res_tab", label)
    assert not at.exception, at.exception
    text = text_of(at)
    made = shipped("gradients.json")["made"]
    with pytest.raises(DataError) as err:
        load_split("train")
    problem = err.value.message(lang, markdown=True)  # the path made safe inside Markdown
    assert t("ref.used.data", lang, date=made["date"], machine=machine_words(made["machine"], lang),
             problem=problem) in text
    assert t("ref.file", lang, file="`visualizer/resources/reference/gradients.json`") in text


# make weights' Figure 1 networks on 2026-12-03 (bench/RESULTS.md, "Figure 1's four networks"):
# training error at the curve's 9 points, as printed there. The recipe is deterministic on this
# CPU, so the shipped curves, trained again for this file, must read the same.
EARLIER_RUN = {
    "plain20": (0.896, 0.429, 0.230, 0.209, 0.243, 0.145, 0.117, 0.102, 0.097),
    "resnet20": (0.899, 0.383, 0.206, 0.182, 0.143, 0.131, 0.118, 0.106, 0.097),
    "plain56": (0.901, 0.889, 0.817, 0.503, 0.406, 0.414, 0.289, 0.336, 0.203),
    "resnet56": (0.900, 0.657, 0.189, 0.171, 0.137, 0.121, 0.103, 0.101, 0.096),
}


def test_the_shipped_curves_are_an_earlier_run_of_the_same_recipe() -> None:
    nets, _ = reference.figure1()  # type: ignore[misc]
    for arch, meta in nets.items():
        points = tuple(round(p["train_error"], 3) for p in meta["error_curve"])
        assert points == pytest.approx(EARLIER_RUN[arch], abs=0.0015), arch


@pytest.mark.slow  # AppTest pages
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_fresh_clone_draws_densenets_reuse_from_the_reference(fashion_env: Path, lang: str) -> None:
    """No DenseNet-121 trained here: the reuse tab says the numbers are the shipped reference's
    and whose, and its words carry the file's own numbers (each of the four blocks' spread after
    training, worked out here from the stored means)."""
    from visualizer.shortcuts import preference

    st.cache_data.clear()
    data = shipped("densenet_reuse.json")
    at = open_tab(open_page("lesson_densenet", lang=lang), "dense_tab", t("dense.tab.reuse", lang))
    assert not at.exception, at.exception
    text = text_of(at)
    made = data["made"]
    missing = t("arch.densenet121", lang)
    assert t("ref.used", lang, date=made["date"], machine=machine_words(made["machine"], lang),
             missing=missing,
             minutes=reference_minutes()) in text
    trained, _, _, _ = reference.reuse()  # type: ignore[misc]
    assert len(trained) == len(data["trained"]) == 4  # DenseNet-121's four dense blocks
    spreads = ", ".join(f"±{100 * preference(m):.0f}%" for m in trained)
    assert spreads in text
