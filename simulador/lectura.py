"""Lectura en español corriente de una comparación, generada solo a partir de sus números.

Cada frase sale de una diferencia pareada y su intervalo del 95 %: si el intervalo contiene el
cero, la frase dice «no distinguible» en lugar de afirmar una mejora o un empeoramiento.
Módulo puro (sin streamlit); lo usan la app y el informe HTML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from simulador.experimentos import Comparacion, ComparacionPar
from simulador.formato import Formato
from simulador.metricas import MEJOR_SI_SUBE, NOMBRES_KPI

KPIS_LECTURA: tuple[str, ...] = (
    "resultado_economico", "cobrado", "dso", "incobrables_pct", "ventas_perdidas",
    "costo_cobranza",
)
"""Indicadores que entran en la lectura, en este orden."""

_FRASES: dict[str, tuple[str, str]] = {
    # clave -> (qué pasa si sube, qué pasa si baja), en tercera persona sobre la alternativa
    "resultado_economico": ("gana más dinero", "gana menos dinero"),
    "cobrado": ("cobra más", "cobra menos"),
    "dso": ("cobra más lento", "cobra más rápido"),
    "incobrables_pct": ("pierde más por incobrables", "pierde menos por incobrables"),
    "ventas_perdidas": ("pierde más ventas", "pierde menos ventas"),
    "costo_cobranza": ("gasta más en cobranza", "gasta menos en cobranza"),
}


NOMBRE_CORTO: dict[str, str] = {
    "resultado_economico": "resultado económico",
    "cobrado": "caja cobrada",
    "dso": "DSO",
    "incobrables_pct": "incobrables sobre ventas",
    "ventas_perdidas": "ventas perdidas",
    "costo_cobranza": "costo de cobranza",
}


@dataclass(frozen=True)
class Frase:
    """Una frase de la lectura con su tono (para colorearla)."""

    texto: str
    tono: str  # "bueno", "malo", "neutro"


def periodo(dias: int) -> str:
    """El horizonte en palabras: «en el año», «en 6 meses», «en 90 días»."""
    if dias == 365:
        return "en el año"
    if dias % 365 == 0:
        return f"en {dias // 365} años"
    if dias % 30 == 0 and dias >= 60:
        return f"en {dias // 30} meses"
    return f"en {dias} días"


def frase_kpi(par: ComparacionPar, kpi: str, fmt: Formato) -> Frase:
    """Una frase sobre un indicador de un par, prudente cuando el intervalo incluye el cero."""
    d = par.diferencias[kpi]
    nombre, unidad = NOMBRES_KPI[kpi]
    corto = NOMBRE_CORTO.get(kpi, nombre.lower())
    intervalo = fmt.intervalo(d.ic_inf, d.ic_sup, unidad, diferencia=True)
    if not math.isfinite(d.diferencia):
        return Frase(f"{corto.capitalize()}: no se puede calcular para «{par.alternativa}».",
                     "neutro")
    if not d.distinguible:
        return Frase(
            f"{corto[0].upper() + corto[1:]}: «{par.alternativa}» frente a «{par.base}», "
            f"no distinguible (intervalo del 95 %: {intervalo}, incluye el cero).", "neutro")
    sube = d.diferencia > 0
    que = _FRASES.get(kpi, (f"tiene más {nombre.lower()}", f"tiene menos {nombre.lower()}"))
    mejor = MEJOR_SI_SUBE.get(kpi)
    tono = "neutro" if mejor is None else ("bueno" if sube == mejor else "malo")
    return Frase(
        f"«{par.alternativa}» {que[0] if sube else que[1]} que «{par.base}»: "
        f"{corto} {fmt.diferencia(d.diferencia, unidad)} "
        f"(intervalo del 95 %: {intervalo}){_causa_ventas(par, kpi, sube)}.", tono)


_CAUSAS_VENTAS = {
    "ventas_perdidas_bloqueo": "compras bloqueadas por el límite de crédito o por facturas "
                               "vencidas",
    "ventas_perdidas_rechazo": "clientes nuevos rechazados por la verificación de crédito",
    "ventas_perdidas_rotacion": "clientes que dejaron de comprar",
}


def _causa_ventas(par: ComparacionPar, kpi: str, sube: bool) -> str:
    """Para las ventas perdidas, la causa que más cambia (en el sentido de la diferencia)."""
    if kpi != "ventas_perdidas":
        return ""
    cambios = [(par.diferencias[k].diferencia * (1 if sube else -1), texto)
               for k, texto in _CAUSAS_VENTAS.items() if k in par.diferencias
               and math.isfinite(par.diferencias[k].diferencia)]
    if not cambios:
        return ""
    mayor, texto = max(cambios)
    return f", sobre todo por {texto}" if mayor > 0 else ""


def _riesgo(comp: Comparacion, fmt: Formato) -> Frase | None:
    """Qué política tiene el peor caso (P5 del resultado económico) más bajo."""
    if len(comp.resultados) < 2:
        return None
    p5 = [(r.resumen["resultado_economico"].p5, r.politica.nombre) for r in comp.resultados]
    peor_valor, peor = min(p5)
    mejor_valor, mejor = max(p5)
    if peor == mejor:
        return None
    return Frase(
        f"Riesgo: en el 5 % de las réplicas más desfavorables, «{peor}» deja un resultado de "
        f"{fmt.dinero(peor_valor)} o menos, frente a {fmt.dinero(mejor_valor)} de «{mejor}», "
        f"la más segura en ese sentido.", "neutro")


def titular(comp: Comparacion, fmt: Formato) -> str:
    """Una frase de conclusión: qué política conviene por resultado económico."""
    donde = periodo(comp.escenario.horizonte_dias)
    base = comp.base.politica.nombre
    if not comp.pares:
        r = comp.base.resumen["resultado_economico"]
        return (f"«{base}» deja un resultado económico de {fmt.dinero(r.media)} {donde} "
                f"(intervalo del 95 %: {fmt.intervalo(r.ic_inf, r.ic_sup, 'moneda')}).")
    mejores = [p for p in comp.pares if p.diferencias["resultado_economico"].distinguible
               and p.diferencias["resultado_economico"].diferencia > 0]
    if mejores:
        top = max(mejores, key=lambda p: p.diferencias["resultado_economico"].diferencia)
        d = top.diferencias["resultado_economico"]
        return (f"«{top.alternativa}» es la que más mejora el resultado económico: "
                f"{fmt.dinero(d.diferencia)} más que «{base}» {donde}.")
    peores = [p for p in comp.pares if p.diferencias["resultado_economico"].distinguible]
    if len(peores) == len(comp.pares):
        if len(comp.pares) == 1:
            return (f"«{comp.pares[0].alternativa}» no supera a «{base}» en resultado económico "
                    f"{donde}: deja menos dinero.")
        return (f"Ninguna alternativa supera a «{base}» en resultado económico {donde}: "
                "todas dejan menos dinero.")
    return (f"Ninguna alternativa mejora de forma distinguible el resultado económico de "
            f"«{base}» {donde}; con estas réplicas las diferencias pueden ser azar.")


def leer(comp: Comparacion, fmt: Formato | None = None) -> list[Frase]:
    """La lectura completa: titular, una frase por indicador y alternativa, y el riesgo."""
    fmt = fmt or Formato.de(comp.escenario)
    frases = [Frase(titular(comp, fmt), "titular")]
    for par in comp.pares:
        frases += [frase_kpi(par, k, fmt) for k in KPIS_LECTURA if k in par.diferencias]
    riesgo = _riesgo(comp, fmt)
    if riesgo is not None:
        frases.append(riesgo)
    frases.append(Frase(
        f"Cada política se simuló {comp.base.replicas} veces con la semilla {comp.semilla}, "
        "sobre los mismos clientes y compras (números aleatorios comunes); «no distinguible» "
        "significa que el intervalo del 95 % de la diferencia incluye el cero."
        + _calentamiento(comp), "nota"))
    return frases


def _calentamiento(comp: Comparacion) -> str:
    dias = comp.escenario.calentamiento_dias
    if dias <= 0:
        return ""
    return (f" Los indicadores son del período medido, después de {dias} días de calentamiento "
            "en los que cada política ya actúa: muestran adónde lleva cada política, no la "
            "transición desde la cartera de hoy.")


def lectura_texto(comp: Comparacion, fmt: Formato | None = None) -> str:
    """La lectura como texto plano, una frase por línea."""
    return "\n".join(f.texto for f in leer(comp, fmt))
