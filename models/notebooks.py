"""The lecture's notebooks' own networks, exactly as the notebooks define them.

The lecture ("CNN의 주요 모델", 2021) links four notebooks for the students to run
(``/work/shared/seed/notebooks.md`` in the project's notes has what each defines and prints):

- AlexNet: pytorch/xla's single-core Colab notebook trains torchvision's
  ``alexnet(num_classes=10)`` on 3 channels: the zoo's ``alexnet`` with ``num_classes=10``
  (``NOTEBOOK_ALEXNET`` below), nothing new here.
- GoogLeNet and ResNet: d2l 0.16.6's chapters (the MXNet edition in the lecture's copy). Here
  in the layout of the PyTorch edition of the same release (``d2l-ai/d2l-pytorch-colab``
  ``1ff02c2b``): the same layers, weights and shapes as the MXNet one.
- DenseNet: Con-Mi's "Simple Implementation of Densely Connected Neural Networks", a
  hand-written three-block network for CIFAR-10 (3x32 px), not the paper's DenseNet.

Every divergence of ours from the notebooks' code is named where it happens (in short: every
ReLU, addition and concatenation is a module of its own, so the tracer's hooks see it; no
parameter, shape or number changes). Where the notebooks differ from the papers and from
torchvision, the docstrings say how.
"""

from __future__ import annotations

from collections import OrderedDict

import torch
from torch import nn

from models.ops import Add, Concat
from models.registry import positive_int, register_model

# The notebooks, each at the commit the lecture's copy matches.
D2L_MXNET = "https://github.com/d2l-ai/d2l-en-colab/blob/1d109061b521d5aed03d8414ccc525d8926a4f09"
D2L_PYTORCH = "https://github.com/d2l-ai/d2l-pytorch-colab/blob/1ff02c2b5c1130ec8e6cf181698c2c5a27d40b23"
NOTEBOOK_LINKS = {
    "alexnet": "https://github.com/pytorch/xla/blob/0283b702eb49c3acbc50c08636b31ba6fb08b356/"
               "contrib/colab/single-core-alexnet-fashion-mnist.ipynb",
    "googlenet_d2l": f"{D2L_MXNET}/chapter_convolutional-modern/googlenet.ipynb",
    "resnet18_d2l": f"{D2L_MXNET}/chapter_convolutional-modern/resnet.ipynb",
    "densenet_notebook": "https://github.com/Con-Mi/Deep-Learning-Projects/blob/"
                         "e07d492925c85aff945d7c34337abd9524d33407/"
                         "Simple_Implementation_of_Densely_Connected_Neural_Networks.ipynb",
}
PYTORCH_EDITION_LINKS = {
    "googlenet_d2l": f"{D2L_PYTORCH}/chapter_convolutional-modern/googlenet.ipynb",
    "resnet18_d2l": f"{D2L_PYTORCH}/chapter_convolutional-modern/resnet.ipynb",
}
# The AlexNet notebook's network: the zoo's torchvision AlexNet with these settings (3 input
# channels, Fashion-MNIST copied into RGB; 10 classes; input 224 px).
NOTEBOOK_ALEXNET = {"arch": "alexnet", "config": {"num_classes": 10}, "input": (3, 224, 224)}
# Which zoo network each lesson's notebook runs.
LESSON_NOTEBOOKS = {"alexnet": "alexnet", "inception": "googlenet_d2l",
                    "resnet": "resnet18_d2l", "densenet": "densenet_notebook"}

# d2l's GoogLeNet: the paper's Table 1 widths, (c1, (c2 reduce, c2), (c3 reduce, c3), c4).
D2L_INCEPTIONS = {
    "b3": ((192, 64, (96, 128), (16, 32), 32), (256, 128, (128, 192), (32, 96), 64)),
    "b4": ((480, 192, (96, 208), (16, 48), 64), (512, 160, (112, 224), (24, 64), 64),
           (512, 128, (128, 256), (24, 64), 64), (512, 112, (144, 288), (32, 64), 64),
           (528, 256, (160, 320), (32, 128), 128)),
    "b5": ((832, 256, (160, 320), (32, 128), 128), (832, 384, (192, 384), (48, 128), 128)),
}


def _xavier(model: nn.Module) -> None:
    """d2l's ``init_weights``: Xavier-uniform on every Conv2d and Linear weight (biases keep
    PyTorch's default). Meta tensors hold no values, so they are skipped."""
    for m in model.modules():
        if isinstance(m, nn.Conv2d | nn.Linear) and not m.weight.is_meta:
            nn.init.xavier_uniform_(m.weight)


class D2LInception(nn.Module):
    """d2l's ``Inception(in_channels, c1, c2, c3, c4)``: four branches, concatenated.

    Every convolution has a bias and is followed by a ReLU; no batch norm. Branch 3 is a real
    5x5 convolution (padding 2), as in the paper (torchvision's is 3x3). The pooling branch's
    max-pool is 3x3, stride 1, padding 1, floor mode (torchvision: ceil mode; at stride 1 the
    two give the same size). The attribute names are d2l's, so its state_dict keys are too.

    Divergence from d2l's code: d2l calls ``F.relu`` and ``torch.cat`` in ``forward``; here
    they are modules (``relu1_1`` ... ``concat``), so that hooks see them. Nothing else changes.
    """

    def __init__(self, in_channels: int, c1: int, c2: tuple[int, int], c3: tuple[int, int],
                 c4: int) -> None:
        super().__init__()
        # what made it (the builder and codegen read these)
        self.in_channels, self.c1, self.c2, self.c3, self.c4 = in_channels, c1, c2, c3, c4
        self.p1_1 = nn.Conv2d(in_channels, c1, kernel_size=1)
        self.p2_1 = nn.Conv2d(in_channels, c2[0], kernel_size=1)
        self.p2_2 = nn.Conv2d(c2[0], c2[1], kernel_size=3, padding=1)
        self.p3_1 = nn.Conv2d(in_channels, c3[0], kernel_size=1)
        self.p3_2 = nn.Conv2d(c3[0], c3[1], kernel_size=5, padding=2)
        self.p4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.p4_2 = nn.Conv2d(in_channels, c4, kernel_size=1)
        self.relu1_1, self.relu2_1, self.relu2_2 = nn.ReLU(), nn.ReLU(), nn.ReLU()
        self.relu3_1, self.relu3_2, self.relu4_2 = nn.ReLU(), nn.ReLU(), nn.ReLU()
        self.concat = Concat()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        p1 = self.relu1_1(self.p1_1(x))
        p2 = self.relu2_2(self.p2_2(self.relu2_1(self.p2_1(x))))
        p3 = self.relu3_2(self.p3_2(self.relu3_1(self.p3_1(x))))
        p4 = self.relu4_2(self.p4_2(self.p4_1(x)))
        return self.concat(p1, p2, p3, p4)


class D2LGoogLeNet(nn.Sequential):
    """d2l 0.16.6's GoogLeNet (section 7.4): ``nn.Sequential(b1, b2, b3, b4, b5, Linear)``.

    Named ``b1`` ... ``b5`` and ``fc`` where d2l's ``nn.Sequential`` numbers them 0-5 (its
    state_dict keys are ours with ``b1`` -> ``0`` ... ``fc`` -> ``5``). b5 ends with global
    average pooling and a flatten, as d2l's PyTorch edition; the MXNet edition flattens in its
    Dense layer instead. Divergences from the paper and torchvision: 1-channel 96 px input
    (Fashion-MNIST), no batch norm (torchvision has it), biases on every convolution, a real
    5x5 branch (torchvision: 3x3), every pool 3x3/2 with padding 1 in floor mode
    (torchvision: no padding, ceil mode, and a 2x2 pool before inception5a), no LRN, no
    auxiliary classifiers, no dropout before the classifier (the paper: 40 %).
    """

    def __init__(self, *, in_channels: int = 1, num_classes: int = 10) -> None:
        def pool() -> nn.MaxPool2d:
            return nn.MaxPool2d(kernel_size=3, stride=2, padding=1)

        b1 = nn.Sequential(nn.Conv2d(in_channels, 64, kernel_size=7, stride=2, padding=3),
                           nn.ReLU(), pool())
        b2 = nn.Sequential(nn.Conv2d(64, 64, kernel_size=1), nn.ReLU(),
                           nn.Conv2d(64, 192, kernel_size=3, padding=1), nn.ReLU(), pool())
        b3 = nn.Sequential(*(D2LInception(*c) for c in D2L_INCEPTIONS["b3"]), pool())
        b4 = nn.Sequential(*(D2LInception(*c) for c in D2L_INCEPTIONS["b4"]), pool())
        b5 = nn.Sequential(*(D2LInception(*c) for c in D2L_INCEPTIONS["b5"]),
                           nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())
        super().__init__(OrderedDict([("b1", b1), ("b2", b2), ("b3", b3), ("b4", b4),
                                      ("b5", b5), ("fc", nn.Linear(1024, num_classes))]))
        _xavier(self)


class D2LResidual(nn.Module):
    """d2l's ``Residual(input_channels, num_channels, use_1x1conv, strides)``.

    ``Y = BN2(Conv2(ReLU(BN1(Conv1(X)))))``, ``out = ReLU(Y + X')``, where ``X'`` is ``X`` or,
    with ``use_1x1conv``, a strided 1x1 convolution of it. Every convolution has a bias
    (torchvision: none, batch norm follows), and the 1x1 shortcut has no batch norm
    (torchvision's ``downsample`` is conv1x1 + BN). Attribute names are d2l's.

    Divergences from d2l's code: ``F.relu`` and ``Y += X`` are modules (``relu1``, ``relu2``,
    ``add``), so that hooks see them; d2l also makes a ``self.relu`` it never calls (no
    parameters, left out here).
    """

    def __init__(self, input_channels: int, num_channels: int, use_1x1conv: bool = False,
                 strides: int = 1) -> None:
        super().__init__()
        # what made it (the builder and codegen read these)
        self.input_channels, self.num_channels = input_channels, num_channels
        self.use_1x1conv, self.strides = use_1x1conv, strides
        self.conv1 = nn.Conv2d(input_channels, num_channels, kernel_size=3, padding=1,
                               stride=strides)
        self.conv2 = nn.Conv2d(num_channels, num_channels, kernel_size=3, padding=1)
        self.conv3 = (nn.Conv2d(input_channels, num_channels, kernel_size=1, stride=strides)
                      if use_1x1conv else None)
        self.bn1 = nn.BatchNorm2d(num_channels)
        self.bn2 = nn.BatchNorm2d(num_channels)
        self.relu1 = nn.ReLU()
        self.add = Add()
        self.relu2 = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.bn2(self.conv2(self.relu1(self.bn1(self.conv1(x)))))
        if self.conv3 is not None:
            x = self.conv3(x)
        return self.relu2(self.add(y, x))


def d2l_resnet_block(input_channels: int, num_channels: int, num_residuals: int,
                     first_block: bool = False) -> nn.Sequential:
    """d2l's ``resnet_block``: the first block of a stage halves the map and uses the 1x1
    shortcut, except in the first stage (``first_block``), whose shortcuts are identities."""
    blk = []
    for i in range(num_residuals):
        if i == 0 and not first_block:
            blk.append(D2LResidual(input_channels, num_channels, use_1x1conv=True, strides=2))
        else:
            blk.append(D2LResidual(num_channels, num_channels))
    return nn.Sequential(*blk)


class D2LResNet18(nn.Sequential):
    """d2l 0.16.6's ResNet-18 (section 7.6), in the PyTorch edition's layout: the stem in
    ``b1``, four stages ``b2`` ... ``b5``, then global average pool, flatten, linear.

    Named where d2l's ``nn.Sequential`` numbers them 0-7. The MXNet edition the lecture ran
    puts the stem's four layers directly in the network and has no flatten (its Dense layer
    flattens): the same layers and weights. Divergences from torchvision's ``resnet18``:
    1-channel 96 px input, 10 classes, biases on every convolution, a 1x1 shortcut without
    batch norm; otherwise the same [2, 2, 2, 2] basic blocks.
    """

    def __init__(self, *, in_channels: int = 1, num_classes: int = 10) -> None:
        b1 = nn.Sequential(nn.Conv2d(in_channels, 64, kernel_size=7, stride=2, padding=3),
                           nn.BatchNorm2d(64), nn.ReLU(),
                           nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
        super().__init__(OrderedDict([
            ("b1", b1),
            ("b2", d2l_resnet_block(64, 64, 2, first_block=True)),
            ("b3", d2l_resnet_block(64, 128, 2)),
            ("b4", d2l_resnet_block(128, 256, 2)),
            ("b5", d2l_resnet_block(256, 512, 2)),
            ("avgpool", nn.AdaptiveAvgPool2d((1, 1))),
            ("flatten", nn.Flatten()),
            ("fc", nn.Linear(512, num_classes)),
        ]))
        _xavier(self)


class DenseBlockNotebook(nn.Module):
    """The notebook's ``Dense_Block(in_channels)``: one batch norm on the input, then five
    3x3 convolutions of 32 maps each (with biases), each followed by a ReLU; convolution k
    (k >= 3) reads the concatenation of all earlier convolutions' maps. The block returns the
    five convolutions' maps, 160 channels: its input is NOT passed on (the paper's dense block
    concatenates its input too, and uses BN-ReLU-1x1-BN-ReLU-3x3 per layer).

    ``num_layers`` and ``growth`` generalise the notebook's fixed 5 and 32 (its defaults), for
    the builder. Divergences from the notebook's code: the ReLUs and concatenations are
    modules of their own (``relu1`` ..., ``concat2`` ...; the notebook calls one in-place
    ``self.relu`` nine times); the ReLU it applies to each concatenation is kept (``relu_cat2``
    ...), though on maps that are already non-negative it changes nothing.
    """

    def __init__(self, in_channels: int, num_layers: int = 5, growth: int = 32) -> None:
        super().__init__()
        self.bn = nn.BatchNorm2d(num_features=in_channels)
        for k in range(1, num_layers + 1):
            cin = in_channels if k == 1 else growth * (k - 1)
            self.add_module(f"conv{k}", nn.Conv2d(cin, growth, kernel_size=3, stride=1, padding=1))
            self.add_module(f"relu{k}", nn.ReLU())
            if k >= 2:
                self.add_module(f"concat{k}", Concat())
                self.add_module(f"relu_cat{k}", nn.ReLU())
        # what made it (the builder and codegen read these)
        self.in_channels, self.num_layers, self.growth = in_channels, num_layers, growth

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        layer = self.get_submodule
        maps = [layer("relu1")(layer("conv1")(self.bn(x)))]
        dense = maps[0]
        for k in range(2, self.num_layers + 1):
            # conv2 reads conv1's maps alone; conv3 on read the concatenation
            maps.append(layer(f"relu{k}")(layer(f"conv{k}")(dense)))
            dense = layer(f"relu_cat{k}")(layer(f"concat{k}")(*maps))
        return dense


class TransitionNotebook(nn.Module):
    """The notebook's ``Transition_Layer(in, out)``: 1x1 conv (no bias) -> ReLU -> BN ->
    2x2 average pool. The paper and the slides: BN -> ReLU -> 1x1 conv -> 2x2 average pool.
    Divergence from the notebook's code: its ReLU is in place; here it is not."""

    def __init__(self, in_channels: int, out_channels: int) -> None:
        super().__init__()
        # what made it (the builder and codegen read these)
        self.in_channels, self.out_channels = in_channels, out_channels
        # in the notebook's order, so that the state_dict's keys come in its order too
        self.relu = nn.ReLU()
        self.bn = nn.BatchNorm2d(num_features=out_channels)
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=False)
        self.avg_pool = nn.AvgPool2d(kernel_size=2, stride=2, padding=0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.avg_pool(self.bn(self.relu(self.conv(x))))


class DenseNetNotebook(nn.Module):
    """The notebook's ``DenseNet(nr_classes)`` for 3x32x32 pictures (CIFAR-10).

    A 7x7 stride-1 convolution (no bias, no pooling) and a ReLU; three dense blocks of 160
    maps, each followed by a transition (to 128, 128, 64 maps; 32 -> 16 -> 8 -> 4 px); batch
    norm; flatten to 64 * 4 * 4 = 1024; Linear(1024, 512) and Linear(512, 10) with no
    activation between them. The attribute names are the notebook's (``denseblock1`` is an
    ``nn.Sequential`` holding one block, as its ``_make_dense_block`` makes it).

    Divergences from the notebook's code: its ``out.view(-1, 64*4*4)`` is an ``nn.Flatten``
    (``flatten``): the same at 32 px, where the notebook works; at any other size the view
    would fold pictures into each other's rows, the flatten makes the classifier refuse
    instead. The stem's ReLU is a module of its own (``relu``, as in the notebook).
    Divergences from the paper and torchvision's ``densenet121``: no bottleneck, one batch norm
    per block, the block's input dropped from its output, 3 blocks of 5 layers (densenet121:
    4 blocks of 6, 12, 24, 16), transitions conv-ReLU-BN-pool with fixed widths (the paper:
    BN-ReLU-conv-pool, halving), a 7x7 stride-1 stem, and a two-layer head without global
    pooling.
    """

    def __init__(self, *, in_channels: int = 3, num_classes: int = 10) -> None:
        super().__init__()
        # In the notebook's order (blocks, then transitions), as its state_dict lists them.
        self.lowconv = nn.Conv2d(in_channels, 64, kernel_size=7, padding=3, bias=False)
        self.relu = nn.ReLU()
        self.denseblock1 = nn.Sequential(DenseBlockNotebook(64))
        self.denseblock2 = nn.Sequential(DenseBlockNotebook(128))
        self.denseblock3 = nn.Sequential(DenseBlockNotebook(128))
        self.transitionLayer1 = nn.Sequential(TransitionNotebook(160, 128))
        self.transitionLayer2 = nn.Sequential(TransitionNotebook(160, 128))
        self.transitionLayer3 = nn.Sequential(TransitionNotebook(160, 64))
        self.bn = nn.BatchNorm2d(num_features=64)
        self.flatten = nn.Flatten()
        self.pre_classifier = nn.Linear(64 * 4 * 4, 512)
        self.classifier = nn.Linear(512, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.lowconv(x))
        out = self.transitionLayer1(self.denseblock1(out))
        out = self.transitionLayer2(self.denseblock2(out))
        out = self.transitionLayer3(self.denseblock3(out))
        out = self.flatten(self.bn(out))
        return self.classifier(self.pre_classifier(out))


def _check(in_channels: int, num_classes: int) -> None:
    positive_int("in_channels", in_channels, maximum=64)
    positive_int("num_classes", num_classes)


# The registry's "title" and "arxiv" are the notebook's name and link here; "year" is the
# year the lecture ran the notebooks (its copies' outputs are from June 2021).
@register_model(family="GoogLeNet", year=2021, default_input=(1, 96, 96),
                title="d2l 0.16.6, 7.4 Networks with Parallel Concatenations (GoogLeNet)",
                arxiv=NOTEBOOK_LINKS["googlenet_d2l"])
def googlenet_d2l(*, in_channels: int = 1, num_classes: int = 10) -> nn.Module:
    """The GoogLeNet notebook's network (d2l 0.16.6, section 7.4; paper
    https://arxiv.org/abs/1409.4842): no batch norm, real 5x5 branches, 1x96x96 input."""
    _check(in_channels, num_classes)
    return D2LGoogLeNet(in_channels=in_channels, num_classes=num_classes)


@register_model(family="ResNet", year=2021, default_input=(1, 96, 96),
                title="d2l 0.16.6, 7.6 Residual Networks (ResNet)",
                arxiv=NOTEBOOK_LINKS["resnet18_d2l"])
def resnet18_d2l(*, in_channels: int = 1, num_classes: int = 10) -> nn.Module:
    """The ResNet notebook's ResNet-18 (d2l 0.16.6, section 7.6; paper
    https://arxiv.org/abs/1512.03385): convolutions with biases, a 1x1 shortcut without BN."""
    _check(in_channels, num_classes)
    return D2LResNet18(in_channels=in_channels, num_classes=num_classes)


@register_model(family="DenseNet", year=2021, default_input=(3, 32, 32),
                title="Simple Implementation of Densely Connected Neural Networks (Con-Mi)",
                arxiv=NOTEBOOK_LINKS["densenet_notebook"])
def densenet_notebook(*, in_channels: int = 3, num_classes: int = 10) -> nn.Module:
    """The DenseNet notebook's network (Con-Mi's; paper https://arxiv.org/abs/1608.06993):
    three blocks of five 3x3 layers, 3x32x32 input."""
    _check(in_channels, num_classes)
    return DenseNetNotebook(in_channels=in_channels, num_classes=num_classes)
