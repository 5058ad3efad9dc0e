"""The explorer: pick an architecture and an input, see how the data flows through it.

Sidebar: architecture, channels, classes. Main: the input-size controls right above what they
change (on a phone too, where the sidebar is folded away), headline figures, what to notice,
then three tabs: the shape-flow chart with the layer table, the diagram, and the
parameters-vs-compute chart. The whole view lives in the URL.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from app_pages import cached, common, lecture_mode, projector
from app_pages.cached import View
from app_pages.controls import Controls, link_wins
from app_pages.diagram_view import diagram
from app_pages.live_chart import FLOW_SLIDE_MIN, clicked, live_chart
from models import ConfigError, get_entry, list_models
from visualizer import charts
from visualizer.diagram import DETAILS, DiagramOptions, to_dot
from visualizer.export import file_name, render_dot
from visualizer.i18n import t
from visualizer.names import named, type_name
from visualizer.records import TraceResult
from visualizer.state import ChoiceParam, IntParam, Problem, read_choice
from visualizer.structure import BLOCK_TYPES
from visualizer.tables import COLUMNS, layer_arithmetic, max_depth
from visualizer.trace import MAX_SIDE, ShapeError

SIZE_PRESETS = (32, 96, 224, 227)
SLIDER_MAX = 1024
MAX_DRAWN_BOXES = 250  # more boxes than this make the browser's graph layout crawl
# The view: every value in the link. A network opens at the size it was made for and with
# its own number of classes, unless the link says otherwise.
STATE = Controls("ex", {
    "arch": ChoiceParam(tuple(list_models()), "alexnet", problem="url.bad_arch"),
    "size": IntParam(1, MAX_SIDE, lambda v: get_entry(v["arch"]).default_input[1]),
    # each network with the channels it was made for (the d2l notebooks' take 1), else RGB
    "channels": ChoiceParam((1, 3), lambda v: 1 if get_entry(v["arch"]).default_input[0] == 1 else 3),
    "classes": ChoiceParam((10, 1000), lambda v: get_entry(v["arch"]).defaults()["num_classes"]),
})


def view() -> View:
    return tuple(STATE.values().items())


def config(arch: str) -> dict[str, int]:
    """The model config the view asks for (channels only where the model has a choice)."""
    out = {"num_classes": STATE["classes"]}
    if get_entry(arch).takes_images:
        out["in_channels"] = STATE["channels"]
    return out


def set_size(size: int) -> None:
    """One size, three widgets: keep slider, box and presets in step with the view's size."""
    STATE.set("size", size)
    st.session_state.ex_size_slider = min(max(size, 1), SLIDER_MAX)
    st.session_state.ex_size_box = size
    st.session_state.ex_size_preset = size if size in SIZE_PRESETS else None


def on_arch() -> None:
    set_size(get_entry(STATE["arch"]).default_input[1])  # each network at the size it was made for
    st.session_state.ex_selected = None


def on_preset() -> None:
    if st.session_state.ex_size_preset is not None:
        set_size(st.session_state.ex_size_preset)


def start() -> list[Problem]:
    """Every run: the controls from the link (on the first run of this page) or as they were."""
    problems = STATE.start()
    st.session_state.setdefault("ex_selected", None)
    st.session_state.setdefault("ex_table_nonce", 0)
    if "ex_size_box" not in st.session_state:
        set_size(STATE["size"])
    return problems


def sidebar(lang: str) -> None:
    """The network and its input: in the sidebar; on a slide (where the sidebar is hidden) in a
    row above the picture, so the teacher changes the network while presenting."""
    slide = projector.presenting()
    with st.container(horizontal=True, gap="medium", key="ex_slide_controls") if slide else st.sidebar:
        arch = STATE.choice("arch", t("side.arch", lang), widget="select", on_change=on_arch,
                            format_func=lambda n: t("arch.option", lang, title=t(f"arch.{n}", lang),
                                                    year=get_entry(n).year))
        if get_entry(arch).takes_images:
            STATE.choice("channels", t("side.channels", lang), help=t("side.channels.help", lang),
                         format_func=lambda c: t(f"side.channels.{c}", lang))
        else:
            st.caption(t("side.fixed_channels", lang, channels=get_entry(arch).default_input[0]))
        STATE.choice("classes", t("side.classes", lang), help=t("side.classes.help", lang),
                     format_func=lambda c: t(f"side.classes.{c}", lang))


# Rows below are horizontal containers, not st.columns: a rerun re-sends every element, and
# each costs the browser ~2 ms here (columns add one element per column); they also wrap on a
# phone instead of stacking one per line.


def size_controls(lang: str) -> None:
    """Presets, a slider and an exact box: three views of one size (see set_size)."""
    row = st.container(horizontal=True, vertical_alignment="bottom", gap="medium")
    state = st.session_state  # each its value as its default too (app_pages/controls.py says why)
    row.pills(t("side.presets", lang), SIZE_PRESETS, key="ex_size_preset", on_change=on_preset,
              default=state.get("ex_size_preset"))
    row.slider(t("side.size", lang), 1, SLIDER_MAX, key="ex_size_slider", value=state.get("ex_size_slider"),
               on_change=lambda: set_size(st.session_state.ex_size_slider))
    row.number_input(t("side.size_box", lang), 1, MAX_SIDE, key="ex_size_box", step=1, width=170,
                     value=state.get("ex_size_box", 1),
                     on_change=lambda: set_size(int(st.session_state.ex_size_box)))


def select_from_chart() -> None:
    index = clicked("ex_flow")
    if index is not None and index >= 0:  # -1 is the input image
        st.session_state.ex_selected = index
        st.session_state.ex_table_nonce += 1  # a fresh table takes the new selection


@st.fragment  # the table depth, the toggle and chart clicks rerun this tab only
def flow_tab(result: TraceResult, lang: str) -> None:
    selected = st.session_state.ex_selected
    live_chart(cached.flow_figure(result, view(), lang, selected, projector.presenting()), key="ex_flow",
               on_click=select_from_chart,
               slide_min=FLOW_SLIDE_MIN, slide_title=False)
    if projector.presenting():  # the slide: the flow chart; the layer table in the speaker notes
        lecture_mode.note_table(cached.layer_table(result, view(), lang, max_depth(result), False)[0])
        return
    st.caption(t("flow.hint", lang))
    chart_downloads(result, lang, "flow", lambda: charts.shape_flow(result, lang))
    depth_max = max_depth(result)
    row = st.container(horizontal=True, vertical_alignment="bottom", gap="medium")
    depth = depth_max
    if depth_max > 1:  # a flat model (the paper's AlexNet) has only one level
        depth = row.slider(t("table.depth", lang), 1, depth_max, depth_max,
                           key=f"ex_depth_{result.model_name}", help=t("table.depth.help", lang))
    minor = row.toggle(t("table.minor", lang), key="ex_minor")
    frame, indices = cached.layer_table(result, view(), lang, depth, minor)
    rows = [i for i, index in enumerate(indices) if index == selected]
    event = st.dataframe(
        frame, hide_index=True, on_select="rerun", selection_mode="single-row",
        key=f"ex_table_{st.session_state.ex_table_nonce}",
        selection_default={"selection": {"rows": rows}} if rows else None,
        column_config=common.fitted_columns(frame, (t("col.params", lang), t("col.macs", lang)),
                                            (t("col.formula", lang), t("col.flag", lang))),
        column_order=[t(k, lang) for k in COLUMNS], placeholder="",
        height=min(36 * (len(frame) + 1) + 12, 640),
    )
    picked = event.selection.rows if event is not None else []
    if picked:
        selected = indices[picked[0]]
        st.session_state.ex_selected = selected
    heading = f"#### {t('table.selected', lang)}\n\n"  # with its text: one element
    if selected is None or selected >= len(result.records):
        st.markdown(heading + f":gray[{t('detail.none', lang)}]")
        return
    record = result.records[selected]
    st.markdown(heading + f"**{named(record.label, lang)}** · {type_name(record.type, lang, code=True)}\n\n"
                + "\n".join(f"- {line}" for line in layer_arithmetic(record, lang)))


@st.fragment  # the diagram's own controls rerun the diagram only
def diagram_tab(result: TraceResult, lang: str) -> None:
    slide = projector.presenting()
    # on a slide, the controls in one row and no downloads: the diagram gets the screen's room
    c1, c2, c3 = st.columns([5, 4, 4]) if slide else (*st.columns([2, 1]), st.container())
    # on a slide the blocks start closed: a projector's 18 px text leaves room for few boxes
    detail = c1.segmented_control(t("diagram.detail", lang), DETAILS,
                                  default="overview" if slide else "blocks",
                                  key="ex_detail_slide" if slide else "ex_detail",
                                  required=True, format_func=lambda d: t(f"diagram.detail.{d}", lang))
    direction = c2.segmented_control(t("diagram.direction", lang), ("TB", "LR"), default="TB",
                                     key="ex_direction", required=True,
                                     format_func=lambda d: t(f"diagram.direction.{d}", lang))
    blocks = [r.name for r in result.records if r.type in BLOCK_TYPES]
    opened = c3.multiselect(t("diagram.expand", lang), blocks, key=f"ex_open_{result.model_name}",
                            format_func=lambda n: named(result.find(n).label, lang),
                            placeholder=t("diagram.expand.placeholder", lang))
    leaves = len(result.leaves())
    if detail == "layers" and leaves > MAX_DRAWN_BOXES:
        st.info(t("diagram.too_big", lang, n=leaves))
        detail = "blocks"
    options = DiagramOptions(detail=detail, opened=frozenset(opened), direction=direction, lang=lang)
    dot = to_dot(result, options)
    lecture_mode.note(t("diagram.legend", lang), small=True)  # on a slide, in the speaker notes
    diagram(dot, key="ex_diagram")
    if not slide:  # under the picture, in one row that wraps: stacked above it, four buttons kept
        # a phone's diagram a screen below its controls
        with st.container(horizontal=True):
            for fmt in ("svg", "png", "pdf", "dot"):
                common.download(fmt.upper(), diagram_file(dot, fmt), file_name(result, "diagram", fmt), fmt,
                                f"ex_dl_{fmt}", width=120)


def diagram_file(dot: str, fmt: str) -> Callable[[], bytes]:
    """The diagram's file in ``fmt``, rendered only when asked for (a PNG 1920 px wide)."""
    if fmt == "dot":
        return dot.encode
    return lambda: render_dot(dot, fmt, 1920 if fmt == "png" else None)


def chart_downloads(result: TraceResult, lang: str, what: str, make: Callable[[], go.Figure]) -> None:
    """SVG and PNG of a chart, slide-sized, made when clicked (not on a slide: the export page
    and the teacher's own screen make them)."""
    if projector.presenting():
        return
    with st.container(horizontal=True):
        for fmt in ("svg", "png"):
            common.download(fmt.upper(), common.chart_file(make, fmt), file_name(result, what, fmt), fmt,
                            f"ex_dl_{what}_{fmt}", width=120)


def render() -> None:
    lang = common.lang()
    problems = start()
    slide = projector.presenting()
    if not slide:
        sidebar(lang)
    entry = get_entry(STATE["arch"])
    st.title(t(f"arch.{entry.name}", lang))
    lecture_mode.note(t("explorer.caption", lang, title=entry.title, year=entry.year, arxiv=entry.arxiv),
                      small=True)
    # On a slide the network's controls are on the slide itself, under its title; with the
    # diagram or the costs open, folded into one button: two rows of controls and the diagram's
    # own left a 1366x768 slide 200 px of diagram, a box and a half of AlexNet, and the costs'
    # chart 100 px, its fc6 bar's "62%" cut at the top (issue 30). The shape flow keeps them:
    # its size slider is the demonstration.
    folded = slide and st.session_state.get("ex_tab") not in (None, t("tab.flow", lang))
    if folded:
        with st.popover(t("side.controls", lang), icon=":material/tune:", key="ex_controls"):
            sidebar(lang)
            size_controls(lang)
    elif slide:
        sidebar(lang)
    common.show_problems(problems)
    body(lang, sizes=not folded)


TABS = ("flow", "diagram", "cost")


def open_tab(lang: str) -> str:
    """The open tab's name, in the link as ``tab=`` (but the first), so a student following the
    teacher opens the tab she shows (it was the shape flow while she showed the diagram). The
    link's tab opens on the page's first run and when a view is opened for it (a follow); a bad
    one is said and the first tab opens."""
    labels = {name: t(f"tab.{name}", lang) for name in TABS}
    if link_wins() or st.session_state.get("ex_tab") not in labels.values():
        problems: list[Problem] = []
        asked = read_choice(st.query_params.to_dict(), "tab", TABS, TABS[0], problems)
        common.show_problems(problems)
        st.session_state["ex_tab"] = labels[asked]
    return next(name for name in TABS if labels[name] == st.session_state["ex_tab"])


@st.fragment  # a size change reruns this part only: the sidebar and the title stay as they are
def body(lang: str, sizes: bool = True) -> None:
    """Everything that depends on the input size, and the controls that set it (``sizes``: not
    when they are folded into the slide's button, see render)."""
    entry = get_entry(STATE["arch"])
    if sizes:
        size_controls(lang)
    STATE.link({"tab": tab} if (tab := open_tab(lang)) != TABS[0] else None)
    v, size = view(), STATE["size"]
    try:
        with st.spinner(t("wait.trace", lang, arch=t(f"arch.{entry.name}", lang), size=size)):
            result = common.cached_trace(entry.name, size, tuple(sorted(config(entry.name).items())))
    except ShapeError as err:
        if err.valid is None:  # no size works: the message says to change the setting, no button
            common.shape_error(err)
            return
        low, high = err.valid
        target = high if high is not None and size > high else low
        common.shape_error(err, t("fix.button", lang, size=target), lambda: set_size(target))
        return
    except ConfigError as err:  # a setting the model cannot be built with
        common.config_error(err)
        return
    common.headline(result, lang)
    # One element, not a markdown and a caption: each element costs the browser ~2 ms on every
    # size change. On a slide, in the speaker notes (the slide keeps the picture).
    notices = ("\n".join(f"- {line}" for line in cached.view_notices(result, v, lang))
               + f"\n\n:gray[:small[{t('note.' + entry.name, lang)}]]")
    if projector.presenting():
        lecture_mode.note(f"**{t('notice.title', lang)}**\n\n{notices}")
    else:
        with st.expander(t("notice.title", lang), expanded=True):
            st.markdown(notices)
    # Only the open tab is computed and sent: the others cost nothing until chosen.
    flow, diagram, cost = st.tabs([t(f"tab.{name}", lang) for name in TABS], on_change="rerun", key="ex_tab")
    if projector.presenting() and (not flow.open) == sizes:  # the tab changed in this part's
        st.rerun()  # own run: the whole page draws again, the controls folded or not (render)
    if flow.open:
        with flow:
            flow_tab(result, lang)
    if diagram.open:
        with diagram:
            diagram_tab(result, lang)
    if cost.open:
        with cost:
            cost_tab(result, lang)


@st.fragment
def cost_tab(result: TraceResult, lang: str) -> None:
    live_chart(charts.cost_bars(result, lang), key="ex_cost")
    chart_downloads(result, lang, "cost", lambda: charts.cost_bars(result, lang))


render()
