"""Who is the teacher and who is a student: one rule each, nothing taken from a header.

- **The teacher** is whoever holds the secret. ``make run`` prints (and, where there is a
  display, opens) ``/api/teacher/sign-in?key=<secret>``; that address (``deploy/teacher.py``)
  puts :func:`session_key` into an HttpOnly cookie and sends the browser on without the
  secret in its address bar, so the browser stays the teacher across reloads, tabs and pages
  until it signs out. No address, no header and no blank or short value is ever the teacher.
- **A student** is counted by the network address their requests come from
  (:func:`student_key`), however many tabs or sessions they open. The address is the
  connection's own peer; Streamlit's server (uvicorn) replaces it by the proxy's
  ``X-Forwarded-For`` only when the connection comes from a trusted proxy (loopback by
  default, ``FORWARDED_ALLOW_IPS`` otherwise: deploy/README.md).

The secret lives in ``<cache>/teacher-token``, readable by its owner only, written atomically
(a temporary file renamed into place), never empty: an empty or damaged file is replaced.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sys
from pathlib import Path

from visualizer.paths import atomic_write, cache_dir

COOKIE = "cnnvis_teacher"
SIGN_IN = "/api/teacher/sign-in"
SIGN_OUT = "/api/teacher/sign-out"
# 24 characters of base64url: 144 bits. A value of another form is never compared.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{24,64}")
_SESSION = re.compile(r"[0-9a-f]{64}")
LOCAL = "local"  # the student key of a browser on the serving machine itself


def token_path(folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / "teacher-token"


def _write_token(path: Path) -> str:
    """A new secret, written whole or not at all (temporary file, fsync, rename)."""
    token = secrets.token_urlsafe(18)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda fh: fh.write(token.encode()))  # mkstemp's file: owner-only (0600)
    return token


def teacher_token(folder: Path | None = None) -> str:
    """The teacher's secret: the one kept in the cache folder, or a new one when the file is
    missing, empty or damaged (said on the server's console, with the new link's path).

    Raises:
        OSError: the cache folder cannot be written (then nobody is the teacher).
    """
    path = token_path(folder)
    try:
        kept = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        kept = ""
    if _TOKEN.fullmatch(kept):
        return kept
    damaged = path.exists()
    token = _write_token(path)
    if damaged:
        print(f"The teacher's secret in {path} was damaged and has been replaced: "
              f"run `python -m visualizer teacher-link` for the new link.", file=sys.stderr)
    return token


def is_teacher_token(value: object, folder: Path | None = None) -> bool:
    """Whether ``value`` is the teacher's secret, exactly (no trimming; compared in constant
    time). Blank, short, padded or oddly formed values are refused before any comparison."""
    if not isinstance(value, str) or not _TOKEN.fullmatch(value):
        return False
    try:
        token = teacher_token(folder)
    except OSError:
        return False
    return hmac.compare_digest(value.encode(), token.encode())


def session_key(folder: Path | None = None) -> str:
    """What the teacher's browser keeps in its cookie: derived from the secret (HMAC-SHA256),
    so the secret itself never leaves the sign-in address, and a new secret signs every
    teacher's browser out."""
    token = teacher_token(folder)
    return hmac.new(token.encode(), b"cnn-visualizer teacher session v1", hashlib.sha256).hexdigest()


def is_teacher_session(value: object, folder: Path | None = None) -> bool:
    """Whether a cookie's value is the teacher's session key."""
    if not isinstance(value, str) or not _SESSION.fullmatch(value):
        return False
    try:
        return hmac.compare_digest(value.encode(), session_key(folder).encode())
    except OSError:
        return False


def student_key(peer: object) -> str:
    """Who a student is, for per-student limits: the address their connection comes from.

    ``peer`` is the connection's address as the server resolved it (None for loopback, as
    Streamlit reports it): every browser on the serving machine is one student, ``local``.
    Nothing the client writes in a header is read here.
    """
    if not isinstance(peer, str) or not peer.strip():
        return LOCAL
    text = peer.strip().lower()
    if text.startswith("::ffff:"):  # an IPv4 address seen through an IPv6 socket
        text = text[7:]
    return text[:64] or LOCAL
