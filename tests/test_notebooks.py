"""The lecture notebooks' own networks (models/notebooks.py) against the notebooks: parameters
and MACs worked out by hand from the notebooks' definitions, the shapes they printed (copied
into tests/data as printed), their own code run here, and the lesson tab that shows them."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest
import torch

from models import build_model, get_entry
from tests.conftest import real_shapes
from visualizer import notebooks as nbs
from visualizer.design import build, decode, from_zoo
from visualizer.trace import trace, trace_named

DATA = Path(__file__).parent / "data"


def conv(k: int, cin: int, cout: int, bias: bool = True) -> int:
    return k * k * cin * cout + (cout if bias else 0)


def bn(c: int) -> int:
    return 2 * c  # weight and bias (running statistics are buffers)


def linear(cin: int, cout: int) -> int:
    return cin * cout + cout


# d2l's GoogLeNet, as notebooks.md tabulates it: (in, c1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool proj)
# and the side of the maps each module sees at 96 px (b3 at 12, b4 at 6, b5 at 3).
D2L_INCEPTION = [
    (192, 64, 96, 128, 16, 32, 32, 12), (256, 128, 128, 192, 32, 96, 64, 12),
    (480, 192, 96, 208, 16, 48, 64, 6), (512, 160, 112, 224, 24, 64, 64, 6),
    (512, 128, 128, 256, 24, 64, 64, 6), (512, 112, 144, 288, 32, 64, 64, 6),
    (528, 256, 160, 320, 32, 128, 128, 6),
    (832, 256, 160, 320, 32, 128, 128, 3), (832, 384, 192, 384, 48, 128, 128, 3),
]


def googlenet_by_hand() -> tuple[int, int]:
    """Parameters and MACs at 1x96x96: every conv has a bias; 5x5 is a real 5x5."""
    params = conv(7, 1, 64) + conv(1, 64, 64) + conv(3, 64, 192) + linear(1024, 10)
    macs = 48 * 48 * 49 * 1 * 64 + 24 * 24 * (64 * 64 + 9 * 64 * 192) + 1024 * 10
    for cin, c1, r3, c3, r5, c5, c4, side in D2L_INCEPTION:
        params += (conv(1, cin, c1) + conv(1, cin, r3) + conv(3, r3, c3) + conv(1, cin, r5)
                   + conv(5, r5, c5) + conv(1, cin, c4))
        macs += side * side * (cin * c1 + cin * r3 + 9 * r3 * c3 + cin * r5 + 25 * r5 * c5 + cin * c4)
    return params, macs


def resnet_by_hand() -> tuple[int, int]:
    """Parameters and MACs of d2l's ResNet-18 at 1x96x96: biased convs, BN after conv1 and
    conv2, a 1x1 biased shortcut (no BN) where a stage begins (stages at 24, 12, 6, 3 px)."""
    params = conv(7, 1, 64) + bn(64) + linear(512, 10)
    macs = 48 * 48 * 49 * 64 + 512 * 10
    cin = 64
    for width, side in ((64, 24), (128, 12), (256, 6), (512, 3)):
        for block in range(2):
            first = block == 0 and width != 64
            c = cin if block == 0 else width
            params += conv(3, c, width) + conv(3, width, width) + bn(width) + bn(width)
            macs += side * side * (9 * c * width + 9 * width * width)
            if first:
                params += conv(1, c, width)
                macs += side * side * c * width
        cin = width
    return params, macs


def densenet_by_hand() -> tuple[int, int]:
    """Parameters and MACs of the DenseNet notebook's network at 3x32x32."""
    params = conv(7, 3, 64, bias=False) + bn(64) + linear(1024, 512) + linear(512, 10)
    macs = 32 * 32 * 49 * 3 * 64 + 1024 * 512 + 512 * 10
    for cin, side, cout in ((64, 32, 128), (128, 16, 128), (128, 8, 64)):
        ins = (cin, 32, 64, 96, 128)  # conv1 reads the block's input, conv2 conv1's maps, then concatenations
        params += bn(cin) + sum(conv(3, c, 32) for c in ins)
        macs += side * side * 9 * 32 * sum(ins)
        params += conv(1, 160, cout, bias=False) + bn(cout)  # transition: conv (no bias), BN
        macs += side * side * 160 * cout
    return params, macs


HAND = {"googlenet_d2l": googlenet_by_hand, "resnet18_d2l": resnet_by_hand,
        "densenet_notebook": densenet_by_hand}


@pytest.mark.parametrize("arch", sorted(HAND))
def test_parameters_and_macs_worked_by_hand(arch: str) -> None:
    params, macs = HAND[arch]()
    model = build_model(arch)
    assert sum(p.numel() for p in model.parameters()) == params
    result = trace_named(arch)
    assert result.total_params == params
    assert result.total_macs == macs


def test_hand_counts_are_the_known_sizes() -> None:
    """The hand counts land where d2l's networks are known to: GoogLeNet about 6.0 M
    parameters, ResNet-18 11.2 M (torchvision's 11.7 M has 1000 classes), the DenseNet
    notebook under 1 M."""
    assert round(googlenet_by_hand()[0] / 1e6, 1) == 6.0
    assert round(resnet_by_hand()[0] / 1e6, 1) == 11.2
    assert densenet_by_hand()[0] < 1_000_000


def lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(("lesson", "printed"), [("inception", "notebook_googlenet_d2l_shapes.txt"),
                                                 ("resnet", "notebook_resnet18_d2l_shapes.txt")])
def test_block_shapes_equal_the_notebook_printout(lesson: str, printed: str) -> None:
    nb = nbs.NOTEBOOKS[lesson]
    ours = nbs.gluon_lines(nbs.notebook_trace(nb, nb.print_size), nb.gluon)  # type: ignore[arg-type]
    assert ours == lines(printed)
    theirs, computed = nbs.shape_printout(nb)  # type: ignore[misc]
    assert theirs == lines(printed) and computed == ours


def test_residual_demo_equals_the_notebook_printout() -> None:
    assert nbs.residual_demo_lines() == lines("notebook_resnet18_d2l_residual_demo.txt")


@pytest.mark.parametrize("arch", sorted(HAND))
def test_real_forward_at_the_notebooks_input(arch: str) -> None:
    c, h, w = get_entry(arch).default_input
    assert (c, h) == {"googlenet_d2l": (1, 96), "resnet18_d2l": (1, 96), "densenet_notebook": (3, 32)}[arch]
    torch.manual_seed(0)
    model = build_model(arch, device="cpu")
    shapes = real_shapes(model, torch.randn(2, c, h, w))
    assert shapes[""] == (2, 10)
    for r in trace_named(arch, batch=2).records:
        assert shapes[r.name] == r.output_shape, r.name


@pytest.mark.parametrize("arch", sorted(HAND))
def test_state_dict_round_trip_strict(arch: str) -> None:
    torch.manual_seed(0)
    a = build_model(arch, device="cpu")
    torch.manual_seed(1)
    b = build_model(arch, device="cpu")
    b.load_state_dict(a.state_dict(), strict=True)
    x = torch.randn(1, *get_entry(arch).default_input)
    with torch.no_grad():
        assert torch.equal(a(x), b(x))


def run_notebook_code(arch: str) -> tuple[dict[str, torch.Tensor], str, torch.nn.Module]:
    """Run the code the lesson shows (torch alone): its network's state_dict and what it printed."""
    scope: dict[str, object] = {"__name__": "notebook"}
    out = io.StringIO()
    torch.manual_seed(0)
    with contextlib.redirect_stdout(out):
        exec(compile(nbs.code(arch), f"{arch}.code.txt", "exec"), scope)
    net = scope["net"]
    assert isinstance(net, torch.nn.Module)
    return net.state_dict(), out.getvalue(), net.eval()


@pytest.mark.parametrize("arch", sorted(HAND))
def test_the_notebooks_code_is_our_network(arch: str) -> None:
    """The code the tab shows, run here, makes the zoo's network: its weights load into ours
    with strict=True (in order: d2l numbers its blocks where ours are named) and both compute
    the same output."""
    theirs, _, net = run_notebook_code(arch)
    ours = build_model(arch, device="cpu")
    keys = list(ours.state_dict())
    assert [tuple(v.shape) for v in theirs.values()] == [tuple(ours.state_dict()[k].shape) for k in keys]
    ours.load_state_dict(dict(zip(keys, theirs.values(), strict=True)), strict=True)
    if arch == "densenet_notebook":
        assert keys == list(theirs)  # the notebook's own names
    x = torch.rand(2, *get_entry(arch).default_input)
    with torch.no_grad():
        torch.testing.assert_close(ours(x), net(x))


def test_the_pytorch_editions_printout() -> None:
    """The PyTorch edition's shape loop, run on the code the tab shows, prints what d2l's
    PyTorch notebook printed, and what the tab works out from the trace."""
    printed = lines("notebook_googlenet_d2l_pytorch_shapes.txt")
    _, out, _ = run_notebook_code("googlenet_d2l")
    assert out.splitlines() == printed
    nb = nbs.NOTEBOOKS["inception"]
    assert nbs.pytorch_lines(nbs.notebook_trace(nb)) == printed


def test_resnet_code_prints_the_demo_and_its_shapes() -> None:
    _, out, _ = run_notebook_code("resnet18_d2l")
    printed = out.splitlines()
    assert printed[:2] == ["torch.Size([4, 3, 6, 6])", "torch.Size([4, 6, 3, 3])"]
    nb = nbs.NOTEBOOKS["resnet"]
    assert printed[2:] == nbs.pytorch_lines(nbs.notebook_trace(nb, 224))


HANGUL = re.compile("[\uac00-\ud7a3]")
SHOWN = ("alexnet", *sorted(HAND))  # the four notebooks' code files


def comments(source: str) -> list[str]:
    """Every ``#`` comment of ``source``, as Python reads it (a ``#`` inside a string is not one)."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [tok.string for tok in tokens if tok.type == tokenize.COMMENT]


@pytest.mark.parametrize("arch", SHOWN)
def test_the_codes_comments_are_in_the_pages_language(arch: str) -> None:
    """Korean as Korean (issue 30): the comments are the app's, so on a Korean page every one
    of them has Hangul (the names and numbers in it are code), on an English page none has;
    the code between them is the same in both."""
    ko, en = nbs.code(arch, "ko"), nbs.code(arch, "en")
    assert comments(ko) and len(comments(ko)) == len(comments(en))
    assert [c for c in comments(ko) if not HANGUL.search(c)] == []
    assert [c for c in comments(en) if HANGUL.search(c)] == []

    def bare(source: str) -> list[str]:
        return [line.split("#", 1)[0].rstrip() for line in source.splitlines()
                if not line.lstrip().startswith("#")]

    assert bare(ko) == bare(en)
    # the printed words stay as the notebook writes them, and say so beside them
    if "print(layer.__class__.__name__, 'output shape:\\t', X.shape)" in ko:
        assert "노트북 원문 그대로" in ko


@pytest.mark.slow  # AppTest pages
def test_the_korean_notebook_tab_shows_its_code_with_korean_comments() -> None:
    from tests.pages import open_page

    at = open_page("lesson_alexnet", lang="ko", tab="notebook")
    assert not at.exception, at.exception
    shown = next(c.value for c in at.code if "torchvision.models.alexnet(num_classes=10)" in c.value)
    assert len(comments(shown)) == len(comments(nbs.code("alexnet", "en"))) > 0
    assert [c for c in comments(shown) if not HANGUL.search(c)] == []


@pytest.mark.parametrize("arch", sorted(HAND))
def test_the_builder_opens_it_with_its_numbers(arch: str) -> None:
    design = from_zoo(arch)
    result = trace(build(design), (1, design.channels, design.size, design.size))
    assert (result.total_params, result.total_macs) == HAND[arch]()


def test_the_alexnet_notebooks_builder_link_has_10_classes() -> None:
    from app_pages.notebook_tab import builder_link

    link = builder_link(nbs.NOTEBOOKS["alexnet"])
    design = decode(link.split("design=", 1)[1])
    result = trace(build(design), (1, design.channels, design.size, design.size))
    # torchvision's AlexNet with 10 classes: 61,100,840 - 4096 * 990 - 990 (the last layer)
    assert result.total_params == 61_100_840 - 4096 * 990 - 990
    assert result.output_shape == (1, 10) and design.channels == 3 and design.size == 224


@pytest.mark.slow  # starts a Python process that imports torch: in `make test`, not `make check`
def test_the_code_command_writes_a_torch_only_file(tmp_path: Path) -> None:
    from visualizer.cli import main

    out = tmp_path / "net.py"
    assert main(["code", "googlenet_d2l", "-o", str(out)]) == 0  # `python -m visualizer code ...`
    printed = subprocess.run([sys.executable, "-I", str(out)], capture_output=True, text=True,
                             check=True, cwd=tmp_path).stdout
    assert printed.splitlines() == [f"parameters: {googlenet_by_hand()[0]:,}", "output shape: (1, 10)"]


def test_experiment_summary_is_computed_from_the_numbers() -> None:
    """The AlexNet sentences follow the stored numbers: a run stuck at ln 10 with one guess
    for all is a failure, one whose accuracy rises has learned."""
    def run(name: str, loss: float, acc: float, share: float) -> dict[str, object]:
        return {"name": name, "lr": 1e-3, "batch": 8, "points": [
            {"step": 0, "loss": None, "accuracy": 0.1, "top_class": 0, "top_share": 0.9},
            {"step": 300, "loss": loss, "accuracy": acc, "top_class": 3, "top_share": share}]}

    stuck, learned = nbs.summarise({"runs": [run("notebook", 2.3027, 0.1, 1.0), run("x", 0.6, 0.74, 0.14)]})
    assert stuck.near_chance and stuck.collapsed and not stuck.learned and stuck.pictures == 2400
    assert learned.learned and not learned.near_chance and not learned.collapsed


End = tuple[float, float, float]


def _recipe_file(tmp_path: Path, notebook: End, ours: End, full: float | None = None) -> Path:
    """A recipes.json with one network (resnet18_d2l) whose two runs end at (loss, accuracy,
    most-guessed share), and the notebook's recipe's accuracy over the whole run if ``full``."""
    import json

    def run(name: str, batch: int, end: End) -> dict[str, object]:
        loss, acc, share = end
        return {"name": name, "recipe": {"batch_size": batch}, "train_seconds": 12.5, "points": [
            {"step": 0, "pictures": 0, "loss": 2.31, "accuracy": 0.1, "top_class": 0, "top_share": 0.5},
            {"step": 30_000 // batch, "pictures": 30_000, "loss": loss, "accuracy": acc, "top_class": 4,
             "top_share": share}]}

    path = tmp_path / "recipes.json"
    path.write_text(json.dumps({"networks": {"resnet18_d2l": {
        "date": "2026-12-05T09:00:00+00:00", "pictures": 30_000, "eval_pictures": 1000,
        "runs": [run("notebook", 256, notebook), run("ours", 128, ours)],
        **({"full": {"epochs": 2.0, "test_accuracy": full}} if full is not None else {})}}}))
    return path


def test_recipe_runs_are_summarised_from_the_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A notebook run stuck at ln 10 with one guess for nearly all is stuck; ours has learned;
    a file without both runs, or damaged, is no comparison."""
    monkeypatch.setattr(nbs, "RECIPE_RUNS", _recipe_file(tmp_path, (2.3040, 0.1, 0.95), (0.45, 0.84, 0.12)))
    entry, runs = nbs.recipe_runs("resnet18_d2l") or ({}, {})
    stuck, learned = runs["notebook"], runs["ours"]
    assert stuck.near_chance and stuck.collapsed and not stuck.learned and stuck.pictures == 30_000
    assert learned.learned and not learned.near_chance and not learned.collapsed
    assert entry["eval_pictures"] == 1000
    assert nbs.recipe_runs("googlenet_d2l") is None  # not in the file
    import json

    data = json.loads(nbs.RECIPE_RUNS.read_text())
    del data["networks"]["resnet18_d2l"]["runs"][1]["points"][0]["pictures"]  # a point the chart cannot draw
    nbs.RECIPE_RUNS.write_text(json.dumps(data))
    assert nbs.recipe_runs("resnet18_d2l") is None
    nbs.RECIPE_RUNS.write_text("{not json")
    assert nbs.recipe_runs("resnet18_d2l") is None


def test_the_shipped_recipe_runs_use_the_notebooks_own_optimisers() -> None:
    """Each network's "notebook" run used its notebook's optimiser, rate, momentum and batch, as
    ../shared/seed/notebooks.md records them; both runs saw the same pictures (to a batch) from
    step 0."""
    import json

    data = json.loads(nbs.RECIPE_RUNS.read_text(encoding="utf-8"))
    own = {"googlenet_d2l": (0.1, 0.0, 128), "resnet18_d2l": (0.05, 0.0, 256),  # d2l train_ch6: plain SGD
           "densenet_notebook": (0.001, 0.95, 10)}  # the notebook's optim.SGD(lr=0.001, momentum=0.95)
    assert set(data["networks"]) == set(own)
    for arch, (lr, momentum, batch) in own.items():
        runs = {r["name"]: r for r in data["networks"][arch]["runs"]}
        recipe = runs["notebook"]["recipe"]
        assert (recipe["optimizer"], recipe["lr"], recipe["momentum"], recipe["batch_size"],
                recipe["schedule"], recipe["weight_decay"]) == ("sgd", lr, momentum, batch, "constant", 0.0)
        budget = data["networks"][arch]["pictures"]
        for r in runs.values():  # whole batches: the run ends within one batch of its budget
            assert 0 <= budget - r["points"][-1]["pictures"] < r["recipe"]["batch_size"]
        assert all(r["points"][0]["step"] == 0 for r in runs.values())
        assert nbs.recipe_runs(arch) is not None


@pytest.mark.slow  # AppTest pages
def test_the_resnet_tab_says_what_the_notebooks_optimiser_did(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The tab's sentences carry the file's numbers, in Korean, and call a run stuck at ln 10
    stuck; the other way round they say it learns."""
    from tests.pages import open_page, text_of

    monkeypatch.setattr(nbs, "RECIPE_RUNS", _recipe_file(tmp_path, (2.3040, 0.1, 0.95), (0.45, 0.84, 0.12)))
    at = open_page("lesson_resnet", lang="ko", tab="notebook")
    assert not at.exception, at.exception
    text = text_of(at)
    assert "아직 배우기 시작하지 못했습니다" in text and "2.304" in text and "95%" in text
    assert "+74.0%p" in text  # 84.0 % against 10.0 %
    second = _recipe_file(tmp_path, (0.52, 0.81, 0.13), (0.45, 0.84, 0.12), full=0.8871)
    monkeypatch.setattr(nbs, "RECIPE_RUNS", second)
    at = open_page("lesson_resnet", lang="en", tab="notebook")
    text = text_of(at)
    assert "With the notebook's own optimiser it learns" in text and "81.0%" in text and "+3.0" in text
    assert "whole 2 epochs that ours trains: test accuracy **0.8871**" in text
    assert "(the target here: 0.900)" in text


@pytest.mark.slow  # AppTest pages
@pytest.mark.parametrize(("page", "key", "label", "printed"), [
    ("lesson_inception", "inc_tab", "⑤ The notebook", "notebook_googlenet_d2l_shapes.txt"),
    ("lesson_resnet", "res_tab", "⑦ The notebook", "notebook_resnet18_d2l_shapes.txt"),
])
def test_the_tab_shows_the_notebooks_lines_and_ours_equal(page: str, key: str, label: str,
                                                          printed: str) -> None:
    from tests.pages import open_page

    at = open_page(page, lang="en", tab="notebook")
    assert not at.exception, at.exception
    assert at.session_state[key] == label
    blocks = [c.value for c in at.code]
    expected = "\n".join(lines(printed))
    assert blocks.count(expected) == 2  # the notebook's, and ours worked out from the trace
    assert any(f"The same {len(lines(printed))} lines" in s.value for s in at.success)


@pytest.mark.slow  # AppTest pages
def test_the_alexnet_tab_draws_the_experiment_in_korean() -> None:
    from tests.pages import open_page, text_of

    at = open_page("lesson_alexnet", lang="ko", tab="notebook")
    assert not at.exception, at.exception
    text = text_of(at)
    assert "강의가 연결한 실습 노트북" in text
    found = nbs.experiments()
    if not found:
        assert "python -m bench alexnet_notebook" in text
    for data in found:
        note = nbs.summarise(data)[0]
        assert f"{note.last_loss:.3f}" in text  # the sentence carries the measured loss


@pytest.mark.slow  # AppTest pages
def test_the_builder_link_opens_the_notebook_network_with_its_numbers() -> None:
    from tests.pages import open_page
    from visualizer.i18n import number

    at = open_page("builder", lang="en", **{"from": "googlenet_d2l"})
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    params, macs = googlenet_by_hand()
    # The headline shows the exact count beside the rounded one (issue 30: 5,977,530 · 5.98 M).
    assert shown["Parameters"] == f"{params:,} · {number(params, 'en')}"
    assert shown["MACs"].endswith(number(macs, "en"))
