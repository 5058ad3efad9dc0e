"""The computations a page waits for the first time it shows something (issue 30): each in a
fresh process, in seconds and as a ratio to a reference computed in that same process (40 products of two
384×384 matrices), so that a slower or busier machine reads the same.

`python -m bench first` runs it and updates bench/RESULTS.md. A computation over about half a
second gets a spinner with words on its page; the slowest are kept on disk across restarts
(app_pages/measured.py: the second time, on any later server, they are read back).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile

from bench._common import ROOT, record, table

# name: (what the page shows while it waits, Python run in a fresh process; prints seconds)
CASES: dict[str, tuple[str, str]] = {
    "compare": ("Compare: every network traced at 224", """
from models import get_entry, list_models
from visualizer.trace import trace_named
for name in list_models():
    if get_entry(name).takes_images:
        try:
            trace_named(name, 224)
        except Exception:
            pass
"""),
    "explorer_densenet201": ("Explorer: DenseNet-201's trace at 224", """
from visualizer.trace import trace_named
trace_named("densenet201", 224)
"""),
    "gradients_56": ("ResNet ②: gradients at 56 layers, plain and residual", """
from visualizer.shortcuts import GRADIENT_BATCH, GRADIENT_SIDE, depth_gradients
x, y = pictures(GRADIENT_BATCH, GRADIENT_SIDE)
depth_gradients(56, False, x, y); depth_gradients(56, True, x, y)
"""),
    "gradients_110": ("ResNet ②: gradients at 110 layers, plain and residual", """
from visualizer.shortcuts import GRADIENT_BATCH, GRADIENT_SIDE, depth_gradients
x, y = pictures(GRADIENT_BATCH, GRADIENT_SIDE)
depth_gradients(110, False, x, y); depth_gradients(110, True, x, y)
"""),
    "aux": ("Inception: gradients with and without the auxiliary classifiers", """
from visualizer.shortcuts import AUX_WEIGHT, GOOGLENET_BATCH, GOOGLENET_SIDE, googlenet_gradients
x, y = pictures(GOOGLENET_BATCH, GOOGLENET_SIDE)
googlenet_gradients(x, y, 0.0); googlenet_gradients(x, y, AUX_WEIGHT)
"""),
    "reuse": ("DenseNet: feature reuse of the untrained DenseNet-121", """
import torch
from models import build_model
from visualizer.shortcuts import dense_reuse
torch.manual_seed(0)
dense_reuse(build_model("densenet121", device="cpu", in_channels=1, num_classes=10))
"""),
    "diagram_densenet201": ("Explorer ② diagram: DenseNet-201 drawn by graphviz", """
from visualizer.diagram import DiagramOptions, to_dot
from visualizer.export import render_dot
from visualizer.trace import trace_named
render_dot(to_dot(trace_named("densenet201", 224), DiagramOptions(lang="ko")), "svg")
"""),
}

PICTURES = """
from visualizer.data import load_split
from visualizer.shortcuts import picture_batch
from visualizer.train import normalisation
def pictures(n, side):
    train = load_split("train")
    return picture_batch(train, n, side, *normalisation(train))
"""

REFERENCE = """
trace_named("alexnet", 224)  # one-time costs (torch's first calls) out of the way
t0 = time.perf_counter()
for _ in range(40):
    torch.randn(384, 384) @ torch.randn(384, 384)
ref = time.perf_counter() - t0  # a fixed amount of arithmetic: how fast this machine is now
"""

RUN = """
import time, torch
torch.set_num_threads(1)
from visualizer.trace import trace_named  # imports are not the computation
import models, visualizer.diagram, visualizer.export, visualizer.shortcuts
{reference_import}
{reference}
t0 = time.perf_counter()
{case}
print(ref, time.perf_counter() - t0)
"""


def measure(case: str, env: dict[str, str]) -> tuple[float, float]:
    code = RUN.format(reference_import=PICTURES if "pictures(" in case else "", reference=REFERENCE,
                      case=case)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True)
    ref, seconds = (float(v) for v in out.stdout.split()[-2:])
    return ref, seconds


def main() -> None:
    import os

    rows = []
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "CNNVIS_CACHE": cache}
        for name, (what, case) in CASES.items():
            ref, seconds = measure(case, env)
            rows.append([what, f"{seconds:.1f}", f"{seconds / ref:.0f}×"])
            print(json.dumps({"case": name, "seconds": round(seconds, 2), "reference": round(ref, 3)}),
                  flush=True)
    body = ("Each in a fresh process, one thread (the server's share of a busy 2-core machine); "
            "the ratio is to the time the same process takes for 40 products of two 384×384 "
            "matrices (how fast the machine is at that moment).\n\n"
            + table(["First computation", "seconds", "× reference"], rows))
    record("First computations a page waits for", body)


if __name__ == "__main__":
    main()
