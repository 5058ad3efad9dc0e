"""``python -m visualizer``: the tracer from a terminal, for teachers and for debugging."""

from __future__ import annotations

import argparse

from models import list_models
from visualizer.analysis import summary_text
from visualizer.i18n import LANGS
from visualizer.trace import ShapeError, trace_named


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m visualizer",
                                     description="Trace a CNN from the zoo.")
    sub = parser.add_subparsers(dest="command", required=True)
    summary = sub.add_parser("summary", help="print the layer table and totals")
    summary.add_argument("arch", help=f"one of: {', '.join(list_models())}")
    summary.add_argument("--size", type=int, default=None, help="input side in pixels")
    summary.add_argument("--channels", type=int, default=None, help="input channels")
    summary.add_argument("--classes", type=int, default=None, help="number of classes")
    summary.add_argument("--depth", type=int, default=None, help="table depth (default: all)")
    summary.add_argument("--lang", choices=LANGS, default="en")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    config = {} if args.classes is None else {"num_classes": args.classes}
    try:
        result = trace_named(args.arch, args.size, channels=args.channels, **config)
    except ShapeError as exc:
        print(f"error: {exc.message(args.lang)}")
        return 2
    except ValueError as exc:
        print(f"error: {exc}")
        return 2
    print(summary_text(result, args.lang, args.depth))
    return 0
