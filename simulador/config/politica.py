"""Modelo validado de la política de crédito y cobranza: todas las palancas de la empresa."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import field_validator, model_validator

from simulador.config.base import VERSION_FORMATO, Modelo, campo

Accion = Literal["recordatorio", "llamada", "suspender_credito", "agencia", "legal", "castigar"]
Canal = Literal["email", "sms", "carta", "llamada", "ninguno"]
CANAL_POR_DEFECTO: dict[str, str] = {
    "recordatorio": "email",
    "llamada": "llamada",
    "suspender_credito": "ninguno",
    "agencia": "ninguno",
    "legal": "ninguno",
    "castigar": "ninguno",
}


class Descuento(Modelo):
    """Descuento por pronto pago: ``pct``/``dias`` neto ``plazo_dias`` (p. ej. 2/10 neto 30)."""

    pct: float = campo(0.0, descripcion="Descuento por pagar dentro del plazo del descuento",
                       unidad="%", ge=0, le=20)
    dias: int = campo(0, descripcion="Días desde la emisión para ganar el descuento",
                      unidad="días", ge=0, le=180)
    acepta_fuera_de_plazo: bool = campo(
        False, descripcion="Si se acepta el descuento cuando el cliente paga después del plazo "
        "(si no, la diferencia queda pendiente y se cobra)",
    )


class Mora(Modelo):
    """Cargos e intereses por mora, como los tipos de reclamación de ERPNext."""

    cargo_fijo: float = campo(0.0, descripcion="Cargo fijo por factura vencida", unidad="moneda",
                              ge=0)
    cargo_pct: float = campo(0.0, descripcion="Cargo porcentual sobre el saldo vencido",
                             unidad="%", ge=0, le=50)
    interes_anual_pct: float = campo(
        0.0, descripcion="Interés anual sobre el saldo vencido, diario", unidad="% anual",
        ge=0, le=200,
    )
    dias_gracia: int = campo(0, descripcion="Días después del vencimiento sin cargos",
                             unidad="días", ge=0, le=180)


class Credito(Modelo):
    """Límite de crédito y bloqueo de ventas (credit hold)."""

    limite_meses_compra: float | None = campo(
        None, descripcion="Límite de crédito en meses de compras esperadas del cliente "
        "(vacío = sin límite)", unidad="meses", gt=0, le=60,
    )
    bloqueo_dias_vencida: int | None = campo(
        None, descripcion="Bloquear ventas nuevas si el cliente tiene una factura con más de "
        "estos días de atraso (vacío = nunca)", unidad="días", ge=0, le=730,
    )


class Verificacion(Modelo):
    """Verificación de antecedentes de postulantes nuevos con un puntaje ruidoso."""

    activa: bool = campo(False, descripcion="Si se verifica a los postulantes")
    corte_riesgo_pct: float = campo(
        10.0, descripcion="Se rechaza (o se pide prepago) si el riesgo estimado por el puntaje "
        "supera este valor", unidad="% anual", ge=0, le=100,
    )
    accion: Literal["rechazar", "prepago"] = campo(
        "rechazar", descripcion="Qué hacer con quien no pasa el corte",
    )


class Paso(Modelo):
    """Un paso del calendario de seguimiento, como un nivel de seguimiento de Odoo."""

    dias: int = campo(descripcion="Días respecto del vencimiento (negativo = antes de vencer)",
                      unidad="días", ge=-60, le=1095)
    accion: Accion = campo(descripcion="Qué se hace")
    canal: Canal | None = campo(
        None, descripcion="Por dónde (vacío = el canal natural de la acción)",
    )
    personalizado: bool = campo(
        False, descripcion="Mensaje firmado por el ejecutivo de la cuenta (más efectivo)",
    )
    cargo: float = campo(0.0, descripcion="Cargo fijo que se agrega en este paso (Invoice Ninja)",
                         unidad="moneda", ge=0)

    @model_validator(mode="after")
    def _canal(self) -> Paso:
        canal = self.canal or CANAL_POR_DEFECTO[self.accion]
        if self.accion == "recordatorio" and canal not in ("email", "sms", "carta"):
            raise ValueError("un recordatorio va por email, sms o carta")
        if self.accion == "llamada" and canal != "llamada":
            raise ValueError("una llamada va por el canal llamada")
        if self.accion not in ("recordatorio", "llamada") and canal != "ninguno":
            raise ValueError(f"la acción {self.accion} no usa canal (deje canal vacío)")
        return self

    @property
    def canal_efectivo(self) -> str:
        """El canal declarado o, si falta, el natural de la acción."""
        return self.canal or CANAL_POR_DEFECTO[self.accion]


class Automatizacion(Modelo):
    """Facturación electrónica y débito directo."""

    factura_electronica: bool = campo(
        False, descripcion="Factura electrónica: menos disputas y entrega el mismo día",
    )
    ofrece_debito_directo: bool = campo(
        False, descripcion="Ofrecer inscripción en débito directo (pago automático al vencer)",
    )


class PlanesPago(Modelo):
    """Acuerdos de pago flexibles para clientes en dificultad o morosos."""

    ofrecer: bool = campo(False, descripcion="Si se ofrecen planes de pago")
    a_quien: Literal["en_dificultad", "morosos"] = campo(
        "en_dificultad", descripcion="en_dificultad = solo a quien la llamada detecta en "
        "dificultad; morosos = a todo cliente con deuda vencida sobre el mínimo de días",
    )
    dias_vencido_min: int = campo(30, descripcion="Atraso mínimo para ofrecer un plan",
                                  unidad="días", ge=0, le=730)
    cuotas: int = campo(3, descripcion="Número de cuotas", unidad="cuotas", ge=1, le=36)
    intervalo_dias: int = campo(30, descripcion="Días entre cuotas", unidad="días", ge=7, le=90)
    pie_pct: float = campo(10.0, descripcion="Pago inicial sobre el saldo", unidad="%", ge=0,
                           le=90)
    interes_anual_pct: float = campo(0.0, descripcion="Interés anual del plan",
                                     unidad="% anual", ge=0, le=200)
    espera_tras_roto_dias: int = campo(
        180, descripcion="Días sin ofrecerle otro plan a quien rompió uno (supuesto: sin esta "
        "espera, a un cliente quebrado se le ofrecería un plan que rompe cada día)",
        unidad="días", ge=0, le=730)


class Promesas(Modelo):
    """Promesas de pago: pausan el seguimiento hasta la fecha prometida."""

    aceptar: bool = campo(True, descripcion="Si se aceptan promesas de pago")
    dias_max: int = campo(14, descripcion="Plazo máximo que se acepta para una promesa",
                          unidad="días", ge=1, le=90)


class Alertas(Modelo):
    """Sistema de alertas: señales de riesgo que ponen al cliente en la lista de llamadas."""

    activas: bool = campo(False, descripcion="Llamar de inmediato ante una señal de alerta "
                          "(promesa rota, pago parcial, pagos más lentos)")


class Cambio(Modelo):
    """Un cambio de política en una fecha (revisión periódica)."""

    desde_dia: int = campo(descripcion="Día del horizonte desde el que rige", unidad="días",
                           ge=0)
    cambios: dict[str, Any] = campo(
        descripcion="Valores que cambian, con la misma forma que la política",
    )


class Politica(Modelo):
    """Todas las palancas de crédito y cobranza que controla la empresa."""

    version: int = campo(VERSION_FORMATO, descripcion="Versión del formato del archivo", ge=1,
                         le=VERSION_FORMATO)
    nombre: str = campo(descripcion="Nombre corto de la política", min_length=1, max_length=80)
    descripcion: str = campo("", descripcion="Qué representa la política", max_length=4000)
    esquema: str | None = campo(
        None, descripcion="Referencia al esquema JSON para editores (se ignora al simular)",
        alias="$schema",
    )
    plazo_dias: int = campo(30, descripcion="Plazo de pago: neto N días", unidad="días",
                            ge=0, le=365)
    descuento: Descuento = campo(Descuento(), descripcion="Descuento por pronto pago")
    mora: Mora = campo(Mora(), descripcion="Cargos e intereses por mora")
    credito: Credito = campo(Credito(), descripcion="Límite y bloqueo de crédito")
    verificacion: Verificacion = campo(Verificacion(), descripcion="Verificación de postulantes")
    seguimiento: tuple[Paso, ...] = campo(
        (), descripcion="Calendario de seguimiento: pasos en días respecto del vencimiento",
    )
    prioridad_llamadas: Literal["monto_atraso_riesgo", "antiguedad", "monto"] = campo(
        "monto_atraso_riesgo", descripcion="Orden de la cola de llamadas cuando no alcanzan los "
        "cobradores",
    )
    automatizacion: Automatizacion = campo(Automatizacion(), descripcion="Automatización")
    planes: PlanesPago = campo(PlanesPago(), descripcion="Planes de pago")
    promesas: Promesas = campo(Promesas(), descripcion="Promesas de pago")
    alertas: Alertas = campo(Alertas(), descripcion="Sistema de alertas")
    castigo_dias: int = campo(
        365, descripcion="Días de atraso a los que se castiga el saldo", unidad="días",
        ge=30, le=1825,
    )
    cambios: tuple[Cambio, ...] = campo((), descripcion="Cambios de política con fecha")

    model_config = Modelo.model_config | {"populate_by_name": True}

    @field_validator("seguimiento")
    @classmethod
    def _ordenado(cls, pasos: tuple[Paso, ...]) -> tuple[Paso, ...]:
        return tuple(sorted(pasos, key=lambda p: p.dias))

    @model_validator(mode="after")
    def _coherencia(self) -> Politica:
        if self.descuento.pct > 0 and self.descuento.dias >= self.plazo_dias:
            raise ValueError(
                f"descuento.dias: {self.descuento.dias} debe ser menor que plazo_dias "
                f"({self.plazo_dias}): el descuento se gana antes del vencimiento"
            )
        for i, paso in enumerate(self.seguimiento):
            if paso.dias < -self.plazo_dias:
                raise ValueError(
                    f"seguimiento[{i}].dias: el paso del día {paso.dias} es anterior a la "
                    f"emisión (plazo de {self.plazo_dias} días); debe ser ≥ {-self.plazo_dias}"
                )
        dias = [c.desde_dia for c in self.cambios]
        if dias != sorted(dias) or len(set(dias)) != len(dias):
            raise ValueError("cambios: los desde_dia deben ser distintos y crecientes")
        return self

    def vigente(self, dia: int) -> Politica:
        """La política que rige el día ``dia`` del horizonte, con sus cambios aplicados."""
        from simulador.config.deltas import aplicar_delta

        actual = self
        for cambio in self.cambios:
            if cambio.desde_dia <= dia:
                actual = aplicar_delta(actual, cambio.cambios)
        return actual


def politica_de(datos: dict[str, Any]) -> Politica:
    """Construye y valida una política desde un diccionario."""
    return Politica.model_validate(datos)
