"""El informe HTML es autocontenido y reproducible; CSV y Excel traen lo que prometen."""

from __future__ import annotations

import io

import pandas as pd

from simulador import a_yaml
from simulador.experimentos import Comparacion
from simulador.exportar import csv_replicas, csv_resumen, excel
from simulador.informe import informe_html


def test_informe_autocontenido_con_procedencia(comparacion_chica: Comparacion) -> None:
    c = comparacion_chica
    entradas = {"escenario.yaml": a_yaml(c.escenario)}
    html = informe_html(c, yaml_entradas=entradas)
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<script src=") == 0
    assert html.count("Plotly.newPlot") == 7  # caja, cartera, 3 cascadas, dispersión, segmentos
    assert html.count("plotly.js v") <= 2  # la biblioteca va una sola vez
    assert c.procedencia["huella_entradas"] in html
    assert "Semilla" in html and "Versión de simpy" in html
    assert "no distinguible" in html  # «Igual» no se distingue de la base
    assert "escenario.yaml" in html and "horizonte_dias: 90" in html
    assert "Lectura" in html and "Indicadores" in html


def test_csv_y_excel(comparacion_chica: Comparacion) -> None:
    c = comparacion_chica
    replicas = pd.read_csv(io.BytesIO(csv_replicas(c)), encoding="utf-8-sig")
    assert len(replicas) == 9 and set(replicas["politica"]) == {"Actual (laxa)", "Descuento",
                                                                 "Igual"}
    resumen = pd.read_csv(io.BytesIO(csv_resumen(c)), encoding="utf-8-sig")
    fila = resumen[(resumen["politica"] == "Igual") & (resumen["kpi"] == "dso")].iloc[0]
    assert fila["diferencia_con_base"] == 0 and fila["distinguible"] == "no"
    hojas = pd.read_excel(io.BytesIO(excel(c, yaml_entradas={"e.yaml": "a: 1"})),
                          sheet_name=None)
    assert {"Lectura", "Resumen", "Diferencias", "Réplicas", "Por segmento", "Series diarias",
            "Procedencia", "Diccionario", "Archivos"} <= set(hojas)
    assert len(hojas["Series diarias"]) == 3 * c.escenario.horizonte_dias


def test_excel_con_separador_de_miles_en_los_numeros(comparacion_chica: Comparacion) -> None:
    """Las columnas de números llevan formato (Excel lo muestra con los separadores del
    usuario); el texto, no."""
    from openpyxl import load_workbook

    libro = load_workbook(io.BytesIO(excel(comparacion_chica)))
    hoja = libro["Resumen"]
    cabecera = [c.value for c in hoja[1]]
    media, nombre = cabecera.index("media") + 1, cabecera.index("indicador") + 1
    assert hoja.cell(2, media).number_format == "#,##0.00"
    assert hoja.cell(2, cabecera.index("replicas") + 1).number_format == "#,##0"
    assert hoja.cell(2, nombre).number_format == "General"
