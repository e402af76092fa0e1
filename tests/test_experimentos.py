"""Experimentos: números aleatorios comunes, determinismo entre trabajadores, barridos."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from fabricas import escenario, politica, segmento

from simulador.experimentos import barrido, comparar, correr_replicas, resumir, sensibilidad


def esc_chico():
    return escenario(clientes=80, horizonte_dias=120, calentamiento_dias=30,
                     segmentos=[segmento(atraso_medio_dias=12, atraso_desvio_factura_dias=6,
                                         prob_dificultad_anual_pct=10, prob_pago_parcial_pct=5,
                                         costo_fondos_min_pct=50, costo_fondos_max_pct=90)],
                     comportamiento={"prob_promesa_pct": 40, "prob_contacto_pct": 60})


def test_politica_consigo_misma_da_diferencia_exactamente_cero() -> None:
    pol = politica(seguimiento=[{"dias": 5, "accion": "llamada"}])
    comp = comparar(esc_chico(), [pol, pol], replicas=4, semilla=3, trabajadores=1)
    for d in comp.pares[0].diferencias.values():
        assert d.diferencia == 0 or np.isnan(d.diferencia)
        assert not d.distinguible


def test_descuento_que_nadie_puede_tomar_no_cambia_nada() -> None:
    """Todos se financian a más del 50 % anual: un 1/10 neto 30 (tasa implícita 18,4 %) no le
    conviene a nadie, así que los resultados son idénticos (CRN: mismos clientes y facturas)."""
    base = politica(seguimiento=[{"dias": 5, "accion": "llamada"}])
    alt = politica(seguimiento=[{"dias": 5, "accion": "llamada"}],
                   descuento={"pct": 1, "dias": 10})
    comp = comparar(esc_chico(), [base, alt], replicas=3, semilla=2, trabajadores=1)
    a, b = comp.resultados[0].kpis, comp.resultados[1].kpis
    pd.testing.assert_frame_equal(a, b)


def test_cambiar_una_palanca_cambia_lo_que_toca() -> None:
    """Subir el plazo de 30 a 60 días cambia el DSO (y de forma distinguible)."""
    comp = comparar(esc_chico(), [politica(plazo_dias=30), politica(plazo_dias=60)],
                    replicas=4, semilla=1, trabajadores=1)
    d = comp.pares[0].diferencias["dso"]
    assert d.diferencia > 15 and d.distinguible


class _Guardados:
    """Un almacén mínimo (como el de la app) que cuenta lo que se guarda."""

    def __init__(self) -> None:
        self.datos: dict[tuple[object, ...], object] = {}
        self.guardadas: list[str] = []

    def obtener(self, clave: tuple[object, ...]) -> object | None:
        return self.datos.get(clave)

    def guardar(self, clave: tuple[object, ...], valor: object) -> None:
        self.datos[clave] = valor
        self.guardadas.append(valor.politica.nombre)  # type: ignore[attr-defined]


def test_comparar_reutiliza_las_politicas_ya_simuladas() -> None:
    """Con ``guardados`` solo se simula lo que cambió, y los números son los mismos."""
    base = politica(nombre="Base", seguimiento=[{"dias": 5, "accion": "llamada"}])
    alt1 = politica(nombre="Plazo 60", plazo_dias=60)
    alt2 = politica(nombre="Plazo 45", plazo_dias=45)
    g = _Guardados()
    avances: list[tuple[int, int]] = []
    primera = comparar(esc_chico(), [base, alt1, base], replicas=3, semilla=4, trabajadores=1,
                       guardados=g, progreso=lambda h, t: avances.append((h, t)))
    assert g.guardadas == ["Base", "Plazo 60"]  # la base repetida se simula una vez
    assert avances[-1] == (6, 6)
    avances.clear()
    segunda = comparar(esc_chico(), [base, alt2], replicas=3, semilla=4, trabajadores=1,
                       guardados=g, progreso=lambda h, t: avances.append((h, t)))
    assert g.guardadas == ["Base", "Plazo 60", "Plazo 45"]  # solo la alternativa nueva
    assert avances[-1] == (3, 3)
    assert segunda.resultados[0] is primera.resultados[0]
    # lo mismo que sin guardar nada
    sola = comparar(esc_chico(), [base, alt2], replicas=3, semilla=4, trabajadores=1)
    for a, b in zip(segunda.resultados, sola.resultados, strict=True):
        pd.testing.assert_frame_equal(a.kpis, b.kpis)
        assert np.array_equal(a.cartera_por_tramo, b.cartera_por_tramo)
    assert segunda.pares[0].diferencias["dso"] == sola.pares[0].diferencias["dso"]
    pd.testing.assert_frame_equal(primera.resultados[2].kpis, primera.resultados[0].kpis)
    # todo ya simulado (en otro orden): no simula nada y la diferencia cambia de signo
    avances.clear()
    tercera = comparar(esc_chico(), [alt2, base], replicas=3, semilla=4, trabajadores=1,
                       guardados=g, progreso=lambda h, t: avances.append((h, t)))
    assert g.guardadas == ["Base", "Plazo 60", "Plazo 45"] and not avances
    assert tercera.pares[0].diferencias["dso"].diferencia == \
        -segunda.pares[0].diferencias["dso"].diferencia
    # otra semilla u otro número de réplicas no reutiliza
    comparar(esc_chico(), [base], replicas=2, semilla=4, trabajadores=1, guardados=g)
    comparar(esc_chico(), [base], replicas=3, semilla=5, trabajadores=1, guardados=g)
    assert g.guardadas[-2:] == ["Base", "Base"]


def test_resultados_identicos_con_cualquier_numero_de_trabajadores() -> None:
    pol = politica(seguimiento=[{"dias": 3, "accion": "llamada"}])
    uno = correr_replicas(esc_chico(), pol, replicas=4, semilla=9, trabajadores=1)
    dos = correr_replicas(esc_chico(), pol, replicas=4, semilla=9, trabajadores=2)
    pd.testing.assert_frame_equal(uno.kpis, dos.kpis)
    assert np.array_equal(uno.cartera_por_tramo, dos.cartera_por_tramo)


def test_filas_del_barrido_coinciden_con_corridas_sueltas() -> None:
    esc = esc_chico()
    res = barrido(esc, politica(), {"plazo_dias": [30, 45]}, replicas=2, semilla=4,
                  trabajadores=1)
    assert len(res.filas) == 4
    suelta = correr_replicas(esc, politica(plazo_dias=45), replicas=2, semilla=4,
                             trabajadores=1)
    filas = res.filas[res.filas["plazo_dias"] == 45].reset_index(drop=True)
    for k in ("dso", "cobrado", "resultado_economico"):
        assert filas[k].tolist() == suelta.kpis[k].tolist()


def test_barrido_de_parametro_del_escenario() -> None:
    res = barrido(esc_chico(), politica(seguimiento=[{"dias": 1, "accion": "llamada"}]),
                  {"escenario.equipo.cobradores": [0, 2]}, replicas=2, semilla=1,
                  trabajadores=1)
    resumen = res.resumen.set_index("escenario.equipo.cobradores")
    assert resumen.loc[0, "costo_llamada"] == 0
    assert resumen.loc[2, "costo_llamada"] > 0


def test_sensibilidad_da_filas_para_el_tornado() -> None:
    from simulador.experimentos import Palanca

    tabla = sensibilidad(esc_chico(), politica(), replicas=2, semilla=1, trabajadores=1,
                         palancas=[Palanca("plazo_dias", 15, "Plazo"),
                                   Palanca("descuento.pct", 1, "Descuento")])
    plazo = tabla[tabla["palanca"] == "Plazo"].set_index("direccion")
    assert plazo.loc["arriba", "delta_dso"] > 0 > plazo.loc["abajo", "delta_dso"]
    # bajar un descuento de 0 % no es posible: queda anotado, sin valores
    desc = tabla[(tabla["palanca"] == "Descuento") & (tabla["direccion"] == "abajo")]
    assert "descuento" in desc["nota"].iloc[0]


def test_resumen_intervalo_de_la_media() -> None:
    r = resumir(np.array([1.0, 2.0, 3.0, 4.0]))
    # t(0,975; 3) = 3,182446; desvío 1,290994; semiamplitud = 3,182446 x 1,290994 / 2
    assert r.media == 2.5
    assert r.ic_sup - r.media == pytest.approx(3.182446 * 1.290994 / 2, rel=1e-5)


@pytest.mark.lento
def test_dask_cluster_local_da_lo_mismo_que_los_procesos() -> None:
    """Un clúster Dask local (dos procesos trabajadores) da los mismos números."""
    pol = politica(seguimiento=[{"dias": 3, "accion": "llamada"}])
    local = correr_replicas(esc_chico(), pol, replicas=3, semilla=5, trabajadores=1)
    dask = correr_replicas(esc_chico(), pol, replicas=3, semilla=5, motor="dask")
    pd.testing.assert_frame_equal(local.kpis, dask.kpis)


@pytest.mark.lento
def test_dask_con_direccion_de_un_planificador_existente() -> None:
    """El mismo barrido apuntado a un planificador Dask ya levantado (por su dirección)."""
    import dask
    from dask.distributed import LocalCluster

    from simulador.experimentos.ejecutor import mapear
    from simulador.experimentos.replicas import correr_tarea, tareas_de

    pol = politica(plazo_dias=45)
    tareas = tareas_de(esc_chico(), pol, replicas=2, semilla=8, detalle=False)
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                         dashboard_address=None) as cluster:
        remotos = mapear(correr_tarea, tareas, motor="dask",
                         direccion_dask=cluster.scheduler_address)
    locales = mapear(correr_tarea, tareas, trabajadores=1)
    pd.testing.assert_frame_equal(pd.DataFrame([r.kpis for r in remotos]),
                                  pd.DataFrame([r.kpis for r in locales]))


def test_resumir_filas_da_exactamente_lo_mismo_que_cada_fila_suelta() -> None:
    """Media, desvío, percentiles e intervalo de cada fila, bit a bit iguales a calcularlos con
    numpy sobre la fila suelta (sin los valores faltantes)."""
    from scipy.special import stdtrit

    from simulador.experimentos.replicas import resumir_filas

    rng = np.random.default_rng(3)
    for n in (0, 1, 2, 7, 8, 9, 30, 31):
        x = rng.standard_normal((12, n)) * 10.0 ** rng.integers(-3, 8, (12, 1))
        if n:
            x[2, 0] = np.nan  # filas con faltantes: se resumen sin ellos
            x[5, :] = np.inf
        obtenido = resumir_filas(x)
        assert len(obtenido) == 12
        for fila, r in zip(x, obtenido, strict=True):
            v = fila[np.isfinite(fila)].copy()
            assert r.n == v.size
            if v.size == 0:
                assert np.isnan(r.media) and np.isnan(r.ic_inf) and np.isnan(r.p95)
                continue
            desvio = float(v.std(ddof=1)) if v.size > 1 else 0.0
            semi = float(stdtrit(v.size - 1, 0.975)) * desvio / np.sqrt(v.size) \
                if v.size > 1 else 0.0
            p5, p95 = np.percentile(v, [5, 95])
            media = float(v.mean())
            assert (r.media, r.desvio, r.p5, r.p95) == (media, desvio, float(p5), float(p95))
            assert (r.ic_inf, r.ic_sup) == (media - semi, media + semi)
