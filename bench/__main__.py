"""`make bench`: every benchmark in turn; each prints its table and updates bench/RESULTS.md."""

from __future__ import annotations

import sys

from bench import class_start, gradients, load, page_latency, startup, trace_speed, train_speed

STEPS = {"trace": trace_speed.main, "page": page_latency.main, "startup": startup.main,
         "load": lambda: load.main([]), "class_start": class_start.main,
         "train": train_speed.main, "gradients": gradients.main}

if __name__ == "__main__":
    for name in sys.argv[1:] or list(STEPS):
        STEPS[name]()
