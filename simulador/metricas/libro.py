"""Lecturas del libro contable: totales por grupo, conservación del dinero y saldos por cliente.

Todo se suma en centavos enteros, de modo que la conservación se verifica al centavo:
facturado = cobrado + descontado + castigado + pendiente.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulador.metricas import sumas
from simulador.resultado import (
    CASTIGADO,
    COBRADO,
    COD,
    DESCONTADO,
    FACTURADO,
    Costos,
    Libro,
    ResultadoCorrida,
)


def en_rango(dia: np.ndarray, desde: int, hasta: int) -> np.ndarray:
    """Máscara de los días en ``[desde, hasta)``."""
    dia = np.asarray(dia)
    return np.asarray((dia >= desde) & (dia < hasta), dtype=bool)


def de_tipo(tipo: np.ndarray, codigos: tuple[int, ...]) -> np.ndarray:
    """Máscara de los movimientos con tipo en ``codigos`` (como ``np.isin``, sin ordenar)."""
    tipo = np.asarray(tipo)
    m = np.zeros(tipo.shape, bool)
    for codigo in codigos:  # pocas comparaciones son más rápidas que ordenar (np.isin)
        m |= tipo == codigo
    return m


def suma_centavos(
    libro: Libro, codigos: tuple[int, ...], desde: int | None = None, hasta: int | None = None
) -> int:
    """Suma en centavos de los movimientos de esos tipos con día en ``[desde, hasta)``."""
    tipo, dia, centavos = columnas_para_sumar(libro)
    return int(sumas.sumar(tipo, dia, centavos, sumas.pesos(tuple(codigos)),
                           -sumas.SIN_LIMITE if desde is None else desde,
                           sumas.SIN_LIMITE if hasta is None else hasta))


def columnas_para_sumar(movimientos: Libro | Costos) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tipo, día y centavos (del libro o de los costos) con los tipos de dato de las sumas
    compiladas."""
    return (np.asarray(movimientos.tipo, np.int8), np.asarray(movimientos.dia),
            np.asarray(movimientos.centavos, np.int64))


PESOS_SALDO = sumas.pesos(FACTURADO, tuple(c for c in sumas.CODIGOS if c not in FACTURADO))
"""Pesos del saldo: lo facturado suma, todo lo demás (cobros, descuentos, castigos) resta."""


def totales_libro(res: ResultadoCorrida) -> dict[str, int]:
    """Totales del libro en centavos sobre todos los días (calentamiento incluido).

    Returns:
        ``facturado``, ``cobrado``, ``descontado``, ``castigado``; ``saldo_libro`` (facturado menos
        los otros tres); ``pendiente`` (saldo contado desde el estado de las facturas) y
        ``diferencia`` (``saldo_libro - pendiente``, cero si el dinero se conserva).
    """
    libro = res.libro
    facturado = suma_centavos(libro, FACTURADO)
    cobrado = suma_centavos(libro, COBRADO)
    descontado = suma_centavos(libro, DESCONTADO)
    castigado = suma_centavos(libro, CASTIGADO)
    saldo = facturado - cobrado - descontado - castigado
    pendiente = int(res.pendiente_centavos)
    return {
        "facturado": facturado,
        "cobrado": cobrado,
        "descontado": descontado,
        "castigado": castigado,
        "saldo_libro": saldo,
        "pendiente": pendiente,
        "diferencia": saldo - pendiente,
    }


def verificar_conservacion(res: ResultadoCorrida) -> None:
    """Falla con ``AssertionError`` si facturado != cobrado + descontado + castigado + pendiente."""
    t = totales_libro(res)
    if t["diferencia"] != 0:
        raise AssertionError(
            "El dinero no se conserva: facturado "
            f"{t['facturado'] / 100:.2f} ≠ cobrado {t['cobrado'] / 100:.2f} + descontado "
            f"{t['descontado'] / 100:.2f} + castigado {t['castigado'] / 100:.2f} + pendiente "
            f"{t['pendiente'] / 100:.2f}; diferencia {t['diferencia']} centavos "
            f"({t['diferencia'] / 100:.2f} en moneda)."
        )


def saldo_por_cliente(libro: Libro, hasta: int | None = None) -> pd.Series:
    """Saldo abierto de cada cliente en centavos al cierre del día ``hasta - 1`` (o al final).

    Suma facturado - cobrado - descontado - castigado sobre todos los días del libro hasta ese día.
    """
    return _por_cliente(libro, PESOS_SALDO, -sumas.SIN_LIMITE,
                        sumas.SIN_LIMITE if hasta is None else hasta)


def ventas_por_cliente(libro: Libro, desde: int, hasta: int) -> pd.Series:
    """Ventas a crédito de cada cliente en centavos con día en ``[desde, hasta)``."""
    return _por_cliente(libro, sumas.pesos((COD["factura"],)), desde, hasta)


def saldos_por_cliente(libro: Libro) -> np.ndarray:
    """Los valores de ``saldo_por_cliente(libro)`` (sin armar la serie)."""
    return _sumas_por_cliente(libro, PESOS_SALDO, -sumas.SIN_LIMITE, sumas.SIN_LIMITE)[0]


def ventas_de_clientes(libro: Libro, desde: int, hasta: int) -> np.ndarray:
    """Los valores de ``ventas_por_cliente(libro, desde, hasta)`` (sin armar la serie)."""
    return _sumas_por_cliente(libro, sumas.pesos((COD["factura"],)), desde, hasta)[0]


def _por_cliente(libro: Libro, peso: np.ndarray, desde: int, hasta: int) -> pd.Series:
    """Suma de centavos por cliente, solo de los clientes con movimientos que cuentan (peso no
    nulo, día en ``[desde, hasta)``), en orden de número."""
    suma, clientes = _sumas_por_cliente(libro, peso, desde, hasta)
    return pd.Series(suma, index=clientes)


def _sumas_por_cliente(libro: Libro, peso: np.ndarray, desde: int, hasta: int
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Lo de ``_por_cliente`` como arreglos: la suma y el número de cada cliente."""
    cliente = np.asarray(libro.cliente)
    tipo, dia, centavos = columnas_para_sumar(libro)
    if cliente.size and cliente.min() >= 0:
        suma, filas = sumas.sumar_por_grupo(cliente, tipo, dia, centavos, peso, desde, hasta,
                                            int(cliente.max()) + 1)
        presentes = np.flatnonzero(filas)
        return suma[presentes], presentes
    m = (peso[tipo] != 0) & (dia >= desde) & (dia < hasta)
    s = pd.Series(peso[tipo[m]] * centavos[m], index=np.asarray(cliente[m], np.int64))
    s = s.groupby(level=0).sum().astype(np.int64)
    return s.to_numpy(), s.index.to_numpy()
