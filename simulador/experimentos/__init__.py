"""Experimentos: réplicas, comparaciones con números aleatorios comunes, barridos y sensibilidad."""

from simulador.experimentos.barridos import (
    PALANCAS_POR_DEFECTO,
    Palanca,
    ResultadoBarrido,
    RutaInvalida,
    aplicar_punto,
    barrido,
    con_valor,
    sensibilidad,
)
from simulador.experimentos.comparacion import (
    Comparacion,
    ComparacionPar,
    DiferenciaKPI,
    comparar,
)
from simulador.experimentos.replicas import ResultadoReplicas, Resumen, correr_replicas, resumir

__all__ = [
    "PALANCAS_POR_DEFECTO",
    "Comparacion",
    "ComparacionPar",
    "DiferenciaKPI",
    "Palanca",
    "ResultadoBarrido",
    "ResultadoReplicas",
    "Resumen",
    "RutaInvalida",
    "aplicar_punto",
    "barrido",
    "comparar",
    "con_valor",
    "correr_replicas",
    "resumir",
    "sensibilidad",
]
