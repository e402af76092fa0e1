"""Subcomandos de archivos: ``validar``, ``esquema`` y ``diferencias``."""

from __future__ import annotations

from pathlib import Path

import typer

from simulador.carga import (
    ErrorCarga,
    cargar_politica,
    describir_delta,
    validar_archivos,
)
from simulador.carga.archivos import mostrar


def validar(
    archivos: list[Path] = typer.Argument(..., help="Archivos de escenario o política."),
) -> None:
    """Revisa archivos sin correrlos; sale con código 1 si hay algún problema."""
    avisos: list[str] = []
    resultado = validar_archivos(archivos, avisos=avisos)
    for aviso in avisos:
        typer.echo(f"aviso: {aviso}", err=True)
    hay_problemas = False
    for nombre, problemas in resultado.items():
        if problemas:
            hay_problemas = True
            for problema in problemas:
                typer.echo(str(problema))
        else:
            typer.echo(f"✓ {nombre}: válido")
    if hay_problemas:
        raise typer.Exit(1)


def esquema(
    carpeta: Path = typer.Option(Path("esquemas"), "--carpeta", help="Dónde escribirlos."),
) -> None:
    """Escribe el esquema JSON de cada tipo de archivo (para autocompletar en el editor)."""
    from simulador.documentacion import escribir_esquemas

    for ruta in escribir_esquemas(carpeta):
        typer.echo(f"escrito {mostrar(ruta)}")


def diferencias(
    politica_a: Path = typer.Argument(..., help="Política de referencia."),
    politica_b: Path = typer.Argument(..., help="Política a comparar."),
) -> None:
    """Muestra palanca por palanca qué cambia de una política a otra."""
    try:
        a = cargar_politica(politica_a)
        b = cargar_politica(politica_b)
    except ErrorCarga as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    filas = describir_delta(a, b)
    if not filas:
        typer.echo(f"'{a.nombre}' y '{b.nombre}' tienen las mismas palancas.")
        return
    encabezado = ("palanca", a.nombre, b.nombre)
    anchos = [min(40, max(len(f[i]) for f in [encabezado, *filas])) for i in range(3)]
    for i, fila in enumerate([encabezado, *filas]):
        typer.echo("  ".join(c.ljust(w) for c, w in zip(fila, anchos, strict=True)).rstrip())
        if i == 0:
            typer.echo("  ".join("-" * w for w in anchos))


def registrar(app: typer.Typer) -> None:
    """Agrega los subcomandos de archivos a la aplicación de línea de comandos."""
    app.command("validar")(validar)
    app.command("esquema")(esquema)
    app.command("diferencias")(diferencias)
