"""AppTest de la página Escenario: elegir, subir con errores, editar y descargar."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest
from utiles_app import ir

RAIZ = Path(__file__).resolve().parents[1]
APP = str(RAIZ / "app.py")
ESCENARIO = (RAIZ / "escenarios" / "pyme_distribuidora.yaml").read_text(encoding="utf-8")



def abrir() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    return ir(at, "escenario").run()


def metrica(at: AppTest, etiqueta: str) -> str:
    return next(m.value for m in at.metric if m.label == etiqueta)


def test_muestra_la_cartera_del_escenario_incluido() -> None:
    at = abrir()
    assert not at.exception
    assert at.subheader[0].value == "Distribuidora PyME"
    assert metrica(at, "Clientes al inicio") == "1.000"
    figs = at.get("plotly_chart")
    assert len(figs) == 2
    assert "Segmentos" in figs[0].proto.spec
    assert len(at.dataframe) == 1


def test_subida_con_error_muestra_linea_y_conserva_el_anterior() -> None:
    at = abrir()
    at.selectbox(key="esc_sel").set_value("(subir un archivo)").run()
    malo = ESCENARIO.replace("clientes: 1000", "clientes: -3")
    linea = next(i for i, t in enumerate(malo.splitlines(), 1) if t.startswith("clientes:"))
    at.file_uploader(key="esc_archivo").set_value(
        ("malo.yaml", malo.encode(), "application/x-yaml")).run()
    assert not at.exception
    errores = [e.value for e in at.error]
    assert any(f"malo.yaml, línea {linea}: clientes: debe ser ≥ 1" in e for e in errores), errores
    assert at.subheader[0].value == "Distribuidora PyME"
    # corregido, se carga
    bueno = ESCENARIO.replace("nombre: Distribuidora PyME", "nombre: Cliente corregido")
    at.file_uploader(key="esc_archivo").set_value(
        ("bueno.yaml", bueno.encode(), "application/x-yaml")).run()
    assert not at.exception
    assert not at.error
    assert at.subheader[0].value == "Cliente corregido"


def test_editar_parametros_cambia_la_cartera() -> None:
    at = abrir()
    at.segmented_control(key="esc_vista").set_value("Editar parámetros").run()
    assert at.text_input(key="esc_f_clientes").value == "1.000"  # con punto de miles
    at.text_input(key="esc_f_clientes").input("250")
    at.button(key="FormSubmitter:form_escenario-Aplicar cambios al escenario").click().run()
    assert not at.exception
    at.segmented_control(key="esc_vista").set_value("Cartera que genera").run()
    assert metrica(at, "Clientes al inicio") == "250"
    assert at.session_state["escenario"].clientes == 250


def test_formulario_cambia_el_horizonte_y_la_descarga_lo_refleja() -> None:
    from simulador import cargar_escenario
    from simulador.interfaz.paginas.escenario import yaml_para_descargar

    at = abrir()
    at.segmented_control(key="esc_vista").set_value("Editar parámetros").run()
    at.text_input(key="esc_f_horizonte").input("400")
    at.button(key="FormSubmitter:form_escenario-Aplicar cambios al escenario").click().run()
    assert not at.exception
    esc = at.session_state["escenario"]
    assert esc.horizonte_dias == 400
    texto = yaml_para_descargar(esc, at.session_state["escenario_texto"])
    assert "# yaml-language-server" in texto  # conserva los comentarios del original
    assert cargar_escenario(texto, archivo="descarga.yaml") == esc


def test_formulario_con_un_numero_mal_escrito_no_cambia_el_escenario() -> None:
    at = abrir()
    at.segmented_control(key="esc_vista").set_value("Editar parámetros").run()
    anterior = at.session_state["escenario"]
    at.text_input(key="esc_f_margen").input("25.5")  # punto decimal: ambiguo en este formato
    at.text_input(key="esc_f_clientes").input("1.500")  # punto de miles: válido
    at.button(key="FormSubmitter:form_escenario-Aplicar cambios al escenario").click().run()
    assert not at.exception
    errores = [e.value for e in at.error]
    assert any(e.startswith("Margen bruto sobre ventas (%): «25.5» no es un número válido: use "
                            "la coma para los decimales") for e in errores), errores
    assert at.session_state["escenario"] == anterior
    at.text_input(key="esc_f_margen").input("25,5")
    at.button(key="FormSubmitter:form_escenario-Aplicar cambios al escenario").click().run()
    assert not at.exception
    assert not at.error
    esc = at.session_state["escenario"]
    assert (esc.margen_bruto_pct, esc.clientes) == (25.5, 1500)


def test_segmentos_con_puntos_de_miles_y_errores_con_las_etiquetas_del_formulario() -> None:
    """Los montos de los segmentos se leen como el resto de la app («735.000» son 735 mil) y los
    errores del modelo nombran el segmento y el campo como se ven, no la ruta interna."""
    at = abrir()
    at.segmented_control(key="esc_vista").set_value("Editar parámetros").run()
    anterior = at.session_state["escenario"]
    enviar = "FormSubmitter:form_escenario-Aplicar cambios al escenario"
    at.text_input(key="esc_f_seg_3_monto_medio").input("-100")
    at.button(key=enviar).click().run()
    assert not at.exception
    errores = [e.value for e in at.error]
    assert "Segmento «riesgosos», «Monto medio de factura»: debe ser > 0 (se indicó -100)" \
        in errores, errores
    at.text_input(key="esc_f_seg_3_monto_medio").input("500.000")
    at.text_input(key="esc_f_seg_0_participacion_pct").input("50")  # suman 105
    at.button(key=enviar).click().run()
    errores += [e.value for e in at.error]
    assert "Segmentos: los valores de «Clientes (%)» suman 105 %, deben sumar 100 %" in errores
    assert not any("participacion_pct" in e or "monto_factura" in e for e in errores)
    assert at.session_state["escenario"] == anterior
    at.text_input(key="esc_f_seg_0_participacion_pct").input("45")
    at.text_input(key="esc_f_seg_3_monto_medio").input("735.000")
    at.button(key=enviar).click().run()
    assert not at.exception and not at.error
    assert at.session_state["escenario"].segmentos[3].monto_factura.media == 735_000


def test_la_descripcion_se_edita_y_el_modo_markov_dice_como_editarlo() -> None:
    at = abrir()
    at.segmented_control(key="esc_vista").set_value("Editar parámetros").run()
    at.text_input(key="esc_f_clientes").input("300")
    at.text_area(key="esc_f_descripcion").input("Distribuidora con 300 clientes.")
    at.button(key="FormSubmitter:form_escenario-Aplicar cambios al escenario").click().run()
    assert not at.exception and not at.error
    esc = at.session_state["escenario"]
    assert (esc.clientes, esc.descripcion) == (300, "Distribuidora con 300 clientes.")
    at.selectbox(key="esc_sel").set_value("markov_consultora.yaml").run()
    assert not at.exception
    assert any("no se edita en la app" in i.value for i in at.info)
