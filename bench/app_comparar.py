"""La comparación incluida en la app, medida como la ve el gerente en Chromium (no es una prueba).

Levanta la app (``streamlit run app.py``) en un puerto libre, abre «Comparar políticas» en el
Chromium de Debian, elige la base «Actual (laxa)» y la alternativa «Estándar», 30 réplicas, y
mide desde el clic en «Simular y comparar» hasta la página completa (el guion terminó y dice
«Resultados listos en X s»). Cada repetición usa otra semilla (la app guarda las corridas por sus entradas: con la
misma semilla no volvería a simular). Informa también lo que dice la propia app («Resultados
listos en X s»: solo el cálculo) y la menor de las repeticiones, como las demás medidas.

Después de cada comparación cambia solo la alternativa (a «Estricta») y vuelve a medir: la app
guarda las réplicas de cada política, así que solo simula la alternativa nueva (lo que hace un
gerente que prueba una alternativa tras otra contra la misma base).

Uso: ``python bench/app_comparar.py [--repeticiones N]`` (lo llama ``bench/correr_todo.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

# la app y el navegador se levantan igual que en las pruebas de navegador
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "navegador"))
from app_local import BANDERAS_CHROMIUM, app_servida, ruta_chromium

_TEXTO_LISTOS = """() => {
    const p = [...document.querySelectorAll('[data-testid=stCaptionContainer]')]
        .find(e => e.textContent.startsWith('Resultados listos en'));
    return p ? p.textContent : '';
}"""
_LISTOS = ("""() => {
    const app = document.querySelector('[data-testid=stApp]');
    return app !== null && app.dataset.testScriptState === 'notRunning' && ("""
           + _TEXTO_LISTOS + ")() !== '';\n}")
"""La página terminó de dibujarse (el guion no corre) y muestra «Resultados listos en X s»."""


def _esperar_guion(page: object, limite_ms: int = 120_000) -> None:
    """Espera a que Streamlit termine de ejecutar el guion (como las pruebas de navegador)."""
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    page.wait_for_selector(  # type: ignore[attr-defined]
        "[data-testid=stApp][data-test-script-state=notRunning]", timeout=limite_ms)


def _cpu_de(nombre: str) -> float:
    """Segundos de CPU (usuario y sistema) de los procesos con ese nombre de programa."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            campos = stat.read_text().rsplit(")", 1)
            if nombre not in campos[0]:
                continue
            valores = campos[1].split()
            total += (int(valores[11]) + int(valores[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            continue
    return total


def medir(repeticiones: int) -> dict[str, float]:
    """Segundos desde el clic hasta la lectura en pantalla (la menor) y lo que dice la app."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright

    chromium = ruta_chromium()
    if chromium is None:
        raise RuntimeError("no se encontró Chromium: instálelo con «apt-get install -y chromium»")
    datos = tempfile.mkdtemp(prefix="bench_app_")
    entorno = {**os.environ, "SIMULADOR_DB": str(Path(datos) / "sesiones.sqlite")}
    pantalla, calculo, cpu_navegador, solo_pantalla, solo_calculo = [], [], [], [], []
    try:
        with app_servida(entorno, limite_s=90.0) as url, sync_playwright() as p:
            navegador = p.chromium.launch(executable_path=chromium, headless=True,
                                          args=BANDERAS_CHROMIUM)
            page = navegador.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{url}/comparar")
            _esperar_guion(page)
            page.get_by_role("radiogroup", name="Número de alternativas").get_by_role(
                "radio", name="1", exact=True).click()
            _esperar_guion(page)
            alternativa = page.get_by_role("combobox", name="Alternativa 1")

            def elegir(nombre: str) -> None:
                opcion = page.get_by_role("option", name=re.compile(f"^{nombre}")).first
                for _ in range(3):  # a veces el clic llega mientras la página se redibuja
                    alternativa.click()
                    try:
                        opcion.wait_for(timeout=5_000)
                    except PlaywrightError:
                        page.keyboard.press("Escape")
                        _esperar_guion(page)
                        continue
                    opcion.click()
                    break
                _esperar_guion(page)
                expect(alternativa).to_have_value(re.compile(f"^{nombre}"))

            def medir_clic() -> tuple[float, float, float]:
                """Pantalla, cálculo según la app y CPU del navegador de un clic en «Simular»."""
                # señales baratas: buscar texto con los localizadores de Playwright recorre toda
                # la página varias veces por segundo y le quita CPU a la simulación
                assert not page.evaluate(_LISTOS)  # con otras entradas, los de antes no valen
                inicio, cpu0 = time.perf_counter(), _cpu_de("chrom")
                page.get_by_role("button", name="Simular y comparar").click()
                page.wait_for_function(_LISTOS, polling=100, timeout=300_000)
                visto = time.perf_counter() - inicio
                gasto = _cpu_de("chrom") - cpu0
                texto = page.evaluate(_TEXTO_LISTOS)
                segundos = float(re.search(r"en ([\d.,]+) s", texto).group(1)  # type: ignore[union-attr]
                                 .replace(",", "."))
                _esperar_guion(page)
                return visto, segundos, gasto

            elegir("Estándar")
            replicas = page.get_by_role("spinbutton", name="Réplicas por política")
            replicas.fill("30")
            replicas.press("Enter")
            _esperar_guion(page)
            # la primera vez arranca los trabajadores (la app los mantiene vivos): no se mide
            for semilla in range(repeticiones + 1):
                if semilla > 0:
                    elegir("Estándar")
                campo = page.get_by_role("spinbutton", name="Semilla")
                campo.fill(str(100 + semilla))
                campo.press("Enter")
                _esperar_guion(page)
                visto, segundos, gasto = medir_clic()
                if semilla == 0:
                    continue
                pantalla.append(visto)
                calculo.append(segundos)
                cpu_navegador.append(gasto)
                elegir("Estricta")
                solo_visto, solo_segundos, _ = medir_clic()
                solo_pantalla.append(solo_visto)
                solo_calculo.append(solo_segundos)
                print(f"semilla {100 + semilla}: {visto:.2f} s hasta la página completa, "
                      f"{segundos} s de cálculo según la app; CPU del navegador {gasto:.2f} s; "
                      f"cambiando solo la alternativa: {solo_visto:.2f} s ({solo_segundos} s de "
                      "cálculo)", file=sys.stderr)
            navegador.close()
    finally:
        shutil.rmtree(datos, ignore_errors=True)
    return {"segundos_en_pantalla": min(pantalla), "segundos_calculo_app": min(calculo),
            "mayor_en_pantalla": max(pantalla),
            "cpu_navegador": min(cpu_navegador),
            "solo_alternativa_en_pantalla": min(solo_pantalla),
            "solo_alternativa_calculo": min(solo_calculo)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeticiones", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(medir(args.repeticiones)))


if __name__ == "__main__":
    main()
