"""Recorridos compilados del seguimiento diario (numba): qué pasos tocan hoy y los recordatorios.

Como en ``nucleo``, las cuentas son exactamente las de la versión con numpy, en el mismo orden y
con la misma aritmética de punto flotante (sin ``fastmath``): el resultado es idéntico bit a bit.
Lo que se ahorra es el costo fijo de una decena de operaciones de numpy por paso y por día.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from simulador.motor.nucleo import _opciones


@njit(**_opciones)
def pasos_de_hoy(ids: np.ndarray, clientes: np.ndarray, dia: int, dia_paso: np.ndarray,
                 estado: np.ndarray, abierta: int, escalada: np.ndarray, en_plan: np.ndarray,
                 pausa_hasta: np.ndarray, paso_sig: np.ndarray, dia_venc: np.ndarray,
                 pasos_dias: np.ndarray, inf: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compilado
    """Las facturas abiertas a las que hoy les toca un paso del seguimiento, y lo avanza.

    Toca el paso si llegó su día, la factura no está escalada ni en un plan y el cliente no
    tiene una promesa vigente. Devuelve las facturas (en el orden de ``ids``), su cliente y el
    paso que toca; deja en cada una el paso siguiente y su día (``inf`` si no queda ninguno),
    como ``paso_sig[ids] += 1`` seguido de ``gestiones.fijar_proximo_paso``.
    """
    n_pasos = pasos_dias.size
    salida = np.empty(ids.size, ids.dtype)
    sus_clientes = np.empty(ids.size, clientes.dtype)
    paso = np.empty(ids.size, paso_sig.dtype)
    k = 0
    for j in range(ids.size):
        i = ids[j]
        if dia_paso[i] > dia or estado[i] != abierta or escalada[i] != 0 or en_plan[i]:
            continue
        c = clientes[j]
        if pausa_hasta[c] >= dia:
            continue
        salida[k] = i
        sus_clientes[k] = c
        paso[k] = paso_sig[i]
        sig = paso_sig[i] + 1
        paso_sig[i] = sig
        dia_paso[i] = dia_venc[i] + pasos_dias[sig] if sig < n_pasos else inf
        k += 1
    return salida[:k], sus_clientes[:k], paso[:k]


@njit(**_opciones)
def recordar(ids: np.ndarray, clientes: np.ndarray, dia: int, impulso: np.ndarray,
             impulso_dia: np.ndarray, potencias: np.ndarray, sens_segmento: np.ndarray,
             segmento: np.ndarray, recordatorios: np.ndarray, base: float, habituacion: float,
             confianza: np.ndarray, delta_confianza: float, marca: np.ndarray
             ) -> None:  # pragma: no cover - compilado
    """Efecto de un recordatorio sobre esas facturas (distintas) y sus clientes.

    El impulso de cada factura decae hasta hoy y suma ``comportamiento.impulso_recordatorio``
    (``base`` ya trae el canal y la personalización), con los recordatorios previos del cliente;
    después cada cliente distinto suma un recordatorio y cambia su confianza. ``marca`` (todo en
    falso) se usa para no repetir clientes y vuelve en falso.
    """
    for j in range(ids.size):
        i = ids[j]
        c = clientes[j]
        nuevo = base * sens_segmento[segmento[c]] / (1.0 + habituacion * recordatorios[c])
        impulso[i] = impulso[i] * potencias[dia - impulso_dia[i]] + nuevo
        impulso_dia[i] = dia
    for j in range(clientes.size):
        c = clientes[j]
        if not marca[c]:
            marca[c] = True
            recordatorios[c] += 1
            confianza[c] += delta_confianza
    for j in range(clientes.size):
        marca[clientes[j]] = False


def calentar() -> None:
    """Compila (o carga de la caché) los recorridos con los tipos que usa el motor."""
    from simulador.motor.estado import ABIERTA, EstadoClientes, EstadoFacturas

    f, c = EstadoFacturas(2), EstadoClientes(1, 0.5)
    ids = np.zeros(1, np.int64)
    clientes = np.zeros(1, np.int32)
    pasos_de_hoy(ids, clientes, 0, f.dia_paso, f.estado, ABIERTA, f.escalada, f.en_plan,
                 c.pausa_hasta, f.paso_sig, f.dia_venc, np.zeros(1, np.int64), 10**9)
    recordar(ids, clientes, 0, f.impulso, f.impulso_dia, np.ones(2), np.ones(1),
             np.zeros(1, np.int16), c.recordatorios, 1.0, 0.5, c.confianza, 0.01,
             np.zeros(1, bool))
