"""The app's colours: one palette for every page, chart, diagram and export.

Okabe and Ito's eight colours ("Color Universal Design", 2008) stay distinct for people with
every common colour-vision deficiency. Colour never carries meaning alone: a family also has its
marker shape and its name, a layer kind its box text, plain vs residual its line dash.
"""

from __future__ import annotations

BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GRAY = "#6E6E6E"
GRID = "#E5E5E5"

# What a colour means, wherever it is drawn.
SIZE = BLUE          # a map's side in pixels
CHANNELS = ORANGE    # channels of a map
FLAT = PURPLE        # a flat feature vector
PARAMS = ORANGE      # parameters (weights)
MACS = BLUE          # multiply-accumulates
HIGHLIGHT = VERMILLION  # the layer being looked at
BEFORE = "#F2B48A"   # the layer before it (a pale vermillion)
NAIVE = "#B0B0B0"    # the design without the trick (Inception without 1x1 reductions)
PLAIN = VERMILLION   # a network without shortcuts
RESIDUAL = GREEN     # the same network with shortcuts

# Each family: a colour and a marker shape (plotly symbol names).
FAMILY: dict[str, tuple[str, str]] = {
    "AlexNet": (VERMILLION, "square"),
    "GoogLeNet": (BLUE, "diamond"),
    "ResNet": (GREEN, "circle"),
    "DenseNet": (PURPLE, "triangle-up"),
}

# Diagram boxes per layer kind: a light fill (black text stays readable on a projector) and
# a border in the kind's colour; the box's text names the kind too.
BOXES_LIGHT: dict[str, tuple[str, str]] = {
    "conv": ("#D6EAF8", BLUE), "pool": ("#D4F0E6", GREEN), "linear": ("#FBE7C2", "#B07A00"),
    "block": ("#F6E1EC", "#A8527F"), "other": ("#EFEFEF", GRAY), "merge": ("#FBF6C4", "#8C7F00"),
    "io": ("#FFFFFF", "#333333"),
}
BOXES_DARK: dict[str, tuple[str, str]] = {
    "conv": ("#0B3553", SKY), "pool": ("#0A3D30", "#3FCFA2"), "linear": ("#4A3300", ORANGE),
    "block": ("#4A2539", PURPLE), "other": ("#2E2E2E", "#AAAAAA"), "merge": ("#4A4500", YELLOW),
    "io": ("#111111", "#DDDDDD"),
}
