"""Each lesson's last tab: the lecture's own notebook beside the app.

Its network as the notebook writes it, what it printed (verbatim), the same printout worked
out from the app's trace (visualizer/notebooks.py, never copied), its recipe and results, ours
on this server (the checkpoint's description, when `make notebooks` has run), the differences
from the paper and torchvision, and (AlexNet) the measured reason it never learned.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common, lecture_mode, projector
from app_pages.live_chart import live_chart
from visualizer import lesson_charts
from visualizer import notebooks as nbs
from visualizer.design import encode, from_zoo
from visualizer.i18n import number, shape_text, t
from visualizer.names import named, type_name
from visualizer.train import RECIPES
from visualizer.training.store import read_meta


def show(lesson: str, lang: str) -> None:
    """The notebook tab of ``lesson`` (``"alexnet"``, ``"inception"``, ``"resnet"``, ``"densenet"``)."""
    nb = nbs.NOTEBOOKS[lesson]
    c, size, _ = nb.input
    result = common.cached_trace(nb.arch, size, (("in_channels", c), *nb.config))
    # on a slide, both in the speaker notes: the slide keeps the outcome's chart and sentence
    lecture_mode.note(t("nb.intro", lang, name=t(f"nb.name.{_name(nb)}", lang), link=nb.link))
    lecture_mode.note(t("nb.numbers", lang, params=number(result.total_params, lang),
                        macs=number(result.total_macs, lang), c=c, size=size))
    if projector.presenting():
        _slide(nb, lang)
        return
    st.subheader(t("nb.code.h", lang), anchor=False)
    if nb.mxnet:
        st.caption(t("nb.code.mxnet", lang, link=nb.pytorch_link))
    else:
        st.caption(t("nb.code.alexnet" if lesson == "alexnet" else "nb.code.pytorch", lang))
    # phones: no sideways scroll
    st.code(nbs.code(_name(nb), lang), language="python", height=360, wrap_lines=True)
    _printout(nb, lang)
    _results(nb, lang)
    if lesson == "alexnet":
        _experiment(lang)
    st.subheader(t("nb.diff.h", lang), anchor=False)
    st.markdown(t(f"nb.diff.{_name(nb)}", lang))
    if lesson != "alexnet":
        st.caption(t("nb.diff.ours", lang))
    _builder(nb, lang)


def _slide(nb: nbs.Notebook, lang: str) -> None:
    """The tab on a slide: the outcome (AlexNet: the notebook's recipe against the one change
    that learns, as a chart; the others: our accuracy), and the notebook's code, its printouts
    and its recipe in the speaker notes."""
    lecture_mode.note_code(nbs.code(_name(nb), lang), language="python")
    for block in nbs.printouts()[nb.arch]["results"]:
        lecture_mode.note(f"**{t('nb.who.' + block['who'], lang)}**")
        lecture_mode.note_code(block["text"], language=None)
    lecture_mode.note(t(f"nb.recipe.{_name(nb)}", lang))
    lecture_mode.note(t(f"nb.diff.{_name(nb)}", lang))
    if nb.lesson == "alexnet":
        found = nbs.experiments()
        if found:
            _one_experiment(found[0], lang, slide=True)
        return
    _ours(nb, lang)


def _name(nb: nbs.Notebook) -> str:
    """The notebook's key in the resources and the catalogue (the AlexNet one is ``alexnet``)."""
    return nb.arch


def _printout(nb: nbs.Notebook, lang: str) -> None:
    printed = nbs.printouts()[nb.arch]
    shapes = nbs.shape_printout(nb)
    if shapes is None:  # AlexNet and DenseNet print no shapes: ours, layer by layer
        st.subheader(t("nb.shapes.h", lang), anchor=False)
        c, size, _ = nb.input
        result = common.cached_trace(nb.arch, size, (("in_channels", c), *nb.config))
        # AlexNet: every layer (torchvision's Sequentials hold them); DenseNet: its blocks
        records = [r for r in result.records[1:] if (r.is_leaf if nb.lesson == "alexnet" else r.depth == 1)]
        rows = [{t("nb.shapes.col.layer", lang): named(r.label, lang),
                 t("nb.shapes.col.type", lang): type_name(r.type, lang),
                 t("nb.shapes.col.out", lang): shape_text(r.output_shape),
                 t("nb.shapes.col.params", lang): r.params_total} for r in records]
        # every column fitted to its widest cell: fc6's 37,752,832 read "7,752,832" and
        # "avgpool" and "AdaptiveAvgPool2d" were cut, on a phone, below the first screen of rows
        frame = pd.DataFrame(rows)
        st.dataframe(frame, hide_index=True,
                     column_config=common.fitted_columns(frame, (t("nb.shapes.col.params", lang),)))
        return
    theirs, ours = shapes
    st.subheader(t("nb.printout.h", lang), anchor=False)
    if "demo" in printed:
        st.caption(t("nb.printout.demo", lang))
        _side_by_side(printed["demo"].splitlines(), nbs.residual_demo_lines(), "(4, 3, 6, 6)", lang)
    _side_by_side(theirs, ours, str(tuple(printed["shape_input"])), lang)
    names = ", ".join(line.split()[0] for line in ours[:2])
    st.caption(t("nb.printout.gluon", lang, names=names))
    c, _, _ = nb.input
    torch_lines = nbs.pytorch_lines(common.cached_trace(nb.arch, nb.print_size or 96, (("in_channels", c),)))
    st.caption(t("nb.printout.pytorch", lang))
    st.code("\n".join(torch_lines), language=None, wrap_lines=True)


def _side_by_side(theirs: list[str], ours: list[str], shape: str, lang: str) -> None:
    # one above the other: the printouts' tabs make lines wider than half a laptop's screen
    st.markdown(f"**{t('nb.printout.theirs', lang, shape=shape)}**")
    st.code("\n".join(theirs), language=None, wrap_lines=True)
    st.markdown(f"**{t('nb.printout.ours', lang)}**")
    st.code("\n".join(ours), language=None, wrap_lines=True)
    differ = [str(i + 1) for i in range(max(len(theirs), len(ours)))
              if i >= len(theirs) or i >= len(ours) or theirs[i] != ours[i]]
    if differ:
        st.error(t("nb.printout.differ", lang, lines=", ".join(differ)))
    else:
        st.success(t("nb.printout.same", lang, n=len(theirs)))


def _results(nb: nbs.Notebook, lang: str) -> None:
    st.subheader(t("nb.results.h", lang), anchor=False)
    st.markdown(t(f"nb.recipe.{_name(nb)}", lang))
    for block in nbs.printouts()[nb.arch]["results"]:
        st.markdown(f"**{t('nb.who.' + block['who'], lang)}**")
        st.code(block["text"], language=None, height=240 if block["text"].count("\n") > 10 else "content",
                wrap_lines=True)
    st.subheader(t("nb.ours.h", lang), anchor=False)
    _ours(nb, lang)
    if nb.lesson != "alexnet":  # AlexNet's own recipe is the experiment below
        _recipes(nb, lang)


def _ours(nb: nbs.Notebook, lang: str) -> None:
    if nb.lesson == "alexnet":
        meta = read_meta("alexnet")
        if meta:
            st.markdown(t("nb.ours.alexnet", lang, acc=f"{meta['test_accuracy']:.4f}"))
        else:
            st.info(t("nb.ours.alexnet_missing", lang))
        return
    recipe = RECIPES[nb.arch]
    st.markdown(t(f"nb.ours.recipe.{nb.arch}", lang, batch=recipe.batch_size, epochs=f"{recipe.epochs:g}"))
    meta = read_meta(nb.arch)
    if meta is None:
        st.info(t("nb.ours.missing", lang))
        return
    st.success(t("nb.ours.trained", lang, acc=f"{meta['test_accuracy']:.4f}", epochs=f"{meta['epochs']:.3g}",
                 target=f"{nbs.TARGETS[nb.arch]:.3f}",
                 size=meta["input_size"], seconds=f"{meta['seconds']:,.0f}", date=str(meta["date"])[:10]))
    st.caption(t("nb.ours.normalised", lang))


def _recipes(nb: nbs.Notebook, lang: str) -> None:
    """The notebook's own optimiser, learning rate and batch against ours on the same pictures
    (bench/notebook_recipes.py): the curves and what they show, in words from the numbers."""
    st.subheader(t("nb.rc.h", lang), anchor=False)
    found = nbs.recipe_runs(nb.arch)
    if found is None:
        st.info(t("nb.rc.missing", lang))
        return
    entry, runs = found
    theirs, ours = runs["notebook"], runs["ours"]
    st.caption(t("nb.rc.setup", lang, pictures=f"{theirs.pictures:,}",
                 size=RECIPES[nb.arch].input_size, n=f"{entry['eval_pictures']:,}",
                 date=str(entry["date"])[:16].replace("T", " ")))
    two = [r for r in entry["runs"] if r["name"] in runs]  # the two that recipe_runs checked
    live_chart(lesson_charts.notebook_recipes(two, nbs.CHANCE_LOSS, lang), key=f"nb_rc_{nb.arch}")
    said = "nb.rc.learns" if theirs.learned and not theirs.collapsed else "nb.rc.stuck"
    words = t(said, lang, pictures=f"{theirs.pictures:,}", loss=theirs.loss, acc=theirs.accuracy,
              share=theirs.top_share)
    (st.success if said == "nb.rc.learns" else st.warning)(words)
    st.markdown(t("nb.rc.ours", lang, acc=ours.accuracy, loss=ours.loss,
                  gap=100 * (ours.accuracy - theirs.accuracy)))
    full = entry.get("full")
    if isinstance(full, dict) and isinstance(full.get("test_accuracy"), float):  # --full: as long as ours
        st.markdown(t("nb.rc.full", lang, epochs=f"{full['epochs']:g}", acc=f"{full['test_accuracy']:.4f}",
                      target=f"{nbs.TARGETS[nb.arch]:.3f}"))


def _experiment(lang: str) -> None:
    st.subheader(t("nb.ax.h", lang), anchor=False)
    found = nbs.experiments()
    if not found:
        st.info(t("nb.ax.missing", lang))
    for data in found:  # one per input size, the largest first
        _one_experiment(data, lang)


def _one_experiment(data: dict[str, Any], lang: str, slide: bool = False) -> None:
    """One input size's runs: the chart and what it shows (on a slide, the chart and its verdict;
    the setup in the speaker notes)."""
    arms = {a.name: a for a in nbs.summarise(data)}
    note, fix = arms.get("notebook"), arms.get("lr_1e-4")
    if note is None:
        return
    when = str(data["date"])[:16].replace("T", " ")
    if not slide:
        st.markdown(f"**{t('nb.ax.size', lang, size=data['size'])}**")
    lecture_mode.note(t("nb.ax.setup", lang, size=data["size"], steps=note.steps,
                        pictures=f"{note.pictures:,}", every=data["eval_every"], n=data["eval_pictures"],
                        date=when))
    # two panels (loss, accuracy) one above the other: below 360 px on a slide their ticks meet
    live_chart(lesson_charts.notebook_experiment(data["runs"], data["chance_loss"], lang),
               key=f"nb_ax_curves_{data['size']}", slide_min=360, slide_title=False)
    cls = t(f"fashion.{note.top_class}", lang)
    if note.near_chance and note.collapsed:
        st.error(t("nb.ax.failed", lang, loss=note.last_loss, n=data["eval_pictures"], cls=cls,
                   share=note.top_share, acc=note.last_accuracy))
    else:
        st.warning(t("nb.ax.not_reproduced", lang, loss=note.last_loss, acc=note.last_accuracy, cls=cls,
                     share=note.top_share))
    if fix is None:  # a run stopped after the notebook's recipe (bench/RESULTS.md says why)
        st.caption(t("nb.ax.no_fix", lang, dead_cls=f"{note.dead_classifier:.0%}",
                     dead_feat=f"{note.dead_features:.0%}"))
        return
    if slide:
        return
    if fix.learned:
        st.success(t("nb.ax.fixed", lang, loss=fix.last_loss, acc=fix.last_accuracy, steps=fix.steps,
                     share=fix.top_share))
    else:
        st.warning(t("nb.ax.not_fixed", lang, loss=fix.last_loss, acc=fix.last_accuracy, steps=fix.steps))
    st.markdown(t("nb.ax.dead", lang, nb_cls=f"{note.dead_classifier:.0%}",
                  nb_feat=f"{note.dead_features:.0%}", fix_cls=f"{fix.dead_classifier:.0%}",
                  fix_feat=f"{fix.dead_features:.0%}"))
    # the explanation only where the measurement shows it: stuck at ln 10, one answer for all,
    # most units dead and far more than with 1e-4
    dead = (note.dead_classifier > max(0.5, 2 * fix.dead_classifier)
            or note.dead_features > max(0.5, 2 * fix.dead_features))
    if note.near_chance and note.collapsed and fix.learned and dead:
        st.markdown(t("nb.ax.why", lang))


def builder_link(nb: nbs.Notebook) -> str:
    """The builder opening the notebook's network with its exact numbers: by name, or (the
    AlexNet notebook's 10 classes) as a design."""
    if not nb.config:
        return f"./builder?from={nb.arch}"
    return f"./builder?design={encode(from_zoo(nb.arch, **dict(nb.config)))}"


def _builder(nb: nbs.Notebook, lang: str) -> None:
    st.markdown(f"[{t('nb.builder', lang)}]({builder_link(nb)})")
    if not nb.config:  # the zoo's alexnet has 1000 classes: the file would not be the notebook's
        st.caption(t("nb.code_cmd", lang))
        st.code(f"python -m visualizer code {nb.arch} -o net.py", language="bash", wrap_lines=True)
