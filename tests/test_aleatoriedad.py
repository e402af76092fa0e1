"""El generador por contador (``aleatoriedad.uniformes``): misma función en bloque que de a uno,
sin depender de con quién se sortea, y con distribución U(0,1).

``uniforme`` está escrito con enteros de Python (otra implementación, sin numba ni numpy), así que
comparar ambos comprueba la aritmética de 64 bits del bucle compilado.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from simulador.aleatoriedad import uniforme, uniformes

enteros = st.integers(min_value=0, max_value=2**31 - 1)


@settings(max_examples=200, deadline=None)
@given(semilla=st.integers(min_value=0, max_value=2**63 - 1), replica=enteros, cliente=enteros,
       contador=enteros, k=st.integers(min_value=1, max_value=5),
       fuente=st.sampled_from(["llamadas", "planes", "escalada", "alertas", "otra"]))
def test_en_bloque_igual_que_la_version_con_enteros_de_python(
        semilla: int, replica: int, cliente: int, contador: int, k: int, fuente: str) -> None:
    bloque = uniformes(semilla, fuente, replica, cliente, contador, k)
    assert bloque.shape == (1, k)
    for j in range(k):
        assert bloque[0, j] == uniforme(semilla, fuente, replica, cliente, contador, j)


def test_un_sorteo_no_depende_de_los_demas_del_bloque() -> None:
    rng = np.random.default_rng(3)
    rep = rng.integers(0, 40, 500)
    cli = rng.integers(0, 10_000, 500)
    cont = rng.integers(0, 50, 500)
    todo = uniformes(7, "llamadas", rep, cli, cont, 3)
    orden = rng.permutation(500)
    mezclado = uniformes(7, "llamadas", rep[orden], cli[orden], cont[orden], 3)
    assert np.array_equal(todo[orden], mezclado)
    assert np.array_equal(todo[:10], uniformes(7, "llamadas", rep[:10], cli[:10], cont[:10], 3))


def test_fuentes_y_semillas_distintas_dan_sorteos_distintos() -> None:
    cli = np.arange(1000)
    a = uniformes(1, "llamadas", 0, cli, 0)
    assert not np.array_equal(a, uniformes(1, "planes", 0, cli, 0))
    assert not np.array_equal(a, uniformes(2, "llamadas", 0, cli, 0))
    assert not np.array_equal(a, uniformes(1, "llamadas", 1, cli, 0))


def test_distribucion_uniforme_dentro_de_la_tolerancia() -> None:
    """Teoría: U(0,1) tiene media 1/2, varianza 1/12 y deciles iguales; con 400.000 sorteos la
    media tiene error estándar 0,00046 (se tolera 5 veces eso) y cada decil 0,0005 (5 veces)."""
    n = 200_000
    x = uniformes(11, "prueba", np.arange(n) % 32, np.arange(n) // 32, np.arange(n) % 7, 2).ravel()
    assert ((x >= 0) & (x < 1)).all()
    assert abs(x.mean() - 0.5) < 5 * np.sqrt(1 / 12 / x.size)
    assert abs(x.var() - 1 / 12) < 0.002
    deciles = np.bincount((x * 10).astype(int), minlength=10) / x.size
    assert np.abs(deciles - 0.1).max() < 5 * np.sqrt(0.1 * 0.9 / x.size)
    # sorteos consecutivos de una misma gestión no se correlacionan
    pares = uniformes(11, "prueba", 0, np.arange(n), 0, 2)
    assert abs(np.corrcoef(pares[:, 0], pares[:, 1])[0, 1]) < 5 / np.sqrt(n)
