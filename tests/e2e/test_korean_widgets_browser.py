"""Streamlit's own English on a Korean page (issue 30): the upload box, the number box's hint and
the crash box read in Korean, in a real browser."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_idle
from tests.e2e.labels import wait_drawn
from visualizer.i18n import t

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

ENGLISH = ("Upload", "Drag and drop", "per file", "Press Enter", "This app has encountered",
           "Ask Google", "Ask ChatGPT", "Browse files")

VISIBLE_TEXT_JS = """() => {
  // The text a student sees: every visible text node of the main area, and what CSS draws
  // before or after an element (::before, ::after).
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (n.textContent.trim() && el && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
      out.push(n.textContent.trim());
  }
  main.querySelectorAll('*').forEach(el => {
    for (const pseudo of ['::before', '::after']) {
      const c = getComputedStyle(el, pseudo).content;
      // an element drawn as its children only (display: contents) is as visible as its parent
      const box = getComputedStyle(el).display === 'contents' ? el.parentElement : el;
      if (c && c !== 'none' && c !== 'normal' && box.checkVisibility()) out.push(c.replace(/^"|"$/g, ''));
    }
  });
  return out.join('\\n');
}"""


def _shown(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate(VISIBLE_TEXT_JS))


@pytest.mark.parametrize("path", ["playground?tab=image", "builder", ""])
def test_korean_pages_show_no_streamlit_english(app_url: str, page, path: str) -> None:  # type: ignore[no-untyped-def]
    sep = "&" if "?" in path else "?"
    page.goto(f"{app_url}/{path}{sep}lang=ko")
    wait_idle(page)
    wait_drawn(page)
    boxes = page.locator('[data-testid="stNumberInput"] input')
    if boxes.count():  # typed, not yet applied: Streamlit's hint would show now
        boxes.first.click()
        boxes.first.press_sequentially("5")
        page.wait_for_timeout(300)
    shown = _shown(page)
    if "playground" in path or "builder" in path:
        assert t("st.upload", "ko") in shown  # the upload button, in Korean
    assert not [w for w in ENGLISH if w in shown], shown


def test_crash_box_reads_in_korean(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """Streamlit's crash box (shown as Streamlit draws it with showErrorDetails = "none") says
    what happened in Korean, without its English or its links."""
    page.goto(f"{app_url}/compare?lang=ko")
    wait_idle(page)
    wait_drawn(page)  # settled: no rerun replaces the box drawn below
    page.evaluate("""() => {
      const box = document.createElement('div');
      box.innerHTML = `<div class="stException" data-testid="stException"><div data-testid="stAlertContainer"
        role="alert"><div data-testid="stAlertContentError"><div><div data-testid="stExceptionMessage">
        This app has encountered an error. The original error message is redacted.</div><div>
        <button>Copy</button>
        <a href="https://www.google.com/search?q=x">Ask Google</a><a href="https://chatgpt.com/?q=x">Ask
        ChatGPT</a></div></div></div></div></div>`;
      document.querySelector('[data-testid="stMainBlockContainer"]').prepend(box);
    }""")
    shown = _shown(page)
    assert t("st.crash", "ko") in shown
    assert not [w for w in ENGLISH if w in shown], shown


def test_a_drop_downs_no_results_reads_in_korean(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """A name typed into a drop-down that no option has: Streamlit writes "No results" under it
    (and has no setting for it); on a Korean page the list says so in Korean."""
    page.goto(f"{app_url}/?lang=ko")
    wait_idle(page)
    wait_drawn(page)
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.keyboard.type("zzz")
    options = page.locator('[data-testid="stSelectboxVirtualDropdown"] [role="option"]')
    options.first.wait_for()
    page.wait_for_function("""(words) => [...document.querySelectorAll(
        '[data-testid="stSelectboxVirtualDropdown"] [role="option"]')].some(o => o.textContent === words)""",
                           arg=t("st.no_results", "ko"))
    assert "No results" not in page.inner_text('[data-testid="stSelectboxVirtualDropdown"]')
    page.keyboard.press("Escape")


# The buttons over a chart: each one's name (Plotly writes it as its data-title) and what it does.
TOOLBAR_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] .modebar-btn')].map(
  b => [b.getAttribute('data-title'), b.getAttribute('data-attr') + '=' + b.getAttribute('data-val')])"""


def test_a_charts_toolbar_speaks_korean_and_uploads_nothing(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """Plotly's toolbar over a chart: its buttons were named in English ("Download plot as a
    PNG", "Zoom", "Pan") and one, "Share chart...", uploads the chart to Plotly's cloud (the
    classroom is offline; a student's click would send it out). On a Korean page each button
    it keeps is named in Korean, and there is no share button."""
    page.goto(f"{app_url}/lesson_alexnet?lang=ko&tab=params")
    wait_idle(page)
    wait_drawn(page)
    page.locator('[data-testid="stMain"] .js-plotly-plot').first.hover()
    page.locator('[data-testid="stMain"] .modebar-btn').first.wait_for(state="attached")
    buttons = page.evaluate(TOOLBAR_JS)
    names = [name for name, _ in buttons]
    assert t("plotly.Download plot as a PNG", "ko") in names and t("plotly.Zoom", "ko") in names, buttons
    english = [n for n in names if n and any(c.isascii() and c.isalpha() for c in n.replace("PNG", ""))]
    assert not english, buttons
    assert not [b for b in buttons if "Share" in (b[0] or "") or "Cloud" in b[1]], buttons


def test_a_page_asks_nothing_of_any_other_server(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """The classroom is offline: every request a page makes goes to the app's own server. The
    tab's icon was a Material icon name, which Streamlit fetches from Google's font server: each
    page load failed to reach it, and the tab showed no icon."""
    elsewhere: list[str] = []
    here = app_url.split("://", 1)[1].split("/", 1)[0]
    page.on("request", lambda r: None if r.url.split("://", 1)[-1].startswith(here) or r.url.startswith(
        ("data:", "blob:")) else elsewhere.append(r.url))
    for path in ("?lang=ko", "lesson_alexnet?lang=ko&tab=params"):
        page.goto(f"{app_url}/{path}")
        wait_idle(page)
        wait_drawn(page)
    icon = page.evaluate("() => document.querySelector('link[rel~=\"icon\"]')?.href || ''")
    assert icon.split("://", 1)[-1].startswith(here), icon  # the tab's icon, from the app's server
    assert not elsewhere, elsewhere
