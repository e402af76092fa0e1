"""Página de capacitación (sala): en construcción."""

import streamlit as st


def pagina() -> None:
    """Dibuja la página."""
    st.title("Capacitación")
    st.info("Esta página está en construcción.")
