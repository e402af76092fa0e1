"""Página «Clientes»: la historia de un cliente en una corrida («conoce a tus clientes»)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from simulador import ResultadoCorrida
from simulador.formato import nombre_visible
from simulador.interfaz import calculos, estado
from simulador.interfaz.graficos_cartera import ESTILO_EVENTO, fig_historia

ORDENES = {
    "castigado": "Más castigado (incobrable)",
    "llamadas": "Más llamadas recibidas",
    "promesas_rotas": "Más promesas rotas",
    "ventas": "Más ventas",
}


def _corrida() -> tuple[ResultadoCorrida | None, str]:
    """La corrida a mostrar: la réplica 0 de la última comparación o una corrida de la base."""
    ss = st.session_state
    comp, _ = estado.comparacion_vigente()
    if comp is not None:
        nombres = [r.politica.nombre for r in comp.resultados]
        i = st.selectbox("Política", range(len(nombres)), format_func=nombres.__getitem__,
                         key="cli_politica") or 0
        st.caption("La réplica 0 de la comparación, con todos sus eventos.")
        # la misma réplica 0 de la comparación (misma semilla), esta vez con todos los eventos
        clave = (calculos.json_de(comp.escenario), calculos.json_de(comp.resultados[i].politica),
                 comp.semilla)
        with st.spinner(f"Simulando la réplica 0 de «{nombres[i]}» con todos sus eventos…"):
            return calculos.corrida_en_cache(*clave), nombres[i]
    base = estado.ranura(0).politica
    if base is None:
        st.info("Elija una política base en «Comparar políticas».")
        return None, ""
    st.caption("Todavía no hay una comparación: se muestra una corrida de la política base.")
    esc = estado.escenario()
    clave = (calculos.json_de(esc), calculos.json_de(base), int(ss["semilla"]))
    if ss.get("cli_corrida_clave") != clave:
        if not st.button("Simular una corrida de la base", type="primary", key="boton_corrida"):
            return None, base.nombre
        with st.spinner("Simulando una corrida con todos sus eventos…"):
            calculos.corrida_en_cache(*clave)
        ss["cli_corrida_clave"] = clave
    return calculos.corrida_en_cache(*clave), base.nombre


def _fecha(dia: float) -> str:
    inicio: dt.date = estado.escenario().fecha_inicio
    return (inicio + dt.timedelta(days=int(dia))).strftime("%d-%m-%Y")


def pagina() -> None:
    """Dibuja la página."""
    estado.iniciar()
    st.title("Clientes")
    st.markdown("Conozca a sus clientes: elija uno y vea su historia en la simulación, con "
                "sus facturas, recordatorios, llamadas, promesas, planes, pagos y escaladas.")
    res, politica = _corrida()
    if res is None:
        return
    fmt = estado.formato()
    esc = estado.escenario()
    cli = res.clientes
    a, b = st.columns([1, 2])
    orden = a.selectbox("Ordenar clientes por", list(ORDENES), format_func=ORDENES.__getitem__,
                        key="cli_orden") or "castigado"
    segmentos = ["(todos)", *sorted(cli["segmento"].astype(str).unique())]
    seg = b.selectbox("Segmento", segmentos, key="cli_segmento",
                      format_func=nombre_visible) or "(todos)"
    candidatos = cli if seg == "(todos)" else cli[cli["segmento"].astype(str) == seg]
    candidatos = candidatos.sort_values([orden, "ventas"], ascending=False).head(200)
    if candidatos.empty:
        st.info("No hay clientes en ese segmento.")
        return
    fila_de = candidatos.set_index("cliente")
    # ventas del horizonte (las de las tarjetas y el gráfico), no las del calentamiento
    del_horizonte = res.facturas[res.facturas["dia_emision"] >= 0]
    ventas_h = del_horizonte.groupby("cliente")["monto"].sum()
    cliente = st.selectbox(
        "Cliente", list(candidatos["cliente"]), key="cli_cliente",
        format_func=lambda c: (f"Cliente {c} · {nombre_visible(fila_de.loc[c, 'segmento'])}"
                               f" · ventas {fmt.dinero_corto(ventas_h.get(c, 0.0))}"))
    if cliente not in fila_de.index:
        cliente = int(candidatos["cliente"].iloc[0])
    c = fila_de.loc[cliente]
    # las facturas del horizonte, las mismas del gráfico (la tabla de clientes suma también las
    # del calentamiento, que el gráfico no muestra)
    fac = del_horizonte[del_horizonte["cliente"] == cliente]
    m = st.columns(5)
    m[0].metric("Llamadas recibidas", fmt.numero(c["llamadas"]), border=True)
    ayuda = "De las facturas emitidas en el período medido (las del gráfico)."
    m[1].metric("Ventas", fmt.dinero_corto(fac["monto"].sum()), border=True, help=ayuda)
    m[2].metric("Cobrado", fmt.dinero_corto(fac["cobrado"].sum()), border=True, help=ayuda)
    m[3].metric("Castigado", fmt.dinero_corto(
        fac["castigado_principal"].sum() + fac["castigado_cargos"].sum()), border=True,
        help=ayuda)
    m[4].metric("Atraso habitual", fmt.dias(c["atraso_habitual"]), border=True)
    rasgos = [f"segmento {nombre_visible(c['segmento'])}",
              f"confianza en la empresa {fmt.numero(c['confianza'], 2)} (de 0 a 1)",
              f"riesgo {fmt.pct(c['riesgo_pct'])} anual",
              f"costo de fondos {fmt.pct(c['costo_fondos_pct'])} anual",
              f"{int(c['promesas_rotas'])} promesas rotas"]
    if bool(c.get("ancla", False)):
        rasgos.append("cliente ancla")
    if bool(c.get("debito_directo", False)):
        rasgos.append("paga con débito directo")
    if bool(c.get("quiebra", False)):
        rasgos.append("quebró")
    st.caption(f"Política «{politica}», réplica 0 · " + " · ".join(rasgos))
    st.plotly_chart(fig_historia(res.facturas, res.eventos, esc, fmt, int(cliente)),
                    width="stretch", key="fig_historia")
    ev = res.eventos[(res.eventos["cliente"] == cliente) & (res.eventos["dia"] >= 0)]
    st.markdown("**Eventos en el horizonte**")
    st.dataframe(pd.DataFrame({
        "Fecha": ev["dia"].map(_fecha),
        "Factura": ev["factura"].map(lambda f: "" if f < 0 else str(f)),
        "Evento": ev["tipo"].map(lambda t: ESTILO_EVENTO.get(str(t), (str(t),))[0]),
        "Detalle": ev["detalle"],
    }), hide_index=True, width="stretch", height=300)
