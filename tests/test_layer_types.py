"""The registry of layer types: every entry replays exactly and is known to every view and
the builder; the transposed convolution and the upsamplings against formulas worked by hand;
an encoder-decoder built through the design codec grows its map back."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from torch import nn

from models.ops import Add, Concat, ShortcutA
from tests.conftest import real_shapes
from visualizer import design as ds
from visualizer.codegen import code
from visualizer.design.zoo import block_data
from visualizer.diagram import DiagramOptions, _boxes
from visualizer.i18n import CATALOGUE, t
from visualizer.lessons import conv_weights
from visualizer.tables import dropped, layer_arithmetic, size_formula, table_records
from visualizer.trace import ShapeError, get_plan, trace
from visualizer.trace.rules import TYPES, describe, of


class _Merged(nn.Module):
    """A conv whose output meets itself in a merge (an add or a concatenation)."""

    def __init__(self, merge: nn.Module) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.merge = merge

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv(x)
        return self.merge(y, y)


# Layer types the builder does not offer: an example of each (the offered ones are made by
# their own offer, at its default settings).
NOT_OFFERED = {
    "adaptive_maxpool": lambda: nn.AdaptiveMaxPool2d(2),
    "softmax": lambda: nn.Softmax(dim=1),
    "dropout2d": lambda: nn.Dropout2d(0.2),
    "alpha_dropout": lambda: nn.AlphaDropout(0.1),
    "feature_alpha_dropout": lambda: nn.FeatureAlphaDropout(0.1),
    "identity": nn.Identity,
    "shortcut_a": lambda: ShortcutA(4, 6, 2),  # the ResNet paper's option A (CIFAR networks)
    "add": Add,
    "cat": Concat,
}


def _example(key: str, side: int) -> nn.Module:
    """A 3x3 conv (1 -> 4 channels) and then one layer of type ``key``, as module ``1``."""
    if key in ("add", "cat"):
        return _Merged(NOT_OFFERED[key]())
    offer = TYPES[key].offer
    if offer is None:
        layer = NOT_OFFERED[key]()
        return nn.Sequential(nn.Conv2d(1, 4, 3), layer)
    defaults = {f.name: f.default for f in offer.settings}
    if offer.flat:  # a linear layer: after a flatten
        n = 4 * (side - 2) ** 2
        return nn.Sequential(nn.Conv2d(1, 4, 3), nn.Flatten(), offer.make(defaults, n))
    return nn.Sequential(nn.Conv2d(1, 4, 3), offer.make(defaults, 4))


def test_every_layer_type_has_an_example_here() -> None:
    offered = {k for k, r in TYPES.items() if r.offer is not None}
    assert set(NOT_OFFERED) == set(TYPES) - offered


@pytest.mark.parametrize("key", sorted(TYPES))
def test_every_layer_type_is_replayed_exactly_and_named_in_both_languages(key: str) -> None:
    for side in (28, 33):
        with torch.device("meta"):
            model = _example(key, side)
        result = trace(model, (1, 1, side, side))
        assert not get_plan(model, (1, 1, side, side)).opaque  # replayed by its rule
        shapes = real_shapes(model, torch.zeros(1, 1, side, side, device="meta"))
        for r in result.records:
            assert shapes[r.name] == r.output_shape, (key, side, r.name)
        layer = result.leaves()[-1]
        assert layer.kind == key and of(layer) is TYPES[key]
        assert layer.params == sum(p.numel() for p in list(model.children())[-1].parameters())
        assert describe(layer, "ko") and describe(layer, "en")
        if TYPES[key].box != "merge":  # said in words (a merge is drawn as + or C)
            assert describe(layer, "ko") != layer.type or layer.type in ("ReLU", "GELU")
    offer = TYPES[key].offer
    if offer is not None:  # the builder names it and its settings in both languages
        assert f"item.{key}" in CATALOGUE
        for f in offer.settings:
            assert f"field.{key}.{f.name}" in CATALOGUE or f"field.{f.name}" in CATALOGUE
    if TYPES[key].folds or TYPES[key].minor:  # no shape change, no MACs
        assert layer.macs == 0
        assert layer.receptive_field == 3  # the 3x3 conv's, unchanged (by hand)


def test_activations_and_dropouts_fold_into_the_box_before_them_alike() -> None:
    with torch.device("meta"):
        acts = [nn.ReLU(), nn.GELU(), nn.LeakyReLU(0.1), nn.Sigmoid(), nn.Tanh(), nn.Dropout2d(0.1),
                nn.Dropout(0.5), nn.BatchNorm2d(4)]
        model = nn.Sequential(*(m for act in acts for m in (nn.Conv2d(4, 4, 3, padding=1), act)))
    result = trace(model.eval(), (1, 4, 16, 16))
    boxes = _boxes(result, DiagramOptions(detail="layers"))
    assert [b.kind for b in boxes] == ["conv"] * len(acts)
    assert [[f.type for f in b.folded] for b in boxes] == [[type(a).__name__] for a in acts]
    assert [r.type for r in table_records(result)] == ["Conv2d"] * len(acts)  # rows: minor ones hidden


# ---- Transposed convolution, by hand ---------------------------------------------------------

@pytest.mark.parametrize(("args", "out", "macs", "params"), [
    # (7 - 1)*2 - 2*1 + 1*(3 - 1) + 1 + 1 = 14; MACs 8 * 4 * 3*3 * 7*7 = 14,112;
    # weights 8 * 4 * 3*3 = 288, + 4 biases
    (dict(kernel_size=3, stride=2, padding=1, output_padding=1), 14, 14_112, 292),
    # groups 2: (7 - 1)*2 + 1*(2 - 1) + 1 = 14; MACs 8 * 4/2 * 2*2 * 49 = 3,136; 8*2*2*2 + 4 = 68
    (dict(kernel_size=2, stride=2, groups=2), 14, 3_136, 68),
    # dilation 2, stride 1, no bias: (7 - 1) + 2*(3 - 1) + 1 = 11; 8*4*9*49 = 14,112; 288
    (dict(kernel_size=3, dilation=2, bias=False), 11, 14_112, 288),
])
def test_transposed_convolution_by_hand(args: dict[str, Any], out: int, macs: int, params: int) -> None:
    with torch.device("meta"):
        model = nn.Sequential(nn.ConvTranspose2d(8, 4, **args))
    r = trace(model, (1, 8, 7, 7)).find("0")
    assert r.output_shape == (1, 4, out, out)
    assert real_shapes(model, torch.zeros(1, 8, 7, 7, device="meta"))["0"] == r.output_shape
    assert (r.macs, r.params) == (macs, params)
    assert conv_weights([r]) == params - (4 if args.get("bias", True) else 0)
    assert size_formula(r).endswith(f"= {out}") and dropped(r) == 0


def test_transposed_convolution_explains_its_numbers() -> None:
    with torch.device("meta"):
        model = nn.Sequential(nn.Conv2d(1, 8, 3), nn.MaxPool2d(2),
                              nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1))
    result = trace(model, (1, 1, 16, 16))  # 16 -> 14 -> 7 -> 14
    r = result.find("2")
    assert size_formula(r) == "(7 - 1)*2 - 2*1 + 1*(3 - 1) + 1 + 1 = 14"
    lines = layer_arithmetic(r, "en")
    assert any("8 × 4 × 3 × 3 + 4 = 292" in line for line in lines)
    assert any("8 × 7 × 7 × 4 × 3 × 3 = 14,112" in line for line in lines)
    # Receptive field by hand: conv 3 (jump 1), pool 2 -> 4 (jump 2); the transposed conv
    # gathers ceil(3/2) = 2 input pixels per side: 4 + (2 - 1) * 2 = 6, jump 2 / 2 = 1.
    assert (r.receptive_field, r.jump) == (6, 1)
    assert describe(r, "ko") == "전치 합성곱 3×3, 보폭 2 · 필터 4개"
    assert result.weighted_depth == 2  # conv and the transposed conv


def test_output_padding_not_below_the_stride_is_refused_in_the_tracers_words() -> None:
    with torch.device("meta"):
        model = nn.Sequential(nn.ConvTranspose2d(3, 4, 3, stride=2, output_padding=2))
    with pytest.raises(ShapeError) as info:
        trace(model, (1, 3, 8, 8))
    assert info.value.code == "output_padding"
    assert "출력 패딩 2는 보폭 2보다 작아야" in info.value.message("ko")


# ---- Upsampling, by hand ---------------------------------------------------------------------

@pytest.mark.parametrize(("mode", "scale", "side", "out", "field"), [
    # conv 3 (rf 3, jump 1), pool 2 (rf 4, jump 2); nearest x2 copies: rf 4, jump 1
    ("nearest", 2, 16, 14, (4, 1)),
    # bilinear blends 2 neighbours per side, one jump (2) apart: rf 4 + 2 = 6, jump 1
    ("bilinear", 2, 16, 14, (6, 1)),
    # x3 does not divide the jump 2: no whole-pixel receptive field; floor(7 * 3) = 21
    ("nearest", 3, 16, 21, (None, None)),
    # floor(6 * 1.5) = 9 (17 -> 15 -> 7; 7 * 1.5 = 10.5 -> 10)
    ("bilinear", 1.5, 17, 10, (None, None)),
])
def test_upsampling_by_hand(mode: str, scale: float, side: int, out: int,
                            field: tuple[int | None, int | None]) -> None:
    with torch.device("meta"):
        model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.MaxPool2d(2), nn.Upsample(scale_factor=scale, mode=mode))
    result = trace(model, (1, 1, side, side))
    r = result.find("2")
    assert r.kind == ("upsample" if mode == "nearest" else "upsample_bilinear")
    assert r.output_shape == (1, 4, out, out)
    assert real_shapes(model, torch.zeros(1, 1, side, side, device="meta"))["2"] == r.output_shape
    assert (r.macs, r.params) == (0, 0)  # fixed weights: nothing learned, no MACs counted
    assert (r.receptive_field, r.jump) == field


def test_an_upsample_of_another_mode_is_not_taken_for_a_twin() -> None:
    """Two models alike but for the upsampling's mode share a module tree: the second must not
    reuse the first's plan (its layer type differs)."""
    with torch.device("meta"):
        a = nn.Sequential(nn.Conv2d(1, 4, 3), nn.Upsample(scale_factor=2, mode="nearest"))
        b = nn.Sequential(nn.Conv2d(1, 4, 3), nn.Upsample(scale_factor=2, mode="bilinear"))
        c = nn.Sequential(nn.Conv2d(1, 4, 3), nn.Upsample(scale_factor=2, mode="bicubic"))
    assert trace(a, (1, 1, 9, 9)).find("1").kind == "upsample"
    assert trace(b, (1, 1, 9, 9)).find("1").kind == "upsample_bilinear"
    assert trace(c, (1, 1, 9, 9)).find("1").output_shape == (1, 4, 14, 14)  # opaque: recorded
    assert get_plan(c, (1, 1, 9, 9)).opaque


# ---- The builder ----------------------------------------------------------------------------

ENCODER_DECODER = {"name": "encoder-decoder", "input": [1, 28], "items": [
    {"type": "conv", "out": 16}, {"type": "relu"}, {"type": "maxpool"},
    {"type": "conv", "out": 32}, {"type": "relu"}, {"type": "maxpool"},
    {"type": "conv_transpose", "out": 16}, {"type": "relu"},
    {"type": "upsample_bilinear"},
    {"type": "conv", "out": 1}]}


def test_an_encoder_decoder_grows_its_map_back() -> None:
    design = ds.decode(ds.encode(ds.parse(ENCODER_DECODER)))
    assert [layer.shape[2] for layer in ds.layers(design)] == [28, 28, 14, 14, 14, 7, 14, 14, 28, 28]
    net = ds.build(design)
    result = trace(net, (1, 1, 28, 28))
    assert result.output_shape == (1, 1, 28, 28)
    # By hand: conv1 16*1*9 + 16 = 160; conv2 32*16*9 + 32 = 4,640; the transposed conv
    # 32*16*2*2 + 16 = 2,064; conv3 1*16*9 + 1 = 145.
    assert result.total_params == 160 + 4_640 + 2_064 + 145 == sum(p.numel() for p in net.parameters())
    # MACs: 16*28*28*9 + 32*14*14*16*9 + 32*16*2*2*7*7 + 1*28*28*16*9
    assert result.total_macs == 112_896 + 903_168 + 100_352 + 112_896
    assert [r.label for r in result.leaves()][6:9] == ["deconv1", "relu3", "up1"]
    # the file a student takes home builds the same network
    space: dict[str, Any] = {}
    exec(compile(code(design), "net.py", "exec"), space)  # our own generated file
    home = space["build"]()
    assert sum(p.numel() for p in home.parameters()) == result.total_params
    assert tuple(home(torch.zeros(1, 1, 28, 28)).shape) == (1, 1, 28, 28)
    # and the network reads back as the same design (the offer's data inverts its make)
    items = [block_data(m) for m in net.children()]
    assert ds.parse({"input": [1, 28], "items": items}).items == design.items


def test_the_builder_says_shape_errors_in_the_tracers_words() -> None:
    """A window too large for its map: the builder's message is the tracer's, item number first."""
    data = {"input": [1, 28], "items": [
        {"type": "conv", "out": 8, "kernel": 5, "padding": 0}, {"type": "maxpool"},
        {"type": "conv", "out": 8, "kernel": 15, "padding": 0}]}
    with pytest.raises(ds.LayerRefused) as info:
        ds.layers(ds.parse(data))
    with torch.device("meta"):
        net = nn.Sequential()
        net.add_module("conv1", nn.Conv2d(1, 8, 5))
        net.add_module("pool1", nn.MaxPool2d(2))
        net.add_module("conv2", nn.Conv2d(8, 8, 15))
    with pytest.raises(ShapeError) as traced:
        trace(net, (1, 1, 28, 28))
    for lang in ("en", "ko"):
        said = traced.value.message(lang).split("; ")[0]
        assert info.value.message(lang) == t("design.err.at", lang, n=3, text=said)


def test_a_transposed_conv_after_flatten_is_refused_as_the_tracer_would() -> None:
    data = {"input": [1, 8], "items": [{"type": "flatten"}, {"type": "conv_transpose"}]}
    with pytest.raises(ds.LayerRefused) as info:
        ds.layers(ds.parse(data))
    assert (info.value.code, info.value.item) == ("rank", 1)
    assert "deconv1 expects 4-D feature maps but gets shape (1, 64)" in info.value.message("en")


def test_a_map_grown_past_the_limit_is_refused_not_overflowed() -> None:
    """Upsampling x8 again and again (a hostile link may ask it): 1024 * 8 * 8 = 65,536 is the
    largest side; the next one is refused in words, before any float can overflow."""
    data = {"input": [1, 1024], "items": [{"type": "upsample", "scale": 8, "repeat": 64}] * 64}
    with pytest.raises(ds.LayerRefused) as info:
        ds.layers(ds.parse(data))
    assert (info.value.code, info.value.item, info.value.values["layer"]) == ("huge", 0, "up3")
    assert "524,288x524,288" in info.value.message("en")
