"""La mesa de cobradores contra la teoría de colas: Erlang C (M/M/c) y la ley de Little."""

from __future__ import annotations

import math

import numpy as np
import pytest
import simpy

from simulador.motor.mesa import Mesa


def erlang_c(c: int, a: float) -> float:
    """Probabilidad de esperar en una M/M/c con carga ofrecida a = λ/μ."""
    suma = sum(a**k / math.factorial(k) for k in range(c))
    ultimo = a**c / math.factorial(c) * c / (c - a)
    return ultimo / (suma + ultimo)


def simular_mesa(c: int, lam: float, mu: float, n: int, semilla: int) -> tuple[Mesa, float, float]:
    rng = np.random.default_rng(semilla)
    env = simpy.Environment()
    mesa = Mesa(env, cobradores=c, duracion_media=1 / mu, rng=rng, exponencial=True)
    muestras: list[int] = []
    activo = {"llegando": True}

    def llamada(env: simpy.Environment):
        llegada = env.now
        with mesa.recurso.request(priority=0) as pedido:
            yield pedido
            mesa.esperas.append(env.now - llegada)
            yield env.timeout(mesa.duracion())

    def llegadas(env: simpy.Environment):
        for _ in range(n):
            yield env.timeout(rng.exponential(1 / lam))
            env.process(llamada(env))
        activo["llegando"] = False

    def monitor(env: simpy.Environment):
        # muestreo del largo de la cola a intervalos fijos (medida independiente de las esperas)
        while activo["llegando"]:
            muestras.append(mesa.en_cola)
            yield env.timeout(0.05)

    env.process(llegadas(env))
    env.process(monitor(env))
    env.run()
    return mesa, float(np.mean(muestras)), len(muestras) * 0.05


@pytest.mark.lento
@pytest.mark.parametrize(("c", "lam", "mu"), [(1, 0.7, 1.0), (2, 1.6, 1.0), (5, 40.0, 10.0)])
def test_teoria_espera_media_erlang_c(c: int, lam: float, mu: float) -> None:
    """Espera media en cola Wq = C(c, a) / (c μ - λ). Tolerancia: ±8 % con 40.000 llamadas
    (el error estándar de la media de esperas correlacionadas es ~2-3 % a estas cargas)."""
    mesa, _, _ = simular_mesa(c, lam, mu, 40_000, semilla=11)
    esperas = np.array(mesa.esperas[2000:])  # sin el arranque vacío
    wq = erlang_c(c, lam / mu) / (c * mu - lam)
    assert esperas.mean() == pytest.approx(wq, rel=0.08)
    assert (esperas > 1e-12).mean() == pytest.approx(erlang_c(c, lam / mu), abs=0.03)


@pytest.mark.lento
def test_teoria_ley_de_little_en_la_cola() -> None:
    """Lq = λ Wq con λ medida (número de llamadas / tiempo total). Tolerancia ±3 %."""
    mesa, lq, t = simular_mesa(3, 2.5, 1.0, 20_000, semilla=5)
    lam = len(mesa.esperas) / t
    assert lq == pytest.approx(lam * np.mean(mesa.esperas), rel=0.03)


def test_prioridad_atiende_primero_a_la_mas_urgente() -> None:
    """Con un cobrador ocupado, entre dos llamadas en cola se atiende antes la de prioridad
    menor (más urgente), aunque haya llegado después."""
    env = simpy.Environment()
    mesa = Mesa(env, cobradores=1, duracion_media=1.0)
    orden: list[str] = []

    def llamada(env: simpy.Environment, nombre: str, prioridad: float, espera: float):
        yield env.timeout(espera)
        with mesa.recurso.request(priority=prioridad) as pedido:
            yield pedido
            orden.append(nombre)
            yield env.timeout(mesa.duracion())

    env.process(llamada(env, "ocupa", 0, 0.0))
    env.process(llamada(env, "poco_urgente", 5, 0.1))
    env.process(llamada(env, "urgente", -5, 0.2))
    env.run()
    assert orden == ["ocupa", "urgente", "poco_urgente"]
