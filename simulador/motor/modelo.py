"""La simulación: arma el entorno SimPy, los cobradores y los procesos; corre, pausa y cierra.

Un proceso reloj avanza un día a la vez el comportamiento de todas las facturas en arreglos numpy
(emisión, pagos, cargos, seguimiento, castigos); los sucesos discretos (llamadas en la cola de los
cobradores, cuotas de planes, agencia y vía legal, cambios de política) son procesos SimPy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import simpy

from simulador.aleatoriedad import uniforme, uniformes
from simulador.config import Escenario, Politica
from simulador.config.politica import Paso
from simulador.motor import diario, escalada, gestiones, nucleo, procesos
from simulador.motor.cartera import Cartera
from simulador.motor.cierre import construir_resultados
from simulador.motor.comportamiento import decaimiento_diario
from simulador.motor.escalada import CalendarioEscalada
from simulador.motor.estado import ABIERTA, EstadoClientes, EstadoFacturas
from simulador.motor.memoria_carteras import cartera_apilada
from simulador.motor.mesa import Mesa
from simulador.motor.registro import RegistroCostos, RegistroEventos, RegistroLibro
from simulador.motor.series import RegistroSeries
from simulador.resultado import ResultadoCorrida

DIAS_COLA = 10
"""Días de capacidad de los cobradores que caben en la cola; más allá, las llamadas de rutina
no se agendan (las urgentes por alertas y las decididas en capacitación sí)."""


class Simulacion:
    """Una corrida de un escenario bajo una política, que puede pausarse y retomarse.

    Varias réplicas pueden correr apiladas en una sola simulación (``replicas``): sus clientes y
    facturas comparten los arreglos y el reloj, pero nunca interactúan (cada réplica tiene sus
    flujos aleatorios, su mesa de cobradores y su libro). Cada réplica da exactamente el mismo
    resultado que corrida sola; apilarlas reparte entre todas el costo fijo de cada día.

    Args:
        escenario: el negocio y su cartera.
        politica: las palancas de la empresa (con sus cambios con fecha).
        semilla: semilla de la corrida.
        replica: número de réplica (cada réplica tiene flujos aleatorios propios).
        replicas: varias réplicas apiladas (reemplaza a ``replica``).
        eventos: si se guarda el registro de eventos por cliente (cuesta tiempo).
        cartera: una cartera ya generada (para pruebas o ejercicios con clientes a medida);
            por defecto se genera del escenario con los flujos de la semilla y réplica.
    """

    def __init__(self, *, escenario: Escenario, politica: Politica, semilla: int,
                 replica: int = 0, replicas: Sequence[int] | None = None,
                 eventos: bool = True, cartera: Cartera | None = None) -> None:
        if escenario.modo != "clientes":
            raise ValueError("Simulacion corre el modo clientes; el modo markov usa correr_markov")
        self.escenario = escenario
        self.politica_original = politica
        self.politica = politica.vigente(-escenario.calentamiento_dias)
        self.params = escenario.comportamiento
        self.replicas = tuple(int(r) for r in replicas) if replicas is not None else (replica,)
        if not self.replicas or len(set(self.replicas)) != len(self.replicas):
            raise ValueError("las réplicas deben ser distintas y al menos una")
        if cartera is not None and len(self.replicas) != 1:
            raise ValueError("una cartera a medida corre una sola réplica")
        self.semilla, self.replica = semilla, self.replicas[0]
        self.n_rep = len(self.replicas)
        if cartera is None:
            cartera, compartida = cartera_apilada(escenario, semilla, self.replicas)
        else:
            compartida = True
        # si la cartera es solo de esta corrida, el cierre puede ir soltándola (menos memoria)
        self.cartera_propia = not compartida
        self.cartera: Cartera = cartera
        self._rep_numero = np.asarray(self.replicas, np.int64)[self.cartera.rep_cliente]
        self._cli_local = np.arange(self.cartera.n_clientes) - self.cartera.desde_cliente[
            self.cartera.rep_cliente]
        self.f = EstadoFacturas(self.cartera.n_compras)
        self.c = EstadoClientes(self.cartera.n_clientes, self.params.confianza_inicial)
        self.libro = RegistroLibro()
        self.costos = RegistroCostos()
        self.eventos = RegistroEventos(eventos)
        self.series = RegistroSeries(escenario.horizonte_dias, self.n_rep)
        self.decaimiento = decaimiento_diario(self.params)
        dias = escenario.horizonte_dias + escenario.calentamiento_dias + 1
        self.potencias = self.decaimiento ** np.arange(dias)
        self.umbral_plano = np.ascontiguousarray(self.cartera.c_umbral_accion).ravel()
        self.c.prox_dificultad[:] = self.cartera.dificultad_inicio[:, 0]
        self.inicio = -escenario.calentamiento_dias
        self.dia = self.inicio
        r = self.n_rep
        self.cobrado_por_dia: dict[int, np.ndarray] = {}
        self.hay_cierres = False
        self.con_promesa: list[np.ndarray] = []  # clientes con promesa pendiente (con repetidos)
        self.ventas_perdidas = {k: np.zeros(r, np.int64) for k in ("rechazo", "bloqueo",
                                                                    "rotacion")}
        self.ventas_contado = np.zeros(r, np.int64)
        self.puntero_compras = 0
        self.env = simpy.Environment()
        eq = escenario.equipo
        self.mesa = Mesa(replicas=r, cobradores=eq.cobradores,
                         llamadas_por_dia=eq.llamadas_por_dia, dias_cola=DIAS_COLA)
        self.costo_equipo_dia = round(eq.cobradores * eq.costo_hora * eq.horas_por_dia * 100)
        self.ventas_hoy = np.zeros(r, np.int64)
        n = self.cartera.n_clientes
        # agregados por cliente del turno de la mesa (ver gestiones.agregados: valen solo para los
        # clientes agregados en ese turno) y los de las compras del día (gestiones.bloqueados)
        self.vencido_cliente, self.saldo_cliente = np.zeros(n), np.zeros(n)
        self.atraso_cliente = np.full(n, -(10**6), np.int64)
        self.abiertas_cliente = np.zeros(n, np.int64)
        self.agregados_compra = (np.zeros(n), np.zeros(n), np.full(n, -(10**6), np.int64),
                                 np.zeros(n, np.int64))
        self.marca_clientes = np.zeros(n, bool)  # siempre en falso fuera de un recorrido
        self.pasos: tuple[Paso, ...] = ()
        self.pasos_dias = np.zeros(0, np.int64)
        self.int_cargos = np.zeros(0)
        self.limite_credito = np.zeros(0)  # límite de cada cliente (centavos; vacío: sin límite)
        self.seg_arr: dict[str, np.ndarray] = {}
        self.base_rotacion = np.zeros(0)  # intensidad diaria de irse, por cliente
        self.plazo_extra_seg = np.zeros(0, np.int64)  # plazo negociado por segmento (días)
        self.primer_paso_seg = np.zeros(0, np.int64)
        self.pre_disputa = self.pre_debito = self.pre_toma = np.zeros(0, bool)
        self.pre_atraso = self.pre_cargos = np.zeros(0)
        self.pre_dia_desc = self.pre_descuento = np.zeros(0, np.int64)
        diario.preparar_politica(self)
        self.env.process(procesos.reloj(self.env, self))
        self.escaladas = CalendarioEscalada(self.inicio, escenario.horizonte_dias,
                                            self.f.estado.size)
        self.env.process(procesos.cada_dia(self.env, self, procesos.MITAD_DEL_DIA,
                                           gestiones.vencer_promesas))
        self.env.process(procesos.cada_dia(self.env, self, procesos.MITAD_DEL_DIA,
                                           escalada.resolver))
        self.env.process(procesos.cada_dia(self.env, self, procesos.TURNO_MESA,
                                           gestiones.turno_mesa))
        for cambio in politica.cambios:
            self.env.process(procesos.cambio_politica(self.env, self, cambio.desde_dia))

    def abiertas(self) -> np.ndarray:
        """Facturas abiertas en este momento (en orden de número); compacta la lista si hubo
        cierres desde la última vez."""
        f = self.f
        if self.hay_cierres:
            f.fijar_abiertas(*nucleo.compactar(f.abiertas, f.abiertas_cliente, f.estado, ABIERTA))
            self.hay_cierres = False
        return f.abiertas

    def por_replica(self, facturas: np.ndarray, centavos: np.ndarray) -> np.ndarray:
        """Suma de montos de esas facturas por réplica (centavos enteros)."""
        if self.n_rep == 1:
            return np.array([int(np.sum(centavos))], np.int64)
        if facturas.dtype == np.int64 and centavos.dtype == np.int64:
            return nucleo.sumar_por_replica(self.cartera.c_rep, facturas, centavos, self.n_rep)
        return np.bincount(self.cartera.c_rep[facturas], weights=centavos,
                           minlength=self.n_rep).round().astype(np.int64)

    def sumar_cobrado(self, facturas: np.ndarray, centavos: np.ndarray) -> None:
        """Suma lo cobrado al día contable en curso (para la serie diaria de cada réplica)."""
        actual = self.cobrado_por_dia.get(self.dia)
        suma = self.por_replica(facturas, centavos)
        self.cobrado_por_dia[self.dia] = suma if actual is None else actual + suma

    # --- sorteos por contador (mismo resultado apiladas o solas)
    def sorteos(self, fuente: str, clientes: np.ndarray, contador: np.ndarray | int,
                k: int = 1) -> np.ndarray:
        """Sorteos U(0,1) de forma (n, k) para esos clientes y su n.º de gestión."""
        return uniformes(self.semilla, fuente, self._rep_numero[clientes],
                         self._cli_local[clientes], contador, k)

    def sorteo(self, fuente: str, cliente: int, contador: int, j: int = 0) -> float:
        """Un sorteo U(0,1) para un cliente y su n.º de gestión."""
        return uniforme(self.semilla, fuente, int(self._rep_numero[cliente]),
                        int(self._cli_local[cliente]), contador, j)

    # --- tiempo
    def tiempo_de(self, dia: int) -> float:
        """Tiempo SimPy del comienzo de un día del horizonte."""
        return float(dia - self.inicio)

    def dia_de(self, tiempo: float) -> int:
        """Día del horizonte de un tiempo SimPy."""
        return int(tiempo) + self.inicio

    @property
    def terminada(self) -> bool:
        """Si ya se simuló todo el horizonte."""
        return self.dia >= self.escenario.horizonte_dias

    def avanzar(self, hasta_dia: int) -> None:
        """Simula hasta el comienzo del día ``hasta_dia`` (exclusivo) y se detiene allí."""
        hasta_dia = min(hasta_dia, self.escenario.horizonte_dias)
        objetivo = self.tiempo_de(hasta_dia)
        if objetivo > self.env.now:
            self.env.run(until=objetivo)

    def correr(self) -> None:
        """Simula hasta el final del horizonte."""
        self.avanzar(self.escenario.horizonte_dias)

    def resultados(self, *, consumir: bool = False) -> list[ResultadoCorrida]:
        """Corre lo que falte del horizonte y devuelve el resultado de cada réplica.

        Con ``consumir`` el estado se suelta mientras se arman las tablas (menos memoria); la
        simulación ya no sirve después.
        """
        self.correr()
        return construir_resultados(self, consumir=consumir)

    def resultado(self, *, consumir: bool = False) -> ResultadoCorrida:
        """Corre lo que falte del horizonte y devuelve el resultado (una sola réplica)."""
        if self.n_rep != 1:
            raise ValueError("hay varias réplicas apiladas: use resultados()")
        return self.resultados(consumir=consumir)[0]


def simular(escenario: Escenario, politica: Politica, *, semilla: int, replica: int = 0,
            eventos: bool = True) -> ResultadoCorrida:
    """Corre una réplica completa de un escenario (modo clientes) bajo una política."""
    sim = Simulacion(escenario=escenario, politica=politica, semilla=semilla, replica=replica,
                     eventos=eventos)
    return sim.resultado(consumir=True)


def simular_lote(escenario: Escenario, politica: Politica, *, semilla: int,
                 replicas: Sequence[int], eventos: bool = False) -> list[ResultadoCorrida]:
    """Corre varias réplicas apiladas en una sola simulación; un resultado por réplica."""
    sim = Simulacion(escenario=escenario, politica=politica, semilla=semilla, replicas=replicas,
                     eventos=eventos)
    return sim.resultados()
