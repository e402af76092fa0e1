"""Campos numéricos con el formato del escenario (``1.234,5``), en vez de ``st.number_input``.

``st.number_input`` siempre muestra el punto decimal y ningún separador de miles. Aquí cada número
es un ``st.text_input`` con el valor escrito como en el resto de la app; el texto se lee con
:mod:`simulador.entrada_numeros`. Si el texto no es válido o está fuera de rango, se muestra un
error en español justo debajo del campo y se sigue usando el último valor válido: no se pierde
ni el valor ni lo que escribió el usuario (queda en el campo para corregirlo).

Funciona dentro y fuera de ``st.form`` (sin callbacks): el texto se lee en cada ejecución.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, overload

import streamlit as st

from simulador.entrada_numeros import (
    FaltaNumero,
    FueraDeRango,
    NumeroInvalido,
    decimales_necesarios,
    describir_rango,
    ejemplo,
    escribir_numero,
    leer_campo,
    nombre_separador,
)
from simulador.formato import Formato

_ESTADO = "_campos_numero"
"""En ``st.session_state``: clave del campo -> :class:`_Estado`."""


@dataclass
class _Estado:
    origen: float | None  # el valor que pasó quien dibuja el campo
    valido: float | None  # el último valor válido
    texto: str  # el texto que corresponde a ``valido``
    etiqueta: str
    error: str | None = None


def _md(texto: str) -> str:
    """Escapa lo que Markdown interpretaría en lo que escribió el usuario (``$`` abre fórmulas)."""
    return "".join("\\" + c if c in "\\`*_[]<>$~#|" else c for c in texto)


def _estados() -> dict[str, _Estado]:
    estados: dict[str, _Estado] = st.session_state.setdefault(_ESTADO, {})
    return estados


def texto_inicial(valor: float | None, formato: Formato, decimales: int, entero: bool) -> str:
    """Cómo se muestra el valor: con ``decimales`` (o más, si hacen falta para no perderlo)."""
    if entero:
        return escribir_numero(valor, formato, 0)
    return escribir_numero(valor, formato, decimales_necesarios(valor, decimales))


def ayuda_de(ayuda: str | None, formato: Formato, *, minimo: float | None,
             maximo: float | None, entero: bool, vacio: bool) -> str:
    """La ayuda del campo más los valores permitidos y cómo escribir los decimales."""
    partes = [ayuda.strip()] if ayuda and ayuda.strip() else []
    rango = describir_rango(minimo, maximo, formato)
    if rango:
        partes.append(f"Valores permitidos: {rango}.")
    if entero:
        partes.append("Un número entero.")
    else:
        partes.append(f"Decimales con {nombre_separador(formato.decimal)}: {ejemplo(formato)}.")
    if vacio:
        partes.append("Déjelo vacío para no aplicar.")
    return " ".join(partes)


@overload
def campo_numero(etiqueta: str, valor: float | None, *, clave: str, formato: Formato,
                 minimo: float | None = ..., maximo: float | None = ..., decimales: int = ...,
                 entero: bool = ..., vacio: Literal[False] = ..., ayuda: str | None = ...,
                 placeholder: str | None = ...) -> float: ...


@overload
def campo_numero(etiqueta: str, valor: float | None, *, clave: str, formato: Formato,
                 minimo: float | None = ..., maximo: float | None = ..., decimales: int = ...,
                 entero: bool = ..., vacio: bool, ayuda: str | None = ...,
                 placeholder: str | None = ...) -> float | None: ...


def campo_numero(etiqueta: str, valor: float | None, *, clave: str, formato: Formato,
                 minimo: float | None = None, maximo: float | None = None,
                 decimales: int = 2, entero: bool = False, vacio: bool = False,
                 ayuda: str | None = None, placeholder: str | None = None) -> float | None:
    """Un campo de número con el formato del escenario; devuelve el último valor válido.

    ``valor`` es el valor inicial: si cambia entre ejecuciones (p. ej. se cargó otro escenario),
    el campo vuelve a mostrarlo. ``decimales`` son los que se muestran (más si el valor los
    necesita para no redondearse). Con ``entero`` se devuelve un ``int``; con ``vacio`` el texto
    vacío es válido y da ``None``.
    """
    ss = st.session_state
    estados = _estados()
    est = estados.get(clave)
    if est is None or est.origen != valor:
        texto = texto_inicial(valor, formato, decimales, entero)
        est = estados[clave] = _Estado(origen=valor, valido=valor, texto=texto,
                                       etiqueta=etiqueta)
        ss[clave] = texto
    elif clave not in ss:  # el campo no se dibujó en la ejecución anterior: se restaura
        ss[clave] = est.texto
    est.etiqueta = etiqueta
    escrito = st.text_input(
        etiqueta, key=clave, max_chars=40,
        help=ayuda_de(ayuda, formato, minimo=minimo, maximo=maximo, entero=entero, vacio=vacio),
        placeholder=placeholder if placeholder is not None else
        ("(vacío)" if vacio else None))
    escrito = escrito or ""
    est.error = None
    if escrito.strip() != est.texto.strip():
        try:
            nuevo = leer_campo(escrito, formato, minimo=minimo, maximo=maximo, entero=entero,
                               vacio=vacio)
        except NumeroInvalido as e:
            anterior = est.texto.strip() or "vacío"
            rango = describir_rango(minimo, maximo, formato)
            ya_dice = isinstance(e, FueraDeRango | FaltaNumero)
            permitidos = f" Valores permitidos: {rango}." if rango and not ya_dice else ""
            est.error = (f"{etiqueta}: {e.mensaje}.{permitidos} Se mantiene el valor anterior "
                         f"({anterior}).")
            st.error(_md(est.error), icon=":material/error:")
        else:
            est.valido, est.texto = nuevo, escrito
    if est.valido is None:
        return None
    return int(est.valido) if entero else float(est.valido)


def con_error(claves: Iterable[str]) -> list[str]:
    """Las etiquetas de los campos (de ``claves``) que en esta ejecución tienen un error."""
    estados = _estados()
    return [estados[c].etiqueta for c in claves if c in estados and estados[c].error]


def avisar_errores(titulo: str, claves: Iterable[str]) -> bool:
    """Si algún campo de ``claves`` tiene un error, lo dice en un recuadro y devuelve ``True``.

    Para los formularios: no se aplican si un número está mal escrito (el campo puede estar en
    otra pestaña, por eso se nombran).
    """
    malos = con_error(claves)
    if not malos:
        return False
    cuales = ", ".join(f"«{m}»" for m in malos)
    st.error(_md(f"{titulo}: corrija {'el valor de' if len(malos) == 1 else 'los valores de'} "
                 f"{cuales} (el error está debajo de cada campo)."), icon=":material/error:")
    return True
