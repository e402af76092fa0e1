"""El paso diario vectorizado: clientes, emisión, pagos, cargos, seguimiento y castigos.

Orden dentro de un día: (1) se cierran las series diarias del día anterior que no salen del
libro (la cartera por tramo se reconstruye al final: ``series.RegistroSeries.reconstruir``);
(2) dificultad, rotación y confianza de los clientes; (3) emisión de las compras del día;
(4) pagos; (5) cargos e intereses;
(6) pasos del seguimiento; (7) castigos por antigüedad; (8) decaimiento de los impulsos.
Los procesos SimPy del día (llamadas, cuotas, agencia, legal) corren después, dentro del día.
Los recorridos de todas las facturas abiertas están compilados en ``nucleo``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulador.motor import comportamiento as comp
from simulador.motor import (
    dinero,
    gestiones,
    nucleo,
    nucleo_clientes,
    nucleo_emision,
    nucleo_pagos,
    nucleo_seguimiento,
)
from simulador.motor.cartera import EPISODIOS_DIFICULTAD
from simulador.motor.estado import ABIERTA, INF

PASO_RELACION = 7
"""Cada cuántos días se actualizan la rotación y la confianza (supuesto de cálculo)."""

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion


def preparar_politica(sim: Simulacion) -> None:
    """Compila la política vigente en arreglos y reubica el seguimiento de las abiertas."""
    pol, cart, segs = sim.politica, sim.cartera, sim.escenario.segmentos
    sim.pasos = pol.seguimiento
    sim.pasos_dias = np.array([p.dias for p in pol.seguimiento], np.int64)
    sim.int_cargos = comp.intensidad_cargos(pol, cart.monto_medio)
    meses = pol.credito.limite_meses_compra
    sim.limite_credito = (meses * cart.compras_mes * cart.monto_medio * 100.0
                          if meses is not None else np.zeros(0))
    adopcion = sim.params.adopcion_debito_directo_pct / 100.0
    sim.c.debito = (cart.u_debito < adopcion) if pol.automatizacion.ofrece_debito_directo \
        else np.zeros(cart.n_clientes, bool)
    ids = sim.abiertas()
    if ids.size:
        tau = sim.dia - sim.f.dia_venc[ids]
        sim.f.paso_sig[ids] = np.searchsorted(sim.pasos_dias, tau, side="right")
        gestiones.fijar_proximo_paso(sim, ids)
    sim.seg_arr = {
        "desvio": np.array([s.atraso_desvio_factura_dias for s in segs]),
        "sens_desc": np.array([s.sensibilidad_descuento for s in segs]),
        "sens_rec": np.array([s.sensibilidad_recordatorio for s in segs]),
        "sens_llamada": np.array([s.sensibilidad_llamada for s in segs]),
        "sens_cargos": np.array([s.sensibilidad_cargos for s in segs]),
        "disputa": np.array([s.prob_disputa_pct for s in segs]) / 100.0,
        "parcial": np.array([s.prob_pago_parcial_pct for s in segs]) / 100.0,
        "rotacion": np.array([s.rotacion_anual_pct for s in segs]),
        "cumple_promesa": np.array([s.prob_cumple_promesa_pct / 100.0 for s in segs]),
    }
    sim.base_rotacion = comp.base_rotacion_diaria(sim.seg_arr["rotacion"][cart.segmento])
    # plazos negociados por segmento: más plazo, y el primer paso que cae después de la emisión
    sim.plazo_extra_seg = np.array([s.plazo_adicional_dias for s in segs], np.int64)
    sim.primer_paso_seg = np.searchsorted(sim.pasos_dias, -(pol.plazo_dias + sim.plazo_extra_seg),
                                          side="left")
    precalcular_compras(sim)



def _multiplicadores(sim: Simulacion, dia: int) -> float:
    """Días de atraso extra de los shocks vigentes ese día."""
    atraso = 0.0
    for s in sim.escenario.shocks:
        hasta = s.hasta_dia if s.hasta_dia is not None else INF
        if s.desde_dia <= dia < hasta:
            atraso += s.atraso_extra_dias
    return atraso


def iniciar_dia(sim: Simulacion, dia: int) -> None:
    """Corre el paso diario del día ``dia``."""
    if dia - 1 >= -1:
        sim.series.registrar(sim, dia - 1)
    sim.cobrado_por_dia.pop(dia - 1, None)
    sim.ventas_hoy[:] = 0
    sim.dia = dia
    f = sim.f
    atraso_extra = _multiplicadores(sim, dia)
    _clientes(sim, dia)
    _emitir(sim, dia, atraso_extra)
    if f.abiertas.size:
        # compacta la lista de abiertas en la misma pasada, y de paso junta las candidatas a un
        # paso del seguimiento y a castigo (las que se cierren hoy se saltan después)
        con_paso, con_paso_cli, viejas = _pagos(sim, dia)
        _cargos(sim, dia)
        _seguimiento(sim, dia, con_paso, con_paso_cli)
        viejas = viejas[(f.estado[viejas] == ABIERTA) & (f.escalada[viejas] == 0)
                        & ~f.en_plan[viejas]]
        if viejas.size:
            dinero.castigar(sim, viejas, f"{sim.politica.castigo_dias} días de atraso")
    sim.c.impulso *= sim.decaimiento


def _clientes(sim: Simulacion, dia: int) -> None:
    c, cart, p = sim.c, sim.cartera, sim.params
    # recorta la confianza a [0, 1]; quién sale hoy de su dificultad temporal y quién cae
    fin, k = nucleo.escanear_clientes(c.confianza, c.en_dificultad, c.dificultad_hasta,
                                      c.prox_dificultad, dia)
    if fin.size:
        c.en_dificultad[fin] = False
        ids = gestiones.de_clientes(sim, fin)
        ids = ids[sim.f.dia_natural[ids] <= dia]
        sim.f.dia_natural[ids] = dia + 1 + (cart.c_local[ids] % 10)
        sim.eventos.bloque(dia, fin, None, "recuperacion",
                           "sale de la dificultad")
    # comienzo de dificultades (días sorteados de antemano en la cartera)
    if k.size:
        ep = c.episodio[k]
        quiebra = cart.quiebra[k, ep]
        c.en_dificultad[k] = True
        c.quiebra[k] = quiebra
        c.dificultad_hasta[k] = cart.dificultad_fin[k, ep]
        c.dificultad_desde[k] = dia
        c.episodio[k] += 1
        sigue = ep + 1 < EPISODIOS_DIFICULTAD
        c.prox_dificultad[k] = INF
        c.prox_dificultad[k[sigue]] = cart.dificultad_inicio[k[sigue], ep[sigue] + 1]
        if sim.eventos.activo:
            for i, q in zip(k, quiebra, strict=True):
                sim.eventos.fila(dia, int(i), -1, "quiebra" if q else "dificultad",
                                 "deja de pagar definitivamente" if q else "sin liquidez temporal")
    if (dia - sim.inicio) % PASO_RELACION:
        return
    # rotación y confianza: se actualizan cada PASO_RELACION días
    vivos = c.activo & ~c.quiebra
    # sobre todos los clientes (más barato que elegir los vivos): los demás suman 0
    tasa = comp.tasa_rotacion_diaria(sim.base_rotacion, c.confianza, p)
    c.lam_rotacion += np.where(vivos, tasa * PASO_RELACION, 0.0)
    se_va = vivos & (c.lam_rotacion >= cart.umbral_rotacion)
    if se_va.any():
        c.activo[se_va] = False
        c.dia_baja[se_va] = dia
        bajas = np.flatnonzero(se_va)
        sim.eventos.bloque(dia, bajas, None, "baja", "deja de comprar")
    # la confianza vuelve lentamente a su nivel inicial
    c.confianza += (p.confianza_inicial - c.confianza) * (PASO_RELACION
                                                         / p.reversion_confianza_dias)
    np.clip(c.confianza, 0.0, 1.0, out=c.confianza)


def precalcular_compras(sim: Simulacion) -> None:
    """Lo que la política vigente fija de cada compra potencial, calculado una sola vez.

    Queda para el día de emisión solo lo que depende del estado: la confianza, la dificultad y los
    shocks de atraso.
    """
    cart, pol, p = sim.cartera, sim.politica, sim.params
    cli = cart.c_cliente
    seg = cart.segmento[cli]
    auto = pol.automatizacion
    reduccion = p.reduccion_disputas_factura_electronica_pct / 100.0 \
        if auto.factura_electronica else 0.0
    debito = sim.c.debito[cli]
    disputa = (cart.c_u_disputa < sim.seg_arr["disputa"][seg] * (1 - reduccion)) & ~debito
    papel = 0.0 if auto.factura_electronica else p.demora_entrega_papel_dias
    sim.pre_disputa = disputa
    sim.pre_debito = debito
    sim.pre_atraso = (cart.atraso_habitual[cli] + sim.seg_arr["desvio"][seg] * cart.c_z_atraso
                      + papel + np.where(disputa, p.disputa_dias_extra, 0.0))
    sim.pre_cargos = sim.seg_arr["sens_cargos"][seg] * sim.int_cargos[cli] * 0.5
    sim.pre_toma = comp.toma_descuento(cart.costo_fondos[cli], cart.c_u_descuento,
                                       sim.seg_arr["sens_desc"][seg], pol, sim.plazo_extra_seg,
                                       seg) & ~debito
    d = pol.descuento.dias
    tarde = cart.c_u_fuera_plazo < p.prob_descuento_fuera_plazo_pct / 100.0
    sim.pre_dia_desc = np.where(tarde, d + cart.c_dias_fuera_plazo, max(0, d - 1))
    sim.pre_descuento = np.round(cart.c_centavos * pol.descuento.pct / 100.0).astype(np.int64)


def _emitir(sim: Simulacion, dia: int, atraso_extra: float) -> None:
    cart, c, f, pol, p = sim.cartera, sim.c, sim.f, sim.politica, sim.params
    ini = sim.puntero_compras
    fin = int(np.searchsorted(cart.c_dia, np.int32(dia), side="right"))  # sin convertir c_dia
    sim.puntero_compras = fin
    if fin <= ini:
        return
    j = np.arange(ini, fin)
    cli = cart.c_cliente[ini:fin]
    monto = cart.c_centavos[ini:fin]
    # quien quiebra sigue comprando unos días (sin pagar) y luego cierra
    ok, perdida = nucleo_emision.filtrar_compras(cli, dia, c.quiebra, c.dificultad_desde,
                                                 p.dias_compras_tras_quiebra, c.activo)
    if perdida.any():
        sim.ventas_perdidas["rotacion"] += _en_horizonte(sim, dia, j[perdida], monto[perdida])
    # verificación de postulantes (se decide una vez, con la política vigente en su alta)
    dec = c.decision[cli]
    if (dec < 0).any():
        nuevos = nucleo.unicos(cli[dec < 0])
        c.decision[nuevos] = gestiones.decidir_postulantes(sim, nuevos)
        dec = c.decision[cli]
    if (dec > 0).any():
        prepago = cart.acepta_prepago[cli]
        rechazo = ok & ((dec == 1) | ((dec == 2) & ~prepago))
        contado = ok & (dec == 2) & prepago
        sim.ventas_perdidas["rechazo"] += _en_horizonte(sim, dia, j[rechazo], monto[rechazo])
        sim.ventas_contado += _en_horizonte(sim, dia, j[contado], monto[contado])
        ok &= dec == 0
    if not ok.all():
        j, cli, monto = j[ok], cli[ok], monto[ok]
    if j.size == 0:
        return
    bloqueo = gestiones.bloqueados(sim, cli, monto)
    if bloqueo.any():
        sim.ventas_perdidas["bloqueo"] += _en_horizonte(sim, dia, j[bloqueo], monto[bloqueo])
        bloq = nucleo.unicos(cli[bloqueo])
        sim.eventos.bloque(dia, bloq, None, "bloqueo",
                           "venta no realizada por bloqueo")
        j, cli, monto = j[~bloqueo], cli[~bloqueo], monto[~bloqueo]
        if j.size == 0:
            return
    nucleo_emision.dar_de_alta(
        j, cli, monto, dia, atraso_extra, sim.pre_atraso, sim.pre_cargos, sim.pre_debito,
        c.confianza, p.atraso_por_desconfianza_dias, p.confianza_inicial, pol.plazo_dias,
        sim.plazo_extra_seg, sim.primer_paso_seg, cart.segmento, sim.pasos_dias, INF,
        sim.pre_toma, c.en_dificultad, sim.pre_dia_desc, sim.pre_descuento, sim.pre_disputa,
        f.estado, ABIERTA, f.dia_emision, f.dia_venc, f.monto, f.saldo_p, f.dia_natural,
        f.disputada, f.con_descuento, f.descuento, f.paso_sig, f.dia_paso)
    f.anexar_abiertas(j, cli)
    nucleo_clientes.enlazar(j, cli, c.factura_reciente, f.anterior)
    sim.libro.bloque(dia, j, "factura", monto)
    sim.eventos.bloque(dia, cli, j, "emision")
    sim.ventas_hoy = sim.por_replica(j, monto)
    if sim.eventos.activo:
        disputa = sim.pre_disputa[j]
        sim.eventos.bloque(dia, cli[disputa], j[disputa], "disputa")


def _en_horizonte(sim: Simulacion, dia: int, compras: np.ndarray, montos: np.ndarray
                  ) -> np.ndarray:
    if dia < 0:
        return np.zeros(sim.n_rep, np.int64)
    return sim.por_replica(compras, montos)


def _pagos(sim: Simulacion, dia: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Los pagos del día. Devuelve las candidatas a un paso del seguimiento (con su cliente) y a
    castigo, abiertas antes de los pagos (ver ``nucleo_pagos.escanear_pagos``)."""
    f, c, cart = sim.f, sim.c, sim.cartera
    # (1) llega la fecha natural de pago (salvo en dificultad, en plan o escalada);
    # (2) la intensidad de las gestiones supera el umbral (desde 2 días antes del vencimiento)
    vivas, vivas_cli, n, pids, pcli, con_paso, con_paso_cli, viejas = \
        nucleo_pagos.escanear_pagos(
            f.abiertas, f.abiertas_cliente, f.estado, ABIERTA, dia, f.dia_natural, f.dia_venc,
            f.escalada, f.en_plan, c.en_dificultad, c.quiebra,
            sim.params.factor_liquidez_dificultad, f.impulso, f.impulso_dia, sim.potencias,
            c.impulso, f.lam, sim.umbral_plano, f.umbral_k, f.dia_paso,
            dia - sim.politica.castigo_dias)
    f.fijar_abiertas(vivas, vivas_cli, n)  # la lista, compactada antes de los pagos de hoy
    sim.hay_cierres = False
    candidatas = (con_paso, con_paso_cli, viejas)
    if pids.size == 0:
        return candidatas
    # descuentos por pronto pago
    desc = f.con_descuento[pids]
    if desc.any():
        d_ids = pids[desc]
        en_plazo = dia <= f.dia_emision[d_ids] + sim.politica.descuento.dias
        concede = en_plazo | sim.politica.descuento.acepta_fuera_de_plazo
        dinero.conceder_descuento(sim, d_ids[concede])
        corto = d_ids[~concede]
        if corto.size:  # paga neto del descuento, la diferencia queda pendiente
            dinero.abonar(sim, corto, f.saldo_p[corto] - f.descuento[corto], "pago_parcial")
            f.descuento[corto] = 0
            f.dia_natural[corto] = dia + 20
            sim.eventos.bloque(dia, cart.c_cliente[corto], corto, "descuento")
        f.con_descuento[d_ids] = False
        pids, pcli = pids[~desc], pcli[~desc]
        dinero.saldar(sim, d_ids[concede])
        sim.eventos.bloque(dia, cart.c_cliente[d_ids[concede]], d_ids[concede], "pago")
    # pagos parciales (una vez por factura) y completos
    q, q_cli, pids, pcli, lentos = nucleo_pagos.separar_pagos(
        pids, pcli, dia, f.parcial, cart.c_u_parcial, sim.seg_arr["parcial"], cart.segmento,
        f.dia_venc, cart.atraso_habitual)
    if q.size:
        dinero.abonar(sim, q, np.round(f.saldo_p[q] * cart.c_fraccion_parcial[q]).astype(np.int64),
                      "pago_parcial")
        f.parcial[q] = True
        f.umbral_k[q] = 1
        f.lam[q] = 0.0
        f.dia_natural[q] = dia + 15
        sim.eventos.bloque(dia, q_cli, q, "pago_parcial")
        gestiones.senales(sim, nucleo.unicos(q_cli), "pago parcial")
    dinero.saldar(sim, pids)
    sim.eventos.bloque(dia, pcli, pids, "pago")
    gestiones.senales(sim, nucleo.unicos(lentos), "paga más lento que su costumbre")
    return candidatas


def _cargos(sim: Simulacion, dia: int) -> None:
    mora, f = sim.politica.mora, sim.f
    if mora.cargo_fijo <= 0 and mora.cargo_pct <= 0 and mora.interes_anual_pct <= 0:
        return
    # las vencidas pasada la gracia (sin escalar ni plan): las que aún no tenían el cargo y las
    # que cortan el interés hoy; el interés del día ya queda devengado
    nuevo, corte = nucleo_pagos.cargos_de_hoy(
        sim.abiertas(), dia, f.dia_venc, f.escalada, f.en_plan, mora.dias_gracia, f.cargo_hecho,
        f.interes, f.saldo_p, float(mora.interes_anual_pct))
    if nuevo.size and (mora.cargo_fijo > 0 or mora.cargo_pct > 0):
        monto = round(mora.cargo_fijo * 100) + np.round(f.saldo_p[nuevo] * mora.cargo_pct / 100.0)
        dinero.cargar(sim, nuevo, monto.astype(np.int64), "cargo_mora")
        tocados = nucleo.unicos(sim.cartera.c_cliente[nuevo])
        sim.c.confianza[tocados] += sim.params.delta_confianza_cargo
        sim.eventos.bloque(dia, sim.cartera.c_cliente[nuevo], nuevo, "cargo")
    if corte.size:
        cent = np.floor(f.interes[corte]).astype(np.int64)
        f.interes[corte] -= cent
        dinero.cargar(sim, corte, cent, "interes_mora")


def _seguimiento(sim: Simulacion, dia: int, ids: np.ndarray, clientes: np.ndarray) -> None:
    """Los pasos del seguimiento de hoy, entre las candidatas ``ids`` (de clientes ``clientes``)."""
    if len(sim.pasos) == 0:
        return
    f = sim.f
    # las que tocan hoy (no escaladas, sin plan, sin promesa vigente), con el paso ya avanzado
    ids, cli, k_paso = nucleo_seguimiento.pasos_de_hoy(
        ids, clientes, dia, f.dia_paso, f.estado, ABIERTA, f.escalada, f.en_plan,
        sim.c.pausa_hasta, f.paso_sig, f.dia_venc, sim.pasos_dias, INF)
    if ids.size == 0:
        return
    for k in np.flatnonzero(np.bincount(k_paso, minlength=len(sim.pasos))):  # en orden
        esta = k_paso == k
        gestiones.ejecutar_paso(sim, sim.pasos[int(k)], ids[esta], cli[esta])
