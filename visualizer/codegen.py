"""A design as a PyTorch file a student can take home: torch alone, readable, runnable.

The file defines the blocks it uses (their source is the zoo's own, copied in, so the
numbers cannot drift), the network as an ``nn.Module`` with torchvision's style of names
(``conv1``, ``layer1``, ``fc1``), each line commented with the shape it outputs, a ``build()``
that returns the model and, when run, prints the parameter count and the output shape.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from torch import nn

from models import cifar, densenet, googlenet, notebooks, ops, resnet
from visualizer.design import Design, build, layers
from visualizer.i18n import shape_text

# The zoo's helpers and blocks a file may need, in the order they must be defined, and what
# each one uses. The lecture's residual block is the lecture's own code, verbatim.
SOURCES: dict[str, tuple[type[nn.Module] | Callable[..., nn.Module] | str, tuple[str, ...]]] = {
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


def _shortcut(block: resnet.BasicBlock | resnet.Bottleneck) -> str:
    """A residual block's shortcut argument: none, the paper's option A, or the zoo's
    ``projection`` (the only other shortcut the zoo and the builder make: a 1x1 convolution
    from the block's input to its output, with the block's stride, and batch norm)."""
    m = block.downsample
    if m is None:
        return ""
    if isinstance(m, ops.ShortcutA):
        return f", ShortcutA({m.in_channels}, {m.out_channels}, {m.stride})"
    return f", projection({block.inplanes}, {block.planes * block.expansion}, {block.stride})"


def expression(m: nn.Module, needs: set[str]) -> str:
    """The Python that makes module ``m`` (and the helpers it needs, added to ``needs``); a
    zoo block is written with the arguments it was made with (each zoo block keeps them)."""
    if isinstance(m, resnet.BasicBlock | resnet.Bottleneck):
        name = type(m).__name__
        needs.add(name)
        short = _shortcut(m)
        needs.update(("ShortcutA",) if "ShortcutA" in short else ("projection",) if short else ())
        stride = f", {m.stride}" if short or m.stride != 1 else ""
        return f"{name}({m.inplanes}, {m.planes}{stride}{short})"
    if isinstance(m, notebooks.D2LResidual):
        needs.add("D2LResidual")
        return (f"D2LResidual({m.input_channels}, {m.num_channels}, "
                f"use_1x1conv={m.use_1x1conv}, strides={m.strides})")
    if isinstance(m, notebooks.DenseBlockNotebook):
        needs.add("DenseBlockNotebook")
        return f"DenseBlockNotebook({m.in_channels}, {m.num_layers}, {m.growth})"
    if isinstance(m, notebooks.TransitionNotebook):
        needs.add("TransitionNotebook")
        return f"TransitionNotebook({m.in_channels}, {m.out_channels})"
    if isinstance(m, resnet.ResidualBlock):
        needs.add("Residual_Block")
        return f"Residual_Block({m.in_dim}, {m.mid_dim}, {m.out_dim})"
    if isinstance(m, densenet.DenseBlock):
        needs.add("DenseBlock")
        return (f"DenseBlock({m.num_layers}, {m.num_input_features}, "
                f"bn_size={m.bn_size}, growth_rate={m.growth_rate})")
    if isinstance(m, densenet.Transition):
        needs.add("Transition")
        return f"Transition({m.num_input_features}, {m.num_output_features})"
    if isinstance(m, googlenet.Inception):
        needs.add("Inception")
        widths = (m.ch1x1, m.ch3x3red, m.ch3x3, m.ch5x5red, m.ch5x5, m.pool_proj)
        return (f"Inception({m.in_channels}, {', '.join(map(str, widths))}, "
                f"five_by_five={m.five_by_five}, batch_norm={m.batch_norm})")
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
        module = net.get_submodule(layer.name)
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
