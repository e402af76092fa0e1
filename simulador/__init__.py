"""Simulador de Cobranza: políticas de crédito y cobranza sobre una cartera sintética.

API pública (la misma que usan la línea de comandos y la app):

- cargar archivos: :func:`cargar_escenario`, :func:`cargar_politica`, :func:`a_yaml`;
- correr: :func:`simular` (una réplica), :class:`Simulacion` (con pausa y acciones),
  :func:`correr_replicas`, :func:`comparar`, :func:`barrido`, :func:`sensibilidad`;
- medir: :func:`calcular_kpis`, :func:`kpis_por_segmento`, :func:`serie_mensual`.
"""

from simulador.carga import (
    ErrorCarga,
    ProblemaArchivo,
    a_yaml,
    cargar_escenario,
    cargar_politica,
    describir_delta,
    editar_yaml,
    validar_archivo,
)
from simulador.config import Escenario, Politica, aplicar_delta
from simulador.experimentos import (
    Comparacion,
    DiferenciaKPI,
    ResultadoReplicas,
    barrido,
    comparar,
    correr_replicas,
    sensibilidad,
)
from simulador.markov import correr_markov, teoria_markov
from simulador.metricas import (
    NOMBRES_KPI,
    calcular_kpis,
    kpis_por_segmento,
    serie_mensual,
    verificar_conservacion,
)
from simulador.motor.modelo import Simulacion, simular
from simulador.motor.pausa import Accion, Instantanea, aplicar_acciones, instantanea
from simulador.resultado import ResultadoCorrida

__all__ = [
    "NOMBRES_KPI",
    "Accion",
    "Comparacion",
    "DiferenciaKPI",
    "ErrorCarga",
    "Escenario",
    "Instantanea",
    "Politica",
    "ProblemaArchivo",
    "ResultadoCorrida",
    "ResultadoReplicas",
    "Simulacion",
    "a_yaml",
    "aplicar_acciones",
    "aplicar_delta",
    "barrido",
    "calcular_kpis",
    "cargar_escenario",
    "cargar_politica",
    "comparar",
    "correr_markov",
    "correr_replicas",
    "describir_delta",
    "editar_yaml",
    "instantanea",
    "kpis_por_segmento",
    "sensibilidad",
    "serie_mensual",
    "simular",
    "teoria_markov",
    "validar_archivo",
    "verificar_conservacion",
]
