"""Cálculos en caché: las corridas se guardan según sus entradas (JSON de los modelos).

Las funciones reciben textos JSON y números (fáciles de comparar), nunca objetos de pydantic, y
devuelven resultados serializables. Un parámetro con guion bajo (``_progreso``) no entra en la
clave. Ir y volver entre páginas no vuelve a simular lo ya simulado.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from simulador import (
    Comparacion,
    Escenario,
    Politica,
    ResultadoCorrida,
    barrido,
    cargar_escenario,
    cargar_politica,
    comparar,
    sensibilidad,
    simular,
)
from simulador.experimentos import ResultadoBarrido
from simulador.motor.cartera import tabla_cartera

Progreso = Callable[[int, int], None] | None


def esc_de(texto: str) -> Escenario:
    """El escenario de su JSON."""
    return Escenario.model_validate_json(texto)


def pol_de(texto: str) -> Politica:
    """La política de su JSON."""
    return Politica.model_validate_json(texto)


def json_de(modelo: Escenario | Politica) -> str:
    """El JSON canónico de un modelo (la clave de la caché)."""
    return modelo.model_dump_json(exclude={"esquema"})


@st.cache_data(max_entries=64, show_spinner=False)
def leer_escenario(ruta: str, mtime: float) -> tuple[Escenario, str]:
    """Un escenario del disco y su texto (se vuelve a leer si el archivo cambia)."""
    texto = Path(ruta).read_text(encoding="utf-8")
    return cargar_escenario(Path(ruta), archivo=Path(ruta).name), texto


@st.cache_data(max_entries=64, show_spinner=False)
def leer_politica(ruta: str, mtime: float) -> tuple[Politica, str]:
    """Una política del disco y su texto (se vuelve a leer si el archivo cambia)."""
    texto = Path(ruta).read_text(encoding="utf-8")
    return cargar_politica(Path(ruta), archivo=Path(ruta).name), texto


@st.cache_data(max_entries=6, show_spinner=False)
def comparar_en_cache(esc_json: str, pols_json: tuple[str, ...], replicas: int, semilla: int,
                      _progreso: Progreso = None) -> Comparacion:
    """La comparación de la base (primera) con las alternativas, con detalle de la réplica 0."""
    return comparar(esc_de(esc_json), [pol_de(p) for p in pols_json], replicas=replicas,
                    semilla=semilla, detalle=True, progreso=_progreso)


@st.cache_data(max_entries=12, show_spinner=False)
def barrido_en_cache(esc_json: str, pol_json: str, ruta: str, valores: tuple[float, ...],
                     replicas: int, semilla: int,
                     _progreso: Progreso = None) -> ResultadoBarrido:
    """Un barrido de una palanca de la política sobre una lista de valores."""
    return barrido(esc_de(esc_json), pol_de(pol_json), {ruta: list(valores)}, replicas=replicas,
                   semilla=semilla, progreso=_progreso)


@st.cache_data(max_entries=12, show_spinner=False)
def sensibilidad_en_cache(esc_json: str, pol_json: str, replicas: int, semilla: int,
                          _progreso: Progreso = None) -> pd.DataFrame:
    """Los datos del tornado alrededor de una política."""
    return sensibilidad(esc_de(esc_json), pol_de(pol_json), replicas=replicas, semilla=semilla,
                        progreso=_progreso)


@st.cache_data(max_entries=8, show_spinner=False)
def corrida_en_cache(esc_json: str, pol_json: str, semilla: int) -> ResultadoCorrida:
    """Una corrida (réplica 0) con todos sus eventos, para la historia de los clientes."""
    return simular(esc_de(esc_json), pol_de(pol_json), semilla=semilla, replica=0, eventos=True)


@st.cache_data(max_entries=16, show_spinner=False)
def cartera_en_cache(esc_json: str, semilla: int) -> pd.DataFrame:
    """Los clientes que genera el escenario, con sus rasgos."""
    return tabla_cartera(esc_de(esc_json), semilla)
