"""Does a slide fit its screen? Measured in a real browser (issue 28), beside readable.py's
checks of text:

- **fold**: the slide scrolls: something is below the bottom of the screen (Streamlit's main
  area scrolls inside the page: its scroll height against its height), or a picture runs under
  the floating slide bar;
- **right**: a box past the right edge of the screen (a diagram's column, a table);
- **spill**: a chart drawn taller than its box, so the text under it is drawn over it (a slide's
  window that shrank once left the AlexNet volumes 0 px tall);
- **shortened**: a control's label or value cut short ("S…", "본보기: 작은 CNN (Fashio"): a
  button, a widget's label, a tab, a select box's value or a text box's text wider than its box;

and, with the same checks as every page: text under 18 px (a projector's back row), clipped or
crossed by a line (readable.py), and a picture's labels on each other or past its edge
(labels.py).
"""

from __future__ import annotations

from tests.e2e.labels import page_defects
from tests.e2e.readable import Problem, page_problems

JS = r"""
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const found = [];
  const say = (what, text, detail) => found.push({ what, text: String(text).trim().slice(0, 60), detail });
  const visible = (el) => el && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
  if (main.scrollHeight > main.clientHeight + 2)
    say("fold", document.title, `${main.scrollHeight} px tall on a ${main.clientHeight} px screen`);
  const bar = document.querySelector('.st-key-cnnvis_slide_bar');
  const barBox = bar && visible(bar) ? bar.getBoundingClientRect() : null;
  const pictures = '.live-chart, .cnnvis-diagram, [data-testid="stImage"] img, [data-testid="stDataFrame"]';
  main.querySelectorAll(pictures).forEach(el => {
    if (!visible(el)) return;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return;
    const what = el.className || el.getAttribute('data-testid') || el.tagName;
    if (r.bottom > vh + 1) say('fold', what, `its bottom at ${Math.round(r.bottom)} > ${vh}`);
    if (barBox && r.bottom > barBox.top + 2 && r.right > barBox.left + 2 && r.left < barBox.right)
      say('fold', what, `runs under the slide bar (${Math.round(r.bottom)} > ${Math.round(barBox.top)})`);
  });
  // A chart drawn taller than its box: what is under the box is drawn over the picture.
  main.querySelectorAll('.live-chart').forEach(el => {
    const svg = el.querySelector('.main-svg');
    if (!visible(el) || !svg) return;
    const drawn = svg.getBoundingClientRect().height, box = el.getBoundingClientRect().height;
    if (drawn > box + 2)
      say('spill', 'chart', `drawn ${Math.round(drawn)} px tall in a ${Math.round(box)} px box`);
  });
  // Boxes past the right edge (a scroller's own content is checked through its box).
  const blocks = '[data-testid="stElementContainer"], [data-testid="stHorizontalBlock"]';
  main.querySelectorAll(blocks).forEach(el => {
    if (!visible(el)) return;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1) say('right', el.textContent || el.getAttribute('data-testid'),
                                             `right edge ${Math.round(r.right)} > ${vw}`);
  });
  main.querySelectorAll('.cnnvis-diagram').forEach(el => {
    if (visible(el) && el.scrollWidth > el.clientWidth + 2)
      say('right', 'diagram', `${el.scrollWidth} px wide in a ${el.clientWidth} px box`);
  });
  // Labels and values cut short.
  const labelled = 'button, [data-testid="stWidgetLabel"], [role="tab"], [data-baseweb="select"], ' +
                   '[data-testid="stMetricLabel"]';
  document.querySelectorAll(labelled).forEach(box => {
    if (!visible(box) || !main.contains(box) && !box.closest('.st-key-cnnvis_slide_bar')) return;
    box.querySelectorAll('p, span, div').forEach(el => {
      if (el.children.length || !el.textContent.trim() || !visible(el)) return;
      if (el.closest('[data-testid="stIconMaterial"]')) return;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        say('shortened', el.textContent, `${el.scrollWidth} px of text in ${el.clientWidth} px`);
    });
  });
  main.querySelectorAll('input[type="text"], input:not([type])').forEach(el => {
    if (visible(el) && el.scrollWidth > el.clientWidth + 1)
      say('shortened', el.value, `${el.scrollWidth} px of text in ${el.clientWidth} px`);
  });
  return found;
}
"""

# The smallest text a projector's back row reads (issue 30): 18 px.
PROJECTOR_MIN_PX = 18.0


def slide_problems(page) -> list[Problem]:  # type: ignore[no-untyped-def]
    """What keeps the slide on ``page`` from fitting its screen, and its text from reading (too
    small, clipped, crossed: readable.py; a picture's labels on each other: labels.py)."""
    fit = [Problem(**p) for p in page.evaluate(JS)]
    overlaps = [Problem(d.what, " | ".join(d.labels)[:60], d.picture) for d in page_defects(page)]
    return fit + page_problems(page, 0, min_px=PROJECTOR_MIN_PX) + overlaps
