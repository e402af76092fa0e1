"""Sala del participante: unirse con código y nombre, jugar el ejercicio y ver el cierre.

El avance se guarda en SQLite ronda por ronda; el enlace lleva un token (``?t=...``), así que al
recargar la página se retoma donde se estaba. Solo se ven los datos propios.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from simulador.entrada_numeros import decimales_necesarios
from simulador.entrenamiento import almacen, debrief, evaluacion, politica_diseno, rol, rondas
from simulador.entrenamiento.ejercicio import Ejercicio, armar
from simulador.entrenamiento.eventos import eventos_de_ronda
from simulador.formato import Formato, nombre_visible
from simulador.interfaz.campos import avisar_errores, campo_numero
from simulador.interfaz.capacitacion.comun import (
    NOMBRES_MODALIDAD,
    ejercicio,
    moneda,
    mostrar_cierre,
)

OPCIONES_MESA: dict[str, dict[str, Any]] = {
    "Nada": {"tipo": "nada"},
    "Llamar": {"tipo": "llamar"},
    "Enviar recordatorio": {"tipo": "recordatorio", "canal": "email"},
    "Aceptar promesa (7 días)": {"tipo": "aceptar_promesa", "dias": 7},
    "Aceptar promesa (14 días)": {"tipo": "aceptar_promesa", "dias": 14},
    "Ofrecer plan de pago": {"tipo": "ofrecer_plan"},
    "Conceder prórroga (15 días)": {"tipo": "prorroga", "dias": 15},
    "Suspender crédito": {"tipo": "suspender"},
    "Escalar a agencia": {"tipo": "escalar_agencia"},
    "Acción legal": {"tipo": "accion_legal"},
}


def _unirse() -> None:
    st.title("Sala de capacitación")
    st.write("Escriba el código que le dio su capacitador y su nombre.")
    with st.form("form_unirse"):
        codigo = st.text_input("Código de la sesión", key="sala_codigo",
                               value=st.query_params.get("codigo", ""), max_chars=12)
        nombre = st.text_input("Su nombre", key="sala_nombre", max_chars=40)
        entrar = st.form_submit_button("Entrar", type="primary")
    if entrar:
        try:
            fila = almacen.unirse(codigo, nombre)
        except almacen.ErrorSala as e:
            st.error(str(e).capitalize() + ".")
            return
        st.query_params.clear()
        st.query_params["t"] = fila["token"]
        st.rerun()


def _terminar(ej: Ejercicio, ses: dict[str, Any], part: dict[str, Any],
              jugadas: list[Any]) -> None:
    with st.spinner("Calculando su puntaje y el de la jugada de referencia…"):
        ev = evaluacion.evaluar(ej, ses["semilla"], _para_evaluar(ej, jugadas))
        almacen.terminar(part["id"], ev.puntaje.total, debrief.resumen(ej, ev))
    st.rerun()


def _para_evaluar(ej: Ejercicio, jugadas: list[Any]) -> list[Any]:
    return [list(jugadas)] if ej.modalidad == "rol" else list(jugadas)


def _guardar(part: dict[str, Any], ronda: int, datos: Any) -> None:
    try:
        almacen.guardar_ronda(part["id"], ronda, datos)
    except almacen.ErrorSala as e:
        st.error(str(e).capitalize() + ".")
        return
    st.rerun()


# --- mesa de cobranza ----------------------------------------------------------------------------

def _mesa(ej: Ejercicio, ses: dict[str, Any], part: dict[str, Any], jugadas: list[Any]) -> None:
    estado = rondas.reproducir(ej, ses["semilla"], jugadas)
    r = estado.ronda
    if r >= ej.rondas:
        _terminar(ej, ses, part, jugadas)
        return
    sim = estado.sim
    dia = sim.dia_de(sim.env.now)
    st.subheader(f"Ronda {r + 1} de {ej.rondas} · día {dia}")
    if estado.resultados:
        with st.expander("Lo que pasó en la ronda anterior", expanded=True):
            for linea in estado.resultados[-1]:
                st.markdown(f"- {linea}")
            tocados = {int(d["cliente"]) for d in jugadas[-1] if d.get("tipo") != "nada"}
            desde = ej.dia_ronda(r - 1)
            filas = [h.assign(cliente=k) for k in sorted(tocados)
                     if not (h := rondas.historia_cliente(sim, k, desde_dia=desde)).empty]
            if filas:
                st.dataframe(pd.concat(filas)[["dia", "cliente", "evento", "detalle"]],
                             hide_index=True, width="stretch")
    for e in eventos_de_ronda(ej, r):
        st.warning(f"**Aviso de la semana.** {e.texto}")
    rec = ej.recursos
    st.caption(f"Recursos de la ronda: {rec.llamadas_por_ronda} llamadas (llamar, promesas, "
               f"planes y prórrogas se conversan por teléfono) y {rec.gestiones_por_ronda} "
               "gestiones en total.")
    lista = rondas.lista_trabajo(estado)
    if lista.empty:
        st.info("Nadie tiene deuda vencida ni señales de alerta esta semana.")
    lista = lista.assign(segmento=lista["segmento"].map(nombre_visible))
    vista = lista.assign(
        segmento=[f"{s} (cliente ancla)" if a else s for s, a in zip(
            lista["segmento"], lista["ancla"], strict=True)],
        saldo=lista["saldo"].map(moneda), vencido=lista["vencido"].map(moneda),
    ).drop(columns=["prioridad", "ancla"]).rename(columns={
        "cliente": "Cliente", "segmento": "Segmento", "saldo": "Saldo", "vencido": "Vencido",
        "atraso_max": "Días de atraso", "senales": "Señales", "promesas_rotas": "Promesas rotas",
        "alertas": "Alertas"})
    st.dataframe(vista, hide_index=True, width="stretch")
    with st.expander("Historia de un cliente"):
        if not lista.empty:
            k = st.selectbox("Cliente", lista["cliente"].tolist(), key=f"hist_{r}")
            st.dataframe(rondas.historia_cliente(sim, int(k), desde_dia=dia - 120),
                         hide_index=True, width="stretch")
    permitidas = [n for n, o in OPCIONES_MESA.items() if o["tipo"] in ej.decisiones]
    with st.form(f"form_ronda_{r}"):
        st.markdown("**Sus decisiones de esta semana**")
        elegidas = {}
        for _, f in lista.iterrows():
            k = int(f["cliente"])
            etiqueta = (f"Cliente {k}{' (ancla)' if f['ancla'] else ''} · {f['segmento']} · "
                        f"vencido {moneda(f['vencido'])}")
            if f["alertas"]:
                etiqueta += f" · {f['alertas']}"
            elegidas[k] = st.selectbox(etiqueta, permitidas, key=f"dec_{r}_{k}")
        enviar = st.form_submit_button(f"Enviar decisiones y simular {ej.dias_por_ronda} días",
                                       type="primary")
    if enviar:
        decisiones = [{"cliente": k, **OPCIONES_MESA[v]} for k, v in elegidas.items()
                      if OPCIONES_MESA[v]["tipo"] != "nada"]
        problemas = rondas.problemas_ronda(ej, decisiones)
        if problemas:
            st.error("No se puede enviar: " + "; ".join(problemas) + ".")
            return
        _guardar(part, r, decisiones)


# --- diseño de política --------------------------------------------------------------------------

def _diseno(ej: Ejercicio, ses: dict[str, Any], part: dict[str, Any], jugadas: list[Any]) -> None:
    assert ej.diseno is not None
    st.markdown("**Metas:** " + " · ".join(m.texto for m in ej.diseno.metas))
    base = jugadas[-1] if jugadas else politica_diseno.valores_iniciales(ej)
    if jugadas:
        res = politica_diseno.correr(ej, politica_diseno.construir_politica(ej, base),
                                     ses["semilla"])
        k = politica_diseno.indicadores(res, ej)
        st.subheader(f"Resultado del intento {len(jugadas)} de {ej.rondas}")
        for texto, ok, valor in politica_diseno.metas_cumplidas(ej, k):
            (st.success if ok else st.error)(f"{texto}: {valor:.1f} — "
                                             f"{'cumplida' if ok else 'no cumplida'}")
        c1, c2, c3 = st.columns(3)
        c1.metric("Cobrado en el año", moneda(k["cobrado"]))
        c2.metric("Incobrables", f"{k['incobrables_pct']:.2f} %")
        c3.metric("Costo de cobranza", moneda(k["costo_cobranza"]))
    if len(jugadas) >= ej.rondas:
        _terminar(ej, ses, part, jugadas)
        return
    with st.form(f"form_diseno_{len(jugadas)}"):
        st.markdown(f"**Intento {len(jugadas) + 1} de {ej.rondas}: mueva las palancas**")
        valores: dict[str, Any] = {}
        claves_numero: list[str] = []
        fmt = Formato.de(armar(ej)[0])
        for i, p in enumerate(ej.diseno.palancas):
            clave = f"pal_{len(jugadas)}_{i}"
            actual = base.get(p.ruta)
            if p.tipo == "si_no":
                valores[p.ruta] = st.checkbox(p.etiqueta, value=bool(actual), key=clave,
                                              help=p.ayuda or None)
                continue
            nulo = actual is None
            if nulo or "bloqueo" in p.ruta:
                activo = st.checkbox(f"Usar: {p.etiqueta}", value=not nulo, key=clave + "_si")
            else:
                activo = True
            entero = p.tipo == "entero"
            inicial = float(p.minimo if actual is None else actual)
            decimales = 0 if entero else max(1, decimales_necesarios(p.paso))
            numero = campo_numero(p.etiqueta, inicial, clave=clave, formato=fmt,
                                  minimo=p.minimo, maximo=p.maximo, entero=entero,
                                  decimales=decimales, ayuda=p.ayuda or None)
            claves_numero.append(clave)
            valores[p.ruta] = numero if activo else None
        probar = st.form_submit_button("Probar esta política (simula un año)", type="primary")
    if probar and avisar_errores("No se probó la política", claves_numero):
        return
    if probar:
        try:
            politica_diseno.construir_politica(ej, valores)
        except ValueError as e:
            st.error(str(e).capitalize() + ".")
            return
        _guardar(part, len(jugadas), valores)
    if jugadas and st.button("Entregar el último intento", key="entregar_diseno"):
        _terminar(ej, ses, part, jugadas)


# --- juego de roles ------------------------------------------------------------------------------

def _rol(ej: Ejercicio, ses: dict[str, Any], part: dict[str, Any], jugadas: list[Any]) -> None:
    sim = rondas.nueva_corrida(ej, ses["semilla"])
    conv = rol.preparar(sim, ej)
    for opcion in jugadas:
        rol.responder(conv, str(opcion))
    if conv.terminada:
        _terminar(ej, ses, part, jugadas)
        return
    datos = rol.tarjetas(sim, ej, conv)
    with st.container(border=True):
        st.markdown(f"**Su tarjeta: cuenta de {datos['nombre']}** (cliente {datos['cliente']}, "
                    f"segmento {datos['segmento']})")
        st.markdown(f"Saldo {moneda(datos['saldo'])} · vencido {moneda(datos['vencido'])} · "
                    f"{datos['atraso']} días de atraso")
        st.markdown("**Límites de la política:** " + " ".join(datos["limites"]))
        with st.expander("Historia de la cuenta"):
            st.dataframe(rondas.historia_cliente(sim, conv.cliente, desde_dia=-90),
                         hide_index=True, width="stretch")
    for quien, texto in conv.dialogo:
        with st.chat_message("user" if quien == "participante" else "assistant"):
            st.markdown(texto)
    turno = len(conv.elecciones)
    nombre, opciones = rol.TURNOS[turno]
    with st.form(f"form_rol_{turno}"):
        eleccion = st.radio(f"Turno {turno + 1} de {len(rol.TURNOS)}: {nombre}",
                            list(opciones), format_func=opciones.__getitem__,
                            key=f"rol_{turno}")
        decir = st.form_submit_button("Decirlo", type="primary")
    if decir:
        _guardar(part, turno, eleccion)


# --- página --------------------------------------------------------------------------------------

def pagina() -> None:
    """La sala del participante."""
    token = st.query_params.get("t")
    part = almacen.por_token(token) if token else None
    if part is None:
        if token:
            st.error("El enlace no corresponde a ningún participante. Vuelva a entrar con el "
                     "código.")
        _unirse()
        return
    ses = almacen.sesion(part["codigo"])
    assert ses is not None
    try:
        ej = ejercicio(ses["ejercicio"])
    except KeyError:
        st.error("El ejercicio de esta sesión ya no está disponible; avise a su capacitador.")
        return
    st.title(ej.titulo)
    restante = almacen.minutos_restantes(ses)
    st.caption(f"{NOMBRES_MODALIDAD[ej.modalidad]} · {part['nombre']} · sesión {ses['codigo']}"
               + (f" · quedan {restante:.0f} minutos" if restante is not None else ""))
    jugadas = almacen.jugadas(part["id"])
    if part["terminado"]:
        detalle = json.loads(part["detalle"])
        serie = evaluacion.evaluar(ej, ses["semilla"], _para_evaluar(ej, jugadas),
                                   con_atribucion=False).serie
        st.success("Ejercicio terminado. Este es su resultado.")
        mostrar_cierre(detalle, serie)
        return
    if restante is not None and restante <= 0:
        st.warning("El tiempo de la sesión terminó: se evalúa lo que alcanzó a jugar.")
        _terminar(ej, ses, part, jugadas)
        return
    with st.expander("Consigna", expanded=not jugadas):
        st.markdown(ej.consigna)
        st.markdown("**Objetivos:** " + " ".join(f"{o.texto}" for o in ej.objetivos))
    if ej.modalidad == "mesa":
        _mesa(ej, ses, part, jugadas)
    elif ej.modalidad == "diseno":
        _diseno(ej, ses, part, jugadas)
    else:
        _rol(ej, ses, part, jugadas)

