"""Movimientos de dinero sobre las facturas: cargos, pagos, abonos y castigos.

Cada función cambia los saldos y anota el movimiento en el libro en la misma operación, de modo
que el libro y los saldos no pueden desacoplarse (el dinero se conserva al centavo).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulador.motor import nucleo, nucleo_pagos
from simulador.motor.estado import ABIERTA, CASTIGADA, PAGADA

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion


def cargar(sim: Simulacion, ids: np.ndarray, centavos: np.ndarray, tipo: str) -> None:
    """Agrega cargos o intereses (``cargo_mora``, ``interes_mora``, ``interes_plan``)."""
    f = sim.f
    centavos = np.asarray(centavos, np.int64)
    f.saldo_c[ids] += centavos
    f.cargos[ids] += centavos
    sim.libro.bloque(sim.dia, ids, tipo, centavos)


def _cerrar(sim: Simulacion, ids: np.ndarray, estado: int) -> None:
    f = sim.f
    f.estado[ids] = estado
    f.dia_cierre[ids] = sim.dia
    sim.hay_cierres = True


def saldar(sim: Simulacion, ids: np.ndarray, tipo: str = "pago") -> None:
    """El cliente salda esas facturas: paga el principal y, según su hábito, los cargos.

    Los cargos que no paga se condonan (se anotan como ``condonacion``).
    """
    if ids.size == 0:
        return
    f = sim.f
    monto, condonado = nucleo.saldar(
        ids, sim.cartera.c_u_cargos, sim.params.prob_paga_cargos_pct / 100.0, f.saldo_p,
        f.saldo_c, f.cobrado, f.cargos_cobrados, f.cargos_condonados, f.estado, f.dia_cierre,
        sim.dia, PAGADA)
    sim.libro.bloque(sim.dia, ids, tipo, monto)
    sim.libro.bloque(sim.dia, ids, "condonacion", condonado)
    sim.sumar_cobrado(ids, monto)
    sim.hay_cierres = True


def conceder_descuento(sim: Simulacion, ids: np.ndarray) -> None:
    """Concede el descuento por pronto pago de esas facturas (reduce el principal)."""
    f = sim.f
    d = np.minimum(f.descuento[ids], f.saldo_p[ids])
    f.saldo_p[ids] -= d
    f.descuento[ids] = d
    sim.libro.bloque(sim.dia, ids, "descuento_pronto_pago", d)


def abonar(sim: Simulacion, ids: np.ndarray, centavos: np.ndarray, tipo: str) -> None:
    """Abona montos a facturas: primero al principal, luego a los cargos; cierra las saldadas."""
    if ids.size == 0:
        return
    f = sim.f
    monto = np.minimum(np.asarray(centavos, np.int64), f.saldo_p[ids] + f.saldo_c[ids])
    a_principal = np.minimum(monto, f.saldo_p[ids])
    a_cargos = monto - a_principal
    f.saldo_p[ids] -= a_principal
    f.saldo_c[ids] -= a_cargos
    f.cargos_cobrados[ids] += a_cargos
    f.cobrado[ids] += monto
    _anotar_abonos(sim, ids, monto, tipo, ids[(f.saldo_p[ids] + f.saldo_c[ids]) == 0])


def _anotar_abonos(sim: Simulacion, ids: np.ndarray, monto: np.ndarray, tipo: str,
                   saldadas: np.ndarray) -> None:
    """Anota en el libro y en lo cobrado del día los abonos ya aplicados, y cierra las
    facturas que quedaron saldadas."""
    sim.libro.bloque(sim.dia, ids, tipo, monto)
    sim.sumar_cobrado(ids, monto)
    if saldadas.size:
        _cerrar(sim, saldadas, PAGADA)


def repartir(saldos: np.ndarray, primero: np.ndarray, montos: np.ndarray) -> np.ndarray:
    """Cuánto de un monto le toca a cada factura, llenando su grupo de la primera a la última.

    Las filas de un grupo van seguidas y en el orden en que se pagan; ``primero`` es la posición
    de la primera fila del grupo de cada fila y ``montos`` el monto del grupo de cada fila.
    """
    previo = np.cumsum(saldos) - saldos
    return np.clip(montos - (previo - previo[primero]), 0, saldos)


def abonar_total(sim: Simulacion, ids: np.ndarray, centavos: int, tipo: str) -> int:
    """Reparte un monto entre facturas de la más antigua a la más nueva; devuelve lo aplicado.

    Las cuentas (las de ``repartir`` y ``abonar``, con enteros) van en un recorrido compilado:
    lo llaman las cuotas de cada plan, de a una.
    """
    f = sim.f
    pagadas, montos, saldadas = nucleo_pagos.abonar_en_orden(
        np.asarray(ids, np.int64), int(centavos), f.estado, ABIERTA, f.dia_venc, f.saldo_p,
        f.saldo_c, f.cargos_cobrados, f.cobrado)
    if pagadas.size == 0:
        return 0
    _anotar_abonos(sim, pagadas, montos, tipo, saldadas)
    return int(montos.sum())


def castigar(sim: Simulacion, ids: np.ndarray, motivo: str = "") -> None:
    """Castiga como incobrable el saldo de esas facturas (``motivo``: el detalle del evento)."""
    ids = ids[sim.f.estado[ids] == ABIERTA]
    if ids.size == 0:
        return
    f = sim.f
    total = f.saldo_p[ids] + f.saldo_c[ids]
    sim.libro.bloque(sim.dia, ids, "castigo", total)
    f.castigado_p[ids] += f.saldo_p[ids]
    f.castigado_c[ids] += f.saldo_c[ids]
    f.saldo_p[ids] = 0
    f.saldo_c[ids] = 0
    f.dia_castigo[ids] = sim.dia
    sim.eventos.bloque(sim.dia, sim.cartera.c_cliente[ids], ids, "castigo", motivo)
    _cerrar(sim, ids, CASTIGADA)
