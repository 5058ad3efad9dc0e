"""Entry point: the shared sidebar and st.navigation over app_pages/; nothing else."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="CNN Visualizer", page_icon="🧠", layout="wide")

from app_pages import explorer  # noqa: E402  (set_page_config must come first)

st.navigation([st.Page(explorer.render, title="Explorer", url_path="explorer", default=True)]).run()
