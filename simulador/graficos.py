"""Gráficos de plotly de una comparación, un barrido, una cartera o la historia de un cliente.

Funciones puras (sin streamlit): reciben resultados y un :class:`~simulador.formato.Formato` y
devuelven una figura con título, ejes con unidades y una leyenda legible, en español. La app y el
informe HTML usan las mismas figuras.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from simulador.config import Escenario
from simulador.experimentos import Comparacion, ResultadoReplicas
from simulador.formato import Formato, nombre_visible
from simulador.metricas import NOMBRES_KPI
from simulador.resultado import TRAMOS

COLORES = ("#3B4A6B", "#E07A1F", "#2A9D8F", "#B5179E")
"""Color de la base y de hasta tres alternativas (distinguibles también en escala de grises)."""
COLORES_TRAMO = ("#2A9D8F", "#E9C46A", "#F4A261", "#E76F51", "#9B2226")
NOMBRE_TRAMO = {
    "corriente": "Al día (no vencida)",
    "1-30": "Vencida 1 a 30 días",
    "31-60": "Vencida 31 a 60 días",
    "61-90": "Vencida 61 a 90 días",
    "91+": "Vencida más de 90 días",
}
NOTA_BANDA = "La franja sombreada contiene el 90 % de las réplicas (P5 a P95)."


def _rgba(color: str, alfa: float) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alfa})"


def color(i: int) -> str:
    """Color de la política en la posición ``i`` (0 = base)."""
    return COLORES[i % len(COLORES)]


def estilo(fig: go.Figure, fmt: Formato, *, titulo: str, eje_x: str, eje_y: str,
           nota: str = "", alto: int = 420) -> go.Figure:
    """Título, ejes, leyenda abajo y separadores del escenario para cualquier figura."""
    texto = titulo if not nota else f"{titulo}<br><sup>{nota}</sup>"
    fig.update_layout(
        title={"text": texto, "x": 0.01, "xanchor": "left", "y": 0.96, "yanchor": "top"},
        xaxis_title=eje_x, yaxis_title=eje_y, separators=fmt.separadores_plotly,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "left", "x": 0,
                "title": {"text": ""}},
        template="plotly_white", height=alto, margin={"l": 70, "r": 20, "t": 120, "b": 60},
        hoverlabel={"namelength": -1},
    )
    return fig


def eje_dinero(fig: go.Figure, fmt: Formato, *, eje: str = "y") -> go.Figure:
    """Montos del eje enteros, con el separador de miles y el símbolo de la moneda.

    Sin esto plotly abrevia con «B» los miles de millones («$ 1,2B»), que en español se leería
    como billones.
    """
    cambio = {"tickprefix": f"{fmt.simbolo} ", "exponentformat": "none", "tickformat": ",.0f"}
    return fig.update_yaxes(**cambio) if eje == "y" else fig.update_xaxes(**cambio)


def eje_fechas(fig: go.Figure, *, mensual: bool = False) -> go.Figure:
    """Fechas del eje x en números (día-mes-año), también al pasar el ratón.

    Sin esto plotly escribe los meses en inglés («Jan 2026», «Mar 15, 2026»). Con ``mensual``
    cada punto es un mes: una marca por mes y «mes-año» también al pasar el ratón.
    """
    if mensual:
        return fig.update_xaxes(type="date", dtick="M1", tickformat="%m-%Y", hoverformat="%m-%Y")
    return fig.update_xaxes(
        type="date", hoverformat="%d-%m-%Y",
        tickformatstops=[{"dtickrange": [None, "M1"], "value": "%d-%m-%Y"},
                         {"dtickrange": ["M1", None], "value": "%m-%Y"}])


def fechas(escenario: Escenario, dias: int) -> np.ndarray:
    """Las fechas de los días 0..dias-1 del horizonte (``datetime64`` por día: plotly no las
    revisa una por una, como haría con una lista de fechas)."""
    return np.datetime64(escenario.fecha_inicio, "D") + np.arange(dias)


def _banda(fig: go.Figure, x: Sequence[object] | np.ndarray, matriz: np.ndarray, nombre: str,
           col: str, fmt: Formato, *, grupo: str) -> None:
    """Línea de la media con la franja P5-P95 de las réplicas (matriz [R, T])."""
    media = matriz.mean(axis=0)
    p5, p95 = np.percentile(matriz, 5, axis=0), np.percentile(matriz, 95, axis=0)
    plantilla = f"{fmt.simbolo} %{{y:,.0f}}"
    fig.add_trace(go.Scatter(x=x, y=p95, mode="lines", line={"width": 0},
                             legendgroup=grupo, showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=x, y=p5, mode="lines", line={"width": 0}, fill="tonexty",
                             fillcolor=_rgba(col, 0.18), legendgroup=grupo, showlegend=False,
                             hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=x, y=media, mode="lines", name=nombre, legendgroup=grupo,
                             line={"color": col, "width": 2.5},
                             hovertemplate=f"{nombre}: {plantilla}<extra></extra>"))


def por_mes(escenario: Escenario, diario: np.ndarray) -> tuple[list[dt.date], np.ndarray]:
    """Suma una matriz diaria [R, H] por mes calendario: (primer día de cada mes, [R, M])."""
    mes = fechas(escenario, diario.shape[1]).astype("datetime64[M]")
    meses, columnas = np.unique(mes, return_inverse=True)
    salida = np.zeros((diario.shape[0], meses.size))
    for j in range(meses.size):
        salida[:, j] = diario[:, columnas == j].sum(axis=1)
    return meses.astype("datetime64[D]").tolist(), salida


def fig_cobrado(comp: Comparacion, fmt: Formato) -> go.Figure:
    """Caja cobrada en cada mes del horizonte, por política, con su franja."""
    fig = go.Figure()
    for i, res in enumerate(comp.resultados):
        meses, mensual = por_mes(comp.escenario, res.cobrado)
        _banda(fig, meses, mensual, res.politica.nombre, color(i), fmt, grupo=f"p{i}")
    fig.update_traces(selector={"mode": "lines", "showlegend": True}, mode="lines+markers")
    eje_dinero(fig, fmt)
    eje_fechas(fig, mensual=True)
    fig.update_layout(hovermode="x unified")
    return estilo(fig, fmt, titulo="Caja: cobrado en cada mes", eje_x="Mes",
                  eje_y=f"Cobrado en el mes {fmt.sufijo_eje('moneda')}", nota=NOTA_BANDA)


def fig_cartera_total(comp: Comparacion, fmt: Formato) -> go.Figure:
    """Cuentas por cobrar totales al cierre de cada día, por política, con su franja."""
    fig = go.Figure()
    for i, res in enumerate(comp.resultados):
        total = res.cartera_por_tramo.sum(axis=2)
        _banda(fig, fechas(comp.escenario, total.shape[1]), total, res.politica.nombre,
               color(i), fmt, grupo=f"p{i}")
    eje_dinero(fig, fmt)
    eje_fechas(fig)
    fig.update_layout(hovermode="x unified")
    return estilo(fig, fmt, titulo="Cuentas por cobrar: saldo total al cierre de cada día",
                  eje_x="Fecha", eje_y=f"Saldo por cobrar {fmt.sufijo_eje('moneda')}",
                  nota=NOTA_BANDA)


def fig_cartera_tramos(res: ResultadoReplicas, escenario: Escenario, fmt: Formato) -> go.Figure:
    """Saldo por tramo de atraso (media de las réplicas), apilado, para una política."""
    media = res.cartera_por_tramo.mean(axis=0)
    x = fechas(escenario, media.shape[0])
    fig = go.Figure()
    for j, tramo in enumerate(TRAMOS):
        nombre = NOMBRE_TRAMO[tramo]
        fig.add_trace(go.Scatter(
            x=x, y=media[:, j], mode="lines", stackgroup="tramos", name=nombre,
            line={"width": 0.5, "color": COLORES_TRAMO[j]},
            hovertemplate=f"{nombre}: {fmt.simbolo} %{{y:,.0f}}<extra></extra>"))
    eje_dinero(fig, fmt)
    eje_fechas(fig)
    fig.update_layout(hovermode="x unified")
    return estilo(fig, fmt, titulo=f"Antigüedad de la cartera: {res.politica.nombre}",
                  eje_x="Fecha", eje_y=f"Saldo por cobrar {fmt.sufijo_eje('moneda')}",
                  nota="Promedio de las réplicas; cada color es un tramo de días de atraso.")


PARTIDAS_CASCADA: tuple[tuple[str, str, int], ...] = (
    ("margen_perdido", "Margen perdido por ventas no realizadas", -1),
    ("costo_descuentos", "Descuentos por pronto pago", -1),
    ("castigado_principal", "Incobrables castigados", -1),
    ("costo_cobranza", "Costos de cobranza", -1),
    ("costo_financiero", "Costo financiero de la cartera", -1),
    ("cargos_cobrados", "Cargos e intereses por mora cobrados", 1),
)
"""Partidas del resultado económico: clave, nombre y signo."""


def fig_cascada(res: ResultadoReplicas, fmt: Formato) -> go.Figure:
    """Cascada del resultado económico medio: del margen posible al resultado de la política."""
    m = {k: r.media for k, r in res.resumen.items()}
    posible = m["margen_bruto"] + m["margen_perdido"]
    nombres = ["Margen bruto posible (sin ventas perdidas)"]
    valores = [posible]
    medidas = ["absolute"]
    for clave, nombre, signo in PARTIDAS_CASCADA:
        nombres.append(nombre)
        valores.append(signo * m[clave])
        medidas.append("relative")
    nombres.append("Resultado económico")
    valores.append(m["resultado_economico"])
    medidas.append("total")
    textos = [fmt.dinero_corto(v) for v in valores]
    fig = go.Figure(go.Waterfall(
        y=nombres, x=valores, measure=medidas, text=textos, textposition="outside",
        orientation="h", name=res.politica.nombre, connector={"line": {"color": "#999"}},
        increasing={"marker": {"color": "#2A9D8F"}}, decreasing={"marker": {"color": "#E76F51"}},
        totals={"marker": {"color": COLORES[0]}},
        hovertemplate="%{y}: %{text}<extra></extra>", showlegend=True,
    ))
    eje_dinero(fig, fmt, eje="x")
    # lugar a la derecha para la etiqueta de la barra más larga (se cortaba en «$ 2.00»)
    acumulados = np.cumsum(valores[:-1])
    alto, bajo = max(float(acumulados.max()), 0.0), min(float(acumulados.min()), 0.0)
    fig.update_xaxes(range=[bajo - 0.05 * (alto - bajo), alto + 0.25 * (alto - bajo)])
    fig.update_yaxes(autorange="reversed")
    return estilo(fig, fmt, titulo=f"Resultado económico: {res.politica.nombre}",
                  eje_x=f"Monto en el horizonte {fmt.sufijo_eje('moneda')}", eje_y="Partida",
                  nota="Promedio de las réplicas. Verde suma, rojo resta.", alto=440)


def fig_dispersion(comp: Comparacion, kpi: str, fmt: Formato) -> go.Figure:
    """Cómo se reparte un indicador entre las réplicas, por política (caja y puntos)."""
    nombre, unidad = NOMBRES_KPI[kpi]
    fig = go.Figure()
    for i, res in enumerate(comp.resultados):
        fig.add_trace(go.Box(
            y=res.kpis[kpi], name=res.politica.nombre, boxpoints="all", jitter=0.4,
            pointpos=0, marker={"color": color(i), "size": 5}, line={"color": color(i)},
            hovertemplate=f"{res.politica.nombre}: %{{y:,.1f}}<extra></extra>"))
    if unidad == "moneda":
        eje_dinero(fig, fmt)
    return estilo(fig, fmt, titulo=f"Variabilidad entre réplicas: {nombre}", eje_x="Política",
                  eje_y=f"{nombre} {fmt.sufijo_eje(unidad)}",
                  nota=f"Cada punto es una réplica ({comp.base.replicas} por política); la caja "
                  "marca el 50 % central.")


def fig_segmentos(comp: Comparacion, columna: str, nombre: str, unidad: str,
                  fmt: Formato) -> go.Figure:
    """Un indicador por segmento (media de las réplicas), barras agrupadas por política."""
    fig = go.Figure()
    for i, res in enumerate(comp.resultados):
        tabla = res.por_segmento.groupby("segmento", sort=False)[columna].mean()
        fig.add_trace(go.Bar(
            x=[nombre_visible(s) for s in tabla.index], y=tabla.to_numpy(),
            name=res.politica.nombre, marker={"color": color(i)},
            hovertemplate=f"{res.politica.nombre}, %{{x}}: %{{y:,.1f}}<extra></extra>"))
    if unidad == "moneda":
        eje_dinero(fig, fmt)
    fig.update_layout(barmode="group")
    return estilo(fig, fmt, titulo=f"{nombre} por segmento de clientes", eje_x="Segmento",
                  eje_y=f"{nombre} {fmt.sufijo_eje(unidad)}", nota="Promedio de las réplicas.")


def fig_barrido(resumen: pd.DataFrame, ruta: str, etiqueta: str, unidad_palanca: str,
                kpi: str, fmt: Formato) -> go.Figure:
    """Curva de un indicador a lo largo de los valores de una palanca, con su intervalo del 95 %."""
    nombre, unidad = NOMBRES_KPI[kpi]
    x = resumen[ruta].to_numpy()
    col = COLORES[1]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=resumen[f"{kpi}_ic_sup"], mode="lines", line={"width": 0},
                             showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=x, y=resumen[f"{kpi}_ic_inf"], mode="lines", line={"width": 0},
                             fill="tonexty", fillcolor=_rgba(col, 0.2),
                             name="Intervalo del 95 % de la media", hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=x, y=resumen[kpi], mode="lines+markers", name=nombre,
                             line={"color": col, "width": 3},
                             hovertemplate=f"{etiqueta} = %{{x}}: %{{y:,.1f}}<extra></extra>"))
    mejor = int(np.nanargmax(resumen[kpi].to_numpy(float))) if kpi == "resultado_economico" \
        else None
    if mejor is not None:
        fig.add_trace(go.Scatter(x=[x[mejor]], y=[resumen[kpi].iloc[mejor]], mode="markers",
                                 marker={"size": 14, "color": COLORES[2], "symbol": "star"},
                                 name="Mejor valor probado", hoverinfo="skip"))
    if unidad == "moneda":
        eje_dinero(fig, fmt)
    valores = np.asarray(x, float)
    if len(valores) <= 15 and np.all(np.isfinite(valores)) and np.all(valores == np.round(valores)):
        fig.update_xaxes(tickmode="array", tickvals=list(x))  # sin «1,5 cobradores»
    nota = "Misma cartera y mismas réplicas en cada punto (números aleatorios comunes)."
    if mejor is not None:
        nota += ("<br>La estrella marca la media más alta; donde las franjas se superponen, "
                 "esos valores no se distinguen con estas réplicas.")
    return estilo(fig, fmt, titulo=f"{nombre} según {etiqueta.lower()}",
                  eje_x=f"{etiqueta} {fmt.sufijo_eje(unidad_palanca)}".strip(),
                  eje_y=f"{nombre.split(' (')[0]} {fmt.sufijo_eje(unidad)}".strip(), nota=nota)


def fig_tornado(tabla: pd.DataFrame, kpi: str, fmt: Formato) -> go.Figure:
    """Tornado: cuánto cambia un indicador al mover cada palanca un paso abajo y arriba."""
    nombre, unidad = NOMBRES_KPI[kpi]
    datos = tabla[tabla["nota"].fillna("") == ""] if "nota" in tabla else tabla
    col = f"delta_{kpi}"
    ancho = datos.groupby("palanca", sort=False)[col].apply(lambda s: float(np.nanmax(np.abs(s))))
    orden = list(ancho.sort_values().index)
    fig = go.Figure()
    for direccion, texto, c in (("abajo", "Palanca un paso abajo", COLORES[0]),
                                ("arriba", "Palanca un paso arriba", COLORES[1])):
        parte = datos[datos["direccion"] == direccion].set_index("palanca").reindex(orden)
        fig.add_trace(go.Bar(
            y=orden, x=parte[col], orientation="h", name=texto, marker={"color": c},
            customdata=[fmt.diferencia(v, unidad) for v in parte[col]],
            hovertemplate="%{y}: %{customdata}<extra>" + texto + "</extra>"))
    fig.update_layout(barmode="overlay")
    if unidad == "moneda":
        # sin el símbolo en cada marca: con cambios negativos plotly escribía «$ −60.000.000»
        # (el resto de la app, «−$»); el título del eje ya dice la moneda
        eje_dinero(fig, fmt, eje="x").update_xaxes(tickprefix="")
    fig.add_vline(x=0, line={"color": "#333", "width": 1})
    return estilo(fig, fmt, titulo=f"Qué palancas pesan más en: {nombre}",
                  eje_x=f"Cambio frente a la política actual {fmt.sufijo_eje(unidad)}",
                  eje_y="Palanca", nota="Las de arriba importan más; una palanca sin barra no "
                  "movió este indicador con ese paso.",
                  alto=max(380, 60 * len(orden) + 180))
