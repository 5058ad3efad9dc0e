"""Gradient ascent to the picture a unit likes best, against cases whose answer is known."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from streamlit.testing.v1.element_tree import Element
from torch import nn

from visualizer.imagine import Goal, Settings, imagine, scale_sides, to_picture

PLAIN = Settings(size=8, steps=150, scales=1, jitter=0, blur_every=0, tv=0.0, bound=1.0, clamp=False)


def cosine(a: torch.Tensor, b: torch.Tensor) -> float:
    return float(F.cosine_similarity(a.detach().flatten(), b.detach().flatten(), dim=0))


def test_a_single_filter_likes_itself_best() -> None:
    """A convolution whose one filter covers the whole 3x8x8 input computes w·x + b. Under a
    bound on ||x||, the largest w·x is reached at x = bound · w / ||w|| (Cauchy-Schwarz): the
    picture it imagines must point the filter's way."""
    torch.manual_seed(0)
    conv = nn.Conv2d(3, 1, kernel_size=8)
    x = imagine(nn.Sequential(conv), [Goal("0", 0)], 3, (0, 0, 0), (1, 1, 1), PLAIN)
    assert x.shape == (1, 3, 8, 8)
    assert cosine(x[0], conv.weight[0]) > 0.99
    assert abs(float(x.norm()) - (3 * 8 * 8) ** 0.5) < 1e-3  # on the bound


def test_each_class_score_likes_its_own_row() -> None:
    """A linear classifier's score for class c is W[c]·x + b[c]: class c's picture is W[c]'s
    direction, and not another class's."""
    torch.manual_seed(1)
    linear = nn.Linear(1 * 8 * 8, 4)
    net = nn.Sequential(nn.Flatten(), linear)
    x = imagine(net, [Goal(None, 2), Goal(None, 0)], 1, (0.5,), (0.25,), PLAIN)
    w = linear.weight.detach().view(4, 1, 8, 8)
    assert cosine(x[0], w[2]) > 0.99 and cosine(x[1], w[0]) > 0.99
    assert abs(cosine(x[0], w[0]) - cosine(w[2], w[0])) < 0.05


def test_a_channel_inside_a_network_and_the_rest_is_skipped() -> None:
    """Channel 1 of the first layer of a longer network: the same answer, and the layers after
    it are never run."""
    torch.manual_seed(2)
    after = nn.Linear(2, 3)
    calls: list[int] = []
    after.register_forward_hook(lambda *_: calls.append(1))
    conv = nn.Conv2d(3, 2, kernel_size=8)
    net = nn.Sequential(conv, nn.ReLU(), nn.Flatten(), after)
    x = imagine(net, [Goal("0", 1)], 3, (0, 0, 0), (1, 1, 1), PLAIN)
    assert cosine(x[0], conv.weight[1]) > 0.99
    assert calls == []
    assert all(p.requires_grad for p in net.parameters()) and net.training  # left as it was


def test_regularisers_keep_pixels_real_and_grow_through_scales() -> None:
    torch.manual_seed(3)
    net = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                        nn.Linear(4, 2))
    mean, std = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
    s = Settings(size=32, steps=12, scales=3, jitter=2, blur_every=2, tv=0.1)
    assert scale_sides(s) == [8, 16, 32]
    assert scale_sides(Settings(size=64, scales=3, min_side=63)) == [64]
    assert scale_sides(Settings(size=128, scales=3, min_side=63)) == [63, 128]
    seen: list[tuple[int, int]] = []
    x = imagine(net, [Goal(None, 1)], 3, mean, std, s, on_step=lambda d, t: seen.append((d, t)))
    assert x.shape == (1, 3, 32, 32) and seen[-1] == (12, 12)
    pixels = x * torch.tensor(std).view(1, 3, 1, 1) + torch.tensor(mean).view(1, 3, 1, 1)
    assert float(pixels.min()) >= -1e-5 and float(pixels.max()) <= 1 + 1e-5
    again = imagine(net, [Goal(None, 1)], 3, mean, std, s)
    assert torch.equal(x, again)  # seeded: the same picture for every student
    pic = to_picture(x[0], mean, std, side=96)
    assert pic.mode == "RGB" and pic.size == (96, 96)
    assert to_picture(x[0, :1], (0.5,), (0.25,)).mode == "L"


@pytest.mark.slow  # an AppTest page and 48 steps of AlexNet
def test_the_page_imagines_for_a_trained_network_and_says_so_for_an_untrained_one(
        tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A seeded "ImageNet" AlexNet in a temp hub cache: the class picture and the gallery appear
    with their words; an untrained network gets the sentence instead."""
    from tests.pages import open_page, text_of
    from tests.test_imagenet import seeded_hub_file
    from visualizer.i18n import t

    at = open_page("features", lang="ko", arch="resnet18", weights="random")
    assert t("feat.imagine.untrained", "ko") in text_of(at)
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    seeded_hub_file("alexnet")
    at = open_page("features", lang="ko", arch="alexnet", sample="poster")
    assert t("feat.imagine.how", "ko", steps=48, side=128, scales=2) in text_of(at)
    at.toggle(key="feat_imagine_go").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    captions = [c for e in at.main if isinstance(e, Element) and e.type == "image" for c in e.captions]
    assert any(c.startswith("네트워크가 상상한") for c in captions), captions
    assert [w for w in at.toggle if w.key == "feat_imagine_gallery"]  # its pictures: a few seconds each


def test_other_students_passes_never_meet_the_ascents_hook() -> None:
    """The page's models are shared: while one picture is grown, other sessions' forward
    passes (feature maps, guesses) on the same model run untouched."""
    import threading

    from visualizer.features import capture, top_k

    torch.manual_seed(4)
    net = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                        nn.Linear(4, 3)).eval()
    x = torch.randn(1, 3, 16, 16)
    with torch.no_grad():
        expected = net(x)
    errors: list[BaseException] = []
    s = Settings(size=16, steps=200, scales=1, jitter=1)
    grower = threading.Thread(target=lambda: imagine(net, [Goal("0", 1)], 3, (0, 0, 0), (1, 1, 1), s))
    grower.start()
    while grower.is_alive():
        try:
            assert top_k(net, x, 1)[0][0] == int(expected.argmax())
            assert capture(net, x, ["4"])["4"].shape == (1, 3)
        except BaseException as exc:  # collected, asserted below
            errors.append(exc)
            break
    grower.join()
    assert errors == []


@pytest.mark.slow  # a few seconds: a short training and 2 x 10 pictures
def test_a_trained_network_imagines_what_it_was_taught(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """On the test suite's synthetic Fashion-MNIST (class c is a bright bar at rows 2c + 4 and
    2c + 5), a small network trained for a few steps imagines, for each class, a picture
    brightest on that class's rows, with the page's regularisers on; and before training, not."""
    import numpy as np

    from tests.conftest import make_fashion
    from visualizer.data import load_split

    monkeypatch.setenv("CNNVIS_FASHION_DIR", str(make_fashion(tmp_path / "data")))
    train = load_split("train")
    x = train.images.float().div(255)[:, None]
    mean, std = float(x.mean()), float(x.std())
    x = (x - mean) / std
    torch.manual_seed(5)
    net = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 28 * 28, 10))
    s = Settings(size=28, steps=32, jitter=1, scales=1)  # one scale: the linear layer wants 28 px

    def rows_hit() -> int:
        pics = imagine(net, [Goal(None, c) for c in range(10)], 1, (mean,), (std,), s)
        profile = pics[:, 0, :, 4:24].mean(2)  # brightness of each row, where the bars are
        return sum(abs(int(profile[c].argmax()) - (2 * c + 4.5)) <= 1.5 for c in range(10))

    before = rows_hit()
    opt = torch.optim.Adam(net.parameters(), lr=1e-2)
    for step in range(60):
        i = torch.arange(32) + 32 * (step % 10)
        loss = F.cross_entropy(net(x[i]), train.labels[i].long())
        opt.zero_grad()
        loss.backward()  # type: ignore[no-untyped-call]
        opt.step()
    assert rows_hit() == 10 and before < 5, before
    assert np.isfinite(float(loss.detach()))
