"""Línea de comandos ``simulador``: subcomandos en español sobre las mismas funciones que la app."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="simulador",
    help="Simulador de políticas de crédito y cobranza sobre una cartera sintética.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _registrar() -> None:
    from simulador import cli_archivos

    cli_archivos.registrar(app)


_registrar()


def main() -> None:
    """Punto de entrada de ``python -m simulador``."""
    app()
