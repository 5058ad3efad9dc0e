"""The builder: a student designs a network from the lecture's layers and blocks.

The design (``visualizer.design.Design``) is one of the page's controls (``STATE``): read from
the link once (``design=``, or ``from=`` a template or a zoo network), then kept in the session
as the value itself, and written back to the link after every change. Every change makes a new
design; the page traces it whole (cached for the class, keyed by its
link value) and shows the items, the headline figures, the layer table, the diagram and the
shape flow. A design that cannot work names the item and offers the nearest value that does.
Nothing a student types is run: a design is data (see visualizer/design/).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import Any, Literal

import pandas as pd
import streamlit as st
from torch import nn

from app_pages import builder_train, common, lecture_mode, projector
from app_pages.controls import Controls, Kept, lang
from app_pages.diagram_view import diagram
from app_pages.live_chart import FLOW_SLIDE_MIN, live_chart
from models import list_models
from visualizer import charts, palette
from visualizer import design as ds
from visualizer.codegen import code
from visualizer.diagram import DiagramOptions, to_dot
from visualizer.export import deck, render_dot
from visualizer.i18n import CATALOGUE, number, shape_text, t
from visualizer.records import TraceResult
from visualizer.state import ChoiceParam, CodecParam, Problem, shown
from visualizer.tables import COLUMNS, layer_rows, max_depth
from visualizer.trace import InputError, ShapeError, trace

STARTS = ("empty", *ds.TEMPLATES, *list_models())
DEFAULT_START = "tiny"
SEARCH = 32  # the nearest valid value is looked for this far either side


def start_label(name: str, lang: str) -> str:
    if name == "empty" or name in ds.TEMPLATES:
        return t(f"builder.start.{name}", lang)
    return t("builder.start.zoo", lang, title=t(f"arch.{name}", lang))


def opened(name: str) -> ds.Design:
    """A starting point by name: the empty design, a template or a zoo network."""
    return ds.template(name) if name == "empty" or name in ds.TEMPLATES else ds.from_zoo(name)


def bad_design(err: Exception) -> Problem:
    """A link's design that cannot be read: why, in the page's language."""
    reason = err.message(lang(), markdown=True) if isinstance(err, ds.DesignError) else ""
    return "url.bad_design", {"reason": reason}


# The page's state. ``from`` (the start menu) and ``design`` come from the link: the design a
# link holds (``design=``), else the start it names (``from=``), else the default template; a
# bad value is a warning and the default. Only the design is written back (``from`` is
# read-only). The others are the page's alone: the selected item (or None), a counter bumped
# when the editor's widgets must take the design's values again, the (item, setting) of the
# last edit (the fix offered if the design breaks) and what opening a file said.
STATE = Controls("b", {
    "from": ChoiceParam(STARTS, DEFAULT_START, problem="url.bad_from"),
    "design": CodecParam(ds.decode, ds.encode, lambda values: opened(values["from"]), bad_design,
                         ds.DesignError),
    "sel": Kept(None),
    "nonce": Kept(0),
    "last": Kept(None),
    "upload_msg": Kept(None),
}, read_only=("from",))


def design() -> ds.Design:
    return STATE["design"]


def replace(new: ds.Design, *, select: int | None = -1, edited: tuple[int, str] | None = None) -> None:
    """Put ``new`` on screen (from a callback): the editor takes its values, the selection
    moves to ``select`` (``-1``: keep it, within the new length)."""
    STATE.set("design", new)
    sel = STATE["sel"] if select == -1 else select
    STATE.set("sel", None if sel is None or not new.items else min(max(sel, 0), len(new.items) - 1))
    STATE.set("nonce", STATE["nonce"] + 1)
    STATE.set("last", edited)


def with_items(items: list[ds.Item]) -> ds.Design:
    return ds.Design(tuple(items), design().channels, design().size, design().name)


# ---- Tracing (cached for the class) --------------------------------------------------------

@st.cache_resource(max_entries=128, show_spinner=False)
def traced(link: str) -> tuple[TraceResult | None, ds.DesignError | None, dict[str, int], nn.Module | None]:
    """The trace of a design (by its link value), or the DesignError that stops it; which
    item each top-level layer comes from; and the model it was traced from (meta device)."""
    d = ds.decode(link)
    try:
        found = ds.layers(d)
        net = ds.build(d, found=found)
    except ds.DesignError as err:
        return None, err, {}, None
    try:
        result = trace(net, (1, d.channels, d.size, d.size), model_name=file_stem(d))
    except ShapeError as exc:  # the items' own checks should have said it first: the same words
        return None, ds.LayerRefused(exc.code, ds.item_of(net, exc.layer), **exc.values), {}, None
    except InputError as exc:  # the design's input is within the tracer's limits: not expected
        return None, ds.LayerRefused(exc.code, None, **exc.values), {}, None
    for code_, value, high in (("params", result.total_params, ds.MAX_PARAMS),
                               ("macs", result.total_macs, ds.MAX_MACS)):
        if value > high:
            return result, ds.DesignError(code_, value=f"{value:,}", high=f"{high:,}"), net.items, net
    return result, None, net.items, net


def file_stem(d: ds.Design) -> str:
    """A file-name-safe name for the design's downloads."""
    stem = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in d.name)
    return stem.strip("_")[:40] or "my_network"


def works(d: ds.Design) -> bool:
    try:
        ds.layers(d)
    except ds.DesignError:
        return False
    return True


FIX_SECONDS = 3.0  # the search for a fix gives up after this (a deep design costs ~0.4 s a try)
# What a nearby number can mend: a layer that refuses its input (the tracer's shape errors, a
# LayerRefused) or a group count.
FIXABLE = ("groups",)


def fix_target(err: ds.DesignError, last: tuple[int, str] | None, d: ds.Design) -> tuple[int, str] | None:
    """Which number a fix changes: the one the student edited last, if it is a whole number
    of an item at or before the one that breaks; else the input size, for a window too large
    for its map. ``(-1, "size")`` is the input size; None: no number can mend this."""
    if err.code not in FIXABLE and not isinstance(err, ds.LayerRefused):
        return None
    if last is not None and last != (-1, "size") and last[1] != "repeat":
        item, field = last
        at_or_before = err.item is None or item <= err.item
        if at_or_before and item < len(d.items) and type(d.items[item][field]) is int:
            return item, field
    too_small = isinstance(err, ds.LayerRefused) and err.code == "empty"
    return (-1, "size") if too_small else None


@st.cache_data(max_entries=64, show_spinner=False)
def nearest_fix(link: str, item: int, field: str, broken_at: int) -> int | None:
    """The value of ``field`` of item ``item`` closest to the current one for which the whole
    design works (searched ``SEARCH`` either side, for ``FIX_SECONDS`` at most); ``field`` may
    be ``"size"`` (the input). Each try first checks the items up to ``broken_at`` (cheap),
    then the whole design."""
    d = ds.decode(link)
    if field == "size":
        low, high, value = *ds.SIDES, d.size
    else:
        spec = next(f for f in ds.PALETTE[d.items[item].type] if f.name == field)
        low, high, value = int(spec.low), int(spec.high), d.items[item][field]
    deadline = time.monotonic() + FIX_SECONDS

    def check(v: int) -> None:
        if time.monotonic() > deadline:
            raise TimeoutError
        items = list(d.items)
        if field != "size":
            items[item] = items[item].with_(**{field: v})
        trial = ds.Design(tuple(items), d.channels, v if field == "size" else d.size)
        head = ds.Design(trial.items[:broken_at + 1], trial.channels, trial.size)
        if not (works(head) and works(trial)):
            raise ValueError

    try:
        return common.nearest_valid(check, value, max(low, value - SEARCH), min(high, value + SEARCH))
    except TimeoutError:
        return None


# ---- Editing (callbacks) -----------------------------------------------------------------

def on_open() -> None:
    replace(opened(STATE["from"]), select=0)


def on_input(name: str) -> None:
    value = int(st.session_state[f"b_{name}"])
    d = design()
    if name == "channels":
        replace(ds.Design(d.items, value, d.size, d.name))
    else:
        replace(ds.Design(d.items, d.channels, value, d.name), edited=(-1, "size"))


def on_field(index: int, field: str, widget: str) -> None:
    items = list(design().items)
    changed = items[index].with_(**{field: st.session_state[widget]})
    try:  # the widget's bounds are the palette's, but every value is checked all the same
        items[index] = ds.parse_item({"type": changed.type, **dict(changed.settings),
                                      "repeat": changed.repeat}, index)
    except ds.DesignError:
        return
    replace(with_items(items), edited=(index, field))


def on_move(index: int, step: int) -> None:
    items = list(design().items)
    j = index + step
    if 0 <= j < len(items):
        items[index], items[j] = items[j], items[index]
        replace(with_items(items), select=j)


def on_duplicate(index: int) -> None:
    items = list(design().items)
    if len(items) < ds.MAX_ITEMS:
        items.insert(index + 1, items[index])
        replace(with_items(items), select=index + 1)


def on_remove(index: int) -> None:
    items = list(design().items)
    del items[index]
    replace(with_items(items), select=index)


def on_add() -> None:
    items = list(design().items)
    if len(items) >= ds.MAX_ITEMS:
        return
    kind = st.session_state.b_add
    at = len(items) if STATE["sel"] is None else STATE["sel"] + 1
    items.insert(at, ds.parse_item({"type": kind}, at))
    replace(with_items(items), select=at)


def on_fix(item: int, field: str, value: int) -> None:
    d = design()
    if field == "size":
        replace(ds.Design(d.items, d.channels, value, d.name))
    else:
        items = list(d.items)
        items[item] = items[item].with_(**{field: value})
        replace(with_items(items), select=item, edited=(item, field))


def on_upload() -> None:
    STATE.set("upload_msg", None)
    upload = st.session_state.get("b_upload")
    if upload is None:
        return
    try:
        loaded = ds.from_json(upload.getvalue()[: ds.MAX_JSON + 1])
    except ds.DesignError as err:
        STATE.set("upload_msg", ("error", err.message(common.lang(), markdown=True)))
        return
    replace(loaded, select=0)
    STATE.set("upload_msg", ("success", t("builder.loaded", common.lang(), name=shown(upload.name))))


# ---- Drawing -------------------------------------------------------------------------------

def field_label(kind: str, name: str, lang: str) -> str:
    specific = f"field.{kind}.{name}"
    return t(specific if specific in CATALOGUE else f"field.{name}", lang)


def settings_text(it: ds.Item, lang: str) -> str:
    """An item's settings in a few characters, as a teacher writes them on the board."""
    s = dict(it.settings)
    pad = t("builder.set.pad", lang, p=s.get("padding", 0))
    window = f"{s.get('kernel')}×{s.get('kernel')}/{s.get('stride')}, {pad}"
    # The settings every layer type has in common, in a teacher's shorthand: channels out,
    # the window (k×k/stride, padding), groups, rounding, the scale of an upsampling.
    if "kernel" in s and "out" in s:  # a convolution, plain or transposed
        op = s.get("output_padding")
        extra = f", {t('field.output_padding', lang)} {op}" if op else ""
        text = f"{s['out']}, {window}{extra}"
        return text + (f", {t('field.groups', lang)} {s['groups']}" if s["groups"] > 1 else "")
    if "kernel" in s:  # a pooling window
        return window + (f", {t('field.ceil', lang)}" if s["ceil"] else "")
    if "scale" in s:
        return f"×{s['scale']}"
    if "out" in s:  # a linear layer
        return f"→ {s['out']}"
    match it.type:  # the lecture's blocks
        case "residual":  # basic and bottleneck: the lecture's own words for the two blocks
            return f"{s['block']}, {s['width']}, /{s['stride']}"
        case "dense_block":
            return f"{s['layers']} × k={s['growth']}"
        case "transition":
            return f"θ = {s['compression']:g}"
        case "inception":
            return f"{s['c1']}, {s['c3r']}→{s['c3']}, {s['c5r']}→{s['c5']}, {s['pool']}"
    return ", ".join(f"{field_label(it.type, k, lang)} {v:g}" if isinstance(v, float)
                     else f"{field_label(it.type, k, lang)} {v}" for k, v in s.items())


def item_name(kind: str, lang: str) -> str:
    """An item's name in the items table. On a Korean slide, without the English class name that
    follows it in parentheses ("최대 풀링 (MaxPool2d)" is "최대 풀링"): at a projector's type size
    the names pushed the output shapes, the table's point, off the half screen it has (the
    English name stays in the item's editor and the glossary)."""
    name = t(f"item.{kind}", lang)
    if lang == "ko" and projector.presenting() and name.endswith(")") and " (" in name:
        return name[:name.rindex(" (")]
    return name


def items_table(result: TraceResult | None, owners: dict[str, int], broken_at: int | None,
                lang: str, tallest: int = 560) -> None:
    """One row per item: its number, kind, settings, output shape and parameters. ``result``
    may cover only the items before ``broken_at``, the item that breaks: its row says so (✗,
    and tinted in the palette's highlight colour)."""
    d = design()
    shapes: dict[int, str] = {}
    params: dict[int, int] = {}
    if result is not None:
        for r in result.records:
            if r.depth == 1 and r.name in owners:
                i = owners[r.name]
                shapes[i] = shape_text(r.output_shape)
                params[i] = params.get(i, 0) + r.params_total
    if broken_at is not None:
        shapes[broken_at] = "✗"
    out_col = t("builder.col.output", lang)
    frame = pd.DataFrame([{
        t("builder.col.n", lang): i + 1,
        t("builder.col.item", lang): item_name(it.type, lang) + (f" ×{it.repeat}" if it.repeat > 1 else ""),
        t("builder.col.settings", lang): settings_text(it, lang),
        out_col: shapes.get(i, "–"),
        t("builder.col.params", lang): params.get(i),
    } for i, it in enumerate(d.items)])
    shown_frame: Any = frame
    if broken_at is not None:
        tint = f"background-color: {palette.BEFORE}"
        shown_frame = frame.style.apply(lambda row: [tint if row.name == broken_at else ""] * len(row),
                                        axis=1)
    columns = {**common.fitted_columns(frame, (t("builder.col.params", lang),)),
               t("builder.col.item", lang): st.column_config.TextColumn(width="medium"),
               t("builder.col.n", lang): st.column_config.NumberColumn(width=50)}
    if projector.presenting():  # every cell whole at a projector's type size: the items and their
        # shapes (the settings are in the item's editor, the sums in the headline)
        columns = {**common.fitted_columns(frame, texts=(t("builder.col.item", lang), out_col)),
                   t("builder.col.params", lang): None, t("builder.col.n", lang): None,
                   t("builder.col.settings", lang): None}
    # On a slide the rows are a projector's: as tall as its rows, and no taller than the slide's
    # room (projector.SLIDE_TABLE). In 320 px, a 1920x1080 slide showed 4½ of the design's 8 rows
    # over an empty half of the screen.
    height: Literal["content"] | int = (
        "content" if projector.presenting() else min(36 * (len(frame) + 1) + 12, tallest))
    sel = STATE["sel"]
    event = st.dataframe(
        shown_frame, hide_index=True, on_select="rerun", selection_mode="single-row",
        key=f"{projector.SLIDE_TABLE}b_items_{STATE['nonce']}",
        selection_default={"selection": {"rows": [sel]}} if sel is not None else None,
        column_config=columns, height=height, width="stretch", placeholder="")
    picked = event.selection.rows if event is not None else []
    if picked and picked[0] != sel:
        STATE.set("sel", picked[0])
        STATE.set("nonce", STATE["nonce"] + 1)
        st.rerun()


def design_items(d: ds.Design, result: TraceResult | None, err: ds.DesignError | None,
                 owners: dict[str, int], lang: str, tallest: int = 560) -> None:
    """The items table of ``d``: with its shapes, or, where an item breaks, with the shapes of
    the items before it (they work)."""
    shapes_from, owners_from = result, owners
    if result is None and err is not None and err.item:
        shapes_from, _, owners_from, _ = traced(ds.encode(ds.Design(d.items[:err.item], d.channels, d.size)))
    items_table(shapes_from, owners_from, None if err is None else err.item, lang, tallest)


def editor(lang: str) -> None:
    """The selected item's settings and repeat count, and the buttons that move it."""
    d, sel = design(), STATE["sel"]
    if sel is None or sel >= len(d.items):
        return
    it = d.items[sel]
    nonce = STATE["nonce"]
    with st.container(border=True):
        st.markdown(f"**{t('builder.edit', lang)}: {sel + 1}. {t(f'item.{it.type}', lang)}**")
        row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
        for f in ds.PALETTE[it.type]:
            key = f"b_f_{nonce}_{f.name}"
            label = field_label(it.type, f.name, lang)
            args: dict[str, Any] = {"key": key, "on_change": on_field, "args": (sel, f.name, key)}
            if f.choices:
                row.selectbox(label, f.choices, index=f.choices.index(it[f.name]), width=230,
                              format_func=lambda c: t(f"choice.{c}", lang) if isinstance(c, str) else str(c),
                              **args)
            elif isinstance(f.default, bool):
                row.toggle(label, value=it[f.name], **args)
            elif isinstance(f.default, int):
                row.number_input(label, int(f.low), int(f.high), it[f.name], step=1, width=150, **args)
            else:
                row.number_input(label, float(f.low), float(f.high), float(it[f.name]), width=150,
                                 format="%g", step=0.01 if f.high <= 1 else 0.1, **args)
        row.number_input(t("builder.repeat", lang), 1, ds.MAX_REPEAT, it.repeat, step=1, width=120,
                         help=t("builder.repeat.help", lang), key=f"b_f_{nonce}_repeat",
                         on_change=on_field, args=(sel, "repeat", f"b_f_{nonce}_repeat"))
        buttons = st.container(horizontal=True, gap="small")
        buttons.button(t("builder.up", lang), icon=":material/arrow_upward:", on_click=on_move,
                       args=(sel, -1), disabled=sel == 0)
        buttons.button(t("builder.down", lang), icon=":material/arrow_downward:", on_click=on_move,
                       args=(sel, 1), disabled=sel == len(d.items) - 1)
        buttons.button(t("builder.duplicate", lang), icon=":material/content_copy:",
                       on_click=on_duplicate, args=(sel,), disabled=len(d.items) >= ds.MAX_ITEMS)
        buttons.button(t("builder.remove", lang), icon=":material/delete:", on_click=on_remove,
                       args=(sel,))


def adder(lang: str) -> None:
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    row.selectbox(t("builder.add", lang), tuple(ds.PALETTE), key="b_add", width=320,
                  format_func=lambda k: t(f"item.{k}", lang))
    row.button(t("builder.add.button", lang), icon=":material/add:", on_click=on_add, type="primary",
               disabled=len(design().items) >= ds.MAX_ITEMS)


def broken(err: ds.DesignError, link: str, lang: str) -> None:
    """Why the design cannot work (``link``: its link value), and a button for the nearest value
    that does."""
    where = ""
    if err.item is not None and 0 <= err.item < len(design().items):
        where = f" · {err.item + 1}. {t(f'item.{design().items[err.item].type}', lang)}"
    title = f"{t('builder.breaks', lang)}{where}"
    target = fix_target(err, STATE["last"], design())
    if target is None:
        common.coded_error(err, ":material/block:", title=title)
        return
    item, field = target
    broken_at = len(design().items) if err.item is None else err.item
    value = nearest_fix(link, item, field, broken_at)
    name = t("builder.size", lang) if field == "size" else field_label(design().items[item].type, field, lang)
    fix = None
    if value is not None:
        label = (t("builder.fix.size", lang, size=value) if field == "size"
                 else t("builder.fix", lang, field=name, value=value))
        fix = common.Fix(label, on_fix, (-1, "size", value) if field == "size" else (item, field, value),
                         icon=":material/build:")
    common.coded_error(err, ":material/block:", title=title, fix=fix)
    if value is None:
        st.caption(t("builder.fix.none", lang, field=name))


def input_controls(lang: str, row: Any = None) -> None:
    d = design()
    row = row or st.container(horizontal=True, gap="medium", vertical_alignment="bottom")
    for name, low, high, value in (("channels", *ds.CHANNELS, d.channels), ("size", *ds.SIDES, d.size)):
        key = f"b_{name}"
        st.session_state[key] = value
        short = projector.presenting() and name == "size"  # a slide's row holds every control
        label = t("builder.size.short" if short else f"builder.{name}", lang)
        row.number_input(label, low, high, value, step=1, key=key,
                         width=160 if projector.presenting() else 220,
                         on_change=on_input, args=(name,))


def starter(lang: str, row: Any = None) -> None:
    row = row or st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    # wide enough for its longest choice at a projector's type size (it read "본보기: 작은 CNN (Fashio")
    width = 500 if projector.presenting() else 360
    STATE.choice("from", t("builder.start", lang), widget="select", where=row, width=width,
                 format_func=lambda n: start_label(n, lang), help=t("builder.start.help", lang))
    row.button(t("builder.open", lang), icon=":material/folder_open:", on_click=on_open,
               help=t("builder.replace_warn", lang))


def tabs(result: TraceResult, lang: str) -> None:
    layers_tab, diagram_tab, flow_tab = st.tabs(
        [t("builder.tab.layers", lang), t("builder.tab.diagram", lang), t("builder.tab.flow", lang)],
        on_change="rerun", key="b_tab")
    if layers_tab.open:
        with layers_tab:
            frame = pd.DataFrame(layer_rows(result, lang, max_depth(result), minor=True))
            localized = st.column_config.NumberColumn(format="localized", width=120)  # 12,345,678 whole
            st.dataframe(frame, hide_index=True, column_order=[t(k, lang) for k in COLUMNS],
                         column_config={t("col.params", lang): localized, t("col.macs", lang): localized},
                         height=min(36 * (len(frame) + 1) + 12, 640), placeholder="")
    if diagram_tab.open:
        with diagram_tab:
            diagram(to_dot(result, DiagramOptions(detail="blocks", lang=lang)), key="b_diagram")
    if flow_tab.open:
        with flow_tab:
            live_chart(charts.shape_flow(result, lang), key="b_flow")


def exports(d: ds.Design, result: TraceResult, lang: str) -> dict[str, tuple[Callable[[], bytes], str]]:
    """What a working design exports, by button label: how to make the file, and its name."""
    stem = file_stem(d)

    def dot() -> str:
        return to_dot(result, DiagramOptions(detail="blocks", lang=lang))

    def table() -> bytes:
        rows = layer_rows(result, lang, max_depth(result), minor=True)
        return pd.DataFrame(rows).to_csv(index=False).encode("utf-8-sig")

    def diagram_file(fmt: str) -> Callable[[], bytes]:
        return lambda: render_dot(dot(), fmt, 1920 if fmt == "png" else None)

    def label(what: str, fmt: str) -> str:
        return t("export.button", lang, what=t(f"export.{what}", lang), fmt=fmt.upper())

    files: dict[str, tuple[Callable[[], bytes], str]] = {
        t("builder.save_code", lang): (lambda: code(d).encode(), f"{stem}.py")}
    for fmt in ("svg", "png", "pdf"):
        files[label("diagram", fmt)] = (diagram_file(fmt), f"{stem}_diagram.{fmt}")
    for what, chart in (("flow", charts.shape_flow), ("cost", charts.cost_bars)):
        for fmt in ("svg", "png"):
            files[label(what, fmt)] = (common.chart_file(partial(chart, result, lang), fmt),
                                       f"{stem}_{what}.{fmt}")
    files[label("table", "csv")] = (table, f"{stem}_layers.csv")
    files[label("deck", "pptx")] = (lambda: deck(result, lang, title=d.name or t("builder.deck_title", lang)),
                                    f"{stem}.pptx")
    return files


def take_home(result: TraceResult | None, lang: str) -> None:
    """Every export of the design: its file, its code, and (if it works) its pictures and deck;
    and opening a design file."""
    d = design()
    stem = file_stem(d)
    st.markdown(f"### {t('builder.take_home', lang)}")
    files = {t("builder.save_json", lang): (lambda: ds.to_json(d).encode(), f"{stem}.json")}
    if result is not None:
        files |= exports(d, result, lang)
    with st.container(horizontal=True, gap="small"):
        for n, (label, (make, name)) in enumerate(files.items()):
            common.download(label, make, name, name.rsplit(".", 1)[1], f"b_dl_{n}", width="content")
    if result is not None:
        st.caption(t("builder.code.help", lang, file=f"{stem}.py"))
    st.file_uploader(t("builder.load", lang), type=["json"], key="b_upload", on_change=on_upload,
                     max_upload_size=1)
    msg = STATE["upload_msg"]
    if msg:
        (st.error if msg[0] == "error" else st.success)(msg[1])


def slide(lang: str) -> None:
    """The builder on a slide (projector mode): one row of controls (the start, the input, the
    selected item's editor and the palette in menus), the headline figures, the design's items
    beside its shape flow. The limits go to the speaker notes; the exports, the class queue and
    the board are on the page off the slides."""
    top = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    starter(lang, top)
    input_controls(lang, top)
    d = design()
    link = STATE.link()["design"]
    if d.items:
        with top.popover(t("builder.edit", lang), icon=":material/edit:"):
            editor(lang)
    with top.popover(t("builder.add.button", lang), icon=":material/add:"):
        adder(lang)
    lecture_mode.note(t("builder.limits", lang, items=ds.MAX_ITEMS, depth=ds.MAX_WEIGHTED,
                        params=number(ds.MAX_PARAMS, lang), macs=number(ds.MAX_MACS, lang)), small=True)
    if not d.items:
        st.info(t("builder.empty", lang), icon=":material/add_box:")
        return
    result, err, owners, _ = traced(link)
    if err is None and result is not None:
        common.headline(result, lang)
    left, right = st.columns([1, 1])
    with left:
        design_items(d, result, err, owners, lang, tallest=320)
        if err is not None:
            broken(err, link, lang)
    if err is None and result is not None:
        with right:
            live_chart(charts.shape_flow(result, lang, compact=True), key="b_flow", slide_min=FLOW_SLIDE_MIN,
                       slide_title=False)


def render() -> None:
    lang = common.lang()
    from_link = STATE.fresh("design")
    problems = STATE.start()
    if from_link:  # a design just read from the link: its first item selected, the editor anew
        replace(design(), select=0)
    st.title(t("builder.title", lang))
    lecture_mode.note(t("builder.intro", lang))
    common.show_problems(problems)
    if projector.presenting():
        slide(lang)
        return
    starter(lang)
    input_controls(lang)
    d = design()
    link = STATE.link()["design"]
    if not d.items:
        st.info(t("builder.empty", lang), icon=":material/add_box:")
        adder(lang)
        take_home(None, lang)
        return
    result, err, owners, net = traced(link)
    if err is None and result is not None:
        common.headline(result, lang)
    for note in d.notes():  # what its items leave out (an Inception block: the auxiliary classifiers)
        st.caption(t(note, lang))
    st.markdown(f"### {t('builder.items', lang)}")
    design_items(d, result, err, owners, lang)
    if err is not None:
        broken(err, link, lang)
    editor(lang)
    adder(lang)
    st.caption(t("builder.limits", lang, items=ds.MAX_ITEMS, depth=ds.MAX_WEIGHTED,
                 params=number(ds.MAX_PARAMS, lang), macs=number(ds.MAX_MACS, lang)))
    ok = result if err is None else None
    if ok is not None:
        tabs(ok, lang)
    take_home(ok, lang)
    builder_train.section(d, ok, net if ok is not None else None, lang, on_fix)


render()
