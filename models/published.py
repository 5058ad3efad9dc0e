"""Published figures we show but cannot compute: ImageNet accuracy of pretrained weights.

Source: torchvision's model documentation, the IMAGENET1K_V1 weights of each model
(https://pytorch.org/vision/stable/models.html, "Acc@1" column). The paper layouts have no
torchvision weights, so no entry.
"""

from __future__ import annotations

TORCHVISION_DOCS = "https://pytorch.org/vision/stable/models.html"

IMAGENET_TOP1 = {  # torchvision documentation, Acc@1 of IMAGENET1K_V1
    "alexnet": 56.522,
    "googlenet": 69.778,
    "resnet18": 69.758,
    "resnet34": 73.314,
    "resnet50": 76.130,
    "resnet101": 77.374,
    "resnet152": 78.312,
    "densenet121": 74.434,
    "densenet161": 77.138,
    "densenet169": 75.600,
    "densenet201": 76.896,
}
