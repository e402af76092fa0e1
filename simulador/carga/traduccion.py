"""Traducción de los errores de pydantic al español, con la línea de cada valor.

La línea sale del árbol compuesto (:class:`NodoIndex`); un valor que falta se informa en la línea
de la sección que debía contenerlo. Los errores de coherencia entre campos (validadores de modelo)
se ubican en la línea de la primera clave del archivo que nombra el mensaje.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Sequence
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from simulador.carga.errores import ProblemaArchivo, formatear_ruta, numero
from simulador.carga.yaml_seguro import NodoIndex, Ruta


def _desenvolver(tipo: Any) -> list[Any]:
    """Los tipos "de adentro" de una anotación (Optional, tuple, dict, Annotated)."""
    origen = get_origin(tipo)
    if origen in (typing.Union, types.UnionType):
        return [t for a in get_args(tipo) if a is not type(None) for t in _desenvolver(a)]
    if origen is typing.Annotated:
        return _desenvolver(get_args(tipo)[0])
    return [tipo]


def _hijo(tipo: Any, parte: str | int) -> Any:
    """El tipo que se encuentra al bajar por ``parte`` desde ``tipo`` (o None)."""
    for t in _desenvolver(tipo):
        if isinstance(t, type) and issubclass(t, BaseModel) and isinstance(parte, str):
            for nombre, info in t.model_fields.items():
                if parte in (nombre, info.alias):
                    return info.annotation
            return None
        origen = get_origin(t)
        args = get_args(t)
        if origen in (tuple, list) and isinstance(parte, int) and args:
            if origen is tuple and len(args) == 2 and args[1] is Ellipsis:
                return args[0]
            if origen is list:
                return args[0]
            return args[parte] if parte < len(args) else None
        if origen is dict and isinstance(parte, str) and len(args) == 2:
            return args[1]
    return None


def tipo_en(modelo: type[BaseModel], ruta: Sequence[str | int]) -> Any:
    """La anotación del valor en ``ruta`` dentro de ``modelo`` (None si no se sabe)."""
    actual: Any = modelo
    for parte in ruta:
        actual = _hijo(actual, parte)
        if actual is None:
            return None
    return actual


def modelo_en(modelo: type[BaseModel], ruta: Sequence[str | int]) -> type[BaseModel] | None:
    """El submodelo en ``ruta`` (None si ahí no hay un modelo)."""
    for t in _desenvolver(tipo_en(modelo, ruta)):
        if isinstance(t, type) and issubclass(t, BaseModel):
            return t
    return None


def claves_de(modelo: type[BaseModel]) -> list[str]:
    """Las claves que acepta un modelo en un archivo (los alias en vez de los nombres)."""
    return [info.alias or nombre for nombre, info in modelo.model_fields.items()]


def _literales(tipo: Any) -> list[Any]:
    for t in _desenvolver(tipo):
        if get_origin(t) is Literal:
            return list(get_args(t))
    return []


def info_campo(modelo: type[BaseModel], ruta: Sequence[str | int]) -> Any:
    """El FieldInfo del campo en ``ruta`` (o None)."""
    if not ruta or not isinstance(ruta[-1], str):
        return None
    padre = modelo_en(modelo, ruta[:-1])
    if padre is None:
        return None
    for nombre, info in padre.model_fields.items():
        if ruta[-1] in (nombre, info.alias):
            return info
    return None


def rango_de(info: Any) -> tuple[Any, Any]:
    """(mínimo, máximo) declarados de un campo; None donde no hay cota."""
    lo = hi = None
    for m in getattr(info, "metadata", []):
        lo = getattr(m, "ge", None) if getattr(m, "ge", None) is not None else lo
        lo = getattr(m, "gt", None) if getattr(m, "gt", None) is not None else lo
        hi = getattr(m, "le", None) if getattr(m, "le", None) is not None else hi
        hi = getattr(m, "lt", None) if getattr(m, "lt", None) is not None else hi
    return lo, hi


def unidad_de(info: Any) -> str:
    """La unidad declarada de un campo (o "")."""
    extra = getattr(info, "json_schema_extra", None)
    return str(extra.get("unidad", "")) if isinstance(extra, dict) else ""


# ---------------------------------------------------------------- mensajes


def _valor_legible(valor: Any) -> str:
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, int | float):
        return numero(valor)
    if valor is None:
        return "vacío"
    if isinstance(valor, str):
        return f"'{valor[:60]}'"
    return ""


def _rango(info: Any) -> str:
    lo, hi = rango_de(info)
    unidad = unidad_de(info)
    if lo is None or hi is None:
        return ""
    return f"rango permitido: {numero(lo)} a {numero(hi)}" + (f" {unidad}" if unidad else "")


def _mensaje(
    error: dict[str, Any], modelo: type[BaseModel], loc: Ruta, indice: NodoIndex
) -> str:
    tipo: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    valor = error.get("input")
    info = info_campo(modelo, loc)
    indicado = _valor_legible(valor)
    sufijo = f" (se indicó {indicado})" if indicado else ""
    crudo = indice.crudo.get(loc, "")
    if crudo.lower() in {"yes", "no", "on", "off", "y", "n"} and isinstance(valor, bool):
        sufijo = f" (YAML lee «{crudo}» como sí/no; si es un texto, escríbalo entre comillas)"

    if tipo in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        signo = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤",
                 "less_than": "<"}[tipo]
        cota = next(iter(ctx.values()), "")
        detalle = "; ".join(x for x in (f"se indicó {indicado}" if indicado else "", _rango(info))
                            if x)
        return f"debe ser {signo} {numero(cota)}" + (f" ({detalle})" if detalle else "")
    if tipo in ("int_type", "int_parsing"):
        return f"se esperaba un número entero{sufijo}"
    if tipo == "int_from_float":
        return f"se esperaba un número entero, sin decimales{sufijo}"
    if tipo in ("float_type", "float_parsing"):
        return f"se esperaba un número{sufijo}"
    if tipo == "finite_number":
        return "debe ser un número finito"
    if tipo in ("bool_type", "bool_parsing"):
        return f"se esperaba sí o no (true o false){sufijo}"
    if tipo == "string_type":
        return f"se esperaba un texto{sufijo}"
    if tipo == "string_too_short":
        minimo = ctx.get("min_length", 1)
        return "no puede estar vacío" if minimo == 1 else f"debe tener al menos {minimo} caracteres"
    if tipo == "string_too_long":
        return f"debe tener a lo sumo {ctx.get('max_length')} caracteres"
    if tipo == "literal_error":
        opciones = _literales(tipo_en(modelo, loc)) or [ctx.get("expected", "")]
        return (f"valor no permitido{sufijo}; los permitidos son: "
                + ", ".join(str(o) for o in opciones))
    if tipo in ("tuple_type", "list_type"):
        return "se esperaba una lista (líneas que empiezan con '- ')"
    if tipo in ("model_type", "model_attributes_type", "dict_type"):
        return "se esperaba una sección (claves y valores con sangría)"
    if tipo == "too_short":
        return f"debe tener al menos {ctx.get('min_length')} elementos"
    if tipo == "too_long":
        return f"debe tener a lo sumo {ctx.get('max_length')} elementos"
    if tipo.startswith("date"):
        if isinstance(valor, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", valor.strip()):
            return f"la fecha '{valor.strip()}' no existe"
        return f"se esperaba una fecha AAAA-MM-DD{sufijo}"
    if tipo in ("value_error", "assertion_error"):
        return str(ctx.get("error", error.get("msg", "")))
    return f"valor no válido{sufijo} ({error.get('msg', tipo)})"


_IDENTIFICADOR = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*|\[\d+\])*")


_RUTA_INICIAL = re.compile(r"^([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*|\[\d+\])*): (.*)$", re.S)


def _partes(texto: str) -> Ruta:
    partes: list[str | int] = []
    for trozo in re.findall(r"[a-z_][a-z0-9_]*|\[\d+\]", texto):
        partes.append(int(trozo[1:-1]) if trozo.startswith("[") else trozo)
    return tuple(partes)


def _ruta_nombrada(mensaje: str, loc: Ruta, indice: NodoIndex) -> Ruta | None:
    """La primera clave escrita en el archivo que nombra un mensaje de coherencia."""
    for candidato in _IDENTIFICADOR.findall(mensaje):
        ruta = (*loc, *_partes(candidato))
        if ruta != loc and indice.existe(ruta):
            return ruta
    return None


def traducir(
    error: ValidationError,
    *,
    modelo: type[BaseModel],
    indice: NodoIndex,
    archivo: str,
    prefijo: Ruta = (),
) -> list[ProblemaArchivo]:
    """Cada error de pydantic como un :class:`ProblemaArchivo` en español y con su línea.

    Args:
        error: el error de validación.
        modelo: el modelo que se validaba (para nombrar las claves y opciones permitidas).
        indice: líneas del archivo, con rutas relativas a lo validado.
        archivo: nombre del archivo para los mensajes.
        prefijo: ruta que se antepone al mostrar (cuando lo validado cuelga de otra sección).
    """
    problemas: list[ProblemaArchivo] = []
    for e in error.errors(include_url=False):
        loc: Ruta = tuple(e["loc"])
        tipo = e["type"]
        ruta, linea = loc, indice.linea_cercana(loc)
        if tipo == "missing":
            campo = loc[-1] if loc else ""
            info = info_campo(modelo, loc)
            que = f" ({info.description})" if info is not None and info.description else ""
            mensaje = f"falta el valor obligatorio '{campo}'{que}"
            linea = indice.linea_cercana(loc[:-1])
        elif tipo == "extra_forbidden":
            padre = modelo_en(modelo, loc[:-1])
            permitidas = [c for c in claves_de(padre) if c != "$schema"] if padre else []
            mensaje = f"clave desconocida '{loc[-1]}'"
            parecidas = difflib.get_close_matches(str(loc[-1]), permitidas, n=1)
            if parecidas:
                mensaje += f" (¿quiso decir '{parecidas[0]}'?)"
            if permitidas:
                mensaje += "; las permitidas son: " + ", ".join(permitidas)
        else:
            mensaje = _mensaje(dict(e), modelo, loc, indice)
            if tipo == "value_error":
                prefijada = _RUTA_INICIAL.match(mensaje)
                if prefijada:  # el mensaje empieza por la ruta del valor: "ruta: qué pasa"
                    ruta = (*loc, *_partes(prefijada.group(1)))
                    linea = indice.linea_cercana(ruta)
                    mensaje = prefijada.group(2)
                else:
                    nombrada = _ruta_nombrada(mensaje, loc, indice)
                    if nombrada is not None:
                        ruta, linea = nombrada, indice.linea(nombrada)
        problemas.append(ProblemaArchivo(
            archivo=archivo, linea=linea, ruta=formatear_ruta((*prefijo, *ruta)) or "(archivo)",
            mensaje=mensaje,
        ))
    return problemas


def tipos_esperados(modelo: type[BaseModel], ruta: Sequence[str | int]) -> list[Any]:
    """Los tipos posibles del valor en ``ruta`` (para mostrar valores legibles)."""
    return _desenvolver(tipo_en(modelo, ruta))
