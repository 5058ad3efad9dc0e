"""A mistyped address two folders deep (``/lesson_alexnet/extra``, ``/a/b``) opens its first
part instead of a blank page.

Streamlit answers any address with its page, whose scripts are named relative to it
(``./static/js/…``): under ``/a/b`` the browser asks for ``/a/static/js/…``, is answered with
the page again, and shows nothing at all, with no message. A one-part address (``/a``) gets
Streamlit's own "page not found" box (in the page's language: app_pages/page_style.py) and the
first page. So a browser asking for a page (``Accept: text/html``, ``GET``) at a deeper
address that is none of the server's own is sent to its first part, the query kept:
``/lesson_alexnet/extra?lang=ko`` opens ``/lesson_alexnet?lang=ko``, ``/a/b`` the box.
Scripts, styles, the websocket, uploads and the app's own addresses pass untouched.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

# The first parts of the addresses the server itself answers below them: Streamlit's own
# (_stcore, static, app/static, component, media) and the app's (api: deploy/teacher.py,
# deploy/lecture.py).
OWN = frozenset({"_stcore", "static", "app", "component", "components", "media", "api", "~"})


class DeepPaths:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        parts = [p for p in str(scope.get("path", "")).split("/") if p]
        if (scope["type"] != "http" or scope.get("method") != "GET" or len(parts) < 2
                or parts[0] in OWN or b"text/html" not in _header(scope, b"accept")):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        target = "/" + parts[0] + ("?" + query.decode("latin-1") if query else "")
        await send({"type": "http.response.start", "status": 307,
                    "headers": [(b"location", target.encode("latin-1")), (b"content-length", b"0"),
                                (b"cache-control", b"no-store")]})
        await send({"type": "http.response.body", "body": b""})


def _header(scope: Scope, name: bytes) -> bytes:
    return b",".join(v for k, v in scope.get("headers", []) if k.lower() == name)
