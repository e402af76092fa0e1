"""Recorridos compilados de la emisión del día (numba): qué compras se hacen y el alta de cada
factura.

Como en ``nucleo``, las cuentas son exactamente las de la versión con numpy, en el mismo orden y
con la misma aritmética de punto flotante (sin ``fastmath``; el redondeo es al par más cercano,
como ``np.round``): el resultado es idéntico bit a bit.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from simulador.motor.nucleo import _opciones


@njit(**_opciones)
def filtrar_compras(clientes: np.ndarray, dia: int, quiebra: np.ndarray,
                    dificultad_desde: np.ndarray, dias_tras_quiebra: float, activo: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compilado
    """Qué compras potenciales del día siguen en pie y cuáles se pierden porque el cliente se fue.

    Quien quiebra sigue comprando unos días (sin pagar) y luego cierra; quien se fue ya no compra
    (venta perdida por rotación). Devuelve las dos máscaras (en pie, perdida).
    """
    ok = np.empty(clientes.size, np.bool_)
    perdida = np.empty(clientes.size, np.bool_)
    for j in range(clientes.size):
        c = clientes[j]
        sigue = not quiebra[c] or dia - dificultad_desde[c] < dias_tras_quiebra
        perdida[j] = sigue and not activo[c]
        ok[j] = sigue and activo[c]
    return ok, perdida


@njit(**_opciones)
def dar_de_alta(j: np.ndarray, clientes: np.ndarray, montos: np.ndarray, dia: int,
                atraso_extra: float, pre_atraso: np.ndarray, pre_cargos: np.ndarray,
                pre_debito: np.ndarray, confianza: np.ndarray, dias_por_desconfianza: float,
                confianza_inicial: float, plazo: int, plazo_extra_seg: np.ndarray,
                primer_paso_seg: np.ndarray, segmento: np.ndarray, pasos_dias: np.ndarray,
                inf: int, pre_toma: np.ndarray, en_dificultad: np.ndarray,
                pre_dia_desc: np.ndarray, pre_descuento: np.ndarray, pre_disputa: np.ndarray,
                estado: np.ndarray, abierta: int, dia_emision: np.ndarray, dia_venc: np.ndarray,
                monto: np.ndarray, saldo_p: np.ndarray, dia_natural: np.ndarray,
                disputada: np.ndarray, con_descuento: np.ndarray, descuento: np.ndarray,
                paso_sig: np.ndarray, dia_paso: np.ndarray
                ) -> None:  # pragma: no cover - compilado
    """Da de alta las facturas del día (compras ``j`` de ``clientes`` por ``montos``).

    Vence a los ``plazo`` días más el plazo adicional del segmento. La fecha natural de pago es
    el vencimiento más el atraso precalculado de la compra, los shocks del día y la desconfianza
    del cliente; los cargos por mora la acortan, el débito directo paga al vencer y quien toma el
    descuento paga en su plazo. El primer paso del seguimiento es el primero que cae después de
    la emisión. Ver ``diario._emitir``.
    """
    n_pasos = pasos_dias.size
    for k in range(j.size):
        i, c = j[k], clientes[k]
        atraso = pre_atraso[i] + atraso_extra + dias_por_desconfianza * (
            confianza_inicial - confianza[c])
        atraso -= max(atraso, 0.0) * pre_cargos[i]
        if pre_debito[i]:
            atraso = 0.0
        s = segmento[c]
        venc = dia + plazo + plazo_extra_seg[s]
        natural = int(max(float(dia), np.rint(venc + atraso)))
        toma = pre_toma[i] and not en_dificultad[c]
        if toma:
            natural = dia + pre_dia_desc[i]
            descuento[i] = pre_descuento[i]
        estado[i] = abierta
        dia_emision[i] = dia
        dia_venc[i] = venc
        monto[i] = montos[k]
        saldo_p[i] = montos[k]
        dia_natural[i] = natural
        disputada[i] = pre_disputa[i]
        con_descuento[i] = toma
        primer = primer_paso_seg[s]
        paso_sig[i] = primer
        if n_pasos:
            dia_paso[i] = venc + pasos_dias[primer] if primer < n_pasos else inf


def calentar() -> None:
    """Compila (o carga de la caché) los recorridos con los tipos que usa el motor."""
    from simulador.motor.estado import ABIERTA, EstadoClientes, EstadoFacturas

    f, c = EstadoFacturas(2), EstadoClientes(1, 0.5)
    clientes = np.zeros(1, np.int32)
    filtrar_compras(clientes, 0, c.quiebra, c.dificultad_desde, 3.0, c.activo)
    z, cero, no = np.zeros(1, np.int64), np.zeros(2), np.zeros(2, bool)
    dar_de_alta(z, clientes, z, 0, 0.0, cero, cero, no, c.confianza, 1.0, 0.5, 30, z, z,
                np.zeros(1, np.int16), z, 10**9, no, c.en_dificultad, z, z, no, f.estado,
                ABIERTA, f.dia_emision, f.dia_venc, f.monto, f.saldo_p, f.dia_natural,
                f.disputada, f.con_descuento, f.descuento, f.paso_sig, f.dia_paso)
