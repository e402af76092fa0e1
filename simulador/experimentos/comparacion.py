"""Comparación de políticas sobre números aleatorios comunes, como objetos tipados.

La réplica r de cada política ve los mismos clientes, facturas y shocks; la diferencia de cada
indicador se calcula réplica a réplica (diferencias pareadas) con su intervalo del 95 %.
Una política comparada consigo misma da exactamente cero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

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


class Guardados(Protocol):
    """Dónde guardar y buscar las réplicas ya simuladas de una política (p. ej. la caché de la app).

    Las claves son tuplas (ver :func:`clave_politica`); los valores, :class:`ResultadoReplicas`,
    que no se modifican después de guardarse.
    """

    def obtener(self, clave: tuple[object, ...]) -> object | None:
        """Lo guardado con esa clave, o None."""

    def guardar(self, clave: tuple[object, ...], valor: object) -> None:
        """Guarda un valor con esa clave."""


def clave_politica(escenario: Escenario, politica: Politica, *, replicas: int, semilla: int,
                   detalle: bool) -> tuple[object, ...]:
    """Lo que fija las réplicas de una política: el escenario, la política (su JSON), el número de
    réplicas, la semilla y si la réplica 0 lleva el detalle."""
    return ("replicas_politica", escenario.model_dump_json(exclude={"esquema"}),
            politica.model_dump_json(exclude={"esquema"}), replicas, semilla, detalle)


def comparar(escenario: Escenario, politicas: Sequence[Politica], *, replicas: int = 30,
             semilla: int = 1, trabajadores: int | None = None, progreso: Progreso | None = None,
             detalle: bool = False, motor: str = "procesos",
             guardados: Guardados | None = None) -> Comparacion:
    """Corre todas las políticas con las mismas semillas y compara cada una con la primera.

    Con ``guardados``, las políticas que ya se simularon con el mismo escenario, réplicas,
    semilla y detalle no se vuelven a simular (cada réplica de una política da lo mismo sola que
    junto a otras: números aleatorios comunes), una política repetida se simula una vez, y lo
    nuevo queda guardado. Así, cambiar solo una alternativa simula solo esa.
    """
    if len(politicas) < 1:
        raise ValueError("se necesita al menos una política")
    hechos: dict[int, ResultadoReplicas] = {}
    a_correr: list[int] = []
    fuente = list(range(len(politicas)))  # de qué posición sale el resultado de cada una
    primera: dict[tuple[object, ...], int] = {}  # con guardados: la posición de cada clave
    for i, pol in enumerate(politicas):
        if guardados is not None:
            clave = clave_politica(escenario, pol, replicas=replicas, semilla=semilla,
                                   detalle=detalle)
            previo = guardados.obtener(clave)
            if isinstance(previo, ResultadoReplicas):
                hechos[i] = previo
                continue
            if clave in primera:  # repetida: se simula una vez
                fuente[i] = primera[clave]
                continue
            primera[clave] = i
        a_correr.append(i)
    tareas = []
    for i in a_correr:
        tareas += tareas_de(escenario, politicas[i], replicas=replicas, semilla=semilla,
                            detalle=detalle)
    corridas = correr_tareas(tareas, trabajadores=trabajadores, progreso=progreso, motor=motor)
    for k, i in enumerate(a_correr):
        hechos[i] = armar_resultado(politicas[i], semilla,
                                    corridas[k * replicas:(k + 1) * replicas])
    if guardados is not None:
        for clave, i in primera.items():
            guardados.guardar(clave, hechos[i])
    resultados = [hechos[fuente[i]] for i in range(len(politicas))]
    pares = [diferencias(resultados[0], r) for r in resultados[1:]]
    return Comparacion(
        escenario=escenario, semilla=semilla, resultados=resultados, pares=pares,
        procedencia=procedencia(escenario, politicas, semilla=semilla, replicas=replicas),
    )
