"""``python -m visualizer``: the tracer from a terminal, for teachers and for debugging."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from models import list_models
from visualizer.analysis import summary_text
from visualizer.diagram import DETAILS
from visualizer.export import FORMATS, THEMES, MissingTool, SlideStyle, export
from visualizer.i18n import LANGS, t
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

    ex = sub.add_parser("export", help="write a diagram, table or deck for slides")
    ex.add_argument("arch", help=f"one of: {', '.join(list_models())}")
    ex.add_argument("--size", type=int, default=None, help="input side in pixels")
    ex.add_argument("--channels", type=int, default=None, help="input channels")
    ex.add_argument("--lang", choices=LANGS, default="ko")
    ex.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
    ex.add_argument("-o", "--output", required=True, help="file to write")
    ex.add_argument("--width", type=int, default=1920, help="PNG width in pixels")
    ex.add_argument("--theme", choices=THEMES, default="light")
    ex.add_argument("--depth", type=int, default=None, help="table depth (default: all layers)")
    ex.add_argument("--font", type=int, default=14, help="smallest font size, in points on the slide")
    ex.add_argument("--portrait", action="store_true", help="diagram top to bottom")
    ex.add_argument("--detail", choices=DETAILS, default="overview", help="diagram detail")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    config = {} if getattr(args, "classes", None) is None else {"num_classes": args.classes}
    try:
        result = trace_named(args.arch, args.size, channels=args.channels, **config)
        if args.command == "summary":
            print(summary_text(result, args.lang, args.depth))
            return 0
        style = SlideStyle(width=args.width, theme=args.theme, font_floor=args.font,
                           landscape=not args.portrait, detail=args.detail)
        data = export(result, args.fmt, args.lang, style, args.depth)
    except ShapeError as exc:
        print(f"error: {exc.message(args.lang)}", file=sys.stderr)
        return 2
    except MissingTool as exc:
        print(f"error: {t(f'export.missing.{exc.tool}', args.lang)}", file=sys.stderr)
        return 3
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    Path(args.output).write_bytes(data)
    print(f"{args.output}: {len(data):,} bytes")
    return 0
