"""What training a design really costs, worked out before it is queued.

The class's queue is shared by forty students on a 2-core machine, so a design is measured on
everything it will do at its own input size and the training batch, not only on the
multiply-accumulates of its convolutions and linear layers:

- **work**: what training on one picture costs, every layer counted, in MAC-equivalents (the
  time a convolution takes for one multiply-accumulate, forward and backward): a convolution or
  a linear layer its MACs; every other layer (activations, batch and local response
  normalisation, pooling, merges, dropout) the values it reads and writes, each worth ``VALUE``
  MACs, and a pooling window its size per output value, each worth ``WINDOW`` (a 15x15 max-pool
  looks at 225 values for each). Measured prices, not guesses: bench/train_cost.py.
- **memory**: bytes at the training batch: every layer's output is kept for the backward pass
  and gets a gradient of the same size (4 bytes each), a max-pool also keeps the position of
  each maximum (8 bytes), and the parameters come four times (weights, gradients and AdamW's
  two moments).

A fair contest gives every design the same amount of work (``WORK_BUDGET`` MAC-equivalents of
training, about a minute on this machine whatever else it is doing): a small network sees more
pictures (at most ``MAX_PICTURES``), a large one fewer;
no design may need more than ``MAX_WORK`` a picture (it would see fewer than ``MIN_PICTURES``)
or more than ``MAX_MEMORY``.
"""

from __future__ import annotations

from dataclasses import dataclass

from torch import nn

from visualizer.records import TraceResult

BATCH = 128  # pictures a training step (the queue's recipe)
WORK_BUDGET = 2 * 10**12  # MAC-equivalents of training a design: about a minute here (30 G a second)
MAX_PICTURES = 60_000  # one pass over Fashion-MNIST's training set: a tiny network stops there
MAX_WORK = 400_000_000  # MAC-equivalents a picture: every design sees at least MIN_PICTURES
MIN_PICTURES = WORK_BUDGET // MAX_WORK
MAX_MEMORY = 3 * 2**30  # bytes at the training batch (the job's hard limit is above this)

_POOLS = (nn.MaxPool2d, nn.AvgPool2d)
# What a value costs next to a multiply-accumulate of a convolution, forward and backward, on
# this machine's two cores (bench/train_cost.py measures them): a convolution or a linear layer
# does 4-5 G MACs a second, an activation or a batch normalisation moves 60-70 times fewer
# values, a pooling window looks at 4-25 times fewer values than a convolution multiplies.
VALUE = 50  # a value read or written by a layer without MACs
WINDOW = 8  # a value looked at through a pooling window
_FLOAT = 4
_INDEX = 8


@dataclass(frozen=True)
class TrainingCost:
    """A design's training cost (see the module's docstring for what is counted)."""

    work: int  # MAC-equivalents of training on one picture
    memory: int  # bytes at the training batch
    pictures: int  # training pictures the budget buys

    @property
    def steps(self) -> int:
        return max(1, self.pictures // BATCH)


def _elements(shape: tuple[int, ...]) -> int:
    n = 1
    for d in shape[1:]:  # per picture: the trace's batch dimension is left out
        n *= d
    return n


def layer_work(module: nn.Module | None, macs: int, ins: int, out: int,
               kernel: tuple[int, int] | None) -> int:
    """Training work of one layer for one picture, in MAC-equivalents (``ins``/``out``: values in
    and out): its multiply-accumulates, or for a layer without them the values it reads and
    writes and the windows it looks through, each at its measured price (``VALUE``, ``WINDOW``)."""
    if macs:
        return macs
    values = VALUE * (ins + out)
    if isinstance(module, _POOLS) and kernel is not None:
        return values + WINDOW * out * kernel[0] * kernel[1]
    if isinstance(module, nn.LocalResponseNorm):  # squares, a window sum, a power: several passes
        return values * (1 + int(module.size))
    return values


def training_cost(result: TraceResult, model: nn.Module | None = None, *, batch: int = BATCH,
                  budget: int = WORK_BUDGET) -> TrainingCost:
    """The work, memory and pictures of training the traced network (``model`` is the module
    the trace was made of; it tells the size of each local response normalisation)."""
    modules = dict(model.named_modules()) if model is not None else {}
    work = 0
    kept = 0  # bytes a picture keeps for the backward pass
    for r in result.leaves():
        module = modules.get(r.name)
        ins = sum(_elements(s) for s in r.input_shapes)
        out = _elements(r.output_shape)
        work += layer_work(module, r.macs, ins, out, r.kernel)
        kept += 2 * _FLOAT * out + (_INDEX * out if isinstance(module, nn.MaxPool2d) else 0)
    memory = batch * kept + 4 * _FLOAT * result.total_params
    pictures = min(MAX_PICTURES, budget // max(1, work))
    return TrainingCost(work=work, memory=memory, pictures=pictures)
