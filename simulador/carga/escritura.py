"""Escritura de modelos como YAML limpio que vuelve a cargarse idéntico, y diferencias legibles."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from pydantic import BaseModel

from simulador.carga.errores import numero
from simulador.carga.tipos import tipos_registrados
from simulador.carga.traduccion import info_campo, unidad_de
from simulador.config.deltas import diferencias
from simulador.config.politica import Politica


class _Dumper(yaml.SafeDumper):
    """Listas cortas de valores simples en una línea; textos de varias líneas en bloque."""


def _lista(dumper: yaml.SafeDumper, datos: list[Any]) -> yaml.Node:
    simple = all(isinstance(x, int | float | bool) or x is None for x in datos) or all(
        isinstance(x, list) and all(isinstance(y, int | float) for y in x) for x in datos
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", datos,
                                     flow_style=bool(datos) and simple)


def _texto(dumper: yaml.SafeDumper, datos: str) -> yaml.Node:
    estilo = "|" if "\n" in datos.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", datos, style=estilo)


_Dumper.add_representer(list, _lista)
_Dumper.add_representer(str, _texto)


def plano(valor: Any) -> Any:
    """Tuplas a listas, recursivamente (YAML seguro no escribe tuplas)."""
    if isinstance(valor, dict):
        return {k: plano(v) for k, v in valor.items()}
    if isinstance(valor, list | tuple):
        return [plano(v) for v in valor]
    return valor


def tipo_de(modelo: BaseModel | type[BaseModel]) -> str | None:
    """El nombre del tipo de archivo registrado para este modelo (o None)."""
    clase = modelo if isinstance(modelo, type) else type(modelo)
    return next((n for n, t in tipos_registrados().items() if t.modelo is clase), None)


def linea_esquema(modelo: BaseModel | type[BaseModel], carpeta: str = "../esquemas") -> str:
    """El comentario que conecta el archivo con su esquema JSON en VS Code."""
    tipo = tipo_de(modelo) or type(modelo).__name__.lower()
    return f"# yaml-language-server: $schema={carpeta}/{tipo}.schema.json"


def a_yaml(modelo: BaseModel, *, carpeta_esquemas: str = "../esquemas") -> str:
    """El modelo como YAML completo, en el orden de los campos, que se carga idéntico.

    Empieza con la referencia al esquema para el editor y un encabezado con el nombre.
    """
    datos = plano(modelo.model_dump(mode="python", exclude={"esquema"}))
    cuerpo = yaml.dump(datos, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                       default_flow_style=False, width=100)
    encabezado = [linea_esquema(modelo, carpeta_esquemas)]
    nombre = getattr(modelo, "nombre", None)
    if isinstance(nombre, str):
        clase = {"escenario": "Escenario", "politica": "Política"}.get(tipo_de(modelo) or "", "")
        encabezado.append(f"# {clase + ': ' if clase else ''}{' '.join(nombre.split())}")
    return "\n".join(encabezado) + "\n" + cuerpo


def legible(valor: Any, unidad: str = "") -> str:
    """Un valor de configuración en español corriente."""
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if valor is None:
        return "(vacío)"
    if isinstance(valor, int | float):
        texto = numero(valor).replace(".", ",") if isinstance(valor, float) else str(valor)
        return f"{texto} {unidad}".strip() if unidad not in ("", "0 a 1") else texto
    if isinstance(valor, dt.date):
        return valor.isoformat()
    if isinstance(valor, list | tuple):
        if not valor:
            return "(ninguno)"
        if all(isinstance(x, dict) and "dias" in x and "accion" in x for x in valor):
            return "; ".join(_paso(x) for x in valor)
        return ", ".join(legible(x) for x in valor)
    if isinstance(valor, dict):
        return ", ".join(f"{k}: {legible(v)}" for k, v in valor.items())
    return str(valor)


def _paso(paso: dict[str, Any]) -> str:
    accion = {"suspender_credito": "suspender crédito"}.get(paso["accion"],
                                                             paso["accion"].replace("_", " "))
    texto = f"día {paso['dias']}: {accion}"
    if paso.get("canal") and paso["canal"] not in ("ninguno", paso["accion"]):
        texto += f" por {paso['canal']}"
    if paso.get("personalizado"):
        texto += " personalizado"
    if paso.get("cargo"):
        texto += f" con cargo {legible(paso['cargo'])}"
    return texto


def describir_delta(base: Politica, otra: Politica) -> list[tuple[str, str, str]]:
    """Qué cambia de ``base`` a ``otra``, palanca por palanca: (ruta, antes, después)."""
    filas: list[tuple[str, str, str]] = []
    for ruta, antes, despues in diferencias(base, otra):
        unidad = unidad_de(info_campo(type(base), tuple(ruta.split("."))))
        filas.append((ruta, legible(antes, unidad), legible(despues, unidad)))
    return filas
