"""Streamlit's own scripts and styles, sent gzip-compressed and from memory.

Streamlit (1.67) sends the ~130 files of a first visit (its scripts, styles and fonts, under
``/static/``) uncompressed: about 3 MB for the explorer, and each file passes its whole
middleware stack (~3 ms of server time each on this 2-core machine). In a classroom forty
students open the page at once: within two seconds of each other, the last had every file and
the first run after 21.9 s (server CPU 22.0 s), 4.1 s (3.1 s) with this middleware
(bench/RESULTS.md, "Start of a class"). Over one Wi-Fi network at 10 Mbit/s each, a first visit
received 4.65 MB before the layer table showed, at 5.4-5.5 s; compressed, 1.52 MB at 3.2 s
(bench/RESULTS.md, "First load over a classroom network").

This middleware answers ``GET``/``HEAD`` for those files when the browser accepts gzip (every
browser does): compressed once per file, in a worker thread, then kept (at most the package's
own files: they are named by the hash of their content and never change while the server
runs). ``extra`` files are served the same way but revalidated by the browser on each visit
(their names carry no hash): serve.py passes plotly.js (4.8 MB), which Streamlit's own gzip
would otherwise compress again for every student. Anything else (the page itself, the
websocket, a range request, a browser without gzip, any other file) goes on to Streamlit
untouched.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

# Streamlit's contract for its hashed bundle files (starlette_static_routes.py).
IMMUTABLE = b"public, immutable, max-age=31536000"
REVALIDATE = b"no-cache"  # a name without a hash: the browser asks each visit (a 304 if unchanged)
# Already compressed: gzip would only cost time.
INCOMPRESSIBLE = {".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".gz"}
LEVEL = 6  # zlib's default: within 2% of level 9 on these files, several times faster


@dataclass(frozen=True)
class Compressed:
    body: bytes
    content_type: bytes
    etag: bytes


def streamlit_static_dir() -> Path:
    from streamlit import file_util

    return Path(file_util.get_static_dir()) / "static"


def compress(path: Path) -> Compressed:
    raw = path.read_bytes()
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind in ("text/javascript", "application/javascript", "text/css"):
        kind += "; charset=utf-8"
    etag = f'"{hashlib.md5(raw, usedforsecurity=False).hexdigest()}-gzip"'.encode()
    return Compressed(gzip.compress(raw, LEVEL, mtime=0), kind.encode(), etag)


class CompressedStatic:
    """ASGI middleware: ``<base>/static/<file>`` of Streamlit's bundle (and ``extra`` files),
    gzip-compressed."""

    def __init__(self, app: ASGIApp, root: Path | None = None, base_url: str | None = None,
                 extra: Mapping[str, Path] | None = None) -> None:
        """``extra``: URL paths below the base URL (``app/static/plotly.min.js``) -> files."""
        self.app = app
        root = root or streamlit_static_dir()
        if base_url is None:
            from streamlit import config

            base_url = config.get_option("server.baseUrlPath") or ""
        base = base_url.strip("/")
        prefix = f"/{base}/" if base else "/"
        # Only files listed here are ever opened: no path from a request reaches the disk.
        self.files: dict[str, tuple[Path, bytes]] = {
            f"{prefix}static/{p.relative_to(root).as_posix()}": (p, IMMUTABLE)
            for p in root.rglob("*") if p.is_file() and p.suffix.lower() not in INCOMPRESSIBLE}
        self.files.update({prefix + url.lstrip("/"): (path, REVALIDATE)
                           for url, path in (extra or {}).items()})
        self.cache: dict[str, Compressed] = {}

    def wanted(self, scope: Scope, headers: dict[bytes, bytes]) -> str | None:
        """The URL path of a listed file this request is for, if this middleware answers it."""
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return None
        path: str = scope["path"]
        if path not in self.files:
            return None
        if b"range" in headers or b"gzip" not in headers.get(b"accept-encoding", b"").lower():
            return None
        return path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", []))
        path = self.wanted(scope, headers)
        if path is None:
            await self.app(scope, receive, send)
            return
        file, cache_control = self.files[path]
        entry = self.cache.get(path)
        if entry is None:  # once per file: two at once would both compress, harmlessly
            entry = await anyio.to_thread.run_sync(compress, file)
            self.cache[path] = entry
        sent = [(b"cache-control", cache_control), (b"etag", entry.etag),
                (b"vary", b"Accept-Encoding")]
        if headers.get(b"if-none-match") == entry.etag:
            await send({"type": "http.response.start", "status": 304, "headers": sent})
            await send({"type": "http.response.body", "body": b""})
            return
        sent += [(b"content-type", entry.content_type), (b"content-encoding", b"gzip"),
                 (b"content-length", str(len(entry.body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": sent})
        await send({"type": "http.response.body",
                    "body": b"" if scope["method"] == "HEAD" else entry.body})
