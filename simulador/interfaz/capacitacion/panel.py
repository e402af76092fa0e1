"""Página de capacitación (panel): en construcción."""

import streamlit as st


def pagina() -> None:
    """Dibuja la página."""
    st.title("Capacitación")
    st.info("Esta página está en construcción.")
