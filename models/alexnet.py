"""AlexNet: torchvision's single-GPU layout and the 2012 paper's two-GPU layout.

Krizhevsky, Sutskever, Hinton (2012), "ImageNet Classification with Deep Convolutional Neural
Networks". torchvision follows Krizhevsky's later "One weird trick" paper,
https://arxiv.org/abs/1404.5997 (64-192-384-256-256 filters, no LRN, no groups).
"""

from __future__ import annotations

import torch
from torch import nn

from models.registry import ConfigError, int_list, positive_int, register_model

# The paper's section 3.3: local response normalisation with k=2, n=5, alpha=1e-4, beta=0.75.
PAPER_LRN = {"size": 5, "alpha": 1e-4, "beta": 0.75, "k": 2.0}
# The paper's Figure 2: 96 kernels in conv1 and 256-384-384-256 after it, two GPUs.
PAPER_FILTERS = (96, 256, 384, 384, 256)
TORCHVISION_FILTERS = (64, 192, 384, 256, 256)


def _check_conv1(kernel: int, stride: int, padding: int) -> None:
    positive_int("conv1_kernel", kernel, maximum=64)
    positive_int("conv1_stride", stride, maximum=64)
    positive_int("conv1_padding", padding, minimum=0, maximum=64)


class AlexNet(nn.Module):
    """torchvision's AlexNet, with conv1 and the filter counts as config.

    State_dict keys equal torchvision's (``features.0.weight`` ... ``classifier.6.bias``).
    Divergences from torchvision: ReLUs are not in-place and the flatten is a module, so
    hooks see both; neither changes a parameter.
    """

    def __init__(
        self,
        *,
        in_channels: int = 3,
        num_classes: int = 1000,
        filters: tuple[int, ...] = TORCHVISION_FILTERS,
        conv1_kernel: int = 11,
        conv1_stride: int = 4,
        conv1_padding: int = 2,
        dropout: float = 0.5,
    ) -> None:
        super().__init__()
        c1, c2, c3, c4, c5 = filters
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, c1, conv1_kernel, conv1_stride, conv1_padding),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(c1, c2, kernel_size=5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(c2, c3, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.Conv2d(c3, c4, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.Conv2d(c4, c5, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        # Adaptive pooling makes any input of at least 63x63 end at 6x6: a torchvision
        # addition, the paper has none (see AlexNetPaper).
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.flatten = nn.Flatten()
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(c5 * 6 * 6, 4096),
            nn.ReLU(),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(),
            nn.Linear(4096, num_classes),
        )
        # The paper's names for torchvision's numbered layers, for tables and messages.
        self.display_names = {
            "features.0": "conv1", "features.1": "relu1", "features.2": "pool1",
            "features.3": "conv2", "features.4": "relu2", "features.5": "pool2",
            "features.6": "conv3", "features.7": "relu3", "features.8": "conv4",
            "features.9": "relu4", "features.10": "conv5", "features.11": "relu5",
            "features.12": "pool5", "classifier.0": "drop6", "classifier.1": "fc6",
            "classifier.2": "relu6", "classifier.3": "drop7", "classifier.4": "fc7",
            "classifier.5": "relu7", "classifier.6": "fc8",
        }

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.flatten(self.avgpool(self.features(x))))


class AlexNetPaper(nn.Module):
    """The 2012 paper's AlexNet: 96 11x11 filters, stride 4, no padding, LRN, two GPUs.

    conv2, conv4 and conv5 only see the half of the previous layer's maps that lives on their
    own GPU: ``groups=2``. conv3 and the FC layers talk across GPUs. 60,965,224 parameters.
    There is no adaptive pooling, so fc6 only accepts 6x6x256 = 9216 features: inputs of 227
    to 258 pixels work, and 224 (the size the paper's text states) does not, the famous
    inconsistency that this model keeps on purpose.
    """

    def __init__(
        self,
        *,
        in_channels: int = 3,
        num_classes: int = 1000,
        filters: tuple[int, ...] = PAPER_FILTERS,
        conv1_kernel: int = 11,
        conv1_stride: int = 4,
        conv1_padding: int = 0,
        groups: int = 2,
        dropout: float = 0.5,
    ) -> None:
        super().__init__()
        c1, c2, c3, c4, c5 = filters
        for prev, nxt in ((c1, c2), (c3, c4), (c4, c5)):
            if prev % groups or nxt % groups:
                raise ConfigError(
                    "groups", f"groups={groups} needs filter counts divisible by {groups}; "
                    f"{prev} and {nxt} are not", groups=groups, a=prev, b=nxt)
        self.conv1 = nn.Conv2d(in_channels, c1, conv1_kernel, conv1_stride, conv1_padding)
        self.relu1 = nn.ReLU()
        self.norm1 = nn.LocalResponseNorm(**PAPER_LRN)  # type: ignore[arg-type]
        self.pool1 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.conv2 = nn.Conv2d(c1, c2, kernel_size=5, padding=2, groups=groups)
        self.relu2 = nn.ReLU()
        self.norm2 = nn.LocalResponseNorm(**PAPER_LRN)  # type: ignore[arg-type]
        self.pool2 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.conv3 = nn.Conv2d(c2, c3, kernel_size=3, padding=1)
        self.relu3 = nn.ReLU()
        self.conv4 = nn.Conv2d(c3, c4, kernel_size=3, padding=1, groups=groups)
        self.relu4 = nn.ReLU()
        self.conv5 = nn.Conv2d(c4, c5, kernel_size=3, padding=1, groups=groups)
        self.relu5 = nn.ReLU()
        self.pool5 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.flatten = nn.Flatten()
        self.fc6 = nn.Linear(c5 * 6 * 6, 4096)
        self.relu6 = nn.ReLU()
        self.drop6 = nn.Dropout(p=dropout)
        self.fc7 = nn.Linear(4096, 4096)
        self.relu7 = nn.ReLU()
        self.drop7 = nn.Dropout(p=dropout)
        self.fc8 = nn.Linear(4096, num_classes)
        self.display_names: dict[str, str] = {}

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.children():
            x = layer(x)
        return x


def _alexnet_args(in_channels: int, num_classes: int, filters: tuple[int, ...],
                  conv1_kernel: int, conv1_stride: int, conv1_padding: int) -> tuple[int, ...]:
    positive_int("in_channels", in_channels, maximum=64)
    positive_int("num_classes", num_classes)
    _check_conv1(conv1_kernel, conv1_stride, conv1_padding)
    return int_list("filters", filters, length=5)


@register_model(
    family="AlexNet",
    title="One weird trick for parallelizing convolutional neural networks",
    arxiv="https://arxiv.org/abs/1404.5997",
    year=2014,
    default_input=(3, 224, 224),
    torchvision_name="alexnet",
)
def alexnet(
    *,
    in_channels: int = 3,
    num_classes: int = 1000,
    filters: tuple[int, ...] = TORCHVISION_FILTERS,
    conv1_kernel: int = 11,
    conv1_stride: int = 4,
    conv1_padding: int = 2,
) -> nn.Module:
    """AlexNet as torchvision builds it (https://arxiv.org/abs/1404.5997): 61,100,840 params."""
    f = _alexnet_args(in_channels, num_classes, filters, conv1_kernel, conv1_stride, conv1_padding)
    return AlexNet(in_channels=in_channels, num_classes=num_classes, filters=f,
                   conv1_kernel=conv1_kernel, conv1_stride=conv1_stride,
                   conv1_padding=conv1_padding)


@register_model(
    family="AlexNet",
    title="ImageNet Classification with Deep Convolutional Neural Networks",
    arxiv="https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks",
    year=2012,
    default_input=(3, 227, 227),
)
def alexnet_paper(
    *,
    in_channels: int = 3,
    num_classes: int = 1000,
    filters: tuple[int, ...] = PAPER_FILTERS,
    conv1_kernel: int = 11,
    conv1_stride: int = 4,
    conv1_padding: int = 0,
    groups: int = 2,
) -> nn.Module:
    """AlexNet as the 2012 NeurIPS paper draws it: 60,965,224 params.

    The paper is not on arXiv: https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks
    """
    f = _alexnet_args(in_channels, num_classes, filters, conv1_kernel, conv1_stride, conv1_padding)
    positive_int("groups", groups, maximum=8)
    return AlexNetPaper(in_channels=in_channels, num_classes=num_classes, filters=f,
                        conv1_kernel=conv1_kernel, conv1_stride=conv1_stride,
                        conv1_padding=conv1_padding, groups=groups)
