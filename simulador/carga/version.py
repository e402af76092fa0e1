"""Versiones: migración de formatos anteriores, versión del programa y huella de las entradas.

Cada archivo declara ``version`` (del formato). Un archivo más nuevo que el programa se rechaza; uno
más viejo se convierte paso a paso con la tabla ``MIGRACIONES`` y se avisa qué cambió; si para una
versión no hay paso, se rechaza explicando por qué.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from importlib import metadata
from typing import Any

from pydantic import BaseModel

from simulador.carga.errores import ErrorCarga, ProblemaArchivo
from simulador.carga.yaml_seguro import NodoIndex
from simulador.config.base import VERSION_FORMATO

try:
    VERSION_PROGRAMA: str = metadata.version("simulador-cobranza")
except metadata.PackageNotFoundError:  # pragma: no cover - sin instalar
    VERSION_PROGRAMA = "0.1.0"

Migracion = Callable[[dict[str, Any], NodoIndex, str], list[str]]
"""Convierte ``datos`` de la versión N a la N+1 (en el lugar) y describe cada cambio."""


def _renombrar(
    datos: dict[str, Any], indice: NodoIndex, archivo: str, vieja: str, nueva: str
) -> list[str]:
    if vieja not in datos:
        return []
    if nueva in datos:
        raise ErrorCarga([ProblemaArchivo(
            archivo=archivo, linea=indice.linea((vieja,)), ruta=vieja,
            mensaje=f"el archivo trae '{vieja}' (nombre antiguo) y también '{nueva}'; deje solo "
            f"'{nueva}'",
        )])
    linea = indice.linea((vieja,))
    datos[nueva] = datos.pop(vieja)
    indice.renombrar((vieja,), (nueva,))
    return [f"'{vieja}' ahora se llama '{nueva}' (línea {linea})"]


def _politica_0_a_1(datos: dict[str, Any], indice: NodoIndex, archivo: str) -> list[str]:
    """Versión 0 (preliminar): ``plazo`` y ``recordatorios`` pasaron a ``plazo_dias`` y
    ``seguimiento``."""
    return _renombrar(datos, indice, archivo, "plazo", "plazo_dias") + _renombrar(
        datos, indice, archivo, "recordatorios", "seguimiento"
    )


MIGRACIONES: dict[str, dict[int, Migracion]] = {
    "politica": {0: _politica_0_a_1},
}
"""Por tipo de archivo: versión de origen -> paso a la versión siguiente."""

DESCRIPCION_MIGRACIONES: dict[str, dict[int, str]] = {
    "politica": {0: "las claves `plazo` y `recordatorios` pasan a llamarse `plazo_dias` y "
                 "`seguimiento`"},
}
"""Lo que cambia en cada paso, para ``docs/formatos.md``."""


def migrar(datos: dict[str, Any], indice: NodoIndex, *, tipo: str, archivo: str) -> list[str]:
    """Lleva ``datos`` a ``VERSION_FORMATO`` en el lugar y devuelve los avisos.

    Raises:
        ErrorCarga: si la versión es más nueva que la del programa o no se puede convertir.
    """
    version = datos.get("version", VERSION_FORMATO)
    if isinstance(version, bool) or not isinstance(version, int):
        return []  # el modelo informa el tipo equivocado
    linea = indice.linea(("version",))
    if version > VERSION_FORMATO:
        raise ErrorCarga([ProblemaArchivo(
            archivo=archivo, linea=linea, ruta="version",
            mensaje=f"el archivo usa la versión {version} del formato, más nueva que la que este "
            f"programa entiende ({VERSION_FORMATO}); actualice el simulador (programa "
            f"{VERSION_PROGRAMA})",
        )])
    if version == VERSION_FORMATO:
        return []
    cambios: list[str] = []
    for v in range(version, VERSION_FORMATO):
        paso = MIGRACIONES.get(tipo, {}).get(v)
        if paso is None:
            raise ErrorCarga([ProblemaArchivo(
                archivo=archivo, linea=linea, ruta="version",
                mensaje=f"la versión {version} del formato de {tipo} ya no se puede leer "
                f"(se admite desde la versión {_minima(tipo)}); la vigente es "
                f"{VERSION_FORMATO}: vea docs/formatos.md",
            )])
        cambios += paso(datos, indice, archivo)
    datos["version"] = VERSION_FORMATO
    detalle = "; ".join(cambios) if cambios else "sin cambios en este archivo"
    return [
        f"{archivo}: escrito para la versión {version} del formato; se leyó como versión "
        f"{VERSION_FORMATO}: {detalle}. Guárdelo de nuevo para actualizarlo."
    ]


def _minima(tipo: str) -> int:
    version = VERSION_FORMATO
    while version - 1 in MIGRACIONES.get(tipo, {}):
        version -= 1
    return version


def huella_entradas(*modelos: BaseModel) -> str:
    """SHA-256 del JSON canónico de los modelos (sin la referencia al esquema del editor)."""
    contenido = [
        {"tipo": type(m).__name__, "datos": m.model_dump(mode="json", exclude={"esquema"})}
        for m in modelos
    ]
    texto = json.dumps(contenido, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(texto.encode("utf-8")).hexdigest()


def procedencia(semilla: int, *modelos: BaseModel) -> dict[str, Any]:
    """Lo que un resultado debe guardar para ser reproducible."""
    return {
        "version_formato": VERSION_FORMATO,
        "version_programa": VERSION_PROGRAMA,
        "semilla": semilla,
        "huella_entradas": huella_entradas(*modelos),
    }
