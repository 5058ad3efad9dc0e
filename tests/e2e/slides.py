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
- **heading**: the first line of the block after a heading drawn on the heading's last line (the
  boxes of their letters overlap: Streamlit pulls the block after a heading up by 1rem, more
  than a slide's heading leaves);
- **cut**: a diagram taller than its box (it scrolls, opened on its lit box) whose box's top or
  bottom edge runs through one of its boxes or a shape's label, where another view would show
  the lit box with no such cut (AlexNet's pool2 cut in half at 1920x1080);
- **sideways**: a table wider than its box: on a slide nobody scrolls it, and its box's edge cuts
  its last column under the edge's fade (ResNet ⑤'s two tables side by side showed their
  projections' parameters as "3", "13", "2."). A diagram may scroll: it keeps its text at 18 px;
- **small** in a table: a table (a canvas: readable.py's check of text sizes cannot read it) whose
  rows' letters are drawn shorter than the same words drawn at the projector's minimum, in the
  grid's own font and colour (the grid measures its type once, when it first draws: drawn
  before the projector's stylesheet, Inception's table kept a laptop's 15 px on the slide);

and, with the same checks as every page: text under 18 px (a projector's back row), clipped or
crossed by a line (readable.py), and a picture's labels on each other or past its edge
(labels.py).
"""

from __future__ import annotations

from tests.e2e.labels import page_defects
from tests.e2e.readable import OVERFLOWING_JS, SCROLLING, Problem, page_problems

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
  // A diagram taller than its box, opened on its lit box: neither edge of its box through a box
  // of it or a shape's label, where some view would show the lit box whole with no such cut
  // (every scroll position tried, a pixel apart; centred on its lit box, an edge cut AlexNet's
  // pool2 in half at 1920x1080).
  main.querySelectorAll('.cnnvis-diagram').forEach(el => {
    const lit = el.querySelector('svg [stroke-width="3"]');
    if (!visible(el) || !lit || el.scrollHeight <= el.clientHeight + 2) return;
    const frame = el.getBoundingClientRect(), origin = frame.top - el.scrollTop, view = el.clientHeight;
    const span = (part) => {
      const b = part.getBoundingClientRect();
      return [b.top - origin, b.bottom - origin];
    };
    const parts = [...el.querySelectorAll('svg g.node, svg g.edge text')];
    const spans = parts.map(span), [litTop, litBottom] = span(lit.closest('g.node') || lit);
    const cuts = (top) => parts.filter((_, i) => [top, top + view].some(
      edge => spans[i][0] < edge - 1 && spans[i][1] > edge + 1));
    let clean = false;
    for (let top = 0; top <= el.scrollHeight - view && !clean; top++)
      clean = litTop >= top && litBottom <= top + view && !cuts(top).length;
    if (clean) cuts(el.scrollTop).forEach(part => say('cut', part.textContent, 'cut by its box\'s edge'));
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
  // A heading's last line and the first line of the block after it: the boxes of their letters
  // (a text's box spans its font's ascent and descent, not its line's leading).
  const letters = (el) => {
    const boxes = [], walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.textContent.trim() || !visible(n.parentElement) || n.parentElement.closest('svg')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const b of range.getClientRects()) if (b.width > 0 && b.height > 0) boxes.push(b);
    }
    return boxes;
  };
  main.querySelectorAll('[data-testid="stHeading"]').forEach(heading => {
    const own = heading.closest('[data-testid="stElementContainer"]');
    if (!own || !visible(heading)) return;
    let next = own.nextElementSibling;
    while (next && !next.getBoundingClientRect().height) next = next.nextElementSibling;
    // the next block's own lines (not a picture's labels, nor what its box has scrolled away)
    const box = next && next.getBoundingClientRect();
    const head = letters(heading);
    const after = next ? letters(next).filter(b => b.top >= box.top - 1) : [];
    if (!head.length || !after.length) return;
    const bottom = Math.max(...head.map(b => b.bottom)), top = Math.min(...after.map(b => b.top));
    if (top < bottom - 0.5)
      say('heading', `${heading.textContent} | ${next.textContent}`,
          `the next block's first line ${(bottom - top).toFixed(1)} px into the heading's last`);
  });
  return found;
}
"""

# How tall a table's letters are drawn, by their pixels: each canvas of the grid (its header row
# is drawn on a canvas of its own, over the body's) is read row of pixels by row of pixels; a run
# of rows holding ink (darker than INK) is one line of the table, its height the height of the
# tallest letters of that line. The same words are drawn off screen at the minimum size, in the
# grid's font, weight and colour, and measured the same way: a line whose ink is shorter than
# theirs is drawn smaller than the minimum (by the ratio of the two).
TABLE_TYPE_JS = r"""
async (minPx) => {
  const INK = 160, found = [];
  const lines = (canvas) => {  // [top, height] of each run of inked rows, in CSS pixels
    const W = canvas.width, H = canvas.height;
    if (!W || !H) return [];
    const shown = canvas.getBoundingClientRect().width;  // the probe, off the page, has none
    const dpr = shown ? W / shown : 1;
    const d = canvas.getContext('2d').getImageData(0, 0, W, H).data;
    const runs = [];
    let start = -1;
    for (let y = 0; y <= H; y++) {
      let inked = false;
      for (let x = 0; y < H && x < W && !inked; x++) {
        const i = (y * W + x) * 4, a = d[i + 3] / 255;
        inked = (0.3 * d[i] + 0.59 * d[i + 1] + 0.11 * d[i + 2]) * a + 255 * (1 - a) < INK;
      }
      if (inked && start < 0) start = y;
      if (!inked && start >= 0) { runs.push([start / dpr, (y - start) / dpr]); start = -1; }
    }
    return runs;
  };
  const probe = document.createElement('canvas');
  const reference = (text, style, family, colour) => {  // the ink of text drawn at minPx
    const font = `${style.replace(/[\d.]+px/, '')} ${minPx}px ${family}`.trim();
    const ctx = probe.getContext('2d');
    ctx.font = font;
    probe.width = Math.ceil(ctx.measureText(text).width) + 8;
    probe.height = Math.ceil(minPx * 3);
    ctx.font = font;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, probe.width, probe.height);
    ctx.fillStyle = colour;
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(text, 4, minPx * 2);
    return Math.max(0, ...lines(probe).map(r => r[1]));
  };
  for (const frame of document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]')) {
    const body = frame.querySelector('canvas[data-testid="data-grid-canvas"]');
    const grid = frame.querySelector('.stDataFrameGlideDataEditor');
    const shown = body && body.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    if (!grid || !shown) continue;
    // the grid writes its words (an accessible table in the canvas) a few frames after it draws
    const frameOn = () => new Promise(r => requestAnimationFrame(r));
    for (let i = 0; i < 120 && !body.querySelector('th'); i++) await frameOn();
    const vars = getComputedStyle(grid), v = (name) => vars.getPropertyValue(name).trim();
    const family = v('--gdg-font-family') || 'sans-serif';
    const rows = [...body.querySelectorAll('tr')].map(tr =>
      [...tr.querySelectorAll('th, td')].map(c => c.textContent.trim()).filter(Boolean).join(' '));
    if (!rows.length) continue;
    const heads = [...frame.querySelectorAll('canvas')].filter(c => c !== body).flatMap(lines);
    const groups = [  // [lines drawn, their words, style, colour]
      [heads, rows.slice(0, 1), v('--gdg-header-font-style'), v('--gdg-text-header') || '#000'],
      [lines(body), rows.slice(1), v('--gdg-base-font-style'), v('--gdg-text-dark') || '#000']];
    let worst = null;
    for (const [drawn, words, style, colour] of groups) {
      const texts = words.filter(Boolean);
      if (!drawn.length || !texts.length) continue;
      // line by line where the lines drawn are the rows read; else the tallest line against all
      // the words at once
      const pairs = drawn.length === texts.length ? drawn.map((r, i) => [r[1], texts[i]])
        : [[Math.max(...drawn.map(r => r[1])), texts.join(' ')]];
      for (const [ink, text] of pairs) {
        const ref = reference(text, style, family, colour);
        if (!ref) continue;
        const px = minPx * ink / ref;
        if (!worst || px < worst.px) worst = { px, text, ink, ref };
      }
    }
    // a pixel of ink either way is the edge of a letter, smoothed
    if (worst && worst.ink < worst.ref - 1)
      found.push({ what: 'small', text: worst.text.slice(0, 60),
                   detail: `a table's text drawn about ${worst.px.toFixed(1)} px (letters ${worst.ink} px ` +
                           `tall, ${worst.ref} px at ${minPx} px)` });
  }
  return found;
}
"""

# The smallest text a projector's back row reads (issue 30): 18 px.
PROJECTOR_MIN_PX = 18.0


def table_type_problems(page, min_px: float = PROJECTOR_MIN_PX) -> list[Problem]:  # type: ignore[no-untyped-def]
    """Each table whose text is drawn smaller than ``min_px`` (TABLE_TYPE_JS): "small"."""
    return [Problem(**p) for p in page.evaluate(TABLE_TYPE_JS, min_px)]


def slide_problems(page) -> list[Problem]:  # type: ignore[no-untyped-def]
    """What keeps the slide on ``page`` from fitting its screen, and its text from reading (too
    small, clipped, crossed: readable.py; a picture's labels on each other: labels.py)."""
    fit = [Problem(**p) for p in page.evaluate(JS)] + table_type_problems(page)
    fit += [Problem("sideways", box["name"], "a table wider than its box: its last column cut")
            for box in page.evaluate(OVERFLOWING_JS, SCROLLING) if box["table"]]
    overlaps = [Problem(d.what, " | ".join(d.labels)[:60], d.picture) for d in page_defects(page)]
    return fit + page_problems(page, 0, min_px=PROJECTOR_MIN_PX) + overlaps
