"""La app de Streamlit: páginas, estado por usuario, cálculos en caché y componentes.

Es el único lugar del paquete que importa streamlit; todo lo que calcula, grafica o escribe
archivos vive en módulos puros (``simulador.graficos``, ``simulador.lectura``,
``simulador.informe``, ``simulador.exportar``, ``simulador.formato``).
"""
