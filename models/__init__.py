"""The model zoo: AlexNet, GoogLeNet, ResNet and DenseNet, built by name from config."""

from __future__ import annotations

# Importing the family modules registers their factories.
from models import alexnet, cifar, densenet, googlenet, notebooks, resnet  # noqa: F401
from models.registry import (
    ConfigError,
    ModelEntry,
    build_model,
    check_config,
    get_entry,
    list_models,
    register_model,
)

__all__ = ["ConfigError", "ModelEntry", "build_model", "check_config", "get_entry",
           "list_models",
           "register_model"]
