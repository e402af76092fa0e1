"""Subcomandos que corren simulaciones: ``correr``, ``comparar`` y ``barrido``.

Con ``--json`` la salida estándar es un objeto JSON documentado en el README (el avance va a la
salida de errores); con la misma semilla y los mismos archivos el JSON es idéntico byte a byte.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import typer

from simulador.cli_comun import (
    avance,
    cargar_entradas,
    entero,
    error,
    imprimir_tabla,
    valores_parametro,
)
from simulador.experimentos import (
    Comparacion,
    ResultadoReplicas,
)
from simulador.experimentos import (
    barrido as correr_barrido,
)
from simulador.experimentos import (
    comparar as correr_comparacion,
)
from simulador.metricas import NOMBRES_KPI

CLAVES_LIBRO = {
    "facturado": "facturado",
    "cobrado": "cobrado_total",
    "descuentos": "descuentos",
    "castigado": "castigado_total",
    "pendiente": "pendiente",
}
"""Totales del libro en el JSON (clave JSON -> indicador)."""

KPIS_TABLA = (
    "dso", "dso_recuento", "dso_mejor_posible", "dias_atraso_promedio", "cei",
    "pct_cartera_corriente", "pct_pagado_a_tiempo", "pct_pagado_con_descuento", "cobrado",
    "incobrables_pct", "costo_descuentos", "cargos_cobrados", "costo_cobranza",
    "costo_financiero", "ventas_perdidas", "resultado_economico",
)


def _num(x: float) -> float | None:
    """Número para JSON: redondeado a 6 decimales; NaN e infinito como null."""
    if x is None or not math.isfinite(x):
        return None
    return round(float(x), 6)


def _resumen_json(res: ResultadoReplicas) -> dict[str, Any]:
    def r(k: str) -> dict[str, Any]:
        s = res.resumen[k]
        return {"media": _num(s.media), "ic95_inf": _num(s.ic_inf), "ic95_sup": _num(s.ic_sup),
                "p5": _num(s.p5), "p95": _num(s.p95)}

    return {
        "politica": res.politica.nombre,
        "libro": {clave: r(kpi) for clave, kpi in CLAVES_LIBRO.items()},
        "kpis": {k: r(k) for k in res.resumen},
    }


def comparacion_json(comp: Comparacion) -> dict[str, Any]:
    """El objeto JSON de una comparación (también el de ``correr`` con una sola política)."""
    return {
        "procedencia": comp.procedencia,
        "escenario": comp.escenario.nombre,
        "moneda": comp.escenario.moneda,
        "resultados": [_resumen_json(r) for r in comp.resultados],
        "diferencias": [
            {
                "base": par.base,
                "alternativa": par.alternativa,
                "kpis": {
                    k: {"diferencia": _num(d.diferencia), "ic95_inf": _num(d.ic_inf),
                        "ic95_sup": _num(d.ic_sup), "distinguible": d.distinguible}
                    for k, d in par.diferencias.items()
                },
            }
            for par in comp.pares
        ],
    }


def _escribir_csv(comp: Comparacion, carpeta: Path) -> list[Path]:
    carpeta.mkdir(parents=True, exist_ok=True)
    escritos = []
    for i, res in enumerate(comp.resultados):
        sufijo = "" if len(comp.resultados) == 1 else f"_{i}"
        tablas = {f"kpis_por_replica{sufijo}.csv": res.kpis,
                  f"por_segmento{sufijo}.csv": res.por_segmento}
        if res.ejemplo is not None:
            tablas[f"libro{sufijo}.csv"] = res.ejemplo.libro.como_tabla()
            tablas[f"eventos{sufijo}.csv"] = res.ejemplo.eventos
            tablas[f"series_diarias{sufijo}.csv"] = res.ejemplo.series.como_tabla()
            tablas[f"facturas{sufijo}.csv"] = res.ejemplo.facturas
        for nombre, tabla in tablas.items():
            ruta = carpeta / nombre
            tabla.to_csv(ruta, index=False)
            escritos.append(ruta)
    return escritos


def _correr_comparacion(escenario_ruta: Path, politicas: list[Path], replicas: str,
                        semilla: str, trabajadores: str | None, csv: Path | None) -> Comparacion:
    n_rep = entero(replicas, "--replicas", minimo=1, maximo=10_000)
    sem = entero(semilla, "--semilla", minimo=0)
    trab = entero(trabajadores, "--trabajadores", minimo=1, maximo=256) if trabajadores else None
    escenario, pols = cargar_entradas(escenario_ruta, politicas)
    if escenario.modo == "markov":
        error("este escenario está en modo markov: use 'simulador markov ESCENARIO'")
    with avance(len(pols) * n_rep, "Simulando réplicas") as progreso:
        comp = correr_comparacion(escenario, pols, replicas=n_rep, semilla=sem,
                                  trabajadores=trab, progreso=progreso, detalle=csv is not None)
    if csv is not None:
        for ruta in _escribir_csv(comp, csv):
            typer.echo(f"escrito {ruta}", err=True)
    return comp


def correr(
    escenario: Path = typer.Argument(..., help="Archivo YAML del escenario."),
    politica: Path = typer.Option(..., "--politica", "-p", help="Archivo YAML de la política."),
    replicas: str = typer.Option("30", "--replicas", "-r", help="Número de réplicas."),
    semilla: str = typer.Option("1", "--semilla", "-s", help="Semilla (entero ≥ 0)."),
    json_: bool = typer.Option(False, "--json", help="Salida JSON en vez de tabla."),
    csv: Path | None = typer.Option(None, "--csv", help="Carpeta donde escribir el libro, "
                                    "los eventos y las series (de la réplica 0) en CSV."),
    trabajadores: str | None = typer.Option(None, "--trabajadores", "-t",
                                            help="Procesos en paralelo (por defecto, todos los "
                                            "núcleos)."),
) -> None:
    """Corre un escenario bajo una política y muestra sus indicadores con intervalos del 95 %."""
    comp = _correr_comparacion(escenario, [politica], replicas, semilla, trabajadores, csv)
    if json_:
        datos = comparacion_json(comp)
        salida = {"procedencia": datos["procedencia"], "escenario": datos["escenario"],
                  "moneda": datos["moneda"], **datos["resultados"][0]}
        typer.echo(json.dumps(salida, ensure_ascii=False, indent=2))
        return
    res = comp.base
    filas = []
    for k in KPIS_TABLA:
        s = res.resumen[k]
        etiqueta, unidad = NOMBRES_KPI.get(k, (k, ""))
        filas.append((etiqueta, unidad, s.media, s.ic_inf, s.ic_sup))
    imprimir_tabla(f"{comp.escenario.nombre} — {res.politica.nombre} "
                   f"({res.replicas} réplicas, semilla {comp.semilla})",
                   ("indicador", "unidad", "media", "IC 95 % inf", "IC 95 % sup"), filas,
                   comp.escenario)


def comparar(
    escenario: Path = typer.Argument(..., help="Archivo YAML del escenario."),
    politica: list[Path] = typer.Option(..., "--politica", "-p",
                                        help="Política (repetir; la primera es la base)."),
    replicas: str = typer.Option("30", "--replicas", "-r", help="Número de réplicas."),
    semilla: str = typer.Option("1", "--semilla", "-s", help="Semilla (entero ≥ 0)."),
    json_: bool = typer.Option(False, "--json", help="Salida JSON en vez de tabla."),
    csv: Path | None = typer.Option(None, "--csv", help="Carpeta para los CSV."),
    trabajadores: str | None = typer.Option(None, "--trabajadores", "-t",
                                            help="Procesos en paralelo."),
) -> None:
    """Compara políticas sobre los mismos clientes (números aleatorios comunes)."""
    if len(politica) < 2:
        error("comparar necesita al menos dos --politica (la primera es la base)")
    comp = _correr_comparacion(escenario, politica, replicas, semilla, trabajadores, csv)
    if json_:
        typer.echo(json.dumps(comparacion_json(comp), ensure_ascii=False, indent=2))
        return
    for par in comp.pares:
        filas = []
        for k in KPIS_TABLA:
            d = par.diferencias[k]
            etiqueta, unidad = NOMBRES_KPI.get(k, (k, ""))
            marca = "sí" if d.distinguible else "no"
            filas.append((etiqueta, unidad, d.base, d.alternativa, d.diferencia, d.ic_inf,
                          d.ic_sup, marca))
        imprimir_tabla(
            f"{par.alternativa} frente a {par.base} ({comp.base.replicas} réplicas, semilla "
            f"{comp.semilla})",
            ("indicador", "unidad", "base", "alternativa", "diferencia", "IC 95 % inf",
             "IC 95 % sup", "distinguible"), filas, comp.escenario)


def barrido(
    escenario: Path = typer.Argument(..., help="Archivo YAML del escenario."),
    politica: Path = typer.Option(..., "--politica", "-p", help="Política base."),
    parametro: list[str] = typer.Option(
        ..., "--parametro", help="RUTA=valores, p. ej. descuento.pct=0,1,2,3,4 o "
        "plazo_dias=30:60:15 o escenario.equipo.cobradores=1,2,3 (uno o dos)."),
    replicas: str = typer.Option("10", "--replicas", "-r", help="Réplicas por punto."),
    semilla: str = typer.Option("1", "--semilla", "-s", help="Semilla (entero ≥ 0)."),
    json_: bool = typer.Option(False, "--json", help="Salida JSON (filas por punto)."),
    csv: Path | None = typer.Option(None, "--csv", help="Archivo CSV con una fila por punto "
                                    "y réplica."),
    trabajadores: str | None = typer.Option(None, "--trabajadores", "-t",
                                            help="Procesos en paralelo."),
) -> None:
    """Recorre una grilla de valores de una o dos palancas y resume cada punto."""
    from simulador.experimentos import RutaInvalida

    if not 1 <= len(parametro) <= 2:
        error("barrido acepta uno o dos --parametro")
    grilla = dict(valores_parametro(p) for p in parametro)
    n_rep = entero(replicas, "--replicas", minimo=1, maximo=10_000)
    sem = entero(semilla, "--semilla", minimo=0)
    trab = entero(trabajadores, "--trabajadores", minimo=1, maximo=256) if trabajadores else None
    esc, (pol,) = cargar_entradas(escenario, [politica])
    total = n_rep
    for v in grilla.values():
        total *= len(v)
    try:
        with avance(total, "Barrido") as progreso:
            res = correr_barrido(esc, pol, grilla, replicas=n_rep, semilla=sem,
                                 trabajadores=trab, progreso=progreso)
    except RutaInvalida as exc:
        error(f"--parametro {exc}")
    if csv is not None:
        res.filas.to_csv(csv, index=False)
        typer.echo(f"escrito {csv}", err=True)
    rutas = list(grilla)
    columnas = [*rutas, "resultado_economico", "dso", "incobrables_pct", "ventas_perdidas"]
    if json_:
        filas = [{c: (_num(v) if isinstance(v, float) else v) for c, v in fila.items()}
                 for fila in res.resumen.to_dict(orient="records")]
        typer.echo(json.dumps({"parametros": {r: list(grilla[r]) for r in rutas},
                               "replicas": n_rep, "semilla": sem, "puntos": filas},
                              ensure_ascii=False, indent=2))
        return
    filas_t = [tuple(fila[c] for c in columnas) for fila in res.resumen.to_dict(orient="records")]
    imprimir_tabla(f"Barrido ({n_rep} réplicas por punto, semilla {sem})", tuple(columnas),
                   filas_t, esc)


def registrar(app: typer.Typer) -> None:
    """Agrega los subcomandos que simulan."""
    app.command("correr")(correr)
    app.command("comparar")(comparar)
    app.command("barrido")(barrido)
