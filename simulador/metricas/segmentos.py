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
from simulador.metricas import sumas
from simulador.metricas.kpis import (
    ColumnasFacturas,
    cargos_cobrados,
    castigado_principal,
    costo_financiero,
    pct_pagado_a_tiempo,
    pct_pagado_con_descuento,
)
from simulador.metricas.libro import PESOS_SALDO, columnas_para_sumar, en_rango
from simulador.orden import orden_estable
from simulador.resultado import COBRADO, COD, ResultadoCorrida

SIN_SEGMENTO = "(sin segmento)"

COLUMNAS_SEGMENTO: dict[str, tuple[str, str]] = {
    "segmento": ("Segmento", ""),
    "clientes": ("Clientes", "clientes"),
    "ventas_credito": ("Ventas a crédito", "moneda"),
    "participacion_ventas_pct": ("Participación en las ventas a crédito", "%"),
    "cobrado": ("Caja cobrada", "moneda"),
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
    inicial, diario = sumas.sumar_por_grupo_y_dia(indice, *columnas_para_sumar(res.libro),
                                                  PESOS_SALDO, n, res.horizonte_dias)
    return inicial[:, None] + np.cumsum(diario, axis=1)


def _codigos(columna: pd.Series) -> tuple[list[str], np.ndarray]:
    """Nombres distintos de una columna (en orden de aparición) y el código de cada fila."""
    if isinstance(columna.dtype, pd.CategoricalDtype):
        categorias = np.asarray([str(c) for c in columna.cat.categories] + ["nan"], dtype=object)
        codigos = columna.cat.codes.to_numpy(np.int64)  # -1 (vacío) -> "nan", como astype(str)
        inversa, usados = pd.factorize(codigos)  # en orden de aparición
        return [str(categorias[u]) for u in usados], inversa.astype(np.int64)
    inversa, unicos = pd.factorize(columna.astype(str).to_numpy())
    return [str(u) for u in unicos], inversa.astype(np.int64)


def _codigos_conocidos(columna: pd.Series, codigo_segmento: dict[str, int]) -> np.ndarray | None:
    """Código de segmento de cada fila de una columna categórica, sin recorrer textos.

    ``None`` si la columna no es categórica o si alguna fila no tiene un segmento conocido (ahí
    se usa ``_codigos``, que agrega los desconocidos en orden de aparición).
    """
    if not isinstance(columna.dtype, pd.CategoricalDtype):
        return None
    categorica = columna.array  # sin pasar por el accesor .cat (más lento)
    assert isinstance(categorica, pd.Categorical)
    mapa = np.array([codigo_segmento.get(str(c), -1) for c in categorica.categories] + [-1],
                    np.int64)
    cod = mapa[categorica.codes]  # el código -1 (vacío) toma el último: -1
    return None if (cod < 0).any() else cod


def _codigos_de_tablas(res: ResultadoCorrida, nombres: list[str], codigo_segmento: dict[str, int]
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Código de segmento de cada cliente y de cada factura, leído de las tablas, y el número de
    cada cliente. Agrega a ``nombres`` (y a ``codigo_segmento``) los segmentos desconocidos."""
    cli = res.clientes
    cod_cli = _codigos_conocidos(cli["segmento"], codigo_segmento)
    cod_fac = _codigos_conocidos(res.facturas["segmento"], codigo_segmento)
    if cod_cli is None or cod_fac is None:  # hay segmentos fuera del escenario (o vacíos)
        unicos_cli, inv_cli = _codigos(cli["segmento"])
        unicos_fac, inv_fac = _codigos(res.facturas["segmento"])
        for s in [*unicos_cli, *unicos_fac]:
            if s not in nombres:
                nombres.append(s)
        codigo_segmento.clear()
        codigo_segmento.update({s: i for i, s in enumerate(nombres)})
        cod_cli = np.array([codigo_segmento[u] for u in unicos_cli], np.int64)[inv_cli]
        cod_fac = np.array([codigo_segmento[u] for u in unicos_fac], np.int64)[inv_fac]
    return cod_cli, cod_fac, cli["cliente"].to_numpy(np.int64)


CodigosSegmento = tuple[np.ndarray, np.ndarray]
"""Código de segmento (en el orden del escenario) de cada cliente y de cada factura de una corrida
cuyos clientes son 0..n-1: lo que el cierre de un lote ya sabe sin armar las tablas."""


def kpis_por_segmento(res: ResultadoCorrida, escenario: Escenario,
                      columnas: ColumnasFacturas | None = None,
                      codigos: CodigosSegmento | None = None) -> pd.DataFrame:
    """Tabla de indicadores por segmento (columnas y nombres en ``COLUMNAS_SEGMENTO``).

    ``columnas``: las de ``res.facturas`` si ya se leyeron (para no leerlas dos veces);
    ``codigos``: los segmentos de clientes y facturas, si ya se saben (ver ``CodigosSegmento``).

    Los segmentos salen en el orden del escenario; los que aparecen en los datos sin estar en el
    escenario (o clientes sin segmento) se agregan al final.
    """
    return pd.DataFrame(columnas_por_segmento(res, escenario, columnas, codigos))


def columnas_por_segmento(res: ResultadoCorrida, escenario: Escenario,
                          columnas: ColumnasFacturas | None = None,
                          codigos: CodigosSegmento | None = None) -> dict[str, np.ndarray]:
    """Las columnas de ``kpis_por_segmento`` (sin armar la tabla), en el orden de
    ``COLUMNAS_SEGMENTO``."""
    h = res.horizonte_dias
    nombres = [s.nombre for s in escenario.segmentos]
    codigo_segmento = {s: i for i, s in enumerate(nombres)}
    if codigos is not None:
        cod_cli, cod_fac = codigos
        ids_cli = np.arange(cod_cli.size, dtype=np.int64)
    else:
        cod_cli, cod_fac, ids_cli = _codigos_de_tablas(res, nombres, codigo_segmento)
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
    n = len(nombres)
    cartera = _cartera_diaria(res, ind_libro, n) / 100.0
    columnas_libro = columnas_para_sumar(res.libro)

    def del_libro(*tipos: int) -> np.ndarray:
        """Suma por segmento (moneda) de esos tipos de movimiento en el horizonte."""
        suma, _ = sumas.sumar_por_grupo(ind_libro, *columnas_libro, sumas.pesos(tipos), 0, h, n)
        return suma / 100.0

    ventas = del_libro(COD["factura"])
    cobrado = del_libro(*COBRADO)
    descuentos = del_libro(COD["descuento_pronto_pago"])
    costo = sumas.sumar_por_grupo(ind_costos, *columnas_para_sumar(res.costos), sumas.todos(),
                                  0, h, n)[0] / 100.0
    # las facturas ordenadas por segmento (orden estable): cada segmento es un tramo contiguo
    orden = orden_estable(cod_fac)
    fac_orden = (columnas or ColumnasFacturas.de(res.facturas)).filtrar(orden)
    limites = np.searchsorted(cod_fac[orden], np.arange(n + 1))
    filas = []
    for j, nombre in enumerate(nombres):
        fac = fac_orden.filtrar(slice(int(limites[j]), int(limites[j + 1])))
        filas.append((
            nombre, float((cod_cli == j).sum()), float(cartera[j].mean()),
            f.dso_estandar(float(cartera[j, -1]), float(ventas[j]), h),
            castigado_principal(fac, h), pct_pagado_a_tiempo(fac, h),
            pct_pagado_con_descuento(fac, h), _atraso_medio_pagadas(fac, h),
            cargos_cobrados(fac, h),
            costo_financiero(cartera[j], escenario.costo_capital_anual_pct)))
    col = dict(zip(("segmento", "clientes", "cartera_promedio", "dso", "castigado_principal",
                    "pct_pagado_a_tiempo", "pct_pagado_con_descuento",
                    "atraso_medio_pagadas_dias", "cargos_cobrados", "costo_financiero"),
                   (np.array(v, dtype=object if k == 0 else float)
                    for k, v in enumerate(zip(*filas, strict=True))), strict=True))
    col["ventas_credito"], col["cobrado"] = ventas, cobrado
    col["cartera_final"] = cartera[:, -1].copy()
    col["costo_descuentos"], col["costo_cobranza"] = descuentos, costo
    col["margen_bruto_credito"] = escenario.margen_bruto_pct / 100.0 * ventas
    for fuente, destino in (("ventas_credito", "participacion_ventas_pct"),
                            ("cartera_final", "participacion_cartera_pct")):
        total = float(np.sum(col[fuente]))
        col[destino] = col[fuente] / total * 100.0 if total else np.full(n, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        col["incobrables_pct"] = np.where(ventas == 0, np.nan,
                                          100.0 * col["castigado_principal"] / ventas)
    col["resultado_credito"] = (
        col["margen_bruto_credito"] - col["costo_descuentos"] - col["castigado_principal"]
        - col["costo_cobranza"] - col["costo_financiero"] + col["cargos_cobrados"]
    )
    return {k: col[k] for k in COLUMNAS_SEGMENTO}
