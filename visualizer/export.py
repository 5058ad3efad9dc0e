"""Files for slides: SVG, PNG and PDF diagrams (Graphviz ``dot``), SVG and PNG charts (plotly
through kaleido and the system Chromium), DOT source, the layer table as CSV and Markdown,
and a whole PowerPoint deck. ``export`` is the one entry point for the page and the CLI.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import threading
import warnings
import zipfile
from dataclasses import dataclass, replace
from typing import Any

import plotly.graph_objects as go

from visualizer import charts
from visualizer.diagram import DiagramOptions, to_dot
from visualizer.errors import CodedError
from visualizer.i18n import number, shape_text, t
from visualizer.records import TraceResult
from visualizer.tables import deck_depth, layer_rows

FORMATS = ("svg", "png", "pdf", "dot", "csv", "md", "pptx", "zip")
CHART_FORMATS = ("svg", "png")
MIME = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf",
        "dot": "text/vnd.graphviz", "csv": "text/csv", "md": "text/markdown",
        "json": "application/json", "zip": "application/zip", "py": "text/x-python",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
THEMES = ("light", "dark", "transparent")
WIDTHS = (1920, 3840)
DOT_TIMEOUT = 60  # seconds; a diagram of a few hundred boxes takes well under one
PNG_MAX_PX = 32_000  # cairo draws a bitmap at most 32,767 px on a side (dot shrinks larger ones)
TABLE_ROWS_PER_SLIDE = 12


class ExportProblem(CodedError):
    """What can stop a file export that is no bug: ``MissingTool``, ``DotFailed``, ``TooTall``.
    A download shows its message instead of the file (``app_pages.common.download``)."""


class MissingTool(ExportProblem):
    """A program the export needs is not installed: ``tool`` (``dot`` or ``chromium``) names it,
    and its message (``export.missing.<tool>``) says how to install it and what still works."""

    family = "export.missing"

    def __init__(self, tool: str) -> None:
        super().__init__(tool, tool=tool)
        self.tool = tool


class DotFailed(ExportProblem):
    """Graphviz's ``dot`` ran but drew nothing: ``failed`` (it exited with an error; ``detail``
    holds the first line it printed) or ``timeout`` (it ran longer than ``seconds``). Its
    message (``export.dot.<code>``) says what still works and what to try."""

    family = "export.dot"


class TooTall(ExportProblem):
    """A diagram too tall for one PNG at the width asked (``px`` pixels high; a PNG drawn by
    ``dot`` holds at most ``PNG_MAX_PX``): its message offers the one-PNG-a-slide ZIP
    (``slides`` pictures), the SVG and the PDF."""

    family = "export.tall"

    def __init__(self, code: str, /, *, px: int, slides: int) -> None:
        super().__init__(code, px=px, slides=slides, zip=("export.zip", {}))


@dataclass(frozen=True)
class SlideStyle:
    """How exported pictures should look on a slide.

    Attributes:
        width: PNG width in pixels (1920 for a full-HD projector, 3840 for 4K).
        theme: ``light`` (white slide), ``dark`` or ``transparent``.
        font_floor: smallest font size, in points on a 16:9 slide where the picture fills the
            width, so labels stay readable at the back of the room.
        landscape: diagrams flow left to right (wide slides) instead of top to bottom.
        detail: the diagram's level of detail (see ``DiagramOptions``).
    """

    width: int = 1920
    theme: str = "light"
    font_floor: int = 14
    landscape: bool = True
    detail: str = "overview"

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {self.theme!r}")
        if not 320 <= self.width <= 7680:
            raise ValueError(f"width must be from 320 to 7680 pixels, got {self.width}")
        if not 8 <= self.font_floor <= 48:
            raise ValueError(f"font floor must be from 8 to 48 points, got {self.font_floor}")


def diagram_source(result: TraceResult, lang: str, style: SlideStyle, row_shape: float = 0.75) -> str:
    """The DOT source of the diagram as it should look on a slide (``row_shape``: see
    ``DiagramOptions``)."""
    return to_dot(result, DiagramOptions(detail=style.detail, lang=lang, theme=style.theme,
                                         direction="LR" if style.landscape else "TB",
                                         wrap=style.landscape, font_size=max(14, style.font_floor),
                                         row_shape=row_shape))


def render_dot(dot: str, fmt: str, width: int | None = None, svg: bytes | None = None) -> bytes:
    """Run Graphviz's ``dot``; a PNG is rendered at the DPI that gives ``width`` pixels (from the
    diagram's SVG: ``svg`` if the caller has it already).

    Raises:
        MissingTool: ``dot`` is not installed.
        DotFailed: ``dot`` exited with an error or ran longer than ``DOT_TIMEOUT`` seconds.
        TooTall: a PNG ``width`` pixels wide would be taller than ``PNG_MAX_PX``.
    """
    exe = shutil.which("dot")
    if exe is None:
        raise MissingTool("dot")
    if fmt == "png" and width:
        svg = svg or render_dot(dot, "svg")
        if (tall := png_height(svg, width)) > PNG_MAX_PX:  # dot would shrink it, and we blow it up
            raise TooTall("png", px=tall, slides=len(pieces(svg, *SLIDE_BOX_PX).bands))
        dpi = 72.0 * width / (_size_pt(svg)[0] or 720.0)
        png = _run_dot(exe, dot, "png", [f"-Gdpi={dpi:.3f}"])
        return _exact_width(png, width)
    return _run_dot(exe, dot, fmt, [])


def _size_pt(svg: bytes) -> tuple[float, float]:
    """A Graphviz SVG's width and height, in points."""
    match = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if not match:
        raise ValueError("not a Graphviz SVG: it names no size in points")
    return float(match.group(1)), float(match.group(2))


def _smallest_font(svg: bytes) -> float | None:
    """A Graphviz SVG's smallest font size, in points (None if it has no text)."""
    sizes = [float(s) for s in re.findall(rb'font-size="([\d.]+)"', svg)]
    return min(sizes) if sizes else None


def png_height(svg: bytes, width: int) -> int:
    """How many pixels high the picture ``svg`` is as a PNG ``width`` pixels wide."""
    w, h = _size_pt(svg)
    return round(h * width / w)


SLIDE_TEXT_MIN = 18  # px on a 1920 px wide slide: what the back row of a lecture room reads


def text_on_slide(svg: bytes) -> float | None:
    """The smallest text of a Graphviz SVG, in pixels, once the picture fills a 1920 px wide
    slide (Graphviz writes the picture's width and its fonts in points); None if it has none."""
    font = _smallest_font(svg)
    try:
        width = _size_pt(svg)[0]
    except ValueError:  # it names no size
        return None
    return font * 1920 / width if font is not None and width > 0 else None


@dataclass(frozen=True)
class SlideDiagram:
    """The diagram as a slide shows it: its DOT source, the SVG ``dot`` draws from it, and its
    smallest text on a 1920 px wide slide (``px``). ``turned``: the smallest text it would
    have had left to right, when that was too small and it is drawn top to bottom instead."""

    dot: str
    svg: bytes
    px: float | None
    turned: float | None = None


def slide_diagram(result: TraceResult, lang: str, style: SlideStyle) -> SlideDiagram:
    """The diagram laid out so that its text reads on a slide, where it can.

    Left to right, a network with opened blocks stays one long strip: dot cannot wrap it into
    rows, since a row is a ``rank=same`` group and a cluster's boxes in such a group are pulled
    out of their cluster (tried: ResNet-50's first blocks came out as empty dashed frames), and
    a row holding one opened block is at least that block's width (ResNet-50's bottleneck block
    with its shortcut: 1,811 pt, 12.7 px text). Where left to right the text would be under
    ``SLIDE_TEXT_MIN`` px on a 1920 px slide and top to bottom it is larger, the diagram is
    drawn top to bottom: a tall picture whose text reads (every zoo network, every detail
    level: at least 18.9 px), which the deck and ``slide_pngs`` split over as many slides as
    it needs. A picture that reads left to right but not on one of the deck's slides is
    drawn with wider rows where that makes it fit one.
    """
    dot = diagram_source(result, lang, style)
    svg = render_dot(dot, "svg")
    px = text_on_slide(svg)
    if style.landscape and px is not None and px >= SLIDE_TEXT_MIN and not _one_slide(svg):
        # Rows of 16:9 are a little too tall for the deck's picture, below its title (AlexNet:
        # 16.6 px text fitted there, so two slides): wider rows, if they fit one slide readably.
        wide = diagram_source(result, lang, style, row_shape=1.0)
        wide_svg = render_dot(wide, "svg")
        if _one_slide(wide_svg):
            return SlideDiagram(wide, wide_svg, text_on_slide(wide_svg))
    if style.landscape and px is not None and px < SLIDE_TEXT_MIN:
        tall = diagram_source(result, lang, replace(style, landscape=False))
        tall_svg = render_dot(tall, "svg")
        tall_px = text_on_slide(tall_svg)
        if tall_px is not None and tall_px > px:
            return SlideDiagram(tall, tall_svg, tall_px, turned=px)
    return SlideDiagram(dot, svg, px)


def _one_slide(svg: bytes) -> bool:
    """Whether the picture goes on one of the deck's slides with its text readable."""
    parts = pieces(svg, *SLIDE_BOX_PX)
    return len(parts.bands) == 1 and parts.text_px >= SLIDE_TEXT_MIN


# --- a tall diagram over several slides ---------------------------------------------------

READ_PX = SLIDE_TEXT_MIN + 2  # text a split picture is placed at: the least, and a margin
_SHIFT = rb'class="graph" transform="[^"]*translate\(([-\d.]+) ([-\d.]+)\)'


@dataclass(frozen=True)
class Pieces:
    """How a diagram goes onto slides: ``scale`` slide pixels (of a 1920 px slide) per point
    of the SVG, and the picture's horizontal bands, ``(top, bottom)`` in the SVG's points from
    its top edge, one a slide. Cuts fall between boxes and between lines of text.
    ``text_px``: its smallest text on each slide, in pixels of a 1920 px wide slide."""

    scale: float
    bands: tuple[tuple[float, float], ...]
    width_pt: float
    text_px: float


def _inked_rows(svg: bytes) -> list[tuple[float, float]]:
    """The vertical extents (points from the top) of every box and every line of text of a
    Graphviz SVG: a cut through one of them would cut a box or a word."""
    shift = re.search(_SHIFT, svg)
    ty = float(shift.group(2)) if shift else 0.0
    spans = []
    for match in re.finditer(rb'<text[^>]*? y="([-\d.]+)"[^>]*?font-size="([\d.]+)"', svg):
        y, size = ty + float(match.group(1)), float(match.group(2))
        spans.append((y - 1.0 * size, y + 0.35 * size))
    for node in re.findall(rb'class="node">(.*?)(?=<!--|</svg>)', svg, re.S):
        ys = [ty + float(y) for _, y in re.findall(rb'(-?[\d.]+),(-?[\d.]+)', node)]
        ys += [ty + float(cy) + k * float(ry) for cy, ry in
               re.findall(rb'<ellipse[^>]*?cy="([-\d.]+)" rx="[\d.]+" ry="([\d.]+)"', node) for k in (-1, 1)]
        if ys:
            spans.append((min(ys), max(ys)))
    return spans


def pieces(svg: bytes, box_w_px: float, box_h_px: float) -> Pieces:
    """``svg`` split into slide pictures of at most ``box_w_px`` x ``box_h_px`` slide pixels.

    One slide if the whole picture fits there with its text at ``SLIDE_TEXT_MIN`` px or more;
    otherwise the picture is placed at the scale that gives its smallest text ``READ_PX`` px
    (no wider than the box) and cut into as many bands as that needs.
    """
    w, h = _size_pt(svg)
    smallest = _smallest_font(svg)
    font = 14.0 if smallest is None else smallest
    fit = min(box_w_px / w, box_h_px / h)
    if font * fit >= SLIDE_TEXT_MIN:
        return Pieces(fit, ((0.0, h),), w, font * fit)
    scale = min(box_w_px / w, max(fit, READ_PX / font))
    tall = box_h_px / scale  # points of the picture a slide holds
    gaps = []  # (from, to): rows of the picture with no box and no text, only lines
    reach = 0.0
    for lo, hi in sorted(_inked_rows(svg)):
        if lo > reach:
            gaps.append((reach, lo))
        reach = max(reach, hi)
    bands, top = [], 0.0
    while h - top > tall:
        limit = top + tall
        # the middle of the last gap that ends the slide at least half full (or its part
        # above the slide's end), so no box or word is cut and a cut has room either side
        cuts = [min((a + b) / 2, limit) for a, b in gaps if b > top + tall / 2 and a < limit - 1]
        cut = max(cuts) if cuts else limit
        bands.append((top, cut))
        top = cut
    bands.append((top, h))
    return Pieces(scale, tuple(bands), w, font * scale)


BAND_PIXELS = 16_000_000  # pixels of one dot run when a tall picture is drawn in parts


def slide_pngs(dot: str, svg: bytes, parts: Pieces, width: int = 1920) -> list[bytes]:
    """The pictures of ``parts`` as PNGs, at the pixels they take on a ``width`` px wide slide.

    ``dot`` draws a tall picture a group of bands at a time (its ``viewport``), never more than
    ``BAND_PIXELS`` at once, and each band is cut from that: a picture taller than a PNG can be
    (DenseNet-201, every layer: 90,000 px at 1920 px wide) still comes out whole, slide by slide.
    """
    from PIL import Image

    exe = shutil.which("dot")
    if exe is None:
        raise MissingTool("dot")
    w, h = _size_pt(svg)
    shift = re.search(_SHIFT, svg)
    tx, ty = (float(shift.group(1)), float(shift.group(2))) if shift else (0.0, h)
    px_per_pt = parts.scale * width / 1920
    out: list[bytes] = []
    group: list[tuple[float, float]] = []
    for i, band in enumerate(parts.bands):
        group.append(band)
        nxt = parts.bands[i + 1] if i + 1 < len(parts.bands) else None
        if nxt is not None and (nxt[1] - group[0][0]) * px_per_pt * w * px_per_pt <= BAND_PIXELS:
            continue
        top, bottom = group[0][0], group[-1][1]
        # viewport: width and height in points, zoom, and its centre in the graph's own
        # coordinates (y upwards from the drawing's bottom: the SVG's translate undone)
        centre_x, centre_y = w / 2 - tx, ty - (top + bottom) / 2
        viewport = f"{w:.2f},{bottom - top:.2f},1,{centre_x:.2f},{centre_y:.2f}"
        png = _run_dot(exe, dot, "png", [f"-Gdpi={72 * px_per_pt:.4f}", f"-Gviewport={viewport}"])
        img = Image.open(io.BytesIO(png))
        per_pt = img.height / (bottom - top)
        for a, z in group:
            piece = img.crop((0, round((a - top) * per_pt), img.width, round((z - top) * per_pt)))
            buf = io.BytesIO()
            piece.save(buf, "PNG")
            out.append(buf.getvalue())
        group = []
    return out


def slide_zip(result: TraceResult, lang: str, style: SlideStyle, name: str) -> bytes:
    """The diagram as one PNG a slide (``<name>_01.png`` …) in a ZIP: a picture too tall for one
    slide, cut between its boxes, each part readable where the whole would not be."""
    drawn = slide_diagram(result, lang, style)
    parts = pieces(drawn.svg, *SLIDE_BOX_PX)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for i, png in enumerate(slide_pngs(drawn.dot, drawn.svg, parts, style.width), 1):
            zf.writestr(zipfile.ZipInfo(f"{name}_{i:02d}.png", date_time=(2012, 1, 1, 0, 0, 0)), png)
    return out.getvalue()


def _run_dot(exe: str, dot: str, fmt: str, extra: list[str]) -> bytes:
    """``dot``'s output; ``DotFailed`` if it fails or runs past ``DOT_TIMEOUT`` seconds."""
    try:
        done = subprocess.run([exe, f"-T{fmt}", *extra], input=dot.encode("utf-8"),
                              capture_output=True, timeout=DOT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise DotFailed("timeout", seconds=DOT_TIMEOUT) from None
    except OSError as exc:  # not executable, or killed on the way
        raise DotFailed("failed", detail=str(exc)[:200]) from exc
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DotFailed("failed", detail=(lines[0] if lines else f"exit {done.returncode}")[:200])
    return done.stdout


def _exact_width(png: bytes, width: int) -> bytes:
    """dot rounds the DPI; resample by a pixel or two so the width is exactly as asked."""
    from PIL import Image

    img = Image.open(io.BytesIO(png))
    if img.width == width:
        return png
    height = max(1, round(img.height * width / img.width))
    out = io.BytesIO()
    img.resize((width, height), Image.Resampling.LANCZOS).save(out, "PNG")
    return out.getvalue()


# px of a 1920 x 1080 chart kept clear at its left and right, and at its top and bottom: laid
# out for a page (whose column has padding of its own), the title and the y axis's title were
# drawn against the picture's left edge, which plotly's automatic margins leave no room beyond
# (issue 30). The chart is drawn smaller and framed (chart_image).
CHART_EDGE, CHART_EDGE_Y = 48, 24


def _styled(fig: go.Figure, style: SlideStyle) -> go.Figure:
    """A copy of ``fig`` with the slide's theme and no font below the floor.

    Charts are laid out 1920 px wide; filling a 13.33-inch slide, a point is 2 of those pixels.
    """
    fig = go.Figure(fig)
    size = max(round(style.font_floor * 1920 / (SLIDE_W_IN * 72)), fig.layout.font.size or 12)
    fig.update_layout(font={"size": size}, title={"font": {"size": size + 6}})
    fig.update_annotations(font_size=size)
    fig.update_traces(textfont_size=size, selector={"type": "bar"})
    fig.update_traces(textfont_size=size, selector={"type": "scatter"})
    if style.theme == "dark":
        fig.update_layout(template="plotly_dark", paper_bgcolor="#111111", plot_bgcolor="#111111",
                          font_color="#F2F2F2")
    elif style.theme == "transparent":
        fig.update_layout(paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return fig


_KALEIDO_LOCK = threading.Lock()
_kaleido_running = False


def chart_image(fig: go.Figure, fmt: str, style: SlideStyle) -> bytes:
    """A chart as SVG or PNG, 16:9 at the slide's width (kaleido drives the system Chromium).

    One kaleido browser is started on first use and kept for the life of the process: the
    first picture takes about a second, later ones a fifth of that. Calls are serialised.
    """
    global _kaleido_running
    if fmt not in CHART_FORMATS:
        raise ValueError(f"charts export as {' or '.join(CHART_FORMATS)}, not {fmt!r}")
    # Lay the chart out at 1920 x 1080 and scale up, so fonts keep their size on a 4K slide.
    scale = style.width / 1920
    styled = _styled(fig, style)
    with _KALEIDO_LOCK:
        try:
            if not _kaleido_running:
                import kaleido

                kaleido.start_sync_server(silence_warnings=True)
                _kaleido_running = True
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "kopts ignored when using a server"
                inner = styled.to_image(format=fmt, width=1920 - 2 * CHART_EDGE,
                                        height=1080 - 2 * CHART_EDGE_Y, scale=scale)
        except Exception as exc:  # kaleido raises several types when no browser can start
            if "chrom" in str(exc).lower() or "browser" in str(exc).lower():
                raise MissingTool("chromium") from exc
            raise
    return _framed(inner, fmt, scale, styled.layout.paper_bgcolor or "white")


def _framed(inner: bytes, fmt: str, scale: float, background: str) -> bytes:
    """``inner`` (a chart drawn CHART_EDGE px narrower on each side, CHART_EDGE_Y shorter) in a
    1920 x 1080 frame (times ``scale``) of its own background."""
    transparent = "rgba(0,0,0,0)" in background.replace(" ", "")
    if fmt == "svg":
        # the same drawing, its view widened by the frame (a transparent theme stays transparent)
        text = inner.decode("utf-8")
        head_end = text.index(">", text.index("<svg")) + 1
        head = re.sub(r'\s(width|height|viewBox)="[^"]*"', "", text[:head_end])
        frame = (f' width="{1920 * scale:g}" height="{1080 * scale:g}" '
                 f'viewBox="{-CHART_EDGE} {-CHART_EDGE_Y} 1920 1080"')
        fill = "" if transparent else (
            f'<rect x="{-CHART_EDGE}" y="{-CHART_EDGE_Y}" width="1920" height="1080" fill="{background}"/>')
        return (head[:-1] + frame + ">" + fill + text[head_end:]).encode("utf-8")
    from PIL import Image, ImageColor

    picture = Image.open(io.BytesIO(inner)).convert("RGBA")
    colour = (0, 0, 0, 0) if transparent else (*ImageColor.getrgb(background)[:3], 255)
    canvas = Image.new("RGBA", (round(1920 * scale), round(1080 * scale)), colour)
    canvas.alpha_composite(picture, (round(CHART_EDGE * scale), round(CHART_EDGE_Y * scale)))
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def table_csv(result: TraceResult, lang: str, depth: int | None = None) -> bytes:
    return rows_csv(layer_rows(result, lang, depth, minor=True))


def rows_csv(rows: list[dict[str, Any]]) -> bytes:
    """Rows of one table (the same keys in each) as CSV, for Excel as much as for Python."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM lets Excel read Hangul correctly


def table_markdown(result: TraceResult, lang: str, depth: int | None = None) -> bytes:
    rows = layer_rows(result, lang, depth, minor=True)
    head = list(rows[0])

    def cell(v: Any) -> str:
        text = "" if v is None else (f"{v:,}" if isinstance(v, int) else str(v))
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(r[h]) for h in head) + " |" for r in rows]
    _, c, h, w = result.input_shape
    title = f"# {result.model_name} · {c}×{h}×{w}\n\n"
    totals = (f"\n\n{t('metric.params', lang)}: {result.total_params:,} · "
              f"{t('metric.macs', lang)}: {result.total_macs:,} (FLOPs = 2 × MACs = "
              f"{2 * result.total_macs:,})\n")
    return (title + "\n".join(lines) + totals).encode("utf-8")


def export(result: TraceResult, fmt: str, lang: str, style: SlideStyle | None = None,
           depth: int | None = None) -> bytes:
    """Bytes of one file: the diagram (svg/png/pdf/dot, or zip: one PNG a slide), the table
    (csv/md) or the deck (pptx).

    Raises:
        ExportProblem: a program the file needs is missing (``MissingTool``) or fails
            (``DotFailed``), or the diagram is too tall for one PNG (``TooTall``).
    """
    style = style or SlideStyle()
    if fmt == "dot":
        try:  # the layout the slide draws (top to bottom where left to right would not read)
            return slide_diagram(result, lang, style).dot.encode("utf-8")
        except (MissingTool, DotFailed):  # without dot, the DOT source as asked
            return diagram_source(result, lang, style).encode("utf-8")
    if fmt in ("svg", "png", "pdf"):
        drawn = slide_diagram(result, lang, style)
        if fmt == "svg":
            return drawn.svg
        return render_dot(drawn.dot, fmt, style.width if fmt == "png" else None, svg=drawn.svg)
    if fmt == "zip":
        return slide_zip(result, lang, style, file_name(result, "diagram", "zip")[:-4])
    if fmt == "csv":
        return table_csv(result, lang, depth)
    if fmt == "md":
        return table_markdown(result, lang, depth)
    if fmt == "pptx":
        return deck(result, lang, style, depth)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def file_name(result: TraceResult, what: str, fmt: str) -> str:
    """``alexnet_224_diagram.svg``: names that sort well in a lecture folder."""
    return f"{result.model_name}_{result.input_shape[2]}_{what}.{fmt}"


def summary_line(result: TraceResult, lang: str) -> str:
    _, c, h, w = result.input_shape
    return (f"{c}×{h}×{w} → {shape_text(result.output_shape)} · "
            f"{t('metric.params', lang)} {number(result.total_params, lang)} · "
            f"{t('metric.macs', lang)} {number(result.total_macs, lang)}")




# --- the PowerPoint deck -----------------------------------------------------------------

SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5  # 16:9, in inches for placing shapes
SLIDE_EMU = (12_192_000, 6_858_000)  # PowerPoint's own 16:9 size, exactly
SLIDE_PX_PER_IN = 1920 / SLIDE_W_IN  # a 1920 px wide slide's pixels per inch of the slide
PICTURE_TOP_IN, PICTURE_MARGIN_IN = 1.0, 0.3  # below the title; at the sides and the bottom
SLIDE_BOX_PX = ((SLIDE_W_IN - 2 * PICTURE_MARGIN_IN) * SLIDE_PX_PER_IN,
                (SLIDE_H_IN - PICTURE_TOP_IN - PICTURE_MARGIN_IN) * SLIDE_PX_PER_IN)
DECK_FONT = "NanumGothic"  # has Hangul; PowerPoint substitutes a Korean font where it is missing


def _font(run: Any, size: int, bold: bool = False) -> None:
    """Size, weight and a Hangul-capable typeface for both Latin and East Asian text."""
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = DECK_FONT
    rpr = run.font._element
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = rpr.makeelement(qn("a:ea"), {})
        rpr.append(ea)
    ea.set("typeface", DECK_FONT)


def _text(slide: Any, text: str, left: float, top: float, width: float, height: float, size: int,
          bold: bool = False) -> None:
    from pptx.util import Inches

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line
        _font(run, size, bold)


def _picture(slide: Any, png: bytes, top: float) -> None:
    """A picture as large as fits below the title, centred, keeping its aspect ratio."""
    from PIL import Image
    from pptx.util import Inches

    w, h = Image.open(io.BytesIO(png)).size
    box_w, box_h = SLIDE_W_IN - 0.6, SLIDE_H_IN - top - 0.3
    scale = min(box_w / w, box_h / h)
    left = (SLIDE_W_IN - w * scale) / 2
    slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), Inches(w * scale),
                             Inches(h * scale))


def deck(result: TraceResult, lang: str, style: SlideStyle | None = None,
         depth: int | None = None, title: str | None = None) -> bytes:
    """A 16:9 deck: title, diagram (over as many slides as its text needs to read on each:
    ``pieces``), shape-flow chart, parameters vs MACs, the layer table.

    A zoo network's title slide names its paper; any other network (a student's design) is
    titled ``title``.

    The table has one row per layer at ``depth``; by default the deepest level that fits on
    about three slides (every layer of AlexNet, the blocks of DenseNet-121).
    """
    from pptx import Presentation
    from pptx.util import Emu, Inches

    from models import get_entry

    style = style or SlideStyle()
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_EMU[0]), Emu(SLIDE_EMU[1])
    blank = prs.slide_layouts[6]
    slide = prs.slides.add_slide(blank)
    if title is None:
        entry = get_entry(result.model_name)
        _text(slide, t(f"arch.{result.model_name}", lang), 0.8, 2.2, 11.7, 1.2, 44, bold=True)
        _text(slide, f"{entry.title} ({entry.year})\n{entry.arxiv}\n{summary_line(result, lang)}",
              0.8, 3.6, 11.7, 2.0, 20)
    else:
        _text(slide, title, 0.8, 2.2, 11.7, 1.2, 44, bold=True)
        _text(slide, summary_line(result, lang), 0.8, 3.6, 11.7, 2.0, 20)

    # The diagram over as many slides as its text needs to read (``pieces``): the paper's
    # two-GPU AlexNet, tall, fitted to one slide's height had 7.7 px text.
    drawn = slide_diagram(result, lang, style)
    parts = pieces(drawn.svg, *SLIDE_BOX_PX)
    pngs = slide_pngs(drawn.dot, drawn.svg, parts, style.width)
    for i, ((top, bottom), png) in enumerate(zip(parts.bands, pngs, strict=True), 1):
        slide = prs.slides.add_slide(blank)
        head = t("diagram.title", lang) + (f" ({i}/{len(pngs)})" if len(pngs) > 1 else "")
        _text(slide, head, 0.4, 0.25, 12.5, 0.7, 28, bold=True)
        w_in = parts.width_pt * parts.scale / SLIDE_PX_PER_IN
        h_in = (bottom - top) * parts.scale / SLIDE_PX_PER_IN
        slide.shapes.add_picture(io.BytesIO(png), Inches((SLIDE_W_IN - w_in) / 2), Inches(PICTURE_TOP_IN),
                                 Inches(w_in), Inches(h_in))

    for title, fig in ((t("flow.title", lang), charts.shape_flow(result, lang)),
                       (t("cost.title", lang), charts.cost_bars(result, lang))):
        slide = prs.slides.add_slide(blank)
        _text(slide, title, 0.4, 0.25, 12.5, 0.7, 28, bold=True)
        chart = go.Figure(fig).update_layout(title_text="")
        _picture(slide, chart_image(chart, "png", style), 1.0)

    rows = layer_rows(result, lang, deck_depth(result) if depth is None else depth, minor=True)
    columns = [t(k, lang) for k in ("col.layer", "col.type", "col.output", "col.params",
                                    "col.macs", "col.rf")]
    for start in range(0, len(rows), TABLE_ROWS_PER_SLIDE):
        chunk = rows[start:start + TABLE_ROWS_PER_SLIDE]
        slide = prs.slides.add_slide(blank)
        page = start // TABLE_ROWS_PER_SLIDE + 1
        pages = -(-len(rows) // TABLE_ROWS_PER_SLIDE)
        _text(slide, f"{t('table.title', lang)} ({page}/{pages})", 0.4, 0.25, 12.5, 0.7, 28,
              bold=True)
        table = slide.shapes.add_table(len(chunk) + 1, len(columns), Inches(0.4), Inches(1.1),
                                       Inches(12.5), Inches(0.42 * (len(chunk) + 1))).table
        for i, row in enumerate([dict(zip(columns, columns, strict=True)), *chunk]):
            for j, name in enumerate(columns):
                value = row[name]
                run = table.cell(i, j).text_frame.paragraphs[0].add_run()
                run.text = f"{value:,}" if isinstance(value, int) else ("" if value is None else str(value))
                _font(run, 16 if i == 0 else 14, bold=i == 0)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
