"""Resultados de una comparación como tablas, CSV y Excel (varias hojas, con openpyxl).

Las tablas llevan las claves de los indicadores (para otros programas) y su nombre en español con
la unidad (para personas). Los CSV usan coma como separador y punto decimal, en UTF-8 con BOM para
que Excel respete los acentos.
"""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
import pandas as pd

from simulador.experimentos import Comparacion
from simulador.lectura import lectura_texto
from simulador.metricas import COLUMNAS_SEGMENTO, NOMBRES_KPI
from simulador.resultado import TRAMOS


def tabla_replicas(comp: Comparacion) -> pd.DataFrame:
    """Una fila por política y réplica, con todos los indicadores."""
    partes = []
    for res in comp.resultados:
        t = res.kpis.copy()
        t.insert(0, "politica", res.politica.nombre)
        partes.append(t)
    return pd.concat(partes, ignore_index=True)


def tabla_resumen(comp: Comparacion) -> pd.DataFrame:
    """Una fila por política e indicador: media, intervalo del 95 %, P5 y P95."""
    filas: list[dict[str, Any]] = []
    for res in comp.resultados:
        for kpi, (nombre, unidad) in NOMBRES_KPI.items():
            r = res.resumen.get(kpi)
            if r is None:
                continue
            filas.append({"politica": res.politica.nombre, "kpi": kpi, "indicador": nombre,
                          "unidad": unidad, "media": r.media, "ic95_inf": r.ic_inf,
                          "ic95_sup": r.ic_sup, "p5": r.p5, "p95": r.p95, "replicas": r.n})
    return pd.DataFrame(filas)


def tabla_diferencias(comp: Comparacion) -> pd.DataFrame:
    """Una fila por alternativa e indicador: base, alternativa, diferencia e intervalo."""
    filas: list[dict[str, Any]] = []
    for par in comp.pares:
        for kpi, d in par.diferencias.items():
            nombre, unidad = NOMBRES_KPI.get(kpi, (kpi, ""))
            filas.append({"base": par.base, "alternativa": par.alternativa, "kpi": kpi,
                          "indicador": nombre, "unidad": unidad, "valor_base": d.base,
                          "valor_alternativa": d.alternativa, "diferencia": d.diferencia,
                          "ic95_inf": d.ic_inf, "ic95_sup": d.ic_sup,
                          "distinguible": "sí" if d.distinguible else "no"})
    return pd.DataFrame(filas)


def tabla_segmentos(comp: Comparacion) -> pd.DataFrame:
    """Indicadores por segmento: media de las réplicas, por política."""
    partes = []
    for res in comp.resultados:
        t = res.por_segmento.drop(columns=["replica"]).groupby("segmento", sort=False).mean()
        t = t.reset_index()
        t.insert(0, "politica", res.politica.nombre)
        partes.append(t)
    return pd.concat(partes, ignore_index=True)


def tabla_series(comp: Comparacion) -> pd.DataFrame:
    """Series diarias (media de las réplicas): cobrado y saldo por tramo, por política."""
    partes = []
    for res in comp.resultados:
        h = res.cobrado.shape[1]
        t = pd.DataFrame({"politica": res.politica.nombre, "dia": np.arange(h)})
        t.insert(2, "fecha", [comp.escenario.fecha_inicio + pd.Timedelta(days=int(d))
                              for d in range(h)])
        t["cobrado"] = res.cobrado.mean(axis=0)
        t["cobrado_p5"] = np.percentile(res.cobrado, 5, axis=0)
        t["cobrado_p95"] = np.percentile(res.cobrado, 95, axis=0)
        media = res.cartera_por_tramo.mean(axis=0)
        for j, tramo in enumerate(TRAMOS):
            t[f"cartera_{tramo}"] = media[:, j]
        t["cartera_total"] = media.sum(axis=1)
        partes.append(t)
    return pd.concat(partes, ignore_index=True)


def _csv(tabla: pd.DataFrame) -> bytes:
    return tabla.to_csv(index=False).encode("utf-8-sig")


def csv_replicas(comp: Comparacion) -> bytes:
    """CSV con los indicadores de cada réplica de cada política."""
    return _csv(tabla_replicas(comp))


def csv_resumen(comp: Comparacion) -> bytes:
    """CSV con el resumen (media, intervalo, P5, P95) y las diferencias frente a la base."""
    resumen = tabla_resumen(comp)
    dif = tabla_diferencias(comp)
    if not dif.empty:
        extra = dif[["alternativa", "kpi", "diferencia", "ic95_inf", "ic95_sup", "distinguible"]]
        extra = extra.rename(columns={"alternativa": "politica", "ic95_inf": "dif_ic95_inf",
                                      "ic95_sup": "dif_ic95_sup",
                                      "diferencia": "diferencia_con_base"})
        resumen = resumen.merge(extra, on=["politica", "kpi"], how="left")
    return _csv(resumen)


def _diccionario() -> pd.DataFrame:
    filas = [{"columna": k, "nombre": n, "unidad": u, "tabla": "indicadores"}
             for k, (n, u) in NOMBRES_KPI.items()]
    filas += [{"columna": k, "nombre": n, "unidad": u, "tabla": "segmentos"}
              for k, (n, u) in COLUMNAS_SEGMENTO.items()]
    return pd.DataFrame(filas)


def excel(comp: Comparacion, *, yaml_entradas: dict[str, str] | None = None) -> bytes:
    """Libro de Excel con lectura, resumen, diferencias, réplicas, segmentos, series y procedencia.

    Args:
        comp: la comparación.
        yaml_entradas: nombre -> texto YAML del escenario y las políticas (hoja «Archivos»).
    """
    salida = io.BytesIO()
    lectura = pd.DataFrame({"lectura": lectura_texto(comp).split("\n")})
    procedencia = pd.DataFrame(
        [{"dato": k, "valor": json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v}
         for k, v in comp.procedencia.items()])
    hojas: dict[str, pd.DataFrame] = {
        "Lectura": lectura,
        "Resumen": tabla_resumen(comp),
        "Diferencias": tabla_diferencias(comp),
        "Réplicas": tabla_replicas(comp),
        "Por segmento": tabla_segmentos(comp),
        "Series diarias": tabla_series(comp),
        "Procedencia": procedencia,
        "Diccionario": _diccionario(),
    }
    if yaml_entradas:
        hojas["Archivos"] = pd.DataFrame(
            [{"archivo": n, "linea": i + 1, "texto": linea}
             for n, texto in yaml_entradas.items() for i, linea in enumerate(texto.splitlines())])
    with pd.ExcelWriter(salida, engine="openpyxl") as libro:
        for nombre, tabla in hojas.items():
            tabla.to_excel(libro, sheet_name=nombre, index=False)
            hoja = libro.sheets[nombre]
            for columna in hoja.columns:
                ancho = max(len(str(c.value or "")) for c in columna[:200])
                hoja.column_dimensions[columna[0].column_letter].width = min(max(10, ancho + 2),
                                                                              80)
            hoja.freeze_panes = "A2"
            _formatos_numero(hoja, tabla)
    return salida.getvalue()


FORMATO_ENTERO = "#,##0"
FORMATO_DECIMAL = "#,##0.00"
"""Formatos de número de Excel: Excel los muestra con los separadores del usuario (en español,
«1.234,56»); sin formato, las celdas quedaban en «General» («1331350079.6038»)."""


def _formatos_numero(hoja: Any, tabla: pd.DataFrame) -> None:
    """Separador de miles en las columnas de números (enteras sin decimales, el resto con 2)."""
    for j, columna in enumerate(tabla.columns, start=1):
        serie = tabla[columna]
        if pd.api.types.is_bool_dtype(serie) or not pd.api.types.is_numeric_dtype(serie):
            continue
        formato = FORMATO_ENTERO if pd.api.types.is_integer_dtype(serie) else FORMATO_DECIMAL
        for (celda,) in hoja.iter_rows(min_row=2, max_row=len(tabla) + 1, min_col=j, max_col=j):
            celda.number_format = formato
