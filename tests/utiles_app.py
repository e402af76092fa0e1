"""Ayudas para las pruebas AppTest de la app multipágina."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def ir(at: AppTest, url: str) -> AppTest:
    """Cambia a la página registrada con esa url (las páginas son funciones, no archivos)."""
    for clave, info in at._registered_pages.items():
        if info.get("url_pathname") == url:
            at._page_hash = clave
            return at
    raise KeyError(url)
