"""Two replicas behind nginx on loopback: kill the one serving the students, check that every
student comes back, on the other replica, with the view they had.

Run: ``python -m deploy.failover`` (exit code 0 when every check passes). Needs Debian's
nginx and chromium, which `make test` installs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from deploy.local import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, start_server, wait_healthy

VIEWS = {  # a few students, each looking at something else: (link, text that proves the view)
    "/?arch=alexnet&size=227&lang=en": "floor((227 + 2*2 - 11) / 4) + 1 = 56",
    "/?arch=densenet121&size=96&lang=en": "floor((96 + 2*3 - 7) / 2) + 1 = 48",
    "/?arch=resnet50&size=160&lang=ko": "floor((160 + 2*3 - 7) / 2) + 1 = 80",
    "/lesson_inception?lang=en&reduce=30": "into 100×100×30",
}
def nginx(listen: int, upstreams: list[int], prefix: Path) -> subprocess.Popen[bytes]:
    exe = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(exe).exists():
        raise RuntimeError("nginx is not installed: sudo apt-get install nginx (make test does)")
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in upstreams)
    conf = ((ROOT / "deploy" / "nginx.conf").read_text().replace("@PREFIX@", str(prefix))
            .replace("@UPSTREAMS@", servers).replace("@LISTEN@", f"127.0.0.1:{listen}"))
    (prefix / "nginx.conf").write_text(conf)
    proc = subprocess.Popen([exe, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_healthy(f"http://127.0.0.1:{listen}")  # answered by a replica, through nginx
    return proc


def serving(port: int) -> int:
    """Websocket connections a replica holds (established TCP connections to its port)."""
    out = subprocess.run(["ss", "-Htn", "state", "established", f"( sport = :{port} )"],
                         capture_output=True, text=True).stdout
    return len([line for line in out.splitlines() if line.strip()])


def run(log: Callable[[str], object] = print, browser: Any = None) -> bool:
    """The scenario; ``browser`` is a Playwright browser to use (one is started if None)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            own = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return run(log, own)
            finally:
                own.close()
    ports = [free_port(), free_port()]
    front = free_port()
    prefix = Path(tempfile.mkdtemp(prefix="cnnvis-nginx-"))
    procs = {p: start_server(p) for p in ports}
    proxy = nginx(front, ports, prefix)
    ok = True
    try:
        pages = []
        sockets: dict[int, int] = {}
        for i, (link, mark) in enumerate(VIEWS.items()):
            page = browser.new_page()
            sockets[i] = 0
            page.on("websocket", lambda _ws, i=i: sockets.__setitem__(i, sockets[i] + 1))
            page.goto(f"http://127.0.0.1:{front}{link}")
            page.wait_for_selector(f"text={mark}", timeout=90_000)
            pages.append((page, mark))
        busy = max(ports, key=serving)
        log(f"students on replica :{busy} ({serving(busy)} connections); killing it")
        os.kill(procs[busy].pid, signal.SIGKILL)
        procs[busy].wait(10)
        start = time.perf_counter()
        for i, (page, mark) in enumerate(pages):
            # The page opens a new websocket (nginx sends it to the other replica), and the
            # new session shows the same view, read from the page's URL.
            deadline = time.monotonic() + 90
            while sockets[i] < 2 and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            if sockets[i] < 2:
                raise RuntimeError(f"student {i} did not reconnect")
            page.wait_for_selector('[data-testid="stDialog"]', state="detached", timeout=90_000)
            page.wait_for_function(
                "(m) => document.body.innerText.includes(m) && "
                "!document.querySelector('[data-testid=\"stStatusWidget\"]')", arg=mark, timeout=90_000)
        other = next(p for p in ports if p != busy)
        log(f"all {len(pages)} students back on :{other} with their views after "
            f"{time.perf_counter() - start:.1f} s ({serving(other)} connections there)")
        ok = serving(other) >= len(pages)
        for page, _ in pages:
            page.close()
    except Exception as exc:
        log(f"failed: {exc}")
        ok = False
    finally:
        proxy.terminate()
        for proc in procs.values():
            proc.kill()
        shutil.rmtree(prefix, ignore_errors=True)
    return ok


if __name__ == "__main__":
    sys.exit(0 if run() else 1)
