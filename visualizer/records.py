"""Plain, frozen records of a trace: ints, strings and tuples only, so they pickle and cache."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

Shape = tuple[int, ...]
Pair = tuple[int, int]
# The layer types that hold weights (a convolution, a linear layer): filled in by the registry of
# layer types (visualizer/trace/rules.py), which reads records; this module imports nothing back.
WEIGHTED_KINDS: set[str] = set()


@dataclass(frozen=True)
class LayerRecord:
    """One module call of a forward pass.

    Attributes:
        index: position in call order (parents come before their children).
        name: qualified module name (``layer1.0.conv1``); ``""`` for the whole model.
        label: the name a teacher would say (``conv1`` for torchvision's ``features.0``).
        type: the module's class name (what the page shows; views ask ``kind``).
        depth: 0 for the model, 1 for its children, and so on.
        parent: qualified name of the enclosing module (``None`` for the model).
        is_leaf: whether the module has no children (it does the actual computing).
        input_shapes: shapes of the tensors it receives.
        output_shape: shape of the tensor it returns.
        params: parameters owned by this module itself.
        params_total: parameters of the module and everything inside it.
        macs: multiply-accumulates of this module itself (conv and linear only).
        macs_total: multiply-accumulates of everything inside it.
        inputs: indices of the leaf records that produced its inputs (-1 is the image).
        kernel, stride, padding, dilation, groups: for convolution and pooling layers.
        receptive_field: input pixels (per side) that one output pixel sees, where defined.
        jump: distance in input pixels between neighbouring output pixels (effective stride).
        kind: the layer type (``rules.of(record)`` is its object: how it is drawn, counted,
            explained).
    """

    index: int
    name: str
    label: str
    type: str
    depth: int
    parent: str | None
    is_leaf: bool
    input_shapes: tuple[Shape, ...]
    output_shape: Shape
    params: int
    params_total: int
    macs: int
    macs_total: int
    inputs: tuple[int, ...] = ()
    kernel: Pair | None = None
    stride: Pair | None = None
    padding: Pair | None = None
    dilation: Pair | None = None
    groups: int | None = None
    receptive_field: int | None = None
    jump: int | None = None
    kind: str = ""  # its layer type, a key of visualizer.trace.rules.TYPES ("container": a block)

    @property
    def channels(self) -> int:
        """Channels (or features, for flat outputs) of the output."""
        return self.output_shape[1]

    @property
    def activations(self) -> int:
        """Number of values in the output tensor."""
        n = 1
        for d in self.output_shape:
            n *= d
        return n


@dataclass(frozen=True)
class TraceResult:
    """Everything the app shows about one architecture at one input shape.

    Attributes:
        model_name: the registry name (or the class name for an unregistered model).
        input_shape: ``(N, C, H, W)``.
        records: every module call, the model itself first.
        total_params: parameters of the root module, including modules that did not run
            (GoogLeNet's auxiliary classifiers in eval mode).
        total_macs: multiply-accumulates of the forward pass.
    """

    model_name: str
    input_shape: Shape
    records: tuple[LayerRecord, ...]
    total_params: int
    total_macs: int

    @property
    def output_shape(self) -> Shape:
        return self.records[0].output_shape

    def leaves(self) -> list[LayerRecord]:
        """The computing layers, in execution order."""
        return [r for r in self.records if r.is_leaf]

    def at_depth(self, depth: int) -> list[LayerRecord]:
        """The table at a given depth: modules at that depth, and shallower leaves."""
        return [r for r in self.records
                if r.depth == depth or (r.is_leaf and 0 < r.depth < depth)]

    def find(self, name: str) -> LayerRecord:
        """The record of a module by qualified name or label."""
        for r in self.records:
            if name in (r.name, r.label):
                return r
        raise KeyError(f"no layer named {name!r} in {self.model_name}")

    @cached_property  # the record is immutable: computed once, asked on every rerun
    def weighted_depth(self) -> int:
        """Layers with weights (conv, linear) on the longest path from input to output.

        This is how the papers count: ResNet-50 has 50 (its four projection shortcuts run
        beside the main path), GoogLeNet 22, DenseNet-121 121.
        """
        depth: dict[int, int] = {-1: 0}
        for r in self.leaves():
            here = max((depth[i] for i in r.inputs), default=0)
            depth[r.index] = here + (1 if r.kind in WEIGHTED_KINDS else 0)
        return max(depth.values())

    @cached_property
    def activation_values(self) -> int:
        """Values held by all leaf outputs of one forward pass (an upper bound on memory)."""
        return sum(r.activations for r in self.leaves())
