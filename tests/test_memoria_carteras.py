"""Carteras guardadas por proceso (``motor.memoria_carteras``): las mismas, nunca modificadas."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from simulador import aplicar_delta, cargar_escenario, cargar_politica
from simulador.aleatoriedad import Flujos
from simulador.motor import memoria_carteras as memoria
from simulador.motor.cartera import Cartera, apilar, generar_cartera
from simulador.motor.modelo import Simulacion
from simulador.motor.pausa import TIPOS_ACCION, Accion, aplicar_acciones, iniciar_disputa

RAIZ = Path(__file__).resolve().parents[1]


def _escenario(nombre: str = "pyme_distribuidora"):
    return aplicar_delta(cargar_escenario(RAIZ / "escenarios" / f"{nombre}.yaml"),
                         {"clientes": 150, "horizonte_dias": 200, "calentamiento_dias": 60})


def _copia(cartera: Cartera) -> dict[str, np.ndarray]:
    return {c.name: getattr(cartera, c.name).copy() for c in fields(Cartera)}


def _iguales(cartera: Cartera, copia: dict[str, np.ndarray]) -> list[str]:
    """Los arreglos de la cartera que ya no son iguales a la copia (vacío: ninguno)."""
    return [n for n, x in copia.items() if not np.array_equal(getattr(cartera, n), x)]


@pytest.fixture(autouse=True)
def _limpia():
    memoria.olvidar()
    yield
    memoria.olvidar()


def test_la_guardada_es_la_misma_que_sortear_de_nuevo():
    esc = _escenario()
    cartera, compartida = memoria.cartera_apilada(esc, 3, (0, 2))
    otra, _ = memoria.cartera_apilada(esc, 3, (0, 2))
    nueva = apilar([generar_cartera(esc, Flujos(3, r)) for r in (0, 2)])
    assert compartida and otra is cartera
    assert _iguales(cartera, _copia(nueva)) == []
    # otra semilla, otras réplicas u otro escenario son otras carteras
    assert memoria.cartera_apilada(esc, 4, (0, 2))[0] is not cartera
    assert memoria.cartera_apilada(esc, 3, (0, 1))[0] is not cartera
    assert memoria.cartera_apilada(aplicar_delta(esc, {"clientes": 151}), 3, (0, 2))[0] \
        is not cartera
    assert memoria.guardadas() == 4


@pytest.mark.parametrize("escenario", ["pyme_distribuidora", "recesion_mitad_de_anio",
                                       "cliente_ancla"])
def test_ninguna_politica_modifica_la_cartera_compartida(escenario):
    """Cada política incluida, con el registro de eventos y sin él, deja la cartera intacta (si
    la modificara, la corrida siguiente con la misma cartera daría otros números)."""
    esc = _escenario(escenario)
    cartera, _ = memoria.cartera_apilada(esc, 5, (0, 1))
    antes = _copia(cartera)
    for archivo in sorted((RAIZ / "politicas").glob("*.yaml")):
        for eventos in (True, False):
            sim = Simulacion(escenario=esc, politica=cargar_politica(archivo), semilla=5,
                             replicas=(0, 1), eventos=eventos)
            assert sim.cartera is cartera and not sim.cartera_propia
            sim.resultados(consumir=True)
            assert _iguales(cartera, antes) == [], (archivo.name, eventos)


def test_las_acciones_del_capacitador_no_modifican_la_cartera():
    esc = _escenario()
    cartera, _ = memoria.cartera_apilada(esc, 2, (0,))
    antes = _copia(cartera)
    sim = Simulacion(escenario=esc, politica=cargar_politica(RAIZ / "politicas" / "flexible.yaml"),
                     semilla=2, replica=0)
    for dia in (20, 60):
        sim.avanzar(dia)
        aplicar_acciones(sim, [Accion(cliente=c, tipo=t) for c in range(12)  # type: ignore[arg-type]
                               for t in TIPOS_ACCION])
        iniciar_disputa(sim, 13)
    sim.resultado(consumir=True)
    assert _iguales(cartera, antes) == []


def test_los_resultados_no_dependen_de_si_estaba_guardada():
    esc, pol = _escenario(), cargar_politica(RAIZ / "politicas" / "estandar.yaml")

    def kpis() -> list[dict[str, float]]:
        from simulador.experimentos.replicas import Lote, correr_lote
        return [c.kpis for c in correr_lote(Lote(esc, pol, 9, (0, 1, 2)))]

    primera = kpis()
    assert memoria.guardadas() == 1
    assert kpis() == primera  # con la guardada
    memoria.olvidar()
    assert kpis() == primera  # sorteada de nuevo


def test_las_grandes_no_se_guardan_y_la_corrida_puede_soltarlas(monkeypatch):
    monkeypatch.setattr(memoria, "MAYOR_GUARDABLE", 0)
    esc = _escenario()
    _, compartida = memoria.cartera_apilada(esc, 1, (0,))
    assert not compartida and memoria.guardadas() == 0
    sim = Simulacion(escenario=esc, politica=cargar_politica(RAIZ / "politicas" / "estandar.yaml"),
                     semilla=1, replica=0, eventos=False)
    assert sim.cartera_propia


def test_la_corrida_grande_devuelve_la_memoria_al_cerrar(monkeypatch):
    """Con la cartera propia (corrida grande), el cierre devuelve al sistema la memoria libre
    del montón (glibc, la de Debian); con la compartida, no. El resultado no cambia."""
    from simulador.motor import cierre, memoria_sistema

    assert memoria_sistema.devolver_memoria()  # glibc: malloc_trim existe
    llamadas: list[bool] = []
    monkeypatch.setattr(cierre, "devolver_memoria", lambda: llamadas.append(True) or True)
    esc = _escenario()
    pol = cargar_politica(RAIZ / "politicas" / "estandar.yaml")
    compartida = Simulacion(escenario=esc, politica=pol, semilla=1, eventos=False)
    compartida.correr()
    esperado = compartida.resultado().libro
    assert llamadas == []
    monkeypatch.setattr(memoria, "MAYOR_GUARDABLE", 0)
    memoria.olvidar()
    propia = Simulacion(escenario=esc, politica=pol, semilla=1, eventos=False)
    assert propia.cartera_propia
    propia.correr()
    libro = propia.resultado().libro
    assert llamadas == [True, True]  # tras soltar el estado y tras las series
    assert all(np.array_equal(getattr(libro, c), getattr(esperado, c))
               for c in ("dia", "cliente", "factura", "tipo", "centavos"))


def test_el_limite_suelta_las_menos_usadas(monkeypatch):
    esc = _escenario()
    tam = memoria.bytes_de(memoria.cartera_apilada(esc, 1, (0,))[0])
    memoria.olvidar()
    monkeypatch.setattr(memoria, "LIMITE_BYTES", int(2.5 * tam))
    primera, _ = memoria.cartera_apilada(esc, 1, (0,))
    memoria.cartera_apilada(esc, 1, (1,))
    assert memoria.cartera_apilada(esc, 1, (0,))[0] is primera  # la usa: pasa a ser la última
    memoria.cartera_apilada(esc, 1, (2,))  # no caben tres: se va la (1,)
    assert memoria.guardadas() == 2
    assert memoria.cartera_apilada(esc, 1, (0,))[0] is primera


def test_soltar_deja_ir_el_arreglo_entero():
    """``cierre.soltar`` pone un arreglo vacío del mismo tipo y nada retiene el original (un
    corte vacío, ``x[:0]``, es una vista que lo mantendría vivo entero)."""
    import weakref
    from types import SimpleNamespace

    from simulador.motor.cierre import soltar

    dueno = SimpleNamespace(x=np.ones((1000, 2)))
    vivo = weakref.ref(dueno.x)
    soltar(dueno, "x")
    assert vivo() is None
    assert dueno.x.shape == (0, 2) and dueno.x.dtype == np.float64 and dueno.x.base is None


def test_la_corrida_grande_suelta_el_estado_de_simular(monkeypatch):
    """Al cerrar una corrida con cartera propia, lo que solo servía para simular (y, con
    ``consumir``, las columnas ya pasadas a la tabla) deja de ocupar memoria."""
    from simulador.motor import cierre

    monkeypatch.setattr(memoria, "MAYOR_GUARDABLE", 0)
    sim = Simulacion(escenario=_escenario(),
                     politica=cargar_politica(RAIZ / "politicas" / "estandar.yaml"),
                     semilla=1, eventos=False)
    sim.correr()
    sim.resultado(consumir=True)
    sueltos = [(sim.f, n) for n in (*cierre._SOLO_SIMULACION_FACTURAS, "monto", "cobrado")] + \
        [(sim.cartera, n) for n in ("c_centavos", "c_dia", *cierre._SOLO_SIMULACION_COMPRAS)]
    retenidos = [n for dueno, n in sueltos
                 if getattr(dueno, n).size or getattr(dueno, n).base is not None]
    assert retenidos == []
