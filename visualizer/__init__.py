"""Turns a model into plain records: shapes, parameters, MACs, receptive fields.

Nothing in this package imports streamlit; the pages only arrange what it returns.
"""

from __future__ import annotations

from visualizer.records import LayerRecord, TraceResult
from visualizer.trace import ShapeError, trace

__all__ = ["LayerRecord", "ShapeError", "TraceResult", "trace"]
