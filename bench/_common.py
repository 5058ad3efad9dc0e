"""Shared by the benchmarks: a server to measure, a browser, and the results file."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from deploy.local import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, start_server, stop, wait_healthy

__all__ = ["ROOT", "browser", "free_port", "percentile", "record", "server", "table", "wait_healthy"]

if TYPE_CHECKING:
    from playwright.sync_api import Browser

RESULTS = ROOT / "bench" / "RESULTS.md"


@contextmanager
def server(port: int | None = None, extra_env: dict[str, str] | None = None,
           script: str = "serve.py") -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`streamlit run serve.py` (as `make run`; or another script) on loopback, stopped afterwards."""
    port = port or free_port()
    proc = start_server(port, script, extra_env)
    try:
        yield f"http://127.0.0.1:{port}", proc
    finally:
        stop(proc)


@contextmanager
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def table(head: list[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def record(section: str, body: str) -> None:
    """Print a section and replace it (by its heading) in bench/RESULTS.md."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpu = f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}"
    text = f"## {section}\n\n_{stamp} · {cpu}_\n\n{body}\n"
    print(text)
    old = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n\nWritten by `make bench`.\n"
    parts = old.split("\n## ")
    kept = [parts[0]] + [p for p in parts[1:] if not p.startswith(section + "\n")]
    RESULTS.write_text("\n## ".join(kept).rstrip() + "\n\n" + text)
