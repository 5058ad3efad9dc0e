"""The project's errors: one base class, a code with its values, a message in either language.

Every error a public function documents is a ``CodedError``: ``code`` names what went wrong
(an ``<family>.<code>`` message of the catalogue), ``values`` hold its numbers, and
``message(lang)`` says it in Korean or English. A page shows any of them one way
(``app_pages.common.coded_error``); the exception's own text (``str``) is for logs.

The subclasses: ``ShapeError`` and ``InputError`` (the tracer), ``DesignError`` (the builder),
``ImageError`` (uploads), ``DataError`` (Fashion-MNIST), ``RunError`` (the teacher's run),
``QueueError`` (the class queue), ``CheckpointError`` (weights files), ``FetchError`` (ImageNet
weights), ``MissingTool``, ``DotFailed`` and ``TooTall`` (a file export's: a program it needs is
missing, ``dot`` failed or ran too long, a PNG too tall; ``visualizer.export.ExportProblem``) and
``SettingError``: a model setting the zoo refuses. The zoo imports nothing of the
app, so its own ``models.ConfigError`` cannot derive from this base; the tracer passes it on as
a ``SettingError``, which is both.
"""

from __future__ import annotations

from typing import Any

from models import ConfigError
from visualizer.i18n import t

IO_REASONS = ("full", "read_only", "denied")  # values["io"]: why a file could not be written


def _nested(v: Any) -> tuple[str, dict[str, Any]] | None:
    """A value that is a message of its own: ``(key, values)`` (a list once read from JSON)."""
    if isinstance(v, tuple | list) and len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], dict):
        return v[0], v[1]
    return None


class CodedError(Exception):
    """An error with a code and its values, said in the page's language.

    Attributes:
        family: the catalogue's prefix of this kind of error (``err``, ``design.err``, ``run``).
        code: what went wrong: ``<family>.<code>`` is its message.
        values: the numbers and names of it, to fill in that message. A value may be a
            message of its own, ``(key, values)``, said in the same language; ``io`` names
            why a file could not be written (``full``, ``read_only``, ``denied``) and fills
            in ``why``.
    """

    family = "err"
    shown_limit = 120  # characters of a text value in a Markdown message

    def __init__(self, code: str, /, **values: Any) -> None:
        self.code = code
        self.values = values
        super().__init__(f"{code}: {values}")

    def message(self, lang: str, markdown: bool = False) -> str:
        """The message in ``lang``; with ``markdown``, every text value is made safe to show
        inside Markdown (what a user typed must not turn bold or into a link)."""
        return t(f"{self.family}.{self.code}", lang, **self.shown_values(lang, markdown))

    def shown_values(self, lang: str, markdown: bool = False) -> dict[str, Any]:
        from visualizer.state import shown

        out: dict[str, Any] = {}
        for k, v in self.values.items():
            nested = _nested(v)
            if nested is not None:
                v = t(nested[0], lang, **nested[1])
            if markdown and not isinstance(v, int | float):
                v = shown(str(v), self.shown_limit)
            out[k] = v
        if self.values.get("io") in IO_REASONS:
            out["why"] = t(f"io.{self.values['io']}", lang)
        return out

    def stored(self) -> dict[str, Any]:
        """The error as JSON data (a job's result file): ``StoredError.of`` reads it back."""
        values = {k: v if isinstance(v, int | float | str) or _nested(v) else str(v)
                  for k, v in self.values.items()}
        return {"error": f"{self.family}.{self.code}", "values": values}


class StoredError(CodedError):
    """An error read back from JSON data (``CodedError.stored``): said as it was raised."""

    def __init__(self, family: str, code: str, values: dict[str, Any]) -> None:
        self.family = family
        super().__init__(code, **values)

    @classmethod
    def of(cls, data: dict[str, Any], default: str = "queue.crashed") -> StoredError:
        family, _, code = str(data.get("error") or default).rpartition(".")
        values = data.get("values")
        return cls(family, code, values if isinstance(values, dict) else {})


class SettingError(CodedError, ConfigError):
    """A setting a zoo model cannot be built with (the zoo's ``ConfigError``, as the app's)."""

    family = "cfg"

    def __init__(self, err: ConfigError) -> None:
        self.code = err.code
        self.values = err.values
        Exception.__init__(self, str(err))

    def message(self, lang: str, markdown: bool = False) -> str:
        return t("err.config", lang, detail=super().message(lang, markdown))
