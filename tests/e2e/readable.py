"""What else keeps a screen from reading, found in a real browser (issue 30), beside the label
overlaps of labels.py:

- **small**: text drawn smaller than a minimum (10 px on a laptop or projector, 9 px on a
  phone): HTML text by its computed size, a picture's text by its size on screen (its font
  size times the picture's scale: a wide diagram fitted to a narrow column shrinks its text);
- **clipped**: text its box cuts off: a code block or a metric whose content is wider than
  the box (a formula scrolled out of sight at "= 54" is not read from the back of the room),
  or a table's cell whose drawn text runs into its column's border ("05,504" for 115,605,504);
- **cut**: text beyond the page's right edge (nothing scrolls a page sideways), or a table's
  cell or a diagram cut at its box's edge and drawn as if whole (they scroll sideways: the
  edge must show that it goes on);
- **split**: a Korean word split at a line's end ("픽셀에/서"): Korean breaks between words;
- **wrapped**: a line of code wrapped back to its box's left edge, left of where it starts
  (its nesting is lost; a line indented past about 40% of its box may go on there);
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
  cells are checked by the pixels drawn (TABLES_JS below), beside Streamlit's column settings
  (tests/test_readable.py).

Exported pictures (the slides' PNG and SVG files) are checked from the SVG each PNG is made
from (picture_problems): Graphviz's own SVG, or plotly's through kaleido, drawn 1920 px wide
as on a full-HD projector, with projector mode's 18 px minimum. That found the export page's
wrapped diagrams with each row's last edge slanting over its shape label (DenseNet-201's
64×56×56 … 1000, AlexNet's 9216) and the dashed shortcut over "x (투영: 1×1 합성곱)"; the
notebooks' networks as one strip of 2-3 px text (their blocks were not closed), the lecture's
residual_block as one strip at 11.7-13.6 px and plain56 as rows of 55 layers at 11.2 px (now
rows with the shortcut arched over, and closed plain blocks), and the DenseNet notebook's
opened block in the explorer's diagram with its earlier layers' lines across "32×32×32".

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
  // 1b. Korean split inside a word at a line's end ("픽셀에/서"): a line that ends between two
  // Hangul letters.
  const hangul = /[\uac00-\ud7a3]/;
  const prose = '[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]';
  main.querySelectorAll(prose).forEach(box => {
    if (!visible(box)) return;
    const words = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let n = words.nextNode(); n; n = words.nextNode()) {
      const text = n.textContent;
      if (!hangul.test(text) || n.parentElement.closest('code, pre, svg')) continue;
      let before = null;
      for (let i = 0; i < text.length; i++) {
        if (!hangul.test(text[i])) { before = null; continue; }
        const range = document.createRange(); range.setStart(n, i); range.setEnd(n, i + 1);
        const r = range.getBoundingClientRect();
        if (before && r.top > before.bottom - 2) {
          const from = Math.max(0, text.lastIndexOf(' ', i) + 1), to = text.indexOf(' ', i);
          say('split', text.slice(from, to < 0 ? undefined : to), 'a Korean word split at a line\'s end');
          break;
        }
        before = r;
      }
    }
  });
  // 2b. Code whose lines wrap: a line goes on to the right of where its code starts, never
  // at the box's left edge (its nesting would be lost).
  main.querySelectorAll('[data-testid="stCode"] code').forEach(code => {
    if (!visible(code) || !getComputedStyle(code).whiteSpace.startsWith('pre-wrap')) return;
    for (const line of code.children) {
      const first = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let node = first.nextNode(), at = -1;
      for (; node; node = first.nextNode()) { at = node.textContent.search(/\S/); if (at >= 0) break; }
      if (!node) continue;
      const char = document.createRange(); char.setStart(node, at); char.setEnd(node, at + 1);
      const start = char.getBoundingClientRect();
      const whole = document.createRange(); whole.selectNodeContents(line);
      const rows = [...whole.getClientRects()].filter(r => r.width > 0.5 && r.top > start.bottom - 2);
      const left = Math.min(...rows.map(r => r.left));
      // a line indented deeper than about 40% of its box may go on there (a phone's box holds
      // little more than the indent of a notebook's aligned continuation)
      let holder = code;  // the block the line's indent is a share of
      while (getComputedStyle(holder).display.startsWith('inline')) holder = holder.parentElement;
      const box = holder.getBoundingClientRect(), style = getComputedStyle(holder);
      const inner = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
      const room = holder.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (rows.length && left < Math.min(start.left, inner + 0.35 * room))
        say('wrapped', line.textContent, `a wrapped line at ${Math.round(left)} px, left of its start at ` +
            `${Math.round(start.left)} px`);
    }
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
      const t = { el, text, inv: m.inverse(), x0: box.x + 1, x1: box.x + box.width - 1, y0: top, y1: bottom };
      // its box on screen, to pass over the points of a line far from it at once
      const corners = [[t.x0, t.y0], [t.x1, t.y0], [t.x0, t.y1], [t.x1, t.y1]]
        .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
      t.left = Math.min(...corners.map(c => c.x)); t.right = Math.max(...corners.map(c => c.x));
      t.top = Math.min(...corners.map(c => c.y)); t.bottom = Math.max(...corners.map(c => c.y));
      texts.push(t);
    });
    if (!root.matches('svg')) return;  // lines through text: the diagrams (graphviz)
    root.querySelectorAll('g.edge path, g.cluster path, g.cluster polygon').forEach(path => {
      const m = path.getScreenCTM(); if (!m || !path.getTotalLength) return;
      const length = path.getTotalLength();
      for (let s = 0; s <= length; s += 2) {
        const p = path.getPointAtLength(s).matrixTransform(m);
        for (const t of texts) {  // an edge's own label too: "x (항등 연결)" under its dashed line
          if (p.x < t.left || p.x > t.right || p.y < t.top || p.y > t.bottom) continue;
          const q = new DOMPoint(p.x, p.y).matrixTransform(t.inv);
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


# A table's cell cut short, by what the canvas shows. glide-data-grid draws each cell's text
# 9 px inside its column's borders (its cell padding) and clips it at the cell: a text that fits
# leaves that margin empty, a text cut short (115,605,504 drawn as "05,504", or "Adaptive…")
# has ink against the border, whatever Streamlit's column settings say. The grid draws only the
# rows in its view (about ten; the rest as it scrolls), and only the columns in view: each
# table is scrolled down and sideways so that every row of every column is seen whole once.
# The column is named from the grid's accessible header row (its <th>s follow the columns
# drawn, from the first, partly scrolled out, to the last; a table whose rows can be picked
# has a column of row markers before them), the row by where its ink is.
TABLES_JS = r"""
async (margin) => {
  const found = [];
  const main = document.querySelector('[data-testid="stMain"]');
  const nextFrame = () => new Promise(r => requestAnimationFrame(r));
  const heads = (canvas) => [...canvas.querySelectorAll('th')].map(th => th.textContent);
  // what the canvas shows, as one number: it changes when the grid draws the rows scrolled to
  const look = (canvas) => {
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + d[i + 1]) | 0;
    return h;
  };
  // Scroll positions from 0 to the end, each a step on from the last: half a view's width, or
  // its height less the header row drawn over its top (a row cut by the view's bottom edge is
  // seen in two parts, the rest of it at the top of the next view).
  const stops = (end, step) => {
    const at = [0];
    for (let s = step; end > 0 && s < end; s += step) at.push(s);
    if (end > 0) at.push(end);
    return at;
  };
  for (const frame of main.querySelectorAll('[data-testid="stDataFrame"]')) {
    const canvas = frame.querySelector('canvas[data-testid="data-grid-canvas"]');
    if (!canvas || !canvas.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    // the accessible header row is written a few frames after the grid is first drawn
    for (let i = 0; i < 120 && !canvas.querySelector('th'); i++) await nextFrame();
    const scroller = frame.querySelector('.dvn-scroller');
    const rowCount = Number(canvas.querySelector('table')?.getAttribute('aria-rowcount')) || 1;
    const rowPx = scroller ? scroller.scrollHeight / rowCount : 35;  // the header row counted
    const lefts = scroller ? stops(scroller.scrollWidth - scroller.clientWidth,
                                   scroller.clientWidth / 2) : [0];
    const tops = scroller ? stops(scroller.scrollHeight - scroller.clientHeight,
                                  Math.max(rowPx, scroller.clientHeight - rowPx - 4)) : [0];
    const end = lefts[lefts.length - 1];
    const done = new Set();  // the columns seen whole, every row of them
    let lead = 0;  // the row markers' column (a table whose rows are picked), which stays put
    const scrollTo = async (left, top) => {
      if (!scroller || scroller.scrollLeft === left && scroller.scrollTop === top) return;
      const sideways = scroller.scrollLeft !== left;
      const before = heads(canvas).join('|'), drawn = look(canvas);
      scroller.scrollLeft = left;
      scroller.scrollTop = top;
      // the canvas is drawn again two frames after a scroll, its accessible header row a few
      // frames later (rows that look alike, or a scroll within one wide first column, leave
      // them as they were)
      for (let i = 0; i < 8 && look(canvas) === drawn; i++) await nextFrame();
      for (let i = 0; sideways && i < 8 && heads(canvas).join('|') === before; i++) await nextFrame();
      await nextFrame();
    };
    for (const left of lefts) {
      let columns = [];  // the columns whole in this view not yet seen: [name, left edge, right edge]
      for (const top of tops) {
        await scrollTo(left, top);
        const W = canvas.width, H = canvas.height;
        const dpr = W / canvas.getBoundingClientRect().width;
        const px = canvas.getContext('2d').getImageData(0, 0, W, H).data;
        const grey = new Uint8ClampedArray(W * H);
        for (let i = 0; i < W * H; i++)
          grey[i] = 0.3 * px[4 * i] + 0.59 * px[4 * i + 1] + 0.11 * px[4 * i + 2];
        const lum = (x, y) => grey[y * W + x];
        if (top === 0) {
          // A column's border: a thin light-grey line down most of the canvas (every other
          // row looked at), lighter on both sides.
          const borders = [];
          for (let x = 1; x < W - 1; x++) {
            let n = 0;
            for (let y = 0; y < H; y += 2) {
              const l = lum(x, y);
              if (l > 190 && l < 250 && lum(x - 1, y) > l + 4 && lum(x + 1, y) > l + 4) n++;
            }
            if (n > 0.3 * H) borders.push(x);
          }
          const names = heads(canvas);
          const edges = [0, ...borders, W];
          // Unscrolled, every column drawn has its <th>: one interval more is the markers' column.
          if (left === 0) lead = edges.length - 1 === names.length + 1 && edges[1] <= 48 * dpr ? 1 : 0;
          for (let i = lead; i + 1 < edges.length; i++) {
            if (i === lead && left > 0 || i === edges.length - 2 && left < end) continue;  // partly out
            const name = names[i - lead] || `column ${i + 1 - lead}`;
            if (!done.has(name)) columns.push([name, edges[i], edges[i + 1]]);
          }
          if (!columns.length) break;  // each seen whole at another scroll: no need to go down
        }
        for (const column of columns) {
          const [name, a, b] = column;
          let hit = null;
          for (let y = 0; y < H && !hit; y++)
            for (let x = a + 1; x < b && !hit; x++)
              if ((x <= a + margin * dpr || x >= b - margin * dpr) && lum(x, y) < 160) hit = { x, y };
          if (hit) {
            const wide = Math.round((b - a) / dpr), y = hit.y / dpr;
            const row = Math.floor((top + y) / rowPx);  // 0: the header row
            found.push({ what: 'clipped', text: name,
                         detail: `a table's cell cut at its column's edge (${wide} px wide, ` +
                                 (row ? `row ${row} of ${rowCount - 1})` : 'its header)') });
            done.add(name);
          }
        }
        columns = columns.filter(([name]) => !done.has(name));  // one finding a column
      }
      columns.forEach(([name]) => done.add(name));
    }
    if (scroller && (scroller.scrollLeft || scroller.scrollTop)) {  // left as it was, drawn
      const drawn = look(canvas);
      scroller.scrollLeft = 0;
      scroller.scrollTop = 0;
      for (let i = 0; i < 8 && look(canvas) === drawn; i++) await nextFrame();
    }
  }
  return found;
}
"""

# How close to a column's border a cell's ink may come: the grid pads text by 9 px.
TABLE_MARGIN_PX = 4


@dataclass(frozen=True)
class Problem:
    what: str  # small, clipped, cut, split, wrapped, crossed
    text: str
    detail: str

    def __str__(self) -> str:
        return f"{self.what}: {self.text!r} ({self.detail})"


def smallest(width: int) -> float:
    """The smallest text that reads: 9 px on a phone, 10 px on a laptop or projector."""
    return 9.0 if width < 640 else 10.0


def page_problems(page, width: int, min_px: float | None = None,  # type: ignore[no-untyped-def]
                  tables: bool = True) -> list[Problem]:
    """What keeps ``page`` from reading, with text smaller than ``min_px`` (by default the
    minimum for ``width``) counted as small; its tables' cells too if ``tables`` (a second or
    two a page with a table: the grid is scrolled through). A table or diagram cut at its box's
    edge is looked for at every width (a screenshot of each one wider than its box)."""
    found = page.evaluate(JS, min_px if min_px is not None else smallest(width))
    if tables:
        found += page.evaluate(TABLES_JS, TABLE_MARGIN_PX)
    return [Problem(**p) for p in found] + edge_problems(page)


# A table or diagram wider than its box scrolls sideways, and its box's edge cuts what is there:
# a number cut mid-way reads as a wrong number ("128,049" for 128,049,152), a box's title cut
# as another word ("집 블록 1의 층 1"). What the student sees at that edge is looked at in a
# screenshot (the page as composed, whatever draws it): ink at full strength in its last few
# pixels is something cut there and shown as if whole.
EDGE_PX = 8
INK = 160  # a pixel darker than this is text or a line (a grid's borders and scroll bar are lighter)
# What scrolls sideways: a table's grid, a diagram's box.
SCROLLING = '[data-testid="stMain"] [data-testid="stDataFrame"], [data-testid="stMain"] .cnnvis-diagram'
OVERFLOWING_JS = r"""
(boxes) => {
  const found = [];
  document.querySelectorAll(boxes).forEach((box, index) => {
    const table = box.matches('[data-testid="stDataFrame"]');
    const scroller = table ? box.querySelector('.dvn-scroller') : box;
    const shown = table ? box.querySelector('[data-testid="stDataFrameResizable"]') : box;
    if (!scroller || !shown || !shown.checkVisibility()) return;
    if (scroller.scrollWidth <= scroller.clientWidth + 2) return;
    const heads = [...box.querySelectorAll('th')].map(th => th.textContent);
    const first = box.querySelector('svg text');  // a diagram named by its first text
    found.push({ index, table, name: table ? heads[heads.length - 1] || '' : first ? first.textContent : '',
                 left: scroller.scrollLeft > 1,
                 right: scroller.scrollLeft + scroller.clientWidth < scroller.scrollWidth - 2 });
  });
  return found;
}
"""


def edge_problems(page) -> list[Problem]:  # type: ignore[no-untyped-def]
    """Each table or diagram wider than its box whose edge, on a side where more of it is,
    shows something cut at full strength ("cut")."""
    from io import BytesIO

    from PIL import Image

    found = []
    for box in page.evaluate(OVERFLOWING_JS, SCROLLING):
        shown = page.locator(SCROLLING).nth(box["index"])
        if box["table"]:
            shown = shown.locator('[data-testid="stDataFrameResizable"]')
        shown.scroll_into_view_if_needed()
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        shot = Image.open(BytesIO(shown.screenshot())).convert("L")
        what = "a table's cell" if box["table"] else "a diagram"
        for side, strip in (("right", (shot.width - EDGE_PX, 0, shot.width, shot.height)),
                            ("left", (0, 0, EDGE_PX, shot.height))):
            if not box[side]:
                continue
            darkest = next(value for value, count in enumerate(shot.crop(strip).histogram()) if count)
            if darkest < INK:
                found.append(Problem("cut", box["name"], f"{what} cut at its {side} edge, shown whole "
                                                         f"(ink {darkest} in its last {EDGE_PX} px)"))
    return found


# --- exported pictures (issue 30): the SVG each slide's PNG is made from -----------------------

# A slide's picture fills a full-HD projector's width (1920 px; a 4K file is the same picture
# at twice the pixels): its text must read from the back of the room, as projector mode's.
SLIDE_PX = 1920
SLIDE_MIN_PX = 18.0


def show_picture(page, svg: str, width: int = SLIDE_PX) -> None:  # type: ignore[no-untyped-def]
    """An exported SVG (Graphviz's or plotly's through kaleido) as a slide shows it: ``width``
    px wide, as the app's diagrams are marked (so both checks see it as a picture that does
    not scroll sideways: all of it is on the slide)."""
    body = svg[svg.index("<svg"):]
    page.set_viewport_size({"width": width + 40, "height": 1200})
    page.set_content("<html><body style='margin:0'><div data-testid='stMain'>"
                     f"<div class='cnnvis-diagram' style='width:{width}px'>{body}</div></div>"
                     "<style>.cnnvis-diagram > svg { width: 100%; height: auto; display: block }"
                     "</style></body></html>")
    page.wait_for_function("() => document.fonts.status === 'loaded'")


def picture_problems(page, svg: str, width: int = SLIDE_PX,  # type: ignore[no-untyped-def]
                     min_px: float = SLIDE_MIN_PX) -> list[Problem]:
    """What keeps an exported picture from reading on a slide: its text too small, crossed by
    a line, on another text or cut at the picture's edge (labels.py's overlap and edge)."""
    from tests.e2e.labels import page_defects

    show_picture(page, svg, width)
    overlaps = [Problem(d.what, " | ".join(d.labels)[:60], d.picture) for d in page_defects(page)]
    return page_problems(page, width, min_px=min_px) + overlaps
