"""Diseño de política: mover palancas dentro de límites, armar la política y revisar las metas."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from simulador.config import Politica
from simulador.entrenamiento.ejercicio import Ejercicio, Palanca, armar
from simulador.metricas import calcular_kpis
from simulador.motor.modelo import simular
from simulador.resultado import ResultadoCorrida

_PARTE = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def _partes(ruta: str) -> list[tuple[str, int | None]]:
    return [(m.group(1), int(m.group(2)) if m.group(2) else None)
            for m in (_PARTE.fullmatch(p) for p in ruta.split(".")) if m]


def leer(datos: dict[str, Any], ruta: str) -> Any:
    """El valor en ``ruta`` (``seguimiento[1].dias``) de un diccionario de política."""
    actual: Any = datos
    for clave, indice in _partes(ruta):
        actual = actual[clave]
        if indice is not None:
            actual = actual[indice]
    return actual


def escribir(datos: dict[str, Any], ruta: str, valor: Any) -> None:
    """Escribe ``valor`` en ``ruta`` (en el lugar)."""
    partes = _partes(ruta)
    actual: Any = datos
    for clave, indice in partes[:-1]:
        actual = actual[clave] if indice is None else actual[clave][indice]
    clave, indice = partes[-1]
    if indice is None:
        actual[clave] = valor
    else:
        actual[clave][indice] = valor


def valores_iniciales(ejercicio: Ejercicio) -> dict[str, Any]:
    """Los valores de cada palanca en la política inicial."""
    _, politica = armar(ejercicio)
    datos = politica.model_dump(mode="python")
    assert ejercicio.diseno is not None
    return {p.ruta: _normalizar(p, leer(datos, p.ruta)) for p in ejercicio.diseno.palancas}


def _normalizar(p: Palanca, valor: Any) -> Any:
    if p.tipo == "si_no":
        return bool(valor)
    if valor is None:
        return None
    return int(valor) if p.tipo == "entero" else float(valor)


def problemas_valores(ejercicio: Ejercicio, valores: dict[str, Any]) -> list[str]:
    """Valores fuera de los límites de cada palanca."""
    assert ejercicio.diseno is not None
    salida = []
    for p in ejercicio.diseno.palancas:
        v = valores.get(p.ruta)
        if p.tipo != "si_no" and v is not None and not p.minimo <= float(v) <= p.maximo:
            salida.append(f"{p.etiqueta}: debe estar entre {p.minimo:g} y {p.maximo:g}")
    return salida


def construir_politica(ejercicio: Ejercicio, valores: dict[str, Any]) -> Politica:
    """La política inicial con las palancas movidas.

    Raises:
        ValueError: si un valor se sale de su límite o la política resultante no es válida
            (mensaje en español).
    """
    problemas = problemas_valores(ejercicio, valores)
    if problemas:
        raise ValueError("; ".join(problemas))
    _, politica = armar(ejercicio)
    datos = politica.model_dump(mode="python")
    datos.pop("esquema", None)
    assert ejercicio.diseno is not None
    for p in ejercicio.diseno.palancas:
        if p.ruta in valores:
            escribir(datos, p.ruta, _normalizar(p, valores[p.ruta]))
    datos["nombre"] = "Política diseñada"
    try:
        return Politica.model_validate(datos)
    except ValidationError as e:
        mensajes = [str(err.get("msg", "")).removeprefix("Value error, ") for err in e.errors()]
        raise ValueError("la política no es válida: " + "; ".join(mensajes)) from None


def politica_referencia(ejercicio: Ejercicio) -> Politica:
    """La política de referencia: la inicial con los cambios de la referencia."""
    from simulador.config import aplicar_delta

    _, politica = armar(ejercicio)
    return aplicar_delta(politica, dict(ejercicio.referencia.politica_cambios))


def indicadores(res: ResultadoCorrida, ejercicio: Ejercicio) -> dict[str, float]:
    """Los KPI de la corrida más ``ventas_perdidas_pct`` (perdidas sobre ventas posibles)."""
    escenario, _ = armar(ejercicio)
    k = calcular_kpis(res, escenario)
    posibles = k["ventas_totales"] + k["ventas_perdidas"]
    k["ventas_perdidas_pct"] = 100.0 * k["ventas_perdidas"] / posibles if posibles else 0.0
    return k


def correr(ejercicio: Ejercicio, politica: Politica, semilla: int) -> ResultadoCorrida:
    """Una réplica del escenario del ejercicio con esa política."""
    escenario, _ = armar(ejercicio)
    return simular(escenario, politica, semilla=semilla, eventos=False)


def metas_cumplidas(ejercicio: Ejercicio, k: dict[str, float]) -> list[tuple[str, bool, float]]:
    """Por meta: su texto, si se cumple y el valor alcanzado."""
    assert ejercicio.diseno is not None
    salida = []
    for m in ejercicio.diseno.metas:
        v = float(k.get(m.indicador, float("nan")))
        ok = v <= m.valor if m.operador == "<=" else v >= m.valor
        salida.append((m.texto, bool(ok), v))
    return salida


def pct_metas(ejercicio: Ejercicio, k: dict[str, float]) -> float:
    """Porcentaje de metas cumplidas (es la «adherencia» del diseño de política)."""
    metas = metas_cumplidas(ejercicio, k)
    return 100.0 * sum(ok for _, ok, _ in metas) / len(metas)
