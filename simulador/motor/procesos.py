"""Procesos SimPy (el entorno primero): reloj diario, llamadas, promesas, planes, escalada.

El tiempo SimPy está en días desde el comienzo del calentamiento. Los sucesos de dinero que no son
del paso diario ocurren a mitad del día (``+0.5``) para que su día contable sea inequívoco.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

import numpy as np
import simpy

from simulador.config.politica import PlanesPago
from simulador.motor import comportamiento as comp
from simulador.motor import dinero, gestiones
from simulador.motor.estado import ABIERTA

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion

Proceso = Generator[simpy.Event, Any, None]

MITAD_DEL_DIA = 0.5
"""Momento del día de los sucesos de dinero fuera del paso diario (promesas, escaladas, cuotas)."""

TURNO_MESA = 0.75
"""Momento del día (fracción) del turno de los cobradores: tras el paso diario (0) y los sucesos
de mitad del día (0,5: promesas, agencia, vía legal)."""


def reloj(env: simpy.Environment, sim: Simulacion) -> Proceso:
    """Corre el paso diario al comienzo de cada día, hasta el final del horizonte."""
    from simulador.motor import diario

    dia = sim.inicio
    while dia < sim.escenario.horizonte_dias:
        diario.iniciar_dia(sim, dia)
        yield env.timeout(1)
        dia += 1


def cambio_politica(env: simpy.Environment, sim: Simulacion, desde_dia: int) -> Proceso:
    """Aplica un cambio de política con fecha (antes del paso diario de ese día)."""
    from simulador.motor import diario

    yield env.timeout(sim.tiempo_de(desde_dia) - env.now)
    sim.politica = sim.politica_original.vigente(desde_dia)
    sim.dia = desde_dia
    diario.preparar_politica(sim)


def cada_dia(env: simpy.Environment, sim: Simulacion, hora: float,
             suceso: Callable[[Simulacion], None]) -> Proceso:
    """Corre ``suceso`` una vez por día, a la ``hora`` dada (fracción del día), hasta el final.

    Así corren las promesas que vencen y las escaladas que se resuelven (a mitad del día) y el
    turno de la mesa de cobranza (``TURNO_MESA``).
    """
    yield env.timeout(hora)
    while sim.dia_de(env.now) < sim.escenario.horizonte_dias:
        sim.dia = sim.dia_de(env.now)
        suceso(sim)
        yield env.timeout(1)


def plan_pago(env: simpy.Environment, sim: Simulacion, cliente: int, ids: np.ndarray,
              plan: PlanesPago, numero: int) -> Proceso:
    """Pie y cuotas de un plan de pago; una cuota impaga rompe el plan."""
    f, c = sim.f, sim.c
    total = int(f.saldo(ids).sum())
    pie = round(total * plan.pie_pct / 100.0)
    roto = bool(c.quiebra[cliente]) and pie > 0  # quien quebró no puede pagar el pie
    if not roto:
        dinero.abonar_total(sim, ids, pie, "cuota_plan")
    p_cuota = comp.prob_pagar_cuota(sim.params, plan.intervalo_dias, bool(c.quiebra[cliente]))
    for k in range(0 if roto else plan.cuotas):
        yield env.timeout(plan.intervalo_dias)
        sim.dia = sim.dia_de(env.now)
        abiertas = ids[f.estado[ids] == ABIERTA]
        if abiertas.size == 0:
            break
        resto = int(f.saldo(abiertas).sum())
        interes = round(resto * plan.interes_anual_pct / 100.0 * plan.intervalo_dias / 365.0)
        if interes > 0:
            dinero.cargar(sim, abiertas[:1], np.array([interes], np.int64), "interes_plan")
            resto += interes
        if sim.sorteo("cuotas", cliente, numero * 1000 + k) >= p_cuota:
            roto = True
            break
        cuota = resto if k == plan.cuotas - 1 else -(-resto // (plan.cuotas - k))
        dinero.abonar_total(sim, abiertas, cuota, "cuota_plan")
        sim.eventos.fila(sim.dia, cliente, -1, "cuota", f"cuota {k + 1} de {plan.cuotas}")
    abiertas = ids[f.estado[ids] == ABIERTA]
    f.en_plan[ids] = False
    c.en_plan[cliente] = False
    if roto:
        c.plan_roto_dia[cliente] = sim.dia
        c.confianza[cliente] -= sim.params.delta_confianza_flexibilidad
        sim.eventos.fila(sim.dia, cliente, -1, "plan_roto", "no paga una cuota")
        gestiones.senal(sim, cliente, "plan de pago roto")
        f.paso_sig[abiertas] = np.searchsorted(sim.pasos_dias, sim.dia - f.dia_venc[abiertas],
                                               side="right")
        gestiones.fijar_proximo_paso(sim, abiertas)
    else:
        sim.eventos.fila(sim.dia, cliente, -1, "plan_completo", "termina el plan")
