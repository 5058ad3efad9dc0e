"""Why shortcuts matter: gradient sizes and DenseNet's feature reuse against cases worked by hand."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from models import build_model
from models.cifar import cifar_net
from visualizer.shortcuts import (
    conv_gradients,
    dense_reuse,
    depth_gradients,
    googlenet_gradients,
    preference,
    relative,
    spread,
)


def total(out: object) -> torch.Tensor:
    assert isinstance(out, torch.Tensor)
    return out.sum()


def test_gradients_of_a_two_layer_network_worked_by_hand() -> None:
    """out = b * (a * x) summed over the pixels: dL/da = b * sum(x), dL/db = a * sum(x)."""
    first, second = nn.Conv2d(1, 1, 1, bias=False), nn.Conv2d(1, 1, 1, bias=False)
    net = nn.Sequential(first, second)
    a, b = 0.5, -3.0
    with torch.no_grad():
        first.weight.fill_(a)
        second.weight.fill_(b)
    x = torch.tensor([[[[1.0, 2.0], [3.0, 4.0]]]])  # sum 10
    grads = conv_gradients(net, x, total)
    assert [g.name for g in grads] == ["0", "1"]
    assert [g.norm for g in grads] == pytest.approx([abs(b) * 10, abs(a) * 10])
    assert spread(grads) == pytest.approx(6.0)
    assert first.weight.grad is None  # cleared: the next measurement starts clean


def test_plain_and_residual_twins_start_from_the_same_weights() -> None:
    torch.manual_seed(3)
    plain = cifar_net(14, residual=False, in_channels=1).state_dict()
    torch.manual_seed(3)
    residual = cifar_net(14, residual=True, in_channels=1).state_dict()
    assert plain.keys() == residual.keys()
    assert all(torch.equal(plain[k], residual[k]) for k in plain)


def test_depth_gradients_cover_every_convolution_and_match_autograd() -> None:
    torch.manual_seed(0)
    x, y = torch.randn(8, 1, 32, 32), torch.randint(0, 10, (8,))
    grads = depth_gradients(14, True, x, y, seed=1)
    assert len(grads) == 13  # 6n + 1 convolutions, then the classifier
    assert grads[0].name == "conv1" and grads[-1].name == "layer3.1.conv2"
    # the same number by hand: the seeded model, one backward pass, the first conv's norm
    torch.manual_seed(1)
    model = cifar_net(14, residual=True, in_channels=1).train()
    F.cross_entropy(model(x), y).backward()  # type: ignore[no-untyped-call]
    grad = model.get_parameter("conv1.weight").grad
    assert grad is not None
    assert grads[0].norm == pytest.approx(float(grad.norm()), rel=1e-5)


@pytest.mark.slow  # GoogLeNet at 224 px
def test_auxiliary_losses_only_add_gradient_below_their_heads() -> None:
    """The auxiliary heads sit on inception4a and 4d: layers above 4d get exactly the same
    gradient with or without their losses; the stem gets more with them."""
    torch.manual_seed(0)
    x, y = torch.randn(2, 1, 224, 224), torch.randint(0, 10, (2,))
    without = {g.name: g.norm for g in googlenet_gradients(x, y, 0.0)}
    with_aux = {g.name: g.norm for g in googlenet_gradients(x, y, 0.3)}
    assert without.keys() == with_aux.keys() and not any(n.startswith("aux") for n in without)
    for name in without:
        if name.startswith(("inception4e", "inception5")):
            assert with_aux[name] == pytest.approx(without[name], rel=1e-4), name
    assert with_aux["conv1.conv"] > without["conv1.conv"]


def test_feature_reuse_from_weights_set_by_hand() -> None:
    """A DenseNet with one block of 2 layers, 4 input maps and k = 2: layer 1's 1x1 reads
    4 maps; layer 2's reads 4 + 2; the classifier reads 4 + 2 + 2. Weights set so that each
    source's mean |w| is a number worked out here."""
    model = build_model("densenet121", device="cpu", block_config=(2,), growth_rate=2,
                        num_init_features=4, num_classes=3)
    l1 = model.get_parameter("features.denseblock1.denselayer1.conv1.weight")
    l2 = model.get_parameter("features.denseblock1.denselayer2.conv1.weight")
    fc = model.get_parameter("classifier.weight")
    with torch.no_grad():
        l1.fill_(-0.5)  # input: 0.5
        l2[:, :4] = 2.0
        l2[:, 4:] = torch.tensor([1.0, -3.0])[None, :, None, None]  # layer 1's maps: mean of 1, 3
        fc[:, :4] = 0.0
        fc[:, 4:6] = 1.0
        fc[:, 6:] = -4.0
    (block,) = dense_reuse(model)
    assert block.targets == ("1", "2", "classifier") and block.sources == ("input", "1", "2")
    assert [list(row) for row in block.weights] == [[pytest.approx(0.5), None, None],
                                                        [pytest.approx(2.0), pytest.approx(2.0), None],
                                                        [0.0, pytest.approx(1.0), pytest.approx(4.0)]]
    # each row over its own mean: the classifier's (0 + 1 + 4) / 3 = 5/3 gives 0, 0.6 and 2.4
    assert relative(block) == [[pytest.approx(1.0), None, None],
                               [pytest.approx(1.0), pytest.approx(1.0), None],
                               [0.0, pytest.approx(0.6), pytest.approx(2.4)]]
    assert preference(block) == pytest.approx(1.4)


def test_feature_reuse_reads_the_transition_after_each_block_but_the_last() -> None:
    maps = dense_reuse(build_model("densenet121", device="cpu"))
    assert [m.block for m in maps] == ["denseblock1", "denseblock2", "denseblock3", "denseblock4"]
    assert [len(m.targets) for m in maps] == [7, 13, 25, 17]  # L layers + the one after
    assert [m.targets[-1] for m in maps] == ["transition"] * 3 + ["classifier"]


def test_the_gradient_axis_names_stages_in_the_pages_language() -> None:
    """ResNet-20's stages under the gradient chart: 1단계, 2단계, 3단계 in Korean, stage 1 ... in
    English (not the code's layer1); GoogLeNet's modules stay 3a, 4a (the paper's names)."""
    from visualizer.shortcut_charts import stage_ticks
    from visualizer.shortcuts import LayerGradient

    grads = [LayerGradient(name, 1.0) for name in
             ["conv1", *(f"layer{s}.{b}.conv{c}" for s in (1, 2, 3) for b in range(3) for c in (1, 2))]]
    # 19 convolutions: the stem (1) is dropped, its stage starting within a twelfth of the axis
    assert stage_ticks(grads, "ko") == ([2, 8, 14], ["1단계", "2단계", "3단계"])
    assert stage_ticks(grads, "en") == ([2, 8, 14], ["stage 1", "stage 2", "stage 3"])
    inception = [LayerGradient(n, 1.0) for n in ("inception3a.b1", "inception3a.b2", "inception4a.b1")]
    assert stage_ticks(inception, "ko")[1] == ["3a", "4a"]


def test_the_reuse_colour_bar_says_what_its_middle_is() -> None:
    """The colour bar's middle tick names the layer's mean (평균, no wider than +20%: the plot
    keeps its width), with no title beside the bar
    (it ran into the +20% and +10% on a phone and on a slide)."""
    from visualizer.shortcut_charts import reuse_heatmap
    from visualizer.shortcuts import ReuseMap

    reuse = ReuseMap("denseblock1", ("1", "2", "transition"), ("input", "1", "2"),
                     ((1.0, None, None), (1.0, 2.0, None), (1.0, 1.0, 1.0)))
    bar = reuse_heatmap(reuse, "ko").data[0].colorbar
    assert list(bar.ticktext) == ["−20%", "−10%", "평균", "+10%", "+20%"]
    assert not (bar.title and bar.title.text)
