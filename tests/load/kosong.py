"""The floor of the load harness: an empty Streamlit page (one title, to check the answer is this page)."""

import streamlit as st

st.title("Halaman kosong")
