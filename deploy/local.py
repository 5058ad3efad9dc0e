"""Running the app on this machine: a free port, a server process, waiting for it, and the
Chromium flags for this sandboxed, offline machine. Shared by the tests, bench/ and the
failover scenario."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# No background traffic: the machine has no internet, and Chromium would keep trying.
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, seconds: float = 90) -> float:
    """Seconds until the server at ``url`` answers its health check."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def start_server(port: int, script: str = "serve.py", env: dict[str, str] | None = None,
                 wait: bool = True, root: Path = ROOT) -> subprocess.Popen[bytes]:
    """`streamlit run <script>` on 127.0.0.1:<port>, healthy when this returns (if ``wait``).
    The default, serve.py, is what `make run` serves: app.py with compressed scripts.
    ``root`` is the checkout to run (another commit's worktree, for a side-by-side bench)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(root / script), "--server.port", str(port),
         "--server.address", "127.0.0.1"], cwd=root, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(root), **(env or {})})
    if wait:
        wait_healthy(f"http://127.0.0.1:{port}")
    return proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
