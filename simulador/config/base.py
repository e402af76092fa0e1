"""Piezas comunes de los modelos de configuración: modelo base inmutable y ayudas de campos.

Cada campo lleva en ``json_schema_extra`` su unidad y su fuente (o "supuesto"), de modo que
``docs/formatos.md`` y el esquema JSON se generan desde aquí y no pueden desviarse del código.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

VERSION_FORMATO = 1
"""Versión vigente del formato de archivos de escenario, política y ejercicio."""


class Modelo(BaseModel):
    """Base de todos los modelos de configuración: inmutable y sin claves desconocidas."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True,
                              allow_inf_nan=False)


def campo(
    defecto: Any = ...,
    *,
    descripcion: str,
    unidad: str = "",
    fuente: str = "",
    **restricciones: Any,
) -> Any:
    """Declara un campo con descripción, unidad y fuente en español.

    Args:
        defecto: valor por defecto (``...`` si es obligatorio).
        descripcion: qué significa el valor, en español.
        unidad: unidad del valor (días, %, moneda, ...).
        fuente: referencia de la evidencia, o "supuesto".
        **restricciones: restricciones de pydantic (``ge``, ``le``, ``min_length``...).
    """
    extra: dict[str, Any] = {}
    if unidad:
        extra["unidad"] = unidad
    if fuente:
        extra["fuente"] = fuente
    return Field(defecto, description=descripcion, json_schema_extra=extra or None, **restricciones)
