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
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from visualizer import charts
from visualizer.diagram import DiagramOptions, to_dot
from visualizer.errors import CodedError
from visualizer.i18n import number, shape_text, t
from visualizer.records import TraceResult
from visualizer.tables import deck_depth, layer_rows

FORMATS = ("svg", "png", "pdf", "dot", "csv", "md", "pptx")
CHART_FORMATS = ("svg", "png")
MIME = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf",
        "dot": "text/vnd.graphviz", "csv": "text/csv", "md": "text/markdown",
        "json": "application/json", "py": "text/x-python",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
THEMES = ("light", "dark", "transparent")
WIDTHS = (1920, 3840)
DOT_TIMEOUT = 60  # seconds; a diagram of a few hundred boxes takes well under one
TABLE_ROWS_PER_SLIDE = 12


class MissingTool(CodedError):
    """A program the export needs is not installed: ``tool`` (``dot`` or ``chromium``) names it,
    and its message (``export.missing.<tool>``) says how to install it and what still works."""

    family = "export.missing"

    def __init__(self, tool: str) -> None:
        super().__init__(tool, tool=tool)
        self.tool = tool


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


def diagram_source(result: TraceResult, lang: str, style: SlideStyle) -> str:
    """The DOT source of the diagram as it should look on a slide."""
    return to_dot(result, DiagramOptions(detail=style.detail, lang=lang, theme=style.theme,
                                         direction="LR" if style.landscape else "TB",
                                         wrap=style.landscape, font_size=max(14, style.font_floor)))


def render_dot(dot: str, fmt: str, width: int | None = None, svg: bytes | None = None) -> bytes:
    """Run Graphviz's ``dot``; a PNG is rendered at the DPI that gives ``width`` pixels (from the
    diagram's SVG: ``svg`` if the caller has it already)."""
    exe = shutil.which("dot")
    if exe is None:
        raise MissingTool("dot")
    if fmt == "png" and width:
        dpi = 72.0 * width / (_width_pt(svg or render_dot(dot, "svg")) or 720.0)
        png = _run_dot(exe, dot, "png", [f"-Gdpi={dpi:.3f}"])
        return _exact_width(png, width)
    return _run_dot(exe, dot, fmt, [])


def _width_pt(svg: bytes) -> float | None:
    """A Graphviz SVG's width, in points (None if it does not say)."""
    match = re.search(rb'<svg width="([\d.]+)pt"', svg)
    return float(match.group(1)) if match and float(match.group(1)) > 0 else None


SLIDE_TEXT_MIN = 18  # px on a 1920 px wide slide: what the back row of a lecture room reads


def text_on_slide(svg: bytes) -> float | None:
    """The smallest text of a Graphviz SVG, in pixels, once the picture fills a 1920 px wide
    slide (Graphviz writes the picture's width and its fonts in points); None if it has none."""
    width = _width_pt(svg)
    sizes = [float(s) for s in re.findall(rb'font-size="([\d.]+)"', svg)]
    return min(sizes) * 1920 / width if width and sizes else None


def preview(result: TraceResult, lang: str, style: SlideStyle) -> tuple[bytes, float | None]:
    """The diagram's PNG and its smallest text on a 1920 px slide, from one SVG."""
    dot = diagram_source(result, lang, style)
    svg = render_dot(dot, "svg")
    return render_dot(dot, "png", style.width, svg=svg), text_on_slide(svg)


def _run_dot(exe: str, dot: str, fmt: str, extra: list[str]) -> bytes:
    done = subprocess.run([exe, f"-T{fmt}", *extra], input=dot.encode("utf-8"), capture_output=True,
                          timeout=DOT_TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"dot failed: {done.stderr.decode('utf-8', 'replace')[:300]}")
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
                return styled.to_image(format=fmt, width=1920, height=1080, scale=scale)
        except Exception as exc:  # kaleido raises several types when no browser can start
            if "chrom" in str(exc).lower() or "browser" in str(exc).lower():
                raise MissingTool("chromium") from exc
            raise


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
    """Bytes of one file: the diagram (svg/png/pdf/dot), the table (csv/md) or the deck (pptx)."""
    style = style or SlideStyle()
    if fmt == "dot":
        return diagram_source(result, lang, style).encode("utf-8")
    if fmt in ("svg", "png", "pdf"):
        return render_dot(diagram_source(result, lang, style), fmt, style.width if fmt == "png" else None)
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
    """A 16:9 deck: title, diagram, shape-flow chart, parameters vs MACs, the layer table.

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

    slide = prs.slides.add_slide(blank)
    _text(slide, t("diagram.title", lang), 0.4, 0.25, 12.5, 0.7, 28, bold=True)
    _picture(slide, render_dot(diagram_source(result, lang, style), "png", style.width), 1.0)

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
