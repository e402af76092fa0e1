"""Parámetros del modelo de comportamiento de pago (docs/modelo.md explica cada mecanismo).

Todos tienen un valor por defecto con su fuente; donde no hay evidencia publicada el valor es un
supuesto y debe barrerse, no creerse.
"""

from __future__ import annotations

from pydantic import model_validator

from simulador.config.base import Modelo, campo

CURVA_COBRABILIDAD = ((0, 94.9), (90, 69.6), (180, 52.1), (365, 22.8), (730, 9.3))
"""Cobrabilidad (%) según días de atraso: Commercial Collection Agency Association."""


class ParametrosComportamiento(Modelo):
    """Tamaños de efecto, decaimientos y probabilidades del modelo de comportamiento."""

    confianza_inicial: float = campo(
        0.7, descripcion="Confianza/relación inicial de cada cliente", unidad="0 a 1",
        fuente="supuesto", ge=0, le=1,
    )
    efecto_email: float = campo(
        0.02, descripcion="Intensidad de pago diaria que agrega un correo", unidad="1/día",
        fuente="supuesto; recordatorios genéricos casi sin efecto (Karlan et al. 2016)", ge=0, le=5,
    )
    efecto_sms: float = campo(
        0.04, descripcion="Intensidad de pago diaria que agrega un SMS", unidad="1/día",
        fuente="Cadena y Schoar 2011: +7 a 9 % de pago a tiempo", ge=0, le=5,
    )
    efecto_carta: float = campo(
        0.03, descripcion="Intensidad de pago diaria que agrega una carta", unidad="1/día",
        fuente="supuesto", ge=0, le=5,
    )
    efecto_llamada: float = campo(
        0.20, descripcion="Intensidad de pago diaria que agrega una llamada con contacto",
        unidad="1/día", fuente="Haynes et al. 2013: 5 % sin mensaje, 23 % con mensaje, 33 % "
        "con nombre", ge=0, le=5,
    )
    factor_personalizado: float = campo(
        1.5, descripcion="Multiplicador del efecto de un recordatorio personalizado",
        unidad="veces", fuente="Karlan et al. 2016; Haynes et al. 2013", ge=1, le=5,
    )
    vida_media_efecto_dias: float = campo(
        6.0, descripcion="Vida media del impulso de pago de una gestión", unidad="días",
        fuente="supuesto", gt=0, le=120,
    )
    habituacion: float = campo(
        0.05, descripcion="Pérdida de efecto por cada recordatorio previo al mismo cliente",
        unidad="fracción", fuente="Szabó y Ujhelyi 2015: el efecto se disipa en unos tres meses",
        ge=0, le=1,
    )
    prob_contacto_pct: float = campo(
        65.0, descripcion="Probabilidad de que una llamada hable con quien paga", unidad="%",
        fuente="supuesto", ge=0, le=100,
    )
    prob_promesa_pct: float = campo(
        45.0, descripcion="Probabilidad de obtener una promesa de pago en una llamada con "
        "contacto", unidad="%", fuente="supuesto", ge=0, le=100,
    )
    factor_liquidez_dificultad: float = campo(
        0.15, descripcion="Multiplicador de la intensidad de pago de un cliente en dificultad",
        unidad="veces", fuente="supuesto", ge=0, le=1,
    )
    atraso_por_desconfianza_dias: float = campo(
        25.0, descripcion="Días de atraso que agrega perder toda la confianza inicial",
        unidad="días", fuente="supuesto", ge=0, le=365,
    )
    sensibilidad_rotacion_confianza: float = campo(
        3.0, descripcion="Cuánto sube la rotación cuando baja la confianza (exponente)",
        unidad="1/unidad de confianza", fuente="supuesto", ge=0, le=20,
    )
    delta_confianza_recordatorio: float = campo(
        -0.004, descripcion="Cambio de confianza por cada recordatorio", unidad="confianza",
        fuente="supuesto", ge=-1, le=1,
    )
    delta_confianza_llamada: float = campo(
        -0.01, descripcion="Cambio de confianza por cada llamada de cobranza", unidad="confianza",
        fuente="supuesto", ge=-1, le=1,
    )
    delta_confianza_cargo: float = campo(
        -0.01, descripcion="Cambio de confianza por cada cargo por mora", unidad="confianza",
        fuente="supuesto", ge=-1, le=1,
    )
    delta_confianza_suspension: float = campo(
        -0.10, descripcion="Cambio de confianza por una suspensión de crédito",
        unidad="confianza", fuente="supuesto", ge=-1, le=1,
    )
    delta_confianza_agencia: float = campo(
        -0.35, descripcion="Cambio de confianza al enviar a agencia", unidad="confianza",
        fuente="supuesto", ge=-1, le=1,
    )
    delta_confianza_legal: float = campo(
        -0.6, descripcion="Cambio de confianza al iniciar acción legal", unidad="confianza",
        fuente="supuesto", ge=-1, le=1,
    )
    delta_confianza_flexibilidad: float = campo(
        0.08, descripcion="Cambio de confianza por un plan o una prórroga (una promesa aceptada "
        "suma la cuarta parte; un plan roto la resta)",
        unidad="confianza", fuente="supuesto", ge=-1, le=1,
    )
    reversion_confianza_dias: float = campo(
        180.0, descripcion="Tiempo característico en que la confianza vuelve a su nivel inicial",
        unidad="días", fuente="supuesto", gt=0, le=3650,
    )
    dias_compras_tras_quiebra: float = campo(
        90.0, descripcion="Días que un cliente que quiebra sigue comprando antes de cerrar",
        unidad="días", fuente="supuesto", ge=0, le=365,
    )
    disputa_dias_extra: float = campo(
        45.0, descripcion="Días que una disputa atrasa el pago si nadie la resuelve",
        unidad="días", fuente="supuesto", ge=0, le=365,
    )
    reduccion_disputas_factura_electronica_pct: float = campo(
        60.0, descripcion="Cuánto reduce la factura electrónica las disputas", unidad="%",
        fuente="supuesto", ge=0, le=100,
    )
    demora_entrega_papel_dias: float = campo(
        3.0, descripcion="Días que tarda en llegar una factura en papel (la electrónica llega "
        "el mismo día)", unidad="días", fuente="supuesto", ge=0, le=60,
    )
    adopcion_debito_directo_pct: float = campo(
        15.0, descripcion="Porcentaje de clientes que se inscriben en débito directo si se "
        "ofrece", unidad="%", fuente="Monte Carlo de cobranza publicado: 15 % inscritos",
        ge=0, le=100,
    )
    prob_paga_cargos_pct: float = campo(
        60.0, descripcion="Probabilidad de que el cliente pague los cargos e intereses de una "
        "factura al saldarla (si no, se condonan todos)", unidad="%", fuente="supuesto",
        ge=0, le=100,
    )
    prob_descuento_fuera_plazo_pct: float = campo(
        15.0, descripcion="De quienes toman el descuento, porcentaje que paga después del plazo "
        "del descuento y lo descuenta igual", unidad="%",
        fuente="Taulia: ~20 % de proveedores lo ven", ge=0, le=100,
    )
    prob_acepta_plan_pct: float = campo(
        70.0, descripcion="Probabilidad de aceptar un plan de pago ofrecido", unidad="%",
        fuente="supuesto", ge=0, le=100,
    )
    quiebre_plan_12m_pct: float = campo(
        30.0, descripcion="Porcentaje de planes que se rompen dentro de 12 meses", unidad="%",
        fuente="supuesto (barrer 15 a 50 %)", ge=0, le=100,
    )
    factor_recuperacion_agencia: float = campo(
        0.5, descripcion="Multiplica la cobrabilidad según antigüedad para dar la probabilidad de "
        "que la agencia recupere una cuenta de un cliente solvente", unidad="veces",
        fuente="supuesto; la agencia recupera ~20 % del valor colocado (agencias comerciales)",
        ge=0, le=1,
    )
    recuperacion_agencia_insolvente_pct: float = campo(
        10.0, descripcion="Porcentaje que la agencia recupera de un cliente en quiebra",
        unidad="%", fuente="supuesto; ~20 % del valor colocado en total (agencias comerciales)",
        ge=0, le=100,
    )
    dias_recuperacion_agencia: float = campo(
        45.0, descripcion="Tiempo medio en que la agencia recupera", unidad="días",
        fuente="supuesto", gt=0, le=730,
    )
    demora_legal_dias: float = campo(
        180.0, descripcion="Demora de una acción legal hasta la sentencia", unidad="días",
        fuente="supuesto", ge=0, le=2000,
    )
    exito_legal_pct: float = campo(
        70.0, descripcion="Probabilidad de recuperar por vía legal a un cliente solvente",
        unidad="%", fuente="supuesto", ge=0, le=100,
    )
    exito_legal_insolvente_pct: float = campo(
        15.0, descripcion="Porcentaje recuperado por vía legal a un cliente en quiebra",
        unidad="%", fuente="supuesto", ge=0, le=100,
    )
    curva_cobrabilidad: tuple[tuple[float, float], ...] = campo(
        CURVA_COBRABILIDAD,
        descripcion="Puntos (días de atraso, % cobrable) de la cobrabilidad según antigüedad",
        unidad="días, %", fuente="Commercial Collection Agency Association",
    )

    @model_validator(mode="after")
    def _curva(self) -> ParametrosComportamiento:
        dias = [p[0] for p in self.curva_cobrabilidad]
        if len(dias) < 2 or dias != sorted(dias):
            raise ValueError("curva_cobrabilidad necesita al menos dos puntos en días crecientes")
        if any(not 0 <= p[1] <= 100 for p in self.curva_cobrabilidad):
            raise ValueError("curva_cobrabilidad: los porcentajes deben estar entre 0 y 100")
        return self
