"""Los eventos de la historia de un cliente: cada tipo con su nombre en español, sin mezclar
dos hechos distintos en un mismo tipo."""

from __future__ import annotations

from pathlib import Path

from simulador import aplicar_delta, cargar_escenario, cargar_politica, simular
from simulador.entrenamiento.rondas import NOMBRES_EVENTO, OCULTOS
from simulador.interfaz.graficos_cartera import ESTILO_EVENTO
from simulador.motor.registro import TIPOS_EVENTO

RAIZ = Path(__file__).resolve().parents[1]


def test_cada_tipo_de_evento_tiene_nombre_en_la_app_y_en_la_sala():
    """Sin nombre, la página «Clientes» mostraba el código interno («plan_roto»)."""
    assert [t for t in TIPOS_EVENTO if t not in ESTILO_EVENTO] == []
    assert [t for t in TIPOS_EVENTO if t not in NOMBRES_EVENTO] == []
    nombres = [v[0] for v in ESTILO_EVENTO.values()]
    assert len(set(nombres)) == len(nombres)
    assert all("_" not in n for n in nombres)


def test_salir_de_la_dificultad_y_lo_que_recupera_la_agencia_son_eventos_distintos():
    """Antes, lo que cobraban la agencia o la vía legal se anotaba como «recuperacion», el mismo
    tipo que un cliente que sale de su dificultad: en la historia, un cliente quebrado «salía de
    la dificultad» una y otra vez."""
    esc = aplicar_delta(cargar_escenario(RAIZ / "escenarios" / "pyme_distribuidora.yaml"),
                        {"clientes": 300})
    ev = simular(esc, cargar_politica(RAIZ / "politicas" / "estandar.yaml"), semilla=3,
                 eventos=True).eventos
    assert (ev["tipo"] == "recupero").sum() > 0 and (ev["tipo"] == "recuperacion").sum() > 0
    for cliente, g in ev.groupby("cliente"):
        tipos = list(g["tipo"])
        # la salida de una dificultad viene siempre después de entrar en ella, una vez
        estado = [t for t in tipos if t in ("dificultad", "recuperacion", "quiebra")]
        for antes, despues in zip(["-", *estado], estado, strict=False):
            if despues == "recuperacion":
                assert antes == "dificultad", (cliente, estado)
        # lo recuperado viene después de mandar la deuda a la agencia o a la vía legal
        if "recupero" in tipos:
            primera = tipos.index("recupero")
            assert {"agencia", "legal"} & set(tipos[:primera]), (cliente, tipos)
    assert "recupero" not in OCULTOS  # la empresa sabe lo que le recuperaron
