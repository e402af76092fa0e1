"""Series diarias del horizonte: cartera por tramo de atraso, cobranza, ventas, cola."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulador.motor.estado import ABIERTA
from simulador.resultado import TRAMOS, Series

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion

LIMITES_TRAMOS = np.array([0, 30, 60, 90])
"""Un atraso de d días cae en el tramo searchsorted(LIMITES_TRAMOS, d, 'left')."""


def tramo_de(atraso: np.ndarray) -> np.ndarray:
    """Índice de tramo (0 = corriente ... 4 = 91+) de cada atraso en días."""
    return np.searchsorted(LIMITES_TRAMOS, atraso, side="left")


class RegistroSeries:
    """Guarda los valores de cierre de cada día del horizonte."""

    def __init__(self, horizonte: int) -> None:
        k = len(TRAMOS)
        self.cartera = np.zeros((horizonte, k))
        self.inicial = np.zeros(k)
        self.cobrado = np.zeros(horizonte)
        self.ventas = np.zeros(horizonte)
        self.abiertas = np.zeros(horizonte, np.int64)
        self.cola = np.zeros(horizonte, np.int64)

    def registrar(self, sim: Simulacion, dia: int) -> None:
        """Cierra el día ``dia`` (-1 = cartera inicial del horizonte)."""
        ids = sim.f.abiertas
        ids = ids[sim.f.estado[ids] == ABIERTA]
        tramo = tramo_de(dia - sim.f.dia_venc[ids])
        por_tramo = np.bincount(tramo, weights=sim.f.saldo(ids), minlength=len(TRAMOS)) / 100.0
        if dia < 0:
            self.inicial = por_tramo
            return
        self.cartera[dia] = por_tramo
        self.cobrado[dia] = sim.cobrado_por_dia.get(dia, 0) / 100.0
        self.ventas[dia] = sim.ventas_hoy / 100.0
        self.abiertas[dia] = ids.size
        self.cola[dia] = sim.mesa.en_cola

    def cerrar(self) -> Series:
        """Las series terminadas."""
        return Series(cartera_por_tramo=self.cartera, cobrado=self.cobrado,
                      ventas_credito=self.ventas, facturas_abiertas=self.abiertas,
                      cartera_inicial_por_tramo=self.inicial, cola_llamadas=self.cola)
