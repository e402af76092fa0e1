"""Recorridos compilados de los pagos del día (numba): quién paga hoy y cómo.

Como en ``nucleo``, las cuentas son exactamente las de la versión con numpy, en el mismo orden y
con la misma aritmética de punto flotante (sin ``fastmath``): el resultado es idéntico bit a bit.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from simulador.motor.nucleo import _opciones


@njit(**_opciones)
def escanear_pagos(ids: np.ndarray, clientes: np.ndarray, estado: np.ndarray, abierta: int,
                   dia: int, dia_natural: np.ndarray,
                   dia_venc: np.ndarray, escalada: np.ndarray, en_plan: np.ndarray,
                   en_dificultad: np.ndarray, quiebra: np.ndarray, factor_dificultad: float,
                   impulso: np.ndarray, impulso_dia: np.ndarray, potencias: np.ndarray,
                   impulso_cliente: np.ndarray, lam: np.ndarray, umbral_plano: np.ndarray,
                   umbral_k: np.ndarray, dia_paso: np.ndarray, limite_viejas: int
                   ) -> tuple[np.ndarray, np.ndarray, int, np.ndarray, np.ndarray, np.ndarray,
                              np.ndarray, np.ndarray]:  # pragma: no cover - compilado
    """Las facturas abiertas que pagan hoy y su cliente (en el orden de ``ids``); acumula ``lam``.

    Una factura paga (1) si llegó su fecha natural y el cliente no está en dificultad ni la
    factura en un plan o escalada; (2) si, desde 2 días antes del vencimiento, la intensidad
    acumulada de las gestiones supera su umbral Exp(1). Ver ``diario._pagos``.

    En la misma pasada compacta la lista: salta las de ``ids`` que ya no están abiertas y
    devuelve, como ``nucleo.compactar``, dos búferes con las que siguen abiertas (antes de los
    pagos de hoy) y cuántas son, y después las que pagan y su cliente. Y, para no recorrer la
    lista otra vez en el mismo día, las candidatas (abiertas antes de los pagos, en el orden de
    ``ids``) a un paso del seguimiento (``dia_paso <= dia``) con su cliente, y a castigo
    (``dia_venc <= limite_viejas``): quien las usa vuelve a mirar si siguen abiertas.

    La intensidad no cambia si la factura no está libre o el cliente quebró (suma 0): esas no
    hacen la cuenta, y el resultado es el mismo bit a bit.
    """
    vivas = np.empty(ids.size, ids.dtype)
    vivas_clientes = np.empty(ids.size, clientes.dtype)
    pagan = np.empty(ids.size, ids.dtype)
    sus_clientes = np.empty(ids.size, clientes.dtype)
    con_paso = np.empty(ids.size, ids.dtype)
    con_paso_clientes = np.empty(ids.size, clientes.dtype)
    viejas = np.empty(ids.size, ids.dtype)
    n = k = kp = kv = 0
    for j in range(ids.size):
        i = ids[j]
        if estado[i] != abierta:
            continue
        c = clientes[j]
        vivas[n] = i
        vivas_clientes[n] = c
        n += 1
        if dia_paso[i] <= dia:
            con_paso[kp] = i
            con_paso_clientes[kp] = c
            kp += 1
        venc = dia_venc[i]
        if venc <= limite_viejas:
            viejas[kv] = i
            kv += 1
        natural = dia_natural[i] <= dia
        en_ventana = venc <= dia + 2
        if not natural and not en_ventana:
            continue  # ni llegó su fecha natural ni corre la intensidad de gestiones
        libre = escalada[i] == 0 and not en_plan[i]
        paga = natural and libre and not en_dificultad[c]
        if en_ventana and libre:
            if not quiebra[c]:
                liquidez = factor_dificultad if en_dificultad[c] else 1.0
                propio = impulso[i] * potencias[dia - impulso_dia[i]]
                lam[i] += (propio + impulso_cliente[c]) * liquidez
            if lam[i] >= umbral_plano[2 * i + umbral_k[i]]:
                paga = True
        if paga:
            pagan[k] = i
            sus_clientes[k] = c
            k += 1
    return (vivas, vivas_clientes, n, pagan[:k], sus_clientes[:k], con_paso[:kp],
            con_paso_clientes[:kp], viejas[:kv])


@njit(**_opciones)
def separar_pagos(ids: np.ndarray, clientes: np.ndarray, dia: int, ya_parcial: np.ndarray,
                  u_parcial: np.ndarray, prob_parcial: np.ndarray, segmento: np.ndarray,
                  dia_venc: np.ndarray, atraso_habitual: np.ndarray
                  ) -> tuple[np.ndarray, ...]:  # pragma: no cover - compilado
    """Separa los pagos del día en parciales y completos, en el orden de ``ids``.

    Paga solo una parte quien no lo hizo antes con esa factura y cuyo sorteo cae bajo la
    probabilidad de su segmento. Devuelve las parciales y su cliente, las completas y su cliente,
    y los clientes de las completas que pagan más de 20 días después de su atraso habitual.
    """
    n = ids.size
    parciales, cli_parciales = np.empty(n, ids.dtype), np.empty(n, clientes.dtype)
    completas, cli_completas = np.empty(n, ids.dtype), np.empty(n, clientes.dtype)
    lentos = np.empty(n, clientes.dtype)
    kp = kc = kl = 0
    for j in range(n):
        i, c = ids[j], clientes[j]
        if not ya_parcial[i] and u_parcial[i] < prob_parcial[segmento[c]]:
            parciales[kp] = i
            cli_parciales[kp] = c
            kp += 1
            continue
        completas[kc] = i
        cli_completas[kc] = c
        kc += 1
        if (dia - dia_venc[i]) > atraso_habitual[c] + 20:
            lentos[kl] = c
            kl += 1
    return parciales[:kp], cli_parciales[:kp], completas[:kc], cli_completas[:kc], lentos[:kl]


@njit(**_opciones)
def cargos_de_hoy(ids: np.ndarray, dia: int, dia_venc: np.ndarray, escalada: np.ndarray,
                  en_plan: np.ndarray, gracia: int, cargo_hecho: np.ndarray,
                  interes: np.ndarray, saldo_p: np.ndarray, interes_anual_pct: float
                  ) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compilado
    """Las abiertas ``ids`` vencidas hace más de ``gracia`` días, sin escalar ni plan (una pasada).

    Devuelve las que todavía no tenían el cargo por mora (y las marca en ``cargo_hecho``) y, si
    hay interés, las que cortan el interés hoy (cada 30 días desde la gracia); a todas les devenga
    el interés del día en ``interes``. Son las cuentas de ``diario._cargos`` con numpy, en el
    mismo orden y con la misma aritmética.
    """
    nuevas = np.empty(ids.size, ids.dtype)
    corte = np.empty(ids.size, ids.dtype)
    kn = kc = 0
    con_interes = interes_anual_pct > 0
    for j in range(ids.size):
        i = ids[j]
        tau = dia - dia_venc[i]
        if tau <= gracia or escalada[i] != 0 or en_plan[i]:
            continue
        if not cargo_hecho[i]:
            cargo_hecho[i] = True
            nuevas[kn] = i
            kn += 1
        if con_interes:
            interes[i] += saldo_p[i] * interes_anual_pct / 100.0 / 365.0
            if (tau - gracia) % 30 == 0:
                corte[kc] = i
                kc += 1
    return nuevas[:kn], corte[:kc]


@njit(**_opciones)
def abonar_en_orden(ids: np.ndarray, centavos: int, estado: np.ndarray, abierta: int,
                    dia_venc: np.ndarray, saldo_p: np.ndarray, saldo_c: np.ndarray,
                    cargos_cobrados: np.ndarray, cobrado: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compilado
    """Reparte ``centavos`` entre las abiertas de ``ids``, de la que vence antes a la que vence
    después (a igual vencimiento, en el orden de ``ids``), hasta agotarlo.

    A cada factura le abona primero al principal y después a los cargos. Devuelve las facturas
    que recibieron algo, cuánto recibió cada una (en ese orden) y las que quedaron saldadas. Son
    las cuentas de ``dinero.abonar_total`` con numpy (orden estable, ``repartir`` y ``abonar``),
    con enteros: el resultado es el mismo.
    """
    abiertas = np.empty(ids.size, ids.dtype)
    n = 0
    for j in range(ids.size):
        if estado[ids[j]] == abierta:
            # inserción estable por vencimiento (los grupos son de pocas facturas)
            i = ids[j]
            k = n
            while k > 0 and dia_venc[abiertas[k - 1]] > dia_venc[i]:
                abiertas[k] = abiertas[k - 1]
                k -= 1
            abiertas[k] = i
            n += 1
    pagadas = np.empty(n, ids.dtype)
    montos = np.empty(n, np.int64)
    saldadas = np.empty(n, ids.dtype)
    kp = ks = 0
    resto = centavos
    for j in range(n):
        if resto <= 0:
            break
        i = abiertas[j]
        saldo = saldo_p[i] + saldo_c[i]
        parte = min(resto, saldo)
        if parte <= 0:
            continue
        resto -= parte
        a_principal = min(parte, saldo_p[i])
        saldo_p[i] -= a_principal
        saldo_c[i] -= parte - a_principal
        cargos_cobrados[i] += parte - a_principal
        cobrado[i] += parte
        pagadas[kp] = i
        montos[kp] = parte
        kp += 1
        if saldo_p[i] + saldo_c[i] == 0:
            saldadas[ks] = i
            ks += 1
    return pagadas[:kp], montos[:kp], saldadas[:ks]


def calentar() -> None:
    """Compila (o carga de la caché) los recorridos con los tipos que usa el motor."""
    from simulador.motor.estado import EstadoClientes, EstadoFacturas

    f, c = EstadoFacturas(2), EstadoClientes(1, 0.5)
    ids = np.zeros(1, np.int64)
    clientes = np.zeros(1, np.int32)
    escanear_pagos(ids, clientes, f.estado, 1, 0, f.dia_natural, f.dia_venc, f.escalada,
                   f.en_plan,
                   c.en_dificultad, c.quiebra, 0.5, f.impulso, f.impulso_dia, np.ones(2),
                   c.impulso, f.lam, np.ones(4), f.umbral_k, f.dia_paso, 0)
    separar_pagos(ids, clientes, 0, f.parcial, np.ones(2), np.ones(1), np.zeros(1, np.int16),
                  f.dia_venc, np.zeros(1))
    cargos_de_hoy(ids, 0, f.dia_venc, f.escalada, f.en_plan, 0, f.cargo_hecho, f.interes,
                  f.saldo_p, 0.0)
    abonar_en_orden(ids, 0, f.estado, 1, f.dia_venc, f.saldo_p, f.saldo_c, f.cargos_cobrados,
                    f.cobrado)
