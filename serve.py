"""What `make run` serves: the app (app.py) with Streamlit's own scripts sent compressed.

`streamlit run serve.py` finds ``app`` below and serves app.py through it (Streamlit's
``st.App``). `streamlit run app.py` serves the same app, only with Streamlit's scripts
uncompressed: see deploy/compressed_static.py for what that costs a classroom.
"""

import streamlit as st
from starlette.middleware import Middleware

from deploy.compressed_static import CompressedStatic
from visualizer.charts import BROWSER_BUNDLE

# plotly.js is what app_pages/live_chart.py loads from app/static/ (a copy of this same file).
app = st.App("app.py", middleware=[
    Middleware(CompressedStatic, extra={"app/static/plotly.min.js": BROWSER_BUNDLE})])
