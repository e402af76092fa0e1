"""Modo markov: la cartera envejece según tasas de traspaso mensuales entre tramos de antigüedad.

Responsabilidad única: la cadena de Markov absorbente de cuentas por cobrar (Cyert, Davidson y
Thompson 1962, *Management Science* 8(3)), en dos caras que deben coincidir:

- ``teoria_markov``: las respuestas cerradas de la cadena absorbente. Con Q el bloque de tramos
  (transitorios) y R el de pagado y castigado (absorbentes): N = (I - Q)^-1, B = N R, t = N 1 y,
  con ventas constantes c por mes, la antigüedad de largo plazo c N.
- ``simular_markov``: los saldos se dividen en partidas de ``monto_unidad`` (la última de cada
  tramo lleva el resto, en centavos enteros) y cada partida se mueve mes a mes según la fila de su
  tramo. SimPy lleva el reloj (unidad de tiempo = un mes) con un solo proceso, ``avanzar_mes``.

Convención de tiempo: el mes 0 es la foto inicial. En cada mes m = 1, 2, ... primero se mueven las
partidas abiertas (las que se pagan o castigan lo hacen en el mes m) y después entran las ventas
del mes al primer tramo; la tabla mensual muestra el cierre de cada mes. Así, en régimen, el saldo
de cierre por tramo vale c N[0, :] (``TeoriaMarkov.saldos_largo_plazo``). En el libro, el mes m
se anota como el día ``DIAS_POR_MES * m``.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import simpy

from simulador.config.escenario import Escenario
from simulador.config.markov import ConfigMarkov
from simulador.orden import orden_estable
from simulador.resultado import COD, Libro

DIAS_POR_MES = 30
"""Días con que se anota cada mes en el libro (el mes m es el día 30 m)."""

MAX_PARTIDAS = 5_000_000
"""Tope de partidas simuladas; por encima conviene subir ``monto_unidad``."""

_FUTURA = -1  # estado de una partida de ventas que aún no se emite


def _solo_lectura(arr: np.ndarray) -> np.ndarray:
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True)
class TeoriaMarkov:
    """Respuestas cerradas de la cadena absorbente (tramos = k estados transitorios).

    Attributes:
        estados: nombres de los tramos.
        N: matriz fundamental (I - Q)^-1 [k, k]: meses esperados en cada tramo según el inicial.
        B: probabilidades de absorción N R [k, 2]; columna 0 = pagado, 1 = castigado.
        t: meses esperados hasta pagarse o castigarse, por tramo inicial, N 1 [k].
        t_varianza: varianza de esos meses, (2N - I) t - t² [k].
        saldos_largo_plazo: saldo de cierre esperado por tramo en régimen con las ventas
            mensuales constantes c del escenario, c N[0, :] [k], en moneda.
        fraccion_pagada_esperada: fracción de los saldos iniciales que se espera cobrar.
        fraccion_castigada_esperada: fracción de los saldos iniciales que se espera castigar.
    """

    estados: tuple[str, ...]
    N: np.ndarray
    B: np.ndarray
    t: np.ndarray
    t_varianza: np.ndarray
    saldos_largo_plazo: np.ndarray
    fraccion_pagada_esperada: float
    fraccion_castigada_esperada: float


def _matrices(cfg: ConfigMarkov) -> tuple[np.ndarray, np.ndarray]:
    """Devuelve (Q, R) de la matriz mensual."""
    p = np.asarray(cfg.matriz_mensual, dtype=float)
    k = len(cfg.estados)
    return p[:, :k], p[:, k:]


def teoria_markov(cfg: ConfigMarkov) -> TeoriaMarkov:
    """Calcula N, B, t y la antigüedad de largo plazo de la cadena absorbente.

    Raises:
        ValueError: si desde algún tramo nunca se llega a pagado ni a castigado.
    """
    q, r = _matrices(cfg)
    k = len(cfg.estados)
    # Una cadena es absorbente si desde cada tramo se alcanza algún estado absorbente.
    alcanza = r.sum(axis=1) > 0
    for _ in range(k):
        alcanza = alcanza | ((q > 0) & alcanza[None, :]).any(axis=1)
    if not alcanza.all():
        nombres = ", ".join(cfg.estados[i] for i in np.flatnonzero(~alcanza))
        raise ValueError(
            f"la matriz no es absorbente: desde los tramos {nombres} nunca se llega a pagado "
            "ni a castigado"
        )
    n = np.linalg.inv(np.eye(k) - q)
    b = n @ r
    t = n @ np.ones(k)
    t_var = (2 * n - np.eye(k)) @ t - t**2
    saldos = np.asarray(cfg.saldos_iniciales, dtype=float)
    total = saldos.sum()
    pagada = float(saldos @ b[:, 0] / total) if total > 0 else float("nan")
    castigada = float(saldos @ b[:, 1] / total) if total > 0 else float("nan")
    return TeoriaMarkov(
        estados=cfg.estados,
        N=_solo_lectura(n),
        B=_solo_lectura(b),
        t=_solo_lectura(t),
        t_varianza=_solo_lectura(t_var),
        saldos_largo_plazo=_solo_lectura(cfg.ventas_mensuales * n[0]),
        fraccion_pagada_esperada=pagada,
        fraccion_castigada_esperada=castigada,
    )


@dataclass(frozen=True)
class ResultadoMarkov:
    """Lo que deja una corrida del modo markov.

    Los arreglos por tramo tienen k valores, uno por tramo inicial, y se refieren solo a los saldos
    iniciales (no a las ventas nuevas). Las fracciones se ponderan por monto; un tramo sin saldo
    inicial da ``nan``.

    Attributes:
        estados: nombres de los tramos.
        meses: meses simulados.
        saldos_iniciales_centavos: saldo inicial por tramo [k], centavos.
        pagado_centavos: lo cobrado de esos saldos al final [k], centavos.
        castigado_centavos: lo castigado de esos saldos al final [k], centavos.
        fraccion_pagada: pagado / saldo inicial, por tramo [k].
        fraccion_castigada: castigado / saldo inicial, por tramo [k].
        meses_hasta_absorcion: media por partida de los meses hasta pagarse o castigarse, entre
            las que se absorbieron dentro del horizonte [k].
        partidas_iniciales: partidas en que se dividió cada saldo inicial [k].
        partidas_sin_absorber: de ellas, las que siguen abiertas al final [k].
        tabla_mensual: una fila por mes (0 = foto inicial) con ``mes``, ``saldo_<tramo>`` por
            tramo al cierre, ``ventas``, ``pagado`` y ``castigado`` del mes, en moneda.
        libro: libro contable en centavos (``None`` si se pidió ``moneda_centavos=False``); cada
            partida es a la vez ``factura`` y ``cliente``.
        pendiente_centavos: saldo abierto al final (saldos iniciales y ventas), centavos.
    """

    estados: tuple[str, ...]
    meses: int
    saldos_iniciales_centavos: np.ndarray
    pagado_centavos: np.ndarray
    castigado_centavos: np.ndarray
    fraccion_pagada: np.ndarray
    fraccion_castigada: np.ndarray
    meses_hasta_absorcion: np.ndarray
    partidas_iniciales: np.ndarray
    partidas_sin_absorber: np.ndarray
    tabla_mensual: pd.DataFrame
    libro: Libro | None
    pendiente_centavos: int

    @property
    def fraccion_castigada_total(self) -> float:
        """Fracción del saldo inicial total que terminó castigada."""
        return float(self.castigado_centavos.sum() / self.saldos_iniciales_centavos.sum())

    @property
    def fraccion_pagada_total(self) -> float:
        """Fracción del saldo inicial total que terminó cobrada."""
        return float(self.pagado_centavos.sum() / self.saldos_iniciales_centavos.sum())


def _centavos(monto: float) -> int:
    return round(monto * 100)


def _partir(total_c: int, unidad_c: int) -> np.ndarray:
    """Divide un monto en partidas de ``unidad_c`` centavos; la última lleva el resto."""
    n = -(-total_c // unidad_c)
    montos = np.full(n, unidad_c, dtype=np.int64)
    if n:
        montos[-1] = total_c - (n - 1) * unidad_c
    return montos


@dataclass
class _Cartera:
    """Estado mutable de las partidas durante la corrida (uso interno)."""

    estado: np.ndarray  # int16: -1 futura, 0..k-1 tramo, k pagado, k+1 castigado
    centavos: np.ndarray  # int64
    mes_alta: np.ndarray  # int32
    mes_cierre: np.ndarray  # int32, -1 si sigue abierta
    acumulada: np.ndarray  # float64 [k, k+2], probabilidades acumuladas por fila
    filas: list[np.ndarray]  # por mes: [saldo por tramo..., ventas, pagado, castigado] centavos


def _foto(c: _Cartera, k: int, mes: int) -> np.ndarray:
    """Saldos por tramo, ventas, pagado y castigado del mes, en centavos."""
    abiertas = (c.estado >= 0) & (c.estado < k)
    saldos = np.bincount(c.estado[abiertas], weights=c.centavos[abiertas], minlength=k)
    cerradas = c.mes_cierre == mes
    pagado = c.centavos[cerradas & (c.estado == k)].sum()
    castigado = c.centavos[cerradas & (c.estado == k + 1)].sum()
    ventas = c.centavos[c.mes_alta == mes].sum() if mes > 0 else 0
    return np.concatenate([np.rint(saldos), [ventas, pagado, castigado]]).astype(np.int64)


def avanzar_mes(
    env: simpy.Environment, cartera: _Cartera, rng: np.random.Generator, *, k: int, meses: int
) -> Generator[simpy.Event, Any, None]:
    """Proceso SimPy: cada mes mueve las partidas abiertas y emite las ventas del mes."""
    for _ in range(meses):
        yield env.timeout(1)
        mes = int(env.now)
        abiertas = np.flatnonzero((cartera.estado >= 0) & (cartera.estado < k))
        u = rng.random(abiertas.size)
        # Destino = primera columna cuya probabilidad acumulada supera u.
        destino = (u[:, None] >= cartera.acumulada[cartera.estado[abiertas]]).sum(axis=1)
        destino = np.minimum(destino, k + 1)
        cartera.estado[abiertas] = destino
        cartera.mes_cierre[abiertas[destino >= k]] = mes
        cartera.estado[cartera.mes_alta == mes] = 0
        cartera.filas.append(_foto(cartera, k, mes))


def _libro(c: _Cartera, k: int) -> Libro:
    """Una fila ``factura`` por partida emitida y una ``pago`` o ``castigo`` por cada cierre."""
    emitidas = np.flatnonzero(c.estado != _FUTURA)
    cerradas = np.flatnonzero(c.estado >= k)
    ids = np.concatenate([emitidas, cerradas])
    tipo = np.concatenate([
        np.full(emitidas.size, COD["factura"]),
        np.where(c.estado[cerradas] == k, COD["pago"], COD["castigo"]),
    ]).astype(np.int8)
    mes = np.concatenate([c.mes_alta[emitidas], c.mes_cierre[cerradas]])
    orden = orden_estable(mes)
    return Libro(
        dia=_solo_lectura((mes[orden] * DIAS_POR_MES).astype(np.int32)),
        cliente=_solo_lectura(ids[orden].astype(np.int32)),
        factura=_solo_lectura(ids[orden].astype(np.int64)),
        tipo=_solo_lectura(tipo[orden]),
        centavos=_solo_lectura(c.centavos[ids[orden]].astype(np.int64)),
    )


def _cartera_inicial(cfg: ConfigMarkov) -> tuple[_Cartera, np.ndarray]:
    """Divide saldos y ventas en partidas; devuelve también el tramo inicial de cada una."""
    k = len(cfg.estados)
    unidad_c = max(1, _centavos(cfg.monto_unidad))
    iniciales = [_partir(_centavos(s), unidad_c) for s in cfg.saldos_iniciales]
    venta_mes = _partir(_centavos(cfg.ventas_mensuales), unidad_c)
    total = sum(p.size for p in iniciales) + venta_mes.size * cfg.meses
    if total > MAX_PARTIDAS:
        raise ValueError(
            f"la corrida tendría {total:,} partidas (máximo {MAX_PARTIDAS:,}); "
            "suba monto_unidad o acorte los meses"
        )
    tramo = np.concatenate([np.full(p.size, i, dtype=np.int16) for i, p in enumerate(iniciales)]
                           + [np.full(venta_mes.size * cfg.meses, _FUTURA, dtype=np.int16)])
    alta = np.concatenate([np.zeros(total - venta_mes.size * cfg.meses, dtype=np.int32),
                           np.repeat(np.arange(1, cfg.meses + 1, dtype=np.int32), venta_mes.size)])
    acumulada = np.cumsum(np.asarray(cfg.matriz_mensual, dtype=float), axis=1)
    acumulada[:, -1] = np.inf  # la fila suma 1 salvo redondeo: el último destino cierra el resto
    cartera = _Cartera(
        estado=tramo.copy(),
        centavos=np.concatenate([*iniciales, np.tile(venta_mes, cfg.meses)]).astype(np.int64),
        mes_alta=alta,
        mes_cierre=np.full(total, -1, dtype=np.int32),
        acumulada=acumulada,
        filas=[],
    )
    cartera.filas.append(_foto(cartera, k, 0))
    return cartera, tramo


def simular_markov(
    cfg: ConfigMarkov, rng: np.random.Generator, *, moneda_centavos: bool = True
) -> ResultadoMarkov:
    """Simula la cartera partida por partida durante ``cfg.meses`` meses.

    Args:
        cfg: tramos, matriz mensual, saldos iniciales, ventas y tamaño de partida.
        rng: generador propio de la corrida (no se usa estado aleatorio global).
        moneda_centavos: si es verdadero arma el libro contable en centavos enteros; si es falso
            lo omite (``libro=None``) para experimentos que solo miran fracciones y tiempos.
    """
    k = len(cfg.estados)
    cartera, tramo = _cartera_inicial(cfg)
    env = simpy.Environment()
    env.process(avanzar_mes(env, cartera, rng, k=k, meses=cfg.meses))
    env.run()

    inicial = cartera.mes_alta == 0
    t_ini = tramo[inicial].astype(np.intp)
    est_ini = cartera.estado[inicial]
    c_ini = cartera.centavos[inicial]

    def por_tramo(mascara: np.ndarray) -> np.ndarray:
        suma = np.bincount(t_ini[mascara], weights=c_ini[mascara], minlength=k)
        return np.rint(suma).astype(np.int64)

    saldos_c = por_tramo(np.ones(t_ini.size, dtype=bool))
    pagado_c = por_tramo(est_ini == k)
    castigado_c = por_tramo(est_ini == k + 1)
    absorbidas = est_ini >= k
    n_abs = np.bincount(t_ini[absorbidas], minlength=k)
    suma_meses = np.bincount(t_ini[absorbidas], weights=cartera.mes_cierre[inicial][absorbidas],
                             minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        frac_pag = np.where(saldos_c > 0, pagado_c / saldos_c, np.nan)
        frac_cas = np.where(saldos_c > 0, castigado_c / saldos_c, np.nan)
        meses_abs = np.where(n_abs > 0, suma_meses / n_abs, np.nan)

    filas = np.vstack(cartera.filas) / 100.0
    tabla = pd.DataFrame(filas, columns=[f"saldo_{e}" for e in cfg.estados]
                         + ["ventas", "pagado", "castigado"])
    tabla.insert(0, "mes", np.arange(cfg.meses + 1))
    abiertas = (cartera.estado >= 0) & (cartera.estado < k)
    return ResultadoMarkov(
        estados=cfg.estados,
        meses=cfg.meses,
        saldos_iniciales_centavos=_solo_lectura(saldos_c),
        pagado_centavos=_solo_lectura(pagado_c),
        castigado_centavos=_solo_lectura(castigado_c),
        fraccion_pagada=_solo_lectura(frac_pag),
        fraccion_castigada=_solo_lectura(frac_cas),
        meses_hasta_absorcion=_solo_lectura(meses_abs),
        partidas_iniciales=_solo_lectura(np.bincount(t_ini, minlength=k)),
        partidas_sin_absorber=_solo_lectura(np.bincount(t_ini[~absorbidas], minlength=k)),
        tabla_mensual=tabla,
        libro=_libro(cartera, k) if moneda_centavos else None,
        pendiente_centavos=int(cartera.centavos[abiertas].sum()),
    )


def correr_markov(escenario: Escenario, semilla: int) -> ResultadoMarkov:
    """Corre un escenario en modo markov con su propio generador sembrado con ``semilla``."""
    if escenario.modo != "markov" or escenario.markov is None:
        raise ValueError(
            f"el escenario '{escenario.nombre}' no está en modo markov (modo = {escenario.modo})"
        )
    rng = np.random.default_rng(np.random.SeedSequence(semilla))
    return simular_markov(escenario.markov, rng)
