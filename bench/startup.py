"""Start-up: from `make run` (everything installed) to a page that answers in a browser."""

from __future__ import annotations

import os
import signal
import subprocess
import time

from bench._common import ROOT, browser, free_port, record, table, wait_healthy


def once() -> tuple[float, float]:
    """Seconds to a healthy server, and to the explorer's first figures in a browser."""
    port = free_port()
    start = time.perf_counter()
    proc = subprocess.Popen(["make", "run", f"PORT={port}"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        healthy = wait_healthy(f"http://127.0.0.1:{port}", 120)
        with browser() as b:
            page = b.new_page()
            page.goto(f"http://127.0.0.1:{port}/?lang=en")
            page.wait_for_selector("text=floor((224 + 2*2 - 11) / 4)", timeout=120_000)
        return healthy, time.perf_counter() - start
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)


def main() -> None:
    runs = [once() for _ in range(3)]
    rows = [[i + 1, f"{h:.1f}", f"{p:.1f}"] for i, (h, p) in enumerate(runs)]
    body = table(["run", "server healthy s", "first page shown s"], rows)
    body += "\n\nTarget: under 15 s from `make run` (dependencies installed) to a page that answers."
    record("Start-up", body)


if __name__ == "__main__":
    main()
