"""Página de inicio: para qué sirve el simulador y los tres caminos."""

from __future__ import annotations

import streamlit as st

from simulador.interfaz import estado


def _enlace(url: str, texto: str, icono: str) -> None:
    from simulador.interfaz.navegacion import pagina as buscar

    destino = buscar(url)
    if destino is not None:
        st.page_link(destino, label=texto, icon=icono)


def pagina() -> None:
    """Dibuja la página."""
    estado.iniciar()
    st.title("Simulador de Cobranza")
    st.markdown(
        "Pruebe políticas de crédito y cobranza sobre una cartera de clientes simulada **antes** "
        "de aplicarlas en su empresa. En segundos verá qué haría cada política con la caja, los "
        "días para cobrar (DSO), los incobrables, las ventas y el resultado económico, y con "
        "qué seguridad se puede afirmar.")
    a, b, c = st.columns(3)
    with a.container(border=True):
        st.subheader(":material/balance: Probar una política")
        st.markdown("Para el gerente: compare la política actual con hasta tres alternativas "
                    "(plazos, descuentos, llamadas, planes de pago…) y lea la diferencia.")
        _enlace("escenario", "1. Revisar el escenario", ":material/storefront:")
        _enlace("comparar", "2. Comparar políticas", ":material/balance:")
        _enlace("sensibilidad", "3. Ver qué palancas importan", ":material/tune:")
        _enlace("clientes", "4. Conocer a sus clientes", ":material/groups:")
    with b.container(border=True):
        st.subheader(":material/school: Capacitación")
        st.markdown("Para el capacitador y su equipo: un ejercicio por rondas en el que cada "
                    "participante decide y luego se comparan los resultados.")
        _enlace("sala", "Entrar a una sala", ":material/school:")
        _enlace("panel", "Panel del capacitador", ":material/lock:")
        _enlace("tarjetas", "Tarjetas de rol para imprimir", ":material/badge:")
    with c.container(border=True):
        st.subheader(":material/description: Trabajar con archivos")
        st.markdown("Para el consultor: suba el escenario y las políticas de su cliente en YAML, "
                    "compare y descargue los archivos, los resultados y un informe.")
        _enlace("escenario", "Subir o editar un escenario", ":material/storefront:")
        _enlace("comparar", "Subir o editar políticas", ":material/balance:")
        _enlace("informe", "Descargar informe y archivos", ":material/description:")
    esc = estado.escenario()
    st.caption(f"Escenario cargado: {esc.nombre} ({estado.formato().numero(esc.clientes)} "
               "clientes). Los números son "
               "simulados: sirven para comparar políticas entre sí, no para predecir el futuro "
               "exacto de su empresa.")
