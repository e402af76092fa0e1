"""Cada escenario y política incluidos carga y corre (horizonte acortado para la prueba)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from simulador import calcular_kpis, cargar_escenario, cargar_politica, simular
from simulador.markov import correr_markov
from simulador.metricas import verificar_conservacion

RAIZ = Path(__file__).resolve().parents[1]
ESCENARIOS = sorted((RAIZ / "escenarios").glob("*.yaml"))
POLITICAS = sorted((RAIZ / "politicas").glob("*.yaml"))


def test_hay_al_menos_tres_escenarios_y_cinco_politicas() -> None:
    assert len(ESCENARIOS) >= 3
    assert len(POLITICAS) >= 5


@pytest.mark.parametrize("ruta", ESCENARIOS, ids=lambda p: p.name)
def test_escenario_carga_y_corre_con_cada_politica(ruta: Path) -> None:
    esc = cargar_escenario(ruta)
    assert esc.descripcion.strip(), "cada archivo incluido explica qué representa"
    if esc.modo == "markov":
        res = correr_markov(esc, 1)
        assert 0 < res.fraccion_pagada_total <= 1
        return
    corto = esc.model_copy(update={"horizonte_dias": 60, "calentamiento_dias": 30,
                                   "clientes": min(esc.clientes, 150), "shocks": ()})
    for ruta_pol in POLITICAS:
        pol = cargar_politica(ruta_pol)
        assert pol.descripcion.strip(), f"{ruta_pol.name} necesita descripción"
        res = simular(corto, pol, semilla=1, eventos=False)
        verificar_conservacion(res)
        k = calcular_kpis(res, corto)
        assert math.isfinite(k["resultado_economico"]), ruta_pol.name
        assert k["ventas_credito"] > 0, ruta_pol.name
