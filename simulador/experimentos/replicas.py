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
from scipy.special import stdtrit  # cuantil t de Student (lo que usa scipy.stats.t.ppf)

from simulador.config import Escenario, Politica
from simulador.experimentos.ejecutor import Progreso, mapear, trabajadores_por_defecto
from simulador.metricas import COLUMNAS_SEGMENTO, calcular_kpis, verificar_conservacion
from simulador.metricas.kpis import ColumnasFacturas
from simulador.metricas.segmentos import CodigosSegmento, columnas_por_segmento
from simulador.motor.cierre import resultados_para_indicadores
from simulador.motor.modelo import Simulacion, simular
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
    por_segmento: dict[str, np.ndarray]  # columnas de kpis_por_segmento (la tabla, al juntar)
    completo: ResultadoCorrida | None


def _resumir_corrida(escenario: Escenario, replica: int, res: ResultadoCorrida,
                     detalle: bool, columnas: ColumnasFacturas | None = None,
                     codigos: CodigosSegmento | None = None) -> CorridaResumida:
    verificar_conservacion(res)
    if columnas is None:  # se leen una vez para los dos cálculos
        columnas = ColumnasFacturas.de(res.facturas)
    return CorridaResumida(
        replica=replica,
        kpis=calcular_kpis(res, escenario, columnas),
        cartera_por_tramo=res.series.cartera_por_tramo,
        cobrado=res.series.cobrado,
        por_segmento=columnas_por_segmento(res, escenario, columnas, codigos),
        completo=res if detalle else None,
    )


def correr_tarea(tarea: Tarea) -> CorridaResumida:
    """Corre una réplica, verifica que el dinero se conserva y resume sus indicadores."""
    res = simular(tarea.escenario, tarea.politica, semilla=tarea.semilla, replica=tarea.replica,
                  eventos=tarea.detalle)
    return _resumir_corrida(tarea.escenario, tarea.replica, res, tarea.detalle)


MAX_LOTE = 32
"""Réplicas que se apilan como máximo en una sola simulación (acota la memoria)."""


@dataclass(frozen=True)
class Lote:
    """Varias réplicas de un mismo escenario y política, apiladas en una sola simulación."""

    escenario: Escenario
    politica: Politica
    semilla: int
    replicas: tuple[int, ...]


def correr_lote(lote: Lote) -> list[CorridaResumida]:
    """Corre las réplicas de un lote apiladas; cada una da lo mismo que corrida sola."""
    sim = Simulacion(escenario=lote.escenario, politica=lote.politica, semilla=lote.semilla,
                     replicas=lote.replicas, eventos=False)
    sim.correr()
    return [_resumir_corrida(lote.escenario, r, res, False, columnas, codigos)
            for r, (res, columnas, codigos) in zip(lote.replicas, resultados_para_indicadores(sim),
                                                   strict=True)]


def correr_trabajo(trabajo: Tarea | Lote) -> list[CorridaResumida]:
    return correr_lote(trabajo) if isinstance(trabajo, Lote) else [correr_tarea(trabajo)]


def agrupar(tareas: list[Tarea], trabajadores: int) -> list[Tarea | Lote]:
    """Junta réplicas consecutivas del mismo escenario, política y semilla en lotes.

    Las tareas con detalle (eventos) corren solas. El tamaño de los lotes reparte el trabajo
    entre los trabajadores sin pasar de ``MAX_LOTE``.
    """
    tam = max(1, min(MAX_LOTE, math.ceil(len(tareas) / max(1, trabajadores))))
    trabajos: list[Tarea | Lote] = []
    grupo: list[Tarea] = []

    def cerrar() -> None:
        if not grupo:
            return
        n = math.ceil(len(grupo) / tam)
        for partes in np.array_split(np.arange(len(grupo)), n):
            g0 = grupo[int(partes[0])]
            trabajos.append(Lote(g0.escenario, g0.politica, g0.semilla,
                                 tuple(grupo[int(k)].replica for k in partes)))
        grupo.clear()

    for t in tareas:
        if t.detalle:
            cerrar()
            trabajos.append(t)
            continue
        if grupo and not (t.escenario is grupo[0].escenario and t.politica is grupo[0].politica
                          and t.semilla == grupo[0].semilla and t.replica > grupo[-1].replica):
            cerrar()
        grupo.append(t)
    cerrar()
    return trabajos


def correr_tareas(tareas: list[Tarea], *, trabajadores: int | None = None,
                  progreso: Progreso | None = None, motor: str = "procesos"
                  ) -> list[CorridaResumida]:
    """Corre réplicas (apiladas en lotes) en serie, en procesos locales o en Dask.

    Devuelve una corrida resumida por tarea, en el orden de las tareas; el resultado no depende
    del número de trabajadores ni de cómo se agrupen las réplicas.
    """
    n = trabajadores or trabajadores_por_defecto()
    trabajos = agrupar(tareas, n)
    tamanos = [len(t.replicas) if isinstance(t, Lote) else 1 for t in trabajos]
    acumulado = np.cumsum(tamanos)

    def avance(hechos: int, _total: int) -> None:
        if progreso:
            progreso(int(acumulado[hechos - 1]), len(tareas))

    salida = mapear(correr_trabajo, trabajos, trabajadores=n, progreso=avance, motor=motor)
    return [c for lote in salida for c in lote]


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


def _resumir_completas(x: np.ndarray) -> list[Resumen]:
    """Resumen de cada fila de ``x`` (dos dimensiones, sin faltantes, al menos una columna).

    Cada fila se reduce contigua y con el mismo algoritmo que un arreglo suelto, así que da
    exactamente lo mismo fila por fila que todas juntas.
    """
    filas, n = x.shape
    media = x.mean(axis=1)
    desvio = x.std(axis=1, ddof=1) if n > 1 else np.zeros(filas)
    semi = float(stdtrit(n - 1, 0.975)) * desvio / math.sqrt(n) if n > 1 else np.zeros(filas)
    p5, p95 = np.percentile(x, [5, 95], axis=1)
    salida = []
    for j in range(filas):
        m, s = float(media[j]), float(semi[j])
        salida.append(Resumen(media=m, ic_inf=m - s, ic_sup=m + s, p5=float(p5[j]),
                              p95=float(p95[j]), desvio=float(desvio[j]), n=n))
    return salida


def resumir(valores: np.ndarray) -> Resumen:
    """Media, intervalo del 95 % de la media, P5, P95 y desvío de una muestra."""
    x = np.asarray(valores, dtype=float)
    x = x[np.isfinite(x)]
    if x.size == 0:
        nan = float("nan")
        return Resumen(nan, nan, nan, nan, nan, nan, 0)
    return _resumir_completas(x[None, :])[0]


def resumir_filas(matriz: np.ndarray) -> list[Resumen]:
    """``resumir`` de cada fila de una matriz (un indicador por fila, una réplica por columna).

    Las filas sin valores faltantes se resumen todas juntas; las demás, una por una.
    """
    x = np.ascontiguousarray(matriz, dtype=float)
    completas = np.isfinite(x).all(axis=1) if x.shape[1] else np.zeros(x.shape[0], bool)
    juntas = iter(_resumir_completas(x[completas]) if completas.any() else [])
    return [next(juntas) if ok else resumir(fila) for ok, fila in zip(completas, x, strict=True)]


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
    nombres = [k for k in kpis.columns if k != "replica"]
    resumen = dict(zip(nombres, resumir_filas(kpis[nombres].to_numpy(float).T), strict=True))
    por_segmento = pd.DataFrame({k: np.concatenate([c.por_segmento[k] for c in corridas])
                                 for k in COLUMNAS_SEGMENTO})
    por_segmento.insert(0, "replica", np.repeat([c.replica for c in corridas],
                                                [len(c.por_segmento["segmento"])
                                                 for c in corridas]))
    ejemplo = next((c.completo for c in corridas if c.completo is not None), None)
    return ResultadoReplicas(
        politica=politica, semilla=semilla, kpis=kpis, resumen=resumen,
        cartera_por_tramo=np.stack([c.cartera_por_tramo for c in corridas]),
        cobrado=np.stack([c.cobrado for c in corridas]),
        por_segmento=por_segmento, ejemplo=ejemplo,
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
    corridas = correr_tareas(tareas, trabajadores=trabajadores, progreso=progreso, motor=motor)
    res = armar_resultado(politica, semilla, corridas)
    res.procedencia.update(procedencia(escenario, [politica], semilla=semilla, replicas=replicas))
    return res
