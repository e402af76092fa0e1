"""Lectura segura de YAML ajeno: límites, sin ejecución de código y con la línea de cada valor.

Pasos, en orden, antes de construir un solo objeto de Python:

1. tope de tamaño (``LIMITE_BYTES``) y texto UTF-8;
2. recorrido de los eventos del analizador (no recursivo) que rechaza el anidamiento profundo y
   los archivos con varios documentos, antes de componer el árbol (PyYAML compone con recursión);
3. composición del árbol de nodos con ``yaml.SafeLoader`` (Python puro; nunca ``CSafeLoader``, que
   revienta el proceso con anidamientos profundos);
4. sobre el árbol: etiquetas permitidas, ciclos de alias (``a: &a [1, *a]``) y cantidad de
   nodos y profundidad contadas como si los alias estuvieran expandidos (memorizado, lineal), de
   modo que una "bomba de alias" se rechaza antes de expandirse;
5. construcción propia del resultado, que rechaza claves repetidas y no textuales y anota la línea
   de cada valor en un :class:`NodoIndex`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from simulador.carga.errores import ErrorCarga, ProblemaArchivo, formatear_ruta

LIMITE_BYTES = 256 * 1024
"""Tamaño máximo de un archivo (bytes)."""
LIMITE_PROFUNDIDAD = 24
"""Niveles máximos de anidamiento (también contados con los alias expandidos)."""
LIMITE_NODOS = 100_000
"""Nodos máximos contados como si los alias estuvieran expandidos."""

Ruta = tuple[str | int, ...]

_PREFIJO = "tag:yaml.org,2002:"
ETIQUETAS_PERMITIDAS = frozenset(
    _PREFIJO + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_BOOLEANOS_11 = {"yes", "no", "on", "off", "y", "n", "true", "false"}

_TRADUCCIONES = (
    ("mapping values are not allowed here", "aquí no puede ir «clave: valor» (¿falta un salto "
     "de línea o sobra un ':'? Si el texto lleva ': ', póngalo entre comillas)"),
    ("could not find expected ':'", "se esperaba ':' después de la clave"),
    ("cannot start any token", "hay un carácter que no puede empezar un valor (¿un tabulador? "
     "Use espacios para sangrar)"),
    ("found undefined alias", "se usa un alias (*nombre) que no fue definido"),
    ("did not find expected key", "la sangría no cuadra: se esperaba otra clave al mismo nivel"),
    ("did not find expected '-' indicator", "la sangría de la lista no cuadra"),
    ("expected <block end>", "la sangría no cuadra con la de las líneas anteriores"),
    ("found unexpected end of stream", "el archivo termina antes de cerrar unas comillas o "
     "corchetes"),
    ("found unknown escape character", "secuencia de escape desconocida dentro de comillas dobles"),
    ("expected a comment or a line break", "sobra texto después del valor"),
    ("unacceptable character", "el archivo contiene un carácter no permitido"),
    ("found duplicate anchor", "el ancla (&nombre) está definida dos veces"),
    ("expected ',' or ']'", "en la lista entre corchetes falta una coma o el «]» que la cierra"),
    ("expected ',' or '}'", "en la sección entre llaves falta una coma o la «}» que la cierra"),
    ("expected <document start>", "sobra texto después del final (¿una llave o un corchete de "
     "más?)"),
    ("did not find expected node content", "falta un valor donde se esperaba uno"),
    ("found character '%' that cannot start", "un valor no puede empezar con «%»: póngalo entre "
     "comillas"),
)


_GENERICO = ("revise en esta línea y la anterior las comillas, los corchetes y llaves, la "
             "sangría (con espacios) y que cada dato sea «clave: valor»")


class NodoIndex:
    """Línea (desde 1) de cada valor del archivo, por su ruta (claves e índices)."""

    def __init__(self) -> None:
        self._lineas: dict[Ruta, int] = {}
        self.crudo: dict[Ruta, str] = {}
        """Texto tal como estaba escrito, para los escalares sin comillas."""

    def registrar(self, ruta: Ruta, linea: int) -> None:
        """Anota la línea de ``ruta`` (si ya estaba, se conserva la primera)."""
        self._lineas.setdefault(ruta, linea)

    def existe(self, ruta: Ruta) -> bool:
        """Si el archivo escribe ese valor."""
        return tuple(ruta) in self._lineas

    def linea(self, ruta: Ruta) -> int | None:
        """La línea exacta de ``ruta`` (None si el archivo no la escribe)."""
        return self._lineas.get(tuple(ruta))

    def linea_cercana(self, ruta: Ruta) -> int | None:
        """La línea de ``ruta`` o de su antepasado más cercano que el archivo escribe."""
        ruta = tuple(ruta)
        for n in range(len(ruta), -1, -1):
            if ruta[:n] in self._lineas:
                return self._lineas[ruta[:n]]
        return None

    def renombrar(self, vieja: Ruta, nueva: Ruta) -> None:
        """Mueve las líneas de ``vieja`` (y lo que cuelga de ella) a ``nueva``."""
        n = len(vieja)
        for ruta in [r for r in self._lineas if r[:n] == tuple(vieja)]:
            self._lineas[tuple(nueva) + ruta[n:]] = self._lineas.pop(ruta)
        for ruta in [r for r in self.crudo if r[:n] == tuple(vieja)]:
            self.crudo[tuple(nueva) + ruta[n:]] = self.crudo.pop(ruta)

    def subindice(self, prefijo: Ruta) -> NodoIndex:
        """Un índice de lo que cuelga de ``prefijo``, con rutas relativas a él."""
        sub = NodoIndex()
        n = len(prefijo)
        for ruta, linea in self._lineas.items():
            if ruta[:n] == tuple(prefijo):
                sub._lineas[ruta[n:]] = linea
        for ruta, texto in self.crudo.items():
            if ruta[:n] == tuple(prefijo):
                sub.crudo[ruta[n:]] = texto
        return sub

    def rutas(self) -> Iterator[Ruta]:
        """Todas las rutas anotadas."""
        return iter(self._lineas)


def _linea(marca: Any) -> int | None:
    return marca.line + 1 if marca is not None else None


def _problema(archivo: str, linea: int | None, mensaje: str, ruta: str = "") -> ProblemaArchivo:
    return ProblemaArchivo(archivo=archivo, linea=linea, ruta=ruta, mensaje=mensaje)


def _error_sintaxis(archivo: str, error: yaml.YAMLError) -> ErrorCarga:
    marca = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    linea = marca.line + 1 if marca is not None else None
    problema = str(getattr(error, "problem", "") or error)
    texto = next((es for en, es in _TRADUCCIONES if en in problema), None)
    # siempre en español: sin una traducción precisa, qué revisar en esa línea
    mensaje = f"YAML mal escrito: {texto or _GENERICO}"
    return ErrorCarga([_problema(archivo, linea, mensaje)])


def _texto(contenido: str | bytes, archivo: str) -> str:
    tamano = len(contenido) if isinstance(contenido, bytes) else len(contenido.encode("utf-8"))
    if tamano > LIMITE_BYTES:
        raise ErrorCarga([_problema(
            archivo, None, f"el archivo pesa {tamano} bytes; el máximo es {LIMITE_BYTES} bytes "
            f"({LIMITE_BYTES // 1024} KB)",
        )])
    if isinstance(contenido, bytes):
        try:
            contenido = contenido.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ErrorCarga([_problema(
                archivo, None, f"el archivo no está en UTF-8 (byte {e.start}); guárdelo como UTF-8",
            )]) from None
    return contenido.removeprefix("\ufeff")


def _revisar_eventos(texto: str, archivo: str) -> None:
    """Recorre los eventos (sin recursión): profundidad y un solo documento."""
    cargador = yaml.SafeLoader(texto)
    try:
        profundidad = documentos = 0
        while cargador.check_event():
            evento = cargador.get_event()
            if isinstance(evento, yaml.CollectionStartEvent):
                profundidad += 1
                if profundidad > LIMITE_PROFUNDIDAD:
                    raise ErrorCarga([_problema(
                        archivo, _linea(evento.start_mark),
                        f"anidamiento demasiado profundo: más de {LIMITE_PROFUNDIDAD} niveles",
                    )])
            elif isinstance(evento, yaml.CollectionEndEvent):
                profundidad -= 1
            elif isinstance(evento, yaml.DocumentStartEvent):
                documentos += 1
                if documentos > 1:
                    raise ErrorCarga([_problema(
                        archivo, _linea(evento.start_mark),
                        "el archivo tiene más de un documento YAML (separados por ---); "
                        "debe tener uno solo",
                    )])
    except yaml.YAMLError as e:
        raise _error_sintaxis(archivo, e) from None
    finally:
        cargador.dispose()


def _hijos(nodo: yaml.Node) -> list[yaml.Node]:
    if isinstance(nodo, yaml.SequenceNode):
        return list(nodo.value)
    if isinstance(nodo, yaml.MappingNode):
        return [n for par in nodo.value for n in par]
    return []


def _revisar_arbol(raiz: yaml.Node, archivo: str) -> None:
    """Etiquetas, ciclos, nodos y profundidad con alias expandidos (memorizado, sin recursión)."""
    cuenta: dict[int, int] = {}
    hondura: dict[int, int] = {}
    estado: dict[int, int] = {}  # 1 = en el camino actual, 2 = terminado
    pila: list[tuple[yaml.Node, bool]] = [(raiz, False)]
    while pila:
        nodo, cerrar = pila.pop()
        i = id(nodo)
        linea = nodo.start_mark.line + 1
        if cerrar:
            hijos = _hijos(nodo)
            cuenta[i] = 1 + sum(cuenta[id(h)] for h in hijos)
            hondura[i] = 1 + max((hondura[id(h)] for h in hijos), default=0)
            estado[i] = 2
            if cuenta[i] > LIMITE_NODOS:
                raise ErrorCarga([_problema(
                    archivo, linea, f"el archivo se expande a más de {LIMITE_NODOS} valores "
                    "(¿alias que se repiten unos a otros, una «bomba de alias»?); se rechaza",
                )])
            if hondura[i] > LIMITE_PROFUNDIDAD + 1:
                raise ErrorCarga([_problema(
                    archivo, linea, f"anidamiento demasiado profundo al expandir los alias: más "
                    f"de {LIMITE_PROFUNDIDAD} niveles",
                )])
            continue
        if estado.get(i) == 2:
            continue
        if estado.get(i) == 1:
            raise ErrorCarga([_problema(
                archivo, linea, "un alias se contiene a sí mismo (ciclo); no se permite",
            )])
        if nodo.tag not in ETIQUETAS_PERMITIDAS:
            mensaje = f"etiqueta no permitida '{nodo.tag.replace(_PREFIJO, '!!')}'"
            if nodo.tag == _PREFIJO + "merge":
                mensaje = "no se permiten claves de fusión (<<); escriba los valores"
            elif "python" in nodo.tag:
                mensaje += " (los archivos no pueden crear objetos de Python)"
            raise ErrorCarga([_problema(
                archivo, linea, mensaje + "; solo se admiten textos, números, sí/no, fechas, "
                "listas y secciones",
            )])
        estado[i] = 1
        pila.append((nodo, True))
        pila.extend((h, False) for h in _hijos(nodo))


class _Constructor:
    """Arma el resultado desde el árbol ya revisado, anotando líneas y claves repetidas."""

    def __init__(self, cargador: yaml.SafeLoader, archivo: str) -> None:
        self.cargador = cargador
        self.archivo = archivo
        self.indice = NodoIndex()
        self.problemas: list[ProblemaArchivo] = []

    def construir(self, nodo: yaml.Node, ruta: Ruta) -> Any:
        linea = nodo.start_mark.line + 1
        self.indice.registrar(ruta, linea)
        if isinstance(nodo, yaml.SequenceNode):
            return [self.construir(h, (*ruta, i)) for i, h in enumerate(nodo.value)]
        if isinstance(nodo, yaml.MappingNode):
            return self._mapa(nodo, ruta)
        if getattr(nodo, "style", None) is None:
            self.indice.crudo[ruta] = str(nodo.value)
        try:
            return self.cargador.construct_object(nodo, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):
            return str(nodo.value)  # p. ej. una fecha que no existe: el modelo la rechaza

    def _mapa(self, nodo: yaml.MappingNode, ruta: Ruta) -> dict[str, Any]:
        resultado: dict[str, Any] = {}
        primeras: dict[str, int] = {}
        for nodo_clave, nodo_valor in nodo.value:
            linea = nodo_clave.start_mark.line + 1
            clave = (
                self.cargador.construct_object(nodo_clave, deep=True)
                if isinstance(nodo_clave, yaml.ScalarNode) else None
            )
            if not isinstance(clave, str):
                mensaje = "cada clave debe ser un texto"
                valor = getattr(nodo_clave, "value", "")
                if isinstance(valor, str) and valor.lower() in _BOOLEANOS_11:
                    mensaje += f" ('{valor}' se lee como sí/no: escríbalo entre comillas)"
                self.problemas.append(
                    _problema(self.archivo, linea, mensaje, formatear_ruta(ruta))
                )
                continue
            aqui = (*ruta, clave)
            if clave in primeras:
                self.problemas.append(_problema(
                    self.archivo, linea, f"valor repetido: la clave '{clave}' ya aparece en la "
                    f"línea {primeras[clave]}", formatear_ruta(aqui),
                ))
                continue
            primeras[clave] = linea
            resultado[clave] = self.construir(nodo_valor, aqui)
            self.indice._lineas[aqui] = linea  # la línea de la clave, no la del valor
        return resultado


def leer_yaml_crudo(
    contenido: str | bytes, archivo: str
) -> tuple[Any, NodoIndex, list[ProblemaArchivo]]:
    """Lee con todas las defensas; devuelve los datos, el índice de líneas y los problemas leves.

    Los problemas leves (claves repetidas o no textuales, fechas imposibles) no impiden seguir
    validando, para informar todos los errores juntos.

    Raises:
        ErrorCarga: si el archivo es demasiado grande, está mal escrito o es peligroso.
    """
    texto = _texto(contenido, archivo)
    _revisar_eventos(texto, archivo)
    cargador = yaml.SafeLoader(texto)
    try:
        try:
            raiz = cargador.get_single_node()
        except yaml.YAMLError as e:
            raise _error_sintaxis(archivo, e) from None
        if raiz is None:
            return None, NodoIndex(), []
        _revisar_arbol(raiz, archivo)
        constructor = _Constructor(cargador, archivo)
        datos = constructor.construir(raiz, ())
        return datos, constructor.indice, constructor.problemas
    finally:
        cargador.dispose()


def leer_yaml_seguro(contenido: str | bytes, archivo: str) -> tuple[Any, NodoIndex]:
    """Lee YAML ajeno con todas las defensas y devuelve los datos y el índice de líneas.

    Raises:
        ErrorCarga: ante cualquier problema, con todos los problemas encontrados.
    """
    datos, indice, problemas = leer_yaml_crudo(contenido, archivo)
    if problemas:
        raise ErrorCarga(problemas)
    return datos, indice
