"""A mistyped address two folders deep opens its first part (deploy/deep_paths.py): under
``/a/b`` Streamlit's page asked for its scripts at ``/a/static/…``, got the page again, and the
student saw a blank page with no message."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from starlette.types import Message, Receive, Scope, Send

from deploy.deep_paths import DeepPaths

PAGE = [(b"accept", b"text/html,application/xhtml+xml,*/*;q=0.8")]


class Streamlit:
    """What is behind the middleware: notes each address it is asked for."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"page"})


def ask(path: str, headers: list[tuple[bytes, bytes]] = PAGE, method: str = "GET",
        query: bytes = b"") -> tuple[int, dict[bytes, bytes], list[str]]:
    behind = Streamlit()
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": headers, "query_string": query}
    # a thread of its own: another test in this worker may have left an event loop running
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, DeepPaths(behind)(scope, receive, send)).result()
    start = sent[0]
    return start["status"], dict(start["headers"]), behind.paths


def test_a_page_asked_two_folders_deep_opens_its_first_part_with_its_query() -> None:
    status, headers, behind = ask("/lesson_alexnet/extra/path", query=b"lang=ko&tab=gpus")
    assert (status, headers[b"location"], behind) == (307, b"/lesson_alexnet?lang=ko&tab=gpus", [])
    status, headers, behind = ask("/a/b/")
    assert (status, headers[b"location"], behind) == (307, b"/a", [])


def test_the_servers_own_addresses_and_files_pass_untouched() -> None:
    for path in ("/", "/lesson_alexnet", "/lesson_alexnet/", "/static/js/index.js", "/_stcore/stream",
                 "/app/static/plotly.min.js", "/api/teacher/sign-in", "/component/cnnvis.diagram/index.js",
                 "/media/abc.png"):
        assert ask(path)[0::2] == (200, [path]), path
    # a script or style asked for below a deep address (not a page): left to Streamlit
    script = "/a/static/js/index.js"
    assert ask(script, headers=[(b"accept", b"*/*")])[0::2] == (200, [script])
    assert ask("/a/b", method="POST")[0] == 200  # only a browser opening a page is sent on
