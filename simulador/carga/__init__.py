"""Carga segura de escenarios y políticas en YAML: errores en español con archivo y línea.

Las mismas defensas valen para archivos del disco, de la línea de comandos o subidos a la app. Ver
``docs/formatos.md`` para el formato de cada archivo.
"""

from simulador.carga.archivos import (
    CARPETA_POLITICAS,
    cargar_escenario,
    cargar_modelo,
    cargar_politica,
)
from simulador.carga.edicion import editar_yaml
from simulador.carga.errores import ErrorCarga, ProblemaArchivo
from simulador.carga.escritura import a_yaml, describir_delta
from simulador.carga.tipos import (
    TIPOS_ARCHIVO,
    TipoArchivo,
    detectar_tipo,
    registrar_tipo,
    validar_archivo,
    validar_archivos,
    validar_combinacion,
)
from simulador.carga.version import (
    VERSION_PROGRAMA,
    huella_entradas,
    procedencia,
)
from simulador.carga.yaml_seguro import (
    LIMITE_BYTES,
    LIMITE_NODOS,
    LIMITE_PROFUNDIDAD,
    NodoIndex,
    leer_yaml_seguro,
)
from simulador.config.base import VERSION_FORMATO

__all__ = [
    "CARPETA_POLITICAS",
    "LIMITE_BYTES",
    "LIMITE_NODOS",
    "LIMITE_PROFUNDIDAD",
    "TIPOS_ARCHIVO",
    "VERSION_FORMATO",
    "VERSION_PROGRAMA",
    "ErrorCarga",
    "NodoIndex",
    "ProblemaArchivo",
    "TipoArchivo",
    "a_yaml",
    "cargar_escenario",
    "cargar_modelo",
    "cargar_politica",
    "describir_delta",
    "detectar_tipo",
    "editar_yaml",
    "huella_entradas",
    "leer_yaml_seguro",
    "procedencia",
    "registrar_tipo",
    "validar_archivo",
    "validar_archivos",
    "validar_combinacion",
]
