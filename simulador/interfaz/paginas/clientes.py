"""Página clientes (en construcción)."""

import streamlit as st


def pagina() -> None:
    """Dibuja la página."""
    st.title("clientes")
