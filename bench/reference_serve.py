"""The reference page (reference_app.py) served as `make run` serves the app (serve.py)."""

import streamlit as st
from starlette.middleware import Middleware

from deploy.compressed_static import CompressedStatic

app = st.App("reference_app.py", middleware=[Middleware(CompressedStatic)])
