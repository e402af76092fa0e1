"""Fábricas de escenarios, políticas y carteras a medida para las pruebas del motor."""

from __future__ import annotations

from typing import Any

import numpy as np

from simulador.config import Escenario, Politica
from simulador.motor.cartera import EPISODIOS_DIFICULTAD, INF, Cartera

COMPORTAMIENTO_DETERMINISTA: dict[str, Any] = {
    "prob_contacto_pct": 100.0,
    "prob_promesa_pct": 0.0,
    "demora_entrega_papel_dias": 0.0,
    "prob_descuento_fuera_plazo_pct": 0.0,
}


def segmento(**cambios: Any) -> dict[str, Any]:
    """Un segmento sin ruido, sin dificultad, sin disputas ni rotación (salvo que se cambie)."""
    base: dict[str, Any] = {
        "nombre": "unico", "participacion_pct": 100, "compras_por_mes": 1.0,
        "monto_factura": {"media": 1000.0, "cv": 0.0}, "atraso_medio_dias": 0.0,
        "atraso_desvio_cliente_dias": 0.0, "atraso_desvio_factura_dias": 0.0,
        "prob_dificultad_anual_pct": 0.0, "prob_disputa_pct": 0.0,
        "prob_pago_parcial_pct": 0.0, "rotacion_anual_pct": 0.0,
    }
    base.update(cambios)
    return base


def escenario(*, segmentos: list[dict[str, Any]] | None = None, comportamiento:
              dict[str, Any] | None = None, **cambios: Any) -> Escenario:
    """Escenario pequeño y determinista por defecto."""
    datos: dict[str, Any] = {
        "nombre": "prueba", "clientes": 50, "horizonte_dias": 120, "calentamiento_dias": 0,
        "segmentos": segmentos or [segmento()],
        "comportamiento": {**COMPORTAMIENTO_DETERMINISTA, **(comportamiento or {})},
    }
    datos.update(cambios)
    return Escenario.model_validate(datos)


def politica(**cambios: Any) -> Politica:
    """Política neto 30 sin seguimiento (salvo que se cambie)."""
    datos: dict[str, Any] = {"nombre": "prueba", "plazo_dias": 30}
    datos.update(cambios)
    return Politica.model_validate(datos)


def cartera(compras: list[tuple[int, int, float]], *, clientes: int = 1,
            atraso: float = 0.0, umbral_accion: float = 1e12,
            costo_fondos: float = 0.10) -> Cartera:
    """Cartera a mano: ``compras`` = [(cliente, día, monto)], sin azar.

    ``umbral_accion`` alto hace que las gestiones no provoquen pagos (el pago llega en su fecha
    natural); uno bajo hace que la primera gestión provoque el pago.
    """
    n, p = clientes, len(compras)
    compras = sorted(compras, key=lambda c: c[1])
    return Cartera(
        segmento=np.zeros(n, np.int16), ancla=np.zeros(n, bool), origen=np.zeros(n, np.int8),
        dia_alta=np.full(n, -1000, np.int32), riesgo=np.zeros(n), riesgo_estimado=np.zeros(n),
        acepta_prepago=np.ones(n, bool), atraso_habitual=np.full(n, atraso),
        costo_fondos=np.full(n, costo_fondos), compras_mes=np.ones(n),
        monto_medio=np.full(n, 1000.0),
        dificultad_inicio=np.full((n, EPISODIOS_DIFICULTAD), INF, np.int64),
        dificultad_fin=np.full((n, EPISODIOS_DIFICULTAD), INF, np.int64),
        quiebra=np.zeros((n, EPISODIOS_DIFICULTAD), bool), umbral_rotacion=np.full(n, np.inf),
        u_debito=np.ones(n),
        c_cliente=np.array([c[0] for c in compras], np.int32),
        c_dia=np.array([c[1] for c in compras], np.int32),
        c_centavos=np.array([round(c[2] * 100) for c in compras], np.int64),
        c_z_atraso=np.zeros(p), c_u_disputa=np.ones(p), c_u_parcial=np.ones(p),
        c_fraccion_parcial=np.full(p, 0.5), c_u_descuento=np.zeros(p), c_u_fuera_plazo=np.ones(p),
        c_dias_fuera_plazo=np.ones(p, np.int32), c_u_cargos=np.zeros(p),
        c_umbral_accion=np.full((p, 2), umbral_accion),
    )


def linea_de_tiempo(eventos: Any, *, sin: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """Los eventos como [(tipo, día)] en orden, omitiendo los tipos indicados."""
    return [(t, int(d)) for t, d in zip(eventos["tipo"], eventos["dia"], strict=True)
            if t not in sin]
