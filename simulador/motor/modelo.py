"""La simulación: arma el entorno SimPy, los cobradores y los procesos; corre, pausa y cierra.

Un proceso reloj avanza un día a la vez el comportamiento de todas las facturas en arreglos numpy
(emisión, pagos, cargos, seguimiento, castigos); los sucesos discretos (llamadas en la cola de los
cobradores, cuotas de planes, agencia y vía legal, cambios de política) son procesos SimPy.
"""

from __future__ import annotations

import numpy as np
import simpy

from simulador.aleatoriedad import Flujos
from simulador.config import Escenario, Politica
from simulador.config.politica import Paso
from simulador.motor import diario, procesos
from simulador.motor.cartera import Cartera, generar_cartera
from simulador.motor.cierre import construir_resultado
from simulador.motor.comportamiento import decaimiento_diario
from simulador.motor.estado import EstadoClientes, EstadoFacturas
from simulador.motor.mesa import Mesa
from simulador.motor.registro import RegistroCostos, RegistroEventos, RegistroLibro
from simulador.motor.series import RegistroSeries
from simulador.resultado import ResultadoCorrida

DIAS_COLA = 10
"""Días de capacidad de los cobradores que caben en la cola; más allá, las llamadas de rutina
no se agendan (las urgentes por alertas y las decididas en capacitación sí)."""


class Simulacion:
    """Una corrida de un escenario bajo una política, que puede pausarse y retomarse.

    Args:
        escenario: el negocio y su cartera.
        politica: las palancas de la empresa (con sus cambios con fecha).
        semilla: semilla de la corrida.
        replica: número de réplica (cada réplica tiene flujos aleatorios propios).
        eventos: si se guarda el registro de eventos por cliente (cuesta tiempo).
        cartera: una cartera ya generada (para pruebas o ejercicios con clientes a medida);
            por defecto se genera del escenario con los flujos de la semilla y réplica.
    """

    def __init__(self, *, escenario: Escenario, politica: Politica, semilla: int,
                 replica: int = 0, eventos: bool = True, cartera: Cartera | None = None) -> None:
        if escenario.modo != "clientes":
            raise ValueError("Simulacion corre el modo clientes; el modo markov usa correr_markov")
        self.escenario = escenario
        self.politica_original = politica
        self.politica = politica.vigente(-escenario.calentamiento_dias)
        self.params = escenario.comportamiento
        self.semilla, self.replica = semilla, replica
        self.flujos = Flujos(semilla, replica)
        self.cartera: Cartera = cartera if cartera is not None else generar_cartera(
            escenario, self.flujos)
        self.f = EstadoFacturas(self.cartera.n_compras)
        self.c = EstadoClientes(self.cartera.n_clientes, self.params.confianza_inicial)
        self.libro = RegistroLibro()
        self.costos = RegistroCostos()
        self.eventos = RegistroEventos(eventos)
        self.series = RegistroSeries(escenario.horizonte_dias)
        self.decaimiento = decaimiento_diario(self.params)
        self.inicio = -escenario.calentamiento_dias
        self.dia = self.inicio
        self.cobrado_por_dia: dict[int, int] = {}
        self.hay_cierres = False
        self.ventas_perdidas = {"rechazo": 0, "bloqueo": 0, "rotacion": 0}
        self.ventas_contado = 0
        self.puntero_compras = 0
        self.env = simpy.Environment()
        eq = escenario.equipo
        self.mesa = Mesa(self.env, cobradores=eq.cobradores,
                         duracion_media=1.0 / eq.llamadas_por_dia)
        self.sin_cobradores = eq.cobradores == 0
        self.costo_equipo_dia = round(eq.cobradores * eq.costo_hora * eq.horas_por_dia * 100)
        self.cupo_cola = max(1, eq.cobradores * eq.llamadas_por_dia * DIAS_COLA)
        self.llamadas_sin_agendar = 0
        self.llamadas_en_cola = 0
        self.planes_activos = 0
        self.ventas_hoy = 0
        self.indice_dia: int | None = None
        self.indice_ids = np.zeros(0, np.int64)
        self.indice_inicio = np.zeros(1, np.int64)
        self.vencido_cliente = np.zeros(0)
        self.atraso_cliente = np.zeros(0, np.int64)
        self.pasos: tuple[Paso, ...] = ()
        self.pasos_dias = np.zeros(0, np.int64)
        self.int_cargos = np.zeros(0)
        self.seg_arr: dict[str, np.ndarray] = {}
        self.todos = np.arange(self.cartera.n_clientes)
        self.primer_paso = 0
        self.pre_disputa = self.pre_debito = self.pre_toma = np.zeros(0, bool)
        self.pre_atraso = self.pre_cargos = np.zeros(0)
        self.pre_dia_desc = self.pre_descuento = np.zeros(0, np.int64)
        diario.preparar_politica(self)
        self.env.process(procesos.reloj(self.env, self))
        for cambio in politica.cambios:
            self.env.process(procesos.cambio_politica(self.env, self, cambio.desde_dia))

    def sumar_cobrado(self, centavos: int) -> None:
        """Suma lo cobrado al día contable en curso (para la serie diaria)."""
        self.cobrado_por_dia[self.dia] = self.cobrado_por_dia.get(self.dia, 0) + centavos

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

    def resultado(self) -> ResultadoCorrida:
        """Corre lo que falte del horizonte y devuelve el resultado."""
        self.correr()
        return construir_resultado(self)


def simular(escenario: Escenario, politica: Politica, *, semilla: int, replica: int = 0,
            eventos: bool = True) -> ResultadoCorrida:
    """Corre una réplica completa de un escenario (modo clientes) bajo una política."""
    sim = Simulacion(escenario=escenario, politica=politica, semilla=semilla, replica=replica,
                     eventos=eventos)
    return sim.resultado()
