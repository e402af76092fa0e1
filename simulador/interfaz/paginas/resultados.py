"""Resultados de una comparación: lectura, tarjetas y vistas (una a la vez, sin pestañas)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from simulador import graficos as g
from simulador.experimentos import Comparacion
from simulador.formato import Formato, nombre_visible
from simulador.interfaz.componentes import KPIS_TARJETAS, tarjetas
from simulador.lectura import leer
from simulador.metricas import COLUMNAS_SEGMENTO, NOMBRES_KPI
from simulador.metricas.segmentos import SIN_SEGMENTO

VISTAS = ("Caja y cartera", "Resultado económico", "Variabilidad entre réplicas",
          "Por segmento", "Todos los indicadores")
ICONOS = {"bueno": ":green[:material/thumb_up:]", "malo": ":red[:material/thumb_down:]",
          "neutro": ":gray[:material/remove:]"}
KPIS_TABLA = (
    "resultado_economico", "margen_bruto", "ventas_totales", "ventas_perdidas", "cobrado",
    "dso", "dso_recuento", "dso_mejor_posible", "dias_atraso_promedio", "cei",
    "pct_pagado_a_tiempo", "pct_pagado_con_descuento", "incobrables_pct", "castigado_principal",
    "costo_descuentos", "costo_cobranza", "costo_financiero", "cargos_cobrados",
    "cartera_final", "pct_cartera_corriente", "hhi_ventas", "top1_ventas_pct",
)
COLUMNAS_SEG = ("resultado_credito", "dso", "incobrables_pct", "ventas_credito", "cobrado",
                "pct_pagado_a_tiempo", "costo_cobranza")


def md(texto: str) -> str:
    """Escapa lo que Markdown interpretaría (el signo $ abre fórmulas)."""
    return texto.replace("$", "\\$")


def lectura(comp: Comparacion, fmt: Formato) -> None:
    """La lectura en español corriente, con un punto de color por tono."""
    frases = leer(comp, fmt)
    st.success(md(frases[0].texto), icon=":material/lightbulb:")
    cuerpo = [f"{ICONOS.get(f.tono, ICONOS['neutro'])} {md(f.texto)}" for f in frases[1:]
              if f.tono != "nota"]
    st.markdown("\n".join(f"- {linea}" for linea in cuerpo))
    for f in frases:
        if f.tono == "nota":
            st.caption(md(f.texto))


def tabla_indicadores(comp: Comparacion, fmt: Formato) -> pd.DataFrame:
    """Todos los indicadores principales: media e intervalo, y diferencia con la base."""
    filas = []
    for kpi in KPIS_TABLA:
        nombre, unidad = NOMBRES_KPI[kpi]
        fila = {"Indicador": nombre}
        for i, res in enumerate(comp.resultados):
            r = res.resumen[kpi]
            fila[res.politica.nombre] = fmt.valor(r.media, unidad)
            if i > 0:
                d = comp.pares[i - 1].diferencias[kpi]
                marca = "" if d.distinguible else " (no distinguible)"
                fila[f"Δ {res.politica.nombre}"] = (
                    f"{fmt.diferencia(d.diferencia, unidad)} "
                    f"{fmt.intervalo(d.ic_inf, d.ic_sup, unidad, diferencia=True)}{marca}")
        filas.append(fila)
    return pd.DataFrame(filas)


def _caja(comp: Comparacion, fmt: Formato) -> None:
    st.plotly_chart(g.fig_cobrado(comp, fmt), width="stretch", key="fig_cobrado")
    st.plotly_chart(g.fig_cartera_total(comp, fmt), width="stretch", key="fig_cartera_total")
    nombres = [r.politica.nombre for r in comp.resultados]
    cual = st.selectbox("Antigüedad de la cartera de la política", range(len(nombres)),
                        format_func=nombres.__getitem__, key="res_tramos_politica")
    st.plotly_chart(g.fig_cartera_tramos(comp.resultados[cual or 0], comp.escenario, fmt),
                    width="stretch", key="fig_tramos")


def _economico(comp: Comparacion, fmt: Formato) -> None:
    st.caption("Del margen que daría vender todo lo pedido, a lo que queda después de ventas "
               "perdidas, descuentos, incobrables, costos de cobranza y costo financiero, más los "
               "cargos por mora cobrados.")
    for i, res in enumerate(comp.resultados):
        st.plotly_chart(g.fig_cascada(res, fmt), width="stretch", key=f"fig_cascada_{i}")


def _variabilidad(comp: Comparacion, fmt: Formato) -> None:
    claves = [k for k, _ in KPIS_TARJETAS][::-1]
    kpi = st.selectbox("Indicador", claves, format_func=lambda k: NOMBRES_KPI[k][0],
                       key="res_dispersion_kpi") or claves[0]
    st.plotly_chart(g.fig_dispersion(comp, kpi, fmt), width="stretch", key="fig_dispersion")
    unidad = NOMBRES_KPI[kpi][1]
    st.dataframe(pd.DataFrame([
        {"Política": r.politica.nombre, "Media": fmt.valor(r.resumen[kpi].media, unidad),
         "P5 (caso desfavorable)": fmt.valor(r.resumen[kpi].p5, unidad),
         "P95 (caso favorable)": fmt.valor(r.resumen[kpi].p95, unidad),
         "Réplicas": r.resumen[kpi].n} for r in comp.resultados]), hide_index=True)


def _segmentos(comp: Comparacion, fmt: Formato) -> None:
    col = st.selectbox("Indicador por segmento", COLUMNAS_SEG,
                       format_func=lambda c: COLUMNAS_SEGMENTO[c][0], key="res_segmento_col")
    col = col or COLUMNAS_SEG[0]
    nombre, unidad = COLUMNAS_SEGMENTO[col]
    st.plotly_chart(g.fig_segmentos(comp, col, nombre, unidad, fmt), width="stretch",
                    key="fig_segmentos")
    filas = []
    for res in comp.resultados:
        medias = res.por_segmento.groupby("segmento", sort=False)[col].mean()
        for seg, v in medias.items():
            filas.append({"Política": res.politica.nombre,
                          "Segmento": nombre_visible(seg),
                          nombre: fmt.valor(v, unidad)})
    st.dataframe(pd.DataFrame(filas), hide_index=True)
    if any(str(f["Segmento"]) == SIN_SEGMENTO for f in filas):
        st.caption(f"«{SIN_SEGMENTO}»: lo que no es de ningún cliente, como el costo fijo del "
                   "equipo de cobranza (cada día, haga o no llamadas).")


def mostrar(comp: Comparacion, fmt: Formato) -> None:
    """Todo el bloque de resultados de una comparación."""
    st.subheader("Qué dice la comparación")
    lectura(comp, fmt)
    st.subheader("Indicadores clave")
    st.caption("Media de las réplicas. En las alternativas, la flecha es la diferencia con la "
               "base (verde = mejor, rojo = peor, gris = no distinguible de cero) y al lado su "
               "intervalo del 95 % (IC). Pase el ratón sobre «?» para más detalle.")
    tarjetas(comp, fmt)
    st.session_state.setdefault("vista_resultados", VISTAS[0])
    vista = st.segmented_control("Ver", VISTAS, key="vista_resultados", required=True,
                                 persist_state="session")
    if vista == "Caja y cartera":
        _caja(comp, fmt)
    elif vista == "Resultado económico":
        _economico(comp, fmt)
    elif vista == "Variabilidad entre réplicas":
        _variabilidad(comp, fmt)
    elif vista == "Por segmento":
        _segmentos(comp, fmt)
    else:
        st.dataframe(tabla_indicadores(comp, fmt), hide_index=True, width="stretch")
