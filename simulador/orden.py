"""Orden estable rápido para claves enteras de rango chico (días, réplicas, códigos), y
calendarios por día armados con él."""

from __future__ import annotations

import itertools

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


def agendar(calendario: dict[int, list[np.ndarray]], dias: np.ndarray,
            valores: np.ndarray) -> None:
    """Agrega a ``calendario[d]`` los valores de cada día ``d``, en su orden de llegada."""
    dias = np.asarray(dias, np.int64)
    if dias.size == 0:
        return
    orden = orden_estable(dias)
    dias_orden = dias[orden]
    limites = np.concatenate(([0], np.flatnonzero(dias_orden[1:] != dias_orden[:-1]) + 1,
                              [dias.size]))
    for a, b in itertools.pairwise(limites.tolist()):
        calendario.setdefault(int(dias_orden[a]), []).append(valores[orden[a:b]])
