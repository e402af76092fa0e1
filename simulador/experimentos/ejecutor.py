"""Ejecución de tareas independientes en serie, en procesos locales o en un clúster Dask.

Cada tarea lleva su semilla y su número de réplica, así que el resultado no depende de cuántos
trabajadores haya ni del orden en que terminen: se devuelven siempre en el orden de las tareas.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Progreso = Callable[[int, int], None]
"""Función que recibe (hechas, total) para mostrar avance."""


def trabajadores_por_defecto() -> int:
    """Núcleos disponibles para este proceso."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - plataformas sin sched_getaffinity
        return max(1, os.cpu_count() or 1)


def _sin_gc(funcion: Callable[[T], R], tarea: T) -> R:
    """Corre una tarea con el recolector de basura en pausa (los arreglos no forman ciclos)."""
    activo = gc.isenabled()
    gc.disable()
    try:
        return funcion(tarea)
    finally:
        if activo:
            gc.enable()


class _Llamador:
    """Envoltorio serializable que corre una tarea sin recolector de basura."""

    def __init__(self, funcion: Callable[[Any], Any]) -> None:
        self.funcion = funcion

    def __call__(self, tarea: Any) -> Any:
        return _sin_gc(self.funcion, tarea)


_POOL: ProcessPoolExecutor | None = None
_POOL_N = 0


def _pool(n: int) -> ProcessPoolExecutor:
    """Un grupo de procesos reutilizable (crearlo cuesta; la app lo mantiene vivo)."""
    global _POOL, _POOL_N
    if _POOL is None or n != _POOL_N:
        if _POOL is not None:
            _POOL.shutdown(cancel_futures=True)
        # forkserver: los trabajadores nacen de un proceso limpio, sin heredar sockets ni hilos
        # del proceso que los pide (con fork, un servidor web deja conexiones colgadas)
        metodo = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        contexto = mp.get_context(metodo)
        if metodo == "forkserver":
            contexto.set_forkserver_preload(["simulador.experimentos.precarga"])
        _POOL = ProcessPoolExecutor(max_workers=n, mp_context=contexto)
        _POOL_N = n
    return _POOL


def mapear(funcion: Callable[[T], R], tareas: Sequence[T], *, trabajadores: int | None = None,
           progreso: Progreso | None = None, motor: str = "procesos",
           direccion_dask: str | None = None) -> list[R]:
    """Aplica ``funcion`` a cada tarea y devuelve los resultados en el orden de las tareas.

    Args:
        funcion: función de nivel de módulo (serializable).
        tareas: lista de tareas.
        trabajadores: procesos locales (1 = en este proceso; vacío = todos los núcleos).
        progreso: se llama con (hechas, total) a medida que terminan.
        motor: "procesos" (local) o "dask" (un clúster Dask existente o local).
        direccion_dask: dirección del planificador Dask (vacío = clúster local).
    """
    total = len(tareas)
    n = trabajadores or trabajadores_por_defecto()
    llamador = _Llamador(funcion)
    if motor == "dask":
        return _mapear_dask(llamador, tareas, direccion_dask, progreso)
    if motor != "procesos":
        raise ValueError(f"motor desconocido '{motor}': use 'procesos' o 'dask'")
    if n <= 1 or total <= 1:
        salida = []
        for i, t in enumerate(tareas):
            salida.append(llamador(t))
            if progreso:
                progreso(i + 1, total)
        return salida
    pool = _pool(n)
    futuros = [pool.submit(llamador, t) for t in tareas]
    resultados: list[R] = []
    for i, fut in enumerate(futuros):
        resultados.append(fut.result())
        if progreso:
            progreso(i + 1, total)
    return resultados


def _mapear_dask(llamador: Callable[[T], R], tareas: Iterable[T], direccion: str | None,
                 progreso: Progreso | None) -> list[R]:
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depende de la instalación
        raise RuntimeError(
            "el motor dask necesita el extra 'distribuido': pip install 'simulador-cobranza"
            "[distribuido]'"
        ) from exc
    lista = list(tareas)
    cluster = None
    if direccion:
        cliente = Client(direccion)
    else:
        # "fork" evita que cada trabajador vuelva a importar el programa principal
        metodo = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        with dask.config.set({"distributed.worker.multiprocessing-method": metodo}):
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        cliente = Client(cluster)
    try:
        futuros = cliente.map(llamador, lista, pure=False)
        salida = []
        for i, fut in enumerate(futuros):
            salida.append(fut.result())
            if progreso:
                progreso(i + 1, len(lista))
        return salida
    finally:
        cliente.close()
        if cluster is not None:
            cluster.close()
