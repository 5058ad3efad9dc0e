"""Fetching torchvision's ImageNet files, against a local HTTP server started here (nothing in
these tests reaches the internet): a good file, a wrong hash, a cut connection, no server, and
a student who cannot start it."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import torch
from PIL import Image

from models import build_model
from visualizer import imagenet
from visualizer.features import hub_checkpoints, hub_dir, load_checkpoint
from visualizer.imagenet import PUBLISHED, FetchError, fetch


class Files:
    """What the server serves: name -> bytes, and names whose connection is cut halfway."""

    def __init__(self) -> None:
        self.bodies: dict[str, bytes] = {}
        self.cut: set[str] = set()
        self.requests: list[str] = []


def serve(files: Files) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, body: bool) -> None:
            name = self.path.rsplit("/", 1)[-1]
            files.requests.append(f"{self.command} {name}")
            data = files.bodies.get(name)
            if data is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                if name in files.cut:
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(data)

        def do_HEAD(self) -> None:
            self._send(body=False)

        def do_GET(self) -> None:
            self._send(body=True)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Files]:
    """A local server as the base address, and an empty torch hub cache."""
    files = Files()
    httpd = serve(files)
    monkeypatch.setenv(imagenet.BASE_URL_ENV, f"http://127.0.0.1:{httpd.server_address[1]}/models")
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    yield files
    httpd.shutdown()
    httpd.server_close()


def seeded_state(arch: str) -> bytes:
    torch.manual_seed(7)
    buf = io.BytesIO()
    torch.save(build_model(arch, device="cpu").state_dict(), buf)
    return buf.getvalue()


def publish(files: Files, monkeypatch: pytest.MonkeyPatch, arch: str, data: bytes,
            digest_of: bytes | None = None) -> str:
    """Serve ``data`` under a torchvision-style name carrying the SHA-256 prefix of
    ``digest_of`` (of ``data`` itself by default), and make it the table's file for ``arch``."""
    prefix = hashlib.sha256(digest_of if digest_of is not None else data).hexdigest()[:8]
    name = f"{arch}-{prefix}.pth"
    files.bodies[name] = data
    monkeypatch.setitem(PUBLISHED, arch, dataclasses.replace(PUBLISHED[arch], file=name))
    return name


def leftovers() -> list[str]:
    folder = hub_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_the_table_is_torchvisions(torchvision_meta) -> None:  # type: ignore[no-untyped-def]
    """File names and addresses as torchvision publishes them (recorded with torchvision)."""
    for arch, info in PUBLISHED.items():
        assert f"{imagenet.BASE_URL}/{info.file}" == torchvision_meta[arch]["url"], arch


def test_a_good_file_is_kept_and_loads(server: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    data = seeded_state("resnet18")
    name = publish(server, monkeypatch, "resnet18", data)
    seen: list[tuple[int, int | None]] = []
    path = fetch("resnet18", lambda done, total: seen.append((done, total)), poll=0.01)
    assert path == hub_dir() / name and path.read_bytes() == data
    assert leftovers() == [name]
    assert seen[-1] == (len(data), len(data))
    assert all(total == len(data) for _, total in seen)
    # where the page looks for such files, and loadable strictly
    monkeypatch.setitem(__import__("models.published", fromlist=["x"]).TORCHVISION_FILES,
                        "resnet18", (name,))
    assert hub_checkpoints()["resnet18"] == path
    model = load_checkpoint(build_model("resnet18", device="cpu"), path)
    assert torch.equal(model.state_dict()["conv1.weight"],
                       torch.load(io.BytesIO(data), weights_only=True)["conv1.weight"])
    assert server.requests == [f"HEAD {name}", f"GET {name}"]
    fetch("resnet18")  # already there: nothing is fetched again
    assert len(server.requests) == 2


def test_a_wrong_hash_is_refused_and_nothing_kept(server: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    publish(server, monkeypatch, "resnet18", seeded_state("resnet18"), digest_of=b"another file")
    with pytest.raises(FetchError) as info:
        fetch("resnet18")
    assert info.value.code == "hash"
    assert leftovers() == []


def test_a_cut_connection_leaves_nothing_half_written(server: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    name = publish(server, monkeypatch, "resnet18", seeded_state("resnet18"))
    server.cut.add(name)
    with pytest.raises(FetchError) as info:
        fetch("resnet18")
    assert info.value.code in ("hash", "cut")  # the short file fails its hash, or the read fails
    assert leftovers() == []


def test_a_file_that_does_not_fit_the_network_is_removed(server: Files,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    publish(server, monkeypatch, "resnet18", seeded_state("alexnet"))
    with pytest.raises(FetchError) as info:
        fetch("resnet18")
    assert info.value.code == "load"
    assert leftovers() == []


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_no_server_says_offline_and_how_to_copy_by_hand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from visualizer.cli import main

    monkeypatch.setenv(imagenet.BASE_URL_ENV, f"http://127.0.0.1:{closed_port()}/models")
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    with pytest.raises(FetchError) as info:
        fetch("resnet18")
    assert info.value.code == "offline" and info.value.values["why"] == ("fetch.why.refused", {})
    assert main(["weights", "imagenet", "resnet18"]) == 4
    err = capsys.readouterr().err
    assert "cannot reach the download server" in err
    assert f"{hub_dir()}" in err and "resnet18-f37072fd.pth" in err
    assert leftovers() == []


def test_the_command_line_fetches(server: Files, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    from visualizer.cli import main

    name = publish(server, monkeypatch, "densenet121", seeded_state("densenet121"))
    assert main(["weights", "imagenet", "densenet121"]) == 0
    assert name in capsys.readouterr().out and leftovers() == [name]
    assert main(["weights", "imagenet", "vgg16"]) == 2


@pytest.mark.slow  # AppTest pages
def test_only_the_teachers_session_can_start_a_download(server: Files,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from app_pages import common
    from tests.pages import open_page

    name = publish(server, monkeypatch, "resnet18", seeded_state("resnet18"))
    monkeypatch.setitem(__import__("models.published", fromlist=["x"]).TORCHVISION_FILES,
                        "resnet18", (name,))
    monkeypatch.setattr(common, "is_teacher", lambda: False)
    at = open_page("features", lang="ko", arch="resnet18")
    assert not at.exception
    assert not [b for b in at.button if b.key == "feat_fetch"]
    assert server.requests == [] and leftovers() == []
    # the positive control: the teacher's session sees the button, and its click fetches
    monkeypatch.setattr(common, "is_teacher", lambda: True)
    at = open_page("features", lang="ko", arch="resnet18")
    button = next(b for b in at.button if b.key == "feat_fetch")
    at = button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert leftovers() == [name]
    assert server.requests == [f"HEAD {name}", f"GET {name}"]


# --- a painting as an ImageNet network sees it (issue 32.2) ---------------------------------

def seeded_hub_file(arch: str) -> Path:
    """A seeded random "ImageNet" state dict under torchvision's name in torch's hub cache."""
    folder = hub_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / PUBLISHED[arch].file
    path.write_bytes(seeded_state(arch))
    return path


def painting() -> Image.Image:
    """A small colourful 'painting': red to blue across, green down."""
    import numpy as np

    y, x = np.mgrid[0:300, 0:400]
    arr = np.stack([255 * (1 - x / 399), 255 * y / 299, 255 * x / 399], axis=2).astype("uint8")
    return Image.fromarray(arr)


def test_a_painting_goes_in_in_colour_at_224(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from visualizer.features import IMAGENET_MEAN, IMAGENET_STD, capture, imagenet_classes, prepare, top_k

    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    path = seeded_hub_file("resnet18")
    assert hub_checkpoints()["resnet18"] == path
    model = load_checkpoint(build_model("resnet18", device="cpu"), path)  # strict
    prepared = prepare(painting(), 3, 224)
    assert prepared.tensor.shape == (1, 3, 224, 224) and prepared.shown.mode == "RGB"
    # the top-left pixel is pure red: (1 - mean) / std in red, -mean / std in green and blue
    expect = torch.tensor([(1 - IMAGENET_MEAN[0]) / IMAGENET_STD[0], -IMAGENET_MEAN[1] / IMAGENET_STD[1],
                           -IMAGENET_MEAN[2] / IMAGENET_STD[2]])
    assert torch.allclose(prepared.tensor[0, :, 0, 0], expect, atol=0.02)
    top = top_k(model, prepared.tensor, 5)
    assert len(top) == 5 and len({c for c, _ in top}) == 5
    probs = [p for _, p in top]
    assert probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1
    with torch.no_grad():
        full = torch.softmax(model(prepared.tensor), 1)[0]
    assert [c for c, _ in top] == full.topk(5).indices.tolist()
    assert all(isinstance(imagenet_classes()[c], str) for c, _ in top)
    maps = capture(model, prepared.tensor, ["conv1", "layer4"])
    assert maps["conv1"].shape == (1, 64, 112, 112) and maps["layer4"].shape == (1, 512, 7, 7)


def test_alexnets_64_filters_in_colour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from visualizer.features import filter_grid

    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    model = load_checkpoint(build_model("alexnet", device="cpu"), seeded_hub_file("alexnet"))
    grid = filter_grid(model, cols=8, scale=4, gap=2)
    assert grid.mode == "RGB" and grid.size == (8 * (44 + 2) + 2, 8 * (44 + 2) + 2)  # 64 = 8 x 8
    arr = np.asarray(grid).astype(int)
    cell = arr[2:46, 2:46]  # the first filter, 11 x 11 enlarged 4 times
    w = model.get_parameter("features.0.weight")[0].detach()
    norm = (w - w.min()) / (w.max() - w.min())
    assert np.abs(cell[::4, ::4] - (norm.permute(1, 2, 0).numpy() * 255).astype(int)).max() <= 1
    assert (cell[..., 0] != cell[..., 1]).any()  # colour, not gray


def test_strip_layers_go_from_first_to_last() -> None:
    from visualizer.features import strip_layers

    layers: list[tuple[str, tuple[int, ...]]] = [(f"l{i}", (1, 8, 30 - 2 * i, 30 - 2 * i)) for i in range(10)]
    layers.append(("pool", (1, 8, 1, 1)))
    assert strip_layers(layers) == ["l0", "l3", "l6", "l9"]  # the 1x1 map is no picture
    assert strip_layers(layers[:3]) == ["l0", "l1", "l2"]


@pytest.mark.slow  # AppTest pages
def test_the_page_shows_a_painting_through_imagenet_weights(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pages import open_page, text_of
    from visualizer.i18n import t

    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    seeded_hub_file("alexnet")
    at = open_page("features", lang="ko", arch="alexnet", sample="poster")
    assert not at.exception, [e.value for e in at.exception]
    text = text_of(at)
    assert t("feat.trained", "ko", name="alexnet-owt-7be5be79.pth") in text
    assert t("feat.strip.imagenet", "ko") in text and t("feat.strip.step.imagenet.0", "ko") in text
    assert t("feat.filters.imagenet.alexnet", "ko", n=64) in text
    assert t("feat.guess.imagenet_names", "ko") in text
