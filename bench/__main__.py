"""`make bench`: every benchmark in turn; each prints its table and updates bench/RESULTS.md.

`python -m bench NAME ...` runs some of them; flags after the names go to `load`
(`python -m bench alexnet_notebook` runs only when named, with its own flags)
(`python -m bench load --training`: forty students while a network trains).
"""

from __future__ import annotations

import sys

from bench import (
    alexnet_notebook,
    class_start,
    fetch,
    first_compute,
    follow,
    gradients,
    imagine,
    load,
    notebook_recipes,
    page_latency,
    startup,
    stepping,
    trace_speed,
    train_speed,
)

FLAGS = [a for a in sys.argv[1:] if a.startswith("--")]
STEPS = {"trace": trace_speed.main, "page": page_latency.main, "startup": startup.main,
         "load": lambda: load.main(FLAGS), "class_start": class_start.main,
         "train": train_speed.main, "gradients": gradients.main,
         "first": first_compute.main,
         "imagine": imagine.main, "fetch": fetch.main, "follow": follow.main,
         "stepping": stepping.main}

# Run only by name (long: about 15 minutes), with its own flags after it:
# `python -m bench alexnet_notebook --steps 600 --size 128`.
BY_NAME = {"alexnet_notebook": alexnet_notebook.main, "notebook_recipes": notebook_recipes.main}

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in BY_NAME:
        sys.exit(BY_NAME[sys.argv[1]](sys.argv[2:]))
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or list(STEPS)
    unknown = [n for n in names if n not in STEPS]
    if unknown:
        sys.exit(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(STEPS)}")
    for name in names:
        STEPS[name]()
