"""Every screen reads (issue 30): the defects a Korean student met, each checked against a value
worked by hand (the counts are torchvision's, the formulas the lecture's)."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from tests.pages import open_page, open_tab, text_of
from visualizer import lesson_charts
from visualizer.i18n import t

# A table cell is drawn in 14 px type: a digit is at least 8 px wide in every font the app
# names (NanumGothic 8.2, Noto Sans CJK 7.9 at 14 px), a comma 3.5, and a cell has 16 px of
# padding. A column narrower than that draws "05,504" for 115,605,504.
DIGIT_PX, COMMA_PX, PAD_PX = 7.9, 3.5, 16


def _least_width(number: int) -> float:
    text = f"{number:,}"
    return DIGIT_PX * sum(c.isdigit() for c in text) + COMMA_PX * text.count(",") + PAD_PX


def _columns(frame_element) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return json.loads(frame_element.proto.columns or "{}")  # type: ignore[no-any-return]


@pytest.mark.slow
def test_224_or_227_shows_each_conv1_formula_whole() -> None:
    """The tab's point is the end of each formula (= 54 against = 55): the code wraps in its
    narrow column instead of scrolling the end out of sight."""
    at = open_tab(open_page("lesson_alexnet", lang="ko"), "alex_tab", t("alex.tab.sizes", "ko"))
    formulas = [c for c in at.code if "conv1" in c.value]
    assert [c.value.rsplit("= ", 1)[-1] for c in formulas] == ["55", "54", "55"]  # (224+4-11)/4+1 ...
    assert all(c.proto.wrap_lines for c in formulas)


@pytest.mark.slow
def test_resnet_lecture_block_reads_whole() -> None:
    """The lecture's code wraps rather than stopping at ``kernel_size``; the MACs column holds
    64 x 56 x 56 x 64 x 9 = 115,605,504 whole; a layer without a receptive field shows an empty
    cell, not the word None."""
    at = open_tab(open_page("lesson_resnet", lang="ko"), "res_tab", t("res.tab.block", "ko"))
    code = next(c for c in at.code if "Residual_Block" in c.value)
    assert "kernel_size" in code.value and code.proto.wrap_lines
    frame = at.dataframe[0]
    macs = t("col.macs", "ko")
    assert frame.value[macs].max() == 64 * 56 * 56 * 64 * 9
    assert _columns(frame)[macs]["width"] >= _least_width(115_605_504)
    rf = frame.value[t("col.rf", "ko")].tolist()
    assert all(isinstance(v, str) and v != "None" for v in rf), rf
    assert rf[:3] == ["3", "3", "5"]  # 3x3, then 3 + (3 - 1) = 5


@pytest.mark.slow
def test_explorer_formula_column_holds_the_longest_formula() -> None:
    at = open_page("explorer", lang="ko", arch="googlenet", size="224")
    frame = at.dataframe[0]
    formula = t("col.formula", "ko")
    longest = max(frame.value[formula].tolist(), key=len)
    assert longest.startswith("ceil(") or longest.startswith("floor(")
    # every character at least 6.5 px (spaces and parentheses included) plus the padding
    assert _columns(frame)[formula]["width"] >= 6.5 * len(longest) + PAD_PX


@pytest.mark.slow
def test_alexnet_step_through_opens_on_conv1_at_224() -> None:
    """The page's title says 224 -> 9216: the step-through opens on conv1 of that network
    (3x224x224 -> 64x55x55), not on relu1 of the 227 layout."""
    at = open_page("lesson_alexnet", lang="ko")
    assert at.subheader[0].value.startswith("conv1")
    assert "3×224×224 → 64×55×55" in text_of(at)
    assert "224" in at.title[0].value


def test_edge_filter_on_a_picture_is_not_blank_grey() -> None:
    """A Laplacian's response is near zero almost everywhere: scaled by its single strongest
    pixel, 99% of the picture was within 40 levels of mid-grey, and drawn around mid-grey the
    poster's outlines were thin lines on grey (median 127), which a projector washes out.
    Drawn as pencil lines on white paper: the picture's median is white (zero response, where
    the poster is flat), at least 1% of it is near black (its outlines), and a flat picture
    stays blank paper. A signed filter (emboss) still draws zero as grey."""
    import torch

    from visualizer.images import apply_filter, make_kernel, sample_images, to_image, to_tensor

    x = to_tensor(sample_images()["poster"], max_side=384)
    out = np.asarray(to_image(apply_filter(x, make_kernel("edge", 3), stride=1, padding=1), outline=True))
    assert out.ndim == 2 and np.median(out) >= 250
    assert (out < 64).mean() >= 0.01
    flat = np.asarray(to_image(torch.zeros(1, 3, 8, 8), outline=True))
    assert set(flat.flatten().tolist()) == {255}
    grey = np.asarray(to_image(torch.zeros(1, 1, 8, 8), signed=True))
    assert set(grey.flatten().tolist()) == {127}


def test_the_playground_draws_its_edge_filter_as_an_outline() -> None:
    """The playground's 윤곽선 filter on the poster: white paper with dark lines, not grey."""
    from app_pages.playground import filtered

    _, after, *_ = filtered(None, "poster", "edge", 3, 1)
    pixels = np.asarray(after.convert("L"))
    assert np.median(pixels) >= 250 and (pixels < 64).mean() >= 0.01


@pytest.mark.slow
def test_training_page_describes_the_running_network(fashion_env) -> None:  # type: ignore[no-untyped-def]
    """While AlexNet trains, the picker shows AlexNet (not the default ResNet-18) and the recipe
    is AlexNet's."""
    from visualizer.runs import run_dir, run_lock, write_status
    from visualizer.train import RECIPES

    run_dir().mkdir(parents=True, exist_ok=True)
    write_status({"state": "loading", "arch": "alexnet"})
    with run_lock():  # as the run holds it (a status without its lock holder is a lost run)
        at = open_page("training", lang="ko")
    assert at.selectbox[0].value == "alexnet" and at.selectbox[0].disabled
    r = RECIPES["alexnet"]
    assert t("train.recipe", "ko", size=r.input_size, epochs=r.epochs, batch=r.batch_size,
             optimizer=r.optimizer.upper() if r.optimizer == "sgd" else "AdamW", lr=r.lr) in text_of(at)


def test_every_network_on_the_comparison_chart_is_labelled() -> None:
    """DenseNet-201 had no label (none of the spots beside it was free): every bubble now has
    its name, on a desktop and, shortened, on a phone."""
    from models import get_entry, list_models
    from models.published import IMAGENET_TOP1
    from visualizer.trace import trace_named

    rows: list[dict[str, float | str]] = []
    for name in list_models():
        if name in IMAGENET_TOP1:
            r = trace_named(name, 224)
            rows.append({"name": t(f"arch.{name}", "ko"), "short": t(f"arch.{name}", "ko").split(" · ")[0],
                         "family": get_entry(name).family, "params": r.total_params, "macs": r.total_macs,
                         "top1": IMAGENET_TOP1[name]})
    fig = lesson_charts.accuracy_bubbles(rows, "ko")
    wide = {a.text for a in fig.layout.annotations}
    assert wide == {str(r["short"]) for r in rows}
    narrow = {a["text"] for a in fig.layout.meta["narrow"]["layout"]["annotations"]}
    assert narrow == {lesson_charts.short_name(str(r["short"])) for r in rows}


@pytest.mark.parametrize("top", [1.9, 11.5, 60.2, 0.35, 144.0])
def test_family_chart_axes_tick_on_round_numbers(top: float) -> None:
    """Both axes tick at 0 and multiples of 1, 2 or 5 times a power of ten (the right axis
    read 1.91, 3.83, ... when plotly synced it to the left's grid), up to at least the top."""
    rows = [{"name": "A", "params": top * 1e6, "macs": top * 1e9}, {"name": "B", "params": 1e6, "macs": 1e9}]
    fig = lesson_charts.family_bars(rows, "ko")  # type: ignore[arg-type]
    for axis in (fig.layout.yaxis, fig.layout.yaxis2):
        assert axis.tickmode == "linear" and axis.tick0 == 0
        mantissa = axis.dtick / 10 ** math.floor(math.log10(axis.dtick))
        assert round(mantissa, 9) in (1, 2, 5)
        assert axis.range[1] >= top and 3 <= axis.range[1] / axis.dtick <= 11


@pytest.mark.slow
def test_projection_table_separates_thousands() -> None:
    at = open_tab(open_page("lesson_resnet", lang="ko"), "res_tab", t("res.tab.projection", "ko"))
    frame = at.dataframe[-1]  # ResNet-50: 1x1 projections of up to 1024 x 2048 + BN
    column = _columns(frame)[t("res.col.proj", "ko")]
    assert column["type_config"]["format"] == "localized"
    assert column["width"] >= _least_width(int(frame.value[t("res.col.proj", "ko")].max()))


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "shown"), [("ko", "61,100,840 · 6,110만"), ("en", "61,100,840 · 61.1 M")])
def test_headline_shows_the_exact_count_beside_the_rounded_one(lang: str, shown: str) -> None:
    """torchvision's AlexNet has 61,100,840 parameters: a block added in the builder (+73,984)
    changes the exact figure, which the rounded one alone hides."""
    at = open_page("explorer", lang=lang, arch="alexnet", size="224")
    assert at.metric[0].value == shown
    at = open_page("builder", lang=lang)
    assert re.fullmatch(r"\d{1,3}(,\d{3})+ · \S.*", at.metric[0].value), at.metric[0].value


def test_a_measurement_is_kept_on_disk_across_restarts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """GoogLeNet's gradients take ~12 s the first time: a later server reads them back. Other
    pictures (or a damaged file) mean computing again."""
    import torch

    from visualizer.shortcuts import LayerGradient, kept_on_disk

    calls: list[int] = []

    def compute() -> list[LayerGradient]:
        calls.append(1)
        return [LayerGradient("conv1.conv", 0.125), LayerGradient("conv2.conv", 3.5e-7)]

    x, y = torch.arange(12.0).reshape(3, 1, 2, 2), torch.tensor([0, 1, 2])
    first = kept_on_disk("googlenet", {"aux_weight": 0.3}, x, y, compute, tmp_path)
    again = kept_on_disk("googlenet", {"aux_weight": 0.3}, x, y, compute, tmp_path)
    assert first == again and len(calls) == 1
    kept_on_disk("googlenet", {"aux_weight": 0.3}, x + 1, y, compute, tmp_path)  # other pictures
    kept_on_disk("googlenet", {"aux_weight": 0.0}, x, y, compute, tmp_path)  # another setting
    assert len(calls) == 3
    for path in (tmp_path / "measured").iterdir():
        path.write_text("{not json")
    assert kept_on_disk("googlenet", {"aux_weight": 0.3}, x, y, compute, tmp_path) == first
    assert len(calls) == 4


@pytest.mark.slow
@pytest.mark.parametrize("page", ["explorer", "lesson_alexnet", "lesson_inception", "lesson_resnet",
                                  "lesson_densenet", "compare", "builder"])
def test_every_table_draws_its_numbers_whole(page: str) -> None:
    """A table is drawn on a canvas, where a browser check cannot read it: a column that shows
    numbers with thousands separators is as wide as its widest number (the grid sizes a column
    by the number without separators, and cut 115,605,504 to "05,504"), on every tab."""
    from tests.pages import PAGES

    assert page in PAGES
    at = open_page(page, lang="ko")
    narrow = []
    for frame in at.dataframe:
        for name, column in _columns(frame).items():
            if (column.get("type_config") or {}).get("format") != "localized" or name not in frame.value:
                continue
            values = [v for v in frame.value[name].tolist() if isinstance(v, int | float) and v == v]
            if values and column.get("width", 0) < _least_width(int(max(values))):
                narrow.append(f"{name}: {column.get('width')} px for {int(max(values)):,}")
    assert not narrow, narrow
