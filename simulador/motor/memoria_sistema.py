"""Devolver al sistema la memoria libre del montón de C, al cerrar las corridas grandes."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """``malloc_trim`` de la biblioteca de C (glibc), o ``None`` si esta no lo tiene."""
    nombre = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(nombre).malloc_trim if nombre else None
    except (OSError, AttributeError):
        return None


def devolver_memoria() -> bool:
    """Devuelve al sistema la memoria libre del montón de C; dice si pudo (solo con glibc).

    El libro de una corrida se junta de miles de bloques chicos del paso diario; al soltarlos,
    glibc se queda con esa memoria (fragmentada) y el proceso sigue ocupándola; los trozos de
    ``series.reconstruir`` también quedan en el montón. En la corrida de escala, devolverla en
    los dos momentos del cierre (``cierre._armar``) bajaba el pico unos 200 MB; desde que el
    estado de simular se suelta de verdad (``cierre.soltar``), el pico está antes del cierre y
    lo baja unos 30 MB.
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
