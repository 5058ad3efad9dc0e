"""One error base class: every documented error has a code, values and its message in both
languages; public APIs raise only those; a stored error says the same again."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
import torch
from torch import nn

from models import ConfigError, build_model
from visualizer import design as ds
from visualizer.data import DataError
from visualizer.errors import CodedError, SettingError, StoredError
from visualizer.export import DotFailed, MissingTool, render_dot
from visualizer.features import CheckpointError
from visualizer.i18n import CATALOGUE
from visualizer.imagenet import FetchError
from visualizer.images import ImageError
from visualizer.queue import QueueError
from visualizer.runs import RunError
from visualizer.trace import InputError, ShapeError, trace, trace_named

ROOT = Path(__file__).resolve().parents[1]
CODED = (ShapeError, InputError, ds.DesignError, ds.LayerRefused, ImageError, DataError, RunError,
         QueueError, CheckpointError, FetchError, SettingError, MissingTool, DotFailed)


def test_the_project_errors_share_one_base() -> None:
    assert all(issubclass(cls, CodedError) for cls in CODED)
    # every class that keeps a code and values is one of them: no hand-written twin is left
    found = set()
    for path in (ROOT / "visualizer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and node.name.endswith("Error"):
                found.add(node.name)
    assert found == {cls.__name__ for cls in CODED if cls.__name__.endswith("Error")} | {
        "CodedError", "StoredError"}


def _raised_codes() -> list[tuple[str, str, str]]:
    """Every ``raise XError("code", ...)`` in the app's source: (class, code, where)."""
    families = {cls.__name__: cls.family for cls in CODED}
    out = []
    for path in (ROOT / "visualizer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if name in families and name not in ("ShapeError", "SettingError"):
                    out.append((families[name], node.args[0].value, f"{path.name}:{node.lineno}"))
    return out


def test_every_code_raised_has_its_message_in_both_languages() -> None:
    raised = _raised_codes()
    assert len(raised) > 40  # the scan sees the app's raises
    missing = [(f"{family}.{code}", where) for family, code, where in raised
               if f"{family}.{code}" not in CATALOGUE]
    assert not missing


def test_nonsense_input_is_an_input_error_in_either_language() -> None:
    with pytest.raises(InputError) as info:
        trace(build_model("alexnet"), (1, 3, 0, 224))
    assert info.value.message("ko") == "높이는 1부터 8192까지의 정수여야 합니다 (0이 아니라)"
    assert str(info.value) == info.value.message("en")


def test_a_setting_the_zoo_refuses_is_the_apps_error_and_the_zoos() -> None:
    with pytest.raises(SettingError) as info:
        trace_named("resnet18", 224, stem_size=3)
    assert isinstance(info.value, ConfigError) and info.value.code == "unknown_setting"
    assert "stem_size" in info.value.message("ko") and "설정" in info.value.message("ko")


def test_the_builder_gets_the_tracers_error_not_torchs_text() -> None:
    """A layer whose rule passes but whose forward fails is reported in the catalogue's words
    (err.torch names the layer), never as a bare ValueError with torch's English."""
    with torch.device("meta"):
        net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.PixelShuffle(3))  # 4 channels: not 3*3
    with pytest.raises(ShapeError) as info:
        trace(net, (1, 1, 16, 16))
    assert info.value.code == "torch" and info.value.values["layer"] == "1"
    assert info.value.message("ko").startswith("1 층이 이 입력을 받을 수 없습니다")


def test_a_stored_error_says_the_same_again() -> None:
    """A job's failure goes through a JSON file (the queue's result): read back, it says what
    was raised, in either language, nested messages and the io reason included."""
    refused = ds.LayerRefused("empty", 2, layer="conv2", h=12, w=12, kh=15, kw=15, p=1,
                              padded=("err.padded", {"ph": 14, "pw": 14, "p": 1}))
    full = QueueError("unwritable", why="No space left on device", io="full")
    for err in (refused, full):
        back = StoredError.of(json.loads(json.dumps(err.stored())))
        for lang in ("en", "ko"):
            assert back.message(lang) == CodedError.message(err, lang)
    assert "패딩 1을 더하면 14×14" in StoredError.of(refused.stored()).message("ko")
    assert StoredError.of(full.stored()).message("en") != full.values["why"]  # the page's words


def test_markdown_in_a_value_is_shown_as_typed() -> None:
    err = ds.DesignError("type", 0, value="**bold** [link](http://x)")
    assert "\\*\\*bold\\*\\*" in err.message("en", markdown=True)
    assert "**bold**" in err.message("en")


def test_a_missing_tool_names_itself_and_the_way_out_in_either_language(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No Graphviz on the PATH: the export's error is the project's, says in Korean and in
    English which program is missing and the command that installs it, and is no RuntimeError
    (a page that catches bugs must not take it for one)."""
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no `dot` on it
    with pytest.raises(MissingTool) as info:
        render_dot("digraph { a -> b }", "svg")
    err = info.value
    assert isinstance(err, CodedError) and not isinstance(err, RuntimeError)
    assert (err.tool, err.code, err.values) == ("dot", "dot", {"tool": "dot"})
    en, ko = err.message("en"), err.message("ko")
    for text in (en, ko):
        assert "`dot`" in text and "sudo apt-get install graphviz" in text and "make run" in text
    assert en.startswith("Graphviz's `dot` program is not installed")
    assert ko.startswith("Graphviz의 `dot` 프로그램이 없어") and "선생님이 서버에서" in ko
    chromium = MissingTool("chromium")
    assert "No Chromium browser" in chromium.message("en")
    assert "Chromium 브라우저가 없어" in chromium.message("ko")
    assert "sudo apt-get install chromium" in chromium.message("ko")


def _alerts_laid_out_by_hand(source: str) -> list[tuple[str, int]]:
    """Each ``st.error(...)``/``st.warning(...)`` (or a column's) whose text is made from an
    error's ``.message(...)``: (error|warning, line)."""
    return [(node.func.attr, node.lineno) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("error", "warning") and node.args
            and any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                    and n.func.attr == "message" for n in ast.walk(node.args[0]))]


def test_a_page_shows_an_error_one_way() -> None:
    """No page puts an error's message into an alert itself: the alert (error or warning) with
    a message in it is made by common.coded_error, its title and fix button with it."""
    # positive controls: the three ways the pages used to do it
    assert _alerts_laid_out_by_hand(
        "st.warning(err.message(lang, markdown=True), icon='x')\n"
        "right.error(err.message(lang, markdown=True))\n"
        "st.error(StoredError.of(ended).message(lang, markdown=True))\n"
        "st.error(t('plain.text', lang))\n") == [("warning", 1), ("error", 2), ("error", 3)]
    found = {(path.name, kind, line) for path in sorted((ROOT / "app_pages").glob("*.py"))
             for kind, line in _alerts_laid_out_by_hand(path.read_text(encoding="utf-8"))}
    assert not found, sorted(found)
