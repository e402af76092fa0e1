"""Pruebas de los indicadores: cada fórmula contra una cuenta hecha a mano en la prueba."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulador.config.escenario import Escenario, MontoFactura, Segmento
from simulador.metricas import (
    COLUMNAS_SEGMENTO,
    COLUMNAS_SERIE,
    MEJOR_SI_SUBE,
    NOMBRES_KPI,
    calcular_kpis,
    cei,
    costo_renunciar_descuento_efectivo_pct,
    costo_renunciar_descuento_nominal_pct,
    dso_estandar,
    dso_mejor_posible,
    dso_recuento,
    hhi,
    kpis_por_segmento,
    participacion_top,
    serie_mensual,
    tasas_traspaso,
    totales_libro,
    verificar_conservacion,
)
from simulador.metricas.calendario import meses
from simulador.metricas.kpis import pct_pagado_a_tiempo
from simulador.resultado import (
    COD,
    TIPOS_COSTO,
    Costos,
    Libro,
    ResultadoCorrida,
    Series,
)

NAN = float("nan")


# --- constructores de datos a mano ---------------------------------------------------------------

def _escenario(horizonte: int, calentamiento: int) -> Escenario:
    def seg(nombre: str) -> Segmento:
        return Segmento(nombre=nombre, participacion_pct=50, compras_por_mes=1,
                        monto_factura=MontoFactura(media=100), atraso_medio_dias=5)

    return Escenario(nombre="prueba", fecha_inicio=dt.date(2026, 1, 1), horizonte_dias=horizonte,
                     calentamiento_dias=calentamiento, margen_bruto_pct=25,
                     costo_capital_anual_pct=12, clientes=2, segmentos=(seg("A"), seg("B")))


def _libro(filas: list[tuple[int, int, int, str, float]]) -> Libro:
    """filas: (dia, cliente, factura, tipo, monto en moneda)."""
    return Libro(
        dia=np.array([f[0] for f in filas], dtype=np.int32),
        cliente=np.array([f[1] for f in filas], dtype=np.int32),
        factura=np.array([f[2] for f in filas], dtype=np.int64),
        tipo=np.array([COD[f[3]] for f in filas], dtype=np.int8),
        centavos=np.array([round(f[4] * 100) for f in filas], dtype=np.int64),
    )


def _costos(filas: list[tuple[int, int, str, float]]) -> Costos:
    """filas: (dia, cliente, tipo, monto en moneda)."""
    return Costos(
        dia=np.array([f[0] for f in filas], dtype=np.int32),
        cliente=np.array([f[1] for f in filas], dtype=np.int32),
        tipo=np.array([TIPOS_COSTO.index(f[2]) for f in filas], dtype=np.int8),
        centavos=np.array([round(f[3] * 100) for f in filas], dtype=np.int64),
    )


def _tramo(dias_atraso: int) -> int:
    if dias_atraso <= 0:
        return 0
    return 1 if dias_atraso <= 30 else 2 if dias_atraso <= 60 else 3 if dias_atraso <= 90 else 4


def _poner(cartera: np.ndarray, desde: int, hasta: int, monto: float, vencimiento: int) -> None:
    """Suma ``monto`` al tramo que corresponde en cada día de [desde, hasta] (inclusive)."""
    for d in range(desde, hasta + 1):
        cartera[d, _tramo(d - vencimiento)] += monto


def _series(cartera: np.ndarray, inicial: list[float], libro: Libro) -> Series:
    h = cartera.shape[0]
    ventas = np.zeros(h)
    cobrado = np.zeros(h)
    for d, t, c in zip(libro.dia, libro.tipo, libro.centavos, strict=True):
        if 0 <= d < h and t == COD["factura"]:
            ventas[d] += c / 100
        if 0 <= d < h and t in (COD["pago"], COD["pago_parcial"]):
            cobrado[d] += c / 100
    return Series(cartera_por_tramo=cartera, cobrado=cobrado, ventas_credito=ventas,
                  facturas_abiertas=np.zeros(h, dtype=np.int64),
                  cartera_inicial_por_tramo=np.array(inicial, dtype=float),
                  cola_llamadas=np.zeros(h, dtype=np.int64))


COLUMNAS_FACTURAS = [
    "factura", "cliente", "segmento", "dia_emision", "dia_vencimiento", "monto", "descuento",
    "cargos", "cargos_cobrados", "cargos_condonados", "cobrado", "castigado_principal",
    "castigado_cargos", "dia_cierre", "estado", "disputada", "con_descuento", "dia_castigo",
]


@pytest.fixture
def caso_chico() -> tuple[ResultadoCorrida, Escenario]:
    """2 clientes, 5 facturas, H = 60 días desde el 1-ene-2026, 30 días de calentamiento.

    Días 0..30 = enero (31 días), 31..58 = febrero (28), 59 = 1 de marzo (1 día).
    F1 (cliente 1, A): emitida -10 por 1000, vence 20; cargo 10 el día 22; paga 1010 el día 25.
    F2 (cliente 1, A): emitida 5 por 2000, vence 35; descuento 40 y pago 1960 el día 12.
    F3 (cliente 2, B): emitida 10 por 3000, vence 40; cargo 30 el 45, condonado el 48;
        pago parcial 1000 el 50; queda abierta con 2000.
    F4 (cliente 2, B): emitida -20 por 500, vence 10; cargo 5 el 15; castigo 505 el 55.
    F5 (cliente 1, A): emitida 58 por 400, vence 88; abierta.
    """
    libro = _libro([
        (-20, 2, 4, "factura", 500), (-10, 1, 1, "factura", 1000),
        (5, 1, 2, "factura", 2000), (10, 2, 3, "factura", 3000),
        (12, 1, 2, "descuento_pronto_pago", 40), (12, 1, 2, "pago", 1960),
        (15, 2, 4, "cargo_mora", 5), (22, 1, 1, "cargo_mora", 10), (25, 1, 1, "pago", 1010),
        (45, 2, 3, "cargo_mora", 30), (48, 2, 3, "condonacion", 30),
        (50, 2, 3, "pago_parcial", 1000), (55, 2, 4, "castigo", 505),
        (58, 1, 5, "factura", 400),
    ])
    cartera = np.zeros((60, 5))
    _poner(cartera, 0, 21, 1000, 20)
    _poner(cartera, 22, 24, 1010, 20)  # F1
    _poner(cartera, 5, 11, 2000, 35)  # F2
    _poner(cartera, 10, 44, 3000, 40)
    _poner(cartera, 45, 47, 3030, 40)
    _poner(cartera, 48, 49, 3000, 40)
    _poner(cartera, 50, 59, 2000, 40)  # F3
    _poner(cartera, 0, 14, 500, 10)
    _poner(cartera, 15, 54, 505, 10)  # F4
    _poner(cartera, 58, 59, 400, 88)  # F5
    # Suma diaria de la cartera (para la cartera promedio), factura por factura:
    # F1 22x1000 + 3x1010 = 25 030; F4 15x500 + 40x505 = 27 700; F2 7x2000 = 14 000;
    # F3 35x3000 + 3x3030 + 2x3000 + 10x2000 = 140 090; F5 2x400 = 800; total 207 620.
    assert cartera.sum() == pytest.approx(207_620)
    n = math.nan
    facturas = pd.DataFrame([
        [1, 1, "A", -10, 20, 1000, 0, 10, 10, 0, 1010, 0, 0, 25, "pagada", False, False, n],
        [2, 1, "A", 5, 35, 2000, 40, 0, 0, 0, 1960, 0, 0, 12, "pagada", False, True, n],
        [3, 2, "B", 10, 40, 3000, 0, 30, 0, 30, 1000, 0, 0, n, "abierta", True, False, n],
        [4, 2, "B", -20, 10, 500, 0, 5, 0, 0, 0, 500, 5, 55, "castigada", False, False, 55],
        [5, 1, "A", 58, 88, 400, 0, 0, 0, 0, 0, 0, 0, n, "abierta", False, False, n],
    ], columns=COLUMNAS_FACTURAS)
    res = ResultadoCorrida(
        horizonte_dias=60,
        libro=libro,
        costos=_costos([
            (-5, 1, "email", 0.05),  # calentamiento: no cuenta
            (19, 1, "email", 0.05), (21, 1, "llamada", 2.50), (41, 2, "carta", 2.00),
            (42, 2, "sms", 0.10), (45, 2, "llamada", 5.00),
            (50, 2, "comision_agencia", 250.00), (52, 2, "legal", 500.00),
        ]),
        series=_series(cartera, [1500, 0, 0, 0, 0], libro),
        facturas=facturas,
        clientes=pd.DataFrame({"cliente": [1, 2], "segmento": ["A", "B"]}),
        eventos=pd.DataFrame(columns=["dia", "cliente", "factura", "tipo", "detalle"]),
        ventas_perdidas={"rechazo": 100.0, "bloqueo": 200.0, "rotacion": 300.0},
        ventas_contado=600.0,
        pendiente_centavos=240_000,  # F3 2000 + F5 400
    )
    return res, _escenario(60, 30)


# --- fórmulas ------------------------------------------------------------------------------------

def test_dso_estandar_y_mejor_posible() -> None:
    # 2400 de cartera, 5400 vendidos en 60 días: 2400 / 5400 x 60 = 26,67 días
    assert dso_estandar(2400, 5400, 60) == pytest.approx(2400 / 5400 * 60)
    assert dso_mejor_posible(400, 5400, 60) == pytest.approx(4.4444, abs=1e-4)
    assert math.isnan(dso_estandar(100, 0, 30))


def test_dso_recuento_tres_meses() -> None:
    # Cartera 250; ventas ene 90 (31 d), feb 120 (28 d), mar 100 (31 d).
    # mar: 100 <= 250 -> quedan 150, 31 días
    # feb: 120 <= 150 -> quedan 30, 31 + 28 = 59 días
    # ene: 90 > 30   -> 30 / 90 x 31 = 10,333 -> 69,333 días
    assert dso_recuento(250, [90, 120, 100], [31, 28, 31]) == pytest.approx(59 + 31 / 3)
    # Cartera igual a un mes entero: exactamente los días de ese mes.
    assert dso_recuento(100, [90, 120, 100], [31, 28, 31]) == pytest.approx(31)
    # Menos que el último mes: la fracción de ese mes.
    assert dso_recuento(50, [90, 120, 100], [31, 28, 31]) == pytest.approx(15.5)
    assert dso_recuento(0, [90], [31]) == 0.0


def test_dso_recuento_mas_alla_de_la_historia() -> None:
    # 500 de cartera, dos meses de 100 en 30 días: quedan 300 tras 60 días;
    # venta diaria media 200 / 60 -> 300 / (200/60) = 90 días más -> 150.
    assert dso_recuento(500, [100, 100], [30, 30]) == pytest.approx(150)
    assert math.isnan(dso_recuento(500, [0, 0], [30, 30]))


def test_cei_a_mano() -> None:
    # inicial 1000, ventas 3000 en 3 meses (1000 por mes), final 1200, corriente final 900:
    # (1000 + 1000 - 1200) / (1000 + 1000 - 900) = 800 / 1100 = 72,73 %
    assert cei(1000, 3000, 3, 1200, 900) == pytest.approx(800 / 1100 * 100)
    # Si todo lo que queda es corriente, la efectividad es 100 %.
    assert cei(1000, 3000, 3, 1200, 1200) == pytest.approx(100)


def test_hhi_y_participaciones_a_mano() -> None:
    # participaciones 50 %, 30 %, 20 %: 50² + 30² + 20² = 2500 + 900 + 400 = 3800
    assert hhi([50, 30, 20]) == pytest.approx(3800)
    assert hhi([7]) == pytest.approx(10_000)
    assert hhi([1, 1, 1, 1]) == pytest.approx(2500)
    assert participacion_top([20, 50, 30], 1) == pytest.approx(50)
    assert participacion_top([20, 50, 30], 2) == pytest.approx(80)
    # 7 clientes: 30, 20, 15, 10, 10, 10, 5 (total 100) -> top 5 = 85 %
    assert participacion_top([10, 30, 5, 20, 10, 15, 10], 5) == pytest.approx(85)
    assert math.isnan(hhi([0, 0]))


@given(st.lists(st.floats(min_value=0.01, max_value=1e9), min_size=1, max_size=50))
def test_hhi_entre_equirreparto_y_monopolio(valores: list[float]) -> None:
    h = hhi(valores)
    assert 10_000 / len(valores) - 1e-6 <= h <= 10_000 + 1e-6
    assert participacion_top(valores, 1) <= participacion_top(valores, 5) <= 100 + 1e-9


def test_tasas_traspaso_serie_construida() -> None:
    cartera = np.zeros((90, 5))
    cartera[29] = [1000, 200, 100, 50, 10]
    cartera[59] = [1200, 300, 80, 40, 30]
    cartera[89] = [900, 360, 150, 60, 70]
    cartera[30] = [1e6, 1e6, 1e6, 1e6, 1e6]  # no es una foto: no debe influir
    # corriente -> 1-30:  (300 + 360) / (1000 + 1200) = 660 / 2200 = 0,3
    # 1-30 -> 31-60:      (80 + 150) / (200 + 300)    = 230 / 500  = 0,46
    # 31-60 -> 61-90:     (40 + 60) / (100 + 80)      = 100 / 180
    # 61-90 -> 91+:       (30 + 70) / (50 + 40)       = 100 / 90
    esperado = [0.3, 0.46, 100 / 180, 100 / 90]
    assert tasas_traspaso(cartera) == pytest.approx(esperado)
    assert np.isnan(tasas_traspaso(np.ones((40, 5)))).all()  # una sola foto (día 29)


def test_costo_de_renunciar_al_descuento_2_10_neto_30() -> None:
    # d = 0,02: d/(1-d) = 0,020408; 365 / 20 = 18,25
    # nominal 0,020408 x 18,25 = 37,24 %; efectivo 1,020408^18,25 - 1 = 44,6 %
    assert round(costo_renunciar_descuento_nominal_pct(2, 10, 30), 2) == 37.24
    assert round(costo_renunciar_descuento_efectivo_pct(2, 10, 30), 1) == 44.6


def test_pagado_a_tiempo_incluye_el_dia_del_vencimiento() -> None:
    n = NAN
    fac = pd.DataFrame({
        "dia_vencimiento": [10, 10, 10, 10, 70, -5],
        "dia_cierre": [10, 11, n, 3, 40, -6],
        "estado": ["pagada", "pagada", "abierta", "castigada", "pagada", "pagada"],
    })
    # cuentan las 4 que vencen en [0, 60); a tiempo: la pagada el mismo día 10 -> 1 / 4
    assert pct_pagado_a_tiempo(fac, 60) == pytest.approx(25)


def test_meses_parciales() -> None:
    lista = meses(dt.date(2026, 1, 1), -30, 60)
    assert [(m.etiqueta, m.dia_inicio, m.dia_fin, m.dias) for m in lista] == [
        ("2025-12", -30, -1, 30), ("2026-01", 0, 30, 31),
        ("2026-02", 31, 58, 28), ("2026-03", 59, 59, 1),
    ]


# --- calcular_kpis sobre el caso chico -----------------------------------------------------------

def test_calcular_kpis_caso_chico(caso_chico: tuple[ResultadoCorrida, Escenario]) -> None:
    res, esc = caso_chico
    k = calcular_kpis(res, esc)
    costo_fin = 0.12 * (207_620 / 60) * 60 / 365  # tasa x cartera media x días / 365
    costo_cob = 0.05 + 0.10 + 2.00 + 7.50 + 250.00 + 500.00  # sin el correo del calentamiento
    esperado = {
        # ventas a crédito del horizonte: F2 2000 + F3 3000 + F5 400
        "ventas_credito": 5400, "ventas_contado": 600, "ventas_totales": 6000,
        "ventas_perdidas_rechazo": 100, "ventas_perdidas_bloqueo": 200,
        "ventas_perdidas_rotacion": 300, "ventas_perdidas": 600, "margen_perdido": 150,
        # cartera inicial: F1 1000 + F4 500, corrientes; final: F5 400 corriente, F3 2000 a 19 días
        "cartera_inicial": 1500, "cartera_final": 2400, "cartera_corriente": 400,
        "cartera_1_30": 2000, "cartera_31_60": 0, "cartera_61_90": 0, "cartera_91_mas": 0,
        "cartera_promedio": 207_620 / 60, "pct_cartera_corriente": 400 / 2400 * 100,
        "dso": 2400 / 5400 * 60,
        # recuento: mar (1 d, 0) -> 1 d; feb (28 d, 400) -> quedan 2000, 29 d;
        # ene (31 d, 5000 > 2000) -> 2000/5000 x 31 = 12,4 -> 41,4 días
        "dso_recuento": 41.4,
        "dso_mejor_posible": 400 / 5400 * 60, "dias_atraso_promedio": 2000 / 5400 * 60,
        # N = 3 meses: (1500 + 1800 - 2400) / (1500 + 1800 - 400) = 900 / 2900
        "cei": 900 / 2900 * 100,
        # fotos día 29 [3000, 505, 0, 0, 0] y día 59 [400, 2000, 0, 0, 0]
        "roll_corriente_1_30": 2000 / 3000, "roll_1_30_31_60": 0.0,
        "roll_31_60_61_90": NAN, "roll_61_90_91": NAN,
        "cobrado": 1960 + 1010 + 1000,
        # vencen en el horizonte F1, F2, F3, F4; solo F2 pagada a tiempo -> 25 %
        "pct_pagado_a_tiempo": 25.0,
        # emitidas en el horizonte F2, F3, F5; con descuento F2 -> 33,3 %
        "pct_pagado_con_descuento": 100 / 3,
        "castigado": 505, "castigado_principal": 500, "incobrables_pct": 500 / 5400 * 100,
        "costo_descuentos": 40, "descuentos_total": 70, "cargos_cobrados": 10,
        "costo_email": 0.05, "costo_sms": 0.10, "costo_carta": 2.00, "costo_llamada": 7.50,
        "costo_agencia": 250.00, "costo_legal": 500.00, "costo_cobranza": costo_cob,
        "costo_financiero": costo_fin,
        "margen_bruto": 1500,
        "resultado_economico": 1500 - 40 - 500 - costo_cob - costo_fin + 10,
        # ventas por cliente: 1 -> 2400, 2 -> 3000: (2400² + 3000²) / 5400² x 10 000
        "hhi_ventas": (2400**2 + 3000**2) / 5400**2 * 10_000,
        "top1_ventas_pct": 3000 / 5400 * 100, "top5_ventas_pct": 100,
        # cartera por cliente: 1 -> 400, 2 -> 2000
        "hhi_cartera": (400**2 + 2000**2) / 2400**2 * 10_000,
        "top1_cartera_pct": 2000 / 2400 * 100, "top5_cartera_pct": 100,
        # libro completo: facturas 6900 + cargos 45; cobrado 3970; descuento 40 + condonación 30
        "facturado": 6945, "cobrado_total": 3970, "descuentos": 70, "castigado_total": 505,
        "pendiente": 2400, "conservacion_ok": 1.0,
    }
    assert list(k) == list(NOMBRES_KPI)
    assert set(esperado) == set(k)
    for clave, valor in esperado.items():
        if math.isnan(valor):
            assert math.isnan(k[clave]), clave
        else:
            assert k[clave] == pytest.approx(valor, rel=1e-12, abs=1e-9), clave


def test_dso_recuento_usa_la_historia_del_calentamiento(
    caso_chico: tuple[ResultadoCorrida, Escenario],
) -> None:
    res, esc = caso_chico
    cartera = res.series.cartera_por_tramo.copy()
    cartera[-1] = [400, 6600, 0, 0, 0]  # cartera final 7000 > 5400 vendidos en el horizonte
    series = dataclasses.replace(res.series, cartera_por_tramo=cartera)
    res = dataclasses.replace(res, series=series)
    # mar 0 -> 1 d; feb 400 -> quedan 6600, 29 d; ene 5000 -> quedan 1600, 60 d;
    # dic (calentamiento, 30 d, 1500) -> quedan 100, 90 d; sin más historia: venta diaria media
    # (1500 + 5000 + 400 + 0) / 90 = 76,67 -> 100 / 76,67 = 1,304 -> 91,304 días
    assert calcular_kpis(res, esc)["dso_recuento"] == pytest.approx(90 + 100 / (6900 / 90))


def test_conservacion(caso_chico: tuple[ResultadoCorrida, Escenario]) -> None:
    res, esc = caso_chico
    assert totales_libro(res) == {
        "facturado": 694_500, "cobrado": 397_000, "descontado": 7_000, "castigado": 50_500,
        "saldo_libro": 240_000, "pendiente": 240_000, "diferencia": 0,
    }
    verificar_conservacion(res)
    roto = dataclasses.replace(res, pendiente_centavos=240_001)
    with pytest.raises(AssertionError, match="diferencia -1 centavos"):
        verificar_conservacion(roto)
    assert calcular_kpis(roto, esc)["conservacion_ok"] == 0.0


def test_kpis_por_segmento(caso_chico: tuple[ResultadoCorrida, Escenario]) -> None:
    res, esc = caso_chico
    tabla = kpis_por_segmento(res, esc).set_index("segmento")
    assert list(tabla.reset_index().columns) == list(COLUMNAS_SEGMENTO)
    a, b = tabla.loc["A"], tabla.loc["B"]
    # A (cliente 1): F1, F2, F5. Suma diaria de cartera 25 030 + 14 000 + 800 = 39 830.
    cf_a, cf_b = 0.12 * 39_830 / 365, 0.12 * 167_790 / 365  # B: 27 700 + 140 090
    esperado_a = {
        "clientes": 1, "ventas_credito": 2400, "participacion_ventas_pct": 2400 / 5400 * 100,
        "cobrado": 2970, "cartera_final": 400, "participacion_cartera_pct": 400 / 2400 * 100,
        "cartera_promedio": 39_830 / 60, "dso": 400 / 2400 * 60, "castigado_principal": 0,
        "incobrables_pct": 0, "pct_pagado_a_tiempo": 50, "pct_pagado_con_descuento": 50,
        "atraso_medio_pagadas_dias": (5 - 23) / 2, "costo_descuentos": 40, "cargos_cobrados": 10,
        "costo_cobranza": 2.55, "costo_financiero": cf_a, "margen_bruto_credito": 600,
        "resultado_credito": 600 - 40 - 2.55 - cf_a + 10,
    }
    esperado_b = {
        "clientes": 1, "ventas_credito": 3000, "cobrado": 1000, "cartera_final": 2000,
        "cartera_promedio": 167_790 / 60, "dso": 40, "castigado_principal": 500,
        "incobrables_pct": 500 / 3000 * 100, "pct_pagado_a_tiempo": 0,
        "pct_pagado_con_descuento": 0, "costo_descuentos": 0, "cargos_cobrados": 0,
        "costo_cobranza": 757.10, "costo_financiero": cf_b, "margen_bruto_credito": 750,
        "resultado_credito": 750 - 500 - 757.10 - cf_b,
    }
    for fila, esperado in ((a, esperado_a), (b, esperado_b)):
        for clave, valor in esperado.items():
            assert fila[clave] == pytest.approx(valor, abs=1e-9), clave
    assert tabla["atraso_medio_pagadas_dias"].isna().tolist() == [False, True]  # B no pagó nada
    k = calcular_kpis(res, esc)
    for col in ("ventas_credito", "cobrado", "cartera_final", "cartera_promedio",
                "costo_cobranza", "costo_financiero", "castigado_principal"):
        assert tabla[col].sum() == pytest.approx(k[col]), col


def test_serie_mensual(caso_chico: tuple[ResultadoCorrida, Escenario]) -> None:
    res, esc = caso_chico
    s = serie_mensual(res, esc)
    assert list(s.columns) == list(COLUMNAS_SERIE)
    assert list(s["mes"]) == ["2026-01", "2026-02", "2026-03"]
    assert list(s["dias"]) == [31, 28, 1]
    assert list(s["ventas"]) == pytest.approx([5000, 400, 0])
    assert list(s["cobrado"]) == pytest.approx([2970, 1000, 0])
    # cierre de enero (día 30): F4 505 a 20 días, F3 3000 corriente
    # cierre de febrero (día 58): F5 400 corriente, F3 2000 a 18 días (F4 castigada el 55)
    assert list(s["cartera_total"]) == pytest.approx([3505, 2400, 2400])
    assert list(s["cartera_corriente"]) == pytest.approx([3000, 400, 400])
    assert list(s["cartera_1_30"]) == pytest.approx([505, 2000, 2000])
    # DSO del mes: ene 3505 / 5000 x 31; feb 2400 / 400 x 28 = 168; mar sin ventas -> nan
    assert s["dso"][0] == pytest.approx(3505 / 5000 * 31)
    assert s["dso"][1] == pytest.approx(168)
    assert math.isnan(s["dso"][2])
    # recuento feb: 400 -> quedan 2000, 28 d; ene 5000 > 2000 -> 2000/5000 x 31 = 12,4 -> 40,4
    assert list(s["dso_recuento"]) == pytest.approx([3505 / 5000 * 31, 40.4, 41.4])


# --- caso determinista: todos pagan d días después de emitir -------------------------------------

def test_dso_determinista_igual_a_d() -> None:
    s, d, h = 100.0, 20, 90  # 90 días = ene 31 + feb 28 + mar 31
    filas: list[tuple[int, int, int, str, float]] = []
    facturas = []
    for t in range(-30, h):  # una factura por día, vence a 30 días, se paga a los d días
        filas.append((t, 1, t + 100, "factura", s))
        pagada = t + d < h
        if pagada:
            filas.append((t + d, 1, t + 100, "pago", s))
        facturas.append([t + 100, 1, "A", t, t + 30, s, 0, 0, 0, 0, s if pagada else 0, 0, 0,
                         t + d if pagada else NAN, "pagada" if pagada else "abierta",
                         False, False, NAN])
    libro = _libro(filas)
    # al cierre de cada día están abiertas las facturas de los últimos d días: s x d, corrientes
    cartera = np.tile([s * d, 0, 0, 0, 0], (h, 1)).astype(float)
    res = ResultadoCorrida(
        horizonte_dias=h, libro=libro, costos=_costos([]),
        series=_series(cartera, [s * d, 0, 0, 0, 0], libro),
        facturas=pd.DataFrame(facturas, columns=COLUMNAS_FACTURAS),
        clientes=pd.DataFrame({"cliente": [1], "segmento": ["A"]}),
        eventos=pd.DataFrame(), ventas_perdidas={}, ventas_contado=0.0,
        pendiente_centavos=round(s * d * 100),
    )
    esc = _escenario(h, 30)
    k = calcular_kpis(res, esc)
    assert k["dso"] == pytest.approx(d)
    assert k["dso_recuento"] == pytest.approx(d)
    assert k["dso_mejor_posible"] == pytest.approx(d)
    assert k["dias_atraso_promedio"] == pytest.approx(0)
    assert k["cei"] == pytest.approx(100)
    assert k["pct_pagado_a_tiempo"] == pytest.approx(100)
    assert k["costo_financiero"] == pytest.approx(0.12 * s * d * h / 365)
    assert k["conservacion_ok"] == 1.0
    serie = serie_mensual(res, esc)
    assert list(serie["dso"]) == pytest.approx([d, d, d])
    assert list(serie["dso_recuento"]) == pytest.approx([d, d, d])


# --- nombres y sentido ---------------------------------------------------------------------------

def test_nombres_y_sentido() -> None:
    assert set(MEJOR_SI_SUBE) <= set(NOMBRES_KPI)
    assert MEJOR_SI_SUBE["cei"] is True
    assert MEJOR_SI_SUBE["dso"] is False
    assert MEJOR_SI_SUBE["resultado_economico"] is True
    for clave, (nombre, unidad) in NOMBRES_KPI.items():
        assert nombre and unidad, clave
        assert clave.isascii() and clave == clave.lower()
