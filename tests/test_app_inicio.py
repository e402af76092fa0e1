"""AppTest de la página de inicio y de la navegación (incluidas las páginas de capacitación)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from utiles_app import ir

APP = str(Path(__file__).resolve().parents[1] / "app.py")



def test_inicio_explica_y_muestra_los_tres_caminos() -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Simulador de Cobranza"
    textos = " ".join(s.value for s in at.subheader)
    for camino in ("Probar una política", "Capacitación", "Trabajar con archivos"):
        assert camino in textos
    assert "caja" in at.markdown[0].value and "DSO" in at.markdown[0].value


@pytest.mark.parametrize("url", ["escenario", "comparar", "sensibilidad", "clientes", "informe",
                                 "sala", "panel", "tarjetas"])
def test_cada_pagina_abre_sin_error(url: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    ir(at, url).run()
    assert not at.exception
    assert at.title, f"la página {url} no tiene título"
