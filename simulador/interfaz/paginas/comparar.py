"""Página «Comparar políticas»: base y hasta tres alternativas, edición, corrida y resultados."""

from __future__ import annotations

import re
import time

import streamlit as st

from simulador import ErrorCarga, Politica, cargar_politica, describir_delta
from simulador.carga.traduccion import info_campo
from simulador.formato import Formato
from simulador.interfaz import calculos, estado
from simulador.interfaz.componentes import mostrar_problemas, progreso, subir_yaml
from simulador.interfaz.editor_politica import editor
from simulador.interfaz.paginas import resultados
from simulador.interfaz.paginas.resultados import md


def _aplicar_pendientes() -> None:
    """Cambios de selección pedidos en la corrida anterior (antes de dibujar los widgets)."""
    ss = st.session_state
    for i in range(estado.MAX_ALTERNATIVAS + 1):
        pendiente = ss.pop(f"_pend_sel_{i}", None)
        if pendiente is not None:
            ss[f"pol_sel_{i}"] = pendiente


def _etiqueta(opcion: str) -> str:
    if opcion in (estado.COPIA, estado.SUBIR, estado.EDITADA):
        return {estado.COPIA: "Copia de la base (para editarla abajo)",
                estado.SUBIR: "Subir un archivo YAML…",
                estado.EDITADA: "La versión editada en el formulario"}[opcion]
    try:
        pol, _ = estado.politica_de_archivo(opcion)
        return f"{pol.nombre} ({opcion})"
    except Exception:
        return f"{opcion} (no se puede cargar)"


def _subida(i: int) -> None:
    """Procesa el archivo subido de la ranura ``i``; conserva la política válida anterior."""
    ss = st.session_state
    archivo = subir_yaml("Archivo de política (.yaml)", f"pol_archivo_{i}")
    if archivo is not None and archivo.file_id != ss.get(f"pol_subida_id_{i}"):
        ss[f"pol_subida_id_{i}"] = archivo.file_id
        datos = archivo.getvalue()
        try:
            pol = cargar_politica(datos, archivo=archivo.name)
        except ErrorCarga as e:
            ss[f"pol_subida_err_{i}"] = e.problemas
        else:
            ss[f"pol_subida_{i}"] = (pol, datos.decode("utf-8", "replace"), archivo.name)
            ss.pop(f"pol_subida_err_{i}", None)
    if ss.get(f"pol_subida_err_{i}"):
        anterior = ss.get(f"pol_subida_{i}")
        mostrar_problemas(ss[f"pol_subida_err_{i}"], "El archivo tiene problemas; " + (
            f"se conserva la política subida antes («{anterior[0].nombre}»)" if anterior else
            "corríjalo y vuelva a subirlo"))


def nombre_palanca(ruta: str) -> str:
    """El nombre en español de una palanca (su descripción en el modelo), o la ruta."""
    try:
        info = info_campo(Politica, tuple(ruta.split(".")))
    except Exception:
        info = None
    texto = getattr(info, "description", None) or ruta
    # sin los paréntesis ni lo que sigue a «:» o «;» (antes se cortaba en el primer paréntesis
    # y «Se rechaza (o se pide prepago) si el riesgo…» quedaba en «Se rechaza»)
    return re.split(r"[:;]", re.sub(r" \([^)]*\)", "", texto))[0].strip()


def _ranura_ui(i: int) -> None:
    ss = st.session_state
    opciones = list(estado.archivos(estado.CARPETA_POLITICAS))
    if i > 0:
        opciones.append(estado.COPIA)
    opciones.append(estado.SUBIR)
    if f"pol_editada_{i}" in ss:
        opciones.append(estado.EDITADA)
    if ss.get(f"pol_sel_{i}") not in opciones:
        ss[f"pol_sel_{i}"] = opciones[0]
    titulo = "Base (política actual)" if i == 0 else f"Alternativa {i}"
    st.selectbox(titulo, opciones, format_func=_etiqueta, key=f"pol_sel_{i}",
                 persist_state="session")
    if ss.get(f"pol_sel_{i}") == estado.SUBIR:
        _subida(i)
    r = estado.ranura(i)
    if r.politica is None:
        st.info("Elija o suba una política.")
        return
    if r.politica.descripcion:
        st.caption(md(" ".join(r.politica.descripcion.split())))
    if i > 0:
        base = estado.ranura(0).politica
        if base is not None:
            filas = describir_delta(base, r.politica)
            if filas:
                st.markdown("**Qué cambia frente a la base**")
                st.markdown("\n".join(
                    f"- {md(nombre_palanca(ruta))}: {md(antes)} → **{md(despues)}**"
                    for ruta, antes, despues in filas))
            else:
                st.caption("Igual a la base: edítela abajo para probar un cambio.")


SUFIJO_EDITADA = " (editada)"


def marcar_editada(original: Politica, nueva: Politica) -> Politica:
    """Si se cambió alguna palanca y no el nombre, el nombre lo dice y la descripción también.

    Sin esto, los resultados mostraban la política editada con el nombre y la descripción de la
    original (p. ej. «Estándar» y «neto 30» con el plazo cambiado a 45).
    """
    if nueva.nombre != original.nombre or nueva == original:
        return nueva
    nombre = nueva.nombre if nueva.nombre.endswith(SUFIJO_EDITADA) else \
        nueva.nombre[:80 - len(SUFIJO_EDITADA)] + SUFIJO_EDITADA
    nota = f"Versión de «{original.nombre}» editada en el formulario de esta sesión."
    descripcion = nueva.descripcion if nueva.descripcion.startswith("Versión de «") else \
        f"{nota} La descripción original era: {nueva.descripcion}".strip()
    return nueva.model_copy(update={"nombre": nombre, "descripcion": descripcion[:4000]})


def _edicion(n: int) -> None:
    ss = st.session_state
    opciones = list(range(n + 1))
    if ss.get("editar_cual") not in opciones:
        ss["editar_cual"] = None
    cual = st.segmented_control(
        "Ajustar una política (opcional)", opciones, key="editar_cual",
        format_func=lambda i: "Base" if i == 0 else f"Alternativa {i}",
        help="Abre el formulario con todas las palancas de esa política.")
    if cual is None:
        return
    r = estado.ranura(cual)
    if r.politica is None:
        st.info("Primero elija o suba esa política.")
        return
    nueva = editor(cual, r.politica, estado.formato())
    if nueva is not None:
        ss[f"pol_editada_{cual}"] = marcar_editada(r.politica, nueva)
        ss[f"_pend_sel_{cual}"] = estado.EDITADA
        st.rerun()


def _correr() -> None:
    ss = st.session_state
    pols = estado.politicas_para_comparar()
    esc = estado.escenario()
    replicas, semilla = int(ss["replicas"]), int(ss["semilla"])
    inicio = time.monotonic()
    with progreso(f"Simulando {len(pols)} políticas × {replicas} réplicas") as avanzar:
        comp = calculos.comparar_en_cache(calculos.json_de(esc),
                                          tuple(calculos.json_de(p) for p in pols),
                                          replicas, semilla, _progreso=avanzar)
    ss["comparacion"] = comp
    ss["comparacion_clave"] = estado.clave_comparacion(pols, replicas, semilla)
    ss["comparacion_segundos"] = time.monotonic() - inicio


def pagina() -> None:
    """Dibuja la página."""
    estado.iniciar()
    _aplicar_pendientes()
    ss = st.session_state
    esc = estado.escenario()
    st.title("Comparar políticas")
    st.markdown("Elija la política que usa hoy (la **base**) y hasta tres **alternativas**. "
                "Todas se simulan sobre los mismos clientes y las mismas compras, así que las "
                "diferencias se deben a la política y no al azar.")
    fmt = Formato.de(esc)
    m = st.columns(4)
    st.caption(md(f"Escenario «{esc.nombre}». Para cambiarlo, vaya a la página «Escenario»."))
    m[0].metric("Clientes al inicio", fmt.numero(esc.clientes), border=True)
    m[1].metric("Horizonte simulado", f"{esc.horizonte_dias} días", border=True)
    m[2].metric("Margen bruto", fmt.pct(esc.margen_bruto_pct), border=True)
    m[3].metric("Costo de capital (anual)", fmt.pct(esc.costo_capital_anual_pct), border=True)

    st.subheader("1. Políticas a comparar")
    st.segmented_control("Número de alternativas", [0, 1, 2, 3], key="n_alt", required=True,
                         persist_state="session")
    n = int(ss.get("n_alt") or 0)
    for i, col in enumerate(st.columns(n + 1)):
        with col:
            _ranura_ui(i)
    _edicion(n)

    st.subheader("2. Simular")
    a, b, c = st.columns([1, 1, 2])
    a.number_input("Réplicas por política", min_value=1, max_value=500, step=1, key="replicas",
                   persist_state="session",
                   help="Cuántas veces se simula cada política con clientes distintos. Más "
                        "réplicas dan intervalos más estrechos pero tardan más (30 es un buen "
                        "punto de partida).")
    b.number_input("Semilla", min_value=0, max_value=2**31 - 1, step=1, key="semilla",
                   persist_state="session",
                   help="La misma semilla da exactamente los mismos números.")
    pols = estado.politicas_para_comparar()
    with c:
        st.write("")
        pulsado = st.button("Simular y comparar", type="primary", key="boton_comparar",
                            disabled=not pols)
    if pulsado:
        _correr()
        st.rerun()  # los resultados se dibujan en una corrida limpia (ya están en la caché)
    comp, al_dia = estado.comparacion_vigente()
    if comp is None:
        st.info("Pulse «Simular y comparar» para ver los resultados.")
        return
    fmt = Formato.de(comp.escenario)
    if not al_dia:
        st.warning("Cambió alguna entrada: los resultados de abajo son de la simulación "
                   "anterior. Pulse «Simular y comparar» para actualizarlos.")
    else:
        st.caption(f"Resultados listos en {fmt.numero(ss.get('comparacion_segundos', 0.0), 1)} s "
                   "(si las entradas no cambian, volver a esta página no vuelve a simular).")
    resultados.mostrar(comp, fmt)
