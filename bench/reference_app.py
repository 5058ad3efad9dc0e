"""The smallest Streamlit page with the same control: the floor any Streamlit page has here."""

import streamlit as st

value = st.number_input("Exact size", 1, 9999, 224)
st.write(f"floor(({value} + 2*2 - 11) / 4)")
