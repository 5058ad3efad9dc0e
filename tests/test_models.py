"""The zoo against torchvision and the papers."""

from __future__ import annotations

import pytest
import torch
from torch import nn

import models
from models import build_model, get_entry, list_models
from visualizer.i18n import t
from visualizer.trace import get_plan, trace, valid_sides

TORCHVISION_PARAMS = {  # torchvision's documentation, "Params" column
    "alexnet": 61_100_840, "googlenet": 6_624_904, "resnet18": 11_689_512,
    "resnet34": 21_797_672, "resnet50": 25_557_032, "resnet101": 44_549_160,
    "resnet152": 60_192_808, "densenet121": 7_978_856, "densenet161": 28_681_000,
    "densenet169": 14_149_480, "densenet201": 20_013_928,
}


def n_params(m: torch.nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())


def test_registry_has_the_issue_names() -> None:
    expected = {"alexnet", "alexnet_paper", "googlenet", "googlenet_paper", "resnet18",
                "resnet34", "resnet50", "resnet101", "resnet152", "densenet121", "densenet161",
                "densenet169", "densenet201", "densenet_bc_100", "residual_block",
                "resnet20", "resnet56", "plain20", "plain56",
                "googlenet_d2l", "resnet18_d2l", "densenet_notebook"}  # the lecture's notebooks
    assert set(list_models()) == expected
    families = [get_entry(n).family for n in list_models()]
    assert families == sorted(families, key=["AlexNet", "GoogLeNet", "ResNet", "DenseNet"].index)


def test_the_zoo_imports_nothing_else_of_the_project() -> None:
    """models/ is pure PyTorch and the registry: no tracer, no catalogue, no page."""
    import ast
    from pathlib import Path

    for path in Path(models.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                    [a.name for a in node.names]
                for name in names:
                    assert name.split(".")[0] in {"__future__", "models", "torch", "collections",
                                                  "dataclasses", "typing", "inspect", "difflib",
                                                  "itertools", "math"}, (path.name, name)


def test_variants_take_their_family_builders_knobs() -> None:
    """One-line variants (as torchvision's) still list every knob, with their own defaults."""
    assert get_entry("resnet50").defaults()["layers"] == (3, 4, 6, 3)
    assert get_entry("resnet50").defaults()["stem_kernel"] == 7
    assert get_entry("densenet161").defaults()["growth_rate"] == 48
    assert get_entry("densenet169").defaults()["growth_rate"] == 32
    assert "cifar_stem" not in get_entry("densenet_bc_100").defaults()
    assert [n for n in list_models() if not get_entry(n).takes_images] == ["residual_block"]


@pytest.mark.parametrize("name", list_models())
def test_entry_is_complete(name: str) -> None:
    e = get_entry(name)
    assert e.family and e.title and e.year >= 2012
    assert e.arxiv.startswith("https://")
    assert len(e.default_input) == 3
    assert len(t(f"note.{name}", "en")) > 80 and len(t(f"note.{name}", "ko")) > 40
    assert e.factory.__doc__ and "http" in e.factory.__doc__  # each factory cites its paper


@pytest.mark.parametrize("name", list_models())
def test_builds_on_meta_and_cpu(name: str) -> None:
    meta = build_model(name)
    assert all(p.device.type == "meta" for p in meta.parameters())
    cpu = build_model(name, device="cpu")
    assert all(p.device.type == "cpu" for p in cpu.parameters())
    assert n_params(meta) == n_params(cpu)
    assert not cpu.training


@pytest.mark.parametrize("name", list_models())
def test_real_cpu_forward_matches_trace(name: str) -> None:
    """A real forward at the smallest valid size gives exactly the traced shapes."""
    from tests.conftest import real_shapes

    e = get_entry(name)
    meta = build_model(name)
    c = e.default_input[0]
    low = valid_sides(get_plan(meta, (1, c, *e.default_input[1:])))
    assert low is not None
    side = low[0]
    result = trace(meta, (1, c, side, side))
    torch.manual_seed(0)
    cpu = build_model(name, device="cpu")
    shapes = real_shapes(cpu, torch.randn(1, c, side, side))
    for r in result.records:
        assert shapes[r.name] == r.output_shape, r.name
    num_classes = get_entry(name).defaults()["num_classes"]
    assert shapes[""] == (1, num_classes)


@pytest.mark.parametrize("name", sorted(TORCHVISION_PARAMS))
def test_parameter_counts_equal_torchvision(name: str, torchvision_meta: dict) -> None:
    count = n_params(build_model(name))
    assert count == TORCHVISION_PARAMS[name] == torchvision_meta[name]["num_params"]


# The ResNet paper, Table 6 (CIFAR-10): 0.27 M and 0.85 M parameters. Worked by hand for
# n = 3: conv1 3*16*9 + 32 (BN) = 464; stage 1: 6 * (16*16*9 + 32) = 14,016; stage 2:
# 16*32*9 + 5 * 32*32*9 + 6 * 64 = 51,072; stage 3: 32*64*9 + 5 * 64*64*9 + 6 * 128 = 203,520;
# fc 64*10 + 10 = 650: 269,722 in all.
@pytest.mark.parametrize(("name", "params", "paper", "depth"), [
    ("resnet20", 269_722, 0.27, 20), ("plain20", 269_722, 0.27, 20),
    ("resnet56", 853_018, 0.85, 56), ("plain56", 853_018, 0.85, 56),
])
def test_cifar_networks_against_the_paper(name: str, params: int, paper: float, depth: int) -> None:
    model = build_model(name, device="cpu")
    assert n_params(model) == params and round(params / 1e6, 2) == paper
    r = trace(build_model(name), (1, 3, 32, 32), model_name=name)
    assert r.weighted_depth == depth
    convs = [x for x in r.leaves() if x.type == "Conv2d"]
    # section 4.2: 1 + 2n layers on 32 px maps with 16 filters, 2n on 16 px with 32, 2n on 8 px
    n = (depth - 2) // 6
    by_map = [(x.output_shape[2], x.output_shape[1]) for x in convs]
    assert by_map == [(32, 16)] * (1 + 2 * n) + [(16, 32)] * (2 * n) + [(8, 64)] * (2 * n)
    adds = [x for x in r.leaves() if x.type == "Add"]
    assert len(adds) == (3 * n if name.startswith("resnet") else 0)


def test_option_a_shortcut_subsamples_and_pads_with_zeros() -> None:
    from models.ops import ShortcutA

    x = torch.arange(2 * 4 * 4, dtype=torch.float32).reshape(1, 2, 4, 4)
    y = ShortcutA(2, 5, 2)(x)
    assert y.shape == (1, 5, 2, 2)
    assert torch.equal(y[0, :2], x[0, :, ::2, ::2]) and not y[0, 2:].any()
    block = build_model("resnet20", device="cpu").get_submodule("layer2.0")
    assert isinstance(block.downsample, ShortcutA)
    with pytest.raises(ValueError, match="6n"):
        models.cifar.cifar_net(21, residual=True)


def test_googlenet_aux_and_paper_counts() -> None:
    assert n_params(build_model("googlenet", aux_logits=True)) == 13_004_888
    # Paper AlexNet: worked by hand in models/alexnet.py's docstring, layer by layer.
    assert n_params(build_model("alexnet_paper")) == 60_965_224
    # DenseNet-BC (L=100, k=12): Table 2 of the paper gives 0.8M.
    assert round(n_params(build_model("densenet_bc_100")) / 1e6, 1) == 0.8


@pytest.mark.parametrize("name", [*sorted(TORCHVISION_PARAMS), "googlenet_aux"])
def test_state_dict_equals_torchvision(name: str, torchvision_state_dicts: dict) -> None:
    """Keys and shapes equal torchvision's, so its checkpoints load with strict=True."""
    model = build_model("googlenet", aux_logits=True) if name == "googlenet_aux" else build_model(name)
    ours = {k: list(v.shape) for k, v in model.state_dict().items()}
    assert ours == torchvision_state_dicts[name]


def test_torchvision_style_checkpoint_loads_strict() -> None:
    reference = build_model("resnet18", device="cpu")
    state = {k: torch.randn_like(v) if v.is_floating_point() else v
             for k, v in reference.state_dict().items()}
    model = build_model("resnet18", device="cpu")
    model.load_state_dict(state, strict=True)
    assert torch.equal(model.get_parameter("fc.weight"), state["fc.weight"])


def test_config_knobs() -> None:
    conv1 = build_model("alexnet", conv1_stride=2).get_submodule("features.0")
    assert isinstance(conv1, nn.Conv2d) and conv1.stride == (2, 2)
    conv2 = build_model("densenet121", growth_rate=12).get_submodule("features.denseblock1.denselayer1.conv2")
    assert isinstance(conv2, nn.Conv2d) and conv2.out_channels == 12
    fc = build_model("resnet18", in_channels=1, num_classes=10).get_submodule("fc")
    assert isinstance(fc, nn.Linear) and fc.out_features == 10


def test_unknown_knob_lists_valid_ones() -> None:
    with pytest.raises(ValueError, match="conv1_stride") as info:
        build_model("alexnet", conv1_strid=2)
    assert "conv1_strid" in str(info.value)


@pytest.mark.parametrize(("name", "config", "match"), [
    ("alexnet", {"conv1_stride": 0}, "conv1_stride must be between 1"),
    ("alexnet", {"conv1_kernel": "11"}, "whole number"),
    ("densenet121", {"compression": 1.5}, "compression"),
    ("densenet121", {"block_config": (6, 0)}, r"block_config\[1\]"),
    ("resnet18", {"layers": (2, 2)}, "widths must have 2 entries"),
    ("residual_block", {"in_channels": 64, "out_dim": 32}, "out_dim"),
    ("alexnet_paper", {"filters": (95, 256, 384, 384, 256)}, "divisible"),
    ("googlenet", {"inception": {"inception9z": (1, 1, 1, 1, 1, 1)}}, "unknown Inception"),
])
def test_invalid_knob_values(name: str, config: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        build_model(name, **config)


def test_unknown_model_suggests_close_names() -> None:
    with pytest.raises(ValueError, match=r"Did you mean [^?]*\bresnet50\b"):
        models.get_entry("resnet5")


def test_no_inplace_ops_in_models() -> None:
    for name in list_models():
        for m in build_model(name).modules():
            assert not getattr(m, "inplace", False), (name, m)


@pytest.mark.parametrize(("name", "config", "code"), [
    ("densenet121", {"growth_rate": 0}, "range"),
    ("densenet121", {"growth_rate": 2.5}, "not_int"),
    ("densenet121", {"block_config": ()}, "empty"),
    ("densenet121", {"compression": 1.5}, "theta"),
    ("alexnet_paper", {"groups": 7}, "groups"),
    ("googlenet", {"aux_logits": "yes"}, "aux_bool"),
    ("googlenet", {"inception": {"inception9z": (1, 1, 1, 1, 1, 1)}}, "inception_unknown"),
    ("googlenet", {"inception": {"inception3a": (1, 1, 1, 1, 1)}}, "inception_widths"),
    ("alexnet", {"colour": 3}, "unknown_setting"),
    ("alexnett", {}, "unknown_arch"),
])
def test_config_errors_carry_a_code_said_in_both_languages(name: str, config: dict, code: str) -> None:  # type: ignore[type-arg]
    """A setting the zoo cannot build is a ConfigError whose code and values the catalogue
    turns into Korean and English (the zoo itself has no UI text)."""
    from models import ConfigError
    from visualizer.i18n import t

    with pytest.raises(ConfigError) as info:
        build_model(name, **config)
    assert info.value.code == code
    ko, en = t(f"cfg.{code}", "ko", **info.value.values), t(f"cfg.{code}", "en", **info.value.values)
    assert ko != en and "{" not in ko + en
