"""Cambios sobre una base (como las reformas de PolicyEngine): ruta a valor, sobre una copia.

Un delta es un diccionario con la misma forma que el modelo; solo trae lo que cambia. Las listas
(por ejemplo ``seguimiento``) se reemplazan enteras. Una ruta desconocida es un error.
"""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


class RutaDesconocida(ValueError):
    """Un delta nombra una clave que el modelo no tiene."""

    def __init__(self, ruta: str, permitidas: list[str]) -> None:
        self.ruta = ruta
        self.permitidas = permitidas
        super().__init__(
            f"{ruta}: clave desconocida; las permitidas aquí son: {', '.join(permitidas)}"
        )


def _fusionar(base: dict[str, Any], delta: dict[str, Any], ruta: str) -> dict[str, Any]:
    resultado = copy.deepcopy(base)
    for clave, valor in delta.items():
        aqui = f"{ruta}.{clave}" if ruta else str(clave)
        if clave not in resultado:
            raise RutaDesconocida(aqui, sorted(str(k) for k in resultado))
        actual = resultado[clave]
        if isinstance(valor, dict) and isinstance(actual, dict) and actual:
            resultado[clave] = _fusionar(actual, valor, aqui)
        else:
            resultado[clave] = copy.deepcopy(valor)
    return resultado


def aplicar_delta(base: M, delta: dict[str, Any]) -> M:
    """Devuelve una copia validada de ``base`` con los valores de ``delta``.

    Raises:
        RutaDesconocida: si el delta nombra una clave que no existe.
        pydantic.ValidationError: si el resultado no es válido.
    """
    datos = base.model_dump(mode="python", by_alias=False, exclude={"esquema"})
    datos.setdefault("esquema", None)
    fusion = _fusionar(datos, delta, "")
    if "esquema" in fusion and fusion["esquema"] is None:
        del fusion["esquema"]
    return type(base).model_validate(fusion)


def diferencias(base: BaseModel, otra: BaseModel) -> list[tuple[str, Any, Any]]:
    """Lista (ruta, valor en la base, valor en la otra) de cada palanca que cambia."""
    excluir = {"nombre", "descripcion", "esquema", "version"}
    a = base.model_dump(mode="json", exclude=excluir)
    b = otra.model_dump(mode="json", exclude=excluir)
    salida: list[tuple[str, Any, Any]] = []

    def recorrer(x: Any, y: Any, ruta: str) -> None:
        if isinstance(x, dict) and isinstance(y, dict):
            for k in list(x) + [k for k in y if k not in x]:
                recorrer(x.get(k), y.get(k), f"{ruta}.{k}" if ruta else k)
        elif x != y:
            salida.append((ruta, x, y))

    recorrer(a, b, "")
    return salida
