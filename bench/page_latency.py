"""Page latency in headless Chromium: from changing the input size to the updated page.

For each architecture: the first load of the page (server already up), then sizes never
seen before, then sizes seen before (served from the cache). The page counts as updated when
the notice shows the first convolution's formula for the new size and Streamlit is idle.
"First load" is a student's first visit after the teacher's (a warm-up visit opens first).
"""

from __future__ import annotations

import time

from bench._common import browser, percentile, record, server, table, wait_idle

ARCHS = ("alexnet", "densenet201")
NEW_SIZES = list(range(200, 260, 4))  # 15 sizes
MARK = {"alexnet": "floor(({s} + 2*2 - 11) / 4)", "densenet201": "floor(({s} + 2*3 - 7) / 2)"}


def measure(url: str, arch: str, path: str = "") -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"first": [], "new": [], "seen": []}
    with browser() as b:
        # The teacher's first visit warms the server (imports, caches); time a student's.
        warm = b.new_page()  # type: ignore[attr-defined]
        warm.goto(f"{url}/{path}?arch={arch}&size=224&lang=en")
        warm.wait_for_selector(f"text={MARK[arch].format(s=224)}", timeout=90_000)
        warm.close()
        page = b.new_page(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
        start = time.perf_counter()
        page.goto(f"{url}/{path}?arch={arch}&size=224&lang=en")
        page.wait_for_selector(f"text={MARK[arch].format(s=224)}", timeout=60_000)
        wait_idle(page)
        out["first"].append(time.perf_counter() - start)
        box = page.get_by_label("Exact size")
        for phase, sizes in (("new", NEW_SIZES), ("seen", NEW_SIZES)):
            for s in sizes:
                box.fill(str(s))
                start = time.perf_counter()
                box.press("Enter")
                page.wait_for_selector(f"text={MARK[arch].format(s=s)}", timeout=60_000)
                wait_idle(page)
                out[phase].append(time.perf_counter() - start)
    return out


def main() -> None:
    ms = lambda v: f"{1000 * v:.0f}"  # noqa: E731
    with server(script="bench/reference_app.py") as (url, _):
        floor = measure(url, "alexnet")  # the same marker: the minimal page writes it too
    base = percentile(floor["new"], 0.5)
    rows = [["minimal Streamlit page (reference)", ms(floor["first"][0]),
             *(ms(percentile(floor[k], q)) for k in ("new", "seen") for q in (0.5, 0.95)), "1.0"]]
    with server() as (url, _):
        for arch in ARCHS:
            m = measure(url, arch)
            rows.append([arch, ms(m["first"][0]),
                         *(ms(percentile(m[k], q)) for k in ("new", "seen") for q in (0.5, 0.95)),
                         f"{percentile(m['new'], 0.5) / base:.1f}"])
    body = table(["page", "first load ms", "new size p50 ms", "new size p95 ms", "seen size p50 ms",
                  "seen size p95 ms", "new p50 / reference"], rows)
    body += ("\n\nTargets: new size p50 < 300 ms and p95 < 600 ms; seen size < 150 ms; "
             "first load < 2000 ms. 15 sizes each, one browser, server on the same machine. The "
             "reference is a one-widget Streamlit page measured the same way in the same run: "
             "the part of the latency that no page on this machine can avoid.")
    record("Page latency (explorer, headless Chromium)", body)


if __name__ == "__main__":
    main()
