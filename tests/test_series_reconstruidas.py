"""La cartera por tramo y las facturas abiertas, reconstruidas al final desde el libro, coinciden
con contarlas al cierre de cada día sobre el estado de las facturas.

Un proceso espía cuenta cada día, después de todos los sucesos del día, el saldo de las facturas
abiertas por tramo de atraso (con el vencimiento vigente) y cuántas hay. Se prueba con réplicas
apiladas y con una corrida pausada donde se conceden prórrogas (que mueven el vencimiento) y se
castiga a mano.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from simulador import cargar_escenario, cargar_politica
from simulador.motor import series
from simulador.motor.estado import ABIERTA
from simulador.motor.modelo import Simulacion
from simulador.motor.pausa import Accion, aplicar_acciones
from simulador.motor.series import tramo_de

RAIZ = Path(__file__).resolve().parents[1]


def _sim(replicas: tuple[int, ...], politica: str = "estandar") -> Simulacion:
    esc = cargar_escenario(RAIZ / "escenarios" / "pyme_distribuidora.yaml")
    esc = esc.model_copy(update={"clientes": 200, "horizonte_dias": 150,
                                 "calentamiento_dias": 40})
    pol = cargar_politica(RAIZ / "politicas" / f"{politica}.yaml")
    return Simulacion(escenario=esc, politica=pol, semilla=11, replicas=replicas, eventos=False)


def _espia(sim: Simulacion, cartera: dict[int, np.ndarray], abiertas: dict[int, np.ndarray]
           ) -> Generator[Any, Any, None]:
    """Al final de cada día (tiempo 0,99) cuenta la cartera por tramo y réplica."""
    env, r = sim.env, sim.n_rep
    yield env.timeout(sim.tiempo_de(-1) + 0.99)
    while True:
        dia = sim.dia_de(env.now)
        f = sim.f
        ids = np.flatnonzero(f.estado == ABIERTA)
        rep = sim.cartera.c_rep[ids]
        tramo = tramo_de(dia - f.dia_venc[ids].astype(np.int64))
        saldo = f.saldo_p[ids] + f.saldo_c[ids]
        tabla = np.zeros((r, 5), np.int64)
        np.add.at(tabla, (rep, tramo), saldo)
        cartera[dia] = tabla
        abiertas[dia] = np.bincount(rep, minlength=r)
        yield env.timeout(1.0)


Conteo = tuple[dict[int, np.ndarray], dict[int, np.ndarray]]


def _espiar(sim: Simulacion) -> Conteo:
    cartera: dict[int, np.ndarray] = {}
    abiertas: dict[int, np.ndarray] = {}
    sim.env.process(_espia(sim, cartera, abiertas))
    return cartera, abiertas


def _comparar(sim: Simulacion, conteo: Conteo) -> None:
    cartera, abiertas = conteo
    resultados = sim.resultados()
    h = sim.escenario.horizonte_dias
    for k, res in enumerate(resultados):
        esperado = np.array([cartera[d][k] for d in range(h)]) / 100.0
        assert np.array_equal(res.series.cartera_por_tramo, esperado)
        assert np.array_equal(res.series.cartera_inicial_por_tramo, cartera[-1][k] / 100.0)
        assert np.array_equal(res.series.facturas_abiertas,
                              np.array([abiertas[d][k] for d in range(h)]))
        assert res.series.cartera_por_tramo[:, 1:].sum() > 0  # hubo atrasos que contar


@pytest.mark.parametrize("replicas", [(0, 1, 2), (4,)])
def test_reconstruccion_igual_al_conteo_diario(replicas: tuple[int, ...]) -> None:
    """Sin prórrogas, el libro se suma en una pasada compilada (``nucleo.sumar_tramos_libro``);
    con réplicas apiladas y con una sola."""
    sim = _sim(replicas)
    _comparar(sim, _espiar(sim))


def test_reconstruccion_con_prorrogas_y_castigos_a_mano(monkeypatch: pytest.MonkeyPatch) -> None:
    """Con prórrogas, los segmentos se parten en trozos del libro (``series._segmentos``)."""
    monkeypatch.setattr(series, "_TROZO", 997)  # el libro se recorre en muchos trozos
    sim = _sim((0,), "actual_laxa")
    conteo = _espiar(sim)
    sim.avanzar(60)
    f = sim.f
    ids = np.flatnonzero((f.estado == ABIERTA) & (f.dia_venc < 60))
    clientes = np.unique(sim.cartera.c_cliente[ids])[:8]
    assert clientes.size >= 4
    venc_antes = f.dia_venc.copy()
    acciones = [Accion(cliente=int(c), tipo="prorroga", dias=20) for c in clientes[:-1]]
    acciones.append(Accion(cliente=int(clientes[-1]), tipo="castigar"))
    aplicar_acciones(sim, acciones)
    assert (f.dia_venc != venc_antes).sum() > 0  # las prórrogas movieron vencimientos
    sim.avanzar(90)
    aplicar_acciones(sim, [Accion(cliente=int(clientes[0]), tipo="prorroga", dias=10)])
    _comparar(sim, conteo)
