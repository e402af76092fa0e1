"""Operaciones vectorizadas por grupo que el motor usa en cada día."""

from __future__ import annotations

import numpy as np


def maximo_por_grupo(valores: np.ndarray, inicio: np.ndarray, vacio: int) -> np.ndarray:
    """Máximo de ``valores`` en cada grupo [inicio[g], inicio[g+1]); ``vacio`` si está vacío."""
    n = inicio.size - 1
    salida = np.full(n, vacio, np.int64)
    con = inicio[1:] > inicio[:-1]
    if valores.size and con.any():
        salida[con] = np.maximum.reduceat(valores, inicio[:-1][con])
    return salida
