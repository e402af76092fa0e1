"""Modo markov: antigüedad descrita como tasas de traspaso mensuales entre tramos."""

from __future__ import annotations

from pydantic import model_validator

from simulador.config.base import Modelo, campo


class ConfigMarkov(Modelo):
    """Cadena absorbente de cuentas por cobrar (Cyert, Davidson y Thompson 1962)."""

    estados: tuple[str, ...] = campo(
        ("corriente", "1-30", "31-60", "61-90", "91+"),
        descripcion="Nombres de los tramos de antigüedad (estados transitorios)",
        min_length=1, max_length=24,
    )
    matriz_mensual: tuple[tuple[float, ...], ...] = campo(
        descripcion="Una fila por tramo: probabilidad de pasar a cada tramo, luego a pagado y "
        "luego a castigado (cada fila suma 1)", unidad="probabilidad por mes",
    )
    saldos_iniciales: tuple[float, ...] = campo(
        descripcion="Saldo inicial en cada tramo", unidad="moneda",
    )
    ventas_mensuales: float = campo(
        0.0, descripcion="Ventas nuevas por mes que entran al primer tramo", unidad="moneda/mes",
        ge=0,
    )
    monto_unidad: float = campo(
        100.0, descripcion="Tamaño de cada partida simulada: los saldos se dividen en partidas "
        "que se mueven por separado", unidad="moneda", gt=0,
    )
    meses: int = campo(60, descripcion="Meses simulados", unidad="meses", ge=1, le=600)

    @model_validator(mode="after")
    def _forma(self) -> ConfigMarkov:
        k = len(self.estados)
        if len(self.matriz_mensual) != k:
            raise ValueError(
                f"matriz_mensual tiene {len(self.matriz_mensual)} filas; debe tener una por "
                f"tramo ({k})"
            )
        for i, fila in enumerate(self.matriz_mensual):
            if len(fila) != k + 2:
                raise ValueError(
                    f"matriz_mensual[{i}] tiene {len(fila)} columnas; debe tener {k + 2} "
                    "(los tramos, pagado y castigado)"
                )
            if any(p < 0 or p > 1 for p in fila):
                raise ValueError(f"matriz_mensual[{i}]: cada probabilidad debe estar entre 0 y 1")
            if abs(sum(fila) - 1.0) > 1e-6:
                raise ValueError(f"matriz_mensual[{i}] suma {sum(fila):g}; debe sumar 1")
        if len(self.saldos_iniciales) != k:
            raise ValueError(f"saldos_iniciales debe tener {k} valores, uno por tramo")
        if any(s < 0 for s in self.saldos_iniciales):
            raise ValueError("saldos_iniciales no puede tener saldos negativos")
        return self
