"""What else keeps a screen from reading, found in a real browser (issue 30), beside the label
overlaps of labels.py:

- **small**: text drawn smaller than a minimum (10 px on a laptop or projector, 9 px on a
  phone): HTML text by its computed size, a picture's text by its size on screen (its font
  size times the picture's scale: a wide diagram fitted to a narrow column shrinks its text);
- **clipped**: text its box cuts off: a code block or a metric whose content is wider than
  the box (a formula scrolled out of sight at "= 54" is not read from the back of the room);
- **cut**: text beyond the page's right edge (nothing scrolls a page sideways);
- **crossed**: a diagram's line through a text (an edge over a block's title or a label).

Why labels.py alone missed overlaps the issue lists (found out on this tree, 2026-12-05):

- it compared each label's font box trimmed by a fixed 35% of its height; a tick label with a
  raised exponent (10⁻²) has the exponent in the trimmed-off top, so the "2" plotly writes
  beside it was never seen touching it. It now compares ink: from the baseline up by the
  letters' height and down by their descent, and a raised label's whole box. That found the
  Inception gradient chart's 10⁻² … on a "2" at 1366 and 390 px, and Figure 1's longer Korean
  panel titles on its "100" tick at 360 px;
- it looked only at the text of pictures: never at HTML text (the headline's exact count ran
  8 px past a phone's edge), at text size (bar values of 4.6-6.2 px on a phone, diagrams at
  8 px), at a code box narrower than its formula, or at a diagram's lines;
- tables are drawn on a canvas (glide-data-grid), where no DOM text can be measured: their
  columns are checked through Streamlit's column settings instead (tests/test_readable.py).

The family chart's ResNet-152 on a "0" tick and the flow chart's pool5 on flatten did not
reproduce here (the family chart's right axis has round ticks since; see issue 30's note).
"""

from __future__ import annotations

from dataclasses import dataclass

JS = r"""
(minPx) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const found = [];
  const vw = document.documentElement.clientWidth;
  const say = (what, text, detail) => found.push({ what, text: String(text).trim().slice(0, 60), detail });
  const visible = (el) => el && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  // 1. HTML text: size, and past the page's right edge.
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest('svg') || !visible(el)) continue;
    const skip = '[data-testid="stIconMaterial"], [translate="no"], .modebar, ' +
                 '[data-testid="stElementToolbar"]';
    if (el.closest(skip)) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minPx - 0.05) say('small', n.textContent, `${size.toFixed(1)} px`);
    const scroller = el.closest('pre, [data-testid="stTabs"] [role="tablist"], .cnnvis-diagram, ' +
                                '[data-testid="stDataFrame"]');
    if (!scroller && r.right > vw + 1) say('cut', n.textContent, `right edge ${Math.round(r.right)} > ${vw}`);
  }
  // 2. Boxes narrower than their text: code blocks, metric values, captions of pictures.
  const boxes = '[data-testid="stCode"] pre, [data-testid="stMetricValue"], [data-testid="stMetricLabel"], ' +
                'button [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]';
  main.querySelectorAll(boxes).forEach(el => {
    if (!visible(el) || el.scrollWidth <= el.clientWidth + 2) return;
    say('clipped', el.textContent, `${el.scrollWidth} px in ${el.clientWidth} px`);
  });
  // 3. Pictures' text on screen: size; a diagram's lines through its text.
  const pictures = '.js-plotly-plot, .cnnvis-diagram > svg, [data-testid="stGraphVizChart"] svg';
  main.querySelectorAll(pictures).forEach(root => {
    const texts = [];
    root.querySelectorAll('text').forEach(el => {
      const text = (el.textContent || '').trim();
      if (!text || !visible(el) || el.closest('.hoverlayer, .modebar, defs, clipPath')) return;
      const m = el.getScreenCTM(); if (!m) return;
      const box = el.getBBox(); if (!box.width || !box.height) return;
      const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      const size = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (size < minPx - 0.05) say('small', text, `${size.toFixed(1)} px on screen`);
      let baseline = box.y + box.height * 0.8;
      try { baseline = el.getStartPositionOfChar(0).y; } catch (e) {}
      const fs = parseFloat(getComputedStyle(el).fontSize);
      const top = Math.max(box.y, baseline - 0.74 * fs);
      const bottom = Math.min(box.y + box.height, baseline + 0.05 * fs);
      texts.push({ el, text, m, x0: box.x + 1, x1: box.x + box.width - 1, y0: top, y1: bottom });
    });
    if (!root.matches('svg')) return;  // lines through text: the diagrams (graphviz)
    root.querySelectorAll('g.edge path, g.cluster path, g.cluster polygon').forEach(path => {
      const m = path.getScreenCTM(); if (!m || !path.getTotalLength) return;
      const length = path.getTotalLength();
      for (let s = 0; s <= length; s += 2) {
        const p = path.getPointAtLength(s).matrixTransform(m);
        for (const t of texts) {  // an edge's own label too: "x (항등 연결)" under its dashed line
          const q = new DOMPoint(p.x, p.y).matrixTransform(t.m.inverse());
          if (q.x > t.x0 && q.x < t.x1 && q.y > t.y0 && q.y < t.y1) {
            say('crossed', t.text, `a line at (${Math.round(p.x)}, ${Math.round(p.y)})`);
            t.x1 = t.x0;  // once per text
          }
        }
      }
    });
  });
  return found;
}
"""


@dataclass(frozen=True)
class Problem:
    what: str  # small, clipped, cut, crossed
    text: str
    detail: str

    def __str__(self) -> str:
        return f"{self.what}: {self.text!r} ({self.detail})"


def smallest(width: int) -> float:
    """The smallest text that reads: 9 px on a phone, 10 px on a laptop or projector."""
    return 9.0 if width < 640 else 10.0


def page_problems(page, width: int, min_px: float | None = None) -> list[Problem]:  # type: ignore[no-untyped-def]
    """What keeps ``page`` from reading, with text smaller than ``min_px`` (by default the
    minimum for ``width``) counted as small."""
    return [Problem(**p) for p in page.evaluate(JS, min_px if min_px is not None else smallest(width))]
