"""Los principios de cobranza de los que nace el producto (dominio.md §2), con su nombre visible."""

from __future__ import annotations

from typing import Literal

Principio = Literal[
    "conoce_clientes", "politicas_claras", "verificacion", "automatizacion", "pronto_pago",
    "comunicacion_abierta", "acuerdos_flexibles", "seguimiento", "alertas",
    "seguimiento_proactivo", "capacitacion", "revision_periodica", "relaciones_largo_plazo",
    "diversificacion", "escalamiento",
]

NOMBRES: dict[str, str] = {
    "conoce_clientes": "Conoce a tus clientes",
    "politicas_claras": "Políticas de crédito claras",
    "verificacion": "Verificación de antecedentes crediticios",
    "automatizacion": "Automatización de facturación y cobro",
    "pronto_pago": "Incentivos por pronto pago",
    "comunicacion_abierta": "Comunicación abierta",
    "acuerdos_flexibles": "Acuerdos de pago flexibles",
    "seguimiento": "Políticas de seguimiento",
    "alertas": "Sistema de alertas",
    "seguimiento_proactivo": "Seguimiento proactivo",
    "capacitacion": "Capacitar al equipo",
    "revision_periodica": "Revisar periódicamente las políticas",
    "relaciones_largo_plazo": "Relaciones sólidas y de largo plazo",
    "diversificacion": "Diversifica tu cartera",
    "escalamiento": "Escalamiento a agencia o asesor legal",
}
"""Clave del principio -> nombre en la app."""

NOMBRES_DECISION: dict[str, str] = {
    "llamar": "Llamar",
    "recordatorio": "Enviar recordatorio",
    "aceptar_promesa": "Aceptar promesa de pago",
    "ofrecer_plan": "Ofrecer plan de pago",
    "suspender": "Suspender crédito",
    "escalar_agencia": "Escalar a agencia",
    "accion_legal": "Acción legal",
    "prorroga": "Conceder prórroga",
    "nada": "Nada",
}
"""Decisión de la mesa -> texto visible."""

PRINCIPIO_DE_DECISION: dict[str, str] = {
    "llamar": "comunicacion_abierta",
    "recordatorio": "seguimiento",
    "aceptar_promesa": "acuerdos_flexibles",
    "ofrecer_plan": "acuerdos_flexibles",
    "prorroga": "relaciones_largo_plazo",
    "suspender": "politicas_claras",
    "escalar_agencia": "escalamiento",
    "accion_legal": "escalamiento",
}
"""Qué principio pone en juego cada decisión (para el debrief)."""
