"""La mesa de cobranza: los cobradores como un recurso SimPy con cola por prioridad.

Las llamadas que no caben en la capacidad del día esperan en la cola; cuando un cobrador se
libera, atiende la de mayor prioridad (a igual prioridad, la más antigua). La duración de cada
llamada es fija (1 / llamadas por día) o exponencial con esa media (para validar contra Erlang C).
Las esperas se anotan en una lista simple (el monitoreo queda fuera del motor).
"""

from __future__ import annotations

import numpy as np
import simpy


class Mesa:
    """Cobradores como ``simpy.PriorityResource``.

    Args:
        env: entorno SimPy (tiempo en días).
        cobradores: número de cobradores (capacidad del recurso).
        duracion_media: días que dura una llamada.
        rng: generador para duraciones exponenciales (si se pide).
        exponencial: si la duración es exponencial en vez de fija.
    """

    def __init__(self, env: simpy.Environment, *, cobradores: int, duracion_media: float,
                 rng: np.random.Generator | None = None, exponencial: bool = False) -> None:
        if exponencial and rng is None:
            raise ValueError("una duración exponencial necesita un generador aleatorio")
        self.env = env
        self.recurso = simpy.PriorityResource(env, capacity=max(1, cobradores))
        self.duracion_media = duracion_media
        self.rng = rng
        self.exponencial = exponencial
        self.esperas: list[float] = []

    def duracion(self) -> float:
        """Duración de la próxima llamada, en días."""
        if self.exponencial and self.rng is not None:
            return float(self.rng.exponential(self.duracion_media))
        return self.duracion_media

    @property
    def en_cola(self) -> int:
        """Llamadas esperando un cobrador."""
        return len(self.recurso.queue)
