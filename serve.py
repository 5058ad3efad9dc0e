"""What `make run` serves: the app (app.py) with Streamlit's own scripts sent compressed, and
the teacher's sign-in and sign-out addresses (deploy/teacher.py) and the address where a
following student's page waits for the teacher's next step (deploy/lecture.py).

`streamlit run serve.py` finds ``app`` below and serves app.py through it (Streamlit's
``st.App``). `streamlit run app.py` serves the same app, only with Streamlit's scripts
uncompressed (see deploy/compressed_static.py for what that costs a classroom) and without the
sign-in address: the teacher then opens ``?teacher=<secret>``, which lasts for that tab only.
"""

import contextlib

import streamlit as st
from starlette.middleware import Middleware

from deploy import lecture, teacher
from deploy.compressed_static import CompressedStatic
from deploy.deep_paths import DeepPaths
from visualizer.charts import BROWSER_BUNDLE
from visualizer.roles import teacher_token

# The teacher's secret exists from the server's first second (a missing or damaged one is made
# anew and said on the console), not at the first sign-in. A folder that cannot be written is
# said on the sign-in page instead.
with contextlib.suppress(OSError):
    teacher_token()

# plotly.js is what app_pages/live_chart.py loads from app/static/ (a copy of this same file).
app = st.App("app.py", routes=teacher.ROUTES, middleware=[
    Middleware(DeepPaths),  # a mistyped address two folders deep: its first part, not a blank page
    Middleware(lecture.Poll),
    Middleware(CompressedStatic, extra={"app/static/plotly.min.js": BROWSER_BUNDLE})])
