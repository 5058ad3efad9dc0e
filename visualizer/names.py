"""Human names beside code names: ``layer1.0`` is "1단계 첫 블록 (layer1.0)", ``head.2`` "머리의
3번째 층", ``inception3a.branch2.0.conv`` "인셉션 3a의 가지 2의 1번째 층의 합성곱".

A layer's code name (its module path, as PyTorch and the lecture's code write it) stays: a
student who reads the code finds it. The human name says where it sits, in the page's language.
Layer and block types get their Korean name too (Conv2d is 합성곱, BasicBlock 기본 블록).
"""

from __future__ import annotations

import re

from visualizer.i18n import CATALOGUE, t

# A part of a module path and the catalogue key that names it ({n}: its number).
_PARTS = (
    (r"layer(\d+)", "name.stage"),
    (r"denseblock(\d+)", "name.denseblock"),
    (r"denselayer(\d+)", "name.denselayer"),
    (r"transition(?:Layer)?(\d+)", "name.transition"),  # transitionLayer1: the DenseNet notebook's
    (r"inception(\d+[a-e])", "name.inception"),
    (r"branch(\d+)", "name.branch"),
    (r"aux(\d+)", "name.aux"),
    (r"downsample", "name.downsample"),
    (r"residual_block", "name.residual_block"),
    (r"head", "name.head"),
    (r"features", "name.features"),
    (r"classifier", "name.classifier"),
    (r"conv(\d*)", "name.conv"),
    (r"bn(\d*)|norm(\d*)", "name.bn"),
    (r"relu(\d*)", "name.relu"),
    (r"(?:max|avg)?pool(\d*)", "name.pool"),
    (r"add", "name.add"),
    (r"concat", "name.concat"),
    (r"fc(\d*)", "name.fc"),
    (r"drop(?:out)?(\d*)", "name.dropout"),
    (r"flatten", "name.flatten"),
)
# Names that are already what a teacher says: no second name.
_PLAIN = re.compile(r"(conv|pool|maxpool|fc|relu|norm|drop|bn)\d*|flatten|avgpool|add|concat|dropout|"
                    r"input|output")


def _key(part: str) -> str | None:
    return next((key for pattern, key in _PARTS if re.fullmatch(pattern, part)), None)


def _word(part: str, lang: str) -> str:
    if part.isdigit():
        return t("name.first", lang) if part == "0" else t("name.nth", lang, n=int(part) + 1)
    for pattern, key in _PARTS:
        m = re.fullmatch(pattern, part)
        if m:
            number = next((g for g in m.groups() if g), "")
            return t(key, lang, n=number).strip()
    return part


def human_name(label: str, lang: str) -> str:
    """Where the layer or block ``label`` sits, said in words ("" for a name already plain,
    such as conv1 or fc6, and for a whole network)."""
    parts = label.split(".")
    if len(parts) == 1 and (_PLAIN.fullmatch(label) or _key(label) is None):
        return ""
    words: list[str] = []
    for i, part in enumerate(parts):
        if part.isdigit() and i and _key(parts[i - 1]) == "name.stage":
            n = int(part)
            block = t("name.first_block", lang) if n == 0 else t("name.block", lang, n=n + 1)
            words[-1] = f"{words[-1]} {block}"  # 1단계 첫 블록: one phrase
            continue
        words.append(_word(part, lang))
    return t("name.join", lang).join(words)


def named(label: str, lang: str) -> str:
    """The human name with the code name beside it: "1단계 첫 블록 (layer1.0)"; the code name
    alone where it is already plain."""
    human = human_name(label, lang)
    return f"{human} ({label})" if human and human != label else label  # not "classifier (classifier)"


def type_name(kind: str, lang: str, code: bool = False) -> str:
    """A module type as the page's language says it: 합성곱 for Conv2d, 기본 블록 for
    BasicBlock; with ``code``, the class the code writes beside it ("합성곱 (Conv2d)"). A type
    the catalogue does not name (ReLU, a whole network) stays as the code writes it."""
    key = f"type.{kind}"
    name = t(key, lang) if key in CATALOGUE else kind
    return f"{name} ({kind})" if code and name != kind else name
