"""Líneas de tiempo exactas de SimPy sobre una o dos facturas (carteras hechas a mano)."""

from __future__ import annotations

from fabricas import cartera, escenario, linea_de_tiempo, politica, segmento

from simulador import Simulacion
from simulador.metricas import totales_libro


def correr(esc, pol, cart):
    sim = Simulacion(escenario=esc, politica=pol, semilla=1, cartera=cart)
    return sim.resultado()


def test_factura_pagada_en_su_fecha_natural_con_recordatorio_y_llamada():
    """Emitida el día 0 a 30 días, atraso habitual 10: recordatorio el 27, llamada el 37,
    pago el 40 (las gestiones no la adelantan porque el umbral es inalcanzable)."""
    esc = escenario()
    pol = politica(seguimiento=[{"dias": -3, "accion": "recordatorio", "canal": "sms"},
                                {"dias": 7, "accion": "llamada"}])
    res = correr(esc, pol, cartera([(0, 0, 1000.0)], atraso=10))
    assert linea_de_tiempo(res.eventos) == [
        ("emision", 0), ("recordatorio", 27), ("llamada", 37), ("pago", 40),
    ]
    assert res.facturas.loc[0, "dia_cierre"] == 40
    assert res.facturas.loc[0, "estado"] == "pagada"


def test_una_gestion_con_umbral_bajo_adelanta_el_pago():
    """Con umbral de acción casi cero, el recordatorio del día 27 provoca el pago al vencer:
    la intensidad de la gestión cuenta desde dos días antes del vencimiento (día 28)."""
    pol = politica(seguimiento=[{"dias": -3, "accion": "recordatorio", "canal": "sms"}])
    res = correr(escenario(), pol, cartera([(0, 0, 1000.0)], atraso=10, umbral_accion=1e-9))
    assert linea_de_tiempo(res.eventos) == [("emision", 0), ("recordatorio", 27), ("pago", 28)]


def test_nadie_paga_y_se_castiga_a_la_edad_de_castigo():
    """Dos facturas que nunca se pagan se castigan exactamente castigo_dias después de vencer."""
    esc = escenario(horizonte_dias=200)
    pol = politica(castigo_dias=60)
    res = correr(esc, pol, cartera([(0, 0, 1000.0), (0, 10, 500.0)], atraso=10_000))
    assert linea_de_tiempo(res.eventos) == [
        ("emision", 0), ("emision", 10), ("castigo", 90), ("castigo", 100),
    ]
    t = totales_libro(res)
    assert t["castigado"] == 150_000
    assert t["cobrado"] == 0


def test_cargo_por_mora_e_interes_se_facturan_y_conservan():
    """Factura de 1.000 pagada a los 40 días con 5 días de gracia: cargo fijo de 20 el día
    36 (primer día después de la gracia) e interés del 36,5 % anual (1 por día) que se
    factura a los 30 días de mora (día 65). El cliente no es sensible a los cargos, así que
    paga en su fecha natural (día 70)."""
    esc = escenario(horizonte_dias=100, segmentos=[segmento(sensibilidad_cargos=0.0)])
    pol = politica(mora={"cargo_fijo": 20, "interes_anual_pct": 36.5, "dias_gracia": 5})
    res = correr(esc, pol, cartera([(0, 0, 1000.0)], atraso=40))
    assert linea_de_tiempo(res.eventos) == [("emision", 0), ("cargo", 36), ("pago", 70)]
    libro = res.libro.como_tabla()
    cargos = libro[libro["tipo"] == "cargo_mora"]
    interes = libro[libro["tipo"] == "interes_mora"]
    assert list(cargos["dia"]) == [36] and list(cargos["monto"]) == [20.0]
    # interés diario 1.000 x 36,5 % / 365 = 1; se factura al cumplir 30 días después de la gracia
    assert list(interes["dia"]) == [65] and list(interes["monto"]) == [30.0]
    t = totales_libro(res)
    assert t["facturado"] == t["cobrado"] + t["descontado"] + t["castigado"] + t["pendiente"]


def test_cargos_acortan_el_atraso_de_quien_es_sensible():
    """Sensibilidad 0,3 a cargos de intensidad min(1, 10 x (20/1.000 + 0,365/12)) = 0,504:
    el atraso de 40 días se acorta en 40 x 0,3 x 0,504 x 0,5 = 3,02 días: paga el día 67."""
    esc = escenario(horizonte_dias=100, segmentos=[segmento(sensibilidad_cargos=0.3)])
    pol = politica(mora={"cargo_fijo": 20, "interes_anual_pct": 36.5, "dias_gracia": 5})
    res = correr(esc, pol, cartera([(0, 0, 1000.0)], atraso=40))
    assert res.facturas.loc[0, "dia_cierre"] == 67


def test_descuento_2_10_tomado_por_quien_se_financia_barato():
    """2/10 neto 30 con costo de fondos 10 % (< 37,2 %): paga el día 9 con 2 % de descuento."""
    pol = politica(descuento={"pct": 2, "dias": 10})
    res = correr(escenario(), pol, cartera([(0, 0, 1000.0)], atraso=10, costo_fondos=0.10))
    assert linea_de_tiempo(res.eventos) == [("emision", 0), ("pago", 9)]
    libro = res.libro.como_tabla()
    assert libro.loc[libro["tipo"] == "descuento_pronto_pago", "monto"].tolist() == [20.0]
    assert libro.loc[libro["tipo"] == "pago", "monto"].tolist() == [980.0]


def test_descuento_no_lo_toma_quien_se_financia_caro():
    """Con costo de fondos 60 % (> 37,2 %) no conviene el descuento: paga en su fecha natural."""
    pol = politica(descuento={"pct": 2, "dias": 10})
    res = correr(escenario(), pol, cartera([(0, 0, 1000.0)], atraso=10, costo_fondos=0.60))
    assert linea_de_tiempo(res.eventos) == [("emision", 0), ("pago", 40)]


def test_promesa_pausa_el_seguimiento_hasta_la_fecha_prometida():
    """Llamada el día 35 con promesa segura (prob 100 %, cumple 100 %) a 1..1 días: paga el
    día 36 y el recordatorio del día 36 no llega a enviarse."""
    esc = escenario(comportamiento={"prob_promesa_pct": 100.0},
                    segmentos=[{"nombre": "unico", "participacion_pct": 100,
                                "compras_por_mes": 1.0, "monto_factura": {"media": 1000.0},
                                "atraso_medio_dias": 0.0, "prob_cumple_promesa_pct": 100,
                                "prob_dificultad_anual_pct": 0, "prob_disputa_pct": 0,
                                "prob_pago_parcial_pct": 0, "rotacion_anual_pct": 0}])
    pol = politica(seguimiento=[{"dias": 5, "accion": "llamada"},
                                {"dias": 6, "accion": "recordatorio"}],
                   promesas={"aceptar": True, "dias_max": 1})
    res = correr(esc, pol, cartera([(0, 0, 1000.0)], atraso=50))
    assert linea_de_tiempo(res.eventos) == [
        ("emision", 0), ("llamada", 35), ("promesa", 35), ("pago", 36), ("promesa_cumplida", 36),
    ]
