"""The model zoo's registry: models are registered by name, listed and built from config.

Inspired by timm: a decorator fills a dict, and everything else (the app, the tests, the CLI)
asks the registry instead of importing model classes.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

Factory = Callable[..., nn.Module]


@dataclass(frozen=True)
class ModelEntry:
    """What the app needs to know about one architecture before building it.

    Attributes:
        name: registry name, e.g. ``"resnet50"``.
        family: ``"AlexNet"``, ``"GoogLeNet"``, ``"ResNet"`` or ``"DenseNet"``.
        title: the paper's title.
        arxiv: link to the paper.
        year: the paper's year.
        default_input: ``(C, H, W)`` the model is designed for.
        factory: keyword-only function that builds the model from config.
        torchvision_name: the torchvision builder with identical state_dict, if any.
        builder: the family's builder that the factory passes ``**config`` on to, as
            torchvision's one-line variants do; its keyword-only parameters are knobs too.
    """

    name: str
    family: str
    title: str
    arxiv: str
    year: int
    default_input: tuple[int, int, int]
    factory: Factory
    torchvision_name: str | None = None
    builder: Factory | None = None

    def defaults(self) -> dict[str, Any]:
        """The model's keyword config with the paper's defaults: the builder's knobs, with the
        values the variant's own signature sets (DenseNet-161's growth rate of 48)."""
        knobs: dict[str, Any] = {}
        for fn in (self.builder, self.factory):
            if fn is not None:
                knobs |= {k: p.default for k, p in inspect.signature(fn).parameters.items()
                          if p.kind is p.KEYWORD_ONLY}
        return knobs

    @property
    def takes_images(self) -> bool:
        """An image model (1 or 3 channels: Fashion-MNIST or RGB pictures), unlike the
        lecture's residual block, which takes 64 feature maps."""
        return self.default_input[0] in (1, 3)


class ConfigError(ValueError):
    """A setting a model cannot be built with.

    ``code`` names the rule and ``values`` hold its numbers, so a page can say it in its own
    language (the catalogue's ``cfg.<code>``); the exception's text is the English one.
    """

    def __init__(self, code: str, text: str, **values: Any) -> None:
        super().__init__(text)
        self.code = code
        self.values = values


_REGISTRY: dict[str, ModelEntry] = {}
FAMILIES = ("AlexNet", "GoogLeNet", "ResNet", "DenseNet")  # the lecture's order


def register_model(
    *,
    family: str,
    title: str,
    arxiv: str,
    year: int,
    default_input: tuple[int, int, int],
    torchvision_name: str | None = None,
    name: str | None = None,
    builder: Factory | None = None,
) -> Callable[[Factory], Factory]:
    """Decorator that adds a model factory to the registry under its function name."""

    def wrap(factory: Factory) -> Factory:
        key = name or factory.__name__
        if key in _REGISTRY:
            raise ValueError(f"model {key!r} is registered twice")
        _REGISTRY[key] = ModelEntry(
            name=key,
            family=family,
            title=title,
            arxiv=arxiv,
            year=year,
            default_input=default_input,
            factory=factory,
            torchvision_name=torchvision_name,
            builder=builder,
        )
        return factory

    return wrap


def list_models() -> list[str]:
    """All registered names, family by family in the lecture's order, then as registered."""
    order = {f: i for i, f in enumerate(FAMILIES)}
    return sorted(_REGISTRY, key=lambda n: order.get(_REGISTRY[n].family, len(order)))


def get_entry(name: str) -> ModelEntry:
    """The registry entry for ``name``; unknown names raise with the close matches."""
    try:
        return _REGISTRY[name]
    except KeyError:
        close = difflib.get_close_matches(str(name), _REGISTRY, n=3, cutoff=0.5)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise ConfigError(
            "unknown_arch", f"unknown architecture {name!r}.{hint} Known: {', '.join(list_models())}",
            name=str(name)[:40], known=", ".join(list_models())) from None


def build_model(name: str, *, device: str | torch.device = "meta", **config: Any) -> nn.Module:
    """Build a registered model from keyword config.

    Args:
        name: a name from :func:`list_models`.
        device: ``"meta"`` (default) builds shapes without memory; ``"cpu"`` real weights.
        **config: the factory's knobs; unknown names raise ``ConfigError`` (a ``ValueError``)
            listing valid ones.

    Returns:
        The model in eval mode.
    """
    entry = get_entry(name)
    check_config(name, config)
    with torch.device(device):
        model = entry.factory(**config)
    return model.eval()


def check_config(name: str, config: Mapping[str, Any]) -> None:
    """Raise ``ConfigError`` (a ``ValueError``) naming unknown keys and listing the valid ones."""
    valid = get_entry(name).defaults()
    unknown = sorted(set(config) - set(valid))
    if unknown:
        raise ConfigError(
            "unknown_setting", f"{name} has no setting {', '.join(map(repr, unknown))}; "
            f"valid settings: {', '.join(sorted(valid))}",
            model=name, names=", ".join(unknown), valid=", ".join(sorted(valid)))


def positive_int(name: str, value: Any, *, minimum: int = 1, maximum: int = 100_000) -> int:
    """Validate one integer knob; the message names the knob and the allowed range."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError("not_int", f"{name} must be a whole number, got {value!r}", name=name,
                          value=repr(value)[:40])
    if not minimum <= value <= maximum:
        raise ConfigError("range", f"{name} must be between {minimum} and {maximum}, got {value}",
                          name=name, low=minimum, high=maximum, value=value)
    return value


def int_list(name: str, values: Any, *, length: int | None = None, minimum: int = 1) -> tuple[int, ...]:
    """Validate a list of integer knobs (stage depths, filter counts)."""
    if isinstance(values, int | str) or not hasattr(values, "__iter__"):
        raise ConfigError("not_list", f"{name} must be a list of whole numbers, got {values!r}",
                          name=name, value=repr(values)[:40])
    out = tuple(positive_int(f"{name}[{i}]", v, minimum=minimum) for i, v in enumerate(values))
    if length is not None and len(out) != length:
        raise ConfigError("length", f"{name} must have {length} entries, got {len(out)}", name=name,
                          length=length, got=len(out))
    if not out:
        raise ConfigError("empty", f"{name} must not be empty", name=name)
    return out
