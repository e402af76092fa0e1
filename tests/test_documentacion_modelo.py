"""docs/modelo.md: la tabla de parámetros está al día con los modelos y nombra cada parámetro."""

from __future__ import annotations

import pytest

from simulador.config import (
    ClienteAncla,
    CostosCanal,
    EquipoCobranza,
    MontoFactura,
    ParametrosComportamiento,
    Postulantes,
    Segmento,
    Shock,
)
from simulador.documentacion import (
    MARCA_FIN,
    MARCA_INICIO,
    RAIZ,
    extraer_tabla,
    tabla_parametros,
    texto_modelo,
)

MODELO_MD = RAIZ / "docs" / "modelo.md"


@pytest.fixture(scope="module")
def documento() -> str:
    return MODELO_MD.read_text(encoding="utf-8")


def test_tabla_de_parametros_al_dia(documento: str) -> None:
    assert extraer_tabla(documento) == tabla_parametros(), (
        "la tabla de docs/modelo.md no coincide con los modelos; regenere con: "
        "python -m simulador.documentacion"
    )


def test_regenerar_no_cambia_el_documento(documento: str) -> None:
    assert texto_modelo(documento) == documento


@pytest.mark.parametrize("modelo", [ParametrosComportamiento, Segmento], ids=lambda m: m.__name__)
def test_cada_campo_de_comportamiento_y_segmento_esta_en_la_tabla(documento: str,
                                                                  modelo: type) -> None:
    tabla = extraer_tabla(documento)
    faltan = [n for n in modelo.model_fields if f"| `{n}` |" not in tabla]
    assert not faltan, f"{modelo.__name__}: faltan en docs/modelo.md: {', '.join(faltan)}"


@pytest.mark.parametrize(
    "modelo", [MontoFactura, ClienteAncla, Postulantes, EquipoCobranza, CostosCanal, Shock],
    ids=lambda m: m.__name__,
)
def test_cada_seccion_del_escenario_esta_en_la_tabla(documento: str, modelo: type) -> None:
    tabla = extraer_tabla(documento)
    faltan = [n for n in modelo.model_fields if f"| `{n}` |" not in tabla]
    assert not faltan, f"{modelo.__name__}: faltan en docs/modelo.md: {', '.join(faltan)}"


def test_cada_parametro_de_comportamiento_declara_fuente() -> None:
    sin_fuente = [
        n for n, i in ParametrosComportamiento.model_fields.items()
        if not (isinstance(i.json_schema_extra, dict) and i.json_schema_extra.get("fuente"))
    ]
    assert not sin_fuente, f"parámetros sin fuente (o 'supuesto'): {', '.join(sin_fuente)}"


def test_las_marcas_aparecen_una_vez(documento: str) -> None:
    assert documento.count(MARCA_INICIO) == 1
    assert documento.count(MARCA_FIN) == 1
    assert documento.index(MARCA_INICIO) < documento.index(MARCA_FIN)


def test_marcas_faltantes_son_un_error() -> None:
    with pytest.raises(ValueError, match="tabla-parametros"):
        extraer_tabla("# sin marcas\n")
