"""Políticas como cambios sobre una base, y qué cambia palanca por palanca."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulador.carga import ErrorCarga, cargar_politica, describir_delta
from simulador.config import Politica

ESTANDAR = """\
# yaml-language-server: $schema=../esquemas/politica.schema.json
version: 1
nombre: estandar
descripcion: Neto 45 con recordatorios
plazo_dias: 45
mora:
  cargo_pct: 1
seguimiento:
  - dias: -3
    accion: recordatorio
  - dias: 10
    accion: llamada
"""

DOS_DIEZ_NETO_30 = """\
base: estandar
plazo_dias: 30
descuento: {pct: 2, dias: 10}
"""


@pytest.fixture
def biblioteca(tmp_path: Path) -> Path:
    (tmp_path / "estandar.yaml").write_text(ESTANDAR, encoding="utf-8")
    return tmp_path


def test_dos_diez_neto_30_en_tres_lineas(biblioteca: Path):
    estandar = cargar_politica(biblioteca / "estandar.yaml")
    derivada = cargar_politica(DOS_DIEZ_NETO_30, biblioteca=biblioteca)
    assert derivada.plazo_dias == 30
    assert (derivada.descuento.pct, derivada.descuento.dias) == (2, 10)
    assert derivada.mora == estandar.mora and derivada.seguimiento == estandar.seguimiento
    assert derivada.nombre == "estandar"  # heredado si el derivado no lo trae


def test_la_base_puede_ser_un_diccionario_de_politicas_cargadas(biblioteca: Path):
    estandar = cargar_politica(biblioteca / "estandar.yaml")
    texto = "version: 1\nnombre: pronto pago\ndescripcion: 2/10 neto 30\n" + DOS_DIEZ_NETO_30
    derivada = cargar_politica(texto, biblioteca={"estandar": estandar})
    assert (derivada.nombre, derivada.descripcion) == ("pronto pago", "2/10 neto 30")
    assert describir_delta(estandar, derivada) == [
        ("plazo_dias", "45 días", "30 días"),
        ("descuento.pct", "0 %", "2 %"),
        ("descuento.dias", "0 días", "10 días"),
    ]


def test_un_archivo_del_disco_busca_la_base_en_su_carpeta(biblioteca: Path):
    (biblioteca / "pronto.yaml").write_text(DOS_DIEZ_NETO_30, encoding="utf-8")
    assert cargar_politica(biblioteca / "pronto.yaml").plazo_dias == 30


def test_ruta_desconocida_en_un_delta_es_error_en_su_linea(biblioteca: Path):
    texto = "base: estandar\nmora:\n  cargo_pcx: 2\nplazo_dia: 3\n"
    with pytest.raises(ErrorCarga) as info:
        cargar_politica(texto, archivo="d.yaml", biblioteca=biblioteca)
    problemas = info.value.problemas
    assert [(p.linea, p.ruta) for p in problemas] == [(3, "mora.cargo_pcx"), (4, "plazo_dia")]
    assert "las permitidas son: cargo_fijo, cargo_pct" in problemas[0].mensaje


def test_valor_invalido_en_un_delta_se_informa_en_la_linea_del_delta(biblioteca: Path):
    texto = "base: estandar\n\nplazo_dias: 5\ndescuento: {pct: 2, dias: 10}\n"
    with pytest.raises(ErrorCarga) as info:
        cargar_politica(texto, archivo="d.yaml", biblioteca=biblioteca)
    (p,) = info.value.problemas
    assert p.linea == 4 and "debe ser menor que plazo_dias" in p.mensaje


def test_base_inexistente_lista_las_disponibles(biblioteca: Path):
    with pytest.raises(ErrorCarga) as info:
        cargar_politica("nombre: x\nbase: estricta\n", biblioteca=biblioteca)
    (p,) = info.value.problemas
    assert p.linea == 2 and "las disponibles son: estandar" in p.mensaje


def test_bases_encadenadas_y_ciclos(biblioteca: Path):
    (biblioteca / "b.yaml").write_text("base: estandar\nplazo_dias: 60\n")
    (biblioteca / "c.yaml").write_text("base: b\ncastigo_dias: 200\n")
    c = cargar_politica(biblioteca / "c.yaml")
    assert (c.plazo_dias, c.castigo_dias, c.mora.cargo_pct) == (60, 200, 1)
    (biblioteca / "x.yaml").write_text("base: y\n")
    (biblioteca / "y.yaml").write_text("base: x\n")
    with pytest.raises(ErrorCarga, match="ciclo: x → y → x"):
        cargar_politica(biblioteca / "x.yaml")


def test_base_con_errores_se_informa_con_sus_problemas(biblioteca: Path):
    (biblioteca / "rota.yaml").write_text("nombre: rota\nplazo_dias: -1\n")
    with pytest.raises(ErrorCarga) as info:
        cargar_politica("base: rota\n", archivo="d.yaml", biblioteca=biblioteca)
    textos = [str(p) for p in info.value.problemas]
    assert textos[0] == "d.yaml, línea 1: base: la política base 'rota' tiene errores"
    assert any("rota.yaml, línea 2: plazo_dias: debe ser ≥ 0" in t for t in textos)


def test_describir_delta_de_politicas_iguales_es_vacio():
    p = Politica(nombre="a")
    assert describir_delta(p, p.model_copy(update={"nombre": "b"})) == []
