"""Recorrido del consultor en Chromium: sube un YAML con un error, lo corrige, compara y descarga.

Comprueba que el mensaje nombra archivo y línea, que el informe HTML no depende de internet y que
el YAML descargado vuelve a cargar idéntico y da los mismos resultados.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import capturar, esperar_app
from playwright.sync_api import Page, expect

from simulador import cargar_escenario, cargar_politica, comparar
from simulador.formato import Formato

pytestmark = pytest.mark.navegador

RAIZ = Path(__file__).resolve().parents[2]
ORIGINAL = (RAIZ / "escenarios" / "pyme_distribuidora.yaml").read_text(encoding="utf-8")
BUENO = (ORIGINAL.replace("nombre: Distribuidora PyME", "nombre: Cliente del consultor")
         .replace("clientes: 1000", "clientes: 150")
         .replace("horizonte_dias: 365", "horizonte_dias: 120")
         .replace("calentamiento_dias: 120", "calentamiento_dias: 30"))
MALO = BUENO.replace("clientes: 150", "clientes: -3")
LINEA = next(i for i, t in enumerate(MALO.splitlines(), 1) if t.startswith("clientes:"))
REPLICAS = 3


def ir(page: Page, titulo: str) -> None:
    """Navega con el menú lateral (conserva la sesión, a diferencia de page.goto)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=titulo).click()
    esperar_app(page)


def subir(page: Page, nombre: str, texto: str) -> None:
    entrada = page.get_by_test_id("stFileUploader").locator("input[type=file]")
    entrada.set_input_files(files=[{"name": nombre, "mimeType": "application/x-yaml",
                                     "buffer": texto.encode("utf-8")}])
    esperar_app(page)


def test_consultor_corrige_compara_y_descarga(page: Page, url_app: str,
                                              tmp_path: Path) -> None:
    page.goto(f"{url_app}/escenario")
    esperar_app(page)
    page.get_by_role("combobox", name="Escenario").click()
    page.get_by_role("option", name="Subir un archivo YAML…").click()
    esperar_app(page)
    # los textos fijos del cuadro de subida («Upload», «1MB per file…») se ven en español
    textos = page.evaluate("""() => {
        const z = document.querySelector('[data-testid=stFileUploaderDropzone]');
        const boton = z.querySelector('[data-testid=stBaseButton-secondary] p');
        const ayuda = z.querySelector('[data-testid=stFileUploaderDropzoneInstructions] span');
        const ver = (el) => [getComputedStyle(el).fontSize,
                             getComputedStyle(el, '::after').content];
        return [ver(boton), ver(ayuda)];
    }""")
    assert textos == [["0px", '"Subir"'], ["0px", '"Un archivo YAML (.yaml o .yml), hasta 1 MB"']]
    subir(page, "cliente.yaml", MALO)
    expect(page.get_by_text(f"cliente.yaml, línea {LINEA}: clientes: debe ser ≥ 1")).to_be_visible()
    expect(page.get_by_role("heading", name="Distribuidora PyME")).to_be_visible()
    capturar(page, "consultor_01_error_con_linea")
    page.set_viewport_size({"width": 1400, "height": 900})

    subir(page, "cliente.yaml", BUENO)
    expect(page.get_by_role("heading", name="Cliente del consultor")).to_be_visible()
    expect(page.get_by_text("debe ser ≥ 1")).to_have_count(0)

    ir(page, "Comparar políticas")
    page.get_by_role("radiogroup", name="Número de alternativas").get_by_role(
        "radio", name="1", exact=True).click()
    esperar_app(page)
    replicas = page.get_by_role("spinbutton", name="Réplicas por política")
    replicas.fill(str(REPLICAS))
    replicas.press("Enter")
    esperar_app(page)
    page.get_by_role("button", name="Simular y comparar").click()
    expect(page.get_by_role("heading", name="Qué dice la comparación")).to_be_visible(
        timeout=180_000)
    esperar_app(page)
    texto_pagina = page.get_by_test_id("stMain").inner_text()
    capturar(page, "consultor_02_comparacion")
    page.set_viewport_size({"width": 1400, "height": 900})

    ir(page, "Informe y archivos")
    with page.expect_download() as descarga_yaml:
        page.get_by_role("button", name="Descargar cliente.yaml").click()
    ruta_yaml = tmp_path / "cliente.yaml"
    descarga_yaml.value.save_as(ruta_yaml)
    with page.expect_download(timeout=120_000) as descarga_html:
        page.get_by_role("button", name="Descargar el informe (HTML)").click()
    ruta_html = tmp_path / "informe.html"
    descarga_html.value.save_as(ruta_html)
    capturar(page, "consultor_03_informe_y_archivos")

    # el informe es autocontenido: plotly incluido, sin scripts externos
    html = ruta_html.read_text(encoding="utf-8")
    assert "Procedencia" in html and "Lectura" in html and "Cliente del consultor" in html
    assert not re.search(r"<script[^>]+src=", html)
    assert html.count("Plotly.newPlot") >= 3

    # el YAML descargado vuelve a cargar idéntico y da los mismos resultados
    descargado = cargar_escenario(ruta_yaml)
    assert descargado == cargar_escenario(BUENO, archivo="cliente.yaml")
    politicas = sorted((RAIZ / "politicas").glob("*.yaml"))
    base = cargar_politica(RAIZ / "politicas" / "actual_laxa.yaml")
    alternativa = cargar_politica(next(p for p in politicas if p.name != "actual_laxa.yaml"))
    comp = comparar(descargado, [base, alternativa], replicas=REPLICAS, semilla=1,
                    trabajadores=1)  # sin fork: este proceso tiene hilos de Playwright
    fmt = Formato.de(descargado)
    for kpi in ("resultado_economico", "cobrado"):
        for res in comp.resultados:
            assert fmt.dinero_corto(res.resumen[kpi].media) in texto_pagina



def test_consultor_escribe_montos_como_en_el_resto_de_la_app(page: Page, url_app: str,
                                                             tmp_path: Path) -> None:
    """En los segmentos, «735.000» son setecientos treinta y cinco mil (antes, la tabla editable
    de Streamlit lo leía como 735, sin aviso); lo mal escrito da un error con el segmento y el
    campo, y el escenario no cambia."""
    page.goto(f"{url_app}/escenario")
    esperar_app(page)
    page.get_by_text("Editar parámetros").click()
    esperar_app(page)
    aplicar = page.get_by_role("button", name="Aplicar cambios al escenario")
    monto = page.get_by_role("textbox", name="Monto medio de factura · puntuales")
    expect(monto).to_have_value("850.000")

    monto.fill("73,5,0")
    aplicar.click()
    esperar_app(page)
    expect(page.get_by_text("Monto medio de factura · puntuales: «73,5,0» no es un número "
                            "válido").first).to_be_visible()
    expect(page.get_by_text("El escenario no se cambió")).to_be_visible()

    monto.fill("735.000")
    aplicar.click()
    esperar_app(page)
    expect(page.get_by_text("no es un número válido")).to_have_count(0)
    capturar(page, "consultor_04_segmentos_editados")
    page.set_viewport_size({"width": 1400, "height": 900})
    with page.expect_download() as descarga:
        page.get_by_role("button", name="Descargar el escenario (YAML)").click()
    ruta = tmp_path / "editado.yaml"
    descarga.value.save_as(ruta)
    esc = cargar_escenario(ruta)
    original = cargar_escenario(RAIZ / "escenarios" / "pyme_distribuidora.yaml")
    assert esc.segmentos[0].monto_factura.media == 735_000
    assert [s.monto_factura.media for s in esc.segmentos[1:]] == \
        [s.monto_factura.media for s in original.segmentos[1:]]
