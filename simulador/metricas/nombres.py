"""Nombres en español, unidades y sentido de mejora de cada indicador, para tablas y la app.

``NOMBRES_KPI`` fija también el orden de las claves que devuelve ``calcular_kpis``.
``MEJOR_SI_SUBE`` solo tiene los indicadores con un sentido claro; los demás (cartera al inicio,
al cierre y corriente, totales del libro, porcentaje pagado con descuento, que es un compromiso)
no tienen clave y se muestran sin color.
"""

from __future__ import annotations

from simulador.resultado import TRAMOS


def clave_tramo(tramo: str) -> str:
    """Sufijo ASCII de un tramo de antigüedad: 'corriente', '1_30', ..., '91_mas'."""
    return tramo.replace("-", "_").replace("+", "_mas")


CLAVES_TRAMO: tuple[str, ...] = tuple(clave_tramo(t) for t in TRAMOS)

_NOMBRE_TRAMO = {
    "corriente": "Cartera corriente al cierre",
    "1_30": "Cartera vencida 1 a 30 días al cierre",
    "31_60": "Cartera vencida 31 a 60 días al cierre",
    "61_90": "Cartera vencida 61 a 90 días al cierre",
    "91_mas": "Cartera vencida más de 90 días al cierre",
}

NOMBRES_KPI: dict[str, tuple[str, str]] = {
    # Ventas
    "ventas_credito": ("Ventas a crédito", "moneda"),
    "ventas_contado": ("Ventas al contado (pago anticipado)", "moneda"),
    "ventas_totales": ("Ventas totales", "moneda"),
    "ventas_perdidas_rechazo": ("Ventas perdidas por rechazo de crédito", "moneda"),
    "ventas_perdidas_bloqueo": ("Ventas perdidas por bloqueo de crédito", "moneda"),
    "ventas_perdidas_rotacion": ("Ventas perdidas por clientes que se fueron", "moneda"),
    "ventas_perdidas": ("Ventas perdidas", "moneda"),
    "margen_perdido": ("Margen no ganado por ventas perdidas", "moneda"),
    # Cartera
    "cartera_inicial": ("Cartera al inicio", "moneda"),
    "cartera_final": ("Cartera al cierre", "moneda"),
    **{f"cartera_{c}": (_NOMBRE_TRAMO[c], "moneda") for c in CLAVES_TRAMO},
    "cartera_promedio": ("Cartera promedio", "moneda"),
    "pct_cartera_corriente": ("Cartera corriente sobre el total", "%"),
    # Días y efectividad
    "dso": ("DSO (días de venta en la calle, estándar)", "días"),
    "dso_recuento": ("DSO por recuento hacia atrás", "días"),
    "dso_mejor_posible": ("DSO mejor posible", "días"),
    "dias_atraso_promedio": ("Días de atraso promedio (DSO - DSO mejor posible)", "días"),
    "cei": ("Índice de efectividad de cobranza (CEI)", "%"),
    "roll_corriente_1_30": ("Traspaso de corriente a 1-30 días", "razón"),
    "roll_1_30_31_60": ("Traspaso de 1-30 a 31-60 días", "razón"),
    "roll_31_60_61_90": ("Traspaso de 31-60 a 61-90 días", "razón"),
    "roll_61_90_91": ("Traspaso de 61-90 a más de 90 días", "razón"),
    # Pagos, descuentos y pérdidas
    "cobrado": ("Caja cobrada", "moneda"),
    "pct_pagado_a_tiempo": ("Facturas pagadas a tiempo", "%"),
    "pct_pagado_con_descuento": ("Facturas pagadas con descuento por pronto pago", "%"),
    "castigado": ("Castigado (capital y cargos)", "moneda"),
    "castigado_principal": ("Capital castigado como incobrable", "moneda"),
    "incobrables_pct": ("Incobrables sobre ventas a crédito", "%"),
    "costo_descuentos": ("Descuentos por pronto pago concedidos", "moneda"),
    "descuentos_total": ("Descuentos y condonaciones", "moneda"),
    "cargos_cobrados": ("Cargos e intereses por mora cobrados", "moneda"),
    # Costos
    "costo_email": ("Costo de correos", "moneda"),
    "costo_sms": ("Costo de SMS", "moneda"),
    "costo_carta": ("Costo de cartas", "moneda"),
    "costo_llamada": ("Costo del equipo de cobranza (llamadas)", "moneda"),
    "costo_agencia": ("Comisión de agencia de cobranza", "moneda"),
    "costo_legal": ("Costo de acciones legales", "moneda"),
    "costo_cobranza": ("Costo total de cobranza", "moneda"),
    "costo_financiero": ("Costo financiero de la cartera", "moneda"),
    # Resultado
    "margen_bruto": ("Margen bruto sobre ventas", "moneda"),
    "resultado_economico": ("Resultado económico de la política", "moneda"),
    # Concentración
    "hhi_ventas": ("Concentración de ventas (HHI)", "índice 0 a 10 000"),
    "top1_ventas_pct": ("Ventas del mayor cliente", "%"),
    "top5_ventas_pct": ("Ventas de los 5 mayores clientes", "%"),
    "hhi_cartera": ("Concentración de cartera (HHI)", "índice 0 a 10 000"),
    "top1_cartera_pct": ("Cartera del mayor deudor", "%"),
    "top5_cartera_pct": ("Cartera de los 5 mayores deudores", "%"),
    # Libro completo (con calentamiento): conservación del dinero
    "facturado": ("Facturado en el libro (con calentamiento)", "moneda"),
    "cobrado_total": ("Cobrado en el libro (con calentamiento)", "moneda"),
    "descuentos": ("Descontado en el libro (con calentamiento)", "moneda"),
    "castigado_total": ("Castigado en el libro (con calentamiento)", "moneda"),
    "pendiente": ("Saldo pendiente al final", "moneda"),
    "conservacion_ok": ("El dinero se conserva al centavo (1 = sí)", "indicador"),
}
"""Clave del indicador -> (nombre en español, unidad)."""

_SUBE = (
    "ventas_credito", "ventas_contado", "ventas_totales", "pct_cartera_corriente", "cei",
    "cobrado", "pct_pagado_a_tiempo", "cargos_cobrados", "margen_bruto", "resultado_economico",
)
_BAJA = (
    "ventas_perdidas_rechazo", "ventas_perdidas_bloqueo", "ventas_perdidas_rotacion",
    "ventas_perdidas", "margen_perdido", "cartera_promedio",
    *(f"cartera_{c}" for c in CLAVES_TRAMO[1:]),
    "dso", "dso_recuento", "dso_mejor_posible", "dias_atraso_promedio",
    "roll_corriente_1_30", "roll_1_30_31_60", "roll_31_60_61_90", "roll_61_90_91",
    "castigado", "castigado_principal", "incobrables_pct", "costo_descuentos", "descuentos_total",
    "costo_email", "costo_sms", "costo_carta", "costo_llamada", "costo_agencia", "costo_legal",
    "costo_cobranza", "costo_financiero",
    "hhi_ventas", "top1_ventas_pct", "top5_ventas_pct",
    "hhi_cartera", "top1_cartera_pct", "top5_cartera_pct",
)
MEJOR_SI_SUBE: dict[str, bool] = {**dict.fromkeys(_SUBE, True), **dict.fromkeys(_BAJA, False)}
"""Clave -> True si un valor más alto es mejor (False si más bajo es mejor); sin clave = neutro."""
