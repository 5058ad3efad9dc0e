"""A page's view as plain data, read from and written to the URL's query parameters.

Reading never raises: every bad value becomes a problem (an i18n key and its values) and a
valid fallback, so a shared link always opens a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from visualizer.i18n import DEFAULT_LANG, LANGS

Params = Mapping[str, str | Sequence[str]]
Problem = tuple[str, dict[str, Any]]

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


# A default may depend on the values read before it (the explorer's size on its network).
Default = Any


@dataclass(frozen=True)
class IntParam:
    """A whole-number URL parameter of a page (a slider's value): its bounds and default.

    ``high`` may, like the default, depend on the values read before it (AlexNet's last step
    on its layout: 21 for torchvision's, 22 for the paper's): a link's value past it is then
    told with the real range. Such a control is drawn with its own bound (``high=``)."""

    low: int
    high: Default
    default: Default

    def read(self, params: Params, key: str, problems: list[Problem]) -> int:
        return read_int(params, key, low=self.low, high=self.high, default=self.default,
                        problems=problems)

    def text(self, value: int) -> str:
        """The value as the link writes it."""
        return str(value)


@dataclass(frozen=True)
class ChoiceParam:
    """A URL parameter that takes one of a few values (a segmented control's value).

    ``problem`` is the catalogue's message for a bad value (by default the one that lists
    the choices; a list of nineteen networks reads better as "unknown network").
    """

    choices: tuple[Any, ...]
    default: Default
    problem: str | None = None

    def read(self, params: Params, key: str, problems: list[Problem]) -> Any:
        if self.problem is None:
            return read_choice(params, key, self.choices, self.default, problems)
        raw = last(params, key)
        if raw is not None and raw.strip() not in map(str, self.choices):
            problems.append((self.problem, {"value": shown(raw), "fallback": self.default}))
            return self.default
        return read_choice(params, key, self.choices, self.default, problems)

    def text(self, value: Any) -> str:
        """The value as the link writes it."""
        return str(value)


@dataclass(frozen=True)
class CodecParam:
    """A URL parameter that holds a whole value in a text form of its own (the builder's design,
    ``design=1.…``): ``decode`` reads it, raising ``error`` for a bad one, and ``encode`` writes
    it. A bad value is a problem (``problem(err)``: the message and its values) and the default.
    """

    decode: Callable[[str], Any]
    encode: Callable[[Any], str]
    default: Default
    problem: Callable[[Exception], Problem]
    error: type[Exception] = ValueError

    def read(self, params: Params, key: str, problems: list[Problem]) -> Any:
        raw = last(params, key)
        if raw is None:
            return self.default
        try:
            return self.decode(raw)
        except self.error as err:
            problems.append(self.problem(err))
            return self.default

    def text(self, value: Any) -> str:
        """The value as the link writes it."""
        return self.encode(value)
