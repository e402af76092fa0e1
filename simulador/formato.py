"""Formato de números según el escenario: moneda, separadores de miles y decimales, porcentajes.

Todo lo que la app y el informe muestran pasa por :class:`Formato`, construido desde
``Escenario.formato`` (``simbolo``, ``separador_miles``, ``separador_decimal``, ``decimales``).
No importa streamlit: es un módulo puro que también usan los gráficos y el informe.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from simulador.config import Escenario, FormatoNumeros

GUION = "—"


def nombre_visible(nombre: object) -> str:
    """Un nombre de los archivos (un segmento: «necesitan_llamada») como se muestra al usuario:
    con espacios en vez de guiones bajos."""
    return str(nombre).replace("_", " ")
"""Lo que se muestra cuando un valor no está definido (nan)."""


@dataclass(frozen=True)
class Formato:
    """Cómo se escriben los números de un escenario."""

    simbolo: str = "$"
    miles: str = "."
    decimal: str = ","
    decimales: int = 0

    @classmethod
    def de(cls, origen: Escenario | FormatoNumeros | None) -> Formato:
        """El formato de un escenario (o de su sección ``formato``); por defecto, el de CLP."""
        if origen is None:
            return cls()
        f = origen.formato if isinstance(origen, Escenario) else origen
        return cls(simbolo=f.simbolo, miles=f.separador_miles, decimal=f.separador_decimal,
                   decimales=f.decimales)

    @property
    def separadores_plotly(self) -> str:
        """Los separadores para ``layout.separators`` de plotly: decimal y miles."""
        return self.decimal + (self.miles or " ")

    def numero(self, valor: Any, decimales: int = 0) -> str:
        """Un número con separadores de miles y la cantidad de decimales pedida."""
        if valor is None:
            return GUION
        x = float(valor)
        if not math.isfinite(x):
            return GUION
        texto = f"{abs(x):,.{decimales}f}"
        entero, _, fraccion = texto.partition(".")
        entero = entero.replace(",", self.miles)
        signo = "−" if x < 0 and round(abs(x), decimales) != 0 else ""
        return signo + entero + (self.decimal + fraccion if fraccion else "")

    def dinero(self, valor: Any, decimales: int | None = None) -> str:
        """Un monto con el símbolo de la moneda: ``$ 1.234.567``."""
        texto = self.numero(valor, self.decimales if decimales is None else decimales)
        if texto == GUION:
            return texto
        if texto.startswith("−"):
            return f"−{self.simbolo} {texto[1:]}"
        return f"{self.simbolo} {texto}"

    def dinero_corto(self, valor: Any) -> str:
        """Un monto abreviado para tarjetas: ``$ 1.234 M`` (millones) o ``$ 12,3 mil`` (miles)."""
        if valor is None or not math.isfinite(float(valor)):
            return GUION
        x = float(valor)
        for escala, sufijo in ((1e6, "M"), (1e3, "mil")):
            if abs(x) >= escala:
                decimales = 1 if abs(x) < 100 * escala else 0
                texto = self.numero(x / escala, decimales)
                simbolo = f"−{self.simbolo} {texto[1:]}" if texto.startswith("−") \
                    else f"{self.simbolo} {texto}"
                return f"{simbolo} {sufijo}"
        return self.dinero(x)

    def pct(self, valor: Any, decimales: int = 1) -> str:
        """Un porcentaje ya expresado de 0 a 100: ``12,5 %``."""
        texto = self.numero(valor, decimales)
        return texto if texto == GUION else f"{texto} %"

    def dias(self, valor: Any, decimales: int = 1) -> str:
        """Una cantidad de días: ``38,2 días``."""
        texto = self.numero(valor, decimales)
        return texto if texto == GUION else f"{texto} días"

    def valor(self, valor: Any, unidad: str, *, corto: bool = False) -> str:
        """Un valor según su unidad de ``NOMBRES_KPI`` (moneda, %, días, razón, índice...)."""
        if unidad == "moneda":
            return self.dinero_corto(valor) if corto else self.dinero(valor)
        if unidad == "%":
            return self.pct(valor)
        if unidad == "días":
            return self.dias(valor)
        if unidad == "razón":
            return self.numero(valor, 2)
        if unidad.startswith("índice"):
            return self.numero(valor, 0)
        return self.numero(valor, 2)

    def diferencia(self, valor: Any, unidad: str, *, corto: bool = False) -> str:
        """Una diferencia con signo explícito (+ o −); los porcentajes, en puntos."""
        if valor is None or not math.isfinite(float(valor)):
            return GUION
        x = float(valor)
        if unidad == "%":
            texto = self.numero(abs(x), 1) + " pp"
        elif unidad == "moneda":
            texto = self.dinero_corto(abs(x)) if corto else self.dinero(abs(x))
        else:
            texto = self.valor(abs(x), unidad)
        decimales = {"moneda": self.decimales, "%": 1, "días": 1}.get(unidad, 2)
        signo = "" if round(abs(x), decimales) == 0 else ("+" if x > 0 else "−")
        return signo + texto

    def intervalo(self, inf: Any, sup: Any, unidad: str, *, diferencia: bool = False,
                  corto: bool = False) -> str:
        """Un intervalo del 95 %: ``[−1,2 días; +0,4 días]`` (``corto``: montos en millones)."""
        def escribir(x: Any) -> str:
            if diferencia:
                return self.diferencia(x, unidad, corto=corto)
            return self.valor(x, unidad, corto=corto)
        return f"[{escribir(inf)}; {escribir(sup)}]"

    def sufijo_eje(self, unidad: str) -> str:
        """La unidad para el título de un eje: ``(CLP)``, ``(%)``, ``(días)``."""
        if unidad == "moneda":
            return f"({self.simbolo})"
        return f"({unidad})" if unidad else ""
