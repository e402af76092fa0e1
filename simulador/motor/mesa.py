"""La mesa de cobranza: la capacidad diaria de los cobradores y su cola por prioridad.

Las llamadas pedidas (por el seguimiento, por alertas o en capacitación) entran a una cola. Una vez
por día, en el turno de la mesa (un proceso SimPy, ver ``procesos.turno``), los cobradores atienden
hasta su capacidad del día (cobradores x llamadas por día) en orden de prioridad; el resto espera
al día siguiente. La prioridad se recalcula en cada turno con el estado del día (la lista de
trabajo se reordena cada mañana). Un lote de réplicas apiladas tiene una cola por réplica; cada
réplica usa solo su propia capacidad.

Niveles (de mayor a menor precedencia): 2 = forzada (llamada preventiva antes del vencimiento o
decidida en capacitación), 1 = urgente (alerta), 0 = de rutina. A igual nivel y prioridad, se
atiende primero la que llegó antes. Las llamadas de rutina no se agendan si la cola de la réplica
ya tiene ``dias_cola`` días de capacidad.
"""

from __future__ import annotations

import numpy as np

from simulador.motor import nucleo

RUTINA, URGENTE, FORZADA = 0, 1, 2


class Mesa:
    """Cola de llamadas y capacidad diaria de los cobradores de un lote de réplicas.

    Args:
        replicas: réplicas apiladas (cada una con su cola y su capacidad).
        cobradores: cobradores por réplica.
        llamadas_por_dia: llamadas que atiende un cobrador por día.
        dias_cola: días de capacidad que caben en la cola para llamadas de rutina.
    """

    def __init__(self, *, replicas: int, cobradores: int, llamadas_por_dia: int,
                 dias_cola: int) -> None:
        self.replicas = replicas
        self.activa = cobradores > 0
        self.cupo_dia = cobradores * llamadas_por_dia
        self.cupo_cola = max(1, self.cupo_dia * dias_cola)
        self.en_cola = np.zeros(replicas, np.int64)
        self.sin_agendar = np.zeros(replicas, np.int64)
        self.atendidas = np.zeros(replicas, np.int64)
        self.dias_espera = np.zeros(replicas, np.int64)
        self._motivos: list[str] = []
        self._cod_motivo: dict[str, int] = {}
        self._orden = 0
        self._nuevas: list[tuple[np.ndarray, ...]] = []
        vacio = np.zeros(0, np.int64)
        self._cola: tuple[np.ndarray, ...] = (vacio,) * 6

    def encolar(self, clientes: np.ndarray, reps: np.ndarray, nivel: int, dia: int,
                motivo: str) -> np.ndarray:
        """Agrega llamadas (en el orden dado); devuelve cuáles se agendaron."""
        clientes = np.asarray(clientes, np.int64)
        reps = np.asarray(reps, np.int64)
        if nivel == RUTINA and clientes.size:
            rango = nucleo.rango_en_grupo(reps, self.replicas)  # en orden de llegada
            libre = self.cupo_cola - self.en_cola
            ok = rango < libre[reps]
            if not ok.all():
                self.sin_agendar += np.bincount(reps[~ok], minlength=self.replicas)
            clientes, reps = clientes[ok], reps[ok]
        else:  # las urgentes y forzadas se agendan todas
            ok = np.ones(clientes.size, bool)
            clientes, reps = clientes.copy(), reps.copy()
        k = clientes.size
        if k == 0:
            return ok
        cod = self._cod_motivo.setdefault(motivo, len(self._motivos))
        if cod == len(self._motivos):
            self._motivos.append(motivo)
        self._nuevas.append((
            clientes, reps, np.full(k, nivel, np.int64),
            np.arange(self._orden, self._orden + k, dtype=np.int64),
            np.full(k, dia, np.int64), np.full(k, cod, np.int64)))
        self._orden += k
        if k == 1:  # de a una (las alertas): sin contar por réplica todo el lote
            self.en_cola[reps[0]] += 1
        else:
            self.en_cola += np.bincount(reps, minlength=self.replicas)
        return ok

    def cola(self) -> tuple[np.ndarray, ...]:
        """La cola completa: (cliente, réplica, nivel, orden de llegada, día de llegada, motivo)."""
        if self._nuevas:
            partes = [self._cola, *self._nuevas]
            self._cola = tuple(np.concatenate([p[i] for p in partes]) for i in range(6))
            self._nuevas = []
        return self._cola

    def descartar(self, quitar: np.ndarray) -> np.ndarray:
        """Saca de la cola las llamadas marcadas; devuelve sus clientes."""
        cola = self.cola()
        if not quitar.any():
            return np.zeros(0, np.int64)
        self.en_cola -= np.bincount(cola[1][quitar], minlength=self.replicas)
        self._cola = tuple(c[~quitar] for c in cola)
        return cola[0][quitar]

    def motivo(self, codigo: int) -> str:
        """El texto de un código de motivo (ver ``atender``)."""
        return self._motivos[codigo]

    def atender(self, dia: int, puntaje: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """El turno del día: atiende hasta la capacidad de cada réplica, por prioridad.

        ``puntaje`` (mayor = antes) va alineado con la cola. Devuelve los clientes atendidos en
        orden de atención y el código de motivo de cada uno (el texto sale de ``motivo``).
        """
        cliente, rep, nivel, orden, llegada, motivo = self.cola()
        if cliente.size == 0 or self.cupo_dia <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        # la cola va en orden de llegada (``orden`` crece: se agrega al final y se quita sin
        # reordenar): por réplica, nivel, puntaje y llegada, hasta el cupo
        atiende = nucleo.elegir_llamadas(rep, nivel, np.asarray(puntaje, np.float64),
                                         self.cupo_dia, self.replicas)
        self.atendidas += np.bincount(rep[atiende], minlength=self.replicas)
        self.dias_espera += np.bincount(rep[atiende], weights=dia - llegada[atiende],
                                        minlength=self.replicas).astype(np.int64)
        self.en_cola -= np.bincount(rep[atiende], minlength=self.replicas)
        resultado = cliente[atiende], motivo[atiende]
        queda = np.ones(cliente.size, bool)
        queda[atiende] = False
        self._cola = tuple(c[queda] for c in (cliente, rep, nivel, orden, llegada, motivo))
        return resultado

    def espera_media(self, rep: int) -> float:
        """Días promedio que esperó una llamada atendida (0 = atendida el día que se pidió)."""
        n = int(self.atendidas[rep])
        return float(self.dias_espera[rep]) / n if n else 0.0
