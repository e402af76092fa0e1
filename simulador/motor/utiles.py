"""Operaciones vectorizadas por grupo que el motor usa en cada día."""

from __future__ import annotations

import numpy as np


def sumar_por_cliente(destino: np.ndarray, clientes: np.ndarray,
                      valor: float | np.ndarray) -> None:
    """``destino[clientes] += valor`` acumulando clientes repetidos (más rápido que add.at)."""
    if clientes.size == 0:
        return
    if clientes.size * 8 < destino.size:
        np.add.at(destino, clientes, valor)
        return
    pesos = np.broadcast_to(np.asarray(valor, dtype=float), clientes.shape)
    suma = np.bincount(clientes, weights=pesos, minlength=destino.size)
    destino += suma.astype(destino.dtype) if destino.dtype.kind == "i" else suma


def maximo_por_grupo(valores: np.ndarray, inicio: np.ndarray, vacio: int) -> np.ndarray:
    """Máximo de ``valores`` en cada grupo [inicio[g], inicio[g+1]); ``vacio`` si está vacío."""
    n = inicio.size - 1
    salida = np.full(n, vacio, np.int64)
    con = inicio[1:] > inicio[:-1]
    if valores.size and con.any():
        salida[con] = np.maximum.reduceat(valores, inicio[:-1][con])
    return salida
