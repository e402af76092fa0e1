"""Tarjetas de rol imprimibles para el juego de roles en persona (solo para el capacitador).

Dos tarjetas: la del cliente, con su situación oculta y cómo responder, y la del vendedor, con la
historia de la cuenta y los límites de la política. Al imprimir (Ctrl+P) se ocultan los menús de
la app y cada tarjeta va en su propia hoja.
"""

from __future__ import annotations

import html

import streamlit as st

from simulador.entrenamiento import rol, rondas
from simulador.interfaz.capacitacion.comun import (
    catalogo,
    ejercicio,
    exigir_capacitador,
    moneda,
)

ESTILO = """
<style>
.tarjeta-rol { border: 2px solid #444; border-radius: 10px; padding: 1.2rem 1.5rem;
  margin: 0 0 1.5rem 0; background: #fff; color: #111; font-size: 1rem; }
.tarjeta-rol h2 { margin-top: 0; font-size: 1.4rem; }
.tarjeta-rol .oculto { background: #fdf0d5; border-left: 4px solid #d08c00; padding: .5rem .8rem; }
.tarjeta-rol table { border-collapse: collapse; width: 100%; font-size: .9rem; }
.tarjeta-rol td, .tarjeta-rol th { border-bottom: 1px solid #ddd; padding: 2px 6px;
  text-align: left; }
@media print {
  header, footer, [data-testid="stSidebar"], [data-testid="stToolbar"],
  [data-testid="stHeader"], [data-testid="stDecoration"], .no-imprimir,
  [data-testid="stForm"], [data-testid="stExpander"], [data-testid="stCaptionContainer"],
  [data-testid="stSidebarNav"], [data-testid="stStatusWidget"], [data-testid="stSelectbox"],
  [data-testid="stNumberInput"], h1 { display: none !important; }
  .tarjeta-rol { page-break-after: always; break-after: page; border-color: #000; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"] { padding: 0 !important; }
}
</style>
"""


def _tabla_historia(tabla: object) -> str:
    import pandas as pd

    assert isinstance(tabla, pd.DataFrame)
    filas = "".join(
        f"<tr><td>{f.dia}</td><td>{html.escape(str(f.evento))}</td>"
        f"<td>{html.escape(str(f.detalle))}</td></tr>" for f in tabla.tail(15).itertuples())
    return ("<table><tr><th>Día</th><th>Evento</th><th>Detalle</th></tr>" + filas + "</table>")


def pagina() -> None:
    """Tarjetas de rol imprimibles."""
    st.title("Tarjetas de rol")
    if not exigir_capacitador():
        return
    opciones = {k: v for k, v in catalogo().items() if ejercicio(k).modalidad == "rol"}
    if not opciones:
        st.info("No hay ejercicios de juego de roles.")
        return
    c1, c2 = st.columns([3, 1])
    nombre = c1.selectbox("Ejercicio", list(opciones), format_func=opciones.__getitem__,
                          key="tarjetas_ejercicio")
    ej = ejercicio(nombre)
    semilla = c2.number_input("Semilla", min_value=0, max_value=2**31 - 1, value=ej.semilla,
                              key="tarjetas_semilla")
    st.caption("Para imprimir use el menú del navegador (Ctrl+P): cada tarjeta sale en una hoja.")
    sim = rondas.nueva_corrida(ej, int(semilla))
    conv = rol.preparar(sim, ej)
    datos = rol.tarjetas(sim, ej, conv)
    historia = rondas.historia_cliente(sim, conv.cliente, desde_dia=-90)
    e = html.escape
    respuestas = "".join(
        f"<li><b>Si le dicen:</b> «{e(texto)}» → {e(rol.respuesta_tipo(conv.situacion, t, o))}</li>"
        for t, (_, ops) in enumerate(rol.TURNOS[:2]) for o, texto in ops.items())
    cliente = f"""
<div class="tarjeta-rol" id="tarjeta-cliente">
<h2>Tarjeta del cliente · {e(datos['nombre'])}</h2>
<p>Usted es el dueño de {e(datos['nombre'])}. Debe {moneda(datos['vencido'])} vencidos
({datos['atraso']} días de atraso) de un saldo de {moneda(datos['saldo'])}.</p>
<div class="oculto"><b>Su situación (no la cuente si no se la preguntan bien):</b>
{e(datos['situacion'])}</div>
<p><b>Cuenta lo que le pasa si el vendedor:</b> {e(datos['pistas_cliente']['revela_si'])}.</p>
<p><b>Lo que sí puede cumplir:</b> {e(datos['pistas_cliente']['acepta'])}.</p>
<ul>{respuestas}</ul>
</div>"""
    vendedor = f"""
<div class="tarjeta-rol" id="tarjeta-vendedor">
<h2>Tarjeta del vendedor · cuenta {e(datos['nombre'])}</h2>
<p>Cliente {datos['cliente']} (segmento {e(datos['segmento'])}). Saldo {moneda(datos['saldo'])},
vencido {moneda(datos['vencido'])}, {datos['atraso']} días de atraso.</p>
<p><b>Límites de la política:</b></p>
<ul>{''.join(f'<li>{e(x)}</li>' for x in datos['limites'])}</ul>
<p><b>Historia reciente de la cuenta:</b></p>
{_tabla_historia(historia)}
<p><b>Su tarea:</b> en tres turnos (apertura, propuesta y cierre) consiga un acuerdo que el
cliente pueda cumplir sin dañar la relación.</p>
</div>"""
    st.html(ESTILO + cliente + vendedor)
