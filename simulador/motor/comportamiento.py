"""Cómo decide pagar un cliente: funciones puras de sus rasgos, su estado y las gestiones.

Estructura (Chehrazi y Weber 2015): cada factura abierta se paga en el primero de dos momentos:
1. su fecha natural de pago (vencimiento + atraso habitual del cliente + ruido + efectos de la
   confianza, de los cargos por mora, de las disputas y de la entrega), que se suspende mientras
   el cliente está en dificultad;
2. el momento en que la intensidad acumulada de las gestiones (recordatorios, llamadas) supera un
   umbral Exp(1) propio de la factura. Cada gestión suma un impulso que decae exponencialmente.
docs/modelo.md describe cada mecanismo y sus parámetros.
"""

from __future__ import annotations

import math

import numpy as np

from simulador.config import ParametrosComportamiento, Politica


def tasa_implicita_descuento(pct: float, dias: int, plazo: int) -> float:
    """Costo anual nominal de renunciar a un descuento d/t neto n: d/(1-d) x 365/(n-t)."""
    d = pct / 100.0
    if d <= 0 or plazo <= dias:
        return 0.0
    return d / (1 - d) * 365.0 / (plazo - dias)


def toma_descuento(costo_fondos: np.ndarray, u: np.ndarray, sensibilidad: np.ndarray,
                   politica: Politica, plazo_adicional_seg: np.ndarray | None = None,
                   segmento: np.ndarray | None = None) -> np.ndarray:
    """Toma el descuento quien se financia más barato que la tasa implícita (y se fija en él).

    ``plazo_adicional_seg``: días de plazo por encima del de la política en cada segmento (plazos
    negociados), con ``segmento``, el de cada compra; con más plazo, no tomar el descuento cuesta
    menos.
    """
    if plazo_adicional_seg is None or segmento is None or not np.any(plazo_adicional_seg):
        tasa = tasa_implicita_descuento(politica.descuento.pct, politica.descuento.dias,
                                        politica.plazo_dias)
        if tasa <= 0:
            return np.zeros(costo_fondos.shape, dtype=bool)
        return (costo_fondos < tasa) & (u < sensibilidad)
    tasas = np.array([tasa_implicita_descuento(politica.descuento.pct, politica.descuento.dias,
                                               politica.plazo_dias + int(e))
                      for e in plazo_adicional_seg])
    tasa_compra = tasas[segmento]
    return (tasa_compra > 0) & (costo_fondos < tasa_compra) & (u < sensibilidad)


def intensidad_cargos(politica: Politica, monto_medio: np.ndarray) -> np.ndarray:
    """Peso de los cargos de mora de un mes de atraso, relativo al monto (0 a 1)."""
    mora = politica.mora
    pasos = sum(p.cargo for p in politica.seguimiento)
    mensual = (
        (mora.cargo_fijo + pasos) / np.maximum(monto_medio, 1e-9)
        + mora.cargo_pct / 100.0
        + mora.interes_anual_pct / 100.0 / 12.0
    )
    return np.minimum(1.0, 10.0 * mensual)


def base_recordatorio(params: ParametrosComportamiento, canal: str, personalizado: bool) -> float:
    """Efecto de un recordatorio por su canal y su personalización, antes de la sensibilidad."""
    base = {"email": params.efecto_email, "sms": params.efecto_sms,
            "carta": params.efecto_carta}.get(canal, 0.0)
    return base * (params.factor_personalizado if personalizado else 1.0)


def impulso_recordatorio(params: ParametrosComportamiento, canal: str, personalizado: bool,
                         sensibilidad: np.ndarray, previos: np.ndarray) -> np.ndarray:
    """Intensidad diaria de pago que agrega un recordatorio, con habituación.

    El motor hace la misma cuenta compilada (``nucleo_seguimiento.recordar``).
    """
    return (base_recordatorio(params, canal, personalizado) * sensibilidad
            / (1.0 + params.habituacion * previos))


def impulso_llamada(params: ParametrosComportamiento, sensibilidad: np.ndarray,
                    habilidad: float) -> np.ndarray:
    """Intensidad diaria de pago que agrega una llamada con contacto."""
    return params.efecto_llamada * sensibilidad * (0.5 + habilidad)


def decaimiento_diario(params: ParametrosComportamiento) -> float:
    """Factor por el que se multiplica cada día el impulso de las gestiones."""
    return math.exp(-math.log(2.0) / params.vida_media_efecto_dias)


def cobrabilidad(params: ParametrosComportamiento, dias_atraso: np.ndarray | float) -> np.ndarray:
    """Probabilidad (0 a 1) de cobrar una deuda según su antigüedad (curva de la CCAA)."""
    x = [p[0] for p in params.curva_cobrabilidad]
    y = [p[1] / 100.0 for p in params.curva_cobrabilidad]
    return np.interp(np.asarray(dias_atraso, dtype=float), x, y)


def base_rotacion_diaria(anual_pct: np.ndarray) -> np.ndarray:
    """Intensidad diaria de que el cliente se vaya con la confianza inicial (de la rotación
    anual de su segmento)."""
    return -np.log1p(-np.minimum(anual_pct, 99.9) / 100.0) / 365.0


def tasa_rotacion_diaria(base: np.ndarray, confianza: np.ndarray,
                         params: ParametrosComportamiento) -> np.ndarray:
    """Intensidad diaria de que el cliente se vaya: sube cuando cae la confianza.

    ``base``: la de ``base_rotacion_diaria`` de cada cliente.
    """
    return base * np.exp(params.sensibilidad_rotacion_confianza
                         * (params.confianza_inicial - confianza))


def tasa_dificultad_diaria(anual: np.ndarray, multiplicador: float) -> np.ndarray:
    """Intensidad diaria de caer en dificultad financiera."""
    return -np.log1p(-np.minimum(anual, 0.999)) / 365.0 * multiplicador


def prob_pagar_cuota(params: ParametrosComportamiento, intervalo_dias: int,
                     quiebra: bool) -> float:
    """Probabilidad de pagar una cuota, tal que se rompe el porcentaje dado en 12 meses."""
    sigue = 1.0 - params.quiebre_plan_12m_pct / 100.0
    p = sigue ** (intervalo_dias / 365.0)
    return p * 0.2 if quiebra else p
