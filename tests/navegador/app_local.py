"""La app servida en un puerto libre y el Chromium de Debian, sin pytest.

Lo usan las pruebas de navegador (``conftest.py``) y el benchmark de la comparación en la app
(``bench/app_comparar.py``), para levantar la app y lanzar el navegador de una sola manera.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

RAIZ = Path(__file__).resolve().parents[2]

BANDERAS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def ruta_chromium() -> str | None:
    """La ruta del Chromium de Debian, o None si no está instalado."""
    for candidato in (shutil.which("chromium"), "/usr/bin/chromium"):
        if candidato and Path(candidato).exists():
            return candidato
    return None


def puerto_libre() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def esperar_salud(url: str, proceso: subprocess.Popen[bytes], limite_s: float = 60.0) -> None:
    """Espera a que ``/_stcore/health`` responda ``ok`` (falla si la app termina antes)."""
    fin = time.monotonic() + limite_s
    while time.monotonic() < fin:
        if proceso.poll() is not None:
            raise RuntimeError(f"La app terminó antes de responder (código {proceso.returncode}).")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"La app no respondió en {limite_s:.0f} s en {url}.")


@contextlib.contextmanager
def app_servida(entorno: dict[str, str], registro: IO[bytes] | int = subprocess.DEVNULL,
                limite_s: float = 60.0) -> Iterator[str]:
    """Levanta ``streamlit run app.py`` en un puerto libre y devuelve su URL; la termina al salir.

    ``entorno``: las variables del proceso (p. ej. ``SIMULADOR_DB`` con una base temporal).
    ``registro``: a dónde va la salida de Streamlit.
    """
    puerto = puerto_libre()
    proceso = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true",
            "--server.address", "127.0.0.1",
            "--server.port", str(puerto),
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
            "--server.runOnSave", "false",
            "--client.toolbarMode", "minimal",
        ],
        cwd=RAIZ,
        env=entorno,
        stdout=registro,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{puerto}"
    try:
        esperar_salud(url, proceso, limite_s)
        yield url
    finally:
        proceso.terminate()
        try:
            proceso.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proceso.kill()
            proceso.wait(timeout=5)
