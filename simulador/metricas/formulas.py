"""Fórmulas de los indicadores como matemática pura sobre números y arreglos.

Cada función implementa una definición de ``dominio.md`` §5 sin saber nada de la simulación: recibe
montos (en moneda), días y arreglos, y devuelve un número. Cuando un indicador no está definido
(p. ej. ventas nulas en el denominador) se devuelve ``nan``, nunca una excepción, para que una tabla
de réplicas pueda mostrar "—" en esa celda.

Hay dos DSO: el estándar (cartera al cierre / ventas del período x días del período) y el de
recuento hacia atrás (*count-back*). Los gráficos usan el **estándar**; el de recuento se informa
al lado porque no se deforma cuando las ventas cambian de un mes a otro.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

NAN = float("nan")


def _razon(numerador: float, denominador: float) -> float:
    """numerador / denominador, o ``nan`` si el denominador es cero."""
    if denominador == 0:
        return NAN
    return float(numerador) / float(denominador)


def dso_estandar(cartera_final: float, ventas_credito: float, dias: float) -> float:
    """DSO estándar: cartera al cierre / ventas a crédito del período x días del período.

    Args:
        cartera_final: saldo total por cobrar al cierre del período (moneda).
        ventas_credito: ventas a crédito del período (moneda).
        dias: días del período.

    Returns:
        Días de venta en la calle; ``nan`` si no hubo ventas.
    """
    return _razon(cartera_final, ventas_credito) * dias


def dso_mejor_posible(cartera_corriente_final: float, ventas_credito: float, dias: float) -> float:
    """DSO mejor posible: cartera corriente (no vencida) al cierre / ventas x días."""
    return _razon(cartera_corriente_final, ventas_credito) * dias


def dso_recuento(
    cartera_final: float, ventas_meses: Sequence[float], dias_meses: Sequence[float]
) -> float:
    """DSO de recuento hacia atrás (*count-back*).

    Se parte de la cartera al cierre y se restan meses enteros de ventas a crédito, del más reciente
    al más antiguo, sumando los días de cada mes; cuando las ventas del mes siguiente superan lo que
    queda, se suma ``(lo que queda / ventas de ese mes) x días de ese mes`` y se termina. Un mes
    parcial cuenta con sus días.

    Si la cartera supera todas las ventas de la historia entregada, lo que sobra se convierte en
    días con la venta diaria media de toda la historia (``nan`` si esa historia no tiene ventas).

    Args:
        cartera_final: saldo total por cobrar al cierre (moneda).
        ventas_meses: ventas a crédito de cada mes, en orden cronológico (el más reciente al final).
        dias_meses: días de cada mes (mismo orden y largo que ``ventas_meses``).

    Returns:
        Días de venta en la calle.
    """
    if len(ventas_meses) != len(dias_meses):
        raise ValueError("ventas_meses y dias_meses deben tener el mismo largo")
    restante = float(cartera_final)
    if restante <= 0:
        return 0.0
    dias = 0.0
    for ventas, dias_mes in zip(reversed(ventas_meses), reversed(dias_meses), strict=True):
        if ventas > restante:
            return dias + restante / ventas * dias_mes
        restante -= ventas
        dias += dias_mes
        if restante <= 0:
            return dias
    venta_diaria = _razon(sum(ventas_meses), sum(dias_meses))
    if not venta_diaria > 0:
        return NAN
    return dias + restante / venta_diaria


def cei(
    cartera_inicial: float,
    ventas_credito: float,
    meses: int,
    cartera_final: float,
    cartera_corriente_final: float,
) -> float:
    """Índice de efectividad de cobranza (CEI) sobre ``meses`` meses, en %.

    ``(inicial + ventas / N - final) / (inicial + ventas / N - corriente final) x 100``.
    """
    if meses <= 0:
        raise ValueError("meses debe ser positivo")
    base = cartera_inicial + ventas_credito / meses
    return _razon(base - cartera_final, base - cartera_corriente_final) * 100.0


def tasas_traspaso(
    cartera_por_tramo: np.ndarray, *, paso: int = 30, primer_dia: int | None = None
) -> np.ndarray:
    """Tasas de traspaso (*roll rates*) entre tramos consecutivos de antigüedad.

    Se toman fotos de la cartera cada ``paso`` días (por defecto los días 29, 59, 89...). El
    traspaso del tramo ``i`` al ``i+1`` es el saldo del tramo ``i+1`` en ``t + paso`` dividido por
    el saldo del tramo ``i`` en ``t``, promediado sobre el horizonte como suma de numeradores sobre
    suma de denominadores (cada par de fotos consecutivas aporta una vez).

    Args:
        cartera_por_tramo: saldos diarios ``[dias, tramos]`` (moneda).
        paso: días entre fotos.
        primer_dia: día de la primera foto (por defecto ``paso - 1``).

    Returns:
        Arreglo de largo ``tramos - 1`` con las razones (0 a 1 o más; ``nan`` si el tramo de origen
        estuvo vacío en todas las fotos o no hay dos fotos en el horizonte).
    """
    cartera = np.asarray(cartera_por_tramo, dtype=float)
    inicio = paso - 1 if primer_dia is None else primer_dia
    fotos = np.arange(inicio, cartera.shape[0], paso)
    if len(fotos) < 2:
        return np.full(cartera.shape[1] - 1, NAN)
    antes = cartera[fotos[:-1], :-1].sum(axis=0)
    despues = cartera[fotos[1:], 1:].sum(axis=0)
    return np.array([_razon(n, d) for n, d in zip(despues, antes, strict=True)])


def _participaciones(valores: Sequence[float] | np.ndarray) -> np.ndarray:
    """Participaciones de cada valor en el total (los negativos cuentan como cero)."""
    v = np.maximum(np.asarray(valores, dtype=float), 0.0)
    total = v.sum()
    if total <= 0:
        return np.array([], dtype=float)
    return np.asarray(v / total, dtype=float)


def hhi(valores: Sequence[float] | np.ndarray) -> float:
    """Índice de Herfindahl-Hirschman en escala 0 a 10 000 (suma de participaciones % al cuadrado).

    ``nan`` si el total es cero.
    """
    s = _participaciones(valores)
    if s.size == 0:
        return NAN
    return float((s**2).sum() * 10_000.0)


def participacion_top(valores: Sequence[float] | np.ndarray, k: int) -> float:
    """Porcentaje del total que concentran los ``k`` mayores valores (``nan`` si el total es 0)."""
    s = _participaciones(valores)
    if s.size == 0:
        return NAN
    return float(np.sort(s)[::-1][:k].sum() * 100.0)


def costo_renunciar_descuento_nominal_pct(
    descuento_pct: float, dias_descuento: float, dias_neto: float
) -> float:
    """Costo anual nominal (%) de no tomar un descuento d/t neto n: d/(1-d) x 365/(n-t)."""
    d = descuento_pct / 100.0
    return d / (1.0 - d) * 365.0 / (dias_neto - dias_descuento) * 100.0


def costo_renunciar_descuento_efectivo_pct(
    descuento_pct: float, dias_descuento: float, dias_neto: float
) -> float:
    """Costo anual efectivo (%) de no tomar un descuento d/t neto n.

    ``(1 + d/(1-d))^(365/(n-t)) - 1``, expresado en %.
    """
    d = descuento_pct / 100.0
    return (math.pow(1.0 + d / (1.0 - d), 365.0 / (dias_neto - dias_descuento)) - 1.0) * 100.0
