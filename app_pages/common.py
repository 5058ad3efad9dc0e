"""What every page shares: the language, URL problems, the cached trace and the shared models."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import streamlit as st
import torch

from app_pages import lecture_mode, projector

# The language and the address bar are the controls' (controls.py imports nothing from here);
# the pages read the language as common.lang().
from app_pages.controls import LANG_KEY as LANG_KEY
from app_pages.controls import Controls, link_wins, presenting
from app_pages.controls import lang as lang
from models import ConfigError, build_model
from visualizer.errors import CodedError, SettingError
from visualizer.features import load_checkpoint
from visualizer.i18n import number, shape_text, t
from visualizer.pages import by_prefix
from visualizer.records import TraceResult
from visualizer.state import Problem, read_choice
from visualizer.trace import ShapeError, trace_named
from visualizer.training import store

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from visualizer.export import SlideStyle


@st.cache_resource(max_entries=6, show_spinner=False)
def shared_model(arch: str, channels: int, classes: int, path: str | None) -> torch.nn.Module:
    """A real CPU model, shared by every student (read-only: only forward passes use it);
    with the weights of the checkpoint at ``path`` (a torchvision ImageNet file), or seeded
    untrained ones. The networks trained here are the checkpoint store's (``trained_model``)."""
    torch.manual_seed(0)  # the same untrained network for everyone
    model = build_model(arch, device="cpu", in_channels=channels, num_classes=classes)
    if path:
        load_checkpoint(model, path)
    return model.eval()


@st.cache_resource(max_entries=6, show_spinner=False)
def trained_model(arch: str, sha256: str) -> torch.nn.Module:
    """``arch`` as trained on this machine (the checkpoint store's), read once for every
    student (read-only, like ``shared_model``); ``sha256`` is the description the page read,
    so weights saved since are a new entry (or, mid-save, ``ckpt.changed``)."""
    return store.load(store.Zoo(arch), sha256=sha256).model


@st.cache_resource(max_entries=16, show_spinner=False)
def _kept(root: str, job_id: str, mtime_ns: int, size: int) -> store.Loaded | CodedError:
    """A kept design read once for every student (read-only, like ``shared_model``); a file
    that cannot be used is remembered too (its error), until it changes."""
    try:
        return store.load(store.Job(job_id), Path(root))
    except CodedError as err:  # CheckpointError, or a DesignError of a newer app's design
        return err


def opened_kept(job_id: str) -> tuple[Path, Any, torch.nn.Module, dict[str, Any]]:
    """Job ``job_id``'s kept file, its design, its network with the learned weights and what was
    measured (``store.load``).

    Raises:
        CheckpointError: no such job, a file that is missing, too large, damaged or foreign.
        DesignError: a design this app cannot build.
    """
    from visualizer.features import CheckpointError

    if not store.is_job_id(job_id):
        raise CheckpointError("kept_missing", keep=store.KEEP)
    source = store.design_path(job_id)
    try:
        stat = source.stat()
    except OSError:
        raise CheckpointError("kept_missing", keep=store.KEEP) from None
    opened = _kept(str(source.parent.parent), job_id, stat.st_mtime_ns, stat.st_size)
    if isinstance(opened, CodedError):
        raise opened
    return source, opened.design, opened.model, opened.values


def take_home_button(where: Any, source: Path, name: str, lang: str, *, label: str, key: str) -> None:
    """A kept design's code and weights in one zip (``label``), made only when clicked; ``where``
    is st, a column or a container."""
    stem = store.stem(name)
    where.download_button(t(label, lang), lambda: store.take_home(source, stem), file_name=f"{stem}.zip",
                          mime="application/zip", key=key, icon=":material/download:", on_click="ignore",
                          help=t("queue.take_home.help", lang, name=stem))


def show_problems(problems: list[Problem]) -> None:
    """One friendly warning per bad URL value, each naming the value and the fallback.

    A bad language in the link (read by app.py) is reported by whichever page opens first.
    """
    for key, values in [*st.session_state.pop("lang_problems", []), *problems]:
        st.warning(t(key, lang(), **values), icon=":material/link_off:")


# A resource, not data: every session gets the same object instead of an unpickled copy
# (13 ms for DenseNet-201 on each rerun). Safe, as a TraceResult is immutable (frozen
# dataclasses of tuples). 256 of the largest (DenseNet-201, 0.35 MB each) are 90 MB.
@st.cache_resource(max_entries=256, show_spinner=False)
def cached_trace(arch: str, size: int, config: tuple[tuple[str, Any], ...] = ()) -> TraceResult:
    """A trace, computed once per setting for every student (bounded: 256 settings).

    ``config`` holds the model's knobs as sorted pairs; ``("train", True)`` asks for the
    training-time graph.
    """
    return trace_named(arch, size, **dict(config))


def _warm() -> None:
    """Trace every picture network at 224 once, in the background: the comparison's first visit
    (every network, ~7 s on a fresh server) and each network's first explorer view then find
    them ready. One thread, once per server process (not under pytest: tests trace what they
    check)."""
    from models import get_entry, list_models

    for name in list_models():
        if get_entry(name).takes_images:
            # a setting that cannot work at 224 (the 2012 layout) is no error
            with contextlib.suppress(Exception):
                cached_trace(name, 224)


if "pytest" not in sys.modules:
    threading.Thread(target=_warm, name="cnnvis-warm-traces", daemon=True).start()


def exact_count(n: int, lang: str, below: int = 10**11) -> str:
    """A count exactly and as it is said: ``61,100,840 · 6,110만`` (a student who adds a block
    sees the exact change, +73,984, beside the rounded figure). From ``below`` on, only the
    rounded figure: "240,570,548,224 · 2,406억" (ResNet-152's MACs at 1024 px) is wider than a
    phone's metric (97 G, 11 digits, fits)."""
    rounded = number(n, lang)
    if n >= below:
        return rounded
    return f"{n:,}" if rounded == f"{n:,}" else f"{n:,} · {rounded}"


def headline(result: TraceResult, lang: str) -> None:
    """The figures a network is known by: parameters (exact and rounded), MACs, depth, output,
    activation memory. On a slide, one line (the picture below it gets the room)."""
    if presenting():
        st.markdown(" · ".join((
            f"{t('metric.params', lang)} **{exact_count(result.total_params, lang)}**",
            f"{t('metric.macs', lang)} **{number(result.total_macs, lang)}**",
            f"{t('metric.depth', lang)} **{result.weighted_depth}**",
            f"{t('metric.output', lang)} **{shape_text(result.output_shape)}**")))
        return
    row = st.container(horizontal=True, gap="medium")
    row.metric(t("metric.params", lang), exact_count(result.total_params, lang),
               help=t("metric.params.help", lang) + f" ({result.total_params:,})")
    row.metric(t("metric.macs", lang), exact_count(result.total_macs, lang),  # the help has it exactly
               help=t("metric.macs.help", lang, flops=number(2 * result.total_macs, lang))
               + f" ({result.total_macs:,})")
    row.metric(t("metric.depth", lang), result.weighted_depth, help=t("metric.depth.help", lang))
    row.metric(t("metric.output", lang), shape_text(result.output_shape),
               help=t("metric.output.help", lang))
    mib = 4 * result.activation_values / 2**20
    row.metric(t("metric.memory", lang), f"{mib:,.1f} MiB", help=t("metric.memory.help", lang))


# A table cell is drawn in about 14 px type: a digit is about 8.5 px wide, a Hangul syllable
# about 14 px; a cell has about 16 px of padding and a header its sort icon.
_CELL_PAD = 30


def text_px(text: str, size: float = 14.0) -> float:
    """About how wide ``text`` is drawn at ``size`` px (Hangul square, digits and Latin narrower)."""
    return sum(size * (1.0 if ord(ch) > 0x2E80 else 0.35 if ch in " ,.:" else 0.62) for ch in text)


def fitted_columns(frame: Any, numbers: tuple[str, ...] = (), texts: tuple[str, ...] = ()) -> dict[str, Any]:
    """Column settings for ``st.dataframe`` that draw every cell whole: each column as wide as
    its widest cell or its header (a grid narrower than its content cuts 115,605,504 to
    "05,504", AdaptiveAvgPool2d to "Adaptive…"), the ``numbers`` columns with thousands
    separators, the ``texts`` columns (formulas) as text and every other column as the data
    has it. On a slide the grid's type grows with the projector's (24.5 px at 1920 px against
    14): so do the columns."""
    scale = 1.75 if presenting() else 1.0
    config: dict[str, Any] = {}
    for name in frame.columns:
        cells = [f"{v:,}" if isinstance(v, int | float) and name in numbers else str(v)
                 for v in frame[name].tolist() if v is not None and v == v]
        width = int(scale * (max([text_px(str(name)) + 14, *(text_px(c) for c in cells)]) + _CELL_PAD))
        config[name] = (st.column_config.NumberColumn(format="localized", width=width) if name in numbers
                        else st.column_config.TextColumn(width=width) if name in texts
                        else st.column_config.Column(width=width))
    return config


def glossary() -> None:
    """The 용어집 button: every term the app uses, Korean and English, in a wide dialog."""
    from visualizer.i18n import GLOSSARY

    current = lang()

    def body() -> None:
        st.caption(t("glossary.intro", current))
        rows = [f"| **{ko if current == 'ko' else en}** | {en if current == 'ko' else ko} | "
                f"{means_ko if current == 'ko' else means_en} |" for ko, en, means_en, means_ko in GLOSSARY]
        head = " | ".join(t(f"glossary.col.{c}", current) for c in ("term", "other", "means"))
        st.markdown(f"| {head} |\n|---|---|---|\n" + "\n".join(rows))

    if st.button(t("glossary.button", current), icon=":material/menu_book:", key="glossary_open"):
        st.dialog(t("glossary.title", current), width="large")(body)()


@dataclass(frozen=True)
class Fix:
    """A button under an error that applies the nearest value that works: ``on_click(*args)``."""

    label: str
    on_click: Callable[..., Any]
    args: tuple[Any, ...] = ()
    icon: str | None = None


def shape_error(err: ShapeError, fix_label: str | None = None, on_fix: Any = None) -> None:
    """A setting that cannot work: :func:`coded_error` under the title "this setting cannot
    work", and a button that applies the fix."""
    coded_error(err, ":material/block:", title=t("fix.title", lang()),
                fix=Fix(fix_label, on_fix) if fix_label is not None and on_fix is not None else None)


def coded_error(err: CodedError, icon: str = ":material/error:", *, title: str | None = None,
                fix: Fix | None = None, warn: bool = False) -> None:
    """Any of the project's errors (``visualizer.errors.CodedError``), the one way a page shows
    one: in the page's language, every value safe inside Markdown (a file that could not be
    written says why in the page's language too). ``title``: a bold line above the message
    (what was being done); ``fix``: a button under it; ``warn``: a warning (something still
    works) rather than an error."""
    text = err.message(lang(), markdown=True)
    if title:
        text = f"**{title}**\n\n{text}"
    (st.warning if warn else st.error)(text, icon=icon)
    if fix is not None:
        st.button(fix.label, on_click=fix.on_click, args=fix.args, type="primary", icon=fix.icon)


def config_error(err: ConfigError) -> None:
    """A setting the model cannot be built with, said in the page's language."""
    coded_error(err if isinstance(err, CodedError) else SettingError(err), icon=":material/block:")


def download(label: str, make: Callable[[], bytes], name: str, fmt: str, key: str,
             width: int | Literal["stretch", "content"] = "stretch") -> None:
    """A download button whose file is made only when clicked. If a program the file needs is
    missing or fails (``dot`` errs or runs too long) or the picture is too tall for one PNG
    (``visualizer.export.ExportProblem``), the download is a short text saying so and what to
    do, never a traceback."""
    from visualizer.export import MIME, ExportProblem

    current = lang()

    def run() -> bytes:
        try:
            return make()
        except ExportProblem as err:
            return err.message(current).encode("utf-8")

    st.download_button(label, run, file_name=name, mime=MIME[fmt], key=key, icon=":material/download:",
                       on_click="ignore", width=width)


def chart_file(make: Callable[[], go.Figure], fmt: str,
               style: SlideStyle | None = None) -> Callable[[], bytes]:
    """The chart ``make`` draws as an SVG or PNG file (slide-sized unless ``style`` says
    otherwise), for :func:`download`: drawn only when the file is asked for."""
    from visualizer.export import SlideStyle, chart_image

    return lambda: chart_image(make(), fmt, style or SlideStyle())


def header(state: Controls, prefix: str | None = None) -> str:
    """Start a page: its controls from the link, its title and introduction (i18n
    ``<prefix>.title`` and ``<prefix>.intro``, the prefix being the page's by default), and a
    warning per bad link value. Returns the language."""
    current = lang()
    problems = state.start()
    st.title(t(f"{prefix or state.page}.title", current))
    lecture_mode.note(t(f"{prefix or state.page}.intro", current))
    show_problems(problems)
    return current


def tabbed_page(state: Controls, tabs: dict[str, Callable[[str], None]]) -> None:
    """A lesson-style page: title and introduction (i18n ``<page>.title`` and ``<page>.intro``),
    URL problems, tabs (``<page>.tab.<name>``), and the controls put back into the link.

    Tab bodies run only when open: switching tabs reruns the page, and closed tabs cost
    neither server time nor browser rendering. ``st.session_state[f"{page}_tab"]`` is the
    open tab's label.
    """
    page = state.page
    current = lang()
    names = list(tabs)
    labels = {name: t(f"{page}.tab.{name}", current) for name in names}
    tab_key = f"{page}_tab"
    problems: list[Problem] = []
    if link_wins() or tab_key not in st.session_state or st.session_state[tab_key] not in labels.values():
        # The link's tab (``tab=<name>``, or ``last``) opens first; a bad one is a warning.
        asked = read_choice(st.query_params.to_dict(), "tab", (*names, "last"), names[0], problems)
        st.session_state[tab_key] = labels[names[-1] if asked == "last" else asked]
    current = header(state)
    show_problems(problems)
    containers = st.tabs(list(labels.values()), on_change="rerun", key=tab_key)
    st.session_state.pop(STEP_KEY, None)
    for container, body in zip(containers, tabs.values(), strict=True):
        if container.open:
            with container:
                body(current)
    open_tab = next((n for n in names if labels[n] == st.session_state[tab_key]), names[0])
    params = state.link({"tab": open_tab})
    if presenting():
        projector.steps(by_prefix(page).path, names, open_tab, {**params, "lang": current},
                        st.session_state.get(STEP_KEY))


STEP_KEY = "present_step"


def lesson_step(current: int, last: int) -> None:
    """An open tab that has steps of its own (AlexNet's layers) says where it is: in projector
    mode the keyboard goes through them before the next tab."""
    st.session_state[STEP_KEY] = (current, last)


TEACHER_KEY = "teacher"


def is_teacher() -> bool:
    """Whether this browser is the teacher's: its cookie holds the teacher's session key (set by
    the sign-in address that ``make run`` prints and opens), or this tab was opened with the
    secret itself (``?teacher=<secret>``, for `streamlit run app.py`, where that address does
    not exist). Never an address or a header. Decided once a session, at its first run."""
    if TEACHER_KEY not in st.session_state:
        from visualizer.roles import COOKIE, is_teacher_session, is_teacher_token

        st.session_state[TEACHER_KEY] = (is_teacher_session(st.context.cookies.get(COOKIE))
                                         or is_teacher_token(st.query_params.get("teacher")))
    return bool(st.session_state[TEACHER_KEY])


def sign_out() -> None:
    """This session stops being the teacher's (the sign-out address clears the browser's cookie)."""
    st.session_state[TEACHER_KEY] = False


def student() -> str:
    """Who this student is for the class's limits (one job in the queue): the network address
    their connection comes from, the same in every tab (``visualizer.roles.student_key``)."""
    from visualizer.roles import student_key

    return student_key(st.context.ip_address)


def plain(text: str) -> None:
    """Show a sentence that holds what someone typed (a nickname, a design's name) as plain
    text: no Markdown, no links, no e-mail links, no icons, no colours, for anyone."""
    st.text(text, width="stretch")


def nearest_valid(check: Callable[[int], object], value: int, low: int, high: int) -> int | None:
    """The setting closest to ``value`` in [low, high] for which ``check`` raises no ValueError."""
    for d in range(1, high - low + 1):
        for v in (value - d, value + d):
            if low <= v <= high:
                try:
                    check(v)
                except ValueError:
                    continue
                return v
    return None
