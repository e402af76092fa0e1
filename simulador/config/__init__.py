"""Modelos validados e inmutables de escenario y política (la única puerta de entrada)."""

from simulador.config.base import VERSION_FORMATO
from simulador.config.comportamiento import ParametrosComportamiento
from simulador.config.deltas import RutaDesconocida, aplicar_delta, diferencias
from simulador.config.escenario import (
    ClienteAncla,
    CostosCanal,
    EquipoCobranza,
    Escenario,
    FormatoNumeros,
    MontoFactura,
    Postulantes,
    Segmento,
    Shock,
)
from simulador.config.markov import ConfigMarkov
from simulador.config.politica import (
    Alertas,
    Automatizacion,
    Cambio,
    Credito,
    Descuento,
    Mora,
    Paso,
    PlanesPago,
    Politica,
    Promesas,
    Verificacion,
)

__all__ = [
    "VERSION_FORMATO",
    "Alertas",
    "Automatizacion",
    "Cambio",
    "ClienteAncla",
    "ConfigMarkov",
    "CostosCanal",
    "Credito",
    "Descuento",
    "EquipoCobranza",
    "Escenario",
    "FormatoNumeros",
    "MontoFactura",
    "Mora",
    "ParametrosComportamiento",
    "Paso",
    "PlanesPago",
    "Politica",
    "Postulantes",
    "Promesas",
    "RutaDesconocida",
    "Segmento",
    "Shock",
    "Verificacion",
    "aplicar_delta",
    "diferencias",
]
