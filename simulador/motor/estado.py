"""Estado mutable de una corrida: arreglos por factura y por cliente (sin SimPy).

Las facturas se indexan por su número de compra potencial (0..P-1), de modo que una factura tiene
el mismo número bajo cualquier política. ``estado``: 0 no emitida, 1 abierta, 2 pagada, 3 castigada.
"""

from __future__ import annotations

import numpy as np

NO_EMITIDA, ABIERTA, PAGADA, CASTIGADA = 0, 1, 2, 3
INF = 10**9


class EstadoFacturas:
    """Arreglos de largo P con el estado de cada factura potencial."""

    def __init__(self, p: int) -> None:
        self.estado = np.zeros(p, np.int8)
        self.dia_emision = np.zeros(p, np.int32)
        self.dia_venc = np.zeros(p, np.int32)
        self.monto = np.zeros(p, np.int64)  # principal facturado (centavos)
        self.saldo_p = np.zeros(p, np.int64)  # principal pendiente
        self.saldo_c = np.zeros(p, np.int64)  # cargos e intereses pendientes
        self.dia_natural = np.full(p, INF, np.int32)  # día en que pagaría sin gestiones
        self.lam = np.zeros(p)  # intensidad acumulada de gestiones
        self.umbral_k = np.zeros(p, np.int8)  # qué umbral Exp(1) rige (0 o 1, tras un parcial)
        self.impulso = np.zeros(p)  # impulso de recordatorios al cierre de impulso_dia
        self.impulso_dia = np.zeros(p, np.int32)  # día de referencia del impulso (decae desde él)
        self.paso_sig = np.zeros(p, np.int16)  # próximo paso del seguimiento
        self.dia_paso = np.full(p, INF, np.int32)  # día en que toca ese paso (INF: ninguno)
        self.disputada = np.zeros(p, bool)
        self.con_descuento = np.zeros(p, bool)
        self.descuento = np.zeros(p, np.int64)  # descuento concedido (centavos)
        self.parcial = np.zeros(p, bool)  # ya hubo un pago parcial
        self.escalada = np.zeros(p, np.int8)  # 0 no, 1 agencia, 2 legal
        self.grupo_escalada = np.full(p, -1, np.int32)  # grupo de escalada (escalada.py)
        self.en_plan = np.zeros(p, bool)
        self.cargo_hecho = np.zeros(p, bool)
        self.interes = np.zeros(p)  # interés devengado aún no facturado (centavos, fracción)
        self.cargos = np.zeros(p, np.int64)  # cargos e intereses facturados
        self.cargos_cobrados = np.zeros(p, np.int64)
        self.cargos_condonados = np.zeros(p, np.int64)
        self.cobrado = np.zeros(p, np.int64)
        self.castigado_p = np.zeros(p, np.int64)
        self.castigado_c = np.zeros(p, np.int64)
        self.dia_cierre = np.full(p, -INF, np.int32)
        self.dia_castigo = np.full(p, -INF, np.int32)
        self.anterior = np.full(p, -1, np.int32)  # factura anterior del cliente (nucleo_clientes)
        self.abiertas = np.zeros(0, np.int64)  # índices de las facturas abiertas
        self.abiertas_cliente = np.zeros(0, np.int32)  # su cliente (alineado con abiertas)
        # búferes con lugar de sobra detrás de las dos listas (ver anexar_abiertas)
        self._buf_ids, self._buf_cli = self.abiertas, self.abiertas_cliente

    def fijar_abiertas(self, buf_ids: np.ndarray, buf_cli: np.ndarray, n: int) -> None:
        """La lista de abiertas pasa a ser las primeras ``n`` de esos búferes; el resto queda
        para las emisiones siguientes (ver ``anexar_abiertas``)."""
        self._buf_ids, self._buf_cli = buf_ids, buf_cli
        self.abiertas, self.abiertas_cliente = buf_ids[:n], buf_cli[:n]

    def anexar_abiertas(self, ids: np.ndarray, clientes: np.ndarray) -> None:
        """Agrega facturas recién emitidas al final de la lista de abiertas.

        Escribe en el lugar de sobra del búfer, detrás del final de la lista: ninguna vista
        anterior de la lista llega hasta ahí, así que ninguna cambia (como con ``concatenate``).
        """
        n, k = self.abiertas.size, ids.size
        if n + k > min(self._buf_ids.size, self._buf_cli.size):
            capacidad = max(1024, 3 * (n + k) // 2)
            buf_ids = np.empty(capacidad, self.abiertas.dtype)
            buf_cli = np.empty(capacidad, self.abiertas_cliente.dtype)
            buf_ids[:n], buf_cli[:n] = self.abiertas, self.abiertas_cliente
            self._buf_ids, self._buf_cli = buf_ids, buf_cli
        self._buf_ids[n:n + k] = ids
        self._buf_cli[n:n + k] = clientes
        self.abiertas, self.abiertas_cliente = self._buf_ids[:n + k], self._buf_cli[:n + k]

    def saldo(self, ids: np.ndarray) -> np.ndarray:
        """Saldo total (principal y cargos) de esas facturas."""
        return self.saldo_p[ids] + self.saldo_c[ids]


class EstadoClientes:
    """Arreglos de largo C con el estado de cada cliente."""

    def __init__(self, c: int, confianza_inicial: float) -> None:
        self.confianza = np.full(c, confianza_inicial)
        self.en_dificultad = np.zeros(c, bool)
        self.quiebra = np.zeros(c, bool)
        self.dificultad_hasta = np.full(c, -INF, np.int64)
        self.dificultad_desde = np.full(c, -INF, np.int64)
        self.episodio = np.zeros(c, np.int16)
        self.prox_dificultad = np.full(c, INF, np.int64)  # día en que empieza el próximo episodio
        self.lam_rotacion = np.zeros(c)
        self.activo = np.ones(c, bool)  # no se ha ido
        self.dia_baja = np.full(c, INF, np.int64)
        self.suspendido = np.zeros(c, bool)
        self.impulso = np.zeros(c)  # impulso de llamadas (afecta todas sus facturas)
        self.recordatorios = np.zeros(c, np.int32)  # para la habituación
        self.pausa_hasta = np.full(c, -INF, np.int64)  # promesa vigente
        self.promesa_dia = np.full(c, -INF, np.int64)  # día en que vence la promesa vigente
        self.promesa_cumple = np.zeros(c, bool)  # si la cumplirá (sorteado al prometer)
        self.en_cola = np.zeros(c, bool)
        self.senales = np.zeros(c, np.int32)  # señales de alerta acumuladas
        self.ultima_senal = np.full(c, "", dtype=object)
        self.debito = np.zeros(c, bool)
        self.decision = np.full(c, -1, np.int8)  # postulantes: 0 crédito, 1 rechazo, 2 prepago
        self.en_plan = np.zeros(c, bool)
        self.llamadas = np.zeros(c, np.int32)
        self.promesas_rotas = np.zeros(c, np.int32)
        # contadores de sorteos por cliente (flujos por contador: ver aleatoriedad.uniformes)
        self.promesas = np.zeros(c, np.int64)
        self.ofertas_plan = np.zeros(c, np.int64)
        self.planes_hechos = np.zeros(c, np.int64)
        self.plan_roto_dia = np.full(c, -INF, np.int64)  # día en que rompió su último plan
        self.escaladas = np.zeros(c, np.int64)
        self.factura_reciente = np.full(c, -1, np.int64)  # la más reciente (nucleo_clientes)
