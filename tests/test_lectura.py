"""La lectura en español sale de los números y dice «no distinguible» cuando el IC toca el 0."""

from __future__ import annotations

from dataclasses import replace

import pytest

from simulador.experimentos import Comparacion, ComparacionPar, DiferenciaKPI
from simulador.formato import Formato
from simulador.lectura import frase_kpi, periodo

FMT = Formato()




def par(kpi: str, dif: float, inf: float, sup: float) -> ComparacionPar:
    d = DiferenciaKPI(kpi=kpi, base=100.0, alternativa=100.0 + dif, diferencia=dif,
                      ic_inf=inf, ic_sup=sup)
    return ComparacionPar(base="Actual", alternativa="Nueva", diferencias={kpi: d})


def test_dso_menor_y_distinguible_es_cobrar_mas_rapido() -> None:
    f = frase_kpi(par("dso", -5.3, -5.6, -5.0), "dso", FMT)
    assert f.tono == "bueno"
    assert f.texto.startswith("«Nueva» cobra más rápido que «Actual»: DSO −5,3 días")
    assert "[−5,6 días; −5,0 días]" in f.texto


@pytest.mark.parametrize("kpi", ["resultado_economico", "dso", "incobrables_pct", "cobrado",
                                 "ventas_perdidas", "costo_cobranza"])
def test_intervalo_con_cero_no_afirma_nada(kpi: str) -> None:
    f = frase_kpi(par(kpi, 3.0, -1.0, 7.0), kpi, FMT)
    assert f.tono == "neutro"
    assert "no distinguible" in f.texto
    for verbo in ("más", "menos"):
        assert f"«Nueva» gana {verbo}" not in f.texto


def test_resultado_peor_es_malo_y_con_moneda() -> None:
    f = frase_kpi(par("resultado_economico", -1.8e7, -2.4e7, -1.2e7), "resultado_economico",
                  FMT)
    assert f.tono == "malo"
    assert "gana menos dinero" in f.texto and "−$ 18.000.000" in f.texto


def test_ventas_perdidas_que_suben_es_malo() -> None:
    f = frase_kpi(par("ventas_perdidas", 6.8e7, 6.3e7, 7.4e7), "ventas_perdidas", FMT)
    assert f.tono == "malo" and "pierde más ventas" in f.texto


def test_ventas_perdidas_dicen_su_causa_principal() -> None:
    """La frase de las ventas perdidas nombra la causa que más cambia (en su sentido)."""
    base = par("ventas_perdidas", 6.8e7, 6.3e7, 7.4e7)
    difs = dict(base.diferencias)
    for kpi, dif in (("ventas_perdidas_bloqueo", 6.0e7), ("ventas_perdidas_rechazo", 0.9e7),
                     ("ventas_perdidas_rotacion", -0.1e7)):
        difs[kpi] = replace(base.diferencias["ventas_perdidas"], kpi=kpi, diferencia=dif)
    f = frase_kpi(replace(base, diferencias=difs), "ventas_perdidas", FMT)
    assert f.texto.endswith("sobre todo por compras bloqueadas por el límite de crédito o por "
                            "facturas vencidas.")
    # si bajan, la causa es la que más baja
    menos = {k: replace(d, diferencia=-d.diferencia, ic_inf=-d.ic_sup, ic_sup=-d.ic_inf)
             for k, d in difs.items()}
    f = frase_kpi(replace(base, diferencias=menos), "ventas_perdidas", FMT)
    assert "pierde menos ventas" in f.texto and "bloqueadas" in f.texto
    assert "sobre todo" not in frase_kpi(base, "ventas_perdidas", FMT).texto  # sin causas


def test_diferencia_no_calculable() -> None:
    p = par("dso", float("nan"), float("nan"), float("nan"))
    assert "no se puede calcular" in frase_kpi(p, "dso", FMT).texto


def test_periodo_en_palabras() -> None:
    assert periodo(365) == "en el año"
    assert periodo(730) == "en 2 años"
    assert periodo(180) == "en 6 meses"
    assert periodo(45) == "en 45 días"


def test_lectura_completa_de_una_comparacion(comparacion_chica: Comparacion) -> None:
    from simulador.lectura import leer

    frases = leer(comparacion_chica)
    assert frases[0].tono == "titular"
    assert frases[-1].tono == "nota" and "no distinguible" in frases[-1].texto
    # la alternativa idéntica a la base: todo no distinguible
    igual = replace(comparacion_chica, pares=[comparacion_chica.pares[1]])
    textos = [f.texto for f in leer(igual)[1:-1] if "«Igual»" in f.texto
              and not f.texto.startswith("Riesgo")]
    assert textos and all("no distinguible" in t for t in textos)
