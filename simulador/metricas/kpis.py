"""Indicadores de una corrida: funciones puras de un ``ResultadoCorrida`` y su ``Escenario``.

El período medido es el horizonte, días ``0 .. H-1``; el calentamiento (días negativos) solo entra
en la cartera inicial, en la historia de ventas del DSO por recuento y en los totales del libro.
"Cartera" es el saldo abierto total (suma de los tramos de ``Series.cartera_por_tramo``).

Decisiones documentadas:

- Los gráficos usan el DSO **estándar**; el de recuento se informa al lado. La historia del recuento
  son los meses calendario del calentamiento y del horizonte (un mes parcial cuenta con sus días).
- ``cargos_cobrados`` suma la columna ``cargos_cobrados`` de las facturas cerradas en el horizonte
  (aproximación: no separa lo cobrado en el calentamiento de una factura que cerró en el horizonte).
- ``castigado_principal`` e ``incobrables_pct`` usan el capital castigado de las facturas cuyo
  ``dia_castigo`` cae en el horizonte; ``castigado`` es el libro ('castigo': capital y cargos).
- La cartera por cliente (concentración) sale del libro: facturado - cobrado - descontado -
  castigado de cada cliente sobre todos los días.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulador.config.escenario import Escenario
from simulador.metricas import formulas as f
from simulador.metricas import sumas
from simulador.metricas.calendario import meses, ventas_por_mes
from simulador.metricas.libro import (
    columnas_para_sumar,
    en_rango,
    saldos_por_cliente,
    suma_centavos,
    totales_libro,
    ventas_de_clientes,
)
from simulador.metricas.nombres import CLAVES_TRAMO, NOMBRES_KPI
from simulador.resultado import (
    CASTIGADO,
    CAUSAS_VENTA_PERDIDA,
    COBRADO,
    COD,
    DESCONTADO,
    TIPOS_COSTO,
    Costos,
    ResultadoCorrida,
)

CLAVES_COSTO: dict[str, str] = {
    "email": "costo_email",
    "sms": "costo_sms",
    "carta": "costo_carta",
    "llamada": "costo_llamada",
    "comision_agencia": "costo_agencia",
    "legal": "costo_legal",
}
"""Tipo de ``Costos`` -> clave del indicador."""


def _pct(parte: float, total: float) -> float:
    return float("nan") if total == 0 else 100.0 * parte / total


# --- piezas por factura (también las usa ``segmentos``) ------------------------------------------

@dataclass(frozen=True)
class ColumnasFacturas:
    """Las columnas de la tabla de facturas que usan los indicadores, como arreglos numpy.

    Sacarlas una vez y filtrarlas con máscaras es mucho más barato que filtrar la tabla
    (los indicadores por segmento lo hacen una vez por segmento y réplica).
    """

    vencimiento: np.ndarray  # float
    emision: np.ndarray  # float
    cierre: np.ndarray  # float (NaN si sigue abierta)
    castigo: np.ndarray  # float (NaN si no se castigó)
    pagada: np.ndarray  # bool
    con_descuento: np.ndarray  # bool
    castigado_principal: np.ndarray  # float, moneda
    cargos_cobrados: np.ndarray  # float, moneda

    @classmethod
    def de(cls, facturas: pd.DataFrame | ColumnasFacturas) -> ColumnasFacturas:
        """Las columnas de una tabla de facturas (o las mismas, si ya lo son)."""
        if isinstance(facturas, ColumnasFacturas):
            return facturas
        return cls(
            vencimiento=facturas["dia_vencimiento"].to_numpy(dtype=float),
            emision=facturas["dia_emision"].to_numpy(dtype=float),
            cierre=facturas["dia_cierre"].to_numpy(dtype=float),
            castigo=facturas["dia_castigo"].to_numpy(dtype=float),
            pagada=(facturas["estado"] == "pagada").to_numpy(dtype=bool),
            con_descuento=facturas["con_descuento"].to_numpy(dtype=bool),
            castigado_principal=facturas["castigado_principal"].to_numpy(dtype=float),
            cargos_cobrados=facturas["cargos_cobrados"].to_numpy(dtype=float),
        )

    def filtrar(self, m: np.ndarray | slice) -> ColumnasFacturas:
        """Solo las facturas marcadas."""
        return ColumnasFacturas(
            self.vencimiento[m], self.emision[m], self.cierre[m], self.castigo[m], self.pagada[m],
            self.con_descuento[m], self.castigado_principal[m], self.cargos_cobrados[m])


Facturas = pd.DataFrame | ColumnasFacturas

_COLUMNA = {"vencimiento": "dia_vencimiento", "emision": "dia_emision", "cierre": "dia_cierre",
            "castigo": "dia_castigo", "con_descuento": "con_descuento",
            "castigado_principal": "castigado_principal", "cargos_cobrados": "cargos_cobrados"}


def _col(facturas: Facturas, nombre: str) -> np.ndarray:
    """Una columna como arreglo, de una tabla de facturas o de ``ColumnasFacturas``."""
    if isinstance(facturas, ColumnasFacturas):
        return np.asarray(getattr(facturas, nombre))
    if nombre == "pagada":
        return (facturas["estado"] == "pagada").to_numpy(dtype=bool)
    tipo = bool if nombre == "con_descuento" else float
    return facturas[_COLUMNA[nombre]].to_numpy(dtype=tipo)


def pct_pagado_a_tiempo(facturas: Facturas, horizonte: int) -> float:
    """% de las facturas que vencen en el horizonte pagadas ('pagada') hasta su vencimiento."""
    venc = _col(facturas, "vencimiento")
    vencen = en_rango(venc, 0, horizonte)
    a_tiempo = vencen & _col(facturas, "pagada") & (_col(facturas, "cierre") <= venc)
    return _pct(float(a_tiempo.sum()), float(vencen.sum()))


def pct_pagado_con_descuento(facturas: Facturas, horizonte: int) -> float:
    """% de las facturas emitidas en el horizonte que se pagaron con descuento por pronto pago."""
    emitidas = en_rango(_col(facturas, "emision"), 0, horizonte)
    return _pct(float((emitidas & _col(facturas, "con_descuento")).sum()), float(emitidas.sum()))


def castigado_principal(facturas: Facturas, horizonte: int) -> float:
    """Capital castigado (moneda) de las facturas con ``dia_castigo`` en el horizonte."""
    m = en_rango(_col(facturas, "castigo"), 0, horizonte)
    return float(_col(facturas, "castigado_principal")[m].sum())


def cargos_cobrados(facturas: Facturas, horizonte: int) -> float:
    """Cargos e intereses cobrados (moneda) de las facturas cerradas en el horizonte."""
    m = en_rango(_col(facturas, "cierre"), 0, horizonte)
    return float(_col(facturas, "cargos_cobrados")[m].sum())


def costos_por_tipo(costos: Costos, desde: int, hasta: int) -> dict[str, float]:
    """Costos (moneda) con día en ``[desde, hasta)``, por clave de indicador, más
    ``costo_cobranza`` (el total)."""
    columnas = columnas_para_sumar(costos)
    salida = {CLAVES_COSTO[tipo]: sumas.sumar(*columnas, sumas.pesos((codigo,)), desde,
                                              hasta) / 100.0
              for codigo, tipo in enumerate(TIPOS_COSTO)}
    salida["costo_cobranza"] = sumas.sumar(*columnas, sumas.todos(), desde, hasta) / 100.0
    return salida


def costo_financiero(cartera_diaria: np.ndarray, costo_capital_anual_pct: float) -> float:
    """Costo de capital de financiar la cartera: tasa anual x cartera media x días / 365."""
    dias = len(cartera_diaria)
    if dias == 0:
        return 0.0
    return costo_capital_anual_pct / 100.0 * float(np.mean(cartera_diaria)) * dias / 365.0


# --- indicadores ----------------------------------------------------------------------------------

def _cartera_y_dias(res: ResultadoCorrida, esc: Escenario, ventas: float) -> dict[str, float]:
    h = res.horizonte_dias
    por_tramo = np.asarray(res.series.cartera_por_tramo, dtype=float)
    total_diario = por_tramo.sum(axis=1)
    inicial = float(np.sum(res.series.cartera_inicial_por_tramo))
    final = float(total_diario[-1])
    corriente = float(por_tramo[-1, 0])
    horizonte = meses(esc.fecha_inicio, 0, h)
    historia = meses(esc.fecha_inicio, min(-esc.calentamiento_dias, 0), h)
    k: dict[str, float] = {"cartera_inicial": inicial, "cartera_final": final}
    k.update({f"cartera_{c}": float(v) for c, v in zip(CLAVES_TRAMO, por_tramo[-1], strict=True)})
    k["cartera_promedio"] = float(total_diario.mean())
    k["pct_cartera_corriente"] = _pct(corriente, final)
    k["dso"] = f.dso_estandar(final, ventas, h)
    k["dso_recuento"] = f.dso_recuento(
        final, list(ventas_por_mes(res.libro, historia)), [m.dias for m in historia]
    )
    k["dso_mejor_posible"] = f.dso_mejor_posible(corriente, ventas, h)
    k["dias_atraso_promedio"] = k["dso"] - k["dso_mejor_posible"]
    k["cei"] = f.cei(inicial, ventas, len(horizonte), final, corriente)
    rolls = f.tasas_traspaso(por_tramo)
    for (a, b), r in zip(itertools.pairwise(CLAVES_TRAMO), rolls, strict=True):
        k[f"roll_{a}_{b.removesuffix('_mas')}"] = float(r)
    return k


def _ventas(res: ResultadoCorrida, esc: Escenario, ventas: float) -> dict[str, float]:
    k = {"ventas_credito": ventas, "ventas_contado": float(res.ventas_contado)}
    k["ventas_totales"] = ventas + k["ventas_contado"]
    for causa in CAUSAS_VENTA_PERDIDA:
        k[f"ventas_perdidas_{causa}"] = float(res.ventas_perdidas.get(causa, 0.0))
    k["ventas_perdidas"] = sum(k[f"ventas_perdidas_{c}"] for c in CAUSAS_VENTA_PERDIDA)
    k["margen_perdido"] = esc.margen_bruto_pct / 100.0 * k["ventas_perdidas"]
    return k


def _concentracion(res: ResultadoCorrida) -> dict[str, float]:
    ventas = ventas_de_clientes(res.libro, 0, res.horizonte_dias)
    cartera = saldos_por_cliente(res.libro)
    return {
        "hhi_ventas": f.hhi(ventas),
        "top1_ventas_pct": f.participacion_top(ventas, 1),
        "top5_ventas_pct": f.participacion_top(ventas, 5),
        "hhi_cartera": f.hhi(cartera),
        "top1_cartera_pct": f.participacion_top(cartera, 1),
        "top5_cartera_pct": f.participacion_top(cartera, 5),
    }


def calcular_kpis(res: ResultadoCorrida, escenario: Escenario,
                  columnas: ColumnasFacturas | None = None) -> dict[str, float]:
    """Todos los indicadores de una corrida, con las claves y el orden de ``NOMBRES_KPI``.

    Montos en moneda, porcentajes de 0 a 100, días, traspasos como razón; ``nan`` donde el
    indicador no está definido (p. ej. un traspaso desde un tramo siempre vacío).
    """
    h = res.horizonte_dias
    libro, fac = res.libro, columnas or ColumnasFacturas.de(res.facturas)
    ventas = suma_centavos(libro, (COD["factura"],), 0, h) / 100.0
    k = _ventas(res, escenario, ventas)
    k.update(_cartera_y_dias(res, escenario, ventas))

    k["cobrado"] = suma_centavos(libro, COBRADO, 0, h) / 100.0
    k["pct_pagado_a_tiempo"] = pct_pagado_a_tiempo(fac, h)
    k["pct_pagado_con_descuento"] = pct_pagado_con_descuento(fac, h)
    k["castigado"] = suma_centavos(libro, CASTIGADO, 0, h) / 100.0
    k["castigado_principal"] = castigado_principal(fac, h)
    k["incobrables_pct"] = _pct(k["castigado_principal"], ventas)
    k["costo_descuentos"] = suma_centavos(libro, (COD["descuento_pronto_pago"],), 0, h) / 100.0
    k["descuentos_total"] = suma_centavos(libro, DESCONTADO, 0, h) / 100.0
    k["cargos_cobrados"] = cargos_cobrados(fac, h)

    k.update(costos_por_tipo(res.costos, 0, h))
    k["costo_financiero"] = costo_financiero(
        np.asarray(res.series.cartera_por_tramo, dtype=float).sum(axis=1),
        escenario.costo_capital_anual_pct,
    )
    k["margen_bruto"] = escenario.margen_bruto_pct / 100.0 * k["ventas_totales"]
    k["resultado_economico"] = (
        k["margen_bruto"] - k["costo_descuentos"] - k["castigado_principal"]
        - k["costo_cobranza"] - k["costo_financiero"] + k["cargos_cobrados"]
    )
    k.update(_concentracion(res))

    t = totales_libro(res)
    k["facturado"] = t["facturado"] / 100.0
    k["cobrado_total"] = t["cobrado"] / 100.0
    k["descuentos"] = t["descontado"] / 100.0
    k["castigado_total"] = t["castigado"] / 100.0
    k["pendiente"] = t["pendiente"] / 100.0
    k["conservacion_ok"] = 1.0 if t["diferencia"] == 0 else 0.0

    if set(k) != set(NOMBRES_KPI):  # pragma: no cover - guardia de coherencia interna
        raise RuntimeError(f"claves de KPI distintas de NOMBRES_KPI: {set(k) ^ set(NOMBRES_KPI)}")
    return {clave: float(k[clave]) for clave in NOMBRES_KPI}
