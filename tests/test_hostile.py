"""Hostile links: random and malicious URL parameters on every page, through AppTest.

The URL contract is restated here on purpose (not imported from the pages): for each page,
which keys it reads and which values are valid. Every bad value must produce a warning and a
valid fallback view; nothing may raise.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import get_entry, list_models
from models.googlenet import INCEPTION_CFG
from tests.pages import open_page

pytestmark = pytest.mark.slow  # AppTest pages, real training or files: `make check` skips it
Check = Callable[[str], bool]


def whole(low: int, high: int) -> Check:
    return lambda v: bool(re.fullmatch(r"\+?\d{1,9}", v.strip())) and low <= int(v.strip()) <= high


def one_of(*choices: object) -> Check:
    return lambda v: v.strip() in {str(c) for c in choices}


IMAGE = [n for n in list_models() if get_entry(n).takes_images]
CONTRACT: dict[str, dict[str, Check]] = {
    "explorer": {"arch": one_of(*list_models()), "size": whole(1, 8192), "channels": one_of(1, 3),
                 "classes": one_of(10, 1000), "tab": one_of("flow", "diagram", "cost")},
    "lesson_alexnet": {"tab": one_of("steps", "conv1", "sizes", "gpus", "params", "last"),
                       "layout": one_of("alexnet", "alexnet_paper"), "step": whole(0, 22),  # 21: torchvision
                       "size": whole(1, 1024), "k": whole(1, 15), "s": whole(1, 8), "p": whole(0, 7)},
    "lesson_inception": {"tab": one_of("example", "modules", "inside", "aux", "last"),
                         "hw": whole(1, 512), "cin": whole(1, 1024), "reduce": whole(1, 1024),
                         "cout": whole(1, 1024), "k": one_of(3, 5),
                         "layout": one_of("googlenet_paper", "googlenet"), "module": one_of(*INCEPTION_CFG)},
    "lesson_resnet": {"tab": one_of("figure1", "gradients", "block", "compare", "projection", "family",
                                    "last"),
                      "dim": whole(1, 512), "mid": whole(1, 512), "size": whole(1, 224),
                      "basic": whole(1, 512), "bn_in": whole(1, 2048), "bn_mid": whole(1, 512),
                      "csize": whole(1, 224), "fsize": whole(32, 1024), "depth": one_of(*range(8, 111, 6))},
    "lesson_densenet": {"tab": one_of("ledger", "parts", "add_cat", "bc", "reuse", "last"),
                        "base": one_of("densenet121", "densenet_bc_100"), "k": whole(1, 64),
                        "theta": whole(10, 100), "b1": whole(1, 48), "b2": whole(1, 48),
                        "b3": whole(1, 48), "b4": whole(1, 48), "c": whole(1, 512), "g": whole(1, 64)},
    "features": {"arch": one_of(*IMAGE, "kept"), "channels": one_of(1, 3),
                 "kept": lambda v: bool(re.fullmatch(r"[0-9a-f]{6,32}", v.strip())),  # a job's id
                 "sample": one_of("sunset", "poster", "stripes", *(f"fashion{c}" for c in range(10))),
                 "weights": one_of("auto", "fashion", "imagenet", "random"),
                 "invert": one_of("auto", "yes", "no"), "count": whole(4, 64),
                 "layer": whole(0, 400), "big": whole(0, 4096)},
    "training": {"arch": one_of("alexnet", "googlenet", "resnet18", "densenet121", "pair20", "pair56")},
    "playground": {"tab": one_of("grid", "image", "last"),
                   "n": whole(1, 32), "k": whole(1, 9), "s": whole(1, 5), "p": whole(0, 4), "d": whole(1, 3),
                   "w": whole(0, 1024), "sample": one_of("sunset", "poster", "stripes"),
                   "filter": one_of("edge", "blur", "sharpen", "emboss", "random"), "fsize": one_of(3, 5, 7),
                   "fstride": whole(1, 4)},
    "export": {"arch": one_of(*list_models()), "size": whole(1, 8192), "width": one_of(1920, 3840),
               "theme": one_of("light", "dark", "transparent"), "font": whole(8, 48),
               "detail": one_of("overview", "blocks", "layers")},
    "compare": {"size": whole(32, 1024)},
    "builder": {"from": one_of("empty", "tiny", "lenet", "mini_resnet", "mini_densenet", *list_models()),
                "design": lambda v: decodes(v)},
}


# Conv(8), ReLU, Flatten, Linear on 1x28x28, as the builder's links write it.
DESIGN_LINK = ("1.eNqrVspLzE1VslJS0lHKzCsoLVGyijbUMbKIBXJLUnOLgdxqpZLKApCS5Py8MqCyfJAii1oduHhRak6pEhI_"
               "LSexpCQ1D1koJzMvNbFIqTa2FgDfFCS-")


def decodes(value: str) -> bool:
    """A design link is valid if it reads as a design (the page's own reader is the contract)."""
    from visualizer.design import DesignError, decode

    try:
        decode(value)
    except DesignError:
        return False
    return True

NASTY = ["-5", "0", "10000000000", "1e9", "2.5", "NaN", "-0", "0x10", " 224 ", "２２４", "",
         "../../etc/passwd", "%00", "<script>alert(1)</script>", "[x](javascript:alert(1))",
         "**bold**", "`code`", "$$x$$", "한국어", "🎨", "a" * 3000, "224&size=-1", "\n\r\t"]


def values(valid: list[str]) -> st.SearchStrategy[str | list[str]]:
    one = st.one_of(st.sampled_from(NASTY), st.sampled_from(valid),
                    st.integers(-10**12, 10**12).map(str), st.floats(allow_nan=True).map(str),
                    st.text(max_size=40))
    return st.one_of(one, st.lists(one, min_size=2, max_size=3))  # a key given several times


def params_for(page: str) -> st.SearchStrategy[dict[str, str | list[str]]]:
    keys = list(CONTRACT[page])
    valid = ["1", "3", "10", "224", "alexnet", "en", "ko", "light", "5", DESIGN_LINK, "kept", "0123abcd"]
    return st.dictionaries(st.sampled_from([*keys, "lang", "zzz", "arch"]), values(valid), max_size=6)


def last(value: str | list[str]) -> str:
    return value[-1] if isinstance(value, list) else value


# 50 links a page in `make test` (each page run costs ~0.3 s, and the suite must stay well under
# its time budget); CNNVIS_HOSTILE_EXAMPLES=1000 for a deeper search before a release.
EXAMPLES = int(os.environ.get("CNNVIS_HOSTILE_EXAMPLES", "50"))


@pytest.mark.parametrize("page", list(CONTRACT))
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_hostile_url_parameters(page: str, data: st.DataObject) -> None:
    params = data.draw(params_for(page))
    at = open_page(page, **{k: v for k, v in params.items()})  # type: ignore[arg-type]
    assert not at.exception, (params, at.exception)
    assert at.title  # a valid fallback view is shown
    contract = CONTRACT[page]
    bad = [k for k, v in params.items() if k in contract and not contract[k](last(v))]
    if "lang" in params and last(params["lang"]).strip().lower() not in ("ko", "en"):
        bad.append("lang")
    warnings = " ".join(w.value for w in at.warning)
    assert len(at.warning) >= len(bad), (params, warnings)
    for element in (*at.markdown, *at.error, *at.warning):
        assert "Traceback" not in element.value
