"""Forty students at once: clients of Streamlit's own websocket protocol against a running
server, each changing the input size every few seconds for several minutes.

Each client is what a browser tab says to the server (BackMsg) and hears back (ForwardMsg),
without a browser's rendering, so the server is what is measured. One extra client is the
teacher. Reported: time from a change to the finished rerun (p50/p95), errors (exceptions
shown, failed runs, dropped connections), and the server's memory after warm-up and at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection
from websockets.typing import Subprotocol

from bench._common import percentile, record, server, table

ARCHS = ("alexnet", "resnet18", "resnet50", "googlenet", "densenet121", "densenet201")
SIZE_KEY = "ex_size_box"  # the explorer's size box; widget ids end with their key


@dataclass
class Stats:
    times: list[float] = field(default_factory=list)
    errors: int = 0


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


# What a failed session raises: a timeout, a refused or dropped connection.
SESSION_ERRORS = (TimeoutError, OSError, websockets.WebSocketException)


def connect(url: str) -> websockets.connect:
    """A Streamlit session's websocket, as a browser tab opens it."""
    return websockets.connect(url.replace("http", "ws") + "/_stcore/stream",
                              subprotocols=[Subprotocol("streamlit")], max_size=2**26)


async def rerun(ws: ClientConnection, query: str, widget: tuple[str, int] | None
                ) -> tuple[float, bool, dict[str, str]]:
    """Send one rerun; wait for the script to finish. Returns (seconds, ok, widget ids)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    if widget is not None:
        state = msg.rerun_script.widget_states.widgets.add()
        state.id, state.int_value = widget
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    ids: dict[str, str] = {}
    ok = True
    while True:
        fwd = ForwardMsg()
        fwd.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=60))
        kind = fwd.WhichOneof("type")
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            what = element.WhichOneof("type")
            if what == "exception":
                ok = False
            elif what == "number_input":
                ids[element.number_input.id.rsplit("-", 1)[-1]] = element.number_input.id
        elif kind == "script_finished":
            ok = ok and fwd.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                                ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
            return time.perf_counter() - start, ok, ids


async def student(url: str, stats: Stats, until: float, period: float, seed: int) -> None:
    rng = random.Random(seed)
    arch = rng.choice(ARCHS)
    query = f"arch={arch}&size=224&lang={rng.choice(('ko', 'en'))}"
    try:
        async with connect(url) as ws:
            _, ok, ids = await rerun(ws, query, None)
            box = ids.get(SIZE_KEY)
            if not ok or box is None:
                stats.errors += 1
                return
            await asyncio.sleep(rng.uniform(0, period))
            while time.perf_counter() < until:
                size = rng.choice((rng.randint(64, 512), rng.choice((96, 224, 227, 256))))
                elapsed, ok, _ = await rerun(ws, query, (box, size))
                stats.times.append(elapsed)
                stats.errors += 0 if ok else 1
                await asyncio.sleep(rng.uniform(0.5 * period, 1.5 * period))
    except SESSION_ERRORS:
        stats.errors += 1


async def classroom(url: str, pid: int, students: int, seconds: float, period: float) -> dict[str, object]:
    warm_stats = Stats()
    await student(url, warm_stats, time.perf_counter() + 5, 1.0, 999)  # the teacher opens first
    warm_until = time.perf_counter() + 20
    pupils = [Stats() for _ in range(students)]
    teacher = Stats()
    until = time.perf_counter() + seconds
    tasks = [asyncio.create_task(student(url, s, until, period, i)) for i, s in enumerate(pupils)]
    tasks.append(asyncio.create_task(student(url, teacher, until, period, 12345)))
    await asyncio.sleep(max(0.0, warm_until - time.perf_counter()))
    warm_rss = rss_mb(pid)
    await asyncio.gather(*tasks)
    all_times = [t for s in pupils for t in s.times]
    return {"students": students, "changes": len(all_times) + len(teacher.times),
            "errors": sum(s.errors for s in pupils) + teacher.errors,
            "p50": percentile(all_times, 0.5), "p95": percentile(all_times, 0.95),
            "teacher_p95": percentile(teacher.times, 0.95) if teacher.times else float("nan"),
            "warm_rss": warm_rss, "end_rss": rss_mb(pid)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--period", type=float, default=3.0, help="seconds between a student's changes")
    parser.add_argument("--training", action="store_true",
                        help="with a training run going (ResNet-18, started as the training page does)")
    parser.add_argument("--queue", action="store_true",
                        help="with the builder's queue going: every student pressed Train (a mini ResNet)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as cache, server(extra_env={"CNNVIS_CACHE": cache}) as (url, proc):
        run = None
        if args.training:
            from visualizer.runs import read_status, start_run

            run = start_run("resnet18", Path(cache))
            while (read_status(Path(cache)) or {}).get("state") != "running":
                time.sleep(0.5)
        if args.queue:
            run = fill_queue(Path(cache), args.students)
        r = asyncio.run(classroom(url, proc.pid, args.students, args.seconds, args.period))
        if args.queue:
            trained = queue_outcome(Path(cache))
        elif run is not None:
            status = read_status(Path(cache)) or {}
            os.kill(run, signal.SIGKILL)
            speed = (status.get("progress") or {}).get("examples_per_second", 0)
    growth = 100 * (float(str(r["end_rss"])) / float(str(r["warm_rss"])) - 1)
    body = table(["students", "changes", "errors", "p50 s", "p95 s", "teacher p95 s",
                  "RSS after warm-up MB", "RSS at end MB", "growth"],
                 [[r["students"], r["changes"], r["errors"], f"{r['p50']:.2f}", f"{r['p95']:.2f}",
                   f"{r['teacher_p95']:.2f}", f"{r['warm_rss']:.0f}", f"{r['end_rss']:.0f}",
                   f"{growth:+.0f}%"]])
    body += (f"\n\n{args.students} students and a teacher, each changing the input size every "
             f"{args.period:.0f} s (±50%) for {args.seconds:.0f} s, on one server process. Targets: no "
             "errors; student p95 under 2 s; teacher p95 under 1 s; memory at the end within 20% of "
             "its level after warm-up.")
    if args.queue:
        body += (f"\n\nWith the builder's training queue going the whole time: {args.students} mini ResNets "
                 f"(the builder's template, 54.8 M MACs a picture) queued at the start, trained one at a "
                 f"time by the queue's worker (its own process, nice 19, 2 threads); {trained}.")
    if args.training:
        body += (f"\n\nWith a ResNet-18 training run going the whole time, as the training page "
                 f"starts it (its own process, nice 19, 2 threads): it trained at {speed:.0f} pictures/s "
                 "meanwhile (alone: see 'Training: the trainer vs a bare PyTorch loop').")
    title = "Forty students at once"
    if args.training:
        title += ", while a network trains"
    elif args.queue:
        title += ", while the builder's queue trains"
    record(title, body)


def fill_queue(cache: Path, students: int) -> int:
    """Every student presses Train on the builder's mini ResNet; returns the worker's pid."""
    from visualizer import design as ds
    from visualizer import queue as q

    d = ds.template("mini_resnet")
    result, net = q.measure(d)
    need = q.trainable(d, result, net)  # what the builder's Train button computes before it queues
    for n in range(students):
        q.submit(d, owner=f"s{n}", nickname=f"s{n}", params=result.total_params, macs=result.total_macs,
                 need=need, folder=cache)
    while not (q.queue_dir(cache) / "worker.pid").exists():
        time.sleep(0.2)
    return int((q.queue_dir(cache) / "worker.pid").read_text())


def queue_outcome(cache: Path) -> str:
    """What the worker did meanwhile; then the queue is emptied and the worker stopped."""
    from visualizer import queue as q

    done = [q.outcome(str(r["id"]), cache) for r in q.board(cache)]
    seconds = [float(d["seconds"]) for d in done if d]
    current = q.running(cache) or {}
    q.clear(cache)
    os.kill(int((q.queue_dir(cache) / "worker.pid").read_text()), signal.SIGKILL)
    return (f"{len(done)} finished meanwhile ({sum(seconds) / max(1, len(seconds)):.0f} s of training each), "
            f"the next at step {(current.get('progress') or {}).get('step', 0)}")


if __name__ == "__main__":
    main()
