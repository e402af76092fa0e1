"""Casos deterministas con respuesta conocida (dominio.md §6)."""

from __future__ import annotations

import numpy as np
import pytest
from fabricas import escenario, politica, segmento

from simulador import calcular_kpis, simular
from simulador.metricas import dso_estandar


@pytest.mark.parametrize("plazo", [15, 30, 45])
def test_todos_pagan_el_dia_d_y_el_dso_es_d(plazo: int) -> None:
    """Todos pagan exactamente al vencer (atraso 0, factura electrónica): la cartera al cierre
    son las ventas de los últimos d días, así que DSO = cartera / ventas x H es exactamente eso
    (prueba exacta) y, con ventas casi constantes, vale d (prueba de tolerancia: ±4 %)."""
    esc = escenario(clientes=3000, horizonte_dias=360, calentamiento_dias=90,
                    segmentos=[segmento(compras_por_mes=2.0)])
    pol = politica(plazo_dias=plazo, automatizacion={"factura_electronica": True})
    res = simular(esc, pol, semilla=7, eventos=False)
    k = calcular_kpis(res, esc)
    f = res.facturas
    h = esc.horizonte_dias
    # exacto: la cartera final es lo emitido en los últimos d días (vencen después del día H-1)
    abiertas = f[f["dia_emision"] > h - 1 - plazo]["monto"].sum()
    assert res.series.cartera_por_tramo[-1].sum() == pytest.approx(abiertas, rel=1e-12)
    ventas = f[(f["dia_emision"] >= 0) & (f["dia_emision"] < h)]["monto"].sum()
    assert k["dso"] == pytest.approx(dso_estandar(abiertas, ventas, h), rel=1e-12)
    # tolerancia: con ventas de Poisson casi constantes, DSO ≈ d
    assert k["dso"] == pytest.approx(plazo, rel=0.04)
    # todo lo vencido se pagó el día del vencimiento
    pagadas = f[f["estado"] == "pagada"]
    assert (pagadas["dia_cierre"] == pagadas["dia_vencimiento"]).all()
    assert k["pct_pagado_a_tiempo"] == pytest.approx(100.0)
    assert k["castigado"] == 0


def test_nadie_paga_y_todo_se_castiga_a_la_edad_de_castigo() -> None:
    """Nadie paga: cada factura vencida hace castigo_dias días se castiga ese día exacto, y lo
    demás sigue pendiente; nada se cobra."""
    esc = escenario(clientes=200, horizonte_dias=300, segmentos=[segmento(atraso_medio_dias=365)])
    pol = politica(castigo_dias=90)
    res = simular(esc, pol, semilla=3, eventos=False)
    f = res.facturas
    vence_castigo = f["dia_vencimiento"] + 90
    castigables = vence_castigo <= esc.horizonte_dias - 1
    assert (f.loc[castigables, "estado"] == "castigada").all()
    assert (f.loc[castigables, "dia_castigo"] == vence_castigo[castigables]).all()
    assert (f.loc[~castigables, "estado"] == "abierta").all()
    assert res.libro.total((4, 5, 6, 7, 8)) == 0
    k = calcular_kpis(res, esc)
    assert k["cobrado"] == 0
    castigado = f.loc[castigables & (vence_castigo >= 0), "monto"].sum()
    assert k["castigado"] == pytest.approx(castigado, rel=1e-12)


def test_misma_cartera_bajo_cualquier_politica() -> None:
    """Números aleatorios comunes: la cartera potencial no depende de la política."""
    esc = escenario(clientes=100, horizonte_dias=60)
    a = simular(esc, politica(plazo_dias=30), semilla=5, eventos=False)
    b = simular(esc, politica(plazo_dias=60, descuento={"pct": 2, "dias": 10}), semilla=5,
                eventos=False)
    fa, fb = a.facturas.set_index("factura"), b.facturas.set_index("factura")
    assert np.array_equal(fa.index, fb.index)
    assert np.array_equal(fa["monto"], fb["monto"])
    assert np.array_equal(fa["dia_emision"], fb["dia_emision"])


def test_plazo_adicional_del_segmento_corre_vencimiento_pago_y_dso() -> None:
    """Un segmento con 15 días de plazo negociado vence y paga 15 días después que el otro (todos
    pagan al vencer), y su DSO es el plazo de la política más 15 (tolerancia: ±4 %)."""
    esc = escenario(clientes=2000, horizonte_dias=360, calentamiento_dias=120, segmentos=[
        segmento(nombre="normal", participacion_pct=50, compras_por_mes=2.0),
        segmento(nombre="grandes", participacion_pct=50, compras_por_mes=2.0,
                 plazo_adicional_dias=15)])
    pol = politica(plazo_dias=30, automatizacion={"factura_electronica": True})
    res = simular(esc, pol, semilla=7, eventos=False)
    f = res.facturas
    plazo = (f["dia_vencimiento"] - f["dia_emision"]).groupby(f["segmento"].astype(str))
    assert set(plazo.min()) == set(plazo.max())  # un solo plazo por segmento
    assert plazo.min().to_dict() == {"normal": 30, "grandes": 45}
    pagadas = f[f["estado"] == "pagada"]
    assert (pagadas["dia_cierre"] == pagadas["dia_vencimiento"]).all()
    from simulador.metricas.segmentos import kpis_por_segmento

    dso = kpis_por_segmento(res, esc).set_index("segmento")["dso"]
    assert dso["normal"] == pytest.approx(30, rel=0.04)
    assert dso["grandes"] == pytest.approx(45, rel=0.04)


def test_con_plazo_adicional_los_pasos_se_cuentan_desde_su_vencimiento() -> None:
    """Aviso 3 días antes de vencer, con neto 30: llega a los 27 días de emitida la factura del
    segmento base y a los 42 días la del segmento con 15 días de plazo negociado."""
    esc = escenario(clientes=40, horizonte_dias=120, segmentos=[
        segmento(nombre="normal", participacion_pct=50),
        segmento(nombre="grandes", participacion_pct=50, plazo_adicional_dias=15)])
    pol = politica(plazo_dias=30, seguimiento=[
        {"dias": -3, "accion": "recordatorio", "canal": "email"}])
    res = simular(esc, pol, semilla=1)
    ev = res.eventos[res.eventos["tipo"] == "recordatorio"]
    f = res.facturas.set_index("factura")
    segmento_ev = f.loc[ev["factura"], "segmento"].astype(str).to_numpy()
    espera = ev["dia"].to_numpy() - f.loc[ev["factura"], "dia_emision"].to_numpy()
    assert set(segmento_ev) == {"normal", "grandes"}
    assert (espera[segmento_ev == "normal"] == 27).all()
    assert (espera[segmento_ev == "grandes"] == 42).all()


def test_con_mas_plazo_negociado_no_tomar_el_descuento_cuesta_menos() -> None:
    """2/10 neto 30 implica 37,2 % anual; con 30 días más (neto 60) solo 14,9 %: quien se
    financia al 20 a 30 % toma el descuento con el plazo base y no con el negociado."""
    esc = escenario(clientes=400, horizonte_dias=120, segmentos=[
        segmento(nombre="normal", participacion_pct=50, costo_fondos_min_pct=20,
                 costo_fondos_max_pct=30, sensibilidad_descuento=1.0),
        segmento(nombre="grandes", participacion_pct=50, costo_fondos_min_pct=20,
                 costo_fondos_max_pct=30, sensibilidad_descuento=1.0, plazo_adicional_dias=30)])
    res = simular(esc, politica(descuento={"pct": 2, "dias": 10}), semilla=4, eventos=False)
    f = res.facturas[res.facturas["estado"] == "pagada"]
    toma = f.groupby(f["segmento"].astype(str))["con_descuento"].mean()
    assert toma["normal"] == pytest.approx(1.0)
    assert toma["grandes"] == 0
