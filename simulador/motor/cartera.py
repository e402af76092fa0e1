"""Generación de la cartera sintética: clientes, postulantes y compras potenciales.

Todo lo que se genera aquí es independiente de la política: las mismas semillas dan los mismos
clientes y las mismas compras potenciales bajo cualquier política (números aleatorios comunes).
La política decide después qué compras se convierten en facturas (bloqueos, rechazos, rotación).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from simulador.aleatoriedad import Flujos
from simulador.config import Escenario
from simulador.motor import nucleo
from simulador.motor.comportamiento import tasa_dificultad_diaria
from simulador.orden import orden_estable

DIAS_MES = 365.25 / 12
INF = 10**9
_SIN_DATO = np.zeros(0, np.int64)
"""Marca de «no dado» para los arreglos de réplicas apiladas (se completan en __post_init__)."""
EPISODIOS_DIFICULTAD = 4
"""Episodios de dificultad pre-sorteados por cliente (más que suficientes para 10 años)."""


@dataclass
class Cartera:
    """Clientes (arreglos de largo C) y compras potenciales (arreglos de largo P, por día)."""

    # clientes
    segmento: np.ndarray  # int16
    ancla: np.ndarray  # bool
    origen: np.ndarray  # int8: 0 inicial, 1 postulante
    dia_alta: np.ndarray  # int32 (día del horizonte; negativo en el calentamiento)
    riesgo: np.ndarray  # float: probabilidad anual de dificultad (0..1)
    riesgo_estimado: np.ndarray  # float: riesgo según el puntaje ruidoso (postulantes)
    acepta_prepago: np.ndarray  # bool
    atraso_habitual: np.ndarray  # float días
    costo_fondos: np.ndarray  # float, fracción anual
    compras_mes: np.ndarray  # float, compras esperadas por mes
    monto_medio: np.ndarray  # float, moneda
    dificultad_inicio: np.ndarray  # int64 [C, EPISODIOS]: día en que empieza cada episodio
    dificultad_fin: np.ndarray  # int64 [C, EPISODIOS]: día en que termina (INF si quiebra)
    quiebra: np.ndarray  # bool [C, EPISODIOS]
    umbral_rotacion: np.ndarray  # float Exp(1)
    u_debito: np.ndarray  # float U(0,1): se inscribe en débito directo si < adopción
    # compras potenciales (ordenadas por día)
    c_cliente: np.ndarray  # int32
    c_dia: np.ndarray  # int32
    c_centavos: np.ndarray  # int64
    c_z_atraso: np.ndarray  # float N(0,1)
    c_u_disputa: np.ndarray  # float U(0,1)
    c_u_parcial: np.ndarray  # float U(0,1)
    c_fraccion_parcial: np.ndarray  # float en [0.3, 0.7]
    c_u_descuento: np.ndarray  # float U(0,1)
    c_u_fuera_plazo: np.ndarray  # float U(0,1)
    c_dias_fuera_plazo: np.ndarray  # int32 1..15
    c_u_cargos: np.ndarray  # float U(0,1)
    c_umbral_accion: np.ndarray  # float [P, 2] Exp(1): umbral de la intensidad de gestiones
    # réplicas apiladas (una sola réplica: todo cero y los índices locales son los globales)
    rep_cliente: np.ndarray = field(default_factory=lambda: _SIN_DATO)  # int32 [C]: réplica
    c_rep: np.ndarray = field(default_factory=lambda: _SIN_DATO)  # int32 [P]: réplica de la compra
    c_local: np.ndarray = field(default_factory=lambda: _SIN_DATO)  # int64 [P]: n.º en su réplica
    desde_cliente: np.ndarray = field(default_factory=lambda: _SIN_DATO)  # int64 [R+1]

    def __post_init__(self) -> None:
        n, p = self.n_clientes, self.n_compras
        if self.rep_cliente is _SIN_DATO:
            self.rep_cliente = np.zeros(n, np.int32)
        if self.c_rep is _SIN_DATO:
            self.c_rep = np.zeros(p, np.int32)
        if self.c_local is _SIN_DATO:
            self.c_local = np.arange(p, dtype=np.int64)
        if self.desde_cliente is _SIN_DATO:
            self.desde_cliente = np.array([0, n], np.int64)

    @property
    def n_replicas(self) -> int:
        """Réplicas apiladas en esta cartera."""
        return int(self.desde_cliente.shape[0] - 1)

    @property
    def n_clientes(self) -> int:
        """Número de clientes (iniciales y postulantes)."""
        return int(self.segmento.shape[0])

    @property
    def n_compras(self) -> int:
        """Número de compras potenciales."""
        return int(self.c_cliente.shape[0])


def apilar(carteras: list[Cartera]) -> Cartera:
    """Junta las carteras de varias réplicas en una sola, con índices globales.

    Los clientes de la réplica r ocupan un tramo contiguo; las compras quedan ordenadas por día
    (orden estable, así que dentro de cada réplica conservan su orden). Cada réplica sigue siendo
    independiente: el motor nunca mezcla clientes de réplicas distintas.
    """
    if len(carteras) == 1:
        return carteras[0]
    n = np.array([c.n_clientes for c in carteras], np.int64)
    desde = np.concatenate([[0], np.cumsum(n)])
    destinos = _destinos_por_dia([c.c_dia for c in carteras])
    total = sum(c.n_compras for c in carteras)
    # de dónde sale cada compra del total, una réplica detrás de la otra: leer así (de 30 tramos
    # que avanzan en orden) es más barato que escribir cada réplica salteada en el total
    origen = np.empty(total, np.int64)
    origen[np.concatenate(destinos)] = np.arange(total)
    datos: dict[str, np.ndarray] = {}
    for campo_ in fields(Cartera):
        nombre = campo_.name
        if nombre in ("rep_cliente", "c_rep", "c_local", "desde_cliente"):
            continue
        partes = [getattr(c, nombre) for c in carteras]
        if not nombre.startswith("c_"):
            datos[nombre] = np.concatenate(partes)
            continue
        if nombre == "c_cliente":  # números de cliente globales
            partes = [x + np.int32(desde[r]) for r, x in enumerate(partes)]
        datos[nombre] = np.concatenate(partes).take(origen, axis=0)
    por_compra = [c.n_compras for c in carteras]
    c_rep = np.repeat(np.arange(len(carteras), dtype=np.int32), por_compra).take(origen)
    c_local = np.concatenate([np.arange(k, dtype=np.int64) for k in por_compra]).take(origen)
    return Cartera(**datos, rep_cliente=np.repeat(np.arange(len(carteras), dtype=np.int32), n),
                   c_rep=c_rep, c_local=c_local, desde_cliente=desde)


def _destinos_por_dia(dias: list[np.ndarray]) -> list[np.ndarray]:
    """Dónde queda cada compra de cada réplica al juntar todas por día, de forma estable.

    Es la posición que le da ordenar de forma estable por día todas las compras, una réplica
    detrás de la otra: en un mismo día van primero las de la réplica 0, después las de la 1, y
    dentro de cada réplica en su orden. Cada réplica ya viene ordenada por día.
    """
    if any(d.size > 1 and bool((np.diff(d) < 0).any()) for d in dias):
        raise ValueError("las compras de cada réplica deben venir ordenadas por día")
    primero = min((int(d[0]) for d in dias if d.size), default=0)
    ultimo = max((int(d[-1]) for d in dias if d.size), default=0)
    k = ultimo - primero + 1
    cuantas = np.stack([np.bincount(d - primero, minlength=k) for d in dias])  # [réplica, día]
    # comienzo de cada día en el total y, dentro del día, lo de las réplicas anteriores
    inicio_dia = np.concatenate([[0], np.cumsum(cuantas.sum(axis=0))[:-1]])
    antes = np.cumsum(cuantas, axis=0) - cuantas
    salida = []
    for r, d in enumerate(dias):
        rel = d - primero
        propio = np.concatenate([[0], np.cumsum(cuantas[r])[:-1]])  # primera del día en r
        salida.append(inicio_dia[rel] + antes[r, rel] + np.arange(d.size) - propio[rel])
    return salida


def _perfil_compras(escenario: Escenario, inicio: int, fin: int) -> np.ndarray:
    """Multiplicador de la frecuencia de compra de cada día en [inicio, fin)."""
    dias = np.arange(inicio, fin)
    perfil = np.ones(fin - inicio)
    for s in escenario.shocks:
        hasta = s.hasta_dia if s.hasta_dia is not None else fin
        perfil[(dias >= s.desde_dia) & (dias < hasta)] *= s.multiplicador_compras
    return perfil


def _episodios_dificultad(escenario: Escenario, inicio: int, fin: int, riesgo: np.ndarray,
                          dia_alta: np.ndarray, umbral: np.ndarray, duracion: np.ndarray,
                          quiebra: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Días de comienzo y fin de cada episodio de dificultad (no dependen de la política).

    La intensidad diaria de caer en dificultad es -ln(1 - riesgo anual)/365 por el multiplicador
    de los shocks vigentes; un episodio empieza cuando la intensidad acumulada desde el fin del
    anterior supera un umbral Exp(1) propio del cliente.
    """
    dias = np.arange(inicio, fin)
    mult = np.ones(fin - inicio)
    for s in escenario.shocks:
        hasta = s.hasta_dia if s.hasta_dia is not None else fin
        mult[(dias >= s.desde_dia) & (dias < hasta)] *= s.multiplicador_dificultad
    acumulado = np.concatenate([[0.0], np.cumsum(mult)])
    tasa = tasa_dificultad_diaria(riesgo, 1.0)
    n, k = umbral.shape
    comienzo = np.full((n, k), INF, np.int64)
    final = np.full((n, k), INF, np.int64)
    desde = np.clip(dia_alta - inicio, 0, fin - inicio).astype(np.int64)
    vivo = tasa > 0
    for e in range(k):
        objetivo = acumulado[desde] + umbral[:, e] / np.where(vivo, tasa, 1.0)
        idx = np.searchsorted(acumulado, objetivo, side="left") - 1
        ocurre = vivo & (idx < fin - inicio) & (desde < fin - inicio)
        dia = inicio + np.maximum(idx, desde)
        comienzo[ocurre, e] = dia[ocurre]
        termina = dia + np.ceil(duracion[:, e]).astype(np.int64)
        final[ocurre, e] = np.where(quiebra[ocurre, e], INF, termina[ocurre])
        vivo = ocurre & ~quiebra[:, e]
        desde = np.where(vivo, np.clip(termina - inicio, 0, fin - inicio), fin - inicio)
    return comienzo, final


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _sigmoide(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def generar_cartera(escenario: Escenario, flujos: Flujos) -> Cartera:
    """Sortea clientes, postulantes y sus compras potenciales del calentamiento y el horizonte."""
    inicio, fin = -escenario.calentamiento_dias, escenario.horizonte_dias
    segs = escenario.segmentos
    rc, rp = flujos["clientes"], flujos["postulantes"]

    # --- clientes iniciales
    n0 = escenario.clientes
    shares = np.array([s.participacion_pct for s in segs]) / 100.0
    seg0 = rc.choice(len(segs), size=n0, p=shares / shares.sum()).astype(np.int16)
    ancla0 = np.zeros(n0, dtype=bool)
    riesgo0 = np.array([s.prob_dificultad_anual_pct / 100.0 for s in segs])[seg0]
    if escenario.cliente_ancla is not None:
        idx_seg = [s.nombre for s in segs].index(escenario.cliente_ancla.segmento)
        seg0[0] = idx_seg
        ancla0[0] = True
        if escenario.cliente_ancla.prob_dificultad_anual_pct is not None:
            riesgo0[0] = escenario.cliente_ancla.prob_dificultad_anual_pct / 100.0

    # --- postulantes: llegan por mes durante calentamiento y horizonte
    post = escenario.postulantes
    meses = (fin - inicio) / DIAS_MES
    n1 = int(rp.poisson(post.por_mes * meses)) if post.por_mes > 0 else 0
    dia_alta1 = np.sort(rp.integers(inicio, fin, size=n1)).astype(np.int32)
    seg1 = rp.choice(len(segs), size=n1, p=shares / shares.sum()).astype(np.int16)
    logit_riesgo = _logit(np.array([post.riesgo_medio_pct / 100.0]))[0]
    lr = logit_riesgo + post.dispersion_riesgo * rp.standard_normal(n1)
    riesgo1 = _sigmoide(lr)
    estimado1 = _sigmoide(lr + post.ruido_puntaje * rp.standard_normal(n1))
    acepta1 = rp.random(n1) < post.prob_acepta_prepago_pct / 100.0

    segmento = np.concatenate([seg0, seg1])
    n = n0 + n1
    ancla = np.concatenate([ancla0, np.zeros(n1, dtype=bool)])
    origen = np.concatenate([np.zeros(n0, np.int8), np.ones(n1, np.int8)])
    dia_alta = np.concatenate([np.full(n0, inicio, np.int32), dia_alta1])
    riesgo = np.concatenate([riesgo0, riesgo1])
    riesgo_estimado = np.concatenate([riesgo0, estimado1])
    acepta_prepago = np.concatenate([np.ones(n0, bool), acepta1])

    # --- rasgos por cliente
    media_atraso = np.array([s.atraso_medio_dias for s in segs])[segmento]
    desv_cli = np.array([s.atraso_desvio_cliente_dias for s in segs])[segmento]
    atraso_habitual = media_atraso + desv_cli * rc.standard_normal(n)
    cf_min = np.array([s.costo_fondos_min_pct for s in segs])[segmento]
    cf_max = np.array([s.costo_fondos_max_pct for s in segs])[segmento]
    costo_fondos = (cf_min + (cf_max - cf_min) * rc.random(n)) / 100.0
    compras_mes = np.array([s.compras_por_mes for s in segs])[segmento].astype(float)
    monto_medio = np.array([s.monto_factura.media for s in segs])[segmento].astype(float)
    cv = np.array([s.monto_factura.cv for s in segs])[segmento]
    if escenario.cliente_ancla is not None:
        otros = float(np.sum(compras_mes[1:n0] * monto_medio[1:n0]))
        x = escenario.cliente_ancla.participacion_ventas_pct / 100.0
        compras_mes[0] = max(compras_mes[0], 8.0)
        monto_medio[0] = x / (1 - x) * otros / compras_mes[0]
    rd = flujos["dificultad"]
    umbral_dif = rd.exponential(1.0, size=(n, EPISODIOS_DIFICULTAD))
    dur_media = np.array([s.duracion_dificultad_dias for s in segs])[segmento]
    duracion = rd.exponential(1.0, size=(n, EPISODIOS_DIFICULTAD)) * dur_media[:, None]
    p_quiebra = np.array([s.prob_quiebra_pct for s in segs])[segmento] / 100.0
    quiebra = rd.random((n, EPISODIOS_DIFICULTAD)) < p_quiebra[:, None]
    dif_inicio, dif_fin = _episodios_dificultad(escenario, inicio, fin, riesgo, dia_alta,
                                                umbral_dif, duracion, quiebra)
    umbral_rot = flujos["rotacion"].exponential(1.0, size=n)
    u_debito = rc.random(n)

    # --- compras potenciales: Poisson por cliente con el perfil de shocks
    rf = flujos["facturas"]
    perfil = _perfil_compras(escenario, inicio, fin)
    tasa_dia = compras_mes / DIAS_MES
    activos = np.maximum(0, fin - np.maximum(dia_alta, inicio))
    # masa del perfil desde el alta de cada cliente
    acumulado = np.concatenate([[0.0], np.cumsum(perfil)])
    masa = acumulado[-1] - acumulado[np.clip(dia_alta - inicio, 0, fin - inicio)]
    masa = np.where(activos > 0, masa, 0.0)
    cuantas = rf.poisson(tasa_dia * masa)
    c_cliente = np.repeat(np.arange(n, dtype=np.int32), cuantas)
    # día de cada compra: inversión de la masa acumulada desde el alta
    u = rf.random(c_cliente.shape[0])
    base = acumulado[np.clip(dia_alta - inicio, 0, fin - inicio)][c_cliente]
    objetivo = base + u * masa[c_cliente]
    c_dia = (nucleo.buscar_derecha(acumulado, objetivo) - 1 + inicio).astype(np.int32)
    c_dia = np.clip(c_dia, inicio, fin - 1)
    sigma2 = np.log1p(cv**2)
    mu = np.log(monto_medio) - sigma2 / 2
    montos = np.exp(mu[c_cliente] + np.sqrt(sigma2)[c_cliente] * rf.standard_normal(c_cliente.size))
    c_centavos = np.maximum(100, np.round(montos * 100)).astype(np.int64)
    orden = orden_estable(c_dia)
    p = c_cliente.size
    rpg, rdi = flujos["pagos"], flujos["disputas"]
    return Cartera(
        segmento=segmento, ancla=ancla, origen=origen, dia_alta=dia_alta, riesgo=riesgo,
        riesgo_estimado=riesgo_estimado, acepta_prepago=acepta_prepago,
        atraso_habitual=atraso_habitual, costo_fondos=costo_fondos, compras_mes=compras_mes,
        monto_medio=monto_medio, dificultad_inicio=dif_inicio, dificultad_fin=dif_fin,
        quiebra=quiebra, umbral_rotacion=umbral_rot, u_debito=u_debito,
        c_cliente=c_cliente[orden], c_dia=c_dia[orden], c_centavos=c_centavos[orden],
        c_z_atraso=rpg.standard_normal(p), c_u_disputa=rdi.random(p),
        c_u_parcial=rpg.random(p), c_fraccion_parcial=0.3 + 0.4 * rpg.random(p),
        c_u_descuento=rpg.random(p), c_u_fuera_plazo=rpg.random(p),
        c_dias_fuera_plazo=rpg.integers(1, 16, size=p).astype(np.int32),
        c_u_cargos=rpg.random(p), c_umbral_accion=rpg.exponential(1.0, size=(p, 2)),
    )


def tabla_cartera(escenario: Escenario, semilla: int, replica: int = 0) -> pd.DataFrame:
    """Los clientes que genera un escenario con sus rasgos y ventas esperadas por mes.

    Es la misma cartera que ve la simulación con esa semilla y réplica (antes de la política).
    """
    cart = generar_cartera(escenario, Flujos(semilla, replica))
    nombres = np.asarray([s.nombre for s in escenario.segmentos], dtype=object)
    return pd.DataFrame({
        "cliente": np.arange(cart.n_clientes),
        "segmento": nombres[cart.segmento],
        "ancla": cart.ancla,
        "origen": np.where(cart.origen == 0, "cartera", "postulante"),
        "dia_alta": cart.dia_alta,
        "compras_por_mes": np.round(cart.compras_mes, 2),
        "monto_medio": np.round(cart.monto_medio, 2),
        "ventas_esperadas_mes": np.round(cart.compras_mes * cart.monto_medio, 2),
        "atraso_habitual_dias": np.round(cart.atraso_habitual, 1),
        "costo_fondos_pct": np.round(cart.costo_fondos * 100, 1),
        "riesgo_anual_pct": np.round(cart.riesgo * 100, 2),
    })
