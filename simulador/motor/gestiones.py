"""Lo que hace la empresa: verificar, bloquear, recordar, llamar, acordar, escalar y castigar.

Son decisiones y efectos sobre el estado; los sucesos que toman tiempo (llamadas en la cola de
cobradores, cuotas, agencia, vía legal, promesas) se delegan a procesos SimPy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulador.config.politica import Paso
from simulador.motor import comportamiento as comp
from simulador.motor import dinero, procesos
from simulador.motor.estado import ABIERTA
from simulador.motor.utiles import maximo_por_grupo

if TYPE_CHECKING:
    from simulador.motor.modelo import Simulacion

COSTO_CANAL = ("email", "sms", "carta")


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


def _indice(sim: Simulacion) -> None:
    """Índice del día: facturas abiertas agrupadas por cliente y agregados por cliente."""
    ids = sim.f.abiertas
    ids = ids[sim.f.estado[ids] == ABIERTA]
    cli = sim.cartera.c_cliente[ids]
    orden = np.argsort(cli, kind="stable")
    sim.indice_ids = ids[orden]
    sim.indice_inicio = np.searchsorted(cli[orden], np.arange(sim.cartera.n_clientes + 1))
    n = sim.cartera.n_clientes
    tau = sim.dia - sim.f.dia_venc[sim.indice_ids]
    vencido = (sim.f.saldo(ids) * (sim.dia > sim.f.dia_venc[ids])).astype(float)
    sim.vencido_cliente = np.bincount(cli, weights=vencido, minlength=n).astype(float)
    sim.atraso_cliente = maximo_por_grupo(tau, sim.indice_inicio, -(10**6))
    sim.indice_dia = sim.dia


def por_cliente(sim: Simulacion, cliente: int) -> np.ndarray:
    """Facturas abiertas de un cliente, de la más antigua a la más nueva."""
    if sim.indice_dia != sim.dia:
        _indice(sim)
    ids = sim.indice_ids[sim.indice_inicio[cliente]:sim.indice_inicio[cliente + 1]]
    return ids[sim.f.estado[ids] == ABIERTA]


def bloqueados(sim: Simulacion, cli: np.ndarray, monto: np.ndarray) -> np.ndarray:
    """Qué compras del día se bloquean: suspensión, factura muy vencida o límite excedido."""
    cred = sim.politica.credito
    c = sim.c
    if not (c.suspendido.any() or cred.bloqueo_dias_vencida is not None
            or cred.limite_meses_compra is not None):
        return np.zeros(cli.size, bool)
    if sim.indice_dia != sim.dia:
        _indice(sim)
    ids = sim.indice_ids
    icli = sim.cartera.c_cliente[ids]
    max_atraso = sim.atraso_cliente
    bloqueo = np.zeros(cli.size, bool)
    # una suspensión se levanta cuando el cliente ya no tiene nada vencido
    sus = c.suspendido[cli]
    if sus.any():
        levantar = np.unique(cli[sus & (max_atraso[cli] <= 0)])
        c.suspendido[levantar] = False
        bloqueo |= c.suspendido[cli]
    if cred.bloqueo_dias_vencida is not None:
        bloqueo |= max_atraso[cli] > cred.bloqueo_dias_vencida
    if cred.limite_meses_compra is not None:
        saldo = np.bincount(icli, weights=sim.f.saldo(ids), minlength=sim.cartera.n_clientes)
        limite = (cred.limite_meses_compra * sim.cartera.compras_mes * sim.cartera.monto_medio
                  * 100.0)
        # compras del mismo día se acumulan en orden
        orden = np.argsort(cli, kind="stable")
        acum = np.zeros(cli.size)
        acum[orden] = _acumulado_por_grupo(cli[orden], monto[orden])
        bloqueo |= saldo[cli] + acum > limite[cli]
    return bloqueo


def _acumulado_por_grupo(grupos: np.ndarray, valores: np.ndarray) -> np.ndarray:
    total = np.cumsum(valores, dtype=float)
    inicio = np.r_[True, grupos[1:] != grupos[:-1]]
    base = np.maximum.accumulate(np.where(inicio, total - valores, 0.0))
    return total - base


def senal(sim: Simulacion, cliente: int, texto: str) -> None:
    """Registra una señal de alerta; con alertas activas, pone al cliente en la cola de llamadas."""
    sim.c.senales[cliente] += 1
    sim.c.ultima_senal[cliente] = texto
    sim.eventos.fila(sim.dia, cliente, -1, "alerta", texto)
    if sim.politica.alertas.activas:
        detecta = sim.flujos.de_cliente("alertas", cliente).random() < (
            0.5 + 0.5 * sim.escenario.equipo.habilidad)
        if detecta:
            encolar_llamada(sim, cliente, f"alerta: {texto}", urgente=True)


def ejecutar_paso(sim: Simulacion, paso: Paso, ids: np.ndarray) -> None:
    """Ejecuta un paso del seguimiento sobre esas facturas."""
    f, c, cart, p = sim.f, sim.c, sim.cartera, sim.params
    cli = cart.c_cliente[ids]
    dia = sim.dia
    if paso.cargo > 0:
        dinero.cargar(sim, ids, np.full(ids.size, round(paso.cargo * 100), np.int64),
                      "cargo_mora")
    if paso.accion == "recordatorio":
        canal = paso.canal_efectivo
        costo = getattr(sim.escenario.costos, canal)
        sim.costos.bloque(dia, cli, canal, round(costo * 100))
        sens = sim.seg_arr["sens_rec"][cart.segmento[cli]]
        f.impulso[ids] += comp.impulso_recordatorio(p, canal, paso.personalizado, sens,
                                                    c.recordatorios[cli])
        unicos = np.unique(cli)
        c.recordatorios[unicos] += 1
        c.confianza[unicos] += p.delta_confianza_recordatorio
        sim.eventos.bloque(dia, cli, ids, "recordatorio")
    elif paso.accion == "llamada":
        for k in np.unique(cli):
            encolar_llamada(sim, int(k), f"seguimiento día {paso.dias}", forzada=paso.dias <= 0)
    elif paso.accion == "suspender_credito":
        nuevos = np.unique(cli[~c.suspendido[cli]])
        c.suspendido[nuevos] = True
        c.confianza[nuevos] += p.delta_confianza_suspension
        for k in nuevos:
            sim.eventos.fila(dia, int(k), -1, "suspension", "crédito suspendido")
    elif paso.accion == "agencia":
        escalar(sim, ids, "agencia")
    elif paso.accion == "legal":
        escalar(sim, ids, "legal")
    elif paso.accion == "castigar":
        dinero.castigar(sim, ids)


def escalar(sim: Simulacion, ids: np.ndarray, via: str) -> None:
    """Envía facturas a agencia o a acción legal (una gestión por cliente)."""
    f, cart = sim.f, sim.cartera
    ids = ids[(f.estado[ids] == ABIERTA) & (f.escalada[ids] == 0)]
    if ids.size == 0:
        return
    cli = cart.c_cliente[ids]
    delta = (sim.params.delta_confianza_agencia if via == "agencia"
             else sim.params.delta_confianza_legal)
    f.escalada[ids] = 1 if via == "agencia" else 2
    for k in np.unique(cli):
        grupo = ids[cli == k]
        sim.c.confianza[k] += delta
        sim.eventos.fila(sim.dia, int(k), -1, via, f"{grupo.size} factura(s) a {via}")
        proceso = procesos.agencia if via == "agencia" else procesos.legal
        sim.env.process(proceso(sim.env, sim, int(k), grupo))


def puntaje_prioridad(sim: Simulacion, cliente: int) -> float:
    """Prioridad de la cola de llamadas (mayor = antes) según la regla de la política.

    monto_atraso_riesgo = monto vencido x días del atraso mayor x (1 + señales + 2 x promesas
    rotas); antiguedad = días del atraso mayor; monto = monto vencido. Se calcula con el estado
    al comienzo del día en que la llamada entra a la cola.
    """
    if sim.indice_dia != sim.dia:
        _indice(sim)
    vencido = float(sim.vencido_cliente[cliente]) / 100.0
    atraso = float(max(0, sim.atraso_cliente[cliente]))
    regla = sim.politica.prioridad_llamadas
    if regla == "monto":
        return vencido
    if regla == "antiguedad":
        return atraso
    riesgo = 1.0 + float(sim.c.senales[cliente]) + 2.0 * float(sim.c.promesas_rotas[cliente])
    return vencido * max(1.0, atraso) * riesgo


def encolar_llamada(sim: Simulacion, cliente: int, motivo: str, *, urgente: bool = False,
                    forzada: bool = False) -> bool:
    """Pone una llamada en la cola de los cobradores (una por cliente a la vez)."""
    if sim.sin_cobradores or sim.c.en_cola[cliente]:
        return False
    if not (urgente or forzada) and sim.mesa.en_cola >= sim.cupo_cola:
        # la lista de trabajo ya tiene más de DIAS_COLA días de llamadas: no se agenda
        sim.llamadas_sin_agendar += 1
        return False
    sim.c.en_cola[cliente] = True
    puntaje = puntaje_prioridad(sim, cliente)
    prioridad = -round(puntaje) - (10**15 if urgente else 0) - (10**18 if forzada else 0)
    sim.env.process(procesos.llamada(sim.env, sim, cliente, prioridad, motivo, forzada))
    return True


def resultado_llamada(sim: Simulacion, cliente: int, motivo: str) -> None:
    """Efecto de una llamada atendida: contacto, disputas, plan, promesa e impulso de pago."""
    f, c, p, eq = sim.f, sim.c, sim.params, sim.escenario.equipo
    rng = sim.flujos.de_cliente("llamadas", cliente)
    dia = sim.dia
    c.llamadas[cliente] += 1
    ids = por_cliente(sim, cliente)
    if rng.random() >= min(1.0, p.prob_contacto_pct / 100.0 * (0.75 + 0.5 * eq.habilidad)):
        sim.eventos.fila(dia, cliente, -1, "sin_contacto", motivo)
        return
    c.confianza[cliente] += p.delta_confianza_llamada
    sim.eventos.fila(dia, cliente, -1, "llamada", motivo)
    disp = ids[f.disputada[ids]]
    if disp.size:
        f.disputada[disp] = False
        f.dia_natural[disp] = np.maximum(dia + 1, f.dia_natural[disp] - int(p.disputa_dias_extra))
        sim.eventos.bloque(dia, np.full(disp.size, cliente), disp, "disputa_resuelta")
    seg = sim.escenario.segmentos[int(sim.cartera.segmento[cliente])]
    c.impulso[cliente] += comp.impulso_llamada(p, seg.sensibilidad_llamada, eq.habilidad)
    vencidas = ids[(dia - f.dia_venc[ids]) > 0]
    if vencidas.size == 0:
        return
    planes = sim.politica.planes
    detecta = c.en_dificultad[cliente] and rng.random() < 0.4 + 0.6 * eq.habilidad
    atraso = int((dia - f.dia_venc[vencidas]).max())
    if planes.ofrecer and not c.en_plan[cliente] and (
        (planes.a_quien == "en_dificultad" and detecta)
        or (planes.a_quien == "morosos" and atraso >= planes.dias_vencido_min)
    ):
        ofrecer_plan(sim, cliente)
        return
    if sim.politica.promesas.aceptar and c.pausa_hasta[cliente] < dia \
            and rng.random() < p.prob_promesa_pct / 100.0:
        dias = int(rng.integers(1, sim.politica.promesas.dias_max + 1))
        registrar_promesa(sim, cliente, dias)


def registrar_promesa(sim: Simulacion, cliente: int, dias: int) -> None:
    """El cliente promete pagar lo vencido en ``dias``; el seguimiento se pausa hasta entonces."""
    c, p = sim.c, sim.params
    rng = sim.flujos.de_cliente("llamadas", cliente)
    seg = sim.escenario.segmentos[int(sim.cartera.segmento[cliente])]
    prob = seg.prob_cumple_promesa_pct / 100.0
    if c.quiebra[cliente]:
        prob = 0.0
    elif c.en_dificultad[cliente]:
        prob *= 0.3
    cumple = rng.random() < prob
    fecha = sim.dia + dias
    c.pausa_hasta[cliente] = fecha
    c.confianza[cliente] += p.delta_confianza_flexibilidad * 0.25
    sim.eventos.fila(sim.dia, cliente, -1, "promesa", f"promete pagar en {dias} días")
    sim.env.process(procesos.promesa(sim.env, sim, cliente, fecha, cumple))


def ofrecer_plan(sim: Simulacion, cliente: int, *, forzado: bool = False) -> bool:
    """Ofrece un plan de pago por lo vencido; el cliente lo acepta o no."""
    c, f = sim.c, sim.f
    if c.en_plan[cliente]:
        return False
    ids = por_cliente(sim, cliente)
    ids = ids[((sim.dia - f.dia_venc[ids]) > 0) & (f.escalada[ids] == 0)]
    if ids.size == 0:
        return False
    prob = sim.params.prob_acepta_plan_pct / 100.0
    if c.en_dificultad[cliente]:
        prob = min(1.0, prob + 0.2)
    if sim.flujos.de_cliente("planes", cliente).random() >= prob:
        sim.eventos.fila(sim.dia, cliente, -1, "plan", "rechaza el plan ofrecido")
        return False
    c.en_plan[cliente] = True
    f.en_plan[ids] = True
    c.confianza[cliente] += sim.params.delta_confianza_flexibilidad
    pl = sim.politica.planes
    sim.eventos.fila(sim.dia, cliente, -1, "plan",
                     f"acepta plan de {pl.cuotas} cuotas cada {pl.intervalo_dias} días")
    sim.env.process(procesos.plan_pago(sim.env, sim, cliente, ids, pl))
    return True


def prorrogar(sim: Simulacion, cliente: int, dias: int) -> int:
    """Concede una prórroga: corre el vencimiento de lo abierto y pausa el seguimiento."""
    f, c = sim.f, sim.c
    ids = por_cliente(sim, cliente)
    ids = ids[(f.escalada[ids] == 0) & ~f.en_plan[ids]]
    f.dia_venc[ids] += dias
    f.dia_natural[ids] += dias
    c.pausa_hasta[cliente] = max(int(c.pausa_hasta[cliente]), sim.dia + dias)
    c.confianza[cliente] += sim.params.delta_confianza_flexibilidad
    sim.eventos.fila(sim.dia, cliente, -1, "prorroga", f"prórroga de {dias} días")
    return int(ids.size)
