"""Reusable Streamlit widgets and plotly figure builders: data in, st.* calls / go.Figure out."""
