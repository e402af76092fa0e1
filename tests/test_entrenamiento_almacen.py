"""Almacén de sesiones: códigos, participantes, rondas, clave y escrituras concurrentes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from simulador.entrenamiento import almacen


@pytest.fixture()
def bd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ruta = tmp_path / "sub" / "sesiones.sqlite"
    monkeypatch.setenv("SIMULADOR_DB", str(ruta))
    return ruta


def test_la_ruta_viene_del_entorno(bd: Path) -> None:
    assert almacen.ruta_bd() == bd
    almacen.crear_sesion("mesa_de_cobranza", 1)
    assert bd.exists()


def test_codigos_cortos_sin_caracteres_ambiguos_y_distintos() -> None:
    codigos = {almacen.nuevo_codigo() for _ in range(2000)}
    assert len(codigos) == 2000
    assert all(len(c) == 6 and set(c) <= set(almacen.ALFABETO) for c in codigos)
    assert not set("01OIL") & set(almacen.ALFABETO)
    assert almacen.normalizar_codigo(" ab-c2 34 ") == "ABC234"


def test_unirse_reanudar_y_nombres_repetidos(bd: Path) -> None:
    codigo = almacen.crear_sesion("mesa_de_cobranza", 7, 30)
    ana = almacen.unirse(codigo.lower(), "  Ana   Pérez ")
    assert ana["nombre"] == "Ana Pérez" and len(ana["token"]) >= 20
    assert almacen.por_token(ana["token"])["id"] == ana["id"]
    with pytest.raises(almacen.ErrorSala, match="ya está"):
        almacen.unirse(codigo, "Ana Pérez")
    with pytest.raises(almacen.ErrorSala, match="no hay una sesión"):
        almacen.unirse("ZZZZZZ", "Beto")
    with pytest.raises(almacen.ErrorSala, match="nombre"):
        almacen.unirse(codigo, " ")
    assert almacen.por_token("otro") is None
    assert 29 < almacen.minutos_restantes(almacen.sesion(codigo)) <= 30


def test_rondas_en_orden_e_idempotentes(bd: Path) -> None:
    codigo = almacen.crear_sesion("mesa_de_cobranza", 7)
    p = almacen.unirse(codigo, "Ana")["id"]
    assert almacen.guardar_ronda(p, 0, [{"cliente": 1, "tipo": "llamar"}])
    assert not almacen.guardar_ronda(p, 0, [{"cliente": 2, "tipo": "llamar"}])  # doble envío
    with pytest.raises(almacen.ErrorSala, match="ronda 2"):
        almacen.guardar_ronda(p, 2, [])
    assert almacen.guardar_ronda(p, 1, [])
    assert almacen.jugadas(p) == [[{"cliente": 1, "tipo": "llamar"}], []]
    almacen.terminar(p, 61.5, {"total": 61.5, "criterios": []})
    with pytest.raises(almacen.ErrorSala, match="terminó"):
        almacen.guardar_ronda(p, 2, [])
    fila = almacen.participantes(codigo)[0]
    assert fila["terminado"] == 1 and fila["puntaje"] == 61.5 and fila["rondas"] == 2


def test_ranking_y_csv(bd: Path) -> None:
    codigo = almacen.crear_sesion("mesa_de_cobranza", 7)
    for nombre, puntaje in (("Ana", 40.0), ("Beto", 70.0), ("Carla", None)):
        p = almacen.unirse(codigo, nombre)["id"]
        if puntaje is not None:
            almacen.terminar(p, puntaje, {"total": puntaje, "criterios": [
                {"nombre": "Dinero cobrado", "puntos": puntaje}]})
    assert [p["nombre"] for p in almacen.participantes(codigo)] == ["Beto", "Ana", "Carla"]
    csv = almacen.exportar_csv(codigo).splitlines()
    assert csv[0].startswith("posicion;nombre")
    assert csv[1].startswith("1;Beto;0;sí;70.0;Dinero cobrado: 70.0")
    assert csv[3].startswith(";Carla;0;no;;")


def test_treinta_participantes_a_la_vez_no_pierden_decisiones(bd: Path) -> None:
    codigo = almacen.crear_sesion("mesa_de_cobranza", 7)
    rondas, errores = 6, []
    barrera = threading.Barrier(30)

    def jugar(i: int) -> None:
        try:
            barrera.wait()
            p = almacen.unirse(codigo, f"Participante {i:02d}")["id"]
            for r in range(rondas):
                assert almacen.guardar_ronda(p, r, [{"cliente": i, "tipo": "llamar", "r": r}])
                almacen.guardar_ronda(p, r, [{"cliente": -1, "tipo": "nada"}])  # recarga
                assert len(almacen.jugadas(p)) == r + 1
            almacen.terminar(p, float(i), {"total": float(i), "criterios": []})
        except Exception as e:
            errores.append(e)

    hilos = [threading.Thread(target=jugar, args=(i,)) for i in range(30)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    assert errores == []
    filas = almacen.participantes(codigo)
    assert len(filas) == 30
    assert all(f["rondas"] == rondas and f["terminado"] for f in filas)
    for f in filas:
        i = int(f["nombre"].split()[-1])
        assert almacen.jugadas(f["id"]) == [[{"cliente": i, "tipo": "llamar", "r": r}]
                                            for r in range(rondas)]


def test_muchos_hilos_guardan_la_misma_ronda_una_sola_vez(bd: Path) -> None:
    codigo = almacen.crear_sesion("mesa_de_cobranza", 7)
    p = almacen.unirse(codigo, "Ana")["id"]
    resultados: list[bool] = []
    barrera = threading.Barrier(20)

    def enviar(i: int) -> None:
        barrera.wait()
        resultados.append(almacen.guardar_ronda(p, 0, [{"cliente": i, "tipo": "llamar"}]))

    hilos = [threading.Thread(target=enviar, args=(i,)) for i in range(20)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    assert sorted(resultados) == [False] * 19 + [True]
    assert len(almacen.jugadas(p)) == 1


def test_clave_del_capacitador(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SIMULADOR_CLAVE_CAPACITADOR", raising=False)
    monkeypatch.delenv("SIMULADOR_CLAVE_CAPACITADOR_HASH", raising=False)
    assert almacen.hash_configurado() is None
    assert not almacen.verificar_clave("lo que sea", None)
    monkeypatch.setenv("SIMULADOR_CLAVE_CAPACITADOR", "secreta-123")
    h = almacen.hash_configurado()
    assert h is not None and "secreta-123" not in h and h.startswith("pbkdf2_sha256$")
    assert almacen.verificar_clave("secreta-123", h)
    assert not almacen.verificar_clave("secreta-124", h)
    assert not almacen.verificar_clave("", h)
    monkeypatch.delenv("SIMULADOR_CLAVE_CAPACITADOR")
    solo_hash = almacen.hash_clave("otra", iteraciones=1000)
    monkeypatch.setenv("SIMULADOR_CLAVE_CAPACITADOR_HASH", solo_hash)
    assert almacen.verificar_clave("otra", almacen.hash_configurado())
    monkeypatch.delenv("SIMULADOR_CLAVE_CAPACITADOR_HASH")
    assert almacen.verificar_clave(
        "de-secretos", almacen.hash_configurado({"SIMULADOR_CLAVE_CAPACITADOR": "de-secretos"}))
    assert not almacen.verificar_clave("x", "formato-raro")
