"""AppTest de «Comparar políticas»: elegir, editar, subir con errores, correr y ver resultados."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from utiles_app import ir

from simulador import Escenario, aplicar_delta, cargar_escenario, cargar_politica

RAIZ = Path(__file__).resolve().parents[1]
APP = str(RAIZ / "app.py")
FORM = "FormSubmitter:form_politica_{}-Aplicar cambios a esta política"



@pytest.fixture(scope="module")
def chico() -> Escenario:
    """El escenario PyME, más chico para que las pruebas sean rápidas."""
    esc = cargar_escenario(RAIZ / "escenarios" / "pyme_distribuidora.yaml")
    return aplicar_delta(esc, {"clientes": 150, "horizonte_dias": 120, "calentamiento_dias": 30})


def abrir(esc: Escenario, replicas: int = 2) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.session_state["escenario"] = esc
    at.session_state["replicas"] = replicas
    ir(at, "comparar").run()
    assert not at.exception
    return at


def clave_formulario(at: AppTest, i: int) -> str:
    """El prefijo de las claves del formulario de la ranura ``i``."""
    clave = next(w.key for w in at.text_input
                 if w.key and w.key.startswith(f"ed{i}_") and w.key.endswith("descuento.pct"))
    return clave.removesuffix("descuento.pct")


def metricas(at: AppTest) -> dict[str, str]:
    return {m.label: f"{m.value}|{m.delta}" for m in at.metric}


def correr(at: AppTest) -> AppTest:
    at.button(key="boton_comparar").click().run()
    assert not at.exception
    return at


def test_base_por_defecto_y_resultados_con_lectura(chico: Escenario) -> None:
    at = abrir(chico)
    assert at.selectbox(key="pol_sel_0").value == "actual_laxa.yaml"
    assert at.number_input(key="semilla").value == 1
    correr(at)
    assert any("Qué dice la comparación" in s.value for s in at.subheader)
    assert len(at.success) >= 1  # titular de la lectura
    etiquetas = {m.label.split(" · ")[0] for m in at.metric}
    assert {"Caja cobrada", "DSO: días para cobrar", "Incobrables", "Ventas",
            "Resultado económico"} <= etiquetas
    figs = at.get("plotly_chart")
    assert any("Caja: cobrado en cada mes" in f.proto.spec for f in figs)


def test_editar_una_alternativa_cambia_los_resultados(chico: Escenario) -> None:
    at = abrir(chico)
    at.segmented_control(key="n_alt").set_value(1).run()
    at.selectbox(key="pol_sel_1").set_value("(copia de la base)").run()
    correr(at)
    antes = metricas(at)
    assert "no distinguible" in antes["Resultado económico · Alternativa 1"]  # igual a la base
    at.segmented_control(key="editar_cual").set_value(1).run()
    prefijo = clave_formulario(at, 1)
    assert at.text_input(key=prefijo + "descuento.pct").value == "0,0"  # coma decimal
    at.text_input(key=prefijo + "descuento.pct").input("2,0")
    at.text_input(key=prefijo + "descuento.dias").input("10")
    at.text_input(key=prefijo + "nombre").set_value("Con descuento 2/10")
    at.button(key=FORM.format(1)).click().run()
    assert not at.exception
    assert at.selectbox(key="pol_sel_1").value == "(editada en el formulario)"
    delta = " ".join(m.value for m in at.markdown)
    assert "Descuento por pagar dentro del plazo del descuento: 0 % → **2 %**" in delta
    assert at.warning  # resultados viejos marcados como desactualizados
    correr(at)
    despues = metricas(at)
    assert despues != antes
    assert "Con descuento 2/10" in " ".join(m.value for m in at.markdown)
    # la base no cambió: sus réplicas guardadas se reutilizan y dan los mismos números
    base = {k: v for k, v in antes.items() if k.endswith("Actual (laxa)")}
    assert base and all(despues[k] == v for k, v in base.items())


def test_formulario_invalido_muestra_el_error_en_espanol(chico: Escenario) -> None:
    at = abrir(chico)
    at.segmented_control(key="editar_cual").set_value(0).run()
    prefijo = clave_formulario(at, 0)
    at.text_input(key=prefijo + "descuento.pct").input("2")
    at.text_input(key=prefijo + "descuento.dias").input("45")
    at.button(key=FORM.format(0)).click().run()
    assert not at.exception
    errores = " ".join(e.value for e in at.error)
    assert "formulario: descuento.dias" in errores and "menor que plazo_dias" in errores
    assert at.selectbox(key="pol_sel_0").value == "actual_laxa.yaml"


def test_numero_mal_escrito_muestra_el_error_y_conserva_el_valor(chico: Escenario) -> None:
    at = abrir(chico)
    at.segmented_control(key="editar_cual").set_value(0).run()
    prefijo = clave_formulario(at, 0)
    campo = prefijo + "mora.interes_anual_pct"
    anterior = at.text_input(key=campo).value
    at.text_input(key=campo).input("12,3,4")
    at.button(key=FORM.format(0)).click().run()
    assert not at.exception
    errores = [e.value for e in at.error]
    assert ("Interés por mora (% anual): «12,3,4» no es un número válido: use la coma para los "
            "decimales (por ejemplo 1.234,50). Valores permitidos: entre 0 y 200. Se mantiene "
            f"el valor anterior ({anterior})."
            in errores), errores
    assert any(e.startswith("La política no se aplicó: corrija el valor de «Interés por mora")
               for e in errores), errores
    assert at.selectbox(key="pol_sel_0").value == "actual_laxa.yaml"  # no se aplicó
    assert at.text_input(key=campo).value == "12,3,4"  # lo escrito queda para corregirlo
    # fuera de rango: el mismo trato, con el rango permitido
    at.text_input(key=campo).input("250")
    at.button(key=FORM.format(0)).click().run()
    assert any("«250» está fuera del rango permitido: el valor debe estar entre 0 y 200" in e
               for e in (e.value for e in at.error))
    # corregido con miles y decimales, se aplica
    at.text_input(key=campo).input("36,5")
    at.button(key=FORM.format(0)).click().run()
    assert not at.exception
    assert not at.error
    assert at.selectbox(key="pol_sel_0").value == "(editada en el formulario)"
    assert at.session_state["pol_editada_0"].mora.interes_anual_pct == 36.5


def test_replicas_y_semilla_cambian_los_resultados(chico: Escenario) -> None:
    at = abrir(chico)
    correr(at)
    primero = metricas(at)
    at.number_input(key="semilla").set_value(7).run()
    correr(at)
    assert metricas(at) != primero
    at.number_input(key="replicas").set_value(3).run()
    correr(at)
    assert at.session_state["comparacion"].base.replicas == 3


def test_subir_politica_con_error_muestra_la_linea(chico: Escenario) -> None:
    at = abrir(chico)
    at.segmented_control(key="n_alt").set_value(1).run()
    at.selectbox(key="pol_sel_1").set_value("(subir un archivo)").run()
    texto = "version: 1\nnombre: Mala\nplazo_dias: 30\nseguimiento:\n  - {dias: -90, accion: " \
            "recordatorio}\n"
    at.file_uploader(key="pol_archivo_1").set_value(
        ("mala.yaml", texto.encode(), "application/x-yaml")).run()
    assert not at.exception
    errores = [e.value for e in at.error]
    assert any(e.startswith("mala.yaml, línea 5: seguimiento[0].dias") for e in errores), errores
    bueno = texto.replace("-90", "-3")
    at.file_uploader(key="pol_archivo_1").set_value(
        ("buena.yaml", bueno.encode(), "application/x-yaml")).run()
    assert not at.error
    assert at.session_state["pol_subida_1"][0].nombre == "Mala"
    # en «Informe y archivos» se descarga con el nombre con que se subió (y la incluida, con el
    # suyo), no con uno armado a partir del nombre de la política
    ir(at, "informe").run()
    etiquetas = [b.label for b in at.get("download_button")]
    assert "Descargar buena.yaml" in etiquetas and "Descargar actual_laxa.yaml" in etiquetas
    assert "Descargar mala.yaml" not in etiquetas


@pytest.mark.parametrize("vista", ["Resultado económico", "Variabilidad entre réplicas",
                                   "Por segmento", "Todos los indicadores"])
def test_cada_vista_de_resultados(chico: Escenario, vista: str) -> None:
    at = abrir(chico)
    correr(at)
    at.segmented_control(key="vista_resultados").set_value(vista).run()
    assert not at.exception
    if vista != "Todos los indicadores":
        assert at.get("plotly_chart")
    else:
        assert len(at.dataframe) >= 1


def test_la_politica_editada_sin_cambiar_el_nombre_lo_dice() -> None:
    """Editada sin otro nombre, la política no se presenta como la original."""
    from simulador.interfaz.paginas.comparar import marcar_editada

    original = cargar_politica(RAIZ / "politicas" / "estandar.yaml")
    plazo = original.model_copy(update={"plazo_dias": original.plazo_dias + 15})
    editada = marcar_editada(original, plazo)
    assert editada.nombre == "Estándar (editada)"
    assert editada.descripcion.startswith("Versión de «Estándar» editada en el formulario")
    assert editada.plazo_dias == original.plazo_dias + 15
    assert marcar_editada(editada, editada.model_copy(update={"plazo_dias": 60})).nombre == \
        "Estándar (editada)"  # editada otra vez: no se repite
    assert marcar_editada(original, original) is original  # sin cambios
    renombrada = plazo.model_copy(update={"nombre": "Plazo 45"})
    assert marcar_editada(original, renombrada) is renombrada  # el nombre que eligió el usuario
