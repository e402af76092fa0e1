"""Series diarias del horizonte: cartera por tramo de atraso, cobranza, ventas, cola."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulador.resultado import TRAMOS, Series

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion

LIMITES_TRAMOS = np.array([0, 30, 60, 90])
"""Un atraso de d días cae en el tramo searchsorted(LIMITES_TRAMOS, d, 'left')."""


def tramo_de(atraso: np.ndarray) -> np.ndarray:
    """Índice de tramo (0 = corriente ... 4 = 91+) de cada atraso en días.

    Es ``searchsorted(LIMITES_TRAMOS, atraso, 'left')``, contado con comparaciones (más rápido
    que buscar con arreglos de otro tipo de entero).
    """
    atraso = np.asarray(atraso)
    tramo = np.zeros(atraso.shape, np.int64)
    for limite in LIMITES_TRAMOS:
        tramo += atraso > limite
    return tramo


class RegistroSeries:
    """Guarda los valores de cierre de cada día del horizonte, por réplica."""

    def __init__(self, horizonte: int, replicas: int = 1) -> None:
        k = len(TRAMOS)
        self.replicas = replicas
        self.cartera = np.zeros((replicas, horizonte, k))
        self.inicial = np.zeros((replicas, k))
        self.cobrado = np.zeros((replicas, horizonte))
        self.ventas = np.zeros((replicas, horizonte))
        self.abiertas = np.zeros((replicas, horizonte), np.int64)
        self.cola = np.zeros((replicas, horizonte), np.int64)

    def registrar(self, sim: Simulacion, dia: int) -> None:
        """Cierra el día ``dia`` (-1 = cartera inicial del horizonte)."""
        ids = sim.abiertas()
        k, r = len(TRAMOS), self.replicas
        tramo = tramo_de(dia - sim.f.dia_venc[ids])
        if r > 1:
            rep = sim.cartera.c_rep[ids]
            tramo = tramo + k * rep
            abiertas = np.bincount(rep, minlength=r)
        else:
            abiertas = np.array([ids.size])
        por_tramo = np.bincount(tramo, weights=sim.f.saldo(ids), minlength=k * r).reshape(
            r, k).astype(float) / 100.0
        if dia < 0:
            self.inicial = por_tramo
            return
        self.cartera[:, dia] = por_tramo
        self.abiertas[:, dia] = abiertas
        cobrado = sim.cobrado_por_dia.get(dia)
        self.cobrado[:, dia] = 0.0 if cobrado is None else cobrado / 100.0
        self.ventas[:, dia] = sim.ventas_hoy / 100.0
        self.cola[:, dia] = sim.mesa.en_cola

    def cerrar(self, rep: int = 0) -> Series:
        """Las series terminadas de una réplica."""
        return Series(cartera_por_tramo=self.cartera[rep], cobrado=self.cobrado[rep],
                      ventas_credito=self.ventas[rep], facturas_abiertas=self.abiertas[rep],
                      cartera_inicial_por_tramo=self.inicial[rep], cola_llamadas=self.cola[rep])
