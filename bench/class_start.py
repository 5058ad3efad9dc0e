"""The start of a class: forty students open the link within two seconds.

Each student is what a browser's first visit asks of the server, without the browser's own
rendering: every file a real first visit of the explorer fetched (listed once from a real
Chromium visit: the page, Streamlit's scripts, fonts, plotly.js), six at a time over kept-alive
connections and accepting gzip, as a browser does (curl), then the websocket session's first
script run (bench/load.py's client). Per student: seconds from the click to the last file, and
to the finished first run. Once for `streamlit run app.py` and once for `make run`'s serve.py,
one after the other, with the server's CPU time over the whole burst.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from urllib.parse import urlsplit

from bench._common import browser, percentile, record, server, table
from bench.load import SESSION_ERRORS, connect, rerun
from bench.page_latency import wait_chart, wait_updated, watch_script

STUDENTS = 40
SPREAD_S = 2.0  # everyone clicks the link within this many seconds
QUERY = "arch=alexnet&size=224&lang=ko"
SERVERS = (("`streamlit run app.py`", "app.py"), ("`make run` (serve.py)", "serve.py"))


def first_visit_files(url: str) -> list[str]:
    """Paths a new browser profile fetched from the server until the explorer's table and
    chart showed (the websocket aside)."""
    with browser() as b:
        page = b.new_page()
        page.add_init_script(watch_script("alexnet", 224))
        page.goto(f"{url}/?{QUERY}")
        wait_updated(page, 90_000)
        wait_chart(page, 90_000)
        names = page.evaluate("() => performance.getEntriesByType('navigation').concat("
                              "performance.getEntriesByType('resource')).map(r => r.name)")
    origin = urlsplit(url).netloc
    paths = []
    for name in names:
        parts = urlsplit(name)
        if parts.netloc == origin and not parts.path.endswith("/_stcore/stream"):
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return list(dict.fromkeys(paths))


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def student(url: str, paths: list[str], delay: float) -> tuple[float, float, bool]:
    """Seconds to the last file and to the finished first run; whether all went well."""
    await asyncio.sleep(delay)
    start = time.perf_counter()
    config = "".join(f'url = "{url}{p}"\noutput = "/dev/null"\n' for p in paths)
    curl = await asyncio.create_subprocess_exec(
        "curl", "--silent", "--no-progress-meter", "--fail", "--compressed", "--parallel",
        "--parallel-max", "6", "--config", "-", stdin=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL)
    await curl.communicate(config.encode())
    files = time.perf_counter() - start
    try:
        async with connect(url) as ws:
            _, ok, _ = await rerun(ws, QUERY, None)
    except SESSION_ERRORS:
        ok = False
    return files, time.perf_counter() - start, ok and curl.returncode == 0


async def burst(url: str, paths: list[str]) -> list[tuple[float, float, bool]]:
    rng = random.Random(7)
    return await asyncio.gather(*(student(url, paths, rng.uniform(0, SPREAD_S))
                                  for _ in range(STUDENTS)))


def main() -> None:
    rows = []
    for label, script in SERVERS:
        with server(script=script) as (url, proc):
            paths = first_visit_files(url)  # the teacher's visit: also warms the server
            cpu = cpu_seconds(proc.pid)
            results = asyncio.run(burst(url, paths))
            cpu = cpu_seconds(proc.pid) - cpu
        files = [r[0] for r in results]
        ready = [r[1] for r in results]
        rows.append([label, len(paths), sum(not r[2] for r in results),
                     *(f"{percentile(v, q):.1f}" for v in (files, ready) for q in (0.5, 0.95)),
                     f"{max(ready):.1f}", f"{cpu:.1f}"])
    body = table(["server", "files per visit", "errors", "all files p50 s", "all files p95 s",
                  "first run done p50 s", "first run done p95 s", "last student s",
                  "server CPU s"], rows)
    body += (f"\n\n{STUDENTS} students open the explorer ({QUERY}) within {SPREAD_S:.0f} s of "
             "each other, after the teacher. Each fetches every file a real first visit "
             "fetched, six at a time, accepting gzip (curl), then runs the page once over "
             "Streamlit's websocket; timed from the student's click. No browser rendering: "
             "that is the students' own laptops. The server's CPU time covers the whole burst.")
    record("Start of a class: forty first visits at once", body)


if __name__ == "__main__":
    main()
