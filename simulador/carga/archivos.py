"""Los cargadores públicos: escenario, política (con deltas sobre una base) y cualquier modelo.

Las mismas defensas valen si el archivo viene del disco, de la línea de comandos o de una subida en
la app: una :class:`~pathlib.Path` se lee del disco; un ``str`` o ``bytes`` es el contenido mismo.
Una política puede escribirse como cambios sobre otra (``base: estandar``); la base se busca solo
por nombre simple (``[a-z0-9_-]+``) en la biblioteca, nunca por ruta.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from simulador.carga.errores import ErrorCarga, ProblemaArchivo, formatear_ruta
from simulador.carga.traduccion import claves_de, modelo_en, traducir
from simulador.carga.version import migrar
from simulador.carga.yaml_seguro import LIMITE_BYTES, NodoIndex, Ruta, leer_yaml_crudo
from simulador.config.deltas import RutaDesconocida, aplicar_delta
from simulador.config.escenario import Escenario
from simulador.config.politica import Politica

M = TypeVar("M", bound=BaseModel)
Fuente = str | Path | bytes
Biblioteca = Mapping[str, Politica] | Path | None

CARPETA_POLITICAS = Path(__file__).resolve().parents[2] / "politicas"
"""La biblioteca de políticas del proyecto (para ``base: NOMBRE``)."""
NOMBRE_SIMPLE = re.compile(r"[a-z0-9_-]+")
MAX_BASES = 10
"""Largo máximo de una cadena de bases."""


def mostrar(ruta: Path) -> str:
    """La ruta como se muestra en los mensajes (relativa a la carpeta actual si se puede)."""
    try:
        return str(ruta.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(ruta)


def leer_fuente(fuente: Fuente, archivo: str | None) -> tuple[str | bytes, str]:
    """El contenido y el nombre para los mensajes; lee del disco solo si ``fuente`` es Path."""
    if not isinstance(fuente, Path):
        return fuente, archivo or "(archivo subido)"
    nombre = archivo or mostrar(fuente)
    try:
        with fuente.open("rb") as f:
            contenido = f.read(LIMITE_BYTES + 1)
    except OSError as e:
        raise ErrorCarga([ProblemaArchivo(
            archivo=nombre, linea=None, ruta="",
            mensaje=f"no se puede leer el archivo ({e.strerror or e})",
        )]) from None
    return contenido, nombre


def preparar(
    contenido: str | bytes, archivo: str, *, tipo: str, avisos: list[str] | None
) -> tuple[dict[str, Any], NodoIndex, list[ProblemaArchivo]]:
    """Lee con seguridad, exige una sección en la raíz y migra la versión del formato."""
    datos, indice, problemas = leer_yaml_crudo(contenido, archivo)
    if datos is None:
        raise ErrorCarga([ProblemaArchivo(archivo, None, "", "el archivo está vacío")])
    if not isinstance(datos, dict):
        raise ErrorCarga([ProblemaArchivo(
            archivo, indice.linea(()), "",
            "el archivo debe ser una sección de claves y valores (clave: valor), no una lista ni "
            "un valor suelto",
        )])
    _tipo_equivocado(datos, indice, archivo, tipo)
    avisos_version = migrar(datos, indice, tipo=tipo, archivo=archivo)
    if avisos is not None:
        avisos.extend(avisos_version)
    return datos, indice, problemas


_TIPOS_RAIZ: dict[str, tuple[str, type[BaseModel]]] = {
    "escenario": ("un escenario", Escenario), "politica": ("una política", Politica)}


def _tipo_equivocado(datos: dict[str, Any], indice: NodoIndex, archivo: str, tipo: str) -> None:
    """Un escenario subido como política (o al revés) da un solo mensaje que lo dice.

    Sin esto, cada clave del otro tipo era una «clave desconocida» con una sugerencia
    equivocada («mora»: ¿quiso decir «moneda»?).
    """
    if tipo not in _TIPOS_RAIZ:
        return
    otro = next(t for t in _TIPOS_RAIZ if t != tipo)
    propias = set(_TIPOS_RAIZ[tipo][1].model_fields)
    ajenas = sorted(str(k) for k in datos if k not in propias
                    and k in _TIPOS_RAIZ[otro][1].model_fields)
    if len(ajenas) < 2 or len(ajenas) <= len([k for k in datos if k in propias]) - 2:
        return
    claves = ", ".join(f"«{k}»" for k in ajenas[:4]) + (", …" if len(ajenas) > 4 else "")
    donde = " En la app, suba las políticas en «Comparar políticas» y los escenarios en " \
        "«Escenario»."
    lineas = [n for k in ajenas if (n := indice.linea((k,))) is not None]
    raise ErrorCarga([ProblemaArchivo(
        archivo, min(lineas, default=None), "",
        f"este archivo parece {_TIPOS_RAIZ[otro][0]}, no {_TIPOS_RAIZ[tipo][0]}: tiene claves "
        f"de {_TIPOS_RAIZ[otro][0]} ({claves}).{donde}")])


def _ordenar(problemas: list[ProblemaArchivo]) -> list[ProblemaArchivo]:
    return sorted(problemas, key=lambda p: (p.archivo, p.linea or 0))


def validar_datos(
    modelo: type[M], datos: dict[str, Any], indice: NodoIndex, archivo: str,
    problemas: list[ProblemaArchivo],
) -> M:
    """Valida con el modelo; junta los problemas de lectura y los de validación."""
    try:
        resultado = modelo.model_validate(datos)
    except ValidationError as e:
        problemas = problemas + traducir(e, modelo=modelo, indice=indice, archivo=archivo)
        raise ErrorCarga(_ordenar(problemas)) from None
    if problemas:
        raise ErrorCarga(_ordenar(problemas))
    return resultado


def cargar_modelo(
    fuente: Fuente, modelo: type[M], *, archivo: str | None = None, tipo: str | None = None,
    avisos: list[str] | None = None,
) -> M:
    """Carga cualquier tipo de archivo validado por ``modelo`` (ejercicios, por ejemplo).

    Args:
        fuente: Path (se lee del disco) o el contenido (str o bytes).
        modelo: el modelo pydantic del archivo.
        archivo: nombre del archivo en los mensajes.
        tipo: nombre del tipo para migrar versiones (por defecto, el del modelo en minúsculas).
        avisos: si se da, recibe los avisos (por ejemplo, de una versión antigua convertida).

    Raises:
        ErrorCarga: con todos los problemas del archivo.
    """
    return cargar_modelo_indexado(fuente, modelo, archivo=archivo, tipo=tipo, avisos=avisos)[0]


def cargar_modelo_indexado(
    fuente: Fuente, modelo: type[M], *, archivo: str | None = None, tipo: str | None = None,
    avisos: list[str] | None = None,
) -> tuple[M, NodoIndex]:
    """Como :func:`cargar_modelo`, y además devuelve el índice de líneas del archivo."""
    contenido, nombre = leer_fuente(fuente, archivo)
    datos, indice, problemas = preparar(
        contenido, nombre, tipo=tipo or modelo.__name__.lower(), avisos=avisos
    )
    return validar_datos(modelo, datos, indice, nombre, problemas), indice


def cargar_escenario(
    fuente: Fuente, *, archivo: str | None = None, avisos: list[str] | None = None
) -> Escenario:
    """Carga y valida un escenario (ver :func:`cargar_modelo`)."""
    return cargar_modelo(fuente, Escenario, archivo=archivo, tipo="escenario", avisos=avisos)


def cargar_politica(
    fuente: Fuente, *, archivo: str | None = None, biblioteca: Biblioteca = None,
    avisos: list[str] | None = None,
) -> Politica:
    """Carga y valida una política, aplicando ``base: NOMBRE`` si la trae.

    Args:
        fuente: Path (se lee del disco) o el contenido (str o bytes).
        archivo: nombre del archivo en los mensajes.
        biblioteca: dónde buscar las bases: un diccionario nombre -> política ya cargada, o una
            carpeta con ``NOMBRE.yaml``. Por defecto, la carpeta del archivo (si viene del disco) y
            luego la carpeta ``politicas/`` del proyecto.
        avisos: si se da, recibe los avisos de versiones antiguas convertidas.

    Raises:
        ErrorCarga: con todos los problemas del archivo (y de sus bases).
    """
    politica, _ = cargar_politica_indexada(
        fuente, archivo=archivo, biblioteca=biblioteca, avisos=avisos
    )
    return politica


def cargar_politica_indexada(
    fuente: Fuente, *, archivo: str | None = None, biblioteca: Biblioteca = None,
    avisos: list[str] | None = None, cadena: tuple[str, ...] = (),
) -> tuple[Politica, NodoIndex]:
    """Como :func:`cargar_politica`, y además devuelve el índice de líneas del archivo."""
    contenido, nombre = leer_fuente(fuente, archivo)
    datos, indice, problemas = preparar(contenido, nombre, tipo="politica", avisos=avisos)
    if isinstance(fuente, Path):
        cadena = (*cadena, fuente.stem)
    if "base" not in datos:
        politica = validar_datos(Politica, datos, indice, nombre, problemas)
    else:
        base = _cargar_base(datos, indice, nombre, fuente, biblioteca, avisos, cadena, problemas)
        politica = _aplicar(base, datos, indice, nombre, problemas)
    _revisar_cambios(politica, indice, nombre)
    return politica, indice


def _problema_base(archivo: str, indice: NodoIndex, mensaje: str) -> ErrorCarga:
    return ErrorCarga([ProblemaArchivo(archivo, indice.linea(("base",)), "base", mensaje)])


def _cargar_base(
    datos: dict[str, Any], indice: NodoIndex, archivo: str, fuente: Fuente,
    biblioteca: Biblioteca, avisos: list[str] | None, cadena: tuple[str, ...],
    problemas: list[ProblemaArchivo],
) -> Politica:
    nombre_base = datos.pop("base")
    if not isinstance(nombre_base, str) or not NOMBRE_SIMPLE.fullmatch(nombre_base):
        raise _problema_base(
            archivo, indice, "la base debe ser el nombre simple de una política de la biblioteca "
            "(minúsculas, números, '-' y '_'; sin carpetas ni extensión), por ejemplo "
            "'base: estandar'",
        )
    if nombre_base in cadena:
        raise _problema_base(
            archivo, indice, "las bases forman un ciclo: " + " → ".join((*cadena, nombre_base)),
        )
    if len(cadena) >= MAX_BASES:
        raise _problema_base(archivo, indice, f"demasiadas bases encadenadas (más de {MAX_BASES})")
    if isinstance(biblioteca, Mapping):
        if nombre_base not in biblioteca:
            raise _problema_base(
                archivo, indice, f"no hay una política base '{nombre_base}'; las disponibles "
                f"son: {', '.join(sorted(biblioteca)) or '(ninguna)'}",
            )
        return biblioteca[nombre_base]
    carpetas = [biblioteca] if isinstance(biblioteca, Path) else [
        *([fuente.parent] if isinstance(fuente, Path) else []), CARPETA_POLITICAS,
    ]
    for carpeta in carpetas:
        for extension in (".yaml", ".yml"):
            ruta = carpeta / f"{nombre_base}{extension}"
            if ruta.is_file():
                try:
                    base, _ = cargar_politica_indexada(
                        ruta, biblioteca=biblioteca, avisos=avisos, cadena=cadena,
                    )
                except ErrorCarga as e:
                    raise ErrorCarga([
                        *problemas,
                        *_problema_base(
                            archivo, indice, f"la política base '{nombre_base}' tiene errores"
                        ).problemas,
                        *e.problemas,
                    ]) from None
                return base
    disponibles = sorted({p.stem for c in carpetas if c.is_dir() for p in c.glob("*.y*ml")})
    raise _problema_base(
        archivo, indice, f"no hay una política base '{nombre_base}'; las disponibles son: "
        f"{', '.join(disponibles) or '(ninguna)'}",
    )


def rutas_desconocidas(
    base: dict[str, Any], delta: dict[str, Any], ruta: Ruta = ()
) -> list[tuple[Ruta, list[str]]]:
    """Las rutas del delta que no existen en la base (con las claves permitidas en cada lugar).

    Misma semántica que :func:`simulador.config.deltas.aplicar_delta`.
    """
    salida: list[tuple[Ruta, list[str]]] = []
    for clave, valor in delta.items():
        if clave not in base:
            salida.append(((*ruta, clave), sorted(str(k) for k in base)))
        elif isinstance(valor, dict) and isinstance(base[clave], dict) and base[clave]:
            salida += rutas_desconocidas(base[clave], valor, (*ruta, clave))
    return salida


def _sin_esquema(delta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in delta.items() if k not in ("$schema", "esquema")}


def aplicar_con_lineas(
    base: M, delta: dict[str, Any], indice: NodoIndex, archivo: str,
    problemas: list[ProblemaArchivo], prefijo: Ruta = (),
) -> M:
    """Aplica un delta informando rutas desconocidas y valores no válidos en su línea."""
    delta = _sin_esquema(delta)
    datos_base = base.model_dump(mode="python", exclude={"esquema"})
    for ruta, permitidas in rutas_desconocidas(datos_base, delta):
        problemas = [*problemas, ProblemaArchivo(
            archivo, indice.linea_cercana(ruta), formatear_ruta((*prefijo, *ruta)),
            f"clave desconocida '{ruta[-1]}'; las permitidas son: "
            + ", ".join(_permitidas(type(base), ruta[:-1], permitidas)),
        )]
    if problemas:
        raise ErrorCarga(_ordenar(problemas))
    try:
        return aplicar_delta(base, delta)
    except RutaDesconocida as e:  # pragma: no cover - ya revisado arriba
        raise ErrorCarga([ProblemaArchivo(archivo, None, e.ruta, str(e))]) from None
    except ValidationError as e:
        raise ErrorCarga(_ordenar(traducir(
            e, modelo=type(base), indice=indice, archivo=archivo, prefijo=prefijo,
        ))) from None


def _permitidas(modelo: type[BaseModel], ruta: Ruta, por_defecto: list[str]) -> list[str]:
    sub = modelo_en(modelo, ruta)
    return [c for c in claves_de(sub) if c != "$schema"] if sub else por_defecto


def _aplicar(
    base: Politica, datos: dict[str, Any], indice: NodoIndex, archivo: str,
    problemas: list[ProblemaArchivo],
) -> Politica:
    return aplicar_con_lineas(base, datos, indice, archivo, problemas)


def _revisar_cambios(politica: Politica, indice: NodoIndex, archivo: str) -> None:
    """Cada cambio con fecha debe aplicarse sin error sobre la política vigente hasta entonces."""
    actual = politica
    problemas: list[ProblemaArchivo] = []
    for i, cambio in enumerate(politica.cambios):
        prefijo: Ruta = ("cambios", i, "cambios")
        try:
            actual = aplicar_con_lineas(
                actual, cambio.cambios, indice.subindice(prefijo), archivo, [], prefijo=prefijo,
            )
        except ErrorCarga as e:
            problemas += e.problemas
    if problemas:
        raise ErrorCarga(_ordenar(problemas))
