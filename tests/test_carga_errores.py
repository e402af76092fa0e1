"""Cada tipo de entrada mala da su mensaje en español, en su línea y con la ruta del valor."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulador.carga import (
    ErrorCarga,
    ProblemaArchivo,
    cargar_escenario,
    cargar_politica,
    validar_archivo,
    validar_combinacion,
)

INVALIDOS = Path(__file__).parent / "datos" / "invalidos"

ESCENARIO = """\
version: 1
nombre: pyme
descripcion: Distribuidora pequeña
horizonte_dias: 180
segmentos:
  - nombre: unico
    participacion_pct: 100
    compras_por_mes: 2
    monto_factura: {media: 1000}
    atraso_medio_dias: 5
"""


def _problemas(texto: str, cargar=cargar_politica) -> list[ProblemaArchivo]:
    with pytest.raises(ErrorCarga) as info:
        cargar(texto, archivo="politicas/prueba.yaml")
    return info.value.problemas


def _uno(problemas: list[ProblemaArchivo], ruta: str) -> ProblemaArchivo:
    encontrados = [p for p in problemas if p.ruta == ruta]
    assert len(encontrados) == 1, problemas
    return encontrados[0]


def test_formato_del_problema_nombra_archivo_linea_ruta_y_mensaje():
    p = ProblemaArchivo("politicas/estricta.yaml", 12, "seguimiento[1].dias", "debe ser ≥ -60")
    assert str(p) == "politicas/estricta.yaml, línea 12: seguimiento[1].dias: debe ser ≥ -60"
    error = ErrorCarga([p, ProblemaArchivo("x.yaml", None, "", "vacío")])
    assert str(error) == f"{p}\nx.yaml: vacío"


# (archivo, línea, ruta, fragmento del mensaje)
ESPERADOS = {
    "politica_varios_errores.yaml": [
        (9, "seguimiento[1].dias", "debe ser ≥ -60"),
        (13, "mora.cargo_pct", "valor repetido: la clave 'cargo_pct' ya aparece en la línea 12"),
        (15, "planes.cuotas", "se esperaba un número entero"),
        (16, "planes.ofrecer", "se esperaba sí o no"),
        (18, "verificacion.accion", "los permitidos son: rechazar, prepago"),
        (19, "plazo_dia", "clave desconocida 'plazo_dia' (¿quiso decir 'plazo_dias'?); "
                          "las permitidas son: version, nombre"),
    ],
    "politica_descuento_fuera_de_plazo.yaml": [
        (7, "descuento.dias", "45 debe ser menor que plazo_dias (30)"),
    ],
    "politica_falta_accion.yaml": [(5, "seguimiento[0].accion", "falta el valor obligatorio")],
    "escenario_participaciones.yaml": [(5, "segmentos", "suman 90 %, deben sumar 100 %")],
    "escenario_tipos.yaml": [
        (4, "horizonte_dias", "se esperaba un número entero (se indicó 'un año')"),
        (5, "fecha_inicio", "la fecha '2026-02-30' no existe"),
        (11, "segmentos[0].monto_factura.media", "debe ser > 0"),
    ],
    "politica_base_ruta.yaml": [(4, "base", "nombre simple")],
    "politica_version_futura.yaml": [(1, "version", "más nueva que la que este programa")],
    "politica_etiqueta_python.yaml": [(3, "", "etiqueta no permitida '!!python/object")],
    "alias_ciclico.yaml": [(2, "", "ciclo")],
    "bomba_alias.yaml": [(None, "", "bomba de alias")],
}


@pytest.mark.parametrize("nombre", sorted(ESPERADOS))
def test_archivo_invalido_da_cada_error_en_su_linea(nombre: str):
    problemas = validar_archivo(INVALIDOS / nombre)
    assert len(problemas) == len(ESPERADOS[nombre]), "\n".join(map(str, problemas))
    for problema, (linea, ruta, fragmento) in zip(problemas, ESPERADOS[nombre], strict=True):
        assert problema.archivo.endswith(nombre)
        if linea is not None:
            assert problema.linea == linea, str(problema)
        assert problema.ruta == ruta, str(problema)
        assert fragmento in problema.mensaje, str(problema)


def test_todos_los_archivos_invalidos_tienen_su_expectativa():
    assert {p.name for p in INVALIDOS.glob("*.yaml")} == set(ESPERADOS)


def test_escalar_fuera_de_rango_muestra_lo_permitido():
    p = _uno(_problemas("nombre: x\nplazo_dias: 400\n"), "plazo_dias")
    assert p.linea == 2
    assert p.mensaje == "debe ser ≤ 365 (se indicó 400; rango permitido: 0 a 365 días)"


def test_falta_un_obligatorio_se_informa_en_la_linea_de_su_seccion():
    p = _uno(_problemas("descripcion: sin nombre\nplazo_dias: 30\n"), "nombre")
    assert p.linea == 1
    assert "falta el valor obligatorio 'nombre'" in p.mensaje


def test_texto_esperado_y_yaml_1_1_lee_no_como_booleano():
    p = _uno(_problemas("nombre: x\nplanes:\n  a_quien: no\n"), "planes.a_quien")
    assert p.linea == 3
    assert "entre comillas" in p.mensaje and "los permitidos son" in p.mensaje


def test_clave_no_textual_se_rechaza():
    problemas = _problemas("nombre: x\n1: dos\n")
    assert problemas[0].linea == 2 and "cada clave debe ser un texto" in problemas[0].mensaje


def test_yaml_mal_escrito_da_linea_y_explicacion_en_espanol():
    problemas = _problemas("nombre: x\nplazo_dias: 30\n  mal: sangria\n")
    assert problemas[0].linea == 3
    assert problemas[0].mensaje.startswith("YAML mal escrito: ")


@pytest.mark.parametrize("texto", [
    "nombre: x\nplazo_dias: 30\n  mal: sangria\n",  # sangría
    "nombre: x\n\tplazo_dias: 30\n",  # tabulador
    "nombre: x\nesto no es yaml\notra: cosa\n",  # falta ':'
    "nombre: x\nseguimiento:\n  - dias: 3\n - dias: 4\n",  # lista mal sangrada
    "nombre: x\nlista: [1, 2\notra: 3\n",  # corchete sin cerrar
    "nombre: x\nsec: {a: 1}}\n",  # llave de más
    'nombre: "a" "b"\n',  # texto de más
    "nombre: x\nsec: {a: 1, b: [2}\n",  # mezcla
])
def test_yaml_mal_escrito_sin_el_texto_en_ingles_del_lector(texto: str):
    """Con una traducción, el mensaje queda solo en español (antes seguía «(detalle: expected
    <block end>, but found ...)»)."""
    mensaje = _problemas(texto)[0].mensaje
    assert mensaje.startswith("YAML mal escrito: ")
    assert not any(p in mensaje for p in ("expected", "found", "could not", "detalle")), mensaje


def test_archivo_vacio_y_raiz_que_no_es_seccion():
    assert "vacío" in _problemas("")[0].mensaje
    assert "sección de claves y valores" in _problemas("- 1\n- 2\n")[0].mensaje


def test_paso_incoherente_se_informa_en_su_linea():
    texto = "nombre: x\nseguimiento:\n  - dias: 3\n    accion: recordatorio\n    canal: llamada\n"
    p = _uno(_problemas(texto), "seguimiento[0]")
    assert p.linea == 3 and "email, sms o carta" in p.mensaje


def test_escenario_con_ancla_desconocida_nombra_la_clave():
    texto = ESCENARIO + "cliente_ancla:\n  segmento: otro\n  participacion_ventas_pct: 10\n"
    p = _problemas(texto, cargar_escenario)[0]
    assert p.ruta == "cliente_ancla.segmento" and p.linea == 12


def test_plan_que_excede_el_horizonte_se_informa_en_la_politica():
    escenario = cargar_escenario(ESCENARIO)
    politica = cargar_politica("nombre: planes largos\nplanes:\n  ofrecer: true\n  cuotas: 12\n")
    problemas = validar_combinacion(escenario, politica, archivo_politica="p.yaml")
    assert len(problemas) == 1
    assert problemas[0].ruta == "planes.cuotas"
    assert "dura 360 días, más que el horizonte" in problemas[0].mensaje
    corta = cargar_politica("nombre: corto\nplanes:\n  ofrecer: true\n  cuotas: 6\n")
    assert validar_combinacion(escenario, corta) == []


def test_cambio_con_fecha_y_ruta_desconocida_se_informa_en_su_linea():
    texto = ("nombre: x\ncambios:\n  - desde_dia: 90\n    cambios:\n      plazo_dias: 45\n"
             "      mora: {cargo_pcx: 2}\n")
    p = _problemas(texto)[0]
    assert p.ruta == "cambios[0].cambios.mora.cargo_pcx" and p.linea == 6
    assert "clave desconocida 'cargo_pcx'" in p.mensaje


def test_archivo_de_disco_y_subida_dan_los_mismos_problemas(tmp_path: Path):
    texto = (INVALIDOS / "politica_varios_errores.yaml").read_bytes()
    ruta = tmp_path / "p.yaml"
    ruta.write_bytes(texto)
    with pytest.raises(ErrorCarga) as disco:
        cargar_politica(ruta, archivo="p.yaml")
    with pytest.raises(ErrorCarga) as subida:
        cargar_politica(texto, archivo="p.yaml")
    assert disco.value.problemas == subida.value.problemas


def test_una_politica_subida_como_escenario_y_al_reves_lo_dicen_en_un_solo_mensaje():
    """Antes, cada clave del otro tipo daba un error con una sugerencia equivocada («mora»:
    ¿quiso decir «moneda»?)."""
    raiz = Path(__file__).resolve().parents[1]
    with pytest.raises(ErrorCarga) as e:
        cargar_escenario(raiz / "politicas" / "estricta.yaml")
    [p] = e.value.problemas
    assert p.mensaje.startswith("este archivo parece una política, no un escenario")
    assert "«mora»" in p.mensaje and "quiso decir" not in p.mensaje
    with pytest.raises(ErrorCarga) as e:
        cargar_politica(raiz / "escenarios" / "pyme_distribuidora.yaml")
    [p] = e.value.problemas
    assert p.mensaje.startswith("este archivo parece un escenario, no una política")
    # una o dos claves de más en un escenario siguen siendo claves desconocidas, cada una
    with pytest.raises(ErrorCarga) as e:
        cargar_escenario(ESCENARIO + "mora: {cargo_pct: 2}\n", archivo="esc.yaml")
    assert "parece" not in str(e.value) and "mora" in str(e.value)
