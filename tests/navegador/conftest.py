"""Fixtures de sesión para las pruebas en navegador real (Playwright + Chromium de Debian).

Las reutilizan también las pruebas de capacitación:

- ``url_app``: levanta ``python -m streamlit run app.py`` en un puerto libre, con una base de
  datos temporal (``SIMULADOR_DB``) y la clave del capacitador de prueba; espera a
  ``/_stcore/health`` y termina el proceso al final de la sesión.
- ``browser_type_launch_args``: lanza el Chromium de Debian (falla con un mensaje claro si no está).
- ``esperar_app(page)``: espera a que la app termine de ejecutar el guion.
- ``capturar(page, nombre)``: captura de pantalla de altura completa en
  ``artefactos/capturas/NOMBRE.png``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_local import BANDERAS_CHROMIUM, RAIZ, app_servida, ruta_chromium

CAPTURAS = RAIZ / "artefactos" / "capturas"
CLAVE_CAPACITADOR = "clave-de-prueba"


def _ruta_chromium() -> str:
    """Devuelve la ruta del Chromium de Debian o hace fallar la prueba con un mensaje claro."""
    ruta = ruta_chromium()
    if ruta is None:
        pytest.fail(
            "No se encontró Chromium. Instálelo con «apt-get install -y chromium» (como root): "
            "las pruebas de navegador no se omiten, deben correr en make test y en CI.",
            pytrace=False,
        )
    return ruta


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Lanza el Chromium del sistema (la descarga de Playwright está bloqueada aquí)."""
    return {
        **browser_type_launch_args,
        "executable_path": _ruta_chromium(),
        "headless": True,
        "args": BANDERAS_CHROMIUM,
    }


@pytest.fixture(scope="session")
def url_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL de la app servida por Streamlit en un puerto libre, con datos temporales."""
    tmp = tmp_path_factory.mktemp("app")
    entorno = {
        **os.environ,
        "SIMULADOR_DB": str(tmp / "sesiones.sqlite"),
        "SIMULADOR_CLAVE_CAPACITADOR": CLAVE_CAPACITADOR,
        "PYTHONUNBUFFERED": "1",
    }
    with open(tmp / "streamlit.log", "wb") as registro, app_servida(entorno, registro) as url:
        yield url


def esperar_app(page: Any, limite_ms: int = 60_000) -> None:
    """Espera a que Streamlit termine de ejecutar el guion y desaparezca el indicador."""
    page.wait_for_selector("[data-testid=stApp]", timeout=limite_ms)
    page.wait_for_timeout(300)
    page.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]", timeout=limite_ms
    )
    page.wait_for_selector("[data-testid=stStatusWidget]", state="detached", timeout=limite_ms)


def capturar(page: Any, nombre: str) -> Path:
    """Guarda una captura de altura completa en artefactos/capturas/NOMBRE.png."""
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    # el alto del contenido es el del bloque principal (no el scrollHeight de sus hijos: una
    # tabla con barra propia lo agranda y la captura quedaba con metros de blanco debajo)
    alto = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid=stMain]');
            const bloque = document.querySelector('[data-testid=stMainBlockContainer]');
            if (main && bloque) {
                const r = bloque.getBoundingClientRect();
                return r.top + main.scrollTop + r.height;
            }
            const el = main || document.body;
            let h = 0;
            for (const n of [el, ...el.querySelectorAll('*')]) {
                h = Math.max(h, n.scrollHeight || 0);
            }
            return Math.max(h, document.body.scrollHeight);
        }"""
    )
    ancho = (page.viewport_size or {"width": 1400})["width"]
    page.set_viewport_size({"width": ancho, "height": min(max(int(alto) + 40, 800), 16000)})
    # con todo a la vista, los componentes que se cargan a demanda reemplazan sus esqueletos
    with contextlib.suppress(Exception):  # una captura con un esqueleto es mejor que ninguna
        page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')",
                               timeout=20_000)
    page.wait_for_timeout(600)
    ruta = CAPTURAS / f"{nombre}.png"
    page.screenshot(path=str(ruta), full_page=True)
    return ruta


@pytest.fixture(scope="session", autouse=True)
def _paciencia_de_expect() -> None:
    """Con la máquina cargada, la app puede tardar más que los 5 s por defecto de expect."""
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)


@pytest.fixture
def esperar() -> Any:
    """Acceso a :func:`esperar_app` como fixture."""
    return esperar_app


@pytest.fixture
def captura() -> Any:
    """Acceso a :func:`capturar` como fixture."""
    return capturar


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Ventana amplia y descargas aceptadas."""
    return {
        **browser_context_args,
        "viewport": {"width": 1400, "height": 900},
        "accept_downloads": True,
        "locale": "es-ES",
    }
