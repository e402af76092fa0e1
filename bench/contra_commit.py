"""Compara la velocidad del código actual con la de otro commit, midiendo intercalado.

En una máquina virtual compartida el mismo código puede tardar un 50 % más según el momento, así
que una cifra suelta no dice si un cambio aceleró. Este banco arma el commit de referencia en una
carpeta temporal (``git worktree``) y alterna mediciones de los dos en procesos nuevos: cada ronda
mide primero uno y después el otro, en el mismo momento de la máquina. La medida es el tiempo de
CPU de un lote de réplicas apiladas de la PyME con su cierre e indicadores (``correr_lote``, lo
que hace una comparación), la menor de 3 repeticiones por proceso.

Uso: ``python bench/contra_commit.py REF [--rondas N] [--replicas R] [--politica ARCHIVO]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]

MEDIR = """
import gc, sys, time
from pathlib import Path
sys.path.insert(0, {raiz!r})
from simulador import cargar_escenario, cargar_politica
from simulador.experimentos.replicas import Lote, correr_lote
esc = cargar_escenario(Path({escenario!r}))
pol = cargar_politica(Path({politica!r}))
lote = Lote(esc, pol, 1, tuple(range({replicas})))
correr_lote(lote)  # compila o carga lo compilado; no se mide
gc.disable()
mejor = float("inf")
for _ in range(3):
    t = time.process_time()
    correr_lote(lote)
    mejor = min(mejor, time.process_time() - t)
print(mejor / {replicas} * 1000)
"""


def medir(raiz: Path, politica: Path, replicas: int) -> float:
    """Milisegundos de CPU por réplica del código en ``raiz`` (en un proceso nuevo)."""
    codigo = MEDIR.format(raiz=str(raiz), escenario=str(RAIZ / "escenarios" /
                                                         "pyme_distribuidora.yaml"),
                          politica=str(politica), replicas=replicas)
    salida = subprocess.run([sys.executable, "-c", codigo], cwd=raiz, check=True,
                            capture_output=True, text=True).stdout
    return float(salida.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", help="commit (o rama) de referencia")
    parser.add_argument("--rondas", type=int, default=4)
    parser.add_argument("--replicas", type=int, default=30)
    parser.add_argument("--politica", type=Path, default=RAIZ / "politicas" / "estandar.yaml")
    args = parser.parse_args()
    if args.rondas < 1 or args.replicas < 1:
        parser.error("--rondas y --replicas deben ser al menos 1")
    with tempfile.TemporaryDirectory() as tmp:
        ref = Path(tmp) / "ref"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(ref), args.ref],
                       cwd=RAIZ, check=True)
        try:
            pares = []
            for ronda in range(1, args.rondas + 1):
                a = medir(ref, args.politica.resolve(), args.replicas)
                b = medir(RAIZ, args.politica.resolve(), args.replicas)
                pares.append((a, b))
                print(f"ronda {ronda}: {args.ref} {a:.1f} ms, actual {b:.1f} ms por réplica "
                      f"({100 * (b / a - 1):+.0f} %)", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(ref)], cwd=RAIZ,
                           check=True)
    cambios = sorted(b / a - 1 for a, b in pares)
    print(f"cambio del código actual contra {args.ref}: mediana {100 * cambios[len(cambios) // 2]:+.0f} % "
          f"(de {100 * cambios[0]:+.0f} % a {100 * cambios[-1]:+.0f} % entre rondas)")


if __name__ == "__main__":
    main()
