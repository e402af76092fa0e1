"""Réplicas de un escenario bajo una política, con resumen de cada indicador.

Cada réplica usa flujos aleatorios propios derivados de una semilla (``SeedSequence``); la réplica
r de dos políticas ve los mismos clientes, facturas y shocks (números aleatorios comunes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from simulador.config import Escenario, Politica
from simulador.experimentos.ejecutor import Progreso, mapear
from simulador.metricas import calcular_kpis, kpis_por_segmento, verificar_conservacion
from simulador.motor.modelo import simular
from simulador.resultado import ResultadoCorrida


@dataclass(frozen=True)
class Tarea:
    """Una réplica por correr."""

    escenario: Escenario
    politica: Politica
    semilla: int
    replica: int
    detalle: bool = False


@dataclass(frozen=True)
class CorridaResumida:
    """Lo que vuelve de una réplica: indicadores, series y, si se pidió, la corrida completa."""

    replica: int
    kpis: dict[str, float]
    cartera_por_tramo: np.ndarray
    cobrado: np.ndarray
    por_segmento: pd.DataFrame
    completo: ResultadoCorrida | None


def correr_tarea(tarea: Tarea) -> CorridaResumida:
    """Corre una réplica, verifica que el dinero se conserva y resume sus indicadores."""
    res = simular(tarea.escenario, tarea.politica, semilla=tarea.semilla, replica=tarea.replica,
                  eventos=tarea.detalle)
    verificar_conservacion(res)
    return CorridaResumida(
        replica=tarea.replica,
        kpis=calcular_kpis(res, tarea.escenario),
        cartera_por_tramo=res.series.cartera_por_tramo,
        cobrado=res.series.cobrado,
        por_segmento=kpis_por_segmento(res, tarea.escenario),
        completo=res if tarea.detalle else None,
    )


@dataclass(frozen=True)
class Resumen:
    """Resumen de un indicador a través de las réplicas."""

    media: float
    ic_inf: float  # intervalo de confianza del 95 % de la media (t de Student)
    ic_sup: float
    p5: float
    p95: float
    desvio: float
    n: int


def resumir(valores: np.ndarray) -> Resumen:
    """Media, intervalo del 95 % de la media, P5, P95 y desvío de una muestra."""
    x = np.asarray(valores, dtype=float)
    x = x[np.isfinite(x)]
    n = int(x.size)
    if n == 0:
        nan = float("nan")
        return Resumen(nan, nan, nan, nan, nan, nan, 0)
    media = float(x.mean())
    desvio = float(x.std(ddof=1)) if n > 1 else 0.0
    semi = float(stats.t.ppf(0.975, n - 1)) * desvio / math.sqrt(n) if n > 1 else 0.0
    return Resumen(media=media, ic_inf=media - semi, ic_sup=media + semi,
                   p5=float(np.percentile(x, 5)), p95=float(np.percentile(x, 95)),
                   desvio=desvio, n=n)


@dataclass(frozen=True)
class ResultadoReplicas:
    """Todas las réplicas de una política: indicadores por réplica, resumen y series."""

    politica: Politica
    semilla: int
    kpis: pd.DataFrame  # una fila por réplica
    resumen: dict[str, Resumen]
    cartera_por_tramo: np.ndarray  # [R, H, tramos]
    cobrado: np.ndarray  # [R, H]
    por_segmento: pd.DataFrame  # columnas de kpis_por_segmento más 'replica'
    ejemplo: ResultadoCorrida | None  # la réplica 0 completa (con eventos), si se pidió
    procedencia: dict[str, Any] = field(default_factory=dict)

    @property
    def replicas(self) -> int:
        """Número de réplicas."""
        return len(self.kpis)


def armar_resultado(politica: Politica, semilla: int,
                    corridas: list[CorridaResumida]) -> ResultadoReplicas:
    """Junta las réplicas de una política."""
    kpis = pd.DataFrame([c.kpis for c in corridas])
    kpis.insert(0, "replica", [c.replica for c in corridas])
    resumen = {k: resumir(kpis[k].to_numpy(float)) for k in kpis.columns if k != "replica"}
    segs = []
    for c in corridas:
        s = c.por_segmento.copy()
        s.insert(0, "replica", c.replica)
        segs.append(s)
    ejemplo = next((c.completo for c in corridas if c.completo is not None), None)
    return ResultadoReplicas(
        politica=politica, semilla=semilla, kpis=kpis, resumen=resumen,
        cartera_por_tramo=np.stack([c.cartera_por_tramo for c in corridas]),
        cobrado=np.stack([c.cobrado for c in corridas]),
        por_segmento=pd.concat(segs, ignore_index=True), ejemplo=ejemplo,
    )


def tareas_de(escenario: Escenario, politica: Politica, *, replicas: int, semilla: int,
              detalle: bool) -> list[Tarea]:
    """Las tareas de R réplicas (la réplica 0 lleva el detalle si se pide)."""
    if replicas < 1:
        raise ValueError("replicas debe ser al menos 1")
    return [Tarea(escenario, politica, semilla, r, detalle and r == 0) for r in range(replicas)]


def correr_replicas(escenario: Escenario, politica: Politica, *, replicas: int = 30,
                    semilla: int = 1, trabajadores: int | None = None,
                    progreso: Progreso | None = None, detalle: bool = False,
                    motor: str = "procesos") -> ResultadoReplicas:
    """Corre R réplicas de una política y resume cada indicador."""
    from simulador.experimentos.procedencia import procedencia

    tareas = tareas_de(escenario, politica, replicas=replicas, semilla=semilla, detalle=detalle)
    corridas = mapear(correr_tarea, tareas, trabajadores=trabajadores, progreso=progreso,
                      motor=motor)
    res = armar_resultado(politica, semilla, corridas)
    res.procedencia.update(procedencia(escenario, [politica], semilla=semilla, replicas=replicas))
    return res
