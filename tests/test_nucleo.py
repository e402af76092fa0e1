"""Los atajos compilados del motor dan lo mismo que numpy."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from simulador.motor import nucleo


@settings(deadline=None)  # la primera llamada de cada tipo carga lo compilado
@given(hnp.arrays(st.sampled_from([np.int8, np.int32, np.int64]), st.integers(0, 200),
                  elements=st.integers(-100, 100)))
def test_unicos_igual_a_np_unique(valores: np.ndarray) -> None:
    esperado = np.unique(valores)
    obtenido = nucleo.unicos(valores)
    assert obtenido.dtype == esperado.dtype
    np.testing.assert_array_equal(obtenido, esperado)


def test_unicos_no_modifica_la_entrada() -> None:
    valores = np.array([5, 1, 5, 3, 1], np.int64)
    nucleo.unicos(valores)
    np.testing.assert_array_equal(valores, [5, 1, 5, 3, 1])


_orden = hnp.arrays(np.float64, st.integers(0, 60),
                    elements=st.floats(0, 100, allow_nan=False)).map(np.sort)


@settings(deadline=None)
@given(_orden, hnp.arrays(np.float64, st.integers(0, 60),
                          elements=st.floats(-10, 110, allow_nan=False)))
def test_buscar_derecha_igual_a_searchsorted(orden: np.ndarray, valores: np.ndarray) -> None:
    # valores de la propia lista: empates exactos con tramos planos
    valores = np.concatenate([valores, orden[::3]])
    np.testing.assert_array_equal(nucleo.buscar_derecha(orden, valores),
                                  np.searchsorted(orden, valores, side="right"))


def test_buscar_derecha_con_masa_acumulada_y_tramos_planos() -> None:
    perfil = np.where(np.arange(400) % 50 < 5, 0.0, 1.0 + 0.1 * np.sin(np.arange(400)))
    acumulado = np.concatenate([[0.0], np.cumsum(perfil)])
    u = np.random.default_rng(3).random(5000) * acumulado[-1]
    valores = np.concatenate([u, acumulado, [np.nan, -1.0]])
    np.testing.assert_array_equal(nucleo.buscar_derecha(acumulado, valores),
                                  np.searchsorted(acumulado, valores, side="right"))


@settings(deadline=None)
@given(hnp.arrays(np.int64, st.integers(0, 80), elements=st.integers(0, 6)))
def test_rango_en_grupo_igual_a_numerar_tras_orden_estable(grupos: np.ndarray) -> None:
    orden = np.argsort(grupos, kind="stable")
    esperado = np.empty(grupos.size, np.int64)
    for g in np.unique(grupos):
        tramo = orden[grupos[orden] == g]
        esperado[tramo] = np.arange(tramo.size)
    np.testing.assert_array_equal(nucleo.rango_en_grupo(grupos, 7), esperado)


@settings(deadline=None)
@given(st.integers(1, 6), st.data())
def test_sumar_por_replica_igual_a_bincount(n: int, datos: st.DataObject) -> None:
    rep_de = datos.draw(hnp.arrays(np.int32, st.integers(1, 80), elements=st.integers(0, n - 1)))
    facturas = datos.draw(hnp.arrays(np.int64, st.integers(0, 120),
                                     elements=st.integers(0, rep_de.size - 1)))
    centavos = datos.draw(hnp.arrays(np.int64, facturas.size,
                                     elements=st.integers(0, 10**12)))
    esperado = np.bincount(rep_de[facturas], weights=centavos, minlength=n).round().astype(np.int64)
    obtenido = nucleo.sumar_por_replica(rep_de, facturas, centavos, n)
    assert obtenido.dtype == np.int64
    np.testing.assert_array_equal(obtenido, esperado)


@pytest.mark.timeout(300)
def test_calentar_termina() -> None:
    """La precarga de los trabajadores (``experimentos/precarga.py``) compila todos los recorridos
    con datos mínimos; si alguno no termina, ningún trabajador arranca y la app espera para
    siempre."""
    nucleo.calentar()
