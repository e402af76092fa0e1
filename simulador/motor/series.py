"""Series diarias del horizonte: cartera por tramo de atraso, cobranza, ventas, cola.

Cobranza, ventas y cola se anotan al cierre de cada día. La cartera por tramo y las facturas
abiertas se reconstruyen al final desde el libro (cada movimiento suma a su tramo desde su día
hasta que la factura cambia de tramo) y desde los días de emisión y cierre: da exactamente lo
mismo que contarlas cada día, sin recorrer todas las facturas abiertas cada día.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulador.metricas.libro import de_tipo
from simulador.motor import nucleo
from simulador.motor.estado import INF, NO_EMITIDA
from simulador.resultado import COD, FACTURADO, TRAMOS, Libro, Series

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion

LIMITES_TRAMOS = np.array([0, 30, 60, 90])
"""Un atraso de d días cae en el tramo searchsorted(LIMITES_TRAMOS, d, 'left')."""

_GRANDE = 10**12
_DESDE_TRAMO = np.array([-_GRANDE, *(LIMITES_TRAMOS + 1)], np.int64)
"""Primer atraso (días) de cada tramo: el tramo k va de _DESDE_TRAMO[k] a _HASTA_TRAMO[k]."""
_HASTA_TRAMO = np.array([*LIMITES_TRAMOS, _GRANDE], np.int64)
_SIGNO_TIPO = np.where(de_tipo(np.arange(len(COD)), FACTURADO), 1, -1).astype(np.int64)
"""Signo de cada tipo de movimiento del libro en el saldo: +1 lo facturado, -1 lo demás."""
_TROZO = 1 << 20
"""Filas del libro por trozo al reconstruir la cartera (acota la memoria)."""


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
        self.horizonte = horizonte
        self.replicas = replicas
        self.cartera = np.zeros((replicas, horizonte, k))
        self.inicial = np.zeros((replicas, k))
        self.cobrado = np.zeros((replicas, horizonte))
        self.ventas = np.zeros((replicas, horizonte))
        self.abiertas = np.zeros((replicas, horizonte), np.int64)
        self.cola = np.zeros((replicas, horizonte), np.int64)
        self.prorrogas: list[tuple[int, np.ndarray, np.ndarray]] = []

    def registrar(self, sim: Simulacion, dia: int) -> None:
        """Cierra el día ``dia``: cobranza, ventas y cola (la cartera sale de ``reconstruir``)."""
        if dia < 0:
            return
        cobrado = sim.cobrado_por_dia.get(dia)
        self.cobrado[:, dia] = 0.0 if cobrado is None else cobrado / 100.0
        self.ventas[:, dia] = sim.ventas_hoy / 100.0
        self.cola[:, dia] = sim.mesa.en_cola

    def prorroga(self, dia: int, facturas: np.ndarray, venc_anterior: np.ndarray) -> None:
        """Anota que esas facturas cambiaron de vencimiento el día ``dia`` (desde ese cierre)."""
        if facturas.size:
            self.prorrogas.append((dia, facturas.copy(), venc_anterior.copy()))

    def reconstruir(self, sim: Simulacion, libro: Libro) -> None:
        """Cartera por tramo (con la inicial, al cierre del día -1) y facturas abiertas de cada
        día, desde el libro y los días de emisión y cierre de cada factura.

        Sin prórrogas (fuera de la capacitación) el libro se suma en una pasada compilada, sin
        arreglos intermedios; con prórrogas, en trozos para no multiplicar la memoria.
        """
        f, rep_de = sim.f, sim.cartera.c_rep
        h, r, k = self.horizonte, self.replicas, len(TRAMOS)
        columnas = h + 2  # columna 0: día -1; columna h + 1: fuera del horizonte
        cambios: dict[int, list[tuple[int, int]]] = {}  # factura -> [(día, vencimiento anterior)]
        for dia, facturas, anterior in self.prorrogas:
            for i, v in zip(facturas.tolist(), anterior.tolist(), strict=True):
                cambios.setdefault(i, []).append((dia, v))
        diff = np.zeros(r * k * columnas, np.int64)
        if not cambios:  # sin prórrogas (fuera de la capacitación): una pasada compilada
            nucleo.sumar_tramos_libro(libro.dia, libro.factura, libro.tipo, libro.centavos,
                                      _SIGNO_TIPO, f.dia_venc, f.dia_cierre, rep_de, r > 1, -INF,
                                      _GRANDE, _DESDE_TRAMO, _HASTA_TRAMO, h, diff)
        for a in range(0, libro.dia.size if cambios else 0, _TROZO):
            b = min(libro.dia.size, a + _TROZO)
            factura = libro.factura[a:b]
            signo = np.where(de_tipo(libro.tipo[a:b], FACTURADO), 1, -1)
            desde, hasta, venc, monto, fila = _segmentos(
                libro.dia[a:b].astype(np.int64), factura, signo * libro.centavos[a:b],
                f.dia_venc, f.dia_cierre, cambios)
            rep = rep_de[factura[fila]].astype(np.int64) if r > 1 \
                else np.zeros(fila.size, np.int64)
            nucleo.sumar_tramos(desde, hasta, venc, monto, rep, _DESDE_TRAMO, _HASTA_TRAMO, h,
                                diff)
        saldo = np.cumsum(diff.reshape(r, k, columnas), axis=2)
        self.inicial = saldo[:, :, 0] / 100.0
        self.cartera = np.ascontiguousarray(saldo[:, :, 1:h + 1].transpose(0, 2, 1)) / 100.0
        emitidas = np.flatnonzero(f.estado != NO_EMITIDA)
        cerrada = f.dia_cierre[emitidas] > -INF
        rep_f = rep_de[emitidas] if r > 1 else np.zeros(emitidas.size, np.int64)
        # emitidas menos cerradas por (réplica, día): conteos enteros (bincount, sin np.add.at)
        cierre = f.dia_cierre[emitidas][cerrada]
        cuenta = (np.bincount(rep_f * columnas + np.clip(f.dia_emision[emitidas], -1, h) + 1,
                              minlength=r * columnas)
                  - np.bincount(rep_f[cerrada] * columnas + np.clip(cierre, -1, h) + 1,
                                minlength=r * columnas)).astype(np.int64)
        self.abiertas = np.cumsum(cuenta.reshape(r, columnas), axis=1)[:, 1:h + 1]

    def cerrar(self, rep: int = 0) -> Series:
        """Las series terminadas de una réplica."""
        return Series(cartera_por_tramo=self.cartera[rep], cobrado=self.cobrado[rep],
                      ventas_credito=self.ventas[rep], facturas_abiertas=self.abiertas[rep],
                      cartera_inicial_por_tramo=self.inicial[rep], cola_llamadas=self.cola[rep])


def _segmentos(dia: np.ndarray, factura: np.ndarray, monto: np.ndarray, venc_final: np.ndarray,
               dia_cierre: np.ndarray, cambios: dict[int, list[tuple[int, int]]]
               ) -> tuple[np.ndarray, ...]:
    """Segmentos (desde, hasta, vencimiento, monto, fila) en que cada movimiento del libro pesa
    sobre el saldo: desde su día hasta el cierre de su factura (desde ahí el saldo es cero), con el
    vencimiento vigente a cada cierre. Las prórrogas, que solo ocurren en capacitación, parten el
    segmento de las facturas que movieron."""
    n = dia.size
    fila = np.arange(n)
    cierre = dia_cierre[factura].astype(np.int64)
    hasta = np.where(cierre > -INF, cierre, _GRANDE)
    venc = venc_final[factura].astype(np.int64)
    if not cambios:
        return dia, hasta, venc, monto, fila
    movidas = np.isin(factura, np.fromiter(cambios, np.int64))
    extra: list[tuple[int, int, int, int]] = []
    for j in np.flatnonzero(movidas).tolist():
        i, t = int(factura[j]), int(dia[j])
        dias = [d for d, _ in cambios[i]] + [_GRANDE]  # (día, vencimiento anterior), por día
        vencs = [v for _, v in cambios[i]] + [int(venc_final[i])]
        inicio = -_GRANDE
        for d, v in zip(dias, vencs, strict=True):
            a, b = max(t, inicio), min(d, int(hasta[j]))
            if a < b:
                extra.append((a, b, v, j))
            inicio = d
    quedan = ~movidas
    e = np.array(extra, np.int64).reshape(-1, 4)
    return (np.concatenate([dia[quedan], e[:, 0]]), np.concatenate([hasta[quedan], e[:, 1]]),
            np.concatenate([venc[quedan], e[:, 2]]),
            np.concatenate([monto[quedan], monto[e[:, 3]]]),
            np.concatenate([fila[quedan], e[:, 3]]))
