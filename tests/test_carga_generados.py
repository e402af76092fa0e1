"""Lo generado y lo que se entrega: docs/formatos.md y esquemas al día; todo archivo válido."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulador.carga import TIPOS_ARCHIVO, validar_archivo
from simulador.documentacion import RAIZ, texto_formatos, textos_esquemas

ENTREGADOS = sorted(
    p for carpeta in ("escenarios", "politicas") for p in (RAIZ / carpeta).rglob("*.y*ml")
    # los ejercicios se validan cuando su tipo de archivo esté registrado
    if "ejercicios" not in p.parts or "ejercicio" in TIPOS_ARCHIVO
)


def test_docs_formatos_esta_al_dia():
    actual = (RAIZ / "docs" / "formatos.md").read_text(encoding="utf-8")
    assert actual == texto_formatos(), "regenere con: python -m simulador.documentacion"


@pytest.mark.parametrize("nombre", sorted(t.archivo_esquema for t in TIPOS_ARCHIVO.values()))
def test_esquema_json_esta_al_dia(nombre: str):
    actual = (RAIZ / "esquemas" / nombre).read_text(encoding="utf-8")
    assert actual == textos_esquemas()[nombre], "regenere con: python -m simulador.documentacion"


def test_docs_documenta_cada_clave_de_cada_modelo():
    texto = texto_formatos()
    for tipo in TIPOS_ARCHIVO.values():
        for nombre, info in tipo.modelo.model_fields.items():
            assert f"| `{info.alias or nombre}` |" in texto


def test_esquemas_son_json_valido_con_descripciones_y_unidades():
    esquema = json.loads(textos_esquemas()["politica.schema.json"])
    assert esquema["properties"]["plazo_dias"]["description"].endswith("[días]")
    assert esquema["properties"]["plazo_dias"]["maximum"] == 365


@pytest.mark.parametrize("ruta", ENTREGADOS, ids=lambda p: str(p.relative_to(RAIZ)))
def test_cada_archivo_entregado_valida(ruta: Path):
    problemas = validar_archivo(ruta)
    assert problemas == [], "\n".join(map(str, problemas))


@pytest.mark.parametrize("ruta", ENTREGADOS, ids=lambda p: str(p.relative_to(RAIZ)))
def test_cada_archivo_entregado_referencia_su_esquema(ruta: Path):
    primeras = ruta.read_text(encoding="utf-8").splitlines()[:3]
    assert any(x.startswith("# yaml-language-server: $schema=") for x in primeras) or any(
        x.startswith("$schema:") for x in ruta.read_text(encoding="utf-8").splitlines()
    )
