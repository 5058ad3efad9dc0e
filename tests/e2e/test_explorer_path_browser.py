"""The explorer is the default page, served at /: a student who types /explorer gets it, in the
link's language and with the link's settings, not Streamlit's English "Page not found"."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import wait_idle
from visualizer.i18n import t

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

STREAMLIT_NOT_FOUND = ("Page not found", "does not seem to exist", "Running the app's main page")


def test_the_explorers_own_path_opens_it_in_korean(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/explorer?lang=ko&arch=resnet18")
    page.wait_for_url(lambda url: urlsplit(url).path == "/")
    wait_idle(page)
    page.get_by_text(t("nav.explorer", "ko")).first.wait_for()
    shown = page.evaluate("() => document.body.innerText")
    assert not [w for w in STREAMLIT_NOT_FOUND if w in shown], shown[:500]
    assert page.locator('[data-testid="stDialog"]').count() == 0
    query = parse_qs(urlsplit(page.url).query)
    assert query["lang"] == ["ko"] and query["arch"] == ["resnet18"]  # the link's own settings
    assert "ResNet-18" in shown


def test_a_mistyped_path_says_so_in_korean(app_url: str, page) -> None:  # type: ignore[no-untyped-def]
    """Streamlit's own "Page not found" dialog, for a path no page has: the words drawn (text
    of a size above 0, and what the stylesheet writes before it) are the catalogue's Korean,
    and none of Streamlit's English is drawn."""
    page.goto(f"{app_url}/no-such-page?lang=ko")
    dialog = page.locator('[data-testid="stDialog"] section[role="dialog"]')
    dialog.wait_for()
    # the page's stylesheet is written once the first run of the page has drawn its sidebar
    page.wait_for_function("() => [...document.querySelectorAll('style')].some("
                           "s => s.textContent.includes('section[role=\"dialog\"]'))")
    drawn = dialog.evaluate("""(box) => {
      const words = [];
      for (const el of box.querySelectorAll('*')) {
        const before = getComputedStyle(el, '::before').content;
        if (before && before !== 'none' && before !== 'normal') words.push(JSON.parse(before));
        for (const n of el.childNodes)
          if (n.nodeType === 3 && n.textContent.trim() && parseFloat(getComputedStyle(el).fontSize) > 0)
            words.push(n.textContent.trim());
      }
      return words;
    }""")
    assert t("st.not_found.title", "ko") in drawn and t("st.not_found.body", "ko") in drawn, drawn
    assert not [w for w in drawn for e in STREAMLIT_NOT_FOUND if e in w], drawn
