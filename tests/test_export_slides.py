"""Exported diagrams read on a slide (issue 30): every zoo network at every detail level has
text of at least 18 px once its picture is 1920 px wide, and a picture too tall for one slide is
cut between its boxes over as many slides as it needs, each at a readable size."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from PIL import Image
from pptx import Presentation

from models import list_models
from visualizer.diagram import DETAILS
from visualizer.export import (
    PNG_MAX_PX,
    SLIDE_BOX_PX,
    SLIDE_TEXT_MIN,
    SlideStyle,
    TooTall,
    export,
    pieces,
    slide_diagram,
)
from visualizer.trace import trace_named

pytestmark = pytest.mark.slow  # dot draws ~70 diagrams and a deck: `make check` skips it

SVG = "{http://www.w3.org/2000/svg}"
EMU_PER_IN = 914_400


def size_and_fonts(svg: bytes) -> tuple[float, float, list[tuple[float, float]]]:
    """Width and height in points, and each text's (baseline from the top, font size), read
    as XML (not by the export's own patterns): Graphviz writes its sizes in points and moves
    its drawing by the graph's ``translate``."""
    root = ET.fromstring(svg)
    w, h = (float(root.get(k, "0").removesuffix("pt")) for k in ("width", "height"))
    graph = root.find(f"{SVG}g")
    assert graph is not None
    shift = graph.get("transform", "").split("translate(")[1].rstrip(")").split()
    ty = float(shift[1])
    texts = [(ty + float(el.get("y", "0")), float(el.get("font-size", "0")))
             for el in root.iter(f"{SVG}text")]
    return w, h, texts


@pytest.mark.parametrize("name", list_models())
def test_every_zoo_diagram_reads_on_a_1920_px_slide(name: str) -> None:
    """Left to right the first block of each kind opened (GoogLeNet: 3.8 px) or every layer
    (DenseNet-201: 0.4 px) was a long strip: each is now drawn so that its smallest text, in a
    picture 1920 px wide, is at least 18 px (a font of f points in a picture w points wide is
    f x 1920 / w px there)."""
    result = trace_named(name)
    for detail in DETAILS:
        drawn = slide_diagram(result, "ko", SlideStyle(detail=detail))
        w, _, texts = size_and_fonts(drawn.svg)
        smallest = min(size for _, size in texts) * 1920 / w
        assert smallest >= SLIDE_TEXT_MIN, (name, detail, smallest)
        assert drawn.px == pytest.approx(smallest)


def test_a_strip_is_turned_top_to_bottom_and_a_readable_one_is_not() -> None:
    googlenet = slide_diagram(trace_named("googlenet"), "ko", SlideStyle(detail="blocks"))
    assert googlenet.turned is not None and googlenet.turned < SLIDE_TEXT_MIN
    assert "rankdir=TB" in googlenet.dot
    alexnet = slide_diagram(trace_named("alexnet"), "ko", SlideStyle())
    assert alexnet.turned is None and "rankdir=TB" in alexnet.dot  # its rows: TB ranks, LR text


def deck_pictures(data: bytes) -> tuple[object, list[object]]:
    deck = Presentation(io.BytesIO(data))
    shapes = [sh for s in deck.slides if "구조도" in s.shapes[0].text_frame.text
              for sh in s.shapes if sh.shape_type == 13]
    return deck, shapes


@pytest.mark.parametrize(("name", "detail"), [("alexnet_paper", "overview"), ("resnet50", "blocks")])
def test_the_deck_spreads_a_tall_diagram_over_slides_at_a_readable_size(name: str, detail: str) -> None:
    """The paper's two-GPU AlexNet is tall: fitted to one slide's height its text was 7.7 px of
    a 1920 px slide. Each of its pictures now has text of 18 px or more there (the SVG's font
    size times the picture's placed width over the SVG's width), every picture lies on its
    slide, and together they are the whole picture: their heights add up to its height."""
    result = trace_named(name)
    style = SlideStyle(detail=detail)
    deck, shapes = deck_pictures(export(result, "pptx", "ko", style))
    w, h, texts = size_and_fonts(export(result, "svg", "ko", style))
    font = min(size for _, size in texts)
    assert len(shapes) > 1
    slide_w, slide_h = deck.slide_width, deck.slide_height  # type: ignore[attr-defined]
    placed_w = {sh.width for sh in shapes}  # type: ignore[attr-defined]
    assert len(placed_w) == 1  # one scale on every slide
    px = font * (placed_w.pop() / slide_w * 1920) / w
    assert px >= SLIDE_TEXT_MIN, px
    for sh in shapes:
        assert sh.left >= 0 and sh.left + sh.width <= slide_w  # type: ignore[attr-defined]
        assert sh.top >= 0 and sh.top + sh.height <= slide_h  # type: ignore[attr-defined]
    total = sum(sh.height for sh in shapes) / shapes[0].width * w  # type: ignore[attr-defined]
    assert total == pytest.approx(h, rel=0.01)


@pytest.mark.parametrize("name", ["resnet18", "alexnet"])
def test_a_diagram_that_fits_one_slide_readably_takes_one(name: str) -> None:
    """ResNet-18's closed blocks, left to right in rows: 814 x 552 pt, fitted to the slide's
    picture box (1833 x 893 px of a 1920 px slide: 893 / 552 = 1.62 px a point), 12 pt text is
    19.4 px there: one slide. AlexNet's rows of 16:9 (833 x 645 pt: 16.6 px there) were drawn on
    two; in wider rows it fits one, its text still 18 px or more."""
    result = trace_named(name)
    deck, shapes = deck_pictures(export(result, "pptx", "ko"))
    assert len(shapes) == 1
    w, _, texts = size_and_fonts(export(result, "svg", "ko"))
    px = min(size for _, size in texts) * shapes[0].width / deck.slide_width * 1920 / w  # type: ignore[attr-defined]
    assert px >= SLIDE_TEXT_MIN, px


def test_no_cut_between_slides_runs_through_a_word() -> None:
    """Every cut between two slides' pictures lies outside every line of text (from its
    baseline up by its font size and down by a third of it)."""
    for name, detail in (("alexnet_paper", "overview"), ("densenet121", "blocks"), ("googlenet", "layers")):
        drawn = slide_diagram(trace_named(name), "ko", SlideStyle(detail=detail))
        parts = pieces(drawn.svg, *SLIDE_BOX_PX)
        _, h, texts = size_and_fonts(drawn.svg)
        cuts = [bottom for _, bottom in parts.bands[:-1]]
        assert cuts and parts.bands[-1][1] == h
        for cut in cuts:
            assert not [y for y, size in texts if y - size < cut < y + size / 3], (name, cut)


def test_a_picture_taller_than_one_png_points_to_the_slides() -> None:
    """DenseNet-201's every layer, top to bottom, is about 90,000 px tall at 1920 px wide: more
    than one PNG holds (cairo: 32,767 px a side). The PNG is refused with a message that names
    the one-PNG-a-slide ZIP, and the ZIP of a smaller tall picture holds one PNG a slide, at
    one width, their heights adding up to the whole picture's at that width."""
    result = trace_named("densenet201")
    with pytest.raises(TooTall) as info:
        export(result, "png", "ko", SlideStyle(detail="layers"))
    assert info.value.values["px"] > PNG_MAX_PX
    assert "슬라이드별 PNG (ZIP)" in info.value.message("ko") and "SVG" in info.value.message("ko")
    paper = trace_named("alexnet_paper")
    archive = zipfile.ZipFile(io.BytesIO(export(paper, "zip", "ko")))
    images = [Image.open(io.BytesIO(archive.read(n))) for n in sorted(archive.namelist())]
    assert [n.rsplit("_", 1)[1] for n in sorted(archive.namelist())] == ["01.png", "02.png", "03.png"]
    w, h, _ = size_and_fonts(export(paper, "svg", "ko"))
    assert len({im.width for im in images}) == 1
    assert sum(im.height for im in images) == pytest.approx(h * images[0].width / w, abs=len(images))
