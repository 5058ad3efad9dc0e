"""The lesson pages, the playground and the comparison: rendered, and their numbers checked
against values worked by hand or taken from the papers."""

from __future__ import annotations

import itertools
import re

import pytest

from models.googlenet import INCEPTION_CFG, TABLE1_OPS_M, TABLE1_PARAMS_K
from models.published import IMAGENET_TOP1
from tests.pages import PAGES, open_page, open_tab, slider, text_of
from visualizer.lessons import inception_costs
from visualizer.structure import dense_ledger
from visualizer.trace import trace_named

pytestmark = pytest.mark.slow  # AppTest pages, real training or files: `make check` skips it


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("page", PAGES[1:])
def test_page_renders(page: str, lang: str) -> None:
    at = open_page(page, lang=lang)
    assert not at.exception, at.exception
    assert at.title


# --- AlexNet ---------------------------------------------------------------------------

def test_alexnet_conv1_stride_2_gives_109() -> None:
    at = open_tab(open_page("lesson_alexnet", lang="en"), "alex_tab", "② Change conv1")
    slider(at, "alex_s").set_value(2).run()
    assert not at.exception
    table = at.dataframe[0].value
    # floor((224 + 2*2 - 11) / 2) + 1 = 109
    assert table.loc[table["Layer"] == "conv1", "Output shape"].item() == "64×109×109"
    assert "floor((224 + 2*2 - 11) / 2) + 1 = 109" in text_of(at)


def test_alexnet_impossible_conv1_offers_nearest_size() -> None:
    at = open_tab(open_page("lesson_alexnet", lang="en", size="40"), "alex_tab", "② Change conv1")
    assert "pool" in text_of(at)
    fix = next(b for b in at.button if "nearest" in b.label)
    assert fix.label.endswith("63")
    at = fix.click().run()
    assert slider(at, "alex_size").value == 63
    assert not at.error


def test_alexnet_224_vs_227_story() -> None:
    text = text_of(open_tab(open_page("lesson_alexnet", lang="en"), "alex_tab", "③ 224 or 227?"))
    assert "floor((224 + 2*0 - 11) / 4) + 1 = 54" in text
    assert "floor((227 + 2*0 - 11) / 4) + 1 = 55" in text
    assert "floor((224 + 2*2 - 11) / 4) + 1 = 55" in text
    assert "6400" in text and "9216" in text
    # the two sizes that run say so in words, with ImageNet's 1000 classes (not a bare "✓ 1000")
    successes = [s.value for s in open_tab(open_page("lesson_alexnet", lang="ko"), "alex_tab",
                                           "③ 224일까 227일까?").success]
    assert successes == ["✓ 끝까지 지나갑니다: 클래스마다 점수 하나씩, 1000개."] * 2


def test_alexnet_two_gpu_savings() -> None:
    at = open_tab(open_page("lesson_alexnet", lang="en"), "alex_tab", "④ Two GPUs")
    table = next(d.value for d in at.dataframe if "Parameters, one GPU (groups = 1)" in d.value.columns)
    conv2 = table[table["Layer"] == "conv2"].iloc[0]
    assert conv2["Parameters, two GPUs (groups = 2)"] == 256 * 48 * 25 + 256  # 307,456
    assert conv2["Parameters, one GPU (groups = 1)"] == 256 * 96 * 25 + 256
    at = open_tab(at, "alex_tab", "⑤ Where the parameters are")
    assert "37,752,832" in text_of(at)  # fc6 = 9216 * 4096 + 4096


def test_alexnet_stepper_moves() -> None:
    at = open_page("lesson_alexnet", lang="en")
    first = at.subheader[0].value
    at.button[1].click().run()  # next
    assert at.subheader[0].value != first


# torchvision's AlexNet, one step per layer, counted by hand: five convolutions and their five
# ReLUs, three max pools, the adaptive average pool, the flatten, two dropouts, three linear
# layers and the ReLUs of the first two: 22 steps, 0 to 21 in a link. The paper's layout has
# no adaptive pool and adds two LRNs: 23, 0 to 22.
ALEXNET_LAST_STEP = {"alexnet": 5 + 5 + 3 + 1 + 1 + 2 + 3 + 2 - 1,
                     "alexnet_paper": 5 + 5 + 2 + 3 + 1 + 2 + 3 + 2 - 1}


def test_a_links_step_past_the_last_names_the_lessons_real_range() -> None:
    """Issue 30: step=30 was told "0부터 40까지" (a bound no layout has)."""
    at = open_page("lesson_alexnet", lang="ko", step="30")
    warnings = " ".join(w.value for w in at.warning)
    assert f"0부터 {ALEXNET_LAST_STEP['alexnet']}까지의 정수" in warnings, warnings
    assert at.subheader[0].value.startswith("conv1")  # the default: the first step
    # the last step of each layout is a valid link, and opens on that layer
    for layout, last_step in ALEXNET_LAST_STEP.items():
        at = open_page("lesson_alexnet", lang="en", layout=layout, step=str(last_step))
        assert not at.warning, [w.value for w in at.warning]
        assert at.subheader[0].value.startswith("fc8"), at.subheader[0].value
    at = open_page("lesson_alexnet", lang="en", step=str(ALEXNET_LAST_STEP["alexnet_paper"]))
    assert f"from 0 to {ALEXNET_LAST_STEP['alexnet']}" in " ".join(w.value for w in at.warning)


# --- Inception -------------------------------------------------------------------------

def test_inception_lecture_example() -> None:
    at = open_page("lesson_inception", lang="en")
    text = text_of(at)
    assert "100×100×60 (height × width × channels, as in the lecture) into 100×100×20" in text
    assert "1,200 weights and 12,000,000 multiply-adds" in text  # 60 x 20; 100 x 100 x 60 x 20
    slider(at, "inc_reduce").set_value(30).run()
    text = text_of(at)
    assert "30 filters of size 1×1" in text and "into 100×100×30" in text
    assert "1,800 weights and 18,000,000 multiply-adds" in text  # 60 x 30; 100 x 100 x 60 x 30


def hand_weights(cin: int, c1: int, r3: int, c3: int, r5: int, c5: int, pp: int, k5: int) -> tuple[int, int]:
    """Reduced and naive conv weights of one module, from Table 1's widths."""
    reduced = cin * c1 + cin * r3 + r3 * c3 * 9 + cin * r5 + r5 * c5 * k5 * k5 + cin * pp
    naive = cin * (c1 + c3 * 9 + c5 * k5 * k5)
    return reduced, naive


@pytest.mark.parametrize("layout", ["googlenet_paper", "googlenet"])
def test_nine_modules_naive_vs_reduced(layout: str) -> None:
    costs = {c.name: c for c in inception_costs(trace_named(layout, 224))}
    assert list(costs) == list(INCEPTION_CFG)
    k5 = 5 if layout == "googlenet_paper" else 3
    for name, widths in INCEPTION_CFG.items():
        reduced, naive = hand_weights(*widths, k5=k5)
        assert costs[name].weights == reduced
        assert costs[name].naive_weights == naive
        assert costs[name].naive_macs > costs[name].macs


def test_paper_modules_against_table1() -> None:
    """Table 1's "ops" column (M multiply-adds at 224); its params column has slips (4c, 5a)."""
    for c in inception_costs(trace_named("googlenet_paper", 224)):
        assert abs(c.macs / 1e6 - TABLE1_OPS_M[c.name]) <= 3.5, c.name
        tolerance = 0.08 if c.name in ("inception4c", "inception5a") else 0.02
        assert abs(c.weights / 1024 - TABLE1_PARAMS_K[c.name]) / TABLE1_PARAMS_K[c.name] <= tolerance


def test_inception_page_table_follows_layout() -> None:
    at = open_tab(open_page("lesson_inception", lang="en", layout="googlenet"), "inc_tab",
                  "② All nine modules")
    table = next(d.value for d in at.dataframe if "Module" in d.value.columns)
    row = table[table["Module"] == "inception3a"].iloc[0]
    assert row["Weights, with 1×1 reductions"] == hand_weights(*INCEPTION_CFG["inception3a"], k5=3)[0]


def test_inception_table1_column_in_korean_counts() -> None:
    """Issue 30: the Korean table showed Table 1 as "463K / 100M". Its K is 1,024 weights and its
    M 10^6 multiply-adds (models/googlenet.py): 4c's 463 × 1,024 = 474,112 is about 47만, its
    100 × 10^6 is 1억; 3a's 128 × 10^6 is 1.28억."""
    at = open_tab(open_page("lesson_inception", lang="ko", layout="googlenet_paper"), "inc_tab",
                  "② 모듈 9개 전부")
    table = next(d.value for d in at.dataframe if "모듈" in d.value.columns)
    cells = dict(zip(table["모듈"], table["표 1: 파라미터 / 연산"], strict=True))
    assert cells["inception4c"] == "47만 / 1억" and cells["inception3a"].endswith(" / 1.28억"), cells
    assert not any(re.search(r"\d[KMG]", cell) for cell in cells.values()), cells


def test_aux_classifiers_shown_with_loss_weight() -> None:
    text = text_of(open_tab(open_page("lesson_inception", lang="en"), "inc_tab", "④ Auxiliary classifiers"))
    assert "0.3 × loss(aux1)" in text
    result = trace_named("googlenet_paper", 224, train=True)
    assert [r.label for r in result.records if r.type == "InceptionAux"] == ["aux1", "aux2"]
    assert result.find("aux1").input_shapes[0] == result.find("inception4a").output_shape
    assert result.find("aux2").input_shapes[0] == result.find("inception4d").output_shape
    assert not [r for r in trace_named("googlenet_paper", 224).records if r.type == "InceptionAux"]


# --- ResNet ----------------------------------------------------------------------------

def test_basic_vs_bottleneck_weights() -> None:
    at = open_tab(open_page("lesson_resnet", lang="en"), "res_tab", "④ Basic vs bottleneck")
    text = text_of(at)
    assert "73,728" in text  # 2 x 64 x 64 x 3 x 3
    assert "69,632" in text  # 256x64 + 64x64x3x3 + 64x256
    slider(at, "res_bn_mid").set_value(32).run()
    # 256 -> 32 -> 32 -> 128 needs a projection 256 -> 128
    assert f"{256 * 32 + 32 * 32 * 9 + 32 * 128 + 256 * 128:,}" in text_of(at)


def test_residual_block_trace_matches_lecture() -> None:
    at = open_tab(open_page("lesson_resnet", lang="en"), "res_tab", "③ The lecture's block")
    assert "out = out + x" in at.code[0].value
    slider(at, "res_dim").set_value(32).run()
    table = at.dataframe[0].value
    conv = table[table["Layer"] == "residual_block.0"].iloc[0]
    assert conv["Parameters"] == 32 * 64 * 9 + 64


def test_resnet_family_table() -> None:
    at = open_tab(open_page("lesson_resnet", lang="en"), "res_tab", "⑥ ResNet-18 … 152")
    table = next(d.value for d in at.dataframe if "Blocks per stage" in d.value.columns)
    assert list(table["Depth"]) == [18, 34, 50, 101, 152]
    assert list(table["Blocks per stage"]) == ["2-2-2-2", "3-4-6-3", "3-4-6-3", "3-4-23-3", "3-8-36-3"]


# --- DenseNet --------------------------------------------------------------------------

@pytest.mark.parametrize(("k", "blocks", "theta"), [(32, (6, 12, 24, 16), 0.5), (12, (3, 5, 7, 2), 0.7)])
def test_ledger_is_k0_plus_lk(k: int, blocks: tuple[int, ...], theta: float) -> None:
    result = trace_named("densenet121", 224, growth_rate=k, block_config=blocks, compression=theta)
    ledger = dense_ledger(result)
    channels = ledger[0][1]
    assert channels == 64
    i = 1
    for b, n in enumerate(blocks):
        for layer in range(1, n + 1):
            assert ledger[i][1] == channels + layer * k
            i += 1
        channels += n * k
        if b < len(blocks) - 1:
            channels = int(channels * theta)
            assert ledger[i] == (f"transition{b + 1}", channels, "transition")
            i += 1


def test_densenet121_ledger_from_issue() -> None:
    rows = dense_ledger(trace_named("densenet121", 224))
    ends = [c for (_, c, kind), nxt in zip(rows, [*rows[1:], ("", 0, "end")], strict=True)
            if kind == "stem" or kind == "transition" or nxt[2] != "layer"]
    assert ends == [64, 256, 128, 512, 256, 1024, 512, 1024]


def test_the_ledger_names_each_transition_in_words() -> None:
    """Under each halving, its count and the transition's name as a Korean student reads it
    (전환 층 1, the catalogue's words worked by hand; the counts by hand: 64 + 6·32 = 256 halved
    is 128, 128 + 12·32 = 512 is 256, 256 + 24·32 = 1024 is 512), its code name only in the
    hover text."""
    from visualizer.lesson_charts import ledger_line

    rows = dense_ledger(trace_named("densenet121", 224))
    notes = {a.text for a in ledger_line(rows, "ko", 32).layout.annotations if "</b> " in a.text}
    assert notes == {"<b>128</b> 전환 층 1", "<b>256</b> 전환 층 2", "<b>512</b> 전환 층 3"}
    english = {a.text for a in ledger_line(rows, "en", 32).layout.annotations if "</b> " in a.text}
    assert english == {"<b>128</b> transition layer 1", "<b>256</b> transition layer 2",
                       "<b>512</b> transition layer 3"}
    # on a phone the shorter name: English's code name, Korean's words
    for lang, want in (("en", {"<b>128</b> transition1", "<b>256</b> transition2", "<b>512</b> transition3"}),
                       ("ko", notes)):
        phone = ledger_line(rows, lang, 32).layout.meta["narrow"]["layout"]["annotations"]
        assert {a["text"] for a in phone if "</b> " in a["text"]} == want


@pytest.mark.parametrize("arch", ["densenet121", "densenet_bc_100"])
def test_the_ledger_counts_no_negative_channels(arch: str) -> None:
    """Issue 30: the room kept under the lowest count (for a transition's name) had plotly tick
    "−50" channels on DenseNet ④ (DenseNet-BC-100: 24 … 342 channels). The axis ticks where it
    is told (an array), from 0, in round steps, the last within a step of the highest count."""
    import math

    from visualizer.lesson_charts import ledger_line

    size = 32 if arch == "densenet_bc_100" else 224
    rows = dense_ledger(trace_named(arch, size))
    axis = ledger_line(rows, "ko", 12).layout.yaxis
    assert axis.tickmode == "array"  # else plotly ticks where it likes, −50 included
    ticks = list(axis.tickvals)
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and min(ticks) >= 0
    assert all(math.isclose(b - a, step) for a, b in itertools.pairwise(ticks))
    assert round(step / 10 ** math.floor(math.log10(step)), 9) in (1, 2, 5)
    top = max(c for _, c, _ in rows)
    assert top - step < ticks[-1] <= axis.range[1]


def test_densenet_slider_changes_rule_text() -> None:
    at = open_page("lesson_densenet", lang="en")
    slider(at, "dense_k").set_value(12).run()
    assert "64 + 6·12 = 136" in text_of(at)


def test_add_vs_concat_shapes() -> None:
    at = open_tab(open_page("lesson_densenet", lang="en"), "dense_tab", "③ Add vs concatenate")
    text = text_of(at)
    assert "64×56×56 + 64×56×56 → 64×56×56" in text
    assert "64×56×56 and 32×56×56 → 96×56×56" in text


# --- playground and compare --------------------------------------------------------------

def test_playground_formula_and_torch_agree_on_page() -> None:
    at = open_page("lesson_alexnet".replace("lesson_alexnet", "playground"), lang="en")
    assert "floor((7 + 2*1 - 3) / 2) + 1 = 4" in text_of(at)
    slider(at, "play_s").set_value(1).run()
    assert "gives 7×7" in text_of(at)
    slider(at, "play_k").set_value(9).run()
    slider(at, "play_p").set_value(0).run()
    assert "no window fits" in text_of(at)


def test_a_choice_sent_back_empty_keeps_its_value() -> None:
    """The language box's failure (tests/test_app.py) for a page's own segmented control: the
    playground's filter size, 5 from the link, sent back empty, stays 5 and the page draws."""
    at = open_page("playground", lang="en", tab="image", fsize="5")
    box = at.segmented_control(key="play_fsize")
    assert box.value == 5
    box.set_value(None).run()
    assert not at.exception
    assert at.segmented_control(key="play_fsize").value == 5
    assert "2*2 - 5) / 1" in at.code[0].value  # the picture's formula: padding 2, a 5×5 filter


def test_every_control_gives_the_browser_its_value_as_its_default() -> None:
    """Why the language box came back empty (tests/test_app.py): a browser draws a widget once
    its code has loaded (a fresh browser's page was idle with 10 of its sidebar's 59 elements
    drawn), and a click before that sent the run no value for it; the widget then took the
    default its message carried. So each control's default is its value: what a late widget
    falls back to is the link's view (a 5×5 blur of the stripes, stride 2), not the page's
    first choices (3×3, edges, the first picture, stride 1)."""
    at = open_page("playground", lang="en", tab="image", fsize="5", fstride="2", filter="blur",
                   sample="stripes")
    assert not at.exception
    assert list(at.segmented_control(key="play_fsize").proto.default) == [1]  # of 3, 5, 7
    assert list(slider(at, "play_fstride").proto.default) == [2]
    filters, samples = at.radio(key="play_filter"), at.selectbox(key="play_sample")
    assert filters.options[filters.proto.default] == "Blur"
    assert (filters.value, samples.value) == ("blur", "stripes")
    assert samples.options[samples.proto.default] == "Stripes" != samples.options[0]
    assert at.sidebar.segmented_control(key="lang").proto.default == [1]  # of ko, en


def test_compare_table() -> None:
    at = open_page("compare", lang="en")
    table = at.dataframe[0].value
    resnet50 = table[table["Model"] == "ResNet-50 · bottleneck"].iloc[0]
    assert resnet50["Parameters"] == 25_557_032
    assert resnet50["Top-1 (%)"] == IMAGENET_TOP1["resnet50"]
    # a network that does not run at 224 is said in words under the table, not as a row of
    # empty cells: the 2012 paper's AlexNet needs 227 (floor((224 - 11) / 4) + 1 = 54 at conv1)
    assert "AlexNet · 2012 paper, two GPUs" not in set(table["Model"])
    said = [c.value for c in at.caption if "AlexNet · 2012 paper, two GPUs" in c.value]
    assert len(said) == 1 and said[0].startswith("**Does not run at this size: ") and "227" in said[0]


def test_published_accuracy_matches_torchvision_metadata(torchvision_meta: dict) -> None:
    for name, acc in IMAGENET_TOP1.items():
        assert acc == pytest.approx(torchvision_meta[name]["acc1"], abs=1e-3)
