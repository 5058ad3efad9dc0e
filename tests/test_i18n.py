"""The catalogue: every key in both languages, the same placeholders, the lecture's terms."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from visualizer.i18n import CATALOGUE, GLOSSARY, number, t

ROOT = Path(__file__).resolve().parents[1]


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
    """Each literal t("key", ...) in the code names a catalogue key."""
    missing = []
    for path in [*ROOT.glob("visualizer/*.py"), *ROOT.glob("app_pages/*.py"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
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
