"""Los recorridos compilados del seguimiento dan lo mismo que la versión con numpy."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from simulador.config import ParametrosComportamiento
from simulador.motor import comportamiento as comp
from simulador.motor import nucleo_seguimiento as ns
from simulador.motor.estado import ABIERTA, INF, PAGADA

_semillas = st.integers(0, 2**32 - 1)


def _facturas(rng: np.random.Generator, p: int, c: int) -> dict[str, np.ndarray]:
    return {
        "estado": rng.choice(np.array([ABIERTA, PAGADA], np.int8), p, p=[0.8, 0.2]),
        "dia_paso": rng.integers(0, 20, p).astype(np.int32),
        "dia_venc": rng.integers(0, 15, p).astype(np.int32),
        "escalada": rng.choice(np.array([0, 1, 2], np.int8), p, p=[0.8, 0.1, 0.1]),
        "en_plan": rng.random(p) < 0.1,
        "paso_sig": rng.integers(0, 4, p).astype(np.int16),
        "cliente": rng.integers(0, c, p).astype(np.int32),
    }


@settings(deadline=None, max_examples=60)  # la primera llamada carga lo compilado
@given(_semillas, st.integers(1, 4))
def test_pasos_de_hoy_igual_a_numpy(semilla: int, n_pasos: int) -> None:
    rng = np.random.default_rng(semilla)
    p, c, dia = 300, 40, 10
    f = _facturas(rng, p, c)
    pausa = rng.integers(5, 15, c).astype(np.int64)
    pasos_dias = np.sort(rng.integers(-5, 30, n_pasos)).astype(np.int64)
    ids = np.sort(rng.choice(p, 200, replace=False)).astype(np.int64)
    clientes = f["cliente"][ids]

    # lo que hacía el motor con numpy (diario._seguimiento y gestiones.fijar_proximo_paso)
    esp = {k: v.copy() for k, v in f.items()}
    sel = ids[(esp["dia_paso"][ids] <= dia) & (esp["estado"][ids] == ABIERTA)]
    sel = sel[(esp["escalada"][sel] == 0) & ~esp["en_plan"][sel]
              & (pausa[esp["cliente"][sel]] < dia)]
    k_esp = esp["paso_sig"][sel].copy()
    esp["paso_sig"][sel] += 1
    k = esp["paso_sig"][sel]
    prox = esp["dia_venc"][sel] + pasos_dias[np.minimum(k, n_pasos - 1)]
    esp["dia_paso"][sel] = np.where(k < n_pasos, prox, INF)

    obt_ids, obt_cli, obt_k = ns.pasos_de_hoy(
        ids, clientes, dia, f["dia_paso"], f["estado"], ABIERTA, f["escalada"], f["en_plan"],
        pausa, f["paso_sig"], f["dia_venc"], pasos_dias, INF)
    np.testing.assert_array_equal(obt_ids, sel)
    np.testing.assert_array_equal(obt_cli, esp["cliente"][sel])
    np.testing.assert_array_equal(obt_k, k_esp)
    for nombre in ("paso_sig", "dia_paso"):
        np.testing.assert_array_equal(f[nombre], esp[nombre])
    assert sel.size > 0  # el caso de prueba ejercita la selección


@settings(deadline=None, max_examples=60)
@given(_semillas, st.sampled_from(["email", "sms", "carta"]), st.booleans())
def test_recordar_igual_a_impulso_recordatorio(semilla: int, canal: str,
                                               personalizado: bool) -> None:
    rng = np.random.default_rng(semilla)
    params = ParametrosComportamiento()
    p, c, dia = 200, 30, 50
    ids = rng.choice(p, 80, replace=False).astype(np.int64)
    cli = rng.integers(0, c, ids.size).astype(np.int32)  # clientes repetidos a propósito
    segmento = rng.integers(0, 3, c).astype(np.int16)
    sens = rng.random(3) * 2
    potencias = 0.9 ** np.arange(dia + 1)
    impulso, impulso_dia = rng.random(p), rng.integers(0, dia + 1, p).astype(np.int32)
    recordatorios = rng.integers(0, 5, c).astype(np.int32)
    confianza = rng.random(c)

    # lo que hacía el motor con numpy (gestiones.ejecutar_paso)
    imp_esp, rec_esp, conf_esp = impulso.copy(), recordatorios.copy(), confianza.copy()
    imp_esp[ids] = imp_esp[ids] * potencias[dia - impulso_dia[ids]] + comp.impulso_recordatorio(
        params, canal, personalizado, sens[segmento[cli]], rec_esp[cli])
    unicos = np.unique(cli)
    rec_esp[unicos] += 1
    conf_esp[unicos] += params.delta_confianza_recordatorio

    marca = np.zeros(c, bool)
    ns.recordar(ids, cli, dia, impulso, impulso_dia, potencias, sens, segmento, recordatorios,
                comp.base_recordatorio(params, canal, personalizado), params.habituacion,
                confianza, params.delta_confianza_recordatorio, marca)
    np.testing.assert_array_equal(impulso, imp_esp)  # idéntico bit a bit, no aproximado
    np.testing.assert_array_equal(impulso_dia[ids], dia)
    np.testing.assert_array_equal(recordatorios, rec_esp)
    np.testing.assert_array_equal(confianza, conf_esp)
    assert not marca.any()
