"""Tipos de salida de una corrida: libro contable, costos, series diarias, tablas y eventos.

El libro guarda montos en centavos enteros (``int64``) para que el dinero se conserve al centavo.
Los días se cuentan desde el inicio del horizonte (día 0 = ``Escenario.fecha_inicio``); los días del
calentamiento son negativos y no entran en los indicadores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

TIPOS_MOVIMIENTO: tuple[str, ...] = (
    "factura",  # 0  venta a crédito (aumenta el saldo)
    "cargo_mora",  # 1  cargo fijo o porcentual por mora (aumenta el saldo)
    "interes_mora",  # 2  interés por mora devengado (aumenta el saldo)
    "interes_plan",  # 3  interés de un plan de pago (aumenta el saldo)
    "pago",  # 4  pago que salda la factura
    "pago_parcial",  # 5  pago que deja saldo
    "cuota_plan",  # 6  cuota de un plan de pago (o su pie)
    "recuperacion_agencia",  # 7  lo que la agencia cobró al cliente (bruto)
    "recuperacion_legal",  # 8  lo recuperado por vía legal
    "descuento_pronto_pago",  # 9  descuento concedido
    "condonacion",  # 10 cargos e intereses condonados
    "castigo",  # 11 saldo castigado como incobrable
)
"""Códigos de ``Libro.tipo``: el índice en esta tupla."""

COD = {nombre: i for i, nombre in enumerate(TIPOS_MOVIMIENTO)}
FACTURADO = (COD["factura"], COD["cargo_mora"], COD["interes_mora"], COD["interes_plan"])
COBRADO = (
    COD["pago"], COD["pago_parcial"], COD["cuota_plan"],
    COD["recuperacion_agencia"], COD["recuperacion_legal"],
)
DESCONTADO = (COD["descuento_pronto_pago"], COD["condonacion"])
CASTIGADO = (COD["castigo"],)

TIPOS_COSTO: tuple[str, ...] = ("email", "sms", "carta", "llamada", "comision_agencia", "legal")
"""Códigos de ``Costos.tipo``."""

TRAMOS: tuple[str, ...] = ("corriente", "1-30", "31-60", "61-90", "91+")
"""Tramos de antigüedad por días de atraso (columnas de ``Series.cartera_por_tramo``)."""

CAUSAS_VENTA_PERDIDA: tuple[str, ...] = ("rechazo", "bloqueo", "rotacion")


@dataclass(frozen=True)
class Libro:
    """Cada movimiento de dinero de las cuentas por cobrar, en columnas."""

    dia: np.ndarray  # int32
    cliente: np.ndarray  # int32
    factura: np.ndarray  # int64, -1 si no aplica
    tipo: np.ndarray  # int8, índice en TIPOS_MOVIMIENTO
    centavos: np.ndarray  # int64, siempre >= 0

    def total(self, codigos: tuple[int, ...], desde_dia: int | None = None) -> int:
        """Suma en centavos de los movimientos de esos tipos (desde un día, si se pide)."""
        m = np.isin(self.tipo, codigos)
        if desde_dia is not None:
            m &= self.dia >= desde_dia
        return int(self.centavos[m].sum())

    def como_tabla(self) -> pd.DataFrame:
        """El libro como tabla legible (montos en unidades de moneda)."""
        return pd.DataFrame({
            "dia": self.dia,
            "cliente": self.cliente,
            "factura": self.factura,
            "tipo": np.asarray(TIPOS_MOVIMIENTO, dtype=object)[self.tipo.astype(int)],
            "monto": self.centavos / 100.0,
        })


@dataclass(frozen=True)
class Costos:
    """Costos de cobranza por canal y por escalada, en columnas."""

    dia: np.ndarray  # int32
    cliente: np.ndarray  # int32
    tipo: np.ndarray  # int8, índice en TIPOS_COSTO
    centavos: np.ndarray  # int64


@dataclass(frozen=True)
class Series:
    """Series diarias del horizonte (índice 0 = día 0); valores al cierre de cada día."""

    cartera_por_tramo: np.ndarray  # float64 [dias, len(TRAMOS)], moneda
    cobrado: np.ndarray  # float64 [dias], moneda cobrada ese día
    ventas_credito: np.ndarray  # float64 [dias], moneda facturada a crédito ese día
    facturas_abiertas: np.ndarray  # int64 [dias]
    cartera_inicial_por_tramo: np.ndarray  # float64 [len(TRAMOS)], al cierre del día -1
    cola_llamadas: np.ndarray  # int64 [dias], llamadas esperando al cierre del día

    def como_tabla(self) -> pd.DataFrame:
        """Las series como tabla diaria."""
        tabla = pd.DataFrame(self.cartera_por_tramo, columns=[f"cartera_{t}" for t in TRAMOS])
        tabla.insert(0, "dia", np.arange(len(self.cobrado)))
        tabla["cartera_total"] = self.cartera_por_tramo.sum(axis=1)
        tabla["cobrado"] = self.cobrado
        tabla["ventas_credito"] = self.ventas_credito
        tabla["facturas_abiertas"] = self.facturas_abiertas
        tabla["cola_llamadas"] = self.cola_llamadas
        return tabla


@dataclass(frozen=True)
class ResultadoCorrida:
    """Todo lo que deja una corrida: el libro, los costos, las series, las tablas y los eventos.

    ``facturas`` tiene una fila por factura emitida (columnas: factura, cliente, segmento,
    dia_emision, dia_vencimiento, monto, dia_cierre, estado, disputada, con_descuento).
    ``clientes`` tiene una fila por cliente (columnas: cliente, segmento, ancla, origen, dia_alta,
    atraso_habitual, costo_fondos_pct, confianza, en_dificultad, quiebra, dia_baja, ventas,
    cobrado, castigado). ``eventos`` tiene columnas dia, cliente, factura, tipo, detalle.
    """

    horizonte_dias: int
    libro: Libro
    costos: Costos
    series: Series
    facturas: pd.DataFrame
    clientes: pd.DataFrame
    eventos: pd.DataFrame
    ventas_perdidas: dict[str, float]  # causa -> moneda no vendida en el horizonte
    ventas_contado: float  # ventas con pago anticipado (no generan cartera)
    pendiente_centavos: int  # saldo abierto al final, contado desde el estado de las facturas
    extra: dict[str, Any] = field(default_factory=dict)
