"""The class follows the teacher: what followers cost while she talks, and how fast they follow.

Each follower is what a student's page does (deploy/protocol.py for the page, plain HTTP for
the wait): it opens the lesson as a Streamlit session, then waits at ``/api/lecture`` for the
teacher's next step and, woken, reruns its page with her view, as the page's own script does.
The teacher publishes steps (visualizer/lecture.py, what her browser does on each click).

Measured, on the running server (``make run``'s serve.py):
- idle: the server's CPU over ``--idle`` seconds with N followers waiting (target: under 10 %
  of one core for 200), against the same seconds with no follower at all (the ratio);
- stepping: the teacher steps 30 times; for each step, the time from her click (her page's run,
  which draws the step's figures, then her publishing) to the last follower's finished rerun
  (p50, p95; targets p95 < 1 s for 40, < 2 s for 200), errors.

With ``--replicas 2`` the followers are spread over two servers sharing one cache folder, as
nginx's ``ip_hash`` spreads a class over the replicas of deploy/nginx.conf (one Streamlit
process runs its scripts on one core at a time; this machine has two). The server CPU is then
the replicas' sum.

Run: ``python -m bench follow`` (40 and 200 followers, one server and two replicas), or
``python -m bench.follow 40 --replicas 2``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import tempfile
import time
from pathlib import Path

from bench._common import percentile, record, server, table
from deploy.protocol import Tab
from visualizer import lecture

PAGE = "lesson_alexnet"
WAITER = "cnnvis.follow"  # the page's waiting script (app_pages/lecture_mode.py)
STEPS = 30


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def long_poll(host: str, port: int, after: int) -> int:
    """GET /api/lecture?after=N (held until the version changes); the new version."""
    reader, writer = await asyncio.open_connection(host, port)
    request = f"GET /api/lecture?after={after} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    writer.write(request.encode())
    await writer.drain()
    body = (await reader.read()).split(b"\r\n\r\n", 1)[1]
    writer.close()
    import json

    return int(json.loads(body)["version"])


async def follower(url: str, seen: dict[int, list[float]], errors: list[str], stop: asyncio.Event) -> None:
    host, port = url.removeprefix("http://").split(":")
    try:
        async with Tab(url) as tab:
            now = lecture.read()
            version = now.version if now else 0
            shown = now.query if now else "lang=ko"
            run = await tab.open(PAGE, shown, timeout=300)
            while not stop.is_set():
                new = await long_poll(host, int(port), version)
                if new == version:
                    continue
                version = new
                # woken, the page's waiting script tells the page (its component's event), and
                # the page opens the teacher's view in that run (app_pages/lecture_mode.py)
                waiting = run.components.get(WAITER)
                if waiting is None:
                    errors.append("no waiting script on the page")
                    return
                run = await tab.open(PAGE, shown, event=(waiting, "lecture", version * 1000), timeout=300)
                shown = run.query if run.query is not None else shown
                if not run.ok:
                    errors.append("run")
                seen.setdefault(version, []).append(time.perf_counter())
    except Exception as exc:  # a dropped session is an error of the measurement, not a crash
        errors.append(type(exc).__name__)


def cpu_of(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


async def settle(pids: list[int], quiet: float = 0.05, window: float = 2.0, most: float = 180.0) -> None:
    """Wait until the servers use under ``quiet`` of a core over ``window`` seconds: the
    first page's run starts the traces of every network in the background (a class's server
    has done that long before the teacher's first step)."""
    end = time.monotonic() + most
    while time.monotonic() < end:
        before = cpu_of(pids)
        await asyncio.sleep(window)
        if (cpu_of(pids) - before) / window < quiet * len(pids):
            return


async def measure(urls: list[str], pids: list[int], n: int, idle: float) -> dict[str, object]:
    base = lecture.publish(PAGE, {"tab": "steps", "step": "0", "lang": "ko"})
    stop = asyncio.Event()
    seen: dict[int, list[float]] = {}
    errors: list[str] = []
    tasks = [asyncio.create_task(follower(urls[i % len(urls)], seen, errors, stop)) for i in range(n)]
    await asyncio.sleep(5 + n / 20)  # every follower has opened its page and waits
    await settle(pids)  # the server's start-up work (app_pages/common.py: _warm) is done
    before = cpu_of(pids)
    await asyncio.sleep(idle)
    idle_share = (cpu_of(pids) - before) / idle
    delays: list[float] = []
    server_cpu, own_cpu = cpu_of(pids), time.process_time()
    for step in range(1, STEPS + 1):
        view = {"tab": "steps", "step": str(step % 20), "lang": "ko"}
        published = time.perf_counter()  # the teacher's click
        # Her page's run first (it draws the step's figures, for her class too), then her view
        # is published, as app.py does at the end of her run. Her page is a fresh session on the
        # first server (its first run reads the step from the link): a little slower than hers.
        async with Tab(urls[0]) as her:
            await her.open(PAGE, "&".join(f"{k}={v}" for k, v in view.items()), timeout=300)
        v = lecture.publish(PAGE, view).version
        deadline = published + 30
        while len(seen.get(v, [])) < n - len(errors) and time.perf_counter() < deadline:
            await asyncio.sleep(0.02)
        arrived = seen.get(v, [])
        delays.append((max(arrived) if arrived else deadline) - published)
        await asyncio.sleep(1.0)  # the teacher talks for a moment
    # CPU per follower's run: the servers', and this bench's own (it stands in for the students'
    # browsers and shares the machine's two cores with the servers)
    runs = STEPS * n
    server_cpu, own_cpu = (cpu_of(pids) - server_cpu) / runs, (time.process_time() - own_cpu) / runs
    stop.set()
    lecture.publish(PAGE, {}, live=False)
    for t in tasks:
        t.cancel()
    return {"n": n, "idle": idle_share, "p50": percentile(delays, 0.5), "p95": percentile(delays, 0.95),
            "errors": len(errors), "base": base.version, "server_ms": 1000 * server_cpu,
            "client_ms": 1000 * own_cpu}


def main(counts: tuple[int, ...] = (40, 200), idle: float = 60.0, replicas: tuple[int, ...] = (1, 2)) -> None:
    rows = []
    for r in replicas:
        for n in counts:
            cache = tempfile.mkdtemp(prefix="cnnvis-follow-")
            os.environ["CNNVIS_CACHE"] = cache
            with contextlib.ExitStack() as stack:
                started = [stack.enter_context(server(extra_env={"CNNVIS_CACHE": cache})) for _ in range(r)]
                urls, pids = [u for u, _ in started], [proc.pid for _, proc in started]
                before = cpu_of(pids)
                time.sleep(idle / 4)
                empty = (cpu_of(pids) - before) / (idle / 4)
                result = asyncio.run(measure(urls, pids, n, idle))
            rows.append([n, r, f"{100 * empty:.1f} %", f"{100 * float(result['idle']):.1f} %",  # type: ignore[arg-type]
                         f"{result['p50']:.2f} s", f"{result['p95']:.2f} s", result["errors"],
                         f"{float(result['server_ms']):.1f} ms", f"{float(result['client_ms']):.1f} ms"])  # type: ignore[arg-type]
            print(rows[-1], flush=True)
    record("The class follows the teacher (bench/follow.py)", table(
        ["followers", "servers", "server CPU, nobody there", f"server CPU, followers waiting ({idle:.0f} s)",
         "teacher's step → last follower, p50", "p95", "errors", "server CPU per follower's run",
         "bench's own CPU per run"], rows)
        + f"\n\n{STEPS} steps of the AlexNet lesson, one a second and a bit, each timed from the teacher's "
          "click: her page's run (it draws the step's figures), her view published, then each follower, "
          "a Streamlit session (deploy/protocol.py) waiting at /api/lecture, woken by its waiting script's "
          "event and opening her view in that one run, as a student's page does. Two servers: the "
          "followers spread over two replicas sharing the cache folder, as nginx's ip_hash spreads a "
          "class (deploy/nginx.conf); CPU is their sum. One Streamlit process runs one script at a "
          "time on one core.")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("counts", nargs="*", type=int, default=[40, 200])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--idle", type=float, default=60.0)
    args = parser.parse_args()
    main(tuple(args.counts), args.idle, tuple(args.replicas))
