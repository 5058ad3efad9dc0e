"""What every page shares: the language, URL problems, and the cached trace."""

from __future__ import annotations

from typing import Any

import streamlit as st

from visualizer.i18n import t
from visualizer.records import TraceResult
from visualizer.state import Problem
from visualizer.trace import trace_named

LANG_KEY = "lang"


def lang() -> str:
    """The language chosen in the shared sidebar (see app.py)."""
    return str(st.session_state.get(LANG_KEY, "ko"))


def show_problems(problems: list[Problem]) -> None:
    """One friendly warning per bad URL value, each naming the value and the fallback."""
    for key, values in problems:
        st.warning(t(key, lang(), **values), icon="🔗")


def write_url(params: dict[str, str]) -> None:
    """Make the address bar describe this view, so that the link can be shared."""
    wanted = {**params, "lang": lang()}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


@st.cache_data(max_entries=512, show_spinner=False)
def cached_trace(arch: str, size: int, config: tuple[tuple[str, Any], ...] = ()) -> TraceResult:
    """A trace, computed once per setting for every student (bounded: 512 settings)."""
    return trace_named(arch, size, **dict(config))
