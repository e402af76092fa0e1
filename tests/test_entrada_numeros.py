"""Números escritos por el usuario en los campos: formato del escenario, errores y ida y vuelta."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulador.config import FormatoNumeros
from simulador.entrada_numeros import (
    FaltaNumero,
    FueraDeRango,
    NumeroInvalido,
    decimales_necesarios,
    describir_rango,
    escribir_numero,
    leer_campo,
    leer_numero,
)
from simulador.formato import Formato

ES = Formato()  # $ 1.234,5
EN = Formato.de(FormatoNumeros(simbolo="US$", separador_miles=",", separador_decimal=".",
                               decimales=2))
SUIZO = Formato.de(FormatoNumeros(simbolo="CHF", separador_miles="'", separador_decimal="."))
ESPACIO = Formato.de(FormatoNumeros(simbolo="€", separador_miles=" ", separador_decimal=","))
SIN_MILES = Formato.de(FormatoNumeros(simbolo="$", separador_miles="", separador_decimal=","))
FORMATOS = [ES, EN, SUIZO, ESPACIO, SIN_MILES]


@pytest.mark.parametrize(("texto", "valor"), [
    ("1.234,5", 1234.5),
    ("1234,5", 1234.5),
    ("1234", 1234.0),
    ("1.234.567,89", 1234567.89),
    ("0,5", 0.5),
    (",5", 0.5),
    ("  12,25 ", 12.25),
    ("-3", -3.0),
    ("−1.500", -1500.0),  # el signo menos que escribe la app
    ("$ 1.500", 1500.0),  # copiado de un resultado
    ("−$ 1.500", -1500.0),
    ("12,5 %", 12.5),
    ("1.500", 1500.0),  # con el punto de miles, 1.500 es mil quinientos
])
def test_lee_el_formato_espanol(texto: str, valor: float) -> None:
    assert leer_numero(texto, ES) == valor


@pytest.mark.parametrize(("texto", "formato", "valor"), [
    ("1,234.5", EN, 1234.5),
    ("1.5", EN, 1.5),
    ("US$ 2,000", EN, 2000.0),
    ("1'234.5", SUIZO, 1234.5),
    ("1 234,5", ESPACIO, 1234.5),
    ("1\u00a0234,5", ESPACIO, 1234.5),  # espacio duro
    ("1234,5", SIN_MILES, 1234.5),
])
def test_lee_otros_formatos(texto: str, formato: Formato, valor: float) -> None:
    assert leer_numero(texto, formato) == valor


@pytest.mark.parametrize("texto", [
    "12,3,4",    # dos comas decimales
    "1.5",       # punto decimal con formato de coma: ambiguo
    "0.50",      # lo que mostraba st.number_input
    "0.500",     # ¿quinientos o medio? ambiguo
    "1.23.456",  # grupos de miles mal formados
    "1234.567",  # miles en un lugar raro
    "5,",
    "1 234",     # espacio, pero el escenario separa miles con punto
    "1.234,5,6",
])
def test_rechaza_lo_mal_escrito_con_un_mensaje_claro(texto: str) -> None:
    with pytest.raises(NumeroInvalido) as e:
        leer_numero(texto, ES)
    assert str(e.value) == (f"«{texto}» no es un número válido: use la coma para los "
                            "decimales (por ejemplo 1.234,50)")
    assert isinstance(e.value, ValueError)


def test_mensajes_segun_el_error() -> None:
    for texto in ("doce", "1e3", "--5", "5 $ 3"):
        with pytest.raises(NumeroInvalido, match="escriba solo cifras, con la coma"):
            leer_numero(texto, ES)
    with pytest.raises(NumeroInvalido, match=r"use el punto para los decimales \(por ejemplo "
                                             r"1,234\.50\)"):
        leer_numero("1.234,5", EN)
    with pytest.raises(NumeroInvalido, match="Falta el número"):
        leer_numero("   ", ES)
    with pytest.raises(NumeroInvalido, match="demasiado largo"):
        leer_numero("9" * 50, ES)


def test_leer_campo_rango_enteros_y_vacio() -> None:
    assert leer_campo("2,5", ES, minimo=0, maximo=100) == 2.5
    assert leer_campo("", ES, vacio=True) is None
    assert leer_campo("30", ES, minimo=1, entero=True) == 30
    with pytest.raises(FueraDeRango, match="«150» está fuera del rango permitido: el valor "
                                           "debe estar entre 0 y 100"):
        leer_campo("150", ES, minimo=0, maximo=100)
    with pytest.raises(FueraDeRango, match="debe ser ≥ 0,01"):
        leer_campo("0", ES, minimo=0.01)
    with pytest.raises(NumeroInvalido, match="escriba un número entero"):
        leer_campo("2,5", ES, entero=True)
    with pytest.raises(FaltaNumero, match="Falta el número: escriba un valor entre 0 y 3"):
        leer_campo(" ", ES, minimo=0, maximo=3)


def test_escribir_numero() -> None:
    assert escribir_numero(1234.5, ES, 2) == "1.234,50"
    assert escribir_numero(0.5, ES, 2) == "0,50"
    assert escribir_numero(1234.5, EN, 2) == "1,234.50"
    assert escribir_numero(-1500, ES) == "-1.500"  # guion común: se puede editar
    assert escribir_numero(-0.001, ES, 2) == "0,00"  # sin signo si redondea a cero
    assert escribir_numero(2.5, ES, 3, recortar=True) == "2,5"
    assert escribir_numero(3.0, ES, 2, recortar=True) == "3"
    assert escribir_numero(None, ES, 2) == ""
    assert escribir_numero(math.nan, ES, 2) == ""


def test_decimales_necesarios_y_rango() -> None:
    assert decimales_necesarios(2.0, 1) == 1
    assert decimales_necesarios(1.25, 1) == 2
    assert decimales_necesarios(30, 0) == 0
    assert describir_rango(0, 100, ES) == "entre 0 y 100"
    assert describir_rango(None, 2.5, ES) == "≤ 2,5"
    assert describir_rango(None, None, ES) == ""


@given(valor=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
       decimales=st.integers(0, 4), formato=st.sampled_from(FORMATOS))
def test_ida_y_vuelta(valor: float, decimales: int, formato: Formato) -> None:
    """Escribir y volver a leer da el valor con los decimales mostrados."""
    texto = escribir_numero(valor, formato, decimales)
    assert leer_numero(texto, formato) == float(f"{valor:.{decimales}f}")
    recortado = escribir_numero(valor, formato, decimales, recortar=True)
    assert leer_numero(recortado, formato) == float(f"{valor:.{decimales}f}")


@given(valor=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
       formato=st.sampled_from(FORMATOS))
def test_con_los_decimales_necesarios_no_se_pierde_nada(valor: float, formato: Formato) -> None:
    d = decimales_necesarios(valor, 0)
    if d < 6:
        texto = escribir_numero(valor, formato, d)
        assert math.isclose(leer_numero(texto, formato), valor, rel_tol=1e-9, abs_tol=1e-9)


@given(texto=st.text(max_size=30), formato=st.sampled_from(FORMATOS))
def test_cualquier_texto_da_un_numero_o_un_error_claro(texto: str, formato: Formato) -> None:
    try:
        valor = leer_numero(texto, formato)
    except NumeroInvalido as e:
        assert str(e)  # siempre con mensaje
    else:
        assert math.isfinite(valor)
