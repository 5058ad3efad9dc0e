"""Streamlit's own scripts and styles, sent gzip-compressed and from memory.

Streamlit (1.67) sends the ~130 files of a first visit (its scripts, styles and fonts, under
``/static/``) uncompressed: about 3 MB for the explorer, and each file passes its whole
middleware stack (~3 ms of server time each on this 2-core machine). In a classroom forty
students open the page at once over one Wi-Fi network; at 10 Mbit/s each, a first visit
received 4.65 MB before the layer table showed, at 5.4-5.5 s; compressed, 1.52 MB at 3.2 s
(bench/RESULTS.md, "First load over a classroom network").

This middleware answers ``GET``/``HEAD`` for those files when the browser accepts gzip (every
browser does): compressed once per file, in a worker thread, then kept (at most the package's
own files: they are named by the hash of their content and never change while the server
runs). Anything else (the page itself, the websocket, a range request, a browser without
gzip, a file that is not Streamlit's) goes on to Streamlit untouched.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

# Streamlit's contract for its hashed bundle files (starlette_static_routes.py).
CACHE_CONTROL = b"public, immutable, max-age=31536000"
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
    """ASGI middleware: ``<base>/static/<file>`` of Streamlit's bundle, gzip-compressed."""

    def __init__(self, app: ASGIApp, root: Path | None = None, base_url: str | None = None) -> None:
        self.app = app
        self.root = root or streamlit_static_dir()
        if base_url is None:
            from streamlit import config

            base_url = config.get_option("server.baseUrlPath") or ""
        base = base_url.strip("/")
        self.prefix = f"/{base}/static/" if base else "/static/"
        # Only names listed here are ever opened: no path from a request reaches the disk.
        self.files = {p.relative_to(self.root).as_posix(): p for p in self.root.rglob("*")
                      if p.is_file() and p.suffix.lower() not in INCOMPRESSIBLE}
        self.cache: dict[str, Compressed] = {}

    def wanted(self, scope: Scope, headers: dict[bytes, bytes]) -> str | None:
        """The bundle file this request is for, if this middleware should answer it."""
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return None
        path: str = scope["path"]
        name = path[len(self.prefix):] if path.startswith(self.prefix) else None
        if name is None or name not in self.files:
            return None
        if b"range" in headers or b"gzip" not in headers.get(b"accept-encoding", b"").lower():
            return None
        return name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", []))
        name = self.wanted(scope, headers)
        if name is None:
            await self.app(scope, receive, send)
            return
        entry = self.cache.get(name)
        if entry is None:  # once per file: two at once would both compress, harmlessly
            entry = await anyio.to_thread.run_sync(compress, self.files[name])
            self.cache[name] = entry
        sent = [(b"cache-control", CACHE_CONTROL), (b"etag", entry.etag),
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
