"""Labels that touch or are cut off, found in a real browser.

Every picture on the page (a plotly chart, a graphviz diagram) is an SVG; every text label in it
is a ``<text>`` element. For each visible label the script takes its box in its own coordinates
(``getBBox``) and carries the four corners to the screen (``getScreenCTM``), so a label rotated
by 45 degrees is the slanted box it really is, not the square around it. Two labels of one
picture overlap when their boxes intersect (the separating-axis test of two convex quads), after
trimming each box by a little (a font's box is taller than its letters: two lines of one label
touch by design). A label crosses its picture's edge when a corner lies outside the picture: the
SVG, cut by the page's column and by a clip path the label sits in (plotly clips points' labels
to the plot area, so a label outside it is drawn cut, or not at all).
"""

from __future__ import annotations

from dataclasses import dataclass

# Pictures: plotly's (st.plotly_chart and the app's live chart) and graphviz's.
# Pictures: plotly's (st.plotly_chart and the app's live chart) and graphviz's (the app's
# diagram component, and st.graphviz_chart where dot is missing).
PICTURES = ('[data-testid="stMain"] .js-plotly-plot, [data-testid="stMain"] .cnnvis-diagram > svg, '
            '[data-testid="stMain"] [data-testid="stGraphVizChart"] svg')

JS = r"""
(selector) => {
  const TRIM_Y = 0.35, TRIM_X = 1.0;  // fraction of a box's height, pixels of its width
  const pictures = [];
  const inkSpan = (el, text, box) => {
    // [top, bottom] of the drawn letters in the element's own units: Hangul and capitals
    // reach ~0.88 / 0.74 of the font size above the baseline; g, j, p, q, y and brackets
    // 0.22 below it. Falls back to the box where the baseline cannot be read.
    const fs = parseFloat(getComputedStyle(el).fontSize) || box.height / 1.25;
    let baseline;
    try { baseline = el.getStartPositionOfChar(0).y; } catch (e) { return [box.y, box.y + box.height]; }
    const hangul = /[\uac00-\ud7a3]/.test(text);
    const up = (hangul ? 0.88 : /[A-Z0-9bdfhklt]/.test(text) ? 0.74 : 0.55) * fs;
    const down = (/[gjpqy()\[\],]/.test(text) ? 0.22 : hangul ? 0.08 : 0.02) * fs;
    const raised = el.querySelector('tspan[dy], tspan[baseline-shift]');  // 10⁻²: its exponent
    const top = raised ? box.y : Math.max(box.y, baseline - up);
    const bottom = raised ? box.y + box.height : Math.min(box.y + box.height, baseline + down);
    return bottom > top ? [top, bottom] : [box.y, box.y + box.height];
  };
  const clipRect = (el) => {
    // The screen rectangle of the nearest clip path around el (plotly's rect clips), or null.
    for (let node = el; node && node.getAttribute; node = node.parentNode) {
      const ref = node.getAttribute('clip-path');
      if (!ref) continue;
      const id = (ref.match(/url\(["']?#([^"')]+)/) || [])[1];
      const rect = id && node.ownerSVGElement && node.ownerSVGElement.querySelector(`[id="${id}"] rect`);
      const m = node.getScreenCTM && node.getScreenCTM();
      if (!rect || !m) return null;
      const x = rect.x.baseVal.value, y = rect.y.baseVal.value;
      const w = rect.width.baseVal.value, h = rect.height.baseVal.value;
      const a = new DOMPoint(x, y).matrixTransform(m), b = new DOMPoint(x + w, y + h).matrixTransform(m);
      return { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), right: Math.max(a.x, b.x),
               bottom: Math.max(a.y, b.y) };
    }
    return null;
  };
  document.querySelectorAll(selector).forEach((root, index) => {
    let frame = root.getBoundingClientRect();
    if (frame.width < 2 || frame.height < 2) return;  // not drawn (a closed tab, a hidden chart)
    // A chart is cut by its column; a diagram too wide for its column scrolls (all of it can
    // be seen), so its own box is its edge.
    const scrolls = root.closest('.cnnvis-diagram');
    const container = scrolls ? null : root.closest('[data-testid="stElementContainer"]');
    const limit = container ? container.getBoundingClientRect() : frame;
    frame = { left: Math.max(frame.left, limit.left), top: frame.top,
              right: Math.min(frame.right, limit.right), bottom: frame.bottom };
    const labels = [];
    root.querySelectorAll('text').forEach(el => {
      const text = (el.textContent || '').trim();
      if (!text || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return;
      if (el.closest('.hoverlayer, .modebar, defs, clipPath')) return;  // hover boxes, toolbar
      let box;
      try { box = el.getBBox(); } catch (e) { return; }
      if (box.width === 0 || box.height === 0) return;
      const m = el.getScreenCTM();
      if (!m) return;
      const lines = [...el.querySelectorAll('tspan.line')];
      const upright = Math.abs(m.b) < 1e-6 && Math.abs(m.c) < 1e-6;
      let quads;
      if (lines.length > 1 && upright) {  // plotly's lines of one label, each its own box
        quads = lines.map(line => {
          const r = line.getBoundingClientRect();
          const dy = r.height * TRIM_Y / 2, dx = Math.min(TRIM_X, r.width / 4);
          return [[r.left + dx, r.top + dy], [r.right - dx, r.top + dy], [r.right - dx, r.bottom - dy],
                  [r.left + dx, r.bottom - dy]];
        }).filter(q => q[1][0] > q[0][0]);
      } else {
        // The ink, not the font's box: from the baseline up by the letters' height, down by
        // their descent (a box trimmed by a fixed share hid a rotated name on a "0" tick).
        const [top, bottom] = inkSpan(el, text, box);
        const dx = Math.min(TRIM_X, box.width / 4);
        quads = [[[box.x + dx, top], [box.x + box.width - dx, top],
                  [box.x + box.width - dx, bottom], [box.x + dx, bottom]]
          .map(([x, y]) => { const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; })];
      }
      const clip = clipRect(el);
      if (clip) {
        const xs = quads.flat().map(p => p[0]), ys = quads.flat().map(p => p[1]);
        const outside = Math.max(...xs) < clip.left || Math.min(...xs) > clip.right ||
                        Math.max(...ys) < clip.top || Math.min(...ys) > clip.bottom;
        if (outside) return;  // clipped away entirely: not drawn
      }
      const owner = el.closest('g.node, g.edge');
      labels.push({ text, quads, clip, group: owner ? owner.id || null : null });
    });
    const kind = root.matches('svg') ? 'graphviz' : 'plotly';
    const title = (root.querySelector('.gtitle') || {}).textContent || '';
    // Each y axis's title beside its axis: its length along the axis against the plot's height
    // (the tallest of the subplots on that axis: plotly's drag rectangles, one per subplot).
    // Longer, it runs into the title or the legend above the plot. An x axis's title wider
    // than its plot only reaches into the side margins (the edge check sees it cut).
    const titles = [];
    if (kind === 'plotly') {
      root.querySelectorAll('.infolayer g[class^="g-y"][class$="title"]').forEach(g => {
        const m = g.getAttribute('class').match(/^g-y(\d*)title$/);
        const el = g.querySelector('text');
        const text = el ? (el.textContent || '').trim() : '';
        if (!m || !text || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return;
        const mine = new RegExp(`^x\\d*y${m[1]}$`);
        let room = 0;
        root.querySelectorAll('.draglayer > g').forEach(sub => {
          const drag = mine.test(sub.getAttribute('class') || '') && sub.querySelector('rect.nsewdrag');
          if (drag) room = Math.max(room, drag.getBoundingClientRect().height);
        });
        if (room > 0) titles.push({ text, length: el.getBoundingClientRect().height, room });
      });
    }
    pictures.push({ index, kind, title, frame, labels, titles });
  });
  return pictures;
}
"""


@dataclass(frozen=True)
class Defect:
    picture: str  # "plotly 2 'Title'"
    what: str     # "overlap" or "edge"
    labels: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.picture}: {self.what}: " + " | ".join(repr(s[:40]) for s in self.labels)


def _axes(quad: list[list[float]]) -> list[tuple[float, float]]:
    out = []
    for i in range(2):
        (x1, y1), (x2, y2) = quad[i], quad[i + 1]
        out.append((-(y2 - y1), x2 - x1))
    return out


def quads_overlap(a: list[list[float]], b: list[list[float]]) -> bool:
    """Whether two convex quadrilaterals share area (separating-axis theorem)."""
    for ax, ay in _axes(a) + _axes(b):
        pa = [x * ax + y * ay for x, y in a]
        pb = [x * ax + y * ay for x, y in b]
        if max(pa) <= min(pb) + 1e-6 or max(pb) <= min(pa) + 1e-6:
            return False
    return True


def _inside(quad: list[list[float]], box: dict[str, float], slack: float = 1.0) -> bool:
    return all(box["left"] - slack <= x <= box["right"] + slack and
               box["top"] - slack <= y <= box["bottom"] + slack for x, y in quad)


def defects(pictures: list[dict]) -> list[Defect]:  # type: ignore[type-arg]
    """Every pair of overlapping labels, every label across its picture's edge, and every y axis
    title longer than its plot is tall ("long title": on a slide, "‖∂손실/∂W‖ (로그 눈금)" ran ~50 px
    past the top of ResNet's gradient plot, inside the picture, so no edge was crossed)."""
    found: list[Defect] = []
    for pic in pictures:
        name = f"{pic['kind']} {pic['index']} {pic['title'][:30]!r}"
        for title in pic.get("titles", ()):
            if title["length"] > title["room"] + 2:
                found.append(Defect(name, "long title", (title["text"],)))
        labels = pic["labels"]
        for label in labels:
            clip = label["clip"]
            if any(not _inside(q, pic["frame"]) or (clip and not _inside(q, clip, 2.0))
                   for q in label["quads"]):
                found.append(Defect(name, "edge", (label["text"],)))
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                if a.get("group") is not None and a.get("group") == b.get("group"):
                    continue  # lines of one graphviz box or edge label: one label, set by design
                if any(quads_overlap(qa, qb) for qa in a["quads"] for qb in b["quads"]):
                    found.append(Defect(name, "overlap", (a["text"], b["text"])))
    return found


def page_defects(page) -> list[Defect]:  # type: ignore[no-untyped-def]
    """The defects of every picture on the page as the browser shows it now."""
    return defects(page.evaluate(JS, PICTURES))


DRAWN_JS = r"""
(selector) => {
  // Every live chart has drawn its SVG and every graphviz diagram is in the page.
  const hosts = [...document.querySelectorAll('[data-testid="stMain"] .live-chart')];
  return hosts.every(h => h.querySelector('.main-svg') || h.textContent.trim());
}
"""


SETTLED_JS = r"""
() => {
  // Streamlit has finished its run (no running indicator), and the page has not changed since
  // the last look: its number of elements and of drawn pictures are the same twice in a row.
  const main = document.querySelector('[data-testid="stMain"]');
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = app && app.getAttribute('data-test-script-state') === 'notRunning';
  if (!main || !idle || document.querySelector('[data-testid="stStatusWidget"]')) {
    window.cnnvisSeen = null;
    return false;
  }
  const drawn = '.main-svg, .cnnvis-diagram > svg, [data-testid="stGraphVizChart"] svg';
  const now = main.querySelectorAll('[data-testid="stElementContainer"]').length + ':' +
              main.querySelectorAll(drawn).length + ':' + main.innerText.length;
  const same = window.cnnvisSeen === now;
  window.cnnvisSeen = now;
  return same;
}
"""


# Two frames drawn: what a resize or a scroll set off (a diagram refitting to its box) is on the screen.
REFIT_JS = "() => new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok)))"
# After the window changes size, every chart has been drawn again at its new width (a chart
# measured mid-redraw, at its old width, had its labels on each other).
REDRAWN_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] .live-chart')].every(h => {
  const svg = h.querySelector('.main-svg');
  return !svg || Math.abs(svg.getBoundingClientRect().width - h.clientWidth) < 2;
})"""


def wait_refit(page, timeout: float = 30_000) -> None:  # type: ignore[no-untyped-def]
    """After the window's size changed: every chart and diagram drawn again for the new size."""
    page.evaluate(REFIT_JS)
    page.wait_for_function(REDRAWN_JS, timeout=timeout)
    page.evaluate(REFIT_JS)


def wait_drawn(page, timeout: float = 60_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page has settled and every chart on it has been drawn by plotly.js."""
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stElementContainer"]', state="attached",
                           timeout=timeout)
    page.wait_for_function(SETTLED_JS, timeout=timeout, polling=250)
    page.wait_for_function(DRAWN_JS, arg=PICTURES, timeout=timeout)
    page.wait_for_timeout(250)
