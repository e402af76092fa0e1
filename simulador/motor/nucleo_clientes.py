"""Las facturas abiertas de cada cliente (numba): una lista enlazada por cliente.

Varias veces por día el motor busca las facturas abiertas de algunos clientes: los de la cola de
la mesa, los que vencen una promesa, los que salen de su dificultad, los que compran con crédito
suspendido o con límite. Recorrer todas las abiertas en cada búsqueda cuesta lo mismo aunque los
clientes sean pocos; con las listas, cada búsqueda mira solo las facturas de esos clientes.

Cada cliente apunta a su factura más reciente (``factura_reciente``) y cada factura a la anterior
del mismo cliente (``anterior``); la emisión agrega al frente. Una factura no vuelve a abrirse
una vez cerrada, así que las búsquedas quitan de la lista las cerradas que encuentran: cada
factura se quita una sola vez en toda la corrida. Las búsquedas devuelven las facturas en orden
de número, como la lista de abiertas. Las sumas por cliente son de centavos enteros en punto
flotante, exactas en cualquier orden (por debajo de 2**53), así que dan lo mismo bit a bit.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from simulador.motor.nucleo import _opciones


@njit(**_opciones)
def enlazar(facturas: np.ndarray, clientes: np.ndarray, factura_reciente: np.ndarray,
            anterior: np.ndarray) -> None:  # pragma: no cover - compilado
    """Agrega facturas recién emitidas (en orden de número) al frente de la lista de su cliente."""
    for k in range(facturas.size):
        i, c = facturas[k], clientes[k]
        anterior[i] = factura_reciente[c]
        factura_reciente[c] = i


@njit(**_opciones)
def _podar(c: int, factura_reciente: np.ndarray, anterior: np.ndarray, estado: np.ndarray,
           abierta: int) -> int:  # pragma: no cover - compilado
    """Quita de la lista del cliente las facturas cerradas; devuelve cuántas abiertas quedan."""
    previa, i, n = -1, factura_reciente[c], 0
    while i >= 0:
        siguiente = anterior[i]
        if estado[i] != abierta:
            if previa < 0:
                factura_reciente[c] = siguiente
            else:
                anterior[previa] = siguiente
        else:
            previa = i
            n += 1
        i = siguiente
    return n


@njit(**_opciones)
def de_clientes(clientes: np.ndarray, factura_reciente: np.ndarray, anterior: np.ndarray,
                marca: np.ndarray, estado: np.ndarray, abierta: int
                ) -> np.ndarray:  # pragma: no cover - compilado
    """Las facturas abiertas de esos clientes (sin repetir), en orden de número.

    ``marca`` (todo en falso) se usa para no repetir clientes y vuelve en falso.
    """
    n = 0
    for c in clientes:
        if not marca[c]:
            marca[c] = True
            n += _podar(c, factura_reciente, anterior, estado, abierta)
    salida = np.empty(n, np.int64)
    k = 0
    for c in clientes:
        if marca[c]:
            marca[c] = False
            i = factura_reciente[c]
            while i >= 0:
                salida[k] = i
                k += 1
                i = anterior[i]
    return np.sort(salida)


@njit(**_opciones)
def agregar(clientes: np.ndarray, factura_reciente: np.ndarray, anterior: np.ndarray,
            marca: np.ndarray, estado: np.ndarray, abierta: int, dia: int, dia_venc: np.ndarray,
            saldo_p: np.ndarray, saldo_c: np.ndarray, vencido: np.ndarray, saldo: np.ndarray,
            atraso: np.ndarray, cuenta: np.ndarray) -> None:  # pragma: no cover - compilado
    """Agregados de las facturas abiertas de esos clientes (y solo de ellos).

    Para cada cliente: el saldo vencido y el saldo total (centavos en punto flotante), los días
    del atraso mayor (-10**6 sin facturas) y el número de facturas abiertas. ``marca`` como en
    ``de_clientes``.
    """
    for c in clientes:
        vencido[c] = 0.0
        saldo[c] = 0.0
        atraso[c] = -(10**6)
        cuenta[c] = 0
    for c in clientes:
        if marca[c]:
            continue
        marca[c] = True
        _podar(c, factura_reciente, anterior, estado, abierta)
        i = factura_reciente[c]
        while i >= 0:
            tau = dia - dia_venc[i]
            total = saldo_p[i] + saldo_c[i]
            vencido[c] += float(total * (1 if tau > 0 else 0))
            saldo[c] += float(total)
            if tau > atraso[c]:
                atraso[c] = tau
            cuenta[c] += 1
            i = anterior[i]
    for c in clientes:
        marca[c] = False


def calentar() -> None:
    """Compila (o carga de la caché) los recorridos con los tipos que usa el motor."""
    from simulador.motor.estado import ABIERTA, EstadoClientes, EstadoFacturas

    f, c = EstadoFacturas(2), EstadoClientes(1, 0.5)
    uno, cero = np.zeros(1, np.int64), np.zeros(1)
    enlazar(uno, np.zeros(1, np.int32), c.factura_reciente, f.anterior)
    # por día de resolución (escalada.py), en listas aparte: volver a enlazar la misma factura en
    # la misma lista la dejaría apuntando a sí misma
    enlazar(uno, uno.copy(), np.full(1, -1, np.int64), np.full(1, -1, np.int32))
    de_clientes(uno, c.factura_reciente, f.anterior, np.zeros(1, bool), f.estado, ABIERTA)
    agregar(uno, c.factura_reciente, f.anterior, np.zeros(1, bool), f.estado, ABIERTA, 0,
            f.dia_venc, f.saldo_p, f.saldo_c, cero, cero.copy(), uno.copy(), uno.copy())
