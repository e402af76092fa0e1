"""El archivo de ejercicio: modelo validado (inmutable, sin claves desconocidas) y su cargador.

Un ejercicio nombra un escenario y una política de la biblioteca (por nombre simple, nunca por
ruta) con cambios opcionales encima, y describe cómo se juega: rondas, recursos, eventos,
decisiones permitidas, rúbrica, jugada de referencia y notas de cierre por principio.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import model_validator

from simulador.carga import ErrorCarga, ProblemaArchivo, cargar_escenario, cargar_politica
from simulador.carga.archivos import Fuente, cargar_modelo_indexado
from simulador.carga.tipos import TipoArchivo, registrar_tipo
from simulador.carga.yaml_seguro import NodoIndex
from simulador.config import Escenario, Politica, aplicar_delta
from simulador.config.base import VERSION_FORMATO, Modelo, campo
from simulador.config.escenario import Shock
from simulador.entrenamiento.principios import Principio

RAIZ = Path(__file__).resolve().parents[2]
CARPETA_EJERCICIOS = RAIZ / "escenarios" / "ejercicios"
CARPETAS_ESCENARIOS = (RAIZ / "escenarios", CARPETA_EJERCICIOS)
CARPETA_POLITICAS = RAIZ / "politicas"

Modalidad = Literal["mesa", "diseno", "rol"]
Decision = Literal[
    "llamar", "recordatorio", "aceptar_promesa", "ofrecer_plan", "suspender", "escalar_agencia",
    "accion_legal", "prorroga", "nada",
]
Situacion = Literal[
    "olvidadizo", "dificultad_temporal", "disputa", "moroso_deliberado", "por_quebrar",
]


class Objetivo(Modelo):
    """Un objetivo de aprendizaje, atado a un principio."""

    principio: Principio = campo(descripcion="Principio de cobranza al que responde")
    texto: str = campo(descripcion="Qué debe aprender el participante", min_length=3,
                       max_length=400)


class ArchivoBiblioteca(Modelo):
    """Un archivo de la biblioteca (por nombre simple) con cambios encima."""

    nombre: str = campo(descripcion="Nombre del archivo sin extensión (p. ej. pyme_distribuidora)",
                        pattern=r"^[a-z0-9_-]+$")
    cambios: dict[str, Any] = campo(
        default_factory=dict, descripcion="Valores que cambian, con la misma forma del archivo",
    )


class Recursos(Modelo):
    """Lo que el participante puede usar en cada ronda."""

    llamadas_por_ronda: int = campo(8, descripcion="Llamadas que puede hacer por ronda",
                                    unidad="llamadas", ge=0, le=200)
    gestiones_por_ronda: int = campo(
        20, descripcion="Gestiones totales por ronda (llamadas, mensajes, acuerdos)",
        unidad="gestiones", ge=1, le=500,
    )


class Evento(Modelo):
    """Algo que ocurre al comenzar una ronda."""

    ronda: int = campo(descripcion="Ronda en que ocurre (la primera es 1)", ge=1, le=52)
    tipo: Literal["pide_prorroga", "recesion", "disputa"] = campo(
        descripcion="pide_prorroga = un cliente pide más plazo; recesion = se anuncia una "
        "recesión; disputa = un cliente disputa una factura",
    )
    cliente: int | Literal["ancla"] | None = campo(
        None, descripcion="Cliente afectado (número o 'ancla'); vacío en una recesión",
    )
    texto: str = campo(descripcion="Lo que lee el participante", min_length=3, max_length=600)
    multiplicador_dificultad: float = campo(
        3.0, descripcion="Recesión: multiplica la probabilidad de dificultad", unidad="veces",
        ge=1, le=50,
    )
    atraso_extra_dias: float = campo(
        5.0, descripcion="Recesión: días de atraso extra de las facturas nuevas", unidad="días",
        ge=0, le=120,
    )

    @model_validator(mode="after")
    def _cliente(self) -> Evento:
        if self.tipo != "recesion" and self.cliente is None:
            raise ValueError(f"el evento {self.tipo} necesita un cliente (número o 'ancla')")
        return self


class Rubrica(Modelo):
    """Pesos de cada criterio en el puntaje (se normalizan para sumar 1)."""

    cobrado: float = campo(3.0, descripcion="Peso del dinero cobrado", ge=0, le=100)
    incobrables: float = campo(2.0, descripcion="Peso de la pérdida por incobrables y deuda muy "
                               "vencida", ge=0, le=100)
    costo: float = campo(1.0, descripcion="Peso del costo de cobranza", ge=0, le=100)
    relaciones: float = campo(2.0, descripcion="Peso de la confianza de los clientes y las "
                              "ventas perdidas por clientes que se van", ge=0, le=100)
    adherencia: float = campo(1.0, descripcion="Peso del apego a la política (o de las metas "
                              "cumplidas en diseño de política)", ge=0, le=100)

    @model_validator(mode="after")
    def _alguno(self) -> Rubrica:
        if self.cobrado + self.incobrables + self.costo + self.relaciones + self.adherencia <= 0:
            raise ValueError("la rúbrica necesita al menos un peso mayor que cero")
        return self


class Referencia(Modelo):
    """La jugada con que se compara el puntaje, sobre la misma semilla."""

    jugada: Literal["alertas_primero", "nada", "buenas_practicas"] = campo(
        "alertas_primero", descripcion="Mesa: estrategia de referencia; rol: buenas_practicas",
    )
    politica_cambios: dict[str, Any] = campo(
        default_factory=dict,
        descripcion="Diseño de política: la política de referencia como cambios sobre la inicial",
    )
    explicacion: str = campo("", descripcion="Qué hace la referencia (se muestra al final)",
                             max_length=1500)


class Palanca(Modelo):
    """Una palanca que el participante puede mover, dentro de límites."""

    ruta: str = campo(descripcion="Ruta en la política: plazo_dias, descuento.pct, "
                      "seguimiento[1].dias...", pattern=r"^[a-z_]+(\[\d+\])?(\.[a-z_]+)*$")
    etiqueta: str = campo(descripcion="Cómo se muestra la palanca", min_length=2, max_length=120)
    tipo: Literal["entero", "real", "si_no"] = campo("entero", descripcion="Tipo de valor")
    minimo: float = campo(0, descripcion="Valor mínimo permitido")
    maximo: float = campo(1, descripcion="Valor máximo permitido")
    paso: float = campo(1, descripcion="Paso del control", gt=0)
    ayuda: str = campo("", descripcion="Explicación breve de la palanca", max_length=400)

    @model_validator(mode="after")
    def _limites(self) -> Palanca:
        if self.maximo < self.minimo:
            raise ValueError(f"palanca {self.ruta}: maximo debe ser ≥ minimo")
        return self


class Meta(Modelo):
    """Una meta numérica de diseño de política."""

    indicador: str = campo(descripcion="Clave del indicador (dso, ventas_perdidas_pct...)")
    operador: Literal["<=", ">="] = campo(descripcion="Sentido de la meta")
    valor: float = campo(descripcion="Valor de la meta")
    texto: str = campo(descripcion="La meta en palabras", min_length=3, max_length=200)


class Diseno(Modelo):
    """Diseño de política: palancas con límites y metas."""

    palancas: tuple[Palanca, ...] = campo(descripcion="Palancas que se pueden mover",
                                          min_length=1)
    metas: tuple[Meta, ...] = campo(descripcion="Metas a cumplir", min_length=1)


class Rol(Modelo):
    """Juego de roles: un cliente con una situación oculta conversa con el participante."""

    situacion: Situacion = campo(descripcion="La situación verdadera y oculta del cliente")
    cliente: int | Literal["auto"] = campo(
        "auto", descripcion="Número de cliente, o auto = el que mejor calza con la situación",
    )
    nombre_cliente: str = campo("Comercial Los Aromos", descripcion="Nombre de fantasía",
                                max_length=80)
    dias_despues: int = campo(60, descripcion="Días simulados después de la conversación",
                              unidad="días", ge=7, le=365)


class Ejercicio(Modelo):
    """Un ejercicio de capacitación."""

    version: int = campo(VERSION_FORMATO, descripcion="Versión del formato del archivo", ge=1)
    titulo: str = campo(descripcion="Título del ejercicio", min_length=3, max_length=120)
    modalidad: Modalidad = campo(
        descripcion="mesa = mesa de cobranza por rondas; diseno = diseño de política; "
        "rol = juego de roles con un cliente",
    )
    objetivos: tuple[Objetivo, ...] = campo(descripcion="Objetivos de aprendizaje", min_length=1)
    consigna: str = campo(descripcion="Lo que lee el participante al empezar", min_length=10,
                          max_length=4000)
    escenario: ArchivoBiblioteca = campo(descripcion="Escenario de la biblioteca y sus cambios")
    politica: ArchivoBiblioteca = campo(
        descripcion="Política inicial de la biblioteca y sus cambios")
    semilla: int = campo(2026, descripcion="Semilla por defecto", ge=0, le=2**31 - 1)
    dia_inicio: int = campo(0, descripcion="Día del horizonte en que empieza la ronda 1",
                            unidad="días", ge=0, le=3000)
    rondas: int = campo(descripcion="Número de rondas (en diseño: intentos)", ge=1, le=52)
    dias_por_ronda: int = campo(7, descripcion="Tiempo simulado por ronda", unidad="días",
                                ge=1, le=365)
    recursos: Recursos = campo(Recursos(), descripcion="Recursos por ronda")
    eventos: tuple[Evento, ...] = campo((), descripcion="Eventos en rondas dadas")
    decisiones: tuple[Decision, ...] = campo(
        ("llamar", "recordatorio", "aceptar_promesa", "ofrecer_plan", "suspender",
         "escalar_agencia", "nada"),
        descripcion="Decisiones permitidas por cliente", min_length=1,
    )
    rubrica: Rubrica = campo(Rubrica(), descripcion="Pesos de la rúbrica")
    referencia: Referencia = campo(Referencia(), descripcion="Jugada de referencia")
    debrief: dict[Principio, str] = campo(
        default_factory=dict, descripcion="Notas de cierre por principio",
    )
    diseno: Diseno | None = campo(None, descripcion="Solo en modalidad diseno")
    rol: Rol | None = campo(None, descripcion="Solo en modalidad rol")

    model_config = Modelo.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _coherencia(self) -> Ejercicio:
        if self.modalidad == "diseno" and self.diseno is None:
            raise ValueError("la modalidad diseno requiere la sección diseno")
        if self.modalidad == "rol" and self.rol is None:
            raise ValueError("la modalidad rol requiere la sección rol")
        if self.modalidad != "diseno" and self.diseno is not None:
            raise ValueError("la sección diseno solo va con modalidad diseno")
        if self.modalidad != "rol" and self.rol is not None:
            raise ValueError("la sección rol solo va con modalidad rol")
        for e in self.eventos:
            if e.ronda > self.rondas:
                raise ValueError(f"un evento ocurre en la ronda {e.ronda}, pero hay "
                                 f"{self.rondas} rondas")
        sin_nota = {o.principio for o in self.objetivos} - set(self.debrief)
        if sin_nota:
            raise ValueError("falta la nota de debrief de: " + ", ".join(sorted(sin_nota)))
        return self

    def dia_ronda(self, ronda: int) -> int:
        """Día del horizonte en que empieza la ronda ``ronda`` (la primera es 0 aquí)."""
        return self.dia_inicio + ronda * self.dias_por_ronda

    @property
    def dia_fin(self) -> int:
        """Día en que termina lo jugado: la última ronda (mesa), la conversación y sus días
        siguientes (rol) o el horizonte entero (diseño, que se mide sobre todo el año)."""
        if self.modalidad == "diseno":
            return 10**6
        if self.rol is not None:
            return self.dia_inicio + self.rol.dias_despues
        return self.dia_ronda(self.rondas)


def _cargar(ruta: Path, avisos: list[str]) -> tuple[Ejercicio, NodoIndex]:
    ejercicio, indice = cargar_modelo_indexado(ruta, Ejercicio, tipo="ejercicio", avisos=avisos)
    armar(ejercicio, archivo=str(ruta.name), indice=indice)
    return ejercicio, indice


def cargar_ejercicio(fuente: Fuente, *, archivo: str | None = None) -> Ejercicio:
    """Carga y valida un ejercicio, y comprueba que su escenario y política se pueden armar.

    Raises:
        ErrorCarga: con todos los problemas del archivo, con línea.
    """
    ejercicio, indice = cargar_modelo_indexado(fuente, Ejercicio, archivo=archivo,
                                               tipo="ejercicio")
    armar(ejercicio, archivo=archivo or str(fuente if isinstance(fuente, Path) else "ejercicio"),
          indice=indice)
    return ejercicio


def _buscar(nombre: str, carpetas: tuple[Path, ...]) -> Path | None:
    for carpeta in carpetas:
        for ext in (".yaml", ".yml"):
            if (carpeta / f"{nombre}{ext}").is_file():
                return carpeta / f"{nombre}{ext}"
    return None


def armar(ejercicio: Ejercicio, *, archivo: str = "ejercicio",
          indice: NodoIndex | None = None) -> tuple[Escenario, Politica]:
    """El escenario y la política del ejercicio, con sus cambios y las recesiones anunciadas."""
    indice = indice or NodoIndex()

    def error(ruta: tuple[str, ...], mensaje: str) -> ErrorCarga:
        return ErrorCarga([ProblemaArchivo(archivo, indice.linea_cercana(ruta), ".".join(ruta),
                                           mensaje)])

    ruta_esc = _buscar(ejercicio.escenario.nombre, CARPETAS_ESCENARIOS)
    if ruta_esc is None:
        raise error(("escenario", "nombre"), f"no hay un escenario '{ejercicio.escenario.nombre}'"
                    " en escenarios/ ni en escenarios/ejercicios/")
    ruta_pol = _buscar(ejercicio.politica.nombre, (CARPETA_POLITICAS, CARPETA_EJERCICIOS))
    if ruta_pol is None:
        raise error(("politica", "nombre"), f"no hay una política '{ejercicio.politica.nombre}' "
                    "en politicas/")
    try:
        escenario = aplicar_delta(cargar_escenario(ruta_esc), dict(ejercicio.escenario.cambios))
        politica = aplicar_delta(cargar_politica(ruta_pol), dict(ejercicio.politica.cambios))
        if ejercicio.referencia.politica_cambios:
            aplicar_delta(politica, dict(ejercicio.referencia.politica_cambios))
    except ErrorCarga:
        raise
    except ValueError as e:  # RutaDesconocida o ValidationError de pydantic
        raise error(("escenario",), f"los cambios no se pueden aplicar: {e}") from None
    if escenario.modo != "clientes":
        raise error(("escenario", "nombre"), "un ejercicio necesita un escenario en modo clientes")
    if ejercicio.modalidad != "diseno" and ejercicio.dia_fin > escenario.horizonte_dias:
        raise error(("rondas",), f"las rondas terminan el día {ejercicio.dia_fin}, después del "
                    f"horizonte del escenario ({escenario.horizonte_dias} días)")
    if any(e.cliente == "ancla" for e in ejercicio.eventos) and escenario.cliente_ancla is None:
        raise error(("eventos",), "un evento nombra al cliente ancla, pero el escenario no tiene")
    shocks = [
        Shock(nombre=f"recesión anunciada en la ronda {e.ronda}",
              desde_dia=ejercicio.dia_ronda(e.ronda - 1),
              multiplicador_dificultad=e.multiplicador_dificultad,
              atraso_extra_dias=e.atraso_extra_dias)
        for e in ejercicio.eventos if e.tipo == "recesion"
    ]
    if shocks:
        escenario = escenario.model_copy(update={"shocks": (*escenario.shocks, *shocks)})
    return escenario, politica


def ejercicios_disponibles() -> dict[str, Path]:
    """Los ejercicios de ``escenarios/ejercicios/`` por nombre de archivo (sin extensión)."""
    salida: dict[str, Path] = {}
    for ruta in sorted(CARPETA_EJERCICIOS.glob("*.y*ml")):
        try:
            texto = ruta.read_text(encoding="utf-8")
        except OSError:
            continue
        if "modalidad:" in texto and "titulo:" in texto:
            salida[ruta.stem] = ruta
    return salida


registrar_tipo(TipoArchivo(
    nombre="ejercicio", modelo=Ejercicio,
    claves=frozenset({"titulo", "modalidad", "objetivos", "consigna", "rondas",
                      "dias_por_ronda", "recursos", "eventos", "decisiones", "rubrica",
                      "referencia", "debrief", "diseno", "rol", "dia_inicio", "semilla"}),
    carpetas=frozenset({"ejercicios"}), cargar=_cargar,
))
