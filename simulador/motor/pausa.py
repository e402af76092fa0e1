"""Pausa y reanudación: ver el estado de una corrida detenida y aplicar acciones a clientes.

El modo capacitación avanza la simulación por rondas: ``Simulacion.avanzar(dia)``, luego
``instantanea(sim)`` para mostrar la lista de trabajo, ``aplicar_acciones(sim, acciones)`` con lo
que decidió la persona, y de nuevo ``avanzar``. Una corrida de «¿qué pasa si?» es el mismo modelo
corrido hasta el final sin pausas.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from simulador.motor import dinero, escalada, gestiones
from simulador.motor.series import tramo_de
from simulador.resultado import TRAMOS

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion

TipoAccion = Literal[
    "llamar", "recordatorio", "aceptar_promesa", "ofrecer_plan", "suspender", "escalar_agencia",
    "accion_legal", "prorroga", "castigar", "nada",
]
TIPOS_ACCION: tuple[str, ...] = (
    "llamar", "recordatorio", "aceptar_promesa", "ofrecer_plan", "suspender", "escalar_agencia",
    "accion_legal", "prorroga", "castigar", "nada",
)


@dataclass(frozen=True)
class Accion:
    """Una decisión sobre un cliente durante una pausa."""

    cliente: int
    tipo: TipoAccion
    dias: int = 7  # plazo de la promesa o de la prórroga
    canal: str = "email"  # canal del recordatorio


@dataclass(frozen=True)
class Instantanea:
    """Lo que se ve de una corrida detenida al comienzo de un día."""

    dia: int
    fecha: dt.date
    facturas: pd.DataFrame  # facturas abiertas con su atraso y tramo
    clientes: pd.DataFrame  # clientes con saldo, vencido, señales y estado de gestión
    cola: int  # llamadas esperando un cobrador
    cobrado: float  # cobrado acumulado desde el día 0 (moneda)


def instantanea(sim: Simulacion) -> Instantanea:
    """El estado visible de la cartera; las columnas ``oculto_*`` son solo para el capacitador."""
    f, c, cart = sim.f, sim.c, sim.cartera
    dia = sim.dia_de(sim.env.now)
    ids = sim.abiertas()
    cli = cart.c_cliente[ids]
    atraso = dia - f.dia_venc[ids]
    nombres = np.asarray([s.nombre for s in sim.escenario.segmentos], dtype=object)
    facturas = pd.DataFrame({
        "factura": ids, "cliente": cli, "segmento": nombres[cart.segmento[cli]],
        "dia_emision": f.dia_emision[ids], "dia_vencimiento": f.dia_venc[ids],
        "monto": f.monto[ids] / 100.0, "saldo": f.saldo(ids) / 100.0,
        "dias_atraso": atraso, "tramo": np.asarray(TRAMOS, dtype=object)[tramo_de(atraso)],
        "disputada": f.disputada[ids], "en_plan": f.en_plan[ids],
        "escalada": f.escalada[ids] > 0, "pago_parcial": f.parcial[ids],
    })
    n = cart.n_clientes
    saldo = np.bincount(cli, weights=f.saldo(ids), minlength=n) / 100.0
    vencido = np.bincount(cli, weights=f.saldo(ids) * (atraso > 0), minlength=n) / 100.0
    atraso_max = np.full(n, -(10**6), np.int64)
    np.maximum.at(atraso_max, cli, atraso)
    con_saldo = saldo > 0
    k = np.flatnonzero(con_saldo)
    clientes = pd.DataFrame({
        "cliente": k, "segmento": nombres[cart.segmento[k]], "saldo": saldo[k],
        "vencido": vencido[k], "atraso_max": np.maximum(atraso_max[k], 0),
        "senales": c.senales[k], "ultima_senal": c.ultima_senal[k],
        "llamadas": c.llamadas[k], "promesas_rotas": c.promesas_rotas[k],
        "en_plan": c.en_plan[k], "suspendido": c.suspendido[k],
        "promesa_hasta": np.where(c.pausa_hasta[k] >= dia, c.pausa_hasta[k], -1),
        "en_cola": c.en_cola[k], "ancla": cart.ancla[k],
        "oculto_en_dificultad": c.en_dificultad[k], "oculto_quiebra": c.quiebra[k],
        "oculto_confianza": np.round(c.confianza[k], 3),
        "oculto_atraso_habitual": np.round(cart.atraso_habitual[k], 1),
    })
    clientes = clientes.sort_values(["senales", "vencido"], ascending=False, kind="stable")
    cobrado = float(sim.series.cobrado[0, : max(0, dia - 1)].sum()) + sum(
        int(v[0]) for d, v in sim.cobrado_por_dia.items() if d >= 0) / 100.0
    return Instantanea(dia=dia, fecha=sim.escenario.fecha_inicio + dt.timedelta(days=dia),
                       facturas=facturas, clientes=clientes.reset_index(drop=True),
                       cola=int(sim.mesa.en_cola[0]), cobrado=cobrado)


def aplicar_acciones(sim: Simulacion, acciones: list[Accion]) -> list[str]:
    """Aplica las decisiones de una pausa; devuelve una frase por acción con lo que pasó."""
    sim.dia = sim.dia_de(sim.env.now)
    salida = []
    for a in acciones:
        if not 0 <= a.cliente < sim.cartera.n_clientes:
            raise ValueError(f"cliente {a.cliente} no existe")
        salida.append(_aplicar(sim, a))
        if a.tipo != "nada":
            sim.eventos.fila(sim.dia, a.cliente, -1, "accion_entrenamiento", a.tipo)
    return salida


def _aplicar(sim: Simulacion, a: Accion) -> str:
    c = a.cliente
    ids = gestiones.por_cliente(sim, c)
    if a.tipo == "nada":
        return f"Cliente {c}: sin gestión."
    if ids.size == 0:
        return f"Cliente {c}: no tiene facturas abiertas."
    if a.tipo == "llamar":
        ok = gestiones.encolar_llamada(sim, c, "llamada decidida en la mesa", forzada=True)
        return f"Cliente {c}: llamada agendada para hoy." if ok else \
            f"Cliente {c}: ya tenía una llamada en cola."
    if a.tipo == "recordatorio":
        from simulador.config.politica import Paso

        paso = Paso(dias=0, accion="recordatorio", canal=a.canal, personalizado=True)
        gestiones.ejecutar_paso(sim, paso, ids)
        return f"Cliente {c}: recordatorio por {a.canal} enviado."
    if a.tipo == "aceptar_promesa":
        gestiones.registrar_promesa(sim, c, max(1, a.dias))
        return f"Cliente {c}: promesa de pago aceptada a {a.dias} días."
    if a.tipo == "ofrecer_plan":
        ok = gestiones.ofrecer_plan(sim, c, forzado=True)
        return f"Cliente {c}: acepta el plan de pago." if ok else \
            f"Cliente {c}: no acepta el plan (o no tiene deuda vencida)."
    if a.tipo == "suspender":
        sim.c.suspendido[c] = True
        sim.c.confianza[c] += sim.params.delta_confianza_suspension
        return f"Cliente {c}: crédito suspendido."
    if a.tipo == "escalar_agencia":
        escalada.escalar(sim, ids[(sim.dia - sim.f.dia_venc[ids]) > 0], "agencia")
        return f"Cliente {c}: deuda vencida enviada a agencia."
    if a.tipo == "accion_legal":
        escalada.escalar(sim, ids[(sim.dia - sim.f.dia_venc[ids]) > 0], "legal")
        return f"Cliente {c}: acción legal iniciada."
    if a.tipo == "prorroga":
        n = gestiones.prorrogar(sim, c, max(1, a.dias))
        plural = "" if n == 1 else "s"
        return f"Cliente {c}: prórroga de {a.dias} días en {n} factura{plural}."
    if a.tipo == "castigar":
        dinero.castigar(sim, ids, "decisión de la mesa")
        return f"Cliente {c}: saldo castigado."
    raise ValueError(f"acción desconocida '{a.tipo}'")


def iniciar_disputa(sim: Simulacion, cliente: int) -> bool:
    """El cliente disputa su factura abierta más reciente: la pagará mucho más tarde.

    Es lo que hace el motor al emitir una factura disputada; sirve para inyectar el evento en
    un ejercicio. Devuelve si había una factura que disputar.
    """
    sim.dia = sim.dia_de(sim.env.now)
    ids = gestiones.por_cliente(sim, cliente)
    ids = ids[~sim.f.disputada[ids]]
    if ids.size == 0:
        return False
    j = ids[-1:]
    sim.f.disputada[j] = True
    sim.f.dia_natural[j] += int(sim.params.disputa_dias_extra)
    sim.eventos.bloque(sim.dia, np.full(1, cliente), j, "disputa")
    return True


def ajustar_confianza(sim: Simulacion, cliente: int, delta: float, motivo: str) -> None:
    """Sube o baja la confianza (relación) de un cliente y lo deja en su historia."""
    sim.dia = sim.dia_de(sim.env.now)
    sim.c.confianza[cliente] = float(np.clip(sim.c.confianza[cliente] + delta, 0.0, 1.0))
    sim.eventos.fila(sim.dia, cliente, -1, "accion_entrenamiento", motivo)


def historia(sim: Simulacion, cliente: int) -> pd.DataFrame:
    """Eventos de un cliente hasta ahora (requiere la corrida con eventos)."""
    tabla = sim.eventos.cerrar()
    return tabla[tabla["cliente"] == cliente].reset_index(drop=True)
