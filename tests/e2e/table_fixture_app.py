"""A page made to fail the table check of tests/e2e/readable.py: ResNet's MACs of one 3x3
convolution at 56x56 with 64 channels (64 x 56 x 56 x 64 x 9 = 115,605,504) in a column too
narrow for it, the same number in a column wide enough, and a layer's name cut short; and a
table longer than its grid shows, whose one long number is in a row below the first screen.
With ``?wide=1`` it shows instead one table wider than its 300 px box, which scrolls sideways and
whose box's edge cuts a column's numbers; ``&style=1`` adds the app's page-wide stylesheet, which
fades that edge under an arrow. Served by test_readable_browser.py only."""

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

MACS = 64 * 56 * 56 * 64 * 9
frame = pd.DataFrame({"MACs": [MACS, 0]})
text = st.column_config.TextColumn


def number(width: int) -> ColumnConfig:  # as the app's tables show counts
    return st.column_config.NumberColumn(format="localized", width=width)


if st.query_params.get("wide"):
    if st.query_params.get("style"):
        from app_pages.page_style import page_style

        page_style("ko")
    # four columns of 140 px in a 300 px box: the third is cut at the box's edge
    wide = pd.DataFrame({name: [MACS, MACS // 7] for name in ("a", "b", "c", "d")})
    st.dataframe(wide, column_config={name: number(140) for name in wide.columns}, hide_index=True,
                 width=300, key="wide_table")
    st.stop()

# width="content": the grid as wide as its columns (a stretched grid widens them to fill it)
st.dataframe(frame, column_config={"MACs": number(70)}, hide_index=True, width="content", key="narrow")
st.dataframe(frame, column_config={"MACs": number(140)}, hide_index=True, width="content", key="wide")
names = pd.DataFrame({"name": ["AdaptiveAvgPool2d"], "wide": ["AdaptiveAvgPool2d"]})
st.dataframe(names, column_config={"name": text(width=80), "wide": text(width=200)}, hide_index=True,
             width="content", key="names")
# 40 rows of one or two digits (they fit in 70 px), but row 31 holds
# 115,605,504: a grid shows about ten rows at a time (the rest are drawn as it scrolls), so only
# a check that reads every row finds it. The same table in a wide column passes.
ROWS, AT = 40, 30
later = pd.DataFrame({"later": [MACS if i == AT else i for i in range(ROWS)]})
st.dataframe(later, column_config={"later": number(70)}, hide_index=True, width="content", key="long")
st.dataframe(later.rename(columns={"later": "later, wide"}),
             column_config={"later, wide": number(140)}, hide_index=True, width="content", key="long_wide")
