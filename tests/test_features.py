"""Feature maps through real networks, and checkpoints: good, mismatched, corrupt, malicious."""

from __future__ import annotations

import io
import os
import pickle
import random

import pytest
import torch
from PIL import Image

from models import build_model, get_entry, list_models
from visualizer.features import (
    CheckpointError,
    capture,
    first_filters,
    load_checkpoint,
    map_image,
    prepare,
    top_channels,
)
from visualizer.images import sample_images
from visualizer.trace import trace_named

pytestmark = pytest.mark.slow  # AppTest pages, real training or files: `make check` skips it

IMAGE_MODELS = [n for n in list_models() if get_entry(n).takes_images]


@pytest.mark.parametrize("name", IMAGE_MODELS)
def test_captured_shapes_equal_trace(name: str) -> None:
    """At the model's default size, captured maps have exactly the trace's shapes."""
    size = get_entry(name).default_input[1]
    result = trace_named(name, size)
    leaves = [r for r in result.leaves() if r.type in ("Conv2d", "MaxPool2d", "Concat", "Add")]
    chosen = [leaves[i].name for i in sorted({0, len(leaves) // 3, len(leaves) // 2, -1})]
    torch.manual_seed(0)
    model = build_model(name, device="cpu")
    channels = get_entry(name).default_input[0]  # the notebooks' d2l networks take 1
    maps = capture(model, prepare(sample_images()["poster"], channels, size).tensor, chosen)
    for layer in chosen:
        assert tuple(maps[layer].shape) == result.find(layer).output_shape, (name, layer)


def test_preparation() -> None:
    img = Image.new("RGB", (300, 200), (255, 0, 0))
    rgb = prepare(img, 3, 224)
    assert rgb.tensor.shape == (1, 3, 224, 224)
    assert torch.allclose(rgb.tensor[0, :, 0, 0], torch.tensor([(1 - 0.485) / 0.229, -0.456 / 0.224,
                                                                 -0.406 / 0.225]), atol=1e-4)
    gray = prepare(img, 1, 96)
    assert gray.tensor.shape == (1, 1, 96, 96)
    assert 0 <= float(gray.tensor.min()) <= float(gray.tensor.max()) <= 1
    with pytest.raises(ValueError, match="512"):
        prepare(img, 3, 4096)


def test_thumbnails_and_filters() -> None:
    maps = torch.zeros(1, 3, 55, 55)
    maps[0, 2] = 5.0
    maps[0, 1, :10] = 1.0
    assert top_channels(maps, 2) == [2, 1]
    assert map_image(maps[0, 1]).size == (72, 72)  # downsampled before it leaves the server
    assert map_image(maps[0, 1], side=384).size == (384, 384)
    pics = first_filters(build_model("alexnet", device="cpu"), limit=64)
    assert len(pics) == 64 and pics[0].mode == "RGB"


def write(tmp_path, name: str, obj) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    torch.save(obj, path)
    return str(path)


def test_checkpoint_with_torchvision_names_loads(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A checkpoint written from a model with torchvision's parameter names loads strictly
    and changes the maps."""
    torch.manual_seed(1)
    trained = build_model("alexnet", device="cpu")
    path = write(tmp_path, "alexnet-owt-test.pth", trained.state_dict())
    torch.manual_seed(2)
    fresh = build_model("alexnet", device="cpu")
    x = prepare(sample_images()["sunset"], 3, 224).tensor
    before = capture(fresh, x, ["features.0"])["features.0"]
    load_checkpoint(fresh, path)
    after = capture(fresh, x, ["features.0"])["features.0"]
    assert torch.equal(fresh.get_parameter("features.0.weight"), trained.get_parameter("features.0.weight"))
    assert not torch.equal(before, after)


def test_wrapped_state_dict_loads(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = build_model("resnet18", device="cpu")
    load_checkpoint(model, write(tmp_path, "r.pth", {"state_dict": model.state_dict()}))


def test_mismatched_architecture(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "resnet18.pth", build_model("resnet18", device="cpu").state_dict())
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(build_model("alexnet", device="cpu"), path)
    assert info.value.code == "keys"
    assert "features.0.weight" in str(info.value.values["missing"])


def test_mismatched_classes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "a.pth", build_model("alexnet", device="cpu").state_dict())
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(build_model("alexnet", device="cpu", num_classes=10), path)
    assert info.value.code == "shape"
    assert info.value.values["key"] == "classifier.6.weight"
    assert info.value.values["theirs"] == "1000×4096"


def test_corrupt_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = io.BytesIO()
    torch.save(build_model("alexnet", device="cpu").state_dict(), good)
    rng = random.Random(0)  # 300 random files: 1 in 14 once met an error torch does not name
    noise = [rng.randbytes(rng.randrange(1, 4000)) for _ in range(300)]
    model = build_model("alexnet", device="cpu")  # never touched: every file fails before
    for data in (*noise, good.getvalue()[:5000], b""):
        with pytest.raises(CheckpointError) as info:
            load_checkpoint(model, data)
        assert info.value.code == "corrupt"


class Evil:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("echo pwned > /tmp/cnnvis-pwned",))


def test_pickle_with_code_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "evil.pth"
    path.write_bytes(pickle.dumps({"features.0.weight": Evil()}))
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(build_model("alexnet", device="cpu"), str(path))
    assert info.value.code in ("code", "corrupt")
    torch.save({"w": Evil()}, tmp_path / "evil2.pth")
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(build_model("alexnet", device="cpu"), str(tmp_path / "evil2.pth"))
    assert info.value.code == "code"
    assert not os.path.exists("/tmp/cnnvis-pwned")


def test_bad_paths(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = build_model("alexnet", device="cpu")
    for path, code in (("/etc/passwd", "suffix"), (str(tmp_path / "none.pth"), "unusable")):
        with pytest.raises(CheckpointError) as info:
            load_checkpoint(model, path)
        assert info.value.code == code


def test_every_checkpoint_code_has_a_message() -> None:
    from visualizer.i18n import CATALOGUE

    for code in ("suffix", "unusable", "too_big", "code", "corrupt", "not_state_dict", "keys", "shape"):
        assert f"ckpt.{code}" in CATALOGUE


def test_torchvision_file_names_match_its_urls(torchvision_meta) -> None:  # type: ignore[no-untyped-def]
    from models.published import TORCHVISION_FILES

    for arch, info in torchvision_meta.items():
        assert info["url"].rsplit("/", 1)[1] == TORCHVISION_FILES[arch][0]


def test_imagenet_class_names() -> None:
    from visualizer.features import imagenet_classes

    names = imagenet_classes()
    assert len(names) == 1000 and len(set(names)) >= 998  # torchvision repeats two names
    assert (names[0], names[1], names[999]) == ("tench", "goldfish", "toilet tissue")


def test_checkpoints_in_torchs_hub_cache_are_found_and_load(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Fake torchvision files, as a teacher's hub cache holds them: DenseNet's old key names
    and GoogLeNet's auxiliary classifiers are handled as torchvision handles them."""
    import re

    from visualizer.features import hub_checkpoints

    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    folder = tmp_path / "hub" / "checkpoints"
    folder.mkdir(parents=True)
    assert hub_checkpoints() == {}
    dense = build_model("densenet121", device="cpu").state_dict()
    old = {re.sub(r"(denselayer\d+\.(?:norm|conv))([12])\.", r"\1.\2.", k): v for k, v in dense.items()}
    assert old != dict(dense) and "features.denseblock1.denselayer1.norm.1.weight" in old
    torch.save(old, folder / "densenet121-a639ec97.pth")
    with_aux = build_model("googlenet", device="cpu", aux_logits=True).state_dict()
    torch.save(with_aux, folder / "googlenet-1378be20.pth")
    torch.save(build_model("resnet50", device="cpu").state_dict(), folder / "resnet50-11ad3fa6.pth")
    found = hub_checkpoints()
    assert set(found) == {"densenet121", "googlenet", "resnet50"}
    for arch, path in found.items():
        model = load_checkpoint(build_model(arch, device="cpu"), path)
        theirs = torch.load(path, weights_only=True)
        conv = next(k for k, v in theirs.items() if v.ndim == 4)  # the first convolution
        assert torch.equal(model.state_dict()[conv], theirs[conv])
