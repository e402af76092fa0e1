"""Eventos inyectados en una ronda (disputas, pedidos de prórroga, recesión anunciada).

Usan las acciones públicas de pausa del motor (``simulador.motor.pausa``); son deterministas, así
que repetir las mismas decisiones reproduce el mismo estado.
"""

from __future__ import annotations

import numpy as np

from simulador.entrenamiento.ejercicio import Ejercicio, Evento
from simulador.motor import gestiones, pausa
from simulador.motor.modelo import Simulacion


def cliente_ancla(sim: Simulacion) -> int | None:
    """El número del cliente ancla, si el escenario tiene uno."""
    k = np.flatnonzero(sim.cartera.ancla)
    return int(k[0]) if k.size else None


def resolver_cliente(sim: Simulacion, evento: Evento) -> int | None:
    """El cliente de un evento; si no tiene facturas abiertas, el de mayor saldo que sí tenga."""
    if evento.cliente is None:
        return None
    sim.dia = sim.dia_de(sim.env.now)
    k = cliente_ancla(sim) if evento.cliente == "ancla" else int(evento.cliente)
    if k is not None and 0 <= k < sim.cartera.n_clientes and gestiones.por_cliente(sim, k).size:
        return k
    ids = sim.f.abiertas
    if ids.size == 0:
        return k
    cli = sim.cartera.c_cliente[ids]
    saldo = np.bincount(cli, weights=sim.f.saldo(ids), minlength=sim.cartera.n_clientes)
    saldo[sim.cartera.ancla] = -1
    return int(np.argmax(saldo))


def inyectar_disputa(sim: Simulacion, cliente: int) -> None:
    """El cliente disputa su factura abierta más reciente (acción pública del motor)."""
    pausa.iniciar_disputa(sim, cliente)


def ajustar_confianza(sim: Simulacion, cliente: int, delta: float, motivo: str) -> None:
    """Sube o baja la confianza del cliente (acción pública del motor)."""
    pausa.ajustar_confianza(sim, cliente, delta, motivo)


AVISO_PRORROGA = "pide una prórroga"
AVISO_DISPUTA = "disputa una factura"


def eventos_de_ronda(ejercicio: Ejercicio, ronda: int) -> list[Evento]:
    """Los eventos de la ronda (0 = la primera)."""
    return [e for e in ejercicio.eventos if e.ronda == ronda + 1]


def aplicar_eventos(sim: Simulacion, ejercicio: Ejercicio, ronda: int) -> dict[int, str]:
    """Aplica los eventos del comienzo de la ronda; devuelve cliente -> aviso para la lista."""
    sim.dia = sim.dia_de(sim.env.now)
    avisos: dict[int, str] = {}
    for evento in eventos_de_ronda(ejercicio, ronda):
        k = resolver_cliente(sim, evento)
        if k is None:
            continue
        if evento.tipo == "disputa":
            inyectar_disputa(sim, k)
            avisos[k] = AVISO_DISPUTA
        elif evento.tipo == "pide_prorroga":
            sim.eventos.fila(sim.dia, k, -1, "accion_entrenamiento", "pide una prórroga")
            avisos[k] = AVISO_PRORROGA
    return avisos


PENALIDAD_SIN_RESPUESTA = -0.10
"""Baja de confianza si un cliente pide algo y nadie le responde en la ronda."""


def cerrar_eventos(sim: Simulacion, avisos: dict[int, str], atendidos: set[int]) -> None:
    """Al enviar la ronda: quien pidió una prórroga y no fue atendido pierde confianza."""
    for k, aviso in avisos.items():
        if aviso == AVISO_PRORROGA and k not in atendidos:
            ajustar_confianza(sim, k, PENALIDAD_SIN_RESPUESTA,
                              "su pedido de prórroga quedó sin respuesta")


def inyectar_dificultad(sim: Simulacion, cliente: int, *, dias: int, quiebra: bool) -> None:
    """Pone al cliente en dificultad (temporal por ``dias``, o quiebra), como hace el motor."""
    c = sim.c
    if c.en_dificultad[cliente] and bool(c.quiebra[cliente]) == quiebra:
        return
    c.en_dificultad[cliente] = True
    c.quiebra[cliente] = quiebra
    c.dificultad_hasta[cliente] = sim.dia + (10**6 if quiebra else dias)
    sim.eventos.fila(sim.dia, cliente, -1, "quiebra" if quiebra else "dificultad",
                     "situación del juego de roles")
