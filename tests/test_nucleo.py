"""Los atajos compilados del motor dan lo mismo que numpy."""

import numpy as np
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
