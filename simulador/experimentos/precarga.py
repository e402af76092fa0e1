"""Lo que el proceso que engendra a los trabajadores carga una sola vez: el motor y sus
recorridos compilados (ver ``motor.nucleo`` y ``metricas.sumas``)."""

from simulador.experimentos import replicas  # noqa: F401  (importa el motor completo)
from simulador.metricas import sumas
from simulador.motor import nucleo

nucleo.calentar()
sumas.calentar()
