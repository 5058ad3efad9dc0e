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

# torchvision's checkpoint file names (torchvision 0.28's weight URLs; the V2 ResNets too).
# A teacher who has used torchvision has them in torch's hub cache; the feature-map page finds
# them there. Nothing is downloaded.
TORCHVISION_FILES = {
    "alexnet": ("alexnet-owt-7be5be79.pth",),
    "googlenet": ("googlenet-1378be20.pth",),
    "resnet18": ("resnet18-f37072fd.pth",),
    "resnet34": ("resnet34-b627a593.pth",),
    "resnet50": ("resnet50-0676ba61.pth", "resnet50-11ad3fa6.pth"),
    "resnet101": ("resnet101-63fe2227.pth", "resnet101-cd907fc2.pth"),
    "resnet152": ("resnet152-394f9c45.pth", "resnet152-f82ba261.pth"),
    "densenet121": ("densenet121-a639ec97.pth",),
    "densenet161": ("densenet161-8d451a50.pth",),
    "densenet169": ("densenet169-b2777c0a.pth",),
    "densenet201": ("densenet201-c1103571.pth",),
}
