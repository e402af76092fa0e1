"""Planes de pago: a quien rompió un plan no se le ofrece otro durante la espera de la política."""

from __future__ import annotations

from fabricas import escenario, politica, segmento

from simulador import simular


def _planes_rotos_por_cliente(espera: int) -> tuple[int, int]:
    """(planes rotos del cliente que más rompió, planes rotos en total) en una cartera donde
    todos caen en quiebra: con pie, cada plan se rompe el día en que se acepta."""
    esc = escenario(clientes=40, horizonte_dias=240, segmentos=[segmento(
        atraso_medio_dias=5, prob_dificultad_anual_pct=100, prob_quiebra_pct=100,
        duracion_dificultad_dias=400)], comportamiento={"prob_acepta_plan_pct": 100})
    pol = politica(seguimiento=[{"dias": 1, "accion": "llamada"}], castigo_dias=365,
                   planes={"ofrecer": True, "a_quien": "morosos", "dias_vencido_min": 1,
                           "pie_pct": 10, "espera_tras_roto_dias": espera},
                   alertas={"activas": True})
    ev = simular(esc, pol, semilla=3, eventos=True).eventos
    rotos = ev[ev["tipo"] == "plan_roto"].groupby("cliente", observed=True).size()
    return int(rotos.max()), int(rotos.sum())


def test_sin_otro_plan_durante_la_espera() -> None:
    maximo, total = _planes_rotos_por_cliente(espera=100)
    # 240 días con 100 de espera: a lo sumo 3 planes por cliente (días 0, 100 y 200)
    assert 1 <= maximo <= 3
    # sin espera, el plan roto vuelve a poner al cliente en la cola y se le ofrece otro enseguida
    maximo_sin, total_sin = _planes_rotos_por_cliente(espera=0)
    assert maximo_sin > 10 and total_sin > 3 * total
