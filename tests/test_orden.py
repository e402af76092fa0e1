"""El orden estable rápido da exactamente la permutación de ``np.argsort(kind="stable")``."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from simulador.orden import orden_estable


@given(hnp.arrays(st.sampled_from([np.int8, np.int32, np.int64]),
                  st.integers(0, 300), elements=st.integers(-100, 100)))
def test_igual_a_argsort_estable_en_rango_chico(claves: np.ndarray) -> None:
    np.testing.assert_array_equal(orden_estable(claves), np.argsort(claves, kind="stable"))


@given(hnp.arrays(st.sampled_from([np.uint16, np.uint32, np.uint64]),
                  st.integers(0, 300), elements=st.integers(0, 40_000)))
def test_igual_a_argsort_estable_sin_signo(claves: np.ndarray) -> None:
    np.testing.assert_array_equal(orden_estable(claves), np.argsort(claves, kind="stable"))


@given(hnp.arrays(np.int64, st.integers(0, 200),
                  elements=st.integers(-(1 << 40), 1 << 40)))
def test_igual_a_argsort_estable_en_rango_grande(claves: np.ndarray) -> None:
    np.testing.assert_array_equal(orden_estable(claves), np.argsort(claves, kind="stable"))


def test_rango_en_el_borde_de_16_bits() -> None:
    claves = np.array([(1 << 15) - 1, 0, 5, (1 << 15) - 1, 0, 1 << 15], np.int64)
    for k in (claves[:-1], claves):
        np.testing.assert_array_equal(orden_estable(k), np.argsort(k, kind="stable"))


def test_flotantes_usan_argsort() -> None:
    claves = np.array([0.5, 0.1, 0.5, -1.0])
    np.testing.assert_array_equal(orden_estable(claves), np.argsort(claves, kind="stable"))

