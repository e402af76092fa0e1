"""Indicadores (KPI) de una corrida: funciones puras del ``ResultadoCorrida``, sin azar ni simpy.

Módulos: ``formulas`` (matemática de cada definición), ``kpis`` (el diccionario de indicadores de
una corrida), ``segmentos`` (tabla por segmento), ``series`` (serie mensual para gráficos),
``libro`` (totales y conservación del dinero), ``calendario`` (meses) y ``nombres`` (etiquetas,
unidades y sentido de mejora). Los gráficos usan el DSO estándar.
"""

from simulador.metricas.formulas import (
    cei,
    costo_renunciar_descuento_efectivo_pct,
    costo_renunciar_descuento_nominal_pct,
    dso_estandar,
    dso_mejor_posible,
    dso_recuento,
    hhi,
    participacion_top,
    tasas_traspaso,
)
from simulador.metricas.kpis import calcular_kpis
from simulador.metricas.libro import totales_libro, verificar_conservacion
from simulador.metricas.nombres import MEJOR_SI_SUBE, NOMBRES_KPI
from simulador.metricas.segmentos import COLUMNAS_SEGMENTO, kpis_por_segmento
from simulador.metricas.series import COLUMNAS_SERIE, serie_mensual

__all__ = [
    "COLUMNAS_SEGMENTO",
    "COLUMNAS_SERIE",
    "MEJOR_SI_SUBE",
    "NOMBRES_KPI",
    "calcular_kpis",
    "cei",
    "costo_renunciar_descuento_efectivo_pct",
    "costo_renunciar_descuento_nominal_pct",
    "dso_estandar",
    "dso_mejor_posible",
    "dso_recuento",
    "hhi",
    "kpis_por_segmento",
    "participacion_top",
    "serie_mensual",
    "tasas_traspaso",
    "totales_libro",
    "verificar_conservacion",
]
