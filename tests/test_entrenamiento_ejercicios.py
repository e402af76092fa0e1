"""Ejercicios: validan, corren hasta el final con decisiones guionadas y puntúan con sentido."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulador.carga import ErrorCarga, validar_archivo
from simulador.entrenamiento import evaluacion, politica_diseno, rol, rondas
from simulador.entrenamiento.ejercicio import (
    CARPETA_EJERCICIOS,
    Ejercicio,
    cargar_ejercicio,
    ejercicios_disponibles,
)
from simulador.entrenamiento.estrategias import alertas_primero, nada

MESA = CARPETA_EJERCICIOS / "mesa_de_cobranza.yaml"
DISENO = CARPETA_EJERCICIOS / "diseno_de_politica.yaml"
ROL = CARPETA_EJERCICIOS / "juego_de_roles.yaml"


@pytest.fixture(scope="module")
def mesa() -> Ejercicio:
    return cargar_ejercicio(MESA)


def _jugada_guionada(ej: Ejercicio) -> list:
    if ej.modalidad == "mesa":
        return rondas.jugar(ej, ej.semilla, alertas_primero)
    if ej.modalidad == "diseno":
        return [{**politica_diseno.valores_iniciales(ej), "plazo_dias": 25}]
    return [["recordar", "promesa", "despedir"]]


def test_se_envian_las_tres_modalidades() -> None:
    modalidades = {cargar_ejercicio(r).modalidad for r in ejercicios_disponibles().values()}
    assert modalidades >= {"mesa", "diseno", "rol"}


@pytest.mark.parametrize("ruta", sorted(ejercicios_disponibles().values()), ids=lambda r: r.stem)
def test_cada_ejercicio_valida_y_corre_hasta_el_final(ruta: Path) -> None:
    assert validar_archivo(ruta) == []  # el tipo «ejercicio» queda registrado
    ej = cargar_ejercicio(ruta)
    assert all(o.principio in ej.debrief for o in ej.objetivos)
    ev = evaluacion.evaluar(ej, ej.semilla, _jugada_guionada(ej), con_atribucion=False)
    assert ev.propia.res.horizonte_dias > 0
    assert 0.0 <= ev.puntaje.total <= 100.0
    assert len(ev.serie) == ev.propia.res.horizonte_dias


@pytest.mark.parametrize("ruta", [MESA, DISENO, ROL], ids=lambda r: r.stem)
def test_mismas_decisiones_misma_semilla_mismo_puntaje(ruta: Path) -> None:
    ej = cargar_ejercicio(ruta)
    jugada = _jugada_guionada(ej)
    a = evaluacion.evaluar(ej, 11, jugada, con_atribucion=False).puntaje
    evaluacion._CACHE.clear()
    b = evaluacion.evaluar(ej, 11, jugada, con_atribucion=False).puntaje
    assert a == b


def test_la_referencia_vale_50_en_cada_criterio(mesa: Ejercicio) -> None:
    ref = evaluacion.jugada_referencia(mesa, mesa.semilla)
    ev = evaluacion.evaluar(mesa, mesa.semilla, ref, con_atribucion=False)
    assert ev.puntaje.total == 50.0
    assert {c.puntos for c in ev.puntaje.criterios} == {50.0}


def test_llamar_primero_a_las_alertas_gana_a_no_hacer_nada(mesa: Ejercicio) -> None:
    fuerte = rondas.jugar(mesa, mesa.semilla, alertas_primero)
    vacia = rondas.jugar(mesa, mesa.semilla, nada)
    assert sum(len(r) for r in fuerte) > 0 and sum(len(r) for r in vacia) == 0
    p_fuerte = evaluacion.evaluar(mesa, mesa.semilla, fuerte, con_atribucion=False).puntaje
    p_vacia = evaluacion.evaluar(mesa, mesa.semilla, vacia, con_atribucion=False).puntaje
    assert p_fuerte.total > p_vacia.total + 5
    cobrado = {c.clave: c for c in p_vacia.criterios}["cobrado"]
    assert cobrado.valor < cobrado.referencia


def test_la_atribucion_nombra_decisiones_jugadas(mesa: Ejercicio) -> None:
    jugada = rondas.jugar(mesa, mesa.semilla, alertas_primero)[:2]
    ev = evaluacion.evaluar(mesa, mesa.semilla, jugada)
    assert 1 <= len(ev.claves) <= 5
    assert all(c["decision"].startswith(("Ronda 1", "Ronda 2")) for c in ev.claves)


def test_repetir_las_rondas_reproduce_el_estado(mesa: Ejercicio) -> None:
    jugada = rondas.jugar(mesa, 5, alertas_primero)
    a = rondas.reproducir(mesa, 5, jugada[:3])
    b = rondas.reproducir(mesa, 5, jugada[:3])
    assert a.ronda == b.ronda == 3
    assert rondas.lista_trabajo(a).equals(rondas.lista_trabajo(b))


def test_la_lista_de_trabajo_no_muestra_el_estado_oculto(mesa: Ejercicio) -> None:
    estado = rondas.reproducir(mesa, mesa.semilla, [])
    lista = rondas.lista_trabajo(estado)
    assert not [c for c in lista.columns if c.startswith("oculto")]
    assert (lista["vencido"] > 0).any()
    # la ronda 1 no tiene eventos; la 2 trae el pedido del cliente ancla
    estado = rondas.reproducir(mesa, mesa.semilla, [[]])
    assert "pide una prórroga" in " ".join(rondas.lista_trabajo(estado)["alertas"])


def test_los_recursos_de_la_ronda_se_hacen_respetar(mesa: Ejercicio) -> None:
    llamadas = [{"cliente": k, "tipo": "llamar"} for k in range(7)]
    assert any("llamadas" in p for p in rondas.problemas_ronda(mesa, llamadas))
    assert rondas.problemas_ronda(mesa, llamadas[:6]) == []
    assert rondas.problemas_ronda(mesa, [{"cliente": 1, "tipo": "castigar"}])
    assert rondas.problemas_ronda(mesa, [{"cliente": 1, "tipo": "llamar"}] * 2)


def test_escalar_antes_de_tiempo_baja_la_adherencia(mesa: Ejercicio) -> None:
    estado = rondas.reproducir(mesa, mesa.semilla, [])
    lista = rondas.lista_trabajo(estado)
    nuevo = int(lista.loc[lista["atraso_max"] < 30, "cliente"].iloc[0])
    estado = rondas.reproducir(mesa, mesa.semilla, [[{"cliente": nuevo,
                                                       "tipo": "escalar_agencia"}]])
    assert estado.adherencia == 0.0 and "se escala" in estado.faltas[0]


def test_un_ejercicio_mal_escrito_da_errores_con_linea() -> None:
    texto = MESA.read_text(encoding="utf-8").replace(
        "principio: alertas", "principio: adivinar", 1)
    with pytest.raises(ErrorCarga) as e:
        cargar_ejercicio(texto, archivo="malo.yaml")
    p = e.value.problemas[0]
    assert p.archivo == "malo.yaml" and p.linea is not None and "objetivos" in p.ruta
    texto = MESA.read_text(encoding="utf-8").replace("- ronda: 4", "- ronda: 9", 1)
    with pytest.raises(ErrorCarga, match="ronda 9"):
        cargar_ejercicio(texto, archivo="malo.yaml")
    texto = MESA.read_text(encoding="utf-8").replace("nombre: cartera_mesa", "nombre: otra", 1)
    with pytest.raises(ErrorCarga, match="no hay un escenario 'otra'"):
        cargar_ejercicio(texto, archivo="malo.yaml")


def test_diseno_respeta_los_limites_y_mueve_las_palancas() -> None:
    ej = cargar_ejercicio(DISENO)
    iniciales = politica_diseno.valores_iniciales(ej)
    with pytest.raises(ValueError, match="Plazo de pago"):
        politica_diseno.construir_politica(ej, {**iniciales, "plazo_dias": 90})
    pol = politica_diseno.construir_politica(ej, {**iniciales, "plazo_dias": 20,
                                                  "seguimiento[0].dias": -3,
                                                  "credito.bloqueo_dias_vencida": 30})
    assert pol.plazo_dias == 20 and pol.credito.bloqueo_dias_vencida == 30
    assert min(p.dias for p in pol.seguimiento) == -3
    sin_bloqueo = politica_diseno.construir_politica(
        ej, {**iniciales, "credito.bloqueo_dias_vencida": None})
    assert sin_bloqueo.credito.bloqueo_dias_vencida is None


def test_el_juego_de_roles_responde_segun_el_estado_oculto() -> None:
    ej = cargar_ejercicio(ROL)
    sim = rondas.nueva_corrida(ej, ej.semilla)
    conv = rol.preparar(sim, ej)
    assert bool(sim.c.en_dificultad[conv.cliente])  # la situación es la verdadera
    abierta = rol.responder(conv, "preguntar")
    assert "corto de caja" in abierta and conv.revelo
    otra = rol.Conversacion(cliente=conv.cliente, situacion="dificultad_temporal")
    assert "corto de caja" not in rol.responder(otra, "exigir") and not otra.revelo
    with pytest.raises(ValueError):
        rol.responder(conv, "exigir")  # la apertura ya pasó
    rol.responder(conv, "plan")
    rol.responder(conv, "confirmar")
    salida = rol.aplicar(sim, conv)
    assert any("plan" in s for s in salida)
    historia = rondas.historia_cliente(sim, conv.cliente, desde_dia=ej.dia_inicio)
    assert "plan de pago" in set(historia["evento"])


def test_en_el_juego_de_roles_la_buena_practica_supera_a_la_presion() -> None:
    ej = cargar_ejercicio(ROL)
    buena = evaluacion.evaluar(ej, ej.semilla, [["preguntar", "plan", "confirmar"]],
                               con_atribucion=False).puntaje.total
    dura = evaluacion.evaluar(ej, ej.semilla, [["exigir", "agencia", "suspender"]],
                              con_atribucion=False).puntaje.total
    assert buena > dura


def test_la_tarjeta_de_rol_dice_el_plazo_del_cliente_con_el_de_su_segmento() -> None:
    ej = cargar_ejercicio(ROL)
    sim = rondas.nueva_corrida(ej, ej.semilla)
    conv = rol.preparar(sim, ej)
    datos = rol.tarjetas(sim, ej, conv)
    seg = next(s for s in sim.escenario.segmentos  # la tarjeta lo muestra sin guion bajo
               if s.nombre.replace("_", " ") == datos["segmento"])
    plazo = sim.politica.plazo_dias + seg.plazo_adicional_dias
    assert datos["limites"][0].startswith(f"Plazo de pago: neto {plazo} días")
    for otro in (0, 1):  # con y sin plazo negociado
        pol = sim.politica
        segs = [s.model_copy(update={"plazo_adicional_dias": 5 * otro})
                for s in sim.escenario.segmentos]
        sim.escenario = sim.escenario.model_copy(update={"segmentos": segs})
        texto = rol.tarjetas(sim, ej, conv)["limites"][0]
        assert texto.startswith(f"Plazo de pago: neto {pol.plazo_dias + 5 * otro} días")
        assert ("negociados con su segmento" in texto) == bool(otro)
