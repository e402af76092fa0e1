"""Flujos aleatorios con nombre por réplica (números aleatorios comunes).

Cada fuente de aleatoriedad (clientes, facturas, pagos, disputas, shocks...) tiene su propio
generador, derivado de la semilla, del número de réplica y de un código estable del nombre de la
fuente. Así, agregar una fuente nueva no cambia las demás, y dos políticas corridas con la misma
semilla y réplica ven los mismos clientes, facturas y shocks. No hay estado aleatorio global.
"""

from __future__ import annotations

import functools
import zlib

import numpy as np
from numba import njit

FUENTES: tuple[str, ...] = (
    "clientes", "facturas", "pagos", "disputas", "dificultad", "rotacion", "postulantes",
    "llamadas", "planes", "escalada", "markov",
)
"""Fuentes conocidas (informativo: cualquier nombre sirve y no altera a las demás)."""


def codigo_fuente(nombre: str) -> int:
    """Código estable (independiente de la máquina y de la versión de Python) de una fuente."""
    return zlib.crc32(nombre.encode("utf-8"))


def secuencia(semilla: int, replica: int, fuente: str) -> np.random.SeedSequence:
    """La ``SeedSequence`` de una fuente en una réplica."""
    if semilla < 0 or replica < 0:
        raise ValueError("la semilla y la réplica deben ser enteros no negativos")
    return np.random.SeedSequence(entropy=semilla, spawn_key=(replica, codigo_fuente(fuente)))


class Flujos:
    """Generadores con nombre de una réplica; cada uno se crea al pedirlo por primera vez."""

    def __init__(self, semilla: int, replica: int = 0) -> None:
        self.semilla = int(semilla)
        self.replica = int(replica)
        self._generadores: dict[str, np.random.Generator] = {}

    def __getitem__(self, fuente: str) -> np.random.Generator:
        gen = self._generadores.get(fuente)
        if gen is None:
            sec = secuencia(self.semilla, self.replica, fuente)
            gen = np.random.Generator(np.random.PCG64(sec))
            self._generadores[fuente] = gen
        return gen


_MASCARA = (1 << 64) - 1
_PASO_REPLICA = np.uint64(0x9E3779B97F4A7C15)
_PASO_CLIENTE = np.uint64(0xD1B54A32D192ED03)
_PASO_CONTADOR = np.uint64(0xAEF17502108EF2D9)
_PASO_SORTEO = np.uint64(0xF1357AEA2E62A9C5)


def _mezclar(x: np.ndarray) -> np.ndarray:
    """Finalizador de SplitMix64 sobre enteros sin signo de 64 bits (aritmética modular)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@functools.lru_cache(maxsize=256)
def _base(semilla: int, fuente: str) -> np.uint64:
    x = np.array([(int(semilla) * 0x9E3779B97F4A7C15 + codigo_fuente(fuente)) & _MASCARA],
                 np.uint64)
    return np.uint64(_mezclar(_mezclar(x))[0])


def uniformes(semilla: int, fuente: str, replica: np.ndarray | int, cliente: np.ndarray | int,
              contador: np.ndarray | int, k: int = 1) -> np.ndarray:
    """Sorteos U(0,1) por contador: una función fija de (semilla, fuente, réplica, cliente, n.º).

    Es un generador basado en contador (SplitMix64): el sorteo j de la n-ésima gestión de un
    cliente no depende de cuántas veces se sorteó para otros clientes ni del orden de cálculo,
    así que se puede sortear para muchos clientes a la vez (réplicas apiladas) con el mismo
    resultado que uno por uno. Devuelve un arreglo de forma (n, k).
    """
    if (isinstance(replica, np.ndarray) and isinstance(cliente, np.ndarray)
            and isinstance(contador, np.ndarray)
            and all(a.ndim == 1 and a.dtype.kind in "iu" and a.size == cliente.size
                    for a in (replica, cliente, contador))):
        # el camino del motor: arreglos enteros del mismo largo (sin difundir ni copiar de más);
        # pasar a 64 bits sin signo es el mismo módulo 2**64 que en el camino general
        rep, cli, cont = (np.ascontiguousarray(a.astype(np.int64, copy=False).view(np.uint64))
                          for a in (replica, cliente, contador))
    else:
        rep = np.atleast_1d(np.asarray(replica, dtype=np.int64)).astype(np.uint64)
        cli = np.atleast_1d(np.asarray(cliente, dtype=np.int64)).astype(np.uint64)
        cont = np.atleast_1d(np.asarray(contador, dtype=np.int64)).astype(np.uint64)
        rep, cli, cont = (np.ascontiguousarray(a) for a in np.broadcast_arrays(rep, cli, cont))
    return _uniformes_compilado(_base(semilla, fuente), rep, cli, cont, k)


@njit(cache=True, nogil=True)
def _uniformes_compilado(base: np.uint64, rep: np.ndarray, cli: np.ndarray, cont: np.ndarray,
                         k: int) -> np.ndarray:  # pragma: no cover - compilado
    """El mismo cálculo que ``_mezclar`` sobre arreglos, en un bucle compilado (bit a bit igual:
    aritmética entera de 64 bits sin signo, módulo 2**64)."""
    salida = np.empty((rep.shape[0], k))
    escala = 1.0 / (1 << 53)
    for i in range(rep.shape[0]):
        x = (base + rep[i] * _PASO_REPLICA) ^ (cli[i] * _PASO_CLIENTE)
        x = _mezclar_uno(x + cont[i] * _PASO_CONTADOR)
        for j in range(k):
            y = _mezclar_uno(x + np.uint64(j + 1) * _PASO_SORTEO)
            salida[i, j] = np.float64(y >> np.uint64(11)) * escala
    return salida


@njit(cache=True, nogil=True)
def _mezclar_uno(x: np.uint64) -> np.uint64:  # pragma: no cover - compilado
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _mezclar_int(x: int) -> int:
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & _MASCARA
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & _MASCARA
    return x ^ (x >> 31)


def uniforme(semilla: int, fuente: str, replica: int, cliente: int, contador: int,
             j: int = 0) -> float:
    """Un solo sorteo, idéntico a ``uniformes(...)[0, j]`` pero sin arreglos (más rápido)."""
    base = int(_base(semilla, fuente))
    x = ((base + replica * int(_PASO_REPLICA)) & _MASCARA) ^ (
        (cliente * int(_PASO_CLIENTE)) & _MASCARA)
    x = _mezclar_int((x + contador * int(_PASO_CONTADOR)) & _MASCARA)
    y = _mezclar_int((x + (j + 1) * int(_PASO_SORTEO)) & _MASCARA)
    return (y >> 11) * (1.0 / (1 << 53))
