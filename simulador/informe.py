"""Informe HTML autocontenido de una comparación: se abre sin internet en cualquier navegador.

Lleva la lectura, la tabla de indicadores con sus intervalos, los gráficos (plotly.js incluido una
sola vez dentro del archivo), los archivos YAML de entrada y la procedencia (versiones, semilla,
réplicas y huella de las entradas) para que un colega reproduzca exactamente los números.
"""

from __future__ import annotations

import datetime as dt
import html
import platform
from collections.abc import Mapping
from importlib import metadata

import plotly.graph_objects as go

from simulador import graficos as g
from simulador.experimentos import Comparacion
from simulador.formato import Formato
from simulador.lectura import leer
from simulador.metricas import MEJOR_SI_SUBE, NOMBRES_KPI

KPIS_INFORME: tuple[str, ...] = (
    "resultado_economico", "cobrado", "dso", "dso_recuento", "cei", "incobrables_pct",
    "ventas_totales", "ventas_perdidas", "costo_descuentos", "costo_cobranza",
    "costo_financiero", "cargos_cobrados", "cartera_final", "pct_cartera_corriente",
)
"""Indicadores de la tabla del informe, en este orden."""

_PAQUETES = ("simulador-cobranza", "simpy", "numpy", "pandas", "pydantic", "plotly")

_ESTILO = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1100px;
margin:2rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #e5e7eb;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
th,td{border:1px solid #e5e7eb;padding:.35rem .5rem;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}th{background:#f3f4f6}
.bueno{color:#047857}.malo{color:#b91c1c}.neutro{color:#374151}.titular{font-weight:600;
font-size:1.1rem}.nota{color:#6b7280;font-size:.9rem}.nd{color:#6b7280;font-style:italic}
pre{background:#f9fafb;border:1px solid #e5e7eb;padding:.7rem;overflow:auto;font-size:.8rem}
.sub{color:#6b7280}
"""


def versiones() -> dict[str, str]:
    """Versiones de Python y de los paquetes que determinan los números."""
    salida = {"python": platform.python_version()}
    for paquete in _PAQUETES:
        try:
            salida[paquete] = metadata.version(paquete)
        except metadata.PackageNotFoundError:
            salida[paquete] = "(no instalado)"
    return salida


def _e(texto: object) -> str:
    return html.escape(str(texto))


def _tabla_kpis(comp: Comparacion, fmt: Formato) -> str:
    cab = "".join(f"<th>{_e(r.politica.nombre)}</th>" for r in comp.resultados)
    filas = []
    for kpi in KPIS_INFORME:
        nombre, unidad = NOMBRES_KPI[kpi]
        celdas = []
        for i, res in enumerate(comp.resultados):
            r = res.resumen[kpi]
            texto = (f"{_e(fmt.valor(r.media, unidad))}<br><span class='sub'>"
                     f"{_e(fmt.intervalo(r.ic_inf, r.ic_sup, unidad))}</span>")
            if i > 0:
                d = comp.pares[i - 1].diferencias[kpi]
                mejor = MEJOR_SI_SUBE.get(kpi)
                if not d.distinguible:
                    clase, marca = "nd", " (no distinguible)"
                else:
                    bueno = mejor is not None and (d.diferencia > 0) == mejor
                    clase = "neutro" if mejor is None else ("bueno" if bueno else "malo")
                    marca = ""
                texto += (f"<br><span class='{clase}'>{_e(fmt.diferencia(d.diferencia, unidad))}"
                          f" vs. base{marca}</span>")
            celdas.append(f"<td>{texto}</td>")
        filas.append(f"<tr><td>{_e(nombre)}</td>{''.join(celdas)}</tr>")
    return (f"<table><thead><tr><th>Indicador</th>{cab}</tr></thead><tbody>"
            f"{''.join(filas)}</tbody></table>"
            "<p class='nota'>Media de las réplicas; debajo, el intervalo del 95 % de la media y, "
            "en las alternativas, la diferencia con la base (pareada réplica a réplica).</p>")


def figuras_informe(comp: Comparacion, fmt: Formato) -> list[go.Figure]:
    """Los gráficos que lleva el informe, en orden."""
    figs = [g.fig_cobrado(comp, fmt), g.fig_cartera_total(comp, fmt)]
    figs += [g.fig_cascada(res, fmt) for res in comp.resultados]
    figs.append(g.fig_dispersion(comp, "resultado_economico", fmt))
    figs.append(g.fig_segmentos(comp, "resultado_credito", "Resultado de las ventas a crédito",
                                "moneda", fmt))
    return figs


def _procedencia(comp: Comparacion) -> str:
    datos = dict(comp.procedencia)
    filas = [("Escenario", datos.get("escenario", comp.escenario.nombre)),
             ("Políticas", ", ".join(datos.get("politicas", []))),
             ("Semilla", datos.get("semilla", comp.semilla)),
             ("Réplicas por política", datos.get("replicas", comp.base.replicas)),
             ("Huella de las entradas (SHA-256)", datos.get("huella_entradas", "")),
             ("Versión del formato de archivos", datos.get("version_formato", ""))]
    filas += [(f"Versión de {k}", v) for k, v in versiones().items()]
    cuerpo = "".join(f"<tr><td>{_e(a)}</td><td>{_e(b)}</td></tr>" for a, b in filas)
    return (f"<table><tbody>{cuerpo}</tbody></table><p class='nota'>Para reproducir: cargue los "
            "archivos YAML incluidos en este informe en el simulador (o en la línea de comandos) "
            "con la misma semilla y el mismo número de réplicas; la huella de las entradas debe "
            "coincidir.</p>")


def informe_html(comp: Comparacion, *, yaml_entradas: Mapping[str, str] | None = None,
                 generado: dt.datetime | None = None) -> str:
    """El informe completo como un único texto HTML autocontenido.

    Args:
        comp: la comparación a informar.
        yaml_entradas: nombre de archivo -> texto YAML del escenario y las políticas.
        generado: fecha y hora de generación (por defecto, ahora).
    """
    fmt = Formato.de(comp.escenario)
    cuando = (generado or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    lectura = "".join(f"<p class='{f.tono}'>{_e(f.texto)}</p>" for f in leer(comp, fmt))
    graficos = []
    for i, fig in enumerate(figuras_informe(comp, fmt)):
        graficos.append(fig.to_html(full_html=False, include_plotlyjs=(i == 0),
                                    config={"displaylogo": False, "responsive": True}))
    archivos = "".join(
        f"<details><summary>{_e(nombre)}</summary><pre>{_e(texto)}</pre></details>"
        for nombre, texto in (yaml_entradas or {}).items())
    esc = comp.escenario
    clientes = Formato.de(esc).numero(esc.clientes)
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Informe: {_e(esc.nombre)}</title><style>{_ESTILO}</style></head>
<body>
<h1>Simulador de Cobranza: informe de comparación</h1>
<p class="sub">Escenario «{_e(esc.nombre)}» · {clientes} clientes · horizonte de
{esc.horizonte_dias} días desde {esc.fecha_inicio.isoformat()} · generado el {cuando}</p>
<p>{_e(esc.descripcion.strip())}</p>
<h2>Lectura</h2>{lectura}
<h2>Indicadores</h2>{_tabla_kpis(comp, fmt)}
<h2>Gráficos</h2>{''.join(graficos)}
<h2>Archivos de entrada</h2>{archivos or "<p class='nota'>(no incluidos)</p>"}
<h2>Procedencia</h2>{_procedencia(comp)}
</body></html>
"""
