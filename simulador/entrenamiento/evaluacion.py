"""Evaluar una jugada terminada: corrida, referencia en la misma semilla, puntaje y atribución.

Las «decisiones que más movieron el puntaje» se estiman dejando fuera una decisión a la vez (en
el diseño de política: devolviendo una palanca a su valor inicial; en el juego de roles: usando la
elección de referencia en ese turno) y volviendo a correr. Todo es determinista: misma semilla y
mismas decisiones, mismo puntaje.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from simulador.entrenamiento import estrategias, politica_diseno, rol, rondas
from simulador.entrenamiento.ejercicio import Ejercicio
from simulador.entrenamiento.puntaje import Puntaje, puntuar
from simulador.resultado import COBRADO, ResultadoCorrida

MAX_ATRIBUCION = 16
"""Decisiones que se prueban como máximo al atribuir (cada una es una corrida)."""


@dataclass(frozen=True)
class Corrida:
    """Una jugada corrida hasta el final del horizonte."""

    res: ResultadoCorrida
    adherencia: float
    jugadas: list[Any]
    faltas: list[str] = field(default_factory=list)
    cliente: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluacion:
    """Todo lo que muestra el cierre del ejercicio."""

    puntaje: Puntaje
    propia: Corrida
    referencia: Corrida
    claves: list[dict[str, Any]]  # decisiones que más movieron el puntaje: texto, impacto
    serie: pd.DataFrame


_CACHE: OrderedDict[tuple[str, int], Corrida] = OrderedDict()


def _llave(ejercicio: Ejercicio, semilla: int) -> tuple[str, int]:
    return (json.dumps(ejercicio.model_dump(mode="json"), sort_keys=True), semilla)


def correr(ejercicio: Ejercicio, semilla: int, jugadas: list[Any]) -> Corrida:
    """Corre la jugada del participante (según la modalidad) hasta el final del horizonte."""
    if ejercicio.modalidad == "mesa":
        estado = rondas.reproducir(ejercicio, semilla, jugadas)
        return Corrida(res=estado.sim.resultado(), adherencia=estado.adherencia,
                       jugadas=list(jugadas), faltas=list(estado.faltas),
                       extra={"alertas": (estado.con_senales_atendidos, estado.con_senales)})
    if ejercicio.modalidad == "diseno":
        valores = jugadas[-1] if jugadas else politica_diseno.valores_iniciales(ejercicio)
        politica = politica_diseno.construir_politica(ejercicio, valores)
        res = politica_diseno.correr(ejercicio, politica, semilla)
        k = politica_diseno.indicadores(res, ejercicio)
        return Corrida(res=res, adherencia=politica_diseno.pct_metas(ejercicio, k),
                       jugadas=list(jugadas), extra={"kpis": k})
    sim = rondas.nueva_corrida(ejercicio, semilla)
    elecciones = list(jugadas[0]) if jugadas else []
    conv, salida = rol.jugar(sim, ejercicio, elecciones)
    return Corrida(res=sim.resultado(), adherencia=rol.adherencia(conv), jugadas=list(jugadas),
                   cliente=conv.cliente, extra={"dialogo": conv.dialogo, "salida": salida})


def jugada_referencia(ejercicio: Ejercicio, semilla: int) -> list[Any]:
    """Las decisiones de la jugada de referencia."""
    if ejercicio.modalidad == "mesa":
        nombre = ejercicio.referencia.jugada
        if nombre == "buenas_practicas":
            nombre = "alertas_primero"
        return rondas.jugar(ejercicio, semilla, estrategias.ESTRATEGIAS[nombre])
    if ejercicio.modalidad == "diseno":
        politica = politica_diseno.politica_referencia(ejercicio)
        datos = politica.model_dump(mode="python")
        assert ejercicio.diseno is not None
        return [{p.ruta: politica_diseno.leer(datos, p.ruta) for p in ejercicio.diseno.palancas}]
    assert ejercicio.rol is not None
    return [list(rol.REFERENCIA[ejercicio.rol.situacion])]


def referencia(ejercicio: Ejercicio, semilla: int) -> Corrida:
    """La corrida de referencia (se guarda en memoria: la piden todos los participantes)."""
    llave = _llave(ejercicio, semilla)
    if llave in _CACHE:
        _CACHE.move_to_end(llave)
        return _CACHE[llave]
    if ejercicio.modalidad == "diseno":
        politica = politica_diseno.politica_referencia(ejercicio)
        res = politica_diseno.correr(ejercicio, politica, semilla)
        k = politica_diseno.indicadores(res, ejercicio)
        corrida = Corrida(res=res, adherencia=politica_diseno.pct_metas(ejercicio, k),
                          jugadas=jugada_referencia(ejercicio, semilla), extra={"kpis": k})
    else:
        corrida = correr(ejercicio, semilla, jugada_referencia(ejercicio, semilla))
    _CACHE[llave] = corrida
    while len(_CACHE) > 16:
        _CACHE.popitem(last=False)
    return corrida


def _puntuar(ejercicio: Ejercicio, propia: Corrida, ref: Corrida) -> Puntaje:
    return puntuar(ejercicio, propia.res, ref.res, adherencia=propia.adherencia,
                   adherencia_ref=ref.adherencia, cliente=propia.cliente)


def atribuir(ejercicio: Ejercicio, semilla: int, jugadas: list[Any], total: float,
             ref: Corrida) -> list[dict[str, Any]]:
    """Cuánto aportó cada decisión: puntaje con ella menos puntaje sin ella."""
    variantes: list[tuple[str, list[Any]]] = []
    if ejercicio.modalidad == "mesa":
        orden = sorted(
            ((r, i) for r, ronda in enumerate(jugadas) for i, d in enumerate(ronda)
             if d.get("tipo") != "nada"),
            key=lambda ri: jugadas[ri[0]][ri[1]]["tipo"] == "recordatorio",
        )[:MAX_ATRIBUCION]
        for r, i in orden:
            sin = [list(ronda) for ronda in jugadas]
            d = sin[r].pop(i)
            variantes.append((f"Ronda {r + 1}: {rondas.describir(d)}", sin))
    elif ejercicio.modalidad == "diseno" and jugadas:
        iniciales = politica_diseno.valores_iniciales(ejercicio)
        assert ejercicio.diseno is not None
        for p in ejercicio.diseno.palancas:
            actual = jugadas[-1].get(p.ruta)
            if actual != iniciales[p.ruta]:
                variantes.append((f"{p.etiqueta}: {iniciales[p.ruta]} → {actual}",
                                  [{**jugadas[-1], p.ruta: iniciales[p.ruta]}]))
    elif ejercicio.modalidad == "rol" and jugadas:
        assert ejercicio.rol is not None
        buenas = rol.REFERENCIA[ejercicio.rol.situacion]
        for t, opcion in enumerate(jugadas[0]):
            if opcion != buenas[t]:
                nombre, opciones = rol.TURNOS[t]
                otra = list(jugadas[0])
                otra[t] = buenas[t]
                variantes.append((f"{nombre}: «{opciones[opcion]}»", [otra]))
    salida: list[dict[str, Any]] = []
    for texto, variante in variantes:
        try:
            sin_ella = _puntuar(ejercicio, correr(ejercicio, semilla, variante), ref).total
        except ValueError:
            continue
        salida.append({"decision": texto, "impacto": round(total - sin_ella, 1)})
    salida.sort(key=lambda x: -abs(float(x["impacto"])))
    return salida[:5]


def serie(propia: Corrida, ref: Corrida) -> pd.DataFrame:
    """Cobrado acumulado y cartera vencida por día, de la jugada y de la referencia."""
    def una(c: Corrida) -> tuple[np.ndarray, np.ndarray]:
        h = c.res.horizonte_dias
        if c.cliente is None:
            cobrado = np.cumsum(c.res.series.cobrado)
            vencida = np.asarray(c.res.series.cartera_por_tramo)[:, 1:].sum(axis=1)
            return cobrado, vencida
        lib = c.res.libro
        m = (lib.cliente == c.cliente) & np.isin(lib.tipo, COBRADO) & (lib.dia >= 0)
        diario = np.bincount(lib.dia[m], weights=lib.centavos[m] / 100.0, minlength=h)[:h]
        return np.cumsum(diario), np.full(h, np.nan)

    a, b = una(propia), una(ref)
    return pd.DataFrame({
        "dia": np.arange(len(a[0])), "Cobrado acumulado (usted)": a[0],
        "Cobrado acumulado (referencia)": b[0], "Cartera vencida (usted)": a[1],
        "Cartera vencida (referencia)": b[1],
    })


def evaluar(ejercicio: Ejercicio, semilla: int, jugadas: list[Any], *,
            con_atribucion: bool = True) -> Evaluacion:
    """Corre la jugada y la referencia, puntúa y (si se pide) atribuye el puntaje."""
    ref = referencia(ejercicio, semilla)
    propia = correr(ejercicio, semilla, jugadas)
    puntaje = _puntuar(ejercicio, propia, ref)
    claves = atribuir(ejercicio, semilla, jugadas, puntaje.total, ref) if con_atribucion else []
    return Evaluacion(puntaje=puntaje, propia=propia, referencia=ref, claves=claves,
                      serie=serie(propia, ref))
