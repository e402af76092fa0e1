"""Estado de cada usuario (``st.session_state``): escenario, políticas elegidas y resultados.

Nada de datos de usuario en variables del módulo: cada sesión del navegador tiene su propio
estado, así que varias personas usan la app a la vez sin ver lo de las otras. Los valores por
defecto se ponen una sola vez con ``setdefault``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from simulador import Escenario, Politica
from simulador.formato import Formato
from simulador.interfaz import calculos

RAIZ = Path(__file__).resolve().parents[2]
CARPETA_ESCENARIOS = RAIZ / "escenarios"
CARPETA_POLITICAS = RAIZ / "politicas"
ESCENARIO_PREFERIDO = "pyme_distribuidora.yaml"
BASE_PREFERIDA = "actual_laxa.yaml"
MAX_ALTERNATIVAS = 3
REPLICAS_POR_DEFECTO = 30
SEMILLA_POR_DEFECTO = 1

COPIA = "(copia de la base)"
SUBIR = "(subir un archivo)"
EDITADA = "(editada en el formulario)"


def archivos(carpeta: Path) -> dict[str, Path]:
    """Los YAML de una carpeta (sin subcarpetas), por nombre de archivo, en orden alfabético."""
    if not carpeta.is_dir():
        return {}
    return {p.name: p for p in sorted(carpeta.glob("*.yaml"))}


def escenario_de_archivo(nombre: str) -> tuple[Escenario, str]:
    """Un escenario de ``escenarios/`` y su texto."""
    ruta = archivos(CARPETA_ESCENARIOS)[nombre]
    return calculos.leer_escenario(str(ruta), ruta.stat().st_mtime)


def politica_de_archivo(nombre: str) -> tuple[Politica, str]:
    """Una política de ``politicas/`` y su texto."""
    ruta = archivos(CARPETA_POLITICAS)[nombre]
    return calculos.leer_politica(str(ruta), ruta.stat().st_mtime)


def _preferido(opciones: list[str], preferido: str) -> str | None:
    if preferido in opciones:
        return preferido
    return opciones[0] if opciones else None


def iniciar() -> None:
    """Pone los valores por defecto de la sesión (una vez por usuario)."""
    ss = st.session_state
    if "escenario" not in ss:
        nombre = _preferido(list(archivos(CARPETA_ESCENARIOS)), ESCENARIO_PREFERIDO)
        if nombre is not None:
            esc, texto = escenario_de_archivo(nombre)
            poner_escenario(esc, texto=texto, archivo=nombre, origen="archivo")
    ss.setdefault("esc_sel", ss.get("escenario_archivo"))
    ss.setdefault("replicas", REPLICAS_POR_DEFECTO)
    ss.setdefault("semilla", SEMILLA_POR_DEFECTO)
    pols = list(archivos(CARPETA_POLITICAS))
    base = _preferido(pols, BASE_PREFERIDA)
    otras = [p for p in pols if p != base]
    ss.setdefault("pol_sel_0", base)
    for i in range(1, MAX_ALTERNATIVAS + 1):
        ss.setdefault(f"pol_sel_{i}", otras[i - 1] if i - 1 < len(otras) else COPIA)
    ss.setdefault("n_alt", min(2, len(otras)) or 1)


def poner_escenario(esc: Escenario, *, texto: str | None, archivo: str, origen: str) -> None:
    """Cambia el escenario de la sesión (el resultado anterior queda desactualizado)."""
    ss = st.session_state
    ss["escenario"] = esc
    ss["escenario_texto"] = texto
    ss["escenario_archivo"] = archivo
    ss["escenario_origen"] = origen


def escenario() -> Escenario:
    """El escenario vigente de la sesión."""
    iniciar()
    esc: Escenario = st.session_state["escenario"]
    return esc


def formato() -> Formato:
    """El formato de números del escenario vigente."""
    return Formato.de(escenario())


@dataclass(frozen=True)
class Ranura:
    """Una política en la comparación: la base (0) o una alternativa (1 a 3)."""

    indice: int
    politica: Politica | None
    texto: str | None  # YAML original si vino de un archivo
    origen: str  # nombre de archivo, SUBIR, EDITADA o COPIA

    @property
    def titulo(self) -> str:
        """«Base» o «Alternativa N»."""
        return "Base (política actual)" if self.indice == 0 else f"Alternativa {self.indice}"


def ranura(i: int) -> Ranura:
    """La política de la ranura ``i`` según lo elegido (archivo, subida, editada o copia)."""
    iniciar()
    ss = st.session_state
    sel = ss.get(f"pol_sel_{i}")
    if sel == EDITADA and f"pol_editada_{i}" in ss:
        return Ranura(i, ss[f"pol_editada_{i}"], None, EDITADA)
    if sel == SUBIR:
        subida = ss.get(f"pol_subida_{i}")
        if subida is None:
            return Ranura(i, None, None, SUBIR)
        return Ranura(i, subida[0], subida[1], SUBIR)
    if sel == COPIA or sel is None or sel not in archivos(CARPETA_POLITICAS):
        if i == 0:
            return Ranura(i, None, None, COPIA)
        base = ranura(0).politica
        if base is None:
            return Ranura(i, None, None, COPIA)
        copia = base.model_copy(update={"nombre": f"Alternativa {i}"})
        return Ranura(i, copia, None, COPIA)
    pol, texto = politica_de_archivo(sel)
    return Ranura(i, pol, texto, sel)


def ranuras_activas() -> list[Ranura]:
    """La base y las alternativas elegidas (según el número de alternativas)."""
    n = int(st.session_state.get("n_alt", 0) or 0)
    return [ranura(i) for i in range(n + 1)]


def politicas_para_comparar() -> list[Politica]:
    """Las políticas listas, con nombres únicos (se agrega « (2)» si se repite un nombre)."""
    salida: list[Politica] = []
    vistos: set[str] = set()
    for r in ranuras_activas():
        if r.politica is None:
            continue
        pol = r.politica
        nombre = pol.nombre
        k = 2
        while nombre in vistos:
            nombre = f"{pol.nombre} ({k})"
            k += 1
        vistos.add(nombre)
        salida.append(pol if nombre == pol.nombre else pol.model_copy(update={"nombre": nombre}))
    return salida


def clave_comparacion(pols: list[Politica], replicas: int, semilla: int) -> str:
    """La clave de las entradas de una comparación (para saber si el resultado está al día)."""
    partes = [calculos.json_de(escenario()), *(calculos.json_de(p) for p in pols)]
    return "|".join([*partes, str(replicas), str(semilla)])


def comparacion_vigente() -> tuple[Any, bool]:
    """La última comparación de la sesión y si corresponde a las entradas actuales."""
    ss = st.session_state
    comp = ss.get("comparacion")
    if comp is None:
        return None, False
    pols = politicas_para_comparar()
    actual = clave_comparacion(pols, int(ss["replicas"]), int(ss["semilla"]))
    return comp, actual == ss.get("comparacion_clave")
