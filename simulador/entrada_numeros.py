"""Leer y escribir los números que el usuario escribe en un campo, con el formato del escenario.

Los campos de la app son de texto para que se escriban como en el resto de la app: con los
separadores de miles y de decimales del escenario (``1.234,5`` en español). Este módulo es puro
(no importa streamlit) y decide qué texto es un número válido:

- se acepta ``1.234,5``, ``1234,5`` y ``1234`` (con el formato ``.`` / ``,``), con signo
  (``-`` o ``−``) y, si se copia de un resultado, con el símbolo de la moneda o ``%``;
- se rechaza lo ambiguo o mal escrito (``12,3,4``, ``1.5`` cuando la coma es el decimal,
  ``1.23.456``, ``0.500``) con un mensaje en español que dice cómo escribirlo.
"""

from __future__ import annotations

import math
import re

from simulador.formato import Formato

ESPACIOS = " \u00a0\u202f\u2009"
"""Espacios que se aceptan como separador de miles cuando el escenario usa el espacio."""
MAX_LARGO = 40
"""Largo máximo del texto de un número (más es un error de tipeo, no un monto)."""
_MENOS = ("-", "−", "–")  # guion, signo menos (el que escribe la app) y raya corta


class NumeroInvalido(ValueError):
    """Un texto que no es un número válido en el formato del escenario (mensaje en español)."""

    def __init__(self, texto: str, mensaje: str) -> None:
        super().__init__(mensaje)
        self.texto = texto
        self.mensaje = mensaje


class FueraDeRango(NumeroInvalido):
    """Un número bien escrito pero fuera de los límites del campo (el mensaje dice el rango)."""


class FaltaNumero(NumeroInvalido):
    """Un campo vacío que debe tener un número (el mensaje dice el rango, si lo hay)."""


def nombre_separador(sep: str) -> str:
    """«la coma», «el punto», «el espacio», «el apóstrofo»."""
    if sep in ESPACIOS:
        return "el espacio"
    return {",": "la coma", ".": "el punto", "'": "el apóstrofo"}.get(sep, f"«{sep}»")


def escribir_numero(valor: float | None, formato: Formato, decimales: int = 0, *,
                    recortar: bool = False) -> str:
    """El número como se escribe en un campo: ``1.234,50`` (sin símbolo, signo ``-``).

    Con ``recortar`` se quitan los ceros finales de la parte decimal (``2,50`` → ``2,5``,
    ``3,00`` → ``3``). Un valor vacío o no finito se escribe como texto vacío.
    """
    if valor is None or not math.isfinite(float(valor)):
        return ""
    x = float(valor)
    texto = f"{abs(x):,.{decimales}f}"
    entero, _, fraccion = texto.partition(".")
    if recortar:
        fraccion = fraccion.rstrip("0")
    entero = entero.replace(",", formato.miles)
    signo = "-" if x < 0 and float(texto.replace(",", "")) != 0 else ""
    return signo + entero + (formato.decimal + fraccion if fraccion else "")


def ejemplo(formato: Formato) -> str:
    """Un ejemplo de número con miles y decimales: ``1.234,50``."""
    return escribir_numero(1234.5, formato, 2)


def mensaje_formato(texto: str, formato: Formato) -> str:
    """El mensaje para un texto que no es un número en este formato."""
    return (f"«{texto}» no es un número válido: use {nombre_separador(formato.decimal)} para "
            f"los decimales (por ejemplo {ejemplo(formato)})")


def decimales_necesarios(valor: float | None, minimo: int = 0, maximo: int = 6) -> int:
    """Cuántos decimales hacen falta (al menos ``minimo``) para mostrar el valor sin perderlo."""
    if valor is None or not math.isfinite(float(valor)):
        return minimo
    x = float(valor)
    for d in range(minimo, maximo):
        if abs(round(x, d) - x) <= 1e-9 * max(1.0, abs(x)):
            return d
    return maximo


def _patron(formato: Formato) -> re.Pattern[str]:
    dec = re.escape(formato.decimal)
    if formato.miles == "":
        entero = r"[0-9]+"
    else:
        miles = f"[{re.escape(ESPACIOS)}]" if formato.miles in ESPACIOS else re.escape(
            formato.miles)
        entero = rf"(?:[0-9]+|[0-9]{{1,3}}(?:{miles}[0-9]{{3}})+)"
    return re.compile(rf"(?P<entero>{entero})?(?:{dec}(?P<fraccion>[0-9]+))?")


def _quitar_signo(t: str) -> tuple[bool | None, str]:
    if t[:1] in _MENOS:
        return True, t[1:].lstrip(ESPACIOS)
    if t[:1] == "+":
        return False, t[1:].lstrip(ESPACIOS)
    return None, t


def _quitar_adornos(texto: str, formato: Formato) -> tuple[bool, str]:
    """Quita signo, símbolo de moneda y ``%``; devuelve (negativo, lo que queda).

    Acepta el signo antes o después del símbolo (``−$ 1.500`` y ``$ -1.500``).
    """
    simbolo = formato.simbolo.strip()
    signo, t = _quitar_signo(texto.strip(ESPACIOS))
    if simbolo and t.startswith(simbolo):
        t = t[len(simbolo):].lstrip(ESPACIOS)
        if signo is None:
            signo, t = _quitar_signo(t)
    elif simbolo and t.endswith(simbolo):
        t = t[: -len(simbolo)].rstrip(ESPACIOS)
    if t.endswith("%"):
        t = t[:-1].rstrip(ESPACIOS)
    return bool(signo), t


def leer_numero(texto: str, formato: Formato) -> float:
    """El número que representa ``texto`` en el formato del escenario.

    Lanza :class:`NumeroInvalido` (un ``ValueError``) con un mensaje en español si el texto está
    vacío, es ambiguo o está mal escrito.
    """
    original = texto.strip(ESPACIOS)
    if not original:
        raise FaltaNumero(texto, "Falta el número")
    if len(original) > MAX_LARGO:
        raise NumeroInvalido(texto, f"«{original[:MAX_LARGO]}…» es demasiado largo para ser "
                                    "un número")
    negativo, t = _quitar_adornos(original, formato)
    m = _patron(formato).fullmatch(t)
    if not t or m is None or (m["entero"] is None and m["fraccion"] is None):
        permitidos = set("0123456789" + formato.miles + formato.decimal + ".,'" + ESPACIOS)
        if any(c not in permitidos for c in t):
            raise NumeroInvalido(texto, f"«{original}» no es un número válido: escriba solo "
                                        f"cifras, con {nombre_separador(formato.decimal)} para "
                                        f"los decimales (por ejemplo {ejemplo(formato)})")
        raise NumeroInvalido(texto, mensaje_formato(original, formato))
    entero = m["entero"] or "0"
    if formato.miles and len(entero) > 3 and not entero.isdigit() and entero[0] == "0":
        # «0.500»: ¿quinientos o medio? Con el punto de miles no empieza con cero.
        raise NumeroInvalido(texto, mensaje_formato(original, formato))
    cifras = re.sub(r"[^0-9]", "", entero)
    valor = float(f"{cifras}.{m['fraccion'] or '0'}")
    if not math.isfinite(valor):
        raise NumeroInvalido(texto, f"«{original}» es demasiado grande")
    return -valor if negativo else valor


def describir_rango(minimo: float | None, maximo: float | None, formato: Formato) -> str:
    """«entre 0 y 100», «≥ 0», «≤ 60» o texto vacío si no hay límites."""
    def n(x: float) -> str:
        return escribir_numero(x, formato, decimales_necesarios(x), recortar=True)

    if minimo is not None and maximo is not None:
        return f"entre {n(minimo)} y {n(maximo)}"
    if minimo is not None:
        return f"≥ {n(minimo)}"
    if maximo is not None:
        return f"≤ {n(maximo)}"
    return ""


def leer_campo(texto: str | None, formato: Formato, *, minimo: float | None = None,
               maximo: float | None = None, entero: bool = False,
               vacio: bool = False) -> float | None:
    """El valor de un campo: número en el formato del escenario, dentro de los límites.

    Con ``vacio`` un texto vacío es válido y da ``None``. Con ``entero`` se rechazan decimales.
    Lanza :class:`NumeroInvalido` (o sus casos :class:`FaltaNumero` y :class:`FueraDeRango`, cuyo
    mensaje ya dice el rango) con el mensaje para el usuario.
    """
    rango = describir_rango(minimo, maximo, formato)
    if texto is None or not texto.strip(ESPACIOS):
        if vacio:
            return None
        raise FaltaNumero(texto or "", "Falta el número" + (
            f": escriba un valor {rango}" if rango else ""))
    valor = leer_numero(texto, formato)
    if entero and valor != math.floor(valor):
        raise NumeroInvalido(texto, f"«{texto.strip()}» no es válido aquí: escriba un número "
                                    "entero, sin decimales")
    if (minimo is not None and valor < minimo) or (maximo is not None and valor > maximo):
        verbo = "estar" if rango.startswith("entre") else "ser"
        raise FueraDeRango(texto, f"«{texto.strip()}» está fuera del rango permitido: el valor "
                                  f"debe {verbo} {rango}")
    return float(int(valor)) if entero else valor
