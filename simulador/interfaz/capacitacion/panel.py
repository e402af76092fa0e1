"""Panel del capacitador: crear sesiones; ver participantes, avance, puntajes, ranking y decisiones.

Protegido por la clave del capacitador. Exporta los resultados en CSV.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
import streamlit as st

from simulador.entrenamiento import almacen, evaluacion, rondas
from simulador.entrenamiento.ejercicio import Ejercicio
from simulador.interfaz.capacitacion.comun import (
    catalogo,
    ejercicio,
    exigir_capacitador,
    mostrar_cierre,
)


def _crear() -> None:
    opciones = catalogo()
    if not opciones:
        st.error("No hay ejercicios válidos en escenarios/ejercicios/.")
        return
    with st.form("form_crear_sesion"):
        nombre = st.selectbox("Ejercicio", list(opciones), format_func=opciones.__getitem__,
                              key="panel_ejercicio")
        semilla = st.number_input("Semilla (la misma cartera para todos)", min_value=0,
                                  max_value=2**31 - 1, value=ejercicio(nombre).semilla,
                                  key="panel_semilla")
        limite = st.number_input("Tiempo límite en minutos (0 = sin límite)", min_value=0,
                                 max_value=600, value=0, key="panel_limite")
        crear = st.form_submit_button("Crear sesión", type="primary")
    if crear:
        codigo = almacen.crear_sesion(nombre, int(semilla), int(limite) or None)
        st.session_state["panel_sesion"] = codigo
        st.session_state["panel_selector"] = codigo
        st.success(f"Sesión creada. Código para los participantes: **{codigo}**")


def _rondas_totales(ej: Ejercicio) -> int:
    return 3 if ej.modalidad == "rol" else ej.rondas


def _tabla(participantes: list[dict[str, Any]], ej: Ejercicio) -> pd.DataFrame:
    total = _rondas_totales(ej)
    filas = []
    for i, p in enumerate(participantes, start=1):
        filas.append({
            "Posición": i if p["puntaje"] is not None else None,
            "Nombre": p["nombre"],
            "Avance": f"{min(p['rondas'], total)} de {total}",
            "Estado": "terminado" if p["terminado"] else "jugando",
            "Puntaje": p["puntaje"],
            "Última actividad": dt.datetime.fromtimestamp(p["actualizado"]).strftime("%H:%M:%S"),
        })
    return pd.DataFrame(filas)


def _lado_a_lado(ej: Ejercicio, semilla: int, jugadas: list[Any]) -> pd.DataFrame:
    ref = evaluacion.jugada_referencia(ej, semilla)
    filas = []
    if ej.modalidad == "mesa":
        for r in range(ej.rondas):
            propias = jugadas[r] if r < len(jugadas) else []
            filas.append({
                "Ronda": r + 1,
                "Participante": "; ".join(rondas.describir(d) for d in propias) or "—",
                "Referencia": "; ".join(rondas.describir(d) for d in ref[r]) or "—",
            })
    elif ej.modalidad == "diseno":
        propios = jugadas[-1] if jugadas else {}
        for ruta, valor in ref[0].items():
            filas.append({"Palanca": ruta, "Participante": str(propios.get(ruta, "—")),
                          "Referencia": str(valor)})
    else:
        from simulador.entrenamiento.rol import TURNOS

        for t, (nombre, opciones) in enumerate(TURNOS):
            filas.append({"Turno": nombre,
                          "Participante": opciones.get(jugadas[t], "—") if t < len(jugadas)
                          else "—", "Referencia": opciones[ref[0][t]]})
    return pd.DataFrame(filas)


def _sesion(codigo: str) -> None:
    ses = almacen.sesion(codigo)
    if ses is None:
        st.error("La sesión no existe.")
        return
    ej = ejercicio(ses["ejercicio"])
    restante = almacen.minutos_restantes(ses)
    st.subheader(f"Sesión {ses['codigo']}")
    st.markdown(f"**{ej.titulo}** · semilla {ses['semilla']}"
                + (f" · quedan {restante:.0f} minutos" if restante is not None else ""))
    st.info(f"Los participantes abren la página **Sala de capacitación** y escriben el código "
            f"**{ses['codigo']}** y su nombre.")
    if st.button("Actualizar", key="panel_actualizar"):
        st.rerun()
    participantes = almacen.participantes(codigo)
    if not participantes:
        st.write("Todavía no entró nadie.")
        return
    tabla = _tabla(participantes, ej)
    st.dataframe(tabla, hide_index=True, width="stretch", key="panel_tabla")
    con_puntaje = tabla.dropna(subset=["Puntaje"])
    if not con_puntaje.empty:
        st.caption("Ranking (50 = igual que la jugada de referencia)")
        st.bar_chart(con_puntaje.set_index("Nombre")["Puntaje"], horizontal=True)
    st.download_button("Descargar resultados (CSV)", almacen.exportar_csv(codigo),
                       file_name=f"sesion_{codigo}.csv", mime="text/csv", key="panel_csv")
    nombres = {p["nombre"]: p for p in participantes}
    elegido = st.selectbox("Ver a un participante", list(nombres), key="panel_participante")
    p = nombres[elegido]
    jugadas = almacen.jugadas(p["id"])
    st.markdown("**Decisiones al lado de la referencia**")
    st.dataframe(_lado_a_lado(ej, ses["semilla"], jugadas), hide_index=True, width="stretch")
    with st.expander("Enlace de reanudación (si el participante perdió su página)"):
        st.code(f"?t={p['token']}", language=None)
    if p["terminado"] and p["detalle"]:
        with st.expander("Cierre del participante"):
            mostrar_cierre(json.loads(p["detalle"]), None, propio=False)


def pagina() -> None:
    """El panel del capacitador."""
    st.title("Panel del capacitador")
    if not exigir_capacitador():
        return
    st.subheader("Crear una sesión")
    _crear()
    todas = almacen.sesiones()
    if not todas:
        return
    codigos = [s["codigo"] for s in todas]
    actual = st.session_state.get("panel_sesion")
    indice = codigos.index(actual) if actual in codigos else 0
    etiquetas = {s["codigo"]: f"{s['codigo']} · {s['ejercicio']} · {s['participantes']} "
                 "participante(s)" for s in todas}
    st.divider()
    codigo = st.selectbox("Sesión", codigos, index=indice, format_func=etiquetas.__getitem__,
                          key="panel_selector")
    st.session_state["panel_sesion"] = codigo
    _sesion(codigo)
