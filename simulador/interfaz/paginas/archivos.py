"""Página «Informe y archivos»: YAML de las entradas, CSV y Excel de resultados, informe HTML."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import streamlit as st

from simulador import Comparacion, Politica, a_yaml
from simulador.exportar import csv_replicas, csv_resumen, excel
from simulador.informe import informe_html
from simulador.interfaz import estado
from simulador.interfaz.paginas.escenario import yaml_para_descargar


def nombre_archivo(texto: str, extension: str) -> str:
    """Un nombre de archivo ASCII a partir de un nombre en español."""
    plano = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode()
    limpio = re.sub(r"[^a-z0-9]+", "_", plano.lower()).strip("_") or "archivo"
    return f"{limpio}.{extension}"


def _ranuras_de(pol: Politica) -> Iterator[estado.Ranura]:
    """Las ranuras de la comparación que tienen esta política, en orden."""
    return (r for r in estado.ranuras_activas() if r.politica == pol)


def _archivo_de(pol: Politica) -> str:
    """El nombre del archivo del que vino la política (incluido o subido), o uno de su nombre.

    Así el consultor descarga «estricta_cliente.yaml» con el nombre con que lo subió.
    """
    for r in _ranuras_de(pol):
        if r.origen.endswith((".yaml", ".yml")):
            return r.origen
        subida = st.session_state.get(f"pol_subida_{r.indice}")
        if r.origen == estado.SUBIR and subida is not None:
            return str(subida[2])
    return nombre_archivo(pol.nombre, "yaml")


def _yaml_politica(pol: Politica) -> str:
    for r in _ranuras_de(pol):
        if r.texto:
            try:
                from simulador import editar_yaml

                return editar_yaml(r.texto, pol)
            except Exception:
                break
    return a_yaml(pol)


def entradas_yaml(comp: Comparacion | None) -> dict[str, str]:
    """Nombre de archivo -> YAML del escenario y de cada política (de la comparación si hay)."""
    esc = comp.escenario if comp is not None else estado.escenario()
    ss = st.session_state
    nombre_esc = ss.get("escenario_archivo") or nombre_archivo(esc.nombre, "yaml")
    if not nombre_esc.endswith((".yaml", ".yml")):
        nombre_esc += ".yaml"
    salida = {nombre_esc: yaml_para_descargar(esc, ss.get("escenario_texto"))
              if esc == estado.escenario() else a_yaml(esc)}
    pols = ([r.politica for r in comp.resultados] if comp is not None
            else estado.politicas_para_comparar())
    for pol in pols:
        nombre = _archivo_de(pol)
        while nombre in salida:
            nombre = nombre.replace(".yaml", "_2.yaml")
        salida[nombre] = _yaml_politica(pol)
    return salida


def _productos(comp: Comparacion, entradas: dict[str, str]) -> dict[str, Any]:
    """CSV, Excel e informe de la comparación (una vez por comparación y sesión)."""
    ss = st.session_state
    clave = ss.get("comparacion_clave")
    guardado = ss.get("_productos")
    if guardado is not None and guardado[0] == clave:
        return dict(guardado[1])
    with st.spinner("Preparando el informe y las planillas…"):
        productos = {
            "csv_replicas": csv_replicas(comp),
            "csv_resumen": csv_resumen(comp),
            "excel": excel(comp, yaml_entradas=entradas),
            "html": informe_html(comp, yaml_entradas=entradas).encode("utf-8"),
        }
    ss["_productos"] = (clave, productos)
    return productos


def pagina() -> None:
    """Dibuja la página."""
    estado.iniciar()
    st.title("Informe y archivos")
    st.markdown("Descargue los archivos para guardarlos o enviarlos: las entradas en YAML (se "
                "pueden volver a subir y dan los mismos resultados) y los resultados en CSV, "
                "Excel y un informe HTML que se abre sin internet en cualquier navegador.")
    comp, al_dia = estado.comparacion_vigente()
    entradas = entradas_yaml(comp)
    st.subheader("Entradas (YAML)")
    if comp is not None:
        st.caption("Son las entradas exactas de la última comparación.")
    for i, (nombre, texto) in enumerate(entradas.items()):
        st.download_button(f"Descargar {nombre}", texto, file_name=nombre,
                           mime="application/x-yaml", key=f"descargar_yaml_{i}",
                           icon=":material/download:")
    st.subheader("Resultados")
    if comp is None:
        st.info("Todavía no hay resultados: vaya a «Comparar políticas» y pulse «Simular y "
                "comparar».")
        return
    if not al_dia:
        st.warning("Las entradas cambiaron después de la última comparación: los resultados "
                   "y las entradas de esta página son los de esa comparación.")
    productos = _productos(comp, entradas)
    base = nombre_archivo(comp.escenario.nombre, "")[:-1]
    a, b = st.columns(2)
    a.download_button("Descargar el informe (HTML)", productos["html"],
                      file_name=f"informe_{base}.html", mime="text/html", type="primary",
                      key="descargar_informe", icon=":material/description:")
    b.download_button("Descargar resultados (Excel)", productos["excel"],
                      file_name=f"resultados_{base}.xlsx", key="descargar_excel",
                      icon=":material/table_view:",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    a.download_button("Descargar indicadores por réplica (CSV)", productos["csv_replicas"],
                      file_name=f"replicas_{base}.csv", mime="text/csv", key="descargar_csv",
                      icon=":material/download:")
    b.download_button("Descargar resumen con intervalos (CSV)", productos["csv_resumen"],
                      file_name=f"resumen_{base}.csv", mime="text/csv",
                      key="descargar_csv_resumen", icon=":material/download:")
    st.subheader("Procedencia")
    p = comp.procedencia
    st.markdown(f"- Semilla: **{p.get('semilla')}** · réplicas por política: "
                f"**{p.get('replicas')}**\n"
                f"- Versión del programa: {p.get('version_programa')} · formato de archivos: "
                f"{p.get('version_formato')}\n"
                f"- Huella de las entradas: `{p.get('huella_entradas')}`")
    st.caption("Con los mismos archivos YAML, la misma semilla y las mismas réplicas, cualquier "
               "persona obtiene exactamente los mismos números.")
