"""Las sumas compiladas del libro dan lo mismo que máscaras de numpy (enteros: al centavo)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from simulador.metricas import sumas
from simulador.metricas.libro import PESOS_SALDO
from simulador.resultado import FACTURADO


@st.composite
def libros(draw: st.DrawFn) -> tuple[np.ndarray, ...]:
    n = draw(st.integers(0, 60))
    semilla = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(semilla)
    tipo = rng.integers(0, 14, n).astype(np.int8)
    dia = rng.integers(-30, 40, n).astype(np.int32)
    centavos = rng.integers(0, 10**12, n)  # montos grandes: sin margen para redondeos
    grupo = rng.integers(-1, 5, n).astype(np.int32)
    return tipo, dia, centavos, grupo


@settings(deadline=None)
@given(libros(), st.sets(st.integers(0, 13), max_size=5), st.integers(-40, 50),
       st.integers(-40, 50))
def test_sumar_y_por_grupo_igual_a_mascaras(libro: tuple[np.ndarray, ...], codigos: set[int],
                                            desde: int, hasta: int) -> None:
    tipo, dia, centavos, grupo = libro
    peso = sumas.pesos(tuple(sorted(codigos)))
    m = np.isin(tipo, list(codigos)) & (dia >= desde) & (dia < hasta)
    assert sumas.sumar(tipo, dia, centavos, peso, desde, hasta) == int(centavos[m].sum())
    suma, filas = sumas.sumar_por_grupo(grupo, tipo, dia, centavos, peso, desde, hasta, 5)
    for g in range(5):
        assert suma[g] == int(centavos[m & (grupo == g)].sum())
        assert filas[g] == int((m & (grupo == g)).sum())


@settings(deadline=None)
@given(libros())
def test_por_grupo_y_dia_con_signo_del_saldo(libro: tuple[np.ndarray, ...]) -> None:
    tipo, dia, centavos, grupo = libro
    firmado = np.where(np.isin(tipo, FACTURADO), centavos, -centavos)
    antes, diario = sumas.sumar_por_grupo_y_dia(grupo, tipo, dia, centavos, PESOS_SALDO, 5, 30)
    for g in range(5):
        assert antes[g] == int(firmado[(grupo == g) & (dia < 0)].sum())
        for d in range(30):
            assert diario[g, d] == int(firmado[(grupo == g) & (dia == d)].sum())


def test_pesos_restan_y_no_se_pueden_modificar() -> None:
    peso = sumas.pesos((1, 2), (3,))
    assert peso[1] == peso[2] == 1 and peso[3] == -1 and peso[0] == 0
    assert not peso.flags.writeable
