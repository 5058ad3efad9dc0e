"""The tracer: hand-worked shapes, totals against torchvision and torchinfo, ShapeErrors."""

from __future__ import annotations

import pickle

import pytest
import torch
import torchinfo

from models import build_model, get_entry, list_models
from tests.conftest import real_shapes
from visualizer import ShapeError, trace
from visualizer.trace import trace_named

PUBLISHED_GMACS = {  # torchvision's documentation, "GFLOPS" column (which counts MACs)
    "alexnet": 0.71, "googlenet": 1.50, "resnet18": 1.81, "resnet50": 4.09,
    "resnet152": 11.51, "densenet121": 2.83, "densenet201": 4.29,
}


def spatial(result, labels):
    return [result.find(label).output_shape[2] for label in labels]


def test_alexnet_224_hand_worked() -> None:
    r = trace_named("alexnet", 224)
    # floor((224 + 2*2 - 11)/4) + 1 = 55; floor((55-3)/2)+1 = 27; 27 -> 13; 13 -> 6
    assert spatial(r, ["conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5",
                       "pool5", "avgpool"]) == [55, 27, 27, 13, 13, 13, 13, 6, 6]
    assert r.find("flatten").output_shape == (1, 9216)
    assert r.output_shape == (1, 1000)


def test_alexnet_paper_227_and_224() -> None:
    r = trace_named("alexnet_paper", 227)
    assert spatial(r, ["conv1", "pool1", "pool2", "pool5"]) == [55, 27, 13, 6]
    assert r.find("flatten").output_shape == (1, 9216)
    assert r.find("fc6").params == 37_752_832  # 9216 * 4096 + 4096
    with pytest.raises(ShapeError) as info:
        trace_named("alexnet_paper", 224)
    err = info.value
    assert err.layer == "fc6"
    assert "9216" in str(err) and "6400" in str(err)  # 256 * 5 * 5 = 6400
    assert err.valid == (227, 258)
    assert "227 to 258" in str(err)


def test_alexnet_paper_at_224_before_fc6() -> None:
    """At 224 the paper layout gives 54 / 26 / 12 / 5: worked by hand."""
    model = build_model("alexnet_paper", device="meta")
    assert real_shapes(model, torch.zeros(1, 3, 227, 227, device="meta"))["conv1"][2] == 55
    cut = torch.nn.Sequential(*list(model.children())[:16])  # conv1 ... flatten
    assert cut(torch.zeros(1, 3, 224, 224, device="meta")).shape[1] == 6400
    seq = real_shapes(cut, torch.zeros(1, 3, 224, 224, device="meta"))
    assert [seq[k][2] for k in ("0", "3", "7", "14")] == [54, 26, 12, 5]


def test_alexnet_paper_receptive_fields() -> None:
    r = trace_named("alexnet_paper", 227)
    rf = [r.find(n).receptive_field for n in
          ("conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5", "pool5")]
    assert rf == [11, 19, 51, 67, 99, 131, 163, 195]
    assert r.find("pool5").jump == 32


def test_googlenet_inception3a() -> None:
    r = trace_named("googlenet", 224)
    assert r.find("inception3a").output_shape == (1, 256, 28, 28)  # 64 + 128 + 32 + 32


def test_densenet121_channels() -> None:
    r = trace_named("densenet121", 224)
    assert r.find("features.denseblock1").output_shape[1] == 256  # 64 + 6 * 32
    assert r.find("features.transition1").output_shape[1] == 128
    assert r.find("features.transition2").input_shapes[0][1] == 512  # 128 + 12 * 32


def test_resnet50_layer1() -> None:
    assert trace_named("resnet50", 224).find("layer1").output_shape == (1, 256, 56, 56)


def test_densenet_bc_100_blocks() -> None:
    r = trace_named("densenet_bc_100", 32)
    sizes = [r.find(f"features.denseblock{i}").output_shape[2:] for i in (1, 2, 3)]
    assert sizes == [(32, 32), (16, 16), (8, 8)]
    # k0 + 16 k = 24 + 192 = 216, then floor(216 / 2) = 108, 108 + 192 = 300, 150 + 192 = 342
    channels = [r.find(f"features.denseblock{i}").output_shape[1] for i in (1, 2, 3)]
    assert channels == [216, 300, 342]


@pytest.mark.parametrize("name", sorted(PUBLISHED_GMACS))
def test_macs_match_torchvision_published(name: str) -> None:
    r = trace_named(name, 224)
    assert round(r.total_macs / 1e9, 2) == PUBLISHED_GMACS[name]


@pytest.mark.slow  # every model through torchinfo or a real forward
@pytest.mark.parametrize("name", [*sorted(PUBLISHED_GMACS), "alexnet_paper"])
def test_totals_agree_with_torchinfo(name: str) -> None:
    size = 227 if name == "alexnet_paper" else 224
    model = build_model(name)
    info = torchinfo.summary(model, input_size=(1, 3, size, size), device="meta", verbose=0)
    r = trace(model, (1, 3, size, size), model_name=name)
    assert r.total_params == info.total_params
    assert abs(info.total_mult_adds - r.total_macs) / r.total_macs < 1e-3


@pytest.mark.slow  # every model through torchinfo or a real forward
@pytest.mark.parametrize("name", list_models())
def test_replay_equals_real_forward_at_several_sizes(name: str) -> None:
    """The fast path (replayed formulas) equals a real hooked forward on meta, size by size."""
    e = get_entry(name)
    model = build_model(name)
    c = e.default_input[0]
    first = trace(model, (1, c, *e.default_input[1:]), model_name=name)  # records the plan
    assert first.records
    sizes = ([230, 241, 254] if name in ("alexnet_paper", "googlenet_paper") else
             [32, 35, 39] if name == "densenet_notebook" else [64, 97, 150, 301, 512])  # its head: 32-39
    for side in sizes:
        replayed = trace(model, (1, c, side, side), model_name=name)
        shapes = real_shapes(model, torch.zeros(1, c, side, side, device="meta"))
        for r in replayed.records:
            assert shapes[r.name] == r.output_shape, (name, side, r.name)


def test_non_square_and_batch() -> None:
    r = trace_named("resnet18", (224, 160), batch=2)
    assert r.find("layer4").output_shape == (2, 512, 7, 5)
    assert r.total_macs == 2 * trace_named("resnet18", (224, 160)).total_macs


@pytest.mark.parametrize(("name", "smallest", "layer"), [
    ("alexnet", 63, "pool5"), ("googlenet", 15, "maxpool3"), ("densenet121", 29, None),
])
def test_smallest_input_is_computed(name: str, smallest: int, layer: str | None) -> None:
    trace_named(name, smallest)  # passes
    with pytest.raises(ShapeError) as info:
        trace_named(name, smallest - 1)
    assert info.value.smallest == smallest
    assert info.value.valid == (smallest, None)
    assert f"at least {smallest}x{smallest}" in str(info.value)
    if layer:
        assert info.value.layer == layer
    assert "kernel is" in str(info.value)


def test_shape_error_in_korean() -> None:
    with pytest.raises(ShapeError) as info:
        trace_named("alexnet", 62)
    assert info.value.message("ko") == (
        "pool5 (features.12) 층은 2×2 입력을 받는데 커널은 3×3입니다; 입력을 63×63 이상으로 하세요")


@pytest.mark.parametrize("shape", [(1, 3, 0, 224), (1, 3, -5, 224), (1, 3, 2.5, 224),
                                   (1, 3, 10**9, 224), (0, 3, 224, 224), "abc", (1, 3, 224, 224, 1),
                                   (1, 3, True, 224)])
def test_nonsense_shapes(shape) -> None:
    with pytest.raises(ValueError, match=r"must be|input shape") as info:
        trace(build_model("alexnet"), shape)
    assert not isinstance(info.value, ShapeError)


def test_channel_mismatch_is_a_plain_message() -> None:
    with pytest.raises(ValueError, match="conv1 expects 3 input channels but the input has 1"):
        trace(build_model("alexnet"), (1, 1, 224, 224))


def test_fashion_mnist_settings() -> None:
    r = trace_named("alexnet", 224, channels=1, num_classes=10)
    assert r.input_shape == (1, 1, 224, 224)
    assert r.output_shape == (1, 10)
    assert r.find("conv1").params == 64 * 1 * 11 * 11 + 64


def test_result_is_picklable_plain_data() -> None:
    r = trace_named("densenet121", 96)
    again = pickle.loads(pickle.dumps(r))
    assert again == r


def test_hooks_are_removed() -> None:
    model = build_model("resnet18")
    trace(model, (1, 3, 224, 224))
    assert all(not m._forward_hooks and not m._forward_pre_hooks for m in model.modules())


def test_hooks_removed_after_failed_forward() -> None:
    model = build_model("alexnet_paper")
    with pytest.raises(ShapeError):
        trace(model, (1, 3, 100, 100))
    assert all(not m._forward_hooks and not m._forward_pre_hooks for m in model.modules())


def test_container_totals_are_subtree_sums() -> None:
    r = trace_named("resnet50", 224)
    layer1 = r.find("layer1")
    inside = [x for x in r.leaves() if x.name.startswith("layer1.")]
    assert layer1.macs_total == sum(x.macs for x in inside)
    assert r.records[0].params_total == r.total_params


@pytest.mark.parametrize(("name", "base", "changed"), [
    ("alexnet", {}, {"conv1_kernel": 7, "conv1_stride": 2, "conv1_padding": 3}),
    ("densenet121", {}, {"growth_rate": 12, "compression": 0.7}),
    ("resnet18", {}, {"stem_kernel": 3, "widths": (32, 64, 128, 256)}),
    ("googlenet_paper", {}, {"inception": {"inception3a": (32, 48, 64, 8, 16, 16)}}),
])
def test_structure_reuse_equals_real_forward(name: str, base: dict, changed: dict) -> None:
    """A model with the same module tree but other settings reuses the recorded call graph
    (no forward pass); its shapes and parameters must still be exactly the real ones."""
    from visualizer.trace.caches import counts_here

    c, h, w = get_entry(name).default_input
    trace(build_model(name, **base), (1, c, h, w))
    model = build_model(name, **changed)
    before = counts_here()
    result = trace(model, (1, c, h, w), model_name=name)
    # reused, not recorded again (counted: a full cache's length would not tell)
    assert counts_here()["recorded"] == before["recorded"]
    assert counts_here()["rebased"] == before["rebased"] + 1
    shapes = real_shapes(model, torch.zeros(1, c, h, w, device="meta"))
    for r in result.records:
        assert shapes[r.name] == r.output_shape, r.name
    assert result.total_params == sum(p.numel() for p in model.parameters())
    for r in result.records:
        own = dict(model.named_modules())[r.name]
        assert r.params == sum(p.numel() for p in own.parameters(recurse=False))


LAYER_KNOB_CASES = [  # (model, knobs, train): each a change of layer settings, no forward pass
    ("alexnet", {"conv1_kernel": 7, "conv1_stride": 2, "conv1_padding": 3}, False),
    ("alexnet", {"num_classes": 10, "conv1_kernel": 5}, True),
    ("alexnet_paper", {"conv1_kernel": 9, "conv1_padding": 1, "num_classes": 10}, False),
    ("googlenet", {"num_classes": 10}, False),
    ("googlenet", {"num_classes": 10, "aux_logits": True}, True),  # aux classifiers run
    ("googlenet_paper", {"num_classes": 7}, False),  # aux classifiers idle, still resized
    ("resnet18", {"stem_kernel": 3, "stem_stride": 1, "num_classes": 100}, False),
    ("resnet50", {"stem_kernel": 5, "widths": (32, 64, 128, 256)}, False),
    ("densenet121", {"num_classes": 10, "growth_rate": 12}, False),
    ("densenet_bc_100", {"num_classes": 100}, False),
    ("residual_block", {"num_classes": 3}, False),
]


@pytest.mark.parametrize(("name", "knobs", "train"), LAYER_KNOB_CASES)
def test_layer_knobs_equal_the_built_model(name: str, knobs: dict, train: bool) -> None:
    """conv1's kernel or the classes change settings of single layers and leave the module
    tree as it is: ``trace_named`` builds that model but records no forward pass (the call
    graph of the same tree is reused, derived from the built model). Shapes and parameters
    must be those of the model really built with those knobs and run forward, and every
    other number (MACs, receptive fields) that of tracing that model."""
    from visualizer.trace import caches
    from visualizer.trace.caches import counts_here

    c, h, w = get_entry(name).default_input
    tree = {k: v for k, v in knobs.items() if k == "aux_logits"}  # aux heads: another tree
    # The twin's structure recorded afresh: in a full run, sixty-odd other models can have
    # pushed it out of STRUCTURES (64, first in first out) while its model stayed cached.
    caches.PLANS.clear()
    caches.STRUCTURES.clear()
    trace_named(name, h, train=train, **tree)
    recorded_before = counts_here()["recorded"]
    result = trace_named(name, h, train=train, **knobs)
    assert counts_here()["recorded"] == recorded_before  # no forward pass (counted, not len)
    model = build_model(name, **knobs).train(train)
    shapes = real_shapes(model, torch.zeros(1, c, h, w, device="meta"))
    modules = dict(model.named_modules())
    assert set(shapes) >= {r.name for r in result.records if r.depth}  # train GoogLeNet's
    for r in result.records:                                        # root returns a tuple
        assert shapes.get(r.name, r.output_shape) == r.output_shape, r.name
        assert r.params == sum(p.numel() for p in modules[r.name].parameters(recurse=False)), r.name
    assert result.total_params == sum(p.numel() for p in model.parameters())
    assert result == trace(model, (1, c, h, w), model_name=name)


def test_layer_knob_that_breaks_names_the_layer_and_bad_values_are_refused() -> None:
    # The paper's AlexNet with conv1 padded by 2: 231 -> 56 -> 27 -> 13 -> 6 ... worked by
    # hand at 227: (227 + 4 - 11) / 4 + 1 = 56, pool 27, pool 13, pool 6: fc6 still fits;
    # with stride 3 instead: (227 - 11) / 3 + 1 = 73 -> 36 -> 17 -> 8: 256 * 8 * 8 = 16384.
    with pytest.raises(ShapeError) as info:
        trace_named("alexnet_paper", 227, conv1_stride=3)
    assert info.value.layer == "fc6" and "16384" in str(info.value)
    assert trace_named("alexnet_paper", 227, conv1_padding=2).find("conv1").output_shape[2] == 56
    with pytest.raises(ValueError, match="conv1_kernel"):
        trace_named("alexnet", 224, conv1_kernel=0)
    with pytest.raises(ValueError, match="num_classes"):
        trace_named("densenet121", 224, num_classes=-3)
    with pytest.raises(ValueError, match="no setting 'stem_size'"):
        trace_named("resnet18", 224, stem_size=3, stem_kernel=3)


class _Doubled(torch.nn.Module):
    """A container that computes inline (x * 2): hooks cannot see that step."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(x) * 2


@pytest.mark.parametrize("make", [
    lambda: torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.PixelShuffle(2),
                                torch.nn.MaxPool2d(2)),
    lambda: torch.nn.Sequential(_Doubled(), torch.nn.ReLU()),
])
def test_models_outside_the_zoo_are_traced_by_a_hooked_forward(make) -> None:  # type: ignore[no-untyped-def]
    """Layers with no replay rule (PixelShuffle) or computing containers make the plan opaque; the
    tracer then records at each requested size instead of replaying, and stays exact."""
    with torch.device("meta"):
        model = make()
    for side in (32, 45):
        result = trace(model, (1, 3, side, side))
        shapes = real_shapes(model, torch.zeros(1, 3, side, side, device="meta"))
        for r in result.records:
            assert shapes[r.name] == r.output_shape, (side, r.name)
    conv = next(r for r in result.leaves() if r.type == "Conv2d")
    assert conv.macs == conv.output_shape[1] * 43 * 43 * 3 * 9  # 45 - 3 + 1 = 43


