"""Helpers for driving pages with Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from visualizer import pages

APP = str(Path(__file__).resolve().parents[1] / "app.py")
# Every page a student has, by name (visualizer/pages.py), the default page first.
PAGES = tuple(p.name for p in pages.STUDENT_PAGES)


def open_page(page: str, **params: str) -> AppTest:
    """The app as a browser opening ``/<page>?<params>`` shows it: a fresh session whose first
    run is that page, reading that link."""
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    entry = next(p for p in pages.PAGES if p.name == page)
    if not entry.default:
        at.switch_page(entry.script)
    at.run()
    if params.get("present") == "1":  # a slide's first run waits for its stylesheet: the browser
        at.run()  # says it has it, and the run that follows draws the slide (app_pages/projector.py)
    return at


def text_of(at: AppTest) -> str:
    """All Markdown, code, captions, alerts and metrics of the page, as one string."""
    parts = [e.value for e in (*at.markdown, *at.code, *at.caption, *at.info, *at.success,
                               *at.error, *at.warning, *at.title, *at.subheader)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def slider(at: AppTest, key: str):  # type: ignore[no-untyped-def]
    return next(s for s in (*at.slider, *at.select_slider) if s.key == key)


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Select the lazy tab ``label`` (as the page shows it) and rerun, as a click would."""
    at.session_state[key] = label
    return at.run()
