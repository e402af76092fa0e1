"""Ida y vuelta: un modelo escrito con a_yaml vuelve idéntico; editar_yaml conserva comentarios.

Los modelos se generan con Hypothesis a partir de las cotas declaradas en cada campo.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal, get_args, get_origin

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from simulador.carga import a_yaml, cargar_escenario, cargar_politica, editar_yaml
from simulador.carga.traduccion import rango_de
from simulador.config import VERSION_FORMATO, Escenario, Politica

TEXTO = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"))
    | st.sampled_from([":", "#", "'", '"', "\n", "-", "~", " "]),
    max_size=30,
) | st.sampled_from(["no", "yes", "On", "1.10", "012", "2026-01-01", "null", "1_000", "1:20",
                     " x ", "a: b", "- x", "a\n\nb\n"])


def _escalar(anotacion: Any, info: Any) -> st.SearchStrategy[Any]:
    lo, hi = rango_de(info)
    if anotacion is bool:
        return st.booleans()
    if anotacion is int:
        return st.integers(int(lo) if lo is not None else -1000, int(hi) if hi is not None else
                           10**6)
    if anotacion is float:
        return st.floats(float(lo) if lo is not None else -1e6,
                         float(hi) if hi is not None else 1e9, allow_nan=False,
                         allow_infinity=False, exclude_min=True, exclude_max=True)
    if anotacion is str:
        minimo = max((getattr(m, "min_length", 0) or 0) for m in [*info.metadata, None])
        maximo = min((getattr(m, "max_length", None) or 30) for m in [*info.metadata, None])
        return TEXTO.filter(lambda s: minimo <= len(s) <= maximo)
    if anotacion is dt.date:
        return st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))
    if get_origin(anotacion) is Literal:
        return st.sampled_from(get_args(anotacion))
    raise NotImplementedError(anotacion)


def _campo(anotacion: Any, info: Any) -> st.SearchStrategy[Any]:
    origen = get_origin(anotacion)
    if origen in (typing.Union, types.UnionType):
        internos = [a for a in get_args(anotacion) if a is not type(None)]
        return st.none() | _campo(internos[0], info)
    if isinstance(anotacion, type) and issubclass(anotacion, BaseModel):
        return modelos(anotacion)
    if origen is tuple and get_args(anotacion)[1:] == (Ellipsis,):
        return st.lists(_campo(get_args(anotacion)[0], None), max_size=3).map(tuple)
    return _escalar(anotacion, info)


ESPECIALES: dict[tuple[type, str], st.SearchStrategy[Any]] = {
    (Politica, "cambios"): st.just(()),
    (Escenario, "markov"): st.none(),
    (Escenario, "modo"): st.just("clientes"),
    (Escenario, "cliente_ancla"): st.none(),
    (Escenario, "shocks"): st.just(()),
}


@st.composite
def _segmentos(draw: st.DrawFn) -> tuple[Any, ...]:
    from simulador.config import Segmento

    n = draw(st.integers(1, 3))
    segmentos = [draw(modelos(Segmento)) for _ in range(n)]
    return tuple(s.model_copy(update={"nombre": f"s{i}", "participacion_pct": 100 / n})
                 for i, s in enumerate(segmentos))


def modelos(clase: type[BaseModel]) -> st.SearchStrategy[Any]:
    """Modelos válidos de ``clase`` (los que no validan se descartan)."""
    campos: dict[str, st.SearchStrategy[Any]] = {}
    for nombre, info in clase.model_fields.items():
        if nombre == "esquema":
            continue
        if nombre == "version":
            campos[nombre] = st.just(VERSION_FORMATO)
            continue
        if (clase, nombre) in ESPECIALES:
            campos[nombre] = ESPECIALES[(clase, nombre)]
        elif clase is Escenario and nombre == "segmentos":
            campos[nombre] = _segmentos()
        elif clase.__name__ in ("ParametrosComportamiento",) or nombre == "curva_cobrabilidad":
            campos[nombre] = st.just(info.get_default(call_default_factory=True))
        else:
            anotacion = info.annotation
            campos[nombre] = _campo(anotacion, info)

    def construir(valores: dict[str, Any]) -> Any:
        try:
            return clase.model_validate(valores)
        except ValueError:
            return None

    return st.fixed_dictionaries(campos).map(construir).filter(lambda m: m is not None)


AJUSTES = settings(max_examples=60, deadline=None,
                   suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])


@AJUSTES
@given(modelos(Politica))
def test_politica_escrita_con_a_yaml_vuelve_identica(politica: Politica):
    texto = a_yaml(politica)
    assert texto.startswith("# yaml-language-server: $schema=../esquemas/politica.schema.json\n")
    assert cargar_politica(texto, biblioteca={}) == politica


@AJUSTES
@given(modelos(Escenario))
def test_escenario_escrito_con_a_yaml_vuelve_identico(escenario: Escenario):
    texto = a_yaml(escenario)
    assert cargar_escenario(texto) == escenario


def test_a_yaml_sigue_el_orden_del_modelo():
    texto = a_yaml(Politica(nombre="x"))
    claves = [linea.split(":")[0] for linea in texto.splitlines()
              if linea and not linea.startswith(("#", " ", "-"))]
    assert claves == [c for c in Politica.model_fields if c != "esquema"]


ORIGINAL = """\
# yaml-language-server: $schema=../esquemas/politica.schema.json
# Política de la casa: escrita a mano.
version: 1
nombre: casa          # el nombre corto
descripcion: Neto 30 con dos recordatorios

plazo_dias: 30  # neto 30
# ---- cobranza ----
seguimiento:
  - dias: -3      # antes de vencer
    accion: recordatorio
  - dias: 7
    accion: llamada
castigo_dias: 365
"""

COMENTARIOS = ["# Política de la casa: escrita a mano.", "# el nombre corto", "# neto 30",
               "# ---- cobranza ----", "# antes de vencer"]


@AJUSTES
@given(modelos(Politica))
def test_editar_yaml_da_el_modelo_nuevo_y_conserva_comentarios(nueva: Politica):
    texto = editar_yaml(ORIGINAL, nueva)
    assert cargar_politica(texto, biblioteca={}) == nueva
    for comentario in COMENTARIOS[:4]:
        assert comentario in texto


def test_editar_yaml_cambia_solo_los_valores_distintos():
    vieja = cargar_politica(ORIGINAL)
    pasos = list(vieja.seguimiento)
    pasos[1] = pasos[1].model_copy(update={"dias": 10})
    nueva = vieja.model_copy(update={
        "plazo_dias": 45, "seguimiento": tuple(pasos),
        "mora": vieja.mora.model_copy(update={"cargo_pct": 1.5}),
    })
    texto = editar_yaml(ORIGINAL, nueva)
    assert cargar_politica(texto) == nueva
    # La sección que faltaba se agrega en el orden del modelo (mora va antes de seguimiento);
    # ruamel deja los comentarios de línea entera pegados a la clave anterior.
    esperado = ORIGINAL.replace("plazo_dias: 30  # neto 30", "plazo_dias: 45  # neto 30").replace(
        "  - dias: 7\n", "  - dias: 10\n").replace(
        "# ---- cobranza ----\n", "# ---- cobranza ----\nmora:\n  cargo_pct: 1.5\n")
    assert texto == esperado


def test_editar_yaml_sin_cambios_devuelve_el_mismo_texto():
    assert editar_yaml(ORIGINAL, cargar_politica(ORIGINAL)) == ORIGINAL
