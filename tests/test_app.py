"""The explorer page through Streamlit's AppTest: every architecture, both languages, URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from models import list_models
from visualizer.i18n import number, t
from visualizer.trace import MAX_SIDE, trace_named

pytestmark = pytest.mark.slow  # AppTest pages, real training or files: `make check` skips it

TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[1] / "app.py")


def run(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("arch", list_models())
def test_every_architecture_renders(arch: str, lang: str) -> None:
    at = run(arch=arch, lang=lang)
    assert not at.exception
    result = trace_named(arch)
    # the exact count beside the rounded one (issue 30)
    exact = f"{result.total_params:,} · {number(result.total_params, lang)}"
    assert metric(at, t("metric.params", lang)) == exact
    assert result.total_macs < 10**11  # at 224 px every network's MACs show exactly too
    assert metric(at, t("metric.macs", lang)) == f"{result.total_macs:,} · {number(result.total_macs, lang)}"
    assert metric(at, t("metric.depth", lang)) == str(result.weighted_depth)
    assert at.title[0].value == t(f"arch.{arch}", lang)
    assert not at.error


def test_url_sets_the_view() -> None:
    at = run(arch="densenet121", size="96", channels="1", classes="10", lang="en")
    assert not at.exception
    result = trace_named("densenet121", 96, channels=1, num_classes=10)
    assert metric(at, "Parameters") == f"{result.total_params:,} · {number(result.total_params, 'en')}"
    assert metric(at, "Output") == "10"
    assert at.number_input(key="ex_size_box").value == 96
    # and as their defaults, which a browser takes if it draws them late (app_pages/controls.py)
    assert at.number_input(key="ex_size_box").proto.default == 96
    assert list(at.slider(key="ex_size_slider").proto.default) == [96]
    assert at.query_params["arch"] == ["densenet121"] or at.query_params["arch"] == "densenet121"


def test_the_link_opens_the_explorers_tab_and_the_open_tab_is_in_the_link() -> None:
    """Issue 30, found in a classroom run: a student following the teacher saw the shape flow
    while she showed the diagram (the explorer's tab was not in the link she publishes). The
    link's tab opens (its diagram drawn); a click on another tab puts that tab in the link; the
    first tab is left out of it."""
    at = run(arch="resnet18", tab="diagram", lang="en")
    assert not at.exception and not at.warning
    assert at.session_state["ex_tab"] == t("tab.diagram", "en")
    assert at.query_params["tab"] in (["diagram"], "diagram")
    assert any(s.key == "ex_detail" for s in at.get("button_group"))  # the diagram's own controls
    at.session_state["ex_tab"] = t("tab.cost", "en")
    at.run()
    assert at.query_params["tab"] in (["cost"], "cost")
    at.session_state["ex_tab"] = t("tab.flow", "en")
    at.run()
    assert "tab" not in at.query_params


@pytest.mark.parametrize(("params", "expect"), [
    ({"arch": "vgg16"}, "vgg16"),
    ({"size": "-5"}, "-5"),
    ({"size": str(10**9)}, "1000000000"),
    ({"size": "abc"}, "abc"),
    ({"channels": "7"}, "7"),
    ({"lang": "fr"}, "fr"),
    ({"tab": "graph"}, "graph"),
])
def test_bad_url_values_warn_and_fall_back(params: dict[str, str], expect: str) -> None:
    at = run(**params)
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert expect.replace("-", "\\-") in warnings or expect in warnings
    assert metric(at, t("metric.params", "ko"))  # the fallback view is shown


def test_too_small_input_names_the_layer_and_offers_the_fix() -> None:
    at = run(arch="alexnet", size="40", lang="en")
    assert not at.exception
    assert "pool" in at.error[0].value and "63x63" in at.error[0].value
    fix = next(b for b in at.button if "63" in b.label)
    at = fix.click().run()
    assert not at.error
    assert at.number_input(key="ex_size_box").value == 63


def test_shape_error_with_no_working_size_offers_no_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    """A shape error no input size can fix (``valid`` is None: the setting must change) is
    said without a fix button; the page once offered one that called set_size(None) and
    crashed when clicked. No zoo network fails at every size, so the trace is made to."""
    from app_pages import common
    from visualizer.trace import ShapeError

    with pytest.raises(ShapeError) as caught:  # the tracer's own error for AlexNet at 40x40...
        trace_named("alexnet", 40)
    err = caught.value
    err.valid = None  # ...as if no size worked

    def no_size_works(arch: str, size: int, config: object = ()) -> None:
        raise err

    monkeypatch.setattr(common, "cached_trace", no_size_works)
    at = run(arch="alexnet", size="224", lang="en")
    assert not at.exception
    message = at.error[0].value
    assert err.layer in message and t("fix.none", "en", max=MAX_SIDE) in message
    fix = t("fix.button", "en", size=0).split("0")[0]  # "Use "
    assert not [b.label for b in at.button if b.label.startswith(fix)]
    monkeypatch.undo()  # the real trace: a size that is too small has its fix button
    at = run(arch="alexnet", size="40", lang="en")
    assert [b for b in at.button if b.label == t("fix.button", "en", size=63)]


def test_paper_alexnet_at_224_explains_fc6() -> None:
    at = run(arch="alexnet_paper", size="224", lang="ko")
    assert "fc6" in at.error[0].value and "227" in at.error[0].value
    at = next(b for b in at.button if "227" in b.label).click().run()
    assert not at.error


def test_changing_size_updates_shapes() -> None:
    at = run(arch="alexnet", lang="en")
    at.number_input(key="ex_size_box").set_value(227).run()
    assert not at.exception
    assert at.slider(key="ex_size_slider").value == 227  # the three size controls agree
    assert at.pills(key="ex_size_preset").value == 227
    # conv1 at 227 with padding 2: floor((227 + 4 - 11) / 4) + 1 = 56
    table = at.dataframe[0].value
    assert table.loc[table["Layer"] == "conv1", "Output shape"].item() == "64×56×56"


def test_a_language_box_sent_back_empty_keeps_the_language() -> None:
    """CI, 2026-12-06: a tab clicked before the browser had taken the first run's language
    (the sidebar's box, set by the link) made the next run come with no language, the one after
    with an empty one, and every page crashed (KeyError: 'None', Streamlit's crash box). The
    browser's empty box is sent here as AppTest sends it: the page keeps the link's language."""
    at = run(arch="alexnet", lang="en")
    at.sidebar.segmented_control(key="lang").set_value(None).run()
    assert not at.exception
    assert at.sidebar.segmented_control(key="lang").value == "en"
    assert at.metric[0].label == "Parameters"


def test_switching_language_switches_labels() -> None:
    at = run(arch="alexnet", lang="en")
    assert at.metric[0].label == "Parameters"
    at.sidebar.segmented_control[0].set_value("ko").run()
    assert at.metric[0].label == "파라미터 수"
