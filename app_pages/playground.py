"""The convolution playground: one layer on a grid, then on the student's own picture."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
import torch
import torch.nn.functional as F
from PIL import Image

from app_pages import common, lecture_mode, projector
from app_pages.controls import Controls
from app_pages.live_chart import live_chart
from visualizer import arithmetic as ar
from visualizer import lesson_charts
from visualizer.i18n import t
from visualizer.images import (
    FILTERS,
    MAX_BYTES,
    ImageError,
    apply_filter,
    load_image,
    make_kernel,
    sample_images,
    to_image,
    to_tensor,
)
from visualizer.state import ChoiceParam, IntParam

SAMPLES = ("sunset", "poster", "stripes")
SIGNED = ("emboss", "random")  # filters whose response is signed: drawn around mid-grey
OUTLINE = "edge"  # its response drawn as its strength, dark lines on white (images.to_image)
WORK_SIDE = 384  # pictures are shrunk to this before filtering: quick for forty students
STATE = Controls("play", {
    "n": IntParam(1, 32, 7), "k": IntParam(1, 9, 3), "s": IntParam(1, 5, 2),
    "p": IntParam(0, 4, 1), "d": IntParam(1, 3, 1), "w": IntParam(0, 1024, 0),
    "sample": ChoiceParam(SAMPLES, "poster"), "filter": ChoiceParam(FILTERS, "edge"),
    "fsize": ChoiceParam((3, 5, 7), 3), "fstride": IntParam(1, 4, 1),
})


def grid_tab(lang: str) -> None:
    c = st.columns(5)
    n, k, s, p, d = (STATE.slider(name, t(f"play.{name}", lang), where=col)
                     for col, name in zip(c, "nkspd", strict=True))
    out = ar.out_size(n, k, s, p, d)
    # On a slide the grids take the right of the screen, the words its left: below the formula,
    # the caption and the window's slider they had the room left under them (at 1366x768 a
    # 7x7 grid 90 px wide, its two titles on each other).
    words, picture = st.columns([2, 3], gap="large") if projector.presenting() else (st.container(),) * 2
    with words:
        st.code(ar.formula(n, k, s, p, d), language=None)
    if out < 1:
        def works(v: int) -> None:
            if ar.out_size(v, k, s, p, d) < 1:
                raise ValueError(v)

        fix = common.nearest_valid(works, n, 1, 32)
        with words:
            st.error(t("play.empty", lang, padded=n + 2 * p, span=d * (k - 1) + 1), icon=":material/block:")
            if fix is not None:
                st.button(t("fix.nearest", lang, value=fix), on_click=STATE.set, args=("n", fix),
                          type="primary")
        return
    real = F.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, k, k), stride=s, padding=p, dilation=d)
    with words:
        st.caption(t("play.torch", lang, n=n, out=real.shape[-1]))
        window = STATE.at_most("w", out * out - 1)
        if out * out > 1:
            window = STATE.slider("w", t("play.window", lang), high=out * out - 1)
    with picture:
        live_chart(lesson_charts.conv_grid(n, k, s, p, d, lang, window), key="play_grid", static=True,
                   slide_min=320)
    with words:
        st.caption(t("play.legend", lang))


@st.cache_data(max_entries=64, show_spinner=False)
def filtered(data: bytes | None, sample: str, name: str, size: int,
             stride: int) -> tuple[Image.Image, Image.Image, tuple[int, ...], tuple[int, int], list[Any]]:
    """(input picture, output picture, output size, the original's size, the kernel's
    numbers); ImageError for a bad upload."""
    img = load_image(data) if data is not None else sample_images()[sample]
    x = to_tensor(img, max_side=WORK_SIDE)
    kernel = make_kernel(name, size)
    y = apply_filter(x, kernel, stride=stride, padding=size // 2)
    after = to_image(y, signed=name in SIGNED, outline=name == OUTLINE)
    return to_image(x), after, tuple(y.shape[2:]), img.size, kernel.tolist()


def image_tab(lang: str) -> None:
    left, right = st.columns([1, 2])
    with left:
        upload = st.file_uploader(t("play.upload", lang, mb=MAX_BYTES // 2**20), type=["png", "jpg", "jpeg"],
                                  key="play_upload")
        sample = STATE.choice("sample", t("play.sample", lang), widget="select", disabled=upload is not None,
                              format_func=lambda n: t(f"play.sample.{n}", lang))
        name = STATE.choice("filter", t("play.filter", lang), widget="radio",
                            format_func=lambda n: t(f"play.filter.{n}", lang))
        size = STATE.choice("fsize", t("play.fsize", lang), format_func=lambda k: f"{k}×{k}")
        stride = STATE.slider("fstride", t("play.s", lang))
    data = upload.getvalue() if upload is not None else None
    try:
        before, after, (h, w), original, kernel = filtered(data, sample, name, size, stride)
    except ImageError as err:
        with right:
            common.coded_error(err, ":material/broken_image:")
        return
    with right:
        if before.size != original:
            st.caption(t("play.shrunk", lang, w=before.size[0], h=before.size[1]))
        a, b = st.columns(2)
        a.image(before, caption=t("play.before", lang, h=before.size[1], w=before.size[0]))
        b.image(after, caption=t("play.after", lang, h=h, w=w))
        if name in SIGNED:
            b.caption(t("play.contrast", lang))
        elif name == OUTLINE:
            b.caption(t("play.outline", lang))
        # on a slide, the formula and the filter's numbers in the speaker notes: the two pictures
        # are the slide (below them, the numbers ran under the slide bar at 1920x1080)
        lecture_mode.note_code(ar.formula(before.size[1], size, stride, size // 2), language=None)
        lecture_mode.note(t("play.kernel", lang), small=True)
        lecture_mode.note_table(pd.DataFrame(kernel).round(2), hide_index=True)


common.tabbed_page(STATE, {"grid": grid_tab, "image": image_tab})
