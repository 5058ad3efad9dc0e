"""A page's view as plain data, read from and written to the URL's query parameters.

Reading never raises: every bad value becomes a problem (an i18n key and its values) and a
valid fallback, so a shared link always opens a page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from models import get_entry, list_models
from visualizer.i18n import DEFAULT_LANG, LANGS
from visualizer.trace import MAX_SIDE

Params = Mapping[str, str | Sequence[str]]
Problem = tuple[str, dict[str, Any]]

DEFAULT_ARCH = "alexnet"
SIZE_PRESETS = (32, 96, 224, 227)
CHANNEL_CHOICES = (1, 3)
CLASS_CHOICES = (10, 1000)
_INT = re.compile(r"[+]?\d{1,9}")


def shown(value: str, limit: int = 40) -> str:
    """A user's value made safe to show inside a Markdown message: short, no markup."""
    value = "".join(ch for ch in value if ch.isprintable())
    if len(value) > limit:
        value = value[:limit] + "…"
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$])", r"\\\1", value)


def last(params: Params, key: str) -> str | None:
    """The last value given for ``key`` (a repeated key counts once, the last one wins)."""
    value = params.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return value[-1] if len(value) else None


def read_int(params: Params, key: str, *, low: int, high: int, default: int,
             problems: list[Problem]) -> int:
    """An integer in [low, high]; anything else is a problem and gives ``default``."""
    raw = last(params, key)
    if raw is None:
        return default
    text = raw.strip()
    if _INT.fullmatch(text) and low <= int(text) <= high:
        return int(text)
    problems.append(("url.bad_int", {"key": key, "value": shown(raw), "fallback": default,
                                     "allowed": ("allowed.range", {"low": low, "high": high})}))
    return default


def read_choice(params: Params, key: str, choices: Sequence[Any], default: Any,
                problems: list[Problem]) -> Any:
    """One of ``choices`` (compared as text); anything else is a problem."""
    raw = last(params, key)
    if raw is None:
        return default
    for choice in choices:
        if raw.strip() == str(choice):
            return choice
    problems.append(("url.bad_int", {"key": key, "value": shown(raw), "fallback": default,
                                     "allowed": ("allowed.choice",
                                                 {"choices": ", ".join(map(str, choices))})}))
    return default


def read_lang(params: Params, problems: list[Problem]) -> str:
    raw = last(params, "lang")
    if raw is None:
        return DEFAULT_LANG
    if raw.strip().lower() in LANGS:
        return raw.strip().lower()
    problems.append(("url.bad_lang", {"value": shown(raw)}))
    return DEFAULT_LANG


@dataclass(frozen=True)
class View:
    """What the explorer shows: the whole state of the page, shareable as a link."""

    arch: str = DEFAULT_ARCH
    size: int = 224
    channels: int = 3
    classes: int = 1000

    def to_params(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items()}

    def config(self) -> dict[str, int]:
        """The model config this view asks for (channels only where the model has a choice)."""
        config = {"num_classes": self.classes}
        if has_channel_choice(self.arch):
            config["in_channels"] = self.channels
        return config


def has_channel_choice(arch: str) -> bool:
    """Image models take 1 or 3 channels; the lecture's residual block takes feature maps."""
    return get_entry(arch).takes_images


def read_view(params: Params, problems: list[Problem]) -> View:
    """The explorer's view from query parameters; bad values become problems and fallbacks."""
    raw_arch = last(params, "arch")
    arch = DEFAULT_ARCH
    if raw_arch is not None:
        if raw_arch.strip() in list_models():
            arch = raw_arch.strip()
        else:
            problems.append(("url.bad_arch", {"value": shown(raw_arch), "fallback": DEFAULT_ARCH}))
    entry = get_entry(arch)
    size = read_int(params, "size", low=1, high=MAX_SIDE, default=entry.default_input[1],
                    problems=problems)
    channels = read_choice(params, "channels", CHANNEL_CHOICES, 3, problems)
    classes = read_choice(params, "classes", CLASS_CHOICES, entry.defaults()["num_classes"],
                          problems)
    return View(arch=arch, size=size, channels=channels, classes=classes)


@dataclass(frozen=True)
class IntParam:
    """A whole-number URL parameter of a page (a slider's value)."""

    low: int
    high: int
    default: int

    def read(self, params: Params, key: str, problems: list[Problem]) -> int:
        return read_int(params, key, low=self.low, high=self.high, default=self.default,
                        problems=problems)


@dataclass(frozen=True)
class ChoiceParam:
    """A URL parameter that takes one of a few values (a segmented control's value)."""

    choices: tuple[Any, ...]
    default: Any

    def read(self, params: Params, key: str, problems: list[Problem]) -> Any:
        return read_choice(params, key, self.choices, self.default, problems)
