"""Mesa de cobranza por rondas: rehacer la corrida repitiendo decisiones; la lista de trabajo.

No se guardan objetos del motor: la corrida se rehace con el ejercicio, la semilla y las
decisiones de cada ronda (mismas entradas, mismo estado). Una ronda es: avanzar hasta su primer
día, aplicar sus eventos, aplicar sus decisiones; la siguiente empieza ``dias_por_ronda`` después.
Una decisión es un diccionario simple ``{"cliente", "tipo", "dias", "canal"}`` (se guarda en JSON).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from simulador.entrenamiento import eventos as ev
from simulador.entrenamiento.ejercicio import Ejercicio, armar
from simulador.entrenamiento.principios import NOMBRES_DECISION
from simulador.motor.modelo import Simulacion
from simulador.motor.pausa import Accion, aplicar_acciones, historia, instantanea

Decisiones = list[dict[str, Any]]
"""Las decisiones de una ronda."""
Estrategia = Callable[[Simulacion, Ejercicio, int, dict[int, str]], Decisiones]

TIPOS_CON_LLAMADA = {"llamar", "aceptar_promesa", "ofrecer_plan", "prorroga"}
"""Decisiones que consumen una llamada: se conversan con el cliente."""


@dataclass
class EstadoMesa:
    """Una corrida rearmada al comienzo de una ronda, con los avisos de sus eventos."""

    sim: Simulacion
    ronda: int
    avisos: dict[int, str] = field(default_factory=dict)
    resultados: list[list[str]] = field(default_factory=list)
    revisadas: int = 0
    con_senales: int = 0  # clientes con señales de alerta vistos en las rondas
    con_senales_atendidos: int = 0  # de ellos, cuántos recibieron una gestión
    faltas: list[str] = field(default_factory=list)

    @property
    def adherencia(self) -> float:
        """Porcentaje de decisiones dentro de la política (100 si no hubo decisiones)."""
        if self.revisadas == 0:
            return 100.0
        return 100.0 * (self.revisadas - len(self.faltas)) / self.revisadas


def accion(d: dict[str, Any]) -> Accion:
    """Convierte una decisión guardada en una acción del motor."""
    return Accion(cliente=int(d["cliente"]), tipo=d["tipo"], dias=int(d.get("dias", 7)),
                  canal=str(d.get("canal", "email")))


def problemas_ronda(ejercicio: Ejercicio, decisiones: Decisiones) -> list[str]:
    """Por qué una ronda de decisiones no se puede enviar (lista vacía si se puede)."""
    salida: list[str] = []
    vistos: set[int] = set()
    llamadas = gestiones_usadas = 0
    for d in decisiones:
        tipo = d.get("tipo")
        if tipo not in ejercicio.decisiones:
            salida.append(f"la decisión «{tipo}» no está permitida en este ejercicio")
            continue
        if tipo == "nada":
            continue
        cliente = int(d["cliente"])
        if cliente in vistos:
            salida.append(f"el cliente {cliente} tiene más de una decisión en la ronda")
        vistos.add(cliente)
        gestiones_usadas += 1
        llamadas += tipo in TIPOS_CON_LLAMADA
    rec = ejercicio.recursos
    if llamadas > rec.llamadas_por_ronda:
        salida.append(f"usa {llamadas} llamadas y la ronda tiene {rec.llamadas_por_ronda}")
    if gestiones_usadas > rec.gestiones_por_ronda:
        salida.append(f"usa {gestiones_usadas} gestiones y la ronda permite "
                      f"{rec.gestiones_por_ronda}")
    return salida


def revisar(d: dict[str, Any], clientes: pd.DataFrame, sim: Simulacion) -> str | None:
    """Si una decisión se sale de la política, por qué (``None`` si está dentro)."""
    k, tipo = int(d["cliente"]), d["tipo"]
    fila: dict[Any, Any] = clientes.loc[k].to_dict() if k in clientes.index else {}
    vencido = float(fila.get("vencido", 0.0))
    atraso = int(fila.get("atraso_max", 0))
    rotas = int(fila.get("promesas_rotas", 0))
    promesas = sim.politica.promesas
    if tipo == "aceptar_promesa" and (not promesas.aceptar or int(d.get("dias", 7))
                                      > promesas.dias_max):
        return f"la política acepta promesas de hasta {promesas.dias_max} días"
    if tipo == "prorroga" and int(d.get("dias", 7)) > 30:
        return "una prórroga no debe pasar de 30 días"
    if tipo in ("ofrecer_plan", "suspender") and vencido <= 0:
        return "el cliente no tiene deuda vencida"
    if tipo in ("escalar_agencia", "accion_legal") and atraso < 60 and rotas < 2:
        return "se escala con más de 60 días de atraso o dos promesas rotas"
    return None


def nueva_corrida(ejercicio: Ejercicio, semilla: int) -> Simulacion:
    """La corrida del ejercicio (con eventos por cliente), detenida al comienzo del horizonte."""
    escenario, politica = armar(ejercicio)
    return Simulacion(escenario=escenario, politica=politica, semilla=semilla, eventos=True)


def aplicar_ronda(estado: EstadoMesa, ejercicio: Ejercicio, decisiones: Decisiones) -> list[str]:
    """Aplica las decisiones de la ronda actual y avanza hasta el comienzo de la siguiente."""
    acciones = [accion(d) for d in decisiones if d.get("tipo") != "nada"]
    cli = instantanea(estado.sim).clientes.set_index("cliente")
    alerta = cli.index[(cli["senales"] > 0) | (cli["promesas_rotas"] > 0)]
    estado.con_senales += len(alerta)
    estado.con_senales_atendidos += len(set(alerta) & {a.cliente for a in acciones})
    if acciones:
        for d in decisiones:
            if d.get("tipo") == "nada":
                continue
            estado.revisadas += 1
            falta = revisar(d, cli, estado.sim)
            if falta:
                estado.faltas.append(f"Ronda {estado.ronda + 1}: {describir(d)}: {falta}")
    salida = aplicar_acciones(estado.sim, acciones)
    ev.cerrar_eventos(estado.sim, estado.avisos, {a.cliente for a in acciones})
    estado.resultados.append(salida)
    estado.ronda += 1
    _abrir_ronda(estado, ejercicio)
    return salida


def _abrir_ronda(estado: EstadoMesa, ejercicio: Ejercicio) -> None:
    estado.sim.avanzar(ejercicio.dia_ronda(estado.ronda))
    estado.avisos = (ev.aplicar_eventos(estado.sim, ejercicio, estado.ronda)
                     if estado.ronda < ejercicio.rondas else {})


def reproducir(ejercicio: Ejercicio, semilla: int, jugadas: Sequence[Decisiones]) -> EstadoMesa:
    """Rehace la corrida con las rondas ya jugadas; queda al comienzo de la ronda siguiente."""
    estado = EstadoMesa(sim=nueva_corrida(ejercicio, semilla), ronda=0)
    _abrir_ronda(estado, ejercicio)
    for decisiones in list(jugadas)[: ejercicio.rondas]:
        aplicar_ronda(estado, ejercicio, decisiones)
    return estado


def jugar(ejercicio: Ejercicio, semilla: int, estrategia: Estrategia) -> list[Decisiones]:
    """Juega todas las rondas con una estrategia automática; devuelve sus decisiones."""
    estado = reproducir(ejercicio, semilla, [])
    jugadas: list[Decisiones] = []
    while estado.ronda < ejercicio.rondas:
        decisiones = estrategia(estado.sim, ejercicio, estado.ronda, estado.avisos)
        jugadas.append(decisiones)
        aplicar_ronda(estado, ejercicio, decisiones)
    return jugadas


# --- lo que ve el participante --------------------------------------------------------------------

def _alertas(fila: pd.Series, aviso: str | None) -> str:
    partes = []
    if aviso:
        partes.append(f"⚠ {aviso}")
    if fila["promesas_rotas"] > 0:
        partes.append(f"promesas rotas: {int(fila['promesas_rotas'])}")
    if fila["senales"] > 0 and fila["ultima_senal"]:
        partes.append(f"señal: {fila['ultima_senal']}")
    if fila["atraso_max"] > 60:
        partes.append("más de 60 días de atraso")
    if fila["suspendido"]:
        partes.append("crédito suspendido")
    if fila["en_plan"]:
        partes.append("en plan de pago")
    if fila["promesa_hasta"] >= 0:
        partes.append(f"promesa vigente hasta el día {int(fila['promesa_hasta'])}")
    return "; ".join(partes)


def lista_trabajo(estado: EstadoMesa, *, maximo: int = 25) -> pd.DataFrame:
    """Clientes con algo vencido, señales o un aviso, en orden de prioridad; sin columnas ocultas.

    Columnas: cliente, segmento, saldo, vencido, atraso_max, senales, promesas_rotas, alertas,
    prioridad (sugerida: avisos y señales primero, luego monto por atraso).
    """
    cli = instantanea(estado.sim).clientes
    visibles = cli[[c for c in cli.columns if not c.startswith("oculto_")]].copy()
    aviso = visibles["cliente"].map(estado.avisos)
    interesa = (visibles["vencido"] > 0) | (visibles["senales"] > 0) | aviso.notna()
    visibles = visibles[interesa].copy()
    visibles["alertas"] = [_alertas(f, estado.avisos.get(int(f["cliente"])))
                           for _, f in visibles.iterrows()]
    visibles["prioridad"] = (
        1e12 * visibles["cliente"].isin(list(estado.avisos)).astype(float)
        + 1e9 * (visibles["senales"] + 2 * visibles["promesas_rotas"]).clip(upper=9)
        + visibles["vencido"] * np.maximum(1, visibles["atraso_max"]) / 1e3
    )
    visibles = visibles.sort_values("prioridad", ascending=False, kind="stable").head(maximo)
    columnas = ["cliente", "segmento", "saldo", "vencido", "atraso_max", "senales",
                "promesas_rotas", "alertas", "prioridad", "ancla"]
    return visibles[columnas].reset_index(drop=True)


NOMBRES_EVENTO: dict[str, str] = {
    "emision": "factura emitida", "pago": "pago", "pago_parcial": "pago parcial",
    "recordatorio": "recordatorio", "llamada": "llamada con contacto",
    "sin_contacto": "llamada sin contacto", "promesa": "promesa de pago",
    "promesa_cumplida": "promesa cumplida", "promesa_rota": "promesa rota", "plan": "plan de pago",
    "cuota": "cuota del plan", "plan_roto": "plan roto", "plan_completo": "plan completado",
    "suspension": "crédito suspendido", "agencia": "enviado a agencia", "legal": "acción legal",
    "castigo": "castigo", "disputa": "disputa una factura", "disputa_resuelta": "disputa resuelta",
    "dificultad": "dificultad", "recuperacion": "se recupera", "quiebra": "quiebra",
    "baja": "deja de comprar", "bloqueo": "compra bloqueada", "rechazo": "crédito rechazado",
    "prepago": "se exige prepago", "prorroga": "prórroga", "cargo": "cargo por mora",
    "descuento": "descuento", "alerta": "señal de alerta", "debito_directo": "débito directo",
    "accion_entrenamiento": "decisión de la mesa",
    "recupero": "la agencia o la vía legal recupera",
}
OCULTOS = {"dificultad", "recuperacion", "quiebra"}
"""Eventos que el cobrador no ve (son el estado oculto del cliente)."""


def historia_cliente(sim: Simulacion, cliente: int, *, desde_dia: int | None = None,
                     ocultos: bool = False) -> pd.DataFrame:
    """La historia visible de un cliente (día, evento, detalle), en español."""
    tabla = historia(sim, cliente)
    if desde_dia is not None:
        tabla = tabla[tabla["dia"] >= desde_dia]
    if not ocultos:
        tabla = tabla[~tabla["tipo"].isin(OCULTOS)]
    return pd.DataFrame({
        "dia": tabla["dia"].to_numpy(),
        "evento": [NOMBRES_EVENTO.get(t, t) for t in tabla["tipo"]],
        "detalle": tabla["detalle"].astype(str).to_numpy(),
    })


def describir(d: dict[str, Any]) -> str:
    """Una decisión en palabras: «Llamar al cliente 12»."""
    texto = f"{NOMBRES_DECISION.get(d['tipo'], d['tipo'])} · cliente {d['cliente']}"
    if d["tipo"] in ("aceptar_promesa", "prorroga"):
        texto += f" ({d.get('dias', 7)} días)"
    return texto
