"""Every plotly chart of the app: one that redraws in place when a slider moves.

``st.plotly_chart`` gives every figure its own element identity, so a figure with new numbers
(the explorer's shape-flow chart after a size change) is thrown away and drawn again from
nothing: measured at about 300 ms of the browser's time for DenseNet-201 on this two-core
machine (bench/page_latency.py). This component keeps one chart per key and hands each new
figure to ``Plotly.react``, which changes only what changed. Plotly's own browser bundle, from
the plotly Python package, is served by Streamlit's static file serving from ``static/``
(copied there on first use; ``enableStaticServing`` in .streamlit/config.toml). Where that
copy cannot be made, the chart falls back to ``st.plotly_chart``.

A click on a point whose ``customdata`` is a number reports that number (the explorer's
record index) through ``on_click``; read it with :func:`clicked`.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages import common, projector
from visualizer.charts import BROWSER_BUNDLE, for_projector, plain, slide_top
from visualizer.i18n import t

STATIC = Path(__file__).resolve().parents[1] / "static"
# Plotly's toolbar: the buttons a student uses (save as PNG, zoom, pan, reset). Not its
# "Share chart..." (on by default in Plotly 3: it uploads the chart to Plotly's cloud, and the
# classroom is offline), its selection tools or its hover modes.
CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False,
          "modeBarButtonsToRemove": ["select2d", "lasso2d", "toggleSpikelines", "hoverClosestCartesian",
                                     "hoverCompareCartesian", "sendChartToCloud"]}
# The toolbar's words in Korean: Plotly looks each up by its English (config.locales)
PLOTLY_WORDS = ("Download plot as a PNG", "Zoom", "Pan", "Zoom in", "Zoom out", "Autoscale", "Reset axes",
                "Double-click to zoom back out", "Taking snapshot - this may take a few seconds")


def plotly_config(lang: str) -> dict[str, Any]:
    """The toolbar's settings and, on a Korean page, its words in Korean."""
    if lang != "ko":
        return dict(CONFIG)
    words = {english: t(f"plotly.{english}", lang) for english in PLOTLY_WORDS}
    return {**CONFIG, "locale": "ko", "locales": {"ko": {"dictionary": words}}}
# The shape flow chart (charts.shape_flow: two panels, a legend, the layer names) needs this
# much height to read on a slide (the explorer's and the builder's).
FLOW_SLIDE_MIN = 280

JS = """
const loadPlotly = () => {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  window.cnnvisPlotly = window.cnnvisPlotly || new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('app/static/plotly.min.js', document.baseURI).href;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => {  // forget the failure, so the next redraw tries again
      window.cnnvisPlotly = null;
      script.remove();
      reject(new Error('plotly.js did not load'));
    };
    document.head.appendChild(script);
  });
  return window.cnnvisPlotly;
};

// The figure fitted to the width it is drawn at. A title longer than the chart is wrapped
// onto more lines (plotly never wraps) and the top margin grows to hold them and the legend
// above the plot. Below 640 px (a phone): layer names under the axis at least 30 px apart
// (rotated names closer than that run into each other), the figure's own phone variant
// (layout.meta.narrow: trace updates, such as shorter point labels), and no toolbar.
const textWidth = (text, size) => [...text].reduce(
  (sum, ch) => sum + size * (ch.charCodeAt(0) > 0x2e80 ? 1.0 : ch === ' ' ? 0.3 : 0.62), 0);
const wrap = (text, size, room) => {
  const lines = [];
  for (const part of String(text).split('<br>')) {
    let line = '';
    for (const word of part.split(' ')) {
      const next = line ? line + ' ' + word : word;
      if (line && textWidth(next.replace(/<[^>]+>/g, ''), size) > room) { lines.push(line); line = word; }
      else line = next;
    }
    lines.push(line);
  }
  return lines;
};
// On a slide (projector mode): no taller than the room it has (projector.ROOM_JS), so the
// picture never runs below the fold.
const fitWidth = (figure, config, width, room, least) => {
  // a copy: plotly writes into the layout it draws (an axis's range or domain fitted to keep
  // its scale), and the figure is drawn again at the next width
  const layout = structuredClone(figure.layout || {});
  if (room) layout.height = Math.round(Math.max(least, Math.min(layout.height || 450, room)));
  // A phone variant's own height and margins first: the title is placed and wrapped in them
  // (placed in the desktop's 230 px, AlexNet's strip's title fell onto its first box).
  const narrow = width < 640 && layout.meta && layout.meta.narrow;
  const { height: narrowHeight, margin: narrowMargin, ...narrowLayout } = (narrow && narrow.layout) || {};
  if (narrowHeight !== undefined) layout.height = narrowHeight;
  if (narrowMargin !== undefined) layout.margin = narrowMargin;
  let data = figure.data;
  const title = layout.title && layout.title.text;
  if (title) {
    const size = (layout.title.font && layout.title.font.size) || 16;
    const given = String(title).split('<br>').length;
    const lines = wrap(title, size, width - 32);
    const base = (layout.margin && layout.margin.t) || 80;
    const extra = (lines.length - given) * size * 1.3;
    const height = layout.height || 450;
    // plotly draws a title's extra lines above its anchor, out of the picture: move it down
    const top = (1 - (layout.title.y || 1)) * height + (lines.length - 1) * size * 1.3;
    layout.title = { ...layout.title, text: lines.join('<br>'), y: 1 - top / height };
    if (extra > 0) layout.margin = { ...layout.margin, t: base + extra };
  }
  if (width >= 640) return [layout, config, data];
  for (const [key, axis] of Object.entries(layout)) {
    if (!key.startsWith('xaxis') || !axis || axis.tickmode !== 'array' || !axis.tickvals) continue;
    // a name on two lines (conv1 above 55×55×96) needs more room when tilted upright
    const lines = Math.max(1, ...axis.ticktext.map(text => String(text).split('<br>').length));
    // names share the plot's width, not the chart's (its side margins hold the axis titles)
    const margin = layout.margin || {};
    const plot = width - (margin.l === undefined ? 80 : margin.l) - (margin.r === undefined ? 80 : margin.r);
    const room = Math.max(3, Math.floor(plot / (30 + 16 * (lines - 1))));
    let every = Math.ceil(axis.tickvals.length / room);
    // tilted as before thinning: names that now fit side by side would be drawn level, the
    // first one across the other axis's first number
    let angle = axis.tickangle === undefined || axis.tickangle === 'auto' ? -45 : axis.tickangle;
    // Upright, a short one-line name takes a line's height (20 px a name): all of them where
    // that fits (tilted, AlexNet's 8 costs kept every second name: fc6, the chart's point, went
    // unnamed). A longer name stands taller upright than tilted and takes the plot's height.
    const short = Math.max(...axis.ticktext.map(text => String(text).length)) <= 8;
    const upright = every > 1 && lines === 1 && short && axis.tickvals.length <= Math.floor(plot / 20);
    if (upright) {
      every = 1;
      angle = -90;
    }
    const keep = (_, i) => i % every === 0;
    layout[key] = { ...axis, tickvals: axis.tickvals.filter(keep), ticktext: axis.ticktext.filter(keep),
                    tickangle: every > 1 || upright ? angle : axis.tickangle };
  }
  if (narrow) data = data.map((trace, i) => ({ ...trace, ...(narrow[i] || {}) }));
  Object.assign(layout, narrowLayout);  // e.g. shorter callouts
  return [layout, { ...config, displayModeBar: false }, data];
};

// A y axis title longer than its plot is tall (drawn beside it, it ran into the title or the
// legend above: "‖∂손실/∂W‖ (로그 눈금)" on a slide, "Height x width (pixels)" beside the
// explorer's upper panel) goes on more lines, broken at spaces to the plot's height as drawn
// (plotly's own axis length, after its margins grew for the labels). Remembered per width,
// so the next figure at this width (a slider moved) is drawn wrapped without a second pass.
const fitTitles = (host, Plotly) => {
  const full = host._fullLayout;
  if (!full || !host.isConnected) return;
  if (!host.cnnvisTitles || host.cnnvisTitles.width !== host.clientWidth)
    host.cnnvisTitles = { width: host.clientWidth, lines: {} };
  const update = {};
  for (const key of Object.keys(full)) {
    const axis = full[key];
    if (!/^yaxis[0-9]*$/.test(key) || !axis || !axis.title || !axis.title.text || !axis._length) continue;
    const el = host.querySelector(`.g-${key.replace('axis', '')}title text`);
    if (!el || el.getBBox().width <= axis._length) continue;
    const size = (axis.title.font && axis.title.font.size) || 14;
    const text = String(axis.title.text).replace(/<br>/g, ' ');
    const lines = wrap(text, size, axis._length - 8).join('<br>');
    if (lines === axis.title.text) continue;
    host.cnnvisTitles.lines[text] = lines;
    host.cnnvisTitles.lines[axis.title.text] = lines;
    update[`${key}.title.text`] = lines;
  }
  if (Object.keys(update).length) Plotly.relayout(host, update);
};

// At most one redraw per frame, of the newest figure: while a slider is dragged, figures that
// would be replaced before being seen are skipped, and the rest of the page (the layer table)
// is painted before Plotly takes the main thread (~40 ms for DenseNet-201 on two cores).
const draw = (host, Plotly) => {
  host.cnnvisFrame = null;
  if (!host.isConnected) return;  // unmounted while the frame was pending
  const { data } = host.cnnvisLatest;
  if (host.cnnvisFailed) { host.textContent = ''; host.cnnvisFailed = false; }
  const room = data.fit ? slideRoom(host) : 0;
  // a figure the class shares comes as its JSON text (SharedFigure), read once per update
  if (data.figure === undefined) data.figure = JSON.parse(data.figure_json);
  const [layout, config, traces] = fitWidth(data.figure, data.config, host.clientWidth, room,
                                            data.slide_min);
  // At a new width, drawn anew: Plotly.react kept a chart's axes as they were fitted to the old
  // width (an axis constrained to keep its scale), and AlexNet's strip, turned to a phone's
  // width and back, was a third as wide or ran past its right edge. A new figure at the same
  // width (a slider moved) is still only updated.
  if (host.cnnvisWidth !== undefined && host.cnnvisWidth !== host.clientWidth) {
    Plotly.purge(host);
    host.cnnvisClicks = false;
  }
  host.cnnvisWidth = host.clientWidth;
  host.cnnvisRoom = room;
  // the chart's own height, said to the page: after a slide's window shrank (a projector
  // plugged in), Plotly redrew the picture smaller but left its box 0 px tall, and the text
  // below was drawn over it
  host.style.height = layout.height ? `${layout.height}px` : '';
  // a y axis title wrapped at this width before (see fitTitles) is drawn wrapped at once
  const wrapped = host.cnnvisTitles && host.cnnvisTitles.width === host.clientWidth
    ? host.cnnvisTitles.lines : {};
  for (const [key, axis] of Object.entries(layout)) {
    const text = key.startsWith('yaxis') && axis && axis.title && axis.title.text;
    if (text && wrapped[text]) layout[key] = { ...axis, title: { ...axis.title, text: wrapped[text] } };
  }
  Plotly.react(host, traces, layout, config).then(() => fitTitles(host, Plotly));
  if (!host.cnnvisClicks) {
    host.cnnvisClicks = true;
    host.on('plotly_click', event => {
      const point = event.points && event.points[0];
      const trigger = host.cnnvisLatest.setTriggerValue;
      if (point && typeof point.customdata === 'number') trigger('click', point.customdata);
    });
  }
};

export default function ({ data, parentElement, setTriggerValue }) {
  const host = parentElement.querySelector('.live-chart');
  host.cnnvisLatest = { data, setTriggerValue };
  loadPlotly().then(Plotly => {
    if (!host.cnnvisFrame) host.cnnvisFrame = requestAnimationFrame(() => draw(host, Plotly));
    if (!host.cnnvisResize) {  // a turned phone, a resized window: fit the new width again
      host.cnnvisResize = new ResizeObserver(() => {
        const moved = host.cnnvisLatest.data.fit && Math.abs(slideRoom(host) - host.cnnvisRoom) > 4;
        if ((host.clientWidth !== host.cnnvisWidth || moved) && !host.cnnvisFrame)
          host.cnnvisFrame = requestAnimationFrame(() => draw(host, Plotly));
      });
      host.cnnvisResize.observe(host);
      // on a slide, what is drawn above the chart can change the room below it
      const block = host.closest('[data-testid="stMainBlockContainer"]');
      if (block) host.cnnvisResize.observe(block);
    }
  }).catch(() => { host.textContent = data.failed; host.cnnvisFailed = true; });
  // Called when Streamlit unmounts the chart (another tab, another page): free Plotly's listeners.
  return () => setTimeout(() => {
    if (host.isConnected) return;
    if (host.cnnvisResize) host.cnnvisResize.disconnect();
    if (window.Plotly) window.Plotly.purge(host);
  });
}
"""

_component = st.components.v2.component("cnnvis.live_chart", html="<div class='live-chart'></div>",
                                        js=projector.ROOM_JS + JS, isolate_styles=False)


@dataclass(frozen=True)
class SharedFigure:
    """A figure computed once for the whole class (app_pages/cached.py): its plain data, never
    changed, and that data as JSON text, made once. A class following the teacher draws it on
    forty or two hundred students' pages per step; as text, each of their runs hands it on
    without serialising it twice (the component's data and its identity): ~1 ms of a
    follower's run for AlexNet's two charts (bench/follow.py)."""

    figure: dict[str, Any]
    text: str


def share(fig: Any) -> SharedFigure:
    """``fig`` (a plotly figure or its plain data) as a :class:`SharedFigure`."""
    figure = fig if isinstance(fig, dict) else plain(fig)
    return SharedFigure(figure, json.dumps(figure))


@cache
def bundle_served() -> bool:
    """Whether static/plotly.min.js is in place (copied from the plotly package once)."""
    target = STATIC / "plotly.min.js"
    try:
        if not target.exists() or target.stat().st_size != BROWSER_BUNDLE.stat().st_size:
            STATIC.mkdir(exist_ok=True)
            # Copied beside, then renamed: a browser (or a second server process) never sees
            # half a file.
            partial = STATIC / f"plotly.min.js.{os.getpid()}.part"
            shutil.copyfile(BROWSER_BUNDLE, partial)
            os.replace(partial, target)
    except OSError:  # a read-only checkout: the plain chart still works
        return False
    return True


def live_chart(fig: Any, key: str, *, static: bool = False,
               on_click: Callable[[], None] | None = None, slide_min: int = 200,
               slide_title: bool = True) -> None:
    """Draw ``fig`` (a plotly figure, or its :func:`visualizer.charts.plain` data); the same
    ``key`` on the next run updates this chart instead of replacing it. ``static`` charts are
    pictures: no hover, zoom or toolbar. On a slide (projector mode) a chart is no taller than
    the room left on the screen below its top, so the step's picture is never below the fold;
    never shorter than ``slide_min`` px (below that its labels run into each other), and
    without its title where ``slide_title`` is False (the tab's name says it)."""
    config = {**plotly_config(common.lang()), "staticPlot": static}
    text = fig.text if isinstance(fig, SharedFigure) and not projector.presenting() else None
    if isinstance(fig, SharedFigure):
        fig = fig.figure
    if not bundle_served():
        st.plotly_chart(for_projector(plain(fig)) if projector.presenting() else fig, key=key,
                        config=config)
        return
    figure = fig if isinstance(fig, dict) else plain(fig)
    if projector.presenting():
        figure = slide_top(for_projector(figure), keep_title=slide_title)
    # No callback (None) is no click event: Streamlit skips an on_*_change that is not callable.
    drawn = {"figure_json": text} if text is not None else {"figure": figure}
    _component(key=key, data={**drawn, "config": config, "fit": projector.presenting(),
                              "slide_min": slide_min, "failed": t("chart.failed", common.lang())},
               on_click_change=on_click)


def clicked(key: str) -> int | None:
    """The record index of the point just clicked in chart ``key`` (inside its ``on_click``)."""
    value = (st.session_state.get(key) or {}).get("click")
    return value if isinstance(value, int) else None
