"""Réplicas apiladas: cada réplica de un lote da exactamente lo mismo que corrida sola.

Es lo que permite apilar réplicas por velocidad sin cambiar ningún número: el libro, los costos,
las tablas de facturas y clientes, los eventos, las series y los datos de la mesa de cada réplica
deben ser idénticos, bajo políticas que usan llamadas, promesas, planes, escalada y cambios con
fecha.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulador import cargar_escenario, cargar_politica
from simulador.experimentos.replicas import Tarea, agrupar, correr_tarea, correr_tareas
from simulador.motor.cartera import _destinos_por_dia
from simulador.motor.modelo import simular, simular_lote
from simulador.resultado import ResultadoCorrida

RAIZ = Path(__file__).resolve().parents[1]


def _escenario(nombre: str = "pyme_distribuidora"):
    esc = cargar_escenario(RAIZ / "escenarios" / f"{nombre}.yaml")
    return esc.model_copy(update={"clientes": 250, "horizonte_dias": 200,
                                  "calentamiento_dias": 60})


def _iguales(a: ResultadoCorrida, b: ResultadoCorrida) -> None:
    for campo in ("dia", "cliente", "factura", "tipo", "centavos"):
        assert np.array_equal(getattr(a.libro, campo), getattr(b.libro, campo)), campo
    for campo in ("dia", "cliente", "tipo", "centavos"):
        assert np.array_equal(getattr(a.costos, campo), getattr(b.costos, campo)), campo
    pd.testing.assert_frame_equal(a.facturas, b.facturas)
    pd.testing.assert_frame_equal(a.clientes, b.clientes)
    pd.testing.assert_frame_equal(a.eventos, b.eventos)
    for campo in ("cartera_por_tramo", "cobrado", "ventas_credito", "facturas_abiertas",
                  "cartera_inicial_por_tramo", "cola_llamadas"):
        assert np.array_equal(getattr(a.series, campo), getattr(b.series, campo)), campo
    assert a.ventas_perdidas == b.ventas_perdidas
    assert a.ventas_contado == b.ventas_contado
    assert a.pendiente_centavos == b.pendiente_centavos
    assert a.extra == b.extra


@pytest.mark.parametrize("politica", ["estandar", "flexible", "revision_trimestral",
                                      "kill_bill_estados_mora", "estricta"])
def test_cada_replica_del_lote_es_igual_a_la_corrida_sola(politica: str) -> None:
    esc = _escenario()
    pol = cargar_politica(RAIZ / "politicas" / f"{politica}.yaml")
    lote = simular_lote(esc, pol, semilla=9, replicas=(0, 3, 5), eventos=True)
    assert len(lote) == 3
    for r, res in zip((0, 3, 5), lote, strict=True):
        _iguales(res, simular(esc, pol, semilla=9, replica=r, eventos=True))
    # el lote no es trivial: las réplicas difieren entre sí
    assert not lote[0].facturas["monto"].equals(lote[1].facturas["monto"])


def test_lote_con_cliente_ancla_y_recesion() -> None:
    for nombre in ("cliente_ancla", "recesion_mitad_de_anio"):
        esc = _escenario(nombre)
        pol = cargar_politica(RAIZ / "politicas" / "estandar.yaml")
        lote = simular_lote(esc, pol, semilla=2, replicas=(1, 2), eventos=True)
        _iguales(lote[1], simular(esc, pol, semilla=2, replica=2, eventos=True))


def test_agrupar_en_lotes_no_cambia_los_resultados() -> None:
    esc = _escenario()
    pol = cargar_politica(RAIZ / "politicas" / "estandar.yaml")
    tareas = [Tarea(esc, pol, 4, r) for r in range(5)] + [Tarea(esc, pol, 4, r) for r in range(2)]
    trabajos = agrupar(tareas, 2)
    assert sum(len(getattr(t, "replicas", (0,))) for t in trabajos) == len(tareas)
    agrupadas = correr_tareas(tareas, trabajadores=1)
    for t, c in zip(tareas, agrupadas, strict=True):
        sola = correr_tarea(t)
        assert c.replica == sola.replica
        assert c.kpis == pytest.approx(sola.kpis, nan_ok=True)


@settings(deadline=None, max_examples=50)
@given(st.integers(0, 2**32 - 1), st.integers(2, 5))
def test_destinos_por_dia_es_el_orden_estable(semilla: int, replicas: int) -> None:
    """Cada compra va al lugar que le da ordenar todas juntas por día, de forma estable."""
    rng = np.random.default_rng(semilla)
    dias = [np.sort(rng.integers(-10, 10, rng.integers(0, 30))).astype(np.int32)
            for _ in range(replicas)]
    destinos = _destinos_por_dia(dias)
    orden = np.argsort(np.concatenate(dias), kind="stable")
    lugar = np.empty_like(orden)
    lugar[orden] = np.arange(orden.size)
    np.testing.assert_array_equal(np.concatenate(destinos), lugar)
    with pytest.raises(ValueError, match="ordenadas por día"):
        _destinos_por_dia([np.array([3, 1], np.int32), np.array([0], np.int32)])
