"""Recorridos diarios de las facturas abiertas, compilados con numba.

Cada día el motor mira todas las facturas abiertas varias veces (castigo, lista de abiertas; los
pagos, el seguimiento y las facturas de ciertos clientes están en ``nucleo_pagos``,
``nucleo_seguimiento`` y ``nucleo_clientes``). Hechos con numpy, cada mirada son varias
pasadas con arreglos intermedios; acá cada una es un solo bucle. Las cuentas son exactamente las
mismas, en el mismo orden y con la misma aritmética de punto flotante (sin
``fastmath``), así que el resultado es idéntico bit a bit al de la versión con numpy.

Las funciones se compilan la primera vez que se usan en cada proceso (con caché en disco: la
compilación se hace una sola vez por máquina).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

_opciones: dict[str, Any] = {"cache": True, "nogil": True}


@njit(**_opciones)
def compactar(ids: np.ndarray, clientes: np.ndarray, estado: np.ndarray, abierta: int
              ) -> tuple[np.ndarray, np.ndarray, int]:  # pragma: no cover - compilado
    """Las facturas de ``ids`` que siguen abiertas, con su cliente (misma alineación).

    Devuelve dos búferes nuevos del largo de ``ids`` y cuántas quedan: son las primeras ``k``;
    el lugar que sobra sirve para las emisiones siguientes (``EstadoFacturas.anexar_abiertas``).
    """
    nuevas = np.empty(ids.size, ids.dtype)
    sus_clientes = np.empty(ids.size, clientes.dtype)
    k = 0
    for j in range(ids.size):
        if estado[ids[j]] == abierta:
            nuevas[k] = ids[j]
            sus_clientes[k] = clientes[j]
            k += 1
    return nuevas, sus_clientes, k


def calentar() -> None:
    """Compila (o carga de la caché) cada recorrido con los tipos que usa el motor.

    Los trabajadores de los experimentos nacen de un proceso que ya lo hizo, así que no pagan la
    compilación en cada comparación.
    """
    from simulador.aleatoriedad import uniformes
    from simulador.motor.estado import ABIERTA, INF, EstadoClientes, EstadoFacturas

    uniformes(1, "calentar", 0, np.zeros(1, np.int64), 0, 2)

    f, c = EstadoFacturas(2), EstadoClientes(1, 0.5)
    ids = np.zeros(1, np.int64)
    clientes = np.zeros(1, np.int32)
    compactar(ids, clientes, f.estado, ABIERTA)
    uno = np.zeros(1, np.int64)
    escanear_clientes(c.confianza, c.en_dificultad, c.dificultad_hasta, c.prox_dificultad, 0)
    sumar_tramos(uno, uno, uno, uno, uno, uno, uno, 1, np.zeros(3, np.int64))
    i32, i8 = np.zeros(1, np.int32), np.zeros(1, np.int8)
    sumar_tramos_libro(i32, uno, i8, uno, uno, i32, i32, i32, True, -INF, 1, uno, uno, 1,
                       np.zeros(3, np.int64))
    unicos(uno)
    unicos(clientes)
    cero = np.zeros(1)
    buscar_derecha(np.zeros(2), cero)
    rango_en_grupo(uno, 1)
    saldar(ids, cero, 0.5, f.saldo_p, f.saldo_c, f.cobrado, f.cargos_cobrados,
           f.cargos_condonados, f.estado, f.dia_cierre, 0, 2)
    sumar_por_replica(clientes, uno, uno, 1)
    particion_estable(clientes, 1)
    elegir_llamadas(uno, uno, cero, 1, 1)
    partir_libro(clientes, uno, uno, 1, i32, i32, uno, i8, uno)
    partir_costos(clientes, uno, 1, i32, i32, i8, uno, i32, 0, 0)

    from simulador.motor import (  # importan este módulo
        nucleo_clientes,
        nucleo_emision,
        nucleo_pagos,
        nucleo_seguimiento,
    )

    nucleo_clientes.calentar()
    nucleo_emision.calentar()
    nucleo_pagos.calentar()
    nucleo_seguimiento.calentar()


@njit(**_opciones)
def sumar_tramos(desde: np.ndarray, hasta: np.ndarray, venc: np.ndarray, monto: np.ndarray,
                 rep: np.ndarray, desde_tramo: np.ndarray, hasta_tramo: np.ndarray, h: int,
                 diff: np.ndarray) -> None:  # pragma: no cover - compilado
    """Suma a ``diff`` (réplica, tramo, columna) cada segmento de saldo en los días de cada tramo.

    Un segmento pesa ``monto`` en los cierres de ``desde`` a ``hasta - 1``; en el cierre del día
    d está en el tramo cuyo atraso (d - venc) cae entre ``desde_tramo`` y ``hasta_tramo``. La
    columna 0 es el cierre del día -1 y la h + 1 queda fuera del horizonte (diferencias: +monto
    al entrar, -monto al salir).
    """
    for j in range(desde.size):
        _sumar_segmento(desde[j], hasta[j], venc[j], monto[j], rep[j], desde_tramo, hasta_tramo,
                        h, diff)


@njit(**_opciones)
def _sumar_segmento(desde: int, hasta: int, venc: int, monto: int, rep: int,
                    desde_tramo: np.ndarray, hasta_tramo: np.ndarray, h: int, diff: np.ndarray
                    ) -> None:  # pragma: no cover - compilado
    """Un segmento de ``sumar_tramos``."""
    if hasta < 0 or desde >= hasta or desde > h - 1:
        return
    k = desde_tramo.size
    columnas = h + 2
    for t in range(k):
        lo = max(max(desde, venc + desde_tramo[t]), -1)
        hi = min(min(hasta - 1, venc + hasta_tramo[t]), h - 1)
        if lo <= hi:
            base = (rep * k + t) * columnas
            diff[base + lo + 1] += monto
            diff[base + hi + 2] -= monto


@njit(**_opciones)
def sumar_tramos_libro(dia: np.ndarray, factura: np.ndarray, tipo: np.ndarray,
                       centavos: np.ndarray, signo_tipo: np.ndarray, venc_final: np.ndarray,
                       dia_cierre: np.ndarray, rep_de: np.ndarray, por_replica: bool,
                       sin_cierre: int, grande: int, desde_tramo: np.ndarray,
                       hasta_tramo: np.ndarray, h: int, diff: np.ndarray
                       ) -> None:  # pragma: no cover - compilado
    """``sumar_tramos`` de cada movimiento del libro, sin prórrogas, sin arreglos intermedios.

    Cada movimiento pesa ``signo_tipo[tipo] * centavos`` desde su día hasta el cierre de su
    factura (``grande`` si sigue abierta: ``dia_cierre <= sin_cierre``), con su vencimiento
    final; la réplica es la de su factura (0 si ``por_replica`` es falso). Lo mismo que
    ``series._segmentos`` sin cambios seguido de ``sumar_tramos``.
    """
    for j in range(dia.size):
        i = factura[j]
        cierre = np.int64(dia_cierre[i])
        hasta = cierre if cierre > sin_cierre else grande
        rep = np.int64(rep_de[i]) if por_replica else 0
        _sumar_segmento(np.int64(dia[j]), hasta, np.int64(venc_final[i]),
                        signo_tipo[tipo[j]] * centavos[j], rep, desde_tramo, hasta_tramo, h,
                        diff)


@njit(**_opciones)
def escanear_clientes(confianza: np.ndarray, en_dificultad: np.ndarray,
                      dificultad_hasta: np.ndarray, prox_dificultad: np.ndarray, dia: int
                      ) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compilado
    """Recorta la confianza a [0, 1] y devuelve, en orden, los clientes cuya dificultad temporal
    termina hoy y los que caen hoy en dificultad (con el estado del comienzo del día)."""
    termina = np.empty(confianza.size, np.int64)
    cae = np.empty(confianza.size, np.int64)
    nt = 0
    nc = 0
    for i in range(confianza.size):  # sin saltos: se vectoriza (-0,0 queda como está)
        x = confianza[i]
        confianza[i] = 0.0 if x < 0.0 else (1.0 if x > 1.0 else x)
    for i in range(confianza.size):
        if en_dificultad[i] and dificultad_hasta[i] <= dia:
            termina[nt] = i
            nt += 1
        if prox_dificultad[i] == dia:
            cae[nc] = i
            nc += 1
    return termina[:nt].copy(), cae[:nc].copy()


@njit(**_opciones)
def _unicos(valores: np.ndarray) -> np.ndarray:  # pragma: no cover - compilado
    orden = np.sort(valores)
    salida = np.empty_like(orden)
    k = 0
    for i in range(orden.size):
        if i == 0 or orden[i] != orden[i - 1]:
            salida[k] = orden[i]
            k += 1
    return salida[:k].copy()


def unicos(valores: np.ndarray) -> np.ndarray:
    """Lo mismo que ``np.unique(valores)`` para enteros (ordenados, sin repetir), sin el costo fijo
    de numpy en arreglos chicos: el motor lo llama miles de veces por corrida con pocos clientes."""
    if valores.dtype == np.int32 or valores.dtype == np.int64:
        return _unicos(valores)
    return np.unique(valores)


@njit(**_opciones)
def buscar_derecha(orden: np.ndarray, valores: np.ndarray) -> np.ndarray:  # pragma: no cover
    """``np.searchsorted(orden, valores, side="right")`` para ``orden`` creciente (no estricto)
    y casi lineal, como una masa acumulada: parte de la posición proporcional y camina.

    Con valores desordenados numpy hace una búsqueda binaria completa por valor (con saltos
    impredecibles); acá cada valor da unos pocos pasos. El resultado es el mismo.
    """
    n = orden.size
    salida = np.empty(valores.size, np.int64)
    if n == 0:
        salida[:] = 0
        return salida
    primero, ultimo = orden[0], orden[n - 1]
    escala = (n - 1) / (ultimo - primero) if ultimo > primero else 0.0
    for j in range(valores.size):
        x = valores[j]
        if not x >= primero:  # menor que todos (o NaN, que numpy ordena al final)
            salida[j] = n if x != x else 0
            continue
        if x >= ultimo:
            salida[j] = n
            continue
        g = int((x - primero) * escala)
        g = min(max(g, 0), n - 1)
        while g + 1 < n and orden[g + 1] <= x:
            g += 1
        while g > 0 and orden[g] > x:
            g -= 1
        salida[j] = g + 1
    return salida


@njit(**_opciones)
def saldar(ids: np.ndarray, u_cargos: np.ndarray, prob_paga_cargos: float, saldo_p: np.ndarray,
           saldo_c: np.ndarray, cobrado: np.ndarray, cargos_cobrados: np.ndarray,
           cargos_condonados: np.ndarray, estado: np.ndarray, dia_cierre: np.ndarray, dia: int,
           pagada: int) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compilado
    """Salda esas facturas (distintas) en una pasada; devuelve lo pagado y los cargos condonados.

    Paga el principal y, si su sorteo cae bajo ``prob_paga_cargos``, los cargos; los demás
    cargos se condonan. Ver ``dinero.saldar``, que anota el libro.
    """
    monto = np.empty(ids.size, np.int64)
    condonado = np.empty(ids.size, np.int64)
    for j in range(ids.size):
        i = ids[j]
        cargos = saldo_c[i]
        pagados = cargos if u_cargos[i] < prob_paga_cargos else 0
        monto[j] = saldo_p[i] + pagados
        condonado[j] = cargos - pagados
        cobrado[i] += monto[j]
        cargos_cobrados[i] += pagados
        cargos_condonados[i] += condonado[j]
        saldo_p[i] = 0
        saldo_c[i] = 0
        estado[i] = pagada
        dia_cierre[i] = dia
    return monto, condonado


@njit(**_opciones)
def rango_en_grupo(grupos: np.ndarray, n_grupos: int) -> np.ndarray:  # pragma: no cover
    """Posición de cada elemento entre los de su grupo, en el orden dado (0, 1, 2, ...).

    Es lo mismo que ordenar de forma estable por grupo y numerar cada tramo, sin ordenar.
    """
    vistos = np.zeros(n_grupos, np.int64)
    rango = np.empty(grupos.size, np.int64)
    for j in range(grupos.size):
        g = grupos[j]
        rango[j] = vistos[g]
        vistos[g] += 1
    return rango


@njit(**_opciones)
def sumar_por_replica(rep_de: np.ndarray, facturas: np.ndarray, centavos: np.ndarray,
                      n: int) -> np.ndarray:  # pragma: no cover - compilado
    """Suma de centavos (enteros) por réplica de cada factura.

    Da lo mismo que ``np.bincount(rep_de[facturas], weights=centavos).round()``: con enteros por
    debajo de 2**53 la suma en punto flotante es exacta.
    """
    suma = np.zeros(n, np.int64)
    for j in range(facturas.size):
        suma[rep_de[facturas[j]]] += centavos[j]
    return suma


@njit(**_opciones)
def _cortes(grupos: np.ndarray, n_grupos: int) -> np.ndarray:  # pragma: no cover - compilado
    """Dónde empieza cada grupo (0..n-1) si las posiciones se ordenan por grupo (largo n + 1)."""
    cortes = np.zeros(n_grupos + 1, np.int64)
    for j in range(grupos.size):
        cortes[grupos[j] + 1] += 1
    for g in range(n_grupos):
        cortes[g + 1] += cortes[g]
    return cortes


@njit(**_opciones)
def particion_estable(grupos: np.ndarray, n_grupos: int
                      ) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compilado
    """Las posiciones ordenadas por grupo (0..n-1) y, dentro de cada grupo, en el orden dado, con
    el comienzo de cada grupo (``cortes``, de largo n + 1).

    Es ``np.argsort(grupos, kind="stable")`` (un orden estable es único), por conteo y en una
    sola pasada.
    """
    cortes = _cortes(grupos, n_grupos)
    lugar = cortes[:-1].copy()
    orden = np.empty(grupos.size, np.int64)
    for j in range(grupos.size):
        g = grupos[j]
        orden[lugar[g]] = j
        lugar[g] += 1
    return orden, cortes


@njit(**_opciones)
def _replica_de_filas(rep_cliente: np.ndarray, cliente: np.ndarray
                      ) -> np.ndarray:  # pragma: no cover - compilado
    """La réplica del cliente de cada fila."""
    rep = np.empty(cliente.size, rep_cliente.dtype)
    for j in range(cliente.size):
        rep[j] = rep_cliente[cliente[j]]
    return rep


@njit(**_opciones)
def partir_libro(rep_cliente: np.ndarray, desde_cliente: np.ndarray, local: np.ndarray, n: int,
                 dia: np.ndarray, cliente: np.ndarray, factura: np.ndarray, tipo: np.ndarray,
                 centavos: np.ndarray) -> tuple[np.ndarray, ...]:  # pragma: no cover - compilado
    """El libro de un lote partido por réplica, con números de cliente y factura locales.

    Las filas de cada réplica quedan juntas y en su orden (un orden estable por réplica, por
    conteo); ``cortes[r]:cortes[r + 1]`` son las de la réplica r. El cliente pasa a contarse
    desde el primero de su réplica y la factura a su número en la réplica (``local``; -1 sigue
    siendo «sin factura»). Devuelve ``cortes`` y las cinco columnas del ``Libro``.

    Lee el libro una sola vez, en orden, y escribe cada fila en el lugar siguiente de su réplica
    (lo mismo que recorrer cada réplica por ``particion_estable``, que lee el libro salteado una
    vez por réplica: con 30 réplicas, 30 pasadas por la memoria).
    """
    m = dia.size
    rep = _replica_de_filas(rep_cliente, cliente)
    cortes = _cortes(rep, n)
    lugar = cortes[:-1].copy()
    dia_r, cliente_r = np.empty(m, dia.dtype), np.empty(m, np.int32)
    factura_r, tipo_r = np.empty(m, np.int64), np.empty(m, tipo.dtype)
    centavos_r = np.empty(m, centavos.dtype)
    for j in range(m):
        r = rep[j]
        k = lugar[r]
        lugar[r] = k + 1
        dia_r[k] = dia[j]
        cliente_r[k] = cliente[j] - desde_cliente[r]
        factura_r[k] = local[factura[j]] if factura[j] >= 0 else -1
        tipo_r[k] = tipo[j]
        centavos_r[k] = centavos[j]
    return cortes, dia_r, cliente_r, factura_r, tipo_r, centavos_r


@njit(**_opciones)
def partir_costos(rep_cliente: np.ndarray, desde_cliente: np.ndarray, n: int, dia: np.ndarray,
                  cliente: np.ndarray, tipo: np.ndarray, centavos: np.ndarray,
                  dias_equipo: np.ndarray, tipo_equipo: int, costo_equipo: int
                  ) -> tuple[np.ndarray, ...]:  # pragma: no cover - compilado
    """Los costos de un lote (ordenados por día) partidos por réplica, con el costo diario del
    equipo de cada réplica intercalado.

    Cada réplica recibe una fila de equipo por día de ``dias_equipo`` (crecientes, sin cliente:
    -1) y sus propias filas con el cliente local, todo por día; en un mismo día va primero la del
    equipo (lo mismo que ordenar de forma estable por día las del equipo seguidas de las
    propias). Devuelve ``cortes`` y las cuatro columnas de ``Costos``.
    """
    m, e = dia.size, dias_equipo.size
    orden, propias = particion_estable(_replica_de_filas(rep_cliente, cliente), n)
    cortes = np.empty(n + 1, np.int64)
    for r in range(n + 1):
        cortes[r] = propias[r] + r * e
    total = m + n * e
    dia_r, cliente_r = np.empty(total, dia.dtype), np.empty(total, np.int32)
    tipo_r, centavos_r = np.empty(total, tipo.dtype), np.empty(total, np.int64)
    for r in range(n):
        k, a, b, q = cortes[r], propias[r], propias[r + 1], 0
        while q < e or a < b:
            if q < e and (a >= b or dias_equipo[q] <= dia[orden[a]]):
                dia_r[k], cliente_r[k] = dias_equipo[q], -1
                tipo_r[k], centavos_r[k] = tipo_equipo, costo_equipo
                q += 1
            else:
                j = orden[a]
                dia_r[k], cliente_r[k] = dia[j], cliente[j] - desde_cliente[r]
                tipo_r[k], centavos_r[k] = tipo[j], centavos[j]
                a += 1
            k += 1
    return cortes, dia_r, cliente_r, tipo_r, centavos_r


@njit(**_opciones)
def elegir_llamadas(rep: np.ndarray, nivel: np.ndarray, puntaje: np.ndarray, cupo: int,
                    n_rep: int) -> np.ndarray:  # pragma: no cover - compilado
    """Las llamadas de la cola que se atienden hoy, en orden de atención.

    La cola viene en orden de llegada. Cada réplica atiende hasta ``cupo``, por nivel (mayor
    antes), puntaje (mayor antes) y llegada: lo mismo que
    ``np.lexsort((llegada, -puntaje, -nivel, rep))`` recortado a ``cupo`` por réplica (un orden
    estable por puntaje y después, por conteo, por réplica y nivel).
    """
    n = rep.size
    por_puntaje = np.argsort(-puntaje, kind="mergesort")  # estable: a igual puntaje, llegada
    clase = np.empty(n, np.int64)  # réplica y nivel (mayor antes) de cada una, en ese orden
    for q in range(n):
        i = por_puntaje[q]
        clase[q] = rep[i] * 3 + (2 - nivel[i])
    orden = por_puntaje[particion_estable(clase, n_rep * 3)[0]]
    atendidas = np.zeros(n_rep, np.int64)
    salida = np.empty(n, np.int64)
    k = 0
    for q in range(n):
        i = orden[q]
        r = rep[i]
        if atendidas[r] < cupo:
            atendidas[r] += 1
            salida[k] = i
            k += 1
    return salida[:k]
