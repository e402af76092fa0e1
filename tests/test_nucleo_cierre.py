"""Los recorridos compilados del cierre de un lote dan lo mismo que la versión con numpy."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from simulador.motor import nucleo

_semillas = st.integers(0, 2**32 - 1)


def _lote(rng: np.random.Generator, n_rep: int) -> tuple[np.ndarray, np.ndarray]:
    """Réplica de cada cliente (tramos contiguos) y el primer cliente de cada réplica."""
    por_rep = rng.integers(1, 6, n_rep)
    desde = np.concatenate([[0], np.cumsum(por_rep)]).astype(np.int64)
    return np.repeat(np.arange(n_rep, dtype=np.int32), por_rep), desde


@settings(deadline=None, max_examples=60)  # la primera llamada carga lo compilado
@given(_semillas, st.integers(1, 5))
def test_particion_estable_igual_a_argsort(semilla: int, n: int) -> None:
    grupos = np.random.default_rng(semilla).integers(0, n, 200).astype(np.int32)
    orden, cortes = nucleo.particion_estable(grupos, n)
    np.testing.assert_array_equal(orden, np.argsort(grupos, kind="stable"))
    np.testing.assert_array_equal(cortes, np.searchsorted(np.sort(grupos), np.arange(n + 1)))


@settings(deadline=None, max_examples=60)
@given(_semillas, st.integers(1, 5))
def test_partir_libro_igual_a_numpy(semilla: int, n_rep: int) -> None:
    rng = np.random.default_rng(semilla)
    rep_cliente, desde = _lote(rng, n_rep)
    local = rng.integers(0, 1000, 50).astype(np.int64)
    m = 120
    dia = np.sort(rng.integers(-30, 60, m)).astype(np.int32)
    cliente = rng.integers(0, rep_cliente.size, m).astype(np.int32)
    factura = np.where(rng.random(m) < 0.1, -1, rng.integers(0, 50, m)).astype(np.int64)
    tipo = rng.integers(0, 8, m).astype(np.int8)
    centavos = rng.integers(1, 10**6, m).astype(np.int64)

    cortes, *cols = nucleo.partir_libro(rep_cliente, desde, local, n_rep, dia, cliente, factura,
                                        tipo, centavos)
    rep = rep_cliente[cliente]
    for r in range(n_rep):
        filas = np.flatnonzero(rep == r)  # en su orden
        esperado = (dia[filas], cliente[filas] - desde[r],
                    np.where(factura[filas] >= 0, local[np.maximum(factura[filas], 0)], -1),
                    tipo[filas], centavos[filas])
        for c, e in zip(cols, esperado, strict=True):
            np.testing.assert_array_equal(c[cortes[r]:cortes[r + 1]], e)
    assert cols[1].dtype == np.int32 and cols[2].dtype == np.int64


@settings(deadline=None, max_examples=60)
@given(_semillas, st.integers(1, 5), st.booleans())
def test_partir_costos_igual_a_numpy(semilla: int, n_rep: int, con_equipo: bool) -> None:
    rng = np.random.default_rng(semilla)
    rep_cliente, desde = _lote(rng, n_rep)
    m = 80
    dia = np.sort(rng.integers(-5, 10, m)).astype(np.int32)  # los costos cerrados van por día
    cliente = rng.integers(0, rep_cliente.size, m).astype(np.int32)
    tipo = rng.integers(0, 6, m).astype(np.int8)
    centavos = rng.integers(1, 10**5, m).astype(np.int64)
    dias_equipo = np.arange(-5, 10, dtype=np.int32) if con_equipo else np.zeros(0, np.int32)

    cortes, *cols = nucleo.partir_costos(rep_cliente, desde, n_rep, dia, cliente, tipo,
                                         centavos, dias_equipo, 3, 777)
    rep = rep_cliente[cliente]
    e = dias_equipo.size
    for r in range(n_rep):
        filas = np.flatnonzero(rep == r)
        # lo que hacía el cierre con numpy: las del equipo y después las propias, orden estable
        juntas = [np.concatenate([a, b]) for a, b in (
            (dias_equipo, dia[filas]), (np.full(e, -1, np.int32), cliente[filas] - desde[r]),
            (np.full(e, 3, np.int8), tipo[filas]), (np.full(e, 777, np.int64), centavos[filas]))]
        orden = np.argsort(juntas[0], kind="stable")
        for c, esperado in zip(cols, juntas, strict=True):
            np.testing.assert_array_equal(c[cortes[r]:cortes[r + 1]], esperado[orden])
