"""La línea de comandos: JSON reproducible byte a byte, CSV, barrido y errores en español."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]

ESCENARIO = """\
version: 1
nombre: chico
descripcion: escenario chico para probar la línea de comandos
clientes: 60
horizonte_dias: 90
calentamiento_dias: 30
segmentos:
  - nombre: unico
    participacion_pct: 100
    compras_por_mes: 2
    monto_factura: {media: 1000}
    atraso_medio_dias: 10
"""
POLITICA = """\
version: 1
nombre: con llamada
descripcion: neto 30 con una llamada
seguimiento:
  - {dias: 5, accion: llamada}
"""


def correr(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "simulador", *args], capture_output=True,
                          text=True, cwd=RAIZ, timeout=300)


@pytest.fixture
def archivos(tmp_path: Path) -> tuple[str, str, str]:
    e = tmp_path / "esc.yaml"
    p = tmp_path / "pol.yaml"
    q = tmp_path / "otra.yaml"
    e.write_text(ESCENARIO, encoding="utf-8")
    p.write_text(POLITICA, encoding="utf-8")
    q.write_text(POLITICA.replace("con llamada", "a 45 días") + "plazo_dias: 45\n",
                 encoding="utf-8")
    return str(e), str(p), str(q)


def test_json_identico_byte_a_byte_con_cualquier_numero_de_trabajadores(archivos) -> None:
    e, p, _ = archivos
    a = correr("correr", e, "--politica", p, "--replicas", "3", "--json", "-t", "1")
    b = correr("correr", e, "--politica", p, "--replicas", "3", "--json", "-t", "2")
    assert a.returncode == 0, a.stderr
    assert a.stdout == b.stdout
    datos = json.loads(a.stdout)
    for clave in ("facturado", "cobrado", "descuentos", "castigado", "pendiente"):
        assert set(datos["libro"][clave]) == {"media", "ic95_inf", "ic95_sup", "p5", "p95"}
    for clave in ("dso", "dso_recuento", "cei", "incobrables_pct", "resultado_economico"):
        assert datos["kpis"][clave]["media"] is not None
    libro = {k: v["media"] for k, v in datos["libro"].items()}
    assert libro["facturado"] == pytest.approx(
        libro["cobrado"] + libro["descuentos"] + libro["castigado"] + libro["pendiente"])
    assert datos["procedencia"]["semilla"] == 1


def test_comparar_da_diferencias_con_intervalo(archivos) -> None:
    e, p, q = archivos
    r = correr("comparar", e, "-p", p, "-p", q, "-r", "3", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)["diferencias"][0]
    assert d["alternativa"] == "a 45 días"
    assert d["kpis"]["dso"]["diferencia"] > 0
    assert d["kpis"]["dso"]["distinguible"] is True
    tabla = correr("comparar", e, "-p", p, "-p", q, "-r", "2")
    assert "distinguible" in tabla.stdout


def test_csv_escribe_libro_eventos_y_series(archivos, tmp_path: Path) -> None:
    e, p, _ = archivos
    r = correr("correr", e, "-p", p, "-r", "2", "--csv", str(tmp_path / "salida"))
    assert r.returncode == 0, r.stderr
    nombres = {x.name for x in (tmp_path / "salida").iterdir()}
    assert {"libro.csv", "eventos.csv", "series_diarias.csv", "kpis_por_replica.csv"} <= nombres
    assert "DSO" in r.stdout


def test_barrido_json_tiene_un_punto_por_valor(archivos) -> None:
    e, p, _ = archivos
    r = correr("barrido", e, "-p", p, "--parametro", "plazo_dias=30:60:15", "-r", "2", "--json")
    assert r.returncode == 0, r.stderr
    puntos = json.loads(r.stdout)["puntos"]
    assert [x["plazo_dias"] for x in puntos] == [30, 45, 60]


@pytest.mark.parametrize(("args", "mensaje"), [
    (["correr", "{e}", "-p", "{p}", "--replicas", "tres"],
     "--replicas: 'tres' no es un número entero"),
    (["correr", "{e}", "-p", "{p}", "--replicas", "0"], "--replicas: debe ser ≥ 1"),
    (["correr", "{e}", "--replikas", "3"], "opción desconocida --replikas"),
    (["correr", "{e}"], "falta --politica"),
    (["corer"], "subcomando desconocido 'corer'"),
    (["correr", "no_existe.yaml", "-p", "{p}"], "no_existe.yaml: no existe"),
    (["barrido", "{e}", "-p", "{p}", "--parametro", "descuento.pctt=1,2"],
     "clave desconocida 'pctt'"),
])
def test_errores_en_espanol(archivos, args: list[str], mensaje: str) -> None:
    e, p, _ = archivos
    r = correr(*(a.format(e=e, p=p) for a in args))
    assert r.returncode == 2
    assert mensaje in r.stderr
    assert "Traceback" not in r.stderr
