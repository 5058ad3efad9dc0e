"""The teacher's sign-in and sign-out addresses, served beside the app (serve.py).

``/api/teacher/sign-in?key=<secret>`` checks the secret, sets the teacher's session cookie
(HttpOnly, SameSite=Strict: no script and no other site can read or send it) and sends the
browser to the app without the secret in its address bar. ``/api/teacher/sign-out`` clears it.
A wrong or missing key gets a short page that says so in Korean and English, and a link to the
app as a student; nothing about the secret is revealed.
"""

from __future__ import annotations

import html

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from visualizer.i18n import t
from visualizer.pages import STUDENT_PAGES
from visualizer.roles import COOKIE, SIGN_IN, SIGN_OUT, is_teacher_token, session_key

TWELVE_HOURS = 12 * 3600
# Where the browser may be sent after signing in: one of the app's own page paths (never
# another site: an open redirect would let a link pose as the app).
PATHS = frozenset(p.path for p in STUDENT_PAGES)  # visualizer/pages.py


def _page(title_key: str, body_key: str, status: int) -> HTMLResponse:
    rows = "".join(
        f"<h1>{html.escape(t(title_key, lang))}</h1><p>{html.escape(t(body_key, lang))}</p>"
        f'<p><a href="/">{html.escape(t("teacher.page.open", lang))}</a></p>'
        for lang in ("ko", "en"))
    return HTMLResponse(
        f'<!doctype html><html lang="ko"><meta charset="utf-8"><meta name="viewport" '
        f'content="width=device-width"><title>CNN</title><body style="font-family:sans-serif;'
        f'font-size:20px;max-width:40em;margin:3em auto;line-height:1.5">{rows}</body></html>',
        status_code=status, headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


async def sign_in(request: Request) -> Response:
    if not is_teacher_token(request.query_params.get("key")):
        return _page("teacher.page.wrong", "teacher.page.wrong.body", 403)
    try:
        key = session_key()
    except OSError:
        return _page("teacher.page.unwritable", "teacher.page.unwritable.body", 503)
    target = request.query_params.get("next", "")
    response = RedirectResponse(f"/{target if target in PATHS else ''}", status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"  # the secret is not passed on
    response.set_cookie(COOKIE, key, max_age=TWELVE_HOURS, path="/", httponly=True, samesite="strict")
    return response


async def sign_out(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


ROUTES = [Route(SIGN_IN, sign_in, methods=["GET"]), Route(SIGN_OUT, sign_out, methods=["GET", "POST"])]
