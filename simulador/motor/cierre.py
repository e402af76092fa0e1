"""Cierre de una corrida: del estado final a un ``ResultadoCorrida`` (tablas, libro, series)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simulador.metricas import sumas
from simulador.metricas.kpis import ColumnasFacturas
from simulador.metricas.libro import columnas_para_sumar
from simulador.metricas.segmentos import CodigosSegmento
from simulador.motor import nucleo
from simulador.motor.estado import (
    ABIERTA,
    CASTIGADA,
    INF,
    NO_EMITIDA,
    PAGADA,
    EstadoFacturas,
)
from simulador.motor.memoria_sistema import devolver_memoria
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


def _categorias(codigos: np.ndarray, nombres: list[str]) -> Any:
    """Columna de texto como categoría (un byte por fila en vez de un texto).

    Los códigos vienen del propio motor (siempre dentro de las categorías): no se revalidan.
    """
    return pd.Categorical.from_codes(codigos.astype(np.int8), dtype=_tipo_categoria(
        tuple(nombres)), validate=False)


@functools.lru_cache(maxsize=64)
def _tipo_categoria(nombres: tuple[str, ...]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(nombres))


def tabla_facturas(sim: Simulacion, ids: np.ndarray, desde: int, *,
                   consumir: bool = False) -> pd.DataFrame:
    """Una fila por factura emitida (``ids`` globales; ``desde``: primer cliente de la réplica).

    Con ``consumir`` suelta cada arreglo del estado apenas arma su columna (baja el pico de
    memoria de las corridas grandes; el estado queda inservible).
    """
    f, cart = sim.f, sim.cartera
    nombres = np.asarray([s.nombre for s in sim.escenario.segmentos], dtype=object)

    def tomar(nombre: str) -> np.ndarray:
        x = getattr(f, nombre)[ids]
        if consumir:
            soltar(f, nombre)
        return x

    cli = cart.c_cliente[ids]
    estado = f.estado[ids]
    abierta = estado == ABIERTA
    descuento = tomar("descuento")
    ind = _de_indicadores(f, ids, tomar, estado, descuento)
    columnas = {
        "factura": cart.c_local[ids],
        "cliente": cli - desde,
        "segmento": _categorias(cart.segmento[cli], list(nombres)),
        "dia_emision": ind["dia_emision"],
        "dia_vencimiento": ind["dia_vencimiento"],
        "monto": tomar("monto") / 100.0,
        "descuento": descuento / 100.0 * ~abierta,
        "cargos": tomar("cargos") / 100.0,
        "cargos_cobrados": ind["cargos_cobrados"],
        "cargos_condonados": tomar("cargos_condonados") / 100.0,
        "cobrado": tomar("cobrado") / 100.0,
        "castigado_principal": ind["castigado_principal"],
        "castigado_cargos": tomar("castigado_c") / 100.0,
        "saldo": (f.saldo_p[ids] + f.saldo_c[ids]) / 100.0,
        "dia_cierre": ind["dia_cierre"],
        "estado": _categorias(estado - 1, list(_ESTADOS_TEXTO[1:])),
        "disputada": tomar("disputada"),
        "con_descuento": ind["con_descuento"],
        "dia_castigo": ind["dia_castigo"],
        "pago_parcial": tomar("parcial"),
        "escalada": _categorias(tomar("escalada"), list(_ESCALADA_TEXTO)),
    }
    return pd.DataFrame(columnas, copy=False)


def _por_cliente(libro: Libro, codigos: tuple[int, ...], n: int) -> np.ndarray:
    suma, _ = sumas.sumar_por_grupo(libro.cliente, *columnas_para_sumar(libro),
                                    sumas.pesos(codigos), -sumas.SIN_LIMITE, sumas.SIN_LIMITE, n)
    return suma / 100.0


def _de_indicadores(f: EstadoFacturas, ids: np.ndarray, tomar: Callable[[str], np.ndarray],
                    estado: np.ndarray, descuento: np.ndarray) -> dict[str, np.ndarray]:
    """Las columnas de la tabla de facturas que usan los indicadores (``ColumnasFacturas``)."""
    return {
        "dia_emision": tomar("dia_emision"),
        "dia_vencimiento": f.dia_venc[ids],
        "cargos_cobrados": tomar("cargos_cobrados") / 100.0,
        "castigado_principal": tomar("castigado_p") / 100.0,
        "dia_cierre": _dias(np.where(estado == ABIERTA, -INF, tomar("dia_cierre"))),
        "con_descuento": (descuento > 0) & (estado == PAGADA),
        "dia_castigo": _dias(tomar("dia_castigo")),
    }


def columnas_facturas(sim: Simulacion, ids: np.ndarray) -> ColumnasFacturas:
    """Lo mismo que ``ColumnasFacturas.de(tabla_facturas(sim, ids, ...))``, sin armar la tabla."""
    f = sim.f
    estado = f.estado[ids]
    ind = _de_indicadores(f, ids, lambda nombre: getattr(f, nombre)[ids], estado,
                          f.descuento[ids])
    return ColumnasFacturas(
        vencimiento=ind["dia_vencimiento"].astype(float), emision=ind["dia_emision"].astype(float),
        cierre=ind["dia_cierre"], castigo=ind["dia_castigo"], pagada=estado == PAGADA,
        con_descuento=ind["con_descuento"], castigado_principal=ind["castigado_principal"],
        cargos_cobrados=ind["cargos_cobrados"])


def tabla_clientes(sim: Simulacion, libro: Libro, rango: slice) -> pd.DataFrame:
    """Una fila por cliente de una réplica con sus rasgos, estado final y totales del libro."""
    c, cart = sim.c, sim.cartera
    n = rango.stop - rango.start
    nombres = [s.nombre for s in sim.escenario.segmentos]
    return pd.DataFrame({
        "cliente": np.arange(n),
        "segmento": _categorias(cart.segmento[rango], nombres),
        "ancla": cart.ancla[rango],
        "origen": _categorias(cart.origen[rango], ["cartera", "postulante"]),
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
    }, copy=False)


def _costos_por_replica(sim: Simulacion, todos: Costos) -> list[Costos]:
    """Los costos de cada réplica, con el costo diario del equipo (haga o no llamadas)."""
    dias = np.arange(sim.inicio, sim.escenario.horizonte_dias, dtype=np.int32)
    if sim.costo_equipo_dia <= 0:
        dias = dias[:0]
    cart = sim.cartera
    cortes, *cols = nucleo.partir_costos(
        cart.rep_cliente, cart.desde_cliente, sim.n_rep, todos.dia, todos.cliente, todos.tipo,
        todos.centavos, dias, COD_COSTO["llamada"], sim.costo_equipo_dia)
    return [Costos(*(c[cortes[r]:cortes[r + 1]] for c in cols)) for r in range(sim.n_rep)]


def _factura_local(sim: Simulacion, factura: np.ndarray) -> np.ndarray:
    """Número de cada factura dentro de su réplica (-1 sigue siendo «sin factura»)."""
    return np.where(factura >= 0, sim.cartera.c_local[np.maximum(factura, 0)], -1)


def _libros_por_replica(sim: Simulacion, todo: Libro) -> list[Libro]:
    """El libro de cada réplica, con números de cliente y factura locales."""
    if sim.n_rep == 1:  # una sola réplica: los números ya son los locales (sin copiar)
        return [todo]
    cart = sim.cartera
    cortes, *cols = nucleo.partir_libro(cart.rep_cliente, cart.desde_cliente, cart.c_local,
                                        sim.n_rep, todo.dia, todo.cliente, todo.factura,
                                        todo.tipo, todo.centavos)
    return [Libro(*(c[cortes[r]:cortes[r + 1]] for c in cols)) for r in range(sim.n_rep)]


def _eventos_de(sim: Simulacion, eventos: pd.DataFrame, filas: np.ndarray | slice, desde: int,
                *, propios: bool) -> pd.DataFrame:
    """Los eventos de una réplica, con sus números de cliente y factura locales.

    Sin eventos (no se registraron), la tabla vacía se comparte entre las réplicas salvo que se
    pidan ``propios`` (resultados que se entregan).
    """
    if sim.n_rep == 1:
        return eventos
    if not len(eventos):
        return eventos.copy() if propios else eventos
    ev = eventos.iloc[filas].reset_index(drop=True)
    if len(ev):
        ev["cliente"] = ev["cliente"] - desde
        ev["factura"] = _factura_local(sim, ev["factura"].to_numpy(np.int64))
    return ev


def _partir(rep: np.ndarray, n: int) -> list[np.ndarray]:
    """Posiciones de cada réplica (en orden) según la réplica de cada fila."""
    orden, cortes = nucleo.particion_estable(rep, n)
    return [orden[cortes[r]:cortes[r + 1]] for r in range(n)]


_SOLO_SIMULACION_FACTURAS = ("lam", "impulso", "impulso_dia", "umbral_k", "paso_sig", "dia_paso",
                             "dia_natural", "interes", "grupo_escalada", "cargo_hecho",
                             "anterior")
_SOLO_SIMULACION_COMPRAS = ("c_z_atraso", "c_u_disputa", "c_u_parcial", "c_fraccion_parcial",
                            "c_u_descuento", "c_u_fuera_plazo", "c_dias_fuera_plazo", "c_u_cargos",
                            "c_umbral_accion")


def soltar(dueno: object, nombre: str) -> None:
    """Cambia el arreglo ``nombre`` de ``dueno`` por uno vacío del mismo tipo, y suelta el suyo.

    Un corte vacío (``x[:0]``) no serviría: es una vista que mantiene vivo el arreglo entero.
    """
    x = getattr(dueno, nombre)
    setattr(dueno, nombre, np.empty((0, *x.shape[1:]), dtype=x.dtype))


def _liberar(sim: Simulacion) -> None:
    """Suelta los arreglos que solo sirven para simular (no para las tablas del resultado).

    Con 100.000 clientes son cientos de MB; soltarlos antes de armar las tablas baja el pico de
    memoria. La cartera solo se toca si la generó la propia simulación.
    """
    sim.pre_atraso = sim.pre_cargos = np.zeros(0)
    sim.pre_dia_desc = sim.pre_descuento = np.zeros(0, np.int64)
    sim.pre_disputa = sim.pre_debito = sim.pre_toma = np.zeros(0, bool)
    sim.umbral_plano = np.zeros(0)
    for nombre in _SOLO_SIMULACION_FACTURAS:
        soltar(sim.f, nombre)
    if sim.cartera_propia:
        for nombre in ("c_centavos", "c_dia", *_SOLO_SIMULACION_COMPRAS):
            soltar(sim.cartera, nombre)


def construir_resultados(sim: Simulacion, *, consumir: bool = False) -> list[ResultadoCorrida]:
    """Cierra la serie del último día y arma el resultado de cada réplica.

    Con ``consumir`` (y una sola réplica) el estado de las facturas se va soltando mientras se
    arma la tabla: sirve para las corridas que terminan acá (``simular``), no para volver a cerrar.
    """
    return [res for res, _, _ in _armar(sim, consumir=consumir, completo=True)]


def resultados_para_indicadores(sim: Simulacion
                                ) -> list[tuple[ResultadoCorrida, ColumnasFacturas,
                                                CodigosSegmento]]:
    """Lo justo para los indicadores de cada réplica (lo que usan los experimentos).

    Las tablas de facturas, clientes y eventos quedan vacías: las columnas de facturas de los
    indicadores y el segmento de cada cliente y cada factura van aparte, tomados del estado sin
    armar las tablas. El libro, los costos y las series son los completos, así que los
    indicadores dan exactamente lo mismo que con ``construir_resultados``.
    """
    return [(res, col, cod) for res, col, cod in _armar(sim, consumir=False, completo=False)
            if col is not None and cod is not None]


def _armar(sim: Simulacion, *, consumir: bool, completo: bool
           ) -> list[tuple[ResultadoCorrida, ColumnasFacturas | None, CodigosSegmento | None]]:
    h = sim.escenario.horizonte_dias
    sim.series.registrar(sim, h - 1)
    _liberar(sim)  # antes de juntar el libro, que pide memoria nueva
    cart, f = sim.cartera, sim.f
    libro, costos = sim.libro.cerrar(cart.c_cliente), sim.costos.cerrar()
    eventos = sim.eventos.cerrar()
    emitidas = np.flatnonzero(f.estado != NO_EMITIDA)
    n = sim.n_rep
    todo: list[slice] = [slice(None)]
    por_factura = _partir(cart.c_rep[emitidas], n) if n > 1 else todo
    libros = _libros_por_replica(sim, libro)
    por_evento = _partir(cart.rep_cliente[eventos["cliente"].to_numpy(np.int64)], n) \
        if n > 1 and len(eventos) else [slice(None)] * n
    # una corrida grande que termina acá (ver _liberar): lo soltado y los trozos de la
    # reconstrucción de las series vuelven al sistema antes de armar las tablas
    grande = sim.cartera_propia
    if grande:
        devolver_memoria()
    sim.series.reconstruir(sim, libro)
    if grande:
        devolver_memoria()
    costos_por_replica = _costos_por_replica(sim, costos)  # antes de las tablas: menos pico
    salida: list[tuple[ResultadoCorrida, ColumnasFacturas | None, CodigosSegmento | None]] = []
    for r in range(n):
        desde, hasta = int(cart.desde_cliente[r]), int(cart.desde_cliente[r + 1])
        ids = emitidas[por_factura[r]]
        libro_r = libros[r]
        ev = _eventos_de(sim, eventos, por_evento[r], desde, propios=completo)
        abiertas = ids[f.estado[ids] == ABIERTA]
        costos_r = costos_por_replica[r]
        columnas: ColumnasFacturas | None = None
        codigos: CodigosSegmento | None = None
        if completo:
            facturas = tabla_facturas(sim, ids, desde, consumir=consumir and n == 1)
            clientes = tabla_clientes(sim, libro_r, slice(desde, hasta))
        else:
            columnas = columnas_facturas(sim, ids)
            codigos = (cart.segmento[desde:hasta].astype(np.int64),
                       cart.segmento[cart.c_cliente[ids]].astype(np.int64))
            facturas, clientes = pd.DataFrame(), pd.DataFrame()
        salida.append((ResultadoCorrida(
            horizonte_dias=h,
            libro=libro_r,
            costos=costos_r,
            series=sim.series.cerrar(r),
            facturas=facturas,
            clientes=clientes,
            eventos=ev,
            ventas_perdidas={k: int(sim.ventas_perdidas[k][r]) / 100.0
                             for k in CAUSAS_VENTA_PERDIDA},
            ventas_contado=int(sim.ventas_contado[r]) / 100.0,
            pendiente_centavos=int(f.saldo(abiertas).sum()),
            extra={"semilla": sim.semilla, "replica": sim.replicas[r],
                   "llamadas_sin_agendar": int(sim.mesa.sin_agendar[r]),
                   "espera_media_llamadas_dias": sim.mesa.espera_media(r)},
        ), columnas, codigos))
    return salida
