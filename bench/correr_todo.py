"""Benchmarks de velocidad y memoria (imprimen cifras; no son pruebas).

Uso: ``python bench/correr_todo.py [--escribir]`` (``make bench``). Con ``--escribir`` deja las
cifras en docs/rendimiento.md junto con el comando y la máquina.

Metas (issue de experimentos):
- interactivo: escenario PyME (1.000 clientes, 365 días), 30 réplicas, 2 políticas, ≤ 3 s;
- rendimiento: ≥ 150.000 facturas simuladas por segundo de CPU con el modelo completo;
- escala: 100.000 clientes por 3 años, 1 réplica, ≤ 60 s y memoria máxima < 2 GiB;
- eficiencia paralela: ≥ 1,7x con 2 trabajadores en 16 réplicas.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from simulador import cargar_escenario, cargar_politica, simular  # noqa: E402
from simulador.experimentos import comparar, correr_replicas  # noqa: E402
from simulador.experimentos.ejecutor import mapear  # noqa: E402


def _calentar_grupo() -> None:
    """Arranca los 2 trabajadores (la app los mantiene vivos): no se mide su arranque."""
    mapear(abs, [-1, -2, -3, -4], trabajadores=2)

ESC = RAIZ / "escenarios" / "pyme_distribuidora.yaml"
BASE = RAIZ / "politicas" / "actual_laxa.yaml"
ALT = RAIZ / "politicas" / "estandar.yaml"


def interactivo() -> dict[str, float]:
    esc, a, b = cargar_escenario(ESC), cargar_politica(BASE), cargar_politica(ALT)
    _calentar_grupo()
    t = time.perf_counter()
    comparar(esc, [a, b], replicas=30, semilla=1, trabajadores=2)
    return {"segundos": time.perf_counter() - t}


def rendimiento(corridas: int = 3) -> dict[str, float]:
    esc, pol = cargar_escenario(ESC), cargar_politica(ALT)
    facturas = 0
    gc.disable()
    t = time.process_time()
    for r in range(corridas):
        res = simular(esc, pol, semilla=1, replica=r, eventos=False)
        facturas += len(res.facturas)
    cpu = time.process_time() - t
    gc.enable()
    return {"facturas": facturas, "segundos_cpu": cpu, "facturas_por_segundo_cpu": facturas / cpu}


def escala_hijo() -> None:
    base = cargar_escenario(ESC)
    # 100 veces los clientes de la PyME, con 100 veces su equipo de cobranza
    equipo = base.equipo.model_copy(update={"cobradores": base.equipo.cobradores * 100})
    esc = base.model_copy(update={"clientes": 100_000, "horizonte_dias": 1095, "equipo": equipo})
    pol = cargar_politica(ALT)
    gc.disable()
    t = time.perf_counter()
    res = simular(esc, pol, semilla=1, eventos=False)
    seg = time.perf_counter() - t
    pico = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(json.dumps({"segundos": seg, "memoria_pico_gib": pico, "facturas": len(res.facturas)}))


def escala() -> dict[str, float]:
    salida = subprocess.run([sys.executable, __file__, "--escala-hijo"], check=True,
                            capture_output=True, text=True)
    return json.loads(salida.stdout.strip().splitlines()[-1])


def eficiencia() -> dict[str, float]:
    esc, pol = cargar_escenario(ESC), cargar_politica(ALT)
    t = time.perf_counter()
    correr_replicas(esc, pol, replicas=16, semilla=1, trabajadores=1)
    uno = time.perf_counter() - t
    _calentar_grupo()
    t = time.perf_counter()
    correr_replicas(esc, pol, replicas=16, semilla=1, trabajadores=2)
    dos = time.perf_counter() - t
    return {"segundos_1": uno, "segundos_2": dos, "aceleracion": uno / dos}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--escribir", action="store_true")
    parser.add_argument("--escala-hijo", action="store_true")
    args = parser.parse_args()
    if args.escala_hijo:
        escala_hijo()
        return
    cifras = {}
    for nombre, funcion in (("interactivo", interactivo), ("rendimiento", rendimiento),
                            ("eficiencia", eficiencia), ("escala", escala)):
        cifras[nombre] = funcion()
        print(nombre, json.dumps({k: round(v, 3) for k, v in cifras[nombre].items()}),
              flush=True)
    if args.escribir:
        escribir(cifras)


def _miles(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def escribir(cifras: dict[str, dict[str, float]]) -> None:
    i, r, e, s = (cifras[k] for k in ("interactivo", "rendimiento", "eficiencia", "escala"))

    def marca(ok: bool) -> str:
        return "cumple" if ok else "**no cumple**"

    texto = f"""# Rendimiento

Cifras medidas con `make bench` (`python bench/correr_todo.py --escribir`) en esta máquina:
{platform.processor() or platform.machine()}, {os.cpu_count()} núcleos, Python
{platform.python_version()}. Son mediciones de pared o de CPU de una sola corrida del
benchmark; varían unos puntos entre corridas. Ninguna prueba afirma sobre tiempos.

| medida | meta | medido | |
|---|---|---|---|
| Comparación interactiva (PyME, 1.000 clientes, 365 días, 30 réplicas, 2 políticas, 2 trabajadores) | ≤ 3 s | {i['segundos']:.2f} s | {marca(i['segundos'] <= 3)} |
| Facturas simuladas por segundo de CPU (modelo completo, política estándar) | ≥ 150.000 | {_miles(r['facturas_por_segundo_cpu'])} | {marca(r['facturas_por_segundo_cpu'] >= 150_000)} |
| Escala: 100.000 clientes, 3 años, 1 réplica | ≤ 60 s | {s['segundos']:.1f} s ({_miles(s['facturas'])} facturas) | {marca(s['segundos'] <= 60)} |
| Memoria máxima en la corrida de escala | < 2 GiB | {s['memoria_pico_gib']:.2f} GiB | {marca(s['memoria_pico_gib'] < 2)} |
| Eficiencia paralela: 16 réplicas, 1 vs 2 trabajadores | ≥ 1,7x | {e['aceleracion']:.2f}x ({e['segundos_1']:.1f} s → {e['segundos_2']:.1f} s) | {marca(e['aceleracion'] >= 1.7)} |

## Diseño y dónde se va el tiempo

El motor es híbrido: un proceso SimPy reloj avanza cada día el comportamiento de todas las
facturas abiertas con operaciones vectorizadas de numpy; las llamadas (en la cola de
prioridad de los cobradores, un `simpy.PriorityResource`), las promesas, las cuotas de planes,
la agencia, la vía legal y los cambios de política son procesos SimPy. El recolector de basura
se pausa durante cada réplica. El costo por día es casi fijo (unas 150 operaciones de numpy),
así que el tiempo crece con los días simulados (horizonte + calentamiento) más que con el número
de facturas; las llamadas cuestan unos 40 a 60 µs cada una.
"""
    (RAIZ / "docs" / "rendimiento.md").write_text(texto, encoding="utf-8")


if __name__ == "__main__":
    main()
