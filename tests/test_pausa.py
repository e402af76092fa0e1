"""Pausa y reanudación del motor: avanzar por tramos da lo mismo que correr de una vez, y las
acciones aplicadas en una pausa tienen efecto."""

from __future__ import annotations

import numpy as np
import pytest
from fabricas import escenario, politica, segmento

from simulador import Accion, Simulacion, aplicar_acciones, instantanea, simular


def esc():
    return escenario(clientes=120, horizonte_dias=150, calentamiento_dias=30,
                     segmentos=[segmento(atraso_medio_dias=20, atraso_desvio_factura_dias=8,
                                         prob_dificultad_anual_pct=20, prob_pago_parcial_pct=10)],
                     comportamiento={"prob_promesa_pct": 50})


POL = politica(seguimiento=[{"dias": 5, "accion": "llamada"}])


def test_avanzar_por_tramos_es_igual_que_correr_de_una_vez() -> None:
    directo = simular(esc(), POL, semilla=3)
    sim = Simulacion(escenario=esc(), politica=POL, semilla=3)
    for dia in (10, 11, 60, 149):
        sim.avanzar(dia)
        instantanea(sim)  # mirar no cambia nada
    por_tramos = sim.resultado()
    assert np.array_equal(directo.libro.centavos, por_tramos.libro.centavos)
    assert directo.eventos.equals(por_tramos.eventos)


def test_instantanea_muestra_facturas_y_clientes_con_atraso() -> None:
    sim = Simulacion(escenario=esc(), politica=POL, semilla=3)
    sim.avanzar(40)
    foto = instantanea(sim)
    assert foto.dia == 40
    assert (foto.facturas["dias_atraso"] == 40 - foto.facturas["dia_vencimiento"]).all()
    vencidos = foto.clientes[foto.clientes["vencido"] > 0]
    assert len(vencidos) > 0
    assert (vencidos["atraso_max"] > 0).all()


def test_acciones_en_la_pausa_cambian_el_resultado() -> None:
    base = Simulacion(escenario=esc(), politica=politica(), semilla=4)
    base.avanzar(50)
    con = Simulacion(escenario=esc(), politica=politica(), semilla=4)
    con.avanzar(50)
    foto = instantanea(con)
    morosos = foto.clientes[foto.clientes["vencido"] > 0]["cliente"].tolist()[:15]
    textos = aplicar_acciones(con, [Accion(cliente=int(c), tipo="llamar") for c in morosos])
    assert all("llamada" in t for t in textos)
    r_base, r_con = base.resultado(), con.resultado()
    assert not np.array_equal(r_base.series.cobrado, r_con.series.cobrado)
    llamados = r_con.eventos[r_con.eventos["tipo"].isin(["llamada", "sin_contacto"])]
    # las llamadas se atienden ese día, después del paso diario: quien paga antes no se llama
    assert set(llamados["cliente"]) <= set(morosos)
    assert len(set(llamados["cliente"])) >= len(morosos) - 3


@pytest.mark.parametrize("tipo", ["recordatorio", "aceptar_promesa", "ofrecer_plan", "suspender",
                                  "escalar_agencia", "accion_legal", "prorroga", "castigar",
                                  "nada"])
def test_cada_accion_se_aplica_y_conserva_el_dinero(tipo: str) -> None:
    from simulador.metricas import verificar_conservacion

    sim = Simulacion(escenario=esc(), politica=politica(planes={"ofrecer": True}), semilla=5)
    sim.avanzar(60)
    foto = instantanea(sim)
    cliente = int(foto.clientes[foto.clientes["vencido"] > 0]["cliente"].iloc[0])
    texto = aplicar_acciones(sim, [Accion(cliente=cliente, tipo=tipo, dias=10)])[0]
    assert texto.startswith(f"Cliente {cliente}")
    verificar_conservacion(sim.resultado())


def test_accion_sobre_cliente_inexistente_es_un_error_claro() -> None:
    sim = Simulacion(escenario=esc(), politica=POL, semilla=1)
    sim.avanzar(5)
    with pytest.raises(ValueError, match="no existe"):
        aplicar_acciones(sim, [Accion(cliente=10_000, tipo="llamar")])
