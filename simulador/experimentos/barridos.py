"""Barridos en grilla de uno o dos parámetros y sensibilidad de una palanca a la vez (tornado).

Una ruta nombra un valor de la política (``descuento.pct``, ``seguimiento.1.dias``) o, con el
prefijo ``escenario.``, del escenario (``escenario.equipo.cobradores``). Cada punto corre las
mismas réplicas con las mismas semillas (números aleatorios comunes entre puntos).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pydantic import BaseModel, ValidationError

from simulador.carga.traduccion import traducir
from simulador.carga.yaml_seguro import NodoIndex
from simulador.config import Escenario, Politica
from simulador.experimentos.ejecutor import Progreso
from simulador.experimentos.replicas import correr_tareas, resumir, tareas_de

KPIS_TORNADO = ("resultado_economico", "dso", "incobrables_pct")


class RutaInvalida(ValueError):
    """Una ruta de barrido que no existe o un valor que no es válido."""


def _poner(datos: Any, partes: list[str], valor: Any, ruta: str) -> Any:
    if not partes:
        return valor
    clave, resto = partes[0], partes[1:]
    if isinstance(datos, list):
        try:
            i = int(clave)
            datos[i] = _poner(datos[i], resto, valor, ruta)
        except (ValueError, IndexError) as exc:
            raise RutaInvalida(f"{ruta}: '{clave}' no es una posición válida de la lista") from exc
        return datos
    if not isinstance(datos, dict) or clave not in datos:
        permitidas = ", ".join(sorted(datos)) if isinstance(datos, dict) else "(ninguna)"
        raise RutaInvalida(f"{ruta}: clave desconocida '{clave}'; las permitidas son: "
                           f"{permitidas}")
    if datos[clave] is None and resto:
        raise RutaInvalida(f"{ruta}: '{clave}' está vacío en el archivo base")
    datos[clave] = _poner(datos[clave], resto, valor, ruta)
    return datos


def con_valor(modelo: BaseModel, ruta: str, valor: Any) -> Any:
    """Copia validada del modelo con el valor en la ruta (con puntos; números para listas)."""
    datos = modelo.model_dump(mode="json", exclude={"esquema"})
    _poner(datos, ruta.split("."), valor, ruta)
    try:
        return type(modelo).model_validate(datos)
    except ValidationError as exc:
        # el mismo mensaje en español que para un archivo (antes, el de pydantic, en inglés)
        primero = traducir(exc, modelo=type(modelo), indice=NodoIndex(), archivo="")[0]
        donde = primero.ruta or ruta
        escrito = f"{valor:g}" if isinstance(valor, float) else valor
        raise RutaInvalida(f"{ruta} = {escrito}: {donde}: {primero.mensaje}") from exc


def aplicar_punto(escenario: Escenario, politica: Politica,
                  punto: Mapping[str, Any]) -> tuple[Escenario, Politica]:
    """Aplica un punto {ruta: valor} al escenario o a la política."""
    for ruta, valor in punto.items():
        if ruta.startswith("escenario."):
            escenario = con_valor(escenario, ruta.removeprefix("escenario."), valor)
        else:
            politica = con_valor(politica, ruta.removeprefix("politica."), valor)
    return escenario, politica


@dataclass(frozen=True)
class ResultadoBarrido:
    """Filas ordenadas: una por punto y réplica, y un resumen por punto."""

    filas: pd.DataFrame
    resumen: pd.DataFrame


def barrido(escenario: Escenario, politica: Politica, parametros: Mapping[str, Sequence[Any]],
            *, replicas: int = 10, semilla: int = 1, trabajadores: int | None = None,
            progreso: Progreso | None = None, motor: str = "procesos") -> ResultadoBarrido:
    """Corre la grilla completa de valores de uno o dos parámetros."""
    if not 1 <= len(parametros) <= 2:
        raise ValueError("un barrido recorre uno o dos parámetros")
    rutas = list(parametros)
    puntos = [dict(zip(rutas, combo, strict=True))
              for combo in itertools.product(*(parametros[r] for r in rutas))]
    tareas = []
    for punto in puntos:
        esc, pol = aplicar_punto(escenario, politica, punto)
        tareas += tareas_de(esc, pol, replicas=replicas, semilla=semilla, detalle=False)
    corridas = correr_tareas(tareas, trabajadores=trabajadores, progreso=progreso, motor=motor)
    filas = []
    for i, corrida in enumerate(corridas):
        fila: dict[str, Any] = dict(puntos[i // replicas])
        fila["replica"] = corrida.replica
        fila.update(corrida.kpis)
        filas.append(fila)
    tabla = pd.DataFrame(filas)
    return ResultadoBarrido(filas=tabla, resumen=resumir_puntos(tabla, rutas))


def resumir_puntos(filas: pd.DataFrame, rutas: list[str]) -> pd.DataFrame:
    """Media e intervalo del 95 % de cada indicador por punto de la grilla."""
    salida = []
    kpis = [c for c in filas.columns if c not in (*rutas, "replica")]
    for clave, grupo in filas.groupby(rutas, sort=False):
        valores = clave if isinstance(clave, tuple) else (clave,)
        fila: dict[str, Any] = dict(zip(rutas, valores, strict=True))
        for k in kpis:
            r = resumir(grupo[k].to_numpy(float))
            fila[k] = r.media
            fila[f"{k}_ic_inf"] = r.ic_inf
            fila[f"{k}_ic_sup"] = r.ic_sup
        salida.append(fila)
    return pd.DataFrame(salida)


@dataclass(frozen=True)
class Palanca:
    """Una palanca para el análisis de sensibilidad: su ruta y cuánto se mueve."""

    ruta: str
    paso: float
    etiqueta: str


PALANCAS_POR_DEFECTO: tuple[Palanca, ...] = (
    Palanca("plazo_dias", 15, "Plazo (± 15 días)"),
    Palanca("descuento.pct", 1, "Descuento por pronto pago (± 1 punto)"),
    Palanca("mora.cargo_pct", 1, "Cargo por mora (± 1 punto)"),
    Palanca("mora.interes_anual_pct", 12, "Interés por mora (± 12 puntos anuales)"),
    Palanca("castigo_dias", 90, "Edad de castigo (± 90 días)"),
    Palanca("escenario.equipo.cobradores", 1, "Cobradores (± 1)"),
    Palanca("escenario.equipo.habilidad", 0.2, "Habilidad del equipo (± 0,2)"),
)


def _valor_actual(escenario: Escenario, politica: Politica, ruta: str) -> Any:
    modelo: Any = escenario if ruta.startswith("escenario.") else politica
    for parte in ruta.removeprefix("escenario.").split("."):
        modelo = modelo[int(parte)] if isinstance(modelo, tuple) else getattr(modelo, parte)
    return modelo


def sensibilidad(escenario: Escenario, politica: Politica, *,
                 palancas: Sequence[Palanca] = PALANCAS_POR_DEFECTO, replicas: int = 10,
                 semilla: int = 1, trabajadores: int | None = None,
                 progreso: Progreso | None = None) -> pd.DataFrame:
    """Mueve cada palanca un paso abajo y arriba; devuelve el efecto medio sobre cada indicador.

    Las palancas que no admiten el movimiento (p. ej. un descuento negativo, o un descuento sin
    días) quedan con una nota y sin valores.
    """
    casos: list[tuple[str, str, Any, Escenario, Politica]] = [
        ("base", "base", None, escenario, politica)]
    notas: list[dict[str, Any]] = []
    for pal in palancas:
        actual = _valor_actual(escenario, politica, pal.ruta)
        for signo, nombre in ((-1, "abajo"), (1, "arriba")):
            valor = actual + signo * pal.paso
            if isinstance(actual, int) and not isinstance(actual, bool):
                valor = round(valor)
            try:
                esc, pol = aplicar_punto(escenario, politica, {pal.ruta: valor})
            except RutaInvalida as exc:
                notas.append({"palanca": pal.etiqueta, "direccion": nombre, "valor": valor,
                              "nota": str(exc)})
                continue
            casos.append((pal.etiqueta, nombre, valor, esc, pol))
    tareas = []
    for _, _, _, esc, pol in casos:
        tareas += tareas_de(esc, pol, replicas=replicas, semilla=semilla, detalle=False)
    corridas = correr_tareas(tareas, trabajadores=trabajadores, progreso=progreso)
    medias = []
    for i in range(len(casos)):
        grupo = corridas[i * replicas:(i + 1) * replicas]
        medias.append({k: resumir(pd.Series([c.kpis[k] for c in grupo]).to_numpy(float)).media
                       for k in grupo[0].kpis})
    base = medias[0]
    filas = []
    for (etiqueta, direccion, valor, _, _), m in zip(casos[1:], medias[1:], strict=True):
        fila: dict[str, Any] = {"palanca": etiqueta, "direccion": direccion, "valor": valor,
                                "nota": ""}
        for k in KPIS_TORNADO:
            fila[k] = m[k]
            fila[f"delta_{k}"] = m[k] - base[k]
        filas.append(fila)
    return pd.concat([pd.DataFrame(filas), pd.DataFrame(notas)], ignore_index=True)
