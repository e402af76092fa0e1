"""Indicadores por segmento de clientes: una fila por segmento, con las mismas definiciones.

Las series diarias del motor no vienen separadas por segmento, de modo que la cartera de cada
segmento se reconstruye desde el libro (facturado - cobrado - descontado - castigado acumulado al
cierre de cada día, calentamiento incluido). Con un libro coherente con las series, las columnas
aditivas (ventas, cobrado, cartera, costos, costo financiero) suman el total de ``calcular_kpis``.
El margen y el resultado de cada segmento se calculan sobre sus ventas a crédito: las ventas al
contado no se registran por segmento.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulador.config.escenario import Escenario
from simulador.metricas import formulas as f
from simulador.metricas.kpis import (
    ColumnasFacturas,
    cargos_cobrados,
    castigado_principal,
    costo_financiero,
    costos_por_tipo,
    pct_pagado_a_tiempo,
    pct_pagado_con_descuento,
)
from simulador.metricas.libro import en_rango, movimientos_con_signo
from simulador.resultado import COBRADO, COD, ResultadoCorrida

SIN_SEGMENTO = "(sin segmento)"

COLUMNAS_SEGMENTO: dict[str, tuple[str, str]] = {
    "segmento": ("Segmento", ""),
    "clientes": ("Clientes", "clientes"),
    "ventas_credito": ("Ventas a crédito", "moneda"),
    "participacion_ventas_pct": ("Participación en las ventas a crédito", "%"),
    "cobrado": ("Cobrado", "moneda"),
    "cartera_final": ("Cartera al cierre", "moneda"),
    "participacion_cartera_pct": ("Participación en la cartera al cierre", "%"),
    "cartera_promedio": ("Cartera promedio", "moneda"),
    "dso": ("DSO estándar", "días"),
    "castigado_principal": ("Capital castigado", "moneda"),
    "incobrables_pct": ("Incobrables sobre ventas a crédito", "%"),
    "pct_pagado_a_tiempo": ("Facturas pagadas a tiempo", "%"),
    "pct_pagado_con_descuento": ("Facturas pagadas con descuento", "%"),
    "atraso_medio_pagadas_dias": ("Atraso medio de las facturas pagadas", "días"),
    "costo_descuentos": ("Descuentos por pronto pago", "moneda"),
    "cargos_cobrados": ("Cargos e intereses cobrados", "moneda"),
    "costo_cobranza": ("Costo de cobranza", "moneda"),
    "costo_financiero": ("Costo financiero de la cartera", "moneda"),
    "margen_bruto_credito": ("Margen bruto sobre ventas a crédito", "moneda"),
    "resultado_credito": ("Resultado económico de las ventas a crédito", "moneda"),
}
"""Columna de ``kpis_por_segmento`` -> (nombre en español, unidad)."""


def _atraso_medio_pagadas(fac: ColumnasFacturas, horizonte: int) -> float:
    """Días medios entre vencimiento y pago de las facturas pagadas en el horizonte."""
    m = fac.pagada & en_rango(fac.cierre, 0, horizonte)
    if not m.any():
        return float("nan")
    return float(np.mean(fac.cierre[m] - fac.vencimiento[m]))


def _cartera_diaria(res: ResultadoCorrida, indice: np.ndarray, n: int) -> np.ndarray:
    """Saldo de cada segmento al cierre de cada día del horizonte, en centavos ``[n, dias]``."""
    h = res.horizonte_dias
    dia = np.asarray(res.libro.dia, dtype=np.int64)
    signo = movimientos_con_signo(res.libro)
    conocido = indice >= 0
    inicial = np.zeros(n, dtype=np.int64)
    antes = conocido & (dia < 0)
    np.add.at(inicial, indice[antes], signo[antes])
    diario = np.zeros((n, h), dtype=np.int64)
    dentro = conocido & en_rango(dia, 0, h)
    np.add.at(diario, (indice[dentro], dia[dentro]), signo[dentro])
    return inicial[:, None] + np.cumsum(diario, axis=1)


def kpis_por_segmento(res: ResultadoCorrida, escenario: Escenario) -> pd.DataFrame:
    """Tabla de indicadores por segmento (columnas y nombres en ``COLUMNAS_SEGMENTO``).

    Los segmentos salen en el orden del escenario; los que aparecen en los datos sin estar en el
    escenario (o clientes sin segmento) se agregan al final.
    """
    h = res.horizonte_dias
    cli = res.clientes
    nombres = [s.nombre for s in escenario.segmentos]
    seg_cli = cli["segmento"].astype(str).to_numpy()
    seg_fac = res.facturas["segmento"].astype(str).to_numpy()
    for s in [*pd.unique(seg_cli), *pd.unique(seg_fac)]:
        if s not in nombres:
            nombres.append(s)
    codigo_segmento = {s: i for i, s in enumerate(nombres)}
    unicos, inversa = np.unique(seg_cli, return_inverse=True)
    cod_cli = np.array([codigo_segmento[u] for u in unicos], np.int64)[inversa]
    ids_cli = cli["cliente"].to_numpy(np.int64)
    tope = int(ids_cli.max()) + 1 if ids_cli.size else 0
    tabla_cod = np.full(tope, -1, np.int64)
    tabla_cod[ids_cli] = cod_cli

    def indice_de(clientes: np.ndarray) -> np.ndarray:
        clientes = np.asarray(clientes, np.int64)
        dentro = (clientes >= 0) & (clientes < tope)
        cod = np.full(clientes.size, -1, np.int64)
        cod[dentro] = tabla_cod[clientes[dentro]]
        if (cod < 0).any():
            if SIN_SEGMENTO not in codigo_segmento:
                codigo_segmento[SIN_SEGMENTO] = len(nombres)
                nombres.append(SIN_SEGMENTO)
            cod[cod < 0] = codigo_segmento[SIN_SEGMENTO]
        return cod

    ind_libro = indice_de(res.libro.cliente)
    ind_costos = indice_de(res.costos.cliente)
    cartera = _cartera_diaria(res, ind_libro, len(nombres)) / 100.0
    dia, tipo, cent = res.libro.dia, res.libro.tipo, res.libro.centavos.astype(np.int64)
    horizonte = en_rango(dia, 0, h)
    fac_todas = ColumnasFacturas.de(res.facturas)
    filas = []
    for j, nombre in enumerate(nombres):
        del_seg = horizonte & (ind_libro == j)
        fac = fac_todas.filtrar(seg_fac == nombre)
        ventas = int(cent[del_seg & (tipo == COD["factura"])].sum()) / 100.0
        fila: dict[str, float | str] = {
            "segmento": nombre,
            "clientes": float((seg_cli == nombre).sum()),
            "ventas_credito": ventas,
            "cobrado": int(cent[del_seg & np.isin(tipo, COBRADO)].sum()) / 100.0,
            "cartera_final": float(cartera[j, -1]),
            "cartera_promedio": float(cartera[j].mean()),
            "dso": f.dso_estandar(float(cartera[j, -1]), ventas, h),
            "castigado_principal": castigado_principal(fac, h),
            "pct_pagado_a_tiempo": pct_pagado_a_tiempo(fac, h),
            "pct_pagado_con_descuento": pct_pagado_con_descuento(fac, h),
            "atraso_medio_pagadas_dias": _atraso_medio_pagadas(fac, h),
            "costo_descuentos": int(
                cent[del_seg & (tipo == COD["descuento_pronto_pago"])].sum()
            ) / 100.0,
            "cargos_cobrados": cargos_cobrados(fac, h),
            "costo_cobranza": costos_por_tipo(
                res.costos, en_rango(res.costos.dia, 0, h) & (ind_costos == j)
            )["costo_cobranza"],
            "costo_financiero": costo_financiero(cartera[j], escenario.costo_capital_anual_pct),
            "margen_bruto_credito": escenario.margen_bruto_pct / 100.0 * ventas,
        }
        filas.append(fila)
    tabla = pd.DataFrame(filas)
    for col, base in (("ventas_credito", "participacion_ventas_pct"),
                      ("cartera_final", "participacion_cartera_pct")):
        total = float(tabla[col].sum())
        tabla[base] = tabla[col] / total * 100.0 if total else float("nan")
    tabla["incobrables_pct"] = [
        float("nan") if v == 0 else 100.0 * c / v
        for c, v in zip(tabla["castigado_principal"], tabla["ventas_credito"], strict=True)
    ]
    tabla["resultado_credito"] = (
        tabla["margen_bruto_credito"] - tabla["costo_descuentos"] - tabla["castigado_principal"]
        - tabla["costo_cobranza"] - tabla["costo_financiero"] + tabla["cargos_cobrados"]
    )
    return tabla[list(COLUMNAS_SEGMENTO)]
