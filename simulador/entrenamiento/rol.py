"""Juego de roles: una conversación en tres turnos con un cliente de la cartera simulada.

El cliente tiene una situación verdadera y oculta (olvidadizo, en dificultad temporal, con una
factura en disputa, moroso a propósito o a punto de quebrar). En cada turno el participante elige
qué decir u ofrecer; la respuesta del cliente sale de su situación y de lo elegido, y el resultado
(promesa, plan, prórroga, escalamiento, relación dañada o cuidada) entra en la simulación como
acciones del motor. El pago real lo decide el motor según el estado oculto del cliente.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulador.entrenamiento import eventos as ev
from simulador.entrenamiento.ejercicio import Ejercicio, Situacion
from simulador.formato import nombre_visible
from simulador.motor.modelo import Simulacion
from simulador.motor.pausa import Accion, aplicar_acciones, instantanea

TURNOS: tuple[tuple[str, dict[str, str]], ...] = (
    ("Apertura", {
        "preguntar": "Saludar, preguntar cómo va su negocio y si hay algún problema con la factura",
        "recordar": "Recordar amablemente que la factura venció y preguntar cuándo podrá pagar",
        "exigir": "Exigir el pago hoy y advertir que se le suspenderá el crédito",
    }),
    ("Propuesta", {
        "promesa": "Pedir una fecha de pago concreta dentro de 7 días",
        "plan": "Ofrecer un plan de pago en cuotas",
        "prorroga": "Conceder una prórroga de 15 días",
        "revisar": "Revisar la factura y corregir el problema de entrega",
        "agencia": "Anunciar que la deuda pasa a una agencia de cobranza",
    }),
    ("Cierre", {
        "confirmar": "Confirmar por escrito lo acordado y agendar un seguimiento",
        "suspender": "Suspender el crédito hasta que se pague",
        "despedir": "Despedirse sin más",
    }),
)
"""Por turno: su nombre y las opciones (clave -> lo que dice el participante)."""

DESCRIPCION: dict[str, str] = {
    "olvidadizo": "Paga bien, pero se le pasan las fechas: nadie le recordó la factura.",
    "dificultad_temporal": "Un cliente suyo le pagó tarde y tiene la caja apretada por unas "
    "semanas; quiere pagar y valora la relación, pero hoy no puede pagar todo.",
    "disputa": "La última entrega llegó incompleta y no pagará esa factura hasta que se corrija.",
    "moroso_deliberado": "Tiene el dinero, pero paga tarde a propósito: financia su negocio con "
    "sus proveedores y cede solo ante consecuencias claras.",
    "por_quebrar": "Su negocio está por cerrar; promete cualquier cosa para ganar tiempo y no "
    "podrá pagar lo que prometa.",
}
"""Situación oculta -> lo que dice la tarjeta del cliente."""

REFERENCIA: dict[str, tuple[str, str, str]] = {
    "olvidadizo": ("recordar", "promesa", "confirmar"),
    "dificultad_temporal": ("preguntar", "plan", "confirmar"),
    "disputa": ("preguntar", "revisar", "confirmar"),
    "moroso_deliberado": ("recordar", "promesa", "suspender"),
    "por_quebrar": ("preguntar", "agencia", "suspender"),
}
"""Buenas prácticas por situación: la jugada de referencia."""

_REVELA = {  # qué aperturas hacen que el cliente cuente su situación
    "olvidadizo": {"preguntar", "recordar", "exigir"},
    "dificultad_temporal": {"preguntar"},
    "disputa": {"preguntar", "recordar"},
    "moroso_deliberado": set(),
    "por_quebrar": set(),
}
_APERTURA = {
    "olvidadizo": "«¡Uy, se me pasó por completo! Disculpe, lo reviso hoy mismo.»",
    "dificultad_temporal": "«Le soy sincero: un cliente grande me pagó tarde y estoy corto de "
    "caja unas semanas. Quiero pagarle, pero hoy no puedo todo.»",
    "disputa": "«Justamente: la última entrega llegó incompleta. No voy a pagar esa factura "
    "hasta que la corrijan.»",
    "moroso_deliberado": "«Sí, sí, está en proceso; ya sabe cómo es esto, la próxima semana "
    "seguro.»",
    "por_quebrar": "«Todo bien, un mes flojo nomás. Le pago pronto, no se preocupe.»",
}
_APERTURA_CERRADA = "«Mire, estoy ocupado. Veré qué puedo hacer.» (No cuenta nada más.)"
_APERTURA_DURA = {
    "dificultad_temporal": "«Así no se trata a un cliente de años. Veré qué hago.» (Se cierra y "
    "no cuenta su problema.)",
    "disputa": "«¿Pagar? ¡Si la entrega llegó incompleta! Hablemos cuando la corrijan.»",
    "olvidadizo": "«Está bien, está bien, no hace falta el tono. Pago hoy.»",
    "moroso_deliberado": "«Bueno, bueno… no me suspenda, veo qué puedo adelantar.»",
    "por_quebrar": "«Ya le dije que le pago. No me presione.»",
}
_PROPUESTA: dict[str, dict[str, str]] = {
    "olvidadizo": {"promesa": "«El jueves le transfiero, anotado.»",
                   "plan": "«¿Cuotas? No hace falta, pago todo esta semana.»",
                   "prorroga": "«Gracias, así me ordeno.»",
                   "revisar": "«La factura está bien, era solo que se me pasó.»",
                   "agencia": "«¿Una agencia por un olvido? Me parece excesivo.»"},
    "dificultad_temporal": {"promesa": "«Le digo que sí… aunque no sé si llegaré en 7 días.»",
                            "plan": "«Eso me sirve: en cuotas sí puedo cumplir.»",
                            "prorroga": "«Con 15 días me alcanza para ordenarme, gracias.»",
                            "revisar": "«La factura está bien; el problema es la caja.»",
                            "agencia": "«Después de tantos años… buscaré otro proveedor.»"},
    "disputa": {"promesa": "«Pago cuando corrijan la entrega, no antes.»",
                "plan": "«No es un tema de plata: la entrega llegó incompleta.»",
                "prorroga": "«No necesito más plazo, necesito que corrijan la factura.»",
                "revisar": "«Gracias por revisarlo. Con la nota de crédito pago el resto.»",
                "agencia": "«¿Me cobran con agencia una factura mal hecha? Increíble.»"},
    "moroso_deliberado": {"promesa": "«Está bien, el viernes.» (Sabe que usted lo anotó.)",
                          "plan": "«¡Perfecto, en cuotas!» (Sin interés, le conviene.)",
                          "prorroga": "«Muy amable.» (Pagará después de la prórroga, tarde.)",
                          "revisar": "«Sí, revísela, no hay apuro.»",
                          "agencia": "«No, no hace falta, le pago esta semana.»"},
    "por_quebrar": {"promesa": "«Sí, sí, en 7 días sin falta.» (No podrá.)",
                    "plan": "«Claro, cuotas, lo que diga.» (No podrá pagarlas.)",
                    "prorroga": "«Gracias, con eso alcanzo.» (No alcanza.)",
                    "revisar": "«La factura está bien.»",
                    "agencia": "«…» (Se queda callado; la agencia recuperará algo a tiempo.)"},
}
_CIERRE = {
    "confirmar": "Queda registrado por escrito y con un seguimiento en la agenda.",
    "suspender": "El crédito queda suspendido hasta que pague lo vencido.",
    "despedir": "La conversación termina sin nada por escrito.",
}


@dataclass
class Conversacion:
    """Una conversación en curso: el cliente, su situación y lo elegido hasta ahora."""

    cliente: int
    situacion: Situacion
    elecciones: list[str] = field(default_factory=list)
    dialogo: list[tuple[str, str]] = field(default_factory=list)  # (quién, texto)

    @property
    def terminada(self) -> bool:
        """Si ya se jugaron los tres turnos."""
        return len(self.elecciones) >= len(TURNOS)

    @property
    def revelo(self) -> bool:
        """Si el cliente contó su situación (depende de la apertura)."""
        return bool(self.elecciones) and self.elecciones[0] in _REVELA[self.situacion]


def elegir_cliente(sim: Simulacion, situacion: str) -> int:
    """El cliente con deuda vencida cuyo estado oculto mejor calza con la situación."""
    cli = instantanea(sim).clientes
    cli = cli[(cli["vencido"] > 0) & ~cli["ancla"]]
    if cli.empty:
        return 0
    dif, quiebra = cli["oculto_en_dificultad"], cli["oculto_quiebra"]
    habitual = cli["oculto_atraso_habitual"]
    puntaje = {
        "olvidadizo": (~dif) * 100 - habitual.abs(),
        "dificultad_temporal": (dif & ~quiebra) * 100 + cli["vencido"] / 1e7,
        "disputa": (~dif) * 100 + cli["vencido"] / 1e7,
        "moroso_deliberado": (~dif) * 100 + habitual,
        "por_quebrar": quiebra * 200 + dif * 100 + habitual,
    }[situacion]
    return int(cli["cliente"].to_numpy()[int(np.argmax(puntaje.to_numpy(dtype=float)))])


def preparar(sim: Simulacion, ejercicio: Ejercicio) -> Conversacion:
    """Avanza hasta el día de la conversación, elige al cliente y arma su situación."""
    assert ejercicio.rol is not None
    sim.avanzar(ejercicio.dia_inicio)
    sim.dia = sim.dia_de(sim.env.now)
    rol = ejercicio.rol
    k = elegir_cliente(sim, rol.situacion) if rol.cliente == "auto" else int(rol.cliente)
    if rol.situacion == "disputa":
        ev.inyectar_disputa(sim, k)
    elif rol.situacion in ("dificultad_temporal", "por_quebrar"):
        ev.inyectar_dificultad(sim, k, dias=45, quiebra=rol.situacion == "por_quebrar")
    return Conversacion(cliente=k, situacion=rol.situacion)


def responder(conv: Conversacion, opcion: str) -> str:
    """Registra la elección del turno actual y devuelve la respuesta del cliente."""
    turno = len(conv.elecciones)
    if turno >= len(TURNOS):
        raise ValueError("la conversación ya terminó")
    nombre, opciones = TURNOS[turno]
    if opcion not in opciones:
        raise ValueError(f"opción «{opcion}» no válida en el turno {nombre}")
    conv.elecciones.append(opcion)
    s = conv.situacion
    if turno == 0:
        if opcion == "exigir":
            texto = _APERTURA_DURA[s]
        else:
            texto = _APERTURA[s] if opcion in _REVELA[s] or s in (
                "moroso_deliberado", "por_quebrar") else _APERTURA_CERRADA
    elif turno == 1:
        texto = _PROPUESTA[s][opcion]
        if s == "dificultad_temporal" and opcion == "plan" and not conv.revelo:
            texto = "«Bueno… puede ser.» (Acepta con desconfianza: no sabía de su problema.)"
    else:
        texto = _CIERRE[opcion]
    conv.dialogo.append(("participante", opciones[opcion]))
    conv.dialogo.append(("cliente", texto))
    return texto


def respuesta_tipo(situacion: str, turno: int, opcion: str) -> str:
    """La respuesta del cliente a una opción (para la tarjeta del cliente en persona)."""
    conv = Conversacion(cliente=0, situacion=situacion)  # type: ignore[arg-type]
    previas = [REFERENCIA[situacion][0]] if turno == 1 else []
    for o in previas:
        responder(conv, o)
    return responder(conv, opcion)


def acciones(conv: Conversacion) -> tuple[list[Accion], float]:
    """Lo que la conversación deja en la simulación: acciones y cambio de confianza."""
    apertura, propuesta, cierre = [*conv.elecciones, "", "", ""][:3]
    k, s = conv.cliente, conv.situacion
    salida = [Accion(cliente=k, tipo="llamar")]
    confianza = {"preguntar": 0.04, "recordar": 0.01, "exigir": -0.08}.get(apertura, 0.0)
    if s == "moroso_deliberado" and apertura == "exigir":
        confianza = 0.0
    tipo = {"promesa": "aceptar_promesa", "plan": "ofrecer_plan", "prorroga": "prorroga",
            "agencia": "escalar_agencia"}.get(propuesta)
    if tipo:
        salida.append(Accion(cliente=k, tipo=tipo, dias=7 if propuesta == "promesa" else 15))  # type: ignore[arg-type]
    if propuesta == "revisar" and s != "disputa":
        confianza -= 0.01
    if s == "disputa" and propuesta != "revisar":
        confianza -= 0.06
    if cierre == "confirmar":
        salida.append(Accion(cliente=k, tipo="recordatorio", canal="email"))
        confianza += 0.02
    elif cierre == "suspender":
        salida.append(Accion(cliente=k, tipo="suspender"))
    return salida, confianza


def aplicar(sim: Simulacion, conv: Conversacion) -> list[str]:
    """Aplica el resultado de la conversación a la corrida (en el día de la conversación)."""
    lista, confianza = acciones(conv)
    salida = aplicar_acciones(sim, lista)
    if confianza:
        ev.ajustar_confianza(sim, conv.cliente, confianza,
                             "el tono de la conversación " + ("cuidó" if confianza > 0 else
                                                              "dañó") + " la relación")
    return salida


def adherencia(conv: Conversacion) -> float:
    """Apego a la política: escalar o suspender solo con motivo; amenazar sin actuar no suma."""
    faltas = 0
    apertura, propuesta, cierre = [*conv.elecciones, "", "", ""][:3]
    if apertura == "exigir" and cierre != "suspender":
        faltas += 1  # amenaza que no se cumple
    if propuesta == "agencia" and conv.situacion in ("olvidadizo", "dificultad_temporal",
                                                      "disputa"):
        faltas += 1
    if cierre == "suspender" and conv.situacion in ("olvidadizo", "disputa"):
        faltas += 1
    return 100.0 * (3 - faltas) / 3


def jugar(sim: Simulacion, ejercicio: Ejercicio, elecciones: list[str]) -> tuple[Conversacion,
                                                                                 list[str]]:
    """Rehace la conversación con esas elecciones y la aplica (si está completa)."""
    conv = preparar(sim, ejercicio)
    for opcion in elecciones[: len(TURNOS)]:
        responder(conv, opcion)
    salida = aplicar(sim, conv) if conv.terminada else []
    return conv, salida


def tarjetas(sim: Simulacion, ejercicio: Ejercicio, conv: Conversacion) -> dict[str, Any]:
    """Datos de las dos tarjetas de rol (cliente y vendedor) para imprimir."""
    cli = instantanea(sim).clientes.set_index("cliente")
    fila: dict[Any, Any] | None = (cli.loc[conv.cliente].to_dict() if conv.cliente in cli.index
                                   else None)
    pol = sim.politica
    assert ejercicio.rol is not None
    nombre_seg = str(fila["segmento"]) if fila is not None else ""
    extra = next((s.plazo_adicional_dias for s in sim.escenario.segmentos
                  if s.nombre == nombre_seg), 0)
    return {
        "nombre": ejercicio.rol.nombre_cliente,
        "cliente": conv.cliente,
        "situacion": DESCRIPCION[conv.situacion],
        "saldo": float(fila["saldo"]) if fila is not None else 0.0,
        "vencido": float(fila["vencido"]) if fila is not None else 0.0,
        "atraso": int(fila["atraso_max"]) if fila is not None else 0,
        "segmento": nombre_visible(fila["segmento"]) if fila is not None else "",
        "limites": [
            f"Plazo de pago: neto {pol.plazo_dias + extra} días"
            + (f" ({pol.plazo_dias} de la política y {extra} negociados con su segmento)."
               if extra else "."),
            f"Promesas de pago: hasta {pol.promesas.dias_max} días." if pol.promesas.aceptar
            else "No se aceptan promesas de pago.",
            f"Plan de pago: {pol.planes.cuotas} cuotas cada {pol.planes.intervalo_dias} días, "
            f"pie {pol.planes.pie_pct:g} %.",
            "Prórroga: hasta 30 días, una vez.",
            "Escalar a agencia: con más de 60 días de atraso o dos promesas rotas.",
        ],
        "pistas_cliente": {
            "revela_si": ", ".join(TURNOS[0][1][o] for o in sorted(_REVELA[conv.situacion]))
            or "nunca lo cuenta",
            "acepta": ", ".join(TURNOS[1][1][o] for o in REFERENCIA[conv.situacion][1:2]),
        },
    }
