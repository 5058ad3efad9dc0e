"""Who the teacher is (the secret, the sign-in cookie) and who a student is (their address)."""

from __future__ import annotations

import hashlib
import hmac
import html
import os
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.requests import Request

from deploy import protocol, teacher
from visualizer import roles

ROOT = Path(__file__).resolve().parents[1]


def test_the_secret_is_made_once_kept_private_and_long(tmp_path: Path) -> None:
    token = roles.teacher_token(tmp_path)
    assert len(token) >= 24 and roles.teacher_token(tmp_path) == token
    assert oct((tmp_path / "teacher-token").stat().st_mode & 0o777) == "0o600"
    assert roles.is_teacher_token(token, tmp_path)
    assert not roles.is_teacher_token("guess", tmp_path)


@pytest.mark.parametrize("value", ["", " ", "+", "\t", "%20", "%09", "\n", None, 0, "a" * 23])
def test_blank_short_or_odd_values_are_never_the_teacher(tmp_path: Path, value: object) -> None:
    roles.teacher_token(tmp_path)
    assert not roles.is_teacher_token(value, tmp_path)


def test_the_secret_padded_with_spaces_is_refused(tmp_path: Path) -> None:
    token = roles.teacher_token(tmp_path)
    assert not roles.is_teacher_token(f" {token}", tmp_path)
    assert not roles.is_teacher_token(f"{token}\n", tmp_path)


@pytest.mark.parametrize("kept", ["", "   \n", "short", "\x00\xff" * 20])
def test_an_empty_or_damaged_secret_file_is_replaced(tmp_path: Path, kept: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A blank file (as a full disk once left it) must not make a blank link the teacher's."""
    (tmp_path / "teacher-token").write_text(kept, errors="surrogateescape")
    token = roles.teacher_token(tmp_path)
    assert len(token) >= 24 and (tmp_path / "teacher-token").read_text() == token
    assert not roles.is_teacher_token(kept.strip() or " ", tmp_path)
    assert "replaced" in capsys.readouterr().err


def test_a_full_disk_leaves_no_teacher_rather_than_an_empty_secret(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    full = tmp_path / "full"
    full.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", str(full)], check=True)
    try:
        (full / "filler").write_bytes(b"x" * 4096)
        with pytest.raises(OSError):
            roles.teacher_token(full)
        assert not (full / "teacher-token").exists()  # never an empty file
        assert not roles.is_teacher_token(" ", full) and not roles.is_teacher_token("", full)
        env = {**os.environ, "CNNVIS_CACHE": str(full)}
        cli = subprocess.run([sys.executable, "-m", "visualizer", "teacher-link"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
        assert cli.returncode == 4 and "Free some disk space" in cli.stderr
    finally:
        subprocess.run(["umount", str(full)], check=True)


def test_the_cookie_holds_a_key_derived_from_the_secret_not_the_secret(tmp_path: Path) -> None:
    token = roles.teacher_token(tmp_path)
    key = roles.session_key(tmp_path)
    expected = hmac.new(token.encode(), b"cnn-visualizer teacher session v1", hashlib.sha256).hexdigest()
    assert key == expected and token not in key
    assert roles.is_teacher_session(key, tmp_path)
    assert not roles.is_teacher_session(token, tmp_path)
    assert not roles.is_teacher_session("0" * 64, tmp_path) and not roles.is_teacher_session("", tmp_path)
    (tmp_path / "teacher-token").unlink()  # a new secret signs every teacher's browser out
    assert not roles.is_teacher_session(key, tmp_path)


@pytest.mark.parametrize(("peer", "key"), [(None, "local"), ("", "local"), ("10.1.2.3", "10.1.2.3"),
                                           ("::ffff:10.1.2.3", "10.1.2.3"), ("2001:DB8::1", "2001:db8::1")])
def test_a_student_is_their_address(peer: str | None, key: str) -> None:
    assert roles.student_key(peer) == key


def _get(handler: object, query: str) -> object:
    scope = {"type": "http", "method": "GET", "path": "/", "query_string": query.encode(), "headers": []}
    return protocol.run(handler(Request(scope)))  # type: ignore[operator]


def test_sign_in_sets_an_httponly_cookie_and_drops_the_secret_from_the_address() -> None:
    token = roles.teacher_token()
    response = _get(teacher.sign_in, f"key={token}&next=training")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["location"] == "/training"  # type: ignore[attr-defined]
    cookie = response.headers["set-cookie"]  # type: ignore[attr-defined]
    assert f"{roles.COOKIE}={roles.session_key()}" in cookie
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and token not in cookie


@pytest.mark.parametrize("query", ["", "key=", "key=%20", "key=+", "key=%09", "key=guess"])
def test_sign_in_with_a_wrong_key_says_so_and_sets_nothing(query: str) -> None:
    token = roles.teacher_token()
    response = _get(teacher.sign_in, query)
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert "set-cookie" not in response.headers  # type: ignore[attr-defined]
    body = html.unescape(response.body.decode())  # type: ignore[attr-defined]
    assert "선생님 링크가 아닙니다" in body and "not the teacher's link" in body and token not in body


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/../x",
                                    "javascript:alert(1)"])
def test_sign_in_never_sends_the_browser_to_another_site(target: str) -> None:
    response = _get(teacher.sign_in, f"key={roles.teacher_token()}&next={target}")
    assert response.headers["location"] == "/"  # type: ignore[attr-defined]


def test_sign_out_clears_the_cookie() -> None:
    response = _get(teacher.sign_out, "")
    cookie = response.headers["set-cookie"]  # type: ignore[attr-defined]
    assert cookie.startswith(f"{roles.COOKIE}=") and "Max-Age=0" in cookie


@pytest.mark.slow  # starts a Python process that imports torch: in `make test`, not `make check`
def test_make_run_opens_the_teachers_link_once_the_server_answers(tmp_path: Path) -> None:
    """`teacher-link --open` (what `make run` calls) waits for the server's health check, then
    hands the sign-in address to the machine's browser (``$BROWSER``, as Python's webbrowser)."""
    import http.server
    import threading

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200 if self.path == "/_stcore/health" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    opened = tmp_path / "opened"
    env = {**os.environ, "CNNVIS_CACHE": str(tmp_path), "DISPLAY": ":0",
           "BROWSER": f"sh -c 'echo %s > {opened}'", "CNNVIS_PUBLIC_URL": "http://class.example:8501"}
    try:
        cli = subprocess.run([sys.executable, "-m", "visualizer", "teacher-link", "--port",
                              str(server.server_port), "--open"], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120)
    finally:
        server.shutdown()
    token = (tmp_path / "teacher-token").read_text()
    url = f"http://localhost:{server.server_port}{roles.SIGN_IN}?key={token}"
    assert cli.returncode == 0 and url in cli.stdout
    assert opened.read_text().strip() == url
    # the addresses Streamlit's welcome no longer prints (it asked the internet for one of them)
    assert f"The app: http://localhost:{server.server_port}\n" in cli.stdout
    assert "Students' address (on the join screen too): http://class.example:8501\n" in cli.stdout
