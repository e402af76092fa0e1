"""Formato de números según el escenario: moneda, separadores, porcentajes y diferencias."""

from __future__ import annotations

import math

import pytest

from simulador.config import FormatoNumeros
from simulador.formato import GUION, Formato

CLP = Formato()
USD = Formato.de(FormatoNumeros(simbolo="US$", separador_miles=",", separador_decimal=".",
                                decimales=2))


def test_moneda_con_separadores_del_escenario() -> None:
    assert CLP.dinero(1234567.4) == "$ 1.234.567"
    assert USD.dinero(1234567.456) == "US$ 1,234,567.46"
    assert CLP.dinero(-1500) == "−$ 1.500"


def test_montos_abreviados_para_tarjetas() -> None:
    assert CLP.dinero_corto(8_426_000_000) == "$ 8.426 M"
    assert CLP.dinero_corto(45_600_000) == "$ 45,6 M"
    assert CLP.dinero_corto(-12_300) == "−$ 12,3 mil"
    assert USD.dinero_corto(950) == "US$ 950.00"


def test_porcentajes_dias_y_razones() -> None:
    assert CLP.pct(12.345) == "12,3 %"
    assert USD.pct(12.345) == "12.3 %"
    assert CLP.dias(38.26) == "38,3 días"
    assert CLP.valor(0.456, "razón") == "0,46"
    assert CLP.valor(2500.0, "índice 0 a 10 000") == "2.500"


@pytest.mark.parametrize("valor", [float("nan"), None, math.inf])
def test_valores_no_definidos_son_un_guion(valor: float | None) -> None:
    assert CLP.dinero(valor) == GUION
    assert CLP.pct(valor) == GUION
    assert CLP.diferencia(valor, "días") == GUION


def test_diferencias_con_signo_y_en_puntos() -> None:
    assert CLP.diferencia(-3.21, "días") == "−3,2 días"
    assert CLP.diferencia(0.5, "%") == "+0,5 pp"
    assert CLP.diferencia(0.001, "%") == "0,0 pp"  # sin signo si redondea a cero
    assert CLP.diferencia(2_500_000, "moneda", corto=True) == "+$ 2,5 M"
    assert CLP.intervalo(-1.2, 0.4, "días", diferencia=True) == "[−1,2 días; +0,4 días]"


def test_separadores_para_plotly_y_ejes() -> None:
    assert CLP.separadores_plotly == ",."
    assert USD.separadores_plotly == ".,"
    assert CLP.sufijo_eje("moneda") == "($)"
    assert CLP.sufijo_eje("días") == "(días)"
