"""Versiones del formato: migración con aviso, rechazo de lo nuevo, huella de las entradas."""

from __future__ import annotations

import pytest

from simulador.carga import (
    VERSION_FORMATO,
    VERSION_PROGRAMA,
    ErrorCarga,
    cargar_escenario,
    cargar_politica,
    huella_entradas,
    procedencia,
)
from simulador.config import Politica

VERSION_0 = """\
version: 0
nombre: antigua
plazo: 45
recordatorios:
  - dias: 5
    accion: recordatorio
"""


def test_version_0_se_convierte_con_un_aviso_claro():
    avisos: list[str] = []
    politica = cargar_politica(VERSION_0, archivo="antigua.yaml", avisos=avisos)
    assert politica.plazo_dias == 45 and politica.seguimiento[0].dias == 5
    assert politica.version == VERSION_FORMATO
    (aviso,) = avisos
    assert "antigua.yaml: escrito para la versión 0 del formato" in aviso
    assert "'plazo' ahora se llama 'plazo_dias' (línea 3)" in aviso
    assert "'recordatorios' ahora se llama 'seguimiento' (línea 4)" in aviso


def test_version_0_con_errores_los_informa_en_la_linea_original():
    with pytest.raises(ErrorCarga) as info:
        cargar_politica(VERSION_0.replace("dias: 5", "dias: -99"), archivo="a.yaml")
    (p,) = info.value.problemas
    assert (p.linea, p.ruta) == (5, "seguimiento[0].dias")


def test_version_0_con_clave_vieja_y_nueva_se_rechaza():
    with pytest.raises(ErrorCarga, match="deje solo 'plazo_dias'"):
        cargar_politica(VERSION_0 + "plazo_dias: 30\n")


def test_version_mas_nueva_se_rechaza_con_mensaje():
    with pytest.raises(ErrorCarga) as info:
        cargar_politica(f"version: {VERSION_FORMATO + 1}\nnombre: x\n", archivo="n.yaml")
    (p,) = info.value.problemas
    assert p.linea == 1 and p.ruta == "version"
    assert "más nueva que la que este programa entiende" in p.mensaje


def test_version_sin_migracion_se_rechaza_explicando():
    with pytest.raises(ErrorCarga, match="ya no se puede leer"):
        cargar_escenario("version: 0\nnombre: x\n")


def test_huella_cambia_con_cualquier_valor_y_no_con_el_esquema():
    a = Politica(nombre="a")
    assert huella_entradas(a) == huella_entradas(a.model_copy(update={"esquema": "x.json"}))
    assert huella_entradas(a) != huella_entradas(a.model_copy(update={"plazo_dias": 31}))
    assert len(huella_entradas(a)) == 64


def test_procedencia_registra_formato_programa_semilla_y_huella():
    a = Politica(nombre="a")
    datos = procedencia(7, a)
    assert datos == {"version_formato": VERSION_FORMATO, "version_programa": VERSION_PROGRAMA,
                     "semilla": 7, "huella_entradas": huella_entradas(a)}
