"""Tipos de archivo, detección del tipo, validación de archivos y de combinaciones.

Para saber de qué tipo es un archivo se mira, en orden:

1. las claves de primer nivel que solo tiene un tipo (una política trae ``base``, ``plazo_dias``,
   ``seguimiento``...; un escenario trae ``segmentos``, ``modo``, ``horizonte_dias``...; un
   ejercicio, cuando se registre, ``ejercicio``): gana el tipo con más claves propias;
2. si no alcanza (empate o ninguna), la carpeta más cercana: ``politicas/``, ``escenarios/``...;
3. si tampoco, el archivo se rechaza diciendo que no se reconoce su tipo.

Otros tipos se agregan con :func:`registrar_tipo`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from simulador.carga.archivos import (
    cargar_modelo_indexado,
    cargar_politica_indexada,
    leer_fuente,
    mostrar,
)
from simulador.carga.errores import ErrorCarga, ProblemaArchivo
from simulador.carga.version import migrar
from simulador.carga.yaml_seguro import NodoIndex, leer_yaml_crudo
from simulador.config.escenario import Escenario
from simulador.config.politica import Politica

Cargador = Callable[[Path, list[str]], tuple[BaseModel, NodoIndex]]
"""Carga un archivo del disco (con la lista donde dejar avisos); da el modelo y sus líneas."""


@dataclass(frozen=True)
class TipoArchivo:
    """Un tipo de archivo que el programa sabe leer."""

    nombre: str
    """Nombre del tipo (``politica``); también nombra su esquema: ``politica.schema.json``."""
    modelo: type[BaseModel]
    claves: frozenset[str]
    """Claves de primer nivel que delatan el tipo."""
    carpetas: frozenset[str]
    """Nombres de carpeta que suelen contener este tipo."""
    cargar: Cargador

    @property
    def archivo_esquema(self) -> str:
        """Nombre del archivo de esquema JSON de este tipo."""
        return f"{self.nombre}.schema.json"


TIPOS_ARCHIVO: dict[str, TipoArchivo] = {}
"""Registro de tipos de archivo, por nombre."""


def registrar_tipo(tipo: TipoArchivo) -> None:
    """Agrega (o reemplaza) un tipo de archivo en el registro."""
    TIPOS_ARCHIVO[tipo.nombre] = tipo


MODULOS_CON_TIPOS = ("simulador.entrenamiento.ejercicio",)
"""Módulos que registran tipos de archivo propios; se importan al consultar el registro, así
el resultado no depende de qué se haya importado antes (y no hay importación circular)."""


def tipos_registrados() -> dict[str, TipoArchivo]:
    """El registro completo de tipos de archivo."""
    import importlib

    for modulo in MODULOS_CON_TIPOS:
        importlib.import_module(modulo)
    return TIPOS_ARCHIVO


def _cargar_escenario(ruta: Path, avisos: list[str]) -> tuple[BaseModel, NodoIndex]:
    return cargar_modelo_indexado(ruta, Escenario, tipo="escenario", avisos=avisos)


def _cargar_politica(ruta: Path, avisos: list[str]) -> tuple[BaseModel, NodoIndex]:
    return cargar_politica_indexada(ruta, avisos=avisos)


_COMUNES = set(Politica.model_fields) & set(Escenario.model_fields)
registrar_tipo(TipoArchivo(
    nombre="escenario", modelo=Escenario,
    claves=frozenset(set(Escenario.model_fields) - _COMUNES),
    carpetas=frozenset({"escenarios"}), cargar=_cargar_escenario,
))
registrar_tipo(TipoArchivo(
    nombre="politica", modelo=Politica,
    claves=frozenset((set(Politica.model_fields) - _COMUNES) | {"base"}),
    carpetas=frozenset({"politicas"}), cargar=_cargar_politica,
))


def detectar_tipo(datos: Any, ruta: Path | None = None) -> TipoArchivo | None:
    """El tipo de archivo según sus claves y, si no alcanza, según su carpeta."""
    claves = set(datos) if isinstance(datos, dict) else set()
    puntajes = {n: len(t.claves & claves) for n, t in tipos_registrados().items()}
    mejor = max(puntajes.values(), default=0)
    candidatos = [n for n, p in puntajes.items() if p == mejor and mejor > 0]
    if len(candidatos) == 1:
        return TIPOS_ARCHIVO[candidatos[0]]
    if ruta is not None:
        for carpeta in reversed(ruta.resolve().parent.parts):
            for nombre, tipo in TIPOS_ARCHIVO.items():
                if carpeta in tipo.carpetas and (not candidatos or nombre in candidatos):
                    return tipo
    return None


def cargar_archivo(
    ruta: Path, avisos: list[str] | None = None
) -> tuple[TipoArchivo, BaseModel, NodoIndex]:
    """Detecta el tipo de un archivo del disco y lo carga.

    Raises:
        ErrorCarga: si no se reconoce el tipo o el archivo tiene problemas.
    """
    contenido, nombre = leer_fuente(ruta, None)
    datos, indice, _ = leer_yaml_crudo(contenido, nombre)
    tipo = detectar_tipo(datos, ruta)
    if tipo is None and isinstance(datos, dict):
        migrar(dict(datos), indice, tipo="desconocido", archivo=nombre)  # versión futura
    if tipo is None:
        raise ErrorCarga([ProblemaArchivo(
            nombre, None, "", "no se reconoce el tipo de archivo: una política trae claves como "
            "plazo_dias, seguimiento o base; un escenario, segmentos o modo (o guárdelo en la "
            "carpeta " + " o ".join(sorted(c for t in TIPOS_ARCHIVO.values()
                                           for c in t.carpetas)) + ")",
        )])
    modelo, indice = tipo.cargar(ruta, avisos if avisos is not None else [])
    return tipo, modelo, indice


def validar_archivo(ruta: Path, *, avisos: list[str] | None = None) -> list[ProblemaArchivo]:
    """Todos los problemas de un archivo (lista vacía si es válido), sin correr nada."""
    try:
        cargar_archivo(ruta, avisos)
    except ErrorCarga as e:
        return e.problemas
    return []


def validar_combinacion(
    escenario: Escenario, politica: Politica, *, archivo_politica: str = "política",
    indice: NodoIndex | None = None,
) -> list[ProblemaArchivo]:
    """Problemas que solo aparecen al juntar un escenario y una política.

    Revisa que un plan de pago quepa en el horizonte y que los cambios con fecha ocurran dentro de
    él. (El descuento más allá del plazo ya lo revisa el modelo de la política.)
    """
    indice = indice or NodoIndex()
    problemas: list[ProblemaArchivo] = []
    h = escenario.horizonte_dias
    planes = politica.planes
    duracion = planes.cuotas * planes.intervalo_dias
    if planes.ofrecer and duracion > h:
        problemas.append(ProblemaArchivo(
            archivo_politica, indice.linea_cercana(("planes", "cuotas")), "planes.cuotas",
            f"un plan de {planes.cuotas} cuotas cada {planes.intervalo_dias} días dura "
            f"{duracion} días, más que el horizonte del escenario '{escenario.nombre}' ({h} "
            "días); debe ser cuotas × intervalo_dias ≤ horizonte_dias",
        ))
    for i, cambio in enumerate(politica.cambios):
        if cambio.desde_dia >= h:
            problemas.append(ProblemaArchivo(
                archivo_politica, indice.linea_cercana(("cambios", i, "desde_dia")),
                f"cambios[{i}].desde_dia",
                f"el cambio del día {cambio.desde_dia} nunca rige: el horizonte del escenario "
                f"'{escenario.nombre}' es de {h} días; debe ser < {h}",
            ))
    return problemas


def validar_archivos(
    rutas: list[Path], *, avisos: list[str] | None = None
) -> dict[str, list[ProblemaArchivo]]:
    """Valida varios archivos; además cruza escenarios y políticas válidos.

    Con un solo escenario (el caso "voy a correr estas políticas sobre este escenario"), una
    combinación incoherente es un error. Con varios escenarios (validar una biblioteca), es un
    aviso: cada archivo es válido por sí solo y la combinación quizá nunca se corra.
    """
    resultado: dict[str, list[ProblemaArchivo]] = {}
    escenarios: list[Escenario] = []
    politicas: list[tuple[Politica, str, NodoIndex]] = []
    for ruta in rutas:
        nombre = mostrar(ruta)
        try:
            _, modelo, indice = cargar_archivo(ruta, avisos)
        except ErrorCarga as e:
            resultado[nombre] = e.problemas
            continue
        resultado[nombre] = []
        if isinstance(modelo, Escenario):
            escenarios.append(modelo)
        elif isinstance(modelo, Politica):
            politicas.append((modelo, nombre, indice))
    for escenario in escenarios:
        for politica, nombre, indice in politicas:
            cruzados = validar_combinacion(
                escenario, politica, archivo_politica=nombre, indice=indice
            )
            if len(escenarios) == 1:
                resultado[nombre] += cruzados
            elif avisos is not None:
                avisos.extend(f"{p} (solo si se corre con ese escenario)" for p in cruzados)
    return resultado
