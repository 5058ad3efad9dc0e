"""Feature maps of the student's own picture, through the real network on the CPU.

Pick a network, whose weights (trained here on Fashion-MNIST, torchvision's ImageNet file from
torch's hub cache, or untrained) and a layer; the picture is prepared exactly as that network
was trained to receive it, one real forward pass captures that layer, and its maps are shown
strongest first, beside the network's top guesses for the picture.

Also: a strip of four layers from first to last (with ImageNet weights: edges, textures, parts),
the first layer's filters as one sheet (AlexNet's: the paper's Figure 3), what the network
imagines (visualizer.imagine: a class's picture and a gallery per layer, grown from noise), and
the teacher's button that fetches torchvision's ImageNet file (visualizer.imagenet). Server
files are the teacher's: only the teacher types a path or fetches a file.

Beside the zoo's networks, a design trained in class (visualizer.training.store): the student's
own finished jobs and every design on the class board whose weights are kept (``?arch=kept&kept=<job>``). Its
picture is prepared as the queue trained it (Fashion-MNIST, its own input size, mean and std), and
its code and weights can be downloaded here too.
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import streamlit as st
import torch
from PIL import Image

from app_pages import cached, common, lecture_mode
from app_pages.controls import Controls, TextParam
from app_pages.live_chart import live_chart
from models import get_entry, list_models
from visualizer import design as ds
from visualizer import imagenet, lesson_charts
from visualizer import queue as q
from visualizer.data import DataError, load_split
from visualizer.errors import CodedError, StoredError
from visualizer.features import (
    IMAGENET_MEAN,
    IMAGENET_STD,
    WEIGHTS_ENV,
    CheckpointError,
    Prepared,
    capture,
    filter_grid,
    first_filters,
    hub_checkpoints,
    hub_dir,
    imagenet_classes,
    light_background,
    map_image,
    prepare,
    prepare_fashion,
    strip_layers,
    top_channels,
    top_k,
)
from visualizer.i18n import shape_text, t
from visualizer.images import MAX_BYTES, ImageError, gray_picture, load_image, sample_images
from visualizer.imagine import Goal, Settings, imagine, scale_sides, to_picture
from visualizer.pages import by_prefix
from visualizer.records import TraceResult
from visualizer.state import ChoiceParam, IntParam
from visualizer.structure import Unit, flow_units, stage_label
from visualizer.trace import ShapeError
from visualizer.training import runner, store
from visualizer.training.store import check_meta, checkpoint_paths, read_meta

ARCHS = tuple(n for n in list_models() if get_entry(n).takes_images)
KEPT = "kept"  # the "network" that is a design trained in class; which one: the control "kept"
FASHION_SAMPLES = tuple(f"fashion{c}" for c in range(10))  # the first test picture of each class
SAMPLES = ("sunset", "poster", "stripes", *FASHION_SAMPLES)
SOURCES = ("auto", "fashion", "imagenet", "random")
WEIGHTS_PATH_KEY = "feat_weights_path"  # a file path typed in: not part of the link
FILTERS_SHOWN = 48  # a design's first-layer filters drawn (AlexNet's 64 would be two more rows)
STATE = Controls("feat", {
    "arch": ChoiceParam((*ARCHS, KEPT), "alexnet", problem="url.bad_arch"),
    "kept": TextParam(store.is_job_id, "url.bad_kept"),  # the kept design's job (in the link while shown)
    "weights": ChoiceParam(SOURCES, "auto"),
    "channels": ChoiceParam((1, 3), 3),
    "sample": ChoiceParam(SAMPLES, "fashion9"),
    "invert": ChoiceParam(("auto", "yes", "no"), "auto"),
    "count": IntParam(4, 64, 16),
    "layer": IntParam(0, 400, 0),
    "big": IntParam(0, 4096, 0),
})


@dataclass(frozen=True)
class Weights:
    """Which weights the page runs, and how a picture must be prepared for them."""

    source: str  # "fashion", "imagenet", "random" or "kept" (a design trained in class)
    path: str | None
    channels: int
    classes: int
    size: int
    meta: dict[str, Any] | None = None  # the Fashion-MNIST checkpoint's description, or the kept
    # design's: its job, link value (design), accuracy, mean, std and file stamp

    @property
    def fashion(self) -> bool:
        """Whether the network was trained on Fashion-MNIST (here, or in class)."""
        return self.source in ("fashion", KEPT) and self.meta is not None


def typed_path() -> str | None:
    """The checkpoint path typed in the box: the teacher's only (a student never sees the box,
    and a value sent for it by a student's session is ignored: server files are the teacher's)."""
    if not common.is_teacher():
        return None
    typed = str(st.session_state.get(WEIGHTS_PATH_KEY) or "").strip()
    return typed or None


# What a typed path's failure may say: one message for a missing, unreadable or damaged file,
# so the box cannot be used to find out which files exist on the server (issue 27).
TYPED_SAME = ("unusable", "corrupt", "not_state_dict", "code")


def imagenet_path(arch: str) -> str | None:
    """A torchvision ImageNet checkpoint for ``arch``: the path typed in, the one
    ``CNNVIS_WEIGHTS`` names, or the file found in torch's hub cache."""
    typed = typed_path()
    if typed:
        return typed
    env = os.environ.get(WEIGHTS_ENV, "").strip()
    if env and os.path.basename(env).split("-")[0].split(".")[0] == arch:
        return env
    found = hub_checkpoints().get(arch)
    return str(found) if found else None


def choose_weights(arch: str, wanted: str, channels: int) -> Weights:
    """The weights asked for, else the best there are: trained here, then ImageNet, then none."""
    meta = read_meta(arch)  # a damaged description is no description (weights_notice says so)
    hub = imagenet_path(arch)
    # Best available: a network that has seen a million photographs (ImageNet) makes far more
    # of a painting than one that knows ten kinds of clothing (Fashion-MNIST).
    order = {"auto": ("imagenet", "fashion", "random")}.get(wanted, (wanted, "imagenet", "fashion", "random"))
    for source in order:
        if source == "fashion" and meta:
            return Weights("fashion", str(checkpoint_paths(arch)[0]), 1, 10, int(meta["input_size"]), meta)
        if source == "imagenet" and hub:
            return Weights("imagenet", hub, 3, 1000, get_entry(arch).default_input[1])
        if source == "random":
            return Weights("random", None, channels, 1000, get_entry(arch).default_input[1])
    raise AssertionError("unreachable: 'random' is always possible")


def fetch_section(arch: str, w: Weights, lang: str) -> bool:
    """The teacher's button that fetches torchvision's ImageNet file for ``arch`` (when the
    network has one and it is not here), its progress, and what to do when it fails. Returns
    True when a download has just finished well. Students see none of it, and a click that
    does not come from the teacher's session starts nothing."""
    info = imagenet.PUBLISHED.get(arch)
    done = st.session_state.pop("feat_fetched", None)
    if done:
        st.success(done, icon=":material/check:")
    if info is None or not common.is_teacher() or w.source == "imagenet" or arch in hub_checkpoints():
        return False
    job = imagenet.download_of(arch)
    if job is None or not job.running:
        if job is not None and job.error is not None:
            err = job.error
            common.coded_error(err, icon=":material/cloud_off:")
            st.markdown(t("feat.fetch.by_hand", lang, url=info.url, file=info.file,
                          folder=str(hub_dir())))
        name = t(f"arch.{arch}", lang)
        clicked = st.button(t("feat.fetch.button", lang, arch=name, mb=f"{info.megabytes:.0f}"),
                            key="feat_fetch", icon=":material/download:",
                            help=t("feat.fetch.help", lang, file=info.file, source=info.source))
        if not (clicked and common.is_teacher()):
            return False
        job = imagenet.start(arch)
    bar = st.progress(0.0, text=t("feat.fetch.starting", lang, file=info.file))
    while job.running:
        bar.progress(job.fraction, text=t("feat.fetch.progress", lang, file=info.file,
                                           done=f"{job.done / 2**20:.1f}",
                                           total=f"{(job.total or info.megabytes * 2**20) / 2**20:.1f}"))
        time.sleep(0.25)
    bar.empty()
    if job.error is not None:
        st.rerun()  # drawn again, with the message and the button
    st.session_state["feat_fetched"] = t("feat.fetch.done", lang, file=info.file,
                                         seconds=f"{job.seconds or 0:.0f}")
    return True


def model_for(arch: str, w: Weights) -> torch.nn.Module:
    if w.source == KEPT and w.meta is not None:
        return common.opened_kept(str(w.meta["job"]))[2]
    if w.source == "fashion" and w.meta is not None:
        return common.trained_model(arch, str(w.meta["sha256"]))
    return common.shared_model(arch, w.channels, w.classes, w.path)


@st.cache_data(max_entries=1, show_spinner=False)
def fashion_sample(name: str) -> Image.Image:
    """The first test picture of a class, from Debian's Fashion-MNIST."""
    test = load_split("test")
    c = int(name.removeprefix("fashion"))
    i = int((test.labels == c).nonzero()[0])
    return gray_picture(test.images[i]).convert("RGB")


def picture(data: bytes | None, sample: str) -> Image.Image:
    if data is not None:
        return load_image(data)
    if sample in FASHION_SAMPLES:
        return fashion_sample(sample)
    return sample_images()[sample]


def prepared_for(img: Image.Image, arch: str, w: Weights, invert: bool) -> Prepared:
    if w.fashion and w.meta:
        return prepare_fashion(img, w.size, float(w.meta["mean"]), float(w.meta["std"]), invert)
    prepared = prepare(img, w.channels, w.size)
    if w.source == "imagenet" and arch == "googlenet":
        # torchvision's GoogLeNet file was trained on inputs scaled to -1..1 (its
        # transform_input=True undoes ImageNet's normalisation); our GoogLeNet has no such step,
        # so its input is made that way here.
        x = (prepared.tensor * torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
             + torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1) - 0.5) / 0.5
        prepared = Prepared(x, prepared.shown, (0.5,) * 3, (0.5,) * 3)
    return prepared


def weights_notice(arch: str, w: Weights, wanted: str, lang: str) -> None:
    note = check_meta(arch)[1]
    if note:
        st.warning(t("feat.meta_skipped", lang, file=checkpoint_paths(arch)[1].name,
                     why=t(f"feat.meta_why.{note.split(':')[0]}", lang, field=note.partition(':')[2])),
                   icon=":material/report:")
    if wanted not in ("auto", w.source):
        st.info(t("feat.fallback", lang, wanted=t(f"feat.src.{wanted}", lang),
                  used=t(f"feat.src.{w.source}", lang)), icon=":material/swap_horiz:")
    if w.source == "fashion" and w.meta:
        epochs = f"{round(w.meta['epochs'], 1):g}"  # 2.001 when the last batch was dropped
        st.success(t("feat.fashion", lang, acc=w.meta["test_accuracy"], date=str(w.meta["date"])[:10],
                     size=w.size, epochs=epochs, n=int(w.meta.get("test_images", 10_000))),
                   icon=":material/check:")
    elif w.source == "imagenet":
        st.success(t("feat.trained", lang, name=os.path.basename(str(w.path))), icon=":material/check:")
    else:
        st.warning(t("feat.untrained", lang, minutes=3), icon=":material/casino:")


def guesses(w: Weights, top: list[tuple[int, float]], lang: str) -> None:
    """The network's top guesses for the picture: softmax probabilities of its scores."""
    k = len(top)
    if w.fashion:
        names = [t(f"fashion.{c}", lang) for c, _ in top]
    elif w.source == "imagenet":
        classes = imagenet_classes()
        names = [classes[c] for c, _ in top]
    else:
        names = [t("feat.class_n", lang, n=c) for c, _ in top]
    title = t(f"feat.guess.{'fashion' if w.fashion else w.source}", lang, k=k)
    live_chart(lesson_charts.guess_bars(names, [p for _, p in top], title), key="feat_guess", static=True)
    if w.source == "imagenet":
        st.caption(t("feat.guess.imagenet_names", lang))


def sample_label(name: str, lang: str) -> str:
    if name in FASHION_SAMPLES:
        return t("feat.sample.fashion", lang, name=t(f"fashion.{name.removeprefix('fashion')}", lang))
    return t(f"play.sample.{name}", lang)


def render() -> None:
    lang = common.header(STATE)
    # A kept design's entries are long ("Mine · trained further · finished 15:58 · 39.3% · tiny"): its
    # picker gets the wider column (the list is cut at the box's width).
    c = st.columns([4, 7, 6] if STATE["arch"] == KEPT else [2, 2, 3])
    arch = STATE.choice("arch", t("feat.arch", lang), widget="select", where=c[0],
                        format_func=lambda n: t("kept.choice" if n == KEPT else f"arch.{n}", lang))
    listed: dict[str, q.Kept] = {}
    if arch == KEPT:
        listed = {k.id: k for k in q.openable(common.student())}
        job = kept_picker(listed, c[1], lang)
    else:
        wanted = STATE.choice("weights", t("feat.source", lang), widget="select", where=c[1],
                              format_func=lambda s: t(f"feat.src.{s}", lang))
    upload = c[2].file_uploader(t("play.upload", lang, mb=MAX_BYTES // 2**20), type=["png", "jpg", "jpeg"],
                                key="feat_upload")
    if upload is None:
        STATE.choice("sample", t("play.sample", lang), widget="select", where=c[2],
                     format_func=lambda n: sample_label(n, lang))
    if arch == KEPT:
        opened = kept_weights(job, listed.get(job or ""), lang)
        if opened is None:  # said, with a way out
            STATE.link(hidden=kept_hidden(arch))
            return
        w = opened
    else:
        w = choose_weights(arch, wanted, int(STATE["channels"]))
        if w.source == "random":
            STATE.choice("channels", t("side.channels", lang),
                         format_func=lambda n: t(f"side.channels.{n}", lang))
        if fetch_section(arch, w, lang):
            st.rerun()  # the file is in torch's hub cache now: the page uses it
        with st.expander(t("feat.weights", lang)):
            if common.is_teacher():
                st.text_input(t("feat.weights", lang), key=WEIGHTS_PATH_KEY,
                              placeholder="/home/teacher/alexnet-owt-7be5be79.pth")
                st.caption(t("feat.weights.help", lang))
            else:
                st.caption(t("feat.weights.student", lang))
        weights_notice(arch, w, wanted, lang)

    data = upload.getvalue() if upload is not None else None
    try:
        if w.source == KEPT and w.meta is not None:
            result = cached.kept_trace(str(w.meta["design"]))
        else:
            config = (("in_channels", w.channels), ("num_classes", w.classes))
            result = common.cached_trace(arch, w.size, config)
        layers = [u for u in flow_units(result) if len(u.last(result).output_shape) == 4]
        if not layers:  # a design of fully connected layers only: no maps to show
            st.info(t("kept.no_maps", lang), icon=":material/info:")
            STATE.link(hidden=kept_hidden(arch))
            return
        keep_layer_index(len(layers))
        c = st.columns([2, 1])
        pick = STATE.choice("layer", t("feat.layer", lang), widget="select", where=c[0],
                            options=range(len(layers)), format_func=lambda i: _layer_label(result, layers[i]))
        count = STATE.slider("count", t("feat.count", lang), where=c[1])
        layer = layers[pick].last(result).name
        maps, prepared, top = look(data, STATE["sample"], arch, w, STATE["invert"], layer)
        model = model_for(arch, w)
    except ImageError as err:
        common.coded_error(err, icon=":material/broken_image:")
        return
    except CheckpointError as err:
        if w.path is not None and w.path == typed_path() and err.code in TYPED_SAME:
            err = CheckpointError("unusable", path=w.path)
        common.coded_error(err)
        return
    except DataError as err:
        common.coded_error(err)
        return
    except ds.DesignError as err:  # a kept design this app cannot build (a newer app's)
        common.coded_error(err)
        back_button(lang)
        return
    except ShapeError as err:
        common.shape_error(err)
        return

    left, right = st.columns([1, 3])
    with left:
        st.markdown(f"**{t('feat.prep', lang)}**")
        st.image(prepared.shown, width="stretch")
        if w.fashion:
            st.caption(t("feat.prep.fashion", lang, size=w.size, mean=w.meta["mean"] if w.meta else "",
                         std=w.meta["std"] if w.meta else ""))
            STATE.choice("invert", t("feat.invert", lang), format_func=lambda v: t(f"feat.invert.{v}", lang),
                         help=t("feat.invert.help", lang))
        elif w.channels == 3:
            st.caption(t("feat.prep.rgb", lang, size=w.size, mean=prepared.mean, std=prepared.std))
        else:
            st.caption(t("feat.prep.gray", lang, size=w.size))
        guesses(w, top, lang)
        conv = next((m for m in model.modules() if isinstance(m, torch.nn.Conv2d)), None)
        if conv is not None:  # a student's design may start with a pooling or have no convolution
            k = conv.kernel_size[0]
            st.markdown(f"**{t('feat.filters', lang, n=conv.out_channels, k=k, c=conv.in_channels)}**")
            if w.source == "imagenet":
                st.image(filter_grid(model), width="stretch")
                st.caption(t(f"feat.filters.imagenet{'.alexnet' if arch == 'alexnet' else ''}", lang,
                             n=conv.out_channels))
            else:
                st.image(first_filters(model, limit=FILTERS_SHOWN, side=36), width=36)
                if conv.out_channels > FILTERS_SHOWN:  # the title counts them all
                    st.caption(t("feat.filters.first", lang, shown=FILTERS_SHOWN))
    with right:
        strip(data, arch, w, result, lang)
        label = result.find(layer).label
        st.markdown(t("feat.shape", lang, layer=label, shape=shape_text(tuple(maps.shape))))
        order = top_channels(maps, count)
        # A row that wraps: eight or more across on a laptop, three on a phone (columns stacked one
        # map per screen on a phone).
        with st.container(horizontal=True):
            for ch in order:
                st.image(map_image(maps[0, ch]), caption=t("feat.thumb", lang, c=ch), width=72)
        total = maps.shape[1]
        if STATE.at_most("big", total - 1) == 0 and order:
            STATE.set("big", order[0])
        big = STATE.number("big", t("feat.big", lang), high=total - 1)
        h, w_ = maps.shape[2:]
        st.image(map_image(maps[0, int(big)], side=min(384, max(h, w_) * 8)),
                 caption=t("feat.big.caption", lang, c=big, layer=label, h=h, w=w_))
    imagine_section(data, arch, w, result, top, lang)
    STATE.link(hidden=kept_hidden(arch))


# ---- A design trained in class (the checkpoint store's) ----------------------------------

def kept_hidden(arch: str) -> tuple[str, ...]:
    """The kept design is in the link (``kept=<job>``) only while it is shown; the page
    remembers it across networks and pages all the same."""
    return () if arch == KEPT else ("kept",)


def option_label(entry: q.Kept, lang: str) -> str:
    """A kept design in the list (a nickname and a design's name: the selectbox shows its
    options as plain text)."""
    if entry.mine:  # two runs of one design differ by their end, and by where they started
        return t("kept.option.mine.further" if entry.parent else "kept.option.mine", lang, name=entry.name,
                 acc=entry.accuracy, time=finish_time(entry.finished))
    return t("kept.option.board", lang, rank=entry.rank, who=entry.nickname, name=entry.name,
             acc=entry.accuracy)


def kept_picker(listed: dict[str, q.Kept], where: Any, lang: str) -> str | None:
    """The student's own finished designs and the board's, to pick one; a design opened by its
    link that is not among them (an old board's) stays first. None when there is none."""
    current = STATE["kept"]
    options = list(listed)
    if isinstance(current, str) and current and current not in listed:
        options.insert(0, current)
    if not options:
        return None
    if current not in options:
        STATE.set("kept", options[0])
    labels = {j: option_label(listed[j], lang) if j in listed else t("kept.option.link", lang)
              for j in options}
    twice = {label for label in labels.values() if list(labels.values()).count(label) > 1}
    for j, label in labels.items():  # two ends in one minute: the job's own name tells them apart
        if label in twice:
            labels[j] = f"{label} · {j}"
    return str(STATE.choice("kept", t("kept.pick", lang), widget="select", where=where, options=options,
                            format_func=labels.__getitem__))


def back_button(lang: str) -> None:
    """The way out of a kept design that cannot be shown: a lecture network."""
    st.button(t("kept.back", lang), on_click=STATE.set, args=("arch", "alexnet"),
              icon=":material/arrow_back:", key="feat_kept_back")


def kept_weights(job: str | None, entry: q.Kept | None, lang: str) -> Weights | None:
    """The kept design's weights, said above the maps with its code and weights to download; or
    None, when there is none or its file cannot be used (said, with a way out)."""
    if job is None:
        st.info(t("kept.none", lang), icon=":material/info:")
        back_button(lang)
        return None
    try:
        source, design, _, meta = common.opened_kept(job)
        stamp = source.stat().st_mtime_ns
    except (CheckpointError, ds.DesignError) as err:
        common.coded_error(err, icon=":material/broken_image:")
        back_button(lang)
        return None
    except OSError:  # removed between the two looks
        common.coded_error(CheckpointError("kept_missing", keep=store.KEEP), icon=":material/broken_image:")
        back_button(lang)
        return None
    st.success(t("kept.notice", lang, size=design.size, acc=float(meta.get("accuracy", 0))),
               icon=":material/emoji_events:")
    if "from" in meta:
        st.caption(t("kept.from", lang))
    if entry is not None and entry.nickname:
        common.plain(t("kept.by", lang, name=design.name, who=entry.nickname))
    common.take_home_button(st, source, design.name, lang, label="kept.take_home", key="feat_take_home")
    if entry is not None and entry.mine:
        further(job, design, entry.nickname, lang)
    return Weights(KEPT, str(source), design.channels, q.CLASSES, design.size,
                   {"job": job, "design": ds.encode(design), "stamp": stamp,
                    **{k: float(meta[k]) for k in store.DESIGN_VALUES if k in meta}})


FURTHER_PROBLEM = "feat_further_problem"  # the queue's refusal of the last click, said on the next run
FURTHER_SENT = "feat_further_sent"  # the job this session queued last: how it ended is said here


def further(job: str, design: ds.Design, nickname: str, lang: str) -> None:
    """The student's own kept design queued again, starting from the weights it learned (trained
    further: the new checkpoint names this one). While that job waits or trains, the way to
    follow it on the builder page, and a small fragment that looks every few seconds and redraws
    the page when the job has ended; once it has, the new design to open.

    Only a click queues: the queue is asked in the button's callback (:func:`further_clicked`),
    which Streamlit calls for the click the browser sent and for nothing else, with the job this
    button was drawn for. A page load, a rerun (a teacher's step wakes every follower's page), a
    reconnect, a second tab, back and forward or a link run the page's body, never the callback;
    and the queue refuses a second job from one kept design while one waits or trains."""
    me = common.student()
    problem = st.session_state.pop(FURTHER_PROBLEM, None)
    if isinstance(problem, CodedError):
        common.coded_error(problem, icon=":material/hourglass:", warn=isinstance(problem, q.QueueError))
    current = q.mine(me)
    if current is not None and current.get("from") == job:
        st.fragment(run_every=2.0)(further_waiting)(job, str(current["id"]), lang)
        st.button(t("kept.further.follow", lang), key="feat_further_follow", icon=":material/construction:",
                  on_click=lecture_mode.open_view, args=(by_prefix("b").path, {"design": ds.encode(design),
                                                                                "lang": lang}))
        return
    sent = st.session_state.get(FURTHER_SENT)
    if isinstance(sent, tuple) and sent[0] == job:
        further_ended(str(sent[1]), lang)
    child = q.further_of(me, job)
    if child is not None:  # trained further already: the newer design is the one to open
        st.success(t("kept.further.done", lang, acc=float(child["accuracy"]),
                     time=finish_time(child.get("finished"))), icon=":material/emoji_events:")
        st.button(t("kept.further.open", lang), key="feat_further_open", icon=":material/open_in_new:",
                  on_click=STATE.set, args=("kept", str(child["id"])))
        return
    st.button(t("kept.further", lang), key="feat_further", icon=":material/replay:",
              help=t("kept.further.help", lang), disabled=current is not None,
              on_click=further_clicked, args=(job, ds.encode(design), me, nickname))


def further_clicked(job: str, link: str, owner: str, nickname: str) -> None:
    """The button's callback: the one place a job is trained further from this page. What the
    queue refuses is kept for the run that follows (a callback's message would sit above it)."""
    design = ds.decode(link)
    try:
        result, net = q.measure(design)
        child = q.submit(design, owner=owner, nickname=nickname, params=result.total_params,
                         macs=result.total_macs, need=q.trainable(design, result, net), parent=job)
    except CodedError as err:  # the queue's refusal, a kept file gone since, a design this app cannot build
        st.session_state[FURTHER_PROBLEM] = err
        return
    except OSError as exc:
        st.session_state[FURTHER_PROBLEM] = q.QueueError("unwritable", why=exc.strerror or str(exc),
                                                          io=runner.io_code(exc))
        return
    st.session_state[FURTHER_SENT] = (job, child)


def further_waiting(job: str, child: str, lang: str) -> None:
    """While the job from ``job`` waits or trains: its place or its state, looked at again every
    few seconds (a fragment); when it is no longer waiting or training, the whole page runs again
    and shows how it ended (the builder page learns a job's end the same way)."""
    now = q.mine(common.student())
    if now is None or now.get("id") != child:
        st.rerun(scope="app")
    jobs = q.waiting()
    place = next((n for n, j in enumerate(jobs) if j.get("id") == child), None)
    if place is None and now.get("state") in ("starting", "waiting_machine"):  # its process not yet up
        st.info(t(f"queue.state.{now['state']}", lang), icon=":material/hourglass_top:")
    elif place is None:
        st.info(t("kept.further.training", lang), icon=":material/model_training:")
    else:
        st.info(t("kept.further.queued", lang, n=place + 1), icon=":material/hourglass_top:")


def further_ended(child: str, lang: str) -> None:
    """How the job this session queued ended, if not well (a good end shows its new design)."""
    ended = q.outcome(child)
    if ended is None or ended.get("state") == "done":
        return
    if ended.get("state") == "failed":
        common.coded_error(StoredError.of(ended))
    else:
        st.info(t(f"queue.state.{ended.get('state')}", lang), icon=":material/info:")


def finish_time(when: object) -> str:
    """When a job finished, as the class's clock shows it (the server's local time), hours and
    minutes; "?" if the file does not say."""
    if not isinstance(when, int | float) or isinstance(when, bool):
        return "?"
    return time.strftime("%H:%M", time.localtime(float(when)))


IMAGINE_STORE = 256  # pictures kept for everyone (each at most 3 x 128 x 128 floats: 196 kB)
IMAGINE_IMAGENET_SIDE = 128  # not 224: three times fewer pixels, and the same shapes appear


@st.cache_resource(max_entries=1, show_spinner=False)  # one store; IMAGINE_STORE bounds what it holds
def imagined() -> OrderedDict[tuple[Any, ...], torch.Tensor]:
    """The pictures imagined so far on this server, newest last (bounded: the oldest go)."""
    return OrderedDict()


def imagine_settings(arch: str, w: Weights) -> Settings:
    """A picture's size and steps: seconds on a CPU (bench/RESULTS.md has the times)."""
    least = 63 if arch == "alexnet" else 1  # AlexNet's smallest input (its pools need 63 px)
    if w.source == KEPT:  # a student's design may need its whole input (pools): one scale only
        least = w.size
    if w.source == "imagenet":
        return Settings(size=IMAGINE_IMAGENET_SIDE, steps=48, jitter=4, min_side=least)
    return Settings(size=w.size, steps=48, jitter=max(1, w.size // 28), min_side=least)


def norm_of(arch: str, w: Weights) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The network's input normalisation: which values are real pixels (as prepared_for)."""
    if w.source == "imagenet" and arch == "googlenet":  # torchvision's file takes -1..1
        return (0.5,) * 3, (0.5,) * 3
    if w.fashion and w.meta:
        return (float(w.meta["mean"]),), (float(w.meta["std"]),)
    if w.channels == 3:
        return IMAGENET_MEAN, IMAGENET_STD
    return (0.0,), (1.0,)


def imagine_cached(arch: str, w: Weights, goals: list[Goal], lang: str) -> list[torch.Tensor]:
    """The pictures for ``goals`` (one layer), from the store or grown now with a progress bar."""
    store = imagined()
    s = imagine_settings(arch, w)
    ident = (arch, w.source, w.path, (w.meta or {}).get("sha256", (w.meta or {}).get("stamp")), w.channels, s)
    keys = [(*ident, g) for g in goals]
    todo = [g for g, k in zip(goals, keys, strict=True) if k not in store]
    if todo:
        bar = st.progress(0.0, text=t("feat.imagine.progress", lang, n=len(todo), done=0, total=s.steps))
        mean, std = norm_of(arch, w)

        def step(done: int, total: int) -> None:
            bar.progress(done / total, text=t("feat.imagine.progress", lang, n=len(todo), done=done,
                                              total=total))

        pics = imagine(model_for(arch, w), todo, w.channels, mean, std, s, on_step=step)
        bar.empty()
        for g, x in zip(todo, pics, strict=True):
            store[(*ident, g)] = x
            while len(store) > IMAGINE_STORE:
                store.popitem(last=False)
    return [store[k] for k in keys]


def class_names(w: Weights, lang: str) -> list[str]:
    if w.fashion:
        return [t(f"fashion.{c}", lang) for c in range(10)]
    return list(imagenet_classes())


def imagine_section(data: bytes | None, arch: str, w: Weights, result: TraceResult,
                    top: list[tuple[int, float]], lang: str) -> None:
    """What the network imagines: a class's picture, and a gallery of what a few layers'
    channels look for, each grown from noise by gradient ascent (visualizer.imagine)."""
    st.subheader(t("feat.imagine.title", lang))
    if w.source == "random":
        st.info(t("feat.imagine.untrained", lang), icon=":material/casino:")
        return
    s = imagine_settings(arch, w)
    st.markdown(t("feat.imagine.how", lang, steps=s.steps, side=s.size, scales=len(scale_sides(s))))
    mean, std = norm_of(arch, w)
    names = class_names(w, lang)
    key = f"feat_imagine_class_{w.source}"
    if not isinstance(st.session_state.get(key), int) or not 0 <= st.session_state[key] < len(names):
        st.session_state[key] = top[0][0]
    c = st.columns([3, 2], vertical_alignment="bottom")
    chosen = int(c[0].selectbox(t("feat.imagine.class", lang), range(len(names)), key=key,
                                format_func=lambda i: names[i]))
    if c[1].toggle(t("feat.imagine.go", lang), key="feat_imagine_go"):
        pic = imagine_cached(arch, w, [Goal(None, chosen)], lang)[0]
        st.image(to_picture(pic, mean, std, side=256), width=256,
                 caption=t("feat.imagine.class_caption", lang, name=names[chosen]))
    st.markdown(f"**{t('feat.imagine.gallery', lang)}**")
    if not st.toggle(t("feat.imagine.gallery_go", lang), key="feat_imagine_gallery"):
        return
    layers = [(r.name, r.output_shape) for r in (u.last(result) for u in flow_units(result))]
    chosen_layers = strip_layers(layers)
    strongest = look_strip(data, STATE["sample"], arch, w, STATE["invert"], tuple(chosen_layers))
    for name in chosen_layers:
        channels = [ch for ch, _ in strongest[name]]
        pics = imagine_cached(arch, w, [Goal(name, ch) for ch in channels], lang)
        st.markdown(t("feat.imagine.looks_for", lang, layer=result.find(name).label))
        with st.container(horizontal=True):
            for ch, x in zip(channels, pics, strict=True):
                st.image(to_picture(x, mean, std, side=128), width=128, caption=t("feat.thumb", lang, c=ch))
    st.caption(t("feat.imagine.gallery_how", lang))


def strip(data: bytes | None, arch: str, w: Weights, result: TraceResult, lang: str) -> None:
    """A few layers from the first to the last, each with its strongest maps: for a network
    trained on ImageNet, edges and colours, then textures, then parts of things."""
    layers = [(r.name, r.output_shape) for r in (u.last(result) for u in flow_units(result))]
    names = tuple(strip_layers(layers))
    kind = "imagenet" if w.source == "imagenet" else "other"
    st.markdown(f"**{t(f'feat.strip.{kind}', lang)}**")
    shown = look_strip(data, STATE["sample"], arch, w, STATE["invert"], names)
    for i, name in enumerate(names):
        maps = shown[name]
        row = st.columns([1, 4])
        row[0].markdown(t(f"feat.strip.step.{kind}.{i}", lang) if kind == "imagenet" else "")
        row[0].caption(f"{result.find(name).label} · {shape_text(result.find(name).output_shape[1:])}")
        with row[1].container(horizontal=True):
            for ch, fmap in maps:
                st.image(map_image(fmap, side=72), caption=t("feat.thumb", lang, c=ch), width=72)
    st.caption(t(f"feat.strip.note.{KEPT if w.source == KEPT else kind}", lang))


@st.cache_data(max_entries=16, show_spinner=False)
def look_strip(data: bytes | None, sample: str, arch: str, w: Weights, invert: str, names: tuple[str, ...]
               ) -> dict[str, list[tuple[int, torch.Tensor]]]:
    """The four strongest maps of each of ``names`` for one picture (one forward pass)."""
    img = picture(data, sample)
    flip = light_background(img) if invert == "auto" else invert == "yes"
    prepared = prepared_for(img, arch, w, flip)
    maps = capture(model_for(arch, w), prepared.tensor, list(names))
    return {n: [(c, maps[n][0, c].to(torch.float16)) for c in top_channels(maps[n], 4)] for n in names}


@st.cache_data(max_entries=32, show_spinner=False)
def look(data: bytes | None, sample: str, arch: str, w: Weights, invert: str, layer: str
         ) -> tuple[torch.Tensor, Prepared, list[tuple[int, float]]]:
    """One layer's maps for one picture (float16: half the memory), the picture as the network
    receives it, and the network's top guesses; computed once for every student."""
    img = picture(data, sample)
    flip = light_background(img) if invert == "auto" else invert == "yes"
    prepared = prepared_for(img, arch, w, flip)
    model = model_for(arch, w)
    maps = capture(model, prepared.tensor, [layer])[layer].to(torch.float16)
    return maps, prepared, top_k(model, prepared.tensor, 3 if w.fashion else 5)


def keep_layer_index(n: int) -> None:
    """The layer control as an index below ``n``. A browser that still shows the previous
    network's list sends that list's label (Streamlit's selectbox returns a label it cannot
    find among the new options as text): then the first layer, never a TypeError (issue 30)."""
    key = STATE.key("layer")
    value = st.session_state.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        st.session_state[key] = 0
    STATE.at_most("layer", n - 1)


def _layer_label(result: TraceResult, unit: Unit) -> str:
    """"stage › layer (shape)": the layer list grouped by the block it belongs to."""
    r = unit.last(result)
    stage = r.parent.rsplit(".", 1)[0] if r.parent and "." in r.parent else (r.parent or "")
    name = stage_label(result, unit)
    prefix = f"{result.find(stage).label} › " if stage and stage != "features" else ""
    return f"{prefix}{name}  ({shape_text(r.output_shape)})"


render()
