"""Under a lesson's diagram, what its circles mean: C (concatenation) and + (addition), in the
glossary's words (visualizer/diagram.legend). The explorer says it in its own sentence."""

from __future__ import annotations

from app_pages import lecture_mode
from visualizer.diagram import legend as words


def legend(dot: str, lang: str) -> None:
    """A caption naming the merges ``dot`` draws (none for a diagram without); on a slide, in
    the speaker notes (the slide keeps its diagram)."""
    said = words(dot, lang)
    if said:
        lecture_mode.note(said, small=True)
