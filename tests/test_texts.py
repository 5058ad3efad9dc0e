"""Every screen reads (issue 30): the lessons' tables and figures say things as the rest of the
app does, in Korean: human names beside code names, layer types in Korean, the exact count
beside the rounded one where a student changes something, C×H×W everywhere, the reference
machine in Korean."""

from __future__ import annotations

import json
from pathlib import Path

from tests.pages import open_page, open_tab, slider
from visualizer.i18n import t

ROOT = Path(__file__).resolve().parents[1]


def _metric(at, label: str) -> str:  # type: ignore[no-untyped-def]
    return str(next(m.value for m in at.metric if m.label == label))


def test_alexnet_conv1_shows_the_exact_count_that_moves() -> None:
    """torchvision's AlexNet has 61,100,840 parameters; conv1 11×11 → 10×10 takes away
    64·3·(121 − 100) = 4,032 of them (conv1's output stays 55×55: floor((224 + 4 − 10) / 4) + 1)."""
    at = open_tab(open_page("lesson_alexnet", lang="ko"), "alex_tab", t("alex.tab.conv1", "ko"))
    assert _metric(at, t("metric.params", "ko")) == "61,100,840 · 6,110만"
    slider(at, "alex_k").set_value(10).run()
    assert not at.exception
    assert _metric(at, t("metric.params", "ko")) == f"{61_100_840 - 64 * 3 * (121 - 100):,} · 6,110만"


def test_resnet_projection_table_names_its_blocks() -> None:
    """ResNet-18's projections sit in the first block of stages 2, 3 and 4 (layer2.0 …)."""
    at = open_tab(open_page("lesson_resnet", lang="ko"), "res_tab", t("res.tab.projection", "ko"))
    assert not at.exception
    frame = at.dataframe[0].value
    blocks = list(frame[frame[t("col.model", "ko")] == "ResNet-18"][t("res.col.block", "ko")])
    assert blocks == ["2단계 첫 블록 (layer2.0)", "3단계 첫 블록 (layer3.0)", "4단계 첫 블록 (layer4.0)"]
    # ResNet-50's bottleneck widens the first stage 64 → 256: its first block projects too
    assert list(frame[t("res.col.block", "ko")]).count("1단계 첫 블록 (layer1.0)") == 1


def test_resnet_block_comparison_shows_exact_macs() -> None:
    """The basic block at the tab's defaults: its MACs exactly, beside the rounded figure."""
    at = open_tab(open_page("lesson_resnet", lang="ko"), "res_tab", t("res.tab.compare", "ko"))
    width, size = slider(at, "res_basic").value, slider(at, "res_csize").value
    # two 3×3 convolutions width → width on a size×size map, no projection
    macs = 2 * 9 * width * width * size * size
    assert any(str(m.value).startswith(f"{macs:,} · ") for m in at.metric), [m.value for m in at.metric]


def test_notebook_tables_say_layer_types_in_korean() -> None:
    at = open_tab(open_page("lesson_alexnet", lang="ko"), "alex_tab", t("alex.tab.notebook", "ko"))
    assert not at.exception
    kinds = set(at.dataframe[0].value[t("nb.shapes.col.type", "ko")])
    assert {"합성곱", "최대 풀링", "완전 연결 층", "펼치기"} <= kinds
    assert not kinds & {"Conv2d", "MaxPool2d", "Linear", "Flatten", "Dropout"}


def test_inception_modules_inputs_are_channels_by_height_by_width() -> None:
    """GoogLeNet's inception3a takes 192 maps of 28×28 (the paper's Table 1)."""
    at = open_tab(open_page("lesson_inception", lang="ko"), "inc_tab", t("inc.tab.modules", "ko"))
    table = at.dataframe[0].value
    first = table.iloc[0]
    assert first[t("inc.col.module", "ko")] == "inception3a"
    assert first[t("inc.col.input", "ko")] == "192×28×28"


def test_the_reference_machine_is_said_in_korean() -> None:
    from visualizer.i18n import machine_words

    made = json.loads((ROOT / "visualizer/resources/reference/figure1.json").read_text())["made"]
    shipped = made["machine"]
    assert shipped.endswith(" cores")  # as visualizer.reference.machine writes it
    cores = shipped.rsplit(",", 1)[1].split()[0]
    assert machine_words(shipped, "ko").endswith(f", 코어 {cores}개")
    assert machine_words(shipped, "en") == shipped
    # on the page (no network trained in the tests' cache: the shipped reference is shown)
    at = open_page("lesson_resnet", lang="ko")
    boxes = [i.value for i in at.info if "기준 결과" in i.value]
    assert boxes and all("cores" not in b and f"코어 {cores}개" in b for b in boxes), boxes


def test_densenet_heatmaps_last_row_is_the_transition_layer() -> None:
    """The row after a block's layers reads 전환 층, the lesson's word (전이 reads as 전이 학습)."""
    from visualizer.shortcut_charts import reuse_heatmap
    from visualizer.shortcuts import ReuseMap

    reuse = ReuseMap("denseblock1", ("1", "2", "transition"), ("input", "1", "2"),
                     ((1.0, None, None), (1.0, 2.0, None), (1.0, 1.0, 1.0)))
    rows = list(reuse_heatmap(reuse, "ko").data[0].y)
    assert rows == ["1", "2", "전환 층"]


def test_notebook_tables_name_the_notebooks_blocks() -> None:
    """The DenseNet notebook's blocks and transitions (its own names: denseblock1,
    transitionLayer1) get their human names; a name that is its own word stays once."""
    from visualizer.names import named

    at = open_tab(open_page("lesson_densenet", lang="ko"), "dense_tab", t("dense.tab.notebook", "ko"))
    assert not at.exception
    layers = list(at.dataframe[0].value[t("nb.shapes.col.layer", "ko")])
    assert "밀집 블록 1 (denseblock1)" in layers and "전환 층 1 (transitionLayer1)" in layers
    assert named("classifier", "en") == "classifier"


def test_an_exact_count_too_wide_for_a_phone_is_rounded() -> None:
    """ResNet-152 at 1024 px: 240,570,548,224 MACs, 15 digits; beside its rounded figure wider
    than a phone's metric (the readability check found "… · 2405.71억" cut at 390 px)."""
    from app_pages.common import exact_count

    assert exact_count(240_570_548_224, "ko") == "2,406억"
    assert exact_count(96_948_884_897, "ko") == "96,948,884,897 · 969.49억"
    assert exact_count(231_211_008, "ko", below=10**9) == "231,211,008 · 2.31억"
    assert exact_count(2_312_110_080, "ko", below=10**9) == "23.12억"
