"""Ayudas de la línea de comandos: errores en español, números, avance y tablas."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

import typer

from simulador.config import Escenario, Politica
from simulador.experimentos.ejecutor import Progreso


def error(mensaje: str, codigo: int = 2) -> NoReturn:
    """Muestra un error en español en la salida de errores y termina."""
    typer.echo(f"error: {mensaje}", err=True)
    raise typer.Exit(codigo)


def entero(texto: str | None, opcion: str, *, minimo: int | None = None,
           maximo: int | None = None) -> int:
    """Convierte el valor de una opción a entero, con un error claro si no lo es."""
    try:
        valor = int(str(texto).strip())
    except ValueError:
        error(f"{opcion}: '{texto}' no es un número entero")
    if minimo is not None and valor < minimo:
        error(f"{opcion}: debe ser ≥ {minimo} (se recibió {valor})")
    if maximo is not None and valor > maximo:
        error(f"{opcion}: debe ser ≤ {maximo} (se recibió {valor})")
    return valor


def _numero(texto: str) -> int | float:
    texto = texto.strip().replace(",", ".") if texto.count(",") == 1 and "." not in texto \
        else texto.strip()
    try:
        return int(texto)
    except ValueError:
        return float(texto)


def valores_parametro(texto: str) -> tuple[str, list[Any]]:
    """Interpreta ``RUTA=v1,v2,...`` o ``RUTA=desde:hasta:paso`` (ambos extremos incluidos)."""
    if "=" not in texto:
        error(f"--parametro '{texto}': use RUTA=valores, p. ej. descuento.pct=0,1,2")
    ruta, valores = texto.split("=", 1)
    ruta = ruta.strip()
    try:
        if ":" in valores:
            partes = [_numero(x) for x in valores.split(":")]
            if len(partes) != 3 or partes[2] <= 0 or partes[1] < partes[0]:
                raise ValueError
            desde, hasta, paso = partes
            lista: list[Any] = []
            v = desde
            while v <= hasta + 1e-9:
                lista.append(round(v, 10) if isinstance(v, float) else v)
                v = v + paso
        else:
            lista = [_parsear(x) for x in valores.split(",") if x.strip()]
    except ValueError:
        error(f"--parametro '{texto}': valores no válidos; use una lista separada por comas "
              "(0,1,2) o desde:hasta:paso (30:60:15)")
    if not ruta or not lista:
        error(f"--parametro '{texto}': falta la ruta o los valores")
    return ruta, lista


def _parsear(x: str) -> Any:
    x = x.strip()
    if x.lower() in ("true", "verdadero", "si", "sí"):
        return True
    if x.lower() in ("false", "falso", "no"):
        return False
    if x.lower() in ("null", "vacio", "vacío", "ninguno"):
        return None
    return _numero(x)


def cargar_entradas(escenario: Path, politicas: Sequence[Path]) -> tuple[Escenario, list[Politica]]:
    """Carga y valida el escenario y las políticas; ante errores los muestra todos y termina."""
    from simulador.carga import ErrorCarga, cargar_escenario, cargar_politica

    problemas: list[str] = []
    esc = None
    pols = []
    for ruta, es_escenario in [(escenario, True), *((p, False) for p in politicas)]:
        if not ruta.is_file():
            problemas.append(f"{ruta}: no existe o no es un archivo")
            continue
        try:
            if es_escenario:
                esc = cargar_escenario(ruta)
            else:
                pols.append(cargar_politica(ruta))
        except ErrorCarga as exc:
            problemas.extend(str(p) for p in exc.problemas)
    if esc is not None:
        from simulador.carga import validar_combinacion

        for ruta, pol in zip(politicas, pols, strict=False):
            problemas.extend(str(p) for p in validar_combinacion(
                esc, pol, archivo_politica=str(ruta)))
    if problemas or esc is None:
        for p in problemas:
            typer.echo(p, err=True)
        raise typer.Exit(2)
    return esc, pols


@contextlib.contextmanager
def avance(total: int, titulo: str) -> Iterator[Progreso]:
    """Barra de avance en la salida de errores (solo si es una terminal)."""
    if not sys.stderr.isatty() or total <= 1:
        yield lambda hechas, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True),
                  transient=True) as barra:
        tarea = barra.add_task(titulo, total=total)
        yield lambda hechas, _total: barra.update(tarea, completed=hechas)


def _formato(valor: Any, escenario: Escenario) -> str:
    if isinstance(valor, bool) or not isinstance(valor, int | float):
        return str(valor)
    if valor != valor:  # NaN
        return "—"
    f = escenario.formato
    decimales = 2 if abs(valor) < 1000 else f.decimales
    texto = f"{valor:,.{decimales}f}"
    return texto.replace(",", "\0").replace(".", f.separador_decimal).replace(
        "\0", f.separador_miles)


def imprimir_tabla(titulo: str, columnas: Sequence[str], filas: Sequence[Sequence[Any]],
                   escenario: Escenario) -> None:
    """Imprime una tabla legible con los números en el formato del escenario."""
    from rich.console import Console
    from rich.table import Table

    tabla = Table(title=titulo, title_justify="left")
    for i, c in enumerate(columnas):
        tabla.add_column(c, justify="left" if i == 0 else "right")
    for fila in filas:
        tabla.add_row(*(_formato(v, escenario) for v in fila))
    Console(width=160).print(tabla)
