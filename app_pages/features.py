"""Feature maps of the student's own picture, through the real network on the CPU.

Pick a network and a layer; the picture is prepared as the network expects, one real forward
pass captures that layer, and its maps are shown as thumbnails (strongest first) with one
enlarged. Without a checkpoint the network is untrained, and the page says so.
"""

from __future__ import annotations

import os

import streamlit as st
import torch

from app_pages import common
from models import build_model, get_entry, list_models
from visualizer.analysis import flow_units, stage_label
from visualizer.features import (
    WEIGHTS_ENV,
    CheckpointError,
    Prepared,
    capture,
    first_filters,
    load_checkpoint,
    map_image,
    prepare,
    top_channels,
)
from visualizer.i18n import shape_text, t
from visualizer.images import MAX_BYTES, ImageError, load_image, sample_images
from visualizer.state import ChoiceParam, IntParam
from visualizer.trace import ShapeError

PAGE = "feat"
ARCHS = tuple(n for n in list_models() if get_entry(n).default_input[0] == 3)
SAMPLES = ("sunset", "poster", "stripes")
SPECS: common.Specs = {
    "arch": ChoiceParam(ARCHS, "alexnet"),
    "channels": ChoiceParam((1, 3), 3),
    "sample": ChoiceParam(SAMPLES, "sunset"),
    "count": IntParam(4, 64, 16),
    "layer": IntParam(0, 400, 0),
    "big": IntParam(0, 4096, 0),
}


@st.cache_resource(max_entries=4, show_spinner=False)
def cpu_model(arch: str, channels: int, weights: str | None) -> torch.nn.Module:
    """A real CPU model, shared by every student (read-only: only forward passes use it)."""
    torch.manual_seed(0)  # the same untrained network for everyone
    model = build_model(arch, device="cpu", in_channels=channels)
    if weights:
        load_checkpoint(model, weights)
    return model.eval()


@st.cache_data(max_entries=32, show_spinner=False)
def feature_maps(data: bytes | None, sample: str, arch: str, channels: int, layer: str,
                 weights: str | None) -> tuple[torch.Tensor, Prepared]:
    """One layer's maps for one picture (kept as float16: half the memory)."""
    img = load_image(data) if data is not None else sample_images()[sample]
    prepared = prepare(img, channels, get_entry(arch).default_input[1])
    maps = capture(cpu_model(arch, channels, weights), prepared.tensor, [layer])[layer]
    return maps.to(torch.float16), prepared


def weights_path(arch: str) -> str | None:
    """The checkpoint path typed in, or the one CNNVIS_WEIGHTS names if it is for ``arch``."""
    typed = st.session_state.get(f"{PAGE}_weights", "").strip()
    if typed:
        return typed
    env = os.environ.get(WEIGHTS_ENV, "").strip()
    if env and os.path.basename(env).split("-")[0].split(".")[0] == arch:
        return env
    return None


def render() -> None:
    lang = common.header(PAGE, SPECS)
    c = st.columns([2, 1, 2])
    arch = c[0].selectbox(t("feat.arch", lang), ARCHS, key=f"{PAGE}_arch",
                          format_func=lambda n: t(f"arch.{n}", lang))
    channels = c[1].segmented_control(t("side.channels", lang), (1, 3), key=f"{PAGE}_channels",
                                      required=True, format_func=lambda n: t(f"side.channels.{n}", lang))
    upload = c[2].file_uploader(t("play.upload", lang, mb=MAX_BYTES // 2**20), type=["png", "jpg", "jpeg"],
                                key=f"{PAGE}_upload")
    if upload is None:
        c[2].selectbox(t("play.sample", lang), SAMPLES, key=f"{PAGE}_sample",
                       format_func=lambda n: t(f"play.sample.{n}", lang))
    with st.expander(t("feat.weights", lang)):
        st.text_input(t("feat.weights", lang), key=f"{PAGE}_weights", help=t("feat.weights.help", lang),
                      placeholder="alexnet-owt-7be5be79.pth")
        st.caption(t("feat.weights.help", lang))

    try:
        result = common.cached_trace(arch, get_entry(arch).default_input[1], (("in_channels", channels),))
    except ShapeError as err:
        common.shape_error(err)
        return
    layers = [u for u in flow_units(result) if len(u.last(result).output_shape) == 4]
    st.session_state[f"{PAGE}_layer"] = min(st.session_state[f"{PAGE}_layer"], len(layers) - 1)
    c = st.columns([2, 1])
    pick = c[0].selectbox(t("feat.layer", lang), range(len(layers)), key=f"{PAGE}_layer",
                          format_func=lambda i: _layer_label(result, layers[i]))
    count = c[1].slider(t("feat.count", lang), 4, 64, key=f"{PAGE}_count")
    layer = layers[pick].last(result).name

    weights = weights_path(arch)
    data = upload.getvalue() if upload is not None else None
    try:
        sample = st.session_state[f"{PAGE}_sample"]
        maps, prepared = feature_maps(data, sample, arch, channels, layer, weights)
    except ImageError as err:
        st.error(t(f"img.{err.code}", lang, **err.values), icon=":material/broken_image:")
        return
    except CheckpointError as err:
        st.error(t(f"ckpt.{err.code}", lang, **err.values), icon=":material/error:")
        return
    if weights:
        st.success(t("feat.trained", lang, name=os.path.basename(weights)), icon=":material/check:")
    else:
        st.warning(t("feat.untrained", lang), icon=":material/casino:")

    left, right = st.columns([1, 3])
    with left:
        st.markdown(f"**{t('feat.prep', lang)}**")
        st.image(prepared.shown, width="stretch")
        size = prepared.shown.size[0]
        if channels == 3:
            st.caption(t("feat.prep.rgb", lang, size=size, mean=prepared.mean, std=prepared.std))
        else:
            st.caption(t("feat.prep.gray", lang, size=size))
        model = cpu_model(arch, channels, weights)
        conv = next(m for m in model.modules() if isinstance(m, torch.nn.Conv2d))
        k = conv.kernel_size[0]
        st.markdown(f"**{t('feat.filters', lang, n=conv.out_channels, k=k, c=conv.in_channels)}**")
        st.image(first_filters(model, limit=48, side=36), width=36)
    with right:
        label = result.find(layer).label
        st.markdown(t("feat.shape", lang, layer=label, shape=shape_text(tuple(maps.shape))))
        order = top_channels(maps, count)
        cols = st.columns(8)
        for i, ch in enumerate(order):
            cols[i % 8].image(map_image(maps[0, ch]), caption=t("feat.thumb", lang, c=ch),
                              width="stretch")
        total = maps.shape[1]
        st.session_state[f"{PAGE}_big"] = min(st.session_state[f"{PAGE}_big"], total - 1)
        if st.session_state[f"{PAGE}_big"] == 0 and order:
            st.session_state[f"{PAGE}_big"] = order[0]
        big = st.number_input(t("feat.big", lang), 0, total - 1, key=f"{PAGE}_big")
        h, w = maps.shape[2:]
        st.image(map_image(maps[0, int(big)], side=min(384, max(h, w) * 8)),
                 caption=t("feat.big.caption", lang, c=big, layer=result.find(layer).label, h=h, w=w))
    common.link(PAGE, SPECS)


def _layer_label(result, unit) -> str:  # type: ignore[no-untyped-def]
    """"stage › layer (shape)": the layer list grouped by the block it belongs to."""
    r = unit.last(result)
    stage = r.parent.rsplit(".", 1)[0] if r.parent and "." in r.parent else (r.parent or "")
    name = stage_label(result, unit)
    prefix = f"{result.find(stage).label} › " if stage and stage != "features" else ""
    return f"{prefix}{name}  ({shape_text(r.output_shape)})"


render()
