"""Los recorridos compilados de la emisión dan lo mismo que la versión con numpy."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from simulador.motor import nucleo_emision as ne
from simulador.motor.estado import ABIERTA, INF, EstadoFacturas

_semillas = st.integers(0, 2**32 - 1)


@settings(deadline=None, max_examples=60)  # la primera llamada carga lo compilado
@given(_semillas)
def test_filtrar_compras_igual_a_numpy(semilla: int) -> None:
    rng = np.random.default_rng(semilla)
    c, dia = 40, 100
    cli = rng.integers(0, c, 200).astype(np.int32)
    quiebra, activo = rng.random(c) < 0.3, rng.random(c) < 0.8
    desde = rng.integers(80, 101, c).astype(np.int64)
    # los tres casos siempre presentes: compra en pie, cliente que se fue, quebrado hace tiempo
    cli[:3] = 0, 1, 2
    quiebra[:3], activo[:3], desde[2] = (False, False, True), (True, False, True), 80
    ok_esp = ~quiebra[cli] | (dia - desde[cli] < 10.0)
    perdida_esp = ok_esp & ~activo[cli]
    ok_esp &= activo[cli]
    ok, perdida = ne.filtrar_compras(cli, dia, quiebra, desde, 10.0, activo)
    np.testing.assert_array_equal(ok, ok_esp)
    np.testing.assert_array_equal(perdida, perdida_esp)
    assert ok.any() and perdida.any() and not (ok | perdida).all()


@settings(deadline=None, max_examples=60)
@given(_semillas, st.integers(0, 4), st.booleans())
def test_dar_de_alta_igual_a_numpy(semilla: int, n_pasos: int, con_extra: bool) -> None:
    rng = np.random.default_rng(semilla)
    p, c, n_seg, dia, plazo, extra_shock = 300, 30, 3, 40, 30, 1.0
    j = np.sort(rng.choice(p, 120, replace=False)).astype(np.int64)
    cli = rng.integers(0, c, j.size).astype(np.int32)
    monto = rng.integers(100, 10**6, j.size).astype(np.int64)
    segmento = rng.integers(0, n_seg, c).astype(np.int16)
    extra = rng.integers(0, 15, n_seg).astype(np.int64) if con_extra \
        else np.zeros(n_seg, np.int64)
    pasos_dias = np.sort(rng.integers(-10, 40, n_pasos)).astype(np.int64)
    primer_seg = np.searchsorted(pasos_dias, -(plazo + extra), side="left")
    pre = {
        # mitades exactas (sin desconfianza ni cargos): el redondeo es al par, como np.round
        "atraso": rng.integers(-10, 20, p) + 0.5,
        "cargos": np.where(rng.random(p) < 0.5, 0.0, rng.random(p) * 0.5),
        "debito": rng.random(p) < 0.1,
        "toma": rng.random(p) < 0.3,
        "dia_desc": rng.integers(0, 15, p).astype(np.int64),
        "descuento": rng.integers(1, 1000, p).astype(np.int64),
        "disputa": rng.random(p) < 0.1,
    }
    confianza = np.where(rng.random(c) < 0.5, 0.7, rng.random(c))
    en_dificultad = rng.random(c) < 0.2
    # siempre una compra que toma el descuento y una que no
    pre["toma"][j[:2]], en_dificultad[cli[0]] = (True, False), False

    # lo que hacía el motor con numpy (diario._emitir)
    esp = EstadoFacturas(p)
    atraso = pre["atraso"][j] + extra_shock + 2.0 * (0.7 - confianza[cli])
    atraso -= np.maximum(atraso, 0.0) * pre["cargos"][j]
    atraso[pre["debito"][j]] = 0.0
    seg = segmento[cli]
    venc = dia + plazo + extra[seg]
    natural = np.maximum(dia, np.round(venc + atraso)).astype(np.int64)
    toma = pre["toma"][j] & ~en_dificultad[cli]
    natural[toma] = dia + pre["dia_desc"][j[toma]]
    esp.descuento[j[toma]] = pre["descuento"][j[toma]]
    esp.estado[j] = ABIERTA
    esp.dia_emision[j] = dia
    esp.dia_venc[j] = venc
    esp.monto[j] = monto
    esp.saldo_p[j] = monto
    esp.dia_natural[j] = natural
    esp.disputada[j] = pre["disputa"][j]
    esp.con_descuento[j] = toma
    primer = primer_seg[seg]
    esp.paso_sig[j] = primer
    if n_pasos:
        esp.dia_paso[j] = np.where(primer < n_pasos,
                                   venc + pasos_dias[np.minimum(primer, n_pasos - 1)], INF)

    f = EstadoFacturas(p)
    ne.dar_de_alta(j, cli, monto, dia, extra_shock, pre["atraso"], pre["cargos"], pre["debito"],
                   confianza, 2.0, 0.7, plazo, extra, primer_seg, segmento, pasos_dias, INF,
                   pre["toma"], en_dificultad, pre["dia_desc"], pre["descuento"],
                   pre["disputa"], f.estado, ABIERTA, f.dia_emision, f.dia_venc, f.monto,
                   f.saldo_p, f.dia_natural, f.disputada, f.con_descuento, f.descuento,
                   f.paso_sig, f.dia_paso)
    for nombre in ("estado", "dia_emision", "dia_venc", "monto", "saldo_p", "dia_natural",
                   "disputada", "con_descuento", "descuento", "paso_sig", "dia_paso"):
        np.testing.assert_array_equal(getattr(f, nombre), getattr(esp, nombre), err_msg=nombre)
    assert toma.any() and not toma.all()
