"""Las páginas de la app y sus secciones para ``st.navigation``.

Las páginas de capacitación las escribe otro módulo (``simulador/interfaz/capacitacion``); se
importan recién al abrirlas, de modo que si faltan se muestra un aviso en lugar de romper la app.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable

import streamlit as st

from simulador.interfaz.paginas import (
    archivos,
    clientes,
    comparar,
    escenario,
    inicio,
    sensibilidad,
)


def _capacitacion(modulo: str, nombre: str) -> Callable[[], None]:
    """Envoltorio que importa ``simulador.interfaz.capacitacion.MODULO`` al abrir la página."""

    def pagina() -> None:
        try:
            mod = importlib.import_module(f"simulador.interfaz.capacitacion.{modulo}")
            funcion = mod.pagina
        except (ImportError, AttributeError):
            st.title(nombre)
            st.info("Esta parte de la capacitación todavía no está disponible en esta "
                    "instalación. Vuelva a intentarlo más tarde.")
            return
        funcion()

    pagina.__name__ = f"capacitacion_{modulo}"
    pagina.__qualname__ = pagina.__name__
    return pagina


@st.cache_resource
def preparar_proceso() -> None:
    """Una vez por proceso: lo ya importado (módulos, clases, la app) queda fuera de las pasadas
    del recolector de basura (``gc.freeze``).

    Streamlit fuerza una recolección completa al terminar cada ejecución del guion
    (``runner.postScriptGC``) y una comparación ejecuta el guion dos veces (el cálculo y el
    dibujo). Con todo lo importado adentro, cada recolección tardaba unos 0,12 s; sin eso, 1 ms.
    Lo que se crea después (sesiones, resultados) se sigue recolectando como siempre.
    """
    gc.collect()
    gc.freeze()


_REGISTRO: dict[str, st.Page] = {}
"""url_path -> página (solo estructura de la app, igual para todos los usuarios)."""


def pagina(url: str) -> st.Page | None:
    """La página con esa url (para ``st.page_link``)."""
    return _REGISTRO.get(url)


def paginas() -> dict[str, list[st.Page]]:
    """Las páginas agrupadas por sección, en el orden en que aparecen en el menú."""
    secciones = {
        "": [st.Page(inicio.pagina, title="Inicio", icon=":material/home:", url_path="inicio",
                     default=True)],
        "Probar una política": [
            st.Page(escenario.pagina, title="Escenario", icon=":material/storefront:",
                    url_path="escenario"),
            st.Page(comparar.pagina, title="Comparar políticas", icon=":material/balance:",
                    url_path="comparar"),
            st.Page(sensibilidad.pagina, title="Sensibilidad", icon=":material/tune:",
                    url_path="sensibilidad"),
            st.Page(clientes.pagina, title="Clientes", icon=":material/groups:",
                    url_path="clientes"),
        ],
        "Trabajar con archivos": [
            st.Page(archivos.pagina, title="Informe y archivos", icon=":material/description:",
                    url_path="informe"),
        ],
        "Capacitación": [
            st.Page(_capacitacion("sala", "Sala de capacitación"), title="Sala de capacitación",
                    icon=":material/school:", url_path="sala"),
            st.Page(_capacitacion("panel", "Panel del capacitador"),
                    title="Panel del capacitador", icon=":material/lock:", url_path="panel"),
            st.Page(_capacitacion("tarjetas", "Tarjetas de rol"), title="Tarjetas de rol",
                    icon=":material/badge:", url_path="tarjetas"),
        ],
    }
    claves = ["inicio", "escenario", "comparar", "sensibilidad", "clientes", "informe", "sala",
              "panel", "tarjetas"]
    todas = [p for lista in secciones.values() for p in lista]
    _REGISTRO.update(zip(claves, todas, strict=True))
    return secciones
