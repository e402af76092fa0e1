"""Simulador de Cobranza: la app de Streamlit (ejecutar con ``make run``)."""

import streamlit as st

from simulador.interfaz.navegacion import paginas, preparar_proceso

st.set_page_config(page_title="Simulador de Cobranza", page_icon="💰", layout="wide",
                   initial_sidebar_state="expanded")
preparar_proceso()
st.navigation(paginas(), position="sidebar", expanded=True).run()
