"""deploy/compressed_static.py: Streamlit's bundle files sent gzip-compressed, all else untouched.

Driven as ASGI directly (no server): the reference for every body is the file on disk, and
gzip.decompress must give it back byte for byte.
"""

from __future__ import annotations

import asyncio
import gzip
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from starlette.types import Message, Receive, Scope, Send

from deploy.compressed_static import CompressedStatic, streamlit_static_dir

GZIP = [(b"accept-encoding", b"gzip, deflate, br")]


class Downstream:
    """Stands in for Streamlit: records what reached it, answers 200 "streamlit"."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"streamlit"})


def call(app: CompressedStatic, path: str, headers: list[tuple[bytes, bytes]] = GZIP,
         method: str = "GET", kind: str = "http") -> tuple[int, dict[bytes, bytes], bytes]:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    scope = {"type": kind, "method": method, "path": path, "headers": headers}
    # A thread of its own: another test in this worker may have left an event loop running.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    return sent[0]["status"], dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    (tmp_path / "js").mkdir()
    (tmp_path / "css").mkdir()
    (tmp_path / "media").mkdir()
    (tmp_path / "js" / "index.abc123.js").write_text("export const a = 1;\n" * 500)
    (tmp_path / "css" / "index.def456.css").write_text("body { color: red }\n" * 200)
    (tmp_path / "media" / "font.789.woff2").write_bytes(bytes(range(256)) * 10)
    (tmp_path.parent / "secret.txt").write_text("not Streamlit's")
    return tmp_path


def test_a_script_comes_back_compressed_and_identical(bundle: Path) -> None:
    downstream = Downstream()
    app = CompressedStatic(downstream, bundle, base_url="")
    raw = (bundle / "js" / "index.abc123.js").read_bytes()
    status, headers, body = call(app, "/static/js/index.abc123.js")
    assert status == 200 and downstream.paths == []
    assert headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(body) == raw
    assert int(headers[b"content-length"]) == len(body) < len(raw) / 10  # 500 repeated lines
    assert headers[b"content-type"].split(b";")[0] in (b"text/javascript", b"application/javascript")
    assert headers[b"cache-control"] == b"public, immutable, max-age=31536000"
    assert headers[b"vary"] == b"Accept-Encoding"
    status, headers, body = call(app, "/static/css/index.def456.css")
    assert headers[b"content-type"].startswith(b"text/css")
    assert gzip.decompress(body) == (bundle / "css" / "index.def456.css").read_bytes()


def test_head_and_a_matching_etag(bundle: Path) -> None:
    app = CompressedStatic(Downstream(), bundle, base_url="")
    _, full, _ = call(app, "/static/js/index.abc123.js")
    status, headers, body = call(app, "/static/js/index.abc123.js", method="HEAD")
    assert (status, body) == (200, b"") and headers[b"content-length"] == full[b"content-length"]
    status, headers, body = call(app, "/static/js/index.abc123.js",
                                 [*GZIP, (b"if-none-match", full[b"etag"])])
    assert (status, body) == (304, b"") and headers[b"etag"] == full[b"etag"]


@pytest.mark.parametrize(("path", "headers", "method", "kind"), [
    ("/static/js/index.abc123.js", [], "GET", "http"),  # the browser takes no gzip
    ("/static/js/index.abc123.js", [*GZIP, (b"range", b"bytes=0-9")], "GET", "http"),
    ("/static/js/index.abc123.js", GZIP, "POST", "http"),
    ("/static/js/index.abc123.js", GZIP, "GET", "websocket"),
    ("/static/media/font.789.woff2", GZIP, "GET", "http"),  # compressed already
    ("/static/js/missing.js", GZIP, "GET", "http"),
    ("/static/../secret.txt", GZIP, "GET", "http"),
    ("/static/js/../../secret.txt", GZIP, "GET", "http"),
    ("/app/static/plotly.min.js", GZIP, "GET", "http"),  # the app's own files: Streamlit's job
    ("/", GZIP, "GET", "http"),
    ("/_stcore/health", GZIP, "GET", "http"),
])
def test_everything_else_goes_to_streamlit(bundle: Path, path: str, headers: list[tuple[bytes, bytes]],
                                           method: str, kind: str) -> None:
    downstream = Downstream()
    app = CompressedStatic(downstream, bundle, base_url="")
    assert call(app, path, headers, method, kind)[2] == b"streamlit"
    assert downstream.paths == [path]


def test_a_base_url_moves_the_prefix(bundle: Path) -> None:
    downstream = Downstream()
    app = CompressedStatic(downstream, bundle, base_url="/class-3/")
    assert call(app, "/class-3/static/js/index.abc123.js")[1][b"content-encoding"] == b"gzip"
    assert call(app, "/static/js/index.abc123.js")[2] == b"streamlit"


def test_streamlit_s_own_first_script() -> None:
    """The installed Streamlit: the first script index.html asks for is served compressed."""
    root = streamlit_static_dir()
    html = (root.parent / "index.html").read_text()
    script = re.search(r'src="\.?/?static/(js/[^"]+\.js)"', html)
    assert script, "index.html names no script under static/js/"
    app = CompressedStatic(Downstream(), base_url="")
    status, headers, body = call(app, f"/static/{script[1]}")
    assert status == 200 and headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(body) == (root / script[1]).read_bytes()
    assert len(body) < 0.5 * (root / script[1]).stat().st_size


def test_an_extra_file_is_revalidated_not_immutable(bundle: Path, tmp_path: Path) -> None:
    """serve.py's plotly.js: compressed once, but its name has no hash, so browsers ask again."""
    plotly_js = tmp_path / "plotly.min.js"
    plotly_js.write_text("var Plotly = {};\n" * 1000)
    downstream = Downstream()
    app = CompressedStatic(downstream, bundle, base_url="/class-3",
                           extra={"app/static/plotly.min.js": plotly_js})
    status, headers, body = call(app, "/class-3/app/static/plotly.min.js")
    assert status == 200 and gzip.decompress(body) == plotly_js.read_bytes()
    assert headers[b"cache-control"] == b"no-cache"
    assert call(app, "/class-3/app/static/other.js")[2] == b"streamlit"
    assert downstream.paths == ["/class-3/app/static/other.js"]
