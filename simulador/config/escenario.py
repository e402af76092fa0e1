"""Modelo validado del escenario: el negocio, sus clientes, su equipo, sus costos y sus shocks."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import model_validator

from simulador.config.base import VERSION_FORMATO, Modelo, campo
from simulador.config.comportamiento import ParametrosComportamiento
from simulador.config.markov import ConfigMarkov


class MontoFactura(Modelo):
    """Distribución lognormal del monto de cada factura."""

    media: float = campo(descripcion="Monto medio de una factura", unidad="moneda", gt=0)
    cv: float = campo(
        0.6, descripcion="Coeficiente de variación del monto (desvío / media)", unidad="razón",
        fuente="supuesto", ge=0, le=5,
    )


class Segmento(Modelo):
    """Un grupo de clientes con hábitos de pago parecidos."""

    nombre: str = campo(descripcion="Nombre del segmento", min_length=1, max_length=60)
    participacion_pct: float = campo(
        descripcion="Porcentaje de los clientes que pertenece a este segmento", unidad="%",
        ge=0, le=100,
    )
    compras_por_mes: float = campo(
        descripcion="Compras a crédito por cliente y mes (proceso de Poisson)",
        unidad="facturas/mes", gt=0, le=100,
    )
    monto_factura: MontoFactura = campo(descripcion="Distribución del monto de las facturas")
    plazo_adicional_dias: int = campo(
        0, descripcion="Días de plazo que este segmento tiene por encima del plazo de la política "
        "(plazos negociados, p. ej. cuentas grandes); la política sigue moviendo el plazo de todos",
        unidad="días", fuente="supuesto; con él, el DSO mejor posible llega a ~32 días (CRF)",
        ge=0, le=365,
    )
    atraso_medio_dias: float = campo(
        descripcion="Días de atraso medio respecto del vencimiento sin ninguna gestión "
        "(negativo = paga antes de vencer)", unidad="días", fuente="Atradius; Coface LatAm 2024",
        ge=-90, le=365,
    )
    atraso_desvio_cliente_dias: float = campo(
        5.0, descripcion="Desvío del atraso habitual entre clientes del segmento", unidad="días",
        fuente="supuesto", ge=0, le=180,
    )
    atraso_desvio_factura_dias: float = campo(
        5.0, descripcion="Desvío del atraso entre facturas de un mismo cliente", unidad="días",
        fuente="supuesto", ge=0, le=180,
    )
    costo_fondos_min_pct: float = campo(
        8.0, descripcion="Costo de fondos anual mínimo de los clientes (decide si toman el "
        "descuento)", unidad="% anual", fuente="supuesto", ge=0, le=200,
    )
    costo_fondos_max_pct: float = campo(
        40.0, descripcion="Costo de fondos anual máximo de los clientes", unidad="% anual",
        fuente="supuesto", ge=0, le=200,
    )
    sensibilidad_descuento: float = campo(
        0.7, descripcion="Probabilidad de tomar un descuento que le conviene", unidad="0 a 1",
        fuente="supuesto", ge=0, le=1,
    )
    sensibilidad_recordatorio: float = campo(
        1.0, descripcion="Multiplicador del efecto de un recordatorio", unidad="veces",
        fuente="Cadena y Schoar 2011; Nairobi 2024 (0 = sin efecto)", ge=0, le=5,
    )
    sensibilidad_llamada: float = campo(
        1.0, descripcion="Multiplicador del efecto de una llamada", unidad="veces",
        fuente="Karlan, Morten y Zinman 2016", ge=0, le=5,
    )
    sensibilidad_cargos: float = campo(
        0.3, descripcion="Cuánto acortan el atraso los cargos e intereses por mora",
        unidad="0 a 1", fuente="supuesto", ge=0, le=1,
    )
    prob_dificultad_anual_pct: float = campo(
        4.0, descripcion="Probabilidad anual de caer en dificultad financiera", unidad="% anual",
        fuente="supuesto; calibrado a castigos de 1 a 3 % (Atradius)", ge=0, le=100,
    )
    prob_quiebra_pct: float = campo(
        25.0, descripcion="De los que caen en dificultad, porcentaje que no se recupera (quiebra)",
        unidad="%", fuente="supuesto", ge=0, le=100,
    )
    duracion_dificultad_dias: float = campo(
        90.0, descripcion="Duración media de una dificultad temporal", unidad="días",
        fuente="supuesto", gt=0, le=1000,
    )
    prob_disputa_pct: float = campo(
        3.0, descripcion="Porcentaje de facturas que el cliente disputa (error, entrega)",
        unidad="%", fuente="supuesto", ge=0, le=100,
    )
    prob_pago_parcial_pct: float = campo(
        5.0, descripcion="Porcentaje de pagos que llegan incompletos", unidad="%",
        fuente="supuesto", ge=0, le=100,
    )
    prob_cumple_promesa_pct: float = campo(
        75.0, descripcion="Probabilidad de cumplir una promesa de pago (sin dificultad)",
        unidad="%", fuente="supuesto", ge=0, le=100,
    )
    rotacion_anual_pct: float = campo(
        8.0, descripcion="Porcentaje anual de clientes que se van con la relación normal",
        unidad="% anual", fuente="supuesto", ge=0, le=100,
    )

    @model_validator(mode="after")
    def _costo_fondos(self) -> Segmento:
        if self.costo_fondos_max_pct < self.costo_fondos_min_pct:
            raise ValueError(
                "costo_fondos_max_pct debe ser mayor o igual que costo_fondos_min_pct"
            )
        return self


class ClienteAncla(Modelo):
    """Un cliente grande que concentra una parte de las ventas."""

    segmento: str = campo(descripcion="Segmento del cliente ancla (nombre de un segmento)")
    participacion_ventas_pct: float = campo(
        descripcion="Porcentaje de las ventas esperadas que compra el cliente ancla",
        unidad="%", gt=0, lt=100,
    )
    prob_dificultad_anual_pct: float | None = campo(
        None, descripcion="Probabilidad anual de dificultad propia (vacío = la del segmento)",
        unidad="% anual", ge=0, le=100,
    )


class Postulantes(Modelo):
    """Clientes nuevos que piden crédito cada mes, con un riesgo latente."""

    por_mes: float = campo(0.0, descripcion="Postulantes nuevos por mes", unidad="clientes/mes",
                           ge=0, le=10000)
    riesgo_medio_pct: float = campo(
        6.0, descripcion="Probabilidad anual media de dificultad de los postulantes",
        unidad="% anual", fuente="supuesto", ge=0, le=100,
    )
    dispersion_riesgo: float = campo(
        1.0, descripcion="Dispersión del riesgo entre postulantes (desvío del logit)",
        unidad="logit", fuente="supuesto", ge=0, le=5,
    )
    ruido_puntaje: float = campo(
        0.7, descripcion="Ruido del puntaje de crédito (desvío sobre el logit del riesgo)",
        unidad="logit", fuente="supuesto", ge=0, le=5,
    )
    prob_acepta_prepago_pct: float = campo(
        50.0, descripcion="Porcentaje de postulantes que siguen comprando si se les exige "
        "pago anticipado", unidad="%", fuente="supuesto", ge=0, le=100,
    )


class EquipoCobranza(Modelo):
    """Los cobradores: un recurso escaso que atiende las llamadas en orden de prioridad."""

    cobradores: int = campo(2, descripcion="Número de cobradores", unidad="personas", ge=0, le=500)
    llamadas_por_dia: int = campo(
        30, descripcion="Llamadas que un cobrador puede hacer por día", unidad="llamadas/día",
        ge=1, le=200,
    )
    costo_hora: float = campo(
        10.0, descripcion="Costo por hora de un cobrador", unidad="moneda/hora", ge=0,
    )
    horas_por_dia: float = campo(8.0, descripcion="Horas de trabajo por día", unidad="horas",
                                 gt=0, le=24)
    habilidad: float = campo(
        0.6, descripcion="Habilidad del equipo: mejora el efecto de las llamadas y la detección "
        "de señales de alerta", unidad="0 a 1", fuente="supuesto", ge=0, le=1,
    )


class CostosCanal(Modelo):
    """Costo por mensaje o gestión y parámetros de la escalada externa."""

    email: float = campo(0.05, descripcion="Costo de un correo", unidad="moneda", ge=0)
    sms: float = campo(0.10, descripcion="Costo de un SMS", unidad="moneda", ge=0)
    carta: float = campo(2.0, descripcion="Costo de una carta", unidad="moneda", ge=0)
    comision_agencia_pct: float = campo(
        25.0, descripcion="Comisión de la agencia sobre lo recuperado", unidad="%",
        fuente="ACA International: 15 a 50 %, típico 25 %", ge=0, le=100,
    )
    costo_legal: float = campo(
        500.0, descripcion="Costo fijo de iniciar una acción legal", unidad="moneda", ge=0,
    )


class Shock(Modelo):
    """Un cambio del entorno económico que afecta a todos los clientes a la vez."""

    nombre: str = campo(descripcion="Nombre del shock (p. ej. recesión)", min_length=1)
    desde_dia: int = campo(descripcion="Día del horizonte en que empieza", unidad="días", ge=0)
    hasta_dia: int | None = campo(
        None, descripcion="Día en que termina (vacío = hasta el final)", unidad="días", ge=0,
    )
    multiplicador_dificultad: float = campo(
        1.0, descripcion="Multiplica la probabilidad de dificultad financiera", unidad="veces",
        ge=0, le=50,
    )
    multiplicador_compras: float = campo(
        1.0, descripcion="Multiplica la frecuencia de compras", unidad="veces", ge=0, le=10,
    )
    atraso_extra_dias: float = campo(
        0.0, descripcion="Días de atraso que se suman a cada factura emitida durante el shock",
        unidad="días", ge=-60, le=365,
    )

    @model_validator(mode="after")
    def _orden(self) -> Shock:
        if self.hasta_dia is not None and self.hasta_dia <= self.desde_dia:
            raise ValueError("hasta_dia debe ser posterior a desde_dia")
        return self


class FormatoNumeros(Modelo):
    """Cómo se muestran los montos en la app y los informes."""

    simbolo: str = campo("$", descripcion="Símbolo de la moneda", max_length=5)
    separador_miles: Literal[".", ",", " ", "'", ""] = campo(".", descripcion="Separador de miles")
    separador_decimal: Literal[",", "."] = campo(",", descripcion="Separador decimal")
    decimales: int = campo(0, descripcion="Decimales de los montos", ge=0, le=4)

    @model_validator(mode="after")
    def _distintos(self) -> FormatoNumeros:
        if self.separador_miles == self.separador_decimal:
            raise ValueError("separador_miles y separador_decimal deben ser distintos")
        return self


class Escenario(Modelo):
    """El negocio y su cartera: lo que no depende de la política de cobranza."""

    version: int = campo(VERSION_FORMATO, descripcion="Versión del formato del archivo", ge=1,
                         le=VERSION_FORMATO)
    nombre: str = campo(descripcion="Nombre corto del escenario", min_length=1, max_length=80)
    descripcion: str = campo("", descripcion="Qué representa el escenario", max_length=4000)
    esquema: str | None = campo(
        None, descripcion="Referencia al esquema JSON para editores (se ignora al simular)",
        alias="$schema",
    )
    modo: Literal["clientes", "markov"] = campo(
        "clientes", descripcion="clientes = simulación por cliente y factura; markov = tasas de "
        "traspaso mensuales entre tramos de antigüedad",
    )
    moneda: str = campo("CLP", descripcion="Código ISO de la moneda", min_length=3, max_length=3)
    formato: FormatoNumeros = campo(FormatoNumeros(), descripcion="Formato de los números")
    fecha_inicio: dt.date = campo(dt.date(2026, 1, 1), descripcion="Fecha del día 0 del horizonte")
    horizonte_dias: int = campo(365, descripcion="Días simulados y medidos", unidad="días",
                                ge=30, le=3650)
    calentamiento_dias: int = campo(
        120, descripcion="Días simulados antes del horizonte para llenar la cartera (no se miden)",
        unidad="días", ge=0, le=730,
    )
    margen_bruto_pct: float = campo(
        25.0, descripcion="Margen bruto sobre las ventas", unidad="%", ge=0, le=100,
    )
    costo_capital_anual_pct: float = campo(
        12.0, descripcion="Costo de capital para financiar las cuentas por cobrar",
        unidad="% anual", ge=0, le=200,
    )
    clientes: int = campo(1000, descripcion="Clientes al inicio", unidad="clientes", ge=1,
                          le=1_000_000)
    segmentos: tuple[Segmento, ...] = campo(
        (), descripcion="Segmentos de clientes (las participaciones suman 100 %)",
    )
    cliente_ancla: ClienteAncla | None = campo(None, descripcion="Cliente que concentra ventas")
    postulantes: Postulantes = campo(Postulantes(), descripcion="Postulantes nuevos a crédito")
    equipo: EquipoCobranza = campo(EquipoCobranza(), descripcion="Equipo de cobranza")
    costos: CostosCanal = campo(CostosCanal(), descripcion="Costos por canal y escalada")
    shocks: tuple[Shock, ...] = campo((), descripcion="Shocks económicos con fecha")
    comportamiento: ParametrosComportamiento = campo(
        ParametrosComportamiento(),
        descripcion="Parámetros del modelo de comportamiento (valores por defecto documentados)",
    )
    markov: ConfigMarkov | None = campo(None, descripcion="Datos del modo markov")

    model_config = Modelo.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _coherencia(self) -> Escenario:
        if self.modo == "markov":
            if self.markov is None:
                raise ValueError("markov: el modo markov requiere la sección markov")
            return self
        if not self.segmentos:
            raise ValueError("segmentos: el modo clientes requiere al menos un segmento")
        total = sum(s.participacion_pct for s in self.segmentos)
        if abs(total - 100.0) > 0.01:
            raise ValueError(
                f"segmentos: las participacion_pct suman {total:g} %, deben sumar 100 %"
            )
        nombres = [s.nombre for s in self.segmentos]
        if len(set(nombres)) != len(nombres):
            raise ValueError("segmentos: hay segmentos con el mismo nombre")
        if self.cliente_ancla is not None and self.cliente_ancla.segmento not in nombres:
            raise ValueError(
                f"cliente_ancla.segmento: '{self.cliente_ancla.segmento}' no es un segmento; "
                f"los segmentos son: {', '.join(nombres)}"
            )
        for i, shock in enumerate(self.shocks):
            if shock.desde_dia >= self.horizonte_dias:
                raise ValueError(
                    f"shocks[{i}].desde_dia: el shock '{shock.nombre}' empieza el día "
                    f"{shock.desde_dia}, después del horizonte de {self.horizonte_dias} días"
                )
        return self

    def segmento(self, nombre: str) -> Segmento:
        """Devuelve el segmento de ese nombre."""
        for s in self.segmentos:
            if s.nombre == nombre:
                return s
        raise KeyError(nombre)
