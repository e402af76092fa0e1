"""Cada palanca mueve su indicador en la dirección documentada (docs/modelo.md), sobre un
escenario construido para ella y con números aleatorios comunes (diferencias pareadas)."""

from __future__ import annotations

import pytest
from fabricas import escenario, politica, segmento

from simulador import simular
from simulador.experimentos import comparar

pytestmark = pytest.mark.lento

REPLICAS = 3


def esc(**cambios):
    base = {"clientes": 200, "horizonte_dias": 180, "calentamiento_dias": 45,
            "segmentos": [segmento(atraso_medio_dias=12, atraso_desvio_cliente_dias=6,
                                   atraso_desvio_factura_dias=6, prob_dificultad_anual_pct=6,
                                   prob_quiebra_pct=40, sensibilidad_recordatorio=1.5,
                                   sensibilidad_cargos=0.8, prob_disputa_pct=8,
                                   costo_fondos_min_pct=50, costo_fondos_max_pct=80)],
            "comportamiento": {"prob_promesa_pct": 40, "prob_contacto_pct": 70,
                               "demora_entrega_papel_dias": 2}}
    base.update(cambios)
    return escenario(**base)


def diferencia(escenario_, base, alt, kpi):
    comp = comparar(escenario_, [base, alt], replicas=REPLICAS, semilla=1, trabajadores=1)
    return comp.pares[0].diferencias[kpi]


def test_descuento_lo_toman_quienes_se_financian_bajo_la_tasa_implicita():
    """2/10 neto 30 (tasa implícita 37,2 %): lo toma una parte de los clientes con costo de
    fondos de 5 a 20 %, y ninguno de los que se financian al 50 a 80 %."""
    e = esc(segmentos=[
        segmento(nombre="baratos", participacion_pct=50, atraso_medio_dias=10,
                 costo_fondos_min_pct=5, costo_fondos_max_pct=20, sensibilidad_descuento=0.7),
        segmento(nombre="caros", participacion_pct=50, atraso_medio_dias=10,
                 costo_fondos_min_pct=50, costo_fondos_max_pct=80, sensibilidad_descuento=0.7),
    ])
    res = simular(e, politica(descuento={"pct": 2, "dias": 10}), semilla=2, eventos=False)
    f = res.facturas[(res.facturas["dia_emision"] >= 0) & (res.facturas["estado"] == "pagada")]
    por_seg = f.groupby("segmento")["con_descuento"].mean()
    assert por_seg["baratos"] > 0.5
    assert por_seg["caros"] == 0


def test_llamada_baja_los_dias_de_atraso():
    d = diferencia(esc(), politica(), politica(seguimiento=[{"dias": 3, "accion": "llamada"}]),
                   "dias_atraso_promedio")
    assert d.diferencia < 0 and d.distinguible


def test_sms_antes_de_vencer_sube_el_pago_a_tiempo():
    d = diferencia(esc(), politica(),
                   politica(seguimiento=[{"dias": -2, "accion": "recordatorio", "canal": "sms"}]),
                   "pct_pagado_a_tiempo")
    assert d.diferencia > 0 and d.distinguible


def test_verificacion_baja_incobrables_y_ventas():
    e = esc(postulantes={"por_mes": 40, "riesgo_medio_pct": 25, "dispersion_riesgo": 1.2,
                         "ruido_puntaje": 0.5})
    base = politica(castigo_dias=60)
    alt = politica(castigo_dias=60,
                   verificacion={"activa": True, "corte_riesgo_pct": 15, "accion": "rechazar"})
    comp = comparar(e, [base, alt], replicas=REPLICAS, semilla=1, trabajadores=1)
    dif = comp.pares[0].diferencias
    assert dif["castigado"].diferencia < 0 and dif["castigado"].distinguible
    assert dif["ventas_credito"].diferencia < 0 and dif["ventas_credito"].distinguible
    assert dif["ventas_perdidas_rechazo"].diferencia > 0


def test_cargos_por_mora_acortan_el_atraso_de_los_sensibles():
    d = diferencia(esc(), politica(),
                   politica(mora={"cargo_pct": 2, "interes_anual_pct": 24, "dias_gracia": 0}),
                   "dso")
    assert d.diferencia < 0 and d.distinguible


def test_factura_electronica_reduce_el_dso():
    d = diferencia(esc(), politica(), politica(automatizacion={"factura_electronica": True}),
                   "dso")
    assert d.diferencia < 0 and d.distinguible


def test_bloqueo_de_credito_pierde_ventas_y_baja_castigos():
    base = politica(castigo_dias=60)
    alt = politica(castigo_dias=60, credito={"bloqueo_dias_vencida": 15})
    riesgosa = esc(segmentos=[segmento(atraso_medio_dias=8, prob_dificultad_anual_pct=20,
                                       prob_quiebra_pct=70, compras_por_mes=3)])
    comp = comparar(riesgosa, [base, alt], replicas=REPLICAS, semilla=1, trabajadores=1)
    dif = comp.pares[0].diferencias
    assert dif["ventas_perdidas_bloqueo"].diferencia > 0
    assert dif["castigado"].diferencia < 0 and dif["castigado"].distinguible


def test_mas_cobradores_acortan_la_cola_y_el_atraso():
    """Con una llamada a cada cliente vencido y un solo cobrador de 2 llamadas diarias la cola
    se satura; con 4 cobradores baja el atraso (y sube el costo del equipo)."""
    pol = politica(seguimiento=[{"dias": 1, "accion": "llamada"}])
    uno = esc(clientes=100, equipo={"cobradores": 1, "llamadas_por_dia": 2})
    cuatro = esc(clientes=100, equipo={"cobradores": 4, "llamadas_por_dia": 2})
    a = comparar(uno, [pol], replicas=REPLICAS, semilla=1, trabajadores=1).base
    b = comparar(cuatro, [pol], replicas=REPLICAS, semilla=1, trabajadores=1).base
    assert b.resumen["dias_atraso_promedio"].media < a.resumen["dias_atraso_promedio"].media
    assert b.resumen["costo_llamada"].media > a.resumen["costo_llamada"].media


def test_recesion_sube_los_castigos():
    base = esc()
    recesion = esc(shocks=[{"nombre": "recesión", "desde_dia": 0, "multiplicador_dificultad": 4}])
    pol = politica(castigo_dias=60)
    a = comparar(base, [pol], replicas=REPLICAS, semilla=1, trabajadores=1).base
    b = comparar(recesion, [pol], replicas=REPLICAS, semilla=1, trabajadores=1).base
    assert b.resumen["incobrables_pct"].media > 1.5 * a.resumen["incobrables_pct"].media


def test_planes_de_pago_para_clientes_en_dificultad_suben_lo_cobrado_y_la_confianza():
    e = esc(segmentos=[segmento(atraso_medio_dias=5, prob_dificultad_anual_pct=40,
                                prob_quiebra_pct=0, duracion_dificultad_dias=200)])
    base = politica(seguimiento=[{"dias": 5, "accion": "llamada"},
                                 {"dias": 60, "accion": "agencia"}], castigo_dias=120)
    alt = base.model_copy(update={"planes": base.planes.model_copy(
        update={"ofrecer": True, "a_quien": "en_dificultad", "cuotas": 3})})
    comp = comparar(e, [base, alt], replicas=REPLICAS, semilla=1, trabajadores=1)
    dif = comp.pares[0].diferencias
    assert dif["castigado"].diferencia < 0
