"""``python -m visualizer``: the tracer from a terminal, for teachers and for debugging."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path
from typing import Any

from models import list_models
from visualizer.cost import WORK_BUDGET
from visualizer.data import DataError
from visualizer.diagram import DETAILS
from visualizer.export import FORMATS, THEMES, ExportProblem, SlideStyle, export
from visualizer.i18n import LANGS, t
from visualizer.paths import cache_dir
from visualizer.runs import RUN_THREADS, RunError, run_training
from visualizer.tables import summary_text
from visualizer.trace import ShapeError, trace_named
from visualizer.train import RECIPES, Recipe
from visualizer.training.store import checkpoint_paths, read_meta
from visualizer.training.trainer import Progress


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
    tr = sub.add_parser("train", help="train a network on Fashion-MNIST (Debian's copy) and save it")
    tr.add_argument("arch", nargs="+", help="one or more of: " + ", ".join(RECIPES))
    tr.add_argument("--epochs", type=float, default=None, help="override the recipe's epochs")
    tr.add_argument("--limit-train", type=int, default=None, help="use only the first N training pictures")
    tr.add_argument("--limit-test", type=int, default=None, help="evaluate on the first N test pictures")
    tr.add_argument("--seed", type=int, default=0)
    tr.add_argument("--threads", type=int, default=RUN_THREADS, help="torch intra-op threads")
    tr.add_argument("--nice", type=int, default=0,
                    help="run at this niceness at least (0-19: higher is a lower priority)")
    tr.add_argument("--skip-done", action="store_true",
                    help="skip networks whose checkpoint was made with the same recipe")
    tr.add_argument("--quiet", action="store_true", help="no progress bar (the status file only)")
    tr.add_argument("--started-by", default="terminal", help=argparse.SUPPRESS)

    code = sub.add_parser("code", help="write a network (a zoo name or a design file) as PyTorch code")
    code.add_argument("source", help="a zoo name or a design's JSON file (saved by the builder)")
    code.add_argument("-o", "--output", required=True, help="the .py file to write")

    qu = sub.add_parser("queue", help="train the builder's waiting designs one by one (the page starts this)")
    budget = int(float(os.environ.get("CNNVIS_QUEUE_BUDGET") or WORK_BUDGET))
    qu.add_argument("--budget", type=int, default=budget,
                    help="MAC-equivalents of training a design (default: the class budget; the tests set "
                         "CNNVIS_QUEUE_BUDGET)")
    qu.add_argument("--limit-train", type=int, default=None, help="use only the first N training pictures")
    qu.add_argument("--limit-test", type=int, default=None, help="evaluate on the first N test pictures")
    qu.add_argument("--threads", type=int, default=RUN_THREADS, help=argparse.SUPPRESS)
    qu.add_argument("--job", default=None, help=argparse.SUPPRESS)  # the worker runs each job so

    we = sub.add_parser("weights", help="fetch torchvision's ImageNet checkpoint into torch's hub cache")
    we.add_argument("kind", choices=("imagenet",))
    we.add_argument("arch", help="alexnet, googlenet, resnet18, resnet50 or densenet121")

    tl = sub.add_parser("teacher-link", help="print the link that makes a browser the teacher")
    tl.add_argument("--port", type=int, default=8501)
    tl.add_argument("--host", default="localhost")
    tl.add_argument("--open", action="store_true",
                    help="also open it in this machine's browser once the server answers (only where "
                         "there is a display)")
    return parser


def teacher_link_command(args: argparse.Namespace) -> int:
    """``teacher-link``: print the teacher's sign-in address; with ``--open``, wait for the server
    and open it in the default browser where there is a display, so that browser is the teacher."""
    from visualizer.roles import SIGN_IN, teacher_token

    try:
        token = teacher_token()
    except OSError as exc:
        print(f"error: cannot keep the teacher's secret in {cache_dir()}: {exc.strerror or exc}. "
              f"Free some disk space or set CNNVIS_CACHE to a writable folder.", file=sys.stderr)
        return 4
    from visualizer.lecture import join_address

    url = f"http://{args.host}:{args.port}{SIGN_IN}?key={token}"
    # Streamlit's own welcome is off (.streamlit/config.toml: it asks a service on the internet
    # for this machine's outside address and warns when it cannot): the addresses are said here.
    print(f"The app: http://{args.host}:{args.port}", flush=True)
    print(f"Students' address (on the join screen too): {join_address(args.port)}", flush=True)
    print(f"Teacher's link (open it in the teacher's browser; keep it to yourself): {url}", flush=True)
    if args.open and (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        import urllib.request
        import webbrowser

        for _ in range(240):  # the server takes a few seconds to start: wait up to two minutes
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        webbrowser.open(url)
    return 0


def same_recipe(saved: Any, recipe: Recipe) -> bool:
    """A checkpoint's recipe is ``recipe``; fields added to Recipe since it was written count
    as their defaults (so a new field does not make `make weights` train everything again)."""
    if not isinstance(saved, dict):
        return False
    defaults = {f.name: f.default for f in dataclasses.fields(Recipe)}
    return {**defaults, **saved} == dataclasses.asdict(recipe)


def train_command(args: argparse.Namespace) -> int:
    """``train``: one run per network, each with a progress bar (tqdm), one after the other."""
    from tqdm import tqdm

    unknown = [a for a in args.arch if a not in RECIPES]
    if unknown:
        print(f"error: no Fashion-MNIST recipe for {', '.join(unknown)}; "
              f"choose from {', '.join(RECIPES)}", file=sys.stderr)
        return 2
    for arch in args.arch:
        recipe = RECIPES[arch]
        if args.epochs is not None:
            recipe = dataclasses.replace(recipe, epochs=args.epochs)
        meta = read_meta(arch)
        if args.skip_done and meta and same_recipe(meta.get("recipe"), recipe) \
                and not args.limit_train:
            print(f"{arch}: already trained ({meta['test_accuracy']:.4f}, {meta['date']}), skipped")
            continue
        bar = None if args.quiet else tqdm(desc=arch, unit="step", dynamic_ncols=True)

        def show(p: Progress, bar: Any = bar) -> None:
            if bar is not None:
                bar.total = p.steps
                bar.update(p.step - bar.n)
                bar.set_postfix(loss=f"{p.loss:.3f}", acc=f"{p.accuracy:.3f}",
                                img_s=f"{p.examples_per_second:.0f}")

        try:
            out = run_training(arch, recipe=recipe, seed=args.seed, limit_train=args.limit_train,
                               limit_test=args.limit_test, threads=args.threads, nice=args.nice,
                               started_by=args.started_by, on_progress=show)
        except (RunError, DataError) as err:
            if bar is not None:
                bar.close()
            prefix = "run" if isinstance(err, RunError) else "data"
            print(f"error: {t(f'{prefix}.{err.code}', 'en', **err.values)}", file=sys.stderr)
            return 4
        if bar is not None:
            bar.close()
        if out["state"] == "stopped":
            print(f"{arch}: stopped at step {out['step']}; the previous checkpoint is kept")
            return 1
        print(f"{arch}: test accuracy {out['test_accuracy']:.4f} after {out['seconds']:.0f} s "
              f"-> {checkpoint_paths(arch)[0]}")
    return 0


def code_command(args: argparse.Namespace) -> int:
    """``code``: a zoo model or a design file as a runnable ``.py`` (torch alone)."""
    from visualizer.codegen import code
    from visualizer.design import DesignError, from_json, from_zoo

    try:
        if args.source in list_models():
            design = from_zoo(args.source)
        else:
            path = Path(args.source)
            if not path.is_file():
                print(f"error: {args.source} is neither a network ({', '.join(list_models())}) "
                      "nor a design file", file=sys.stderr)
                return 2
            design = from_json(path.read_bytes()[:1_000_000])
        text = code(design)
    except DesignError as exc:
        print(f"error: {exc.message('en')}", file=sys.stderr)
        return 2
    Path(args.output).write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(text.splitlines())} lines; run it with: python {args.output}")
    return 0


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "train":
        return train_command(args)
    if args.command == "code":
        return code_command(args)
    if args.command == "queue":
        from visualizer import queue

        if args.job:
            return queue.run_one(args.job, budget=args.budget, limit_train=args.limit_train,
                                 limit_test=args.limit_test, threads=args.threads)
        ran = queue.work(budget=args.budget, limit_train=args.limit_train, limit_test=args.limit_test,
                         threads=args.threads)
        print(f"queue: {ran} jobs trained")
        return 0
    if args.command == "weights":
        from visualizer.imagenet import fetch_command

        return fetch_command(args.arch)
    if args.command == "teacher-link":
        return teacher_link_command(args)
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
    except ExportProblem as exc:
        print(f"error: {exc.message(args.lang)}", file=sys.stderr)
        return 3
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    Path(args.output).write_bytes(data)
    print(f"{args.output}: {len(data):,} bytes")
    return 0
