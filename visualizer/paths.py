"""Where the app keeps its files (the cache folder) and how it writes one safely.

No torch here: the roles, the lecture's state, the class queue and the checkpoint store
(``visualizer.training.store``) all write into the same cache folder, each through
:func:`atomic_write`, so a process killed mid-write leaves the previous file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "CNNVIS_CACHE"


def cache_dir() -> Path:
    """``$CNNVIS_CACHE``, else ``$XDG_CACHE_HOME/cnn-visualizer``, else ``~/.cache/cnn-visualizer``."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "cnn-visualizer"


def atomic_write(path: Path, write: Callable[[Any], None]) -> None:
    """Write through a temporary file in the same folder, flushed to disk, then rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
