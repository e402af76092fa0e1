"""Página «Escenario»: elegir o subir un escenario, ver su cartera, editarlo y descargarlo."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from simulador import ErrorCarga, Escenario, a_yaml, cargar_escenario, editar_yaml
from simulador.carga.errores import ProblemaArchivo
from simulador.config.escenario import MontoFactura, Segmento
from simulador.formato import Formato, nombre_visible
from simulador.interfaz import calculos, estado
from simulador.interfaz.campos import avisar_errores, campo_numero
from simulador.interfaz.componentes import mostrar_problemas, problemas_de_validacion, subir_yaml
from simulador.interfaz.editor_politica import limites
from simulador.interfaz.graficos_cartera import fig_concentracion, fig_segmentos_escenario
from simulador.interfaz.paginas.resultados import md

SUBIR = "(subir un archivo)"
CAMPOS_NUMERO = ("esc_f_clientes", "esc_f_horizonte", "esc_f_margen", "esc_f_capital",
                 "esc_f_postulantes", "esc_f_cobradores", "esc_f_llamadas", "esc_f_habilidad")
COLUMNAS_SEGMENTO = {
    "nombre": "Segmento", "participacion_pct": "Clientes (%)",
    "compras_por_mes": "Compras por mes", "monto_medio": "Monto medio de factura",
    "plazo_adicional_dias": "Plazo adicional (días)",
    "atraso_medio_dias": "Atraso medio sin gestión (días)",
    "prob_dificultad_anual_pct": "Prob. de dificultad (% anual)",
}
CAMPOS_SEGMENTO = {  # campo -> (decimales, entero); los límites salen del modelo
    "participacion_pct": (1, False), "compras_por_mes": (2, False), "monto_medio": (0, False),
    "plazo_adicional_dias": (0, True), "atraso_medio_dias": (1, False),
    "prob_dificultad_anual_pct": (1, False),
}
"""Los números de cada segmento en el formulario (uno por campo, con el formato del escenario;
una tabla editable de Streamlit leía «700.000» como 700)."""
CAMPOS_FORMULARIO = {
    "nombre": "Nombre del escenario", "clientes": "Clientes al inicio",
    "horizonte_dias": "Horizonte simulado (días)",
    "margen_bruto_pct": "Margen bruto sobre ventas (%)",
    "costo_capital_anual_pct": "Costo de capital (% anual)",
    "postulantes.por_mes": "Clientes nuevos que piden crédito por mes",
    "equipo.cobradores": "Cobradores", "equipo.llamadas_por_dia": "Llamadas por cobrador y día",
    "equipo.habilidad": "Habilidad del equipo (0 a 1)",
}
"""Ruta en el escenario -> etiqueta del campo en el formulario (para los errores)."""


def _fila_segmento(esc: Escenario, i: int) -> str:
    return f"Segmento «{nombre_visible(esc.segmentos[i].nombre)}»" \
        if i < len(esc.segmentos) else f"Segmento {i + 1}"


def problema_del_formulario(p: ProblemaArchivo, esc: Escenario) -> str:
    """Un problema de validación dicho con las etiquetas que el usuario ve en el formulario."""
    m = re.fullmatch(r"segmentos\[(\d+)\]\.(.+)", p.ruta)
    if m:
        campo = "monto_medio" if m[2] == "monto_factura.media" else m[2]
        donde = f"{_fila_segmento(esc, int(m[1]))}, «{COLUMNAS_SEGMENTO.get(campo, campo)}»"
    elif p.ruta in CAMPOS_FORMULARIO:
        donde = f"«{CAMPOS_FORMULARIO[p.ruta]}»"
    elif p.ruta == "segmentos":
        donde = "Segmentos"
    else:
        donde = p.ruta
    mensaje = p.mensaje.replace("las participacion_pct suman",
                                f"los valores de «{COLUMNAS_SEGMENTO['participacion_pct']}» suman")
    return f"{donde}: {mensaje}" if donde else mensaje


def yaml_para_descargar(esc: Escenario, texto: str | None) -> str:
    """El YAML del escenario, conservando comentarios del original cuando lo hay."""
    if texto:
        try:
            return editar_yaml(texto, esc)
        except Exception:  # el original puede no cargar con esta versión: se escribe entero
            pass
    return a_yaml(esc)


def _eleccion() -> None:
    ss = st.session_state
    opciones = [*estado.archivos(estado.CARPETA_ESCENARIOS), SUBIR]
    if ss.get("esc_sel") not in opciones:
        ss["esc_sel"] = opciones[0]
    anterior = ss.get("_esc_sel_aplicada")
    st.selectbox("Escenario", opciones, key="esc_sel", persist_state="session",
                 format_func=lambda o: "Subir un archivo YAML…" if o == SUBIR else o)
    sel = ss["esc_sel"]
    if sel != SUBIR and sel != anterior:
        esc, texto = estado.escenario_de_archivo(sel)
        estado.poner_escenario(esc, texto=texto, archivo=sel, origen="archivo")
        ss["_esc_sel_aplicada"] = sel
        ss.pop("esc_problemas", None)
    if sel == SUBIR:
        ss["_esc_sel_aplicada"] = SUBIR
        archivo = subir_yaml("Archivo de escenario (.yaml)", "esc_archivo")
        if archivo is not None and archivo.file_id != ss.get("_esc_subida_id"):
            ss["_esc_subida_id"] = archivo.file_id
            datos = archivo.getvalue()
            try:
                esc = cargar_escenario(datos, archivo=archivo.name)
            except ErrorCarga as e:
                ss["esc_problemas"] = e.problemas
            else:
                estado.poner_escenario(esc, texto=datos.decode("utf-8", "replace"),
                                       archivo=archivo.name, origen="subido")
                ss.pop("esc_problemas", None)
                st.success(f"Escenario «{esc.nombre}» cargado desde {archivo.name}.")
    if ss.get("esc_problemas"):
        mostrar_problemas(ss["esc_problemas"], "El archivo tiene problemas; se sigue usando "
                          f"el escenario anterior («{estado.escenario().nombre}»)")


def _cartera(esc: Escenario) -> None:
    fmt = estado.formato()
    if esc.modo != "clientes":
        st.info("Este escenario usa tasas de traspaso entre tramos (modo markov): no tiene "
                "clientes individuales que mostrar.")
        return
    tabla = calculos.cartera_en_cache(calculos.json_de(esc), int(st.session_state["semilla"]))
    iniciales = tabla[tabla["origen"] == "cartera"]
    ventas = float(iniciales["ventas_esperadas_mes"].sum())
    orden = iniciales["ventas_esperadas_mes"].sort_values(ascending=False)
    a, b, c, d = st.columns(4)
    a.metric("Clientes al inicio", fmt.numero(len(iniciales)), border=True)
    b.metric("Ventas esperadas por mes", fmt.dinero_corto(ventas), border=True)
    c.metric("Mayor cliente",
             fmt.pct(100 * orden.iloc[:1].sum() / (ventas or 1)), border=True,
             help="Su parte de las ventas esperadas, antes de simular (los resultados dan lo "
             "que compró de verdad en cada réplica).")
    d.metric("5 mayores clientes",
             fmt.pct(100 * orden.iloc[:5].sum() / (ventas or 1)), border=True,
             help="Su parte de las ventas esperadas, antes de simular.")
    uno, dos = st.columns(2)
    uno.plotly_chart(fig_segmentos_escenario(iniciales, fmt), width="stretch", key="fig_seg_esc")
    dos.plotly_chart(fig_concentracion(iniciales, fmt), width="stretch", key="fig_conc_esc")
    st.markdown("**Una muestra de clientes y sus rasgos**")
    muestra = tabla.sample(n=min(15, len(tabla)), random_state=0).sort_values("cliente")
    st.dataframe(pd.DataFrame({
        "Cliente": muestra["cliente"],
        "Segmento": muestra["segmento"].map(nombre_visible),
        "Origen": muestra["origen"].map({"cartera": "cartera inicial",
                                         "postulante": "cliente nuevo"}),
        "Compras por mes": muestra["compras_por_mes"].map(lambda v: fmt.numero(v, 2)),
        "Ventas esperadas por mes": muestra["ventas_esperadas_mes"].map(fmt.dinero),
        "Atraso habitual (días)": muestra["atraso_habitual_dias"].map(lambda v: fmt.numero(v, 1)),
        "Costo de fondos (% anual)": muestra["costo_fondos_pct"].map(fmt.pct),
        "Riesgo de dificultad (% anual)": muestra["riesgo_anual_pct"].map(fmt.pct),
        "Cliente ancla": muestra["ancla"].map({True: "sí", False: ""}),
    }), hide_index=True, width="stretch")


def _clave(i: int, campo: str) -> str:
    return f"esc_f_seg_{i}_{campo}"


def _campos_segmentos(esc: Escenario, fmt: Formato) -> list[dict[str, float]]:
    """Una pestaña por segmento con sus números; devuelve los valores válidos de cada uno."""
    valores: list[dict[str, float]] = []
    nombres = [nombre_visible(s.nombre) for s in esc.segmentos]
    for i, (seg, nombre, pestana) in enumerate(zip(esc.segmentos, nombres, st.tabs(nombres),
                                                   strict=True)):
        actuales = {"participacion_pct": seg.participacion_pct,
                    "compras_por_mes": seg.compras_por_mes, "monto_medio": seg.monto_factura.media,
                    "plazo_adicional_dias": seg.plazo_adicional_dias,
                    "atraso_medio_dias": seg.atraso_medio_dias,
                    "prob_dificultad_anual_pct": seg.prob_dificultad_anual_pct}
        leidos: dict[str, float] = {}
        columnas = pestana.columns(3)
        for j, (campo, (decimales, entero)) in enumerate(CAMPOS_SEGMENTO.items()):
            minimo, maximo = limites(MontoFactura, "media") if campo == "monto_medio" else \
                limites(Segmento, campo)
            with columnas[j % 3]:
                leidos[campo] = campo_numero(
                    f"{COLUMNAS_SEGMENTO[campo]} · {nombre}", actuales[campo],
                    clave=_clave(i, campo), formato=fmt, minimo=minimo, maximo=maximo,
                    decimales=decimales, entero=entero)
        valores.append(leidos)
    return valores


def _formulario(esc: Escenario) -> None:
    with st.form("form_escenario"):
        a, b, c = st.columns(3)
        fmt = estado.formato()
        with a:
            nombre = st.text_input("Nombre del escenario", value=esc.nombre, key="esc_f_nombre")
            clientes = campo_numero("Clientes al inicio", esc.clientes, clave="esc_f_clientes",
                                    formato=fmt, minimo=1, maximo=1_000_000, entero=True)
            horizonte = campo_numero("Horizonte simulado (días)", esc.horizonte_dias,
                                     clave="esc_f_horizonte", formato=fmt, minimo=30,
                                     maximo=3650, entero=True)
        with b:
            margen = campo_numero("Margen bruto sobre ventas (%)", esc.margen_bruto_pct,
                                  clave="esc_f_margen", formato=fmt, minimo=0, maximo=100,
                                  decimales=1)
            capital = campo_numero("Costo de capital (% anual)", esc.costo_capital_anual_pct,
                                   clave="esc_f_capital", formato=fmt, minimo=0, maximo=200,
                                   decimales=1)
            postulantes = campo_numero("Clientes nuevos que piden crédito por mes",
                                       esc.postulantes.por_mes, clave="esc_f_postulantes",
                                       formato=fmt, minimo=0, maximo=10000, decimales=1)
        with c:
            cobradores = campo_numero("Cobradores", esc.equipo.cobradores,
                                      clave="esc_f_cobradores", formato=fmt, minimo=0,
                                      maximo=500, entero=True)
            llamadas = campo_numero("Llamadas por cobrador y día", esc.equipo.llamadas_por_dia,
                                    clave="esc_f_llamadas", formato=fmt, minimo=1, maximo=200,
                                    entero=True)
        with c:
            habilidad = campo_numero("Habilidad del equipo (0 a 1)", esc.equipo.habilidad,
                                     clave="esc_f_habilidad", formato=fmt, minimo=0, maximo=1,
                                     decimales=2)
        descripcion = st.text_area(
            "Descripción", value=esc.descripcion, key="esc_f_descripcion", height=90,
            help="Texto libre: si cambia los números de arriba, revise que siga diciendo lo "
            "mismo (el informe la muestra).")
        st.markdown("**Segmentos de clientes** (los porcentajes de clientes deben sumar 100)")
        segs = _campos_segmentos(esc, fmt)
        enviado = st.form_submit_button("Aplicar cambios al escenario", type="primary")
    if not enviado:
        return
    if avisar_errores("El escenario no se cambió",
                      [*CAMPOS_NUMERO, *(_clave(i, c) for i in range(len(esc.segmentos))
                                         for c in CAMPOS_SEGMENTO)]):
        return
    datos = esc.model_dump(mode="python", exclude={"esquema"})
    datos.update(nombre=nombre, descripcion=descripcion or "", clientes=int(clientes),
                 horizonte_dias=int(horizonte),
                 margen_bruto_pct=margen, costo_capital_anual_pct=capital)
    datos["postulantes"]["por_mes"] = postulantes
    datos["equipo"].update(cobradores=int(cobradores), llamadas_por_dia=int(llamadas),
                           habilidad=habilidad)
    for seg, fila in zip(datos["segmentos"], segs, strict=True):
        seg.update(participacion_pct=fila["participacion_pct"],
                   compras_por_mes=fila["compras_por_mes"],
                   plazo_adicional_dias=fila["plazo_adicional_dias"],
                   atraso_medio_dias=fila["atraso_medio_dias"],
                   prob_dificultad_anual_pct=fila["prob_dificultad_anual_pct"])
        monto = fila["monto_medio"]  # entero si lo es (en el YAML, «735000» y no «735000.0»)
        seg["monto_factura"]["media"] = int(monto) if float(monto).is_integer() else monto
    try:
        nuevo = Escenario.model_validate(datos)
    except ValidationError as e:
        st.error("**El escenario no se cambió: corrija estos valores**", icon=":material/error:")
        for p in problemas_de_validacion(e, Escenario):
            st.error(md(problema_del_formulario(p, esc)))
        return
    estado.poner_escenario(nuevo, texto=st.session_state.get("escenario_texto"),
                           archivo=st.session_state.get("escenario_archivo", "escenario.yaml"),
                           origen="editado")
    st.rerun()


def pagina() -> None:
    """Dibuja la página."""
    estado.iniciar()
    st.title("Escenario")
    st.markdown("El escenario describe su negocio: cuántos clientes tiene, cómo compran y "
                "pagan, su equipo de cobranza y sus costos. No depende de la política.")
    _eleccion()
    esc = estado.escenario()
    origen = {"archivo": "archivo incluido", "subido": "archivo subido",
              "editado": "editado en esta sesión"}.get(st.session_state.get("escenario_origen",
                                                                            ""), "")
    st.subheader(esc.nombre)
    st.caption(f"{origen} · {st.session_state.get('escenario_archivo', '')} · moneda "
               f"{esc.moneda} · inicio {esc.fecha_inicio.isoformat()} · horizonte de "
               f"{esc.horizonte_dias} días")
    if esc.descripcion:
        st.markdown(md(" ".join(esc.descripcion.split())))
    vista = st.segmented_control("Ver", ["Cartera que genera", "Editar parámetros"],
                                 key="esc_vista", required=True, persist_state="session",
                                 default="Cartera que genera")
    if vista == "Editar parámetros" and esc.modo == "clientes":
        _formulario(esc)
    elif vista == "Editar parámetros":
        st.info("Este escenario describe la cartera con tasas de traspaso entre tramos de "
                "atraso, no con clientes: no se edita en la app. Cambie el archivo YAML (la "
                "documentación de formatos explica cada clave) y vuelva a subirlo.")
    else:
        _cartera(esc)
    nombre = st.session_state.get("escenario_archivo") or "escenario.yaml"
    st.download_button("Descargar el escenario (YAML)",
                       yaml_para_descargar(esc, st.session_state.get("escenario_texto")),
                       file_name=nombre if nombre.endswith((".yaml", ".yml")) else
                       f"{nombre}.yaml", mime="application/x-yaml", key="descargar_escenario",
                       icon=":material/download:")
