"""The catalogue: every key in both languages, the same placeholders, the lecture's terms."""

from __future__ import annotations

import ast
import functools
import itertools
import json
import re
import string
from pathlib import Path

import pytest

from visualizer.i18n import CATALOGUE, GLOSSARY, number, t

ROOT = Path(__file__).resolve().parents[1]
# The code that says things: every product package (the tests and bench/ are not product).
CODE = sorted({*ROOT.glob("visualizer/**/*.py"), *ROOT.glob("app_pages/*.py"), *ROOT.glob("models/**/*.py"),
               *ROOT.glob("deploy/*.py"), ROOT / "app.py", ROOT / "serve.py"})


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_key_has_both_languages_with_same_placeholders(key: str) -> None:
    en, ko = CATALOGUE[key]
    assert en.strip() and ko.strip()
    assert fields(en) == fields(ko), key


def test_korean_text_is_korean() -> None:
    hangul = re.compile(r"[\uac00-\ud7a3]")
    prose = [k for k, (en, ko) in CATALOGUE.items() if len(en) > 25 and hangul.search(ko) is None]
    assert prose == []


def test_lecture_terms_are_used() -> None:
    korean = " ".join(ko for _, ko in CATALOGUE.values()) + " ".join(g[0] for g in GLOSSARY)
    for term in ("합성곱", "특징 맵", "채널", "stride", "패딩", "풀링", "잔차 블록", "밀집 블록", "전환 층",
                 "병목", "보조 분류기", "차원 축소", "연결", "소프트맥스"):
        assert term in korean, term


def test_every_key_used_in_code_exists() -> None:
    """Each literal t("key", ...) in the code (visualizer/trace/ and deploy/ too) names a
    catalogue key."""
    missing = []
    for path in CODE:
        for node in ast.walk(tree_of(path)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                key = node.args[0].value
                if isinstance(key, str) and key not in CATALOGUE:
                    missing.append((path.name, key))
    assert missing == []


def test_nested_values_are_translated() -> None:
    text = t("url.bad_int", "ko", key="size", value="-5", fallback=224,
             allowed=("allowed.range", {"low": 1, "high": 8192}))
    assert "1부터 8192까지의 정수" in text


@pytest.mark.parametrize(("n", "en", "ko"), [
    (61_100_840, "61.1 M", "6,110만"), (714_188_480, "714 M", "7.14억"),
    (2_834_161_664, "2.83 G", "28.34억"), (23_296, "23.3 K", "2.3만"), (640, "640", "640"),
    (2_000_000_000_000, "2,000 G", "2조"), (1_250_000_000_000, "1,250 G", "1.25조"),
    # a thousand 억 and more, said whole as the English is: not "2367.60억"
    (236_760_000_000, "237 G", "2,368억"), (96_948_884_897, "96.9 G", "969.49억"),
])
def test_numbers_read_naturally(n: int, en: str, ko: str) -> None:
    assert number(n, "en") == en
    assert number(n, "ko") == ko


def test_bold_closes_where_markdown_can_close_it() -> None:
    """CommonMark closes ``**`` after punctuation only before a space or punctuation, so
    ``**9.7%**입니다`` shows its asterisks (a Korean particle is a letter). No catalogue string
    ends a bold run with punctuation right before a letter; numbers go in bold without their
    ``%``, or the sentence is turned."""
    bad = []
    for key, pair in CATALOGUE.items():
        for text in pair:
            for m in re.finditer(r"\*\*(.+?)\*\*", text):
                after = text[m.end():m.end() + 1]
                if not m.group(1)[-1].isalnum() and m.group(1)[-1] != "}" and after.isalnum():
                    bad.append(f"{key}: {text[max(0, m.start() - 10):m.end() + 3]!r}")
    assert not bad, bad


# ---- Every key is used: literal keys, the keys built at run time, the errors' keys ----------
@functools.cache
def tree_of(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def file_constants(path: Path) -> frozenset[str]:
    return frozenset(constants(tree_of(path)))


def constants(node: ast.AST, letters: bool = True) -> set[str]:
    """The strings and whole numbers written in ``node``; with ``letters``, a short word
    (``"nkspd"``, which a page walks letter by letter) gives its letters too."""
    out: set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str | int) and not isinstance(n.value, bool):
            out |= {str(n.value), str(n.value).rstrip(":._- ")}  # f"field:{name}" gives "field"
            if letters and isinstance(n.value, str) and re.fullmatch(r"[a-z]{2,6}", n.value):
                out |= set(n.value)
    return out


PRODUCT = ("visualizer", "models")


def module_path(module: str) -> Path | None:
    base = ROOT / module.replace(".", "/")
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()), None)


@functools.cache
def product_imports(path: Path) -> frozenset[Path]:
    """The product modules (visualizer, models) the file at ``path`` imports, but the catalogue."""
    found = set()
    for n in ast.walk(tree_of(path)):
        if not isinstance(n, ast.ImportFrom) or (n.module or "").split(".")[0] not in PRODUCT:
            continue
        for module in (n.module or "", *(f"{n.module}.{a.name}" for a in n.names)):
            found.add(module_path(module) if module != "visualizer.i18n" else None)
    return frozenset(p for p in found if p is not None)


def imported_constants(path: Path) -> set[str]:
    """The constants of the product modules the file at ``path`` imports, and of the ones they
    import, and so on (the builder's page names the palette's layer types that
    visualizer/trace/rules.py writes down); the catalogue itself is no source of values."""
    seen: set[Path] = set()
    stack = [path]
    while stack:
        for inner in product_imports(stack.pop()) - seen:
            seen.add(inner)
            stack.append(inner)
    return set().union(*(file_constants(p) for p in seen))


def catalogue_node(tree: ast.Module) -> set[int]:
    """The ids of the catalogue's own keys in i18n.py (they name keys, they do not use them)."""
    for n in tree.body:
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and n.target.id == "CATALOGUE":
            assert isinstance(n.value, ast.Dict)
            return {id(k) for k in n.value.keys}
    return set()


def pattern(node: ast.AST) -> str | None:
    """A key built at run time, with ``\\0`` for each value put in: ``f"arch.{n}"`` and
    ``"note." + name`` are ``arch.\\0`` and ``note.\\0``."""
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "\0" for v in node.values)
    if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)):
        return node.left.value + "\0"
    return None


def pattern_regex(p: str) -> re.Pattern[str]:
    return re.compile("^" + "(.+?)".join(re.escape(part) for part in p.split("\0")) + "$")


def model_and_resource_values() -> set[str]:
    """Values that come from the product's data, not its code: the zoo's network names, the
    module types the code names (``nn.ReLU``, the zoo's own blocks), Fashion-MNIST's ten class
    numbers, and every string of the shipped resources (the notebooks' printouts)."""
    from models import list_models

    values = {*list_models(), *(str(c) for c in range(10))}
    for path in CODE:
        for n in ast.walk(tree_of(path)):
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "nn":
                values.add(n.attr)
            elif isinstance(n, ast.ClassDef):
                values.add(n.name)
    for path in ROOT.glob("visualizer/resources/**/*.json"):
        stack = [json.loads(path.read_text(encoding="utf-8"))]
        while stack:
            v = stack.pop()
            if isinstance(v, dict):
                values |= {str(k) for k in v}
                stack += list(v.values())
            elif isinstance(v, list):
                stack += v
            elif isinstance(v, str):
                values.add(v)
    return values


def error_keys(passed_on: bool = False) -> set[str]:
    """``<family>.<code>`` of every error the code raises: each ``CodedError`` subclass's family
    with the codes written where it is made (``ImageError("too_big", ...)``, ``code="empty"``);
    the tracer's ``Refuse`` codes are ShapeError's (``err``), the zoo's ``ConfigError`` codes
    the settings' (``cfg``); an error stored as data names its family and code side by side
    (``_failed(status, "queue", "timeout", ...)``). With ``passed_on``, also the keys of a code
    held in a variable (``DesignError(code_, ...)`` in a loop over ``("params", ...)``): the
    constants of the function that makes the error, where they make a key."""
    import importlib
    import pkgutil

    import visualizer
    from visualizer.errors import CodedError

    for info in pkgutil.walk_packages(visualizer.__path__, "visualizer."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    classes, families = [CodedError], {}
    while classes:
        cls = classes.pop()
        families[cls.__name__] = cls.family
        classes += cls.__subclasses__()
    families |= {"Refuse": "err", "ConfigError": "cfg"}
    keys = set()
    for path in CODE:
        tree = tree_of(path)
        scopes = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        for n in ast.walk(tree):
            if not isinstance(n, ast.Call):
                continue
            name = n.func.id if isinstance(n.func, ast.Name) else getattr(n.func, "attr", None)
            if name in families:
                code = [k.value for k in n.keywords if k.arg == "code"] or n.args[:1]
                if passed_on and code and isinstance(code[0], ast.Name):
                    around = [s for s in scopes if s.lineno <= n.lineno <= (s.end_lineno or 0)]
                    keys |= {f"{families[name]}.{c}" for s in around[-1:] for c in constants(s, letters=False)
                             if f"{families[name]}.{c}" in CATALOGUE}
                keys |= {f"{families[name]}.{c}" for arg in code for c in constants(arg, letters=False)
                         if re.fullmatch(r"[a-z_0-9]+", c)}
                if name == "Refuse":  # Refuse(index, "code", ...)
                    keys |= {f"err.{a.value}" for a in n.args[1:2]
                             if isinstance(a, ast.Constant) and isinstance(a.value, str)}
            words = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                     for a in n.args]
            keys |= {f"{a}.{b}" for a, b in itertools.pairwise(words) if a and b and f"{a}.{b}" in CATALOGUE}
    return keys


def page_keys() -> set[str]:
    """Each page's ``<prefix>.title``, ``<prefix>.intro`` (common.header) and
    ``<prefix>.tab.<name>`` (common.tabbed_page): the prefix is the page's ``Controls``' or
    the one it passes, the tabs the names it gives."""
    keys = set()
    for path in ROOT.glob("app_pages/*.py"):
        source = path.read_text(encoding="utf-8")
        declared = re.findall(r'\bControls\("(\w+)"', source)
        for n in ast.walk(ast.parse(source)):
            if not isinstance(n, ast.Call) or getattr(n.func, "attr", getattr(n.func, "id", None)) not in (
                    "header", "tabbed_page"):
                continue
            given = [k.value.value for k in n.keywords
                     if k.arg == "prefix" and isinstance(k.value, ast.Constant)
                     and isinstance(k.value.value, str)]
            if not (given or declared):  # common.tabbed_page's own call: the page's prefix
                continue
            prefix = (given or declared)[0]
            keys |= {f"{prefix}.title", f"{prefix}.intro"}
            tabs = n.args[1] if len(n.args) > 1 else None
            if isinstance(tabs, ast.Dict):
                keys |= {f"{prefix}.tab.{k.value}" for k in tabs.keys
                         if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    return keys


def comment_keys() -> set[str]:
    """The comments of the notebooks' code files (``#: <key>``, filled in by notebooks.code)."""
    from visualizer import notebooks

    return {k for f in ROOT.glob("visualizer/resources/notebooks/*.code.txt")
            for k in notebooks.comment_keys(f.name.removesuffix(".code.txt"))}


# Keys built at run time whose values come from elsewhere than the site's own constants:
# the errors (error_keys) and the pages' titles and tabs (page_keys).
DERIVED_ELSEWHERE = {"\0.\0", "\0.title", "\0.intro", "\0.tab.\0"}


@functools.cache
def used_keys() -> frozenset[str]:
    """Every key the code can ask for: written out anywhere (a ``t("key")``, a table of keys),
    or built at run time (an f-string or ``"prefix." + value`` that some key fits) from values
    the code that builds it has: the constants of its function, of its module and of the
    product modules it imports, or the product's data (model_and_resource_values); plus the
    errors' and the pages' keys."""
    data = model_and_resource_values()
    used = error_keys(passed_on=True) | page_keys() | comment_keys()
    sites: list[tuple[re.Pattern[str], set[str]]] = []
    for path in CODE:
        tree = tree_of(path)
        own = catalogue_node(tree)
        imported = imported_constants(path)
        top = constants(ast.Module(body=[s for s in tree.body if not isinstance(
            s, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)], type_ignores=[]))
        scopes = [n for n in ast.walk(tree)
                  if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)]
        for n in ast.walk(tree):
            if (isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in CATALOGUE
                    and id(n) not in own):
                used.add(n.value)
            p = pattern(n)
            if p is None or "\0" not in p or p in DERIVED_ELSEWHERE or not re.search(r"[a-z]{2}", p):
                continue
            around = [s for s in scopes if s.lineno <= getattr(n, "lineno", 0) <= (s.end_lineno or 0)]
            local = constants(min(around, key=lambda s: (s.end_lineno or 0) - s.lineno)) if around else set()
            sites.append((pattern_regex(p), local | top | imported | data))
    for key in CATALOGUE:
        for rx, values in sites:
            m = rx.match(key)
            if m and all(g in values for g in m.groups()):
                used.add(key)
    return frozenset(used)


def test_every_error_and_page_key_exists() -> None:
    """The errors' and the pages' keys are built at run time: each one is in the catalogue."""
    assert sorted(error_keys() - set(CATALOGUE)) == []
    assert sorted(page_keys() - set(CATALOGUE)) == []


def test_the_derivation_finds_keys_built_at_run_time() -> None:
    """A check of the reader: keys only ever built at run time count as used."""
    used = used_keys()
    assert {"arch.densenet201", "fashion.7", "play.filter.emboss", "img.too_big", "cfg.theta",
            "res.tab.figure1", "export.title", "queue.timeout", "dg.maxpool"} <= used


def test_no_key_is_unused() -> None:
    """A key nothing asks for is dead text: it is translated, reviewed and never shown."""
    assert sorted(set(CATALOGUE) - used_keys()) == []
