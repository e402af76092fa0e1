"""Pruebas del modo markov: teoría de la cadena absorbente, simulación, libro y cobertura.

Capas: (1) ``teoria_markov`` contra un ejemplo de libro de texto calculado a mano con fracciones;
(2) línea de tiempo exacta en cadenas deterministas; (3) pruebas de teoría con tolerancia
declarada (``test_teoria_...``): la simulación reproduce B, t y c N dentro del error de muestreo;
(4) propiedades: dinero conservado al centavo, misma semilla mismo libro; (5) cobertura del
intervalo de confianza al 95 %.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulador.config.escenario import Escenario
from simulador.config.markov import ConfigMarkov
from simulador.markov import (
    DIAS_POR_MES,
    correr_markov,
    simular_markov,
    teoria_markov,
)
from simulador.resultado import CASTIGADO, COBRADO, COD, DESCONTADO, FACTURADO

Z = 4.0
"""Tolerancia de las pruebas de teoría: |estimado - teórico| <= Z * error estándar.

Con aproximación normal, cada comparación falla por azar con probabilidad 6e-5; con semillas fijas
las pruebas son deterministas, y la tolerancia deja margen para cambiar la semilla sin ajustes.
"""

# Ejemplo de Heidman's Department Store (cuentas por cobrar), en Anderson, Sweeney, Williams,
# Camm y Cochran, "An Introduction to Management Science", capítulo "Markov Processes":
# tramos 0-30 y 31-90 días; de 0-30: 0,4 pagado, 0,3 a 0-30, 0,3 a 31-90; de 31-90: 0,4 pagado,
# 0,2 incobrable, 0,3 a 0-30, 0,1 a 31-90. Con saldos de $1.000 y $2.000 el libro obtiene
# $2.370 cobrados y $630 incobrables.
HEIDMAN = ConfigMarkov(
    estados=("0-30", "31-90"),
    matriz_mensual=((0.3, 0.3, 0.4, 0.0), (0.3, 0.1, 0.4, 0.2)),
    saldos_iniciales=(1000.0, 2000.0),
    ventas_mensuales=0.0,
    monto_unidad=100.0,
    meses=80,
)

# Cinco tramos con tasas de traspaso de una cartera comercial típica (curas incluidas).
CINCO_TRAMOS = (
    (0.10, 0.25, 0.00, 0.00, 0.00, 0.65, 0.00),
    (0.05, 0.05, 0.30, 0.00, 0.00, 0.60, 0.00),
    (0.02, 0.03, 0.05, 0.40, 0.00, 0.50, 0.00),
    (0.00, 0.02, 0.03, 0.05, 0.50, 0.35, 0.05),
    (0.00, 0.00, 0.00, 0.02, 0.60, 0.18, 0.20),
)

# Tres tramos "pegajosos": se queda mucho tiempo en cada tramo (t grande, B cerca de 0,5).
TRES_PEGAJOSOS = (
    (0.70, 0.15, 0.00, 0.15, 0.00),
    (0.10, 0.60, 0.20, 0.08, 0.02),
    (0.00, 0.05, 0.75, 0.05, 0.15),
)

# Cuatro tramos que solo avanzan (sin curas) y castigo únicamente desde el último.
CUATRO_AVANCE = (
    (0.00, 0.45, 0.00, 0.00, 0.55, 0.00),
    (0.00, 0.00, 0.50, 0.00, 0.50, 0.00),
    (0.00, 0.00, 0.00, 0.60, 0.40, 0.00),
    (0.00, 0.00, 0.00, 0.30, 0.25, 0.45),
)


def _escenario(cfg: ConfigMarkov) -> Escenario:
    return Escenario(nombre="prueba markov", modo="markov", markov=cfg)


def _avance_puro(k: int, *, saldos: tuple[float, ...], meses: int = 10) -> ConfigMarkov:
    """Cadena determinista: cada tramo pasa al siguiente y el último se castiga."""
    filas = []
    for i in range(k):
        fila = [0.0] * (k + 2)
        fila[i + 1 if i < k - 1 else k + 1] = 1.0
        filas.append(tuple(fila))
    return ConfigMarkov(
        estados=tuple(f"t{i}" for i in range(k)), matriz_mensual=tuple(filas),
        saldos_iniciales=saldos, monto_unidad=100.0, meses=meses,
    )


# --- 1. teoría contra el libro de texto -------------------------------------------------------


def test_teoria_markov_heidman_a_mano() -> None:
    """N, B, t y los montos del ejemplo de Heidman, calculados a mano con fracciones."""
    # I - Q = [[7/10, -3/10], [-3/10, 9/10]], det = 63/100 - 9/100 = 27/50.
    # N = (50/27) [[9/10, 3/10], [3/10, 7/10]] = [[5/3, 5/9], [5/9, 35/27]].
    n = [[F(5, 3), F(5, 9)], [F(5, 9), F(35, 27)]]
    # B = N R con R = [[2/5, 0], [2/5, 1/5]].
    b = [[F(8, 9), F(1, 9)], [F(20, 27), F(7, 27)]]
    # t = N 1.
    t = [F(20, 9), F(50, 27)]
    # Var(T) = (2N - I) t - t²: fila 0 = 7/3·20/9 + 10/9·50/27 - 400/81 = 560/243;
    # fila 1 = 10/9·20/9 + 43/27·50/27 - 2500/729 = 1450/729.
    t_var = [F(560, 243), F(1450, 729)]
    teoria = teoria_markov(HEIDMAN)
    np.testing.assert_allclose(teoria.N, np.array(n, dtype=float), rtol=0, atol=1e-12)
    np.testing.assert_allclose(teoria.B, np.array(b, dtype=float), rtol=0, atol=1e-12)
    np.testing.assert_allclose(teoria.t, np.array(t, dtype=float), rtol=0, atol=1e-12)
    np.testing.assert_allclose(teoria.t_varianza, np.array(t_var, dtype=float), rtol=0, atol=1e-12)
    # Cobrado = 1000·8/9 + 2000·20/27 = 64000/27 ≈ $2.370; incobrable = 17000/27 ≈ $630.
    assert 3000 * teoria.fraccion_pagada_esperada == pytest.approx(64000 / 27, abs=1e-9)
    assert 3000 * teoria.fraccion_castigada_esperada == pytest.approx(17000 / 27, abs=1e-9)
    assert round(3000 * teoria.fraccion_pagada_esperada) == 2370
    assert teoria.saldos_largo_plazo == pytest.approx([0.0, 0.0])


def test_teoria_markov_largo_plazo_es_c_por_n() -> None:
    """Con ventas constantes c, el saldo de régimen es c N[0, :] (aquí c = 300)."""
    cfg = HEIDMAN.model_copy(update={"ventas_mensuales": 300.0})
    assert teoria_markov(cfg).saldos_largo_plazo == pytest.approx([500.0, 500.0 / 3])


def test_teoria_markov_avance_puro() -> None:
    """Cadena determinista de 4 tramos: todo se castiga y t = (4, 3, 2, 1)."""
    teoria = teoria_markov(_avance_puro(4, saldos=(1.0, 1.0, 1.0, 1.0)))
    np.testing.assert_allclose(teoria.B, np.array([[0.0, 1.0]] * 4), rtol=0, atol=1e-12)
    np.testing.assert_allclose(teoria.t, [4.0, 3.0, 2.0, 1.0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(teoria.t_varianza, [0.0] * 4, rtol=0, atol=1e-12)
    assert teoria.fraccion_castigada_esperada == pytest.approx(1.0)


def test_teoria_markov_no_absorbente_es_error() -> None:
    cfg = ConfigMarkov(
        estados=("a", "b"), matriz_mensual=((0.5, 0.5, 0.0, 0.0), (0.5, 0.5, 0.0, 0.0)),
        saldos_iniciales=(1.0, 1.0),
    )
    with pytest.raises(ValueError, match="no es absorbente"):
        teoria_markov(cfg)


# --- 2. línea de tiempo exacta ----------------------------------------------------------------


def test_linea_de_tiempo_avance_puro() -> None:
    """Una partida en el primero de 3 tramos se castiga exactamente en el mes 3 (día 90)."""
    res = simular_markov(_avance_puro(3, saldos=(100.0, 0.0, 0.0), meses=5),
                         np.random.default_rng(0))
    assert res.libro is not None
    filas = list(zip(res.libro.dia.tolist(), res.libro.tipo.tolist(), strict=True))
    assert filas == [(0, COD["factura"]), (3 * DIAS_POR_MES, COD["castigo"])]
    tabla = res.tabla_mensual
    assert tabla["mes"].tolist() == [0, 1, 2, 3, 4, 5]
    assert tabla[["saldo_t0", "saldo_t1", "saldo_t2"]].to_numpy().tolist() == [
        [100, 0, 0], [0, 100, 0], [0, 0, 100], [0, 0, 0], [0, 0, 0], [0, 0, 0],
    ]
    assert tabla["castigado"].tolist() == [0, 0, 0, 100, 0, 0]
    assert res.meses_hasta_absorcion[0] == 3.0
    assert np.isnan(res.fraccion_castigada[1])  # tramo sin saldo inicial


def test_partidas_y_resto_en_centavos() -> None:
    """250,37 en partidas de 100 son 100 + 100 + 50,37; las ventas entran desde el mes 1."""
    cfg = _avance_puro(2, saldos=(250.37, 0.0), meses=3).model_copy(
        update={"ventas_mensuales": 120.0}
    )
    res = simular_markov(cfg, np.random.default_rng(0))
    assert res.libro is not None
    facturas = res.libro.centavos[res.libro.tipo == COD["factura"]]
    dias = res.libro.dia[res.libro.tipo == COD["factura"]]
    assert facturas[dias == 0].tolist() == [10000, 10000, 5037]
    for mes in (1, 2, 3):
        assert facturas[dias == mes * DIAS_POR_MES].tolist() == [10000, 2000]
    assert res.partidas_iniciales.tolist() == [3, 0]
    assert res.tabla_mensual["ventas"].tolist() == [0.0, 120.0, 120.0, 120.0]


# --- 3. teoría con tolerancia -----------------------------------------------------------------


def _comparar_con_teoria(matriz: tuple[tuple[float, ...], ...], *, partidas: int, meses: int,
                         semilla: int) -> None:
    """Simula ``partidas`` partidas de 1 por tramo y compara B y t con Z errores estándar.

    Error estándar de B[i, j]: sqrt(B (1 - B) / n); de t[i]: sqrt(Var(T_i) / n), con Var(T) de
    la teoría. Se exige que ninguna partida quede sin absorber (el horizonte no censura t).
    """
    k = len(matriz)
    cfg = ConfigMarkov(
        estados=tuple(f"t{i}" for i in range(k)), matriz_mensual=matriz,
        saldos_iniciales=(float(partidas),) * k, monto_unidad=1.0, meses=meses,
    )
    teoria = teoria_markov(cfg)
    res = simular_markov(cfg, np.random.default_rng(np.random.SeedSequence(semilla)),
                         moneda_centavos=False)
    assert res.partidas_iniciales.tolist() == [partidas] * k
    assert res.partidas_sin_absorber.tolist() == [0] * k
    for j, estimado in enumerate((res.fraccion_pagada, res.fraccion_castigada)):
        p = teoria.B[:, j]
        se = np.sqrt(p * (1 - p) / partidas)
        assert np.all(np.abs(estimado - p) <= Z * se + 1e-12), (j, estimado, p, se)
    se_t = np.sqrt(teoria.t_varianza / partidas)
    assert np.all(np.abs(res.meses_hasta_absorcion - teoria.t) <= Z * se_t), (
        res.meses_hasta_absorcion, teoria.t, se_t,
    )


def test_teoria_heidman_simulado() -> None:
    _comparar_con_teoria(HEIDMAN.matriz_mensual, partidas=50_000, meses=80, semilla=11)


def test_teoria_cinco_tramos() -> None:
    _comparar_con_teoria(CINCO_TRAMOS, partidas=50_000, meses=150, semilla=12)


def test_teoria_tres_tramos_pegajosos() -> None:
    _comparar_con_teoria(TRES_PEGAJOSOS, partidas=50_000, meses=300, semilla=13)


def test_teoria_cuatro_tramos_solo_avance() -> None:
    _comparar_con_teoria(CUATRO_AVANCE, partidas=50_000, meses=120, semilla=14)


def test_teoria_largo_plazo_c_n() -> None:
    """Con ventas constantes, el saldo de cierre promedio de los meses 60 a 200 es c N[0, :].

    Tolerancia: con partidas de 1, el saldo de un tramo en un mes es una suma de Bernoulli
    independientes (una por partida viva), con varianza <= su media; el promedio de meses
    correlacionados tiene varianza <= la mayor de ellas, así que se exige
    |promedio - c N| <= Z sqrt(c N).
    """
    cfg = ConfigMarkov(
        estados=("corriente", "1-30", "31-60", "61-90", "91+"), matriz_mensual=CINCO_TRAMOS,
        saldos_iniciales=(0.0,) * 5, ventas_mensuales=500.0, monto_unidad=1.0, meses=200,
    )
    teoria = teoria_markov(cfg)
    res = simular_markov(cfg, np.random.default_rng(np.random.SeedSequence(15)),
                         moneda_centavos=False)
    columnas = [f"saldo_{e}" for e in cfg.estados]
    promedio = res.tabla_mensual.loc[res.tabla_mensual["mes"] >= 60, columnas].mean().to_numpy()
    esperado = teoria.saldos_largo_plazo
    assert np.all(np.abs(promedio - esperado) <= Z * np.sqrt(esperado)), (promedio, esperado)


# --- 4. propiedades: conservación y determinismo ----------------------------------------------


@settings(max_examples=30, deadline=None)
@given(
    saldos=st.lists(st.integers(0, 500_000), min_size=5, max_size=5),
    ventas=st.integers(0, 100_000),
    unidad=st.integers(1, 50_000),
    meses=st.integers(1, 24),
    semilla=st.integers(0, 2**32 - 1),
)
def test_conservacion_al_centavo(saldos: list[int], ventas: int, unidad: int, meses: int,
                                 semilla: int) -> None:
    """Facturado = cobrado + castigado + pendiente, al centavo (montos generados en centavos)."""
    cfg = ConfigMarkov(
        matriz_mensual=CINCO_TRAMOS, saldos_iniciales=tuple(s / 100 for s in saldos),
        ventas_mensuales=ventas / 100, monto_unidad=unidad / 100, meses=meses,
    )
    res = simular_markov(cfg, np.random.default_rng(semilla))
    libro = res.libro
    assert libro is not None
    facturado = libro.total(FACTURADO)
    assert facturado == sum(saldos) + meses * ventas
    assert libro.total(DESCONTADO) == 0
    assert facturado == libro.total(COBRADO) + libro.total(CASTIGADO) + res.pendiente_centavos
    assert np.all(libro.centavos >= 0)
    # La tabla cuadra con el libro: saldo de cierre del último mes = pendiente.
    ultimo = res.tabla_mensual.iloc[-1]
    saldo_final = sum(ultimo[f"saldo_{e}"] for e in cfg.estados)
    assert round(saldo_final * 100) == res.pendiente_centavos
    assert round(res.tabla_mensual["pagado"].sum() * 100) == libro.total(COBRADO)
    # Cada partida se cierra a lo más una vez.
    cierres = libro.factura[libro.tipo != COD["factura"]]
    assert np.unique(cierres).size == cierres.size


def test_misma_semilla_mismo_libro() -> None:
    cfg = HEIDMAN.model_copy(update={"ventas_mensuales": 750.0, "meses": 24})
    a = correr_markov(_escenario(cfg), semilla=7)
    b = correr_markov(_escenario(cfg), semilla=7)
    assert a.libro is not None and b.libro is not None
    for campo in ("dia", "cliente", "factura", "tipo", "centavos"):
        np.testing.assert_array_equal(getattr(a.libro, campo), getattr(b.libro, campo))
    assert a.tabla_mensual.equals(b.tabla_mensual)


def test_semillas_distintas_difieren() -> None:
    cfg = HEIDMAN.model_copy(update={"ventas_mensuales": 750.0, "meses": 24})
    a = correr_markov(_escenario(cfg), semilla=7)
    b = correr_markov(_escenario(cfg), semilla=8)
    assert a.libro is not None and b.libro is not None
    assert not (
        a.libro.dia.shape == b.libro.dia.shape
        and np.array_equal(a.libro.dia, b.libro.dia)
        and np.array_equal(a.libro.tipo, b.libro.tipo)
    )


def test_correr_markov_exige_modo_markov() -> None:
    escenario = Escenario.model_construct(nombre="sin markov", modo="clientes", markov=None)
    with pytest.raises(ValueError, match="no está en modo markov"):
        correr_markov(escenario, semilla=1)


# --- 5. cobertura del intervalo de confianza --------------------------------------------------


@pytest.mark.lento
def test_cobertura_intervalo_95() -> None:
    """El intervalo t al 95 % de la media contiene el valor verdadero en ~95 % de los experimentos.

    M = 200 experimentos de R = 20 réplicas; cada réplica es una ``simular_markov`` con su propia
    semilla hija (``SeedSequence.spawn`` desde una raíz). La magnitud es la fracción del saldo
    inicial castigada, cuyo valor verdadero es ``fraccion_castigada_esperada``. Tolerancia: la
    cobertura observada es binomial(M, 0,95)/M con desvío sqrt(0,95·0,05/200) = 0,0154; ±3 desvíos
    dan [0,904, 0,996], y se exige [0,90, 0,99].
    """
    m_exp, r_rep = 200, 20
    t_975_19 = 2.093  # cuantil 0,975 de la t de Student con 19 grados de libertad (tablas)
    cfg = ConfigMarkov(
        estados=("corriente", "1-30", "31-60"),
        matriz_mensual=(
            (0.10, 0.30, 0.00, 0.58, 0.02),
            (0.05, 0.05, 0.40, 0.45, 0.05),
            (0.00, 0.05, 0.35, 0.30, 0.30),
        ),
        saldos_iniciales=(2000.0, 1500.0, 1000.0),
        monto_unidad=100.0,
        meses=60,
    )
    verdadero = teoria_markov(cfg).fraccion_castigada_esperada
    hijos = np.random.SeedSequence(20260101).spawn(m_exp * r_rep)
    cubre = 0
    for e in range(m_exp):
        x = np.array([
            simular_markov(cfg, np.random.default_rng(h), moneda_centavos=False)
            .fraccion_castigada_total
            for h in hijos[e * r_rep:(e + 1) * r_rep]
        ])
        medio = t_975_19 * x.std(ddof=1) / np.sqrt(r_rep)
        cubre += int(abs(x.mean() - verdadero) <= medio)
    cobertura = cubre / m_exp
    assert 0.90 <= cobertura <= 0.99, cobertura
