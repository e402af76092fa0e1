"""Flujos aleatorios con nombre por réplica (números aleatorios comunes).

Cada fuente de aleatoriedad (clientes, facturas, pagos, disputas, shocks...) tiene su propio
generador, derivado de la semilla, del número de réplica y de un código estable del nombre de la
fuente. Así, agregar una fuente nueva no cambia las demás, y dos políticas corridas con la misma
semilla y réplica ven los mismos clientes, facturas y shocks. No hay estado aleatorio global.
"""

from __future__ import annotations

import zlib

import numpy as np

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

    def de_cliente(self, fuente: str, cliente: int) -> np.random.Generator:
        """Generador propio de un cliente para una fuente (p. ej. el resultado de sus llamadas).

        Así, lo que le pasa a un cliente no depende de cuántas veces se sorteó para otros: quitar
        o agregar una gestión a un cliente no cambia los sorteos de los demás.
        """
        clave = f"{fuente}#{cliente}"
        gen = self._generadores.get(clave)
        if gen is None:
            sec = np.random.SeedSequence(entropy=self.semilla, spawn_key=(
                self.replica, codigo_fuente(fuente), int(cliente)))
            gen = np.random.Generator(np.random.PCG64(sec))
            self._generadores[clave] = gen
        return gen

    def __getitem__(self, fuente: str) -> np.random.Generator:
        gen = self._generadores.get(fuente)
        if gen is None:
            sec = secuencia(self.semilla, self.replica, fuente)
            gen = np.random.Generator(np.random.PCG64(sec))
            self._generadores[fuente] = gen
        return gen
