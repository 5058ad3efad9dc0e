"""The table of pages (visualizer/pages.py) against what it describes: the page scripts in
app_pages/, their controls' keys, the catalogue, the lecture's order and the link contract."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from models import get_entry
from visualizer.i18n import CATALOGUE
from visualizer.pages import LECTURE, NOTES, PAGES, STUDENT_PAGES, by_prefix

ROOT = Path(__file__).resolve().parents[1]


def page_scripts() -> set[str]:
    """The modules of app_pages/ that are pages: a script that draws itself when run (a
    statement that calls something at its top level: ``render()``, ``common.tabbed_page(...)``);
    the helpers (common, controls, projector, ...) only define things."""
    scripts = set()
    for path in (ROOT / "app_pages").glob("*.py"):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        if any(isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) for s in body):
            scripts.add(path.stem)
    return scripts


def test_every_page_script_is_in_the_table_once() -> None:
    names = [p.name for p in PAGES]
    assert len(names) == len(set(names))
    assert set(names) == page_scripts()
    assert all((ROOT / p.script).is_file() for p in PAGES)


def test_one_default_page_at_the_root_and_one_teacher_page() -> None:
    assert [p.path for p in PAGES if p.default] == [""]
    assert [p.name for p in PAGES if p.teacher] == ["notes"] == [NOTES.name]
    assert NOTES not in STUDENT_PAGES and len(STUDENT_PAGES) == len(PAGES) - 1
    assert all(p.path == p.name for p in PAGES if not p.default)


def test_each_prefix_is_the_one_its_page_keys_its_widgets_with() -> None:
    """A page with ``Controls`` declares its prefix there; the builder names its widgets by
    hand; the teacher's notes have no widgets of their own."""
    for page in PAGES:
        source = (ROOT / page.script).read_text(encoding="utf-8")
        declared = re.findall(r'\bControls\("(\w+)"', source)
        keys = re.findall(r'\bkey="(\w+)"', source)
        if declared:
            assert declared == [page.prefix], page.name
        elif keys:
            assert all(k.startswith(f"{page.prefix}_") for k in keys), (page.name, keys)
        else:
            assert page.prefix == "", page.name
    prefixes = [p.prefix for p in PAGES if p.prefix]
    assert len(prefixes) == len(set(prefixes))
    assert by_prefix("alex").path == "lesson_alexnet" and by_prefix("play").path == "playground"


def test_titles_and_sections_are_in_the_catalogue() -> None:
    for page in PAGES:
        assert page.title in CATALOGUE and page.section in CATALOGUE, page.name
        assert re.fullmatch(r":material/[a-z0-9_]+:", page.icon), page.icon


def test_the_lecture_goes_through_the_four_papers_in_their_years() -> None:
    """The lecture tells the story in time: AlexNet (2012), GoogLeNet (2014), ResNet (2015),
    DenseNet (2016); the slides go from one lesson to the next in the table's order."""
    network = {"lesson_alexnet": "alexnet_paper", "lesson_inception": "googlenet_paper",
               "lesson_resnet": "resnet18", "lesson_densenet": "densenet121"}
    assert set(LECTURE) == set(network)
    years = [get_entry(network[path]).year for path in LECTURE]
    assert years == sorted(years) == [2012, 2014, 2015, 2016]
    assert all(p.slides for p in PAGES if p.lesson)


def test_the_hostile_link_contract_names_every_page() -> None:
    """tests/test_hostile.py restates each page's link contract by hand: a new page in the
    table without one fails here (cheaply, without running any page)."""
    source = (ROOT / "tests" / "test_hostile.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    contract = next(n for n in tree.body if isinstance(n, ast.AnnAssign)
                    and isinstance(n.target, ast.Name) and n.target.id == "CONTRACT")
    assert isinstance(contract.value, ast.Dict)
    keys = {k.value for k in contract.value.keys if isinstance(k, ast.Constant)}
    assert keys == {p.name for p in STUDENT_PAGES}
