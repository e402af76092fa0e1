"""El cierre del ejercicio: por cada principio, qué hizo el participante y qué causó."""

from __future__ import annotations

from collections import Counter
from typing import Any

from simulador.entrenamiento import rol
from simulador.entrenamiento.ejercicio import Ejercicio
from simulador.entrenamiento.evaluacion import Evaluacion
from simulador.entrenamiento.principios import NOMBRES, NOMBRES_DECISION, PRINCIPIO_DE_DECISION
from simulador.entrenamiento.puntaje import CRITERIOS

CRITERIO_DE_PRINCIPIO: dict[str, str] = {
    "conoce_clientes": "cobrado", "politicas_claras": "adherencia", "verificacion": "incobrables",
    "automatizacion": "costo", "pronto_pago": "cobrado", "comunicacion_abierta": "relaciones",
    "acuerdos_flexibles": "incobrables", "seguimiento": "cobrado", "alertas": "incobrables",
    "seguimiento_proactivo": "cobrado", "capacitacion": "cobrado",
    "revision_periodica": "adherencia", "relaciones_largo_plazo": "relaciones",
    "diversificacion": "incobrables", "escalamiento": "costo",
}
"""El criterio de la rúbrica donde más se nota cada principio."""


def _num(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def _conteo(jugadas: list[Any]) -> Counter[str]:
    return Counter(d["tipo"] for ronda in jugadas for d in ronda if d.get("tipo") != "nada")


def _hizo_mesa(principio: str, ev: Evaluacion) -> str:
    propio, ref = _conteo(ev.propia.jugadas), _conteo(ev.referencia.jugadas)
    tipos = [t for t, p in PRINCIPIO_DE_DECISION.items() if p == principio]
    if principio in ("alertas", "seguimiento_proactivo", "conoce_clientes"):
        tipos = ["llamar"]
    partes = [f"{NOMBRES_DECISION[t]}: {propio[t]} (referencia: {ref[t]})" for t in tipos]
    extra = ev.propia.extra.get("alertas")
    if principio == "alertas" and extra:
        partes.append(f"atendió a {extra[0]} de {extra[1]} clientes con señales de alerta")
    return "; ".join(partes) or "Sin decisiones de este tipo."


def _hizo_diseno(ejercicio: Ejercicio, ev: Evaluacion) -> str:
    if not ev.propia.jugadas:
        return "Dejó la política inicial."
    assert ejercicio.diseno is not None
    valores = ev.propia.jugadas[-1]
    return "; ".join(f"{p.etiqueta}: {valores.get(p.ruta)}" for p in ejercicio.diseno.palancas)


def _hizo_rol(ev: Evaluacion) -> str:
    elecciones = ev.propia.jugadas[0] if ev.propia.jugadas else []
    return " → ".join(f"{rol.TURNOS[i][0]}: «{rol.TURNOS[i][1][o]}»"
                      for i, o in enumerate(elecciones))


def debrief(ejercicio: Ejercicio, ev: Evaluacion) -> list[dict[str, str]]:
    """Por principio de los objetivos: lo que hizo, lo que causó y la nota del capacitador."""
    criterios = {c.clave: c for c in ev.puntaje.criterios}
    salida = []
    for objetivo in ejercicio.objetivos:
        p = objetivo.principio
        if ejercicio.modalidad == "mesa":
            hizo = _hizo_mesa(p, ev)
        elif ejercicio.modalidad == "diseno":
            hizo = _hizo_diseno(ejercicio, ev)
        else:
            hizo = _hizo_rol(ev)
        c = criterios[CRITERIO_DE_PRINCIPIO[p]]
        sentido = "mejor que" if c.puntos > 52 else "peor que" if c.puntos < 48 else "igual que"
        causo = (f"{CRITERIOS[c.clave]}: {sentido} la referencia ({c.puntos:.0f} puntos; "
                 f"usted {_num(c.valor)}, referencia {_num(c.referencia)})")
        salida.append({"principio": p, "nombre": NOMBRES[p], "objetivo": objetivo.texto,
                       "hizo": hizo, "causo": causo, "nota": ejercicio.debrief.get(p, "")})
    return salida


def resumen(ejercicio: Ejercicio, ev: Evaluacion) -> dict[str, Any]:
    """Todo el cierre en una forma simple (JSON) para guardar y mostrar."""
    return {
        "total": ev.puntaje.total,
        "criterios": [dict(c.__dict__) for c in ev.puntaje.criterios],
        "claves": ev.claves,
        "faltas": ev.propia.faltas,
        "debrief": debrief(ejercicio, ev),
        "explicacion": ejercicio.referencia.explicacion,
    }
