"""Comparación de políticas sobre números aleatorios comunes, como objetos tipados.

La réplica r de cada política ve los mismos clientes, facturas y shocks; la diferencia de cada
indicador se calcula réplica a réplica (diferencias pareadas) con su intervalo del 95 %.
Una política comparada consigo misma da exactamente cero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulador.config import Escenario, Politica
from simulador.experimentos.ejecutor import Progreso
from simulador.experimentos.procedencia import procedencia
from simulador.experimentos.replicas import (
    ResultadoReplicas,
    armar_resultado,
    correr_tareas,
    resumir,
    resumir_filas,
    tareas_de,
)


@dataclass(frozen=True)
class DiferenciaKPI:
    """Base, alternativa y diferencia (alternativa - base) de un indicador."""

    kpi: str
    base: float
    alternativa: float
    diferencia: float
    ic_inf: float
    ic_sup: float

    @property
    def distinguible(self) -> bool:
        """Si el intervalo del 95 % de la diferencia excluye el cero."""
        return bool(self.ic_inf > 0 or self.ic_sup < 0)


@dataclass(frozen=True)
class ComparacionPar:
    """Una alternativa frente a la base."""

    base: str
    alternativa: str
    diferencias: dict[str, DiferenciaKPI]


@dataclass(frozen=True)
class Comparacion:
    """Resultado de comparar una base con alternativas: réplicas de cada una y pares."""

    escenario: Escenario
    semilla: int
    resultados: list[ResultadoReplicas]  # el primero es la base
    pares: list[ComparacionPar]
    procedencia: dict[str, Any] = field(default_factory=dict)

    @property
    def base(self) -> ResultadoReplicas:
        """Las réplicas de la política base."""
        return self.resultados[0]


def diferencias(base: ResultadoReplicas, alt: ResultadoReplicas) -> ComparacionPar:
    """Diferencias pareadas réplica a réplica de cada indicador."""
    salida: dict[str, DiferenciaKPI] = {}
    nombres = [k for k in base.kpis.columns if k != "replica"]
    dif = alt.kpis[nombres].to_numpy(float).T - base.kpis[nombres].to_numpy(float).T
    for kpi, d, r in zip(nombres, dif, resumir_filas(dif), strict=True):
        if np.all(d[np.isfinite(d)] == 0):
            r = resumir(np.zeros(max(1, r.n)))
        salida[kpi] = DiferenciaKPI(kpi=kpi, base=base.resumen[kpi].media,
                                    alternativa=alt.resumen[kpi].media, diferencia=r.media,
                                    ic_inf=r.ic_inf, ic_sup=r.ic_sup)
    return ComparacionPar(base=base.politica.nombre, alternativa=alt.politica.nombre,
                          diferencias=salida)


def comparar(escenario: Escenario, politicas: Sequence[Politica], *, replicas: int = 30,
             semilla: int = 1, trabajadores: int | None = None, progreso: Progreso | None = None,
             detalle: bool = False, motor: str = "procesos") -> Comparacion:
    """Corre todas las políticas con las mismas semillas y compara cada una con la primera."""
    if len(politicas) < 1:
        raise ValueError("se necesita al menos una política")
    tareas = []
    for pol in politicas:
        tareas += tareas_de(escenario, pol, replicas=replicas, semilla=semilla, detalle=detalle)
    corridas = correr_tareas(tareas, trabajadores=trabajadores, progreso=progreso, motor=motor)
    resultados = [
        armar_resultado(pol, semilla, corridas[i * replicas:(i + 1) * replicas])
        for i, pol in enumerate(politicas)
    ]
    pares = [diferencias(resultados[0], r) for r in resultados[1:]]
    return Comparacion(
        escenario=escenario, semilla=semilla, resultados=resultados, pares=pares,
        procedencia=procedencia(escenario, politicas, semilla=semilla, replicas=replicas),
    )
