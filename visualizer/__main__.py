"""Command line: ``python -m visualizer summary alexnet --size 224``."""

from __future__ import annotations

import sys

from visualizer.cli import main

sys.exit(main(sys.argv[1:]))
