"""Las listas de facturas abiertas por cliente dan lo mismo que recorrer la lista con numpy."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from simulador.motor import nucleo_clientes as nc
from simulador.motor.estado import ABIERTA, PAGADA

_semillas = st.integers(0, 2**32 - 1)


def _caso(semilla: int) -> tuple[np.ndarray, ...]:
    """Facturas emitidas en tandas (como los días), enlazadas por cliente; algunas se cierran
    entre tandas y otras después de la última (las búsquedas tienen que podarlas)."""
    rng = np.random.default_rng(semilla)
    p, c = 400, 30
    ids = np.sort(rng.choice(p, 250, replace=False)).astype(np.int64)  # la lista de abiertas
    clientes = rng.integers(0, c, ids.size).astype(np.int32)
    estado = np.full(p, ABIERTA, np.int8)
    reciente, anterior = np.full(c, -1, np.int64), np.full(p, -1, np.int32)
    for tanda in np.array_split(np.arange(ids.size), 5):
        nc.enlazar(ids[tanda], clientes[tanda], reciente, anterior)
        estado[rng.choice(ids[: tanda[-1] + 1], 8, replace=False)] = PAGADA
    pedidos = rng.integers(0, c, 12).astype(np.int64)  # con repetidos a propósito
    return ids, clientes, estado, pedidos, reciente, anterior


@settings(deadline=None, max_examples=60)  # la primera llamada carga lo compilado
@given(_semillas)
def test_de_clientes_igual_a_filtrar_la_lista(semilla: int) -> None:
    ids, clientes, estado, pedidos, reciente, anterior = _caso(semilla)
    marca = np.zeros(30, bool)
    esperado = ids[np.isin(clientes, pedidos) & (estado[ids] == ABIERTA)]
    for _ in range(2):  # la segunda vez, con las listas ya podadas
        np.testing.assert_array_equal(
            nc.de_clientes(pedidos, reciente, anterior, marca, estado, ABIERTA), esperado)
        assert not marca.any()


@settings(deadline=None, max_examples=60)
@given(_semillas)
def test_agregar_igual_a_bincount(semilla: int) -> None:
    ids, clientes, estado, pedidos, reciente, anterior = _caso(semilla)
    rng = np.random.default_rng(semilla + 1)
    p, dia = estado.size, 50
    dia_venc = rng.integers(20, 80, p).astype(np.int32)
    saldo_p, saldo_c = rng.integers(0, 10**7, p), rng.integers(0, 10**5, p)
    destino = (np.full(30, -1.0), np.full(30, -1.0), np.full(30, 7, np.int64),
               np.full(30, 7, np.int64))
    marca = np.zeros(30, bool)
    nc.agregar(pedidos, reciente, anterior, marca, estado, ABIERTA, dia, dia_venc, saldo_p,
               saldo_c, *destino)

    # lo mismo con numpy sobre la lista de abiertas (en orden de factura, como np.bincount)
    m = np.isin(clientes, pedidos) & (estado[ids] == ABIERTA)
    v, cli = ids[m], clientes[m]
    total = (saldo_p[v] + saldo_c[v]).astype(float)
    tau = dia - dia_venc[v]
    vencido = np.bincount(cli, weights=total * (tau > 0), minlength=30)
    saldo = np.bincount(cli, weights=total, minlength=30)
    cuenta = np.bincount(cli, minlength=30)
    atraso = np.full(30, -(10**6), np.int64)
    np.maximum.at(atraso, cli, tau)
    u = np.unique(pedidos)
    np.testing.assert_array_equal(destino[0][u], vencido[u])  # bit a bit
    np.testing.assert_array_equal(destino[1][u], saldo[u])
    np.testing.assert_array_equal(destino[2][u], atraso[u])
    np.testing.assert_array_equal(destino[3][u], cuenta[u])
    otros = np.setdiff1d(np.arange(30), u)  # los demás clientes no se tocan
    assert (destino[0][otros] == -1.0).all() and (destino[3][otros] == 7).all()
    assert not marca.any()
