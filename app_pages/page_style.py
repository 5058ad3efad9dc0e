"""The page-wide stylesheet, every page's, in the page's language (issue 30).

Kept apart from app_pages/common.py, which loads PyTorch: a test's small app shows its tables
with this stylesheet and without it (tests/e2e/table_fixture_app.py)."""

from __future__ import annotations

import streamlit as st

from visualizer.i18n import t


def page_style(lang: str) -> None:
    """The page-wide stylesheet (every page, both languages; issue 30), and the little script
    that marks a table wider than its box.

    - **Streamlit's own English, in the page's language.** Streamlit cannot be told other words
      for its upload box, its number boxes' hint or its crash box (streamlit/streamlit#13500),
      so the English is hidden and ours is drawn instead: the upload button reads "파일 고르기"
      (every upload's own label names its formats and size limit, so "10MB per file • PNG,
      JPG" goes); a number box applies on Enter or on leaving it, and its "Press Enter to
      apply", drawn over the value, goes; a crash box says what happened and what to do,
      without its English and its links to Google and ChatGPT (the classroom is offline); a
      mistyped path's "Page not found" says so and that the first page opens; a drop-down's
      "No results" (a name typed that no option has) says so in the page's words.
    - **Korean breaks between words**, never inside one ("픽셀에/서", "아/껴", "내 그/림을"):
      headings, text, captions and labels keep their words whole (a word longer than its line
      still breaks, rather than run off it).
    - **Every tab in sight.** A tab bar wider than the page wraps to a second row: Streamlit
      scrolls it, with only a small arrow as a cue, and a phone showed two and a half of a
      lesson's six tabs.
    - **A table or diagram wider than its box shows that it goes on.** It scrolls sideways,
      and its box's edge cut a number mid-way ("128,049" for 128,049,152; "16(" for 160), or a
      box's title ("집 블록 1의 층 1"), which reads as a wrong number or word. The script marks
      each side where more of it is (``data-more``), and that side fades out under an arrow.
    - **Code that wraps keeps its shape**: a wrapped line goes on two letters to the right of
      where it starts (on a phone, the lecture's ResidualBlock wrapped to the box's left edge
      and its nesting could not be read); a name longer than the line (a notebook's path)
      breaks rather than run out of its box, and a line indented more than 40% of the box
      (a notebook's aligned continuation) goes on at 40%.
    - A table keeps its toolbar's room above it: the toolbar, shown when the table is touched
      or the pointer is over it, sat on the words of the control above it (on a phone and at
      1366 px); and a segmented control's buttons
      wrap to a second line rather than run off the screen ("Every layer" past a 390 px
      phone's edge)."""
    _PAGE_STYLE[lang](key=f"cnnvis_words_{lang}")


# What holds the pages' words: Markdown (text, headings, labels, alerts) and captions.
_TEXT = '[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]'
# Streamlit's own dialog ("Page not found", for a mistyped path): the app's dialogs (the
# glossary, lecture mode's) hold a block of elements, Streamlit's holds only its words.
_NOT_OURS = '[data-testid="stDialog"] section[role="dialog"]:not(:has([data-testid="stVerticalBlock"]))'


def _goes_on(box: str, faded: str, holder: str) -> str:
    """The stylesheet of a box that scrolls sideways (``box``, marked by the script with
    ``data-more``): the element ``faded`` fades out on each side where more of it is, and
    ``holder`` shows an arrow there (``{m}`` in both: the marked box)."""
    def on(side: str) -> str:
        return f'{box}[data-more~="{side}"]'

    fade = "mask-image: linear-gradient(to {}, transparent, #000 3rem{});"
    arrow = ("position: absolute; top: 50%; transform: translateY(-50%); pointer-events: none; "
             "font-size: 1.1rem; line-height: 1.8rem; width: 1.8rem; text-align: center; "
             "border-radius: 50%; color: #1f2937; background: rgba(255, 255, 255, 0.9); "
             "box-shadow: 0 0 0.3rem rgba(0, 0, 0, 0.25); z-index: 1;")
    both = on("left") + '[data-more~="right"]'
    return "\n".join([
        f"{faded.format(m=on('right'))} {{ {fade.format('left', '')} }}",
        f"{faded.format(m=on('left'))} {{ {fade.format('right', '')} }}",
        f"{faded.format(m=both)} {{ {fade.format('right', ', #000 calc(100% - 3rem), transparent')} }}",
        f"{holder.format(m=on('left'))}, {holder.format(m=on('right'))} {{ position: relative; }}",
        f'{holder.format(m=on("right"))}::after {{ content: "→"; right: 0.3rem; {arrow} }}',
        f'{holder.format(m=on("left"))}::before {{ content: "←"; left: 0.3rem; {arrow} }}',
    ])


def _page_css(current: str) -> str:
    def css(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return f"""
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button span[style]::after {{
  content: {css(t("st.upload", current))}; }}
[data-testid="stFileUploaderDropzoneInstructions"] {{ display: none; }}
[data-testid="InputInstructions"] {{ display: none; }}
[data-testid="stDownloadButton"] button p {{ white-space: normal; }}
[data-testid="stButtonGroup"] > div {{ flex-wrap: wrap; }}
[data-testid="stApp"] :is({_TEXT}, :is({_TEXT}) *) {{ word-break: keep-all; overflow-wrap: break-word; }}
[data-testid="stTabs"] [role="tablist"] {{ flex-wrap: wrap; row-gap: 0.25rem; }}
{_goes_on('[data-testid="stDataFrame"]', '{m} [data-testid="stDataFrameResizable"]', '{m}')}
{_goes_on('.cnnvis-diagram', '{m}', ':has(> {m})')}
[data-testid="stCode"] code[style*="pre-wrap"] {{ overflow-wrap: anywhere; }}
[data-testid="stCode"] code > span[data-hang] {{ display: block; padding-left: min(var(--lead), 40%);
  text-indent: calc(-1 * min(var(--lead), 40%)); }}
@media (max-width: 640px) {{ [data-testid="stMetricValue"] {{ font-size: 1.6rem; }} }}
[data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) {{ margin-top: 2.4rem; }}
{_NOT_OURS} > h2 {{ font-size: 0; }}
{_NOT_OURS} > h2::before {{ content: {css(t("st.not_found.title", current))}; font-size: 1.5rem; }}
{_NOT_OURS} > div > div {{ font-size: 0; }}
{_NOT_OURS} > div > div::before {{ content: {css(t("st.not_found.body", current))}; font-size: 1rem; }}
:root {{ --cnnvis-no-results: {css(t("st.no_results", current))}; }}
[data-testid="stException"] [data-testid="stAlertContentError"] > div {{ display: none; }}
[data-testid="stException"] [data-testid="stAlertContentError"]::before {{
  content: {css(t("st.crash", current))}; }}
"""


# Marks each table and diagram with the sides where more of it is, past its box:
# ``data-more="left right"`` (the stylesheet fades that side under an arrow), and each line of
# wrapped code with its indent (``--lead``). Both in the frame after the page changes (a table
# drawn or resized: the grid writes its content's width in a style), something is scrolled or
# the window is resized.
_MORE_JS = r"""
export default function () {
  let queued = false;
  const mark = () => {
    queued = false;
    hang();
    empty();
    // a table's grid scrolls inside it; a diagram's box is its own scroller
    const boxes = [...[...document.querySelectorAll('[data-testid="stDataFrame"]')]
                     .map(frame => [frame, frame.querySelector('.dvn-scroller')]),
                   ...[...document.querySelectorAll('.cnnvis-diagram')].map(box => [box, box])];
    for (const [box, scroller] of boxes) {
      if (!scroller) continue;
      const more = [];
      if (scroller.scrollLeft > 1) more.push('left');
      if (scroller.scrollLeft + scroller.clientWidth < scroller.scrollWidth - 2) more.push('right');
      const value = more.join(' ');
      if ((box.dataset.more || '') === value) continue;
      if (value) box.dataset.more = value; else delete box.dataset.more;
    }
  };
  // a drop-down's "No results" (a name typed that no option has), in the page's words: the
  // stylesheet carries them (--cnnvis-no-results); Streamlit's drop-down has no setting for it
  const empty = () => {
    const options = '[data-testid="stSelectboxVirtualDropdown"] [role="option"] span';
    for (const span of document.querySelectorAll(options)) {
      if (span.textContent !== 'No results') continue;
      const words = getComputedStyle(document.documentElement).getPropertyValue('--cnnvis-no-results');
      span.textContent = words.trim().replace(/^"|"$/g, '') || span.textContent;
    }
  };
  // a code line that wraps goes on under its own start, not at the box's left edge
  const hang = () => {
    const lines = '[data-testid="stCode"] code[style*="pre-wrap"] > span:not([data-hang])';
    for (const line of document.querySelectorAll(lines)) {
      line.dataset.hang = '';
      line.style.setProperty('--lead', (line.textContent.match(/^ */)[0].length + 2) + 'ch');
    }
  };
  const soon = () => { if (!queued) { queued = true; requestAnimationFrame(mark); } };
  const scrollers = '.dvn-scroller, .cnnvis-diagram';
  const onScroll = (e) => { if (e.target.matches && e.target.matches(scrollers)) soon(); };
  const watch = new MutationObserver(soon);
  watch.observe(document.body, { childList: true, subtree: true, attributes: true,
                                 attributeFilter: ['style'] });
  document.addEventListener('scroll', onScroll, true);
  document.addEventListener('input', soon, true);  // a name typed into a drop-down
  window.addEventListener('resize', soon);
  soon();
  return () => {
    watch.disconnect();
    document.removeEventListener('scroll', onScroll, true);
    document.removeEventListener('input', soon, true);
    window.removeEventListener('resize', soon);
  };
}
"""

# A stylesheet a component carries (as projector mode's): no raw HTML element on any page. One
# per language, as the words it writes are the page's.
_PAGE_STYLE = {code: st.components.v2.component(f"cnnvis.words_{code}", html="<span></span>", js=_MORE_JS,
                                                css=_page_css(code), isolate_styles=False)
               for code in ("ko", "en")}
