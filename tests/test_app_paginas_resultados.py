"""AppTest de Sensibilidad, Clientes e Informe y archivos (con un escenario chico)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from utiles_app import ir

from simulador import Escenario, aplicar_delta, cargar_escenario, cargar_politica

RAIZ = Path(__file__).resolve().parents[1]
APP = str(RAIZ / "app.py")



@pytest.fixture(scope="module")
def chico() -> Escenario:
    esc = cargar_escenario(RAIZ / "escenarios" / "pyme_distribuidora.yaml")
    return aplicar_delta(esc, {"clientes": 120, "horizonte_dias": 90, "calentamiento_dias": 30})


def abrir(esc: Escenario, url: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=240).run()
    at.session_state["escenario"] = esc
    at.session_state["replicas"] = 2
    at.session_state["sens_replicas"] = 1
    ir(at, url).run()
    assert not at.exception
    return at


def spec(at: AppTest, clave: str) -> dict:
    figs = [f for f in at.get("plotly_chart") if f.proto.id and clave in f.proto.id]
    return json.loads((figs or at.get("plotly_chart"))[0].proto.spec)


def test_barrido_dibuja_la_curva_y_la_palanca_cambia_el_resultado(chico: Escenario) -> None:
    at = abrir(chico, "sensibilidad")
    assert any("Pulse «Correr el barrido»" in i.value for i in at.info)
    at.text_input(key="sens_hasta_descuento.pct").input("2,0").run()
    at.button(key="boton_barrido").click().run()
    assert not at.exception
    figura = spec(at, "fig_barrido")
    assert "según descuento por pronto pago" in figura["layout"]["title"]["text"]
    assert figura["layout"]["xaxis"]["title"]["text"].endswith("(%)")
    curva = figura["data"][2]["y"]
    assert len(at.dataframe[0].value) == 3  # 0, 1 y 2 %
    at.selectbox(key="sens_palanca").set_value("plazo_dias").run()
    at.text_input(key="sens_hasta_plazo_dias").input("30").run()
    at.button(key="boton_barrido").click().run()
    assert not at.exception
    otra = spec(at, "fig_barrido")
    assert "según plazo de pago" in otra["layout"]["title"]["text"]
    assert otra["data"][2]["y"] != curva


def test_barrido_con_un_numero_mal_escrito_conserva_el_valor_anterior(chico: Escenario) -> None:
    at = abrir(chico, "sensibilidad")
    assert at.text_input(key="sens_paso_descuento.pct").value == "1,0"
    puntos = next(c.value for c in at.caption if c.value.startswith("Puntos:"))
    at.text_input(key="sens_paso_descuento.pct").input("0,5,").run()
    assert not at.exception
    errores = [e.value for e in at.error]
    assert errores == ["Paso: «0,5,» no es un número válido: use la coma para los decimales "
                       "(por ejemplo 1.234,50). Valores permitidos: ≥ 0,01. Se mantiene el "
                       "valor anterior (1,0)."]
    assert next(c.value for c in at.caption if c.value.startswith("Puntos:")) == puntos
    at.text_input(key="sens_paso_descuento.pct").input("0").run()
    assert "el valor debe ser ≥ 0,01" in at.error[0].value
    at.text_input(key="sens_paso_descuento.pct").input("").run()
    assert at.error[0].value == ("Paso: Falta el número: escriba un valor ≥ 0,01. Se mantiene el "
                                 "valor anterior (1,0).")
    at.text_input(key="sens_paso_descuento.pct").input("0,5").run()
    assert not at.error
    assert next(c.value for c in at.caption if c.value.startswith("Puntos:")) != puntos


def test_tornado(chico: Escenario) -> None:
    at = abrir(chico, "sensibilidad")
    at.segmented_control(key="sens_vista").set_value("Qué palancas importan").run()
    at.button(key="boton_tornado").click().run()
    assert not at.exception
    figura = spec(at, "fig_tornado")
    assert "pesan más" in figura["layout"]["title"]["text"]
    assert {t["name"] for t in figura["data"]} == {"Palanca un paso abajo",
                                                   "Palanca un paso arriba"}


def test_clientes_muestra_la_historia_y_cambia_con_el_cliente(chico: Escenario) -> None:
    at = abrir(chico, "clientes")
    at.button(key="boton_corrida").click().run()
    assert not at.exception
    primero = spec(at, "fig_historia")["layout"]["title"]["text"]
    assert "Historia del cliente" in primero
    opciones = at.selectbox(key="cli_cliente").options
    at.selectbox(key="cli_cliente").select_index(len(opciones) - 1).run()
    assert not at.exception
    assert spec(at, "fig_historia")["layout"]["title"]["text"] != primero
    assert len(at.dataframe) == 1


def test_informe_y_archivos(chico: Escenario) -> None:
    at = abrir(chico, "informe")
    assert any("Todavía no hay resultados" in i.value for i in at.info)
    etiquetas = [b.label for b in at.get("download_button")]
    assert any("pyme_distribuidora.yaml" in e for e in etiquetas)
    ir(at, "comparar").run()
    at.button(key="boton_comparar").click().run()
    ir(at, "informe").run()
    assert not at.exception
    etiquetas = [b.label for b in at.get("download_button")]
    assert "Descargar el informe (HTML)" in etiquetas
    assert "Descargar resultados (Excel)" in etiquetas
    assert any("CSV" in e for e in etiquetas)
    # lo que se descarga: las entradas vuelven a cargar idénticas
    from simulador.interfaz.paginas import archivos

    productos = at.session_state["_productos"][1]
    assert productos["html"].startswith(b"<!DOCTYPE html>")
    assert productos["excel"][:2] == b"PK"
    comp = at.session_state["comparacion"]
    assert comp.escenario == chico
    pol = cargar_politica(archivos.a_yaml(comp.base.politica), archivo="base.yaml")
    assert pol == comp.base.politica


def test_clientes_tras_comparar_muestra_la_replica_0_de_cada_politica(chico: Escenario) -> None:
    at = abrir(chico, "comparar")
    at.button(key="boton_comparar").click().run()
    assert not at.exception
    ir(at, "clientes").run()
    assert not at.exception
    assert any("réplica 0 de la comparación" in c.value for c in at.caption)
    comp = at.session_state["comparacion"]
    politicas = at.selectbox(key="cli_politica")
    assert politicas.options == [r.politica.nombre for r in comp.resultados]
    assert "Historia del cliente" in spec(at, "fig_historia")["layout"]["title"]["text"]
    # la corrida con eventos que muestra la página es la réplica 0 de la comparación
    from simulador import calcular_kpis, simular

    for r in comp.resultados:
        res = simular(comp.escenario, r.politica, semilla=comp.semilla, replica=0, eventos=True)
        assert calcular_kpis(res, comp.escenario)["ventas_credito"] == r.kpis["ventas_credito"][0]
        assert calcular_kpis(res, comp.escenario)["cobrado"] == r.kpis["cobrado"][0]
    politicas.select_index(len(politicas.options) - 1).run()
    assert not at.exception
