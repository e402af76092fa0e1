"""Lecturas del libro contable: totales por grupo, conservación del dinero y saldos por cliente.

Todo se suma en centavos enteros, de modo que la conservación se verifica al centavo:
facturado = cobrado + descontado + castigado + pendiente.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulador.resultado import (
    CASTIGADO,
    COBRADO,
    COD,
    DESCONTADO,
    FACTURADO,
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
    m = de_tipo(libro.tipo, codigos)
    if desde is not None:
        m &= libro.dia >= desde
    if hasta is not None:
        m &= libro.dia < hasta
    return int(libro.centavos[m].astype(np.int64).sum())


def movimientos_con_signo(libro: Libro) -> np.ndarray:
    """Centavos de cada movimiento con el signo de su efecto sobre el saldo (+ factura, - cobro)."""
    c = libro.centavos.astype(np.int64)
    return np.where(de_tipo(libro.tipo, FACTURADO), c, -c)


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
    m = np.ones(len(libro.dia), dtype=bool) if hasta is None else libro.dia < hasta
    return _por_cliente(libro.cliente[m], movimientos_con_signo(libro)[m])


def ventas_por_cliente(libro: Libro, desde: int, hasta: int) -> pd.Series:
    """Ventas a crédito de cada cliente en centavos con día en ``[desde, hasta)``."""
    m = (libro.tipo == COD["factura"]) & en_rango(libro.dia, desde, hasta)
    return _por_cliente(libro.cliente[m], libro.centavos[m].astype(np.int64))


def _por_cliente(cliente: np.ndarray, centavos: np.ndarray) -> pd.Series:
    """Suma de centavos por cliente, solo de los clientes que aparecen, en orden de número."""
    cliente = np.asarray(cliente, np.int64)
    if cliente.size and cliente.min() >= 0:
        cuenta = np.bincount(cliente)
        presentes = np.flatnonzero(cuenta)
        suma = np.zeros(cuenta.size, np.int64)
        np.add.at(suma, cliente, centavos)  # enteros: exacto al centavo
        return pd.Series(suma[presentes], index=presentes)
    s = pd.Series(np.asarray(centavos, np.int64), index=cliente)
    return s.groupby(level=0).sum().astype(np.int64)
