"""Jugadas automáticas de la mesa: la referencia («alertas primero») y la de no hacer nada.

Solo miran lo que ve el participante (la lista de trabajo), nunca el estado oculto.
"""

from __future__ import annotations

from simulador.entrenamiento import eventos as ev
from simulador.entrenamiento.ejercicio import Ejercicio
from simulador.entrenamiento.rondas import Decisiones, EstadoMesa, lista_trabajo
from simulador.motor.modelo import Simulacion


def nada(sim: Simulacion, ejercicio: Ejercicio, ronda: int, avisos: dict[int, str]) -> Decisiones:
    """No gestionar a nadie."""
    return []


def alertas_primero(sim: Simulacion, ejercicio: Ejercicio, ronda: int,
                    avisos: dict[int, str]) -> Decisiones:
    """Atender los avisos, llamar primero a quien muestra señales y recordar al resto.

    - quien pide prórroga la recibe (15 días); quien disputa, recibe una llamada;
    - con dos o más promesas rotas o más de 90 días de atraso: se escala a agencia;
    - con promesa vigente, plan o suspensión: se deja estar;
    - las llamadas van en orden de la lista de trabajo; quien no alcanza llamada y tiene algo
      vencido recibe un recordatorio.
    """
    permitidas = set(ejercicio.decisiones)
    lista = lista_trabajo(EstadoMesa(sim=sim, ronda=ronda, avisos=avisos), maximo=200)
    llamadas = ejercicio.recursos.llamadas_por_ronda
    gestiones = ejercicio.recursos.gestiones_por_ronda
    salida: Decisiones = []

    def agregar(cliente: int, tipo: str, dias: int = 7) -> None:
        nonlocal llamadas, gestiones
        if tipo not in permitidas or gestiones <= 0:
            return
        if tipo in ("llamar", "prorroga", "aceptar_promesa", "ofrecer_plan"):
            if llamadas <= 0:
                return
            llamadas -= 1
        gestiones -= 1
        salida.append({"cliente": cliente, "tipo": tipo, "dias": dias, "canal": "email"})

    for _, f in lista.iterrows():
        k = int(f["cliente"])
        aviso = avisos.get(k)
        if aviso == ev.AVISO_PRORROGA:
            agregar(k, "prorroga", 15)
        elif aviso == ev.AVISO_DISPUTA:
            agregar(k, "llamar")
        elif "promesa vigente" in f["alertas"] or "en plan" in f["alertas"]:
            continue
        elif f["promesas_rotas"] >= 2 or f["atraso_max"] > 90:
            agregar(k, "escalar_agencia")
        elif f["senales"] > 0 or f["promesas_rotas"] > 0 or f["atraso_max"] > 20:
            if llamadas > 0:
                agregar(k, "llamar")
            elif f["vencido"] > 0:
                agregar(k, "recordatorio")
        elif f["vencido"] > 0:
            agregar(k, "recordatorio")
    return salida


ESTRATEGIAS = {"alertas_primero": alertas_primero, "nada": nada}
"""Nombre de la jugada de referencia -> estrategia."""
