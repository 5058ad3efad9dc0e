"""What a lesson diagram's circles mean (issue 30): C (concatenation) and + (addition) are
named under every lesson diagram that draws them, in the glossary's words."""

from __future__ import annotations

import pytest

from visualizer.diagram import DiagramOptions, legend, to_dot
from visualizer.i18n import GLOSSARY, t
from visualizer.trace import trace_named


@pytest.mark.parametrize(("arch", "size"), [
    ("residual_block", 64),  # F(x) + x, nothing concatenated
    ("googlenet_d2l", 96),  # every Inception module joins its four branches
    ("densenet_notebook", 32),  # every dense block concatenates
    ("alexnet", 224),  # a chain: nothing merges
])
def test_the_legend_names_the_merges_the_diagram_draws(arch: str, size: int) -> None:
    """With every layer drawn, the merges are the trace's records of kind add and cat: the
    legend says one phrase for each kind there is, and nothing for a diagram without."""
    result = trace_named(arch, size)
    kinds = {r.kind for r in result.records} & {"add", "cat"}
    assert kinds or arch == "alexnet"
    for lang in ("ko", "en"):
        said = legend(to_dot(result, DiagramOptions(detail="layers", lang=lang)), lang)
        assert (t("dg.legend.cat", lang) in said) == ("cat" in kinds)
        assert (t("dg.legend.add", lang) in said) == ("add" in kinds)
        assert (said == "") == (not kinds)
        assert not said.startswith(("+ ", "- ", "* "))  # Markdown would draw a list's bullet


def test_a_closed_block_draws_no_circle_and_gets_no_legend() -> None:
    """The overview closes every block: a DenseNet's concatenations are inside, so nothing to name."""
    result = trace_named("densenet_notebook", 32)
    assert legend(to_dot(result, DiagramOptions(detail="overview", lang="ko")), "ko") == ""


def test_the_legend_speaks_the_glossarys_words() -> None:
    """One word per concept: the glossary's 연결 (concatenate) and the catalogue's 덧셈 F(x) + x."""
    concat = next(g for g in GLOSSARY if g[1] == "concatenation")
    assert t("dg.legend.cat", "ko").startswith("**C** = " + concat[0].split()[0])
    meaning = concat[3].split(" (")[0]  # 채널 방향으로 맵을 이어 붙이기
    assert meaning in t("dg.legend.cat", "ko")
    add = t("dg.legend.add", "ko")
    assert add.startswith("**+** = " + t("name.add", "ko").split()[0]) and "F(x) + x" in add


@pytest.mark.slow  # AppTest pages
@pytest.mark.parametrize(("page", "tab", "expected"), [
    ("lesson_inception", "inside", ("cat",)),
    ("lesson_resnet", "block", ("add",)),
    ("lesson_resnet", "compare", ("add",)),
    ("lesson_densenet", "parts", ("cat",)),
    ("lesson_densenet", "add_cat", ("add", "cat")),
])
def test_each_lesson_diagram_with_a_merge_says_what_it_means(page: str, tab: str,
                                                             expected: tuple[str, ...]) -> None:
    from tests.pages import open_page

    at = open_page(page, lang="ko", tab=tab)
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    for kind in expected:
        assert any(t(f"dg.legend.{kind}", "ko") in c for c in captions), (kind, captions)
