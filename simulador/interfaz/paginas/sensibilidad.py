"""Página «Sensibilidad»: barrido de una palanca y tornado de las palancas que más pesan."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from simulador import Politica, aplicar_delta
from simulador import graficos as g
from simulador.entrada_numeros import decimales_necesarios
from simulador.experimentos.barridos import KPIS_TORNADO
from simulador.formato import Formato
from simulador.interfaz import calculos, estado
from simulador.interfaz.campos import campo_numero
from simulador.interfaz.componentes import progreso
from simulador.interfaz.paginas.resultados import md
from simulador.metricas import NOMBRES_KPI


@dataclass(frozen=True)
class PalancaBarrido:
    """Una palanca que se puede barrer: ruta, nombre, unidad y rango sugerido."""

    ruta: str
    etiqueta: str
    unidad: str
    desde: float
    hasta: float
    paso: float
    entero: bool = False


PALANCAS = (
    PalancaBarrido("descuento.pct", "Descuento por pronto pago", "%", 0, 4, 1),
    PalancaBarrido("plazo_dias", "Plazo de pago", "días", 15, 60, 15, True),
    PalancaBarrido("mora.interes_anual_pct", "Interés por mora", "% anual", 0, 36, 12),
    PalancaBarrido("mora.cargo_pct", "Cargo por mora", "%", 0, 4, 1),
    PalancaBarrido("castigo_dias", "Edad de castigo", "días", 180, 540, 90, True),
    PalancaBarrido("escenario.equipo.cobradores", "Cobradores", "personas", 0, 4, 1, True),
)
KPIS_BARRIDO = ("resultado_economico", "cobrado", "dso", "incobrables_pct", "ventas_perdidas")
MAX_PUNTOS = 9


def valores(p: PalancaBarrido, desde: float, hasta: float, paso: float) -> list[float]:
    """Los puntos del barrido (a lo sumo ``MAX_PUNTOS``)."""
    if paso <= 0 or hasta < desde:
        return [desde]
    puntos = list(np.arange(desde, hasta + paso / 2, paso))[:MAX_PUNTOS]
    return [round(float(x)) if p.entero else round(float(x), 4) for x in puntos]


def _punto(fmt: Formato, x: float) -> str:
    """Un valor de la palanca con los decimales que tenga: ``0``, ``0,5``, ``1.000``."""
    return fmt.numero(x, decimales_necesarios(x, 0, 4))


def preparar(pol: Politica, p: PalancaBarrido) -> tuple[Politica, str]:
    """Ajustes para que el barrido tenga sentido (p. ej. días del descuento) y su aviso."""
    if p.ruta == "descuento.pct" and pol.descuento.dias == 0:
        dias = max(1, min(10, pol.plazo_dias - 1))
        return (aplicar_delta(pol, {"descuento": {"dias": dias}}),
                f"La política no tenía días para ganar el descuento: se usan {dias} días.")
    return pol, ""


def _politica() -> Politica | None:
    pols = estado.politicas_para_comparar()
    if not pols:
        st.info("Elija primero una política en «Comparar políticas».")
        return None
    nombres = [p.nombre for p in pols]
    i = st.selectbox("Política que se analiza", range(len(pols)), format_func=nombres.__getitem__,
                     key="sens_politica", help="Las políticas elegidas en «Comparar políticas».")
    return pols[i or 0]


def _barrido(pol: Politica) -> None:
    ss = st.session_state
    esc = estado.escenario()
    fmt = estado.formato()
    etiquetas = {p.ruta: p for p in PALANCAS}
    ruta = st.selectbox("Palanca", list(etiquetas), key="sens_palanca",
                        format_func=lambda r: f"{etiquetas[r].etiqueta} ({etiquetas[r].unidad})")
    p = etiquetas[ruta or PALANCAS[0].ruta]
    a, b, c, d = st.columns(4)
    decimales = 0 if p.entero else 1
    with a:
        desde = campo_numero("Desde", float(p.desde), clave=f"sens_desde_{p.ruta}", formato=fmt,
                             minimo=0, decimales=decimales,
                             ayuda=f"Primer valor de la palanca ({p.unidad}).")
    with b:
        hasta = campo_numero("Hasta", float(p.hasta), clave=f"sens_hasta_{p.ruta}", formato=fmt,
                             minimo=0, decimales=decimales,
                             ayuda=f"Último valor de la palanca ({p.unidad}).")
    with c:
        paso = campo_numero("Paso", float(p.paso), clave=f"sens_paso_{p.ruta}", formato=fmt,
                            minimo=0.01, decimales=decimales,
                            ayuda=f"Distancia entre puntos ({p.unidad}).")
    kpi = d.selectbox("Indicador", KPIS_BARRIDO, format_func=lambda k: NOMBRES_KPI[k][0],
                      key="sens_kpi") or KPIS_BARRIDO[0]
    puntos = valores(p, desde, hasta, paso)
    pol, aviso = preparar(pol, p)
    if aviso:
        st.caption(aviso)
    st.caption(f"Puntos: {'; '.join(_punto(fmt, x) for x in puntos)} (máximo {MAX_PUNTOS}).")
    replicas = int(ss.get("sens_replicas", 10))
    if st.button("Correr el barrido", type="primary", key="boton_barrido"):
        with progreso(f"Barrido de {len(puntos)} puntos × {replicas} réplicas") as avanzar:
            res = calculos.barrido_en_cache(calculos.json_de(esc), calculos.json_de(pol),
                                            p.ruta, tuple(puntos), replicas,
                                            int(ss["semilla"]), _progreso=avanzar)
        ss["barrido"] = (p.ruta, res)
        st.rerun()  # el gráfico se dibuja en una corrida limpia (el resultado ya está guardado)
    guardado = ss.get("barrido")
    if guardado is None or guardado[0] != p.ruta:
        st.info("Pulse «Correr el barrido» para ver la curva.")
        return
    resumen = guardado[1].resumen
    st.plotly_chart(g.fig_barrido(resumen, p.ruta, p.etiqueta, p.unidad, kpi, fmt),
                    width="stretch", key="fig_barrido")
    unidad = NOMBRES_KPI[kpi][1]
    st.dataframe(pd.DataFrame({
        f"{p.etiqueta} ({p.unidad})": resumen[p.ruta].map(lambda x: _punto(fmt, x)),
        NOMBRES_KPI[kpi][0]: resumen[kpi].map(lambda v: fmt.valor(v, unidad)),
        "Intervalo del 95 %": [fmt.intervalo(lo, hi, unidad) for lo, hi in
                               zip(resumen[f"{kpi}_ic_inf"], resumen[f"{kpi}_ic_sup"],
                                   strict=True)],
    }), hide_index=True)


def _tornado(pol: Politica) -> None:
    ss = st.session_state
    esc = estado.escenario()
    fmt = estado.formato()
    kpi = st.selectbox("Indicador", KPIS_TORNADO, format_func=lambda k: NOMBRES_KPI[k][0],
                       key="tornado_kpi") or KPIS_TORNADO[0]
    st.caption("Cada palanca se mueve un paso hacia abajo y hacia arriba desde la política "
               "analizada, dejando todo lo demás igual.")
    replicas = int(ss.get("sens_replicas", 10))
    clave = (calculos.json_de(esc), calculos.json_de(pol), replicas, int(ss["semilla"]))
    if st.button("Calcular qué palancas importan", type="primary", key="boton_tornado"):
        with progreso("Sensibilidad de cada palanca") as avanzar:
            tabla = calculos.sensibilidad_en_cache(*clave, _progreso=avanzar)
        ss["tornado"] = (clave, tabla)
        st.rerun()
    guardado = ss.get("tornado")
    if guardado is None or guardado[0] != clave:
        st.info("Pulse «Calcular qué palancas importan» para ver el tornado.")
        return
    tabla = guardado[1]
    st.plotly_chart(g.fig_tornado(tabla, kpi, fmt), width="stretch", key="fig_tornado")
    notas = tabla[tabla["nota"].fillna("") != ""] if "nota" in tabla else tabla.iloc[0:0]
    for _, fila in notas.iterrows():
        borde = "mínimo" if fila["direccion"] == "abajo" else "máximo"
        st.caption(md(f"«{fila['palanca']}» no se probó hacia {fila['direccion']}: ya está en "
                      f"su {borde} permitido (o cerca). Su barra muestra solo el otro lado."))


def pagina() -> None:
    """Dibuja la página."""
    estado.iniciar()
    st.title("Sensibilidad")
    st.markdown("¿Cuánto cambia el resultado si mueve una palanca? Pruebe una palanca en un "
                "rango de valores, o vea cuáles pesan más alrededor de su política.")
    pol = _politica()
    if pol is None:
        return
    st.session_state.setdefault("sens_replicas", 10)
    st.number_input("Réplicas por punto", 1, 200, key="sens_replicas", persist_state="session",
                    help="Menos réplicas que en la comparación para que sea rápido.")
    st.session_state.setdefault("sens_vista", "Barrido de una palanca")
    vista = st.segmented_control("Ver", ["Barrido de una palanca", "Qué palancas importan"],
                                 key="sens_vista", required=True, persist_state="session")
    if vista == "Qué palancas importan":
        _tornado(pol)
    else:
        _barrido(pol)
