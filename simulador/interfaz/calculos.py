"""Cálculos en caché: las corridas se guardan según sus entradas (JSON de los modelos).

Las funciones reciben textos JSON y números (fáciles de comparar), nunca objetos de pydantic.
Las lecturas rápidas usan ``st.cache_data``; las corridas largas, que muestran una barra de avance,
usan un :class:`Almacen` LRU acotado (``_progreso`` no entra en la clave). Ir y volver entre
páginas no vuelve a simular lo ya simulado. Los resultados no se modifican después de guardarse.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
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


def trabajadores() -> int | None:
    """Procesos para las corridas de la app (variable ``SIMULADOR_TRABAJADORES``).

    Por defecto (``0``) usa todos los núcleos. El ejecutor crea sus procesos con ``forkserver``,
    así que no heredan los sockets del servidor de Streamlit (con ``fork`` las conexiones que el
    servidor cierra quedaban vivas en los hijos y el navegador esperaba para siempre).
    """
    valor = os.environ.get("SIMULADOR_TRABAJADORES", "0").strip()
    if valor == "0":
        return None
    return int(valor) if valor.isdigit() else 1


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


class Almacen:
    """Caché LRU compartida y con candado, para corridas largas que muestran su avance.

    ``st.cache_data`` vuelve a reproducir los elementos que se dibujan dentro de la función
    cacheada, y una barra de avance creada afuera no se puede reproducir; por eso las corridas
    con avance guardan su resultado aquí, con la misma idea: clave = entradas en JSON.
    """

    def __init__(self, maximo: int) -> None:
        self.maximo = maximo
        self._datos: OrderedDict[tuple[object, ...], object] = OrderedDict()
        self._candado = threading.Lock()

    def obtener(self, clave: tuple[object, ...]) -> object | None:
        """El valor guardado (y lo marca como reciente), o None."""
        with self._candado:
            if clave not in self._datos:
                return None
            self._datos.move_to_end(clave)
            return self._datos[clave]

    def guardar(self, clave: tuple[object, ...], valor: object) -> None:
        """Guarda un valor y descarta el más antiguo si se pasa del máximo."""
        with self._candado:
            self._datos[clave] = valor
            self._datos.move_to_end(clave)
            while len(self._datos) > self.maximo:
                self._datos.popitem(last=False)


@st.cache_resource
def almacen(tipo: str) -> Almacen:
    """Un almacén por tipo de corrida (se crea una vez por proceso)."""
    return Almacen({"comparacion": 6, "politica": 16, "barrido": 12,
                    "sensibilidad": 12}.get(tipo, 8))


def comparar_en_cache(esc_json: str, pols_json: tuple[str, ...], replicas: int, semilla: int,
                      _progreso: Progreso = None) -> Comparacion:
    """La comparación de la base (primera) con las alternativas.

    Sin el detalle de la réplica 0 (todas las réplicas van apiladas, que es lo rápido): la página
    «Clientes» lo pide aparte con ``corrida_en_cache``, que da esa misma réplica. Las réplicas de
    cada política quedan guardadas aparte: si solo cambia una alternativa, solo ella se simula.
    """
    clave = (esc_json, pols_json, replicas, semilla)
    guardado = almacen("comparacion").obtener(clave)
    if isinstance(guardado, Comparacion):
        return guardado
    comp = comparar(esc_de(esc_json), [pol_de(p) for p in pols_json], replicas=replicas,
                    semilla=semilla, progreso=_progreso,
                    trabajadores=trabajadores(), guardados=almacen("politica"))
    almacen("comparacion").guardar(clave, comp)
    return comp


def barrido_en_cache(esc_json: str, pol_json: str, ruta: str, valores: tuple[float, ...],
                     replicas: int, semilla: int,
                     _progreso: Progreso = None) -> ResultadoBarrido:
    """Un barrido de una palanca de la política sobre una lista de valores."""
    clave = (esc_json, pol_json, ruta, valores, replicas, semilla)
    guardado = almacen("barrido").obtener(clave)
    if isinstance(guardado, ResultadoBarrido):
        return guardado
    res = barrido(esc_de(esc_json), pol_de(pol_json), {ruta: list(valores)}, replicas=replicas,
                  semilla=semilla, progreso=_progreso, trabajadores=trabajadores())
    almacen("barrido").guardar(clave, res)
    return res


def sensibilidad_en_cache(esc_json: str, pol_json: str, replicas: int, semilla: int,
                          _progreso: Progreso = None) -> pd.DataFrame:
    """Los datos del tornado alrededor de una política."""
    clave = (esc_json, pol_json, replicas, semilla)
    guardado = almacen("sensibilidad").obtener(clave)
    if isinstance(guardado, pd.DataFrame):
        return guardado
    tabla = sensibilidad(esc_de(esc_json), pol_de(pol_json), replicas=replicas,
                         semilla=semilla, progreso=_progreso, trabajadores=trabajadores())
    almacen("sensibilidad").guardar(clave, tabla)
    return tabla


@st.cache_data(max_entries=8, show_spinner=False)
def corrida_en_cache(esc_json: str, pol_json: str, semilla: int) -> ResultadoCorrida:
    """Una corrida (réplica 0) con todos sus eventos, para la historia de los clientes."""
    return simular(esc_de(esc_json), pol_de(pol_json), semilla=semilla, replica=0, eventos=True)


@st.cache_data(max_entries=16, show_spinner=False)
def cartera_en_cache(esc_json: str, semilla: int) -> pd.DataFrame:
    """Los clientes que genera el escenario, con sus rasgos."""
    return tabla_cartera(esc_de(esc_json), semilla)
