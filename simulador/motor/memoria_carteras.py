"""Carteras ya sorteadas, guardadas en cada proceso para no volver a sortearlas.

La cartera depende solo del escenario, la semilla y las réplicas, no de la política: comparar
políticas, o repetir una comparación en la app cambiando la alternativa, vuelve a pedir la misma.
Sortearla y apilarla es cerca de un 10 % de una réplica del escenario de la pyme.

La simulación solo lee la cartera (``tests/test_memoria_carteras.py`` lo comprueba con todas las
políticas incluidas), así que una cartera guardada se comparte tal cual entre corridas. Se guardan
pocas y chicas: las de corridas grandes no se guardan, y su corrida puede soltarlas al cerrar.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import fields

from simulador.aleatoriedad import Flujos
from simulador.config import Escenario
from simulador.motor.cartera import Cartera, apilar, generar_cartera

LIMITE_BYTES = 256 * 2**20
"""Memoria que pueden ocupar entre todas las carteras guardadas de un proceso."""
MAYOR_GUARDABLE = LIMITE_BYTES // 2
"""Una cartera más grande que esto no se guarda (la escala: cientos de MB)."""

_Clave = tuple[Escenario, int, tuple[int, ...]]
_guardadas: OrderedDict[_Clave, tuple[Cartera, int]] = OrderedDict()
_candado = threading.Lock()


def bytes_de(cartera: Cartera) -> int:
    """Memoria que ocupan los arreglos de una cartera."""
    return sum(getattr(cartera, c.name).nbytes for c in fields(Cartera))


def cartera_apilada(escenario: Escenario, semilla: int, replicas: Sequence[int]
                    ) -> tuple[Cartera, bool]:
    """La cartera apilada de esas réplicas, y si es compartida (guardada para otras corridas).

    Una cartera compartida no debe modificarse ni soltarse. La misma clave da siempre la misma
    cartera, sorteada con los flujos de la semilla y cada réplica (lo mismo que sin guardar).
    """
    clave: _Clave = (escenario, int(semilla), tuple(int(r) for r in replicas))
    with _candado:
        guardada = _guardadas.get(clave)
        if guardada is not None:
            _guardadas.move_to_end(clave)
            return guardada[0], True
    cartera = apilar([generar_cartera(escenario, Flujos(semilla, r)) for r in clave[2]])
    tam = bytes_de(cartera)
    if tam > MAYOR_GUARDABLE:
        return cartera, False
    with _candado:
        _guardadas[clave] = (cartera, tam)
        _guardadas.move_to_end(clave)
        while sum(t for _, t in _guardadas.values()) > LIMITE_BYTES:
            _guardadas.popitem(last=False)
    return cartera, True


def olvidar() -> None:
    """Suelta todas las carteras guardadas de este proceso."""
    with _candado:
        _guardadas.clear()


def guardadas() -> int:
    """Cuántas carteras hay guardadas en este proceso."""
    with _candado:
        return len(_guardadas)
