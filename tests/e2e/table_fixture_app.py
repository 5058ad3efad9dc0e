"""A page made to fail the table check of tests/e2e/readable.py: ResNet's MACs of one 3x3
convolution at 56x56 with 64 channels (64 x 56 x 56 x 64 x 9 = 115,605,504) in a column too
narrow for it, the same number in a column wide enough, and a layer's name cut short. Served by
test_readable_browser.py only."""

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

MACS = 64 * 56 * 56 * 64 * 9
frame = pd.DataFrame({"MACs": [MACS, 0]})
text = st.column_config.TextColumn


def number(width: int) -> ColumnConfig:  # as the app's tables show counts
    return st.column_config.NumberColumn(format="localized", width=width)


# width="content": the grid as wide as its columns (a stretched grid widens them to fill it)
st.dataframe(frame, column_config={"MACs": number(70)}, hide_index=True, width="content", key="narrow")
st.dataframe(frame, column_config={"MACs": number(140)}, hide_index=True, width="content", key="wide")
names = pd.DataFrame({"name": ["AdaptiveAvgPool2d"], "wide": ["AdaptiveAvgPool2d"]})
st.dataframe(names, column_config={"name": text(width=80), "wide": text(width=200)}, hide_index=True,
             width="content", key="names")
