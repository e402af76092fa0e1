"""Edición que respeta el archivo escrito a mano: comentarios, orden de claves y valores intactos.

:func:`editar_yaml` cambia en el texto original solo los valores que difieren del modelo nuevo; lo
que falta en el archivo (valores por defecto, o heredados de la ``base``) se agrega en el orden del
modelo y solo si cambió. El texto original pasa antes por las mismas defensas que cualquier archivo.
"""

from __future__ import annotations

import io
import itertools
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from simulador.carga.archivos import Biblioteca, cargar_modelo, cargar_politica
from simulador.carga.escritura import a_yaml, plano
from simulador.carga.yaml_seguro import leer_yaml_seguro
from simulador.config.politica import Politica

_RESOLVEDOR = yaml.resolver.Resolver()


class _Representante(RoundTripRepresenter):
    """Números decimales escritos como los lee PyYAML (YAML 1.1), para que vuelvan idénticos."""


def _decimal(representante: RoundTripRepresenter, dato: float) -> Any:
    if dato != dato:
        texto = ".nan"
    elif dato in (float("inf"), float("-inf")):
        texto = ".inf" if dato > 0 else "-.inf"
    else:
        texto = repr(dato).lower()
        if "." not in texto and "e" in texto:
            texto = texto.replace("e", ".0e", 1)
    return representante.represent_scalar("tag:yaml.org,2002:float", texto)


_Representante.add_representer(float, _decimal)


def _a_ruamel(valor: Any) -> Any:
    """Un valor plano como objetos de ruamel, con comillas donde YAML 1.1 leería otra cosa."""
    if isinstance(valor, dict):
        mapa = CommentedMap()
        for k, v in valor.items():
            mapa[k] = _a_ruamel(v)
        return mapa
    if isinstance(valor, list | tuple):
        lista = CommentedSeq(_a_ruamel(v) for v in valor)
        if lista and all(not isinstance(v, dict | list | tuple) for v in valor):
            lista.fa.set_flow_style()
        return lista
    if isinstance(valor, str):
        etiqueta = _RESOLVEDOR.resolve(yaml.ScalarNode, valor, (True, False))
        if etiqueta != "tag:yaml.org,2002:str" or valor != valor.strip() or not valor:
            return DoubleQuotedScalarString(valor)
    return valor


def _minimo(viejo: Any, nuevo: Any) -> Any:
    """Solo lo que cambia de ``viejo`` a ``nuevo`` (para secciones que el archivo no escribía)."""
    if isinstance(viejo, dict) and isinstance(nuevo, dict):
        return {k: _minimo(viejo.get(k), v) for k, v in nuevo.items() if viejo.get(k) != v}
    return nuevo


def _coincide(crudo: Any, viejo: Any) -> bool:
    """Si lo escrito en el archivo es parte de ``viejo`` (las claves escritas valen lo mismo)."""
    if isinstance(crudo, dict) and isinstance(viejo, dict):
        return all(k in viejo and _coincide(v, viejo[k]) for k, v in crudo.items())
    if isinstance(crudo, list) and isinstance(viejo, list):
        return len(crudo) == len(viejo) and all(map(_coincide, crudo, viejo))
    return bool(crudo == viejo)


def _insertar(mapa: CommentedMap, orden: list[str], clave: str, valor: Any) -> None:
    posicion = 0
    for i, k in enumerate(mapa):
        if k in orden and orden.index(k) < orden.index(clave):
            posicion = i + 1
    mapa.insert(posicion, clave, _a_ruamel(valor))


def _actualizar(mapa: CommentedMap, crudo: dict[str, Any], viejo: dict[str, Any],
                nuevo: dict[str, Any]) -> None:
    orden = list(nuevo)
    for clave, valor in nuevo.items():
        antes = viejo.get(clave)
        if antes == valor:
            continue
        if clave not in crudo or clave not in mapa:
            _insertar(mapa, orden, clave, _minimo(antes, valor))
            continue
        actual, escrito = mapa[clave], crudo[clave]
        if isinstance(actual, CommentedMap) and isinstance(valor, dict) and isinstance(antes, dict):
            _actualizar(actual, escrito, antes, valor)
        elif (
            isinstance(actual, CommentedSeq) and isinstance(valor, list)
            and isinstance(antes, list) and len(valor) == len(antes) == len(escrito)
            and _coincide(escrito, antes)
        ):
            for i, (a, v) in enumerate(zip(antes, valor, strict=True)):
                if a == v:
                    continue
                if isinstance(actual[i], CommentedMap) and isinstance(a, dict) and \
                        isinstance(v, dict):
                    _actualizar(actual[i], escrito[i], a, v)
                else:
                    actual[i] = _a_ruamel(v)
        else:
            mapa[clave] = _a_ruamel(valor)


def _sangrias(texto: str) -> tuple[int, int]:
    """(sangría de las secciones, posición del guion de las listas) que usa el archivo."""
    lineas = [x for x in texto.splitlines() if x.strip() and not x.lstrip().startswith("#")]
    mapa = guion = None
    for previa, actual in itertools.pairwise(lineas):
        if not previa.split(" #")[0].rstrip().endswith(":"):
            continue
        base = len(previa) - len(previa.lstrip())
        if previa.lstrip().startswith("- "):
            base += 2
        sangria = len(actual) - len(actual.lstrip()) - base
        if actual.lstrip().startswith("- "):
            guion = sangria if guion is None and sangria >= 0 else guion
        elif mapa is None and sangria > 0:
            mapa = sangria
    return mapa or 2, guion or 0


def _cargar(texto: str, clase: type[BaseModel], biblioteca: Biblioteca,
            avisos: list[str]) -> BaseModel:
    if issubclass(clase, Politica):
        return cargar_politica(texto, archivo="(edición)", biblioteca=biblioteca, avisos=avisos)
    return cargar_modelo(texto, clase, archivo="(edición)", avisos=avisos)


def editar_yaml(texto_original: str, modelo_nuevo: BaseModel, *,
                biblioteca: Biblioteca = None) -> str:
    """El texto original con los valores de ``modelo_nuevo``, conservando comentarios y orden.

    Si el original era de una versión antigua del formato, o el resultado no cargara idéntico
    (no debería pasar), se devuelve el modelo completo con :func:`a_yaml`.

    Raises:
        ErrorCarga: si el texto original no es un archivo válido del mismo tipo.
    """
    avisos: list[str] = []
    clase = type(modelo_nuevo)
    viejo_modelo = _cargar(texto_original, clase, biblioteca, avisos)
    if avisos:
        return a_yaml(modelo_nuevo)
    crudo, _ = leer_yaml_seguro(texto_original, "(edición)")
    datos = YAML().load(texto_original)
    sangria, guion = _sangrias(texto_original)
    viejo = plano(viejo_modelo.model_dump(mode="python", exclude={"esquema"}))
    nuevo = plano(modelo_nuevo.model_dump(mode="python", exclude={"esquema"}))
    _actualizar(datos, crudo, viejo, nuevo)
    escritor = YAML()
    escritor.Representer = _Representante
    escritor.preserve_quotes = True
    escritor.width = 4096
    escritor.indent(mapping=sangria, sequence=guion + 2, offset=guion)
    salida = io.StringIO()
    escritor.dump(datos, salida)
    texto = salida.getvalue()
    try:
        if _cargar(texto, clase, biblioteca, []) == modelo_nuevo:
            return texto
    except Exception:  # pragma: no cover - red de seguridad
        pass
    return a_yaml(modelo_nuevo)
