"""A page's controls, declared once: each one's bounds, default and name in the link.

Every page keeps its state one way::

    STATE = Controls("dense", {"k": IntParam(1, 64, 32), "base": ChoiceParam(BASES, "densenet121")})
    problems = STATE.start()                       # the link's values (bad ones: problems)
    k = STATE.slider("k", t("dense.k", lang))      # bounds from the declaration; returns the value
    STATE.link({"tab": "ledger"})                  # the address bar describes the view

A control's value lives under ``{page}_{name}`` in the session (its widget's key), so it
survives reruns; a copy under ``saved_{page}_{name}`` brings it back when the student returns
from another page (Streamlit forgets the state of widgets that were not drawn). A bad value in
a link is a warning and the default, never an error.

A control need not be a widget: a whole value with a codec of its own (the builder's design,
``CodecParam``: ``design=1.…``) is read from the link once, then kept as the value itself; a
``Kept`` value is the page's but never in the link (the builder's selected item); a
``TextParam`` names something by a checked text (the feature-map page's ``kept=<job>``). A
control in ``read_only`` is read from the link when the page opens but never written back (the
builder's ``from=``: the link then holds the design itself).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import streamlit as st

from visualizer.state import ChoiceParam, CodecParam, Default, IntParam, Params, Problem, last, shown

# The language: the one control every page shares (the sidebar's, app.py; read from the link
# by visualizer.state.read_lang), under this key in the session.
LANG_KEY = "lang"


def lang() -> str:
    """The language chosen in the shared sidebar (see app.py)."""
    return str(st.session_state.get(LANG_KEY, "ko"))


# Projector mode (app_pages/projector.py draws it): a session setting like the language, read
# by the controls (it is in the link) and by every page that draws a picture.
PRESENT_KEY = "present"


def presenting() -> bool:
    """Whether this session shows the page in projector mode."""
    return bool(st.session_state.get(PRESENT_KEY, False))


# A view opened in place (a step, the teacher's view: app_pages/lecture_mode.py opens it): for
# one run, the page's controls take their values from the link, not from what the session
# remembers.
LINK_WINS = "view_from_link"


def link_wins() -> bool:
    """Whether this run's page must take its controls from the link (the view was just opened
    for it), not from what the session remembers. Asked by the controls, then forgotten."""
    return bool(st.session_state.get(LINK_WINS))


def write_url(params: dict[str, str]) -> None:
    """Make the address bar describe this view (``params``, the language, projector mode), so
    that the link can be shared."""
    wanted = {**params, "lang": lang(), **({PRESENT_KEY: "1"} if presenting() else {})}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


@dataclass(frozen=True)
class Kept:
    """A value of the page kept in the session and never in the link (the builder's selected
    item): its default when the page first opens. A view opened from a link leaves it as it is
    (the link does not hold it); the page changes it with ``Controls.set``."""

    default: Default

    def read(self, params: Params, key: str, problems: list[Problem]) -> Any:
        return self.default

    def text(self, value: Any) -> None:
        return None


@dataclass(frozen=True)
class TextParam:
    """A short text in the link that names something (the feature-map page's kept design,
    ``kept=<job>``): ``valid`` says whether a text can name one; a text that cannot is
    ``problem`` (its value shown as plain text) and the default. None is not written."""

    valid: Callable[[str], bool]
    problem: str
    default: Default = None

    def read(self, params: Params, key: str, problems: list[Problem]) -> Any:
        raw = last(params, key)
        if raw is None:
            return self.default
        if self.valid(raw.strip()):
            return raw.strip()
        problems.append((self.problem, {"value": shown(raw)}))
        return self.default

    def text(self, value: Any) -> str | None:
        return value if isinstance(value, str) and value else None


Spec = IntParam | ChoiceParam | CodecParam | Kept | TextParam
Where = Any  # st, a column or a container: anything with Streamlit's widget methods

# How a one-of-a-few control is drawn: Streamlit's widget for it.
CHOICE_WIDGETS = ("segmented", "select", "radio", "pills", "steps")


def _resolved(spec: Spec, values: dict[str, Any]) -> Spec:
    """``spec`` with its default (and an IntParam's upper bound) worked out from the values read
    before it."""
    default = spec.default(values) if callable(spec.default) else spec.default
    resolved = replace(spec, default=default)
    if isinstance(spec, IntParam) and callable(spec.high):  # a bound of its own
        resolved = replace(resolved, high=spec.high(values))
    return resolved


class Controls:
    """The controls of one page (``page`` prefixes their keys; ``specs`` declares them, in the
    order they are read; ``read_only`` names those the page reads from the link but never
    writes back)."""

    def __init__(self, page: str, specs: dict[str, Spec], *, read_only: tuple[str, ...] = ()) -> None:
        self.page = page
        self.specs = specs
        self.read_only = read_only

    def key(self, name: str) -> str:
        return f"{self.page}_{name}"

    def start(self) -> list[Problem]:
        """Give each control its starting value: the one it had when the student last left
        this page, else the link's, else its default (which may depend on the values read
        before it: the explorer's size on its architecture). Returns the link's problems."""
        problems: list[Problem] = []
        params = st.query_params.to_dict()
        values: dict[str, Any] = {}
        fresh = link_wins()  # a view opened for this page (a step, the teacher's view): its link rules
        for name, spec in self.specs.items():
            key = self.key(name)
            if self.fresh(name):
                saved = None if fresh else st.session_state.get(f"saved_{key}")
                if saved is not None:
                    st.session_state[key] = saved
                else:
                    st.session_state[key] = _resolved(spec, values).read(params, name, problems)
            elif isinstance(spec, ChoiceParam) and st.session_state[key] not in spec.choices:
                # A segmented control sent back empty by the browser (as app.py's language
                # box can be): the value this page last had, else the link's or the default.
                saved = st.session_state.get(f"saved_{key}")
                st.session_state[key] = (saved if saved in spec.choices
                                         else _resolved(spec, values).read(params, name, []))
            values[name] = st.session_state[key]
        return problems

    def fresh(self, name: str) -> bool:
        """Whether ``start`` gives ``name`` a new value on this run (a view opened from a link,
        or the page's first run in this session); asked before ``start``."""
        spec = self.specs[name]
        return (link_wins() and not isinstance(spec, Kept)) or self.key(name) not in st.session_state

    def __getitem__(self, name: str) -> Any:
        return st.session_state[self.key(name)]

    def set(self, name: str, value: Any) -> None:
        """Change a value from a callback (a button that applies a fix, a reset)."""
        st.session_state[self.key(name)] = value

    def at_most(self, name: str, high: int) -> int:
        """Keep a value within a bound that depends on other controls (a layer index on a
        network that has just become shorter). Returns the value."""
        if self[name] > high:
            self.set(name, high)
        return int(self[name])

    def slider(self, name: str, label: str, *, where: Where = st, high: int | None = None,
               **kw: Any) -> int:
        """A slider over the declared range (``high`` narrows it where other controls bound it)."""
        spec = self._int(name)
        top = spec.high if high is None else high
        now = self.at_most(name, top)
        return int(where.slider(label, spec.low, top, value=now, key=self.key(name), **kw))

    def number(self, name: str, label: str, *, where: Where = st, high: int | None = None,
               **kw: Any) -> int:
        """An exact number box over the declared range."""
        spec = self._int(name)
        top = spec.high if high is None else high
        now = self.at_most(name, top)
        return int(where.number_input(label, spec.low, top, value=now, key=self.key(name), step=1, **kw))

    def choice(self, name: str, label: str, *, widget: str = "segmented", where: Where = st,
               options: Iterable[Any] | None = None,
               format_func: Callable[[Any], str] = str, **kw: Any) -> Any:
        """One of the declared choices (or ``options``, where other controls decide which)."""
        spec = self.specs[name]
        shown = list(options) if options is not None else list(getattr(spec, "choices", ()))
        key = self.key(name)
        # Each widget gets its value as its default too (sliders and number boxes likewise). A
        # browser draws a widget once its code has loaded, and a click made before that (a tab,
        # at once, in CI) sent its run no value for it; the widget, drawn then, took its
        # default, and the next run had that: an empty segmented control (a crash, KeyError
        # 'None'), the first item of a list, a slider's lowest value, instead of the link's.
        now = st.session_state.get(key)
        index = {"index": shown.index(now)} if now in shown else {}  # selectbox, radio
        default = {"default": now} if now in shown else {}  # segmented control, pills
        if widget == "segmented":
            return where.segmented_control(label, shown, key=key, required=True,
                                           format_func=format_func, **default, **kw)
        if widget == "select":
            return where.selectbox(label, shown, key=key, format_func=format_func, **index, **kw)
        if widget == "radio":
            return where.radio(label, shown, key=key, format_func=format_func, **index, **kw)
        if widget == "pills":
            return where.pills(label, shown, key=key, format_func=format_func, **default, **kw)
        if widget == "steps":
            return where.select_slider(label, shown, key=key, format_func=format_func,
                                       **({"value": now} if now in shown else {}), **kw)
        raise ValueError(f"widget must be one of {CHOICE_WIDGETS}, got {widget!r}")

    def values(self) -> dict[str, Any]:
        return {name: self[name] for name in self.specs}

    def link(self, extra: dict[str, str] | None = None, *, hidden: Iterable[str] = ()) -> dict[str, str]:
        """Remember the controls across page changes and put them (and ``extra``, such as the
        open tab) in the address bar, but for those ``hidden`` in this view (the kept design
        while a zoo network is shown: remembered, not in the link). Returns the link's
        parameters."""
        values = self.values()
        params: dict[str, str] = {}
        for name, value in values.items():
            st.session_state[f"saved_{self.key(name)}"] = value
            text = self.specs[name].text(value)
            if text is not None and name not in self.read_only and name not in hidden:
                params[name] = text
        params |= extra or {}
        write_url(params)
        return params

    def _int(self, name: str) -> IntParam:
        spec = self.specs[name]
        if not isinstance(spec, IntParam):
            raise TypeError(f"{self.key(name)} is a choice, not a number")
        return spec
