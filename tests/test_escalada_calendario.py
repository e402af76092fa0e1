"""El calendario de las escaladas: cada día da las facturas de los grupos que se resuelven."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from simulador.motor.escalada import CalendarioEscalada
from simulador.motor.estado import ABIERTA, PAGADA


@settings(deadline=None, max_examples=60)
@given(st.integers(0, 2**32 - 1))
def test_facturas_de_hoy_como_recorrer_todas_las_escaladas(semilla: int) -> None:
    """Lo mismo que hacía el motor: marcar los grupos del día entre todas las escaladas abiertas
    y ordenar por número."""
    rng = np.random.default_rng(semilla)
    n_facturas = 600
    cal = CalendarioEscalada(5, 19, n_facturas)  # se resuelven los días 5 a 18
    estado = np.full(n_facturas, ABIERTA, np.int8)
    grupo_de_factura = np.full(n_facturas, -1, np.int64)
    dia_de_grupo: list[int] = []
    clientes, exitos, fracciones = [], [], []
    libres = rng.permutation(n_facturas)
    usadas = 0
    for _ in range(40):  # escaladas sucesivas: más de 64 grupos (el búfer crece)
        k = int(rng.integers(1, 6))  # clientes escalados
        cuantas = rng.integers(1, 4, k)
        ids = libres[usadas:usadas + int(cuantas.sum())]
        usadas += ids.size
        dias = rng.integers(10, 20, k)
        clientes.append(rng.integers(0, 50, k))
        exitos.append(rng.random(k) < 0.5)
        fracciones.append(rng.random(k))
        grupos = cal.agregar(clientes[-1], exitos[-1], fracciones[-1], 1 + len(clientes) % 2)
        assert list(grupos) == list(range(len(dia_de_grupo), len(dia_de_grupo) + k))
        dia_de_grupo += list(dias)
        de_cada = np.repeat(np.arange(k), cuantas)
        grupo_de_factura[ids] = grupos[de_cada]
        cal.anotar_facturas(ids, dias[de_cada])
    estado[rng.choice(usadas, usadas // 4, replace=False)] = PAGADA  # algunas ya se cerraron
    assert cal.n == len(dia_de_grupo) > 64
    cliente, exito, fraccion, via = cal.grupos()
    np.testing.assert_array_equal(cliente, np.concatenate(clientes))
    np.testing.assert_array_equal(exito, np.concatenate(exitos))
    np.testing.assert_array_equal(fraccion, np.concatenate(fracciones))
    np.testing.assert_array_equal(via, [1 + (i + 1) % 2 for i, c in enumerate(clientes)
                                            for _ in c])
    escaladas = np.flatnonzero(grupo_de_factura >= 0)
    dia_de_grupo_ = np.array(dia_de_grupo)
    for dia in range(0, 25):
        esperadas = np.sort(escaladas[(dia_de_grupo_[grupo_de_factura[escaladas]] == dia)
                                      & (estado[escaladas] == ABIERTA)])
        if dia >= 19:  # después del horizonte no se resuelve nada
            esperadas = esperadas[:0]
        np.testing.assert_array_equal(cal.facturas_de_hoy(dia, estado), esperadas)
