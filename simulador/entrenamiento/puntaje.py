"""Puntaje por criterio de la rúbrica, comparado con la jugada de referencia en la misma semilla.

Cada criterio se mide en la corrida del participante y en la de referencia; la diferencia (con
signo: positiva = mejor) se lleva a puntos con ``50 + 50 · tanh(diferencia / escala)``: la
referencia vale 50 en cada criterio, jugar mejor da más de 50 y nunca se pasa de 0 a 100. El
total es el promedio ponderado con los pesos de la rúbrica.

Criterios (ventana de medición: desde la primera ronda hasta dos semanas después de la última):

- cobrado: dinero cobrado en la ventana (más es mejor);
- incobrables: capital castigado más la cartera vencida de más de 60 días al final (menos es mejor);
- costo: costo de cobranza del horizonte (menos es mejor);
- relaciones: confianza media de los clientes (0 a 100) menos el porcentaje de ventas perdidas por
  clientes que se fueron o quedaron bloqueados (más es mejor);
- adherencia: porcentaje de decisiones dentro de la política (o de metas cumplidas en diseño).

Con ``cliente`` (juego de roles) todo se mide solo sobre ese cliente.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from simulador.entrenamiento.ejercicio import Ejercicio
from simulador.resultado import CASTIGADO, COBRADO, ResultadoCorrida

CRITERIOS: dict[str, str] = {
    "cobrado": "Dinero cobrado",
    "incobrables": "Incobrables y deuda muy vencida",
    "costo": "Costo de cobranza",
    "relaciones": "Relaciones y rotación de clientes",
    "adherencia": "Apego a la política",
}
"""Clave del criterio -> nombre visible."""
MEJOR_SI_SUBE = {"cobrado": True, "incobrables": False, "costo": False, "relaciones": True,
                 "adherencia": True}
SEMANAS_DESPUES = 14
"""Días después de la última ronda que siguen contando para el cobrado."""


@dataclass(frozen=True)
class Criterio:
    """Un criterio medido en las dos corridas y sus puntos."""

    clave: str
    nombre: str
    valor: float
    referencia: float
    puntos: float
    peso: float


@dataclass(frozen=True)
class Puntaje:
    """El puntaje total (0 a 100; la referencia vale 50) y su detalle por criterio."""

    total: float
    criterios: tuple[Criterio, ...]

    def como_dict(self) -> dict[str, object]:
        """Forma simple para guardar en JSON."""
        return {"total": self.total, "criterios": [c.__dict__ for c in self.criterios]}


def medir(res: ResultadoCorrida, ejercicio: Ejercicio, adherencia: float, *,
          cliente: int | None = None) -> dict[str, float]:
    """Los valores de cada criterio en una corrida."""
    h = res.horizonte_dias
    fin = min(h, ejercicio.dia_fin + (SEMANAS_DESPUES if ejercicio.modalidad == "mesa" else 0))
    lib = res.libro
    m_cli = np.ones(lib.dia.size, bool) if cliente is None else lib.cliente == cliente
    en_ventana = m_cli & (lib.dia >= ejercicio.dia_inicio) & (lib.dia < fin)
    cobrado = float(lib.centavos[en_ventana & np.isin(lib.tipo, COBRADO)].sum()) / 100.0
    castigado = float(lib.centavos[m_cli & (lib.dia >= 0) & np.isin(lib.tipo, CASTIGADO)]
                      .sum()) / 100.0
    fac = res.facturas
    abiertas = fac[(fac["estado"] == "abierta") & (h - fac["dia_vencimiento"] > 60)]
    if cliente is not None:
        abiertas = abiertas[abiertas["cliente"] == cliente]
    col_saldo = "saldo" if "saldo" in abiertas.columns else "monto"
    muy_vencida = float(abiertas[col_saldo].sum())
    c = res.costos
    m_costo = (c.dia >= 0) & (c.dia < h)
    if cliente is not None:
        m_costo &= c.cliente == cliente
    costo = float(c.centavos[m_costo].sum()) / 100.0
    cli = res.clientes
    if cliente is not None:
        fila = cli[cli["cliente"] == cliente].iloc[0]
        se_fue = 100.0 if fila["dia_baja"] < h else 0.0
        relaciones = 100.0 * float(fila["confianza"]) - se_fue
    else:
        ventas = float(res.series.ventas_credito.sum())
        perdidas = float(res.ventas_perdidas.get("rotacion", 0.0)
                         + res.ventas_perdidas.get("bloqueo", 0.0))
        relaciones = 100.0 * float(cli["confianza"].mean()) - (
            100.0 * perdidas / ventas if ventas > 0 else 0.0)
    return {"cobrado": cobrado, "incobrables": castigado + muy_vencida, "costo": costo,
            "relaciones": relaciones, "adherencia": adherencia}


def escalas(ref: ResultadoCorrida, *, cliente: int | None = None) -> dict[str, float]:
    """Cuánto tiene que cambiar cada criterio para mover unos 38 puntos (tanh(1) · 50)."""
    if cliente is None:
        base = max(1.0, float(ref.series.ventas_credito.sum()))
        dinero = 0.005 * base
    else:
        fila = ref.clientes[ref.clientes["cliente"] == cliente].iloc[0]
        base = max(1.0, float(fila["ventas"]))
        dinero = 0.10 * base
    # el costo se mide en la misma escala que el dinero: ahorrar en llamadas no compensa cobrar
    # menos
    return {"cobrado": dinero, "incobrables": dinero, "costo": dinero,
            "relaciones": 2.0 if cliente is None else 10.0, "adherencia": 20.0}


def puntuar(ejercicio: Ejercicio, res: ResultadoCorrida, ref: ResultadoCorrida, *,
            adherencia: float, adherencia_ref: float, cliente: int | None = None) -> Puntaje:
    """El puntaje de una corrida frente a la de referencia."""
    v = medir(res, ejercicio, adherencia, cliente=cliente)
    r = medir(ref, ejercicio, adherencia_ref, cliente=cliente)
    esc = escalas(ref, cliente=cliente)
    pesos = ejercicio.rubrica.model_dump()
    criterios = []
    for clave, nombre in CRITERIOS.items():
        dif = (v[clave] - r[clave]) * (1 if MEJOR_SI_SUBE[clave] else -1)
        puntos = 50.0 + 50.0 * math.tanh(dif / esc[clave])
        criterios.append(Criterio(clave=clave, nombre=nombre, valor=v[clave],
                                  referencia=r[clave], puntos=round(puntos, 1),
                                  peso=float(pesos[clave])))
    suma = sum(c.peso for c in criterios)
    total = sum(c.puntos * c.peso for c in criterios) / suma
    return Puntaje(total=round(total, 1), criterios=tuple(criterios))
