"""Regresión con semilla fija (no es una prueba de teoría): los indicadores de una corrida de
referencia no cambian sin que nadie lo decida.

Si un cambio del modelo es intencional, regenere las referencias con
``REGENERAR_REFERENCIAS=1 pytest tests/test_regresion_semillas.py`` y explique el cambio en el
mensaje del commit.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from simulador import calcular_kpis, cargar_escenario, cargar_politica, simular

RAIZ = Path(__file__).resolve().parents[1]
CASOS = [("pyme_distribuidora", "estandar"), ("cliente_ancla", "flexible"),
         ("pyme_distribuidora", "revision_trimestral")]


@pytest.mark.parametrize(("escenario", "politica"), CASOS)
def test_regresion_indicadores_semilla_fija(escenario: str, politica: str) -> None:
    esc = cargar_escenario(RAIZ / "escenarios" / f"{escenario}.yaml")
    esc = esc.model_copy(update={"horizonte_dias": 120, "clientes": min(esc.clientes, 300)})
    pol = cargar_politica(RAIZ / "politicas" / f"{politica}.yaml")
    kpis = calcular_kpis(simular(esc, pol, semilla=20261122, eventos=False), esc)
    archivo = Path(__file__).parent / "regresion" / f"{escenario}__{politica}.json"
    if os.environ.get("REGENERAR_REFERENCIAS") == "1" or not archivo.exists():
        archivo.write_text(json.dumps(kpis, indent=2, sort_keys=True), encoding="utf-8")
        if os.environ.get("REGENERAR_REFERENCIAS") != "1":
            pytest.fail(f"no había referencia: se escribió {archivo.name}; revísela y vuelva "
                        "a correr")
    referencia = json.loads(archivo.read_text(encoding="utf-8"))
    assert set(referencia) == set(kpis)
    for clave, valor in referencia.items():
        assert kpis[clave] == pytest.approx(valor, rel=1e-9, abs=1e-9, nan_ok=True), clave
