"""The explorer's size-change latency at an older commit and now, measured side by side.

``python -m bench.page_ab REV [ROUNDS]``: checks REV out into a temporary git worktree, starts
a server from it and one from this working tree, opens both in one browser and changes the
input size on each in turn, round after round (sizes never seen, then the same sizes again).
Whatever else the machine does then weighs on both alike, so the comparison holds on a noisy
machine where two runs minutes apart differ by 20%. Same clocks as ``page_latency``: to the
updated table, and to the chart showing the new size.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bench._common import ROOT, browser, percentile, record, table
from bench.page_latency import CONV1, NEW_SIZES, change_size, wait_updated, watch_script
from deploy.local import free_port, start_server, stop


def measure(rev: str, rounds: int) -> list[list[str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old), rev], cwd=ROOT, check=True)
        try:
            for arch in CONV1:
                rows += _compare(arch, {rev: old, "this tree": ROOT}, rounds)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=True)
    return rows


def _compare(arch: str, roots: dict[str, Path], rounds: int) -> list[list[str]]:
    # An older commit may predate serve.py (`make run`'s entry since the compressed scripts).
    servers = {name: (port := free_port(), start_server(
        port, "serve.py" if (root / "serve.py").exists() else "app.py", root=root))
        for name, root in roots.items()}
    times: dict[str, dict[str, list[float]]] = {
        name: {"new": [], "seen": [], "chart_new": [], "chart_seen": []} for name in roots}
    try:
        with browser() as b:
            pages = {}
            for name, (port, _) in servers.items():
                page = b.new_page(viewport={"width": 1600, "height": 1000})
                page.add_init_script(watch_script(arch, 224))
                page.goto(f"http://127.0.0.1:{port}/?arch={arch}&size=224&lang=en")
                wait_updated(page, 90_000)
                pages[name] = page
            for r in range(rounds):
                sizes = [s + r for s in NEW_SIZES]  # new in every round: 200 + r, 204 + r, ...
                for phase in ("new", "seen"):
                    for name, page in pages.items():
                        page.bring_to_front()
                        for s in sizes:
                            table_s, chart_s = change_size(page, arch, s)
                            assert chart_s is not None  # asked for (chart=True)
                            times[name][phase].append(1000 * table_s)
                            times[name][f"chart_{phase}"].append(1000 * chart_s)
    finally:
        for _, proc in servers.values():
            stop(proc)
    return [[arch, name, *(f"{percentile(v[phase], q):.0f}" for phase in ("new", "seen")
                           for q in (0.5, 0.95)),
             *(f"{percentile(v[f'chart_{phase}'], 0.5):.0f}" for phase in ("new", "seen"))]
            for name, v in times.items()]


def main(argv: list[str]) -> None:
    rev, rounds = argv[0], int(argv[1]) if len(argv) > 1 else 3
    rows = measure(rev, rounds)
    body = table(["model", "version", "new size p50 ms", "new size p95 ms", "seen size p50 ms",
                  "seen size p95 ms", "chart: new size p50 ms", "chart: seen size p50 ms"], rows)
    body += (f"\n\n`python -m bench.page_ab {rev} {rounds}`: both versions in one browser, "
             f"{rounds} rounds of 15 new sizes then the same 15 again, taking turns.")
    record(f"Page latency side by side: {rev} and this tree", body)


if __name__ == "__main__":
    main(sys.argv[1:])
