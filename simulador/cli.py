"""Línea de comandos ``simulador``: subcomandos en español sobre las mismas funciones que la app."""

from __future__ import annotations

import sys
from typing import Any

import typer
import typer.core
from typer._click import exceptions as cexc
from typer._click.formatting import HelpFormatter

TRADUCCIONES = {"Arguments": "Argumentos", "Options": "Opciones", "Commands": "Subcomandos"}
_escribir_uso_original = HelpFormatter.write_usage


def _uso_en_espanol(self: HelpFormatter, prog: str, args: str = "",
                    prefix: str | None = None) -> None:
    _escribir_uso_original(self, prog, args, "Uso: " if prefix is None else prefix)


def _traducir_texto(message: str) -> str:
    return TRADUCCIONES.get(message, message)


typer.core._ = _traducir_texto
HelpFormatter.write_usage = _uso_en_espanol  # type: ignore[method-assign]

app = typer.Typer(
    name="simulador",
    help="Simulador de políticas de crédito y cobranza sobre una cartera sintética.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _registrar() -> None:
    from simulador import cli_archivos, cli_correr, cli_markov

    cli_correr.registrar(app)
    cli_archivos.registrar(app)
    cli_markov.registrar(app)


_registrar()


def _traducir(exc: cexc.ClickException) -> str:
    """Mensaje en español para los errores de uso de la línea de comandos."""
    if isinstance(exc, cexc.NoSuchOption):
        sugerencia = f" ¿quiso decir {', '.join(exc.possibilities)}?" if exc.possibilities else ""
        return f"opción desconocida {exc.option_name}.{sugerencia}"
    if isinstance(exc, cexc.MissingParameter):
        nombre = exc.param.opts[0] if exc.param is not None and exc.param.opts else "un valor"
        if exc.param is not None and exc.param.param_type_name == "argument":
            nombre = (exc.param.name or "argumento").upper()
        return f"falta {nombre}"
    if isinstance(exc, cexc.BadParameter):
        nombre = exc.param.opts[0] if exc.param is not None and exc.param.opts else "un valor"
        return f"valor no válido para {nombre}: {exc.message}"
    if isinstance(exc, cexc.UsageError):
        texto = exc.message
        if texto.startswith("No such command"):
            nombre = texto.split("'")[1] if "'" in texto else texto
            parecidos = texto.split("Did you mean")[-1].strip(" ?") if "Did you mean" in texto \
                else ""
            return f"subcomando desconocido '{nombre}'" + (
                f"; ¿quiso decir {parecidos}?" if parecidos else "")
        if texto.startswith("Got unexpected extra argument"):
            return f"argumento de más: {texto.split('(')[-1].rstrip(')')}"
        return texto
    return exc.format_message()


def _traducir_ayuda(comando: Any) -> None:
    """Pone en español la ayuda de la opción --help de cada subcomando."""
    original = type(comando).get_help_option

    def ayuda(self: Any, ctx: Any) -> Any:
        opcion = original(self, ctx)
        if opcion is not None:
            opcion.help = "Muestra esta ayuda y termina."
        return opcion

    subcomandos = getattr(comando, "commands", {}).values()
    clases: set[Any] = {type(comando), *(type(s) for s in subcomandos)}
    for clase in clases:
        if not getattr(clase, "_ayuda_traducida", False):
            clase.get_help_option = ayuda
            clase._ayuda_traducida = True


def main(argv: list[str] | None = None) -> None:
    """Punto de entrada de ``simulador`` y ``python -m simulador`` con errores en español."""
    comando = typer.main.get_command(app)
    _traducir_ayuda(comando)
    try:
        codigo = comando.main(args=argv, prog_name="simulador", standalone_mode=False)
    except cexc.NoArgsIsHelpError as exc:
        typer.echo(exc.format_message())
        sys.exit(0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("interrumpido", err=True)
        sys.exit(130)
    except cexc.ClickException as exc:
        typer.echo(f"error: {_traducir(exc)}", err=True)
        typer.echo("Use 'simulador --help' para ver los subcomandos y opciones.", err=True)
        sys.exit(2)
    if isinstance(codigo, int) and codigo:
        sys.exit(codigo)
