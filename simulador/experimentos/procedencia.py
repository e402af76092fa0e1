"""Procedencia de un resultado: versiones, semilla y huella de las entradas (reproducibilidad)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simulador.config import VERSION_FORMATO, Escenario, Politica


def procedencia(escenario: Escenario, politicas: Sequence[Politica], *, semilla: int,
                replicas: int) -> dict[str, Any]:
    """Lo necesario para que otra persona reproduzca exactamente un número."""
    from simulador.carga import VERSION_PROGRAMA, huella_entradas

    return {
        "version_formato": VERSION_FORMATO,
        "version_programa": VERSION_PROGRAMA,
        "semilla": semilla,
        "replicas": replicas,
        "huella_entradas": huella_entradas(escenario, *politicas),
        "escenario": escenario.nombre,
        "politicas": [p.nombre for p in politicas],
    }
