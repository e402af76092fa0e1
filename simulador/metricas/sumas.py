"""Sumas del libro y de los costos en una sola pasada compilada (numba).

Cada indicador suma centavos de ciertos tipos de movimiento en un rango de días, a veces por
cliente o por segmento. Con numpy eso es armar una máscara, copiar las filas marcadas y sumar, una
vez por indicador; acá es un recorrido sin copias. Las sumas son de enteros: exactas al centavo y
sin depender del orden, así que dan lo mismo que con numpy.

Los pesos van por código de tipo: 1 suma, -1 resta, 0 no cuenta (ver ``pesos``).
"""

from __future__ import annotations

import functools

import numpy as np
from numba import njit

SIN_LIMITE = 1 << 62
"""Día que ningún movimiento alcanza (para sumas sin límite de días)."""

_N_CODIGOS = 256  # tabla para cualquier byte de tipo

CODIGOS: tuple[int, ...] = tuple(range(128))
"""Todos los códigos de tipo posibles (los tipos se guardan en int8, no negativos)."""


@functools.lru_cache(maxsize=64)
def pesos(suman: tuple[int, ...], restan: tuple[int, ...] = ()) -> np.ndarray:
    """Peso de cada código de tipo: 1 para ``suman``, -1 para ``restan``, 0 para el resto."""
    tabla = np.zeros(_N_CODIGOS, np.int64)
    tabla[list(suman)] = 1
    tabla[list(restan)] = -1
    tabla.flags.writeable = False  # compartida entre llamadas
    return tabla


def todos() -> np.ndarray:
    """Pesos que cuentan cualquier tipo (para sumar solo por días)."""
    return pesos(CODIGOS)


@njit(cache=True, nogil=True)
def sumar(tipo: np.ndarray, dia: np.ndarray, centavos: np.ndarray, peso: np.ndarray,
          desde: int, hasta: int) -> int:  # pragma: no cover - compilado
    """Suma de ``peso[tipo] x centavos`` de las filas con día en ``[desde, hasta)``."""
    total = 0
    for j in range(tipo.size):
        d = dia[j]
        if desde <= d < hasta:
            total += peso[tipo[j]] * centavos[j]
    return total


@njit(cache=True, nogil=True)
def sumar_por_grupo(grupo: np.ndarray, tipo: np.ndarray, dia: np.ndarray, centavos: np.ndarray,
                    peso: np.ndarray, desde: int, hasta: int, n: int
                    ) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compilado
    """Por grupo (0..n-1; los negativos no cuentan): la suma de ``peso[tipo] x centavos`` y
    cuántas filas con peso distinto de cero entraron, con día en ``[desde, hasta)``."""
    suma = np.zeros(n, np.int64)
    filas = np.zeros(n, np.int64)
    for j in range(tipo.size):
        d = dia[j]
        g = grupo[j]
        w = peso[tipo[j]]
        if w != 0 and g >= 0 and desde <= d < hasta:
            suma[g] += w * centavos[j]
            filas[g] += 1
    return suma, filas


@njit(cache=True, nogil=True)
def sumar_por_grupo_y_dia(grupo: np.ndarray, tipo: np.ndarray, dia: np.ndarray,
                          centavos: np.ndarray, peso: np.ndarray, n: int, h: int
                          ) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compilado
    """Por grupo: lo anterior al día 0 y, por día del horizonte ``[0, h)``, la suma de
    ``peso[tipo] x centavos`` (``[n]`` y ``[n, h]``); los grupos negativos no cuentan."""
    antes = np.zeros(n, np.int64)
    diario = np.zeros((n, h), np.int64)
    for j in range(tipo.size):
        g = grupo[j]
        if g < 0:
            continue
        d = dia[j]
        v = peso[tipo[j]] * centavos[j]
        if d < 0:
            antes[g] += v
        elif d < h:
            diario[g, d] += v
    return antes, diario


def calentar() -> None:
    """Compila (o carga de la caché) las sumas con los tipos de columna del libro y los costos."""
    g32, g64 = np.zeros(1, np.int32), np.zeros(1, np.int64)
    t8, d32, c64 = np.zeros(1, np.int8), np.zeros(1, np.int32), np.zeros(1, np.int64)
    p = pesos((0,))
    sumar(t8, d32, c64, p, 0, 1)
    for g in (g32, g64):
        sumar_por_grupo(g, t8, d32, c64, p, 0, 1, 1)
        sumar_por_grupo_y_dia(g, t8, d32, c64, p, 1, 1)
