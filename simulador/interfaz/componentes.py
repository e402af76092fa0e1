"""Piezas de interfaz que repiten varias páginas: errores de archivo, tarjetas, progreso."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal

import streamlit as st
from pydantic import BaseModel, ValidationError
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

from simulador import ProblemaArchivo
from simulador.carga.traduccion import traducir
from simulador.carga.yaml_seguro import NodoIndex
from simulador.experimentos import Comparacion
from simulador.formato import Formato
from simulador.metricas import MEJOR_SI_SUBE, NOMBRES_KPI

KPIS_TARJETAS: tuple[tuple[str, str], ...] = (
    ("cobrado", "Caja cobrada"),
    ("dso", "DSO: días para cobrar"),
    ("incobrables_pct", "Incobrables"),
    ("ventas_totales", "Ventas"),
    ("resultado_economico", "Resultado económico"),
)
"""Los cinco números que un gerente mira primero: caja, DSO, incobrables, ventas y resultado."""


def texto_problema(p: ProblemaArchivo) -> str:
    """Un problema como «archivo, línea N: ruta: mensaje»."""
    return str(p)


def _estilo_subida() -> str:
    """CSS que pone en español los textos fijos del cuadro de subida de Streamlit.

    ``st.file_uploader`` no deja cambiarlos («Upload», «1MB per file • YAML, YML» y, con un
    archivo de otro tipo, «text/plain files are not allowed»); aquí se ocultan y se escribe el
    texto en español en su lugar. Sirve para las subidas de YAML de la app (todas iguales).
    """
    limite = st.get_option("server.maxUploadSize")
    fijo = '[data-testid="stFileUploaderDropzone"]'
    return f"""<style>
{fijo} [data-testid="stBaseButton-secondary"] p {{ font-size: 0; }}
{fijo} [data-testid="stBaseButton-secondary"] p::after {{ content: "Subir"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  content: "Un archivo YAML (.yaml o .yml), hasta {limite} MB"; font-size: 0.75rem; }}
[data-testid="stFileChip"] span[role="alert"] {{ font-size: 0; }}
[data-testid="stFileChip"] span[role="alert"]::after {{
  content: "Solo archivos .yaml o .yml de hasta {limite} MB"; font-size: 0.75rem; }}
</style>"""


def subir_yaml(etiqueta: str, clave: str) -> UploadedFile | None:
    """Un cuadro para subir un archivo YAML, con sus textos en español."""
    st.html(_estilo_subida())
    return st.file_uploader(etiqueta, type=["yaml", "yml"], key=clave)


def mostrar_problemas(problemas: list[ProblemaArchivo], titulo: str) -> None:
    """Cada problema en su propio recuadro de error, con su línea."""
    st.error(f"**{titulo}**", icon=":material/error:")
    for p in problemas:
        st.error(texto_problema(p))


def problemas_de_validacion(error: ValidationError, modelo: type[BaseModel],
                            archivo: str = "formulario") -> list[ProblemaArchivo]:
    """Los errores de pydantic del formulario, traducidos al español como los de un archivo."""
    try:
        return traducir(error, modelo=modelo, indice=NodoIndex(), archivo=archivo)
    except Exception:  # pragma: no cover - red de seguridad si cambia el traductor
        return [ProblemaArchivo(archivo, None, ".".join(str(x) for x in e["loc"]), e["msg"])
                for e in error.errors()]


def tarjeta(col: DeltaGenerator, comp: Comparacion, i: int, kpi: str, titulo: str,
            fmt: Formato) -> None:
    """La tarjeta de un indicador de la política ``i`` (con la diferencia si no es la base)."""
    res = comp.resultados[i]
    unidad = NOMBRES_KPI[kpi][1]
    r = res.resumen[kpi]
    ayuda = (f"{NOMBRES_KPI[kpi][0]}. Media de {r.n} réplicas; intervalo del 95 % de la "
             f"media: {fmt.intervalo(r.ic_inf, r.ic_sup, unidad)}.")
    etiqueta = f"{titulo} · {res.politica.nombre}"
    if i == 0:
        col.metric(etiqueta, fmt.valor(r.media, unidad, corto=True), help=ayuda, border=True,
                   delta="base", delta_color="gray", delta_arrow="off")
        return
    d = comp.pares[i - 1].diferencias[kpi]
    texto = fmt.diferencia(d.diferencia, unidad, corto=True)
    intervalo = fmt.intervalo(d.ic_inf, d.ic_sup, unidad, diferencia=True)
    ayuda += f" Diferencia con la base: {texto}, intervalo del 95 %: {intervalo}."
    color: Literal["gray", "green", "red"]
    flecha: Literal["off", "up", "down"]
    if not math.isfinite(d.diferencia) or not d.distinguible:
        color, flecha = "gray", "off"
        texto += " · no distinguible"
    else:
        sube = d.diferencia > 0
        mejor = MEJOR_SI_SUBE.get(kpi)
        color = "gray" if mejor is None else ("green" if sube == mejor else "red")
        flecha = "up" if sube else "down"
    # en la tarjeta, el intervalo en la misma escala que la diferencia (el completo, en la ayuda)
    corto = fmt.intervalo(d.ic_inf, d.ic_sup, unidad, diferencia=True, corto=True)
    col.metric(etiqueta, fmt.valor(r.media, unidad, corto=True), delta=texto,
               delta_color=color, delta_arrow=flecha, help=ayuda, border=True,
               delta_description=f"IC 95 %: {corto}")


def tarjetas(comp: Comparacion, fmt: Formato) -> None:
    """Una fila por indicador y una columna por política: valor, diferencia e intervalo."""
    n = len(comp.resultados)
    for kpi, titulo in KPIS_TARJETAS:
        st.markdown(f"**{titulo}**")
        for i, col in enumerate(st.columns(n)):
            tarjeta(col, comp, i, kpi, titulo, fmt)


@contextmanager
def progreso(texto: str) -> Iterator[Callable[[int, int], None]]:
    """Una barra de avance para el parámetro ``progreso`` de los experimentos."""
    barra = st.progress(0.0, text=texto)
    inicio = time.monotonic()

    def avanzar(hechas: int, total: int) -> None:
        pasado = time.monotonic() - inicio
        resto = pasado / hechas * (total - hechas) if hechas else 0.0
        barra.progress(min(1.0, hechas / max(total, 1)),
                       text=f"{texto}: {hechas} de {total} corridas · quedan unos "
                            f"{resto:.0f} s")

    try:
        yield avanzar
    finally:
        barra.empty()
