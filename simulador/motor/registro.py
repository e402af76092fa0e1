"""Acumuladores del libro contable, de los costos y de los eventos durante una corrida.

Guardan bloques de arreglos (operaciones vectorizadas del día) y filas sueltas (procesos SimPy)
y los juntan al final. Los montos van en centavos enteros.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from simulador.orden import orden_estable
from simulador.resultado import COD, TIPOS_COSTO, Costos, Libro

TIPOS_EVENTO: tuple[str, ...] = (
    "emision", "pago", "pago_parcial", "recordatorio", "llamada", "sin_contacto", "promesa",
    "promesa_cumplida", "promesa_rota", "plan", "cuota", "plan_roto", "plan_completo",
    "suspension", "agencia", "legal", "castigo", "disputa", "disputa_resuelta", "dificultad",
    "recuperacion", "quiebra", "baja", "bloqueo", "rechazo", "prepago", "prorroga", "cargo",
    "descuento", "alerta", "debito_directo", "accion_entrenamiento", "recupero",
)
"""Tipos de evento de la historia de un cliente. «recuperacion» es el cliente que sale de su
dificultad; «recupero», lo que cobran la agencia o la vía legal."""
COD_EVENTO = {t: i for i, t in enumerate(TIPOS_EVENTO)}
COD_COSTO = {t: i for i, t in enumerate(TIPOS_COSTO)}


def _repetir(bloques: list[Any], campo: int, tipo: type, tamanos: np.ndarray) -> np.ndarray:
    """El valor escalar ``campo`` de cada bloque, repetido una vez por cada fila del bloque."""
    return np.repeat(np.array([b[campo] for b in bloques], tipo), tamanos)


class RegistroLibro:
    """Acumula movimientos del libro: bloques de un día y un tipo (el cliente sale de la factura
    al cerrar, así que no se guarda por fila)."""

    def __init__(self) -> None:
        self._bloques: list[tuple[int, int, np.ndarray, np.ndarray]] = []
        self._cerrado: Libro | None = None

    def bloque(self, dia: int, facturas: np.ndarray, tipo: str, centavos: np.ndarray) -> None:
        """Agrega un movimiento por factura (se omiten los montos cero)."""
        m = centavos > 0
        if not m.any():
            return
        self._bloques.append((dia, COD[tipo], facturas[m].astype(np.int64, copy=False),
                              centavos[m].astype(np.int64, copy=False)))

    def cerrar(self, cliente_de_factura: np.ndarray) -> Libro:
        """Junta todo en un ``Libro`` en orden de registro (que ya es el orden de los días).

        Los bloques se sueltan al cerrar; si se vuelve a cerrar, da el mismo libro.
        """
        if self._cerrado is not None:
            return self._cerrado
        tamanos = np.array([b[2].size for b in self._bloques], np.int64)
        dia = _repetir(self._bloques, 0, np.int32, tamanos)
        tipo = _repetir(self._bloques, 1, np.int8, tamanos)
        factura = np.concatenate([b[2] for b in self._bloques]) if self._bloques \
            else np.zeros(0, np.int64)
        centavos = np.concatenate([b[3] for b in self._bloques]) if self._bloques \
            else np.zeros(0, np.int64)
        self._bloques = []
        cliente = cliente_de_factura[factura].astype(np.int32)
        self._cerrado = Libro(dia, cliente, factura, tipo, centavos)
        return self._cerrado


class RegistroCostos:
    """Acumula costos de cobranza.

    Hay dos clases de anotaciones: los bloques (el mismo costo para varios clientes, del paso
    diario) y las filas con monto propio (las comisiones de la agencia). Al cerrar, dentro de
    cada día van primero los bloques y después las filas, cada clase en su orden de llegada.
    """

    def __init__(self) -> None:
        self._filas: list[tuple[np.ndarray, ...]] = []
        self._bloques: list[tuple[int, np.ndarray, int, int]] = []  # día, clientes, tipo, monto
        self._cerrados: tuple[np.ndarray, ...] | None = None

    def filas(self, dia: int, clientes: np.ndarray, tipo: str, centavos: np.ndarray) -> None:
        """Agrega un costo con monto propio por cliente (se omiten los montos cero)."""
        m = centavos > 0
        if m.any():
            k = int(m.sum())
            self._filas.append((np.full(k, dia, np.int32), clientes[m].astype(np.int32),
                                np.full(k, COD_COSTO[tipo], np.int8),
                                centavos[m].astype(np.int64)))

    def bloque(self, dia: int, clientes: np.ndarray, tipo: str, centavos: int) -> None:
        """Agrega el mismo costo para varios clientes (se expande al cerrar)."""
        if centavos > 0 and clientes.size:
            self._bloques.append((dia, clientes.astype(np.int32), COD_COSTO[tipo], centavos))

    def _bloques_expandidos(self) -> tuple[np.ndarray, ...]:
        tamanos = np.array([b[1].size for b in self._bloques], np.int64)
        clientes = np.concatenate([b[1] for b in self._bloques]) if self._bloques \
            else np.zeros(0, np.int32)
        return (_repetir(self._bloques, 0, np.int32, tamanos), clientes,
                _repetir(self._bloques, 2, np.int8, tamanos),
                _repetir(self._bloques, 3, np.int64, tamanos))

    def cerrar(self) -> Costos:
        """Junta todo en ``Costos`` (ordenado por día, estable)."""
        partes = ([self._cerrados] if self._cerrados is not None else []) \
            + [self._bloques_expandidos()] + self._filas
        cols = [np.concatenate([p[i] for p in partes]) for i in range(4)]
        del partes
        self._bloques, self._filas = [], []  # libera los bloques (ver RegistroLibro.cerrar)
        orden = orden_estable(cols[0])
        for i in range(4):
            cols[i] = cols[i][orden]
        self._cerrados = tuple(cols)
        return Costos(*cols)


class RegistroEventos:
    """Acumula eventos para la historia de cada cliente (opcional: cuesta tiempo)."""

    def __init__(self, activo: bool) -> None:
        self.activo = activo
        self._filas: list[tuple[int, int, int, int, str]] = []
        self._bloques: list[tuple[np.ndarray, ...]] = []
        self._detalles: list[str] = []

    def fila(self, dia: int, cliente: int, factura: int, tipo: str, detalle: str = "") -> None:
        """Agrega un evento."""
        if self.activo:
            self._filas.append((dia, cliente, factura, COD_EVENTO[tipo], detalle))

    def bloque(self, dia: int, clientes: np.ndarray, facturas: np.ndarray | None, tipo: str,
               detalle: str = "") -> None:
        """Agrega el mismo tipo de evento (y detalle) para varias facturas o clientes.

        ``facturas`` None: eventos del cliente, sin factura (-1).
        """
        if self.activo and clientes.size:
            k = clientes.size
            fac = np.full(k, -1, np.int64) if facturas is None else facturas.astype(np.int64)
            self._bloques.append((np.full(k, dia, np.int32), clientes.astype(np.int32), fac,
                                  np.full(k, COD_EVENTO[tipo], np.int8)))
            self._detalles.append(detalle)

    def cerrar(self) -> pd.DataFrame:
        """Tabla de eventos ordenada por día."""
        columnas = ["dia", "cliente", "factura", "tipo", "detalle"]
        partes = list(self._bloques)
        detalles: list[np.ndarray] = [np.full(b[0].size, d, dtype=object)
                                      for b, d in zip(partes, self._detalles, strict=True)]
        if self._filas:
            f = self._filas
            partes.append((np.array([x[0] for x in f], np.int32),
                           np.array([x[1] for x in f], np.int32),
                           np.array([x[2] for x in f], np.int64),
                           np.array([x[3] for x in f], np.int8)))
            detalles.append(np.array([x[4] for x in f], dtype=object))
        if not partes:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in columnas})
        cols = [np.concatenate([p[i] for p in partes]) for i in range(4)]
        tabla = pd.DataFrame({
            "dia": cols[0], "cliente": cols[1], "factura": cols[2],
            "tipo": np.asarray(TIPOS_EVENTO, dtype=object)[cols[3].astype(int)],
            "detalle": np.concatenate(detalles),
        })
        return tabla.sort_values(["dia", "cliente"], kind="stable").reset_index(drop=True)
