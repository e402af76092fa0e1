"""Archivos ajenos: bombas de alias, ciclos, anidamiento profundo, tamaño y etiquetas peligrosas.

Cada caso debe rechazarse rápido, sin excepción de Python distinta de ErrorCarga y sin consumir
memoria (se mide el pico con tracemalloc; no se mide el tiempo).
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from simulador.carga import (
    LIMITE_BYTES,
    ErrorCarga,
    cargar_escenario,
    cargar_politica,
    leer_yaml_seguro,
)

INVALIDOS = Path(__file__).parent / "datos" / "invalidos"


def _rechazo(contenido: str | bytes) -> str:
    tracemalloc.start()
    try:
        with pytest.raises(ErrorCarga) as info:
            cargar_politica(contenido, archivo="subido.yaml")
        _, pico = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pico < 50 * 1024 * 1024, f"pico de memoria {pico} bytes"
    return str(info.value)


def test_bomba_de_alias_de_446_bytes_se_rechaza_antes_de_expandirse():
    texto = (INVALIDOS / "bomba_alias.yaml").read_text()
    assert len(texto.encode()) < 500
    assert "bomba de alias" in _rechazo(texto)


def test_bomba_de_alias_pequena_tambien_se_cuenta_expandida():
    niveles = ["a0: &a0 [1, 2, 3, 4]"] + [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)
    ]
    assert "bomba de alias" in _rechazo("\n".join(niveles) + "\n")


def test_alias_ciclico_se_rechaza():
    assert "ciclo" in _rechazo("nombre: x\nseguimiento: &a [1, *a]\n")
    assert "ciclo" in _rechazo("nombre: x\nmora: &m {cargo_pct: *m}\n")


@pytest.mark.parametrize("apertura,cierre", [("[", "]"), ("{a: ", "}")])
def test_anidamiento_de_30000_niveles_se_rechaza_sin_reventar(apertura: str, cierre: str):
    texto = "nombre: x\nmora: " + apertura * 30000 + cierre * 30000 + "\n"
    assert "anidamiento demasiado profundo" in _rechazo(texto)


def test_anidamiento_profundo_en_bloque_se_rechaza():
    texto = "nombre: x\n" + "".join(" " * i + f"k{i}:\n" for i in range(200)) + " " * 200 + "1\n"
    assert "anidamiento demasiado profundo" in _rechazo(texto)


def test_alias_que_anidan_mas_alla_del_limite_se_rechazan():
    lineas = ["a0: &a0 [[[[[[[[[[1]]]]]]]]]]"] + [
        f"a{i}: &a{i} [[[[[[[[[[*a{i - 1}]]]]]]]]]]" for i in range(1, 6)
    ]
    assert "anidamiento demasiado profundo" in _rechazo("\n".join(lineas) + "\n")


def test_archivo_demasiado_grande_se_rechaza_sin_leerlo_entero(tmp_path: Path):
    grande = b"nombre: x\n" + b"# relleno\n" * (LIMITE_BYTES // 10 + 10)
    assert "el máximo es 262144 bytes" in _rechazo(grande)
    ruta = tmp_path / "grande.yaml"
    ruta.write_bytes(grande)
    with pytest.raises(ErrorCarga, match="262144"):
        cargar_politica(ruta)


@pytest.mark.parametrize("texto", [
    "nombre: !!python/object/apply:os.system ['echo hola']\n",
    "nombre: !!python/name:os.system\n",
    "nombre: !propia x\n",
    "nombre: !!binary aGVsbG8=\n",
])
def test_etiquetas_que_crean_objetos_se_rechazan(texto: str):
    assert "etiqueta no permitida" in _rechazo(texto)


def test_claves_de_fusion_se_rechazan():
    assert "claves de fusión" in _rechazo("a: &a {pct: 2}\nnombre: x\ndescuento:\n  <<: *a\n")


def test_varios_documentos_se_rechazan():
    assert "más de un documento" in _rechazo("nombre: x\n---\nnombre: y\n")


def test_bytes_que_no_son_utf8_se_rechazan():
    assert "UTF-8" in _rechazo("nombre: ñandú\n".encode("latin-1"))


def test_bom_utf8_se_acepta():
    assert cargar_politica("\ufeffnombre: x\n".encode()).nombre == "x"


def test_alias_inofensivos_se_aceptan_y_expanden():
    datos, indice = leer_yaml_seguro("a: &a [1, 2]\nb: *a\n", "x.yaml")
    assert datos == {"a": [1, 2], "b": [1, 2]}
    assert indice.linea(("b",)) == 2


@pytest.mark.parametrize("base", [
    "/etc/passwd", "../politicas/estandar", "estandar.yaml", "Estandar", "a/b", "~root", "",
])
def test_la_base_solo_puede_ser_un_nombre_simple(base: str):
    with pytest.raises(ErrorCarga) as info:
        cargar_politica(f"nombre: x\nbase: '{base}'\n", biblioteca={})
    assert info.value.problemas[0].linea == 2
    assert "nombre simple" in info.value.problemas[0].mensaje


def test_la_base_no_se_busca_fuera_de_la_biblioteca(tmp_path: Path):
    biblioteca = tmp_path / "biblioteca"
    biblioteca.mkdir()
    (tmp_path / "secreta.yaml").write_text("nombre: secreta\nplazo_dias: 7\n")
    with pytest.raises(ErrorCarga, match="no hay una política base 'secreta'"):
        cargar_politica("nombre: x\nbase: secreta\n", biblioteca=biblioteca)


def test_escenario_subido_pasa_por_las_mismas_defensas():
    with pytest.raises(ErrorCarga, match="bomba de alias"):
        cargar_escenario((INVALIDOS / "bomba_alias.yaml").read_bytes())
