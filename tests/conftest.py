"""Fixtures compartidas por varias pruebas."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from simulador import aplicar_delta, cargar_escenario, cargar_politica, comparar
from simulador.experimentos import Comparacion

sys.path.insert(0, str(Path(__file__).parent))  # para ``from fabricas import ...``


@pytest.fixture(scope="session")
def comparacion_chica() -> Comparacion:
    """Base, una alternativa con descuento 2/10 y una copia idéntica de la base («Igual»)."""
    raiz = Path(__file__).resolve().parents[1]
    esc = aplicar_delta(cargar_escenario(raiz / "escenarios" / "pyme_distribuidora.yaml"),
                        {"clientes": 120, "horizonte_dias": 90, "calentamiento_dias": 30})
    base = cargar_politica(raiz / "politicas" / "actual_laxa.yaml")
    descuento = aplicar_delta(base, {"nombre": "Descuento", "descuento": {"pct": 2, "dias": 10}})
    igual = base.model_copy(update={"nombre": "Igual"})
    return comparar(esc, [base, descuento, igual], replicas=3, semilla=1, detalle=True)
