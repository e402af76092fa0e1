"""Escalada a agencia de cobranza o a acción legal, y su desenlace.

Al escalar, cada cliente forma un grupo con sus facturas escaladas; su desenlace (si se recupera,
qué fracción y en qué día) se sortea en ese momento con los sorteos por contador del cliente y
queda en un calendario. A mitad de cada día, un proceso SimPy (``procesos.escaladas``) resuelve
los grupos de ese día: la agencia o el juicio recuperan la fracción (de la factura más antigua a
la más nueva), la agencia cobra su comisión, y el resto se castiga.

- Agencia: éxito con la cobrabilidad según la antigüedad media de la deuda (curva de la CCAA) por
  el factor de recuperación (la mitad si el cliente está en dificultad); si el cliente quebró,
  recupera solo el porcentaje de insolvencia. Demora ~ Exp(días de recuperación), al menos 90 días
  si fracasa.
- Vía legal: costo al iniciar; éxito con la probabilidad dada (o el porcentaje de insolvencia si
  el cliente quebró); demora fija.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulador.formato import Formato
from simulador.motor import comportamiento as comp
from simulador.motor import dinero, nucleo, nucleo_clientes
from simulador.motor.estado import ABIERTA

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion

AGENCIA, LEGAL = 1, 2


class CalendarioEscalada:
    """Grupos escalados (uno por cliente y escalada), el día en que se resuelve cada uno y las
    facturas escaladas de cada día de resolución (así el día no recorre todas las escaladas)."""

    def __init__(self, inicio: int = 0, fin: int = 0, facturas: int = 0) -> None:
        """``inicio``/``fin``: los días que se resuelven (del calentamiento al horizonte);
        ``facturas``: cuántas facturas potenciales hay."""
        self.n = 0
        # cliente, éxito, fracción recuperada y vía de cada grupo, con lugar de sobra
        self._grupos = {"cliente": np.zeros(64, np.int64), "exito": np.zeros(64, bool),
                        "fraccion": np.zeros(64), "via": np.zeros(64, np.int8)}
        # las facturas de cada día de resolución, en una lista enlazada por día (como las de cada
        # cliente en nucleo_clientes): la primera de cada día y la anterior de cada factura
        self._inicio, self._fin = inicio, fin
        self._primera = np.full(max(0, fin - inicio), -1, np.int64)
        self._anterior = np.full(facturas, -1, np.int32)
        self._marca = np.zeros(max(0, fin - inicio), bool)

    def grupos(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Cliente, éxito, fracción que recupera si tiene éxito y vía (1 agencia, 2 legal) de
        cada grupo."""
        g, n = self._grupos, self.n
        return g["cliente"][:n], g["exito"][:n], g["fraccion"][:n], g["via"][:n]

    def agregar(self, clientes: np.ndarray, exito: np.ndarray, fraccion: np.ndarray,
                via: int) -> np.ndarray:
        """Registra grupos nuevos; devuelve sus números (su día va con sus facturas:
        ``anotar_facturas``)."""
        fin = self.n + clientes.size
        if fin > self._grupos["cliente"].size:  # no se copia todo en cada escalada
            capacidad = max(2 * self._grupos["cliente"].size, fin)
            for nombre, viejo in self._grupos.items():
                self._grupos[nombre] = np.zeros(capacidad, viejo.dtype)
                self._grupos[nombre][:self.n] = viejo[:self.n]
        nuevos = {"cliente": clientes, "exito": exito, "fraccion": fraccion, "via": via}
        for nombre, valores in nuevos.items():
            self._grupos[nombre][self.n:fin] = valores
        grupos = np.arange(self.n, fin, dtype=np.int64)
        self.n = fin
        return grupos

    def anotar_facturas(self, ids: np.ndarray, dias: np.ndarray) -> None:
        """Anota facturas recién escaladas con el día en que se resuelve su grupo (las que se
        resolverían después del horizonte no se anotan: ese día no llega)."""
        dentro = dias < self._fin
        nucleo_clientes.enlazar(ids[dentro], dias[dentro] - self._inicio, self._primera,
                                self._anterior)

    def facturas_de_hoy(self, dia: int, estado: np.ndarray) -> np.ndarray:
        """Las facturas de los grupos que se resuelven ese día y siguen abiertas, en orden de
        número (como las abiertas)."""
        if not self._inicio <= dia < self._fin or self._primera[dia - self._inicio] < 0:
            return np.zeros(0, np.int64)
        return nucleo_clientes.de_clientes(np.array([dia - self._inicio], np.int64),
                                           self._primera, self._anterior, self._marca, estado,
                                           ABIERTA)


def escalar(sim: Simulacion, ids: np.ndarray, via: str) -> None:
    """Envía facturas a agencia o a acción legal (un grupo por cliente)."""
    f, c, p, cart = sim.f, sim.c, sim.params, sim.cartera
    ids = ids[(f.estado[ids] == ABIERTA) & (f.escalada[ids] == 0)]
    if ids.size == 0:
        return
    codigo = AGENCIA if via == "agencia" else LEGAL
    f.escalada[ids] = codigo
    cli_ids = cart.c_cliente[ids]
    clientes = nucleo.unicos(cli_ids)  # como np.unique con return_inverse y return_counts
    grupo_de = np.searchsorted(clientes, cli_ids)
    cuantas = np.bincount(grupo_de, minlength=clientes.size)
    c.confianza[clientes] += (p.delta_confianza_agencia if codigo == AGENCIA
                              else p.delta_confianza_legal)
    if sim.eventos.activo:
        for k, n in zip(clientes, cuantas, strict=True):
            plural = "" if n == 1 else "s"
            destino = "a la agencia" if via == "agencia" else "a cobro judicial"
            sim.eventos.fila(sim.dia, int(k), -1, via, f"{n} factura{plural} {destino}")
    u = sim.sorteos("escalada", clientes, c.escaladas[clientes], k=2)
    c.escaladas[clientes] += 1
    quiebra = c.quiebra[clientes]
    if codigo == AGENCIA:
        edad = np.bincount(grupo_de, weights=sim.dia - f.dia_venc[ids]) / cuantas
        prob = np.where(quiebra, 1.0, comp.cobrabilidad(p, edad) * p.factor_recuperacion_agencia
                        * np.where(c.en_dificultad[clientes], 0.5, 1.0))
        fraccion = np.where(quiebra, p.recuperacion_agencia_insolvente_pct / 100.0, 1.0)
        exito = u[:, 0] < prob
        espera = -np.log1p(-u[:, 1]) * p.dias_recuperacion_agencia
        plazo = np.maximum(1.0, np.where(exito, espera, np.maximum(espera, 90.0)))
    else:
        sim.costos.bloque(sim.dia, clientes, "legal", round(sim.escenario.costos.costo_legal * 100))
        exito = quiebra | (u[:, 0] < p.exito_legal_pct / 100.0)
        fraccion = np.where(quiebra, p.exito_legal_insolvente_pct / 100.0, 1.0)
        plazo = np.full(clientes.size, max(1.0, p.demora_legal_dias))
    dias = np.floor(sim.env.now + plazo).astype(np.int64) + sim.inicio
    grupos = sim.escaladas.agregar(clientes, exito, fraccion, codigo)
    f.grupo_escalada[ids] = grupos[grupo_de]
    sim.escaladas.anotar_facturas(ids, dias[grupo_de])


def resolver(sim: Simulacion) -> None:
    """Resuelve los grupos escalados que vencen hoy: recupera lo que se pueda y castiga el resto."""
    cal, f = sim.escaladas, sim.f
    ids = cal.facturas_de_hoy(sim.dia, f.estado)
    if ids.size == 0:
        return
    cliente, exito, fraccion, via = cal.grupos()
    g = f.grupo_escalada[ids]
    cobra = exito[g] & (fraccion[g] > 0)
    if cobra.any():
        _recuperar(sim, ids[cobra], cliente, fraccion, via)
    dinero.castigar(sim, ids, "lo que la agencia o la vía legal no recuperó")


def _recuperar(sim: Simulacion, ids: np.ndarray, cliente: np.ndarray, fraccion: np.ndarray,
               via: np.ndarray) -> None:
    """Abona a cada grupo la fracción recuperada, de la factura más antigua a la más nueva."""
    f = sim.f
    g = f.grupo_escalada[ids]
    orden = np.lexsort((ids, f.dia_venc[ids], g))
    ids, g = ids[orden], g[orden]
    saldos = f.saldo(ids)
    # g está ordenado: cada grupo es un tramo (como np.unique con return_index y return_inverse)
    nuevo = np.concatenate(([True], g[1:] != g[:-1]))
    inicio = np.flatnonzero(nuevo)
    grupos, inversa = g[inicio], np.cumsum(nuevo) - 1
    total = np.bincount(inversa, weights=saldos).round().astype(np.int64)
    monto = np.round(total * fraccion[grupos]).astype(np.int64)
    parte = dinero.repartir(saldos, inicio[inversa], monto[inversa])
    aplicado = np.bincount(inversa, weights=parte, minlength=grupos.size).round().astype(np.int64)
    for codigo, tipo in ((1, "recuperacion_agencia"), (2, "recuperacion_legal")):
        m = (via[g] == codigo) & (parte > 0)
        if m.any():
            dinero.abonar(sim, ids[m], parte[m], tipo)
    pct = sim.escenario.costos.comision_agencia_pct / 100.0
    agencia = via[grupos] == 1
    sim.costos.filas(sim.dia, cliente[grupos[agencia]], "comision_agencia",
                     np.round(aplicado[agencia] * pct).astype(np.int64))
    if sim.eventos.activo:
        fmt = Formato.de(sim.escenario)  # el monto como lo escribe el resto de la app
        for k, gr in enumerate(grupos):
            quien = "la agencia" if via[gr] == 1 else "la vía legal"
            sim.eventos.fila(sim.dia, int(cliente[gr]), -1, "recupero",
                             f"{quien} recupera {fmt.dinero(int(aplicado[k]) / 100)}")
