"""Series mensuales para gráficos: ventas, cobros, cartera por tramo y DSO al cierre de cada mes.

Los meses son meses calendario de ``fecha_inicio + día`` dentro del horizonte; el primero y el
último pueden ser parciales y cuentan con sus días. El DSO del gráfico es el **estándar** del mes
(cartera al cierre del mes / ventas a crédito del mes x días del mes); al lado va el DSO por
recuento hacia atrás al cierre del mes, con la historia de ventas desde el calentamiento.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulador.config.escenario import Escenario
from simulador.metricas import formulas as f
from simulador.metricas.calendario import meses, suma_por_mes, ventas_por_mes
from simulador.metricas.nombres import CLAVES_TRAMO
from simulador.resultado import COBRADO, ResultadoCorrida

COLUMNAS_SERIE: dict[str, tuple[str, str]] = {
    "mes": ("Mes", "AAAA-MM"),
    "dia_inicio": ("Primer día del mes en el horizonte", "día"),
    "dia_fin": ("Último día del mes en el horizonte", "día"),
    "dias": ("Días del mes en el horizonte", "días"),
    "ventas": ("Ventas a crédito", "moneda"),
    "cobrado": ("Cobrado", "moneda"),
    **{f"cartera_{c}": (f"Cartera {c.replace('_mas', '+').replace('_', '-')} al cierre", "moneda")
       for c in CLAVES_TRAMO},
    "cartera_total": ("Cartera total al cierre", "moneda"),
    "dso": ("DSO estándar del mes", "días"),
    "dso_recuento": ("DSO por recuento al cierre del mes", "días"),
}
"""Columna de ``serie_mensual`` -> (nombre en español, unidad)."""


def serie_mensual(res: ResultadoCorrida, escenario: Escenario) -> pd.DataFrame:
    """Una fila por mes calendario del horizonte (columnas en ``COLUMNAS_SERIE``)."""
    h = res.horizonte_dias
    lista = meses(escenario.fecha_inicio, 0, h)
    historia = meses(escenario.fecha_inicio, min(-escenario.calentamiento_dias, 0), h)
    ventas_hist = ventas_por_mes(res.libro, historia)
    dias_hist = [m.dias for m in historia]
    # meses solo de calentamiento; el mes del día 0 puede incluir días de calentamiento en la
    # historia (cuenta para el recuento), pero las ventas de la fila son solo las del horizonte
    desfase = len(historia) - len(lista)
    ventas_mes = ventas_por_mes(res.libro, lista)

    libro = res.libro
    cobro = np.isin(libro.tipo, COBRADO)
    cobrado = suma_por_mes(libro.dia[cobro], libro.centavos[cobro] / 100.0, lista)
    por_tramo = np.asarray(res.series.cartera_por_tramo, dtype=float)

    filas = []
    for i, mes in enumerate(lista):
        cierre = por_tramo[mes.dia_fin]
        total = float(cierre.sum())
        ventas = float(ventas_mes[i])
        fila: dict[str, float | int | str] = {
            "mes": mes.etiqueta,
            "dia_inicio": mes.dia_inicio,
            "dia_fin": mes.dia_fin,
            "dias": mes.dias,
            "ventas": ventas,
            "cobrado": float(cobrado[i]),
        }
        fila.update({f"cartera_{c}": float(v) for c, v in zip(CLAVES_TRAMO, cierre, strict=True)})
        fila["cartera_total"] = total
        fila["dso"] = f.dso_estandar(total, ventas, mes.dias)
        hasta = desfase + i + 1
        fila["dso_recuento"] = f.dso_recuento(
            total, list(ventas_hist[:hasta]), dias_hist[:hasta]
        )
        filas.append(fila)
    return pd.DataFrame(filas, columns=list(COLUMNAS_SERIE))
