"""torchvision's ImageNet checkpoints: which file, from where, and fetching one when asked.

No streamlit here. torchvision itself does not import on this machine (its 0.28.0 wheel fails
on this CPU build of torch 2.13.0: "operator torchvision::nms does not exist"), so the table
of its published files is kept here, with where each entry came from:

- file names and addresses: the ``url`` of each ``*_Weights.IMAGENET1K_V1`` in torchvision's
  ``torchvision/models/{alexnet,googlenet,resnet,densenet}.py`` (the same addresses as
  ``tests/data/torchvision_meta.json``, recorded from torchvision 0.29.1);
- sizes: the ``_file_size`` (MB) of the same entries' ``meta``;
- class names: torchvision's ``_IMAGENET_CATEGORIES`` (``torchvision/models/_meta.py``), kept
  in ``visualizer/resources/imagenet_classes.txt`` and read by
  :func:`visualizer.features.imagenet_classes`.

Nothing is ever fetched unless the teacher asks (a button on the feature-map page, or
``python -m visualizer weights imagenet ARCH``). The download is torch's own
(``torch.hub.load_state_dict_from_url`` with ``check_hash=True``: the first 8 hex digits of
the file's SHA-256 are in its name and are checked), into torch's hub cache, where the
feature-map page finds such files. torch writes to ``<name>.<uuid>.partial`` and renames at the
end, deleting the partial file on any failure: a cut connection or a wrong hash leaves
nothing behind. The progress shown is that partial file's size.
"""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import torch

from visualizer.errors import CodedError
from visualizer.features import CheckpointError, hub_dir, load_state

# The address torchvision publishes its files under (torchvision/models/*.py).
BASE_URL = "https://download.pytorch.org/models"
# FOR TESTS ONLY: another base address (the tests' local HTTP server). Never set it in a
# classroom: the files' hashes are still checked, but only against their names.
BASE_URL_ENV = "CNNVIS_IMAGENET_BASE_URL"
CONNECT_TIMEOUT = 10.0  # seconds to reach the server before saying "offline"
SOURCE = "torchvision/models/{module}.py, {weights}.IMAGENET1K_V1 (url, meta['_file_size'])"


@dataclass(frozen=True)
class Published:
    """One torchvision ImageNet checkpoint."""

    arch: str  # the zoo's name
    file: str  # torchvision's file name: <arch>-<first 8 hex digits of its SHA-256>.pth
    megabytes: float  # torchvision's meta["_file_size"] (MiB)
    module: str  # where torchvision publishes it: torchvision/models/<module>.py
    weights: str  # the weights enum there

    @property
    def url(self) -> str:
        return f"{base_url()}/{self.file}"

    @property
    def source(self) -> str:
        return SOURCE.format(module=self.module, weights=self.weights)


# The five networks the lecture shows with ImageNet weights. ResNet-50 is IMAGENET1K_V1 (the
# paper's recipe, 76.13 % top-1); torchvision's default V2 (resnet50-11ad3fa6.pth, a newer
# recipe) is found too when a teacher has it (models.published.TORCHVISION_FILES).
PUBLISHED: dict[str, Published] = {p.arch: p for p in (
    Published("alexnet", "alexnet-owt-7be5be79.pth", 233.087, "alexnet", "AlexNet_Weights"),
    Published("googlenet", "googlenet-1378be20.pth", 49.731, "googlenet", "GoogLeNet_Weights"),
    Published("resnet18", "resnet18-f37072fd.pth", 44.661, "resnet", "ResNet18_Weights"),
    Published("resnet50", "resnet50-0676ba61.pth", 97.781, "resnet", "ResNet50_Weights"),
    Published("densenet121", "densenet121-a639ec97.pth", 30.845, "densenet", "DenseNet121_Weights"),
)}


def base_url() -> str:
    return (os.environ.get(BASE_URL_ENV, "").strip() or BASE_URL).rstrip("/")


class FetchError(CodedError):
    """A download that did not give a usable file; ``code`` is an i18n key ``fetch.<code>``.

    Codes: ``offline`` (no connection to the server), ``http`` (the server refused:
    ``status``), ``hash`` (the file is not the one its name promises), ``cut`` (the
    connection ended early), ``disk`` (the hub folder cannot be written), ``unknown_arch``,
    ``load`` (the file does not load into the network).
    """

    family = "fetch"


def target(arch: str) -> Path:
    """Where the file goes: torch's hub cache, under torchvision's name."""
    return hub_dir() / PUBLISHED[arch].file


def _reach(url: str) -> int | None:
    """Ask the server for the file's size (a HEAD request, with a timeout): raises
    :class:`FetchError` ``offline`` or ``http`` at once when it cannot be had."""
    req = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "torch.hub"})
    try:
        with urllib.request.urlopen(req, timeout=CONNECT_TIMEOUT) as resp:  # https, or the tests' http
            length = resp.headers.get("Content-Length")
            return int(length) if length and length.isdigit() else None
    except urllib.error.HTTPError as exc:
        raise FetchError("http", status=exc.code) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        raise FetchError("offline", why=why_offline(exc)) from None


def why_offline(exc: BaseException) -> tuple[str, dict[str, object]]:
    """Why the server could not be reached, as an i18n key (the OS's words are English)."""
    reason = getattr(exc, "reason", exc)
    code = ("refused" if isinstance(reason, ConnectionRefusedError) else
            "timeout" if isinstance(reason, TimeoutError | socket.timeout) else
            "name" if isinstance(reason, socket.gaierror) else "other")
    return (f"fetch.why.{code}", {})


def _partial_bytes(folder: Path, name: str) -> int:
    """How much of ``name`` torch has written so far (its ``<name>.<uuid>.partial`` file)."""
    sizes = []
    for p in folder.glob(f"{name}.*.partial"):
        try:
            sizes.append(p.stat().st_size)
        except OSError:
            continue
    return max(sizes, default=0)


def fetch(arch: str, on_progress: Callable[[int, int | None], None] | None = None,
          poll: float = 0.2) -> Path:
    """Download ``arch``'s torchvision checkpoint into torch's hub cache (if it is not there
    yet), check its hash, check that it loads into the zoo's network, and return its path.

    ``on_progress(done_bytes, total_bytes)`` is called every ``poll`` seconds from the calling
    thread while torch downloads in another.

    Raises:
        FetchError: what went wrong; nothing is left in the hub cache but a good file.
    """
    if arch not in PUBLISHED:
        raise FetchError("unknown_arch", arch=arch, known=", ".join(PUBLISHED))
    info = PUBLISHED[arch]
    folder = hub_dir()
    dest = folder / info.file
    if not dest.is_file():
        total = _reach(info.url)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FetchError("disk", folder=str(folder), why=exc.strerror or str(exc)) from None
        outcome: dict[str, object] = {}

        def run() -> None:
            try:
                outcome["state"] = torch.hub.load_state_dict_from_url(
                    info.url, model_dir=str(folder), map_location="cpu", progress=False,
                    check_hash=True, weights_only=True)
            except BaseException as exc:  # reported to the caller below
                outcome["error"] = exc

        worker = threading.Thread(target=run, name=f"fetch-{arch}", daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(poll)
            if on_progress is not None:
                on_progress(_partial_bytes(folder, info.file), total)
        error = outcome.get("error")
        if isinstance(error, BaseException):
            raise _explain(error, folder) from None
        state = outcome["state"]
        if on_progress is not None and dest.is_file():
            size = dest.stat().st_size
            on_progress(size, size)
    else:
        try:
            state = torch.load(dest, map_location="cpu", weights_only=True)
        except Exception:  # a damaged file in the cache: say so, keep nothing
            state = None
    check_loads(arch, state, dest)
    return dest


def check_loads(arch: str, state: object, path: Path) -> None:
    """The file's weights load strictly into the zoo's network; otherwise it is removed."""
    from models import build_model

    try:
        load_state(build_model(arch, device="cpu"), state)
    except CheckpointError as err:
        path.unlink(missing_ok=True)
        raise FetchError("load", file=path.name, why=err.code) from None


def _explain(exc: BaseException, folder: Path) -> FetchError:
    """torch's downloader's exceptions, as what the teacher can do about them."""
    if isinstance(exc, RuntimeError) and "invalid hash value" in str(exc):
        return FetchError("hash")
    if isinstance(exc, urllib.error.HTTPError):
        return FetchError("http", status=exc.code)
    if isinstance(exc, urllib.error.URLError):
        return FetchError("offline", why=why_offline(exc))
    if isinstance(exc, http.client.HTTPException | ConnectionError | socket.timeout | TimeoutError):
        return FetchError("cut")
    if isinstance(exc, OSError):
        return FetchError("disk", folder=str(folder), why=exc.strerror or str(exc))
    return FetchError("cut")


@dataclass
class Download:
    """A download in progress, shared by every session of the server (one per network)."""

    arch: str
    done: int = 0
    total: int | None = None
    started: float = field(default_factory=time.monotonic)
    seconds: float | None = None  # set when it ended
    path: Path | None = None
    error: FetchError | None = None
    thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    @property
    def fraction(self) -> float:
        total = self.total or int(PUBLISHED[self.arch].megabytes * 2**20)
        return min(1.0, self.done / total) if total else 0.0


_DOWNLOADS: dict[str, Download] = {}
_LOCK = threading.Lock()


def start(arch: str) -> Download:
    """Start fetching ``arch``'s file in the background (once: a second call while it runs
    returns the same download). The caller has checked that the teacher asked."""
    with _LOCK:
        current = _DOWNLOADS.get(arch)
        if current is not None and current.running:
            return current
        job = Download(arch)

        def progress(done: int, total: int | None) -> None:
            job.done, job.total = done, total

        def run() -> None:
            try:
                job.path = fetch(arch, progress)
            except FetchError as err:
                job.error = err
            except Exception as exc:  # never a dead thread without a message
                job.error = FetchError("cut", why=type(exc).__name__)
            job.seconds = time.monotonic() - job.started

        job.thread = threading.Thread(target=run, name=f"download-{arch}", daemon=True)
        _DOWNLOADS[arch] = job
        job.thread.start()
        return job


def download_of(arch: str) -> Download | None:
    """The latest download of ``arch`` this server started, if any."""
    with _LOCK:
        return _DOWNLOADS.get(arch)


def fetch_command(arch: str) -> int:
    """``python -m visualizer weights imagenet ARCH``: the same download, with a progress bar."""
    import sys

    from tqdm import tqdm

    from visualizer.i18n import t

    info = PUBLISHED.get(arch)
    bar = tqdm(desc=info.file if info else arch, unit="B", unit_scale=True, unit_divisor=1024)

    def show(done: int, total: int | None) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        path = fetch(arch, show)
    except FetchError as err:
        bar.close()
        print(f"error: {t(f'fetch.{err.code}', 'en', **err.values)}", file=sys.stderr)
        if info is not None and err.code in ("offline", "http", "hash", "cut"):
            print(t("feat.fetch.by_hand", "en", url=info.url, file=info.file,
                    folder=str(hub_dir())).replace("**", "").replace("`", ""), file=sys.stderr)
        return 2 if err.code == "unknown_arch" else 4
    bar.close()
    print(f"{arch}: {path} ({path.stat().st_size:,} bytes, hash checked; loads into the zoo's network)")
    return 0
