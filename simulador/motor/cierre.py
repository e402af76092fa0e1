"""Cierre de una corrida: del estado final a un ``ResultadoCorrida`` (tablas, libro, series)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simulador.motor.estado import ABIERTA, CASTIGADA, INF, NO_EMITIDA, PAGADA
from simulador.motor.registro import COD_COSTO
from simulador.resultado import (
    CASTIGADO,
    CAUSAS_VENTA_PERDIDA,
    COBRADO,
    COD,
    Costos,
    Libro,
    ResultadoCorrida,
)

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion

ESTADOS = {ABIERTA: "abierta", PAGADA: "pagada", CASTIGADA: "castigada"}
_ESTADOS_TEXTO = np.array(["", *(ESTADOS[k] for k in (ABIERTA, PAGADA, CASTIGADA))], dtype=object)
_ESCALADA_TEXTO = np.array(["", "agencia", "legal"], dtype=object)


def _dias(x: np.ndarray) -> np.ndarray:
    """Días como float con NaN donde no hay fecha."""
    y = x.astype(float)
    y[(x <= -INF) | (x >= INF)] = np.nan
    return y


def tabla_facturas(sim: Simulacion, ids: np.ndarray, desde: int) -> pd.DataFrame:
    """Una fila por factura emitida (``ids`` globales; ``desde``: primer cliente de la réplica)."""
    f, cart = sim.f, sim.cartera
    nombres = np.asarray([s.nombre for s in sim.escenario.segmentos], dtype=object)
    cli = cart.c_cliente[ids]
    return pd.DataFrame({
        "factura": cart.c_local[ids],
        "cliente": cli - desde,
        "segmento": nombres[cart.segmento[cli]],
        "dia_emision": f.dia_emision[ids],
        "dia_vencimiento": f.dia_venc[ids],
        "monto": f.monto[ids] / 100.0,
        "descuento": f.descuento[ids] / 100.0 * (f.estado[ids] != ABIERTA),
        "cargos": f.cargos[ids] / 100.0,
        "cargos_cobrados": f.cargos_cobrados[ids] / 100.0,
        "cargos_condonados": f.cargos_condonados[ids] / 100.0,
        "cobrado": f.cobrado[ids] / 100.0,
        "castigado_principal": f.castigado_p[ids] / 100.0,
        "castigado_cargos": f.castigado_c[ids] / 100.0,
        "saldo": (f.saldo_p[ids] + f.saldo_c[ids]) / 100.0,
        "dia_cierre": _dias(np.where(f.estado[ids] == ABIERTA, -INF, f.dia_cierre[ids])),
        "estado": _ESTADOS_TEXTO[f.estado[ids]],
        "disputada": f.disputada[ids],
        "con_descuento": (f.descuento[ids] > 0) & (f.estado[ids] == PAGADA),
        "dia_castigo": _dias(f.dia_castigo[ids]),
        "pago_parcial": f.parcial[ids],
        "escalada": _ESCALADA_TEXTO[f.escalada[ids]],
    })


def _por_cliente(libro: Libro, codigos: tuple[int, ...], n: int) -> np.ndarray:
    m = np.isin(libro.tipo, codigos)
    return np.bincount(libro.cliente[m], weights=libro.centavos[m], minlength=n) / 100.0


def tabla_clientes(sim: Simulacion, libro: Libro, rango: slice) -> pd.DataFrame:
    """Una fila por cliente de una réplica con sus rasgos, estado final y totales del libro."""
    c, cart = sim.c, sim.cartera
    n = rango.stop - rango.start
    nombres = np.asarray([s.nombre for s in sim.escenario.segmentos], dtype=object)
    return pd.DataFrame({
        "cliente": np.arange(n),
        "segmento": nombres[cart.segmento[rango]],
        "ancla": cart.ancla[rango],
        "origen": np.where(cart.origen[rango] == 0, "cartera", "postulante"),
        "dia_alta": cart.dia_alta[rango],
        "atraso_habitual": np.round(cart.atraso_habitual[rango], 1),
        "costo_fondos_pct": np.round(cart.costo_fondos[rango] * 100, 1),
        "riesgo_pct": np.round(cart.riesgo[rango] * 100, 2),
        "confianza": np.round(c.confianza[rango], 3),
        "en_dificultad": c.en_dificultad[rango],
        "quiebra": c.quiebra[rango],
        "dia_baja": _dias(c.dia_baja[rango]),
        "debito_directo": c.debito[rango],
        "senales": c.senales[rango],
        "llamadas": c.llamadas[rango],
        "promesas_rotas": c.promesas_rotas[rango],
        "ventas": _por_cliente(libro, (COD["factura"],), n),
        "cobrado": _por_cliente(libro, COBRADO, n),
        "castigado": _por_cliente(libro, CASTIGADO, n),
    })


def _costos_de(sim: Simulacion, todos: Costos, filas: np.ndarray, desde: int) -> Costos:
    """Los costos de una réplica, con el costo diario del equipo (haga o no llamadas)."""
    dias = np.arange(sim.inicio, sim.escenario.horizonte_dias, dtype=np.int32)
    if sim.costo_equipo_dia <= 0:
        dias = dias[:0]
    equipo = (dias, np.full(dias.size, -1, np.int32),
              np.full(dias.size, COD_COSTO["llamada"], np.int8),
              np.full(dias.size, sim.costo_equipo_dia, np.int64))
    propias = (todos.dia[filas], todos.cliente[filas] - desde, todos.tipo[filas],
               todos.centavos[filas])
    cols = [np.concatenate([equipo[i], propias[i]]) for i in range(4)]
    orden = np.argsort(cols[0], kind="stable")
    return Costos(*(c[orden] for c in cols))


def _libro_de(sim: Simulacion, todo: Libro, filas: np.ndarray, desde: int) -> Libro:
    factura = todo.factura[filas]
    local = np.where(factura >= 0, sim.cartera.c_local[np.maximum(factura, 0)], -1)
    return Libro(todo.dia[filas], (todo.cliente[filas] - desde).astype(np.int32), local,
                 todo.tipo[filas], todo.centavos[filas])


def _partir(rep: np.ndarray, n: int) -> list[np.ndarray]:
    """Posiciones de cada réplica (en orden) según la réplica de cada fila."""
    if n == 1:
        return [np.arange(rep.size)]
    orden = np.argsort(rep, kind="stable")
    cortes = np.searchsorted(rep[orden], np.arange(1, n))
    return np.split(orden, cortes)


def construir_resultados(sim: Simulacion) -> list[ResultadoCorrida]:
    """Cierra la serie del último día y arma el resultado de cada réplica."""
    h = sim.escenario.horizonte_dias
    sim.series.registrar(sim, h - 1)
    cart, f = sim.cartera, sim.f
    libro, costos = sim.libro.cerrar(), sim.costos.cerrar()
    eventos = sim.eventos.cerrar()
    emitidas = np.flatnonzero(f.estado != NO_EMITIDA)
    n = sim.n_rep
    por_factura = _partir(cart.c_rep[emitidas], n)
    por_libro = _partir(cart.rep_cliente[libro.cliente], n)
    por_costo = _partir(cart.rep_cliente[costos.cliente], n)
    por_evento = _partir(cart.rep_cliente[eventos["cliente"].to_numpy()], n) \
        if len(eventos) else [np.zeros(0, np.int64)] * n
    salida = []
    for r in range(n):
        desde, hasta = int(cart.desde_cliente[r]), int(cart.desde_cliente[r + 1])
        ids = emitidas[por_factura[r]]
        libro_r = _libro_de(sim, libro, por_libro[r], desde)
        ev = eventos.iloc[por_evento[r]].reset_index(drop=True)
        if len(ev):
            ev["cliente"] = ev["cliente"] - desde
            fac = ev["factura"].to_numpy()
            ev["factura"] = np.where(fac >= 0, cart.c_local[np.maximum(fac, 0)], -1)
        abiertas = ids[f.estado[ids] == ABIERTA]
        salida.append(ResultadoCorrida(
            horizonte_dias=h,
            libro=libro_r,
            costos=_costos_de(sim, costos, por_costo[r], desde),
            series=sim.series.cerrar(r),
            facturas=tabla_facturas(sim, ids, desde),
            clientes=tabla_clientes(sim, libro_r, slice(desde, hasta)),
            eventos=ev,
            ventas_perdidas={k: int(sim.ventas_perdidas[k][r]) / 100.0
                             for k in CAUSAS_VENTA_PERDIDA},
            ventas_contado=int(sim.ventas_contado[r]) / 100.0,
            pendiente_centavos=int(f.saldo(abiertas).sum()),
            extra={"semilla": sim.semilla, "replica": sim.replicas[r],
                   "llamadas_sin_agendar": int(sim.mesa.sin_agendar[r]),
                   "espera_media_llamadas_dias": sim.mesa.espera_media(r)},
        ))
    return salida
