"""La mesa de cobradores contra la teoría de colas en tiempo discreto, y su regla de prioridad.

El turno diario atiende hasta ``c`` llamadas por día. Con llegadas Poisson(λ) por día y orden de
llegada, el largo de la cola al cierre del día sigue la cadena Q' = max(0, Q + A - c), con
A ~ Poisson(λ): su distribución estacionaria se calcula exactamente con la matriz de transición
(truncada lejos de la masa). La ley de Little en tiempo discreto dice además que la cola media al
cierre es λ por la espera media en días (una llamada que espera w días se cuenta en w cierres).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from simulador.motor import nucleo
from simulador.motor.mesa import FORZADA, RUTINA, URGENTE, Mesa


def cola_media_teorica(lam: float, c: int, k: int = 800) -> float:
    """Media estacionaria de Q' = max(0, Q + A - c) con A ~ Poisson(lam), truncada en k."""
    a = stats.poisson.pmf(np.arange(k + c + 1), lam)
    p = np.zeros((k, k))
    for i in range(k):
        j = np.maximum(0, i + np.arange(a.size) - c)
        dentro = j < k
        np.add.at(p[i], j[dentro], a[dentro])
        p[i, k - 1] += a[~dentro].sum()
    pi = np.ones(k) / k
    for _ in range(20_000):
        nuevo = pi @ p
        if np.abs(nuevo - pi).sum() < 1e-13:
            break
        pi = nuevo
    return float(pi @ np.arange(k))


def simular_mesa(lam: float, c: int, dias: int, semilla: int) -> tuple[Mesa, np.ndarray]:
    rng = np.random.default_rng(semilla)
    mesa = Mesa(replicas=1, cobradores=c, llamadas_por_dia=1, dias_cola=10**6)
    largo = np.zeros(dias, np.int64)
    siguiente = 0
    for dia in range(dias):
        n = int(rng.poisson(lam))
        clientes = np.arange(siguiente, siguiente + n)
        siguiente += n
        mesa.encolar(clientes, np.zeros(n, np.int64), RUTINA, dia, "prueba")
        cola = mesa.cola()
        mesa.atender(dia, np.zeros(cola[0].size))
        largo[dia] = mesa.en_cola[0]
    return mesa, largo


@pytest.mark.lento
@pytest.mark.parametrize(("lam", "c"), [(0.7, 1), (4.0, 5), (9.0, 10)])
def test_teoria_cola_media_al_cierre_del_dia(lam: float, c: int) -> None:
    """Cola media al cierre contra la cadena exacta. Tolerancia: ±8 % con 60.000 días (el error
    estándar de la media de una cola correlacionada a carga 0,9 es ~2-2,5 %: 3 errores)."""
    _, largo = simular_mesa(lam, c, 60_000, semilla=11)
    assert largo[1000:].mean() == pytest.approx(cola_media_teorica(lam, c), rel=0.08)


@pytest.mark.lento
def test_teoria_ley_de_little_en_tiempo_discreto() -> None:
    """Cola media al cierre = λ x espera media en días. Tolerancia ±2 % (bordes del período)."""
    mesa, largo = simular_mesa(4.5, 5, 40_000, semilla=5)
    lam = mesa.atendidas[0] / largo.size
    assert largo.mean() == pytest.approx(lam * mesa.espera_media(0), rel=0.02)


def test_prioridad_nivel_puntaje_y_orden_de_llegada() -> None:
    """Con capacidad 1 por día: forzada antes que urgente antes que rutina; a igual nivel, mayor
    puntaje; a igual puntaje, la que llegó antes."""
    mesa = Mesa(replicas=1, cobradores=1, llamadas_por_dia=1, dias_cola=100)
    mesa.encolar(np.array([10, 11]), np.zeros(2, np.int64), RUTINA, 0, "rutina")
    mesa.encolar(np.array([12]), np.zeros(1, np.int64), URGENTE, 0, "alerta")
    mesa.encolar(np.array([13]), np.zeros(1, np.int64), FORZADA, 0, "forzada")
    mesa.encolar(np.array([14]), np.zeros(1, np.int64), RUTINA, 0, "rutina")
    puntaje = {10: 1.0, 11: 5.0, 12: 0.0, 13: 0.0, 14: 1.0}
    atendidos = []
    for dia in range(5):
        cola = mesa.cola()
        clientes, _ = mesa.atender(dia, np.array([puntaje[int(k)] for k in cola[0]]))
        atendidos += clientes.tolist()
    assert atendidos == [13, 12, 11, 10, 14]
    assert mesa.espera_media(0) == pytest.approx((0 + 1 + 2 + 3 + 4) / 5)


def test_cada_replica_usa_su_capacidad_y_su_cupo_de_cola() -> None:
    """Dos réplicas apiladas: cada una atiende su capacidad; la cola de rutina de cada una tiene
    su propio tope y las urgentes entran igual."""
    mesa = Mesa(replicas=2, cobradores=1, llamadas_por_dia=2, dias_cola=2)  # cupo de cola 4
    reps = np.array([0] * 6 + [1] * 3)
    ok = mesa.encolar(np.arange(9), reps, RUTINA, 0, "rutina")
    assert ok.tolist() == [True] * 4 + [False] * 2 + [True] * 3
    assert mesa.sin_agendar.tolist() == [2, 0]
    assert mesa.encolar(np.array([20]), np.array([0]), URGENTE, 0, "alerta").all()
    cola = mesa.cola()
    clientes, _ = mesa.atender(0, np.zeros(cola[0].size))
    assert sorted(clientes.tolist()) == [0, 6, 7, 20]
    assert mesa.en_cola.tolist() == [3, 1]


@settings(deadline=None, max_examples=60)
@given(st.integers(0, 2**32 - 1), st.integers(1, 4), st.integers(0, 6))
def test_elegir_llamadas_igual_a_lexsort(semilla: int, n_rep: int, cupo: int) -> None:
    """El recorrido compilado atiende las mismas llamadas, en el mismo orden, que numpy."""
    rng = np.random.default_rng(semilla)
    n = 40
    rep = rng.integers(0, n_rep, n).astype(np.int64)
    nivel = rng.integers(0, 3, n).astype(np.int64)
    puntaje = rng.choice(np.array([0.0, 1.5, 2.0, 7.25]), n)  # con empates
    secuencia = np.lexsort((np.arange(n), -puntaje, -nivel, rep))
    esperado = secuencia[nucleo.rango_en_grupo(rep[secuencia], n_rep) < cupo]
    np.testing.assert_array_equal(nucleo.elegir_llamadas(rep, nivel, puntaje, cupo, n_rep),
                                  esperado)
