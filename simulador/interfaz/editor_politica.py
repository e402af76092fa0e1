"""Formulario que edita todas las palancas de una política (``simulador/config/politica.py``).

Los cambios se juntan en un ``st.form`` y se validan con el mismo modelo que los archivos; los
errores se muestran en español con el estilo de los problemas de archivo. El calendario de
seguimiento y los cambios con fecha se editan como tablas.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

import pandas as pd
import streamlit as st
import yaml
from pydantic import BaseModel, ValidationError

from simulador import Politica
from simulador.config.politica import CANAL_POR_DEFECTO
from simulador.formato import Formato
from simulador.interfaz.campos import avisar_errores, campo_numero
from simulador.interfaz.componentes import mostrar_problemas, problemas_de_validacion

PRIORIDADES = {
    "monto_atraso_riesgo": "Monto × atraso × riesgo (recomendada)",
    "antiguedad": "Primero las deudas más antiguas",
    "monto": "Primero los montos más grandes",
}
ACCIONES = list(CANAL_POR_DEFECTO)
CANALES = ["email", "sms", "carta", "llamada", "ninguno"]
COLUMNAS_PASO = ["dias", "accion", "canal", "personalizado", "cargo"]


def _ayuda(modelo: type[BaseModel], campo: str) -> str:
    info = modelo.model_fields[campo]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    unidad = f" (unidad: {extra['unidad']})" if extra.get("unidad") else ""
    return f"{info.description or ''}{unidad}"


def limites(modelo: type[BaseModel], campo: str) -> tuple[float | None, float | None]:
    """Mínimo y máximo desde las restricciones ge/le del campo (gt/lt los valida el modelo)."""
    minimo = maximo = None
    for m in modelo.model_fields[campo].metadata:
        if getattr(m, "ge", None) is not None:
            minimo = float(m.ge)
        if getattr(m, "le", None) is not None:
            maximo = float(m.le)
    return minimo, maximo


def _numero(etiqueta: str, modelo: BaseModel, campo: str, clave: str, fmt: Formato, *,
            entero: bool, decimales: int = 1, vacio: bool = False) -> float | None:
    """Un campo de número de la política, con los límites y la ayuda de su modelo."""
    minimo, maximo = limites(type(modelo), campo)
    return campo_numero(etiqueta, getattr(modelo, campo), clave=clave, formato=fmt,
                        minimo=minimo, maximo=maximo, decimales=0 if entero else decimales,
                        entero=entero, vacio=vacio, ayuda=_ayuda(type(modelo), campo),
                        placeholder="(sin límite)" if vacio else None)


def _tabla_pasos(pol: Politica) -> pd.DataFrame:
    filas = [{"dias": p.dias, "accion": p.accion, "canal": p.canal,
              "personalizado": p.personalizado, "cargo": p.cargo} for p in pol.seguimiento]
    return pd.DataFrame(filas, columns=COLUMNAS_PASO).astype(
        {"dias": "Int64", "cargo": "float", "personalizado": "bool"})


def _aplanar(datos: dict[str, Any], prefijo: str = "") -> list[tuple[str, Any]]:
    salida: list[tuple[str, Any]] = []
    for k, v in datos.items():
        ruta = f"{prefijo}.{k}" if prefijo else str(k)
        if isinstance(v, dict) and v:
            salida += _aplanar(v, ruta)
        else:
            salida.append((ruta, v))
    return salida


def _tabla_cambios(pol: Politica) -> pd.DataFrame:
    filas = [{"desde_dia": c.desde_dia, "ruta": ruta,
              "valor": yaml.safe_dump(valor, default_flow_style=True, allow_unicode=True).strip()
              .removesuffix("\n...").removesuffix("...").strip()}
             for c in pol.cambios for ruta, valor in _aplanar(c.cambios)]
    return pd.DataFrame(filas, columns=["desde_dia", "ruta", "valor"]).astype(
        {"desde_dia": "Int64"})


def _vacio(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA or x == ""


def _pasos_de(tabla: pd.DataFrame) -> list[dict[str, Any]]:
    pasos = []
    for fila in tabla.to_dict("records"):
        if all(_vacio(fila.get(c)) for c in ("dias", "accion")):
            continue
        pasos.append({"dias": None if _vacio(fila.get("dias")) else int(fila["dias"]),
                      "accion": fila.get("accion"),
                      "canal": None if _vacio(fila.get("canal")) else fila["canal"],
                      "personalizado": bool(fila.get("personalizado") or False),
                      "cargo": 0.0 if _vacio(fila.get("cargo")) else float(fila["cargo"])})
    return pasos


def _cambios_de(tabla: pd.DataFrame) -> list[dict[str, Any]]:
    por_dia: dict[int, dict[str, Any]] = {}
    for fila in tabla.to_dict("records"):
        if _vacio(fila.get("ruta")) or _vacio(fila.get("desde_dia")):
            continue
        texto = str(fila.get("valor") or "")[:2000]
        try:
            valor = yaml.safe_load(texto) if texto else None
        except yaml.YAMLError:
            valor = texto
        destino = por_dia.setdefault(int(fila["desde_dia"]), {})
        partes = str(fila["ruta"]).strip().split(".")
        for parte in partes[:-1]:
            destino = destino.setdefault(parte, {})
        destino[partes[-1]] = valor
    return [{"desde_dia": d, "cambios": c} for d, c in sorted(por_dia.items())]


def _leer(pol: Politica, p: str, pasos: pd.DataFrame, cambios: pd.DataFrame,
          numeros: dict[str, float | None]) -> dict[str, Any]:
    """Los datos de la política con lo que dice el formulario (claves con prefijo ``p``).

    Los números vienen de ``numeros`` (ruta -> último valor válido de su campo); el resto, de
    los widgets.
    """
    ss = st.session_state
    datos = pol.model_dump(mode="python", exclude={"esquema"})
    for ruta in RUTAS:
        destino = datos
        partes = ruta.split(".")
        for parte in partes[:-1]:
            destino = destino[parte]
        destino[partes[-1]] = numeros[ruta] if ruta in numeros else ss.get(p + ruta)
    datos["prioridad_llamadas"] = ss.get(p + "prioridad_llamadas")
    datos["seguimiento"] = _pasos_de(pasos)
    datos["cambios"] = _cambios_de(cambios)
    return datos


RUTAS = (
    "nombre", "descripcion", "plazo_dias", "castigo_dias",
    "descuento.pct", "descuento.dias", "descuento.acepta_fuera_de_plazo",
    "mora.cargo_fijo", "mora.cargo_pct", "mora.interes_anual_pct", "mora.dias_gracia",
    "credito.limite_meses_compra", "credito.bloqueo_dias_vencida",
    "verificacion.activa", "verificacion.corte_riesgo_pct", "verificacion.accion",
    "automatizacion.factura_electronica", "automatizacion.ofrece_debito_directo",
    "alertas.activas",
    "planes.ofrecer", "planes.a_quien", "planes.dias_vencido_min", "planes.cuotas",
    "planes.intervalo_dias", "planes.pie_pct", "planes.interes_anual_pct",
    "planes.espera_tras_roto_dias",
    "promesas.aceptar", "promesas.dias_max",
)
"""Las palancas simples que edita el formulario (además de prioridad, seguimiento y cambios)."""


def prefijo(i: int, pol: Politica) -> str:
    """Prefijo de las claves del formulario: cambia si cambia la política de la ranura."""
    huella = hashlib.sha1(pol.model_dump_json().encode()).hexdigest()[:10]
    return f"ed{i}_{huella}_"


def editor(i: int, pol: Politica, fmt: Formato) -> Politica | None:
    """Dibuja el formulario de la ranura ``i``; devuelve la política nueva si se aplicó bien.

    Los números se escriben con el formato del escenario ``fmt`` (p. ej. ``1.234,5``).
    """
    p = prefijo(i, pol)
    numeros: dict[str, float | None] = {}

    def numero(etiqueta: str, modelo: BaseModel, ruta: str, *, entero: bool = False,
               decimales: int = 1, vacio: bool = False) -> None:
        numeros[ruta] = _numero(etiqueta, modelo, ruta.rsplit(".", 1)[-1], p + ruta, fmt,
                                entero=entero, decimales=decimales, vacio=vacio)

    with st.form(key=f"form_politica_{i}", border=True):
        uno, dos = st.columns([2, 3])
        uno.text_input("Nombre de la política", value=pol.nombre, key=p + "nombre",
                       max_chars=80)
        dos.text_input("Descripción", value=pol.descripcion.strip(), key=p + "descripcion")
        (t_cond, t_mora, t_seg, t_planes, t_auto, t_fechas) = st.tabs([
            "Plazo y descuento", "Cargos, límites y verificación", "Seguimiento",
            "Planes y promesas", "Automatización y alertas", "Cambios con fecha"])
        with t_cond:
            a, b, c = st.columns(3)
            with a:
                numero("Plazo de pago (días)", pol, "plazo_dias", entero=True)
                numero("Castigar el saldo a los (días de atraso)", pol, "castigo_dias",
                       entero=True)
            with b:
                numero("Descuento por pronto pago (%)", pol.descuento, "descuento.pct")
                numero("Días para ganar el descuento", pol.descuento, "descuento.dias",
                       entero=True)
                st.checkbox("Aceptar el descuento aunque pague tarde",
                            value=pol.descuento.acepta_fuera_de_plazo,
                            key=p + "descuento.acepta_fuera_de_plazo")
            with c:
                st.selectbox("Orden de la cola de llamadas", list(PRIORIDADES),
                             index=list(PRIORIDADES).index(pol.prioridad_llamadas),
                             format_func=PRIORIDADES.__getitem__, key=p + "prioridad_llamadas",
                             help=_ayuda(Politica, "prioridad_llamadas"))
        with t_mora:
            a, b, c = st.columns(3)
            with a:
                st.markdown("**Cargos e intereses por mora**")
                numero(f"Cargo fijo por factura vencida ({fmt.simbolo})", pol.mora,
                       "mora.cargo_fijo", decimales=fmt.decimales)
                numero("Cargo sobre el saldo vencido (%)", pol.mora, "mora.cargo_pct")
                numero("Interés por mora (% anual)", pol.mora, "mora.interes_anual_pct")
                numero("Días de gracia sin cargos", pol.mora, "mora.dias_gracia", entero=True)
            with b:
                st.markdown("**Límite y bloqueo de crédito**")
                numero("Límite de crédito (meses de compras)", pol.credito,
                       "credito.limite_meses_compra", vacio=True)
                numero("Bloquear ventas con una factura atrasada más de (días)", pol.credito,
                       "credito.bloqueo_dias_vencida", entero=True, vacio=True)
            with c:
                st.markdown("**Verificación de clientes nuevos**")
                st.checkbox("Verificar a los postulantes", value=pol.verificacion.activa,
                            key=p + "verificacion.activa")
                numero("Corte de riesgo (% anual)", pol.verificacion,
                       "verificacion.corte_riesgo_pct")
                st.selectbox("A quien no pasa el corte", ["rechazar", "prepago"],
                             index=["rechazar", "prepago"].index(pol.verificacion.accion),
                             format_func={"rechazar": "Rechazarlo",
                                          "prepago": "Exigirle pago anticipado"}.__getitem__,
                             key=p + "verificacion.accion")
        with t_seg:
            st.caption("Cada fila es un paso: días respecto del vencimiento (negativo = antes de "
                       "vencer), qué se hace y por qué canal (vacío = el natural de la acción). "
                       "Agregue filas al final de la tabla; borre con la casilla de la izquierda.")
            pasos = st.data_editor(
                _tabla_pasos(pol), num_rows="dynamic", key=p + "seguimiento", hide_index=True,
                width="stretch", column_config={
                    "dias": st.column_config.NumberColumn(
                        "Días desde el vencimiento", min_value=-60, max_value=1095, step=1,
                        required=True, help="Negativo = antes de vencer"),
                    "accion": st.column_config.SelectboxColumn(
                        "Acción", options=ACCIONES, required=True),
                    "canal": st.column_config.SelectboxColumn(
                        "Canal", options=CANALES, help="Vacío = el canal natural de la acción"),
                    "personalizado": st.column_config.CheckboxColumn(
                        "Personalizado", help="Firmado por el ejecutivo de la cuenta"),
                    "cargo": st.column_config.NumberColumn(
                        f"Cargo en este paso ({fmt.simbolo})", min_value=0.0, format="%.0f"),
                })
        with t_planes:
            a, b = st.columns(2)
            with a:
                st.markdown("**Planes de pago**")
                st.checkbox("Ofrecer planes de pago", value=pol.planes.ofrecer,
                            key=p + "planes.ofrecer")
                st.selectbox("A quién", ["en_dificultad", "morosos"],
                             index=["en_dificultad", "morosos"].index(pol.planes.a_quien),
                             format_func={"en_dificultad": "Solo a quien está en dificultad",
                                          "morosos": "A todo cliente moroso"}.__getitem__,
                             key=p + "planes.a_quien")
                numero("Atraso mínimo para ofrecerlo (días)", pol.planes,
                       "planes.dias_vencido_min", entero=True)
                numero("Cuotas", pol.planes, "planes.cuotas", entero=True)
                numero("Días sin otro plan tras romper uno", pol.planes,
                       "planes.espera_tras_roto_dias", entero=True)
            with b:
                numero("Días entre cuotas", pol.planes, "planes.intervalo_dias", entero=True)
                numero("Pago inicial (% del saldo)", pol.planes, "planes.pie_pct")
                numero("Interés del plan (% anual)", pol.planes, "planes.interes_anual_pct")
                st.markdown("**Promesas de pago**")
                st.checkbox("Aceptar promesas de pago", value=pol.promesas.aceptar,
                            key=p + "promesas.aceptar")
                numero("Plazo máximo de una promesa (días)", pol.promesas, "promesas.dias_max",
                       entero=True)
        with t_auto:
            st.checkbox("Factura electrónica (menos disputas, entrega el mismo día)",
                        value=pol.automatizacion.factura_electronica,
                        key=p + "automatizacion.factura_electronica")
            st.checkbox("Ofrecer débito directo (pago automático al vencer)",
                        value=pol.automatizacion.ofrece_debito_directo,
                        key=p + "automatizacion.ofrece_debito_directo")
            st.checkbox("Alertas: llamar de inmediato ante una señal de riesgo (promesa rota, "
                        "pago parcial, pagos más lentos)", value=pol.alertas.activas,
                        key=p + "alertas.activas")
        with t_fechas:
            st.caption("Revisión periódica: desde el día indicado del horizonte cambia el valor "
                       "de la palanca (ruta como en el archivo, p. ej. «descuento.pct» y valor "
                       "«2»).")
            cambios = st.data_editor(
                _tabla_cambios(pol), num_rows="dynamic", key=p + "cambios", hide_index=True,
                width="stretch", column_config={
                    "desde_dia": st.column_config.NumberColumn("Desde el día", min_value=0,
                                                               step=1),
                    "ruta": st.column_config.TextColumn("Palanca (ruta)"),
                    "valor": st.column_config.TextColumn("Nuevo valor"),
                })
        enviado = st.form_submit_button("Aplicar cambios a esta política", type="primary")
    if not enviado:
        return None
    if avisar_errores("La política no se aplicó", (p + ruta for ruta in numeros)):
        return None
    datos = _leer(pol, p, pasos, cambios, numeros)
    try:
        nueva = Politica.model_validate(datos)
        for cambio in nueva.cambios:
            nueva.vigente(cambio.desde_dia)
        return nueva
    except ValidationError as e:
        mostrar_problemas(problemas_de_validacion(e, Politica),
                          "La política no se aplicó: corrija estos valores")
    except Exception as e:  # p. ej. una ruta de cambio que no existe
        st.error(f"La política no se aplicó: {e}")
    return None
