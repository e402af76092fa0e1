"""Gráficos de la cartera de un escenario y de la historia de un cliente (plotly, sin streamlit)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from simulador.config import Escenario
from simulador.formato import Formato, nombre_visible
from simulador.graficos import COLORES, eje_fechas, estilo

ESTILO_EVENTO: dict[str, tuple[str, str, str]] = {
    # tipo -> (nombre en la leyenda, símbolo, color)
    "emision": ("Factura emitida", "square", "#3B4A6B"),
    "pago": ("Pago", "circle", "#2A9D8F"),
    "pago_parcial": ("Pago parcial", "circle-open", "#2A9D8F"),
    "cuota": ("Cuota de plan", "circle", "#52B788"),
    "recordatorio": ("Recordatorio", "triangle-up", "#E9C46A"),
    "llamada": ("Llamada", "star", "#E07A1F"),
    "sin_contacto": ("Llamada sin contacto", "star-open", "#E07A1F"),
    "promesa": ("Promesa de pago", "diamond", "#8E7DBE"),
    "promesa_cumplida": ("Promesa cumplida", "diamond", "#2A9D8F"),
    "promesa_rota": ("Promesa rota", "diamond-open", "#B5179E"),
    "plan": ("Plan de pago", "hexagon", "#52B788"),
    "plan_roto": ("Plan roto", "hexagon-open", "#B5179E"),
    "plan_completo": ("Plan completado", "hexagon", "#2A9D8F"),
    "alerta": ("Alerta", "x", "#B5179E"),
    "disputa": ("Disputa", "cross", "#9B2226"),
    "disputa_resuelta": ("Disputa resuelta", "cross-open", "#9B2226"),
    "agencia": ("Enviado a agencia", "triangle-down", "#9B2226"),
    "legal": ("Acción legal", "triangle-down", "#6A040F"),
    "recupero": ("Recupero de agencia o vía legal", "triangle-up-open", "#6A040F"),
    "castigo": ("Castigo (incobrable)", "x-thin-open", "#000000"),
    "dificultad": ("Cae en dificultad", "hourglass", "#E76F51"),
    "recuperacion": ("Sale de la dificultad", "hourglass", "#2A9D8F"),
    "quiebra": ("Quiebra", "x", "#000000"),
    "baja": ("Deja de comprar", "line-ew", "#6B7280"),
    "suspension": ("Crédito suspendido", "square-x-open", "#9B2226"),
    "bloqueo": ("Compra bloqueada", "square-x", "#6B7280"),
    "rechazo": ("Crédito rechazado", "x-open", "#9B2226"),
    "prepago": ("Se exige prepago", "square-open", "#6B7280"),
    "prorroga": ("Prórroga", "arrow-right", "#8E7DBE"),
    "cargo": ("Cargo por mora", "triangle-right", "#E76F51"),
    "descuento": ("Descuento por pronto pago", "star-diamond", "#2A9D8F"),
    "debito_directo": ("Débito directo", "circle-dot", "#52B788"),
    "accion_entrenamiento": ("Decisión de la mesa", "star-square", "#3B4A6B"),
}


def _fecha(esc: Escenario, dia: float) -> dt.date:
    return esc.fecha_inicio + dt.timedelta(days=int(dia))


def fig_segmentos_escenario(tabla: pd.DataFrame, fmt: Formato) -> go.Figure:
    """Clientes y ventas esperadas por segmento (participación en %)."""
    g = tabla.groupby("segmento", sort=False).agg(clientes=("cliente", "size"),
                                                  ventas=("ventas_esperadas_mes", "sum"))
    x = [nombre_visible(s) for s in g.index]
    fig = go.Figure([
        go.Bar(x=x, y=100 * g["clientes"] / g["clientes"].sum(), name="Clientes",
               marker={"color": COLORES[0]}, hovertemplate="%{x}: %{y:.1f} % de los clientes"
               "<extra></extra>"),
        go.Bar(x=x, y=100 * g["ventas"] / g["ventas"].sum(), name="Ventas esperadas",
               marker={"color": COLORES[1]}, hovertemplate="%{x}: %{y:.1f} % de las ventas"
               "<extra></extra>"),
    ])
    fig.update_layout(barmode="group")
    return estilo(fig, fmt, titulo="Segmentos: participación en clientes y en ventas",
                  eje_x="Segmento", eje_y="Participación (%)", alto=380)


def fig_concentracion(tabla: pd.DataFrame, fmt: Formato) -> go.Figure:
    """Curva de concentración: qué parte de las ventas hacen los mayores clientes."""
    ventas = np.sort(tabla["ventas_esperadas_mes"].to_numpy(float))[::-1]
    total = ventas.sum() or 1.0
    y = np.concatenate([[0.0], 100 * np.cumsum(ventas) / total])
    x = np.linspace(0, 100, len(y))
    fig = go.Figure([
        go.Scatter(x=x, y=y, mode="lines", name="Cartera del escenario",
                   line={"color": COLORES[1], "width": 3},
                   hovertemplate="El %{x:.0f} % mayor de los clientes compra el %{y:.0f} % "
                   "de las ventas<extra></extra>"),
        go.Scatter(x=[0, 100], y=[0, 100], mode="lines", name="Todos compran lo mismo",
                   line={"color": "#999", "dash": "dash"}, hoverinfo="skip"),
    ])
    return estilo(fig, fmt, titulo="Concentración de las ventas esperadas",
                  eje_x="Clientes, de mayor a menor (% acumulado)",
                  eje_y="Ventas (% acumulado)", alto=380,
                  nota="Cuanto más se aleja de la diagonal, más depende de pocos clientes.")


def fig_historia(facturas: pd.DataFrame, eventos: pd.DataFrame, esc: Escenario,
                 fmt: Formato, cliente: int) -> go.Figure:
    """La historia de un cliente: cada factura como barra (emisión a cierre) y sus eventos."""
    fac = facturas[(facturas["cliente"] == cliente) & (facturas["dia_emision"] >= 0)]
    ev = eventos[(eventos["cliente"] == cliente) & (eventos["dia"] >= 0)]
    fin = esc.horizonte_dias - 1
    fig = go.Figure()
    for estado, color, nombre in (("pagada", "#2A9D8F", "Factura pagada"),
                                  ("abierta", "#E9C46A", "Factura abierta"),
                                  ("castigada", "#9B2226", "Factura castigada")):
        parte = fac[fac["estado"] == estado] if estado != "abierta" else \
            fac[~fac["estado"].isin(["pagada", "castigada"])]
        if parte.empty:
            continue
        cierre = parte["dia_cierre"].fillna(fin).clip(upper=fin)
        fig.add_trace(go.Bar(
            base=[_fecha(esc, d) for d in parte["dia_emision"]],
            x=[(c - e) * 86_400_000 for c, e in zip(cierre, parte["dia_emision"], strict=True)],
            y=[f"Factura {f}" for f in parte["factura"]], orientation="h", name=nombre,
            marker={"color": color, "opacity": 0.55},
            customdata=[[fmt.dinero(m), _fecha(esc, v).isoformat()]
                        for m, v in zip(parte["monto"], parte["dia_vencimiento"], strict=True)],
            hovertemplate="%{y}: %{customdata[0]}, vence %{customdata[1]}<extra></extra>"))
    fac_de = dict(zip(fac["factura"], fac["factura"], strict=True))
    for tipo, grupo in ev.groupby("tipo", sort=False):
        nombre, simbolo, color = ESTILO_EVENTO.get(str(tipo), (str(tipo), "circle", "#555"))
        filas = [f"Factura {f}" if f in fac_de else "Cliente" for f in grupo["factura"]]
        fig.add_trace(go.Scatter(
            x=[_fecha(esc, d) for d in grupo["dia"]], y=filas, mode="markers", name=nombre,
            marker={"symbol": simbolo, "size": 11, "color": color,
                    "line": {"width": 1, "color": color}},
            customdata=grupo["detalle"].astype(str),
            hovertemplate=f"{nombre}: %{{x|%d-%m-%Y}} %{{customdata}}<extra></extra>"))
    eje_fechas(fig)
    orden = ["Cliente", *[f"Factura {f}" for f in sorted(fac["factura"], reverse=True)]]
    fig.update_yaxes(categoryorder="array", categoryarray=orden[::-1])
    fig.update_layout(barmode="overlay")
    return estilo(fig, fmt, titulo=f"Historia del cliente {cliente}", eje_x="Fecha",
                  eje_y="Factura", alto=max(420, 26 * len(orden) + 200),
                  nota="Cada barra va de la emisión al pago o al castigo (o al final del "
                  "horizonte, si sigue abierta); los símbolos son las gestiones y los hechos del "
                  "cliente.")
