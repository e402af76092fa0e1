"""Páginas de capacitación con el arnés de Streamlit (AppTest): sala, panel y tarjetas."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from simulador.entrenamiento import almacen

CLAVE = "clave-de-prueba"


def _sala() -> None:
    from simulador.interfaz.capacitacion.sala import pagina

    pagina()


def _sala_con_token(token: str, espera: int = 90) -> AppTest:
    """La sala abierta por un participante que ya se unió (su token en la dirección)."""
    at = AppTest.from_function(_sala, default_timeout=espera)
    at.query_params["t"] = token
    return at.run()


def _panel() -> None:
    from simulador.interfaz.capacitacion.panel import pagina

    pagina()


def _tarjetas() -> None:
    from simulador.interfaz.capacitacion.tarjetas import pagina

    pagina()


@pytest.fixture()
def entorno(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SIMULADOR_DB", str(tmp_path / "sesiones.sqlite"))
    monkeypatch.setenv("SIMULADOR_CLAVE_CAPACITADOR", CLAVE)
    monkeypatch.delenv("SIMULADOR_CLAVE_CAPACITADOR_HASH", raising=False)
    return tmp_path


def _textos(at: AppTest) -> str:
    partes = [m.value for m in at.markdown] + [e.value for e in at.error]
    partes += [w.value for w in at.warning] + [i.value for i in at.info]
    partes += [s.value for s in at.success] + [t.value for t in at.title]
    return "\n".join(str(p) for p in partes)


def _entrar_capacitador(at: AppTest) -> None:
    at.text_input(key="clave_capacitador").input(CLAVE)
    at.button[0].click().run()
    assert not at.exception


def test_panel_bloqueado_sin_clave_configurada(entorno: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SIMULADOR_CLAVE_CAPACITADOR")
    at = AppTest.from_function(_panel, default_timeout=60).run()
    assert not at.exception
    assert "SIMULADOR_CLAVE_CAPACITADOR" in _textos(at)
    assert not at.text_input  # ni siquiera pide clave: no hay con qué compararla


def test_panel_rechaza_una_clave_equivocada(entorno: Path) -> None:
    almacen.crear_sesion("mesa_de_cobranza", 1)
    at = AppTest.from_function(_panel, default_timeout=60).run()
    at.text_input(key="clave_capacitador").input("otra-cosa")
    at.button[0].click().run()
    assert not at.exception
    assert "Clave incorrecta" in _textos(at)
    assert not at.selectbox  # no se ven sesiones


def test_panel_crea_una_sesion_y_muestra_participantes(entorno: Path) -> None:
    at = AppTest.from_function(_panel, default_timeout=60).run()
    _entrar_capacitador(at)
    at.selectbox(key="panel_ejercicio").set_value("mesa_de_cobranza")
    at.button(key="FormSubmitter:form_crear_sesion-Crear sesión").click().run()
    assert not at.exception
    codigo = almacen.sesiones()[0]["codigo"]
    assert codigo in _textos(at)
    almacen.unirse(codigo, "Ana")
    at.button(key="panel_actualizar").click().run()
    assert not at.exception
    tabla = at.dataframe[0].value
    assert list(tabla["Nombre"]) == ["Ana"] and list(tabla["Avance"]) == ["0 de 6"]


def test_sala_unirse_jugar_una_ronda_y_reanudar(entorno: Path) -> None:
    codigo = almacen.crear_sesion("mesa_de_cobranza", 2026)
    at = AppTest.from_function(_sala, default_timeout=90).run()
    assert not at.exception
    at.text_input(key="sala_codigo").input(codigo.lower())
    at.text_input(key="sala_nombre").input("Beto")
    at.button[0].click().run()
    assert not at.exception
    token = at.query_params["t"]
    token = token[0] if isinstance(token, list) else token
    assert almacen.por_token(token)["nombre"] == "Beto"
    assert "Ronda 1 de 6" in "\n".join(str(s.value) for s in at.subheader)
    cajas = [s for s in at.selectbox if s.key and s.key.startswith("dec_0_")]
    assert cajas and all(c.value == "Nada" for c in cajas)
    cajas[0].set_value("Llamar")
    at.button(key="FormSubmitter:form_ronda_0-Enviar decisiones y simular 7 días").click()
    at.run()
    assert not at.exception
    assert "Ronda 2 de 6" in "\n".join(str(s.value) for s in at.subheader)
    pid = almacen.por_token(token)["id"]
    assert almacen.jugadas(pid)[0][0]["tipo"] == "llamar"
    # recargar la página con el mismo enlace retoma la ronda 2
    otra = _sala_con_token(token)
    assert not otra.exception
    assert "Ronda 2 de 6" in "\n".join(str(s.value) for s in otra.subheader)
    assert "Aviso de la semana" in _textos(otra)


def test_sala_no_deja_pasar_de_las_llamadas_de_la_ronda(entorno: Path) -> None:
    codigo = almacen.crear_sesion("mesa_de_cobranza", 2026)
    p = almacen.unirse(codigo, "Carla")
    at = _sala_con_token(p["token"])
    for caja in [s for s in at.selectbox if s.key and s.key.startswith("dec_0_")][:7]:
        caja.set_value("Llamar")
    at.button(key="FormSubmitter:form_ronda_0-Enviar decisiones y simular 7 días").click()
    at.run()
    assert not at.exception
    assert "usa 7 llamadas y la ronda tiene 6" in _textos(at)
    assert almacen.jugadas(p["id"]) == []


def test_sala_diseno_numeros_con_coma_y_error_en_espanol(entorno: Path) -> None:
    codigo = almacen.crear_sesion("diseno_de_politica", 2026)
    p = almacen.unirse(codigo, "Eva")
    at = _sala_con_token(p["token"], espera=120)
    assert not at.exception
    descuento = at.text_input(key="pal_0_1")  # «Descuento por pronto pago (%)», tipo real
    assert "," in descuento.value  # coma decimal, como el resto de la app
    anterior = descuento.value
    descuento.input("1.5")
    boton = "FormSubmitter:form_diseno_0-Probar esta política (simula un año)"
    at.button(key=boton).click().run()
    assert not at.exception
    errores = [e.value for e in at.error]
    assert ("Descuento por pronto pago (%): «1.5» no es un número válido: use la coma para los "
            "decimales (por ejemplo 1.234,50). Valores permitidos: entre 0 y 3. Se mantiene el "
            f"valor anterior ({anterior})."
            in errores), errores
    assert almacen.jugadas(p["id"]) == []  # no se probó
    at.text_input(key="pal_0_1").input("1,5")
    at.button(key=boton).click().run()
    assert not at.exception
    assert almacen.jugadas(p["id"])[0]["descuento.pct"] == 1.5


def test_sala_juego_de_roles_hasta_el_cierre(entorno: Path) -> None:
    codigo = almacen.crear_sesion("juego_de_roles", 2026)
    p = almacen.unirse(codigo, "Dora")
    at = _sala_con_token(p["token"], espera=120)
    for turno, opcion in enumerate(("preguntar", "plan", "confirmar")):
        at.radio(key=f"rol_{turno}").set_value(opcion)
        at.button[-1].click().run()
        assert not at.exception
    assert "corto de caja" in _textos(at) or almacen.por_token(p["token"])["terminado"]
    assert almacen.por_token(p["token"])["terminado"] == 1
    assert at.metric[0].value.startswith("50.0")  # la referencia es esta misma jugada
    assert "Debrief por principio" in "\n".join(str(s.value) for s in at.subheader)


def test_tarjetas_solo_para_el_capacitador(entorno: Path) -> None:
    at = AppTest.from_function(_tarjetas, default_timeout=60).run()
    assert not at.exception
    assert "solo para el capacitador" in _textos(at)
    assert "Tarjeta del cliente" not in str(at.get("html"))
    _entrar_capacitador(at)
    html = "".join(str(h.proto) for h in at.get("html"))
    assert "Tarjeta del cliente" in html and "Tarjeta del vendedor" in html
    assert "@media print" in html
