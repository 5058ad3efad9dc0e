"""The explorer page (first version): the layer table and totals for one architecture."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models import list_models
from visualizer.analysis import layer_rows
from visualizer.i18n import number, t
from visualizer.trace import ShapeError, trace_named


def render() -> None:
    lang = "en"
    arch = st.sidebar.selectbox(t("side.arch", lang), list_models())
    size = st.sidebar.number_input(t("side.size", lang), 1, 8192, 224)
    try:
        result = trace_named(arch, int(size))
    except ShapeError as exc:
        st.error(exc.message(lang))
        return
    st.title(t("explorer.title", lang))
    st.metric(t("metric.params", lang), number(result.total_params, lang))
    st.metric(t("metric.macs", lang), number(result.total_macs, lang))
    st.dataframe(pd.DataFrame(layer_rows(result, lang)), hide_index=True)
