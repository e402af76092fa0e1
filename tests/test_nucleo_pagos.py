"""Los recorridos compilados de los pagos dan lo mismo que la versión con numpy."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from simulador.motor import nucleo_pagos as npg

_semillas = st.integers(0, 2**32 - 1)


@settings(deadline=None, max_examples=60)  # la primera llamada carga lo compilado
@given(_semillas)
def test_escanear_pagos_igual_a_numpy(semilla: int) -> None:
    rng = np.random.default_rng(semilla)
    p, c, dia, factor = 400, 50, 30, 0.3
    ids = np.sort(rng.choice(p, 300, replace=False)).astype(np.int64)
    clientes = rng.integers(0, c, ids.size).astype(np.int32)
    dia_natural = rng.integers(20, 40, p).astype(np.int32)
    dia_venc = rng.integers(20, 40, p).astype(np.int32)
    escalada = rng.choice(np.array([0, 1], np.int8), p, p=[0.85, 0.15])
    en_plan = rng.random(p) < 0.1
    en_dificultad = rng.random(c) < 0.2
    quiebra = en_dificultad & (rng.random(c) < 0.3)
    impulso, impulso_dia = rng.random(p), rng.integers(0, dia + 1, p).astype(np.int32)
    potencias = 0.9 ** np.arange(dia + 1)
    impulso_cliente = rng.random(c) * 0.5
    lam = rng.random(p)
    umbral_plano = rng.exponential(size=2 * p)
    umbral_k = rng.integers(0, 2, p).astype(np.int8)
    # siempre una que paga (llegó su fecha natural, libre) y una que no (ni fecha ni ventana)
    a, b = ids[:2]
    # y la que paga venció hace mucho (candidata a castigo)
    dia_natural[[a, b]], dia_venc[[a, b]] = (dia, dia + 1), (20, dia + 3)
    escalada[a], en_plan[a] = 0, False
    en_dificultad[clientes[0]] = quiebra[clientes[0]] = False

    # algunas ya no están abiertas (se cerraron desde la última vez): se saltan y se quitan
    estado = np.where(rng.random(p) < 0.2, 2, 1).astype(np.int8)
    estado[ids[:2]], estado[ids[2]] = 1, 2
    todas, todas_clientes = ids, clientes
    siguen = estado[ids] == 1
    ids, clientes = ids[siguen], clientes[siguen]

    # lo que hacía el motor con numpy (sobre la lista ya compactada)
    lam_esp = lam.copy()
    natural, ventana = dia_natural[ids] <= dia, dia_venc[ids] <= dia + 2
    libre = (escalada[ids] == 0) & ~en_plan[ids]
    paga = natural & libre & ~en_dificultad[clientes]
    liquidez = np.where(quiebra[clientes], 0.0, np.where(en_dificultad[clientes], factor, 1.0))
    v = ids[ventana]
    propio = impulso[v] * potencias[dia - impulso_dia[v]]
    lam_esp[v] += (propio + impulso_cliente[clientes[ventana]]) * liquidez[ventana] \
        * np.where(libre[ventana], 1.0, 0.0)
    paga[ventana] |= libre[ventana] & (lam_esp[v] >= umbral_plano[2 * v + umbral_k[v]])
    # las candidatas a un paso del seguimiento y a castigo, entre las abiertas
    dia_paso = rng.integers(20, 40, p).astype(np.int32)
    dia_paso[ids[0]], dia_paso[ids[1]] = dia, dia + 1  # una con paso hoy y una sin paso
    limite_viejas = 25
    con_paso = dia_paso[ids] <= dia
    viejas = dia_venc[ids] <= limite_viejas

    (vivas, vivas_cli, n, pids, pcli, paso_ids, paso_cli, viejas_ids) = npg.escanear_pagos(
        todas, todas_clientes, estado, 1, dia, dia_natural, dia_venc, escalada, en_plan,
        en_dificultad, quiebra, factor, impulso, impulso_dia, potencias, impulso_cliente, lam,
        umbral_plano, umbral_k, dia_paso, limite_viejas)
    np.testing.assert_array_equal(vivas[:n], ids)
    np.testing.assert_array_equal(vivas_cli[:n], clientes)
    np.testing.assert_array_equal(pids, ids[paga])
    np.testing.assert_array_equal(pcli, clientes[paga])
    np.testing.assert_array_equal(lam, lam_esp)  # bit a bit
    np.testing.assert_array_equal(paso_ids, ids[con_paso])
    np.testing.assert_array_equal(paso_cli, clientes[con_paso])
    np.testing.assert_array_equal(viejas_ids, ids[viejas])
    assert paga.any() and not paga.all() and con_paso.any() and not con_paso.all()
    assert viejas.any() and not viejas.all()


@settings(deadline=None, max_examples=60)
@given(_semillas)
def test_separar_pagos_igual_a_numpy(semilla: int) -> None:
    rng = np.random.default_rng(semilla)
    p, c, dia = 300, 40, 60
    ids = rng.choice(p, 150, replace=False).astype(np.int64)
    clientes = rng.integers(0, c, ids.size).astype(np.int32)
    ya_parcial = rng.random(p) < 0.3
    u_parcial = rng.random(p)
    prob = 0.05 + rng.random(3) * 0.45
    segmento = rng.integers(0, 3, c).astype(np.int16)
    dia_venc = rng.integers(0, 60, p).astype(np.int32)
    atraso_habitual = rng.normal(10, 10, c)
    # siempre una parcial y una completa mucho más lenta que su costumbre
    ya_parcial[ids[:2]], u_parcial[ids[0]] = (False, True), 0.0
    dia_venc[ids[1]], atraso_habitual[clientes[1]] = 0, 0.0

    parcial = ~ya_parcial[ids] & (u_parcial[ids] < prob[segmento[clientes]])
    resto, resto_cli = ids[~parcial], clientes[~parcial]
    lentas = (dia - dia_venc[resto]) > atraso_habitual[resto_cli] + 20

    q, q_cli, comp, comp_cli, lentos = npg.separar_pagos(
        ids, clientes, dia, ya_parcial, u_parcial, prob, segmento, dia_venc, atraso_habitual)
    np.testing.assert_array_equal(q, ids[parcial])
    np.testing.assert_array_equal(q_cli, clientes[parcial])
    np.testing.assert_array_equal(comp, resto)
    np.testing.assert_array_equal(comp_cli, resto_cli)
    np.testing.assert_array_equal(lentos, resto_cli[lentas])
    assert parcial.any() and lentas.any()


@settings(deadline=None, max_examples=60)
@given(_semillas)
def test_cargos_de_hoy_igual_a_numpy(semilla: int) -> None:
    rng = np.random.default_rng(semilla)
    p, dia, gracia, tasa = 300, 100, 5, 24.0
    ids = np.sort(rng.choice(p, 200, replace=False)).astype(np.int64)
    dia_venc = rng.integers(0, 110, p).astype(np.int32)
    escalada = rng.choice(np.array([0, 1], np.int8), p, p=[0.85, 0.15])
    en_plan = rng.random(p) < 0.1
    cargo_hecho = rng.random(p) < 0.5
    interes = rng.random(p) * 100
    saldo_p = rng.integers(100, 10**7, p)
    # siempre una vencida sin cargo que corta hoy, una con cargo y una dentro de la gracia
    a, b, c = ids[:3]
    dia_venc[[a, b, c]] = dia - gracia - 30, dia - gracia - 1, dia - gracia
    escalada[[a, b]], en_plan[[a, b]], cargo_hecho[[a, b]] = 0, False, (False, True)

    # lo que hacía el motor con numpy
    hecho_esp, interes_esp = cargo_hecho.copy(), interes.copy()
    tau = dia - dia_venc[ids]
    vencidas = (tau > gracia) & (escalada[ids] == 0) & ~en_plan[ids]
    v = ids[vencidas]
    nuevo_esp = v[~hecho_esp[v]]
    hecho_esp[v] = True
    interes_esp[v] += saldo_p[v] * tasa / 100.0 / 365.0
    corte_esp = v[((tau[vencidas] - gracia) % 30) == 0]

    nuevo, corte = npg.cargos_de_hoy(ids, dia, dia_venc, escalada, en_plan, gracia, cargo_hecho,
                                     interes, saldo_p, tasa)
    np.testing.assert_array_equal(nuevo, nuevo_esp)
    np.testing.assert_array_equal(corte, corte_esp)
    np.testing.assert_array_equal(cargo_hecho, hecho_esp)
    np.testing.assert_array_equal(interes, interes_esp)  # bit a bit
    assert a in nuevo and a in corte and b not in nuevo and c not in v

    # sin interés: marca los cargos y no toca el interés
    antes = interes.copy()
    _, corte = npg.cargos_de_hoy(ids, dia + 30, dia_venc, escalada, en_plan, gracia, cargo_hecho,
                                 interes, saldo_p, 0.0)
    assert corte.size == 0
    np.testing.assert_array_equal(interes, antes)


def _abonar_total_numpy(ids, centavos, estado, dia_venc, saldo_p, saldo_c, cargos_cobrados,
                        cobrado):
    """La versión con numpy de ``dinero.abonar_total`` (orden estable, repartir y abonar)."""
    from simulador.motor.dinero import repartir

    ids = ids[estado[ids] == 1]
    if ids.size == 0 or centavos <= 0:
        vacio = np.zeros(0, np.int64)
        return vacio, vacio, vacio
    ids = ids[np.argsort(dia_venc[ids], kind="stable")]
    saldos = saldo_p[ids] + saldo_c[ids]
    parte = repartir(saldos, np.zeros(ids.size, np.int64), np.full(ids.size, centavos))
    ids, monto = ids[parte > 0], parte[parte > 0]
    a_principal = np.minimum(monto, saldo_p[ids])
    saldo_p[ids] -= a_principal
    saldo_c[ids] -= monto - a_principal
    cargos_cobrados[ids] += monto - a_principal
    cobrado[ids] += monto
    return ids, monto, ids[(saldo_p[ids] + saldo_c[ids]) == 0]


@settings(deadline=None, max_examples=200)
@given(_semillas)
def test_abonar_en_orden_igual_a_numpy(semilla: int) -> None:
    rng = np.random.default_rng(semilla)
    p = 40
    ids = rng.choice(p, int(rng.integers(0, 12)), replace=False).astype(np.int64)
    estado = np.where(rng.random(p) < 0.2, 2, 1).astype(np.int8)
    dia_venc = rng.integers(0, 4, p).astype(np.int32)  # con empates: el orden estable importa
    saldo_p = rng.integers(0, 5_000, p).astype(np.int64)
    saldo_c = np.where(rng.random(p) < 0.5, rng.integers(0, 800, p), 0).astype(np.int64)
    if ids.size >= 3:
        # siempre una sin saldo (no recibe nada) y el monto alcanza para saldar la primera
        saldo_p[ids[0]] = saldo_c[ids[0]] = 0
        estado[ids[:3]] = 1
    total = int((saldo_p[ids] + saldo_c[ids]).sum()) if ids.size else 0
    centavos = int(rng.integers(-100, total + 2_000))  # a veces nada; a veces sobra
    cargos, cobrado = np.zeros(p, np.int64), np.zeros(p, np.int64)
    esperado_arreglos = [saldo_p.copy(), saldo_c.copy(), cargos.copy(), cobrado.copy()]
    esperado = _abonar_total_numpy(ids, centavos, estado, dia_venc, *esperado_arreglos)
    obtenido = npg.abonar_en_orden(ids, centavos, estado, 1, dia_venc, saldo_p, saldo_c, cargos,
                                   cobrado)
    for x, y in zip(obtenido, esperado, strict=True):
        assert np.array_equal(x, y)
    for x, y in zip((saldo_p, saldo_c, cargos, cobrado), esperado_arreglos, strict=True):
        assert np.array_equal(x, y)
