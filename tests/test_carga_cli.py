"""Línea de comandos: validar, esquema y diferencias."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from simulador.cli import app

INVALIDOS = Path(__file__).parent / "datos" / "invalidos"
RUNNER = CliRunner()

POLITICA = "version: 1\nnombre: estandar\ndescripcion: Neto 30\nplazo_dias: 30\n"
ESCENARIO = """\
version: 1
nombre: corto
descripcion: Horizonte de 90 días
horizonte_dias: 90
segmentos:
  - nombre: unico
    participacion_pct: 100
    compras_por_mes: 2
    monto_factura: {media: 1000}
    atraso_medio_dias: 5
"""


def test_validar_archivo_valido_sale_con_cero(tmp_path: Path):
    ruta = tmp_path / "estandar.yaml"
    ruta.write_text(POLITICA)
    resultado = RUNNER.invoke(app, ["validar", str(ruta)])
    assert resultado.exit_code == 0, resultado.output
    assert resultado.output.strip().endswith("estandar.yaml: válido")
    assert resultado.output.startswith("✓ ")


def test_validar_con_problemas_sale_con_uno_y_los_muestra_todos(tmp_path: Path):
    valido = tmp_path / "estandar.yaml"
    valido.write_text(POLITICA)
    roto = INVALIDOS / "politica_varios_errores.yaml"
    resultado = RUNNER.invoke(app, ["validar", str(valido), str(roto)])
    assert resultado.exit_code == 1
    lineas = resultado.output.strip().splitlines()
    assert any(x.startswith("✓ ") for x in lineas)
    errores = [x for x in lineas if "politica_varios_errores.yaml, línea " in x]
    assert len(errores) == 6
    assert any("línea 9: seguimiento[1].dias: debe ser ≥ -60" in x for x in errores)


def test_validar_cruza_escenario_y_politica(tmp_path: Path):
    (tmp_path / "escenarios").mkdir()
    (tmp_path / "escenarios" / "corto.yaml").write_text(ESCENARIO)
    politica = tmp_path / "planes.yaml"
    politica.write_text(POLITICA + "planes:\n  ofrecer: true\n  cuotas: 4\n")
    resultado = RUNNER.invoke(app, ["validar", str(tmp_path / "escenarios" / "corto.yaml"),
                                    str(politica)])
    assert resultado.exit_code == 1
    assert "planes.yaml, línea 7: planes.cuotas: un plan de 4 cuotas" in resultado.output


def test_validar_archivo_inexistente(tmp_path: Path):
    resultado = RUNNER.invoke(app, ["validar", str(tmp_path / "no.yaml")])
    assert resultado.exit_code == 1
    assert "no se puede leer el archivo" in resultado.output


def test_esquema_escribe_un_esquema_por_tipo(tmp_path: Path):
    resultado = RUNNER.invoke(app, ["esquema", "--carpeta", str(tmp_path)])
    assert resultado.exit_code == 0, resultado.output
    politica = json.loads((tmp_path / "politica.schema.json").read_text())
    escenario = json.loads((tmp_path / "escenario.schema.json").read_text())
    assert politica["additionalProperties"] is False
    assert "base" in politica["properties"] and "plazo_dias" in politica["properties"]
    assert "segmentos" in escenario["properties"]


def test_diferencias_muestra_palanca_por_palanca(tmp_path: Path):
    a = tmp_path / "estandar.yaml"
    a.write_text(POLITICA)
    b = tmp_path / "pronto.yaml"
    b.write_text("base: estandar\nnombre: pronto\ndescuento: {pct: 2, dias: 10}\n")
    resultado = RUNNER.invoke(app, ["diferencias", str(a), str(b)])
    assert resultado.exit_code == 0, resultado.output
    lineas = resultado.output.splitlines()
    assert lineas[0].split() == ["palanca", "estandar", "pronto"]
    assert lineas[2].split() == ["descuento.pct", "0", "%", "2", "%"]
    assert lineas[3].split() == ["descuento.dias", "0", "días", "10", "días"]
    assert len(lineas) == 4


def test_diferencias_con_archivo_roto_sale_con_uno():
    roto = INVALIDOS / "politica_varios_errores.yaml"
    resultado = RUNNER.invoke(app, ["diferencias", str(roto), str(roto)])
    assert resultado.exit_code == 1
