"""Recorrido del gerente en Chromium: compara dos políticas incluidas y lee la diferencia."""

from __future__ import annotations

import re

import pytest
from conftest import capturar, esperar_app
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.navegador


def test_gerente_compara_dos_politicas_incluidas(page: Page, url_app: str) -> None:
    page.goto(f"{url_app}/comparar")
    esperar_app(page)
    expect(page.get_by_role("heading", name="Comparar políticas")).to_be_visible()
    # una sola alternativa: la primera política incluida después de la base
    page.get_by_role("radiogroup", name="Número de alternativas").get_by_role(
        "radio", name="1", exact=True).click()
    esperar_app(page)
    base = page.get_by_role("combobox", name="Base (política actual)")
    expect(base).to_have_value(re.compile(r"Actual \(laxa\)"))
    alternativa = page.get_by_role("combobox", name="Alternativa 1")
    expect(alternativa).to_have_value(re.compile(r"\.yaml\)$"))
    expect(page.get_by_text("Qué cambia frente a la base")).to_be_visible()
    replicas = page.get_by_role("spinbutton", name="Réplicas por política")
    replicas.fill("4")
    replicas.press("Enter")
    esperar_app(page)
    page.get_by_role("button", name="Simular y comparar").click()
    expect(page.get_by_role("heading", name="Qué dice la comparación")).to_be_visible(
        timeout=180_000)
    esperar_app(page)
    # la lectura y las tarjetas con la diferencia y su intervalo
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_be_visible()
    page.get_by_role("heading", name="Indicadores clave").scroll_into_view_if_needed()
    expect(page.get_by_text("Resultado económico · Actual (laxa)")).to_be_visible(timeout=60_000)
    diferencia = page.get_by_text(re.compile(r"^IC 95 %: \[")).last
    expect(diferencia).to_be_visible()
    expect(page.get_by_text(re.compile(r"Resultados listos en [\d.,]+ s"))).to_be_visible()
    capturar(page, "gerente_comparacion")
    # «conoce a tus clientes»: la réplica 0 de la comparación, con sus eventos
    page.get_by_role("link", name="Clientes").click()  # en la misma sesión
    esperar_app(page, limite_ms=120_000)
    expect(page.get_by_role("combobox", name="Política")).to_be_visible()
    expect(page.get_by_text("La réplica 0 de la comparación, con todos sus eventos.")
           ).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Historia del cliente"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Eventos en el horizonte")).to_be_visible()
    capturar(page, "gerente_clientes")
