"""Exports: each format is a valid file of its kind, Korean survives, the CLI round-trips."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from visualizer import charts
from visualizer.export import FORMATS, MissingTool, SlideStyle, chart_image, export, render_dot, text_on_slide
from visualizer.tables import table_records
from visualizer.trace import trace_named

pytestmark = pytest.mark.slow  # AppTest pages, real training or files: `make check` skips it

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


# session-wide, not per module (tests/conftest.py says why)
@pytest.fixture(scope="session")
def alexnet():  # type: ignore[no-untyped-def]
    return trace_named("alexnet", 224)


def svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join(el.text or "" for el in root.iter(f"{SVG}text"))


def test_svg_is_xml_with_layer_names(alexnet) -> None:  # type: ignore[no-untyped-def]
    text = svg_text(export(alexnet, "svg", "en"))
    for name in ("conv1", "pool1", "conv5", "fc6", "fc8"):
        assert name in text


@pytest.mark.parametrize("width", [1920, 3840])
def test_png_has_requested_width(alexnet, width: int) -> None:  # type: ignore[no-untyped-def]
    img = Image.open(io.BytesIO(export(alexnet, "png", "ko", SlideStyle(width=width))))
    assert img.width == width and img.format == "PNG"


def test_pdf_has_a_page(alexnet) -> None:  # type: ignore[no-untyped-def]
    data = export(alexnet, "pdf", "en")
    assert data.startswith(b"%PDF")
    assert b"/Type /Page" in data or b"/Type/Page" in data


def test_dot_source(alexnet) -> None:  # type: ignore[no-untyped-def]
    dot = export(alexnet, "dot", "ko").decode()
    assert dot.startswith("digraph") and "NanumGothic" in dot and "합성곱" in dot


def test_csv_and_markdown_have_every_layer(alexnet) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(export(alexnet, "csv", "en").decode("utf-8-sig"))))
    assert [r["Layer"] for r in rows] == [r.label for r in table_records(alexnet, None, minor=True)]
    conv1 = next(r for r in rows if r["Layer"] == "conv1")
    assert conv1["Output shape"] == "64×55×55" and conv1["Parameters"] == "23296"
    md = export(alexnet, "md", "ko").decode()
    assert "| conv1 | 합성곱 | 64×55×55 | 23,296 |" in md  # the type in Korean (names.type_name)
    assert "FLOPs = 2 × MACs" in md


@pytest.mark.parametrize("depth", [1, 2])
def test_pptx_slides_and_native_table(depth: int) -> None:
    result = trace_named("resnet18", 224)
    deck = Presentation(io.BytesIO(export(result, "pptx", "ko", depth=depth)))
    assert deck.slide_width is not None and deck.slide_height is not None
    assert deck.slide_width * 9 == deck.slide_height * 16  # 16:9
    slides = list(deck.slides)
    pictures = [s for s in slides if any(sh.shape_type == 13 for sh in s.shapes)]
    assert len(pictures) == 3  # diagram, shape flow, parameters vs MACs
    tables = [sh.table for s in slides for sh in s.shapes if sh.has_table]
    body_rows = sum(len(tb.rows) - 1 for tb in tables)
    assert body_rows == len(table_records(result, depth, minor=True))
    first_title = slides[0].shapes[0].text_frame.text
    assert first_title == "ResNet-18"
    header = [c.text for c in tables[0].rows[0].cells]
    assert header[0] == "층" and "파라미터 수" in header


def test_korean_font_is_installed_and_named(alexnet) -> None:  # type: ignore[no-untyped-def]
    fonts = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True).stdout
    assert "NanumGothic" in fonts
    svg = export(alexnet, "svg", "ko")
    assert "NanumGothic" in svg.decode()
    assert "합성곱" in svg_text(svg)
    assert "최대 풀링" in svg_text(svg)


def boxed(img: Image.Image) -> bool:
    """Whether the ink is enclosed by a rectangle: how a missing glyph (tofu) is drawn, with
    its hex code inside. A real Hangul syllable never inks all four sides of its bounding box."""
    ink = img.point(lambda p: 255 if p < 128 else 0)
    box = ink.getbbox()
    assert box is not None
    crop = ink.crop(box)
    w, h = crop.size
    px = crop.load()
    assert px is not None

    def full(points: list[tuple[int, int]]) -> bool:
        return sum(1 for p in points if px[p]) >= 0.8 * len(points)

    return all((full([(x, 0) for x in range(w)]), full([(x, h - 1) for x in range(w)]),
                full([(0, y) for y in range(h)]), full([(w - 1, y) for y in range(h)])))


def test_korean_png_uses_real_glyphs() -> None:
    """Hangul drawn exactly as diagrams are drawn (dot, our font list) is real glyphs, not boxes."""
    from visualizer.diagram import FONT

    def draw(text: str, font: str = FONT) -> Image.Image:
        dot = f'digraph {{ node [fontname="{font}", fontsize=60, shape=plaintext]; a [label="{text}"]; }}'
        return Image.open(io.BytesIO(render_dot(dot, "png"))).convert("L")

    for syllable in ("가", "합", "층"):
        assert not boxed(draw(syllable)), syllable
    # The check itself can see a box: a private-use code point no font has is drawn as one.
    assert boxed(draw("\ue000"))


def test_chart_png_and_svg(alexnet) -> None:  # type: ignore[no-untyped-def]
    png = chart_image(charts.shape_flow(alexnet, "ko"), "png", SlideStyle(width=1920))
    img = Image.open(io.BytesIO(png))
    assert (img.width, img.height) == (1920, 1080)
    svg = chart_image(charts.cost_bars(alexnet, "ko"), "svg", SlideStyle())
    assert "파라미터 비율" in svg.decode()


@pytest.mark.parametrize("make", [charts.shape_flow, charts.cost_bars])
def test_an_exported_charts_text_keeps_clear_of_its_edges(alexnet, make) -> None:  # type: ignore[no-untyped-def]
    """Issue 30: laid out for a page, an exported chart's title and y axis title touched the
    PNG's left edge. No ink (a pixel darker than the grid's light grey) in the picture's outer
    32 px at the left and the right, 8 px at the top."""
    import numpy as np

    png = chart_image(make(alexnet, "ko"), "png", SlideStyle(width=1920))
    ink = np.asarray(Image.open(io.BytesIO(png)).convert("L")) < 160
    assert ink.any()
    assert not ink[:, :32].any() and not ink[:, -32:].any() and not ink[:8].any()


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "visualizer", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=120)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_round_trip(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"alexnet.{fmt}"
    done = run_cli("export", "alexnet", "--size", "224", "--lang", "ko", "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    result = trace_named("alexnet", 224)
    assert out.read_bytes() == export(result, fmt, "ko") or fmt in ("pptx", "pdf")
    assert out.stat().st_size > 500


def test_cli_without_dot_says_how_to_install(tmp_path: Path) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {"PATH": str(bare)}
    done = run_cli("export", "alexnet", "--format", "svg", "-o", str(tmp_path / "a.svg"), env=env)
    assert done.returncode == 3
    assert "apt-get install graphviz" in done.stderr
    done = run_cli("export", "alexnet", "--format", "csv", "-o", str(tmp_path / "a.csv"), env=env)
    assert done.returncode == 0 and (tmp_path / "a.csv").exists()


def test_missing_dot_raises_named_error(monkeypatch: pytest.MonkeyPatch, alexnet) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MissingTool) as info:
        export(alexnet, "png", "en")
    assert info.value.tool == "dot"


def test_cli_summary_and_bad_arch() -> None:
    done = run_cli("summary", "alexnet_paper", "--size", "224")
    assert done.returncode == 2 and "227 to 258" in done.stderr
    done = run_cli("summary", "alexnet", "--size", "224")
    assert done.returncode == 0 and "64×55×55" in done.stdout


def test_bad_style_values() -> None:
    with pytest.raises(ValueError, match="theme"):
        SlideStyle(theme="neon")
    with pytest.raises(ValueError, match="width"):
        SlideStyle(width=10**6)


def test_text_on_a_slide_is_the_smallest_font_scaled_to_1920_px() -> None:
    """Graphviz writes the width and the fonts in points: 14 pt in a 960 pt picture is 28 px on
    a 1920 px slide (14 x 1920 / 960), whatever the other, larger fonts."""
    svg = (b'<svg width="960pt" height="300pt" viewBox="0.00 0.00 960.00 300.00">'
           b'<text font-size="20.00">conv1</text><text font-size="14.00">64x55x55</text></svg>')
    assert text_on_slide(svg) == pytest.approx(28.0)
    assert text_on_slide(b'<svg width="960pt"></svg>') is None


def test_the_export_page_turns_a_strip_top_to_bottom_and_says_so() -> None:
    """Every layer of DenseNet-121 left to right is a long strip (0.8 px text on a 1920 px
    slide): the page draws it top to bottom instead and says why, over how many slides the deck
    and the ZIP spread it, and that one PNG cannot hold it (its PNG button gives way to the
    ZIP's). AlexNet's closed blocks read left to right: none of that is said."""
    from tests.pages import open_page

    def buttons(at) -> list[str]:  # type: ignore[no-untyped-def]
        return [str(getattr(b, "label", "")) for b in at.get("download_button")]

    strip = open_page("export", lang="ko", arch="densenet121", detail="layers")
    turned = [i.value for i in strip.info if "위에서 아래로" in i.value]
    assert len(turned) == 1 and "0.8 px" in turned[0] and "18 px" in turned[0]
    # at least as many slides as its height needs: 12 pt text placed at 20 px of a 1920 px
    # slide is 20/12 px a point, and a slide holds 6.2 in x 144 px/in of picture
    svg = export(trace_named("densenet121", 224), "svg", "ko", SlideStyle(detail="layers"))
    tall = re.search(rb'height="([\d.]+)pt"', svg)
    assert tall is not None
    least = float(tall.group(1)) * 20 / 12 / (6.2 * 1920 / 13.333)
    said = [int(n) for c in strip.caption for n in re.findall(r"슬라이드 (\d+)장", c.value)]
    assert len(said) == 1 and least <= said[0] <= 1.2 * least + 1, (said, least)
    assert [w.value for w in strip.warning if "PNG 한 장에 담기지 않습니다" in w.value]
    assert "구조도 · PNG" not in buttons(strip) and "구조도 · 슬라이드별 PNG (ZIP)" in buttons(strip)
    fine = open_page("export", lang="ko", arch="alexnet")
    assert not [i.value for i in fine.info if "위에서 아래로" in i.value]
    assert not [w.value for w in fine.warning if "뒷줄" in w.value or "PNG 한 장" in w.value]
    assert "구조도 · PNG" in buttons(fine)
