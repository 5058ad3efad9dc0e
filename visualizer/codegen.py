# mypy: disable-error-code="union-attr,operator,index,attr-defined"
# (these files read the zoo blocks' submodules by name, which torch types as Tensor | Module)
"""A design as a PyTorch file a student can take home: torch alone, readable, runnable.

The file defines the blocks it uses (their source is the zoo's own, copied in, so the
numbers cannot drift), the network as an ``nn.Module`` with torchvision's style of names
(``conv1``, ``layer1``, ``fc1``), each line commented with the shape it outputs, a ``build()``
that returns the model and, when run, prints the parameter count and the output shape.
"""

from __future__ import annotations

import inspect
from typing import Any

from torch import nn

from models import cifar, densenet, googlenet, notebooks, ops, resnet
from visualizer.design import Design, build, layers
from visualizer.i18n import shape_text

# The zoo's helpers and blocks a file may need, in the order they must be defined, and what
# each one uses. The lecture's residual block is the lecture's own code, verbatim.
SOURCES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "Add": (ops.Add, ()),
    "Concat": (ops.Concat, ()),
    "ShortcutA": (ops.ShortcutA, ()),
    "conv3x3": (resnet.conv3x3, ()),
    "conv1x1": (resnet.conv1x1, ()),
    "projection": (resnet.projection, ("conv1x1",)),
    "BasicBlock": (resnet.BasicBlock, ("conv3x3", "Add")),
    "Bottleneck": (resnet.Bottleneck, ("conv1x1", "conv3x3", "Add")),
    "PlainBlock": (cifar.PlainBlock, ("BasicBlock",)),
    "DenseLayer": (densenet.DenseLayer, ("Concat",)),
    "DenseBlock": (densenet.DenseBlock, ("DenseLayer",)),
    "Transition": (densenet.Transition, ()),
    "BasicConv2d": (googlenet.BasicConv2d, ()),
    "Inception": (googlenet.Inception, ("BasicConv2d", "Concat")),
    "Residual_Block": (resnet.LECTURE_RESIDUAL_BLOCK, ()),
    "D2LResidual": (notebooks.D2LResidual, ("Add",)),
    "DenseBlockNotebook": (notebooks.DenseBlockNotebook, ("Concat",)),
    "TransitionNotebook": (notebooks.TransitionNotebook, ()),
}


def _shortcut(m: Any) -> str:
    if m is None:
        return ""
    if isinstance(m, ops.ShortcutA):
        return f", ShortcutA({m.in_channels}, {m.out_channels}, {m.stride})"
    conv = m[0]
    return f", projection({conv.in_channels}, {conv.out_channels}, {conv.stride[0]})"


def expression(m: Any, needs: set[str]) -> str:
    """The Python that makes module ``m`` (and the helpers it needs, added to ``needs``)."""
    if isinstance(m, resnet.BasicBlock | resnet.Bottleneck):
        name = type(m).__name__
        needs.add(name)
        strided = m.conv2 if isinstance(m, resnet.Bottleneck) else m.conv1
        short = _shortcut(m.downsample)
        needs.update(("ShortcutA",) if "ShortcutA" in short else ("projection",) if short else ())
        stride = f", {strided.stride[0]}" if short or strided.stride[0] != 1 else ""
        return f"{name}({m.conv1.in_channels}, {m.conv1.out_channels}{stride}{short})"
    if isinstance(m, notebooks.D2LResidual):
        needs.add("D2LResidual")
        c1 = m.conv1
        return (f"D2LResidual({c1.in_channels}, {c1.out_channels}, "
                f"use_1x1conv={m.conv3 is not None}, strides={c1.stride[0]})")
    if isinstance(m, notebooks.DenseBlockNotebook):
        needs.add("DenseBlockNotebook")
        return f"DenseBlockNotebook({m.bn.num_features}, {m.num_layers}, {m.conv1.out_channels})"
    if isinstance(m, notebooks.TransitionNotebook):
        needs.add("TransitionNotebook")
        return f"TransitionNotebook({m.conv.in_channels}, {m.conv.out_channels})"
    if isinstance(m, resnet.ResidualBlock):
        needs.add("Residual_Block")
        conv = m.residual_block[0]
        return f"Residual_Block({conv.in_channels}, {conv.out_channels}, {conv.in_channels})"
    if isinstance(m, densenet.DenseBlock):
        needs.add("DenseBlock")
        first = m.denselayer1
        growth = first.conv2.out_channels
        return (f"DenseBlock({len(list(m.children()))}, {first.norm1.num_features}, "
                f"bn_size={first.conv1.out_channels // growth}, growth_rate={growth})")
    if isinstance(m, densenet.Transition):
        needs.add("Transition")
        return f"Transition({m.conv.in_channels}, {m.conv.out_channels})"
    if isinstance(m, googlenet.Inception):
        needs.add("Inception")
        b2, b3 = m.branch2, m.branch3
        widths = (m.branch1.conv.out_channels, b2[0].conv.out_channels, b2[1].conv.out_channels,
                  b3[0].conv.out_channels, b3[1].conv.out_channels, m.branch4[1].conv.out_channels)
        return (f"Inception({m.branch1.conv.in_channels}, {', '.join(map(str, widths))}, "
                f"five_by_five={b3[1].conv.kernel_size[0]}, "
                f"batch_norm={not isinstance(m.branch1.bn, nn.Identity)})")
    # torch's own layers print as the call that makes them: Conv2d(3, 64, kernel_size=(11, 11), ...)
    return f"nn.{m!r}"


def _sources(needs: set[str]) -> list[str]:
    wanted: list[str] = []

    def add(name: str) -> None:
        for dep in SOURCES[name][1]:
            add(dep)
        if name not in wanted:
            wanted.append(name)

    for name in SOURCES:
        if name in needs:
            add(name)
    out = []
    for name in wanted:
        obj = SOURCES[name][0]
        out.append(obj if isinstance(obj, str) else inspect.getsource(obj))
    return out


def _comment_safe(text: str) -> str:
    """A user's design name, safe inside the file's docstring: one printable line without
    quotes or backslashes (so it cannot end the docstring and become code)."""
    return "".join(ch for ch in text if ch.isprintable() and ch not in "\"'\\")[:60]


def code(design: Design) -> str:
    """The design as a runnable ``.py`` file (torch alone)."""
    found = layers(design)
    net = build(design, found=found)
    needs: set[str] = set()
    lines = []
    for layer in found:
        module = getattr(net, layer.name)
        shape = f"# -> {shape_text(layer.shape)}"
        if isinstance(module, nn.Sequential):  # a residual item: its blocks, one per line
            lines.append(f"        self.{layer.name} = nn.Sequential(  {shape}")
            lines += [f"            {expression(block, needs)}," for block in module]
            lines.append("        )")
        else:
            lines.append(f"        self.{layer.name} = {expression(module, needs)}  {shape}")
    c, size = design.channels, design.size
    title = _comment_safe(design.name) or "my network"
    head = f'''"""A convolutional network designed in the CNN Architecture Visualizer ({title}).

Needs only PyTorch. Run it: ``python {{this file}}`` prints the parameter count and the
output shape. Use it: ``from net import build; model = build()``.
The input is {c} x {size} x {size} (channels x height x width); each line says what it outputs.
"""

from __future__ import annotations

import torch
from torch import nn
'''
    body = [head, *(f"\n\n{src.rstrip()}\n" for src in _sources(needs))]
    body.append(f'''

class Net(nn.Module):
    """{len(design.items)} items of the design, run one after another."""

    def __init__(self) -> None:
        super().__init__()
{chr(10).join(lines)}

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for module in self.children():
            x = module(x)
        return x


def build() -> Net:
    """The network, with freshly initialised weights."""
    return Net()


if __name__ == "__main__":
    model = build().eval()
    params = sum(p.numel() for p in model.parameters())
    with torch.no_grad():
        out = model(torch.zeros(1, {c}, {size}, {size}))
    print(f"parameters: {{params:,}}")
    print(f"output shape: {{tuple(out.shape)}}")
''')
    return "".join(body)
