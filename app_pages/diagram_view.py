"""Every graphviz diagram of the app, drawn to fit the screen it is on.

``st.graphviz_chart`` stretches a diagram to its column: a long chain of boxes takes several
screens on a projector, and a wide one in a phone's column shrinks its text to specks. This
component shows the SVG that Graphviz's own ``dot`` draws (visualizer/export.render_dot, as the
slide exports do) at the largest scale that shows the whole diagram at once: the column's width
and 80 % of the window's height (on a slide: the room left below its top, so it never runs
below the fold), never above 1.25x its natural size. Text never gets smaller
than 8 px (18 px in projector mode): below that, the diagram keeps that scale and its box
scrolls. A click (or Enter)
shows it at its natural size, larger, and another click fits it again. It refits when the
window changes (a turned phone, the projector's window).

Where ``dot`` is missing, the diagram falls back to ``st.graphviz_chart``; where it fails or runs
too long (``DotFailed``), the page says so (``common.coded_error``) and falls back the same way.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common, projector
from visualizer.export import DotFailed, MissingTool, render_dot
from visualizer.i18n import t

JS = r"""
const MAX_SCALE = 1.25, SCREEN = 0.8;

const fit = (host) => {
  const svg = host.querySelector('svg');
  if (!svg || !host.cnnvisNatural) return;
  const [w, h, font] = host.cnnvisNatural;
  const room = host.clientWidth;
  if (!room) return;
  // On a slide: the room left on the screen below the diagram's top (above the slide bar); the
  // diagram never runs below the fold: if its text would shrink under 18 px, its box scrolls,
  // opened on the lit box.
  const screen = host.cnnvisSlide ? Math.max(200, slideRoom(host)) : window.innerHeight * SCREEN;
  let scale = Math.min(MAX_SCALE, room / w, screen / h);
  if (host.dataset.full === '1') scale = Math.max(scale, 1);
  scale = Math.max(scale, host.cnnvisMinText / font);
  svg.style.width = `${w * scale}px`;
  svg.style.height = `${h * scale}px`;
  host.style.maxHeight = host.cnnvisSlide ? `${Math.round(screen)}px` : '';
  // A slide's diagram taller than its room with no lit box to open on opens at its top, and
  // its box ends in a gap between boxes, not through one (the explorer's AlexNet ended in
  // conv2's middle at 1920x1080, pool1's at 1366x768: issue 30)
  const lit = litBox(svg);
  if (host.cnnvisSlide && h * scale > screen && !lit) {
    const bar = host.offsetHeight - host.clientHeight;  // a sideways scroll bar's height, if any
    host.style.maxHeight = `${Math.round(gapAbove(host, svg, screen - bar) + bar)}px`;
  }
  // Wider than its column (its text kept readable): a top-to-bottom diagram opens on its
  // input box, where the network's spine starts (opened on the picture's middle, ResNet-50's
  // spine was cut at a phone's left edge, its shortcuts' side in view); a left-to-right one
  // (wider than tall) on its left end, where it is read from (opened on its middle,
  // DenseNet's strip began at its third block). The student scrolls either way.
  if (host.cnnvisScale !== scale && w * scale > room) {
    host.scrollLeft = w > h ? 0 : spineLeft(host, svg);
  }
  // Opened on its lit box once per picture and size: a run that draws the same slide again (the
  // teacher's page beats every few minutes: app_pages/projector.py) leaves her scrolling alone.
  const opened = `${host.cnnvisSvg.length}|${scale}|${Math.round(screen)}|${room}`;
  const reopen = host.cnnvisOpened !== opened;
  host.cnnvisOpened = opened;
  if (reopen && host.cnnvisSlide && lit && w * scale > room) {
    // wider than the slide: scrolled just far enough to show the lit box whole (ResNet ③'s
    // rows at 1366x768 ended in their lit "+", cut at the right edge), clear of the edge's fade
    // and its arrow
    const box = lit.getBoundingClientRect(), frame = host.getBoundingClientRect();
    if (box.right > frame.right - 8) host.scrollLeft += box.right - frame.right + 56;
    else if (box.left < frame.left + 8) host.scrollLeft -= frame.left - box.left + 56;
  }
  if (reopen && host.cnnvisSlide && lit && h * scale > screen) scrollToLit(host, svg, lit);
  host.cnnvisScale = scale;
};

// The lit box of a diagram (visualizer/diagram.py draws it 3 px wide), or null.
const litBox = (svg) => svg.querySelector('[stroke-width="3"]');

// A diagram's boxes and shapes' labels (or ``only`` that element), each with its top and bottom
// in the host's scrolled content (0 at its top).
const parts = (host, svg, only = null) => {
  const origin = host.getBoundingClientRect().top - host.scrollTop;
  return (only ? [only] : [...svg.querySelectorAll('g.node, g.edge text')]).map(el => {
    const b = el.getBoundingClientRect();
    return [el, [b.top - origin, b.bottom - origin]];
  });
};

// The greatest height, at most ``room``, at which the box's bottom edge runs through no box and no
// shape's label (never less than half the room).
const gapAbove = (host, svg, room) => {
  const spans = parts(host, svg).map(([, span]) => span);
  let edge = room, moved = true;
  while (moved) {
    moved = false;
    for (const [a, b] of spans) if (a < edge - 1 && b > edge + 1) { edge = a - 4; moved = true; }
  }
  return Math.max(edge, room / 2);
};

// Where a top-to-bottom diagram wider than its box opens: its input box whole and clear of the
// edges' fade and arrow (FADE px) where it can be, as near the middle as can be, with the fewest
// words cut at the box's two edges (centred on the input, a phone's Inception ④ cut its main
// path to "inc…", and DenseNet ②'s dense layer at 1366 px showed its title as "층 1": issue 30).
const FADE = 56;
const spineLeft = (host, svg) => {
  const room = host.clientWidth;  // read again: the diagram was just resized (a scroll bar may come)
  const origin = svg.getBoundingClientRect().left;
  const span = (el) => { const b = el.getBoundingClientRect(); return [b.left - origin, b.right - origin]; };
  const input = [...svg.querySelectorAll('g.node > title')].find(t => t.textContent === 'input');
  const middle = svg.getBoundingClientRect().width / 2;
  const [inLeft, inRight] = input ? span(input.parentNode) : [middle, middle];
  const words = [...svg.querySelectorAll('text')].map(span);
  const most = host.scrollWidth - room, centred = (inLeft + inRight - room) / 2;
  const cut = (x) => words.filter(([a, b]) => (a < x - 1 && b > x + 1)
                                           || (a < x + room - 1 && b > x + room + 1)).length;
  // the view's left or right edge just outside a word, on either side of it
  const edges = words.flatMap(([a, b]) => [a - 6, b + 6, a - 6 - room, b + 6 - room]);
  const pick = (margin) => {
    let best = null;
    for (const x of [centred, ...edges]) {
      const left = Math.max(0, Math.min(most, x));
      // the input box whole in view, clear of a fade on a side where more of the diagram is
      const fromLeft = left > 1 ? margin : 0, fromRight = left < most - 1 ? margin : 0;
      if (inLeft < left + fromLeft || inRight > left + room - fromRight) continue;
      const n = cut(left), off = Math.abs(left - centred);
      if (!best || n < best.n || (n === best.n && off < best.off)) best = { n, off, left };
    }
    return best;
  };
  const best = pick(FADE) || pick(0);
  return best ? best.left : centred;
};

// A slide's diagram taller than its room opens with its lit box whole, near the middle, and
// neither edge of the view through a box or a shape's label: the view starts or ends in a gap
// between them where it can (centred on the lit box, an edge cut AlexNet's pool2 in half, and
// the top of a shape "48×27×27"; issue 30).
const scrollToLit = (host, svg, lit) => {
  const spans = parts(host, svg).map(([, span]) => span);
  const [[, [litTop, litBottom]]] = parts(host, svg, lit.closest('g.node') || lit);
  const view = host.clientHeight, most = host.scrollHeight - view;
  const centred = (litTop + litBottom - view) / 2;
  const sliced = (y) => spans.filter(([a, b]) => a < y - 1 && b > y + 1).length;
  let best = null;
  // the view's top or bottom edge just outside a part, on either side of it
  const edges = spans.flatMap(([a, b]) => [a - 6, a - 2, b + 2, b + 6]);
  for (const y of [centred, ...edges, ...edges.map(e => e - view)]) {
    const top = Math.max(0, Math.min(most, y));
    if (litTop < top || litBottom > top + view) continue;  // the lit box whole in view
    const cut = sliced(top) + sliced(top + view), off = Math.abs(top - centred);
    if (!best || cut < best.cut || (cut === best.cut && off < best.off)) best = { cut, off, top };
  }
  host.scrollTop = best ? best.top : centred;
};

export default function ({ data, parentElement }) {
  const host = parentElement.querySelector('.cnnvis-diagram');
  if (host.cnnvisSvg !== data.svg) {
    host.cnnvisSvg = data.svg;
    host.cnnvisOpened = null;  // a new picture opens anew: on its lit box (fit), or at its top
    host.innerHTML = data.svg;  // drawn by dot from the app's own DOT; labels are escaped
    const svg = host.querySelector('svg');
    if (svg) {
      if (!litBox(svg)) host.scrollTop = 0;
      const pt = (v) => parseFloat(v) * 4 / 3;  // dot sizes its SVG in points
      // the smallest text decides how far the diagram may shrink
      const sizes = [...svg.querySelectorAll('text')].map(el => parseFloat(el.getAttribute('font-size')))
        .filter(v => v > 0);
      host.cnnvisNatural = [pt(svg.getAttribute('width')), pt(svg.getAttribute('height')),
                            pt(Math.min(14, ...sizes))];
      svg.removeAttribute('width');
      svg.removeAttribute('height');
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', data.label);
    }
  }
  host.title = data.hint;
  host.cnnvisMinText = data.min_text;
  host.cnnvisSlide = data.slide;
  if (!host.cnnvisBound) {
    host.cnnvisBound = true;
    const toggle = () => { host.dataset.full = host.dataset.full === '1' ? '0' : '1'; fit(host); };
    host.addEventListener('click', toggle);
    host.addEventListener('keydown', (e) => { if (e.key === 'Enter') toggle(); });
    host.cnnvisResize = new ResizeObserver(() => fit(host));
    host.cnnvisResize.observe(host);
    const block = host.closest('[data-testid="stMainBlockContainer"]');
    if (block && data.slide) host.cnnvisResize.observe(block);  // what is above it can move it
  }
  fit(host);
  return () => setTimeout(() => {
    if (!host.isConnected && host.cnnvisResize) host.cnnvisResize.disconnect();
  });
}
"""

CSS = """
.cnnvis-diagram { overflow: auto; max-width: 100%; cursor: zoom-in; text-align: center; }
.cnnvis-diagram[data-full="1"] { cursor: zoom-out; }
.cnnvis-diagram svg { display: inline-block; }
"""

_component = st.components.v2.component(
    "cnnvis.diagram", html="<div class='cnnvis-diagram' tabindex='0'></div>",
    js=projector.ROOM_JS + JS, css=CSS, isolate_styles=False)


@st.cache_data(max_entries=256, show_spinner=False)
def _svg(dot: str) -> str:
    """The diagram as dot draws it, once per diagram for every student (bounded: 256)."""
    return _bare(render_dot(dot, "svg").decode("utf-8"))


def _bare(svg: str) -> str:
    return svg[svg.index("<svg"):]  # without the XML prologue and DOCTYPE


def diagram(dot: str, key: str, svg: bytes | None = None) -> None:
    """Show the DOT source ``dot`` fitted to the screen (see the module's docstring); ``svg``:
    what ``dot`` drew from it, if the caller has it already."""
    try:
        svg_text = _svg(dot) if svg is None else _bare(svg.decode("utf-8"))
    except MissingTool:  # the browser draws it (the same DOT) instead
        st.graphviz_chart(dot, width="stretch")
        return
    except DotFailed as err:  # said, and the browser tries the same DOT
        common.coded_error(err, ":material/build:", warn=True)
        st.graphviz_chart(dot, width="stretch")
        return
    lang = common.lang()
    # A projector's back row reads 18 px; a laptop 10 and a phone held close 9 (issue 30: the
    # readability check's minimums): a diagram that would shrink further scrolls instead.
    _component(key=key, data={"svg": svg_text, "hint": t("diagram.zoom", lang),
                              "min_text": 18 if projector.presenting() else 10,
                              "slide": projector.presenting(),
                              "label": t("diagram.alt", lang)})
