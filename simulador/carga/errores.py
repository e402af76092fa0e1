"""Errores de carga en español: el problema (archivo, línea, ruta, mensaje) y la excepción.

Cada problema nombra el archivo, la línea y la ruta del valor (``seguimiento[1].dias``; los
índices de las listas empiezan en 0), qué está mal y qué se permite.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProblemaArchivo:
    """Un problema de un archivo: dónde está y qué está mal."""

    archivo: str
    linea: int | None
    ruta: str
    mensaje: str

    def __str__(self) -> str:
        donde = f"{self.archivo}, línea {self.linea}" if self.linea else self.archivo
        return f"{donde}: {self.ruta}: {self.mensaje}" if self.ruta else f"{donde}: {self.mensaje}"


class ErrorCarga(Exception):
    """Uno o más problemas que impiden cargar un archivo."""

    def __init__(self, problemas: Sequence[ProblemaArchivo]) -> None:
        self.problemas: list[ProblemaArchivo] = list(problemas)
        super().__init__("\n".join(str(p) for p in self.problemas))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problemas)


def formatear_ruta(ruta: Iterable[str | int]) -> str:
    """``('seguimiento', 1, 'dias')`` -> ``seguimiento[1].dias``."""
    texto = ""
    for parte in ruta:
        if isinstance(parte, int):
            texto += f"[{parte}]"
        else:
            texto += f".{parte}" if texto else str(parte)
    return texto


def numero(valor: Any) -> str:
    """Un número legible: sin ``.0`` si es entero."""
    if isinstance(valor, float) and valor.is_integer() and abs(valor) < 1e15:
        return str(int(valor))
    return str(valor)
