"""Which app_pages modules import which, read from the source (function-level imports too:
an import inside a function is still a dependency, only a later one)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# No two app_pages modules import each other. The last three pairs went when projector mode's
# switch (PRESENT_KEY, presenting) and lecture mode's "this view came from the link" (LINK_WINS,
# link_wins) moved down into controls.py: common, projector and lecture_mode read them there.
KNOWN: set[frozenset[str]] = set()


def imports(path: Path) -> set[str]:
    """The app_pages modules ``path`` imports, anywhere in its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "app_pages":
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("app_pages."):
            found.add((node.module or "").split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("app_pages.")}
    return found


def graph() -> dict[str, set[str]]:
    return {p.stem: imports(p) for p in (ROOT / "app_pages").glob("*.py") if p.stem != "__init__"}


def test_the_reader_sees_a_function_level_import() -> None:
    """The reader itself: projector.py imports lecture_mode inside its functions only."""
    source = (ROOT / "app_pages" / "projector.py").read_text(encoding="utf-8")
    top = [line for line in source.splitlines() if line.startswith(("from app_pages", "import app_pages"))]
    assert not any("lecture_mode" in line for line in top)
    assert "lecture_mode" in graph()["projector"]


def test_controls_imports_nothing_that_is_built_on_it() -> None:
    """controls.py is below common.py: the controls, the language and the address bar; the
    pages' toolbox (common) is built on it, never the reverse."""
    g = graph()
    assert "controls" in g["common"]
    assert "common" not in g["controls"]


def test_no_new_pair_of_modules_imports_each_other() -> None:
    g = graph()
    mutual = {frozenset({a, b}) for a in g for b in g[a] if b != a and a in g.get(b, set())}
    assert mutual <= KNOWN, mutual - KNOWN


def test_the_table_of_pages_needs_no_page_module() -> None:
    """visualizer/pages.py is read by the server's routes and the tests: no Streamlit, no page."""
    tree = ast.parse((ROOT / "visualizer" / "pages.py").read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {n for n in names if n.startswith(("streamlit", "app_pages"))}
