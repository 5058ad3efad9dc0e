"""Our trace against ``torchinfo.summary`` on the same models, in the same process.

Three cases per model: the first trace of a fresh model (a hooked forward on the meta
device, or a reused call graph when a model of the same structure was traced before); a
new input size of a model already traced (the slider case: formulas only); a new setting
of the architecture (a different conv1 kernel or growth rate: the model is rebuilt, its
call graph reused). Peak memory is measured in a child process that traces every model at
1024x1024.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import torchinfo

import models
from bench._common import ROOT, record, table
from visualizer.trace import trace

NEW_CONFIG = {  # a knob per model that keeps the module tree (so the call graph is reused)
    "alexnet": [{"conv1_kernel": k} for k in (5, 7, 9, 13, 15)],
    "alexnet_paper": [{"num_classes": k} for k in (10, 20, 30, 40, 50)],  # a fixed-size layout
    "googlenet": [{"num_classes": k} for k in (10, 20, 30, 40, 50)],
    "googlenet_paper": [{"num_classes": k} for k in (10, 20, 30, 40, 50)],
    **{f"resnet{d}": [{"stem_kernel": k} for k in (3, 5, 9, 11, 13)] for d in (18, 34, 50, 101, 152)},
    **{f"densenet{d}": [{"growth_rate": k} for k in (12, 16, 24, 40, 48)] for d in (121, 161, 169, 201)},
    "densenet_bc_100": [{"growth_rate": k} for k in (8, 16, 24, 32, 40)],
    "residual_block": [{"mid_dim": k} for k in (16, 32, 48, 96, 128)],
}


def timed_ms(f: Callable[[], object]) -> float:
    start = time.perf_counter()
    f()
    return 1000 * (time.perf_counter() - start)


def interleaved_ms(*fs: Callable[[], object], n: int) -> list[float]:
    """Median time of each function, called in turn n times: whatever else the machine does
    then weighs on all of them alike, so their ratios hold even when the machine is noisy."""
    times: list[list[float]] = [[] for _ in fs]
    for _ in range(n):
        for f, ts in zip(fs, times, strict=True):
            ts.append(timed_ms(f))
    return [statistics.median(ts) for ts in times]


def peak_memory_mb() -> float:
    """Peak RSS of a child process that traces every model at its size and then at 1024.

    Read from VmHWM: ``ru_maxrss`` would report the parent's peak, which Linux carries
    across ``exec``.
    """
    code = ("import models\nfrom visualizer.trace import trace_named\n"
            "for n in models.list_models():\n"
            "    c = models.get_entry(n).default_input\n"
            "    for s in (c[1], 1024):\n"
            "        try: trace_named(n, s)\n"
            "        except ValueError: pass\n"
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
            "print(int(hwm.split()[1]) / 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
    return float(out.stdout.strip().splitlines()[-1])


FIXED = ("alexnet_paper", "googlenet_paper")  # no adaptive pooling: only a narrow size range


def measure(name: str) -> list[str]:
    c, h, _ = models.get_entry(name).default_input
    shape = (1, c, h, h)
    ref = models.build_model(name)
    warm = models.build_model(name)
    trace(warm, shape)
    low = h + 1 if name in FIXED else h + 10
    sizes = iter(range(low, low + 40))
    configs, ti_configs = iter(NEW_CONFIG[name]), iter(NEW_CONFIG[name])
    ti, cold, new_config, ti_new_config = interleaved_ms(
        lambda: torchinfo.summary(ref, input_size=shape, device="meta", verbose=0),
        lambda: trace(models.build_model(name), shape),
        lambda: trace(models.build_model(name, **next(configs)), shape),
        # torchinfo on a new setting has to build that model too
        lambda: torchinfo.summary(models.build_model(name, **next(ti_configs)), input_size=shape,
                                  device="meta", verbose=0), n=len(NEW_CONFIG[name]))
    big = (1, c, 1024, 1024)
    if name in FIXED:
        ti_big = ours_big = None
        (new_size,) = interleaved_ms(lambda: trace(warm, (1, c, next(sizes), next(sizes))), n=15)
    else:
        ti_big = timed_ms(lambda: torchinfo.summary(ref, input_size=big, device="meta", verbose=0))
        new_size, ours_big = interleaved_ms(lambda: trace(warm, (1, c, next(sizes), next(sizes))),
                                            lambda: trace(warm, big), n=15)
    return [name, f"{ti:.1f}", f"{cold:.1f}", f"{new_size:.2f}", f"{ti / new_size:.0f}×",
            f"{new_config:.1f}", f"{ti_new_config:.1f}", f"{ti_new_config / new_config:.1f}×",
            "-" if ti_big is None else f"{ti_big:.1f}",
            "-" if ours_big is None else f"{ours_big:.2f}",
            "-" if ours_big is None else f"{ours_big / new_size:.2f}"]


def main() -> None:
    rows = [measure(name) for name in models.list_models()]
    body = table(["model", "torchinfo ms", "first trace ms", "new size ms", "speed-up", "new config ms",
                  "torchinfo new config ms", "speed-up", "torchinfo 1024 ms", "ours 1024 ms",
                  "1024 / 224 time"], rows)
    body += (f"\n\nPeak memory of a process tracing every model at its own size and at 1024×1024: "
             f"{peak_memory_mb():.0f} MB (target under 500 MB).\n\nMedians; torchinfo on the meta "
             "device, the same input, the same process. Models at their default input size "
             "(227 for the paper's AlexNet, 32 for DenseNet-BC, 56 for the residual block). "
             "\"new size\": a size this model was never traced at (formulas only); \"new config\": "
             "the model built with another setting (a new growth rate, a new stem kernel) and "
             "traced, its call graph reused (no forward pass); torchinfo's new config builds that "
             "model too, then summarises it.")
    record("Trace speed: ours vs torchinfo.summary", body)


if __name__ == "__main__":
    main()
