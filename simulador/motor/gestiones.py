"""Lo que hace la empresa: verificar, bloquear, recordar, llamar, acordar, escalar y castigar.

Son decisiones y efectos sobre el estado; los sucesos que toman tiempo (llamadas en la cola de
cobradores, cuotas, agencia, vía legal, promesas) se delegan a procesos SimPy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulador.config.politica import Paso
from simulador.motor import comportamiento as comp
from simulador.motor import (
    dinero,
    escalada,
    nucleo,
    nucleo_clientes,
    nucleo_seguimiento,
    procesos,
)
from simulador.motor.estado import ABIERTA, INF
from simulador.motor.mesa import FORZADA, RUTINA, URGENTE

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion

COSTO_CANAL = ("email", "sms", "carta")


def fijar_proximo_paso(sim: Simulacion, ids: np.ndarray) -> None:
    """Día en que toca el próximo paso del seguimiento de esas facturas (INF si no queda)."""
    f, n = sim.f, len(sim.pasos)
    if n == 0:
        f.dia_paso[ids] = INF
        return
    k = f.paso_sig[ids]
    dia = f.dia_venc[ids] + sim.pasos_dias[np.minimum(k, n - 1)]
    f.dia_paso[ids] = np.where(k < n, dia, INF)


def decidir_postulantes(sim: Simulacion, clientes: np.ndarray) -> np.ndarray:
    """0 = crédito, 1 = rechazo, 2 = prepago. Solo se verifica a los postulantes (origen 1)."""
    ver = sim.politica.verificacion
    dec = np.zeros(clientes.size, np.int8)
    if ver.activa:
        postulante = sim.cartera.origen[clientes] == 1
        malo = sim.cartera.riesgo_estimado[clientes] > ver.corte_riesgo_pct / 100.0
        dec[postulante & malo] = 1 if ver.accion == "rechazar" else 2
        for k, d in zip(clientes, dec, strict=True):
            if d:
                sim.eventos.fila(sim.dia, int(k), -1, "rechazo" if d == 1 else "prepago",
                                 "no pasa la verificación de crédito")
    return dec


def agregados(sim: Simulacion, clientes: np.ndarray) -> None:
    """Agregados por cliente de las facturas abiertas en este momento del día: monto vencido,
    días del atraso mayor y número de facturas abiertas. Solo valen para ``clientes``."""
    _agregar(sim, clientes, (sim.vencido_cliente, sim.saldo_cliente, sim.atraso_cliente,
                             sim.abiertas_cliente))


def _agregar(sim: Simulacion, clientes: np.ndarray,
             destino: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]) -> None:
    """Vencido, saldo, atraso mayor y facturas abiertas de esos clientes, en ``destino``."""
    f = sim.f
    nucleo_clientes.agregar(np.asarray(clientes, np.int64), sim.c.factura_reciente, f.anterior,
                            sim.marca_clientes, f.estado, ABIERTA, sim.dia, f.dia_venc,
                            f.saldo_p, f.saldo_c, *destino)


def por_cliente(sim: Simulacion, cliente: int) -> np.ndarray:
    """Facturas abiertas de un cliente, de la más antigua a la más nueva."""
    return de_clientes(sim, np.array([cliente], np.int64))


def de_clientes(sim: Simulacion, clientes: np.ndarray) -> np.ndarray:
    """Facturas abiertas de varios clientes (en orden de número de factura)."""
    return nucleo_clientes.de_clientes(np.asarray(clientes, np.int64), sim.c.factura_reciente,
                                       sim.f.anterior, sim.marca_clientes, sim.f.estado, ABIERTA)


def bloqueados(sim: Simulacion, cli: np.ndarray, monto: np.ndarray) -> np.ndarray:
    """Qué compras del día se bloquean: suspensión, factura muy vencida o límite excedido."""
    cred = sim.politica.credito
    c = sim.c
    if not (c.suspendido.any() or cred.bloqueo_dias_vencida is not None
            or cred.limite_meses_compra is not None):
        return np.zeros(cli.size, bool)
    # solo las facturas abiertas de los clientes que compran hoy; si solo cuenta la suspensión,
    # solo las de los suspendidos (los agregados de los demás no se leen)
    sus = c.suspendido[cli]
    por_limite = cred.bloqueo_dias_vencida is not None or cred.limite_meses_compra is not None
    marcados = cli if por_limite else cli[sus]
    if marcados.size:
        _agregar(sim, marcados, sim.agregados_compra)
    _, saldo, max_atraso, _ = sim.agregados_compra
    bloqueo = np.zeros(cli.size, bool)
    # una suspensión se levanta cuando el cliente ya no tiene nada vencido
    if sus.any():
        levantar = nucleo.unicos(cli[sus & (max_atraso[cli] <= 0)])
        c.suspendido[levantar] = False
        bloqueo |= c.suspendido[cli]
    if cred.bloqueo_dias_vencida is not None:
        bloqueo |= max_atraso[cli] > cred.bloqueo_dias_vencida
    if cred.limite_meses_compra is not None:  # el límite de cada cliente: preparar_politica
        # compras del mismo día se acumulan en orden
        orden = np.argsort(cli, kind="stable")
        acum = np.zeros(cli.size)
        acum[orden] = _acumulado_por_grupo(cli[orden], monto[orden])
        bloqueo |= saldo[cli] + acum > sim.limite_credito[cli]
    return bloqueo


def _acumulado_por_grupo(grupos: np.ndarray, valores: np.ndarray) -> np.ndarray:
    total = np.cumsum(valores, dtype=float)
    inicio = np.concatenate(([True], grupos[1:] != grupos[:-1]))
    base = np.maximum.accumulate(np.where(inicio, total - valores, 0.0))
    return total - base


def senal(sim: Simulacion, cliente: int, texto: str) -> None:
    """Registra una señal de alerta de un cliente (ver ``senales``)."""
    senales(sim, np.array([cliente], np.int64), texto)


def senales(sim: Simulacion, clientes: np.ndarray, texto: str) -> None:
    """Registra una señal de alerta por cliente (sin repetir); con alertas activas, el equipo la
    detecta con probabilidad 0,5 + 0,5 x habilidad y pone al cliente en la cola como urgente."""
    if clientes.size == 0:
        return
    c = sim.c
    c.senales[clientes] += 1
    c.ultima_senal[clientes] = texto
    sim.eventos.bloque(sim.dia, clientes, None, "alerta", texto)
    if sim.politica.alertas.activas:
        u = sim.sorteos("alertas", clientes, c.senales[clientes])[:, 0]
        detecta = clientes[u < 0.5 + 0.5 * sim.escenario.equipo.habilidad]
        encolar_llamadas(sim, detecta, f"alerta: {texto}", URGENTE)


def ejecutar_paso(sim: Simulacion, paso: Paso, ids: np.ndarray,
                  cli: np.ndarray | None = None) -> None:
    """Ejecuta un paso del seguimiento sobre esas facturas (``cli``: su cliente, si ya se sabe)."""
    f, c, cart, p = sim.f, sim.c, sim.cartera, sim.params
    if cli is None:
        cli = cart.c_cliente[ids]
    dia = sim.dia
    if paso.cargo > 0:
        dinero.cargar(sim, ids, np.full(ids.size, round(paso.cargo * 100), np.int64),
                      "cargo_mora")
    if paso.accion == "recordatorio":
        canal = paso.canal_efectivo
        costo = getattr(sim.escenario.costos, canal)
        sim.costos.bloque(dia, cli, canal, round(costo * 100))
        # el impulso se guarda con su día de referencia y decae al leerlo (ver diario._pagos);
        # cada cliente suma un recordatorio (habituación) y cambia su confianza
        nucleo_seguimiento.recordar(
            ids, cli, dia, f.impulso, f.impulso_dia, sim.potencias, sim.seg_arr["sens_rec"],
            cart.segmento, c.recordatorios, comp.base_recordatorio(p, canal, paso.personalizado),
            p.habituacion, c.confianza, p.delta_confianza_recordatorio, sim.marca_clientes)
        sim.eventos.bloque(dia, cli, ids, "recordatorio")
    elif paso.accion == "llamada":
        encolar_llamadas(sim, nucleo.unicos(cli), f"seguimiento día {paso.dias}",
                         FORZADA if paso.dias <= 0 else RUTINA)
    elif paso.accion == "suspender_credito":
        nuevos = nucleo.unicos(cli[~c.suspendido[cli]])
        c.suspendido[nuevos] = True
        c.confianza[nuevos] += p.delta_confianza_suspension
        sim.eventos.bloque(dia, nuevos, None, "suspension",
                           "crédito suspendido")
    elif paso.accion in ("agencia", "legal"):
        escalada.escalar(sim, ids, paso.accion)
    elif paso.accion == "castigar":
        dinero.castigar(sim, ids, f"paso del seguimiento (día {paso.dias})")


def puntajes(sim: Simulacion, clientes: np.ndarray) -> np.ndarray:
    """Prioridad de la cola de llamadas (mayor = antes) según la regla de la política.

    monto_atraso_riesgo = monto vencido x días del atraso mayor x (1 + señales + 2 x promesas
    rotas); antiguedad = días del atraso mayor; monto = monto vencido. Se calcula en el turno de
    la mesa con el estado de ese momento (la lista de trabajo se reordena cada día).
    """
    vencido = sim.vencido_cliente[clientes] / 100.0
    atraso = np.maximum(0, sim.atraso_cliente[clientes]).astype(float)
    regla = sim.politica.prioridad_llamadas
    if regla == "monto":
        return vencido
    if regla == "antiguedad":
        return atraso
    c = sim.c
    riesgo = 1.0 + c.senales[clientes] + 2.0 * c.promesas_rotas[clientes]
    return vencido * np.maximum(1.0, atraso) * riesgo


def encolar_llamadas(sim: Simulacion, clientes: np.ndarray, motivo: str, nivel: int) -> np.ndarray:
    """Pide llamadas para esos clientes (sin repetir; una por cliente a la vez en la cola).

    Devuelve los clientes que quedaron en la cola.
    """
    if not sim.mesa.activa or clientes.size == 0:
        return np.zeros(0, np.int64)
    clientes = clientes[~sim.c.en_cola[clientes]]
    if clientes.size == 0:
        return clientes
    ok = sim.mesa.encolar(clientes, sim.cartera.rep_cliente[clientes], nivel, sim.dia, motivo)
    sim.c.en_cola[clientes[ok]] = True
    return clientes[ok]


def encolar_llamada(sim: Simulacion, cliente: int, motivo: str, *, urgente: bool = False,
                    forzada: bool = False) -> bool:
    """Pide una llamada para un cliente; devuelve si quedó en la cola."""
    nivel = FORZADA if forzada else URGENTE if urgente else RUTINA
    return bool(encolar_llamadas(sim, np.array([cliente], np.int64), motivo, nivel).size)


def turno_mesa(sim: Simulacion) -> None:
    """El turno diario de los cobradores: descarta lo ya pagado, prioriza y atiende."""
    mesa = sim.mesa
    cola = mesa.cola()
    if cola[0].size == 0:
        return
    cli, nivel = cola[0], cola[2]
    agregados(sim, cli)
    abiertas = sim.abiertas_cliente[cli] > 0
    valida = (sim.atraso_cliente[cli] > 0) | ((nivel == FORZADA) & abiertas)
    sim.c.en_cola[mesa.descartar(~valida)] = False  # ya pagó: se descarta sin costo
    cola = mesa.cola()
    clientes, motivos = mesa.atender(sim.dia, puntajes(sim, cola[0]))
    sim.c.en_cola[clientes] = False
    if clientes.size:
        atender_llamadas(sim, clientes, motivos)


def atender_llamadas(sim: Simulacion, clientes: np.ndarray, motivos: np.ndarray) -> None:
    """Efecto de las llamadas atendidas: contacto, disputas, impulso de pago, plan o promesa.

    ``motivos``: el código de motivo de cada llamada en la mesa (``Mesa.motivo``). Usa los
    agregados por cliente del turno (``agregados``).
    """
    f, c, p, eq, cart = sim.f, sim.c, sim.params, sim.escenario.equipo, sim.cartera
    dia = sim.dia
    u = sim.sorteos("llamadas", clientes, c.llamadas[clientes], k=4)
    c.llamadas[clientes] += 1
    contacto = u[:, 0] < min(1.0, p.prob_contacto_pct / 100.0 * (0.75 + 0.5 * eq.habilidad))
    if sim.eventos.activo:
        for k, m, ok in zip(clientes, motivos, contacto, strict=True):
            sim.eventos.fila(dia, int(k), -1, "llamada" if ok else "sin_contacto",
                             sim.mesa.motivo(int(m)))
    cl, u = clientes[contacto], u[contacto]
    if cl.size == 0:
        return
    c.confianza[cl] += p.delta_confianza_llamada
    ids = de_clientes(sim, cl)
    disp = ids[f.disputada[ids]]
    if disp.size:
        f.disputada[disp] = False
        f.dia_natural[disp] = np.maximum(dia + 1, f.dia_natural[disp] - int(p.disputa_dias_extra))
        sim.eventos.bloque(dia, cart.c_cliente[disp], disp, "disputa_resuelta")
    sens = sim.seg_arr["sens_llamada"][cart.segmento[cl]]
    c.impulso[cl] += comp.impulso_llamada(p, sens, eq.habilidad)
    atraso = sim.atraso_cliente[cl]
    vencido = atraso > 0
    planes = sim.politica.planes
    plan = np.zeros(cl.size, bool)
    if planes.ofrecer:
        if planes.a_quien == "en_dificultad":
            elegible = c.en_dificultad[cl] & (u[:, 1] < 0.4 + 0.6 * eq.habilidad)
        else:
            elegible = atraso >= planes.dias_vencido_min
        # a quien rompió un plan hace poco no se le ofrece otro (puede prometer)
        plan = vencido & ~c.en_plan[cl] & elegible & _sin_plan_roto_reciente(sim, cl)
        for k in cl[plan]:
            ofrecer_plan(sim, int(k))
    if sim.politica.promesas.aceptar:
        promete = vencido & ~plan & (c.pausa_hasta[cl] < dia) & (u[:, 2] < p.prob_promesa_pct
                                                                  / 100.0)
        dias = 1 + np.floor(u[:, 3] * sim.politica.promesas.dias_max).astype(np.int64)
        registrar_promesas(sim, cl[promete], dias[promete])


def registrar_promesa(sim: Simulacion, cliente: int, dias: int) -> None:
    """El cliente promete pagar lo vencido en ``dias``; el seguimiento se pausa hasta entonces."""
    registrar_promesas(sim, np.array([cliente], np.int64), np.array([dias], np.int64))


def registrar_promesas(sim: Simulacion, clientes: np.ndarray, dias: np.ndarray) -> None:
    """Promesas de pago (una por cliente): si se cumplirá se sortea ahora; el seguimiento de
    cada cliente se pausa hasta su fecha."""
    if clientes.size == 0:
        return
    c, p = sim.c, sim.params
    prob = sim.seg_arr["cumple_promesa"][sim.cartera.segmento[clientes]]
    prob = np.where(c.quiebra[clientes], 0.0, np.where(c.en_dificultad[clientes], 0.3, 1.0) * prob)
    cumple = sim.sorteos("promesas", clientes, c.promesas[clientes])[:, 0] < prob
    c.promesas[clientes] += 1
    fecha = sim.dia + dias
    c.pausa_hasta[clientes] = fecha
    c.confianza[clientes] += p.delta_confianza_flexibilidad * 0.25
    if sim.eventos.activo:
        for k, d in zip(clientes, dias, strict=True):
            plural = "" if d == 1 else "s"
            sim.eventos.fila(sim.dia, int(k), -1, "promesa", f"promete pagar en {d} día{plural}")
    c.promesa_dia[clientes] = fecha
    c.promesa_cumple[clientes] = cumple
    sim.con_promesa.append(clientes.astype(np.int64))


def vencer_promesas(sim: Simulacion) -> None:
    """Las promesas que vencen hoy: el cliente paga lo vencido o rompe la promesa (señal)."""
    c, f, dia = sim.c, sim.f, sim.dia
    if not sim.con_promesa:
        return
    # la promesa vigente de cada cliente (una nueva reemplaza a la anterior) vence hoy; solo se
    # miran los clientes que prometieron y siguen con la promesa pendiente
    candidatos = np.concatenate(sim.con_promesa)
    vence = c.promesa_dia[candidatos]
    pendiente = vence > dia
    sim.con_promesa = [candidatos[pendiente]] if pendiente.any() else []
    hoy = nucleo.unicos(candidatos[vence == dia])
    if hoy.size == 0:
        return
    c.promesa_dia[hoy] = -INF
    ids = de_clientes(sim, hoy)
    ids = ids[(f.escalada[ids] == 0) & ~f.en_plan[ids] & ((dia - f.dia_venc[ids]) > 0)]
    if ids.size == 0:
        return
    cli = sim.cartera.c_cliente[ids]
    paga = c.promesa_cumple[cli]
    if paga.any():
        dinero.saldar(sim, ids[paga])
        sim.eventos.bloque(dia, cli[paga], ids[paga], "pago")
        cumplen = nucleo.unicos(cli[paga])
        sim.eventos.bloque(dia, cumplen, None, "promesa_cumplida",
                           "paga lo prometido")
    rotas = nucleo.unicos(cli[~paga])
    if rotas.size:
        c.promesas_rotas[rotas] += 1
        sim.eventos.bloque(dia, rotas, None, "promesa_rota",
                           "no paga lo prometido")
        senales(sim, rotas, "promesa rota")


def _sin_plan_roto_reciente(sim: Simulacion, clientes: np.ndarray | int) -> np.ndarray:
    """Si a cada cliente (o a uno) ya se le puede ofrecer otro plan (pasó la espera desde que
    rompió uno)."""
    espera = sim.politica.planes.espera_tras_roto_dias
    return sim.dia - sim.c.plan_roto_dia[clientes] >= espera


def ofrecer_plan(sim: Simulacion, cliente: int, *, forzado: bool = False) -> bool:
    """Ofrece un plan de pago por lo vencido; el cliente lo acepta o no.

    Sin ``forzado`` (lo ofrece el equipo por su cuenta) no se ofrece a quien rompió un plan hace
    menos de ``planes.espera_tras_roto_dias``; ``forzado`` es el capacitador en una pausa.
    """
    c, f = sim.c, sim.f
    if c.en_plan[cliente]:
        return False
    if not forzado and not _sin_plan_roto_reciente(sim, cliente):
        return False
    ids = por_cliente(sim, cliente)
    ids = ids[((sim.dia - f.dia_venc[ids]) > 0) & (f.escalada[ids] == 0)]
    if ids.size == 0:
        return False
    prob = sim.params.prob_acepta_plan_pct / 100.0
    if c.en_dificultad[cliente]:
        prob = min(1.0, prob + 0.2)
    u = sim.sorteo("planes", cliente, int(c.ofertas_plan[cliente]))
    c.ofertas_plan[cliente] += 1
    if u >= prob:
        sim.eventos.fila(sim.dia, cliente, -1, "plan", "rechaza el plan ofrecido")
        return False
    c.en_plan[cliente] = True
    f.en_plan[ids] = True
    c.confianza[cliente] += sim.params.delta_confianza_flexibilidad
    pl = sim.politica.planes
    sim.eventos.fila(sim.dia, cliente, -1, "plan",
                     f"acepta plan de {pl.cuotas} cuotas cada {pl.intervalo_dias} días")
    numero = int(c.planes_hechos[cliente])
    c.planes_hechos[cliente] += 1
    sim.env.process(procesos.plan_pago(sim.env, sim, cliente, ids, pl, numero))
    return True


def prorrogar(sim: Simulacion, cliente: int, dias: int) -> int:
    """Concede una prórroga: corre el vencimiento de lo abierto y pausa el seguimiento."""
    f, c = sim.f, sim.c
    ids = por_cliente(sim, cliente)
    ids = ids[(f.escalada[ids] == 0) & ~f.en_plan[ids]]
    sim.series.prorroga(sim.dia, ids, f.dia_venc[ids])
    f.dia_venc[ids] += dias
    f.dia_natural[ids] += dias
    fijar_proximo_paso(sim, ids)
    c.pausa_hasta[cliente] = max(int(c.pausa_hasta[cliente]), sim.dia + dias)
    c.confianza[cliente] += sim.params.delta_confianza_flexibilidad
    sim.eventos.fila(sim.dia, cliente, -1, "prorroga", f"prórroga de {dias} días")
    return int(ids.size)
