"""What goes wrong with a design: ``DesignError`` and ``LayerRefused``."""

from __future__ import annotations

from typing import Any

from visualizer.errors import CodedError
from visualizer.i18n import t


class DesignError(CodedError, ValueError):
    """A design that cannot be read or built.

    Attributes:
        code: the rule (``design.err.<code>`` in the catalogue).
        item: index of the item it concerns, or ``None`` for the design as a whole.
        values: the numbers of it, to fill in the message.
    """

    family = "design.err"
    shown_limit = 40  # characters of a user's text in a message (a name, a value)

    def __init__(self, code: str, item: int | None = None, **values: Any) -> None:
        super().__init__(code, **values)
        self.item = item
        where = "" if item is None else f"item {item + 1}: "
        Exception.__init__(self, f"{where}{code} {values}")

    def message(self, lang: str, markdown: bool = False) -> str:
        """The problem in ``lang``, the item's number first; with ``markdown``, a user's text
        in it is escaped (a page shows it as Markdown: ``**x**`` typed in a file must not
        turn bold)."""
        text = super().message(lang, markdown)
        return text if self.item is None else t("design.err.at", lang, n=self.item + 1, text=text)


class LayerRefused(DesignError):
    """An item whose layer cannot take the input it gets, said in the tracer's words: ``code``
    is a shape error's (``err.<code>`` in the catalogue: ``empty``, ``rank``, ``pool_pad``...),
    and ``values["layer"]`` the module's name in the design (``pool2``, ``layer1.0.conv1``)."""

    family = "err"


def brief(value: Any, limit: int = 30) -> str:
    """A user's value as a message shows it: its ``repr``, cut at ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"

