"""Server settings and code rules that keep a classroom server safe and bounded."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from visualizer.features import MAX_FORWARD_SIDE
from visualizer.images import MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]
APP_FILES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]


def test_streamlit_config() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"  # no tracebacks for students
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] * 2**20 == MAX_BYTES  # one limit, stated twice
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["fileWatcherType"] == "none"
    assert config["runner"]["postScriptGC"] is False  # see the comment there: bench/load.py


def test_no_raw_html_anywhere() -> None:
    """Nothing a user typed can reach the page as HTML: no raw-HTML element is used at all."""
    for path in APP_FILES + sorted((ROOT / "visualizer").glob("*.py")):
        text = path.read_text()
        for banned in ("unsafe_allow_html", "st.html(", "components.html("):
            assert banned not in text, (path.name, banned)


def test_every_cache_is_bounded() -> None:
    """Every st.cache_data / st.cache_resource has max_entries: memory cannot grow without bound
    as forty students try settings."""
    unbounded = []
    for path in APP_FILES:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            is_cache = (isinstance(node.func, ast.Attribute)
                        and node.func.attr in ("cache_data", "cache_resource"))
            if is_cache and not any(k.arg == "max_entries" for k in node.keywords):
                unbounded.append((path.name, node.lineno))
    assert unbounded == []


def test_real_forward_pages_are_bounded() -> None:
    """Pages that run real tensors never go above the forward-pass limit."""
    from models import get_entry, list_models

    assert all(get_entry(n).default_input[1] <= MAX_FORWARD_SIDE for n in list_models())
    source = (ROOT / "app_pages" / "playground.py").read_text()
    assert "WORK_SIDE" in source  # uploads are shrunk before filtering
