"""Cierre de una corrida: del estado final a un ``ResultadoCorrida`` (tablas, libro, series)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simulador.motor.estado import ABIERTA, CASTIGADA, INF, NO_EMITIDA, PAGADA
from simulador.resultado import (
    CASTIGADO,
    CAUSAS_VENTA_PERDIDA,
    COBRADO,
    COD,
    Libro,
    ResultadoCorrida,
)

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion

ESTADOS = {ABIERTA: "abierta", PAGADA: "pagada", CASTIGADA: "castigada"}


def _dias(x: np.ndarray) -> np.ndarray:
    """Días como float con NaN donde no hay fecha."""
    y = x.astype(float)
    y[(x <= -INF) | (x >= INF)] = np.nan
    return y


def tabla_facturas(sim: Simulacion) -> pd.DataFrame:
    """Una fila por factura emitida."""
    f, cart = sim.f, sim.cartera
    ids = np.flatnonzero(f.estado != NO_EMITIDA)
    nombres = np.asarray([s.nombre for s in sim.escenario.segmentos], dtype=object)
    cli = cart.c_cliente[ids]
    return pd.DataFrame({
        "factura": ids,
        "cliente": cli,
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
        "estado": pd.Series(f.estado[ids]).map(ESTADOS).to_numpy(),
        "disputada": f.disputada[ids],
        "con_descuento": (f.descuento[ids] > 0) & (f.estado[ids] == PAGADA),
        "dia_castigo": _dias(f.dia_castigo[ids]),
        "pago_parcial": f.parcial[ids],
        "escalada": pd.Series(f.escalada[ids]).map({0: "", 1: "agencia", 2: "legal"}).to_numpy(),
    })


def _por_cliente(libro: Libro, codigos: tuple[int, ...], n: int) -> np.ndarray:
    m = np.isin(libro.tipo, codigos)
    return np.bincount(libro.cliente[m], weights=libro.centavos[m], minlength=n) / 100.0


def tabla_clientes(sim: Simulacion, libro: Libro) -> pd.DataFrame:
    """Una fila por cliente con sus rasgos, su estado final y sus totales del libro."""
    c, cart = sim.c, sim.cartera
    n = cart.n_clientes
    nombres = np.asarray([s.nombre for s in sim.escenario.segmentos], dtype=object)
    return pd.DataFrame({
        "cliente": np.arange(cart.n_clientes),
        "segmento": nombres[cart.segmento],
        "ancla": cart.ancla,
        "origen": np.where(cart.origen == 0, "cartera", "postulante"),
        "dia_alta": cart.dia_alta,
        "atraso_habitual": np.round(cart.atraso_habitual, 1),
        "costo_fondos_pct": np.round(cart.costo_fondos * 100, 1),
        "riesgo_pct": np.round(cart.riesgo * 100, 2),
        "confianza": np.round(c.confianza, 3),
        "en_dificultad": c.en_dificultad,
        "quiebra": c.quiebra,
        "dia_baja": _dias(c.dia_baja),
        "debito_directo": c.debito,
        "senales": c.senales,
        "llamadas": c.llamadas,
        "promesas_rotas": c.promesas_rotas,
        "ventas": _por_cliente(libro, (COD["factura"],), n),
        "cobrado": _por_cliente(libro, COBRADO, n),
        "castigado": _por_cliente(libro, CASTIGADO, n),
    })


def construir_resultado(sim: Simulacion) -> ResultadoCorrida:
    """Cierra la serie del último día y arma el resultado."""
    h = sim.escenario.horizonte_dias
    sim.series.registrar(sim, h - 1)
    abiertas = sim.f.abiertas[sim.f.estado[sim.f.abiertas] == ABIERTA]
    libro = sim.libro.cerrar()
    return ResultadoCorrida(
        horizonte_dias=h,
        libro=libro,
        costos=sim.costos.cerrar(),
        series=sim.series.cerrar(),
        facturas=tabla_facturas(sim),
        clientes=tabla_clientes(sim, libro),
        eventos=sim.eventos.cerrar(),
        ventas_perdidas={k: sim.ventas_perdidas[k] / 100.0 for k in CAUSAS_VENTA_PERDIDA},
        ventas_contado=sim.ventas_contado / 100.0,
        pendiente_centavos=int(sim.f.saldo(abiertas).sum()),
        extra={"semilla": sim.semilla, "replica": sim.replica,
               "llamadas_sin_agendar": sim.llamadas_sin_agendar,
               "espera_media_llamadas_dias": (sum(sim.mesa.esperas) / len(sim.mesa.esperas)
                                              if sim.mesa.esperas else 0.0)},
    )
