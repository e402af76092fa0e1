"""Piezas comunes de las páginas de capacitación: ejercicios en caché, clave, montos y cierre."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from simulador.entrenamiento import almacen
from simulador.entrenamiento.ejercicio import Ejercicio, cargar_ejercicio, ejercicios_disponibles
from simulador.entrenamiento.principios import NOMBRES

CLAVE_SESION = "capacitacion_capacitador"
NOMBRES_MODALIDAD = {"mesa": "Mesa de cobranza", "diseno": "Diseño de política",
                     "rol": "Juego de roles"}


@st.cache_resource(max_entries=32, show_spinner=False)
def _ejercicio(ruta: str, mtime: float) -> Ejercicio:
    return cargar_ejercicio(Path(ruta))


def ejercicio(nombre: str) -> Ejercicio:
    """El ejercicio ``escenarios/ejercicios/NOMBRE.yaml`` (en caché mientras no cambie)."""
    ruta = ejercicios_disponibles()[nombre]
    return _ejercicio(str(ruta), ruta.stat().st_mtime)


def catalogo() -> dict[str, str]:
    """Nombre de archivo -> «Modalidad · Título» de los ejercicios que cargan bien."""
    salida = {}
    for nombre in ejercicios_disponibles():
        try:
            e = ejercicio(nombre)
        except Exception:
            continue
        salida[nombre] = f"{NOMBRES_MODALIDAD[e.modalidad]} · {e.titulo}"
    return salida


def moneda(valor: float) -> str:
    """$ 1.234.567 (sin decimales, punto de miles)."""
    return "$ " + f"{valor:,.0f}".replace(",", ".")


def valor_criterio(clave: str, valor: float) -> str:
    """El valor de un criterio con su unidad."""
    if clave == "adherencia":
        return f"{valor:.0f} %"
    if clave == "relaciones":
        return f"{valor:.1f} puntos de confianza"
    return moneda(valor)


def _secretos() -> dict[str, Any] | None:
    try:
        return {k: st.secrets[k] for k in ("SIMULADOR_CLAVE_CAPACITADOR",
                                           "SIMULADOR_CLAVE_CAPACITADOR_HASH") if k in st.secrets}
    except Exception:
        return None


def exigir_capacitador() -> bool:
    """Pide la clave del capacitador; ``True`` si ya se ingresó en esta sesión del navegador."""
    if st.session_state.get(CLAVE_SESION):
        return True
    hash_ok = almacen.hash_configurado(_secretos())
    if hash_ok is None:
        st.warning(
            "Las páginas del capacitador están bloqueadas porque no hay una clave configurada. "
            "Defina la variable de entorno `SIMULADOR_CLAVE_CAPACITADOR` (o, mejor, "
            "`SIMULADOR_CLAVE_CAPACITADOR_HASH`, que se obtiene con "
            "`python -m simulador.entrenamiento.almacen`) o agréguela en "
            "`.streamlit/secrets.toml`, y reinicie la app."
        )
        return False
    st.info("Esta página es solo para el capacitador.")
    with st.form("form_clave_capacitador"):
        clave = st.text_input("Clave del capacitador", type="password", key="clave_capacitador")
        enviar = st.form_submit_button("Entrar")
    if enviar:
        if almacen.verificar_clave(clave, hash_ok):
            st.session_state[CLAVE_SESION] = True
            st.rerun()
        fallos = st.session_state.get("capacitacion_fallos", 0) + 1
        st.session_state["capacitacion_fallos"] = fallos
        time.sleep(min(5.0, 0.5 * fallos))  # frena los intentos a ciegas
        st.error("Clave incorrecta.")
    return False


def mostrar_cierre(detalle: dict[str, Any], serie: pd.DataFrame | None, *,
                   propio: bool = True) -> None:
    """Puntaje por criterio, decisiones clave, debrief por principio y gráficos."""
    quien = "Usted" if propio else "Participante"
    st.metric("Puntaje total", f"{detalle['total']:.1f} / 100",
              help="50 = igual que la jugada de referencia en la misma cartera y semilla.")
    st.caption("Cada criterio vale 50 puntos si iguala a la referencia; más es mejor.")
    filas = [{"Criterio": c["nombre"], quien: valor_criterio(c["clave"], c["valor"]),
              "Referencia": valor_criterio(c["clave"], c["referencia"]),
              "Puntos": c["puntos"], "Peso": c["peso"]} for c in detalle["criterios"]]
    st.dataframe(pd.DataFrame(filas), hide_index=True, width="stretch")
    if detalle.get("claves"):
        st.subheader("Las decisiones que más movieron el puntaje")
        st.caption("Estimado volviendo a correr sin cada decisión: positivo = la decisión sumó.")
        st.dataframe(pd.DataFrame(detalle["claves"]).rename(
            columns={"decision": "Decisión", "impacto": "Puntos que aportó"}),
            hide_index=True, width="stretch")
    if detalle.get("faltas"):
        with st.expander(f"Decisiones fuera de la política ({len(detalle['faltas'])})"):
            for f in detalle["faltas"]:
                st.markdown(f"- {f}")
    st.subheader("Debrief por principio")
    for d in detalle.get("debrief", []):
        with st.container(border=True):
            st.markdown(f"**{NOMBRES.get(d['principio'], d['nombre'])}** — {d['objetivo']}")
            st.markdown(f"*Qué hizo:* {d['hizo']}")
            st.markdown(f"*Qué causó:* {d['causo']}")
            if d.get("nota"):
                st.markdown(f"*Para conversar:* {d['nota']}")
    if detalle.get("explicacion"):
        st.info(f"**La jugada de referencia.** {detalle['explicacion']}")
    if serie is not None:
        st.subheader("La corrida")
        st.caption("Cobrado acumulado")
        st.line_chart(serie.set_index("dia")[["Cobrado acumulado (usted)",
                                               "Cobrado acumulado (referencia)"]])
        if serie["Cartera vencida (usted)"].notna().any():
            st.caption("Cartera vencida")
            st.line_chart(serie.set_index("dia")[["Cartera vencida (usted)",
                                                   "Cartera vencida (referencia)"]])
