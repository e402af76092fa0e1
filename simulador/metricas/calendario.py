"""Meses calendario de una corrida: qué días caen en cada mes y cuánto se vendió en cada uno.

El día ``d`` de la corrida es la fecha ``fecha_inicio + d`` (los días del calentamiento son
negativos). Un mes que el rango toca solo en parte cuenta con los días que el rango cubre.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import numpy as np

from simulador.resultado import COD, Libro


@dataclass(frozen=True)
class Mes:
    """Un mes calendario recortado al rango pedido (días inclusive)."""

    etiqueta: str  # "AAAA-MM"
    dia_inicio: int
    dia_fin: int

    @property
    def dias(self) -> int:
        """Días del mes que caen en el rango."""
        return self.dia_fin - self.dia_inicio + 1


def meses(fecha_inicio: dt.date, desde_dia: int, hasta_dia: int) -> list[Mes]:
    """Los meses calendario que toca el rango de días ``[desde_dia, hasta_dia)``, en orden.

    Args:
        fecha_inicio: fecha del día 0.
        desde_dia: primer día del rango (puede ser negativo: calentamiento).
        hasta_dia: día siguiente al último del rango.
    """
    return list(_meses(fecha_inicio, desde_dia, hasta_dia))


@functools.lru_cache(maxsize=64)
def _meses(fecha_inicio: dt.date, desde_dia: int, hasta_dia: int) -> tuple[Mes, ...]:
    """``meses`` (los indicadores de cada réplica piden los mismos)."""
    salida: list[Mes] = []
    dia = desde_dia
    while dia < hasta_dia:
        fecha = fecha_inicio + dt.timedelta(days=dia)
        siguiente = (
            dt.date(fecha.year + 1, 1, 1) if fecha.month == 12
            else dt.date(fecha.year, fecha.month + 1, 1)
        )
        fin = min(dia + (siguiente - fecha).days, hasta_dia) - 1
        salida.append(Mes(f"{fecha.year:04d}-{fecha.month:02d}", dia, fin))
        dia = fin + 1
    return tuple(salida)


def suma_por_mes(dias: np.ndarray, valores: np.ndarray, lista: list[Mes]) -> np.ndarray:
    """Suma ``valores`` según el mes de cada día; los días fuera de los meses no cuentan."""
    if not lista:
        return np.zeros(0, dtype=float)
    inicios = np.array([m.dia_inicio for m in lista])
    dias = np.asarray(dias)
    dentro = (dias >= lista[0].dia_inicio) & (dias <= lista[-1].dia_fin)
    indice = np.searchsorted(inicios, dias[dentro], side="right") - 1
    return np.bincount(indice, weights=np.asarray(valores, dtype=float)[dentro],
                       minlength=len(lista))


def ventas_por_mes(libro: Libro, lista: list[Mes]) -> np.ndarray:
    """Ventas a crédito (filas 'factura' del libro) de cada mes, en moneda."""
    m = libro.tipo == COD["factura"]
    return suma_por_mes(libro.dia[m], libro.centavos[m] / 100.0, lista)
