"""El camino recortado de los experimentos da los mismos indicadores que el resultado completo.

``resultados_para_indicadores`` no arma las tablas de facturas y clientes (toma las columnas de
los indicadores directo del estado); los indicadores, la tabla por segmento y las series tienen que
ser idénticos a los que salen de ``construir_resultados``.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulador import cargar_escenario, cargar_politica
from simulador.experimentos.replicas import _resumir_corrida
from simulador.metricas.kpis import ColumnasFacturas
from simulador.motor.cierre import construir_resultados, resultados_para_indicadores
from simulador.motor.modelo import Simulacion

RAIZ = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("escenario", "politica"), [
    ("pyme_distribuidora", "estricta"), ("cliente_ancla", "flexible"),
    ("recesion_mitad_de_anio", "revision_trimestral"),
])
def test_mismos_indicadores_que_el_resultado_completo(escenario: str, politica: str) -> None:
    esc = cargar_escenario(RAIZ / "escenarios" / f"{escenario}.yaml")
    esc = esc.model_copy(update={"clientes": min(esc.clientes, 300), "horizonte_dias": 240})
    pol = cargar_politica(RAIZ / "politicas" / f"{politica}.yaml")

    def simulacion() -> Simulacion:
        sim = Simulacion(escenario=esc, politica=pol, semilla=4, replicas=(0, 2, 5),
                         eventos=False)
        sim.correr()
        return sim

    completos = construir_resultados(simulacion())
    recortados = resultados_para_indicadores(simulacion())
    assert len(completos) == len(recortados) == 3
    for r, (completo, (recortado, columnas, codigos)) in enumerate(zip(completos, recortados,
                                                                         strict=True)):
        esperadas = ColumnasFacturas.de(completo.facturas)
        for campo in fields(ColumnasFacturas):
            np.testing.assert_array_equal(getattr(columnas, campo.name),
                                          getattr(esperadas, campo.name))
        a = _resumir_corrida(esc, r, completo, False)
        b = _resumir_corrida(esc, r, recortado, False, columnas, codigos)
        assert a.kpis.keys() == b.kpis.keys()
        for k in a.kpis:
            assert a.kpis[k] == b.kpis[k] or (np.isnan(a.kpis[k]) and np.isnan(b.kpis[k])), k
        pd.testing.assert_frame_equal(pd.DataFrame(a.por_segmento), pd.DataFrame(b.por_segmento))
        np.testing.assert_array_equal(a.cartera_por_tramo, b.cartera_por_tramo)
        np.testing.assert_array_equal(a.cobrado, b.cobrado)
