"""Orden estable rápido para claves enteras de rango chico (días, réplicas, códigos)."""

from __future__ import annotations

import numpy as np

_RANGO_16 = 1 << 15


def orden_estable(claves: np.ndarray) -> np.ndarray:
    """Lo mismo que ``np.argsort(claves, kind="stable")``, más rápido si el rango es chico.

    Un orden estable es único, así que el resultado es idéntico. Con claves enteras que caben en
    16 bits tras restar el mínimo (la resta no desborda: la diferencia es chica), numpy ordena por
    radix en tiempo lineal en vez de timsort.
    """
    if claves.size < 2 or claves.dtype.kind not in "iu" or claves.dtype.itemsize <= 2:
        return np.argsort(claves, kind="stable")
    menor = int(claves.min())
    if int(claves.max()) - menor >= _RANGO_16:
        return np.argsort(claves, kind="stable")
    return np.argsort((claves - menor).astype(np.int16), kind="stable")

