"""Sesiones de capacitación en SQLite: sesiones, participantes, decisiones por ronda y puntajes.

Pensado para muchos participantes a la vez (cada rerun de Streamlit corre en otro hilo): modo WAL,
espera ante bloqueos (``busy_timeout``), una conexión por operación y ``BEGIN IMMEDIATE`` en toda
lectura seguida de escritura. La base está en ``SIMULADOR_DB`` o, si no se da, en
``datos/sesiones.sqlite``. Se guardan decisiones, nunca objetos del motor: la corrida se rehace.

La clave del capacitador viene de ``SIMULADOR_CLAVE_CAPACITADOR`` (o de los secretos de
Streamlit), o ya convertida en ``SIMULADOR_CLAVE_CAPACITADOR_HASH``
(``pbkdf2_sha256$iter$sal$hash``, ver ``python -m simulador.entrenamiento.almacen``). No se
guarda en ningún lado: se compara el hash de lo escrito con ``hmac.compare_digest``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import hmac
import io
import json
import os
import secrets
import sqlite3
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

RAIZ = Path(__file__).resolve().parents[2]
ALFABETO = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Sin letras ni números que se confundan (0/O, 1/I/L)."""
LARGO_CODIGO = 6
"""31⁶ ≈ 8,9 × 10⁸ códigos (unos 30 bits)."""
ITERACIONES = 200_000

_ESQUEMA = """
CREATE TABLE IF NOT EXISTS sesiones (
    codigo TEXT PRIMARY KEY, ejercicio TEXT NOT NULL, semilla INTEGER NOT NULL,
    limite_min INTEGER, creada REAL NOT NULL, cerrada INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS participantes (
    id INTEGER PRIMARY KEY AUTOINCREMENT, codigo TEXT NOT NULL REFERENCES sesiones(codigo),
    nombre TEXT NOT NULL, token TEXT NOT NULL UNIQUE, unido REAL NOT NULL,
    actualizado REAL NOT NULL, terminado INTEGER NOT NULL DEFAULT 0, puntaje REAL,
    detalle TEXT, UNIQUE (codigo, nombre));
CREATE TABLE IF NOT EXISTS jugadas (
    participante INTEGER NOT NULL REFERENCES participantes(id), ronda INTEGER NOT NULL,
    datos TEXT NOT NULL, creada REAL NOT NULL, PRIMARY KEY (participante, ronda));
"""


class ErrorSala(ValueError):
    """Un pedido que no se puede cumplir (código inexistente, nombre ocupado...), en español."""


def ruta_bd() -> Path:
    """La base de datos: ``SIMULADOR_DB`` o ``datos/sesiones.sqlite`` del proyecto."""
    return Path(os.environ.get("SIMULADOR_DB") or RAIZ / "datos" / "sesiones.sqlite")


_INICIADAS: set[str] = set()


@contextlib.contextmanager
def conexion(ruta: Path | None = None) -> Iterator[sqlite3.Connection]:
    """Una conexión nueva (modo autocommit: las transacciones se abren a mano) que se cierra."""
    ruta = ruta or ruta_bd()
    ruta.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(ruta, timeout=30.0, isolation_level=None)
    try:
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA busy_timeout = 30000")
        con.execute("PRAGMA foreign_keys = ON")
        if str(ruta) not in _INICIADAS:
            con.execute("PRAGMA journal_mode = WAL")
            con.executescript(_ESQUEMA)
            _INICIADAS.add(str(ruta))
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def transaccion(ruta: Path | None = None) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (o ``ROLLBACK`` si algo falla)."""
    with conexion(ruta) as con:
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")


def nuevo_codigo() -> str:
    """Un código de sesión al azar (módulo ``secrets``)."""
    return "".join(secrets.choice(ALFABETO) for _ in range(LARGO_CODIGO))


def normalizar_codigo(texto: str) -> str:
    """Mayúsculas y sin espacios ni guiones (así se puede dictar «abc-123»)."""
    return "".join(ch for ch in texto.upper() if ch.isalnum())


def normalizar_nombre(texto: str) -> str:
    """Espacios simples, sin bordes, hasta 40 caracteres."""
    return " ".join(texto.split())[:40]


def crear_sesion(ejercicio: str, semilla: int, limite_min: int | None = None, *,
                 ruta: Path | None = None) -> str:
    """Crea una sesión y devuelve su código."""
    for _ in range(20):
        codigo = nuevo_codigo()
        try:
            with transaccion(ruta) as con:
                con.execute("INSERT INTO sesiones (codigo, ejercicio, semilla, limite_min, creada)"
                            " VALUES (?, ?, ?, ?, ?)",
                            (codigo, ejercicio, int(semilla), limite_min, time.time()))
            return codigo
        except sqlite3.IntegrityError:
            continue
    raise ErrorSala("no se pudo generar un código de sesión libre")  # pragma: no cover


def sesion(codigo: str, *, ruta: Path | None = None) -> dict[str, Any] | None:
    """La sesión de ese código (o ``None``)."""
    with conexion(ruta) as con:
        fila = con.execute("SELECT * FROM sesiones WHERE codigo = ?",
                           (normalizar_codigo(codigo),)).fetchone()
    return dict(fila) if fila else None


def sesiones(*, ruta: Path | None = None) -> list[dict[str, Any]]:
    """Todas las sesiones, la más nueva primero, con su número de participantes."""
    with conexion(ruta) as con:
        filas = con.execute(
            "SELECT s.*, COUNT(p.id) AS participantes FROM sesiones s LEFT JOIN participantes p "
            "ON p.codigo = s.codigo GROUP BY s.codigo ORDER BY s.creada DESC").fetchall()
    return [dict(f) for f in filas]


def minutos_restantes(ses: dict[str, Any], ahora: float | None = None) -> float | None:
    """Minutos que le quedan a la sesión (``None`` si no tiene límite; nunca negativo)."""
    if not ses.get("limite_min"):
        return None
    fin = ses["creada"] + 60.0 * ses["limite_min"]
    return max(0.0, (fin - (ahora or time.time())) / 60.0)


def unirse(codigo: str, nombre: str, *, ruta: Path | None = None) -> dict[str, Any]:
    """Suma un participante a la sesión y devuelve su fila (con el ``token`` para reanudar).

    Raises:
        ErrorSala: si el código no existe, el nombre está vacío o ya está en uso.
    """
    codigo, nombre = normalizar_codigo(codigo), normalizar_nombre(nombre)
    if len(nombre) < 2:
        raise ErrorSala("escriba su nombre (al menos 2 letras)")
    token = secrets.token_urlsafe(18)
    with transaccion(ruta) as con:
        if con.execute("SELECT 1 FROM sesiones WHERE codigo = ?", (codigo,)).fetchone() is None:
            raise ErrorSala("no hay una sesión con ese código; revíselo con su capacitador")
        if con.execute("SELECT 1 FROM participantes WHERE codigo = ? AND nombre = ?",
                       (codigo, nombre)).fetchone():
            raise ErrorSala("ese nombre ya está en la sesión. Si es usted, vuelva con su enlace "
                            "de reanudación (lo tiene su capacitador); si no, agregue su apellido")
        ahora = time.time()
        cur = con.execute("INSERT INTO participantes (codigo, nombre, token, unido, actualizado)"
                          " VALUES (?, ?, ?, ?, ?)", (codigo, nombre, token, ahora, ahora))
        fila = con.execute("SELECT * FROM participantes WHERE id = ?",
                           (cur.lastrowid,)).fetchone()
    return dict(fila)


def por_token(token: str, *, ruta: Path | None = None) -> dict[str, Any] | None:
    """El participante de ese token (o ``None``)."""
    with conexion(ruta) as con:
        fila = con.execute("SELECT * FROM participantes WHERE token = ?", (token,)).fetchone()
    return dict(fila) if fila else None


def guardar_ronda(participante: int, ronda: int, datos: Any, *,
                  ruta: Path | None = None) -> bool:
    """Guarda las decisiones de una ronda si es la siguiente que falta; ``False`` si ya estaba.

    Raises:
        ErrorSala: si se salta rondas o el participante ya terminó.
    """
    with transaccion(ruta) as con:
        fila = con.execute("SELECT terminado FROM participantes WHERE id = ?",
                           (participante,)).fetchone()
        if fila is None or fila["terminado"]:
            raise ErrorSala("el intento ya terminó")
        n = con.execute("SELECT COUNT(*) FROM jugadas WHERE participante = ?",
                        (participante,)).fetchone()[0]
        if ronda < n:
            return False
        if ronda > n:
            raise ErrorSala(f"falta guardar la ronda {n + 1}")
        ahora = time.time()
        con.execute("INSERT INTO jugadas (participante, ronda, datos, creada) VALUES (?, ?, ?, ?)",
                    (participante, ronda, json.dumps(datos, ensure_ascii=False), ahora))
        con.execute("UPDATE participantes SET actualizado = ? WHERE id = ?", (ahora, participante))
    return True


def jugadas(participante: int, *, ruta: Path | None = None) -> list[Any]:
    """Las decisiones guardadas, ronda por ronda."""
    with conexion(ruta) as con:
        filas = con.execute("SELECT datos FROM jugadas WHERE participante = ? ORDER BY ronda",
                            (participante,)).fetchall()
    return [json.loads(f["datos"]) for f in filas]


def terminar(participante: int, puntaje: float, detalle: dict[str, Any], *,
             ruta: Path | None = None) -> None:
    """Cierra el intento con su puntaje y el detalle (criterios, decisiones clave)."""
    with transaccion(ruta) as con:
        con.execute("UPDATE participantes SET terminado = 1, puntaje = ?, detalle = ?, "
                    "actualizado = ? WHERE id = ?",
                    (puntaje, json.dumps(detalle, ensure_ascii=False), time.time(), participante))


def participantes(codigo: str, *, ruta: Path | None = None) -> list[dict[str, Any]]:
    """Los participantes de una sesión con sus rondas jugadas, el mejor puntaje primero."""
    with conexion(ruta) as con:
        filas = con.execute(
            "SELECT p.*, (SELECT COUNT(*) FROM jugadas j WHERE j.participante = p.id) AS rondas "
            "FROM participantes p WHERE p.codigo = ? "
            "ORDER BY p.puntaje IS NULL, p.puntaje DESC, p.unido", (normalizar_codigo(codigo),),
        ).fetchall()
    return [dict(f) for f in filas]


def exportar_csv(codigo: str, *, ruta: Path | None = None) -> str:
    """Participantes, avance, puntaje y criterios de una sesión, en CSV (separador ;)."""
    salida = io.StringIO()
    w = csv.writer(salida, delimiter=";")
    w.writerow(["posicion", "nombre", "rondas", "terminado", "puntaje", "criterios"])
    for i, p in enumerate(participantes(codigo, ruta=ruta), start=1):
        detalle = json.loads(p["detalle"]) if p["detalle"] else {}
        crit = " | ".join(f"{c['nombre']}: {c['puntos']}"
                          for c in detalle.get("criterios", []))
        w.writerow([i if p["puntaje"] is not None else "", p["nombre"], p["rondas"],
                    "sí" if p["terminado"] else "no",
                    "" if p["puntaje"] is None else f"{p['puntaje']:.1f}", crit])
    return salida.getvalue()


# --- clave del capacitador -----------------------------------------------------------------------

def hash_clave(clave: str, *, sal: bytes | None = None, iteraciones: int = ITERACIONES) -> str:
    """``pbkdf2_sha256$iteraciones$sal$hash`` de una clave."""
    sal = sal or secrets.token_bytes(16)
    h = hashlib.pbkdf2_hmac("sha256", clave.encode("utf-8"), sal, iteraciones)
    return f"pbkdf2_sha256${iteraciones}${sal.hex()}${h.hex()}"


def hash_configurado(secretos: Mapping[str, Any] | None = None) -> str | None:
    """El hash de la clave configurada (variables de entorno, luego secretos), o ``None``.

    Si la clave viene en claro se convierte aquí y solo se conserva su hash.
    """
    fuentes: list[Mapping[str, Any]] = [os.environ, *([secretos] if secretos else [])]
    for fuente in fuentes:
        h = fuente.get("SIMULADOR_CLAVE_CAPACITADOR_HASH")
        if h:
            return str(h)
        clave = fuente.get("SIMULADOR_CLAVE_CAPACITADOR")
        if clave:
            return _hash_memo(str(clave))
    return None


_MEMO: dict[str, str] = {}


def _hash_memo(clave: str) -> str:
    llave = hashlib.sha256(clave.encode("utf-8")).hexdigest()
    if llave not in _MEMO:
        _MEMO[llave] = hash_clave(clave, iteraciones=50_000)
    return _MEMO[llave]


def verificar_clave(intento: str, hash_guardado: str | None) -> bool:
    """Si ``intento`` corresponde al hash (comparación en tiempo constante)."""
    if not hash_guardado or not intento:
        return False
    try:
        tipo, iteraciones, sal, esperado = hash_guardado.split("$")
        if tipo != "pbkdf2_sha256":
            return False
        calculado = hashlib.pbkdf2_hmac("sha256", intento.encode("utf-8"), bytes.fromhex(sal),
                                        int(iteraciones)).hex()
    except ValueError:
        return False
    return hmac.compare_digest(calculado, esperado)


if __name__ == "__main__":  # pragma: no cover - ayuda para configurar la clave sin dejarla en claro
    import getpass

    print("SIMULADOR_CLAVE_CAPACITADOR_HASH=" + hash_clave(
        sys.argv[1] if len(sys.argv) > 1 else getpass.getpass("Clave del capacitador: ")))
