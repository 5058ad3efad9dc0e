"""What goes wrong while tracing, as exceptions that carry a code and the numbers of it.

``ShapeError`` is public: an input that cannot pass, with the layer, the reason (``code``, an
``err.<code>`` message of the catalogue, so either language) and the sizes that would work.
``InputError`` is public too: an input shape that is no shape (``err.input_*``). Both are the
project's ``CodedError``.
``Refuse`` and ``LayerFailed`` are the tracer's own: a rule refusing an input while a plan is
replayed, and a forward pass that failed while one was recorded.
"""

from __future__ import annotations

from typing import Any

from visualizer.errors import CodedError
from visualizer.i18n import t
from visualizer.records import Shape

MAX_SIDE = 8192  # larger inputs are refused before any work is done
MAX_BATCH = 256


class ShapeError(CodedError, ValueError):
    """An input shape that cannot pass through the model.

    Attributes:
        layer: label of the first layer that cannot take its input.
        code: which rule failed (``empty``, ``features``, ...): a key ``err.<code>`` of i18n.
        values: the numbers of the failure, to fill in that message.
        valid: the square input sides that work, as ``(low, high)``; ``high`` is ``None``
            when every larger size works too. ``None`` if no size up to MAX_SIDE works.
    """

    def __init__(self, *, layer: str, code: str, values: dict[str, Any],
                 valid: tuple[int, int | None] | None = None) -> None:
        self.layer = layer
        self.code = code
        self.values = values
        self.valid = valid
        self.before: dict[str, Shape] = {}  # output shapes of the layers that did pass
        Exception.__init__(self, self.message("en"))

    def message(self, lang: str, markdown: bool = False) -> str:
        """The whole message in ``lang``: what breaks, then the fix."""
        return f"{super().message(lang, markdown)}; {describe_valid(self.valid, lang)}"

    @property
    def smallest(self) -> int | None:
        """The smallest square input side that works."""
        return self.valid[0] if self.valid else None


class InputError(CodedError, ValueError):
    """An input shape that is not one: not four whole numbers (``input_shape``), a number out
    of its range (``input_range``), or a channel count the model was not built for
    (``input_channels``). The message says what is allowed; its text is the English one."""

    def __init__(self, code: str, /, **values: Any) -> None:
        super().__init__(code, **values)
        Exception.__init__(self, self.message("en"))


def describe_valid(valid: tuple[int, int | None] | None, lang: str = "en") -> str:
    """The fix, in words: ``use an input of at least 63x63`` or ``sizes 227 to 258 work``."""
    if valid is None:
        return t("fix.none", lang, max=MAX_SIDE)
    low, high = valid
    if high is None:
        return t("fix.at_least", lang, low=low)
    if high == low:
        return t("fix.only", lang, low=low)
    return t("fix.range", lang, low=low, high=high)


class Refuse(Exception):
    """A layer cannot take its input (raised while replaying a plan).

    ``code`` names the rule (an ``err.<code>`` message of i18n); ``code == "empty"`` means the
    output would have no pixels: the input is too small.
    """

    def __init__(self, index: int, code: str, **values: Any) -> None:
        super().__init__(code)
        self.index = index
        self.code = code
        if code == "empty":  # "(35x35 with padding 2)", in the message's language
            padded = {k: values[k] for k in ("ph", "pw", "p")}
            values["padded"] = ("err.padded", padded) if values["p"] else ""
        self.values = values
        self.before: tuple[tuple[str, Shape], ...] = ()  # leaves that passed, and their shapes


class LayerFailed(RuntimeError):
    """A recorded forward pass failed; ``label`` is the layer that was running."""

    def __init__(self, label: str, cause: BaseException) -> None:
        super().__init__(f"{label}: {cause}")
        self.label = label
        self.cause = cause


def failed(err: LayerFailed) -> ShapeError:
    """A forward pass that failed where no formula predicted it: the layer and torch's reason."""
    text = str(err.cause).splitlines()[0] if str(err.cause) else type(err.cause).__name__
    return ShapeError(layer=err.label, code="torch", values={"layer": err.label, "detail": text})
