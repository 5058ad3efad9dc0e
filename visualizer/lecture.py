"""The lecture's shared state: which page, step and settings the teacher is showing.

Only the teacher's browser publishes it (app.py, while she presents); every student's page that
follows her reads it. It is one small JSON file in the cache folder, so every replica behind
deploy/nginx.conf reads the same one and a restarted server finds the lecture where it was:
``{"version": 7, "page": "lesson_alexnet", "query": "tab=steps&step=3&lang=ko", "live": true,
"updated": 1733360000.0}``. ``version`` grows by one at each change, so a follower can wait for
"anything after version 7" (deploy/lecture.py) instead of asking again and again.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from visualizer.paths import atomic_write, cache_dir

MAX_QUERY = 10_000  # characters of a lecture's link (a builder's design= is at most 8,000)
# A lecture not touched for this long is over: the teacher's presenting page says it is there
# every BEAT_SECONDS (app_pages/projector.py; its view written again once it is STALE_SECONDS / 2
# old), so a lecture whose projector was closed without Esc ends within STALE_SECONDS (at 4 hours,
# a student who opened the builder after class was still pulled to the last slide).
STALE_SECONDS = 15 * 60
BEAT_SECONDS = 4 * 60
# Parameters that never travel to the students: the teacher's own mode and secret.
PRIVATE = ("present", "teacher")


@dataclass(frozen=True)
class Lecture:
    version: int
    page: str  # the page's path ("" for the explorer)
    query: str  # the view's link parameters, URL-encoded
    live: bool  # False once the teacher stops presenting
    updated: float

    def params(self) -> dict[str, str]:
        return dict(parse_qsl(self.query))


def path(folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / "lecture.json"


def read(folder: Path | None = None) -> Lecture | None:
    """The lecture as last published, or None (never published, damaged, or over)."""
    try:
        raw = json.loads(path(folder).read_text())
        lecture = Lecture(version=int(raw["version"]), page=str(raw["page"]), query=str(raw["query"]),
                          live=bool(raw["live"]), updated=float(raw["updated"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if len(lecture.query) > MAX_QUERY or "/" in lecture.page or time.time() - lecture.updated > STALE_SECONDS:
        return None
    return lecture


def publish(page: str, params: dict[str, str], *, live: bool = True, folder: Path | None = None) -> Lecture:
    """The teacher shows ``page`` with ``params``: written (atomically) only if it changed.

    Raises:
        OSError: the cache folder cannot be written.
    """
    query = urlencode({k: v for k, v in params.items() if k not in PRIVATE})[:MAX_QUERY]
    now = read(folder)
    if now is not None and (now.page, now.query, now.live) == (page, query, live) \
            and time.time() - now.updated < STALE_SECONDS / 2:
        return now
    lecture = Lecture(version=(now.version if now else 0) + 1, page=page, query=query, live=live,
                      updated=time.time())
    target = path(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, lambda fh: fh.write(json.dumps(asdict(lecture)).encode()))
    for hook in PUBLISHED:
        hook()
    return lecture


# Called after every publish in this process: the server's waiting address (deploy/lecture.py)
# wakes its followers at once instead of at its next look at the file (other replicas still
# find the change by looking).
PUBLISHED: list[Callable[[], None]] = []


def version(folder: Path | None = None) -> int:
    """The published version (0 if none): what a waiting follower compares."""
    lecture = read(folder)
    return lecture.version if lecture else 0


def join_address(port: int) -> str:
    """The address students type to join: ``$CNNVIS_PUBLIC_URL`` if set, else this machine's
    first network (not loopback) address and the app's port, else localhost (said as such)."""
    import os
    import socket
    import subprocess

    public = os.environ.get("CNNVIS_PUBLIC_URL", "").strip()
    if public:
        return public
    found: list[str] = []
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        found = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=2).stdout.split()
    if not found:
        try:
            found = socket.gethostbyname_ex(socket.gethostname())[2]
        except OSError:
            found = []
    lan = [a for a in found if "." in a and not a.startswith("127.")]
    return f"http://{lan[0] if lan else 'localhost'}:{port}"


def qr_png(text: str, scale: int = 14) -> bytes:
    """A QR code of ``text`` as PNG bytes (segno; error correction M; a quiet zone of 2)."""
    import io

    import segno

    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=scale, border=2)
    return buf.getvalue()


def notes_path(folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / "lecture-notes.json"


def write_notes(title: str, notes: list[object], folder: Path | None = None) -> None:
    """The speaker notes of the teacher's current slide (only her presenter view reads them):
    text, and tables, code and charts as JSON (app_pages/lecture_mode.py)."""
    data = {"version": version(folder), "title": title, "notes": notes}
    target = notes_path(folder)
    try:
        if json.loads(target.read_text()) == data:
            return
    except (OSError, ValueError):
        pass
    atomic_write(target, lambda fh: fh.write(json.dumps(data, ensure_ascii=False).encode()))


def read_notes(folder: Path | None = None) -> dict[str, object]:
    try:
        data = json.loads(notes_path(folder).read_text())
    except (OSError, ValueError):
        return {}
    ok = isinstance(data, dict) and isinstance(data.get("notes"), list)
    return data if ok else {}
