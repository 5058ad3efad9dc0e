"""The convolution playground: one layer on a grid, then on the student's own picture."""

from __future__ import annotations

import pandas as pd
import streamlit as st
import torch
import torch.nn.functional as F

from app_pages import common
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

PAGE = "play"
SAMPLES = ("sunset", "poster", "stripes")
WORK_SIDE = 384  # pictures are shrunk to this before filtering: quick for forty students
SPECS: common.Specs = {
    "n": IntParam(1, 32, 7), "k": IntParam(1, 9, 3), "s": IntParam(1, 5, 2),
    "p": IntParam(0, 4, 1), "d": IntParam(1, 3, 1), "w": IntParam(0, 1024, 0),
    "sample": ChoiceParam(SAMPLES, "poster"), "filter": ChoiceParam(FILTERS, "edge"),
    "fsize": ChoiceParam((3, 5, 7), 3), "fstride": IntParam(1, 4, 1),
}


def _set(name: str, value: int) -> None:
    st.session_state[f"{PAGE}_{name}"] = value


def grid_tab(lang: str) -> None:
    c = st.columns(5)
    for col, (name, low, high) in zip(c, (("n", 1, 32), ("k", 1, 9), ("s", 1, 5), ("p", 0, 4), ("d", 1, 3)),
                                      strict=True):
        col.slider(t(f"play.{name}", lang), low, high, key=f"{PAGE}_{name}")
    n, k, s, p, d = (st.session_state[f"{PAGE}_{x}"] for x in "nkspd")
    out = ar.out_size(n, k, s, p, d)
    st.code(ar.formula(n, k, s, p, d), language=None)
    if out < 1:
        def works(v: int) -> None:
            if ar.out_size(v, k, s, p, d) < 1:
                raise ValueError(v)

        fix = common.nearest_valid(works, n, 1, 32)
        st.error(t("play.empty", lang, padded=n + 2 * p, span=d * (k - 1) + 1), icon=":material/block:")
        if fix is not None:
            st.button(t("fix.nearest", lang, value=fix), on_click=_set, args=("n", fix), type="primary")
        return
    real = F.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, k, k), stride=s, padding=p, dilation=d)
    st.caption(t("play.torch", lang, n=n, out=real.shape[-1]))
    st.session_state[f"{PAGE}_w"] = min(st.session_state[f"{PAGE}_w"], out * out - 1)
    if out * out > 1:
        st.slider(t("play.window", lang), 0, out * out - 1, key=f"{PAGE}_w")
    live_chart(lesson_charts.conv_grid(n, k, s, p, d, lang, st.session_state[f"{PAGE}_w"]), key="play_grid",
               static=True)
    st.caption(t("play.legend", lang))


@st.cache_data(max_entries=64, show_spinner=False)
def filtered(data: bytes | None, sample: str, name: str, size: int, stride: int) -> tuple:
    """(input picture, output picture, output size); ImageError for a bad upload."""
    img = load_image(data) if data is not None else sample_images()[sample]
    x = to_tensor(img, max_side=WORK_SIDE)
    kernel = make_kernel(name, size)
    y = apply_filter(x, kernel, stride=stride, padding=size // 2)
    signed = name in ("edge", "emboss", "random")
    return to_image(x), to_image(y, signed=signed), tuple(y.shape[2:]), img.size, kernel.tolist()


def image_tab(lang: str) -> None:
    left, right = st.columns([1, 2])
    with left:
        upload = st.file_uploader(t("play.upload", lang, mb=MAX_BYTES // 2**20), type=["png", "jpg", "jpeg"],
                                  key=f"{PAGE}_upload")
        st.selectbox(t("play.sample", lang), SAMPLES, key=f"{PAGE}_sample",
                     format_func=lambda n: t(f"play.sample.{n}", lang), disabled=upload is not None)
        st.radio(t("play.filter", lang), FILTERS, key=f"{PAGE}_filter",
                 format_func=lambda n: t(f"play.filter.{n}", lang))
        st.segmented_control(t("play.fsize", lang), (3, 5, 7), key=f"{PAGE}_fsize", required=True,
                             format_func=lambda k: f"{k}×{k}")
        st.slider(t("play.s", lang), 1, 4, key=f"{PAGE}_fstride")
    data = upload.getvalue() if upload is not None else None
    try:
        before, after, (h, w), original, kernel = filtered(
            data, st.session_state[f"{PAGE}_sample"], st.session_state[f"{PAGE}_filter"],
            st.session_state[f"{PAGE}_fsize"], st.session_state[f"{PAGE}_fstride"])
    except ImageError as err:
        right.error(t(f"img.{err.code}", lang, **err.values), icon=":material/broken_image:")
        return
    with right:
        if before.size != original:
            st.caption(t("play.shrunk", lang, w=before.size[0], h=before.size[1]))
        a, b = st.columns(2)
        a.image(before, caption=t("play.before", lang, h=before.size[1], w=before.size[0]))
        b.image(after, caption=t("play.after", lang, h=h, w=w))
        size, stride = st.session_state[f"{PAGE}_fsize"], st.session_state[f"{PAGE}_fstride"]
        st.code(ar.formula(before.size[1], size, stride, size // 2), language=None)
        st.caption(t("play.kernel", lang))
        st.dataframe(pd.DataFrame(kernel).round(2), hide_index=True)


common.tabbed_page(PAGE, SPECS, {"grid": grid_tab, "image": image_tab})
