"""Genera ``docs/formatos.md``, ``esquemas/*.schema.json`` y la tabla de ``docs/modelo.md``.

``python -m simulador.documentacion`` los regenera; una prueba falla si regenerarlos cambia algo, de
modo que la documentación no puede desviarse del código.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from simulador.carga.archivos import MAX_BASES
from simulador.carga.errores import numero
from simulador.carga.tipos import tipos_registrados
from simulador.carga.traduccion import rango_de, unidad_de
from simulador.carga.version import DESCRIPCION_MIGRACIONES
from simulador.carga.yaml_seguro import LIMITE_BYTES, LIMITE_NODOS, LIMITE_PROFUNDIDAD
from simulador.config.base import VERSION_FORMATO

RAIZ = Path(__file__).resolve().parents[1]
"""Carpeta del proyecto."""


# ---------------------------------------------------------------- esquemas JSON


def _con_unidades(nodo: Any) -> None:
    """Agrega la unidad a la descripción de cada propiedad (la muestran los editores)."""
    if isinstance(nodo, dict):
        unidad = nodo.get("unidad")
        if isinstance(unidad, str) and isinstance(nodo.get("description"), str):
            nodo["description"] = f"{nodo['description']} [{unidad}]"
        for valor in nodo.values():
            _con_unidades(valor)
    elif isinstance(nodo, list):
        for valor in nodo:
            _con_unidades(valor)


def esquema_json(tipo: str) -> dict[str, Any]:
    """El esquema JSON de un tipo de archivo (``escenario``, ``politica``...)."""
    modelo = tipos_registrados()[tipo].modelo
    esquema = modelo.model_json_schema(by_alias=True, mode="validation")
    _con_unidades(esquema)
    esquema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{tipo}.schema.json",
        **esquema,
    }
    if tipo == "politica":
        esquema["properties"] = {
            "base": {
                "type": "string",
                "pattern": "^[a-z0-9_-]+$",
                "description": "Nombre de la política base (archivo de politicas/ sin .yaml): "
                "este archivo solo trae lo que cambia",
            },
            **esquema["properties"],
        }
        requeridos = esquema.pop("required", [])
        esquema["anyOf"] = [{"required": ["base"]}, {"required": requeridos}]
    return esquema


def textos_esquemas() -> dict[str, str]:
    """Nombre de archivo -> contenido de cada esquema JSON."""
    return {
        t.archivo_esquema: json.dumps(esquema_json(n), ensure_ascii=False, indent=2) + "\n"
        for n, t in sorted(tipos_registrados().items())
    }


def escribir_esquemas(carpeta: Path) -> list[Path]:
    """Escribe los esquemas JSON en ``carpeta`` y devuelve las rutas escritas."""
    carpeta.mkdir(parents=True, exist_ok=True)
    escritas = []
    for nombre, texto in textos_esquemas().items():
        ruta = carpeta / nombre
        ruta.write_text(texto, encoding="utf-8")
        escritas.append(ruta)
    return escritas


# ---------------------------------------------------------------- docs/formatos.md


def _tipos(anotacion: Any) -> list[Any]:
    origen = get_origin(anotacion)
    if origen in (typing.Union, types.UnionType):
        return [a for a in get_args(anotacion) if a is not type(None)]
    return [anotacion]


def _es_modelo(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _nombre_tipo(anotacion: Any) -> str:
    partes = []
    for t in _tipos(anotacion):
        origen, args = get_origin(t), get_args(t)
        if origen is Literal:
            partes.append("uno de: " + ", ".join(
                f"`{json.dumps(a, ensure_ascii=False) if isinstance(a, str) else a}`" for a in args
            ))
        elif origen is tuple and len(args) == 2 and args[1] is Ellipsis:
            partes.append(f"lista de {_nombre_tipo(args[0])}")
        elif origen is tuple:
            partes.append("par (" + ", ".join(_nombre_tipo(a) for a in args) + ")")
        elif origen is dict:
            partes.append("sección libre (mismas claves que la política)")
        elif _es_modelo(t):
            partes.append(f"sección [{t.__name__}](#{t.__name__.lower()})")
        else:
            partes.append({int: "entero", float: "número", bool: "sí/no (`true`/`false`)",
                           str: "texto", dt.date: "fecha AAAA-MM-DD"}.get(t, str(t)))
    if type(None) in get_args(anotacion):
        partes.append("vacío")
    return " o ".join(partes)


def _permitido(info: FieldInfo) -> str:
    texto = _nombre_tipo(info.annotation)
    lo, hi = rango_de(info)
    if lo is not None or hi is not None:
        tiene = {type(m).__name__: m for m in info.metadata}
        izq = f"{numero(lo)} {'<' if 'Gt' in tiene else '≤'} " if lo is not None else ""
        der = f" {'<' if 'Lt' in tiene else '≤'} {numero(hi)}" if hi is not None else ""
        texto += f"; {izq}valor{der}"
    largos = [(getattr(m, "min_length", None), getattr(m, "max_length", None))
              for m in info.metadata]
    for minimo, maximo in largos:
        if minimo is not None:
            texto += f"; largo ≥ {minimo}"
        if maximo is not None:
            texto += f"; largo ≤ {maximo}"
    return texto


def _defecto(info: FieldInfo) -> str:
    if info.is_required():
        return "**obligatorio**"
    valor = info.get_default(call_default_factory=True)
    if isinstance(valor, BaseModel):
        return f"ver [{type(valor).__name__}](#{type(valor).__name__.lower()})"
    if valor is None:
        return "vacío"
    if isinstance(valor, bool):
        return "`true`" if valor else "`false`"
    if isinstance(valor, tuple) and not valor:
        return "ninguno"
    if isinstance(valor, tuple):
        return f"`{json.dumps(valor)}`"
    if isinstance(valor, dt.date):
        return f"`{valor.isoformat()}`"
    if isinstance(valor, str):
        return f"`\"{valor}\"`" if valor else "`\"\"`"
    return f"`{numero(valor)}`"


def _celda(texto: str) -> str:
    return texto.replace("|", "\\|").replace("\n", " ")


def _modelos(raiz: type[BaseModel]) -> list[type[BaseModel]]:
    """El modelo y sus submodelos, en el orden en que aparecen."""
    vistos: list[type[BaseModel]] = []
    pendientes = [raiz]
    while pendientes:
        modelo = pendientes.pop(0)
        if modelo in vistos:
            continue
        vistos.append(modelo)
        for info in modelo.model_fields.values():
            pila: list[Any] = [info.annotation]
            while pila:
                t = pila.pop(0)
                if isinstance(t, type) and issubclass(t, BaseModel):
                    pendientes.append(t)
                else:
                    pila.extend(a for a in get_args(t) if a is not Ellipsis)
    return vistos


def _tabla(modelo: type[BaseModel]) -> list[str]:
    doc = (modelo.__doc__ or "").strip().splitlines()[0]
    lineas = [f"### {modelo.__name__}", "", doc, "",
              "| clave | significado | unidad | permitido | por defecto | fuente |",
              "|---|---|---|---|---|---|"]
    for nombre, info in modelo.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        fuente = str(extra.get("fuente", ""))
        lineas.append("| " + " | ".join(_celda(x) for x in (
            f"`{info.alias or nombre}`", info.description or "", unidad_de(info) or "—",
            _permitido(info), _defecto(info), fuente or "—",
        )) + " |")
    return [*lineas, ""]


_INTRODUCCION = """\
# Formatos de archivo: escenarios y políticas

> Archivo generado por `python -m simulador.documentacion` desde los modelos de
> `simulador/config/`. No lo edite a mano: una prueba falla si no coincide con el código.

Versión vigente del formato: **{version}**.

## Reglas comunes

- Cada archivo empieza con `version` (del formato), `nombre` y `descripcion`. Los valores llevan
  su unidad en el nombre de la clave (`plazo_dias`, `pct`) o en las tablas de abajo: el tiempo en
  días y el dinero en la moneda del escenario.
- La primera línea conecta el archivo con su esquema JSON, para que el editor (por ejemplo VS Code
  con la extensión YAML) complete claves y subraye errores:
  `# yaml-language-server: $schema=../esquemas/politica.schema.json` (o `escenario.schema.json`).
  También se acepta la clave `$schema:`; el simulador la ignora. Los esquemas se escriben con
  `simulador esquema`.
- Una clave desconocida, una clave repetida, un tipo equivocado, un valor fuera de rango o una
  combinación incoherente es un error. `simulador validar ARCHIVO...` revisa archivos sin correrlos
  y muestra cada problema como `archivo, línea N: ruta: mensaje` (las rutas usan `.` entre claves y
  `[i]` para las listas, contando desde 0). Un valor que falta se informa en la línea de su sección.
- Al validar juntos un escenario y una política se revisa además que un plan de pago
  (`planes.cuotas` × `planes.intervalo_dias`) quepa en `horizonte_dias` y que los `cambios` con
  fecha empiecen dentro del horizonte.
- Cuidado con YAML 1.1: `no`, `si`, `on` se leen como sí/no; escriba los textos así entre comillas.

## Qué tipo de archivo es

`simulador validar` reconoce el tipo por sus claves de primer nivel: una política trae alguna de
{claves_politica}; un escenario, alguna de {claves_escenario}. Si no alcanza, decide la carpeta
(`politicas/`, `escenarios/`). Si tampoco, el archivo se rechaza.

## Políticas como cambios sobre otra (`base`)

Una política puede escribirse como cambios sobre otra de la biblioteca, como las reformas de
PolicyEngine: `base: NOMBRE` más solo lo que cambia. «La misma política pero con 2/10 neto 30»:

```yaml
base: estandar
plazo_dias: 30
descuento: {{pct: 2, dias: 10}}
```

- `NOMBRE` es un nombre simple (`[a-z0-9_-]+`, sin carpetas ni extensión): el archivo
  `NOMBRE.yaml` de la misma carpeta o de `politicas/`. Nunca se lee otra ruta.
- Las secciones se combinan clave por clave; las listas (`seguimiento`, `cambios`) se reemplazan
  enteras. Una ruta que no existe en la base es un error en su línea.
- `version`, `nombre` y `descripcion` son los del archivo derivado; si faltan, se heredan.
- Una base puede tener a su vez base (hasta {max_bases} niveles); un ciclo es un error.
- `simulador diferencias A B` muestra palanca por palanca qué cambia entre dos políticas.

## Archivos ajenos

Los mismos controles valen para archivos del disco, de la línea de comandos o subidos a la app:
tamaño máximo {kb} KB; solo YAML seguro (ninguna etiqueta crea objetos de Python); a lo sumo
{nodos} valores y {niveles} niveles de anidamiento contados con los alias expandidos (las «bombas
de alias» y los alias cíclicos se rechazan antes de expandirse); sin claves de fusión (`<<`); un
solo documento por archivo.

## Versiones

Un archivo de una versión más nueva que la del programa se rechaza. Uno de una versión anterior se
convierte con un aviso que dice qué cambió, o se rechaza explicando por qué. Cambios por versión:

{migraciones}

Cada resultado guarda la versión del formato, la versión del programa, la semilla y una huella
SHA-256 de las entradas.
"""


def texto_formatos() -> str:
    """El contenido de ``docs/formatos.md``."""
    tipos = tipos_registrados()

    migraciones = [
        f"- {tipo}, versión {v} → {v + 1}: {texto}"
        for tipo, pasos in sorted(DESCRIPCION_MIGRACIONES.items())
        for v, texto in sorted(pasos.items())
    ]
    partes = [_INTRODUCCION.format(
        version=VERSION_FORMATO, max_bases=MAX_BASES, kb=LIMITE_BYTES // 1024,
        nodos=f"{LIMITE_NODOS:,}".replace(",", "."), niveles=LIMITE_PROFUNDIDAD,
        migraciones="\n".join(migraciones) or "- (ninguno)",
        claves_politica=", ".join(f"`{c}`" for c in sorted(tipos["politica"].claves)),
        claves_escenario=", ".join(f"`{c}`" for c in sorted(tipos["escenario"].claves)),
    )]
    vistos: set[type[BaseModel]] = set()
    for nombre, tipo in sorted(tipos.items()):
        partes += [f"## Archivo de {nombre}", "",
                   f"Esquema: `esquemas/{tipo.archivo_esquema}`.", ""]
        for modelo in _modelos(tipo.modelo):
            if modelo not in vistos:
                vistos.add(modelo)
                partes += _tabla(modelo)
    return "\n".join(partes).rstrip() + "\n"


# ---------------------------------------------------------------- docs/modelo.md: parámetros

MARCA_INICIO = "<!-- tabla-parametros:inicio -->"
"""Marca que abre, en ``docs/modelo.md``, la tabla de parámetros generada."""
MARCA_FIN = "<!-- tabla-parametros:fin -->"
"""Marca que cierra la tabla de parámetros generada."""

_METADATOS = frozenset({"version", "nombre", "descripcion", "esquema"})
"""Campos del escenario que describen el archivo y no son parámetros del modelo."""


def _secciones_parametros() -> list[tuple[str, type[BaseModel], frozenset[str]]]:
    """(título, modelo, campos omitidos) de cada tabla, en el orden del documento."""
    from simulador.config import (
        ClienteAncla,
        ConfigMarkov,
        CostosCanal,
        EquipoCobranza,
        Escenario,
        MontoFactura,
        ParametrosComportamiento,
        Postulantes,
        Segmento,
        Shock,
    )

    subsecciones = frozenset(
        n for n, i in Escenario.model_fields.items() if _contiene_modelo(i.annotation)
    )
    return [
        ("Comportamiento de pago (`comportamiento`)", ParametrosComportamiento, frozenset()),
        ("Segmentos de clientes (`segmentos[i]`)", Segmento, frozenset()),
        ("Monto de las facturas (`segmentos[i].monto_factura`)", MontoFactura, frozenset()),
        ("Escenario: valores generales", Escenario, _METADATOS | subsecciones),
        ("Cliente ancla (`cliente_ancla`)", ClienteAncla, frozenset()),
        ("Postulantes a crédito (`postulantes`)", Postulantes, frozenset()),
        ("Equipo de cobranza (`equipo`)", EquipoCobranza, frozenset()),
        ("Costos por canal y escalada (`costos`)", CostosCanal, frozenset()),
        ("Shocks económicos (`shocks[i]`)", Shock, frozenset()),
        ("Modo markov (`markov`)", ConfigMarkov, frozenset()),
    ]


def _contiene_modelo(anotacion: Any) -> bool:
    """Si la anotación es, o contiene, un modelo pydantic (una subsección)."""
    if _es_modelo(anotacion):
        return True
    return any(_contiene_modelo(a) for a in get_args(anotacion) if a is not Ellipsis)


def _fila_parametro(nombre: str, info: FieldInfo) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    fuente = str(extra.get("fuente", "")) or "dato del escenario"
    defecto = "**obligatorio**" if info.is_required() else _defecto(info)
    return "| " + " | ".join(_celda(x) for x in (
        f"`{info.alias or nombre}`", info.description or "", unidad_de(info) or "—",
        defecto, fuente,
    )) + " |"


def tabla_parametros() -> str:
    """La tabla de parámetros de ``docs/modelo.md``, generada desde los modelos de configuración.

    Una tabla por sección del escenario con cada campo: significado, unidad, valor por defecto y
    fuente (la de ``json_schema_extra``; "dato del escenario" si el campo no declara fuente porque
    describe al negocio y no una conducta). Va entre ``MARCA_INICIO`` y ``MARCA_FIN``.
    """
    lineas: list[str] = []
    for titulo, modelo, omitidos in _secciones_parametros():
        doc = (modelo.__doc__ or "").strip().splitlines()[0]
        lineas += [f"### {titulo}", "", doc, "",
                   "| parámetro | significado | unidad | por defecto | fuente |",
                   "|---|---|---|---|---|"]
        lineas += [_fila_parametro(n, i) for n, i in modelo.model_fields.items()
                   if n not in omitidos]
        lineas.append("")
    return "\n".join(lineas).rstrip() + "\n"


def extraer_tabla(texto: str) -> str:
    """Lo que hay entre las marcas de la tabla de parámetros (sin las marcas ni sus saltos)."""
    if texto.count(MARCA_INICIO) != 1 or texto.count(MARCA_FIN) != 1:
        raise ValueError(f"docs/modelo.md debe tener una vez {MARCA_INICIO} y una vez {MARCA_FIN}")
    inicio = texto.index(MARCA_INICIO) + len(MARCA_INICIO)
    fin = texto.index(MARCA_FIN)
    if fin < inicio:
        raise ValueError(f"{MARCA_FIN} aparece antes de {MARCA_INICIO}")
    return texto[inicio:fin].strip("\n") + "\n"


def texto_modelo(actual: str) -> str:
    """``docs/modelo.md`` con la tabla de parámetros regenerada entre sus marcas."""
    extraer_tabla(actual)  # valida las marcas
    antes, resto = actual.split(MARCA_INICIO)
    _, despues = resto.split(MARCA_FIN)
    return f"{antes}{MARCA_INICIO}\n\n{tabla_parametros()}\n{MARCA_FIN}{despues}"


def escribir_modelo(raiz: Path = RAIZ) -> Path | None:
    """Regenera la tabla de parámetros de ``docs/modelo.md`` (si el documento existe)."""
    ruta = raiz / "docs" / "modelo.md"
    if not ruta.exists():
        return None
    actual = ruta.read_text(encoding="utf-8")
    nuevo = texto_modelo(actual)
    if nuevo != actual:
        ruta.write_text(nuevo, encoding="utf-8")
    return ruta


# ---------------------------------------------------------------- todo junto


def generar(raiz: Path = RAIZ) -> list[Path]:
    """Escribe ``docs/formatos.md``, los esquemas JSON y la tabla de ``docs/modelo.md``."""
    docs = raiz / "docs" / "formatos.md"
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(texto_formatos(), encoding="utf-8")
    modelo = escribir_modelo(raiz)
    return [docs, *([modelo] if modelo else []), *escribir_esquemas(raiz / "esquemas")]


escribir_todo = generar
"""Alias de :func:`generar`: regenera todo lo que sale de los modelos de configuración."""


if __name__ == "__main__":
    for ruta in generar():
        print(f"escrito {ruta.relative_to(RAIZ)}")
