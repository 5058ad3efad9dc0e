"""``/api/lecture?after=<version>`` (:class:`Poll`): a following student's page waits here for the teacher's
next step, instead of rerunning its script every second.

The request is held open until the lecture's version differs from ``after`` (or ``WAIT``
seconds pass) and answers with the lecture as JSON. One watcher per server process looks at the
lecture file (visualizer/lecture.py) a few times a second and wakes every waiting request at
once, so two hundred idle followers cost one file check every ``POLL`` seconds and two hundred
sleeping coroutines. When the teacher's page publishes in this same process, the watcher looks
at once (``lecture.PUBLISHED``): her class is woken without waiting for its next look.
"""

from __future__ import annotations

import asyncio
import contextlib
import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from visualizer import lecture

PATH = "/api/lecture"
WAIT = 25.0  # seconds a request is held at most (below every proxy's idle timeout)
POLL = 0.2  # seconds between two looks at the lecture file


class _Watcher:
    def __init__(self) -> None:
        self.current: lecture.Lecture | None = None
        self.changed = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        if self.task is None or self.task.done():
            self.current = lecture.read()
            self.loop = asyncio.get_running_loop()
            self.task = self.loop.create_task(self._watch())

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(POLL)
            self._seen(await asyncio.to_thread(lecture.read))

    def _seen(self, now: lecture.Lecture | None) -> None:
        """On the server's loop: wake every waiting request if the version changed."""
        if (now and now.version) != (self.current and self.current.version):
            self.current = now
            self.changed.set()
            self.changed = asyncio.Event()

    def poke(self) -> None:
        """From any thread (the teacher's page publishing in this process): look now."""
        if self.loop is not None and not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                self.loop.call_soon_threadsafe(lambda: self._seen(lecture.read()))


_watcher = _Watcher()
lecture.PUBLISHED.append(lambda: _watcher.poke())  # the current watcher (tests make new ones)


def _body(now: lecture.Lecture | None) -> bytes:
    if now is None or not now.live:
        return json.dumps({"version": now.version if now else 0, "live": False}).encode()
    return json.dumps({"version": now.version, "page": now.page, "query": now.query, "live": True}).encode()


async def wait(request: Request) -> Response:
    _watcher.start()
    try:
        after = int(request.query_params.get("after", "-1"))
    except ValueError:
        after = -1
    now = _watcher.current
    if (now.version if now else 0) == after:
        changed = _watcher.changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), WAIT)
        now = _watcher.current
    return Response(_body(now), media_type="application/json", headers={"Cache-Control": "no-store"})


class Poll:
    """The waiting address as the server's outermost layer (serve.py's first middleware): a
    class's two hundred requests a step skip Streamlit's session, gzip and path-checking layers,
    which took 0.16 ms of the 0.36 ms each answer cost the server (0.20 ms now)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "GET":
            response = await wait(Request(scope, receive))
        else:
            response = Response(status_code=405, headers={"Allow": "GET"})
        await response(scope, receive, send)
