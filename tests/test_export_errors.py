"""Graphviz's ``dot`` failing or hanging (issue 29, item 4): the project's documented
``DotFailed``, said in either language with a way out, on every page that draws a diagram and
in every file a download makes; never a RuntimeError or a TimeoutExpired traceback."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from visualizer import export as ex
from visualizer.errors import CodedError
from visualizer.export import DotFailed, ExportProblem, render_dot
from visualizer.trace import trace_named


def fake_dot(folder: Path, body: str) -> Path:
    """A ``dot`` first on the PATH that runs ``body`` (a shell script) instead of Graphviz."""
    folder.mkdir(exist_ok=True)
    exe = folder / "dot"
    exe.write_text(f"#!/bin/sh\n{body}\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return folder


@pytest.fixture
def failing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    message = "Error: <stdin>: syntax error in line 3 near '->'"
    folder = fake_dot(tmp_path / "bin", f'echo "{message}" >&2\nexit 1')
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


@pytest.fixture
def hanging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # It never answers (it waits for a signal); the timeout is all that ends it.
    folder = fake_dot(tmp_path / "bin", "exec sleep 86400")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(ex, "DOT_TIMEOUT", 0.2)


@pytest.mark.usefixtures("failing")
def test_a_failing_dot_is_the_projects_error_with_its_first_line() -> None:
    with pytest.raises(DotFailed) as info:
        render_dot("digraph { a -> b }", "svg")
    err = info.value
    assert isinstance(err, CodedError) and isinstance(err, ExportProblem)
    assert not isinstance(err, RuntimeError)
    assert err.code == "failed"
    assert err.values["detail"] == "Error: <stdin>: syntax error in line 3 near '->'"
    ko, en = err.message("ko"), err.message("en")
    assert ko.startswith("Graphviz의 `dot`이 이 구조도를 그리지 못했습니다 (Error: <stdin>: syntax")
    assert "자세히 보기 단계를 낮추면" in ko and "DOT 원본, CSV, Markdown은 그대로" in ko
    assert en.startswith("Graphviz's `dot` could not draw this diagram") and "lower detail level" in en


@pytest.mark.usefixtures("hanging")
def test_a_hanging_dot_is_stopped_and_said_in_either_language() -> None:
    with pytest.raises(DotFailed) as info:
        render_dot("digraph { a -> b }", "png", 1920)
    assert info.value.code == "timeout" and info.value.values == {"seconds": 0.2}
    assert "0.2초 넘게 걸려 멈췄습니다" in info.value.message("ko")
    assert "took longer than 0.2 seconds" in info.value.message("en")


@pytest.mark.usefixtures("failing")
def test_every_diagram_file_says_it_and_the_table_still_works() -> None:
    """The export's diagram formats raise DotFailed (a download shows its message); the DOT
    source, CSV and Markdown, which need no dot, are made as before."""
    result = trace_named("alexnet", 224)
    for fmt in ("svg", "png", "pdf", "zip", "pptx"):
        with pytest.raises(DotFailed):
            ex.export(result, fmt, "ko")
    assert ex.export(result, "dot", "ko").startswith(b"digraph")
    assert ex.export(result, "csv", "ko") and ex.export(result, "md", "ko")


def _said(at, words: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.value for w in at.warning if words in w.value]


@pytest.mark.slow
@pytest.mark.usefixtures("failing")
def test_the_export_page_says_dot_failed() -> None:
    """The export page with a failing dot: its warning in Korean, the downloads still there.
    (An unusual size, so that no diagram drawn earlier in this process is reused.)"""
    from tests.pages import open_page

    at = open_page("export", lang="ko", arch="alexnet", size="231")
    assert not at.exception
    assert len(_said(at, "그리지 못했습니다")) == 1
    assert any(str(getattr(b, "label", "")).startswith("층별 표") for b in at.get("download_button"))


@pytest.mark.slow
@pytest.mark.usefixtures("hanging")
def test_the_explorer_says_dot_ran_too_long_and_still_draws() -> None:
    """The explorer's diagram with a dot that hangs: the timeout's warning, and the diagram
    drawn by the browser instead (st.graphviz_chart, from the same DOT source)."""
    from tests.pages import open_page, open_tab
    from visualizer.i18n import t

    at = open_tab(open_page("explorer", lang="ko", arch="alexnet", size="233"), "ex_tab",
                  t("tab.diagram", "ko"))
    assert not at.exception
    assert len(_said(at, "초 넘게 걸려 멈췄습니다")) == 1
    assert at.get("graphviz_chart")
