"""Subcomando ``markov``: corre un escenario de tasas de traspaso y lo compara con la teoría."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from simulador.cli_comun import entero, error, imprimir_tabla


def markov(
    escenario: Path = typer.Argument(..., help="Escenario en modo markov."),
    semilla: str = typer.Option("1", "--semilla", "-s", help="Semilla (entero ≥ 0)."),
    json_: bool = typer.Option(False, "--json", help="Salida JSON."),
) -> None:
    """Simula la cadena de antigüedad y muestra lo cobrado y castigado frente a la teoría."""
    from simulador.carga import ErrorCarga, cargar_escenario
    from simulador.markov import correr_markov, teoria_markov

    sem = entero(semilla, "--semilla", minimo=0)
    try:
        esc = cargar_escenario(escenario)
    except ErrorCarga as exc:
        error(str(exc))
    if esc.modo != "markov" or esc.markov is None:
        error(f"{escenario}: el escenario no está en modo markov")
    teoria = teoria_markov(esc.markov)
    res = correr_markov(esc, sem)
    filas = []
    for i, tramo in enumerate(esc.markov.estados):
        filas.append((tramo, float(teoria.B[i, 0]), float(res.fraccion_pagada[i]),
                      float(teoria.B[i, 1]), float(res.fraccion_castigada[i]),
                      float(teoria.t[i]), float(res.meses_hasta_absorcion[i])))
    if json_:
        claves = ("tramo", "pagado_teoria", "pagado_simulado", "castigado_teoria",
                  "castigado_simulado", "meses_teoria", "meses_simulado")
        typer.echo(json.dumps({"escenario": esc.nombre, "semilla": sem,
                               "tramos": [dict(zip(claves, f, strict=True)) for f in filas]},
                              ensure_ascii=False, indent=2))
        return
    imprimir_tabla(f"{esc.nombre}: absorción por tramo (teoría N = (I-Q)^-1, B = N R, t = N 1)",
                   ("tramo", "pagado teoría", "pagado sim.", "castigado teoría",
                    "castigado sim.", "meses teoría", "meses sim."), filas, esc)


def registrar(app: typer.Typer) -> None:
    """Agrega el subcomando markov."""
    app.command("markov")(markov)
