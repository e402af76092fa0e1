"""Cada figura tiene título, ejes con unidades y una leyenda legible, en español."""

from __future__ import annotations

import json
import re

import pytest

from simulador import aplicar_delta
from simulador import graficos as g
from simulador.experimentos import Comparacion, sensibilidad
from simulador.formato import Formato
from simulador.interfaz.graficos_cartera import fig_concentracion, fig_historia
from simulador.motor.cartera import tabla_cartera

FMT = Formato()




def revisar(fig: object, *, unidad_y: str | None = None, fechas: bool = False) -> dict:
    spec = json.loads(fig.to_json())  # type: ignore[attr-defined]
    lay = spec["layout"]
    assert lay["template"]["layout"]["plot_bgcolor"] == "white", "la plantilla de la casa"
    if fechas:  # fechas en números (plotly las escribiría en inglés: «Jan 2026»)
        eje = lay["xaxis"]
        assert eje["type"] == "date"
        formatos = [eje["hoverformat"], eje.get("tickformat", ""),
                    *(f["value"] for f in eje.get("tickformatstops", []))]
        assert eje.get("tickformat") or eje.get("tickformatstops")
        assert all(f and "%b" not in f and "%B" not in f for f in formatos if f != ""), formatos
        # las fechas del eje (en las barras de la historia, su comienzo)
        x = next(t.get("base") or t["x"] for t in spec["data"] if t.get("x") is not None)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(x[0])[:10]), x[0]
    assert lay["title"]["text"].strip()
    assert lay["xaxis"]["title"]["text"].strip()
    assert lay["yaxis"]["title"]["text"].strip()
    if unidad_y:
        assert lay["yaxis"]["title"]["text"].endswith(unidad_y)
    for eje in ("xaxis", "yaxis"):  # montos enteros: sin «B» de billion (se leería «billón»)
        if lay[eje]["title"]["text"].endswith("($)"):
            assert lay[eje]["exponentformat"] == "none" and lay[eje]["tickformat"] == ",.0f"
    assert lay["separators"] == ",."
    visibles = [t for t in spec["data"] if t.get("showlegend", True) is not False]
    assert all(t.get("name") for t in visibles), "toda serie visible lleva nombre en la leyenda"
    return spec


def test_figuras_de_la_comparacion(comparacion_chica: Comparacion) -> None:
    c = comparacion_chica
    spec = revisar(g.fig_cobrado(c, FMT), unidad_y="($)", fechas=True)
    assert [t["name"] for t in spec["data"] if t.get("showlegend", True) is not False] == [
        "Actual (laxa)", "Descuento", "Igual"]
    revisar(g.fig_cartera_total(c, FMT), unidad_y="($)", fechas=True)
    revisar(g.fig_cartera_tramos(c.base, c.escenario, FMT), unidad_y="($)", fechas=True)
    revisar(g.fig_dispersion(c, "dso", FMT), unidad_y="(días)")
    revisar(g.fig_segmentos(c, "incobrables_pct", "Incobrables", "%", FMT), unidad_y="(%)")


def test_cascada_cuadra_con_el_resultado(comparacion_chica: Comparacion) -> None:
    res = comparacion_chica.base
    fig = g.fig_cascada(res, FMT)
    spec = json.loads(fig.to_json())
    assert spec["layout"]["title"]["text"].startswith("Resultado económico")
    assert spec["layout"]["xaxis"]["title"]["text"].endswith("($)")
    nombres = list(fig.data[0].y)
    valores = list(fig.data[0].x)
    assert abs(sum(valores[:-1]) - valores[-1]) < 1e-6 * max(1.0, abs(valores[-1]))
    assert valores[-1] == pytest.approx(res.resumen["resultado_economico"].media)
    assert len(nombres) == 8 and nombres[-1] == "Resultado económico"


def test_barrido_y_tornado(comparacion_chica: Comparacion) -> None:
    from simulador.experimentos import barrido

    esc, pol = comparacion_chica.escenario, comparacion_chica.base.politica
    pol = aplicar_delta(pol, {"descuento": {"dias": 10}})
    res = barrido(esc, pol, {"descuento.pct": [0, 2]}, replicas=2, trabajadores=1)
    revisar(g.fig_barrido(res.resumen, "descuento.pct", "Descuento", "%", "resultado_economico",
                          FMT), unidad_y="($)")
    tabla = sensibilidad(esc, pol, replicas=1, trabajadores=1)
    spec = revisar(g.fig_tornado(tabla, "dso", FMT))
    assert spec["layout"]["xaxis"]["title"]["text"].endswith("(días)")
    dinero = revisar(g.fig_tornado(tabla, "resultado_economico", FMT))["layout"]["xaxis"]
    assert dinero["title"]["text"].endswith("($)") and dinero["tickprefix"] == ""


def test_figuras_de_cartera_y_cliente(comparacion_chica: Comparacion) -> None:
    esc = comparacion_chica.escenario
    revisar(fig_concentracion(tabla_cartera(esc, 1), FMT), unidad_y="(% acumulado)")
    ej = comparacion_chica.base.ejemplo
    assert ej is not None
    cliente = int(ej.facturas["cliente"].iloc[-1])
    spec = revisar(fig_historia(ej.facturas, ej.eventos, esc, FMT, cliente), fechas=True)
    assert f"cliente {cliente}" in spec["layout"]["title"]["text"]
